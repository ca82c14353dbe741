"""Komentar: the triage inbox — queues, corrections, assignment, notes, clusters and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ... import inbox, moderation
from ...errors import KenaliError
from ...triage.policy import ACTIONS, INTENTS, TOS_FOR_INTENT
from ..app import Page, audit, check_csrf, page_context, render
from ..cache import cached, inbox_version, labels_version

router = APIRouter()
MENU = ("komentar", "web.menu.komentar", "viewer")
PAGE_SIZE = 50
EVIDENCE_COLUMNS = ["permalink", "created_at", "platform", "account", "author_handle", "text",
                    "tos_category", "report_reason", "rule", "intent", "platform_comment_id"]
FOLLOWUP_COLUMNS = ["category", "location", "description", "link", "created_at", "platform",
                    "account", "author_handle", "platform_comment_id"]


def _account_id(page: Page, handle: str | None) -> int | None:
    if not handle:
        return None
    row = page.db.execute("SELECT account_id FROM accounts WHERE handle = ?", [handle]).fetchall()
    return int(row[0][0]) if row else -1


def _keys(values: list[str]) -> list[tuple[str, str]]:
    keys = []
    for value in values:
        platform, _, comment_id = value.partition(":")
        if platform and comment_id:
            keys.append((platform, comment_id))
    return keys


# How a queue can be ordered (urgent comments always lead): see inbox.queue.
ORDERS = ("default", "newest", "oldest")


@router.get("/komentar")
def inbox_page(request: Request) -> Response:
    with page_context(request) as page:
        q = request.query_params
        wanted = q.get("antrian") or ""
        queue_name = wanted if wanted in inbox.QUEUES + inbox.OTHER_QUEUES else "balas_cepat"
        status = "done" if q.get("status") == "done" else "open"
        handle = q.get("akun") or None
        search = (q.get("cari") or "").strip()[:100] or None
        sort = str(q.get("urutan")) if q.get("urutan") in ORDERS else "default"
        try:
            since = dt.date.fromisoformat(q.get("sejak") or "")
        except ValueError:
            since = None
        try:
            number = max(1, int(q.get("hal", "1")))
        except ValueError:
            number = 1
        account_id = _account_id(page, handle)
        triaged = page.db.execute("SELECT count(*) FROM triage_decisions").fetchall()[0][0]
        offset = (number - 1) * PAGE_SIZE
        rows, total = cached(page, "queue", inbox_version,
                             (queue_name, account_id, status, search, PAGE_SIZE, offset, sort, since),
                             lambda: inbox.queue(page.db, queue_name, account_id, status, search,
                                                 PAGE_SIZE, offset, sort, since))
        counts = cached(page, "queue_counts", inbox_version, (account_id,),
                        lambda: inbox.queue_counts(page.db, account_id))
        urgent = cached(page, "urgent_open", inbox_version, (account_id,),
                        lambda: inbox.urgent_open(page.db, account_id))
        # Reply times do not depend on the work state (marking done keeps them) nor on the
        # user: their table (a row per account and queue) is rendered once per label version.
        times_html = cached(page, "response_times_html", labels_version, (page.locale,),
                            lambda: _response_times_html(page))
        accounts = [r[0] for r in page.db.execute("SELECT handle FROM accounts ORDER BY 1").fetchall()]
        users = [r[0] for r in page.db.execute("SELECT username FROM users WHERE NOT disabled "
                                               "AND role IN ('analyst', 'admin') ORDER BY 1").fetchall()]
        base = {"antrian": queue_name, "status": status, **({"akun": handle} if handle else {}),
                **({"cari": search} if search else {}),
                **({"urutan": sort} if sort != "default" else {}),
                **({"sejak": since.isoformat()} if since else {})}
        return render(page, "comments.html", active="komentar", rows=rows, total=total,
                      queue=queue_name, status=status, handle=handle, search=search, number=number,
                      sort=sort, orders=ORDERS, since=since,
                      pages=(total + PAGE_SIZE - 1) // PAGE_SIZE, counts=counts,
                      urgent=urgent, accounts=accounts, users=users,
                      intents=INTENTS, actions=ACTIONS, tos_for=TOS_FOR_INTENT, triaged=triaged,
                      query=urlencode(base), back=request.url.path + "?" + urlencode({**base, "hal": number}),
                      times_html=times_html, reason=moderation.report_reason)


def _response_times_html(page: Page) -> Markup:
    """The rendered reply-times table of every account and queue."""
    body = render(page, "_response_times.html", times=inbox.response_times(page.db)).body
    return Markup(bytes(body).decode("utf-8"))  # rendered by Jinja with autoescape


@router.post("/komentar/aksi")
async def act(request: Request) -> Response:
    """One action on one or many comments: correct, assign, done/reopen, note."""
    with page_context(request, "analyst") as page:
        form = await check_csrf(request, page)
        values = (await request.form()).getlist("ids")
        keys = _keys([str(v) for v in values])[:500]
        back = str(form.get("back") or "/komentar")
        if not back.startswith("/komentar"):
            back = "/komentar"
        what = str(form.get("what", ""))

        def write() -> None:
            with page.store.writer() as db:
                n = _apply(db, what, keys, form, page.user.username)
                audit(db, page.user, f"triage.{what}", ",".join(f"{p}:{c}" for p, c in keys[:50]),
                      {k: str(v)[:200] for k, v in form.items() if k not in ("csrf_token", "ids")} | {"n": n})

        try:
            # Off the event loop: the write waits for the single writer (an import may hold it).
            await run_in_threadpool(write)
        except KenaliError as exc:
            return render(page, "error_page.html", status_code=400, active="komentar",
                          title=page.t("web.action_refused"), message=str(exc))
    return RedirectResponse(back, status_code=303)


def _apply(db: duckdb.DuckDBPyConnection, what: str, keys: list[tuple[str, str]], form: dict[str, Any], user: str) -> int:
    """Apply one inbox action to these comments; return how many it changed."""
    if what == "correct":
        urgent_raw = str(form.get("urgent", ""))
        return inbox.correct(db, keys, user,
                             intent=str(form.get("intent") or "") or None,
                             urgent=None if urgent_raw == "" else urgent_raw == "1",
                             tos_category=str(form.get("tos_category") or "") or None,
                             action=str(form.get("action") or "") or None,
                             note=str(form.get("note") or "")[:1000] or None)
    if what in ("done", "open"):
        return inbox.set_work(db, keys, user, status=what)
    if what == "assign":
        return inbox.set_work(db, keys, user, assigned_to=str(form.get("assignee") or user)[:64])
    if what == "note":
        return inbox.set_work(db, keys, user, note=str(form.get("note") or "")[:1000])
    raise KenaliError("inbox.error.bad_request")


@router.get("/komentar/klaster")
def cluster_page(request: Request) -> Response:
    with page_context(request) as page:
        handle = request.query_params.get("akun") or None
        account_id = _account_id(page, handle)
        # The page shows no work state, so marking comments done does not recompute it.
        found = [dict(c) for c in cached(page, "clusters", labels_version, (account_id,),
                                         lambda: inbox.clusters(page.db, account_id))]
        for cluster in found:
            cluster["outline"] = inbox.outline(cluster, page.t)
        return render(page, "clusters.html", active="komentar", clusters=found,
                      total=inbox.cluster_count(page.db, account_id))


def _download(page: Page, body: str, name: str, media: str) -> Response:
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "X-Content-Type-Options": "nosniff"})


def _evidence_rows(page: Page, request: Request) -> list[dict[str, Any]]:
    keys = _keys(request.query_params.getlist("ids")) or None
    rows = inbox.reportable(page.db, "laporkan", keys)
    for r in rows:
        link = r["post_permalink"] or ""
        r["permalink"] = link
        r["report_reason"] = moderation.report_reason(r["platform"], r["tos_category"])
        r["rule"] = page.t(f"inbox.tos.{r['tos_category']}") if r["tos_category"] else page.t("inbox.tos.none")
    return rows


@router.get("/komentar/bukti.csv")
def evidence_csv(request: Request) -> Response:
    with page_context(request, "analyst") as page:
        rows = _evidence_rows(page, request)
        audit_download(page, "evidence.csv", len(rows))
        return _download(page, moderation.evidence_csv(rows, EVIDENCE_COLUMNS),
                         f"bukti-laporan-{dt.date.today()}.csv", "text/csv; charset=utf-8")


@router.get("/komentar/bukti.html")
def evidence_html(request: Request) -> Response:
    with page_context(request, "analyst") as page:
        rows = _evidence_rows(page, request)
        audit_download(page, "evidence.html", len(rows))
        labels = {c: page.t(f"inbox.col.{c}") for c in EVIDENCE_COLUMNS}
        body = moderation.evidence_html(rows, EVIDENCE_COLUMNS, page.t("inbox.evidence_title"), labels)
        return _download(page, body, f"bukti-laporan-{dt.date.today()}.html", "text/html; charset=utf-8")


@router.get("/komentar/tindak-lanjut.csv")
def followup_csv(request: Request) -> Response:
    """Service complaints ready for SP4N-LAPOR! or Jakarta's CRM: category, place, text, link."""
    with page_context(request, "analyst") as page:
        rows = [r for r in inbox.reportable(page.db, "balas_cepat")
                if r["intent"] == "keluhan_layanan"]
        out = [{"category": r["topic"], "location": inbox.location_text(r["text"]),
                "description": r["text"], "link": r["post_permalink"], **r} for r in rows]
        audit_download(page, "followup.csv", len(out))
        return _download(page, moderation.evidence_csv(out, FOLLOWUP_COLUMNS),
                         f"tindak-lanjut-{dt.date.today()}.csv", "text/csv; charset=utf-8")


def audit_download(page: Page, what: str, n: int) -> None:
    """Downloads of commenters' data are recorded like any other action."""
    with page.store.writer() as db:
        audit(db, page.user, f"download.{what}", None, {"rows": n})
