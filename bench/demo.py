"""Time `kenali demo`: generating and writing the export files, then importing them.

Usage: python bench/demo.py [--seed 7]. Prints wall and CPU seconds per phase and the row counts;
the goal is the whole build under 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kenali.demo import build_demo
from kenali.demo.build import Generated, write_exports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = time.perf_counter(), time.process_time()
        made = Generated()
        for _ in write_exports(Path(tmp) / "files", args.seed, made):
            pass
        files = sum(1 for p in (Path(tmp) / "files").rglob("*") if p.is_file())
        print(f"generate + write files: {time.perf_counter() - wall:6.1f} s wall "
              f"{time.process_time() - cpu:6.1f} s cpu  ({files} files, {made.posts:,} posts, "
              f"{made.comments:,} comments)")
        wall, cpu = time.perf_counter(), time.process_time()
        summary = build_demo(Path(tmp) / "demo.duckdb", seed=args.seed, progress=False)
        print(f"whole build (incl. import): {time.perf_counter() - wall:6.1f} s wall "
              f"{time.process_time() - cpu:6.1f} s cpu")
        for table, n in summary["tables"].items():
            print(f"  {table:<20} {n:>10,}")


if __name__ == "__main__":
    main()
