"""Every real export under ../shared/formats/samples/ imports with the right format, counts and values.

The samples carry no licence, so they stay outside the repository: this test reads them from
../shared and skips (with the reason) where that folder is absent. A file added there without a
line in SAMPLES below fails the test, so no sample goes unchecked.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import kenali
from kenali.workspace import Workspace

NOT_EXPORTS = {"PROVENANCE.md"}
# The day the exports are dated: TikTok's dates have no year and take it from the file's date, and
# a copy of ../shared gets new file times, so every copy is stamped with the day the TikTok
# export was taken (its Content.csv says 6 June 2026; every other sample is older).
EXPORT_DAY = datetime(2026, 6, 8, 12, tzinfo=UTC)
# Tables a sample's yield is counted in (imports and raw_records follow from the files).
YIELD_TABLES = ("accounts", "account_daily", "follower_snapshots", "audience", "follower_activity",
                "posts", "post_metrics", "comments", "followers")


@dataclass(frozen=True)
class Sample:
    """What one sample must yield: its format, the account it needs, rows per table, skips."""

    format: str
    account: str | None
    platform: str | None
    rows: dict[str, int]
    skipped: dict[str, int] = field(default_factory=dict)  # reason fragment -> rows
    spot: tuple[tuple[str, Any], ...] = ()  # (SQL giving one value, the value read in the file)


IG, TT, X, YT = "orthodox_korea", "orthodox.korea", "x", "youtube"
SAMPLES: dict[str, Sample] = {
    # 7,967 + 1,992 comments; the file names no platform (PROVENANCE: Instagram).
    "instagram_comments_id_dkk_semarang/train_masked.csv": Sample(
        "comments_csv", None, "instagram", {"comments": 7967},
        spot=(("SELECT like_count FROM comments WHERE text = 'Naik Turun maju can5ik 😂😂😂😂'", 1),
              ("SELECT created_at FROM comments WHERE text = 'Naik Turun maju can5ik 😂😂😂😂'",
               datetime(2021, 3, 28, 17, tzinfo=UTC)),  # '2021-03-29', a day in WIB
              ("SELECT count(*) FROM comments WHERE like_count IS NULL", 4))),  # 'e' in likes
    "instagram_comments_id_dkk_semarang/test_masked.csv": Sample(
        "comments_csv", None, "instagram", {"comments": 1992},
        spot=(("SELECT like_count FROM comments WHERE text = 'kapan mulai vaksin massal... "
               "cara cek dapet vaksin gimana dan dimana'", 1),
              ("SELECT sum(like_count) FROM comments", 1709))),
    # Meta Business Suite: the content file names its account, the others need --account.
    "meta_business_suite_instagram/content.csv": Sample(
        "meta_instagram_posts", None, None, {"accounts": 1, "posts": 66, "post_metrics": 66},
        spot=(("SELECT reach FROM post_metrics WHERE platform_post_id = '18109471972753586'", 5855),
              ("SELECT handle FROM accounts", IG))),
    "meta_business_suite_instagram/Reach.csv": Sample(
        "meta_instagram_series", IG, "instagram", {"accounts": 1, "account_daily": 90},
        spot=(("SELECT value FROM account_daily WHERE date = '2026-03-08' AND metric = 'reach'",
               431),)),
    "meta_business_suite_instagram/Views.csv": Sample(
        "meta_instagram_series", IG, "instagram", {"accounts": 1, "account_daily": 90},
        spot=(("SELECT value FROM account_daily WHERE date = '2026-03-08' AND metric = 'views'",
               1781),)),
    "meta_business_suite_instagram/Follows.csv": Sample(
        "meta_instagram_series", IG, "instagram", {"accounts": 1, "account_daily": 89}),
    "meta_business_suite_instagram/Interactions.csv": Sample(
        "meta_instagram_series", IG, "instagram", {"accounts": 1, "account_daily": 90}),
    "meta_business_suite_instagram/Link clicks.csv": Sample(
        "meta_instagram_series", IG, "instagram", {"accounts": 1, "account_daily": 90},
        spot=(("SELECT value FROM account_daily WHERE date = '2026-03-28' "
               "AND metric = 'link_clicks'", 8),
              ("SELECT value FROM account_daily WHERE date = '2026-03-29'", 1))),
    "meta_business_suite_instagram/Visits.csv": Sample(
        "meta_instagram_series", IG, "instagram", {"accounts": 1, "account_daily": 90}),
    "meta_business_suite_instagram/Audience.csv": Sample(
        "meta_instagram_audience", IG, "instagram",
        {"accounts": 1, "follower_snapshots": 1, "audience": 40},  # 12 + 6 + 2 + 10 + 10
        spot=(("SELECT followers FROM follower_snapshots", 9420),
              ("SELECT value FROM audience WHERE dimension = 'city' "
               "AND bucket = 'Seoul, South Korea'", 0.039))),
    # TikTok Studio: Content names its account; dates are Greek and yearless.
    "tiktok_studio/Content.csv": Sample(
        "tiktok_content", None, None, {"accounts": 1, "posts": 15, "post_metrics": 15},
        spot=(("SELECT views FROM post_metrics WHERE platform_post_id = '7645620593680813332'",
               193195),)),
    "tiktok_studio/Overview.csv": Sample(
        "tiktok_overview", TT, "tiktok", {"accounts": 1, "account_daily": 60 * 5},
        spot=(("SELECT value FROM account_daily WHERE date = '2026-04-06' AND metric = 'views'",
               11771),
              ("SELECT value FROM account_daily WHERE date = '2026-04-06' "
               "AND metric = 'profile_visits'", 159))),
    # The last day is 'undefined' (not yet counted): 59 days of three series.
    "tiktok_studio/Viewers.csv": Sample(
        "tiktok_viewers", TT, "tiktok", {"accounts": 1, "account_daily": 59 * 3},
        spot=(("SELECT value FROM account_daily WHERE date = '2026-04-07' AND metric = 'reach'",
               9030),
              ("SELECT count(*) FROM account_daily WHERE date = '2026-06-05'", 0))),
    "tiktok_studio/FollowerHistory.csv": Sample(
        "tiktok_follower_history", TT, "tiktok",
        {"accounts": 1, "account_daily": 60 + 59, "follower_snapshots": 60},
        spot=(("SELECT value FROM account_daily WHERE date = '2026-04-06' "
               "AND metric = 'followers'", 3678),)),
    # 7 days x 24 hours, less the 21 hours of the last day TikTok had not filled in yet.
    "tiktok_studio/FollowerActivity.csv": Sample(
        "tiktok_follower_activity", TT, "tiktok", {"accounts": 1, "follower_activity": 147},
        spot=(("SELECT active_followers FROM follower_activity WHERE date = '2026-05-30' "
               "AND hour = 0", 1350),)),
    "tiktok_studio/FollowerGender.csv": Sample(
        "tiktok_follower_gender", TT, "tiktok", {"accounts": 1, "audience": 3},
        spot=(("SELECT value FROM audience WHERE bucket = 'male'", 0.45),)),
    "tiktok_studio/FollowerTopTerritories.csv": Sample(
        "tiktok_follower_territories", TT, "tiktok", {"accounts": 1, "audience": 11},
        spot=(("SELECT value FROM audience WHERE bucket = 'RO'", 0.133),)),
    # X: the post exports name their account, the daily ones need it.
    "x_analytics_legacy/tweet_activity_metrics_ADHOrg_20210401_20210501_en.csv": Sample(
        "x_tweet_activity", None, None, {"accounts": 1, "posts": 31, "post_metrics": 31},
        spot=(("SELECT views FROM post_metrics WHERE platform_post_id = '1388063576737214466'",
               825),)),
    "x_analytics_legacy/daily_tweet_activity_metrics_ADHOrg_20210401_20210501_en.csv": Sample(
        "x_daily_activity", "adhorg", X, {"accounts": 1, "account_daily": 30 * 14},
        spot=(("SELECT value FROM account_daily WHERE date = '2021-04-01' AND metric = 'views'",
               7519),)),
    "x_analytics_2025/account_analytics_content_2024-11-21_2025-02-19.csv": Sample(
        "x_content", None, None, {"accounts": 1, "posts": 141, "post_metrics": 141},
        spot=(("SELECT views FROM post_metrics WHERE platform_post_id = '1891564128784855141'",
               70),
              ("SELECT likes FROM post_metrics WHERE platform_post_id = '1891564128784855141'",
               3))),
    "x_analytics_2025/account_overview_analytics.csv": Sample(
        "x_overview", "wormhole_br", X, {"accounts": 1, "account_daily": 50 * 13},
        spot=(("SELECT value FROM account_daily WHERE date = '2025-02-17' AND metric = 'views'",
               426),
              ("SELECT value FROM account_daily WHERE date = '2025-02-17' AND metric = 'likes'",
               18))),
    # YouTube Studio: the Total rows are skipped with their reason, not stored as a video/country.
    "youtube_studio/content_esports7_id/Table data.csv": Sample(
        "youtube_studio_content", "esports7", YT, {"accounts": 1, "posts": 154, "post_metrics": 154},
        skipped={"Total": 1},
        spot=(("SELECT views FROM post_metrics WHERE platform_post_id = '3lvVJ2tRNWI'", 8094),)),
    "youtube_studio/geography_codingtrain/Table data.csv": Sample(
        "youtube_studio_geography", "thecodingtrain", YT, {"accounts": 1, "audience": 201},
        skipped={"Total": 1},
        spot=(("SELECT value FROM audience WHERE bucket = 'US'", 2638475),)),
    "youtube_studio/geography_codingtrain/Chart data.csv": Sample(
        "youtube_studio_geography_daily", "thecodingtrain", YT, {"accounts": 1, "audience": 73365},
        spot=(("SELECT value FROM audience WHERE snapshot_date = '2021-03-15' AND bucket = 'US'",
               9067),)),
    "youtube_studio/geography_codingtrain/Totals.csv": Sample(
        "youtube_studio_daily", "thecodingtrain", YT, {"accounts": 1, "account_daily": 365},
        spot=(("SELECT value FROM account_daily WHERE date = '2020-12-31'", 31964),)),
}


def _stamped_copy(samples: Path, target: Path) -> Path:
    """Copy the samples (not PROVENANCE.md) with every file dated EXPORT_DAY."""
    stamp = EXPORT_DAY.timestamp()
    for path in _sample_files(samples):
        copy = target / path.relative_to(samples)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        os.utime(copy, (stamp, stamp))
    return target


def _sample_files(samples: Path) -> list[Path]:
    return sorted(p for p in samples.rglob("*") if p.is_file() and p.name not in NOT_EXPORTS)


def _same_comments_in_both_semarang_files(folder: Path) -> int:
    """Comments of test_masked.csv that train_masked.csv also holds, read with the csv module.

    Without ids, a comment is known by its platform, post, author, time and text (and which
    repeat of these it is within its file), so that overlapping scrapes do not double count.
    The Semarang files mask every author and give days only: 67 comments are the same by that
    key in both (the '@username' tags, and comments copied into both splits), and one store
    holds them once.
    """
    def keys(name: str) -> set[tuple[tuple[str, str, str], int]]:
        seen: Counter[tuple[str, str, str]] = Counter()
        with (folder / "instagram_comments_id_dkk_semarang" / name).open(
                encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                key = (row["username"], row["datetime"], row["text"])
                seen[key] += 1
        return {(key, n) for key, count in seen.items() for n in range(1, count + 1)}

    shared = len(keys("train_masked.csv") & keys("test_masked.csv"))
    assert shared == 67
    return shared


def _yields(ws: Workspace, before: dict[str, int]) -> dict[str, int]:
    after = ws.counts()
    return {t: after[t] - before[t] for t in YIELD_TABLES if after[t] != before[t]}


def _check_one(ws: Workspace, path: Path, expected: Sample) -> list[str]:
    """Import one sample into `ws` (fresh) and list every way it differs from what it must yield."""
    results = ws.import_paths([str(path)], account=expected.account, platform=expected.platform,
                              progress=False)
    if len(results) != 1:
        return [f"{len(results)} results"]
    r = results[0]
    problems = []
    if (r.status, r.format) != ("imported", expected.format):
        return [f"{r.status} as {r.format}: {r.message}"]
    if (got := _yields(ws, dict.fromkeys(ws.counts(), 0))) != expected.rows:
        problems.append(f"yields {got}, expected {expected.rows}")
    skipped = {fragment: sum(n for reason, n in r.skipped_reasons.items() if fragment in reason)
               for fragment in expected.skipped}
    if r.rows_skipped != sum(expected.skipped.values()) or skipped != expected.skipped:
        problems.append(f"skipped {r.skipped_reasons}, expected {expected.skipped}")
    if r.rows_written < sum(n for t, n in expected.rows.items() if t != "accounts"):
        problems.append(f"rows_written {r.rows_written}")
    for sql, value in expected.spot:
        rows = ws.con.execute(sql).fetchall()
        got_value = rows[0][0] if len(rows) == 1 else rows
        if got_value != value and not (isinstance(value, float)
                                       and got_value == pytest.approx(value)):
            problems.append(f"{sql} -> {got_value!r}, the file says {value!r}")
    return problems


@pytest.mark.shared
def test_every_sample_imports_with_its_yield(samples: Path, tmp_path: Path) -> None:
    found = {str(p.relative_to(samples)) for p in _sample_files(samples)}
    assert found == set(SAMPLES), (
        f"samples without expected figures: {sorted(found - set(SAMPLES))}; "
        f"figures for missing samples: {sorted(set(SAMPLES) - found)}")
    copy = _stamped_copy(samples, tmp_path / "samples")
    failures: dict[str, list[str]] = {}
    for number, (name, expected) in enumerate(sorted(SAMPLES.items())):
        with kenali.open(tmp_path / f"store{number}.duckdb") as ws:
            problems = _check_one(ws, copy / name, expected)
        if problems:
            failures[name] = problems
    assert not failures, "\n".join(f"{n}: {'; '.join(p)}" for n, p in failures.items())


@pytest.mark.shared
def test_whole_samples_folder_in_one_transaction(samples: Path, tmp_path: Path) -> None:
    """One import_paths call over the folder: every file imported, the total equals the sum."""
    copy = _stamped_copy(samples, tmp_path / "samples")
    (copy / "PROVENANCE.md").write_text("# not an export\n")  # listed, not imported
    ws = kenali.open(tmp_path / "all.duckdb")
    try:
        # One --account for the files that do not name theirs; files that do keep their own.
        results = ws.import_paths([str(copy)], account="kenali.samples", progress=False)
        by_file = {str(Path(r.file).relative_to(copy)): r for r in results}
        assert set(by_file) == set(SAMPLES) | {"PROVENANCE.md"}
        assert by_file.pop("PROVENANCE.md").status == "unrecognised"
        assert {n: (r.status, r.format) for n, r in by_file.items()} == \
            {n: ("imported", s.format) for n, s in SAMPLES.items()}
        assert {n: r.rows_skipped for n, r in by_file.items()} == \
            {n: sum(s.skipped.values()) for n, s in SAMPLES.items()}
        counts = ws.counts()
        for table in YIELD_TABLES:
            if table != "accounts":
                expected = sum(s.rows.get(table, 0) for s in SAMPLES.values())
                if table == "comments":
                    expected -= _same_comments_in_both_semarang_files(copy)
                assert counts[table] == expected, table
        # The named accounts, plus kenali.samples on each platform whose files needed one.
        assert sorted(ws.con.execute("SELECT platform, handle FROM accounts").fetchall()) == [
            ("instagram", "kenali.samples"), ("instagram", IG),
            ("tiktok", "kenali.samples"), ("tiktok", TT),
            ("x", "adhorg"), ("x", "kenali.samples"), ("x", "wormhole_br"),
            ("youtube", "kenali.samples")]
        assert counts["imports"] == len(SAMPLES)
        # The same folder again: nothing new.
        again = ws.import_paths([str(copy)], account="kenali.samples", progress=False)
        assert {r.status for r in again if not r.file.endswith(".md")} == {"already_imported"}
        assert ws.counts() == counts
    finally:
        ws.close()
