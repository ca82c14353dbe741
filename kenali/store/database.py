"""Open the DuckDB file: default location, clear errors, migrations on open."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from ..errors import KenaliError
from .migrations import apply_migrations, check_not_newer


def default_db_path() -> Path:
    """KENALI_DB if set, else kenali.duckdb in the user's data directory (XDG)."""
    env = os.environ.get("KENALI_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kenali" / "kenali.duckdb"


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate a store; raise KenaliError with a clear message."""
    db = Path(path).expanduser() if path else default_db_path()
    if read_only and not db.exists():
        raise KenaliError("error.db_missing", path=str(db))
    if not read_only:
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KenaliError("error.db_unwritable", path=str(db), reason=exc.strerror) from exc
        if not os.access(db.parent, os.W_OK) or (db.exists() and not os.access(db, os.W_OK)):
            raise KenaliError("error.db_unwritable", path=str(db), reason="permission denied")
    try:
        con = duckdb.connect(str(db), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise KenaliError("error.db_locked", path=str(db)) from exc
        raise KenaliError("error.db_unreadable", path=str(db), reason=message.splitlines()[0]) from exc
    except duckdb.Error as exc:
        raise KenaliError("error.db_unreadable", path=str(db), reason=str(exc).splitlines()[0]) from exc
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB's own progress bar would write to stdout and spoil --json output.
    con.execute("SET enable_progress_bar = false")
    if read_only:
        try:
            check_not_newer(con, str(db))
        except BaseException:
            con.close()
            raise
        return con
    try:
        apply_migrations(con, str(db))
    except BaseException:
        con.close()
        raise
    return con
