"""The bulk path: large CSV files are mapped by DuckDB in SQL instead of row by row in Python.

It is used only for formats that give a BulkPlan, and only for plain one-table UTF-8 files; the
result equals the row mapper's (tests compare both on the same fixtures).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from .errors import InputError
from .importers import detect
from .importers import sqlvalues as q
from .importers.base import AccountRef, BulkPlan, Context, Format, resolve_columns
from .importers.readers import MAX_FIELD, read_document
from .sources import Source

if TYPE_CHECKING:
    from .ingest import FileResult

BULK_MIN_BYTES = 8 * 1024 * 1024
HEAD_BYTES = 256 * 1024
BULK_MEMORY_LIMIT = "512MB"
MAX_SKIPPED_LISTED = 50


@dataclass
class BulkParsed:
    """A large CSV recognised from its head, to be mapped in SQL inside the write transaction."""

    source: Source
    fmt: Format
    sha256: str
    ctx: Context
    plan: BulkPlan
    header: list[str]
    delimiter: str
    columns: dict[str, str]  # canonical field -> SQL column name (c0, c1, …)
    result: FileResult = field(init=False)

    def __post_init__(self) -> None:
        from .ingest import FileResult  # noqa: PLC0415 - ingest imports this module

        self.result = FileResult(self.source.display, "imported", format=self.fmt.key)


def bulk_candidate(source: Source, sha256: str, account: AccountRef | None, tz: str,
                   min_bytes: int = BULK_MIN_BYTES) -> BulkParsed | None:
    """A BulkParsed when the file is big, on disk, plain UTF-8 CSV, and its format has a plan."""
    if source.member is not None or len(source.data) < min_bytes:
        return None
    head_bytes = source.data[:HEAD_BYTES]
    if head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    cut = head_bytes.rfind(b"\n")
    head = read_document(source.name, head_bytes[: cut + 1] if cut > 0 else head_bytes)
    if head.kind != "csv" or head.encoding not in ("utf-8", "utf-8-sig") or len(head.blocks) != 1:
        return None
    block = head.blocks[0]
    if block.title or block.header_line != 1 or head.problem:
        return None
    fmt, _ranked = detect(head)
    plan_of: Callable[..., BulkPlan] | None = getattr(fmt, "bulk", None)
    if fmt is None or plan_of is None:
        return None
    first_line = head_bytes.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    ctx = Context(file_name=source.name, observed_at=source.modified,
                  reference_date=source.modified.date(), tz=tz, account=account)
    positions = resolve_columns(block.header, getattr(fmt, "aliases", {}))
    columns = {name: f"c{i}" for name, i in positions.items()}
    return BulkParsed(source, fmt, sha256, ctx, plan_of(columns, ctx), block.header,
                      delimiter, columns)


def write_bulk(con: duckdb.DuckDBPyConnection, bp: BulkParsed, import_id: int,
               resolve_account: Callable[[str, str | None], int | None]) -> dict[str, Any]:
    """Map and merge a bulk file inside the caller's transaction; return the import figures."""
    limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    # A bounded buffer pool: DuckDB spills to disk rather than holding a whole big file in memory.
    con.execute(f"SET memory_limit = '{BULK_MEMORY_LIMIT}'")
    try:
        return _write_bulk(con, bp, import_id, resolve_account)
    finally:
        con.execute(f"SET memory_limit = '{limit}'")


def _write_bulk(con: duckdb.DuckDBPyConnection, bp: BulkParsed, import_id: int,
                resolve_account: Callable[[str, str | None], int | None]) -> dict[str, Any]:
    from .store.writer import SPECS, merge

    plan = bp.plan
    width = len(bp.header)
    names = [f"c{i}" for i in range(width)]
    columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    path = str(Path(bp.source.path).resolve()).replace("'", "''")
    delim = bp.delimiter.replace("'", "''")
    options = (f"header = false, skip = 1, all_varchar = true, delim = '{delim}', quote = '\"', "
               f"escape = '\"', columns = {columns}, strict_mode = false, "
               f"max_line_size = {MAX_FIELD * 2}, auto_detect = false")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _src AS SELECT row_number() OVER () AS _rn, * "
                    f"FROM read_csv('{path}', {options})")
    except duckdb.Error:
        # Short rows need padding, which DuckDB's parallel reader cannot do with quoted newlines.
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE _src AS SELECT row_number() OVER () AS _rn, * "
                        f"FROM read_csv('{path}', {options}, null_padding = true, parallel = false)")
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise InputError("error.csv_unreadable", file=bp.source.display, reason=first) from exc
    rows_read = int(con.execute("SELECT count(*) FROM _src").fetchone()[0])  # type: ignore[index]
    con.execute("INSERT INTO raw_records VALUES (?, 1, ?::JSON)",
                [import_id, json.dumps({"b": 0, "title": [], "header": bp.header}, ensure_ascii=False)])
    cells = "[" + ", ".join(f"coalesce({n}, '')" for n in names) + "]"
    con.execute(f"INSERT INTO raw_records SELECT {import_id}, _rn + 1, "
                f"to_json({{'b': 0, 'c': {cells}}}) FROM _src")
    skip_case = "CASE " + " ".join(f"WHEN {cond} THEN '{reason}'" for cond, reason in plan.skip.items()) \
        + " END" if plan.skip else "NULL"
    selects = ", ".join(f"{expr} AS {name}" for name, expr in plan.select.items())
    # Warning conditions are computed in the same pass, so their parsing is not repeated.
    flags = "".join(f", ({cond}) AS _w{i}" for i, cond in enumerate(plan.warn))
    con.execute(f"CREATE OR REPLACE TEMP TABLE _mapped AS SELECT _rn, {selects}, {skip_case} AS _skip"
                f"{flags} FROM _src")
    con.execute("DROP TABLE _src")  # the cells are in raw_records now; free them before the merge
    warnings = []
    if plan.warn:
        hits = con.execute("SELECT " + ", ".join(f"coalesce(bool_or(_w{i}), false)"
                                                 for i in range(len(plan.warn))) + " FROM _mapped").fetchone()
        warnings = [msg for hit, msg in zip(hits or (), plan.warn.values(), strict=True) if hit]
    skipped = con.execute("SELECT _skip, count(*) FROM _mapped WHERE _skip IS NOT NULL "
                          "GROUP BY 1 ORDER BY 2 DESC").fetchall()
    skipped_rows = con.execute(f"SELECT _rn + 1, _skip FROM _mapped WHERE _skip IS NOT NULL "
                               f"ORDER BY _rn LIMIT {MAX_SKIPPED_LISTED}").fetchall()
    for column, expr in plan.fallback.items():
        con.execute(f"UPDATE _mapped SET {column} = {expr} WHERE {column} IS NULL")
    if plan.id_column and plan.hash_id_basis:
        basis = ", ".join(
            q.utc_stamp(c) if c == "created_at"
            else f"coalesce({c}, '')" for c in plan.hash_id_basis)
        con.execute(f"""
            UPDATE _mapped SET {plan.id_column} = h.id FROM (
                SELECT _rn, 'h:' || d || ':' || row_number() OVER (PARTITION BY d ORDER BY _rn) AS id
                FROM (SELECT _rn, left(sha1(concat_ws('|', {basis})), 20) AS d FROM _mapped
                      WHERE {plan.id_column} IS NULL AND _skip IS NULL)) h
            WHERE _mapped._rn = h._rn""")
    # Accounts: the few distinct (platform, handle) pairs are resolved in Python.
    pairs = con.execute("SELECT DISTINCT platform, account_handle FROM _mapped WHERE _skip IS NULL").fetchall()
    con.execute("CREATE OR REPLACE TEMP TABLE _accounts (platform VARCHAR, account_handle VARCHAR, account_id INTEGER)")
    for platform, handle in pairs:
        con.execute("INSERT INTO _accounts VALUES (?, ?, ?)", [platform, handle, resolve_account(platform, handle)])
    spec = SPECS[plan.table]
    observed = bp.ctx.observed_at.astimezone(UTC)
    out_cols = [c for c in spec.columns if c not in ("observed_at", "import_id", "account_id")]
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW _bulk_stage AS
        SELECT {", ".join("m." + c for c in out_cols)}, a.account_id,
               TIMESTAMPTZ '{observed.isoformat()}' AS observed_at, {import_id} AS import_id
        FROM _mapped m LEFT JOIN _accounts a
          ON a.platform IS NOT DISTINCT FROM m.platform AND a.account_handle IS NOT DISTINCT FROM m.account_handle
        WHERE m._skip IS NULL ORDER BY m._rn
    """)
    inserted, updated = merge(con, spec, "_bulk_stage")
    for name in ("_bulk_stage",):
        con.execute(f"DROP VIEW IF EXISTS {name}")
    for name in ("_mapped", "_accounts"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    n_skipped = sum(int(n) for _, n in skipped)
    return {
        "rows_read": rows_read, "rows_written": inserted + updated, "rows_skipped": n_skipped,
        "skipped_reasons": {str(r): int(n) for r, n in skipped},
        "skipped_rows": [{"line": int(line), "reason": str(r)} for line, r in skipped_rows],
        "warnings": warnings,
    }
