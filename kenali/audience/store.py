"""Reading audience, follower and follow data from the store: SQL over DuckDB returning Arrow."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import KenaliError


@dataclass(frozen=True)
class Account:
    """One account in the store."""

    account_id: int
    platform: str
    handle: str
    display_name: str | None


def _arrow(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> pa.Table:
    """Run a query and return its rows as an Arrow table."""
    return con.sql(sql, params=params).to_arrow_table()


def accounts(con: duckdb.DuckDBPyConnection, handle: str | None = None) -> list[Account]:
    """Accounts (optionally those with this handle, on any platform), by platform and handle."""
    sql = "SELECT account_id, platform, handle, display_name FROM accounts"
    params: list[Any] = []
    if handle:
        sql += " WHERE handle = ?"
        params.append(handle.lstrip("@").lower())
    rows = con.execute(sql + " ORDER BY platform, handle", params).fetchall()
    if handle and not rows:
        raise KenaliError("audience.error.no_account", handle=handle)
    return [Account(int(r[0]), r[1], r[2], r[3]) for r in rows]


# Shares per bucket: 'share' rows as given (percent-looking totals scaled down), 'count' rows
# divided by the follower count of the day for followers' places (a top-N list does not sum to
# the whole audience), else by their own total.
_SHARES_SQL = """
WITH a AS (
  SELECT snapshot_date, audience_kind, dimension, bucket, value, unit,
         sum(value) OVER w AS total
  FROM audience WHERE account_id = $account
    AND dimension IN ('age', 'gender', 'age_gender', 'city', 'country', 'territory')
  WINDOW w AS (PARTITION BY snapshot_date, audience_kind, dimension, unit)
), f AS (
  SELECT DISTINCT a.snapshot_date,
    (SELECT s.followers FROM follower_snapshots s WHERE s.account_id = $account
       AND CAST(s.observed_at AS DATE) <= a.snapshot_date ORDER BY s.observed_at DESC LIMIT 1)
      AS snap_followers,
    (SELECT d.value FROM account_daily d WHERE d.account_id = $account AND d.metric = 'followers'
       AND d.date <= a.snapshot_date ORDER BY d.date DESC LIMIT 1) AS daily_followers
  FROM a
)
SELECT a.snapshot_date, a.audience_kind, a.dimension, a.bucket, a.unit, a.value,
  CASE
    WHEN a.unit = 'share' AND a.total > 1.5 THEN a.value / 100
    WHEN a.unit = 'share' THEN a.value
    WHEN a.dimension IN ('city', 'country', 'territory') AND a.audience_kind = 'followers'
         AND coalesce(f.snap_followers, f.daily_followers) >= a.total
      THEN a.value / coalesce(f.snap_followers, f.daily_followers)
    ELSE a.value / nullif(a.total, 0)
  END AS share
FROM a JOIN f USING (snapshot_date)
ORDER BY a.snapshot_date, a.audience_kind, a.dimension, share DESC
"""


def audience_shares(con: duckdb.DuckDBPyConnection, account_id: int) -> pa.Table:
    """Every audience row of an account with its share of the audience (Arrow).

    Only the snapshot dimensions; daily breakdowns such as YouTube's per-day countries are
    performance series, not audience snapshots.
    """
    return _arrow(con, _SHARES_SQL, {"account": account_id})


Snapshots = dict[tuple[date, str], dict[str, dict[str, float]]]


def snapshots(con: duckdb.DuckDBPyConnection, account_id: int) -> Snapshots:
    """{(date, kind): {dimension: {bucket: share}}}, oldest first."""
    table = audience_shares(con, account_id)
    out: Snapshots = defaultdict(dict)
    for row in table.to_pylist():
        dims = out[(row["snapshot_date"], row["audience_kind"])]
        if row["share"] is not None:
            dims.setdefault(row["dimension"], {})[row["bucket"]] = float(row["share"])
    return dict(sorted(out.items()))


FollowerSeries = list[tuple[date, float]]


def follower_series(con: duckdb.DuckDBPyConnection, account_id: int) -> FollowerSeries:
    """Follower counts by day, oldest first: snapshots, else the daily series, one per day."""
    rows = con.execute("""
        SELECT day, arg_min(followers, pref) FROM (
          SELECT CAST(followers AS DOUBLE) AS followers, CAST(observed_at AS DATE) AS day,
                 0 AS pref
          FROM follower_snapshots WHERE account_id = $a
          UNION ALL
          SELECT value, date, 1 FROM account_daily
          WHERE account_id = $a AND metric = 'followers' AND value IS NOT NULL)
        GROUP BY day ORDER BY day""", {"a": account_id}).fetchall()
    return [(r[0], float(r[1])) for r in rows]


def count_on(series: FollowerSeries, on: date | None = None) -> tuple[float, date] | None:
    """The follower count on or before a day (the latest if None)."""
    index = len(series) if on is None else bisect_right(series, on, key=lambda r: r[0])
    return (series[index - 1][1], series[index - 1][0]) if index else None


def follower_count(con: duckdb.DuckDBPyConnection, account_id: int,
                   on: date | None = None) -> tuple[float, date] | None:
    """The follower count on or before a day (latest if None), from snapshots or daily series."""
    return count_on(follower_series(con, account_id), on)


def post_follows(con: duckdb.DuckDBPyConnection, account_id: int, limit: int = 10) -> pa.Table:
    """Posts that won follows (latest lifetime figures), most follows first."""
    return _arrow(con, """
        WITH m AS (
          SELECT platform, platform_post_id, follows, reach, views
          FROM post_metrics WHERE period = 'lifetime'
          QUALIFY row_number() OVER (PARTITION BY platform, platform_post_id
                                     ORDER BY as_of DESC, observed_at DESC) = 1)
        SELECT p.platform_post_id, p.published_at, p.post_type,
               left(coalesce(p.title, p.caption, ''), 80) AS text, p.permalink,
               m.follows, m.reach, m.views,
               1000 * m.follows / nullif(m.reach, 0) AS follows_per_1000_reach
        FROM posts p JOIN m USING (platform, platform_post_id)
        WHERE p.account_id = $a AND m.follows IS NOT NULL
        ORDER BY m.follows DESC, p.published_at DESC LIMIT $limit
    """, {"a": account_id, "limit": limit})


def daily_follows(con: duckdb.DuckDBPyConnection, account_id: int) -> pa.Table:
    """Per day: follows (else the net change in followers), and the posts published that day.

    The posting day is the Jakarta calendar day, the day a Humas team planned.
    """
    return _arrow(con, """
        WITH follows AS (
          SELECT date, value AS follows, 'follows' AS basis FROM account_daily
          WHERE account_id = $a AND metric = 'follows' AND value IS NOT NULL),
        net_follows AS (
          SELECT date, value AS follows, 'followers_change' AS basis FROM account_daily
          WHERE account_id = $a AND metric = 'net_follows' AND value IS NOT NULL),
        net AS (
          SELECT date, value - lag(value) OVER (ORDER BY date) AS follows,
                 'followers_change' AS basis
          FROM account_daily WHERE account_id = $a AND metric = 'followers' AND value IS NOT NULL),
        series AS (
          SELECT * FROM follows
          UNION ALL
          SELECT * FROM net_follows WHERE NOT EXISTS (SELECT 1 FROM follows)
          UNION ALL
          SELECT * FROM net WHERE follows IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follows)
            AND NOT EXISTS (SELECT 1 FROM net_follows)),
        posted AS (
          SELECT CAST(timezone('Asia/Jakarta', published_at) AS DATE) AS date, count(*) AS posts,
                 list(platform_post_id ORDER BY published_at) AS post_ids,
                 list(left(replace(coalesce(title, caption, ''), chr(10), ' '), 60)
                      ORDER BY published_at) AS post_texts
          FROM posts WHERE account_id = $a AND published_at IS NOT NULL GROUP BY 1)
        SELECT s.date, s.follows, s.basis, coalesce(p.posts, 0) AS posts, p.post_ids,
               p.post_texts
        FROM series s LEFT JOIN posted p USING (date)
        ORDER BY s.date
    """, {"a": account_id})


def follower_rows(con: duckdb.DuckDBPyConnection, account_id: int) -> pa.Table:
    """The follower list of an account (personal data: mask before showing)."""
    return _arrow(con, """
        SELECT handle, name, bio, followers_count AS followers, following_count AS following,
               posts_count AS posts, is_private, is_verified, has_picture
        FROM followers WHERE account_id = $a ORDER BY handle""", {"a": account_id})


def target_profile(con: duckdb.DuckDBPyConnection, account_id: int) -> str | None:
    """The target profile chosen for an account, if any."""
    rows = con.execute("SELECT profile FROM audience_targets WHERE account_id = ?",
                       [account_id]).fetchall()
    return str(rows[0][0]) if rows else None


def set_target_profile(con: duckdb.DuckDBPyConnection, account_id: int, profile: str) -> None:
    """Remember the target profile (shipped id or file path) of an account."""
    con.execute("INSERT OR REPLACE INTO audience_targets (account_id, profile, set_at) "
                "VALUES (?, ?, current_timestamp)", [account_id, profile])
