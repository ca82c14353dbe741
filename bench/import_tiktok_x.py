"""Import generated X content exports, twarc2 reply dumps and TikTok follower activity; print speed.

Run: python bench/import_tiktok_x.py [--rows N]. Each file is imported into a fresh store; the
figures are wall-clock seconds and rows per second of the whole import (read, map, write).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import kenali

CONTENT_HEADER = ["Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Engagements",
                  "Bookmarks", "Share", "New follows", "Replies", "Reposts", "Profile visits",
                  "Detail expands", "Url clicks", "Hashtag clicks", "Permalink clicks"]


def x_content(path: Path, rows: int, rng: random.Random) -> None:
    """An x.com content export with `rows` posts (2025 headers, thousands separators)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CONTENT_HEADER)
        day = date(2025, 1, 31)
        for i in range(rows):
            post_id = str(1_880_000_000_000_000_000 + i)
            when = day - timedelta(days=i % 365)
            writer.writerow([post_id, when.strftime("%a %b %d %Y"),
                             f"Info layanan #{i} untuk warga Jakarta #InfoJakarta",
                             f"https://x.com/HumasDKI/status/{post_id}",
                             f"{rng.randrange(100, 90_000):,}", *(rng.randrange(0, 400)
                                                                  for _ in range(12))])


def twarc_pages(path: Path, tweets: int, rng: random.Random) -> None:
    """twarc2 JSONL: pages of 100 replies with their users."""
    with path.open("w", encoding="utf-8") as handle:
        for page in range(0, tweets, 100):
            data, users = [], []
            for i in range(page, min(page + 100, tweets)):
                author = str(1_500_000_000 + rng.randrange(20_000))
                data.append({"id": str(1_900_000_000_000_000_000 + i), "author_id": author,
                             "conversation_id": "1881122334455667788",
                             "created_at": "2025-01-20T01:12:45.000Z",
                             "text": "@HumasDKI kapan jalan di depan rumah saya diperbaiki?",
                             "referenced_tweets": [{"type": "replied_to",
                                                    "id": "1881122334455667788"}],
                             "public_metrics": {"like_count": rng.randrange(10)}})
                users.append({"id": author, "username": f"warga_{author[-5:]}"})
            handle.write(json.dumps({"data": data, "includes": {"users": users}}) + "\n")


def follower_activity(path: Path, days: int) -> None:
    """A FollowerActivity.csv of `days` × 24 hours, Indonesian yearless dates, BOM, all quoted."""
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November " \
             "Desember".split()
    start = date(2025, 12, 31) - timedelta(days=days - 1)
    lines = ['"Date","Hour","Active followers"']
    for d in range(days):
        day = start + timedelta(days=d)
        lines += [f'"{day.day} {months[day.month - 1]}","{h}","{500 + 40 * h}"' for h in range(24)]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))


def timed(folder: Path, path: Path, account: str | None, platform: str | None) -> None:
    ws = kenali.open(folder / f"{path.stem}.duckdb")
    start = time.perf_counter()
    result = ws.import_paths([str(path)], account=account, platform=platform, progress=False)[0]
    elapsed = time.perf_counter() - start
    ws.close()
    print(f"{path.name:<40} {result.format:<26} {result.rows_read:>9,} rows "
          f"{elapsed:7.2f} s {result.rows_read / elapsed:>10,.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        content = folder / "account_analytics_content_2024-02-01_2025-01-31.csv"
        x_content(content, args.rows, rng)
        timed(folder, content, None, None)
        replies = folder / "replies.jsonl"
        twarc_pages(replies, args.rows, rng)
        timed(folder, replies, "humasdki", "x")
        activity = folder / "FollowerActivity.csv"
        follower_activity(activity, max(1, args.rows // 24))
        timed(folder, activity, "humasdki", "tiktok")


if __name__ == "__main__":
    main()
