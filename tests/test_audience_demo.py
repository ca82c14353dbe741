"""The quality rules on the demo's follower list, whose true kinds the generator knows."""

from __future__ import annotations

from collections import Counter

import pytest

from kenali.audience.quality import QUALITY_CLASSES, classify

people = pytest.importorskip("kenali.demo.people", reason="the demo generator is not present")
captions = pytest.importorskip("kenali.demo.captions", reason="the demo generator is not present")


def test_rules_recover_the_demo_kinds() -> None:
    followers = people.follower_list(7, 3000, captions.KELURAHAN, captions.WILAYAH)
    by_kind: dict[str, Counter[str]] = {}
    segments: dict[str, Counter[str]] = {}
    for p in followers:
        v = classify({"handle": p.username, "name": p.full_name, "bio": p.bio,
                      "followers": p.followers, "following": p.following, "posts": p.posts,
                      "is_private": p.is_private, "is_verified": p.is_verified,
                      "has_picture": p.has_picture})
        by_kind.setdefault(p.kind, Counter())[v.quality_class] += 1
        segments.setdefault(p.kind, Counter())[v.segment] += 1

    def share(kind: str, classes: tuple[str, ...]) -> float:
        counts = by_kind[kind]
        return sum(counts[c] for c in classes) / sum(counts.values())

    # Bought and follow-for-follow accounts are not quality followers ...
    assert share("bot", ("mass_follower", "suspicious", "inactive")) > 0.9
    assert share("mass", ("mass_follower",)) > 0.95
    # ... residents mostly are, and organisations are recognised from their names.
    assert share("resident", QUALITY_CLASSES) > 0.85
    for kind in ("media", "government"):
        assert share(kind, ("organisation",)) > 0.9
        assert segments[kind][kind] / sum(segments[kind].values()) > 0.9
    assert segments["resident"]["resident"] / sum(segments["resident"].values()) > 0.95
