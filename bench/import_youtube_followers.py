"""Benchmark of the YouTube Studio, comment-dump and follower-list importers; prints timings.

Usage: python bench/import_youtube_followers.py [--days 365] [--countries 220] [--videos 500]
       [--comments 50000] [--followers 100000]
Synthetic files of realistic shape are written to a temporary folder and imported into a fresh
store, one import per file, as a user would.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

import kenali


def write_files(folder: Path, days: int, countries: int, videos: int, comments: int,
                followers: int) -> dict[str, tuple[Path, str | None, str | None]]:
    """The benchmark files: name -> (path, account, platform)."""
    start = dt.date(2025, 1, 1)
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(countries)]
    chart = folder / "geo" / "Chart data.csv"
    chart.parent.mkdir()
    with chart.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Date", "Geography", "Views"])
        for code in codes:
            for d in range(days):
                out.writerow([(start + dt.timedelta(days=d)).isoformat(), code, (d * 7 + len(code)) % 97])
    content = folder / "content" / "Table data.csv"
    content.parent.mkdir()
    with content.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Content", "Video title", "Video publish time", "Duration", "Views",
                      "Watch time (hours)", "Subscribers", "Average view duration"])
        out.writerow(["Total", "", "", "", 1, 1.0, 1, "0:01:00"])
        for v in range(videos):
            vid = f"{'-' if v % 9 == 0 else 'a'}{v:010d}"
            out.writerow([(" " + vid) if vid.startswith("-") else vid, f"Video {v} #jakarta",
                          "Feb 19, 2024", 30 + v % 900, v * 3, round(v * 0.0123, 4), v % 7 - 2,
                          "0:01:23"])
    threads = folder / "commentThreads.jsonl"
    with threads.open("w") as f:
        for page in range(0, comments, 100):
            items = [{"kind": "youtube#commentThread", "id": f"Ugx{i:020d}", "snippet": {
                "videoId": "a0000000001", "channelId": "UCbench", "topLevelComment": {
                    "kind": "youtube#comment", "id": f"Ugx{i:020d}", "snippet": {
                        "textOriginal": f"Komentar nomor {i}, mohon ditindaklanjuti",
                        "authorDisplayName": f"@warga{i % 5000}",
                        "authorChannelId": {"value": f"UC{i % 5000:08d}"}, "likeCount": i % 13,
                        "publishedAt": "2025-03-04T09:12:44Z"}}}}
                for i in range(page, min(page + 100, comments))]
            f.write(json.dumps({"kind": "youtube#commentThreadListResponse", "items": items}) + "\n")
    table = folder / "followers.csv"
    with table.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Username", "Full Name", "Biography", "Followers", "Following", "Posts",
                      "Is Private", "Is Verified"])
        for i in range(followers):
            out.writerow([f"pengikut_{i}", f"Pengikut {i}", "Warga Jakarta", f"{i % 50}.{i % 10}K",
                          i % 3000, i % 400, "TRUE" if i % 4 == 0 else "FALSE", "FALSE"])
    return {"geography chart": (chart, "benchchannel", "youtube"),
            "content table": (content, "benchchannel", "youtube"),
            "comment threads": (threads, None, None),
            "followers csv": (table, "benchchannel", "instagram")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--countries", type=int, default=220)
    parser.add_argument("--videos", type=int, default=500)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--followers", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_files(folder, args.days, args.countries, args.videos, args.comments,
                            args.followers)
        ws = kenali.open(folder / "bench.duckdb")
        for label, (path, account, platform) in files.items():
            began = time.perf_counter()
            result = ws.import_paths([str(path)], account=account, platform=platform,
                                     progress=False)[0]
            seconds = time.perf_counter() - began
            print(f"{label:<16} {result.format:<32} {result.rows_read:>8,} rows/items read "
                  f"{result.rows_written:>8,} records written {seconds:6.2f} s "
                  f"({result.rows_written / seconds:,.0f} records/s)")
        ws.close()


if __name__ == "__main__":
    main()
