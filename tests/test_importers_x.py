"""X importers: legacy and current analytics exports, X API v2 replies and mentions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import kenali
from kenali.i18n import t
from kenali.importers.x_analytics import status_link

from .conftest import FIXTURES
from .test_importers_tiktok import daily, import_on, one

FX = FIXTURES / "importers"
LEGACY = FX / "x_tweet_activity" / "tweet_activity_metrics_DinasKominfoDKI_20240101_20240131_en.csv"
LEGACY_PT = FX / "x_tweet_activity" / "tweet_activity_metrics_dadosabertosbr_20230501_20230531_pt.csv"
DAILY = FX / "x_daily_activity" / "daily_tweet_activity_metrics_DinasKominfoDKI_20240101_20240131_en.csv"
CONTENT_2025 = FX / "x_content" / "account_analytics_content_2025-01-01_2025-01-31.csv"
CONTENT_2026 = FX / "x_content" / "account_analytics_content_2026-04-27_2026-07-25.csv"
OVERVIEW = FX / "x_overview" / "account_overview_analytics.csv"
LATER = date(2026, 11, 1)


def metrics(ws: kenali.Workspace, post_id: str) -> dict[str, object]:
    """One post's lifetime metrics row as a dict."""
    cursor = ws.con.execute("SELECT * FROM post_metrics WHERE platform = 'x' "
                            "AND platform_post_id = ?", [post_id])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    assert row is not None
    return dict(zip(names, row, strict=True))


def test_status_links() -> None:
    assert status_link("https://twitter.com/ADHOrg/status/1388063576737214466") == \
        ("ADHOrg", "1388063576737214466")
    assert status_link("https://x.com/Wormhole_BR/status/1891564128784855141?s=20") == \
        ("Wormhole_BR", "1891564128784855141")
    assert status_link("https://x.com/i/status/1891564128784855141") == \
        (None, "1891564128784855141")
    assert status_link("") == (None, None)


def test_legacy_tweets_name_their_account(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, LEGACY, LATER)
    assert result.status == "imported" and result.format == "x_tweet_activity"
    assert one(ws, "SELECT handle FROM accounts WHERE platform = 'x'") == "dinaskominfodki"
    post = one(ws, "SELECT published_at, post_type, caption, hashtags FROM posts "
                   "WHERE platform_post_id = '1749876543210987654'")
    assert post[0] == datetime(2024, 1, 26, 5, 3, tzinfo=UTC)
    assert post[1] == "text" and post[3] == ["cekfakta"]
    assert post[2] == 'Cek fakta: pesan berantai soal "bansos Rp5 juta" adalah HOAKS. #CekFakta'
    m = metrics(ws, "1749876543210987654")
    assert (m["views"], m["interactions"], m["shares"], m["comments"], m["likes"]) == \
        (40512, 1533, 602, 88, 610)
    assert (m["profile_visits"], m["link_clicks"], m["follows"]) == (45, 0, 9)
    # Not in the legacy export: NULL, never 0.
    assert m["saves"] is None and m["reach"] is None
    # Lifetime totals as of the end of the exported range (from the file name), not the copy date.
    assert m["as_of"] == date(2024, 1, 31) and m["period"] == "lifetime"
    assert result.warnings == [t("tx.x.replies", n=2)]


def test_legacy_promoted_figures_stay_out(ws: kenali.Workspace, tmp_path: Path) -> None:
    lines = LEGACY.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split('","')
    cells[22] = "120"  # promoted impressions of the first tweet
    path = tmp_path / "tweets.csv"
    path.write_text("\n".join([lines[0], '","'.join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    result = ws.import_paths([str(path)], progress=False)[0]
    assert t("tx.x.promoted") in result.warnings
    assert metrics(ws, "1751234567890123456")["views"] == 18234


def test_legacy_portuguese_headers(ws: kenali.Workspace, tmp_path: Path) -> None:
    import_on(ws, tmp_path, LEGACY_PT, LATER)
    assert one(ws, "SELECT handle FROM accounts") == "dadosabertosbr"
    m = metrics(ws, "1660000000000000001")
    assert (m["views"], m["likes"], m["link_clicks"], m["profile_visits"]) == (2500, 40, 12, 6)
    assert m["as_of"] == date(2023, 5, 31)


def test_legacy_daily(ws: kenali.Workspace, tmp_path: Path) -> None:
    assert import_on(ws, tmp_path, DAILY, LATER).status == "needs_account"
    result = import_on(ws, tmp_path, DAILY, LATER, "dinaskominfodki", "x")
    assert result.status == "imported" and result.format == "x_daily_activity"
    assert daily(ws, "views")[date(2024, 1, 26)] == 52344
    assert daily(ws, "posts_published")[date(2024, 1, 26)] == 3
    assert daily(ws, "interactions")[date(2024, 1, 26)] == 1790
    assert daily(ws, "shares")[date(2024, 1, 30)] == 99
    assert daily(ws, "posts_published")[date(2024, 1, 27)] == 0  # a real zero stays 0
    assert daily(ws, "promoted_views") == {}  # '-' everywhere: nothing stored
    assert len(daily(ws, "views")) == 7


def test_content_2025(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, CONTENT_2025, LATER)
    assert result.format == "x_content" and result.rows_skipped == 0
    m = metrics(ws, "1881122334455667788")
    # "12,480" has a thousands separator; Reposts are X's shares, Bookmarks its saves.
    assert (m["views"], m["interactions"], m["shares"], m["saves"], m["link_clicks"]) == \
        (12480, 1022, 133, 40, 25)
    assert m["as_of"] == date(2025, 1, 31)
    post = one(ws, "SELECT published_at, caption FROM posts "
                   "WHERE platform_post_id = '1881122334455667788'")
    assert post[0] == datetime(2025, 1, 19, 17, 0, tzinfo=UTC)  # the day only, midnight WIB
    assert "\nInfo posko:" in post[1]
    # A row without a link belongs to the file's account.
    assert one(ws, "SELECT a.handle FROM posts p JOIN accounts a USING (account_id) "
                   "WHERE platform_post_id = '1876600112233445566'") == "dinaskominfodki"
    assert result.warnings == [t("tx.x.replies", n=1)]


def test_content_2026_headers(ws: kenali.Workspace, tmp_path: Path) -> None:
    import_on(ws, tmp_path, CONTENT_2026, LATER)
    m = metrics(ws, "2042233344455566677")
    assert (m["views"], m["likes"], m["shares"], m["link_clicks"], m["follows"]) == \
        (15902, 388, 210, 0, 12)
    assert m["as_of"] == date(2026, 7, 25)
    assert one(ws, "SELECT published_at FROM posts WHERE platform_post_id = "
                   "'2044455566677788899'") == datetime(2026, 7, 13, 17, 0, tzinfo=UTC)


def test_given_account_differs_from_links(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, CONTENT_2026, LATER, "akun_lain", "x")
    assert t("tx.link_account", link="DinasKominfoDKI", given="akun_lain") in result.warnings
    assert one(ws, "SELECT DISTINCT a.handle FROM posts JOIN accounts a USING (account_id)") \
        == "dinaskominfodki"


def test_overview_newest_first(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, OVERVIEW, LATER, "dinaskominfodki", "x")
    assert result.format == "x_overview"
    day = date(2025, 1, 28)
    assert daily(ws, "views")[day] == 4410
    assert daily(ws, "follows")[day] == 14 and daily(ws, "unfollows")[day] == 2
    assert daily(ws, "shares")[day] == 37 and daily(ws, "share_sends")[day] == 5
    assert daily(ws, "posts_published")[day] == 3
    assert sorted(daily(ws, "views")) == [date(2025, 1, d) for d in range(25, 32)]


def test_content_without_any_account_is_skipped_not_failed(ws: kenali.Workspace,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "account_analytics_content_2025-03-01_2025-03-31.csv"
    path.write_text("Post id,Date,Post text,Link,Impressions,Likes,Engagements,Bookmarks,Share,"
                    "New follows,Replies,Reposts,Profile visits,Detail expands,Url clicks,"
                    "Hashtag clicks,Permalink clicks\n"
                    "1900000000000000001,Mon Mar 3 2025,Halo,,10,1,1,0,0,0,0,0,0,0,0,0,0\n")
    result = ws.import_paths([str(path)], progress=False)[0]
    assert result.status == "imported" and result.rows_skipped == 1
    assert result.skipped_rows[0]["reason"] == t("tx.x.no_account")
    assert ws.counts()["posts"] == 0


def test_id_mangled_by_a_spreadsheet_comes_from_the_link(ws: kenali.Workspace,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "content.csv"
    path.write_text("Post id,Date,Post text,Link,Impressions,Likes,Engagements,Bookmarks,Share,"
                    "New follows,Replies,Reposts,Profile visits,Detail expands,Url clicks,"
                    "Hashtag clicks,Permalink clicks\n"
                    "1.90012E+18,Mon Mar 3 2025,Halo,https://x.com/humas_dki/status/"
                    "1900123456789012345,10,1,1,0,0,0,0,0,0,0,0,0,0\n")
    ws.import_paths([str(path)], progress=False)
    assert one(ws, "SELECT platform_post_id FROM posts") == "1900123456789012345"


# -- X API v2 ----------------------------------------------------------------------------------
def test_twarc2_pages(ws: kenali.Workspace) -> None:
    result = ws.import_paths([str(FX / "x_api_tweets" / "replies_twarc2.jsonl")],
                             progress=False)[0]
    assert result.format == "x_api_tweets" and result.rows_skipped == 1
    assert result.skipped_rows == [{"line": 2, "reason": t("tx.x.retweet")}]
    rows = {r[0]: r[1:] for r in ws.con.execute(
        "SELECT platform_comment_id, platform_post_id, parent_comment_id, author_handle, "
        "author_id, like_count, created_at FROM comments WHERE platform = 'x'").fetchall()}
    root = "1881122334455667788"
    assert rows["1881130000000000001"] == (root, None, "budi_s", "1500000000000000011", 4,
                                           datetime(2025, 1, 20, 1, 12, 45, tzinfo=UTC))
    # The account's own answer to a reply: on the same post, with the reply as parent.
    assert rows["1881130000000000003"][:3] == (root, "1881130000000000002", "DinasKominfoDKI")
    # A bare mention hangs on no post of ours; a quote on the post it quotes.
    assert rows["1881140000000000004"][:3] == (None, None, "warga_kemang")
    assert rows["1881140000000000006"][:3] == (root, None, "akun_info")
    assert len(rows) == 5


def test_single_page_skips_original_posts(ws: kenali.Workspace) -> None:
    result = ws.import_paths([str(FX / "x_api_tweets" / "search_page.json")], progress=False)[0]
    assert result.rows_skipped == 1
    assert result.skipped_rows[0]["reason"] == t("tx.x.original")
    assert one(ws, "SELECT platform_post_id FROM comments") == "1951999999999999999"


def test_flat_tweets_keep_hostile_text(ws: kenali.Workspace) -> None:
    ws.import_paths([str(FX / "x_api_tweets" / "flat_tweets.jsonl")], progress=False)
    text = one(ws, "SELECT text FROM comments WHERE platform_comment_id = '1960000000000000003'")
    assert text == '@DinasKominfoDKI <script>alert(1)</script> =HYPERLINK("http://x")'
    assert one(ws, "SELECT author_handle FROM comments WHERE platform_comment_id = "
                   "'1960000000000000002'") == "warga_kemang"


def test_replies_land_on_the_account_given(ws: kenali.Workspace) -> None:
    ws.import_paths([str(FX / "x_api_tweets" / "flat_tweets.jsonl")], account="DinasKominfoDKI",
                    platform="x", progress=False)
    assert one(ws, "SELECT DISTINCT a.handle FROM comments JOIN accounts a USING (account_id)") \
        == "dinaskominfodki"


def test_twarc2_csv(ws: kenali.Workspace) -> None:
    result = ws.import_paths([str(FX / "x_twarc_csv" / "replies_twarc2.csv")], progress=False)[0]
    assert result.format == "x_twarc_csv"
    assert result.skipped_rows == [{"line": 5, "reason": t("tx.x.retweet")}]
    rows = {r[0]: r[1:] for r in ws.con.execute(
        "SELECT platform_comment_id, platform_post_id, parent_comment_id, author_handle, "
        "like_count, text FROM comments").fetchall()}
    assert rows["1970000000000000001"][:4] == ("1969999999999999999", None, "budi_s", 7)
    assert rows["1970000000000000001"][4].endswith("rusak parah,\nbahaya buat lansia.")
    assert rows["1970000000000000002"][:3] == ("1969999999999999999", "1970000000000000001",
                                               "DinasKominfoDKI")
    assert rows["1970000000000000004"][:2] == (None, None)  # a bare mention


def test_broken_json_is_reported_not_raised(ws: kenali.Workspace, tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    page = json.dumps({"data": [{"id": "1", "text": "x", "conversation_id": "1"}]})
    path.write_text(page + "\n{\"data\": [\n")
    result = ws.import_paths([str(path)], progress=False)[0]
    assert result.status == "unreadable" and "line 2" in (result.message or "")
    assert ws.counts()["comments"] == 0


# -- the real samples in ../shared ---------------------------------------------------------------
@pytest.mark.shared
def test_shared_x_legacy_samples(samples: Path, ws: kenali.Workspace, tmp_path: Path) -> None:
    folder = samples / "x_analytics_legacy"
    tweets = import_on(ws, tmp_path, folder / "tweet_activity_metrics_ADHOrg_20210401_20210501_en.csv",
                       LATER)
    assert (tweets.status, tweets.format, tweets.rows_skipped) == \
        ("imported", "x_tweet_activity", 0)
    assert ws.counts()["posts"] == 31 and ws.counts()["post_metrics"] == 31
    assert one(ws, "SELECT handle FROM accounts") == "adhorg"
    m = metrics(ws, "1388063576737214466")
    assert (m["views"], m["interactions"], m["shares"], m["likes"], m["profile_visits"]) == \
        (825, 10, 2, 6, 1)
    assert m["as_of"] == date(2021, 5, 1)
    assert one(ws, "SELECT published_at FROM posts WHERE platform_post_id = "
                   "'1388063576737214466'") == datetime(2021, 4, 30, 9, 32, tzinfo=UTC)
    days = import_on(ws, tmp_path,
                     folder / "daily_tweet_activity_metrics_ADHOrg_20210401_20210501_en.csv",
                     LATER, "adhorg", "x")
    assert (days.status, days.format, days.rows_skipped) == ("imported", "x_daily_activity", 0)
    views = daily(ws, "views")
    assert len(views) == 30 and views[date(2021, 4, 1)] == 7519
    assert daily(ws, "posts_published")[date(2021, 4, 1)] == 3
    assert ws.counts()["account_daily"] == 30 * 14
    assert one(ws, "SELECT count(*) FROM accounts") == 1


@pytest.mark.shared
def test_shared_x_2025_samples(samples: Path, ws: kenali.Workspace, tmp_path: Path) -> None:
    folder = samples / "x_analytics_2025"
    content = import_on(ws, tmp_path, folder / "account_analytics_content_2024-11-21_2025-02-19.csv",
                        LATER)
    assert (content.status, content.format, content.rows_skipped) == ("imported", "x_content", 0)
    assert ws.counts()["posts"] == 141
    assert one(ws, "SELECT handle FROM accounts") == "wormhole_br"
    m = metrics(ws, "1874078422043127856")
    assert (m["views"], m["likes"], m["interactions"], m["saves"], m["shares"], m["comments"],
            m["profile_visits"]) == (174, 13, 32, 0, 1, 9, 2)
    assert m["as_of"] == date(2025, 2, 19)
    assert one(ws, "SELECT published_at FROM posts WHERE platform_post_id = "
                   "'1874078422043127856'") == datetime(2024, 12, 30, 17, 0, tzinfo=UTC)
    overview = import_on(ws, tmp_path, folder / "account_overview_analytics.csv", LATER,
                         "wormhole_br", "x")
    assert (overview.status, overview.format, overview.rows_skipped) == \
        ("imported", "x_overview", 0)
    views = daily(ws, "views")
    assert len(views) == 50 and views[date(2025, 2, 18)] == 62
    assert daily(ws, "follows")[date(2024, 12, 31)] == 25
    assert daily(ws, "posts_published")[date(2025, 2, 17)] == 2
