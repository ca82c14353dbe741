"""Triage of a whole store (decide every comment again): comments/s with 1 and 2 worker processes.

Run: python bench/triage_store.py [--db STORE] [--workers 1 2]. The store is copied first and the
copy is triaged, so the original is not changed. Without --db the demo store (`kenali demo`) is
used. The figure includes reading the comments, writing decisions, the inbox table and the
recurring-issue clustering: what `kenali triage --db STORE --all` costs.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import kenali
from kenali.cli_web import demo_db_path
from kenali.triage.pipeline import Triage
from kenali.triage.store import triage_store


def main() -> None:
    """Print one line per worker count."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    source = args.db or demo_db_path()
    if not source.is_file():
        raise SystemExit(f"no store at {source}: build the demo with `kenali demo` or pass --db")
    triage = Triage.load()
    with tempfile.TemporaryDirectory(prefix="kenali-bench-") as tmp:
        for workers in args.workers:
            copy = Path(tmp) / f"store-{workers}.duckdb"
            shutil.copy(source, copy)
            ws = kenali.open(copy)
            n = ws.con.execute("SELECT count(*) FROM comments").fetchall()[0][0]
            start = time.perf_counter()
            summary = triage_store(ws.con, triage, redo=True, workers=workers)
            seconds = time.perf_counter() - start
            ws.close()
            print(f"{workers} worker(s): {summary['triaged']:,} of {n:,} comments in {seconds:.1f} s "
                  f"= {summary['triaged'] / seconds:,.0f} comments/s (with explanations, clustering "
                  f"and writes); {summary['clusters']:,} recurring clusters")


if __name__ == "__main__":
    main()
