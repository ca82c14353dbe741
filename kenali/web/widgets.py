"""Data shaped for templates: chart specs from store series, and per-account extras."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from .app import Page

SERIES_DAYS = 180


def rows(table: pa.Table) -> list[dict[str, Any]]:
    """An Arrow table as a list of dicts."""
    return table.to_pylist()


def daily_series_chart(page: Page, account_id: int, end: dt.date) -> dict[str, Any] | None:
    """Followers and daily reach/views of an account over the last months, as a chart spec."""
    start = end - dt.timedelta(days=SERIES_DAYS - 1)
    data = page.db.execute("""
        WITH days AS (SELECT CAST(d AS DATE) AS date FROM range(?::DATE, ?::DATE + 1, INTERVAL 1 DAY) t(d)),
        daily AS (SELECT date, metric, value FROM account_daily
                  WHERE account_id = ? AND metric IN ('followers', 'reach', 'views') AND date BETWEEN ? AND ?),
        snaps AS (SELECT CAST(timezone('Asia/Jakarta', observed_at) AS DATE) AS date, max(followers) AS f
                  FROM follower_snapshots WHERE account_id = ? GROUP BY 1)
        SELECT days.date,
          coalesce(max(CASE WHEN metric = 'followers' THEN value END), max(snaps.f)) AS followers,
          max(CASE WHEN metric = 'reach' THEN value END) AS reach,
          max(CASE WHEN metric = 'views' THEN value END) AS views
        FROM days LEFT JOIN daily USING (date) LEFT JOIN snaps USING (date)
        GROUP BY days.date ORDER BY days.date
    """, [start, end, account_id, start, end, account_id]).fetchall()
    filled = [i for i, r in enumerate(data) if r[1] is not None or r[2] is not None or r[3] is not None]
    if not filled:
        return None
    data = data[filled[0]:]  # start where the data starts
    series = []
    for index, key in ((2, "reach"), (3, "views")):
        values = [r[index] for r in data]
        if any(v is not None for v in values):
            series.append({"label": page.t(f"metric.{key}"), "data": values, "type": "bar"})
            break
    followers = [r[1] for r in data]
    if any(v is not None for v in followers):
        series.append({"label": page.t("metric.followers"), "data": followers, "type": "line",
                       "axis": "y2" if series else "y"})
    return {"type": "bar", "labels": [r[0].isoformat() for r in data], "series": series,
            "x_label": page.t("web.date")}


def account_extras(page: Page, account_id: int, sel: Any) -> dict[str, Any]:
    """Spikes, relevance and open triage queues of an account (filled as those parts exist)."""
    return {"spikes": [], "relevance": None, "queues": None}
