"""`kenali laporan`: the period report as a PDF, HTML or XLSX file."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .i18n import current_locale, t


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add `kenali laporan` to the parser."""
    from .report.files import FORMATS

    p = add("laporan", cmd_laporan, "laporan.cli.help")
    p.add_argument("--period", required=True, metavar="2026-10", help=t("laporan.cli.period"))
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf",
                   help=t("laporan.cli.format"))
    p.add_argument("--account", metavar="HANDLE", help=t("laporan.cli.account"))
    p.add_argument("--out", metavar="FILE", help=t("laporan.cli.out"))


def cmd_laporan(args: argparse.Namespace) -> int:
    """Build the report and write it where asked (by default in the current folder)."""
    from .report import build_report, file_name, parse_period, render_html, render_pdf, render_xlsx
    from .report.files import write_atomic
    from .report.pdf import chromium
    from .workspace import Workspace

    started = time.monotonic()
    parse_period(args.period)                      # a bad period fails before the store opens
    if args.fmt == "pdf":
        chromium()                                 # so does a missing Chromium
    out = Path(args.out) if args.out else Path.cwd() / file_name(args.period, args.fmt,
                                                                   args.account)
    with Workspace(args.db, read_only=True) as ws:
        report = build_report(ws.con, args.period, args.account, current_locale())
    if args.fmt == "pdf":
        render_pdf(report, out)
    elif args.fmt == "xlsx":
        render_xlsx(report, out)
    else:
        write_atomic(out, render_html(report).encode("utf-8"))
    seconds = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps({"path": str(out), "format": args.fmt, "seconds": seconds}))
    else:
        print(t("laporan.cli.written", path=out, seconds=seconds))
    return 0
