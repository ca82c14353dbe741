"""A store N× the demo for the web benchmark: every account copied N times in SQL inside DuckDB.

Copy 0 is the demo itself; copy k > 0 gets account ids shifted by k × STRIDE, handles and
platform account ids suffixed `_kNN`, and every platform post, comment and cluster id suffixed
`-kNN`, so natural keys stay unique and each copy keeps the demo's shape (replies by the account
itself stay the account's own). Triage decisions and clusters are copied the same way unless the
caller asks for the real triage over the whole store.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

import kenali
from kenali.store.triage_current import refresh as refresh_current
from kenali.triage.store import triage_store
from kenali.users import create_user

STRIDE = 1000
# Tables with one row set per account (or per comment/post of an account): copied N times.
MULTIPLIED = ("accounts", "account_daily", "follower_snapshots", "audience", "follower_activity",
              "posts", "post_metrics", "comments", "followers", "audience_targets",
              "follower_quality", "triage_decisions", "triage_clusters")
TRIAGE_TABLES = ("triage_decisions", "triage_clusters")
# Small shared tables copied once; everything else (raw records, changes, users, sessions, the
# audit log, the team's corrections and work state) starts empty in the big store, and
# triage_current is rebuilt from the copies.
ONCE = ("institutions", "imports", "settings")
PASSWORD = "bench-sandi-rahasia-1"


def _suffix(column: str, sep: str) -> str:
    """The column with the copy's suffix (copy 0 keeps the demo's value)."""
    return (f"CASE WHEN k.k = 0 THEN t.{column} "
            f"ELSE t.{column} || '{sep}k' || lpad(CAST(k.k AS VARCHAR), 2, '0') END")


OVERRIDES: dict[str, dict[str, str]] = {
    "*": {"account_id": f"t.account_id + k.k * {STRIDE}",
          "platform_post_id": _suffix("platform_post_id", "-"),
          "platform_comment_id": _suffix("platform_comment_id", "-"),
          "parent_comment_id": _suffix("parent_comment_id", "-"),
          "cluster_id": _suffix("cluster_id", "-")},
    "accounts": {"handle": _suffix("handle", "_"),
                 "platform_account_id": _suffix("platform_account_id", "_"),
                 "display_name": "CASE WHEN k.k = 0 THEN t.display_name "
                                 "ELSE t.display_name || ' #' || k.k END"},
    # The account's own replies must keep matching the account's (suffixed) handle.
    "comments": {"author_handle": "CASE WHEN t.author_handle = a.handle AND k.k > 0 "
                                  "THEN a.handle || '_k' || lpad(CAST(k.k AS VARCHAR), 2, '0') "
                                  "ELSE t.author_handle END"},
}


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? "
        "AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
        [catalog, table]).fetchall()]


def multiply(con: duckdb.DuckDBPyConnection, copies: int, tables: tuple[str, ...]) -> dict[str, int]:
    """Copy each table of the attached `src` store `copies` times into the main store."""
    counts: dict[str, int] = {}
    for table in tables:
        src_columns = _columns(con, "src", table)
        if not src_columns:
            continue
        wanted = [c for c in _columns(con, con.execute("SELECT current_database()").fetchall()[0][0], table)
                  if c in src_columns]
        rules = {**OVERRIDES["*"], **OVERRIDES.get(table, {})}
        select = ", ".join(rules.get(c, f"t.{c}") for c in wanted)
        join = "LEFT JOIN src.accounts a ON a.account_id = t.account_id" if table == "comments" else ""
        con.execute(f"INSERT INTO main.{table} ({', '.join(wanted)}) SELECT {select} "
                    f"FROM src.{table} t {join}, range({int(copies)}) k(k)")
        counts[table] = int(con.execute(f"SELECT count(*) FROM main.{table}").fetchall()[0][0])
    return counts


def bench_users(n: int) -> list[tuple[str, str]]:
    """(user name, role) of the simulated users: two admins, two viewers, the rest analysts."""
    users = []
    for i in range(1, n + 1):
        role = "admin" if i <= 2 else "viewer" if i > n - 2 else "analyst"
        users.append((f"bench{i:02d}", role))
    return users


def build(demo: Path, out: Path, copies: int, users: int, real_triage: bool) -> dict[str, Any]:
    """Triage the demo if needed, write the N× store to `out`, add users; return what it did."""
    report: dict[str, Any] = {"copies": copies}
    t0 = time.perf_counter()
    with kenali.open(demo) as ws:
        if not real_triage and not ws.con.execute("SELECT count(*) FROM triage_decisions").fetchall()[0][0]:
            t1 = time.perf_counter()
            triage_store(ws.con)
            report["demo_triage_s"] = round(time.perf_counter() - t1, 1)
        ws.con.execute("CHECKPOINT")
    for leftover in (out, out.with_name(out.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with kenali.open(out) as ws:
        con = ws.con
        con.execute(f"ATTACH '{demo}' AS src (READ_ONLY)")
        for table in ONCE:
            if _columns(con, "src", table):
                con.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
        tables = tuple(t for t in MULTIPLIED if real_triage is False or t not in TRIAGE_TABLES)
        t1 = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        report["rows"] = multiply(con, copies, tables)
        refresh_current(con)  # the inbox's current labels of the copied decisions
        con.execute("COMMIT")
        report["multiply_s"] = round(time.perf_counter() - t1, 1)
        con.execute("DETACH src")
        if real_triage:
            t1 = time.perf_counter()
            triage_store(con)
            report["triage_s"] = round(time.perf_counter() - t1, 1)
            for table in TRIAGE_TABLES:
                report["rows"][table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
        for role in ("admin", "analyst", "viewer"):
            create_user(con, role, PASSWORD, role)
        for name, role in bench_users(users):
            create_user(con, name, PASSWORD, role)
        con.execute("CHECKPOINT")
    report["triage"] = "real triage over the whole store" if real_triage else \
        "demo triaged for real, decisions and clusters copied with the comments"
    report["build_s"] = round(time.perf_counter() - t0, 1)
    return report


def sample_posts(path: Path, n: int) -> list[str]:
    """Paths of n post pages spread over platforms and copies (read before the server starts)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(f"""
            SELECT platform, platform_post_id FROM posts
            ORDER BY hash(platform_post_id) LIMIT {int(n)}""").fetchall()
    finally:
        con.close()
    from urllib.parse import quote

    return [f"/konten/{p}/{quote(i, safe='')}" for p, i in rows]
