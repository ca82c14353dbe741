"""Results of expensive library calls kept per (what, arguments, store version) for the pages.

The server holds the store's only read-write connection, so every change goes through this
process; the version is still read from the store itself (a few cheap aggregates) so that no
write path has to remember to invalidate anything. One computation runs per key at a time:
users who ask for the same result meanwhile wait for it instead of computing it again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

if TYPE_CHECKING:
    from .app import Page

T = TypeVar("T")

# What the performance pages read changes only with an import.
DATA_VERSION = "SELECT count(*), max(import_id), max(finished_at) FROM imports"
# The inbox's labels change with a triage run or a correction ...
LABELS_VERSION = """SELECT (SELECT count(*) FROM triage_decisions),
    (SELECT max(decided_at) FROM triage_decisions), (SELECT count(*) FROM triage_clusters),
    (SELECT max(correction_id) FROM triage_corrections)"""
# ... and its queues also with the work state (done, reopened, assigned).
WORK_VERSION = "SELECT count(*), max(updated_at) FROM triage_work"


def data_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes whenever an import adds or changes data."""
    return tuple(db.execute(DATA_VERSION).fetchall()[0])


def labels_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes with imports, triage runs and corrections."""
    return data_version(db) + tuple(db.execute(LABELS_VERSION).fetchall()[0])


def inbox_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes with anything that moves a comment between queues or states."""
    return labels_version(db) + tuple(db.execute(WORK_VERSION).fetchall()[0])


class ResultCache:
    """A bounded LRU of computed results with one computation per key at a time."""

    def __init__(self, entries: int = 128) -> None:
        self.entries = entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of key, computed (once, whoever asks meanwhile) when missing."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._values:
                    return self._values[key]  # type: ignore[no-any-return]
            value = compute()
            with self._lock:
                self._values[key] = value
                # Old versions of a result are never asked for again: drop the oldest first.
                while len(self._values) > self.entries:
                    self._values.popitem(last=False)
                self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        """Forget every result."""
        with self._lock:
            self._values.clear()


def cached(page: Page, what: str, version: Callable[[duckdb.DuckDBPyConnection], tuple[Any, ...]],
           args: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The app's cached result of `what` for these arguments at the store's current version."""
    cache: ResultCache = page.request.app.state.cache
    return cache.get((what, args, version(page.db)), compute)
