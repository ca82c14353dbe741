"""Per-snapshot analysis: demographic fit, representation and location of one audience."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .buckets import GENDERS, normalise_gender, parse_age, scheme_for, split_age_gender
from .measures import (
    Location,
    classify_index,
    demographic_fit,
    gained_share,
    in_country_share,
    locate,
    normalise,
    representation,
)
from .places import CORE
from .profiles import Profile

Dims = dict[str, dict[str, float]]


@dataclass
class Demographics:
    """Fit of one audience snapshot to the target population, and its representation indices."""

    basis: str | None = None                     # age_gender, age or gender
    fit: float | None = None
    cells: dict[str, float] = field(default_factory=dict)       # audience shares per cell
    population: dict[str, float] = field(default_factory=dict)  # population shares per cell
    ages: list[dict[str, Any]] = field(default_factory=list)
    genders: list[dict[str, Any]] = field(default_factory=list)
    dropped_share: float = 0.0                   # 'other'/'unknown' gender, not comparable

    def as_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "fit": self.fit, "ages": self.ages, "genders": self.genders,
                "dropped_share": self.dropped_share,
                "cells": [{"bucket": k, "audience": v, "population": self.population.get(k, 0.0)}
                          for k, v in self.cells.items()]}


def _cells(dims: Dims) -> tuple[str | None, dict[tuple[str, str], float], float]:
    """Comparable cells (age, gender) from the richest dimension present, and the dropped share."""
    dropped = 0.0
    if dims.get("age_gender"):
        cells: dict[tuple[str, str], float] = {}
        for bucket, share in dims["age_gender"].items():
            parts = split_age_gender(bucket)
            if parts and parts[1] in GENDERS:
                cells[parts] = cells.get(parts, 0.0) + share
            else:
                dropped += share
        if cells:
            return "age_gender", cells, dropped
    if dims.get("age"):
        cells = {(b, "*"): s for b, s in dims["age"].items() if parse_age(b)}
        dropped = sum(s for b, s in dims["age"].items() if not parse_age(b))
        if cells:
            return "age", cells, dropped
    if dims.get("gender"):
        cells = {}
        for b, s in dims["gender"].items():
            g = normalise_gender(b)
            if g in GENDERS:
                cells[("*", g)] = cells.get(("*", g), 0.0) + s
            else:
                dropped += s
        if cells:
            return "gender", cells, dropped
    return None, {}, 0.0


def _label(age: str, gender: str) -> str:
    return "|".join(p for p in (age, gender) if p != "*")


def _population_cells(profile: Profile, basis: str, ages: list[str]) -> dict[tuple[str, str], float]:
    if basis == "age_gender":
        return profile.joint(ages)
    if basis == "age":
        return {(a, "*"): s for a, s in profile.ages(ages).items()}
    return {("*", g): s for g, s in profile.genders().items()}


def _index_rows(audience: dict[str, float], population: dict[str, float]) -> list[dict[str, Any]]:
    idx = representation(audience, population)
    a = normalise(audience)
    return [{"bucket": k, "audience": a.get(k, 0.0), "population": population[k],
             "index": idx.get(k), "verdict": classify_index(idx.get(k)),
             "reported": k in audience}
            for k in population]


def demographics(dims: Dims, profile: Profile) -> Demographics:
    """Fit (1 − JS distance) and per-bucket representation of one snapshot against a profile."""
    basis, cells, dropped = _cells(dims)
    if basis is None:
        return Demographics()
    ages = scheme_for(sorted({a for a, _ in cells if a != "*"}))
    pop = _population_cells(profile, basis, ages)
    out = Demographics(basis=basis, dropped_share=dropped)
    out.cells = {_label(*k): v for k, v in normalise(cells).items()}
    out.population = {_label(*k): v for k, v in pop.items()}
    if sum(pop.values()) > 0:
        out.fit = demographic_fit(out.cells, out.population)
    if ages:
        aud_age: dict[str, float] = {}
        for (a, _), s in cells.items():
            aud_age[a] = aud_age.get(a, 0.0) + s
        out.ages = _index_rows(aud_age, profile.ages(ages))
    if basis in ("age_gender", "gender"):
        aud_g: dict[str, float] = {}
        for (_, g), s in cells.items():
            aud_g[g] = aud_g.get(g, 0.0) + s
        out.genders = _index_rows(aud_g, profile.genders())
    return out


@dataclass
class Whereabouts:
    """Where one audience snapshot lives relative to the profile's area."""

    city: Location | None = None
    country: Location | None = None
    in_area: float | None = None                 # weighted (ring counted with its weight)
    basis: str | None = None                     # city, country or territory
    lower_bound: bool = False
    upper_bound: float | None = None             # when only country data: share in the country
    rings: list[dict[str, Any]] = field(default_factory=list)
    subareas: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"in_area": self.in_area, "basis": self.basis, "lower_bound": self.lower_bound,
                "upper_bound": self.upper_bound, "rings": self.rings, "subareas": self.subareas,
                "city": self.city.as_dict() if self.city else None,
                "country": self.country.as_dict() if self.country else None}


def whereabouts(dims: Dims, profile: Profile) -> Whereabouts:
    """In-area share from cities (a top-N list: a lower bound) or countries/territories."""
    gaz = profile.gazetteer
    out = Whereabouts()
    if gaz is None:
        return out
    out.rings = [{"name": r.name, "weight": r.weight} for r in gaz.rings]
    if dims.get("city"):
        out.city = locate(dims["city"], gaz, "city")
    country_dim = "country" if dims.get("country") else "territory" if dims.get("territory") else None
    if country_dim:
        out.country = locate(dims[country_dim], gaz, country_dim)
    if gaz.scope == "country" and out.country:
        out.in_area, out.basis = out.country.shares.get(CORE, 0.0), country_dim
    elif out.city:
        out.in_area, out.basis = out.city.weighted_in_area, "city"
        out.lower_bound = out.city.in_area_is_lower_bound
    elif out.country:
        out.upper_bound, out.basis = in_country_share(out.country), country_dim
    if out.city:
        out.subareas = subarea_rows(out.city, profile)
    return out


def subarea_rows(city: Location, profile: Profile) -> list[dict[str, Any]]:
    """Followers per sub-area (kota administrasi) against its share of the area's population.

    Compared over the sub-areas the platform listed, since a top-city list leaves small ones out.
    """
    gaz = profile.gazetteer
    if gaz is None:
        return []
    population = {p.name: p.population_share for p in gaz.subareas if p.population_share}
    listed = {name: share for name, share in city.places.items() if name in population}
    if not listed:
        return []
    rows = _index_rows(listed, normalise({k: population[k] for k in listed}))
    return sorted(rows, key=lambda r: -r["population"])


def gained_cells(before: dict[str, float], n_before: float, after: dict[str, float],
                 n_after: float) -> dict[str, float] | None:
    """Composition of followers gained between two snapshots, per bucket (net of losses)."""
    if n_after <= n_before:
        return None
    out = {}
    for k in set(before) | set(after):
        share = gained_share(n_before, before.get(k, 0.0), n_after, after.get(k, 0.0))
        out[k] = share or 0.0
    return normalise(out) or None
