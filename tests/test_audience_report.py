"""The account summary and `kenali pengikut` on a constructed store with known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kenali.audience import account_summary, load_profile
from kenali.audience.store import accounts, set_target_profile
from kenali.cli import main
from kenali.workspace import Workspace
from tests.test_audience_quality import insert_followers

FIX = Path(__file__).parent / "fixtures" / "audience"
IG_AGES = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]


def _audience(ws: Workspace, account: int, day: str, kind: str, dimension: str,
              shares: dict[str, float]) -> None:
    ws.con.executemany(
        "INSERT INTO audience VALUES (?, ?, ?, ?, ?, ?, 'share', current_timestamp, 0)",
        [[account, day, kind, dimension, b, v] for b, v in shares.items()])


def build(ws: Workspace) -> int:
    """Followers 10,000 -> 12,000; in area 25 % -> 35 %; demographics equal to DKI's population."""
    account = ws.add_account("instagram", "dinas_x")
    population = load_profile("dki-jakarta").joint(IG_AGES)
    cells = {f"{a}|{g}": s for (a, g), s in population.items()}
    for day, n in (("2026-01-01", 10_000), ("2026-02-01", 12_000)):
        ws.con.execute("INSERT INTO follower_snapshots VALUES (?, ?, ?, 0)",
                       [account, f"{day} 09:00:00+07", n])
        _audience(ws, account, day, "followers", "age_gender", cells)
    _audience(ws, account, "2026-01-01", "followers", "city",
              {"Jakarta Selatan": 0.20, "Bekasi": 0.10, "Surabaya": 0.05,
               "Seoul, South Korea": 0.05})
    _audience(ws, account, "2026-02-01", "followers", "city",
              {"South Jakarta, Jakarta, Indonesia": 0.30, "Bekasi": 0.10, "Surabaya": 0.05})
    _audience(ws, account, "2026-02-01", "engaged", "age_gender", cells)
    insert_followers(ws, account)
    for day, follows in (("2026-02-01", 40), ("2026-02-02", 10), ("2026-02-03", 12)):
        ws.con.execute("INSERT INTO account_daily VALUES (?, ?, 'follows', ?, current_timestamp, 0)",
                       [account, day, follows])
    ws.con.execute("INSERT INTO posts (platform, platform_post_id, account_id, published_at, "
                   "post_type, caption, observed_at, import_id) VALUES ('instagram', '17890001', ?,"
                   " '2026-02-01 19:00:00+07', 'reel', 'Info banjir Jakarta Selatan', "
                   "current_timestamp, 0)", [account])
    ws.con.execute("INSERT INTO post_metrics (platform, platform_post_id, period, as_of, reach, "
                   "follows, observed_at, import_id) VALUES ('instagram', '17890001', 'lifetime',"
                   " '2026-02-05', 8000, 36, current_timestamp, 0)")
    return account


def test_summary_known_answers(ws: Workspace) -> None:
    build(ws)
    [account] = accounts(ws.con, "dinas_x")
    s = account_summary(ws.con, account, load_profile("dki-jakarta"))
    rel = s["relevance"]
    assert rel["followers"] == 12_000
    assert rel["in_area"] == pytest.approx(0.30 + 0.5 * 0.10)
    assert rel["in_area_lower_bound"] is True
    assert rel["quality_share"] == pytest.approx(8 / 11)
    assert rel["relevant_followers"] == pytest.approx(12_000 * 0.35 * 8 / 11)
    assert rel["fit"] == pytest.approx(1.0)
    [h] = s["history"]
    assert h["followers_gained"] == 2000
    assert h["in_area_change"] == pytest.approx(0.10)
    assert h["gained_in_area"] == pytest.approx((12_000 * 0.35 - 10_000 * 0.25) / 2000)
    assert h["gained_fit"] == pytest.approx(1.0)
    [e] = s["engaged_vs_followers"]
    assert e["fit_to_followers"] == pytest.approx(1.0)
    f = s["follows"]
    assert f["posts"][0]["follows"] == 36
    assert f["posts"][0]["follows_per_1000_reach"] == pytest.approx(4.5)
    assert f["mean_on_posting_days"] == 40 and f["mean_on_other_days"] == 11
    city = s["latest"]["followers"]["where"]["city"]
    assert city["places"]["Jakarta Selatan"] == pytest.approx(0.30)
    assert city["shares"]["rest_of_country"] == pytest.approx(0.05)


def test_indonesia_profile_and_stored_target(ws: Workspace) -> None:
    account_id = build(ws)
    [account] = accounts(ws.con, "dinas_x")
    s = account_summary(ws.con, account, load_profile("indonesia"))
    # No country block: the in-area share comes from the cities, all of them Indonesian here.
    assert s["relevance"]["in_area"] == pytest.approx(0.45)
    assert 0 < s["relevance"]["fit"] < 1
    set_target_profile(ws.con, account_id, "indonesia")
    path = ws.path
    ws.close()
    main(["pengikut", "--db", str(path), "--json"])


def test_cli_text_in_indonesian_and_english(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    build(ws)
    path = str(ws.path)
    ws.close()
    assert main(["pengikut", "--db", path, "--account", "dinas_x"]) == 0
    out = capsys.readouterr().out
    assert "Perkiraan pengikut relevan: 3.055 = 12.000 pengikut × 35,0% di wilayah layanan" in out
    assert "Kecocokan demografis (usia × jenis kelamin) dengan penduduk DKI Jakarta: 1,00" in out
    assert "36 pengikut baru dari postingan 2026-02-01" in out
    assert main(["--lang", "en", "pengikut", "--db", path, "--profile",
                 str(FIX / "guru_jakarta.json")]) == 0
    out = capsys.readouterr().out
    assert "compared with the Teachers in DKI Jakarta" in out
    assert "their share of the teachers in DKI Jakarta (over-represented)" in out
    assert main(["pengikut", "--db", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["accounts"][0]["relevance"]["relevant_followers"] == pytest.approx(3054.545, 1e-3)
    assert "budi.santoso" not in json.dumps(data)
    assert main(["pengikut", "--db", path, "--account", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_meta_sample_audience(samples: Path, ws: Workspace) -> None:
    ws.import_paths([str(samples / "meta_business_suite_instagram" / "Audience.csv")],
                    account="oknstudio", platform="instagram", progress=False)
    [account] = accounts(ws.con, "oknstudio")
    s = account_summary(ws.con, account, load_profile("dki-jakarta"))
    rel = s["relevance"]
    assert rel["followers"] == 9420
    assert rel["in_area"] == 0.0 and rel["relevant_followers"] == 0.0
    assert rel["fit_basis"] == "age_gender" and 0.5 < rel["fit"] < 1
    where = s["latest"]["followers"]["where"]
    assert where["city"]["shares"]["abroad"] == pytest.approx(0.154)
    assert where["country"]["shares"]["abroad"] == pytest.approx(0.677)


def test_gained_followers_need_enough_growth() -> None:
    from datetime import date

    from kenali.audience.report import _snapshot, history

    prof = load_profile("dki-jakarta")
    city0 = {"city": {"Jakarta Selatan": 0.30}}
    city1 = {"city": {"Jakarta Selatan": 0.31}}
    small = history([_snapshot(date(2026, 1, 1), "followers", city0, prof, (100_000, date.today())),
                     _snapshot(date(2026, 2, 1), "followers", city1, prof, (100_500, date.today()))],
                    prof)
    # ±0.1 pp on 200,500 people is ±200 people: too much for a gain of 500.
    assert small[0]["followers_gained"] == 500
    assert small[0]["gained_in_area"] is None
    assert small[0]["gained_error"] == pytest.approx(200_500 * 0.001 / 500)
    large = history([_snapshot(date(2026, 1, 1), "followers", city0, prof, (100_000, date.today())),
                     _snapshot(date(2026, 2, 1), "followers", city1, prof, (150_000, date.today()))],
                    prof)
    assert large[0]["gained_in_area"] == pytest.approx((150_000 * 0.31 - 30_000) / 50_000)
