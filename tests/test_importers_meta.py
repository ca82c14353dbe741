"""Meta importers: Business Suite files, Graph API JSON and DYI JSON, with hand-checked values."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

import kenali
from kenali import importers
from kenali.importers.base import AccountRef, Context, Record, Skip
from kenali.importers.readers import read_document

from .conftest import FIXTURES

IMPORTERS = FIXTURES / "importers"
OBSERVED = datetime(2026, 4, 20, 2, 0, tzinfo=UTC)  # 09:00 WIB on 20 April 2026


def mapped(path: Path, account: str | None = None, platform: str = "instagram",
           observed: datetime = OBSERVED) -> tuple[str, list[Record], list[Skip], Context]:
    """Detect and map one file with a fixed observation time; return (format, records, skips)."""
    doc = read_document(path.name, path.read_bytes())
    fmt, _ = importers.detect(doc)
    assert fmt is not None, path.name
    ctx = Context(path.name, observed, observed.date(),
                  account=AccountRef(platform, account) if account else None)
    items = list(fmt.records(doc, ctx))
    return (fmt.key, [i for i in items if isinstance(i, Record)],
            [i for i in items if isinstance(i, Skip)], ctx)


def by_table(records: list[Record], table: str) -> list[dict[str, Any]]:
    return [r.values for r in records if r.table == table]


def one(rows: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, len(found))
    return found[0]


# -- Meta Business Suite: Instagram posts ---------------------------------------------------

def test_instagram_lifetime_posts_by_name_and_collab() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "meta_instagram_posts" / "ig_content_lifetime.csv")
    assert key == "meta_instagram_posts" and not skips
    posts = by_table(records, "posts")
    metrics = by_table(records, "post_metrics")
    reel = one(posts, platform_post_id="18041234567890123")
    # 03/09/2026 07:30 is 9 March (month first), in WIB.
    assert reel["published_at"].isoformat() == "2026-03-09T07:30:00+07:00"
    assert reel["post_type"] == "reel" and reel["duration_s"] == 42
    assert reel["hashtags"] == ["cfdjakarta", "jakartabergerak"]
    assert reel["mentions"] == ["dishub_dki"]
    assert "\n\n#CFDJakarta" in reel["caption"]  # multi-line caption kept whole
    assert reel["account"] == AccountRef("instagram", "humas.kominfotik", "17841400000000001",
                                         "Humas Diskominfotik DKI")
    assert reel["is_collab"] is False
    m = one(metrics, platform_post_id="18041234567890123")
    # This file orders columns Views,Reach,Likes,Shares,Follows,Comments,Saves.
    assert (m["views"], m["reach"], m["likes"], m["shares"], m["follows"], m["comments"],
            m["saves"]) == (12480, 8311, 904, 211, 37, 58, 120)
    assert m["period"] == "lifetime" and m["as_of"] == date(2026, 4, 20)
    # The quoted ""Pantau Banjir"" is one caption with quotes.
    assert '"Pantau Banjir"' in one(posts, platform_post_id="18041234567890124")["caption"]
    assert one(posts, platform_post_id="18041234567890125")["post_type"] == "carousel"
    story = one(posts, platform_post_id="18041234567890126")
    assert story["post_type"] == "story" and story["caption"] is None
    assert one(metrics, platform_post_id="18041234567890126")["follows"] is None
    # The collaborator's post: filed under the exporting account, flagged, Reach/Follows NULL.
    collab = one(posts, platform_post_id="17990000000000007")
    assert collab["is_collab"] is True
    assert collab["account"].handle == "humas.kominfotik"
    cm = one(metrics, platform_post_id="17990000000000007")
    assert cm["reach"] is None and cm["follows"] is None and cm["views"] == 30112


def test_instagram_daily_breakdown_is_never_lifetime() -> None:
    _, records, skips, _ = mapped(IMPORTERS / "meta_instagram_posts" / "ig_content_daily.csv")
    assert not skips
    assert len(by_table(records, "posts")) == 2  # one post record per post, not per day
    metrics = by_table(records, "post_metrics")
    assert {m["period"] for m in metrics} == {"day"}
    days = sorted(m["as_of"] for m in metrics if m["platform_post_id"] == "18041234567890123")
    assert days == [date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)]
    assert one(metrics, platform_post_id="18041234567890123", as_of=date(2026, 3, 10))["reach"] == 2900


def test_instagram_indonesian_headers_day_first_and_mangled_id() -> None:
    key, records, skips, ctx = mapped(IMPORTERS / "meta_instagram_posts" / "ig_content_id.csv")
    assert key == "meta_instagram_posts"
    posts = by_table(records, "posts")
    # 25/03/2026 forces day-first for the whole file: 02/04/2026 is 2 April.
    assert one(posts, platform_post_id="18051111111111112")["published_at"].isoformat() \
        == "2026-04-02T16:45:00+07:00"
    m = one(by_table(records, "post_metrics"), platform_post_id="18051111111111112")
    assert (m["views"], m["reach"], m["period"]) == (3402, 2118, "lifetime")  # '3.402' = 3402
    assert len(skips) == 1 and "1.80511E+16" in skips[0].reason
    assert ctx.warnings  # the day-first reading is reported


def test_instagram_swedish_headers() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "meta_instagram_posts" / "ig_content_sv.csv")
    assert key == "meta_instagram_posts" and not skips
    m = one(by_table(records, "post_metrics"), platform_post_id="18061111111111112")
    assert (m["views"], m["reach"], m["likes"], m["comments"], m["shares"], m["follows"],
            m["saves"]) == (9000, 6100, 610, 44, 81, 9, 70)
    assert m["period"] == "lifetime"


def test_instagram_posts_without_account_columns_need_account() -> None:
    text = ('"Post ID","Publish time","Post type",Date,Views\n'
            '1,"03/09/2026 07:30","IG reel",Lifetime,10\n')
    doc = read_document("x.csv", text.encode("utf-8"))
    fmt, _ = importers.detect(doc)
    assert fmt is not None and fmt.key == "meta_instagram_posts"
    ctx = Context("x.csv", OBSERVED, OBSERVED.date())
    items = list(fmt.records(doc, ctx))
    assert all(isinstance(i, Skip) and "--account" in i.reason for i in items)
    ctx = Context("x.csv", OBSERVED, OBSERVED.date(), account=AccountRef("instagram", "dinkes"))
    posts = [i for i in fmt.records(doc, ctx) if isinstance(i, Record) and i.table == "posts"]
    assert posts[0].values["account"].handle == "dinkes"


# -- Meta Business Suite: Facebook posts ----------------------------------------------------

def test_facebook_posts_lifetime_and_daily() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "meta_facebook_posts" / "fb_content.csv",
                                    account="humas.kominfotik", platform="facebook")
    assert key == "meta_facebook_posts" and not skips
    posts = by_table(records, "posts")
    video = one(posts, platform_post_id="104000000000001_900000000000012")
    assert (video["post_type"], video["title"], video["duration_s"]) == \
        ("video", "Siaran langsung rapat", 3605)
    assert video["account"] == AccountRef("facebook", "humas.kominfotik", "104000000000001",
                                          "Humas Diskominfotik DKI")
    assert one(posts, platform_post_id="104000000000001_900000000000013")["post_type"] == "link"
    m = one(by_table(records, "post_metrics"), platform_post_id="104000000000001_900000000000011")
    assert (m["views"], m["reach"], m["interactions"], m["likes"], m["comments"], m["shares"]) \
        == (8020, 5400, 402, 350, 31, 21)
    _, records, _, _ = mapped(IMPORTERS / "meta_facebook_posts" / "fb_content_daily.csv",
                              account="humas.kominfotik", platform="facebook")
    daily = by_table(records, "post_metrics")
    assert {m["period"] for m in daily} == {"day"} and len(daily) == 4
    # The daily variant has no Views column: NULL, never 0.
    assert all(m["views"] is None for m in daily)


def test_facebook_posts_need_account(ws: kenali.Workspace) -> None:
    result = ws.import_paths([str(IMPORTERS / "meta_facebook_posts" / "fb_content.csv")],
                             progress=False)
    assert result[0].status == "needs_account"
    assert ws.counts()["posts"] == 0


# -- Meta Business Suite: account series and audience -------------------------------------

def test_series_title_names_metric_and_platform() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "meta_instagram_series" / "Follows.csv",
                                    account="humas.kominfotik")
    assert key == "meta_instagram_series"
    rows = by_table(records, "account_daily")
    assert [(r["date"], r["metric"], r["value"]) for r in rows] == [
        (date(2026, 2, 27), "follows", 6), (date(2026, 2, 28), "follows", 9),
        (date(2026, 3, 2), "follows", 12)]
    assert len(skips) == 1 and skips[0].line == 6  # the empty 1 March cell: no data, not 0
    _, records, _, _ = mapped(IMPORTERS / "meta_instagram_series" / "Visits.csv", account="x")
    assert [(r["metric"], r["value"]) for r in by_table(records, "account_daily")] == \
        [("profile_visits", 56), ("profile_visits", 1103)]
    key, records, _, _ = mapped(IMPORTERS / "meta_facebook_series" / "Facebook reach.csv",
                                account="x", platform="facebook")
    assert key == "meta_facebook_series"
    row = by_table(records, "account_daily")[0]
    assert row["account"].platform == "facebook" and row["metric"] == "reach" and row["value"] == 2200


def test_series_unknown_title_is_unrecognised() -> None:
    text = 'sep=,\n"Something else"\n"Date","Primary"\n"2026-03-08T00:00:00","431"\n'
    doc = read_document("x.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    fmt, ranked = importers.detect(doc)
    assert fmt is None
    assert ranked[0][0].key.startswith("meta_") and ranked[0][1].score < 1


def test_audience_blocks() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "meta_instagram_audience" / "Audience.csv",
                                    account="humas.kominfotik")
    assert key == "meta_instagram_audience" and not skips
    snap = by_table(records, "follower_snapshots")
    assert snap == [{"account": AccountRef("instagram", "humas.kominfotik"),
                     "observed_at": OBSERVED, "followers": 48210}]
    aud = by_table(records, "audience")
    assert {r["snapshot_date"] for r in aud} == {date(2026, 4, 20)}
    assert {r["unit"] for r in aud} == {"share"}
    assert one(aud, dimension="age_gender", bucket="25-34|female")["value"] == pytest.approx(0.204)
    assert one(aud, dimension="age", bucket="25-34")["value"] == pytest.approx(0.37)
    assert one(aud, dimension="gender", bucket="male")["value"] == pytest.approx(0.463)
    assert one(aud, dimension="gender", bucket="female")["value"] == pytest.approx(0.537)
    assert one(aud, dimension="city", bucket="Jakarta, Jakarta, Indonesia")["value"] == \
        pytest.approx(0.413)
    assert one(aud, dimension="country", bucket="Indonesia")["value"] == pytest.approx(0.935)


# -- the real samples in ../shared ----------------------------------------------------------

def test_shared_meta_business_suite_samples(samples: Path, ws: kenali.Workspace) -> None:
    folder = samples / "meta_business_suite_instagram"
    key, records, skips, _ = mapped(folder / "content.csv")
    assert key == "meta_instagram_posts" and not skips
    posts = by_table(records, "posts")
    metrics = by_table(records, "post_metrics")
    assert len(posts) == 66 and len(metrics) == 66
    assert {m["period"] for m in metrics} == {"lifetime"}
    assert Counter(p["post_type"] for p in posts) == {"carousel": 45, "reel": 20, "image": 1}
    first = one(metrics, platform_post_id="18109471972753586")
    assert (first["views"], first["likes"], first["shares"], first["comments"], first["saves"],
            first["reach"], first["follows"]) == (8887, 1009, 174, 12, 89, 5855, 38)
    assert one(posts, platform_post_id="18109471972753586")["published_at"].isoformat() == \
        "2026-03-09T00:00:00+07:00"
    collabs = {p["platform_post_id"] for p in posts if p["is_collab"]}
    assert collabs == {"17897996784302793", "17926784604312498", "18325231978271094",
                       "17930334846214846"}
    assert all(m["reach"] is None for m in metrics if m["platform_post_id"] in collabs)
    assert {p["account"].handle for p in posts} == {"orthodox_korea"}

    expected_series = {"Reach.csv": ("reach", 90, 431), "Views.csv": ("views", 90, 1781),
                       "Follows.csv": ("follows", 89, 6),
                       "Interactions.csv": ("interactions", 90, 109),
                       "Link clicks.csv": ("link_clicks", 90, 0),
                       "Visits.csv": ("profile_visits", 90, 56)}
    for name, (metric, count, first_value) in expected_series.items():
        key, records, skips, _ = mapped(folder / name, account="orthodox_korea")
        rows = by_table(records, "account_daily")
        assert key == "meta_instagram_series" and not skips and len(rows) == count, name
        assert {r["metric"] for r in rows} == {metric}
        assert rows[0]["date"] == date(2026, 3, 8) and rows[0]["value"] == first_value, name

    key, records, skips, _ = mapped(folder / "Audience.csv", account="orthodox_korea")
    assert key == "meta_instagram_audience" and not skips
    assert by_table(records, "follower_snapshots")[0]["followers"] == 9420
    aud = by_table(records, "audience")
    assert Counter(r["dimension"] for r in aud) == \
        {"age_gender": 12, "age": 6, "gender": 2, "city": 10, "country": 10}
    assert one(aud, dimension="gender", bucket="female")["value"] == pytest.approx(0.559)
    assert one(aud, dimension="country", bucket="Greece")["value"] == pytest.approx(0.177)

    results = ws.import_paths([str(folder)], account="orthodox_korea", platform="instagram",
                              progress=False)
    assert {r.status for r in results} == {"imported"}
    counts = ws.counts()
    assert (counts["posts"], counts["post_metrics"], counts["account_daily"],
            counts["audience"], counts["follower_snapshots"]) == (66, 66, 539, 40, 1)
    assert json.loads(json.dumps(ws.status()["accounts"]))[0]["handle"] == "orthodox_korea"
