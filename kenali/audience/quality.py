"""Follower quality classes and segments from profile metadata, with the rule that decided each.

Rules follow the published criteria collected in the project's anchors: HypeAuditor's audience
types (mass follower > 1,500 followings, influencer > 5,000 followers), Socialbakers'
FakeFollowerCheck and Modash's credibility signals (no picture, no bio while following many,
following:followers ≥ 50:1), InstaFake's username digits, Socialbakers' inactivity (no posts).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

RULES_VERSION = "2026.1"
MASS_FOLLOWING = 1500        # HypeAuditor: following > 1,500 ⇒ mass follower
INFLUENCER_FOLLOWERS = 5000  # HypeAuditor: followers > 5,000 ⇒ influencer
RATIO_FOLLOWING = 50         # Socialbakers: following:followers ≥ 50:1
BIO_FOLLOWING = 100          # Socialbakers: no bio while following > 100
SUSPICIOUS_POINTS = 2        # points at or above which a follower is suspicious

CLASSES = ("genuine", "influencer", "organisation", "inactive", "mass_follower", "suspicious",
           "unknown")
QUALITY_CLASSES = ("genuine", "influencer", "organisation")   # count towards the quality share
# Segments describe real followers: a bot's "promo" bio says nothing about who follows.
NOT_REAL = ("mass_follower", "suspicious")
SEGMENTS = ("media", "government", "business", "community", "resident")

# Words in names and bios, Indonesian and English; matched as whole words after normalising.
_SEGMENT_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # segment: (organisation words, person words)
    "government": (
        ("dinas", "sudin", "suku dinas", "kementerian", "kemenkes", "kemendagri", "kominfo",
         "pemprov", "pemkot", "pemkab", "pemda", "pemerintah", "provinsi", "dprd", "bpbd",
         "kelurahan", "kecamatan", "puskesmas", "rsud", "polres", "polda", "polsek", "polri",
         "satpol pp", "kodim", "bappeda", "badan", "humas", "government", "ministry", "agency",
         "municipal", "go id", "akun resmi pemerintah", "diskominfotik", "dishub", "samsat",
         "damkar", "pemadam kebakaran", "perpustakaan", "sudin sda", "bapenda", "disdik"),
        ("asn", "pns", "civil servant", "aparatur sipil negara")),
    "media": (
        ("berita", "news", "media", "tv", "televisi", "radio", "koran", "majalah", "redaksi",
         "portal", "liputan", "magazine", "newspaper", "kompas", "detik", "tempo",
         "tribun", "antara", "kumparan", "okezone", "liputan6", "cnn indonesia", "idn times",
         "republika", "metro tv", "beritasatu"),
        ("jurnalis", "wartawan", "journalist", "reporter", "editor", "kontributor", "presenter",
         "news anchor", "pewarta")),
    "business": (
        ("shop", "store", "toko", "olshop", "online shop", "jual", "jualan", "open order",
         "reseller", "dropship", "pt", "cv", "tbk", "cafe", "kafe", "kedai kopi", "coffee shop", "resto",
         "restaurant", "restoran", "catering", "katering", "laundry", "properti", "property",
         "hotel", "promo", "diskon", "grosir", "official store", "bisnis", "business",
         "order via", "wa", "whatsapp", "umkm", "franchise", "kuliner", "warung", "kos", "kost",
         "bengkel", "apotek", "sewa", "rental", "salon", "barbershop", "klinik kecantikan"),
        ("entrepreneur", "wirausaha", "pengusaha", "owner of", "founder")),
    "community": (
        ("komunitas", "community", "forum", "karang taruna", "paguyuban", "relawan", "volunteer",
         "volunteers", "club", "klub", "ikatan", "himpunan", "organisasi", "yayasan",
         "foundation", "lsm", "ngo", "masjid", "gereja", "pemuda", "rt", "rw", "bem", "ukm",
         "persatuan", "perkumpulan", "association", "asosiasi", "fans", "fanbase", "bank sampah",
         "gerakan warga"),
        ("aktivis", "activist", "ketua rt", "ketua rw")),
}


def _plain(text: str | None) -> str:
    """Lower-case ASCII words separated by single spaces (emoji and punctuation removed)."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " " + re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip() + " "


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "suku dinas" wins over "dinas"; spaces around keep whole words.
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r" (" + "|".join(re.escape(w) for w in ordered) + r") ")


_PATTERNS = [(segment, _pattern(person), _pattern(org))
             for segment, (org, person) in _SEGMENT_WORDS.items()]


def segment_of(name: str | None, bio: str | None) -> tuple[str, str | None, bool]:
    """(segment, the word that decided it, whether it names an organisation).

    The name is read before the bio: "Karang Taruna RW 05" with a bio naming its kelurahan is a
    community, not a government body.
    """
    for text in (_plain(name), _plain(bio)):
        if not text:
            continue
        for segment, person_words, org_words in _PATTERNS:
            found = person_words.search(text)
            if found:
                return segment, found.group(1), False
            found = org_words.search(text)
            if found:
                return segment, found.group(1), True
    return "resident", None, False


@dataclass
class Verdict:
    """The class of one follower, the rule that decided it, and the features read."""

    quality_class: str
    rule: str
    points: int
    reasons: list[str]
    features: dict[str, Any]
    segment: str
    segment_evidence: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"class": self.quality_class, "rule": self.rule, "suspicion_points": self.points,
                "suspicion_reasons": self.reasons, "features": self.features,
                "segment": self.segment, "segment_evidence": self.segment_evidence}


def _int(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _flag(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "ya", "y", "t"):
        return True
    if text in ("0", "false", "no", "tidak", "n", "f"):
        return False
    return None


def username_digits(handle: str) -> int:
    """Digits in a username (InstaFake: bought accounts often carry generated numbers)."""
    return sum(ch.isdigit() for ch in handle)


def suspicion(f: Mapping[str, Any]) -> tuple[int, list[str]]:
    """Socialbakers/Modash/InstaFake-style points, with the reason for each point."""
    points, reasons = 0, []
    followers, following = f["followers"], f["following"]
    if f["has_picture"] is False:
        points += 1
        reasons.append("no_picture")
    if not f["bio_length"] and following is not None and following > BIO_FOLLOWING:
        points += 1
        reasons.append("no_bio_following_many")
    if following is not None and following >= RATIO_FOLLOWING and \
            following >= RATIO_FOLLOWING * max(followers or 0, 1):
        points += 2
        reasons.append("following_ratio")
    handle = f["handle"]
    if f["username_digits"] >= 4 or (handle and f["username_digits"] / len(handle) >= 0.3):
        points += 1
        reasons.append("username_digits")
    return points, reasons


def classify(row: Mapping[str, Any]) -> Verdict:
    """Class of one follower row (handle, name, bio, followers, following, posts, flags).

    Order, first rule that fires wins: mass follower; suspicious; organisation; influencer;
    inactive; unknown (no counts at all); genuine.
    """
    handle = str(row.get("handle") or "").lstrip("@")
    features: dict[str, Any] = {
        "handle": handle,
        "followers": _int(row.get("followers")), "following": _int(row.get("following")),
        "posts": _int(row.get("posts")), "is_private": _flag(row.get("is_private")),
        "is_verified": _flag(row.get("is_verified")), "has_picture": _flag(row.get("has_picture")),
        "bio_length": len(str(row.get("bio") or "").strip()),
        "username_digits": username_digits(handle),
    }
    segment, evidence, is_org = segment_of(row.get("name"), row.get("bio"))
    points, reasons = suspicion(features)
    followers, following, posts = features["followers"], features["following"], features["posts"]

    def verdict(cls: str, rule: str) -> Verdict:
        return Verdict(cls, rule, points, reasons, features, segment, evidence)

    if following is not None and following > MASS_FOLLOWING:
        return verdict("mass_follower", "mass_following")
    # Before the organisation words: spam accounts borrow them ("promo", "official").
    if points >= SUSPICIOUS_POINTS and not features["is_verified"]:
        return verdict("suspicious", "suspicion_points")
    if is_org:
        return verdict("organisation", "organisation_words")
    if followers is not None and followers > INFLUENCER_FOLLOWERS:
        return verdict("influencer", "many_followers")
    if posts == 0:
        return verdict("inactive", "no_posts")
    if followers is None and following is None and posts is None and features["has_picture"] is None:
        return verdict("unknown", "no_data")
    return verdict("genuine", "no_rule")


@dataclass
class QualitySummary:
    """Shares of classes and segments in a follower list, and the resulting quality share."""

    total: int
    classes: dict[str, int] = field(default_factory=dict)
    segments: dict[str, int] = field(default_factory=dict)     # real followers only
    rules: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def quality_share(self) -> float | None:
        """(genuine + influencer + organisation) ÷ classified followers (unknown left out)."""
        known = self.total - self.classes.get("unknown", 0)
        if known <= 0:
            return None
        return sum(self.classes.get(c, 0) for c in QUALITY_CLASSES) / known

    def as_dict(self) -> dict[str, Any]:
        share = {k: v / self.total for k, v in self.classes.items()} if self.total else {}
        return {"total": self.total, "classes": self.classes, "class_shares": share,
                "segments": self.segments, "rules": self.rules, "suspicion_reasons": self.reasons,
                "quality_share": self.quality_share, "rules_version": RULES_VERSION}


def summarise(verdicts: Iterable[Verdict]) -> QualitySummary:
    """Count classes, segments, deciding rules and suspicion reasons."""
    classes: Counter[str] = Counter()
    segments: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    total = 0
    for v in verdicts:
        total += 1
        classes[v.quality_class] += 1
        if v.quality_class not in NOT_REAL:
            segments[v.segment] += 1
        rules[v.rule] += 1
        reasons.update(v.reasons)
    return QualitySummary(total, {c: classes[c] for c in CLASSES if classes[c]},
                          {s: segments[s] for s in SEGMENTS if segments[s]},
                          dict(rules.most_common()), dict(reasons.most_common()))
