"""YouTube Studio exports and their real samples; values checked by hand against the files."""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import kenali
from kenali import importers
from kenali.i18n import t
from kenali.importers.base import Context
from kenali.importers.readers import read_document
from kenali.importers.youtube_studio import age_bucket, export_name, parse_studio_date

from .conftest import FIXTURES

YT = FIXTURES / "importers"
EXPORTED = datetime(2024, 3, 7, 9, 0, tzinfo=UTC)  # the fixtures' pretend download time


def _copy(src: Path, folder: Path, name: str | None = None) -> Path:
    """A copy of a fixture with a known modification time (the export's observation time)."""
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / (name or src.name)
    shutil.copyfile(src, dst)
    os.utime(dst, (EXPORTED.timestamp(), EXPORTED.timestamp()))
    return dst


def _one(ws: kenali.Workspace, path: Path, account: str | None = "diskominfotik.dki"):
    results = ws.import_paths([str(path)], account=account,
                              platform="youtube" if account else None, progress=False)
    assert len(results) == 1
    return results[0]


def test_content_table_posts_and_lifetime_metrics(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = _one(ws, _copy(YT / "youtube_studio_content" / "Table data.csv", tmp_path))
    assert result.format == "youtube_studio_content"
    assert result.rows_skipped == 1
    assert result.skipped_rows[0] == {"line": 2, "reason": t("soc.yt.total_video")}
    posts = {r[0]: r[1:] for r in ws.con.execute(
        "SELECT platform_post_id, post_type, published_at, duration_s, permalink FROM posts"
    ).fetchall()}
    # The Total row is not a post; the leading space of '-Kp3mZ9vT1a' is gone.
    assert sorted(posts) == ["-Kp3mZ9vT1a", "Xy7_Qw9eRt2", "aB3cD4eF5gH", "dQw8xYk2Lq0"]
    assert posts["-Kp3mZ9vT1a"][0] == "short"  # '#shorts' in the title (38 s too)
    assert posts["Xy7_Qw9eRt2"][0] == "short"  # 59 s, no tag
    assert posts["dQw8xYk2Lq0"][0] == "video"  # 754 s
    assert posts["-Kp3mZ9vT1a"][3] == "https://www.youtube.com/shorts/-Kp3mZ9vT1a"
    # 'Mar 4, 2024' is a date: midnight in Jakarta.
    assert posts["dQw8xYk2Lq0"][1] == datetime(2024, 3, 3, 17, 0, tzinfo=UTC)
    assert posts["aB3cD4eF5gH"][1] is None  # unlisted: empty publish time
    row = ws.con.execute(
        "SELECT period, as_of, views, reach, likes, comments, shares, follows, watch_time_s, "
        "avg_watch_time_s, completion_rate, saves, interactions FROM post_metrics "
        "WHERE platform_post_id = 'dQw8xYk2Lq0'").fetchone()
    assert row[:8] == ("lifetime", date(2024, 3, 7), 6512, 3890, 402, 51, 33, 37)
    assert row[8] == pytest.approx(291.2311 * 3600)
    assert row[9] == 161  # 0:02:41
    assert row[10] == pytest.approx(0.2135)
    assert row[11] is None and row[12] is None  # not in a Studio export: NULL, never 0
    follows = ws.con.execute("SELECT follows FROM post_metrics "
                             "WHERE platform_post_id = 'aB3cD4eF5gH'").fetchone()[0]
    assert follows == -3  # subscribers lost through this video


def test_content_table_indonesian_headers(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = _one(ws, _copy(YT / "youtube_studio_content" / "Table data (UI Indonesia).csv", tmp_path))
    assert result.format == "youtube_studio_content"
    published, views, watch, reach = ws.con.execute(
        "SELECT p.published_at, m.views, m.watch_time_s, m.reach FROM posts p "
        "JOIN post_metrics m USING (platform, platform_post_id) "
        "WHERE platform_post_id = 'Zk81LmQpR4s'").fetchone()
    assert published == datetime(2024, 3, 3, 17, 0, tzinfo=UTC)  # '4 Mar 2024'
    assert views == 1800 and watch == pytest.approx(44.9 * 3600)
    assert reach is None  # no 'Penonton unik' column
    # '19 Agu 2024': an Indonesian month abbreviation.
    assert ws.con.execute("SELECT published_at FROM posts WHERE platform_post_id = '-9wQe3RtYu1'"
                          ).fetchone()[0] == datetime(2024, 8, 18, 17, 0, tzinfo=UTC)


def test_daily_files(ws: kenali.Workspace, tmp_path: Path) -> None:
    folder = YT / "youtube_studio_daily"
    for name in ("Totals.csv", "Subscribers.csv", "Table data.csv"):
        assert _one(ws, _copy(folder / name, tmp_path)).format == "youtube_studio_daily"

    def value(day: str, metric: str) -> float:
        return ws.con.execute("SELECT value FROM account_daily WHERE date = ? AND metric = ?",
                              [day, metric]).fetchone()[0]

    assert value("2024-03-04", "views") == 5120
    assert value("2024-03-02", "net_follows") == -1
    assert value("2024-03-03", "net_follows") == 0  # a real zero stays zero
    assert value("2024-03-01", "watch_time_s") == pytest.approx(5.1023 * 3600)
    assert value("2024-03-04", "avg_watch_time_s") == 64
    # The Table data 'Total' row is not a day.
    assert ws.con.execute("SELECT count(DISTINCT date) FROM account_daily").fetchone()[0] == 4


def test_audience_tables(ws: kenali.Workspace, tmp_path: Path) -> None:
    for folder in ("youtube_studio_geography", "youtube_studio_age", "youtube_studio_gender"):
        _one(ws, _copy(YT / folder / "Table data.csv", tmp_path / folder))
    rows = {(r[0], r[1]): (r[2], r[3], r[4], r[5]) for r in ws.con.execute(
        "SELECT dimension, bucket, value, unit, audience_kind, snapshot_date FROM audience"
    ).fetchall()}
    assert rows[("country", "ID")] == (15480, "count", "viewers", date(2024, 3, 7))
    assert rows[("country", "NA")][0] == 12  # Namibia, not a NULL token
    assert rows[("country", "TL")][0] == 0
    assert rows[("age", "25-34")][:2] == (pytest.approx(0.389), "share")
    assert rows[("age", "65+")][0] == pytest.approx(0.007)
    assert rows[("gender", "female")][0] == pytest.approx(0.468)
    assert rows[("gender", "other")][0] == pytest.approx(0.003)
    assert not any(bucket.lower() == "total" for _, bucket in rows)


def test_chart_data(ws: kenali.Workspace, tmp_path: Path) -> None:
    _one(ws, _copy(YT / "youtube_studio_geography_daily" / "Chart data.csv", tmp_path / "g"))
    _one(ws, _copy(YT / "youtube_studio_content_daily" / "Chart data.csv", tmp_path / "c"))
    assert ws.con.execute("SELECT value FROM audience WHERE dimension = 'country_daily' "
                          "AND bucket = 'NA' AND snapshot_date = '2024-03-04'").fetchone()[0] == 12
    days = ws.con.execute("SELECT platform_post_id, as_of, views FROM post_metrics "
                          "WHERE period = 'day' ORDER BY 1, 2").fetchall()
    assert days == [("-Kp3mZ9vT1a", date(2024, 3, 4), 88),
                    ("dQw8xYk2Lq0", date(2024, 3, 4), 3120),
                    ("dQw8xYk2Lq0", date(2024, 3, 5), 2011)]


def test_channel_from_the_zip_name(ws: kenali.Workspace, tmp_path: Path) -> None:
    archive = tmp_path / "Content 2024-01-01_2024-03-31 Diskominfotik DKI.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(YT / "youtube_studio_content" / "Table data.csv", "Table data.csv")
    result = _one(ws, archive, account=None)
    assert result.status == "imported", result.as_dict()
    assert ws.con.execute("SELECT handle, display_name FROM accounts").fetchall() == [
        ("diskominfotikdki", "Diskominfotik DKI")]
    # Totals are as of the range's end, not the download day.
    assert ws.con.execute("SELECT DISTINCT as_of FROM post_metrics").fetchall() == [
        (date(2024, 3, 31),)]


def test_without_channel_the_account_is_asked(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = _one(ws, _copy(YT / "youtube_studio_content" / "Table data.csv", tmp_path), account=None)
    assert result.status == "needs_account"
    assert ws.counts()["posts"] == 0 and ws.counts()["imports"] == 0


def test_export_name_and_small_parsers() -> None:
    name = export_name("/home/u/Unduhan/Geography 2020-12-31_2021-12-30 The Coding Train.zip"
                       "!Table data.csv")
    assert name is not None
    assert (name.dimension, name.start, name.end, name.channel) == (
        "Geography", date(2020, 12, 31), date(2021, 12, 30), "The Coding Train")
    assert export_name("Table data.csv") is None
    ctx = Context("x.csv", EXPORTED, EXPORTED.date())
    assert parse_studio_date("Feb 19, 2023", ctx) == date(2023, 2, 19)
    assert parse_studio_date("19 Des 2023", ctx) == date(2023, 12, 19)
    assert parse_studio_date("2021-01-01", ctx) == date(2021, 1, 1)
    with pytest.raises(ValueError):
        parse_studio_date("19 Foo 2023", ctx)
    assert [age_bucket(v) for v in ("age13-17", "18–24 years", "65+ years", "age65-")] == [
        "13-17", "18-24", "65+", "65+"]


def test_a_table_with_foreign_columns_is_not_studio() -> None:
    doc = read_document("x.csv", b"Date,Views,Retweets\n2024-03-01,4,1\n")
    fmt, _ = importers.detect(doc)
    assert fmt is None or not fmt.key.startswith("youtube_studio")
    # Studio's own extra columns (revenue in rupiah, a new metric on a video table) are fine.
    daily = read_document("Table data.csv", b"Date,Views,Estimated revenue (IDR)\n2024-03-01,4,120\n")
    assert importers.detect(daily)[0].key == "youtube_studio_daily"  # type: ignore[union-attr]
    videos = read_document("Table data.csv", b"Content,Video title,Views,Some new metric\n"
                                             b"Total,,4,1\nabcdefghijk,Judul,4,1\n")
    assert importers.detect(videos)[0].key == "youtube_studio_content"  # type: ignore[union-attr]


# -- the real samples in ../shared ---------------------------------------------------------

def test_sample_content_export(ws: kenali.Workspace, samples: Path) -> None:
    path = samples / "youtube_studio" / "content_esports7_id" / "Table data.csv"
    result = _one(ws, path, account="esports7")
    assert (result.format, result.rows_read, result.rows_skipped) == ("youtube_studio_content", 155, 1)
    assert ws.counts()["posts"] == 154 and ws.counts()["post_metrics"] == 154
    ids = [r[0] for r in ws.con.execute("SELECT platform_post_id FROM posts").fetchall()]
    assert "Total" not in ids
    assert sorted(i for i in ids if i.startswith("-")) == ["-AJIm0_vluI", "-YWjv85xaVI",
                                                          "-uz2Yolt2V4"]
    assert not any(i != i.strip() for i in ids)
    published, title = ws.con.execute("SELECT published_at, title FROM posts "
                                      "WHERE platform_post_id = '3lvVJ2tRNWI'").fetchone()
    assert published == datetime(2023, 2, 18, 17, 0, tzinfo=UTC)  # 'Feb 19, 2023' in WIB
    assert title == "[LIVE] ESPORT7 MEDIA TOURNAMENT - GRAND FINAL"
    views, avg, watch = ws.con.execute(
        "SELECT views, avg_watch_time_s, watch_time_s FROM post_metrics "
        "WHERE platform_post_id = '3lvVJ2tRNWI'").fetchone()
    assert (views, avg) == (8094, 259) and watch == pytest.approx(582.6903 * 3600)
    # Three videos (unlisted/private) have no publish time.
    assert ws.con.execute("SELECT count(*) FROM posts WHERE published_at IS NULL").fetchone()[0] == 3
    # The videos' views add up to 92,015, a little under the Total row's 92,069: the export
    # holds the rows Studio had loaded, the Total counts every video.
    assert ws.con.execute("SELECT sum(views) FROM post_metrics").fetchone()[0] == 92015


def test_sample_geography_export(ws: kenali.Workspace, samples: Path) -> None:
    folder = samples / "youtube_studio" / "geography_codingtrain"
    results = ws.import_paths([str(folder)], account="thecodingtrain", platform="youtube",
                              progress=False)
    formats = {Path(r.file).name: (r.format, r.status) for r in results}
    assert formats == {"Chart data.csv": ("youtube_studio_geography_daily", "imported"),
                       "Table data.csv": ("youtube_studio_geography", "imported"),
                       "Totals.csv": ("youtube_studio_daily", "imported")}
    countries, views = ws.con.execute("SELECT count(*), sum(value) FROM audience "
                                      "WHERE dimension = 'country'").fetchone()
    assert countries == 201  # every code, Namibia ('NA') included; the Total row is not one
    assert views == 14_344_009  # less than the Total (15,503,810): some views have no country
    assert ws.con.execute("SELECT value FROM audience WHERE dimension = 'country' "
                          "AND bucket = 'NA'").fetchone()[0] == 586
    assert ws.con.execute("SELECT count(*) FROM audience WHERE dimension = 'country_daily'"
                          ).fetchone()[0] == 73_365
    days, total = ws.con.execute("SELECT count(*), sum(value) FROM account_daily "
                                 "WHERE metric = 'views'").fetchone()
    assert (days, total) == (365, 15_503_810)  # the daily totals add up to the Total row
