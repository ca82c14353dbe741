"""Laporan: download the period report as PDF, HTML or XLSX."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ...errors import KenaliError
from ..app import audit, page_context, render

router = APIRouter()
MENU = ("laporan", "web.menu.laporan", "viewer")
FORMATS = ("pdf", "html", "xlsx")
_PERIOD = re.compile(r"^\d{4}-\d{2}(-\d{2}\.\.\d{4}-\d{2}-\d{2})?$")


def _months(db) -> list[str]:  # type: ignore[no-untyped-def]
    """Months with data, newest first."""
    rows = db.execute("""
        SELECT DISTINCT strftime(date, '%Y-%m') AS m FROM account_daily
        UNION SELECT DISTINCT strftime(timezone('Asia/Jakarta', published_at), '%Y-%m') FROM posts
        WHERE published_at IS NOT NULL ORDER BY 1 DESC LIMIT 24""").fetchall()
    return [r[0] for r in rows if r[0]]


@router.get("/laporan")
def report_page(request: Request) -> Response:
    with page_context(request) as page:
        accounts = [r[0] for r in page.db.execute("SELECT handle FROM accounts ORDER BY 1").fetchall()]
        return render(page, "reports.html", active="laporan", months=_months(page.db),
                      accounts=accounts, formats=FORMATS, error=None)


@router.get("/laporan/unduh")
async def download(request: Request) -> Response:
    q = request.query_params
    period = (q.get("periode") or "").strip()
    fmt = (q.get("format") or "pdf").lower()
    account = q.get("akun") or None
    with page_context(request) as page:
        user, locale, store = page.user, page.locale, page.store
        accounts = [r[0] for r in page.db.execute("SELECT handle FROM accounts ORDER BY 1").fetchall()]
        months = _months(page.db)
        if not _PERIOD.match(period) or fmt not in FORMATS or (account and account not in accounts):
            return render(page, "reports.html", active="laporan", months=months, accounts=accounts,
                          formats=FORMATS, error=page.t("web.report_bad_request"), status_code=400)

    def work() -> tuple[bytes, str, str]:
        from ...report import report_bytes

        with store.reader() as db:
            return report_bytes(db, period, fmt, account, locale)

    try:
        data, name, media = await run_in_threadpool(work)
    except KenaliError as exc:
        with page_context(request) as page:
            return render(page, "reports.html", active="laporan", months=months, accounts=accounts,
                          formats=FORMATS, error=str(exc), status_code=400)
    with store.writer() as db:
        audit(db, user, "report.download", name, {"period": period, "format": fmt, "account": account})
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"'})
