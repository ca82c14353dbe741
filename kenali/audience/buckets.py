"""Age and gender bucket labels: parsing, platform schemes, and re-bucketing population groups."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Open-ended groups ("75+") are assumed to end here when they must be split across buckets.
OPEN_END = 90
GENDERS = ("female", "male")

_GENDER_ALIASES = {
    "female": "female", "f": "female", "women": "female", "woman": "female", "wanita": "female",
    "perempuan": "female", "p": "female", "w": "female",
    "male": "male", "m": "male", "men": "male", "man": "male", "pria": "male", "laki-laki": "male",
    "laki laki": "male", "l": "male",
    "other": "other", "others": "other", "lainnya": "other", "u": "unknown", "unknown": "unknown",
    "undisclosed": "unknown", "tidak diketahui": "unknown",
}
_AGE = re.compile(r"^\s*(\d{1,3})\s*(?:-|–|—|to|s\.?d\.?)\s*(\d{1,3})\s*$|^\s*(\d{1,3})\s*\+\s*$")


# Age buckets of the platforms (Instagram/Facebook, then TikTok), youngest first.
SCHEMES = (("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"),
           ("18-24", "25-34", "35-44", "45-54", "55+"))


@dataclass(frozen=True)
class AgeRange:
    """Whole years [low, high] inclusive; open-ended groups have open=True."""

    low: int
    high: int
    open: bool = False

    @property
    def years(self) -> int:
        return self.high - self.low + 1


def parse_age(label: str) -> AgeRange | None:
    """'18-24' -> 18..24, '65+' -> 65..OPEN_END (open); None when not an age label."""
    m = _AGE.match(str(label))
    if not m:
        return None
    if m.group(3) is not None:
        low = int(m.group(3))
        return AgeRange(low, max(low, OPEN_END), open=True)
    low, high = int(m.group(1)), int(m.group(2))
    return AgeRange(low, high) if high >= low else None


def age_sort_key(label: str) -> tuple[int, str]:
    """Sort age labels by their first year, unknown labels last."""
    rng = parse_age(label)
    return (rng.low if rng else 10_000, label)


def normalise_gender(label: str) -> str | None:
    """Map 'F', 'Women', 'perempuan'... to 'female'/'male'/'other'/'unknown'; None if unknown word."""
    return _GENDER_ALIASES.get(str(label).strip().lower())


def split_age_gender(bucket: str) -> tuple[str, str] | None:
    """'18-24|female' (or 'female|18-24') -> ('18-24', 'female'); None if not that shape."""
    parts = [p.strip() for p in str(bucket).split("|")]
    if len(parts) != 2:
        return None
    for age, gender in (parts, parts[::-1]):
        g = normalise_gender(gender)
        if parse_age(age) and g:
            return age, g
    return None


def overlap_fraction(group: AgeRange, bucket: AgeRange) -> float:
    """Share of a population group's years that fall inside a bucket (uniform within the group)."""
    low, high = max(group.low, bucket.low), min(group.high, bucket.high)
    if high < low:
        return 0.0
    return (high - low + 1) / group.years


def rebucket(groups: dict[str, float], labels: list[str]) -> dict[str, float]:
    """Re-bucket population counts by age group into the given platform age labels.

    A group spanning two buckets is split in proportion to the years it covers; years outside
    every label (children under 13, say) are dropped, which is what a platform's scheme implies.
    """
    targets = {lab: parse_age(lab) for lab in labels}
    out = dict.fromkeys(labels, 0.0)
    for label, value in groups.items():
        group = parse_age(label)
        if group is None:
            raise ValueError(f"not an age group: {label!r}")
        for lab, rng in targets.items():
            if rng is not None:
                out[lab] += value * overlap_fraction(group, rng)
    return out


def scheme_for(labels: list[str]) -> list[str]:
    """The platform's full list of age buckets that the reported labels come from.

    A bucket the platform did not report (withheld under 100 people, or empty) then counts as
    0 instead of vanishing from the comparison; 13-17 is kept only when it was reported, since
    platforms often leave minors out. Unknown schemes keep the labels as reported.
    """
    reported = set(labels)
    for scheme in SCHEMES:
        if reported and reported <= set(scheme):
            low = min(parse_age(a).low for a in reported)  # type: ignore[union-attr]
            return [a for a in scheme if parse_age(a).low >= low]  # type: ignore[union-attr]
    return sorted(reported, key=age_sort_key)
