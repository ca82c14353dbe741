"""Data shaped for templates: chart specs from store series, and per-account extras."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from .. import inbox, performa
from ..audience import chosen_profile
from ..audience import store as audience_store
from ..audience.report import relevance as audience_relevance
from .app import Page
from .cache import audience_version, cached, data_version, inbox_version

SERIES_DAYS = 180
SPIKES_SHOWN = 3


def rows(table: pa.Table) -> list[dict[str, Any]]:
    """An Arrow table as a list of dicts."""
    return table.to_pylist()


def daily_series_chart(page: Page, account_id: int, end: dt.date) -> dict[str, Any] | None:
    """Followers and daily reach/views of an account over the last months, as a chart spec."""
    return daily_series_charts(page, [account_id], end).get(account_id)


def daily_series_charts(page: Page, account_ids: list[int], end: dt.date) -> dict[int, dict[str, Any]]:
    """The chart spec of each account that has data, from one query for all of them."""
    if not account_ids:
        return {}
    start = end - dt.timedelta(days=SERIES_DAYS - 1)
    ids = ", ".join(str(int(i)) for i in account_ids)
    data = page.db.execute(f"""
        WITH days AS (SELECT CAST(d AS DATE) AS date FROM range(?::DATE, ?::DATE + 1, INTERVAL 1 DAY) t(d)),
        grid AS (SELECT a.account_id, days.date FROM (SELECT unnest([{ids}]) AS account_id) a, days),
        daily AS (SELECT account_id, date, metric, value FROM account_daily
                  WHERE account_id IN ({ids}) AND metric IN ('followers', 'reach', 'views')
                    AND date BETWEEN ? AND ?),
        snaps AS (SELECT account_id, CAST(timezone('Asia/Jakarta', observed_at) AS DATE) AS date,
                         max(followers) AS f
                  FROM follower_snapshots WHERE account_id IN ({ids}) GROUP BY 1, 2)
        SELECT grid.account_id, grid.date,
          coalesce(max(CASE WHEN metric = 'followers' THEN value END), max(snaps.f)) AS followers,
          max(CASE WHEN metric = 'reach' THEN value END) AS reach,
          max(CASE WHEN metric = 'views' THEN value END) AS views
        FROM grid LEFT JOIN daily USING (account_id, date) LEFT JOIN snaps USING (account_id, date)
        GROUP BY grid.account_id, grid.date ORDER BY grid.account_id, grid.date
    """, [start, end, start, end]).fetchall()
    by_account: dict[int, list[tuple[Any, ...]]] = {}
    for r in data:
        by_account.setdefault(int(r[0]), []).append(r[1:])
    charts = {}
    for account_id, series_rows in by_account.items():
        chart = _series_chart(page, series_rows)
        if chart:
            charts[account_id] = chart
    return charts


def _series_chart(page: Page, data: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    """One account's (date, followers, reach, views) rows as a chart spec, from its first data."""
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
    """Spikes, estimated relevant followers and open triage queues of one account."""
    spikes = cached(page, "spikes_by_account", data_version, (sel,),
                    lambda: _spikes_by_account(page, sel))
    relevance = cached(page, "relevance", audience_version, (account_id,),
                       lambda: _relevance(page, account_id))
    # Every account's queues in one query per inbox version (each triage action makes one).
    queues = cached(page, "open_queues", inbox_version, (), lambda: _open_queues(page))
    return {"spikes": spikes.get(account_id, []), "relevance": relevance,
            "queues": queues.get(account_id) or None}


def _open_queues(page: Page) -> dict[int, dict[str, int]]:
    """Per account, comments waiting in the five work queues (thanks and ignore are not work),
    urgent first."""
    out = {}
    for account_id, counts in inbox.open_by_account(page.db).items():
        shown = {q: counts.get(q, 0) for q in ("mendesak", *inbox.QUEUES)}
        out[account_id] = {q: n for q, n in shown.items() if n}
    return out


def _spikes_by_account(page: Page, sel: Any) -> dict[int, list[dict[str, Any]]]:
    """The strongest spike days of the period per account (a few each)."""
    out: dict[int, list[dict[str, Any]]] = {}
    for spike in performa.spikes(page.db, sel).select(
            ["account_id", "date", "metric", "value", "baseline"]).to_pylist():
        found = out.setdefault(int(spike["account_id"]), [])
        if len(found) < SPIKES_SHOWN:
            found.append(spike)
    return out


def _relevance(page: Page, account_id: int) -> dict[str, Any] | None:
    """Followers beside the relevant followers estimated against the account's target profile."""
    account = next((a for a in audience_store.accounts(page.db) if a.account_id == account_id), None)
    if account is None:
        return None
    found = audience_relevance(page.db, account, chosen_profile(page.db, account_id)[1])
    if found["relevant_followers"] is None:
        return None
    return {"relevant": found["relevant_followers"], "followers": found["followers"]}
