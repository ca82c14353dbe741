"""Shared relations over the store: account selection, periods, follower counts, post facts."""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..errors import KenaliError
from .catalogue import POST_METRICS, Metric

TZ = "Asia/Jakarta"
POST_VALUE_COLUMNS = ("reach", "reach_followers", "reach_non_followers", "views", "likes",
                      "comments", "shares", "saves", "follows", "profile_visits", "link_clicks",
                      "interactions", "watch_time_s")
DEFAULT_PERIOD_DAYS = 28
FOLLOWER_GAP_DAYS = 31   # a follower count stands for a day at most this far away (one side only)


@dataclass(frozen=True)
class Selection:
    """Accounts and a period (inclusive local dates) with the previous period of equal length."""

    account_ids: tuple[int, ...]
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous_start(self) -> dt.date:
        return self.start - dt.timedelta(days=self.days)

    @property
    def previous_end(self) -> dt.date:
        return self.start - dt.timedelta(days=1)

    @property
    def ids_sql(self) -> str:
        return id_list(self.account_ids)


def id_list(ids: tuple[int, ...] | list[int]) -> str:
    """A SQL list of integer ids (never empty)."""
    return "(" + ", ".join(str(int(i)) for i in ids) + ")" if ids else "(NULL)"


def date_sql(day: dt.date) -> str:
    """A SQL date literal."""
    return f"DATE '{day.isoformat()}'"


def select_accounts(con: duckdb.DuckDBPyConnection, account: str | None = None,
                    platform: str | None = None) -> tuple[int, ...]:
    """Account ids matching a handle and/or platform; a clear error when none match."""
    handle = account.lstrip("@").lower() if account else None
    rows = con.execute(
        "SELECT account_id FROM accounts WHERE (? IS NULL OR handle = ?) "
        "AND (? IS NULL OR platform = ?) ORDER BY platform, handle",
        [handle, handle, platform, platform]).fetchall()
    if not rows:
        if handle:
            raise KenaliError("performa.error.no_account", account=handle,
                              platform=platform or "*")
        raise KenaliError("performa.error.no_accounts")
    return tuple(int(r[0]) for r in rows)


def last_day(con: duckdb.DuckDBPyConnection, ids: tuple[int, ...]) -> dt.date | None:
    """The latest local day with account or post data for these accounts."""
    row = con.execute(f"""
        SELECT greatest(
          (SELECT max(date) FROM account_daily WHERE account_id IN {id_list(ids)}),
          (SELECT max(CAST(timezone('{TZ}', published_at) AS DATE)) FROM posts
             WHERE account_id IN {id_list(ids)}))""").fetchone()
    return row[0] if row else None


def resolve(con: duckdb.DuckDBPyConnection, account: str | None = None,
            platform: str | None = None, start: dt.date | None = None,
            end: dt.date | None = None) -> Selection:
    """Pick accounts and the period; by default the last 28 days with data."""
    ids = select_accounts(con, account, platform)
    if end is None:
        end = last_day(con, ids) if start is None else start + dt.timedelta(
            days=DEFAULT_PERIOD_DAYS - 1)
        if end is None:
            raise KenaliError("performa.error.no_data")
    if start is None:
        start = end - dt.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if start > end:
        raise KenaliError("performa.error.bad_period", start=start.isoformat(),
                          end=end.isoformat())
    return Selection(ids, start, end)


def followers_at(account: str, day: str, tag: str) -> tuple[str, str]:
    """Joins and expression for the follower count on a day: the count of that day, else linear
    interpolation between the nearest counts before and after, else the nearest count within
    FOLLOWER_GAP_DAYS; NULL otherwise."""
    joins = (f"ASOF LEFT JOIN fobs {tag}_b ON {account} = {tag}_b.account_id AND {day} >= {tag}_b.date "
             f"ASOF LEFT JOIN fobs {tag}_a ON {account} = {tag}_a.account_id AND {day} <= {tag}_a.date")
    b, a = f"{tag}_b", f"{tag}_a"
    value = (f"CASE WHEN {b}.date = {day} THEN {b}.followers "
             f"WHEN {b}.date IS NOT NULL AND {a}.date IS NOT NULL THEN {b}.followers + "
             f"({a}.followers - {b}.followers) * ({day} - {b}.date) / ({a}.date - {b}.date) "
             f"WHEN {day} - {b}.date <= {FOLLOWER_GAP_DAYS} THEN {b}.followers "
             f"WHEN {a}.date - {day} <= {FOLLOWER_GAP_DAYS} THEN {a}.followers END")
    return joins, value


def layer(source: str, metrics: tuple[Metric, ...] | list[Metric]) -> str:
    """Add each derived metric as a column, one projection at a time (later ones may use earlier)."""
    sql = source
    for m in metrics:
        sql = f"SELECT *, {m.sql} AS {m.key} FROM ({sql})"
    return sql


def base_ctes(ids_sql: str) -> str:
    """CTEs fobs (follower counts by day), obs (post observations), post_facts (one row a post)."""
    values = ", ".join(POST_VALUE_COLUMNS)
    running = ", ".join(f"sum({c}) OVER w AS {c}" for c in POST_VALUE_COLUMNS)
    latest = ", ".join(f"l.{c}" for c in POST_VALUE_COLUMNS if c != "interactions")
    derived = [m for m in POST_METRICS if m.relation == "derived"]
    pub_date = f"CAST(timezone('{TZ}', p.published_at) AS DATE)"
    follower_joins, followers = followers_at("p.account_id", pub_date, "f")
    post_base = f"""
        SELECT p.platform, p.platform_post_id, p.account_id, p.published_at,
          CAST(timezone('{TZ}', p.published_at) AS DATE) AS pub_date,
          -- an account whose every post is stamped 00:00 local has date-only timestamps
          CASE WHEN bool_and(CAST(timezone('{TZ}', p.published_at) AS TIME) = TIME '00:00')
                      OVER (PARTITION BY p.account_id) THEN NULL
               ELSE hour(timezone('{TZ}', p.published_at)) END AS pub_hour,
          isodow(timezone('{TZ}', p.published_at)) AS pub_weekday,
          coalesce(p.post_type, 'unknown') AS post_type, p.title, p.caption, p.permalink,
          p.hashtags, p.is_collab, l.as_of,
          l.as_of - CAST(timezone('{TZ}', p.published_at) AS DATE) AS age_days,
          {latest}, l.avg_watch_time_s, l.completion_rate,
          l.interactions AS interactions_reported, {followers} AS followers_at_post
        FROM posts p
        LEFT JOIN (SELECT * FROM obs QUALIFY row_number() OVER (
                     PARTITION BY platform, platform_post_id ORDER BY as_of DESC) = 1) l
          USING (platform, platform_post_id)
        {follower_joins}
        WHERE p.account_id IN {ids_sql}"""
    return f"""
    fobs AS (
        SELECT account_id, date, followers FROM (
          SELECT account_id, date, value AS followers, 0 AS pref, observed_at AS ts
            FROM account_daily
            WHERE metric = 'followers' AND value IS NOT NULL AND account_id IN {ids_sql}
          UNION ALL
          SELECT account_id, CAST(timezone('{TZ}', observed_at) AS DATE), followers, 1, observed_at
            FROM follower_snapshots WHERE account_id IN {ids_sql})
        QUALIFY row_number() OVER (PARTITION BY account_id, date ORDER BY pref, ts DESC) = 1),
    own_posts AS (SELECT platform, platform_post_id FROM posts WHERE account_id IN {ids_sql}),
    obs AS (
        SELECT m.platform, m.platform_post_id, m.as_of, {values}, m.avg_watch_time_s,
          m.completion_rate
        FROM post_metrics m SEMI JOIN own_posts o USING (platform, platform_post_id)
        WHERE m.period = 'lifetime'
        UNION ALL
        -- a post with only daily rows: its running totals stand in for lifetime values
        SELECT platform, platform_post_id, as_of, {running}, NULL::DOUBLE, NULL::DOUBLE
        FROM (SELECT d.* FROM post_metrics d SEMI JOIN own_posts o USING (platform, platform_post_id)
              WHERE d.period = 'day' AND NOT EXISTS (
                SELECT 1 FROM post_metrics x WHERE x.period = 'lifetime'
                  AND x.platform = d.platform AND x.platform_post_id = d.platform_post_id))
        WINDOW w AS (PARTITION BY platform, platform_post_id ORDER BY as_of
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
    post_facts AS ({layer(post_base, derived)})"""


def arrow(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """Run a query and return an Arrow table (DuckDB 1.x and 2.x spell this differently)."""
    # execute() (unlike sql()) also completes a result a caller left half-fetched (DuckDB 2).
    result = con.execute(sql)
    fetch = getattr(result, "to_arrow_table", None) or getattr(result, "fetch_arrow_table")  # noqa: B009
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)   # "extra copy" notice of DuckDB 2
        return fetch()
