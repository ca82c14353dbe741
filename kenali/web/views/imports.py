"""Impor: upload export files or zips and see what each yielded."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ...errors import KenaliError
from ...importers.base import PLATFORMS
from ...ingest import FileResult
from ...triage.store import triage_store
from ...workspace import run_import
from ..app import audit, check_csrf, page_context, render

router = APIRouter()
MENU = ("impor", "web.menu.impor", "analyst")
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
RECENT = 30


def _recent(db) -> list[dict]:  # type: ignore[no-untyped-def]
    rows = db.execute("""
        SELECT i.import_id, i.file_name, i.member, i.format, a.platform, a.handle, i.rows_read,
               i.rows_written, i.rows_skipped, i.finished_at
        FROM imports i LEFT JOIN accounts a USING (account_id)
        ORDER BY i.import_id DESC LIMIT ?""", [RECENT]).fetchall()
    keys = ("id", "file", "member", "format", "platform", "handle", "read", "written", "skipped", "at")
    return [dict(zip(keys, r, strict=True)) for r in rows]


@router.get("/impor")
def import_page(request: Request) -> Response:
    with page_context(request, "analyst") as page:
        accounts = page.db.execute("SELECT platform, handle FROM accounts ORDER BY 1, 2").fetchall()
        return render(page, "imports.html", active="impor", recent=_recent(page.db),
                      accounts=accounts, platforms=PLATFORMS, results=None, error=None, triaged=None)


@router.post("/impor")
async def upload(request: Request) -> Response:
    with page_context(request, "analyst") as page:
        user = page.user
        form = await check_csrf(request, page)
    account = str(form.get("account") or "").strip() or None
    platform = str(form.get("platform") or "").strip() or None
    uploads = [f for f in (await request.form()).getlist("files") if isinstance(f, UploadFile)]
    error = None
    results: list[FileResult] = []
    triaged: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(prefix="kenali-upload-") as tmp:
        paths = []
        total = 0
        for index, upload in enumerate(uploads):
            # The user's file name is kept only as the last path part, never as a path, and
            # unchanged: importers read post ids and dates from it (a folder per file keeps two
            # uploads of the same name apart).
            name = Path(upload.filename or f"upload-{index}").name or f"upload-{index}"
            target = Path(tmp) / f"{index:03d}" / name
            target.parent.mkdir()
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            total += len(data)
            if total > MAX_UPLOAD_BYTES:
                error = page.t("web.upload_too_big")
                break
            target.write_bytes(data)
            paths.append(str(target))
        if not paths and error is None:
            error = page.t("web.upload_none")
        if error is None:
            store = request.app.state.store

            def work() -> tuple[list[FileResult], dict[str, Any] | None]:
                with store.write_lock:
                    cursor = store.con.cursor()
                    try:
                        found = run_import(cursor, paths, account=account, platform=platform,
                                           progress=False)
                        cursor.execute("BEGIN TRANSACTION")
                        audit(cursor, user, "import", ", ".join(Path(p).name for p in paths),
                              {"files": [r.as_dict() for r in found]})
                        cursor.execute("COMMIT")
                        # New comments go straight into the inbox: the team does not run a
                        # separate command (each account's triage is its own transaction).
                        triaged = None
                        if any(r.status == "imported" for r in found):
                            triaged = triage_store(cursor)
                        return found, triaged
                    finally:
                        cursor.close()
            try:
                results, triaged = await run_in_threadpool(work)
            except KenaliError as exc:
                error = str(exc)
        for r in results:
            # "<tmp>/000/export.zip!folder/Reach.csv" -> "export.zip!folder/Reach.csv"
            r.file = r.file.removeprefix(tmp + "/").split("/", 1)[-1]
    with page_context(request, "analyst") as page:
        accounts = page.db.execute("SELECT platform, handle FROM accounts ORDER BY 1, 2").fetchall()
        return render(page, "imports.html", active="impor", recent=_recent(page.db),
                      accounts=accounts, platforms=PLATFORMS, results=results, error=error,
                      triaged=triaged, status_code=400 if error else 200)
