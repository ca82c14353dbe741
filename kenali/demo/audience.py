"""A Jakarta-centred audience that drifts month by month, and followers' activity by hour."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .accounts import AccountSpec, rng

AGES = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
# Women, men per age bucket (percent): younger than Jakarta's adult population on purpose.
AGE_GENDER = np.array([[13.0, 11.5], [19.0, 17.0], [10.5, 10.0], [6.0, 5.5], [2.8, 2.6],
                       [0.9, 0.8]])
CITIES = ("Jakarta Timur, Jakarta, Indonesia", "Jakarta Selatan, Jakarta, Indonesia",
          "Jakarta Barat, Jakarta, Indonesia", "Bekasi, Jawa Barat, Indonesia",
          "Jakarta Utara, Jakarta, Indonesia", "Depok, Jawa Barat, Indonesia",
          "Tangerang, Banten, Indonesia", "Jakarta Pusat, Jakarta, Indonesia",
          "Bogor, Jawa Barat, Indonesia", "Tangerang Selatan, Banten, Indonesia",
          "Bandung, Jawa Barat, Indonesia", "Surabaya, Jawa Timur, Indonesia",
          "Medan, Sumatera Utara, Indonesia", "Semarang, Jawa Tengah, Indonesia")
CITY_SHARE = np.array([14.0, 12.5, 11.0, 9.0, 8.0, 6.5, 6.0, 5.0, 5.0, 4.2, 1.8, 1.5, 0.8, 0.7])
COUNTRIES = (("Indonesia", "ID"), ("Malaysia", "MY"), ("Singapore", "SG"), ("Saudi Arabia", "SA"),
             ("Japan", "JP"), ("Australia", "AU"), ("United States", "US"), ("Netherlands", "NL"),
             ("Taiwan", "TW"), ("Hong Kong", "HK"), ("South Korea", "KR"))
COUNTRY_SHARE = np.array([95.6, 0.9, 0.6, 0.45, 0.35, 0.3, 0.28, 0.2, 0.2, 0.15, 0.12])
# Followers online by hour (WIB): commute peaks, lunch, and the evening scroll.
HOURLY = np.array([0.30, 0.18, 0.12, 0.10, 0.16, 0.35, 0.55, 0.70, 0.68, 0.60, 0.58, 0.62,
                   0.72, 0.66, 0.60, 0.62, 0.70, 0.80, 0.86, 0.95, 1.0, 0.97, 0.80, 0.52])


@dataclass
class Snapshot:
    """One month's audience of one account (shares sum to 1 within each dimension)."""

    followers: int
    age_gender: np.ndarray     # (6, 2) women, men
    cities: list[tuple[str, float]]
    countries: list[tuple[str, str, float]]
    other_gender: float


def snapshots(spec: AccountSpec, seed: int, followers: list[int]) -> list[Snapshot]:
    """Monthly snapshots: a slow drift (younger on TikTok, more Bekasi/Depok over the year)."""
    r = rng(seed, spec.key, "audience")
    young = {"tiktok": 1.5, "instagram": 1.1, "x": 0.95, "youtube": 0.9, "facebook": 0.6}[spec.platform]
    tilt = np.array([young ** 1.5, young, 1.0, 1 / young, 1 / young ** 1.3, 1 / young ** 1.5])
    base_ag = AGE_GENDER * tilt[:, None] * np.exp(r.normal(0, 0.08, AGE_GENDER.shape))
    if spec.institution.startswith("Dinas Kesehatan"):
        base_ag[:, 0] *= 1.35  # health content draws more women
    base_city = CITY_SHARE * np.exp(r.normal(0, 0.12, CITY_SHARE.shape))
    out: list[Snapshot] = []
    walk_ag = np.zeros(AGE_GENDER.shape)
    walk_city = np.zeros(CITY_SHARE.shape)
    for month, count in enumerate(followers):
        walk_ag += r.normal(0, 0.015, AGE_GENDER.shape)
        walk_city += r.normal(0, 0.02, CITY_SHARE.shape)
        trend_ag = np.ones(AGE_GENDER.shape)
        trend_ag[0] *= 1 + 0.012 * month * (young > 1)
        trend_city = np.ones(CITY_SHARE.shape)
        trend_city[[3, 5]] *= 1 + 0.01 * month
        ag = base_ag * trend_ag * np.exp(walk_ag)
        other = 0.004 if spec.platform == "tiktok" else 0.0
        ag = ag / ag.sum() * (1 - other)
        city = base_city * trend_city * np.exp(walk_city)
        city_share = city / city.sum() * 0.72  # the top cities hold most, not all, followers
        order = np.argsort(-city_share)[:10]
        cities = [(CITIES[i], float(city_share[i])) for i in order]
        country = COUNTRY_SHARE * np.exp(r.normal(0, 0.05, COUNTRY_SHARE.shape))
        country = country / country.sum() * 0.995
        countries = [(name, code, float(share)) for (name, code), share in zip(COUNTRIES, country, strict=True)]
        out.append(Snapshot(int(count), ag, cities, countries, other))
    return out


def activity(spec: AccountSpec, seed: int, followers: float, day_index: int) -> np.ndarray:
    """Active followers per hour of one day: the daily curve, busier on weekdays' evenings."""
    r = rng(seed, spec.key, "activity", str(day_index))
    weekend = (day_index + 5) % 7 >= 5  # the window starts on a Saturday
    curve = HOURLY.copy()
    if weekend:
        curve = np.roll(curve, 1) * 0.92
        curve[9:14] *= 1.15
    return np.round(followers * 0.22 * curve * np.exp(r.normal(0, 0.05, 24)))
