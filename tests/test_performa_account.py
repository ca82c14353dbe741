"""Account metrics of `kenali.performa` against values computed by hand from a small store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest

from kenali.performa import Selection, account_summary, summary_wide
from kenali.performa.catalogue import ACCOUNT_METRICS
from kenali.workspace import Workspace

D = dt.date


# -- helpers shared by the performa tests: rows go straight into a fresh store -----------------
def add_account(ws: Workspace, platform: str, handle: str, institution: str | None = None) -> int:
    return ws.add_account(platform, handle, institution=institution)


def daily(con: duckdb.DuckDBPyConnection, account_id: int,
          rows: list[tuple[dt.date, str, float | None]]) -> None:
    con.executemany("INSERT INTO account_daily VALUES (?, ?, ?, ?, now(), 1)",
                    [[account_id, d, m, v] for d, m, v in rows])


def snapshot(con: duckdb.DuckDBPyConnection, account_id: int, local: str, followers: int) -> None:
    con.execute("INSERT INTO follower_snapshots VALUES "
                "(?, timezone('Asia/Jakarta', CAST(? AS TIMESTAMP)), ?, 1)",
                [account_id, local, followers])


def post(con: duckdb.DuckDBPyConnection, account_id: int, post_id: str, local: str,
         post_type: str | None = "image", caption: str | None = None,
         hashtags: list[str] | None = None, is_collab: bool | None = None) -> None:
    platform = con.execute("SELECT platform FROM accounts WHERE account_id = ?",
                           [account_id]).fetchone()[0]  # type: ignore[index]
    con.execute("INSERT INTO posts (platform, platform_post_id, account_id, published_at, "
                "post_type, caption, hashtags, is_collab, observed_at, import_id) VALUES "
                "(?, ?, ?, timezone('Asia/Jakarta', CAST(? AS TIMESTAMP)), ?, ?, ?, ?, now(), 1)",
                [platform, post_id, account_id, local, post_type, caption, hashtags, is_collab])


def metrics(con: duckdb.DuckDBPyConnection, post_id: str, as_of: dt.date,
            period: str = "lifetime", **values: float | None) -> None:
    platform = con.execute("SELECT platform FROM posts WHERE platform_post_id = ?",
                           [post_id]).fetchone()[0]  # type: ignore[index]
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    con.execute(f"INSERT INTO post_metrics (platform, platform_post_id, period, as_of, {cols}, "
                f"observed_at, import_id) VALUES (?, ?, ?, ?, {marks}, now(), 1)",
                [platform, post_id, period, as_of, *values.values()])


def by_metric(table: Any, label: str | None = None) -> dict[str, dict[str, Any]]:
    return {r["metric"]: r for r in table.to_pylist() if label is None or r["label"] == label}


# -- the fixture: one Instagram account over two weeks -------------------------------------------
@pytest.fixture
def store(ws: Workspace) -> Workspace:
    con = ws.con
    a = add_account(ws, "instagram", "dinas_a", institution="Dinas A")
    rows: list[tuple[dt.date, str, float | None]] = []
    for d in range(1, 15):
        day = D(2024, 1, d)
        rows.append((day, "followers", 1000 + 10 * (d - 1)))
        rows.append((day, "follows", float(d)))
        if d >= 8:
            rows += [(day, "unfollows", 2.0), (day, "reach", 500.0), (day, "profile_visits", None)]
    daily(con, a, rows)
    post(con, a, "p0", "2024-01-03 09:00")
    metrics(con, "p0", D(2024, 1, 20), likes=10)
    post(con, a, "p1", "2024-01-09 10:00")
    metrics(con, "p1", D(2024, 1, 10), likes=1, reach=5)  # an older observation, superseded
    metrics(con, "p1", D(2024, 1, 20), likes=50, comments=10, shares=5, saves=5, reach=1000,
            reach_followers=600, reach_non_followers=400, views=2000)
    post(con, a, "p2", "2024-01-10 23:30")  # 16:30 UTC: still the 10th in Jakarta
    metrics(con, "p2", D(2024, 1, 20), likes=20, reach=400)
    post(con, a, "p3", "2024-01-12 07:00")
    metrics(con, "p3", D(2024, 1, 20), interactions=30)
    return ws


WEEK2 = Selection((1,), D(2024, 1, 8), D(2024, 1, 14))


def test_account_metrics_match_hand_computation(store: Workspace) -> None:
    m = by_metric(account_summary(store.con, WEEK2))
    value = {k: v["value"] for k, v in m.items()}
    previous = {k: v["previous"] for k, v in m.items()}
    assert value["followers_start"] == 1070 and value["followers_end"] == 1130
    assert previous["followers_start"] == 1000 and previous["followers_end"] == 1060
    assert value["net_growth"] == 60
    assert value["growth_pct"] == pytest.approx(60 / 1070)
    assert value["follows"] == sum(range(8, 15)) == 77
    assert previous["follows"] == 28
    assert value["unfollows"] == 14
    assert value["net_follows"] == 63
    assert value["reach"] == 3500
    assert value["posts"] == 3 and previous["posts"] == 1
    assert value["posts_per_week"] == 3.0
    assert value["days"] == 7
    assert value["interactions"] == 70 + 20 + 30
    # per-post ER by followers: 70/1080, 20/1090, 30/1110 -> the median is 30/1110
    assert value["er_followers"] == pytest.approx(30 / 1110)
    assert previous["er_followers"] == pytest.approx(10 / 1020)
    assert value["er_reach"] == pytest.approx((70 / 1000 + 20 / 400) / 2)
    assert value["er_views"] == pytest.approx(70 / 2000)
    assert value["non_follower_share"] == pytest.approx(0.4)
    assert value["post_reach_per_follower"] == pytest.approx((1000 / 1080 + 400 / 1090) / 2)
    assert value["reach_per_follower"] == pytest.approx(3500 / 1130)
    assert value["follows_per_1000_reached"] == pytest.approx(1000 * 77 / 3500)
    assert m["posts"]["change"] == 2 and m["posts"]["change_pct"] == 2.0
    assert m["follows"]["change_pct"] == pytest.approx((77 - 28) / 28)


def test_missing_inputs_stay_null(store: Workspace) -> None:
    m = by_metric(account_summary(store.con, WEEK2))
    assert m["views"]["value"] is None                  # no daily views at all
    assert m["profile_visits"]["value"] is None         # rows exist, every value NULL
    assert m["link_clicks"]["value"] is None
    assert m["unfollows"]["previous"] is None           # no unfollow rows in week 1
    assert m["net_follows"]["previous"] is None         # a NULL input makes the result NULL
    assert m["reach"]["previous"] is None
    assert m["reach_per_follower"]["previous"] is None
    assert m["follows_per_1000_reached"]["previous"] is None
    assert m["reach"]["change"] is None and m["reach"]["change_pct"] is None
    assert m["non_follower_share"]["previous"] is None  # p0 has no follower split
    assert m["er_reach"]["previous"] is None


def test_a_period_before_any_data_is_null_not_zero(store: Workspace) -> None:
    early = Selection((1,), D(2023, 10, 1), D(2023, 10, 7))   # 86 days before the first count
    m = by_metric(account_summary(store.con, early))
    assert m["followers_start"]["value"] is None and m["growth_pct"]["value"] is None
    assert m["posts"]["value"] == 0      # posts exist in the store, none in this week
    assert m["er_followers"]["value"] is None


def test_account_without_posts_has_null_post_count(ws: Workspace) -> None:
    a = add_account(ws, "tiktok", "kosong")
    daily(ws.con, a, [(D(2024, 1, 1), "followers", 0.0), (D(2024, 1, 2), "followers", 5.0)])
    m = by_metric(account_summary(ws.con, Selection((a,), D(2024, 1, 1), D(2024, 1, 2))))
    assert m["posts"]["value"] is None and m["posts_per_week"]["value"] is None
    assert m["growth_pct"]["value"] is None   # zero followers at start: growth % undefined
    assert m["net_growth"]["value"] == 5
    assert m["net_follows"]["value"] is None   # neither follows nor a reported net change


def test_followers_from_snapshots_and_daily_only_post_metrics(ws: Workspace) -> None:
    con = ws.con
    b = add_account(ws, "tiktok", "dinas_b")
    snapshot(con, b, "2024-01-07 23:00", 500)   # 16:00 UTC on the 7th
    snapshot(con, b, "2024-01-08 00:30", 505)   # 17:30 UTC on the 7th, but the 8th in Jakarta
    snapshot(con, b, "2024-01-14 12:00", 550)
    daily(con, b, [(D(2024, 1, 9), "net_follows", 20.0), (D(2024, 1, 10), "net_follows", -5.0)])
    post(con, b, "v1", "2024-01-09 12:00", post_type="video")
    metrics(con, "v1", D(2024, 1, 9), period="day", likes=5, views=100)
    metrics(con, "v1", D(2024, 1, 10), period="day", likes=7, views=50)
    sel = Selection((b,), D(2024, 1, 8), D(2024, 1, 14))
    m = by_metric(account_summary(con, sel))
    assert m["followers_start"]["value"] == 505 and m["followers_end"]["value"] == 550
    # the 1st has no count; the nearest (the 7th) is within 31 days
    assert m["followers_start"]["previous"] == 500
    assert m["interactions"]["value"] == 12
    assert m["net_follows"]["value"] == 15          # no follows/unfollows: the reported net change
    assert m["er_views"]["value"] == pytest.approx(12 / 150)
    # the 9th lies between the counts of the 8th and the 14th: 505 + 45 × 1/6
    assert m["er_followers"]["value"] == pytest.approx(12 / (505 + 45 / 6))


def test_institution_pools_its_accounts(store: Workspace) -> None:
    con = store.con
    b = add_account(store, "instagram", "dinas_a_kedua", institution="Dinas A")
    daily(con, b, [(D(2024, 1, 9), "reach", 100.0), (D(2024, 3, 1), "followers", 10.0)])
    c = add_account(store, "instagram", "dinas_c", institution="Dinas C")
    daily(con, c, [(D(2024, 1, 8), "followers", 200.0), (D(2024, 1, 14), "followers", 260.0)])
    sel = Selection((1, b, c), D(2024, 1, 8), D(2024, 1, 14))
    rows = {r["label"]: r for r in summary_wide(con, sel, group="institution").to_pylist()
            if r["period"] == "current"}
    assert set(rows) == {"Dinas A", "Dinas C"}
    assert rows["Dinas A"]["account_ids"] == [1, b]
    assert rows["Dinas A"]["reach"] == 3600
    assert rows["Dinas A"]["posts"] == 3
    # b has no follower count within 31 days of the period: the pooled count is unknown
    assert rows["Dinas A"]["followers_start"] is None
    assert rows["Dinas C"]["net_growth"] == 60


def test_follower_count_interpolates_between_observations(ws: Workspace) -> None:
    a = add_account(ws, "facebook", "bulanan")
    daily(ws.con, a, [(D(2024, 1, 1), "followers", 1000.0), (D(2024, 1, 31), "followers", 1300.0)])
    row = [r for r in summary_wide(ws.con, Selection((a,), D(2024, 1, 11), D(2024, 1, 21)))
           .to_pylist() if r["period"] == "current"][0]
    assert row["followers_start"] == pytest.approx(1100)
    assert row["followers_end"] == pytest.approx(1200)
    assert row["growth_pct"] == pytest.approx(100 / 1100)


def test_every_account_metric_is_reported_in_catalogue_order(store: Workspace) -> None:
    table = account_summary(store.con, WEEK2)
    assert table.column("metric").to_pylist() == [m.key for m in ACCOUNT_METRICS]
