"""Ringkasan: each account's key figures against the previous period, with trends."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ... import performa
from ...errors import KenaliError
from ..app import page_context, render
from ..widgets import account_extras, daily_series_chart, rows

router = APIRouter()
MENU = ("ringkasan", "web.menu.ringkasan", "viewer")
KEY_METRICS = ("followers_end", "growth_pct", "reach", "reach_per_follower", "er_followers",
               "non_follower_share", "posts_per_week", "follows_per_1000_reached")


@router.get("/")
def overview(request: Request) -> Response:
    with page_context(request) as page:
        try:
            sel = performa.resolve(page.db)
        except KenaliError as exc:
            return render(page, "overview.html", active="ringkasan", accounts=[], error=str(exc))
        wide = rows(performa.summary_wide(page.db, sel))
        current = {r["unit_id"]: r for r in wide if r["period"] == "current"}
        previous = {r["unit_id"]: r for r in wide if r["period"] == "previous"}
        accounts: list[dict[str, Any]] = []
        for unit_id, now in current.items():
            before = previous.get(unit_id, {})
            figures = [{"key": k, "value": now.get(k), "previous": before.get(k)} for k in KEY_METRICS]
            accounts.append({"id": unit_id, "platform": now.get("platform"), "label": now.get("label"),
                             "figures": figures,
                             "chart": daily_series_chart(page, int(unit_id), sel.end),
                             **account_extras(page, int(unit_id), sel)})
        return render(page, "overview.html", active="ringkasan", accounts=accounts, sel=sel,
                      error=None)
