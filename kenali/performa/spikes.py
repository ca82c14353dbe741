"""Spikes: days far above the account's rolling baseline (median + k × MAD), with their causes."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from .catalogue import (
    SPIKE_K,
    SPIKE_MIN_HISTORY,
    SPIKE_MIN_LIFT,
    SPIKE_MIN_SCALE,
    SPIKE_WINDOW_DAYS,
)
from .relations import TZ, Selection, arrow, date_sql

TOP_COMMENTS = 5


def spikes_sql(sel: Selection) -> str:
    """SQL: spike days of the period per account and metric, with posts and comments behind them."""
    history_start = sel.start - dt.timedelta(days=SPIKE_WINDOW_DAYS)
    window = f"ROWS BETWEEN {SPIKE_WINDOW_DAYS} PRECEDING AND 1 PRECEDING"
    return f"""
    WITH day_comments AS (
        SELECT account_id, CAST(timezone('{TZ}', created_at) AS DATE) AS date,
          platform, platform_comment_id, platform_post_id, text, like_count
        FROM comments WHERE account_id IN {sel.ids_sql} AND created_at IS NOT NULL),
    series AS (
        SELECT account_id, date, metric, value FROM account_daily
        WHERE account_id IN {sel.ids_sql} AND metric IN ('reach', 'views', 'follows')
          AND value IS NOT NULL
          AND date BETWEEN {date_sql(history_start)} AND {date_sql(sel.end)}
        UNION ALL
        -- comments per day, zero-filled between an account's first and last commented day
        SELECT d.account_id, CAST(g.date AS DATE), 'comments', coalesce(c.n, 0)
        FROM (SELECT account_id, min(date) AS d0, max(date) AS d1 FROM day_comments GROUP BY 1) d,
          LATERAL (SELECT unnest(generate_series(d.d0, d.d1, INTERVAL 1 DAY)) AS date) g
        LEFT JOIN (SELECT account_id, date, count(*) AS n FROM day_comments GROUP BY ALL) c
          ON c.account_id = d.account_id AND c.date = CAST(g.date AS DATE)
        WHERE CAST(g.date AS DATE) BETWEEN {date_sql(history_start)} AND {date_sql(sel.end)}),
    rolled AS (
        SELECT *, median(z) OVER w AS m, mad(z) OVER w AS mad_z, count(z) OVER w AS history
        FROM (SELECT *, ln(1 + greatest(value, 0)) AS z FROM series)
        WINDOW w AS (PARTITION BY account_id, metric ORDER BY date {window})),
    flagged AS (
        SELECT *, greatest(1.4826 * mad_z, {SPIKE_MIN_SCALE}) AS scale, exp(m) - 1 AS baseline
        FROM rolled
        WHERE date BETWEEN {date_sql(sel.start)} AND {date_sql(sel.end)}
          AND history >= {SPIKE_MIN_HISTORY}),
    spikes AS (
        SELECT account_id, date, metric, value, baseline, mad_z, history,
          exp(m + {SPIKE_K} * scale) - 1 AS threshold, (z - m) / scale AS strength
        FROM flagged
        WHERE z > m + {SPIKE_K} * scale AND value >= baseline + {SPIKE_MIN_LIFT}),
    runs AS (
        -- consecutive spike days of one series form one episode
        SELECT *, date - CAST(row_number() OVER (PARTITION BY account_id, metric ORDER BY date)
                              AS INTEGER) AS run
        FROM spikes),
    episodes AS (
        SELECT * EXCLUDE (run),
          min(date) OVER (PARTITION BY account_id, metric, run) AS episode_start,
          count(*) OVER (PARTITION BY account_id, metric, run) AS episode_days
        FROM runs)
    SELECT a.platform, a.handle, s.*,
      (SELECT list(p.platform_post_id ORDER BY p.published_at)
         FROM posts p WHERE p.account_id = s.account_id
           AND CAST(timezone('{TZ}', p.published_at) AS DATE) BETWEEN s.date - 1 AND s.date)
        AS post_ids,
      (SELECT count(*) FROM day_comments c WHERE c.account_id = s.account_id AND c.date = s.date)
        AS comment_count,
      (SELECT list({{'comment_id': c.platform_comment_id, 'post_id': c.platform_post_id,
                    'text': c.text, 'likes': c.like_count}}
                   ORDER BY c.like_count DESC NULLS LAST, c.platform_comment_id)[1:{TOP_COMMENTS}]
         FROM day_comments c WHERE c.account_id = s.account_id AND c.date = s.date)
        AS top_comments
    FROM episodes s JOIN accounts a USING (account_id)"""


def spikes(con: duckdb.DuckDBPyConnection, sel: Selection) -> pa.Table:
    """Spike days in the period, strongest first."""
    return arrow(con, spikes_sql(sel) + " ORDER BY strength DESC, date")
