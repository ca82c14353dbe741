"""Place-name matching on the city names found in real samples and in the demo."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kenali.audience.places import PLACE_CLASSES, normalise_place
from kenali.audience.profiles import load_profile

JAKARTA_NAMES = ["Jakarta", "Jakarta Selatan", "South Jakarta", "Kota Administrasi Jakarta Selatan",
                 "Special Capital Region of Jakarta", "Jakarta, Indonesia", "Kepulauan Seribu",
                 "DKI Jakarta", "Jakarta Timur, Jakarta, Indonesia", "East Jakarta",
                 "Kabupaten Administrasi Kepulauan Seribu", "Central Jakarta, Jakarta"]


@pytest.mark.parametrize("name", JAKARTA_NAMES)
def test_jakarta_aliases_are_core(name: str) -> None:
    gaz = load_profile("dki-jakarta").gazetteer
    assert gaz is not None
    match = gaz.match(name)
    assert (match.place_class, match.weight) == ("core", 1.0)


@pytest.mark.parametrize(("name", "place"), [
    ("Bekasi", "Bekasi"), ("Depok", "Depok"), ("Tangerang", "Tangerang"), ("Bogor", "Bogor"),
    ("Kota Bekasi", "Bekasi"), ("Tangerang Selatan", "Tangerang Selatan"),
    ("South Tangerang, Banten, Indonesia", "Tangerang Selatan"),
    ("Depok, West Java, Indonesia", "Depok"), ("Kabupaten Bogor", "Bogor")])
def test_bodetabek_is_a_weighted_ring(name: str, place: str) -> None:
    gaz = load_profile("dki-jakarta").gazetteer
    assert gaz is not None
    match = gaz.match(name)
    assert (match.place_class, match.place, match.weight) == ("ring", place, 0.5)


def test_demo_and_foreign_cities() -> None:
    gaz = load_profile("dki-jakarta").gazetteer
    assert gaz is not None
    assert gaz.match("Surabaya").place_class == "rest_of_country"
    assert gaz.match("Bandung, West Java, Indonesia").place_class == "rest_of_country"
    assert gaz.match("Seoul, South Korea").place_class == "abroad"
    assert gaz.match("New York, NY").place_class == "abroad"
    assert gaz.match("Others").place_class == "unknown"
    assert gaz.match("Atlantis").place_class == "unknown"
    assert gaz.match("ID", "territory").place_class == "rest_of_country"
    assert gaz.match("GR", "territory").place_class == "abroad"
    indo = load_profile("indonesia").gazetteer
    assert indo is not None
    for name in ("Surabaya", "Jakarta Selatan", "Bekasi", "Medan, North Sumatra, Indonesia"):
        assert indo.match(name).place_class == "core", name
    assert indo.match("ID", "territory").place_class == "core"
    assert indo.match("Indonesia", "country").place_class == "core"
    assert indo.match("Seoul, South Korea").place_class == "abroad"


def test_normalise_strips_accents_and_admin_words() -> None:
    assert normalise_place("Thessaloníki, Greece") == "thessaloniki, greece"
    assert normalise_place("Kota Adm. Jakarta Pusat") == "jakarta pusat"
    assert normalise_place("D.I. Yogyakarta") == "yogyakarta"


def _blocks(path: Path) -> dict[str, list[list[str]]]:
    text = path.read_bytes().decode("utf-16")
    out: dict[str, list[list[str]]] = {}
    for block in text.split("\n\n"):
        rows = list(csv.reader(line for line in block.splitlines() if line and line != "sep=,"))
        if rows:
            out[rows[0][0]] = rows[1:]
    return out


def test_meta_sample_cities_are_all_abroad_for_jakarta(samples: Path) -> None:
    blocks = _blocks(samples / "meta_business_suite_instagram" / "Audience.csv")
    cities = [row[0] for row in blocks["Instagram followers by top cities"][1:]]
    assert "Seoul, South Korea" in cities
    gaz = load_profile("dki-jakarta").gazetteer
    assert gaz is not None
    assert {gaz.match(c).place_class for c in cities} == {"abroad"}


def test_tiktok_sample_territories(samples: Path) -> None:
    rows = list(csv.DictReader((samples / "tiktok_studio" / "FollowerTopTerritories.csv")
                               .read_text("utf-8-sig").splitlines()))
    gaz = load_profile("indonesia").gazetteer
    assert gaz is not None
    classes = {r["Top territories"]: gaz.match(r["Top territories"], "territory").place_class
               for r in rows}
    assert classes["GR"] == "abroad" and classes["Others"] == "unknown"
    assert set(classes.values()) == {"abroad", "unknown"}


@given(st.text(max_size=60), st.sampled_from(["city", "country", "territory"]))
def test_any_text_gets_a_place_class(text: str, dimension: str) -> None:
    gaz = load_profile("dki-jakarta").gazetteer
    assert gaz is not None
    match = gaz.match(text, dimension)
    assert match.place_class in PLACE_CLASSES
    assert 0.0 <= match.weight <= 1.0
    assert normalise_place(normalise_place(text)) == normalise_place(text)
