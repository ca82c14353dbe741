"""Target population profiles: shipped (DKI Jakarta, Indonesia) or user-defined JSON files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KenaliError
from ..i18n import current_locale
from .buckets import GENDERS, parse_age, rebucket
from .places import Gazetteer, Place, Ring, normalise_place

FORMAT = "kenali-profile/1"
SHIPPED = ("dki-jakarta", "indonesia")


@dataclass
class Profile:
    """A population an institution serves: its age × sex make-up and its places."""

    id: str
    names: dict[str, str]
    year: int | None
    sources: list[dict[str, str]]
    notes: list[str]
    age_sex: dict[str, dict[str, float]]         # age group -> {"male": n, "female": n}
    gazetteer: Gazetteer | None
    origin: str

    @property
    def name(self) -> str:
        """The profile's name in the current locale."""
        return self.names.get(current_locale()) or next(iter(self.names.values()))

    def joint(self, age_labels: list[str]) -> dict[tuple[str, str], float]:
        """Shares by (platform age bucket, gender), summing to 1 over the given buckets."""
        cells: dict[tuple[str, str], float] = {}
        for gender in GENDERS:
            counts = rebucket({a: v.get(gender, 0.0) for a, v in self.age_sex.items()}, age_labels)
            for age, n in counts.items():
                cells[(age, gender)] = n
        total = sum(cells.values())
        return {k: (v / total if total else 0.0) for k, v in cells.items()}

    def ages(self, age_labels: list[str]) -> dict[str, float]:
        """Shares by platform age bucket (both sexes)."""
        joint = self.joint(age_labels)
        return {a: sum(joint[(a, g)] for g in GENDERS) for a in age_labels}

    def genders(self) -> dict[str, float]:
        """Shares of female and male in the whole population."""
        totals = {g: sum(v.get(g, 0.0) for v in self.age_sex.values()) for g in GENDERS}
        total = sum(totals.values())
        return {g: (n / total if total else 0.0) for g, n in totals.items()}

    def describe(self) -> dict[str, Any]:
        """Identity and provenance, for reports."""
        return {"id": self.id, "name": self.name, "year": self.year, "sources": self.sources,
                "notes": self.notes, "origin": self.origin}


def _fail(origin: str, reason: str) -> KenaliError:
    return KenaliError("audience.error.profile", path=origin, reason=reason)


def _number(value: Any, origin: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise _fail(origin, f"{where}: expected a number ≥ 0, got {value!r}")
    return float(value)


def _age_sex(data: dict[str, Any], origin: str) -> dict[str, dict[str, float]]:
    """Either joint groups (age, male, female) or independent age and sex marginals."""
    if "age_sex" in data:
        groups = data["age_sex"].get("groups") if isinstance(data["age_sex"], dict) else None
        if not isinstance(groups, list) or not groups:
            raise _fail(origin, "age_sex.groups: expected a non-empty list")
        out: dict[str, dict[str, float]] = {}
        for i, g in enumerate(groups):
            if not isinstance(g, dict) or parse_age(str(g.get("age"))) is None:
                raise _fail(origin, f"age_sex.groups[{i}].age: expected '20-24' or '75+'")
            out[str(g["age"])] = {s: _number(g.get(s), origin, f"age_sex.groups[{i}].{s}")
                                  for s in GENDERS}
        return out
    ages, sexes = data.get("age"), data.get("sex")
    if not isinstance(ages, dict) or not isinstance(sexes, dict) or not ages:
        raise _fail(origin, "needs 'age_sex' groups, or both 'age' and 'sex' shares")
    for label in ages:
        if parse_age(label) is None:
            raise _fail(origin, f"age.{label}: expected '20-24' or '75+'")
    sex_total = sum(_number(sexes.get(s), origin, f"sex.{s}") for s in GENDERS)
    if not sex_total:
        raise _fail(origin, "sex: male and female cannot both be 0")
    # Independent marginals: each age group is split by the overall sex ratio (stated in notes).
    return {a: {s: _number(v, origin, f"age.{a}") * float(sexes[s]) / sex_total for s in GENDERS}
            for a, v in ages.items()}


def _place(raw: Any, origin: str, where: str) -> Place:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise _fail(origin, f"{where}: expected an object with a 'name'")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _fail(origin, f"{where}.aliases: expected a list of names")
    share = raw.get("population_share")
    return Place(raw["name"], tuple(aliases), raw.get("kind"),
                 None if share is None else _number(share, origin, f"{where}.population_share"))


def _gazetteer(raw: Any, origin: str) -> Gazetteer | None:
    if raw is None:
        return None
    if isinstance(raw, str):  # reuse the places of a shipped profile ("places": "dki-jakarta")
        if raw not in SHIPPED:
            raise _fail(origin, f"places: unknown shipped profile {raw!r} ({', '.join(SHIPPED)})")
        return load_profile(raw).gazetteer
    if not isinstance(raw, dict) or "area" not in raw:
        raise _fail(origin, "places: expected an object with an 'area'")
    rings = []
    for i, r in enumerate(raw.get("rings", [])):
        weight = _number(r.get("weight"), origin, f"places.rings[{i}].weight")
        if weight > 1:
            raise _fail(origin, f"places.rings[{i}].weight: must lie between 0 and 1")
        rings.append(Ring(str(r.get("name")), weight, tuple(
            _place(p, origin, f"places.rings[{i}].places[{j}]")
            for j, p in enumerate(r.get("places", [])))))
    scope = raw.get("scope", "region")
    if scope not in ("region", "country"):
        raise _fail(origin, "places.scope: expected 'region' or 'country'")
    return Gazetteer(
        country=str(raw.get("country", "ID")), scope=scope,
        area=_place(raw["area"], origin, "places.area"),
        subareas=tuple(_place(p, origin, f"places.subareas[{i}]")
                       for i, p in enumerate(raw.get("subareas", []))),
        rings=tuple(rings),
        domestic=frozenset(_domestic_names(raw.get("domestic_places", []))))


def _domestic_names(names: list[str]) -> list[str]:
    return [normalise_place(n) for n in names]


def parse_profile(data: Any, origin: str) -> Profile:
    """Validate a profile document and build the Profile."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(origin, f"expected a JSON object with \"format\": \"{FORMAT}\"")
    names = data.get("name")
    if isinstance(names, str):
        names = {"id": names}
    if not isinstance(names, dict) or not names:
        raise _fail(origin, "name: expected a text or {\"id\": ..., \"en\": ...}")
    return Profile(
        id=str(data.get("id") or Path(origin).stem), names={str(k): str(v) for k, v in names.items()},
        year=data.get("year"), sources=list(data.get("sources", [])),
        notes=[str(n) for n in data.get("notes", [])], age_sex=_age_sex(data, origin),
        gazetteer=_gazetteer(data.get("places"), origin), origin=origin)


def load_profile(name_or_path: str | Path) -> Profile:
    """A shipped profile by id ('dki-jakarta', 'indonesia') or a profile JSON file."""
    key = str(name_or_path)
    if key in SHIPPED:
        text = resources.files("kenali").joinpath(f"profiles/{key}.json").read_text("utf-8")
        origin = f"kenali/profiles/{key}.json"
    else:
        path = Path(key).expanduser()
        if not path.is_file():
            raise KenaliError("audience.error.profile_missing", path=key, known=", ".join(SHIPPED))
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(key, str(exc)) from exc
        origin = key
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(origin, f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    return parse_profile(data, origin)
