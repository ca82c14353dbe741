"""The workspace: one store and everything the CLI and the web app do with it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from .bulk import BULK_MIN_BYTES, BulkParsed, bulk_candidate
from .errors import KenaliError
from .importers.base import PLATFORMS, AccountRef
from .importers.values import DEFAULT_TZ
from .ingest import FileResult, Parsed, parse_source, write_parsed
from .progress import Progress
from .sources import check_paths, iter_sources
from .store import connect, default_db_path

DATA_TABLES = ("accounts", "account_daily", "follower_snapshots", "audience", "follower_activity",
               "posts", "post_metrics", "comments", "followers", "imports", "raw_records", "changes")


class Workspace:
    """A kenali store opened for reading and writing (DuckDB allows one writing process)."""

    bulk_min_bytes = BULK_MIN_BYTES  # files at least this big go through the SQL bulk path

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = Path(path).expanduser() if path else default_db_path()
        self.con: duckdb.DuckDBPyConnection = connect(self.path, read_only=read_only)

    def close(self) -> None:
        """Release the file (and its lock)."""
        self.con.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def import_paths(self, paths: list[str], account: str | None = None,
                     platform: str | None = None, tz: str = DEFAULT_TZ,
                     progress: bool | None = None) -> list[FileResult]:
        """Import files, folders and zips in one transaction; return a result per file."""
        return run_import(self.con, paths, account=account, platform=platform, tz=tz,
                          progress=progress, bulk_min_bytes=self.bulk_min_bytes)

    def add_account(self, platform: str, handle: str, display_name: str | None = None,
                    institution: str | None = None) -> int:
        """Create an account (and its institution) if missing; return its id."""
        institution_id = None
        if institution:
            self.con.execute("INSERT INTO institutions (name) VALUES (?) ON CONFLICT DO NOTHING",
                             [institution])
            institution_id = self.con.execute(
                "SELECT institution_id FROM institutions WHERE name = ?",
                [institution]).fetchone()[0]  # type: ignore[index]
        handle = handle.lstrip("@").lower()
        row = self.con.execute("SELECT account_id FROM accounts WHERE platform=? AND handle=?",
                               [platform, handle]).fetchone()
        if row:
            self.con.execute("UPDATE accounts SET display_name = coalesce(?, display_name), "
                             "institution_id = coalesce(?, institution_id) WHERE account_id=?",
                             [display_name, institution_id, row[0]])
            return int(row[0])
        return int(self.con.execute(
            "INSERT INTO accounts (platform, handle, display_name, institution_id) "
            "VALUES (?, ?, ?, ?) RETURNING account_id",
            [platform, handle, display_name, institution_id]).fetchall()[0][0])

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
                for t in DATA_TABLES}

    def status(self) -> dict[str, Any]:
        """Accounts with their date ranges and counts, and rows per table."""
        accounts = self.con.execute("""
            SELECT a.account_id, a.platform, a.handle, a.display_name, i.name,
              (SELECT min(date) FROM account_daily d WHERE d.account_id = a.account_id),
              (SELECT max(date) FROM account_daily d WHERE d.account_id = a.account_id),
              (SELECT count(*) FROM posts p WHERE p.account_id = a.account_id),
              (SELECT count(*) FROM comments c WHERE c.account_id = a.account_id),
              (SELECT followers FROM follower_snapshots s WHERE s.account_id = a.account_id
                 ORDER BY observed_at DESC LIMIT 1)
            FROM accounts a LEFT JOIN institutions i USING (institution_id)
            ORDER BY a.platform, a.handle
        """).fetchall()
        per_platform: dict[str, dict[str, int]] = {}
        for table in ("posts", "comments"):
            for platform, n in self.con.execute(
                    f"SELECT platform, count(*) FROM {table} GROUP BY 1 ORDER BY 1").fetchall():
                per_platform.setdefault(platform, {})[table] = int(n)
        for platform, n in self.con.execute(
                "SELECT platform, count(*) FROM accounts GROUP BY 1").fetchall():
            per_platform.setdefault(platform, {})["accounts"] = int(n)
        return {
            "db": str(self.path),
            "accounts": [
                {"account_id": r[0], "platform": r[1], "handle": r[2], "display_name": r[3],
                 "institution": r[4], "first_day": r[5].isoformat() if r[5] else None,
                 "last_day": r[6].isoformat() if r[6] else None, "posts": r[7], "comments": r[8],
                 "followers": r[9]}
                for r in accounts],
            "tables": self.counts(),
            "platforms": per_platform,
        }


def run_import(con: duckdb.DuckDBPyConnection, paths: list[str], account: str | None = None,
               platform: str | None = None, tz: str = DEFAULT_TZ, progress: bool | None = None,
               bulk_min_bytes: int = BULK_MIN_BYTES) -> list[FileResult]:
    """Import files, folders and zips over a connection in one transaction (the one write path)."""
    if platform is not None and platform not in PLATFORMS:
        raise KenaliError("error.bad_platform", platform=platform, known=", ".join(PLATFORMS))
    ref = AccountRef(platform or "any", account.lstrip("@").lower() if account else None) \
        if (account or platform) else None
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise KenaliError("error.bad_tz", tz=tz) from exc
    checked = check_paths(paths)
    parsed: list[Parsed | BulkParsed] = []
    results: list[FileResult] = []
    with Progress("baca", enabled=progress) as bar:
        for source in iter_sources(checked):
            sha = hashlib.sha256(source.data).hexdigest()
            bulk = bulk_candidate(source, sha, ref, tz, min_bytes=bulk_min_bytes)
            if bulk is not None:
                source.data = b""  # DuckDB reads the file itself; do not hold it twice
                parsed.append(bulk)
                results.append(bulk.result)
                bar.update(1)
                continue
            outcome = parse_source(source, ref, tz, sha)
            if isinstance(outcome, FileResult):
                results.append(outcome)
            else:
                parsed.append(outcome)
                results.append(outcome.result)
            bar.update(1)
    total = sum(p.result.rows_read for p in parsed if isinstance(p, Parsed))
    with Progress("tulis", total=total, enabled=progress) as bar:
        con.execute("BEGIN TRANSACTION")
        try:
            write_parsed(con, parsed, bar)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return results


def open(path: str | Path | None = None, read_only: bool = False) -> Workspace:  # noqa: A001
    """Open a kenali store (created and migrated if needed)."""
    return Workspace(path, read_only=read_only)
