"""Follower quality rules, segments and masking on constructed profiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kenali.audience import save_follower_quality
from kenali.audience.follower_file import _plain_csv, read_followers
from kenali.audience.privacy import mask_handle, mask_name, mask_row
from kenali.audience.quality import classify, segment_of, summarise
from kenali.cli import main
from kenali.errors import KenaliError
from kenali.workspace import Workspace

FIX = Path(__file__).parent / "fixtures" / "audience"


def person(**kw: Any) -> dict[str, Any]:
    base = {"handle": "warga_biasa", "name": "Warga Biasa", "bio": "Tinggal di Cipete",
            "followers": 300, "following": 400, "posts": 40, "is_private": True,
            "is_verified": False, "has_picture": True}
    return {**base, **kw}


@pytest.mark.parametrize(("row", "cls", "rule"), [
    (person(), "genuine", "no_rule"),
    (person(following=1501), "mass_follower", "mass_following"),
    (person(followers=5001), "influencer", "many_followers"),
    (person(followers=5000), "genuine", "no_rule"),
    (person(name="Dinas Perhubungan DKI", followers=90000), "organisation", "organisation_words"),
    (person(posts=0), "inactive", "no_posts"),
    # no picture + no bio while following > 100 = 2 points
    (person(has_picture=False, bio=""), "suspicious", "suspicion_points"),
    # following >= 50 x followers = 2 points
    (person(followers=2, following=600), "suspicious", "suspicion_points"),
    # one point only: not enough
    (person(has_picture=False), "genuine", "no_rule"),
    (person(handle="user84736251"), "genuine", "no_rule"),
    (person(handle="user84736251", has_picture=False), "suspicious", "suspicion_points"),
    ({"handle": "someone"}, "unknown", "no_data"),
    # spam borrowing business words is suspicious, not an organisation
    (person(name="Promo JP", handle="promo1234567", has_picture=False), "suspicious",
     "suspicion_points"),
])
def test_quality_rules(row: dict[str, Any], cls: str, rule: str) -> None:
    verdict = classify(row)
    assert (verdict.quality_class, verdict.rule) == (cls, rule)


def test_verdict_names_the_reasons() -> None:
    v = classify(person(handle="ab12345", has_picture=False, bio=None, followers=1, following=900))
    assert v.points == 5
    assert v.reasons == ["no_picture", "no_bio_following_many", "following_ratio", "username_digits"]
    assert v.features["following"] == 900


@pytest.mark.parametrize(("name", "bio", "segment", "org"), [
    ("Kompas.com", "Berita terkini", "media", True),
    ("Andi", "Jurnalis di harian ibu kota", "media", False),
    ("Sarah", "Journalist covering Jakarta", "media", False),
    ("Suku Dinas Kesehatan Jakarta Selatan", None, "government", True),
    ("Ministry of Health", "Official account", "government", True),
    ("Toko Kue Mama", "Order via WA", "business", True),
    ("Kopi Kenangan Cipete", "Coffee shop. Open 8-22", "business", True),
    ("Karang Taruna RW 05", "Kelurahan Cipete Utara", "community", True),
    ("Jakarta Cycling Community", None, "community", True),
    ("Budi", "Ayah dua anak, suka kopi", "resident", False),
    ("Maya", "pecinta kucing", "resident", False),
    ("Damkar Jakarta Timur", None, "government", True),
    ("Kos Putri Cipete", None, "business", True),
    ("Rina 🌸", "✨ living my best life ✨", "resident", False),
])
def test_segments(name: str, bio: str | None, segment: str, org: bool) -> None:
    seg, evidence, is_org = segment_of(name, bio)
    assert (seg, is_org) == (segment, org)
    assert (evidence is None) == (segment == "resident")


def test_masking() -> None:
    assert mask_handle("budi_santoso") != "budi_santoso"
    assert mask_handle("budi_santoso").startswith("b…o#")  # type: ignore[union-attr]
    assert mask_handle("budi_santoso") == mask_handle("@Budi_Santoso".lstrip("@").lower())
    assert mask_name("Budi Santoso") == "B. S."
    row = mask_row({"handle": "budi_santoso", "name": "Budi Santoso", "bio": "Warga Jaksel",
                    "features": {"handle": "budi_santoso", "followers": 3}})
    assert "budi" not in json.dumps(row).lower()
    assert row["features"]["followers"] == 3
    assert mask_row({"handle": "budi"}, unmask=True)["handle"] == "budi"


EXPECTED = {"genuine": 3, "influencer": 1, "organisation": 4, "inactive": 1,
            "mass_follower": 1, "suspicious": 1}


def test_followers_file_summary() -> None:
    rows = read_followers(str(FIX / "followers.csv"))
    assert len(rows) == 11
    assert "platform_user_id" in rows[0]  # read through the followers importer
    summary = summarise(classify(r) for r in rows).as_dict()
    assert summary["classes"] == EXPECTED
    assert summary["quality_share"] == pytest.approx(8 / 11)
    # Segments count real followers only: the mass follower and the suspicious one are left out.
    assert summary["segments"] == {"media": 2, "government": 1, "business": 1, "community": 1,
                                   "resident": 4}
    # The plain CSV reader (used when no importer recognises the file) gives the same classes.
    plain = _plain_csv(FIX / "followers.csv")
    assert summarise(classify(r) for r in plain).classes == EXPECTED


def test_followers_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("handle,followers\nbudi,banyak\n")
    with pytest.raises(KenaliError, match="2: column followers"):
        _plain_csv(bad)
    with pytest.raises(KenaliError):
        read_followers(str(tmp_path / "missing.csv"))


def test_cli_followers_json_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pengikut", "--followers", str(FIX / "followers.csv"), "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["masked"] is True and data["classes"] == EXPECTED
    assert "budi.santoso" not in out and "Budi Santoso" not in out and "Warga Jaksel" not in out
    assert main(["pengikut", "--followers", str(FIX / "followers.csv"), "--json", "--unmask"]) == 0
    assert "budi.santoso" in capsys.readouterr().out
    assert main(["--lang", "en", "pengikut", "--followers", str(FIX / "followers.csv")]) == 0
    text = capsys.readouterr().out
    assert "72.7% quality followers" in text and "organisation 36.4%" in text
    assert "mass follower, because follows more than 1,500 accounts" in text
    assert "Budi" not in text and "budi" not in text


def insert_followers(ws: Workspace, account: int) -> None:
    """Store the fixture follower list for an account."""
    for r in read_followers(str(FIX / "followers.csv")):
        ws.con.execute(
            "INSERT INTO followers (account_id, handle, name, bio, followers_count, "
            "following_count, posts_count, is_private, is_verified, has_picture, observed_at, "
            "import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, 0)",
            [account, r["handle"], r.get("name"), r.get("bio"), r.get("followers"),
             r.get("following"), r.get("posts"), r.get("is_private"), r.get("is_verified"),
             r.get("has_picture")])


def test_store_follower_quality(ws: Workspace) -> None:
    account = ws.add_account("instagram", "dinas_x")
    insert_followers(ws, account)
    summary = save_follower_quality(ws.con, account)
    assert summary["classes"] == EXPECTED
    stored = dict(ws.con.execute("SELECT quality_class, count(*) FROM follower_quality "
                                 "GROUP BY 1").fetchall())
    assert stored == EXPECTED
    save_follower_quality(ws.con, account)  # again: replaces, does not duplicate
    assert ws.con.execute("SELECT count(*) FROM follower_quality").fetchall()[0][0] == 11
