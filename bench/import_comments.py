"""Import 1,000,000 comments from a generated CSV and compare with DuckDB's bare read_csv.

Run: python bench/import_comments.py [--rows N]. Prints seconds and peak memory of each, measured
in separate child processes so that one does not inherit the other's memory.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("pak bu min mimin kak tolong dong kapan jalan rusak berlubang banjir lagi air masuk rumah "
         "bansos cair belum terima kasih infonya mantap keren lampu mati macet parah busway telat "
         "ktp kk akta pajak bayar online error aplikasi sampah numpuk bau got mampet pohon tumbang "
         "gimana caranya daftar dimana syaratnya gak bisa udah berapa kali lapor tapi belum ditangani "
         "slot gacor maxwin link bio 😂 🙏 👍 😡 🔥").split()


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """Write a realistic comment CSV (IG Comment Export layout, Excel-escaped ids)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["User ID", "Username", "Comment ID", "Comment", "Comment Time", "Post URL"])
        for i in range(rows):
            n = max(1, int(rng.lognormvariate(2.3, 0.6)))
            text = " ".join(rng.choices(WORDS, k=n))
            writer.writerow([
                str(6_000_000_000 + rng.randrange(200_000)), f"warga_{rng.randrange(200_000)}",
                f'="{17_890_000_000_000_000 + i}"', text,
                f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
                f"{rng.randint(0, 59):02d}:00+07:00",
                f"https://www.instagram.com/p/DEMO{rng.randrange(3000)}/"])


KENALI = """
import sys, resource, time, kenali
ws = kenali.open(sys.argv[1])
t = time.perf_counter()
r = ws.import_paths([sys.argv[2]], progress=False)[0]
elapsed = time.perf_counter() - t
n = ws.con.execute("SELECT count(*) FROM comments").fetchone()[0]
ws.close()
print(elapsed, n, r.rows_read, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BARE = """
import sys, resource, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [sys.argv[2]])
elapsed = time.perf_counter() - t
n = con.execute("SELECT count(*) FROM t").fetchone()[0]
con.close()
print(elapsed, n, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(script: str, db: Path, csv_path: Path) -> tuple[float, int, int, float]:
    """Run one measurement in a child process: (seconds, rows stored, rows read, peak MiB)."""
    out = subprocess.run([sys.executable, "-c", script, str(db), str(csv_path)], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), int(out[3]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "comments.csv"
        t = time.perf_counter()
        generate(csv_path, args.rows)
        print(f"generated {args.rows:,} comments ({csv_path.stat().st_size / 2**20:.0f} MiB) "
              f"in {time.perf_counter() - t:.1f} s")
        bare = run(BARE, folder / "bare.duckdb", csv_path)
        ours = run(KENALI, folder / "kenali.duckdb", csv_path)
        print(f"duckdb read_csv : {bare[0]:6.2f} s  {bare[1]:>9,} rows  peak {bare[3]:6.0f} MiB")
        print(f"kenali import   : {ours[0]:6.2f} s  {ours[1]:>9,} rows  peak {ours[3]:6.0f} MiB "
              f"(raw records, merge, one transaction)")
        print(f"ratio kenali/bare: {ours[0] / bare[0]:.2f}x (goal <= 2x); "
              f"peak {ours[3]:.0f} MiB (goal < 1024 MiB)")
        assert ours[1] == args.rows, "every comment must be stored"
    _ = resource  # imported for the child scripts' sake


if __name__ == "__main__":
    main()
