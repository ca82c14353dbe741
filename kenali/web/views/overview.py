"""Ringkasan: each account's key figures against the previous period, with trends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from ... import performa
from ...errors import KenaliError
from ..app import Page, page_context, render
from ..cache import cached, data_version
from ..widgets import account_extras, daily_series_charts, rows

router = APIRouter()
MENU = ("ringkasan", "web.menu.ringkasan", "viewer")
KEY_METRICS = ("followers_end", "growth_pct", "reach", "reach_per_follower", "er_followers",
               "non_follower_share", "posts_per_week", "follows_per_1000_reached")
# X and YouTube give views (impressions) and net follows, not reach: each platform is shown in
# the terms of its own game rather than as a row of dashes.
KEY_METRICS_BY_PLATFORM = {
    "x": ("followers_end", "net_follows", "views", "er_views", "er_followers", "profile_visits",
          "posts_per_week", "interactions"),
    "youtube": ("followers_end", "net_follows", "views", "er_views", "er_followers", "interactions",
                "posts_per_week", "growth_pct"),
}
# Cards per page: an agency with hundreds of accounts would otherwise get a page of megabytes.
PAGE_SIZE = 24


def _page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("hal", "1")))
    except ValueError:
        return 1


def _charts_html(page: Page, account_ids: list[int], end: dt.date) -> dict[int, Markup]:
    """Each account's rendered trend chart (with its table view)."""
    return {account_id: Markup(bytes(render(page, "_account_chart.html", id=account_id, spec=spec).body)
                               .decode("utf-8"))  # rendered by Jinja with autoescape
            for account_id, spec in daily_series_charts(page, account_ids, end).items()}


@router.get("/")
def overview(request: Request) -> Response:
    with page_context(request) as page:
        try:
            sel = cached(page, "resolve", data_version, (), lambda: performa.resolve(page.db))
        except KenaliError as exc:
            return render(page, "overview.html", active="ringkasan", accounts=[], error=str(exc))
        wide = cached(page, "summary_wide", data_version, (sel,),
                      lambda: rows(performa.summary_wide(page.db, sel)))
        current = {r["unit_id"]: r for r in wide if r["period"] == "current"}
        previous = {r["unit_id"]: r for r in wide if r["period"] == "previous"}
        pages = max(1, (len(current) + PAGE_SIZE - 1) // PAGE_SIZE)
        number = min(_page_number(request), pages)
        shown = list(current)[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
        # Rendered once per data version: a chart's table view is most of the page's work.
        charts = cached(page, "series_charts_html", data_version, (tuple(shown), sel.end, page.locale),
                        lambda: _charts_html(page, [int(u) for u in shown], sel.end))
        accounts: list[dict[str, Any]] = []
        for unit_id in shown:
            now, before = current[unit_id], previous.get(unit_id, {})
            keys = KEY_METRICS_BY_PLATFORM.get(str(now.get("platform")), KEY_METRICS)
            figures = [{"key": k, "value": now.get(k), "previous": before.get(k)} for k in keys]
            accounts.append({"id": unit_id, "platform": now.get("platform"), "label": now.get("label"),
                             "figures": figures, "chart_html": charts.get(int(unit_id)),
                             **account_extras(page, int(unit_id), sel)})
        return render(page, "overview.html", active="ringkasan", accounts=accounts, sel=sel,
                      error=None, number=number, n_pages=pages, total=len(current))
