"""PDF through Debian's Chromium in headless mode: offline, in a throwaway profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import KenaliError
from .files import write_atomic
from .html import render_html
from .model import Report

TIMEOUT_S = 180
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--no-pdf-header-footer",
         "--run-all-compositor-stages-before-draw")


def chromium() -> str:
    """The Chromium program, or a clear error when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise KenaliError("laporan.error.no_chromium")
    return found


def html_to_pdf_bytes(html: str) -> bytes:
    """Print an HTML document to PDF bytes with headless Chromium (no network is used)."""
    program = chromium()
    with tempfile.TemporaryDirectory(prefix="kenali-report-") as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(html, encoding="utf-8")
        out = Path(tmp) / "report.pdf"
        command = [program, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                   f"--print-to-pdf={out}", source.as_uri()]
        # HOME in the temporary folder too: Chromium writes caches and crash dumps there
        env = {**os.environ, "HOME": tmp}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                                  env=env, check=False)
        except subprocess.TimeoutExpired:
            raise KenaliError("laporan.error.pdf_failed", reason=f"timeout {TIMEOUT_S} s") from None
        data = out.read_bytes() if out.exists() else b""
    if not data.startswith(b"%PDF"):
        last = (done.stderr or "").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise KenaliError("laporan.error.pdf_failed", reason=last[0][:200])
    return data


def render_pdf(report: Report, path: str | Path) -> Path:
    """The report as a PDF file (A4)."""
    return write_atomic(Path(path), html_to_pdf_bytes(render_html(report)))
