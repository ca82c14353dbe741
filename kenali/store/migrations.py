"""Named, transactional schema migrations, applied automatically and recorded."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import duckdb

from ..errors import KenaliError


@dataclass(frozen=True)
class Migration:
    """One schema step: a name recorded in the store and the SQL that performs it."""

    name: str
    sql: str


def _load() -> list[Migration]:
    folder = resources.files("kenali").joinpath("store/migrations")
    files = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [Migration(f.removesuffix(".sql"), folder.joinpath(f).read_text("utf-8")) for f in files]


MIGRATIONS: list[Migration] = _load()


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of migrations recorded in this store, oldest first."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)"
    )
    rows = con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
    return [r[0] for r in rows]


def check_not_newer(con: duckdb.DuckDBPyConnection, path: str = "") -> None:
    """Refuse a store written by a newer kenali (read-only opens apply nothing)."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_migrations'").fetchall()[0][0]
    if not exists:
        return
    known = {m.name for m in MIGRATIONS}
    done = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    newer = [name for name in done if name not in known]
    if newer:
        raise KenaliError("error.db_newer", path=path, migration=newer[-1])


def apply_migrations(con: duckdb.DuckDBPyConnection, path: str = "") -> list[str]:
    """Apply every pending migration, each in its own transaction; return the names applied."""
    done = applied_migrations(con)
    known = {m.name for m in MIGRATIONS}
    newer = [name for name in done if name not in known]
    if newer:
        raise KenaliError("error.db_newer", path=path, migration=newer[-1])
    applied = []
    for migration in MIGRATIONS:
        if migration.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [migration.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.name)
    return applied
