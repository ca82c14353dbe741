"""Place-name matching: decide whether an audience city/country bucket is inside a service area."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Where a bucket lies relative to a profile's service area.
CORE, RING, COUNTRY, ABROAD, UNKNOWN = "core", "ring", "rest_of_country", "abroad", "unknown"
PLACE_CLASSES = (CORE, RING, COUNTRY, ABROAD, UNKNOWN)

# Administrative words that name the kind of place rather than the place itself.
_ADMIN_WORDS = re.compile(
    r"\b(daerah khusus ibukota|daerah khusus ibu kota|special capital region of|special region of|"
    r"kota administrasi|kabupaten administrasi|kota adm|kab adm|administrative city of|"
    r"administrative regency of|provinsi|province of|province|kabupaten|kab|kota|city of|city|"
    r"regency|dki|daerah istimewa|d i)\b")

INDONESIA_NAMES = frozenset({"indonesia", "id", "idn", "republik indonesia", "republic of indonesia"})
# The 38 provinces (Indonesian and English names), so "Bekasi, West Java" is known to be domestic.
INDONESIA_REGIONS = frozenset({
    "aceh", "sumatera utara", "north sumatra", "sumatera barat", "west sumatra", "riau",
    "kepulauan riau", "riau islands", "jambi", "sumatera selatan", "south sumatra", "bengkulu",
    "lampung", "bangka belitung", "kepulauan bangka belitung", "bangka belitung islands",
    "jakarta", "jawa barat", "west java", "jawa tengah", "central java", "yogyakarta",
    "jawa timur", "east java", "banten", "bali", "nusa tenggara barat", "west nusa tenggara",
    "nusa tenggara timur", "east nusa tenggara", "kalimantan barat", "west kalimantan",
    "kalimantan tengah", "central kalimantan", "kalimantan selatan", "south kalimantan",
    "kalimantan timur", "east kalimantan", "kalimantan utara", "north kalimantan",
    "sulawesi utara", "north sulawesi", "sulawesi tengah", "central sulawesi",
    "sulawesi selatan", "south sulawesi", "sulawesi tenggara", "southeast sulawesi", "gorontalo",
    "sulawesi barat", "west sulawesi", "maluku", "maluku utara", "north maluku", "papua",
    "papua barat", "west papua", "papua barat daya", "southwest papua", "papua selatan",
    "south papua", "papua tengah", "central papua", "papua pegunungan", "highland papua",
})


def normalise_place(text: str) -> str:
    """Lower-case, strip accents, drop administrative words and punctuation (keeps commas)."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    plain = plain.lower().replace(".", " ")
    parts = []
    for part in plain.split(","):
        part = re.sub(r"[^a-z0-9 ]+", " ", part)
        part = _ADMIN_WORDS.sub(" ", part)
        part = re.sub(r"\s+", " ", part).strip()
        if part:
            parts.append(part)
    return ", ".join(parts)


def components(text: str) -> list[str]:
    """The comma-separated parts of a normalised place name, most specific first."""
    return [p for p in normalise_place(text).split(", ") if p]


@dataclass(frozen=True)
class Place:
    """A named place of a profile with the names platforms use for it."""

    name: str
    aliases: tuple[str, ...]
    kind: str | None = None
    population_share: float | None = None


@dataclass(frozen=True)
class Ring:
    """A commuter ring around the area, counted with a weight between 0 and 1."""

    name: str
    weight: float
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Match:
    """Where a bucket lies, which named place matched, and the weight it counts with."""

    place_class: str
    place: str | None
    weight: float


@dataclass
class Gazetteer:
    """Alias tables of one profile: the area, its sub-areas, and its rings."""

    country: str
    scope: str                                   # "region": a city/province; "country": all of it
    area: Place
    subareas: tuple[Place, ...] = ()
    rings: tuple[Ring, ...] = ()
    domestic: frozenset[str] = frozenset()       # other known places in the country
    _lookup: dict[str, tuple[str, str, float]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        # Most specific first: a sub-area name beats the area name, which beats a ring name.
        for ring in self.rings:
            for place in ring.places:
                self._add(place, RING, ring.weight)
        self._add(self.area, CORE, 1.0)
        for place in self.subareas:
            self._add(place, CORE, 1.0)

    def _add(self, place: Place, place_class: str, weight: float) -> None:
        for alias in (place.name, *place.aliases):
            key = normalise_place(alias)
            if key:
                self._lookup[key] = (place_class, place.name, weight)

    def _domestic(self, comp: str) -> bool:
        return comp in INDONESIA_NAMES or comp in INDONESIA_REGIONS or comp in self.domestic

    def match(self, bucket: str, dimension: str = "city") -> Match:
        """Classify one city, country or territory bucket."""
        comps = components(bucket)
        if not comps or comps[0] in ("others", "other", "lainnya", "unknown"):
            return Match(UNKNOWN, None, 0.0)
        if dimension in ("country", "territory"):
            if comps[0] in INDONESIA_NAMES:
                return Match(CORE, self.area.name, 1.0) if self.scope == "country" \
                    else Match(COUNTRY, None, 0.0)
            return Match(ABROAD, None, 0.0)
        joined = ", ".join(comps)
        foreign = len(comps) >= 2 and not self._domestic(comps[-1]) \
            and joined not in self._lookup and comps[-1] not in self._lookup
        if not foreign:
            for key in (joined, *comps):
                hit = self._lookup.get(key)
                if hit:
                    return Match(hit[0], hit[1], hit[2])
        if foreign:
            return Match(ABROAD, None, 0.0)
        if any(self._domestic(c) for c in comps):
            if self.scope == "country":
                return Match(CORE, self.area.name, 1.0)
            return Match(COUNTRY, None, 0.0)
        return Match(UNKNOWN, None, 0.0)
