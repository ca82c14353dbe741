"""Pengikut: the audience against the target population, relevance, quality and segments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...audience import account_summary, chosen_profile
from ...audience import store as audience_store
from ...audience import text as words
from ..app import Page, page_context, render
from ..cache import audience_version, cached

router = APIRouter()
MENU = ("pengikut", "web.menu.pengikut", "viewer")


def _summary(page: Page, account: audience_store.Account) -> dict[str, Any]:
    """The audience summary of one account with its sentences and chart specs."""
    chosen, profile = chosen_profile(page.db, account.account_id)
    s = account_summary(page.db, account, profile)
    prof = s["profile"]
    latest = s["latest"].get("followers")
    out: dict[str, Any] = {"summary": s, "profile_name": chosen,
                           "headline": words.relevance_lines(s["relevance"], prof),
                           "where": [], "sentences": [], "history": [], "follows": [],
                           "engaged": [], "quality": [], "charts": []}
    if latest:
        demo = latest["demographics"]
        out["where"] = words.where_lines(latest["where"])
        out["sentences"] = (words.representation_sentences(demo.get("ages") or [], prof, "followers")
                            + words.representation_sentences(demo.get("genders") or [], prof, "followers", 1))
        ages = [r for r in demo.get("ages") or [] if r.get("population") is not None]
        if ages:
            out["charts"].append({
                "id": f"age-{account.account_id}", "caption": page.t("web.age_vs_population"),
                "spec": {"type": "bar", "labels": [r["bucket"] for r in ages], "x_label": page.t("web.age"),
                         "series": [{"label": page.t("web.followers_share"), "data": [round(100 * r["audience"], 1) for r in ages], "digits": 1},
                                    {"label": page.t("web.population_share"), "data": [round(100 * r["population"], 1) for r in ages], "digits": 1}]}})
    snaps = [x for x in s["snapshots"] if x["kind"] == "followers" and x["fit"] is not None]
    if len(snaps) > 1:
        out["charts"].append({
            "id": f"fit-{account.account_id}", "caption": page.t("web.relevance_over_time"),
            "spec": {"type": "line", "labels": [x["date"] for x in snaps], "x_label": page.t("web.date"),
                     "series": [{"label": page.t("web.fit"), "data": [round(x["fit"], 3) for x in snaps], "digits": 2},
                                {"label": page.t("web.in_area"), "data": [round(x["in_area"], 3) if x["in_area"] is not None else None for x in snaps], "digits": 2}]}})
    out["history"] = words.history_lines(s["history"])
    out["follows"] = words.follows_lines(s["follows"]) if s["follows"] else []
    out["engaged"] = words.engaged_lines(s["engaged_vs_followers"]) if s["engaged_vs_followers"] else []
    out["quality"] = words.quality_lines(s["quality"]) if s["quality"] else []
    return out


@router.get("/pengikut")
def audience_page(request: Request) -> Response:
    with page_context(request) as page:
        accounts = audience_store.accounts(page.db)
        wanted = request.query_params.get("akun")
        chosen = next((a for a in accounts if a.handle == wanted), accounts[0] if accounts else None)
        # The same for every user reading this account in this language: computed once per
        # version of what it reads (about 0.2 s on a store 20x the demo).
        summary = cached(page, "audience_summary", audience_version, (chosen, page.locale),
                         lambda: _summary(page, chosen)) if chosen else None
        return render(page, "audience.html", active="pengikut", accounts=accounts, chosen=chosen,
                      s=summary)
