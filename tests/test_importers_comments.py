"""Comment dumps: YouTube API threads, instaloader, Apify datasets, and the Semarang samples."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import kenali
from kenali import importers
from kenali.i18n import t
from kenali.importers.instaloader import post_id_from_name
from kenali.importers.readers import read_document
from kenali.importers.youtube_api import plain_text

from .conftest import FIXTURES

IMP = FIXTURES / "importers"


def _import(ws: kenali.Workspace, path: Path, account: str | None = None,
            platform: str | None = None):
    result = ws.import_paths([str(path)], account=account, platform=platform, progress=False)[0]
    assert result.status == "imported", result.as_dict()
    return result


def _comment(ws: kenali.Workspace, comment_id: str) -> dict:
    cursor = ws.con.execute("SELECT * FROM comments WHERE platform_comment_id = ?", [comment_id])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    assert row is not None, comment_id
    return dict(zip(names, row, strict=True))


# -- YouTube Data API -----------------------------------------------------------------------

def test_youtube_threads_with_replies(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "youtube_api_comments" / "commentThreads_dQw8xYk2Lq0.json")
    assert result.format == "youtube_api_comments" and result.rows_skipped == 0
    top = _comment(ws, "UgzA1b2C3d4E5f6G7h8Ai4AaABAg")
    # textOriginal wins over the HTML textDisplay, and is kept exactly.
    assert top["text"] == ("Pak, pompa air di RW 05 Penjaringan mati sejak kemarin & air masih "
                           "*setinggi lutut*.\nMohon dicek <segera>")
    assert top["platform_post_id"] == "dQw8xYk2Lq0" and top["parent_comment_id"] is None
    assert top["author_handle"] == "wargapenjaringan"  # the '@' of the display name dropped
    assert top["author_id"] == "UCwarga0Penjaringan0001"
    assert top["like_count"] == 14
    assert top["created_at"] == datetime(2024, 3, 4, 9, 12, 44, tzinfo=UTC)
    assert top["hidden"] is None  # moderationStatus absent (only the owner sees it)
    reply = _comment(ws, "UgzA1b2C3d4E5f6G7h8Ai4AaABAg.A0bCdEfGhIj")
    assert reply["parent_comment_id"] == "UgzA1b2C3d4E5f6G7h8Ai4AaABAg"
    # Only textDisplay (HTML): stored as plain text, never as HTML.
    spam = _comment(ws, "UgzA1b2C3d4E5f6G7h8Ai4AaABAg.A0bCdEfGhKk")
    assert spam["text"] == "Cek promo slot gacor di bio 🎰"
    assert spam["hidden"] is True  # heldForReview
    assert _comment(ws, "UgxZz9Yy8Xx7Ww6Vv5UuAaABAg")["hidden"] is False  # published


def test_youtube_jsonl_pages(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "youtube_api_comments" / "commentThreads_pages.jsonl")
    assert result.rows_read == 2  # two response pages
    assert ws.counts()["comments"] == 3
    assert _comment(ws, "UgwQ2bbbbbbbbbbbbbbbAaABAg")["hidden"] is True  # rejected
    assert _comment(ws, "UgwQ3ccccccccccccccccAaABAg")["platform_post_id"] == "-Kp3mZ9vT1a"


def test_plain_text_of_html() -> None:
    assert plain_text("a &amp; b<br>c <b>d</b> <a href=\"x\">e</a>") == "a & b\nc d e"
    assert plain_text("aku <3 jakarta") == "aku <3 jakarta"  # not a tag


# -- instaloader ------------------------------------------------------------------------------

def test_instaloader_comments_keep_big_ids(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "instaloader_comments" / "2024-03-04_01-15-30_UTC_comments.json")
    assert result.format == "instaloader_comments"
    assert result.rows_skipped == 1  # the comment with empty text
    top = _comment(ws, "18034591234567890123")  # > 2^63: exact, as a string
    assert top["created_at"] == datetime(2024, 3, 4, 9, 40, tzinfo=UTC)
    assert (top["author_handle"], top["author_id"], top["like_count"]) == (
        "warga.cilincing", "48211930512", 12)
    # No shortcode in the file name: the UTC stamp stands for the post.
    assert top["platform_post_id"] == "2024-03-04_01-15-30_UTC"
    answer = _comment(ws, "18034591234567890999")
    assert answer["parent_comment_id"] == "18034591234567890123"
    assert answer["author_handle"] == "diskominfotik.dki"


def test_instaloader_comments_detected_by_shape_not_name(ws: kenali.Workspace,
                                                         tmp_path: Path) -> None:
    renamed = tmp_path / "komentar.json"
    renamed.write_bytes((IMP / "instaloader_comments" /
                         "2024-03-06_07-00-00_UTC_C4xYz12AbCd_comments.json").read_bytes())
    result = _import(ws, renamed)
    assert result.format == "instaloader_comments"
    assert t("soc.ig.post_unnamed") in result.warnings
    assert _comment(ws, "17999888777666555")["platform_post_id"] is None


def test_post_id_from_file_name() -> None:
    assert post_id_from_name("2024-03-06_07-00-00_UTC_C4xYz12AbCd_comments.json") == "C4xYz12AbCd"
    assert post_id_from_name("C4xYz12AbCd_comments.json") == "C4xYz12AbCd"
    assert post_id_from_name("2024-03-04_01-15-30_UTC_comments.json") == "2024-03-04_01-15-30_UTC"
    assert post_id_from_name("comments.json") is None


def test_instaloader_post_and_its_owner(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "instaloader_post" / "2024-03-04_01-15-30_UTC.json")
    assert result.format == "instaloader_post"
    assert ws.con.execute("SELECT platform, handle, platform_account_id FROM accounts"
                          ).fetchall() == [("instagram", "diskominfotik.dki", "1402557311")]
    post = ws.con.execute("SELECT platform_post_id, published_at, post_type, caption, hashtags, "
                          "mentions FROM posts").fetchone()
    assert post[:3] == ("C4aBcD1eFgH", datetime(2024, 3, 4, 1, 15, 30, tzinfo=UTC), "carousel")
    assert post[3].startswith("Update penanganan banjir rob") and "\n\n" in post[3]
    assert post[4] == ["jakartatanggap", "banjirrob"] and post[5] == ["jakiapp"]
    likes, comments, views = ws.con.execute(
        "SELECT likes, comments, views FROM post_metrics").fetchone()
    assert (likes, comments, views) == (1432, 87, None)  # a photo has no views


def test_instaloader_reel_needs_its_account(ws: kenali.Workspace) -> None:
    path = IMP / "instaloader_post" / "2024-03-06_07-00-00_UTC.json"
    first = ws.import_paths([str(path)], progress=False)[0]
    assert first.status == "needs_account"  # the owner has an id but no username
    _import(ws, path, account="diskominfotik.dki", platform="instagram")
    row = ws.con.execute("SELECT p.post_type, p.duration_s, m.views, m.likes FROM posts p "
                         "JOIN post_metrics m USING (platform, platform_post_id)").fetchone()
    assert row == ("reel", 41.6, 5120, 219)


def test_instaloader_profile_is_a_follower_snapshot(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "instaloader_profile" / "diskominfotik.dki_1402557311.json")
    assert ws.con.execute("SELECT a.handle, s.followers FROM follower_snapshots s "
                          "JOIN accounts a USING (account_id)").fetchall() == [
        ("diskominfotik.dki", 245812)]


# -- Apify datasets ---------------------------------------------------------------------------

def test_apify_instagram(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "apify_instagram_comments" /
            "dataset_instagram-comment-scraper_2024-03-06_08-21-00-123.json")
    top = _comment(ws, "18034591234567890123")
    assert (top["platform"], top["platform_post_id"], top["like_count"]) == (
        "instagram", "C4aBcD1eFgH", 12)  # likesCount written as a string
    reply = _comment(ws, "18034591234567890999")
    assert reply["parent_comment_id"] == "18034591234567890123"
    assert reply["author_id"] == "1402557311"


def test_apify_tiktok(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "apify_tiktok_comments" /
                     "dataset_tiktok-comments-scraper_2024-03-06_08-30-12-555.json")
    assert result.rows_skipped == 1  # a sticker-only comment has no text
    reply = _comment(ws, "7342309988776655443")
    assert (reply["platform"], reply["platform_post_id"], reply["parent_comment_id"]) == (
        "tiktok", "7342298765432109876", "7342301122334455667")
    assert reply["created_at"] == datetime(2024, 3, 4, 11, 0, tzinfo=UTC)
    assert (reply["author_handle"], reply["like_count"]) == ("diskominfotik.dki", 5)


def test_apify_facebook(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "apify_facebook_comments" /
            "dataset_facebook-comments-scraper_2024-03-06_09-00-00-001.json")
    top = _comment(ws, "Y29tbWVudDoxMDI5Mzg0NzU2NDczODI5")
    assert (top["platform_post_id"], top["author_handle"], top["like_count"]) == (
        "pfbid02AbCdEf", "Agus Setiawan", 7)
    # The reply has no commentId: its id and its parent come from the comment URL.
    reply = _comment(ws, "887766554433221")
    assert reply["parent_comment_id"] == "1029384756473829"


@pytest.mark.parametrize("items,stored", [
    ([{"id": "1", "text": 5, "ownerUsername": "a"}], 0),
    ([{"cid": "1", "text": "x", "createTime": 10**30}], 1),
    ([{"cid": "1", "text": "x", "createTime": "kemarin", "diggCount": 2**80}], 1),
])
def test_odd_values_never_break_the_file(ws: kenali.Workspace, tmp_path: Path,
                                         items: list, stored: int) -> None:
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(items))
    result = ws.import_paths([str(path)], progress=False)[0]
    assert result.status == "imported"
    assert result.rows_skipped == 1 - stored
    rows = ws.con.execute("SELECT text, created_at, like_count FROM comments").fetchall()
    assert rows == [("x", None, None)] * stored  # unreadable time and absurd count: NULL


# -- the Semarang samples (comments_generic) -----------------------------------------------

def test_semarang_samples(ws: kenali.Workspace, samples: Path, tmp_path: Path) -> None:
    folder = samples / "instagram_comments_id_dkk_semarang"
    train = _import(ws, folder / "train_masked.csv", platform="instagram")
    assert (train.format, train.rows_read, train.rows_written, train.rows_skipped) == (
        "comments_csv", 7967, 7967, 0)
    # Four rows have 'e' in likes (a scraping slip): NULL with a warning, never 0.
    assert any("'likes'" in w for w in train.warnings)
    assert ws.con.execute("SELECT count(*) FROM comments WHERE like_count IS NULL"
                          ).fetchone()[0] == 4
    assert ws.con.execute("SELECT sum(like_count), max(like_count) FROM comments"
                          ).fetchone() == (6885, 49)
    text, likes, created, author = ws.con.execute(
        "SELECT text, like_count, created_at, author_handle FROM comments "
        "WHERE text LIKE 'Prosentase tingkat kematian%'").fetchone()
    assert text.endswith("berapa Pak?") and likes == 0 and author == "username"
    assert created == datetime(2020, 9, 21, 17, 0, tzinfo=UTC)  # '2020-09-22' in WIB
    multi = ws.con.execute("SELECT text FROM comments WHERE text LIKE 'Rapid test/ test swab%'"
                           ).fetchone()[0]
    assert multi.endswith("menbingungkan sekali infonya")
    # test_masked.csv on its own store: 1,992 comments.
    other = kenali.open(tmp_path / "other.duckdb")
    try:
        test = _import(other, folder / "test_masked.csv", platform="instagram")
        assert (test.rows_read, test.rows_written, test.rows_skipped) == (1992, 1992, 0)
        assert other.con.execute("SELECT sum(like_count) FROM comments").fetchone()[0] == 1709
    finally:
        other.close()


def test_detection_of_each_dump() -> None:
    expected = {
        "youtube_api_comments/commentThreads_pages.jsonl": "youtube_api_comments",
        "instaloader_comments/2024-03-04_01-15-30_UTC_comments.json": "instaloader_comments",
        "instaloader_profile/diskominfotik.dki_1402557311.json": "instaloader_profile",
        "apify_facebook_comments/dataset_facebook-comments-scraper_2024-03-06_09-00-00-001.json":
            "apify_facebook_comments",
    }
    for name, key in expected.items():
        path = IMP / name
        fmt, _ = importers.detect(read_document(path.name, path.read_bytes()))
        assert fmt is not None and fmt.key == key, name
