"""Konten: the post table with overperformance and filters, a post's page, what works, best times."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ... import performa
from ...errors import KenaliError
from ...importers.base import PLATFORMS
from ..app import Page, page_context, render
from ..cache import cached, data_version
from ..widgets import rows

router = APIRouter()
MENU = ("konten", "web.menu.konten", "viewer")
PAGE_SIZE = 100
POST_TYPES = ("reel", "video", "image", "carousel", "story", "text", "live", "short")
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _filters(request: Request) -> dict[str, Any]:
    q = request.query_params
    platform = q.get("platform") if q.get("platform") in PLATFORMS else None
    return {"platform": platform, "account": q.get("account") or None,
            "type": q.get("type") if q.get("type") in POST_TYPES else None,
            "topic": (q.get("topic") or "").strip().lstrip("#").lower()[:50] or None,
            "start": _date(q.get("from")), "end": _date(q.get("to")),
            "sort": q.get("sort") if q.get("sort") in ("overperformance", "reach", "published_at") else "overperformance"}


def _selection(page: Page, f: dict[str, Any]) -> performa.Selection:
    return cached(page, "resolve", data_version, (f["account"], f["platform"], f["start"], f["end"]),
                  lambda: performa.resolve(page.db, account=f["account"], platform=f["platform"],
                                           start=f["start"], end=f["end"]))


def _accounts(page: Page) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in page.db.execute("SELECT platform, handle FROM accounts ORDER BY 1, 2").fetchall()]


@router.get("/konten")
def content(request: Request) -> Response:
    with page_context(request) as page:
        f = _filters(request)
        try:
            sel = _selection(page, f)
        except KenaliError as exc:
            return render(page, "content.html", active="konten", f=f, posts=[], error=str(exc),
                          accounts=_accounts(page), platforms=PLATFORMS, types=POST_TYPES, sel=None)
        # Kept as Arrow (compact even for a year of every account); only the shown page
        # becomes Python rows.
        table = cached(page, "post_table", data_version, (sel,),
                       lambda: performa.post_table(page.db, sel))
        posts = _filter_sort(table, f)
        return render(page, "content.html", active="konten", f=f,
                      posts=rows(posts.slice(0, PAGE_SIZE)), total=posts.num_rows, error=None,
                      accounts=_accounts(page), platforms=PLATFORMS, types=POST_TYPES, sel=sel)


def _filter_sort(table: pa.Table, f: dict[str, Any]) -> pa.Table:
    """Posts of the chosen type and topic, largest (or newest) first, missing values last."""
    if f["type"]:
        table = table.filter(pc.equal(table["post_type"], f["type"]))
    if f["topic"]:
        found = pc.match_substring(pc.utf8_lower(table["caption"]), f["topic"])
        table = table.filter(pc.fill_null(found, False))
    # Arrow's sort is stable, like the list sort it replaces (ties keep the table's order),
    # and puts missing values last by default.
    return table.take(pc.sort_indices(table, sort_keys=[(f["sort"], "descending")]))


@router.get("/konten/apa-yang-berhasil")
def what_works(request: Request) -> Response:
    """Effect sizes of post attributes (loaded after the page, it takes a few seconds)."""
    with page_context(request) as page:
        f = _filters(request)
        try:
            sel = _selection(page, f)
        except KenaliError as exc:
            return render(page, "_what_works.html", findings=[], timing=[], error=str(exc))
        # The fragment is the same for everyone reading this selection in this language.
        body = cached(page, "what_works_html", data_version, (sel, page.locale),
                      lambda: _what_works_html(page, sel))
        return HTMLResponse(body)


def _what_works_html(page: Page, sel: performa.Selection) -> bytes:
    """The rendered 'what works' and best-time fragment of a selection."""
    findings = [r for r in rows(performa.what_works(page.db, sel)) if r["status"] == "ok"]
    # Strongest effects first, whichever direction: log-ratio distance from 1.
    findings.sort(key=lambda r: -abs(math.log(r["ratio"])) if r["ratio"] else 0)
    for r in findings:
        r["label"] = finding_label(page, r)
    timing = rows(performa.best_times(page.db, sel))
    return bytes(render(page, "_what_works.html", findings=findings[:40], grids=_time_grids(timing),
                        weekdays=WEEKDAYS, error=None).body)


def finding_label(page: Page, r: dict[str, Any]) -> str:
    """'instagram · format: reel → follows' in the page's language."""
    level = r["level"]
    if r["attribute"] == "weekday" and str(level).isdigit():
        level = page.t("weekday." + WEEKDAYS[int(level) - 1])
    elif level in ("yes", "no"):
        level = page.t("web." + level)
    return (f"{r['platform']} · {page.t('attr.' + r['attribute'])}: {level} → "
            f"{page.t('metric.' + r['outcome'])}")


def _time_grids(timing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One weekday × hour grid per account, with heat classes 0–9 (styles come from CSS, not inline)."""
    grids: dict[tuple[str, str], dict[str, Any]] = {}
    for r in timing:
        grid = grids.setdefault((r["platform"], r["handle"]), {
            "platform": r["platform"], "handle": r["handle"], "source": r["source"],
            "cells": {}, "best": []})
        grid["cells"][(r["weekday"], r["hour"])] = r["value"]
        if r["rank"] is not None and r["rank"] <= 3:
            grid["best"].append(r)
    for grid in grids.values():
        values = [v for v in grid["cells"].values() if v is not None]
        top = max(values) if values else 0
        grid["heat"] = {k: (int(9 * v / top) if top and v is not None else None) for k, v in grid["cells"].items()}
        grid["best"].sort(key=lambda r: r["rank"])
    return list(grids.values())


@router.get("/konten/{platform}/{post_id}")
def post_page(request: Request, platform: str, post_id: str) -> Response:
    with page_context(request) as page:
        row = page.db.execute("""
            SELECT p.platform, p.platform_post_id, a.handle, p.published_at, p.post_type, p.title,
                   p.caption, p.permalink, p.hashtags, p.is_collab, p.account_id
            FROM posts p JOIN accounts a USING (account_id)
            WHERE p.platform = ? AND p.platform_post_id = ?""", [platform, post_id]).fetchall()
        if not row:
            return render(page, "error_page.html", status_code=404, active="konten",
                          title=page.t("web.not_found"), message=page.t("web.post_not_found"))
        keys = ("platform", "platform_post_id", "handle", "published_at", "post_type", "title",
                "caption", "permalink", "hashtags", "is_collab", "account_id")
        post = dict(zip(keys, row[0], strict=True))
        published = post["published_at"]
        scored: dict[str, Any] = {}
        if published is not None:
            day = published.date()
            sel = performa.Selection((int(post["account_id"]),), day, day)
            scored = next((r for r in rows(performa.post_table(page.db, sel))
                           if r["platform_post_id"] == post_id), {})
        history = page.db.execute("""
            SELECT period, as_of, reach, views, likes, comments, shares, saves, follows
            FROM post_metrics WHERE platform = ? AND platform_post_id = ? ORDER BY as_of""",
            [platform, post_id]).fetchall()
        comments = page.db.execute("""
            SELECT platform_comment_id, author_handle, text, created_at, like_count
            FROM comments WHERE platform = ? AND platform_post_id = ?
            ORDER BY created_at NULLS LAST LIMIT 200""", [platform, post_id]).fetchall()
        return render(page, "post.html", active="konten", post=post, scored=scored,
                      history=history, comments=comments)
