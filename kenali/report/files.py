"""Report files: formats, default names, atomic writes, and bytes for the web's Laporan page."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import duckdb

from ..errors import KenaliError

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(MEDIA_TYPES)


def check_format(fmt: str) -> str:
    """The format in lower case, or a clear error."""
    fmt = (fmt or "").lower()
    if fmt not in MEDIA_TYPES:
        raise KenaliError("laporan.error.bad_format", format=fmt, known=", ".join(FORMATS))
    return fmt


def file_name(period: str, fmt: str, account: str | None = None) -> str:
    """'laporan-2026-10.pdf', 'laporan-2026-10-01_2026-10-15-humas.jakarta.xlsx'."""
    stem = "laporan-" + period.strip().replace("..", "_")
    if account:
        stem += "-" + re.sub(r"[^a-z0-9._-]+", "_", account.lstrip("@").lower())
    return f"{stem}.{fmt}"


def write_atomic(path: Path, data: bytes) -> Path:
    """Write a file whole or not at all (a temporary file beside it, then a rename)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a fresh name opened exclusively: the file gets the usual permissions (umask)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            with open(tmp, "xb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise KenaliError("laporan.error.out", path=str(path), reason=exc.strerror or exc) from None
    return path


def report_bytes(con: duckdb.DuckDBPyConnection, period: str, fmt: str,
                 account: str | None = None, locale: str = "id") -> tuple[bytes, str, str]:
    """The report file's bytes, its file name and media type (for a download)."""
    from .build import build_report
    from .html import render_html
    from .pdf import html_to_pdf_bytes
    from .xlsx import xlsx_bytes

    fmt = check_format(fmt)
    report = build_report(con, period, account, locale)
    if fmt == "html":
        data = render_html(report).encode("utf-8")
    elif fmt == "pdf":
        data = html_to_pdf_bytes(render_html(report))
    else:
        data = xlsx_bytes(report)
    return data, file_name(period, fmt, account), MEDIA_TYPES[fmt]
