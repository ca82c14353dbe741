"""Meta importers: Business Suite files, Graph API JSON and DYI JSON, with hand-checked values."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kenali
from kenali import importers
from kenali.importers.base import TABLE_FIELDS, AccountRef, Context, Record, Skip
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


# -- Instagram Graph API --------------------------------------------------------------------

def test_graph_day_buckets_are_labelled_by_their_start_in_wib() -> None:
    key, records, skips, ctx = mapped(IMPORTERS / "instagram_graph_insights" / "reach_timeseries.json",
                                      account="humas.kominfotik")
    assert key == "instagram_graph_insights"
    rows = by_table(records, "account_daily")
    # end_time 2026-03-02T08:00Z closes the Pacific day 1 March, which starts 15:00 WIB 1 March.
    assert [(r["date"], r["value"]) for r in rows if r["metric"] == "reach"] == [
        (date(2026, 3, 1), 431), (date(2026, 3, 2), 875), (date(2026, 3, 3), 293)]
    assert [r["value"] for r in rows if r["metric"] == "follows"] == [6, 9, 0]  # 0 is a real 0
    # The retired `impressions` feeds views (the file has no `views`), with a warning.
    assert [r["value"] for r in rows if r["metric"] == "views"] == [1781, 4573]
    assert any("impressions" in w for w in ctx.warnings)
    # The weekly item would double count daily values: skipped with its reason.
    assert len(skips) == 1 and "week" in skips[0].reason
    assert rows[0]["account"] == AccountRef("instagram", "humas.kominfotik", "17841400000000001")


def test_graph_bucket_date_rule() -> None:
    from kenali.importers.meta_common import bucket_date
    assert bucket_date("2024-01-15T08:00:00+0000", "Asia/Jakarta") == date(2024, 1, 14)  # PST
    assert bucket_date("2024-07-15T07:00:00+0000", "Asia/Jakarta") == date(2024, 7, 14)  # PDT
    assert bucket_date("2024-07-15T00:00:00+0000", "Asia/Jakarta") == date(2024, 7, 14)  # UTC
    assert bucket_date("2024-07-14T17:00:00+0000", "Asia/Jakarta") == date(2024, 7, 14)  # WIB


def test_graph_total_value_dated_from_paging_window() -> None:
    _, records, skips, _ = mapped(IMPORTERS / "instagram_graph_insights" / "total_value_one_day.json",
                                  account="x")
    assert not skips
    rows = {r["metric"]: (r["date"], r["value"]) for r in by_table(records, "account_daily")}
    # This page's since is the previous page's until, 1772438400 = 2026-03-02 08:00 UTC
    # (midnight Pacific) = 15:00 WIB on 2 March; its until is the next page's since, a day later.
    assert rows["reach"] == (date(2026, 3, 2), 224)
    assert rows["reach:carousel_container"][1] == 100 and rows["reach:post"][1] == 124
    assert rows["follows"][1] == 12 and rows["unfollows"][1] == 3


def test_graph_total_value_without_a_day_window_is_skipped() -> None:
    data = {"data": [{"name": "reach", "period": "day", "total_value": {"value": 5000},
                      "id": "1/insights/reach/day"}]}
    doc = read_document("r.json", json.dumps(data).encode())
    fmt, _ = importers.detect(doc)
    assert fmt is not None and fmt.key == "instagram_graph_insights"
    items = list(fmt.records(doc, Context("r.json", OBSERVED, OBSERVED.date())))
    assert len(items) == 1 and isinstance(items[0], Skip) and "range" in items[0].reason


def test_graph_demographics() -> None:
    _, records, skips, _ = mapped(IMPORTERS / "instagram_graph_insights" / "demographics.json",
                                  account="x")
    assert not skips
    aud = by_table(records, "audience")
    assert one(aud, dimension="age_gender", bucket="18-24|female")["value"] == 1400
    assert one(aud, dimension="age_gender", bucket="25-34|unknown")["value"] == 50
    assert one(aud, dimension="age", bucket="18-24")["value"] == 2500  # summed marginal
    assert one(aud, dimension="gender", bucket="female")["value"] == 3400
    assert one(aud, dimension="country", bucket="ID")["value"] == 4300
    city = one(aud, dimension="city", bucket="Jakarta, Jakarta Special Capital Region")
    assert city["audience_kind"] == "engaged" and city["unit"] == "count"
    assert {r["snapshot_date"] for r in aud} == {date(2026, 4, 20)}


def test_graph_media_insights_units_and_retired_views() -> None:
    key, records, _, ctx = mapped(IMPORTERS / "instagram_graph_media_insights" / "reel_insights.json")
    assert key == "instagram_graph_media_insights"
    m = by_table(records, "post_metrics")[0]
    assert m["platform_post_id"] == "18041234567890123" and m["period"] == "lifetime"
    assert (m["reach"], m["views"], m["saves"], m["interactions"]) == (8311, 12480, 120, 1293)
    assert m["avg_watch_time_s"] == pytest.approx(12.549)  # milliseconds -> seconds
    assert m["watch_time_s"] == pytest.approx(156611.25)
    assert not any("plays" in w for w in ctx.warnings)  # `views` present: plays is not used
    _, records, _, ctx = mapped(IMPORTERS / "instagram_graph_media_insights" / "old_media_pages.json")
    old = {m["platform_post_id"]: m for m in by_table(records, "post_metrics")}
    assert old["17900000000000001"]["views"] == 3100  # impressions, the only view count
    assert old["17900000000000002"]["views"] == 1720  # plays preferred over video_views
    assert old["17900000000000001"]["follows"] == 2 and old["17900000000000002"].get("saves") is None
    split = old["17900000000000003"]  # total_value form, reach split by follow_type
    assert (split["reach"], split["reach_followers"], split["reach_non_followers"], split["views"]) \
        == (4100, 1500, 2600, 9100)
    assert any("retired" in w or "dihentikan" in w for w in ctx.warnings)


def test_graph_media_and_nested_comments() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "instagram_graph_media" / "account_with_media.json")
    assert key == "instagram_graph_media" and not skips
    assert by_table(records, "follower_snapshots")[0]["followers"] == 48210
    posts = by_table(records, "posts")
    reel = one(posts, platform_post_id="18041234567890123")
    assert reel["post_type"] == "reel" and reel["account"].handle == "humas.kominfotik"
    assert reel["published_at"].isoformat() == "2026-03-09T00:30:00+00:00"
    assert one(posts, platform_post_id="18041234567890126")["post_type"] == "story"
    comments = by_table(records, "comments")
    reply = one(comments, platform_comment_id="17890000000000002")
    assert reply["parent_comment_id"] == "17890000000000001"
    assert reply["platform_post_id"] == "18041234567890123"
    _, records, _, _ = mapped(IMPORTERS / "instagram_graph_media" / "media_page.json")
    m = one(by_table(records, "post_metrics"), platform_post_id="18041234567890124")
    assert m["likes"] is None and m["comments"] == 22  # hidden like count stays NULL
    carousel = one(by_table(records, "posts"), platform_post_id="18041234567890125")
    assert carousel["post_type"] == "carousel" and carousel["hashtags"] == ["layananpublik"]


def test_graph_comments_media_from_paging_and_replies() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "instagram_graph_comments" / "comments_page.json")
    assert key == "instagram_graph_comments"
    comments = by_table(records, "comments")
    assert {c["platform_post_id"] for c in comments} == {"18041234567890123"}  # from paging.next
    top = one(comments, platform_comment_id="17870913679156914")
    assert (top["author_handle"], top["author_id"], top["like_count"], top["hidden"]) == \
        ("rina.w", "6170000000000001", 3, False)
    assert top["created_at"].isoformat() == "2026-03-09T03:16:02+00:00"
    assert one(comments, platform_comment_id="17870913679156916")["parent_comment_id"] == \
        "17870913679156914"
    hidden = one(comments, platform_comment_id="17873440459141021")
    assert hidden["hidden"] is True and hidden["author_handle"] == "kesal.warga"
    assert len(skips) == 1 and "17873440459141022" in skips[0].reason  # no text
    _, records, _, _ = mapped(IMPORTERS / "instagram_graph_comments" / "comment_pages_list.json")
    assert {c["platform_post_id"] for c in by_table(records, "comments")} == {"18041234567890124"}


@pytest.mark.parametrize("data", [
    {"data": "not a list"}, {"data": [1, 2, 3]}, [], [[]], {"data": [{"name": 5, "values": 3}]},
    {"data": [{"name": "reach", "period": "day", "values": [{"value": 1, "end_time": 17}],
               "id": "1/insights/reach/day"}]},
    {"data": [{"name": "reach", "period": "day", "values": ["x"], "id": "1/insights/reach/day"}]},
    {"data": [{"id": "1", "text": None, "timestamp": "nope", "replies": {"data": [7]}}]},
    {"data": [{"id": "1", "message": "hi", "created_time": 3, "comments": {"data": "x"}}]},
    {"organic_insights_audience": [{"string_map_data": {"Date range": {"value": 5}}}]},
    {"data": [{"name": "page_media_view", "period": "day", "values": [{"value": {"a": "b"},
                                                                       "end_time": "x"}]}]},
])
def test_bad_json_shapes_never_raise(data: Any, ws: kenali.Workspace, tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data), "utf-8")
    doc = read_document(path.name, path.read_bytes())
    fmt, _ = importers.detect(doc)
    if fmt is not None:
        ctx = Context(path.name, OBSERVED, OBSERVED.date(), account=AccountRef("instagram", "x"))
        list(fmt.records(doc, ctx))  # must not raise
    results = ws.import_paths([str(path)], account="x", platform="instagram", progress=False)
    assert results[0].status in ("imported", "unrecognised", "needs_account"), results[0].as_dict()


# -- Facebook Graph API ---------------------------------------------------------------------

def test_facebook_page_insights_current_and_retired() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "facebook_graph_page_insights" / "page_insights.json",
                                    account="humas.kominfotik", platform="facebook")
    assert key == "facebook_graph_page_insights"
    rows = by_table(records, "account_daily")
    first = {r["metric"]: r["value"] for r in rows if r["date"] == date(2026, 3, 1)}
    assert first == {"views": 8200, "reach": 5100, "followers": 120400, "follows": 40,
                     "unfollows": 9, "interactions": 610, "profile_visits": 300}
    assert rows[0]["account"] == AccountRef("facebook", "humas.kominfotik", "104000000000001")
    assert len(skips) == 1 and "page_impressions" in skips[0].reason  # superseded by page_media_view
    aud = by_table(records, "audience")
    assert one(aud, bucket="ID")["value"] == 118000 and aud[0]["snapshot_date"] == date(2026, 3, 3)
    _, records, skips, ctx = mapped(
        IMPORTERS / "facebook_graph_page_insights" / "page_insights_retired.json",
        account="humas.kominfotik", platform="facebook")
    first = {r["metric"]: r["value"] for r in by_table(records, "account_daily")
             if r["date"] == date(2026, 3, 1)}
    assert first == {"views": 9000, "reach": 6000, "followers": 120000, "follows": 20}
    assert len(skips) == 1 and "page_fan_adds" in skips[0].reason  # the unique count wins
    aud = by_table(records, "audience")
    assert one(aud, dimension="age_gender", bucket="18-24|male")["value"] == 18000
    assert one(aud, dimension="gender", bucket="female")["value"] == 51000
    assert any("page_fans" in w for w in ctx.warnings)


def test_facebook_post_insights() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "facebook_graph_post_insights" / "post_insights.json")
    assert key == "facebook_graph_post_insights" and not skips
    rows = {m["platform_post_id"]: m for m in by_table(records, "post_metrics")}
    a = rows["104000000000001_900000000000011"]
    assert (a["views"], a["reach"], a["likes"], a["link_clicks"], a["shares"], a["comments"]) == \
        (8020, 5400, 350, 12, 21, 31)
    b = rows["104000000000001_900000000000099"]
    assert (b["views"], b["reach"], b.get("likes")) == (3000, 2100, None)


def test_facebook_comments() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "facebook_graph_comments" / "comments_page.json")
    assert key == "facebook_graph_comments" and not skips
    comments = by_table(records, "comments")
    assert {c["platform_post_id"] for c in comments} == {"104000000000001_900000000000011"}
    reply = one(comments, platform_comment_id="900000000000011_300000000000002")
    assert reply["parent_comment_id"] == "900000000000011_300000000000001"
    assert reply["author_handle"] == "Humas Diskominfotik DKI" and reply["platform"] == "facebook"
    spam = one(comments, platform_comment_id="900000000000011_300000000000004")
    assert spam["hidden"] is True and spam["author_handle"] is None
    _, records, _, _ = mapped(IMPORTERS / "facebook_graph_comments" / "posts_with_comments.json")
    assert {c["platform_post_id"] for c in by_table(records, "comments")} == \
        {"104000000000001_900000000000012"}


# -- Instagram "Download your information" ------------------------------------------------

def test_dyi_audience_mojibake_and_yearless_range() -> None:
    raw = (IMPORTERS / "instagram_dyi_insights" / "audience_insights.json").read_text("utf-8")
    assert "\\u00c3\\u00a3" in raw  # the fixture carries Meta's escaping
    key, records, skips, _ = mapped(IMPORTERS / "instagram_dyi_insights" / "audience_insights.json",
                                    account="humas.kominfotik")
    assert key == "instagram_dyi_insights" and not skips
    snap = by_table(records, "follower_snapshots")[0]
    assert snap["followers"] == 4821
    # Read on 20 April 2026, 'Feb 6 - May 6' is 2025 (6 May 2026 has not come yet); the
    # count is as of the range's last day.
    assert snap["observed_at"].isoformat() == "2025-05-06T23:59:59+07:00"
    daily = {r["metric"]: (r["date"], r["value"]) for r in by_table(records, "account_daily")}
    assert daily == {"follows_90d": (date(2025, 5, 6), 190), "unfollows_90d": (date(2025, 5, 6), 41)}
    aud = by_table(records, "audience")
    assert one(aud, dimension="city", bucket="São Paulo")["value"] == pytest.approx(0.002)
    assert one(aud, dimension="age", bucket="25-34")["value"] == pytest.approx(0.402)
    # 'by age for men' is within men: 40% of the 45% men = 18% of all followers.
    assert one(aud, dimension="age_gender", bucket="18-24|male")["value"] == pytest.approx(0.18)
    assert one(aud, dimension="gender", bucket="female")["value"] == pytest.approx(0.55)


def test_dyi_localised_labels_and_dec_jan_range() -> None:
    _, records, skips, _ = mapped(IMPORTERS / "instagram_dyi_insights" / "profiles_reached.json",
                                  account="x", observed=datetime(2026, 5, 10, tzinfo=UTC))
    assert not skips
    daily = {r["metric"]: (r["date"], r["value"]) for r in by_table(records, "account_daily")}
    assert daily["reach_90d"] == (date(2026, 5, 6), 18230)  # 'Contas alcançadas', '18.230'
    assert daily["impressions_90d"][1] == 64002 and daily["profile_visits_90d"][1] == 2811
    assert daily["reach_followers_90d"][1] == 6120  # 'Seguidores' here means reached followers
    from kenali.importers.instagram_dyi import parse_range
    assert parse_range("Nov 8 - Feb 5", date(2026, 2, 20)) == (date(2025, 11, 8), date(2026, 2, 5))


def test_graph_online_followers_hours_move_from_pacific_to_wib() -> None:
    _, records, skips, _ = mapped(IMPORTERS / "instagram_graph_insights" / "online_followers.json",
                                  account="x")
    assert not skips
    hours = {(r["date"], r["hour"]): r["active_followers"]
             for r in by_table(records, "follower_activity")}
    assert len(hours) == 24
    # 00:00 PST on 2 March = 15:00 WIB on 2 March; 09:00 PST = 00:00 WIB on 3 March.
    assert hours[(date(2026, 3, 2), 15)] == 310
    assert hours[(date(2026, 3, 3), 0)] == 260


def test_facebook_audience_goes_to_the_page() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "meta_facebook_audience" / "Audience.csv",
                                    account="humas.kominfotik", platform="facebook")
    assert key == "meta_facebook_audience" and not skips
    assert by_table(records, "follower_snapshots")[0]["followers"] == 120400
    aud = by_table(records, "audience")
    assert {r["account"].platform for r in aud} == {"facebook"}
    assert one(aud, dimension="age", bucket="25-34")["value"] == pytest.approx(0.355)


def test_facebook_comment_post_from_permalink() -> None:
    page = {"data": [{"id": "741_388", "message": "Kapan normalisasi selesai?",
                      "created_time": "2025-11-03T10:36:02+0000", "from": {"name": "Ratna", "id": "62"},
                      "like_count": 0, "comment_count": 1, "is_hidden": False,
                      "permalink_url": "https://www.facebook.com/1784/posts/741?comment_id=388",
                      "comments": {"data": [{"id": "741_389", "message": "Sabar kak",
                                             "created_time": "2025-11-03T11:00:00+0000",
                                             "parent": {"id": "741_388"}}]}}],
            "paging": {"cursors": {"before": "a", "after": "b"}}}
    doc = read_document("c.json", json.dumps(page).encode())
    fmt, _ = importers.detect(doc)
    assert fmt is not None and fmt.key == "facebook_graph_comments"
    rows = [r.values for r in fmt.records(doc, Context("c.json", OBSERVED, OBSERVED.date()))
            if isinstance(r, Record)]
    assert [(r["platform_comment_id"], r["platform_post_id"], r["parent_comment_id"]) for r in rows] \
        == [("741_388", "1784_741", None), ("741_389", "1784_741", "741_388")]


_KEYS = st.sampled_from([
    "data", "name", "values", "value", "end_time", "total_value", "breakdowns", "dimension_keys",
    "dimension_values", "results", "id", "period", "paging", "next", "previous", "text", "message",
    "timestamp", "created_time", "from", "username", "replies", "comments", "media", "parent",
    "like_count", "hidden", "caption", "media_type", "followers_count", "string_map_data",
    "organic_insights_audience", "permalink_url", "Date range", "Followers"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**18), st.floats(allow_nan=False),
                     st.sampled_from(["reach", "day", "lifetime", "2026-03-02T08:00:00+0000",
                                      "1/insights/reach/day", "follower_demographics",
                                      "page_fans_country", "post_media_view", "x: 5%",
                                      "Feb 6 - May 6", "online_followers", "age", ""]),
                     st.text(max_size=4))
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=25)
_META_JSON = [f for k, f in importers.formats().items() if k.startswith(("instagram_", "facebook_"))]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_JSON)
def test_any_json_maps_to_known_fields_or_skips(data: Any) -> None:
    doc = read_document("odd.json", json.dumps(data).encode())
    ctx = Context("odd.json", OBSERVED, OBSERVED.date(), account=AccountRef("instagram", "x"))
    for fmt in _META_JSON:
        assert 0.0 <= fmt.detect(doc).score <= 1.0
        for item in fmt.records(doc, ctx):
            if isinstance(item, Record):
                assert set(item.values) <= {*TABLE_FIELDS[item.table], "account"}, fmt.key
            else:
                assert isinstance(item, Skip) and item.reason


def test_graph_account_object_gives_a_follower_snapshot() -> None:
    key, records, skips, _ = mapped(IMPORTERS / "instagram_graph_media" / "account_followers.json")
    assert key == "instagram_graph_media" and not skips
    assert by_table(records, "follower_snapshots") == [{
        "account": AccountRef("instagram", "humas.kominfotik", "17841400000000001"),
        "observed_at": OBSERVED, "followers": 48377}]
    # X's v1.1 user object has followers_count too, but it is not an Instagram account.
    doc = read_document("u.json", json.dumps({"id": 1, "screen_name": "a", "username": "a",
                                              "followers_count": 5}).encode())
    assert importers.formats()["instagram_graph_media"].detect(doc).score == 0
