"""Import files into the store: read, detect, map, then write everything in one transaction."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from . import importers
from .bulk import BulkParsed
from .i18n import t
from .importers.base import AccountRef, Context, Format, Record, Skip
from .importers.readers import Document, read_document
from .progress import Progress
from .sources import Source
from .store.writer import SPECS, merge, to_arrow

MAX_SKIPPED_LISTED = 50


@dataclass
class FileResult:
    """What happened to one file of an import."""

    file: str
    status: str  # imported | already_imported | unrecognised | unreadable | needs_account | failed
    format: str | None = None
    rows_read: int = 0
    rows_written: int = 0
    rows_skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    skipped_rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    message: str | None = None
    import_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [], {})
                or k in ("rows_read", "rows_written", "rows_skipped")}


@dataclass
class Parsed:
    """A file read and mapped, waiting for the write transaction."""

    source: Source
    doc: Document
    fmt: Format
    sha256: str
    ctx: Context
    records: list[Record]
    skips: list[Skip]
    result: FileResult


def _raw_rows(doc: Document) -> list[tuple[int, str]]:
    """The document's rows as stored raw records: enough to rebuild the document."""
    rows: list[tuple[int, str]] = []
    if doc.kind in ("csv", "xlsx"):
        for index, block in enumerate(doc.blocks):
            rows.append((block.header_line, json.dumps(
                {"b": index, "title": block.title, "header": block.header}, ensure_ascii=False)))
            rows.extend((line, json.dumps({"b": index, "c": cells}, ensure_ascii=False))
                        for line, cells in block.rows)
    else:
        items = doc.data if isinstance(doc.data, list) else [doc.data]
        rows.extend((n, json.dumps({"json": item}, ensure_ascii=False))
                    for n, item in enumerate(items, start=1))
    return rows


def rows_in(doc: Document) -> int:
    """Data rows (CSV) or items (JSON) in a document."""
    if doc.kind in ("csv", "xlsx"):
        return sum(len(b.rows) for b in doc.blocks)
    if isinstance(doc.data, list):
        return len(doc.data)
    if isinstance(doc.data, dict):
        for key in ("data", "items", "comments"):
            if isinstance(doc.data.get(key), list):
                return len(doc.data[key])
    return 1


def parse_source(source: Source, account: AccountRef | None, tz: str,
                 sha256: str | None = None) -> Parsed | FileResult:
    """Read and map one file; a file that cannot be used comes back as a FileResult."""
    doc = read_document(source.name, source.data, source.modified.date())
    if doc.problem:
        return FileResult(source.display, "unreadable", message=doc.problem)
    fmt, ranked = importers.detect(doc)
    if fmt is None:
        closest = [t("import.closest", format=f.key,
                     missing=", ".join(d.missing) or t("import.content_check"))
                   for f, d in ranked[:3] if d.score > 0]
        return FileResult(source.display, "unrecognised",
                          message="; ".join(closest) if closest else t("import.no_known_columns"))
    ctx = Context(file_name=source.name, observed_at=source.modified,
                  reference_date=source.modified.date(), tz=tz, account=account,
                  source_path=source.display)
    records: list[Record] = []
    skips: list[Skip] = []
    try:
        for item in fmt.records(doc, ctx):
            (skips if isinstance(item, Skip) else records).append(item)  # type: ignore[arg-type]
    except Exception as exc:  # a mapper bug must not take the whole import down
        return FileResult(source.display, "failed", format=fmt.key,
                          message=f"{type(exc).__name__}: {exc}")
    reasons = Counter(s.reason.split(":")[0] if len(s.reason) > 80 else s.reason for s in skips)
    result = FileResult(source.display, "imported", format=fmt.key, rows_read=rows_in(doc),
                        rows_skipped=len(skips), skipped_reasons=dict(reasons),
                        skipped_rows=[{"line": s.line, "reason": s.reason}
                                      for s in skips[:MAX_SKIPPED_LISTED]],
                        warnings=list(ctx.warnings))
    sha = sha256 or hashlib.sha256(source.data).hexdigest()
    return Parsed(source, doc, fmt, sha, ctx, records, skips, result)


class AccountResolver:
    """Find or create accounts inside the import transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.cache: dict[tuple[str, str], int] = {}
        self.named: set[AccountRef] = set()  # refs whose name/id were already written

    def resolve(self, ref: AccountRef) -> int | None:
        platform = ref.platform
        handle = (ref.handle or "").lstrip("@").strip().lower() or None
        if handle is None and ref.platform_account_id:
            row = self.con.execute(
                "SELECT account_id FROM accounts WHERE platform=? AND platform_account_id=?",
                [platform, ref.platform_account_id]).fetchone()
            if row:
                return int(row[0])
        if handle is None:
            rows = self.con.execute("SELECT account_id FROM accounts WHERE platform=?",
                                    [platform]).fetchall()
            return int(rows[0][0]) if len(rows) == 1 else None
        key = (platform, handle)
        # A ref that brings a name or an id must reach the UPDATE below once, cached or not.
        if key in self.cache and (ref in self.named or not (ref.display_name or ref.platform_account_id)):
            return self.cache[key]
        row = self.con.execute("SELECT account_id FROM accounts WHERE platform=? AND handle=?",
                               [platform, handle]).fetchone()
        if row:
            account_id = int(row[0])
            if ref.display_name or ref.platform_account_id:
                self.con.execute(
                    "UPDATE accounts SET display_name = coalesce(display_name, ?), "
                    "platform_account_id = coalesce(platform_account_id, ?) WHERE account_id = ?",
                    [ref.display_name, ref.platform_account_id, account_id])
        else:
            account_id = int(self.con.execute(
                "INSERT INTO accounts (platform, handle, platform_account_id, display_name) "
                "VALUES (?, ?, ?, ?) RETURNING account_id",
                [platform, handle, ref.platform_account_id, ref.display_name]).fetchall()[0][0])
        self.cache[key] = account_id
        self.named.add(ref)
        return account_id


def _self_identified(records: list[Record], resolver: AccountResolver) -> bool:
    """True when every record names its account by handle or by a platform id already stored."""
    refs = {r.values["account"] for r in records if isinstance(r.values.get("account"), AccountRef)}
    if not refs:
        return False
    return all(ref.handle or (ref.platform_account_id and resolver.resolve(ref) is not None)
               for ref in refs)


def _account_for(record: Record, default_for: Any) -> int | None:
    ref = record.values.get("account")
    if isinstance(ref, AccountRef) and (ref.handle or ref.platform_account_id):
        return default_for.resolver.resolve(ref)
    platform = ref.platform if isinstance(ref, AccountRef) else default_for.platform
    return default_for(platform)


class _Defaults:
    """The import's default account per platform: the one named by --account, else the only one."""

    def __init__(self, resolver: AccountResolver, ctx: Context, platform: str) -> None:
        self.resolver, self.ctx, self.platform = resolver, ctx, platform
        self.cache: dict[str, int | None] = {}

    def _platform(self, platform: str) -> str:
        if platform == "any" and self.ctx.account and self.ctx.account.platform != "any":
            return self.ctx.account.platform  # a format for any platform: the one the user named
        return platform

    def available(self, platform: str) -> bool:
        """True when a default account exists or can be made, without making it yet."""
        platform = self._platform(platform)
        if platform == "any":
            return False
        if self.ctx.account and self.ctx.account.handle:
            return True
        return self.resolver.resolve(AccountRef(platform, None)) is not None

    def __call__(self, platform: str) -> int | None:
        platform = self._platform(platform)
        if platform not in self.cache:
            handle = self.ctx.account.handle if self.ctx.account else None
            self.cache[platform] = None if platform == "any" else \
                self.resolver.resolve(AccountRef(platform, handle))
        return self.cache[platform]


def _previous_import(con: duckdb.DuckDBPyConnection, sha256: str, fmt: Format) -> int | None:
    """The import that already took these exact bytes as this format, if any."""
    row = con.execute("SELECT import_id FROM imports WHERE sha256=? AND format=?",
                      [sha256, fmt.key]).fetchall()
    return int(row[0][0]) if row else None


def _open_import(con: duckdb.DuckDBPyConnection, source: Source, sha256: str, fmt: Format) -> int:
    """Record the start of an import; return its id."""
    return int(con.execute(
        "INSERT INTO imports (file_name, member, sha256, format, account_id, started_at) "
        "VALUES (?, ?, ?, ?, NULL, ?) RETURNING import_id",
        [source.path, source.member, sha256, fmt.key, datetime.now(UTC)]).fetchall()[0][0])


def _close_import(con: duckdb.DuckDBPyConnection, result: FileResult,
                  account_id: int | None) -> None:
    """Record what an import read, wrote and skipped, and the one account it was for."""
    con.execute(
        "UPDATE imports SET rows_read=?, rows_written=?, rows_skipped=?, skipped_reasons=?, "
        "skipped_rows=?, warnings=?, finished_at=?, account_id=? WHERE import_id=?",
        [result.rows_read, result.rows_written, result.rows_skipped,
         json.dumps(result.skipped_reasons), json.dumps(result.skipped_rows),
         json.dumps(result.warnings), datetime.now(UTC), account_id, result.import_id])


def write_parsed(con: duckdb.DuckDBPyConnection, batch: list[Parsed | BulkParsed],
                 progress: Progress) -> None:
    """Write mapped files; the caller owns the transaction."""
    resolver = AccountResolver(con)
    for parsed in batch:
        if isinstance(parsed, BulkParsed):
            _write_bulk(con, parsed, resolver, progress)
            continue
        result = parsed.result
        existing = _previous_import(con, parsed.sha256, parsed.fmt)
        if existing is not None:
            result.status, result.import_id = "already_imported", existing
            result.rows_written, result.rows_skipped = 0, 0
            result.skipped_reasons, result.skipped_rows = {}, []
            progress.update(result.rows_read)
            continue
        defaults = _Defaults(resolver, parsed.ctx, parsed.fmt.platform)
        # The default account is only made when a record needs it (a file that names its own
        # account must not leave an empty one behind).
        if parsed.fmt.needs_account and not defaults.available(parsed.fmt.platform) \
                and not _self_identified(parsed.records, resolver):
            result.status = "needs_account"
            result.message = parsed.fmt.platform
            continue
        import_id = _open_import(con, parsed.source, parsed.sha256, parsed.fmt)
        result.import_id = import_id
        raw = _raw_rows(parsed.doc)
        if raw:
            raw_arrow = pa.table({  # noqa: F841 - read by name in the SQL below
                "import_id": pa.array([import_id] * len(raw), pa.int32()),
                "row_number": pa.array([r[0] for r in raw], pa.int64()),
                "record": pa.array([r[1] for r in raw], pa.string())})
            con.execute("INSERT INTO raw_records SELECT import_id, row_number, record::JSON "
                        "FROM raw_arrow")
        by_table: dict[str, list[dict[str, Any]]] = {}
        used_accounts: set[int] = set()
        for record in parsed.records:
            values = dict(record.values)
            if "account" in values:
                values["account_id"] = _account_for(record, defaults)
                del values["account"]
                if values["account_id"] is not None:
                    used_accounts.add(values["account_id"])
            values.setdefault("observed_at", parsed.ctx.observed_at)
            values["import_id"] = import_id
            by_table.setdefault(record.table, []).append(values)
        written = 0
        for table, rows in by_table.items():
            spec = SPECS[table]
            inserted, updated = merge(con, spec, to_arrow(spec, rows))
            written += inserted + updated
            if table == "followers":
                con.execute("UPDATE followers SET first_seen = coalesce(first_seen, observed_at), "
                            "last_seen = greatest(coalesce(last_seen, observed_at), observed_at) "
                            "WHERE import_id = ?", [import_id])
        result.rows_written = written
        _close_import(con, result, next(iter(used_accounts)) if len(used_accounts) == 1 else None)
        progress.update(result.rows_read)


def _write_bulk(con: duckdb.DuckDBPyConnection, bp: BulkParsed, resolver: AccountResolver,
                progress: Progress) -> None:
    from .bulk import write_bulk  # noqa: PLC0415

    result = bp.result
    existing = _previous_import(con, bp.sha256, bp.fmt)
    if existing is not None:
        result.status, result.import_id = "already_imported", existing
        return
    defaults = _Defaults(resolver, bp.ctx, bp.fmt.platform)
    if bp.fmt.needs_account and not defaults.available(bp.fmt.platform):
        result.status, result.message = "needs_account", bp.fmt.platform
        return
    import_id = _open_import(con, bp.source, bp.sha256, bp.fmt)

    def account(platform: str, handle: str | None) -> int | None:
        return resolver.resolve(AccountRef(platform, handle)) if handle else defaults(platform)

    figures = write_bulk(con, bp, import_id, account)
    result.import_id = import_id
    for key in ("rows_read", "rows_written", "rows_skipped", "skipped_reasons", "skipped_rows",
                "warnings"):
        setattr(result, key, figures[key])
    _close_import(con, result, None)
    progress.update(result.rows_read)
