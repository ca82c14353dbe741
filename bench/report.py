"""Benchmark of the period report: building it from a store and rendering each format.

Usage: python bench/report.py [--db PATH] [--period 2026-10] [--account HANDLE] [--lang id]
Without --db the demo store is built (and triaged) in a temporary folder first, as
`kenali demo` and `kenali triage` would. Prints seconds per step and file sizes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kenali.report import build_report, render_html, render_pdf, render_xlsx
from kenali.workspace import Workspace


def demo_store(folder: Path) -> Path:
    """Build and triage the demo store (what `kenali demo` + `kenali triage` do)."""
    from kenali.demo import build_demo
    from kenali.triage.store import triage_store

    path = folder / "demo.duckdb"
    started = time.perf_counter()
    build_demo(path, progress=False)
    with Workspace(path) as ws:
        triage_store(ws.con)
    print(f"demo store built and triaged: {time.perf_counter() - started:.1f} s")
    return path


def main() -> None:
    """Time the report steps."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db")
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--account")
    parser.add_argument("--lang", default="id")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = Path(args.db) if args.db else demo_store(folder)
        with Workspace(path, read_only=True) as ws:
            started = time.perf_counter()
            report = build_report(ws.con, args.period, args.account, args.lang)
            built = time.perf_counter() - started
        print(f"build_report {args.period}: {built:.2f} s ({len(report.accounts)} accounts)")
        for fmt, render in (("html", None), ("xlsx", render_xlsx), ("pdf", render_pdf)):
            out = folder / f"laporan.{fmt}"
            started = time.perf_counter()
            if render is None:
                out.write_text(render_html(report), encoding="utf-8")
            else:
                render(report, out)
            seconds = time.perf_counter() - started
            print(f"render {fmt}: {seconds:.2f} s, {out.stat().st_size / 1024:.0f} KiB; "
                  f"build + render {built + seconds:.2f} s")


if __name__ == "__main__":
    main()
