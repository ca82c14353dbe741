"""Best time to post: weekday × hour maps from follower activity, else from post performance."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from .relations import Selection, arrow, base_ctes, date_sql

MIN_POSTS_PER_CELL = 3


def best_times_sql(sel: Selection) -> str:
    """SQL: one row per account × ISO weekday (1 = Monday) × hour with value, n and source."""
    return f"""
    WITH {base_ctes(sel.ids_sql)},
    activity AS (
        SELECT account_id, isodow(date) AS weekday, hour, avg(active_followers) AS mean_active,
          count(active_followers) AS n
        FROM follower_activity WHERE account_id IN {sel.ids_sql}
          AND date BETWEEN {date_sql(sel.previous_start)} AND {date_sql(sel.end)}
        GROUP BY ALL),
    from_activity AS (
        SELECT account_id, weekday, hour,
          mean_active / NULLIF(max(mean_active) OVER (PARTITION BY account_id), 0) AS value,
          n, 'follower_activity' AS source
        FROM activity),
    period_posts AS (
        SELECT * FROM post_facts
        WHERE pub_date BETWEEN {date_sql(sel.start)} AND {date_sql(sel.end)}
          AND interactions IS NOT NULL AND pub_hour IS NOT NULL
          AND account_id NOT IN (SELECT account_id FROM activity)),
    typical AS (SELECT account_id, median(interactions) AS typical FROM period_posts GROUP BY 1),
    from_posts AS (
        SELECT p.account_id, p.pub_weekday AS weekday, p.pub_hour AS hour,
          CASE WHEN count(*) >= {MIN_POSTS_PER_CELL}
               THEN median(p.interactions / NULLIF(t.typical, 0)) END AS value,
          count(*) AS n, 'post_performance' AS source
        FROM period_posts p JOIN typical t USING (account_id) GROUP BY ALL)
    SELECT a.platform, a.handle, c.*,
      CASE WHEN c.value IS NOT NULL THEN rank() OVER (
        PARTITION BY c.account_id ORDER BY c.value DESC NULLS LAST) END AS rank
    FROM (SELECT * FROM from_activity UNION ALL SELECT * FROM from_posts) c
    JOIN accounts a USING (account_id)"""


def best_times(con: duckdb.DuckDBPyConnection, sel: Selection) -> pa.Table:
    """Weekday × hour cells per account, each labelled with its source; best cells first."""
    return arrow(con, best_times_sql(sel) + " ORDER BY platform, handle, rank NULLS LAST, weekday, hour")
