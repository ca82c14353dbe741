"""The period report as plain data: numbers stay numbers; sentences are already in its language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .period import Period

# The key figures, in reading order, with the account metric each comes from and its unit.
# Views and net follows are there for X and YouTube, which give no reach and no follower total.
FIGURES: tuple[tuple[str, str], ...] = (
    ("followers_end", "count"), ("net_growth", "count"), ("net_follows", "count"),
    ("growth_pct", "ratio"), ("reach", "count"), ("views", "count"), ("reach_per_follower", "ratio"),
    ("er_followers", "ratio"), ("posts_per_week", "per_week"), ("follows_per_1000_reached", "per_1000"))


@dataclass(frozen=True)
class Figure:
    """One key figure of an account, this period and the one it is compared with."""

    key: str
    measure: str            # count | ratio | per_week | per_1000
    value: float | None
    previous: float | None

    @property
    def difference(self) -> float | None:
        """This period minus the compared one (None when either side is unknown)."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_pct(self) -> float | None:
        """Relative change against the previous period (None when either side is unknown)."""
        if self.value is None or self.previous in (None, 0):
            return None
        return (self.value - self.previous) / abs(self.previous)  # type: ignore[operator]


@dataclass(frozen=True)
class Series:
    """A daily series over the period (None where the store has no value for a day)."""

    metric: str
    days: list[dt.date]
    values: list[float | None]


@dataclass(frozen=True)
class PostLine:
    """A top or bottom post of the period and why it stands where it stands."""

    platform: str
    handle: str
    post_id: str
    published_at: dt.datetime | None     # local time (Asia/Jakarta)
    post_type: str
    text: str                            # caption or title, one line, cut (hostile input)
    permalink: str | None
    score_metric: str                    # interactions | reach | views
    score: float
    actual: float | None
    expected: float | None
    baseline_n: int | None
    reach: float | None
    topics: list[str]
    reasons: list[str]


@dataclass(frozen=True)
class Audience:
    """Audience relevance of an account against the target population (no follower-level data)."""

    profile: str
    followers: float | None
    followers_date: str | None
    relevant_followers: float | None
    relevant_at_most: float | None
    fit: float | None
    in_area: float | None
    quality_share: float | None
    lines: list[str]                     # headline sentences (followers, relevant, fit)
    sentences: list[str]                 # over- and under-represented groups and places


@dataclass
class AccountReport:
    """Everything the report says about one account."""

    account_id: int
    platform: str
    handle: str
    display_name: str | None
    figures: list[Figure]
    posts: int | None
    followers: Series | None = None
    reach: Series | None = None
    top_posts: list[PostLine] = field(default_factory=list)
    bottom_posts: list[PostLine] = field(default_factory=list)
    audience: Audience | None = None

    def figure(self, key: str) -> Figure | None:
        """The figure with this key."""
        return next((f for f in self.figures if f.key == key), None)


@dataclass
class Triage:
    """The comments of the period as the team's inbox sorted them."""

    comments: int
    open: int
    done: int
    queues: list[tuple[str, int]]
    intents: list[tuple[str, int]]
    response: list[dict[str, Any]]       # queue, comments, replied, median_hours, p90_hours
    clusters: list[dict[str, Any]]       # label, keywords, size, in_period, intent, per_day, account, example
    reported: list[tuple[str, int]]      # ToS category, comments in the report queue


@dataclass(frozen=True)
class Recommendation:
    """A plain-language recommendation and the finding behind it."""

    kind: str                            # what_works | best_time
    platform: str
    text: str
    outcome: str | None = None
    attribute: str | None = None
    level: str | None = None
    ratio: float | None = None
    low: float | None = None
    high: float | None = None
    posts_with: int | None = None


@dataclass
class Report:
    """A period report over one account (all its platforms) or every account in the store."""

    period: Period
    locale: str
    generated_at: dt.datetime
    scope: str | None                    # the handle asked for, None for every account
    accounts: list[AccountReport]
    triage: Triage | None
    recommendations: list[Recommendation]
    notes: list[str] = field(default_factory=list)
