"""Errors that reach a user as one clear line, never as a traceback."""

from __future__ import annotations

from .i18n import t


class KenaliError(Exception):
    """A problem the user can fix; the message is already translated."""

    exit_code = 2

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, None, **values))


class InputError(KenaliError):
    """Bad input file: names the file, line and column when known."""
