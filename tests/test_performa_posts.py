"""Post performance: the CrowdTangle overperformance rules on constructed cases, and topics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kenali.performa import Selection, post_table, topic_map
from kenali.workspace import Workspace

from .test_performa_account import add_account, daily, metrics, post

D = dt.date
PERIOD = Selection((1,), D(2024, 3, 1), D(2024, 3, 31))
BASE8 = [10, 20, 30, 40, 50, 60, 70, 80]   # sorted, n = 8: the middle half is 30..60, mean 45


def series(ws: Workspace, account: int, post_type: str, values: list[float | None],
           target: float | None, start: dt.datetime = dt.datetime(2024, 1, 1, 9)) -> str:
    """Posts of one type before March with the given interactions, then one target on 1 March."""
    for i, v in enumerate(values):
        pid = f"{post_type}{i}"
        post(ws.con, account, pid, str(start + dt.timedelta(hours=6 * i)), post_type=post_type)
        metrics(ws.con, pid, D(2024, 4, 1), likes=v)
    target_id = f"{post_type}_target"
    post(ws.con, account, target_id, "2024-03-01 10:00", post_type=post_type)
    metrics(ws.con, target_id, D(2024, 4, 1), likes=target)
    return target_id


def scored(ws: Workspace, sel: Selection = PERIOD) -> dict[str, dict[str, Any]]:
    return {r["platform_post_id"]: r for r in post_table(ws.con, sel).to_pylist()}


@pytest.fixture
def account(ws: Workspace) -> int:
    a = add_account(ws, "facebook", "dinas")
    daily(ws.con, a, [(D(2023, 12, 31), "followers", 5000.0), (D(2024, 3, 1), "followers", 5000.0)])
    return a


def test_above_below_and_zero(ws: Workspace, account: int) -> None:
    series(ws, account, "above", BASE8, 90)
    series(ws, account, "below", BASE8, 15)
    series(ws, account, "zero", BASE8, 0)
    series(ws, account, "equal", BASE8, 45)
    rows = scored(ws)
    assert rows["above_target"]["expected_interactions"] == pytest.approx(45)
    assert rows["above_target"]["baseline_n"] == 8
    assert rows["above_target"]["overperformance"] == pytest.approx(2.0)
    assert rows["below_target"]["overperformance"] == pytest.approx(-3.0)
    assert rows["zero_target"]["overperformance"] == pytest.approx(-90.0)   # −2 × expected
    assert rows["equal_target"]["overperformance"] == pytest.approx(1.0)
    # the share of the 8 baseline posts each target beat
    assert rows["above_target"]["baseline_percentile"] == 1.0
    assert rows["below_target"]["baseline_percentile"] == pytest.approx(1 / 8)
    assert rows["zero_target"]["baseline_percentile"] == 0.0
    assert rows["equal_target"]["baseline_percentile"] == pytest.approx(4 / 8)
    assert rows["above_target"]["baseline_basis"] == "lifetime"
    # ranks within the platform: best first, one rank per post
    ranks = {k: r["rank_platform"] for k, r in rows.items()}
    assert ranks == {"above_target": 1, "equal_target": 2, "below_target": 3, "zero_target": 4}
    assert rows["above_target"]["er_followers"] == pytest.approx(90 / 5000)


def test_short_history_gives_no_score(ws: Workspace, account: int) -> None:
    series(ws, account, "short", [10, 20, 30, 40], 90)   # 4 < the 5 posts required
    series(ws, account, "none", [], 90)
    rows = scored(ws)
    assert rows["short_target"]["baseline_n"] == 4
    assert rows["short_target"]["overperformance"] is None
    assert rows["short_target"]["rank_platform"] is None
    assert rows["short_target"]["baseline_percentile"] is None
    assert rows["none_target"]["baseline_n"] is None
    assert rows["none_target"]["overperformance"] is None


def test_tiny_baseline_uses_the_minimum(ws: Workspace, account: int) -> None:
    series(ws, account, "tiny", [1, 2, 2, 3, 3, 4, 1, 2], 9)   # expected 2.25 < minimum 10
    series(ws, account, "tiny0", [1, 2, 2, 3, 3, 4, 1, 2], 0)
    rows = scored(ws)
    assert rows["tiny_target"]["expected_interactions"] == pytest.approx(2.25)
    assert rows["tiny_target"]["overperformance"] == pytest.approx(0.9)   # 9 ÷ 10
    assert rows["tiny0_target"]["overperformance"] == pytest.approx(0.0)


def test_only_the_previous_hundred_posts_count(ws: Workspace, account: int) -> None:
    # 60 old posts with 1000 interactions, then 100 with 10: only the latter are the baseline
    series(ws, account, "window", [1000] * 60 + [10] * 100, 30)
    row = scored(ws)["window_target"]
    assert row["baseline_n"] == 100
    assert row["expected_interactions"] == pytest.approx(10)
    assert row["overperformance"] == pytest.approx(3.0)


def test_baseline_skips_posts_without_the_metric_and_other_types(ws: Workspace,
                                                                 account: int) -> None:
    series(ws, account, "img", [*BASE8, None, None], 90)
    series(ws, account, "reel", [1000] * 8, 500)
    rows = scored(ws)
    assert rows["img_target"]["baseline_n"] == 8
    assert rows["img_target"]["overperformance"] == pytest.approx(2.0)
    assert rows["reel_target"]["overperformance"] == pytest.approx(-2.0)


def test_null_actual_gives_null_score(ws: Workspace, account: int) -> None:
    series(ws, account, "nul", BASE8, None)
    row = scored(ws)["nul_target"]
    assert row["interactions"] is None and row["overperformance"] is None


def test_comparable_age_when_observations_by_age_exist(ws: Workspace, account: int) -> None:
    # every baseline post was seen at age 1 day (20 interactions) and at 30 days (100)
    for i in range(6):
        pid = f"aged{i}"
        published = dt.datetime(2024, 1, 1, 9) + dt.timedelta(days=i)
        post(ws.con, account, pid, str(published), post_type="aged")
        metrics(ws.con, pid, published.date() + dt.timedelta(days=1), likes=20)
        metrics(ws.con, pid, published.date() + dt.timedelta(days=30), likes=100)
    post(ws.con, account, "young", "2024-03-01 10:00", post_type="aged")
    metrics(ws.con, "young", D(2024, 3, 2), likes=40)          # observed at age 1
    post(ws.con, account, "old", "2024-03-02 10:00", post_type="aged")
    metrics(ws.con, "old", D(2024, 4, 30), likes=300)           # observed at age 59
    post(ws.con, account, "mid", "2024-03-03 10:00", post_type="aged")
    metrics(ws.con, "mid", D(2024, 3, 13), likes=50)            # observed at age 10
    rows = scored(ws)
    assert rows["young"]["baseline_basis"] == "age"
    assert rows["young"]["expected_interactions"] == pytest.approx(20)
    assert rows["young"]["overperformance"] == pytest.approx(2.0)
    # age 59: the 30-day observations lie between half its age and its age
    assert rows["old"]["baseline_basis"] == "age"
    assert rows["old"]["expected_interactions"] == pytest.approx(100)
    assert rows["old"]["overperformance"] == pytest.approx(3.0)
    # age 10: no baseline observation between 5 and 10 days, so lifetime values:
    # [40, 100 × 6, 300] -> drop 2 at each end -> mean of four 100s
    assert rows["mid"]["baseline_basis"] == "lifetime"
    assert rows["mid"]["baseline_n"] == 8
    assert rows["mid"]["expected_interactions"] == pytest.approx(100)
    assert rows["mid"]["overperformance"] == pytest.approx(-2.0)


def test_reach_score_has_its_own_minimum(ws: Workspace, account: int) -> None:
    for i, r in enumerate([10, 20, 30, 40, 50, 60]):
        post(ws.con, account, f"r{i}", f"2024-01-0{i + 1} 09:00", post_type="video")
        metrics(ws.con, f"r{i}", D(2024, 4, 1), reach=r, likes=100)
    post(ws.con, account, "rt", "2024-03-01 10:00", post_type="video")
    metrics(ws.con, "rt", D(2024, 4, 1), reach=50, likes=100)
    row = scored(ws)["rt"]
    assert row["expected_reach"] == pytest.approx(35)   # 6 values: drop 1 each end
    assert row["overperformance_reach"] == pytest.approx(0.5)   # 50 ÷ minimum 100
    assert row["overperformance"] == pytest.approx(1.0)
    assert row["overperformance_views"] is None          # no views anywhere


def test_views_score_for_exports_without_interactions(ws: Workspace, account: int) -> None:
    for i, v in enumerate([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]):
        post(ws.con, account, f"yt{i}", f"2024-01-0{i + 1} 09:00", post_type="video")
        metrics(ws.con, f"yt{i}", D(2024, 4, 1), views=v)
    post(ws.con, account, "yt_target", "2024-03-01 10:00", post_type="video")
    metrics(ws.con, "yt_target", D(2024, 4, 1), views=1500)
    row = scored(ws)["yt_target"]
    assert row["interactions"] is None and row["overperformance"] is None
    assert row["expected_views"] == pytest.approx(4500)
    assert row["overperformance_views"] == pytest.approx(-3.0)


def test_posts_outside_the_period_are_baseline_only(ws: Workspace, account: int) -> None:
    series(ws, account, "above", BASE8, 90)
    assert set(scored(ws)) == {"above_target"}


def test_topic_map_uses_keywords_and_hashtags(ws: Workspace, account: int) -> None:
    series(ws, account, "image", BASE8, 90)
    con = ws.con
    con.execute("UPDATE posts SET caption = 'Waspada BANJIR di Kemang', hashtags = ['infojakarta'] "
                "WHERE platform_post_id = 'image_target'")
    for i, v in enumerate([15, 0, 45]):
        pid = f"extra{i}"
        post(ws.con, account, pid, f"2024-03-0{i + 2} 10:00", post_type="image",
             caption="Genangan air di jalan" if i < 2 else "Pembangunan jalanan baru",
             hashtags=["InfoJakarta"] if i else ["banjirjakarta"])
        metrics(ws.con, pid, D(2024, 4, 1), likes=v)
    rows = {(r["kind"], r["label"]): r for r in topic_map(ws.con, PERIOD, min_posts=2).to_pylist()}
    # banjir: the target (caption), extra0 (genangan) and extra1 (genangan);
    # extra2 says "jalanan", which is not the whole word "jalan"
    assert rows[("topic", "banjir")]["posts"] == 3
    assert rows[("topic", "jalan")]["posts"] == 2
    assert rows[("hashtag", "#infojakarta")]["posts"] == 3
    assert rows[("hashtag", "#banjirjakarta")]["posts"] == 1
    assert rows[("hashtag", "#banjirjakarta")]["median_overperformance"] is None   # < 2 posts
    scores = sorted(r["overperformance"] for r in post_table(ws.con, PERIOD).to_pylist()
                    if r["platform_post_id"] in ("image_target", "extra0", "extra1"))
    assert rows[("topic", "banjir")]["median_overperformance"] == pytest.approx(scores[1])
    # the median ratio (interactions ÷ expected) is that of the middle one of banjir's 3 posts
    assert rows[("topic", "banjir")]["median_ratio"] is not None
    ratios = sorted(r["interactions"] / max(r["expected_interactions"], 10.0)
                    for r in post_table(ws.con, PERIOD).to_pylist()
                    if r["platform_post_id"] in ("image_target", "extra0", "extra1"))
    assert rows[("topic", "banjir")]["median_ratio"] == pytest.approx(ratios[1])
