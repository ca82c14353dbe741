"""Spikes, best time, what works, league tables, platform context and the CLI on small stores."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from kenali.cli import main
from kenali.errors import KenaliError
from kenali.performa import (
    Selection,
    best_times,
    league_table,
    platform_context,
    resolve,
    spikes,
    what_works,
)
from kenali.performa.catalogue import RIVAL_IQ_MEDIANS
from kenali.workspace import Workspace

from .test_performa_account import add_account, daily, metrics, post

D = dt.date


def test_spike_rule_median_plus_k_mad_on_log_scale(ws: Workspace) -> None:
    a = add_account(ws, "instagram", "dinas")
    rows = [(D(2024, 1, 1) + dt.timedelta(days=i), "reach", 100.0 + 10 * (i % 2))
            for i in range(28)]
    rows += [(D(2024, 1, 29), "reach", 127.0), (D(2024, 1, 30), "reach", 500.0)]
    rows += [(D(2024, 1, 1) + dt.timedelta(days=i), "follows", 10.0) for i in range(28)]
    rows += [(D(2024, 1, 29), "follows", 20.0), (D(2024, 1, 30), "follows", 25.0)]
    daily(ws.con, a, rows)
    b = add_account(ws, "x", "sepi")
    rows = [(D(2024, 1, 1) + dt.timedelta(days=i), "follows", 0.0) for i in range(28)]
    daily(ws.con, b, [*rows, (D(2024, 1, 29), "follows", 4.0), (D(2024, 1, 30), "follows", 6.0)])
    post(ws.con, a, "viral", "2024-01-29 20:00")
    post(ws.con, a, "old", "2024-01-20 20:00")
    ws.con.execute("INSERT INTO comments (platform, platform_comment_id, account_id, "
                   "platform_post_id, text, created_at, like_count, observed_at, import_id) "
                   "VALUES ('instagram', 'c1', ?, 'viral', 'Mantap\nsekali', "
                   "TIMESTAMPTZ '2024-01-30 03:00:00+00', 4, now(), 1)", [a])
    sel = Selection((a, b), D(2024, 1, 29), D(2024, 1, 30))
    found = {(r["handle"], r["metric"], r["date"]): r for r in spikes(ws.con, sel).to_pylist()}
    # reach on the 29th: window 1st..28th, median z = (ln 101 + ln 111) / 2, threshold ≈ 223
    # follows on the 29th: 20 < 11 × e^0.75 − 1 ≈ 22.3; the quiet account's 4 is < 0 + 5
    assert set(found) == {("dinas", "reach", D(2024, 1, 30)), ("dinas", "follows", D(2024, 1, 30)),
                          ("sepi", "follows", D(2024, 1, 30))}
    reach = found[("dinas", "reach", D(2024, 1, 30))]
    # window 2nd..29th: 13 × 100, 14 × 110, 127 -> median z = ln 111; MAD of z
    # = 0.0472 (14 zeros, then 13 × ln(111/101)), so the floor 0.25 sets the scale
    assert reach["baseline"] == pytest.approx(110)
    assert reach["mad_z"] == pytest.approx(math.log(111 / 101) / 2)
    assert reach["threshold"] == pytest.approx(111 * math.exp(0.75) - 1)
    assert reach["strength"] == pytest.approx((math.log(501) - math.log(111)) / 0.25)
    assert reach["post_ids"] == ["viral"]
    assert reach["comment_count"] == 1
    assert reach["top_comments"][0]["comment_id"] == "c1"
    assert reach["episode_start"] == D(2024, 1, 30) and reach["episode_days"] == 1
    follows = found[("dinas", "follows", D(2024, 1, 30))]
    assert follows["baseline"] == pytest.approx(10)
    assert follows["threshold"] == pytest.approx(11 * math.exp(0.75) - 1)


def test_consecutive_spike_days_form_one_episode(ws: Workspace) -> None:
    a = add_account(ws, "tiktok", "banjir")
    rows = [(D(2024, 1, 1) + dt.timedelta(days=i), "views", 1000.0) for i in range(28)]
    rows += [(D(2024, 1, 29), "views", 9000.0), (D(2024, 1, 30), "views", 8000.0),
             (D(2024, 1, 31), "views", 1000.0), (D(2024, 2, 1), "views", 9500.0)]
    daily(ws.con, a, rows)
    found = spikes(ws.con, Selection((a,), D(2024, 1, 29), D(2024, 2, 1))).to_pylist()
    episodes = sorted((r["date"], r["episode_start"], r["episode_days"]) for r in found)
    assert episodes == [(D(2024, 1, 29), D(2024, 1, 29), 2), (D(2024, 1, 30), D(2024, 1, 29), 2),
                        (D(2024, 2, 1), D(2024, 2, 1), 1)]


def test_spikes_need_two_weeks_of_history(ws: Workspace) -> None:
    a = add_account(ws, "instagram", "baru")
    rows = [(D(2024, 1, 1) + dt.timedelta(days=i), "views", 100.0) for i in range(10)]
    rows.append((D(2024, 1, 11), "views", 10000.0))
    daily(ws.con, a, rows)
    assert spikes(ws.con, Selection((a,), D(2024, 1, 1), D(2024, 1, 11))).num_rows == 0


def test_best_time_from_follower_activity_and_from_posts(ws: Workspace) -> None:
    con = ws.con
    tiktok = add_account(ws, "tiktok", "dinas")
    for day in (D(2024, 1, 1), D(2024, 1, 8)):   # two Mondays
        for hour in range(24):
            active = 300.0 if hour == 19 else 100.0
            if day == D(2024, 1, 8) and hour == 19:
                active = 500.0
            con.execute("INSERT INTO follower_activity VALUES (?, ?, ?, ?, now(), 1)",
                        [tiktok, day, hour, active])
    ig = add_account(ws, "instagram", "dinas")
    for i, (when, likes) in enumerate([("2024-01-02 19:00", 90), ("2024-01-09 19:30", 110),
                                       ("2024-01-16 19:10", 100), ("2024-01-03 08:00", 10),
                                       ("2024-01-10 08:00", 20)]):
        post(con, ig, f"p{i}", when)
        metrics(con, f"p{i}", D(2024, 2, 1), likes=likes)
    sel = Selection((tiktok, ig), D(2024, 1, 1), D(2024, 1, 28))
    rows = best_times(con, sel).to_pylist()
    top_tiktok = [r for r in rows if r["platform"] == "tiktok"][0]
    assert top_tiktok["source"] == "follower_activity"
    assert (top_tiktok["weekday"], top_tiktok["hour"], top_tiktok["value"]) == (1, 19, 1.0)
    other = [r for r in rows if r["platform"] == "tiktok" and r["hour"] == 3][0]
    assert other["value"] == pytest.approx(100 / 400)
    ig_rows = [r for r in rows if r["platform"] == "instagram"]
    assert {r["source"] for r in ig_rows} == {"post_performance"}
    tuesday = [r for r in ig_rows if (r["weekday"], r["hour"]) == (2, 19)][0]
    assert tuesday["n"] == 3 and tuesday["value"] == pytest.approx(100 / 90)   # median 90
    wednesday = [r for r in ig_rows if (r["weekday"], r["hour"]) == (3, 8)][0]
    assert wednesday["n"] == 2 and wednesday["value"] is None    # fewer than 3 posts


def test_what_works_finds_a_clear_effect_and_says_not_enough_data(ws: Workspace) -> None:
    con = ws.con
    a = add_account(ws, "instagram", "dinas")
    for i in range(30):
        is_reel = i % 2 == 0
        post(con, a, f"p{i}", f"2024-01-{i + 1:02d} 10:00", post_type="reel" if is_reel else "image",
             caption="Info banjir, sudah tahu?" if i < 3 else "Info kegiatan",
             is_collab=None)
        metrics(con, f"p{i}", D(2024, 3, 1), reach=(4000 if is_reel else 1000) + 10 * i,
                likes=10)
    sel = Selection((a,), D(2024, 1, 1), D(2024, 1, 31))
    rows = {(r["attribute"], r["level"], r["outcome"]): r
            for r in what_works(con, sel, replicates=100).to_pylist()}
    reel = rows[("format", "reel", "reach")]
    assert reel["status"] == "ok" and reel["posts_with"] == 15 and reel["posts_without"] == 15
    assert 3.0 < reel["ratio"] < 4.5
    assert reel["ratio_low"] <= reel["ratio"] <= reel["ratio_high"]
    assert reel["ratio_low"] > 1.0                      # the interval excludes "no effect"
    image = rows[("format", "image", "reach")]
    assert image["ratio"] == pytest.approx(1 / reel["ratio"])
    question = rows[("question", "yes", "reach")]
    assert question["posts_with"] == 3
    assert question["status"] == "not_enough_data" and question["ratio"] is None
    assert ("collaboration", "yes", "reach") not in rows   # unknown everywhere
    assert not any(k[2] == "follows" for k in rows)        # the outcome is never given


def _league_store(ws: Workspace) -> None:
    con = ws.con
    for handle, followers, likes in [("a", 10000, 100), ("b", 20000, 200), ("c", 5000, 100),
                                     ("kecil", 500, 400), ("sepi", 8000, None)]:
        aid = add_account(ws, "instagram", handle)
        daily(con, aid, [(D(2024, 1, 1), "followers", float(followers))])
        for i in range(4):
            post(con, aid, f"{handle}{i}", f"2024-01-{i + 2:02d} 10:00")
            metrics(con, f"{handle}{i}", D(2024, 2, 1), likes=likes)
    x = add_account(ws, "x", "lain")
    daily(con, x, [(D(2024, 1, 1), "followers", 1.0)])


def test_league_ties_tiny_accounts_and_missing_data(ws: Workspace) -> None:
    _league_store(ws)
    sel = resolve(ws.con, platform="instagram", start=D(2024, 1, 1), end=D(2024, 1, 28))
    rows = {r["label"]: r for r in league_table(ws.con, sel).to_pylist()}
    # ER by followers: a 0.01, b 0.01 (a tie), c 0.02, kecil 0.8 but tiny, sepi unknown
    assert rows["c"]["rank"] == 1
    assert rows["a"]["rank"] == rows["b"]["rank"] == 2
    assert rows["kecil"]["rank"] is None and rows["kecil"]["note"] == "too_small"
    assert rows["sepi"]["rank"] is None and rows["sepi"]["note"] == "no_data"
    assert rows["a"]["score"] == pytest.approx(0.01)
    by_followers = {r["label"]: r["rank"] for r in
                    league_table(ws.con, sel, by="followers_end").to_pylist()}
    assert by_followers["b"] == 1 and by_followers["a"] == 2 and by_followers["sepi"] == 3
    with pytest.raises(KenaliError):
        league_table(ws.con, sel, by="nonsense")
    with pytest.raises(KenaliError):
        league_table(ws.con, resolve(ws.con, start=D(2024, 1, 1), end=D(2024, 1, 28)))


def test_platform_context_against_rival_iq_and_peers(ws: Workspace) -> None:
    _league_store(ws)
    sel = resolve(ws.con, account="a", platform="instagram", start=D(2024, 1, 1),
                  end=D(2024, 1, 28))
    row = platform_context(ws.con, sel).to_pylist()[0]
    assert row["benchmark"] == RIVAL_IQ_MEDIANS["instagram"][0]
    assert row["vs_benchmark"] == pytest.approx(0.01 / 0.0036)
    assert row["benchmark_source"].startswith("https://")
    assert row["peers"] == 3                       # b, c, kecil have an ER; sepi has none
    assert row["peer_median"] == pytest.approx(0.02)
    assert row["peer_percentile"] == pytest.approx(0.0)   # lowest, tied with b


def test_cli_summary_posts_and_json(ws: Workspace, db_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _league_store(ws)
    ws.con.execute("UPDATE posts SET caption = 'Baris satu\nbaris\x1b[31m dua' "
                   "WHERE platform_post_id = 'a0'")
    ws.close()
    args = ["performa", "--db", str(db_path), "--account", "a", "--from", "2024-01-01",
            "--to", "2024-01-28"]
    assert main([*args, "--json", "--posts"]) == 0
    data = json.loads(capsys.readouterr().out)
    metrics_a = data["accounts"][0]["metrics"]
    assert metrics_a["followers_end"]["value"] == 10000
    assert metrics_a["reach"]["value"] is None
    assert metrics_a["posts"]["value"] == 4
    assert {p["platform_post_id"] for p in data["posts"]} == {"a0", "a1", "a2", "a3"}
    assert main([*args, "--posts", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Followers at end" in out and "10,000" in out
    assert "\x1b" not in out and "Baris satu baris" in out
    assert main(["performa", "--db", str(db_path), "--platform", "instagram", "--league",
                 "--from", "2024-01-01", "--to", "2024-01-28"]) == 0
    assert "too_small" in capsys.readouterr().out
    assert main(["performa", "--db", str(db_path), "--account", "tidakada"]) == 2
    assert "tidakada" in capsys.readouterr().err
    assert main(["performa", "--db", str(db_path), "--from", "2024-13-01"]) == 2


def test_date_only_timestamps_give_no_hour(ws: Workspace) -> None:
    a = add_account(ws, "x", "tanpa_jam")
    for i in range(4):
        post(ws.con, a, f"t{i}", f"2024-01-0{i + 1} 00:00")
        metrics(ws.con, f"t{i}", D(2024, 2, 1), likes=10 + i, reach=100 + i)
    sel = Selection((a,), D(2024, 1, 1), D(2024, 1, 28))
    assert best_times(ws.con, sel).num_rows == 0
    rows = what_works(ws.con, sel, replicates=10).to_pylist()
    assert not any(r["attribute"] == "hour" for r in rows)
    assert any(r["attribute"] == "weekday" for r in rows)
