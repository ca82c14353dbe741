"""Follower lists: generic CSV (English and Indonesian), X API users, instaloader profiles, DYI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kenali
from kenali import importers
from kenali.i18n import t
from kenali.importers.followers import clean_handle, parse_flag, parse_follower_count
from kenali.importers.readers import read_document

from .conftest import FIXTURES

IMP = FIXTURES / "importers"
ACCOUNT = "diskominfotik.dki"


def _import(ws: kenali.Workspace, path: Path, platform: str, account: str = ACCOUNT):
    result = ws.import_paths([str(path)], account=account, platform=platform, progress=False)[0]
    assert result.status == "imported", result.as_dict()
    return result


def _follower(ws: kenali.Workspace, handle: str) -> dict:
    cursor = ws.con.execute("SELECT a.platform, a.handle AS account, f.* FROM followers f "
                            "JOIN accounts a USING (account_id) WHERE f.handle = ?", [handle])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    assert row is not None, handle
    return dict(zip(names, row, strict=True))


def test_generic_csv(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "followers_csv" / "followers_export.csv", "instagram")
    assert result.format == "followers_csv"
    assert result.rows_skipped == 1 and result.skipped_rows[0]["reason"] == t("soc.no_username")
    info = _follower(ws, "jakartainfo")
    assert (info["platform"], info["account"]) == ("instagram", ACCOUNT)
    assert (info["followers_count"], info["following_count"], info["posts_count"]) == (
        12300, 210, 8840)  # '12.3K'
    assert (info["is_verified"], info["is_private"], info["has_picture"]) == (True, False, True)
    assert info["platform_user_id"] == "1122334455" and info["name"] == "Jakarta Info"
    assert _follower(ws, "ibu.rt05")["is_private"] is True  # '@ibu.rt05' without its '@'
    # Instagram's anonymous avatar is no picture.
    assert _follower(ws, "promo_gacor88")["has_picture"] is False
    andi = _follower(ws, "andi_prsty")  # a profile URL in the username column
    assert andi["posts_count"] is None  # 'n/a'
    assert andi["has_picture"] is None  # no picture column value: unknown, not False
    assert andi["first_seen"] is not None and andi["last_seen"] is not None


def test_indonesian_csv_with_bom_and_semicolons(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "followers_csv" / "pengikut_tiktok.csv", "tiktok")
    assert result.rows_skipped == 0
    rudi = _follower(ws, "kapukmuara_")
    assert (rudi["platform"], rudi["followers_count"], rudi["is_private"]) == ("tiktok", 1200, False)
    dinkes = _follower(ws, "dinaskesehatan.dki")
    assert (dinkes["followers_count"], dinkes["posts_count"], dinkes["is_verified"]) == (
        1_100_000, 5210, True)  # '1,1 jt', '5.210', 'Ya'
    anon = _follower(ws, "anon_77812")
    assert (anon["following_count"], anon["is_private"], anon["name"]) == (1204, True, None)


def test_csv_without_account_or_platform_writes_nothing(ws: kenali.Workspace) -> None:
    path = IMP / "followers_csv" / "followers_export.csv"
    for account, platform in ((None, None), (ACCOUNT, None)):
        result = ws.import_paths([str(path)], account=account, platform=platform,
                                 progress=False)[0]
        assert result.status == "needs_account"
    assert ws.counts()["followers"] == 0 and ws.counts()["imports"] == 0
    # Asked again with the account, the file is imported (not 'already imported').
    assert _import(ws, path, "instagram").rows_written == 5


def test_a_comment_table_is_not_a_follower_list() -> None:
    doc = read_document("c.csv", b"username,text,likes\nrina,Kapan bansos cair?,2\n")
    fmt, _ = importers.detect(doc)
    assert fmt is not None and fmt.key == "comments_csv"
    one_column = read_document("f.csv", b"username\nrina\nandi\n")
    fmt, _ = importers.detect(one_column)
    assert fmt is not None and fmt.key == "followers_csv"


def test_x_users(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "x_followers_json" / "followers_DinasKominfoDKI.json", "x", "dinaskominfodki")
    sunter = _follower(ws, "wargasunter")  # handles are stored lower-case
    assert (sunter["platform"], sunter["name"], sunter["bio"]) == (
        "x", "Warga Sunter", "Sunter Jaya, Jakut. Suka sepeda.")
    assert (sunter["followers_count"], sunter["following_count"], sunter["posts_count"]) == (
        233, 511, 4120)
    assert sunter["platform_user_id"] == "1500000000000000001"
    fresh = _follower(ws, "akun_baru_8812")
    assert fresh["has_picture"] is False  # default_profile_images
    assert fresh["bio"] is None  # empty description
    assert _follower(ws, "beritajakarta")["is_verified"] is True


def test_x_twarc2_pages(ws: kenali.Workspace) -> None:
    result = _import(ws, IMP / "x_followers_json" / "followers_twarc2.jsonl", "x", "dinaskominfodki")
    assert result.rows_read == 2
    assert _follower(ws, "rina_sari")["is_private"] is True  # protected
    assert _follower(ws, "budi_h")["has_picture"] is None  # no image field: unknown


def test_instaloader_profiles(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "instaloader_followers" / "followers_diskominfotik.dki.jsonl", "instagram")
    siti = _follower(ws, "warga.cilincing")
    assert (siti["name"], siti["followers_count"], siti["following_count"], siti["posts_count"]) == (
        "Siti Rahmawati", 412, 988, 57)
    assert siti["has_picture"] is True
    assert _follower(ws, "promo_gacor88")["has_picture"] is False  # anonymous picture flag
    bare = _follower(ws, "ibu.rt05")  # a bare node with instaloader's Profile property names
    assert (bare["followers_count"], bare["following_count"], bare["posts_count"],
            bare["is_private"]) == (150, 301, 12, True)


def test_dyi_followers(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "instagram_dyi_followers" / "followers_1.json", "instagram")
    result = _import(ws, IMP / "instagram_dyi_followers" / "followers_2.json", "instagram")
    assert result.rows_skipped == 1  # an entry without a username
    handles = [r[0] for r in ws.con.execute("SELECT handle FROM followers ORDER BY 1").fetchall()]
    assert handles == ["andi_prsty", "ibu.rt05", "kapukmuara_", "warga.cilincing"]
    assert _follower(ws, "kapukmuara_")["name"] is None  # DYI gives the handle only


def test_dyi_following_is_not_followers(tmp_path: Path) -> None:
    entry = {"title": "", "media_list_data": [],
             "string_list_data": [{"href": "https://www.instagram.com/x", "value": "x",
                                   "timestamp": 1}]}
    following = tmp_path / "following.json"
    following.write_text(json.dumps({"relationships_following": [entry]}))
    fmt, _ = importers.detect(read_document(following.name, following.read_bytes()))
    assert fmt is None or fmt.key != "instagram_dyi_followers"
    listed = read_document("following.json", json.dumps([entry]).encode())
    fmt, _ = importers.detect(listed)
    assert fmt is None or fmt.key != "instagram_dyi_followers"


@pytest.mark.parametrize("raw,count", [
    ("12.3K", 12300), ("1,2 rb", 1200), ("3 jt", 3_000_000), ("1.204", 1204), ("987", 987),
    ("-", None), ("", None)])
def test_follower_counts(raw: str, count: int | None) -> None:
    assert parse_follower_count(raw) == count


def test_small_helpers() -> None:
    with pytest.raises(ValueError):
        parse_follower_count("banyak")
    assert [parse_flag(v) for v in ("Ya", "tidak", "TRUE", "", "mungkin")] == [
        True, False, True, None, None]
    assert clean_handle("https://www.instagram.com/_u/Kapukmuara_/?hl=id") == "kapukmuara_"
    assert clean_handle("@Rina.Sari ") == "rina.sari"


def test_apify_profile_dataset(ws: kenali.Workspace) -> None:
    _import(ws, IMP / "instaloader_followers" /
            "dataset_instagram-profile-scraper_2024-03-06.json", "instagram")
    siti = _follower(ws, "warga.cilincing")
    assert (siti["name"], siti["followers_count"], siti["following_count"], siti["posts_count"],
            siti["is_private"], siti["has_picture"]) == ("Siti Rahmawati", 412, 988, 57, False, True)
    promo = _follower(ws, "promo_gacor88")
    assert (promo["name"], promo["is_private"], promo["has_picture"]) == (None, True, False)
