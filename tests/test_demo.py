"""`kenali demo`: a deterministic, realistic store built from real-format export files."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import kenali
from kenali import importers
from kenali.cli import main
from kenali.demo import build_demo
from kenali.demo.build import Generated, write_exports
from kenali.errors import KenaliError

pytestmark = pytest.mark.slow

PLATFORMS = {"instagram", "facebook", "tiktok", "x", "youtube"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], duckdb.DuckDBPyConnection]]:
    """The demo built once for this module through the CLI, and a read-only connection to it."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["demo", "--db", str(db), "--json"]) == 0
    summary = json.loads(out.getvalue())
    assert {"db", "seconds", "tables", "platforms"} <= set(summary)
    con = duckdb.connect(str(db), read_only=True)
    yield summary, con
    con.close()


def _fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts and sums that change if any generated value changes."""
    def one(sql: str) -> Any:
        return con.execute(sql).fetchone()[0]  # type: ignore[index]
    return {
        "tables": {t: one(f"SELECT count(*) FROM {t}") for t in (
            "accounts", "account_daily", "audience", "follower_activity", "posts",
            "post_metrics", "comments", "followers")},
        "reach": one("SELECT sum(reach) FROM post_metrics"),
        "views": one("SELECT sum(views) FROM post_metrics"),
        "daily": one("SELECT round(sum(value)) FROM account_daily"),
        "text": one("SELECT sum(length(text)) FROM comments"),
        "likes": one("SELECT sum(like_count) FROM comments"),
        "audience": one("SELECT round(sum(value), 6) FROM audience WHERE unit = 'share'"),
        "published": one("SELECT max(published_at)::VARCHAR FROM posts"),
    }


def _folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_store_other_seed_other_files(demo: Any, tmp_path: Path) -> None:
    summary, con = demo
    with kenali.open(tmp_path / "again.duckdb") as ws:  # an earlier demo store is replaced
        ws.add_account("x", "lama.demo")
    again = build_demo(tmp_path / "again.duckdb", seed=7, progress=False)
    assert again["replaced"] and not summary["replaced"]
    other = duckdb.connect(str(tmp_path / "again.duckdb"), read_only=True)
    assert _fingerprint(other) == _fingerprint(con)
    other.close()
    assert again["tables"] == summary["tables"]
    assert _folder_hash(Path(again["exports"])) == _folder_hash(Path(summary["exports"]))
    # Another seed gives other files (checked on the files alone, which the store is made from).
    different = Generated()
    for _ in write_exports(tmp_path / "seed8", 8, different):
        pass
    assert _folder_hash(tmp_path / "seed8") != _folder_hash(Path(summary["exports"]))
    assert different.comments != summary["generated"]["comments"]


def test_accounts_posts_comments_and_a_year_of_days(demo: Any) -> None:
    summary, con = demo
    accounts = con.execute("SELECT platform, handle FROM accounts").fetchall()
    assert len(accounts) >= 6 and {p for p, _ in accounts} == PLATFORMS
    assert all("demo" in handle for _, handle in accounts)
    assert summary["tables"]["posts"] >= 1500
    assert summary["tables"]["comments"] >= 50_000
    assert set(summary["platforms"]) == PLATFORMS
    # Every account has 365 days (2025-11-01 .. 2026-10-31) of at least one daily metric.
    days = con.execute("""
        SELECT a.handle, a.platform, max(n) FROM (
          SELECT account_id, metric, count(DISTINCT date) AS n FROM account_daily
          WHERE date BETWEEN DATE '2025-11-01' AND DATE '2026-10-31' GROUP BY ALL) d
        JOIN accounts a USING (account_id) GROUP BY ALL""").fetchall()
    assert len(days) == len(accounts)
    assert all(n == 365 for *_, n in days), days


def test_every_demo_file_is_imported_by_its_platform_formats(demo: Any) -> None:
    """The demo writes each platform's exports and imports them all through the importers."""
    summary, con = demo
    assert summary["not_imported"] == []
    assert set(summary["imports"]) <= {"imported", "already_imported"}
    formats = con.execute("SELECT DISTINCT format FROM imports").fetchall()
    platforms = {importers.formats()[key].platform for (key,) in formats}
    assert PLATFORMS <= platforms


def test_reach_is_heavy_tailed(demo: Any) -> None:
    _, con = demo
    rows = con.execute("""
        WITH f AS (SELECT account_id, arg_max(followers, observed_at) AS followers
                   FROM follower_snapshots GROUP BY 1)
        SELECT a.handle, median(m.reach / f.followers), max(m.reach / f.followers), count(*)
        FROM post_metrics m JOIN posts p USING (platform, platform_post_id)
        JOIN accounts a USING (account_id) JOIN f USING (account_id)
        WHERE m.platform = 'instagram' AND m.period = 'lifetime' AND m.reach IS NOT NULL
        GROUP BY 1""").fetchall()
    assert rows, "no Instagram reach with follower counts"
    assert all(median < 0.5 for _, median, _, _ in rows), rows
    assert any(top > 3 for _, _, top, _ in rows), rows


def test_metrics_the_formats_give_are_never_null(demo: Any) -> None:
    _, con = demo
    given = {"instagram": ("reach", "views", "likes", "comments", "shares", "saves", "follows"),
             "facebook": ("reach", "views", "likes", "comments", "shares"),
             "tiktok": ("views", "likes", "comments", "shares"),
             "x": ("views", "likes", "comments", "shares", "saves", "follows"),
             "youtube": ("views",)}
    for platform, columns in given.items():
        nulls = con.execute(
            "SELECT " + ", ".join(f"count(*) - count(m.{c})" for c in columns)
            + " FROM post_metrics m JOIN posts p USING (platform, platform_post_id)"
            " WHERE m.platform = ? AND m.period = 'lifetime' AND NOT coalesce(p.is_collab, false)",
            [platform]).fetchone()
        assert nulls is not None and set(nulls) == {0}, (platform, nulls)
    # Partners' collab posts are in the Instagram exports with Reach and Follows left empty.
    collab = con.execute("""
        SELECT count(*), count(m.reach), count(m.views) FROM posts p
        JOIN post_metrics m USING (platform, platform_post_id)
        WHERE p.platform = 'instagram' AND p.is_collab""").fetchone()
    assert collab is not None and collab[0] > 10 and collab[1] == 0 and collab[2] == collab[0]
    assert con.execute("SELECT count(*) FROM comments WHERE created_at IS NULL "
                       "OR author_handle IS NULL OR platform_post_id IS NULL").fetchone() == (0,)


_LEET = str.maketrans("0431", "oaei")
SPAM = re.compile(r"slot|gacor|maxwin|jackpot|bosku|rungkad|jepe|wdlancar|depo10k|rtplive|"
                  r"bonusnewmember|cekbio|klikprofil|linkdibio|\(dot\)com|bit\.ly|dana123")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace(" ", "").translate(_LEET)


def test_comment_mix_in_the_store_matches_the_generator(demo: Any) -> None:
    summary, con = demo
    mix = summary["comment_mix"]
    assert 0.05 <= mix["spam"] <= 0.12
    assert 0.12 <= mix["question"] <= 0.25
    assert 0.10 <= mix["complaint"] + mix["urgent"] <= 0.25
    assert 0.003 <= mix["threat"] <= 0.02
    texts = [t for (t,) in con.execute("SELECT text FROM comments").fetchall()]
    spam = sum(1 for t in texts if SPAM.search(_fold(t))) / len(texts)
    assert abs(spam - mix["spam"]) < 0.02, (spam, mix["spam"])
    asked = sum(1 for t in texts if "?" in t) / len(texts)
    assert 0.1 <= asked <= 0.4
    urgent = sum(1 for t in texts if re.search(r"air sudah masuk rumah|pohon tumbang", t, re.I))
    assert urgent > 100
    # Obfuscation is there: mathematical bold letters and spaced-out links.
    assert any("𝗝" in t or "𝗠" in t or "𝗚" in t for t in texts)
    assert any(". c o m" in t for t in texts)
    # A recurring issue comes back worded many ways.
    kjp = {t for t in texts if re.search(r"\bkjp\b", t, re.I) and "cair" in t.lower()}
    assert len(kjp) > 50


def test_audience_shares_sum_to_one_and_drift(demo: Any) -> None:
    _, con = demo
    sums = con.execute("""
        SELECT account_id, snapshot_date, dimension, sum(value) FROM audience
        WHERE unit = 'share' AND dimension IN ('age_gender', 'gender', 'territory')
        GROUP BY ALL""").fetchall()
    assert sums and all(abs(total - 1) < 0.02 for *_, total in sums), sums[:5]
    drift = con.execute("""
        SELECT count(DISTINCT value) FROM audience a JOIN accounts USING (account_id)
        WHERE handle = 'dsda.jakarta.demo' AND platform = 'instagram' AND dimension = 'age_gender'
          AND bucket = '18-24|female'""").fetchone()
    assert drift is not None and drift[0] > 3
    top = con.execute("""
        SELECT bucket FROM audience WHERE dimension = 'city' ORDER BY value DESC LIMIT 1""").fetchone()
    assert top is not None and "Jakarta" in top[0]
    assert con.execute("SELECT count(DISTINCT hour) FROM follower_activity").fetchone() == (24,)


def test_weekly_rhythm_is_visible(demo: Any) -> None:
    _, con = demo
    weekday, weekend = con.execute("""
        SELECT avg(value) FILTER (WHERE isodow(date) <= 5), avg(value) FILTER (WHERE isodow(date) > 5)
        FROM account_daily d JOIN accounts a USING (account_id)
        WHERE a.handle = 'dsda.jakarta.demo' AND a.platform = 'instagram' AND metric = 'reach'
    """).fetchone()  # type: ignore[misc]
    assert weekday > 1.1 * weekend


def test_follower_list_mixes_kinds(demo: Any) -> None:
    summary, con = demo
    assert set(summary["follower_kinds"]) == {"media", "government", "business", "community",
                                              "resident", "bot", "mass"}
    n, no_picture, mass = con.execute("""
        SELECT count(*), count(*) FILTER (WHERE NOT has_picture),
               count(*) FILTER (WHERE following_count > 3000 AND followers_count < 300)
        FROM followers""").fetchone()  # type: ignore[misc]
    assert n == 3000 and no_picture > 100 and mass > 200


def test_files_are_written_the_way_platforms_write_them(demo: Any) -> None:
    summary, _ = demo
    root = Path(summary["exports"])
    series = next(root.glob("instagram/dsda.jakarta.demo/overview_*/Reach.csv")).read_bytes()
    assert series.startswith(codecs.BOM_UTF16_LE + "sep=,\n\"Reach\"\n".encode("utf-16-le"))
    content = next(root.glob("instagram/dsda.jakarta.demo/content/*.csv")).read_bytes()
    assert content.startswith(codecs.BOM_UTF8 + b'"Post ID","Account ID","Account username"')
    assert b",Lifetime," in content
    with zipfile.ZipFile(next(root.glob("tiktok/dsda.jakarta.demo/studio/Viewers_*.zip"))) as z:
        viewers = z.read("Viewers.csv")
    assert viewers.startswith(codecs.BOM_UTF8 + b'"Date","Total Viewers"')
    assert re.search(rb'"\d{1,2} (November|Desember|Januari)"', viewers)
    assert viewers.endswith(b'"undefined","0","0"')
    x_content = next(root.glob("x/dsda_jakarta_demo/analytics/account_analytics_content_*.csv")).read_bytes()
    assert x_content.startswith(b"Post id,Date,Post text,Post Link,") and b"\r\n" in x_content
    with zipfile.ZipFile(next(root.glob("youtube/dsdajakartademo/studio/Content *.zip"))) as z:
        table = z.read("Table data.csv").decode().splitlines()
    assert table[1].startswith("Total,")
    assert all(not line.startswith("-") for line in table)  # '-' ids get a leading space


def test_refuses_to_replace_a_real_store(tmp_path: Path) -> None:
    db = tmp_path / "kantor.duckdb"
    with kenali.open(db) as ws:
        ws.add_account("instagram", "dinas.contoh")
    with pytest.raises(KenaliError) as info:
        build_demo(db, progress=False)
    assert str(db) in str(info.value)
    folder = tmp_path / "lain.duckdb.exports"
    folder.mkdir()
    with pytest.raises(KenaliError):
        build_demo(tmp_path / "lain.duckdb", progress=False)
    assert folder.exists() and not (tmp_path / "lain.duckdb").exists()


def test_serving_the_demo_triages_it_once_and_makes_a_user_once(demo: Any, tmp_path: Path) -> None:
    import shutil

    from kenali.cli_web import ensure_demo
    from kenali.triage.store import pending_count

    summary, _ = demo
    db = tmp_path / "demo.duckdb"
    shutil.copy(summary["db"], db)
    assert ensure_demo(db)  # the demo user's password, printed once
    ws = kenali.open(db)
    assert pending_count(ws.con) == 0
    # Every comment is in the inbox but the accounts' own replies.
    assert ws.con.execute("SELECT count(*) FROM triage_current").fetchall()[0][0] == \
        ws.con.execute("SELECT count(*) FROM comments c JOIN accounts a USING (account_id) "
                       "WHERE c.author_handle IS DISTINCT FROM a.handle").fetchall()[0][0]
    ws.close()
    assert ensure_demo(db) is None
