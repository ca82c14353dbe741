"""TikTok Studio importers: yearless dates, shifted follower deltas, zero-filled hours, zips."""

from __future__ import annotations

import csv
import os
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

import kenali
from kenali.i18n import t
from kenali.importers.tiktok_studio import resolve_days
from kenali.ingest import FileResult

from .conftest import FIXTURES

FX = FIXTURES / "importers"
ACCOUNT = "dinaskominfo.dki"


def import_on(ws: kenali.Workspace, tmp_path: Path, source: Path, day: date,
              account: str | None = None, platform: str | None = None) -> FileResult:
    """Import a copy of `source` whose file date is `day` (the reference for yearless dates)."""
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    stamp = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
    os.utime(copy, (stamp, stamp))
    results = ws.import_paths([str(copy)], account=account, platform=platform, progress=False)
    assert len(results) == 1
    return results[0]


def daily(ws: kenali.Workspace, metric: str) -> dict[date, float]:
    """One account_daily metric as {date: value}."""
    rows = ws.con.execute("SELECT date, value FROM account_daily WHERE metric = ? ORDER BY date",
                          [metric]).fetchall()
    return {d: v for d, v in rows}


def one(ws: kenali.Workspace, sql: str, *params: Any) -> Any:
    row = ws.con.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return row[0] if len(row) == 1 else row


# -- yearless dates ---------------------------------------------------------------------------
def test_series_across_new_year_gets_two_years() -> None:
    days = resolve_days(["30 Desember", "31 Desember", "1 Januari", "2 Januari"], date(2026, 1, 4))
    assert days == [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]


def test_series_is_chained_even_when_the_file_date_is_months_later() -> None:
    # A copy made in November: each day still lands in the year just before the day after it.
    days = resolve_days(["December 31", "January 1"], date(2026, 11, 26))
    assert days == [date(2025, 12, 31), date(2026, 1, 1)]


def test_descending_series_and_unsorted_column() -> None:
    assert resolve_days(["2 Januari", "1 Januari", "31 Desember"], date(2026, 1, 5)) == \
        [date(2026, 1, 2), date(2026, 1, 1), date(2025, 12, 31)]
    # Unsorted: each value on its own against the reference.
    assert resolve_days(["5 Juli", "1 Juli", "9 Juli", "2 Juli"], date(2025, 7, 10)) == \
        [date(2025, 7, 5), date(2025, 7, 1), date(2025, 7, 9), date(2025, 7, 2)]


def test_every_language_tiktok_writes() -> None:
    ref = date(2025, 12, 1)
    assert resolve_days(["8 Juli"], ref) == [date(2025, 7, 8)]
    assert resolve_days(["April 12"], ref) == [date(2025, 4, 12)]
    assert resolve_days(["8 de marzo"], ref) == [date(2025, 3, 8)]
    assert resolve_days(["6 Απριλίου"], ref) == [date(2025, 4, 6)]
    assert resolve_days(["18 tháng Sáu"], ref) == [date(2025, 6, 18)]
    assert resolve_days(["4月12日"], ref) == [date(2025, 4, 12)]
    assert resolve_days(["2025-04-12", "undefined"], ref) == [date(2025, 4, 12), None]


def test_impossible_date_is_an_error_value() -> None:
    out = resolve_days(["30 Februari", "1 Maret"], date(2025, 3, 5))
    assert isinstance(out[0], ValueError)
    assert out[1] == date(2025, 3, 1)


# -- fixtures, values checked by hand -----------------------------------------------------------
def test_overview_indonesian_across_new_year(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, FX / "tiktok_overview" / "Overview.csv", date(2026, 1, 10),
                       ACCOUNT, "tiktok")
    assert result.status == "imported" and result.format == "tiktok_overview"
    views = daily(ws, "views")
    assert min(views) == date(2025, 12, 28) and max(views) == date(2026, 1, 7)
    assert views[date(2025, 12, 31)] == 3320
    assert daily(ws, "profile_visits")[date(2025, 12, 31)] == 3320 // 60
    # A negative daily count (TikTok's correction) is kept as written.
    assert daily(ws, "comments")[date(2026, 1, 1)] == -1
    # The unfinished day (undefined) stores nothing at all, not zeros.
    assert one(ws, "SELECT count(*) FROM account_daily WHERE date = DATE '2026-01-08'") == 0
    assert result.warnings == [t("tx.tiktok.undefined_days", days="2026-01-08")]
    assert one(ws, "SELECT handle FROM accounts") == ACCOUNT


def test_overview_spanish(ws: kenali.Workspace, tmp_path: Path) -> None:
    import_on(ws, tmp_path, FX / "tiktok_overview" / "Overview_es.csv", date(2025, 3, 20),
              ACCOUNT, "tiktok")
    assert daily(ws, "views") == {date(2025, 3, 6): 980, date(2025, 3, 7): 1204,
                                  date(2025, 3, 8): 1533, date(2025, 3, 9): 870,
                                  date(2025, 3, 10): 2211}


def test_viewers_english_and_undefined_day(ws: kenali.Workspace, tmp_path: Path) -> None:
    import_on(ws, tmp_path, FX / "tiktok_viewers" / "Viewers.csv", date(2025, 4, 22),
              ACCOUNT, "tiktok")
    assert daily(ws, "reach")[date(2025, 4, 14)] == 5210
    assert daily(ws, "new_viewers")[date(2025, 4, 14)] == int(5210 * 0.62)
    assert daily(ws, "returning_viewers")[date(2025, 4, 14)] == 5210 - int(5210 * 0.62)
    # The undefined day's zeros are not measurements: new/returning are absent too.
    for metric in ("reach", "new_viewers", "returning_viewers"):
        assert date(2025, 4, 19) not in daily(ws, metric)
        assert len(daily(ws, metric)) == 7


def test_follower_history_deltas_recomputed(ws: kenali.Workspace, tmp_path: Path) -> None:
    path = FX / "tiktok_follower_history" / "FollowerHistory.csv"
    import_on(ws, tmp_path, path, date(2025, 6, 25), ACCOUNT, "tiktok")
    followers = daily(ws, "followers")
    assert followers[date(2025, 6, 14)] == 12040 and followers[date(2025, 6, 23)] == 12350
    net = daily(ws, "net_follows")
    assert date(2025, 6, 14) not in net  # no previous day in the file: unknown, not 0
    assert net[date(2025, 6, 15)] == 15 and net[date(2025, 6, 17)] == -3
    # The file's own column holds next - this: our delta of a day is its value on the day before.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        file_diff = [float(r[2]) for r in list(csv.reader(handle))[1:]]
    assert list(net.values()) == file_diff[:-1]
    snapshots = ws.con.execute("SELECT observed_at, followers FROM follower_snapshots "
                               "ORDER BY observed_at").fetchall()
    assert len(snapshots) == 10 and snapshots[0][1] == 12040
    assert snapshots[0][0] == datetime(2025, 6, 14, 16, 59, 59, tzinfo=UTC)  # 23:59:59 WIB


def test_follower_activity_zero_filled_hours_are_missing(ws: kenali.Workspace,
                                                         tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, FX / "tiktok_follower_activity" / "FollowerActivity.csv",
                       date(2025, 8, 19), ACCOUNT, "tiktok")
    rows = ws.con.execute("SELECT date, hour, active_followers FROM follower_activity "
                          "ORDER BY date, hour").fetchall()
    assert len(rows) == 53
    assert rows[0] == (date(2025, 8, 15), 0, 310)
    assert rows[-1] == (date(2025, 8, 17), 4, 140 + 14)
    assert result.warnings == [t("tx.tiktok.zero_hours", day="2025-08-17", n=19)]


def test_gender_and_territories(ws: kenali.Workspace, tmp_path: Path) -> None:
    import_on(ws, tmp_path, FX / "tiktok_follower_gender" / "FollowerGender.csv",
              date(2025, 9, 1), ACCOUNT, "tiktok")
    import_on(ws, tmp_path, FX / "tiktok_follower_territories" / "FollowerTopTerritories.csv",
              date(2025, 9, 1), ACCOUNT, "tiktok")
    rows = dict(((d, b), (v, u, s)) for d, b, v, u, s in ws.con.execute(
        "SELECT dimension, bucket, value, unit, snapshot_date FROM audience "
        "WHERE audience_kind = 'followers'").fetchall())
    assert rows[("gender", "female")] == (0.58, "share", date(2025, 9, 1))
    assert rows[("gender", "other")][0] == 0.01
    assert rows[("territory", "ID")][0] == 0.912
    assert rows[("territory", "other")][0] == 0.04
    assert len(rows) == 9


def test_content_posts_and_lifetime_metrics(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, FX / "tiktok_content" / "Content.csv", date(2026, 1, 12),
                       ACCOUNT, "tiktok")
    assert result.rows_written == 12
    post = one(ws, "SELECT published_at, post_type, permalink, hashtags FROM posts "
                   "WHERE platform_post_id = '7455012345678901234'")
    # Posted 28 Desember, the table taken 10 Januari: the previous year; the hour is unknown.
    assert post[0] == datetime(2025, 12, 27, 17, 0, tzinfo=UTC)
    assert post[1] == "video" and post[3] == ["infojakarta", "banjir"]
    assert one(ws, "SELECT post_type FROM posts WHERE platform_post_id = '7458845678901234567'") \
        == "carousel"
    metrics = one(ws, "SELECT as_of, period, views, likes, comments, shares FROM post_metrics "
                      "WHERE platform_post_id = '7457734567890123456'")
    assert metrics == (date(2026, 1, 10), "lifetime", 55017, 2210, 129, None)
    assert one(ws, "SELECT count(DISTINCT as_of) FROM post_metrics") == 1
    assert one(ws, "SELECT caption FROM posts WHERE platform_post_id = '7457734567890123456'") \
        == 'Tips aman berkendara saat hujan ☔ "pelan-pelan saja" #tipsaman'


def test_content_link_names_the_account(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, FX / "tiktok_content" / "Content.csv", date(2026, 1, 12),
                       "someone_else", "tiktok")
    assert result.warnings == [t("tx.link_account", link=ACCOUNT, given="someone_else")]
    assert one(ws, "SELECT DISTINCT a.handle FROM posts JOIN accounts a USING (account_id)") \
        == ACCOUNT


def test_files_without_account_ask_for_one(ws: kenali.Workspace, tmp_path: Path) -> None:
    result = import_on(ws, tmp_path, FX / "tiktok_overview" / "Overview.csv", date(2026, 1, 10))
    assert result.status == "needs_account"
    assert ws.counts()["account_daily"] == 0


def test_downloaded_zips_open(ws: kenali.Workspace, tmp_path: Path) -> None:
    """Overview_*.zip and Followers_*.zip as TikTok hands them out; the member date is the reference."""
    def member(archive: zipfile.ZipFile, path: Path) -> None:
        info = zipfile.ZipInfo(path.name, date_time=(2026, 1, 9, 8, 30, 0))
        archive.writestr(info, path.read_bytes())

    overview = tmp_path / "Overview_20251228-20260108.zip"
    with zipfile.ZipFile(overview, "w") as archive:
        member(archive, FX / "tiktok_overview" / "Overview.csv")
    followers = tmp_path / "Followers_1736400000.zip"
    with zipfile.ZipFile(followers, "w") as archive:
        for name in ("tiktok_follower_history/FollowerHistory.csv",
                     "tiktok_follower_gender/FollowerGender.csv",
                     "tiktok_follower_territories/FollowerTopTerritories.csv"):
            member(archive, FX / name)
    results = ws.import_paths([str(overview), str(followers)], account=ACCOUNT,
                              platform="tiktok", progress=False)
    assert [r.status for r in results] == ["imported"] * 4
    assert {r.format for r in results} == {"tiktok_overview", "tiktok_follower_history",
                                           "tiktok_follower_gender",
                                           "tiktok_follower_territories"}
    assert all("!" in r.file for r in results)
    assert min(daily(ws, "views")) == date(2025, 12, 28)
    # FollowerHistory's June dates, resolved against a January member date: the year before.
    assert min(daily(ws, "followers")) == date(2025, 6, 14)
    assert one(ws, "SELECT DISTINCT snapshot_date FROM audience") == date(2026, 1, 9)


def test_xlsx_download(ws: kenali.Workspace, tmp_path: Path) -> None:
    """TikTok Studio can also give XLSX: numbers arrive as numbers, dates as text."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Followers", "Difference in followers from previous day"])
    for day, count in (("30 Desember", 5000), ("31 Desember", 5012), ("1 Januari", 5030)):
        sheet.append([day, count, 0])
    source = tmp_path / "download" / "FollowerHistory.xlsx"
    source.parent.mkdir()
    book.save(source)
    result = import_on(ws, tmp_path, source, date(2026, 1, 3), ACCOUNT, "tiktok")
    assert result.format == "tiktok_follower_history"
    assert daily(ws, "net_follows") == {date(2025, 12, 31): 12, date(2026, 1, 1): 18}


def test_zip_entries_with_the_dos_epoch_take_the_zip_date(ws: kenali.Workspace,
                                                         tmp_path: Path) -> None:
    archive_path = tmp_path / "Followers_1736400000.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        info = zipfile.ZipInfo("FollowerHistory.csv", date_time=(1980, 1, 1, 0, 0, 0))
        archive.writestr(info, (FX / "tiktok_follower_history" / "FollowerHistory.csv").read_bytes())
    stamp = datetime(2025, 7, 1, 12, tzinfo=UTC).timestamp()
    os.utime(archive_path, (stamp, stamp))
    result = ws.import_paths([str(archive_path)], account=ACCOUNT, platform="tiktok",
                             progress=False)[0]
    assert result.status == "imported"
    assert min(daily(ws, "followers")) == date(2025, 6, 14)


def test_bad_rows_are_skipped_with_reasons(ws: kenali.Workspace, tmp_path: Path) -> None:
    path = tmp_path / "FollowerActivity.csv"
    lines = ['"Date","Hour","Active followers"', '"1 Juli","0","12"', '"1 Juli","24","10"',
             '"30 Februari","1","9"', '"1 Juli","2","banyak"', '"1 Juli","3","7"']
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode())
    result = ws.import_paths([str(path)], account=ACCOUNT, platform="tiktok", progress=False)[0]
    assert result.status == "imported"
    assert result.rows_skipped == 3
    reasons = {s["line"]: s["reason"] for s in result.skipped_rows}
    assert reasons[3] == t("tx.tiktok.bad_hour")
    assert "not a calendar date" in reasons[4]
    assert "active_followers" in reasons[5]
    assert ws.counts()["follower_activity"] == 2


def test_absurd_follower_count_is_skipped(ws: kenali.Workspace, tmp_path: Path) -> None:
    path = tmp_path / "FollowerHistory.csv"
    path.write_bytes(b"\xef\xbb\xbf" + b'"Date","Followers","Difference in followers from previous day"\n'
                     b'"1 Juli","100","5"\n"2 Juli","1e30","0"\n"3 Juli","105","0"')
    result = ws.import_paths([str(path)], account=ACCOUNT, platform="tiktok", progress=False)[0]
    assert result.status == "imported"
    assert result.skipped_rows[0]["line"] == 3 and "followers" in result.skipped_rows[0]["reason"]
    # No delta across the gap the skipped day leaves.
    assert daily(ws, "net_follows") == {}
    assert len(daily(ws, "followers")) == 2


def test_localised_gender_labels_and_clock_hours(ws: kenali.Workspace, tmp_path: Path) -> None:
    gender = tmp_path / "FollowerGender.csv"
    gender.write_bytes(b"\xef\xbb\xbf" + b'"Gender","Distribution"\n"Perempuan","0.6"\n'
                       b'"Laki-laki","0.39"\n"Lainnya","0.01"')
    activity = tmp_path / "FollowerActivity.csv"
    activity.write_bytes(b"\xef\xbb\xbf" + b'"Date","Hour","Active followers"\n'
                         b'"1 Juli","07:00","120"\n"1 Juli","8","130"')
    results = ws.import_paths([str(gender), str(activity)], account=ACCOUNT, platform="tiktok",
                              progress=False)
    assert [r.format for r in results] == ["tiktok_follower_gender", "tiktok_follower_activity"]
    assert dict(ws.con.execute("SELECT bucket, value FROM audience").fetchall()) == \
        {"female": 0.6, "male": 0.39, "other": 0.01}
    assert [r[0] for r in ws.con.execute("SELECT hour FROM follower_activity ORDER BY hour")
            .fetchall()] == [7, 8]


# -- the real samples in ../shared ---------------------------------------------------------------
@pytest.mark.shared
def test_shared_tiktok_samples(samples: Path, ws: kenali.Workspace, tmp_path: Path) -> None:
    folder = samples / "tiktok_studio"
    # The export was taken in June 2026 (Content's Time column says 6 June).
    results = {p.name: import_on(ws, tmp_path, p, date(2026, 6, 8), "orthodox.korea", "tiktok")
               for p in sorted(folder.glob("*.csv"))}
    assert {n: r.format for n, r in results.items()} == {
        "Content.csv": "tiktok_content", "FollowerActivity.csv": "tiktok_follower_activity",
        "FollowerGender.csv": "tiktok_follower_gender",
        "FollowerHistory.csv": "tiktok_follower_history",
        "FollowerTopTerritories.csv": "tiktok_follower_territories",
        "Overview.csv": "tiktok_overview", "Viewers.csv": "tiktok_viewers"}
    assert all(r.status == "imported" and r.rows_skipped == 0 for r in results.values())
    # Content: the 15 rows, one snapshot day, Greek posting days resolved.
    assert ws.counts()["posts"] == 15 and ws.counts()["post_metrics"] == 15
    assert one(ws, "SELECT DISTINCT as_of FROM post_metrics") == date(2026, 6, 6)
    wedding = one(ws, "SELECT p.published_at, m.views, m.likes, m.comments, m.shares "
                      "FROM posts p JOIN post_metrics m USING (platform, platform_post_id) "
                      "WHERE platform_post_id = '7645620593680813332'")
    assert wedding == (datetime(2026, 5, 29, 17, 0, tzinfo=UTC), 193195, 27459, 497, 2052)
    # Overview: 6 Απριλίου .. 4 Ιουνίου.
    views = daily(ws, "views")
    assert (min(views), max(views), len(views)) == (date(2026, 4, 6), date(2026, 6, 4), 60)
    assert views[date(2026, 4, 11)] == 80477
    # Viewers: the last day is 'undefined': 59 days kept.
    viewers = daily(ws, "reach")
    assert len(viewers) == 59 and date(2026, 6, 5) not in viewers
    assert viewers[date(2026, 4, 12)] == 48226
    # FollowerHistory: 60 counts, 59 recomputed deltas equal to the file's shifted column.
    with (folder / "FollowerHistory.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    net = daily(ws, "net_follows")
    assert len(net) == 59 and len(daily(ws, "followers")) == 60
    assert list(net.values()) == [float(r[2]) for r in rows[:-1]]
    assert net[date(2026, 4, 10)] == 4342 - 3783 == 559
    # FollowerActivity: 7 days x 24 hours, the last day counted up to 02:00 only.
    activity = ws.con.execute("SELECT date, count(*) FROM follower_activity GROUP BY date "
                              "ORDER BY date").fetchall()
    assert activity[0] == (date(2026, 5, 30), 24) and activity[-1] == (date(2026, 6, 5), 3)
    assert ws.counts()["follower_activity"] == 147
    # Audience snapshots.
    audience = dict(((d, b), v) for d, b, v in ws.con.execute(
        "SELECT dimension, bucket, value FROM audience").fetchall())
    assert audience[("gender", "female")] == 0.55 and audience[("gender", "other")] == 0
    assert audience[("territory", "GR")] == 0.313 and audience[("territory", "other")] == 0.353
    assert len(audience) == 3 + 11
