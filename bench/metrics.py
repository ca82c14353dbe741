"""Benchmark of the performa suite on a synthetic store 20× the demo size; prints timings.

Usage: python bench/metrics.py [--accounts 120] [--days 365] [--posts 30000] [--db PATH]
The store is generated in SQL (vectorised), not through the importers, so it builds in seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

import kenali
from kenali.performa import (
    account_summary,
    best_times,
    league_table,
    post_table,
    resolve,
    spikes,
    topic_map,
    what_works,
)
from kenali.performa.relations import Selection

PLATFORMS = ("instagram", "facebook", "tiktok", "x", "youtube")
END = dt.date(2025, 12, 31)


def generate(con: duckdb.DuckDBPyConnection, accounts: int, days: int, posts: int) -> None:
    """Fill a fresh store with synthetic accounts, daily series, posts, metrics and comments."""
    start = END - dt.timedelta(days=days - 1)
    con.execute("CREATE OR REPLACE TEMP MACRO u(a, b) AS ((hash(a, b) % 1000003) + 0.5) / 1000003.0")
    con.execute("CREATE OR REPLACE TEMP MACRO z(a, b) AS "
                "sqrt(-2 * ln(u(a, b))) * cos(2 * pi() * u(a, b || 'z'))")
    con.execute("INSERT INTO imports (import_id, file_name, sha256, format, started_at) "
                "VALUES (1, 'bench', 'bench', 'bench', now())")
    con.execute(f"""
        INSERT INTO institutions (institution_id, name)
        SELECT i, 'Dinas ' || i FROM range(1, {accounts // 3 + 2}) t(i)""")
    platforms = "['" + "','".join(PLATFORMS) + "']"
    con.execute(f"""
        INSERT INTO accounts (account_id, platform, handle, institution_id)
        SELECT i, {platforms}[(i % 5) + 1], 'akun' || i, (i // 3) + 1 FROM range(1, {accounts + 1}) t(i)""")
    con.execute("""
        CREATE TEMP TABLE acc AS
        SELECT account_id, platform,
          round(exp(7 + 4 * u(account_id, 'size'))) AS base_followers,
          0.0002 + 0.002 * u(account_id, 'growth') AS growth
        FROM accounts""")
    con.execute(f"""
        CREATE TEMP TABLE series AS
        SELECT a.account_id, a.platform, DATE '{start}' + CAST(d AS INTEGER) AS date,
          a.base_followers * (1 + a.growth * d) AS followers,
          greatest(0, round(a.base_followers * a.growth * (1.5 + z(a.account_id, d::VARCHAR)))) AS follows,
          greatest(0, round(a.base_followers * a.growth * 0.5 * (1 + 0.3 * z(a.account_id, d || 'u')))) AS unfollows,
          round(a.base_followers * 0.2 * exp(0.5 * z(a.account_id, d || 'r'))
                * CASE WHEN u(a.account_id, d || 's') > 0.985 THEN 8 ELSE 1 END) AS reach
        FROM acc a, range({days}) t(d)""")
    metrics = {"followers": "followers", "follows": "follows", "unfollows": "unfollows",
               "reach": "reach", "views": "reach * 1.6", "profile_visits": "round(reach * 0.02)",
               "link_clicks": "round(reach * 0.004)"}
    for name, expr in metrics.items():
        no_reach = "AND platform NOT IN ('x', 'youtube')" if name == "reach" else ""
        con.execute(f"""
            INSERT INTO account_daily SELECT account_id, date, '{name}', {expr}, now(), 1
            FROM series WHERE TRUE {no_reach}""")
    con.execute("""
        INSERT INTO follower_snapshots
        SELECT account_id, CAST(date AS TIMESTAMP) + INTERVAL 16 HOUR, CAST(followers AS BIGINT), 1
        FROM series WHERE dayofweek(date) = 0""")
    con.execute(f"""
        INSERT INTO follower_activity
        SELECT account_id, DATE '{END}' - CAST(d AS INTEGER), CAST(h AS SMALLINT),
          base_followers * (0.02 + 0.05 * exp(-((h - 19) ^ 2) / 8.0)
                            + 0.03 * exp(-((h - 7) ^ 2) / 4.0)) * (1 + 0.1 * z(account_id, d || '-' || h)),
          now(), 1
        FROM acc, range(7) t(d), range(24) s(h) WHERE platform IN ('instagram', 'tiktok')""")
    types = ("CASE platform WHEN 'instagram' THEN ['reel','image','carousel'] "
             "WHEN 'facebook' THEN ['image','video','text'] WHEN 'tiktok' THEN ['video'] "
             "WHEN 'x' THEN ['text','image'] ELSE ['video','short'] END")
    topics = "['banjir','jalan','transportasi','kesehatan','bansos','pajak','adminduk','lingkungan']"
    per_account = posts // accounts
    con.execute(f"""
        CREATE TEMP TABLE gen_posts AS
        SELECT a.account_id, a.platform, 'p' || a.account_id || '_' || n AS post_id,
          TIMESTAMP '{start} 00:00:00' + to_days(CAST(floor(u(a.account_id, n || 'd') * {days}) AS INTEGER))
            + to_hours(CAST(floor(u(a.account_id, n || 'h') * 16) AS INTEGER)) AS local_ts,
          list_extract({types}, 1 + CAST(floor(u(a.account_id, n || 't') * len({types})) AS INTEGER)) AS post_type,
          list_extract({topics}, 1 + CAST(floor(u(a.account_id, n || 'k') * 8) AS INTEGER)) AS topic,
          u(a.account_id, n || 'q') < 0.3 AS question, u(a.account_id, n || 'c') < 0.1 AS collab,
          a.base_followers, a.growth,
          exp(0.6 * z(a.account_id, n || 'v')) * CASE WHEN u(a.account_id, n || 'x') > 0.97 THEN 6 ELSE 1 END AS luck
        FROM acc a, range({per_account}) t(n)""")
    con.execute("""
        INSERT INTO posts (platform, platform_post_id, account_id, published_at, post_type, caption,
                           hashtags, is_collab, observed_at, import_id)
        SELECT platform, post_id, account_id, timezone('Asia/Jakarta', local_ts), post_type,
          'Info ' || topic || ' untuk warga Jakarta' || CASE WHEN question THEN ', sudah tahu?' ELSE '.' END,
          [topic || 'jakarta', 'jakarta'], collab, now(), 1
        FROM gen_posts""")
    ages = f"""(SELECT g.*, CAST(local_ts AS DATE) AS pub_date, age FROM gen_posts g,
                (VALUES (1), (7), (10000)) v(age)
                WHERE CAST(local_ts AS DATE) + CAST(age AS INTEGER) < DATE '{END}' OR age = 10000)"""
    con.execute(f"""
        INSERT INTO post_metrics (platform, platform_post_id, period, as_of, reach, reach_followers,
          reach_non_followers, views, likes, comments, shares, saves, follows, observed_at, import_id)
        SELECT platform, post_id, 'lifetime', as_of, reach, reach * 0.7, reach * 0.3, reach * 1.5,
          round(reach * 0.04), round(reach * 0.004), round(reach * 0.003),
          CASE WHEN platform IN ('instagram', 'x') THEN round(reach * 0.005) END,
          CASE WHEN platform IN ('instagram', 'x', 'youtube') THEN round(reach * 0.001) END,
          now(), 1
        FROM (SELECT *, least(pub_date + CAST(age AS INTEGER), DATE '{END}') AS as_of,
                round(base_followers * (1 + growth * (pub_date - DATE '{start}')) * 0.15 * luck
                      * CASE WHEN age = 1 THEN 0.6 WHEN age = 7 THEN 0.9 ELSE 1 END) AS reach
              FROM {ages})""")
    con.execute("""
        INSERT INTO comments (platform, platform_comment_id, account_id, platform_post_id, text,
                              created_at, like_count, observed_at, import_id)
        SELECT g.platform, g.post_id || '_c' || c, g.account_id, g.post_id,
          'komentar ' || c, timezone('Asia/Jakarta', g.local_ts) + to_hours(c), c % 7, now(), 1
        FROM gen_posts g, range(CAST(2 + 8 * g.luck AS INTEGER)) t(c)""")


def timed(label: str, fn: Callable[[], Any]) -> Any:
    """Run fn, print how long it took and how many rows it gave."""
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    rows = getattr(result, "num_rows", None)
    print(f"{label:<52} {seconds:7.2f} s" + (f"  ({rows} rows)" if rows is not None else ""))
    return result


def main() -> int:
    """Build the store, then time the account and post suite."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=120)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--posts", type=int, default=30000)
    parser.add_argument("--db", help="store path (default: a temporary file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="kenali-bench-")
    path = Path(args.db) if args.db else Path(folder) / "bench.duckdb"
    with kenali.open(path) as ws:
        timed("generate store", lambda: generate(ws.con, args.accounts, args.days, args.posts))
        counts = ws.counts()
        print("rows: " + ", ".join(f"{k}={v:,}" for k, v in counts.items() if v))
        con = ws.con
        one = resolve(con, account="akun1", start=END - dt.timedelta(days=27), end=END)
        year = Selection(one.account_ids, END - dt.timedelta(days=364), END)
        t_total = time.perf_counter()
        timed("one account, 28 days: account summary", lambda: account_summary(con, one))
        timed("one account, 28 days: posts + overperformance", lambda: post_table(con, one))
        timed("one account, 365 days: posts + overperformance", lambda: post_table(con, year))
        timed("one account, 365 days: topic map", lambda: topic_map(con, year))
        timed("one account, 365 days: best time", lambda: best_times(con, year))
        timed("one account, 365 days: spikes", lambda: spikes(con, year))
        timed("one account, 365 days: what works (bootstrap)", lambda: what_works(con, year))
        print(f"{'one account: full suite':<52} {time.perf_counter() - t_total:7.2f} s")
        t_total = time.perf_counter()
        for platform in PLATFORMS:
            sel = resolve(con, platform=platform, start=END - dt.timedelta(days=27), end=END)
            timed(f"league table, every {platform} account, 28 days",
                  lambda sel=sel: league_table(con, sel))
        print(f"{'league tables of every account':<52} {time.perf_counter() - t_total:7.2f} s")
        every = resolve(con, start=END - dt.timedelta(days=364), end=END)
        timed("every account, 365 days: account summary", lambda: account_summary(con, every))
        timed("every account, 365 days: posts + overperformance", lambda: post_table(con, every))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
