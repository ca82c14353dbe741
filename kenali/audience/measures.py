"""The relevance measures on small distributions: fit, representation, in-area share, headline."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from .places import ABROAD, CORE, COUNTRY, PLACE_CLASSES, RING, UNKNOWN, Gazetteer

# Representation indices within this band around 1 are "about their share".
NEUTRAL_BAND = (0.8, 1.25)
K = TypeVar("K", bound=Hashable)


def _aligned(p: Mapping[K, float], q: Mapping[K, float]) -> tuple[np.ndarray, np.ndarray]:
    keys = sorted(set(p) | set(q), key=str)
    a = np.array([max(float(p.get(k, 0.0)), 0.0) for k in keys])
    b = np.array([max(float(q.get(k, 0.0)), 0.0) for k in keys])
    if a.sum() <= 0 or b.sum() <= 0:
        raise ValueError("both distributions need a positive total")
    return a / a.sum(), b / b.sum()


def _entropy_bits(x: np.ndarray) -> float:
    nz = x[x > 0]
    return float(-(nz * np.log2(nz)).sum())


def js_divergence(p: Mapping[K, float], q: Mapping[K, float]) -> float:
    """Jensen–Shannon divergence in bits (0 identical … 1 disjoint); inputs are renormalised."""
    a, b = _aligned(p, q)
    m = (a + b) / 2
    return min(max(_entropy_bits(m) - (_entropy_bits(a) + _entropy_bits(b)) / 2, 0.0), 1.0)


def demographic_fit(audience: Mapping[K, float], population: Mapping[K, float]) -> float:
    """1 − Jensen–Shannon distance (square root of the divergence, base 2): 1 identical, 0 disjoint."""
    return 1.0 - float(np.sqrt(js_divergence(audience, population)))


def normalise(shares: Mapping[K, float]) -> dict[K, float]:
    """Scale non-negative values to sum to 1 (empty if the total is 0)."""
    total = sum(max(v, 0.0) for v in shares.values())
    return {k: max(v, 0.0) / total for k, v in shares.items()} if total > 0 else {}


def representation(audience: Mapping[K, float],
                   population: Mapping[K, float]) -> dict[K, float | None]:
    """Audience share ÷ population share per bucket; None where the population has nobody."""
    a, p = normalise(audience), normalise(population)
    return {k: (a.get(k, 0.0) / p[k] if p.get(k) else None) for k in p}


def classify_index(index: float | None) -> str:
    """'over', 'under' or 'about' for a representation index."""
    if index is None:
        return "unknown"
    if index >= NEUTRAL_BAND[1]:
        return "over"
    return "under" if index <= NEUTRAL_BAND[0] else "about"


@dataclass
class Location:
    """Where an audience lives, from one city or country/territory snapshot."""

    dimension: str
    shares: dict[str, float] = field(default_factory=dict)        # by place class
    places: dict[str, float] = field(default_factory=dict)        # by matched named place
    listed: float = 0.0                                            # share the platform listed
    weighted_in_area: float = 0.0                                  # core + ring × weight
    buckets: list[dict[str, Any]] = field(default_factory=list)

    @property
    def in_area_is_lower_bound(self) -> bool:
        """Top-N city lists leave part of the audience unplaced, so the share is a minimum."""
        return self.dimension == "city" and self.listed < 0.999

    def as_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "shares": self.shares, "places": self.places,
                "listed": self.listed, "in_area_weighted": self.weighted_in_area,
                "in_area_core": self.shares.get(CORE, 0.0), "in_area_ring": self.shares.get(RING, 0.0),
                "lower_bound": self.in_area_is_lower_bound, "buckets": self.buckets}


def locate(shares: Mapping[str, float], gazetteer: Gazetteer, dimension: str) -> Location:
    """Sum bucket shares (of the whole audience) by where each bucket lies."""
    loc = Location(dimension, shares=dict.fromkeys(PLACE_CLASSES, 0.0))
    for bucket, share in sorted(shares.items(), key=lambda kv: -kv[1]):
        match = gazetteer.match(bucket, dimension)
        loc.shares[match.place_class] += share
        if match.place:
            loc.places[match.place] = loc.places.get(match.place, 0.0) + share
        loc.weighted_in_area += share * match.weight
        if bucket.strip().lower() not in ("others", "other", "lainnya"):
            loc.listed += share
        loc.buckets.append({"bucket": bucket, "share": share, "class": match.place_class,
                            "place": match.place, "weight": match.weight})
    if dimension != "city":
        loc.listed = sum(shares.values())
    return loc


def in_country_share(loc: Location) -> float:
    """Share placed in the profile's country (area, ring and elsewhere in it)."""
    return loc.shares.get(CORE, 0.0) + loc.shares.get(RING, 0.0) + loc.shares.get(COUNTRY, 0.0)


def relevant_followers(followers: float | None, in_area: float | None,
                       quality_share: float | None = None) -> float | None:
    """Followers × in-area share (ring-weighted) × quality share (1 when no follower list)."""
    if followers is None or in_area is None:
        return None
    return followers * in_area * (1.0 if quality_share is None else quality_share)


def gained_share(n_before: float, share_before: float, n_after: float,
                 share_after: float) -> float | None:
    """Share with a trait among followers gained between two snapshots (net of losses).

    (n_after·s_after − n_before·s_before) / (n_after − n_before), clipped to [0, 1];
    None when the account did not grow.
    """
    gained = n_after - n_before
    if gained <= 0:
        return None
    return float(min(max((n_after * share_after - n_before * share_before) / gained, 0.0), 1.0))


__all__ = ["ABROAD", "CORE", "COUNTRY", "RING", "UNKNOWN", "Location", "classify_index",
           "demographic_fit", "gained_share", "in_country_share", "js_divergence", "locate",
           "normalise", "relevant_followers", "representation"]
