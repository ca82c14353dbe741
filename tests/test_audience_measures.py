"""Relevance measures on constructed audiences with known answers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kenali.audience.analysis import demographics
from kenali.audience.buckets import parse_age, rebucket, split_age_gender
from kenali.audience.measures import (
    demographic_fit,
    gained_share,
    js_divergence,
    relevant_followers,
    representation,
)
from kenali.audience.profiles import load_profile
from kenali.errors import KenaliError

FIX = Path(__file__).parent / "fixtures" / "audience"
IG_AGES = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]


def test_identical_distributions_fit_one_and_disjoint_fit_zero() -> None:
    p = {"a": 0.2, "b": 0.3, "c": 0.5}
    assert demographic_fit(p, p) == pytest.approx(1.0)
    assert demographic_fit({"a": 1.0}, {"b": 1.0}) == pytest.approx(0.0)
    assert js_divergence({"a": 1.0}, {"b": 1.0}) == pytest.approx(1.0)


def test_fit_known_value() -> None:
    # M = (0.75, 0.25): H(M) = 0.8113 bits, H(P) = 0, H(Q) = 1 -> JSD = 0.3113, fit = 1 - sqrt.
    jsd = -(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25)) - 0.5
    assert js_divergence({"x": 1.0, "y": 0.0}, {"x": 0.5, "y": 0.5}) == pytest.approx(jsd)
    assert demographic_fit({"x": 1.0}, {"x": 0.5, "y": 0.5}) == pytest.approx(1 - math.sqrt(jsd))


@given(st.lists(st.floats(0, 10), min_size=3, max_size=3).filter(lambda v: sum(v) > 1e-3),
       st.lists(st.floats(0, 10), min_size=3, max_size=3).filter(lambda v: sum(v) > 1e-3))
def test_fit_is_bounded_and_symmetric(a: list[float], b: list[float]) -> None:
    p, q = dict(zip("xyz", a, strict=True)), dict(zip("xyz", b, strict=True))
    fit = demographic_fit(p, q)
    assert 0.0 <= fit <= 1.0
    assert fit == pytest.approx(demographic_fit(q, p))


def test_representation_index() -> None:
    idx = representation({"18-24": 0.4, "25-34": 0.6}, {"18-24": 0.2, "25-34": 0.8})
    assert idx["18-24"] == pytest.approx(2.0)
    assert idx["25-34"] == pytest.approx(0.75)
    assert representation({"a": 1.0}, {"a": 0.0, "b": 1.0})["a"] is None


def test_rebucket_splits_groups_by_years() -> None:
    out = rebucket({"10-14": 500, "15-19": 500, "75+": 100}, ["13-17", "18-24", "65+"])
    assert out["13-17"] == pytest.approx(200 + 300)
    assert out["18-24"] == pytest.approx(200)
    assert out["65+"] == pytest.approx(100)
    assert parse_age("65+") is not None and parse_age("65+").open  # type: ignore[union-attr]
    assert split_age_gender("18-24|female") == ("18-24", "female")
    assert split_age_gender("F|25-34") == ("25-34", "female")


def test_gained_share_and_headline() -> None:
    # 1,000 followers, 20 % in area -> 1,500 followers, 30 %: the 500 gained are 50 % in area.
    assert gained_share(1000, 0.2, 1500, 0.3) == pytest.approx(0.5)
    assert gained_share(1000, 0.2, 900, 0.3) is None
    assert relevant_followers(10_000, 0.4, 0.75) == pytest.approx(3000)
    assert relevant_followers(10_000, 0.4) == pytest.approx(4000)
    assert relevant_followers(None, 0.4) is None


def test_dki_profile_reproduces_the_bps_table() -> None:
    prof = load_profile("dki-jakarta")
    labels = [f"{a}-{a + 4}" for a in range(0, 75, 5)] + ["75+"]
    joint = prof.joint(labels)
    total = 10_504_100  # sum of the cited table (5,241,200 male + 5,262,900 female)
    assert joint[("20-24", "female")] == pytest.approx(465_700 / total)
    assert sum(joint.values()) == pytest.approx(1.0)
    ages = prof.ages(IG_AGES[1:])
    assert sum(ages.values()) == pytest.approx(1.0)
    assert prof.gazetteer is not None
    assert [p.name for p in prof.gazetteer.subareas][0] == "Jakarta Timur"


def test_indonesia_profile_rests_on_sp2020_figures() -> None:
    prof = load_profile("indonesia")
    assert prof.genders()["male"] == pytest.approx(136_661_899 / 270_203_917)
    # 18-24 takes 6/16 of Gen Z (8-23) and 1/16 of Millennials (24-39), over ages 18+.
    ages = prof.ages(["18-24", "25-34", "35-44", "45-54", "55+"])
    adult = 27.94 * 6 / 16 + 25.87 + 21.88 + 11.56 + 1.87
    assert ages["18-24"] == pytest.approx((27.94 * 6 / 16 + 25.87 / 16) / adult)
    assert any("generation" in n for n in prof.notes)


def _audience_like(prof_id: str, labels: list[str]) -> dict[str, dict[str, float]]:
    joint = load_profile(prof_id).joint(labels)
    return {"age_gender": {f"{a}|{g}": s for (a, g), s in joint.items()}}


def test_audience_identical_to_population_fits_one() -> None:
    prof = load_profile("dki-jakarta")
    demo = demographics(_audience_like("dki-jakarta", IG_AGES[1:]), prof)
    assert demo.basis == "age_gender"
    assert demo.fit == pytest.approx(1.0)
    assert all(r["index"] == pytest.approx(1.0) and r["verdict"] == "about" for r in demo.ages)


def test_audience_disjoint_from_a_young_voter_profile_fits_zero() -> None:
    prof = load_profile(FIX / "pemilih_muda.json")
    demo = demographics({"age_gender": {"18-24|female": 0.0, "18-24|male": 0.0,
                                        "55-64|female": 0.5, "55-64|male": 0.5,
                                        "18-24|other": 0.1}}, prof)
    assert demo.fit == pytest.approx(0.0)
    assert demo.dropped_share == pytest.approx(0.1)


def test_over_and_under_represented_buckets() -> None:
    prof = load_profile("dki-jakarta")
    pop = prof.ages(["18-24", "25-34", "35-44", "45-54", "55+"])
    audience = {"age": {"18-24": 2.1 * pop["18-24"], "55+": 0.2 * pop["55+"]}}
    rest = 1 - sum(audience["age"].values())
    middle = pop["25-34"] + pop["35-44"] + pop["45-54"]
    for age in ("25-34", "35-44", "45-54"):
        audience["age"][age] = rest * pop[age] / middle
    demo = demographics(audience, prof)
    by = {r["bucket"]: r for r in demo.ages}
    assert by["18-24"]["index"] == pytest.approx(2.1)
    assert by["18-24"]["verdict"] == "over"
    assert by["55+"]["index"] == pytest.approx(0.2)
    assert by["55+"]["verdict"] == "under"
    assert by["35-44"]["verdict"] == "about"
    # A bucket of the platform's scheme that is not reported counts as 0 (withheld or empty).
    partial = demographics({"age": {"18-24": 0.5, "25-34": 0.2, "55+": 0.3}}, prof)
    assert [r["bucket"] for r in partial.ages] == ["18-24", "25-34", "35-44", "45-54", "55+"]
    assert [r["reported"] for r in partial.ages] == [True, True, False, False, True]


def test_user_profile_with_shares_and_shipped_places() -> None:
    prof = load_profile(FIX / "guru_jakarta.json")
    assert prof.genders()["female"] == pytest.approx(0.7)
    assert prof.ages(["18-24"])["18-24"] == pytest.approx(1.0)  # only 22-24 of the profile falls here
    assert prof.gazetteer is not None and prof.gazetteer.match("South Jakarta").place == "Jakarta Selatan"


def test_bad_profiles_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kenali-profile/1",\n "name": "x", "age": {"abc": 1}, "sex": {}}')
    with pytest.raises(KenaliError, match="age.abc"):
        load_profile(bad)
    bad.write_text('{"format": "kenali-profile/1", "name": }')
    with pytest.raises(KenaliError, match="line 1"):
        load_profile(bad)
    with pytest.raises(KenaliError, match="dki-jakarta"):
        load_profile(tmp_path / "missing.json")


def test_followers_per_kota_against_population_shares() -> None:
    from kenali.audience.analysis import whereabouts

    where = whereabouts({"city": {"Jakarta Timur": 0.30, "North Jakarta, Jakarta": 0.05,
                                  "Jakarta": 0.10}}, load_profile("dki-jakarta"))
    rows = {r["bucket"]: r for r in where.subareas}
    assert set(rows) == {"Jakarta Timur", "Jakarta Utara"}  # the unnamed "Jakarta" has no kota
    timur, utara = 0.2876 / (0.2876 + 0.1684), 0.1684 / (0.2876 + 0.1684)
    assert rows["Jakarta Timur"]["index"] == pytest.approx((0.30 / 0.35) / timur)
    assert rows["Jakarta Utara"]["index"] == pytest.approx((0.05 / 0.35) / utara)
    assert rows["Jakarta Utara"]["verdict"] == "under"
    assert where.in_area == pytest.approx(0.45)
