"""Benchmark of the audience suite: follower-list classification and account summaries.

Usage: python bench/audience.py [--followers 200000] [--accounts 40] [--months 24]
Prints timings; the store is filled in SQL, not through the importers.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import kenali
from kenali.audience import account_summary, load_profile, save_follower_quality
from kenali.audience.quality import classify, summarise
from kenali.audience.store import accounts

AGES = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
CITIES = ("Jakarta Timur, Jakarta, Indonesia", "South Jakarta, Jakarta, Indonesia", "Bekasi",
          "Depok, West Java, Indonesia", "Surabaya", "Seoul, South Korea")


def follower_rows(n: int) -> list[dict[str, object]]:
    """Synthetic follower rows with a mix of the shapes the rules look at."""
    r = random.Random(1)
    return [{"handle": f"user{r.randrange(10**9)}" if r.random() < 0.2 else f"warga_{i}",
             "name": r.choice(("Budi", "Toko Kue", "Dinas X", "")), "bio": r.choice(("", "warga")),
             "followers": r.randrange(0, 20000), "following": r.randrange(0, 4000),
             "posts": r.randrange(0, 500), "has_picture": r.random() < 0.9} for i in range(n)]


def _insert(ws: kenali.Workspace, sql: str, rows: list[list[object]]) -> None:
    """Insert rows through one Arrow table named s (columns c0, c1, ...)."""
    ws.con.register("s", pa.table({f"c{i}": list(col) for i, col in enumerate(zip(*rows, strict=True))}))
    ws.con.execute(sql)
    ws.con.unregister("s")


def main() -> None:
    """Run the benchmark and print figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--followers", type=int, default=200_000)
    ap.add_argument("--accounts", type=int, default=40)
    ap.add_argument("--months", type=int, default=24)
    args = ap.parse_args()
    rows = follower_rows(args.followers)
    t0 = time.perf_counter()
    summary = summarise(classify(r) for r in rows)
    t1 = time.perf_counter()
    print(f"classify + summarise {len(rows):,} followers: {t1 - t0:.2f} s "
          f"({len(rows) / (t1 - t0):,.0f}/s); quality share {summary.quality_share:.3f}")
    with tempfile.TemporaryDirectory() as tmp:
        ws = kenali.open(Path(tmp) / "bench.duckdb")
        prof = load_profile("dki-jakarta")
        r = random.Random(2)
        for a in range(args.accounts):
            account = ws.add_account("instagram", f"akun{a}")
            audience, snaps = [], []
            for m in range(args.months):
                day = f"{2024 + m // 12}-{m % 12 + 1:02d}-01"
                snaps.append([account, f"{day} 09:00:00+07", 10_000 + 500 * m])
                for age in AGES:
                    for g in ("female", "male"):
                        audience.append([account, day, "followers", "age_gender", f"{age}|{g}",
                                         r.random()])
                for c in CITIES:
                    audience.append([account, day, "followers", "city", c, r.random() / 8])
            _insert(ws, "INSERT INTO follower_snapshots SELECT c0, c1::TIMESTAMPTZ, c2, 0 FROM s",
                    snaps)
            _insert(ws, "INSERT INTO audience SELECT c0, c1::DATE, c2, c3, c4, c5, 'share', "
                    "current_timestamp, 0 FROM s", audience)
        _insert(ws, "INSERT INTO followers (account_id, handle, name, bio, followers_count, "
                "following_count, posts_count, has_picture, observed_at, import_id) "
                "SELECT 1, c0, c1, c2, c3, c4, c5, c6, current_timestamp, 0 FROM s",
                [[x["handle"] + str(i), x["name"], x["bio"], x["followers"], x["following"],
                  x["posts"], x["has_picture"]] for i, x in enumerate(rows[:50_000])])
        t2 = time.perf_counter()
        for account in accounts(ws.con):
            account_summary(ws.con, account, prof)
        t3 = time.perf_counter()
        print(f"account summaries: {args.accounts} accounts × {args.months} monthly snapshots "
              f"(account 1 with 50,000 followers listed): {t3 - t2:.2f} s")
        save_follower_quality(ws.con, 1)
        t4 = time.perf_counter()
        print(f"save_follower_quality, 50,000 followers: {t4 - t3:.2f} s")
        ws.close()


if __name__ == "__main__":
    main()
