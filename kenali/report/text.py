"""Numbers, dates and sentences of the report in its language (every sentence via the catalogue)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from ..audience.text import num, pct
from ..i18n import catalogue, current_locale, t
from ..performa.relations import TZ

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")
LOCAL = ZoneInfo(TZ)


def label(prefix: str, key: str | None) -> str:
    """A catalogue label for a code (platform, format, queue...), else the code itself."""
    if key is None:
        return "–"
    full = f"laporan.{prefix}.{key}"
    return t(full) if full in catalogue(current_locale()) else str(key)


def clean(text: Any, width: int = 140) -> str:
    """Captions and comments are hostile input: one line, no control characters, cut to width.

    Escaping is the renderer's job; this only keeps a line a line."""
    s = " ".join(_CONTROL.sub(" ", str(text or "")).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def value(v: float | None, measure: str) -> str:
    """A figure as the report prints it."""
    if v is None:
        return "–"
    if measure == "ratio":
        return pct(v, 2 if abs(v) < 0.1 else 1)
    if measure in ("per_week", "per_1000"):
        return num(v, 1)
    return num(v)


def change(v: float | None) -> str:
    """A relative change with its sign ('+12,3%', '−4,0%')."""
    if v is None:
        return "–"
    text = pct(abs(v))
    return ("+" if v > 0 else "−" if v < 0 else "±") + text


def figure_change(f: Any) -> str:
    """A figure's change: percentage points for a rate (a rate's relative change misleads),
    the relative change otherwise."""
    if f.measure == "ratio":
        d = f.difference
        if d is None:
            return "–"
        points = num(abs(100 * d), 2 if abs(d) < 0.001 else 1 if abs(d) < 1 else 0)
        return t("laporan.points", sign="+" if d > 0 else "−" if d < 0 else "±", n=points)
    return change(f.change_pct)


def figure_direction(f: Any) -> str:
    """'up', 'down' or '' for colouring a change (every key figure is better higher)."""
    d = f.difference
    return "" if d is None or d == 0 else "up" if d > 0 else "down"


def times(v: float | None) -> str:
    """A multiple such as '2,7×'."""
    if v is None:
        return "–"
    return ("−" if v < 0 else "") + num(abs(v), 1) + "×"


def day(d: dt.date | None) -> str:
    """A date such as '14 Okt 2026'."""
    if d is None:
        return "–"
    return f"{d.day} {t(f'laporan.month_short.{d.month}')} {d.year}"


def span(start: dt.date, end: dt.date) -> str:
    """A date range such as '1–31 Okt 2026'."""
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{day(end)}"
    return f"{day(start)} – {day(end)}"


def weekday(iso: int) -> str:
    """ISO weekday (1 = Monday) in words."""
    return t(f"laporan.weekday.{iso}")


def clock(hour: int, minute: int = 0) -> str:
    """A time of day ('19.00' in Indonesian, '19:00' in English)."""
    sep = "." if current_locale() == "id" else ":"
    return f"{hour:02d}{sep}{minute:02d}"


def period_title(start: dt.date, end: dt.date, is_month: bool) -> str:
    """'Oktober 2026' for a month, the range otherwise."""
    if is_month:
        return f"{t(f'laporan.month.{start.month}')} {start.year}"
    return span(start, end)


def score_reason(row: dict[str, Any], metric: str, score: float, post_type: str) -> str:
    """Why a post stands where it stands: its score against the account's own baseline."""
    values = {"metric": t(f"laporan.metric_word.{metric}"), "score": times(abs(score)),
              "actual": num(row.get(metric)), "expected": num(row.get(f"expected_{metric}")),
              "n": row.get("baseline_n") if metric == "interactions"
              else row.get(f"baseline_n_{metric}"), "format": label("format", post_type)}
    # post_table gives the baseline size of the interactions score only
    suffix = "" if values["n"] is not None else "_any"
    if score >= 1:
        return t(f"laporan.reason.above{suffix}", **values)
    if score < 0:
        return t(f"laporan.reason.below{suffix}", **values)
    return t("laporan.reason.small", **values)


def subject(attribute: str, level: str, platform: str) -> tuple[str, str]:
    """The posts a what-works finding is about, and those they are compared with."""
    if attribute == "format":
        return label("format", level), t("laporan.others.format")
    if attribute == "weekday":
        return t("laporan.subject.weekday", day=weekday(int(level))), t("laporan.others.weekday")
    if attribute == "hour":
        low, high = level.split("-")
        return (t("laporan.subject.hour", start=clock(int(low)), end=clock(int(high), 59)),
                t("laporan.others.hour"))
    if attribute == "topic":
        return t("laporan.subject.topic", topic=label("topic", level)), t("laporan.others.posts")
    if attribute == "hashtag":
        return t("laporan.subject.hashtag", tag=level), t("laporan.others.posts")
    if attribute == "caption_length":
        return t(f"laporan.subject.caption_{level}"), t("laporan.others.caption")
    return t(f"laporan.subject.{attribute}"), t("laporan.others.posts")


def bound(v: float) -> str:
    """A confidence bound: two decimals when one would round it onto 1 (which it excludes)."""
    return num(v, 2 if round(v, 1) == 1.0 and v != 1.0 else 1)


def finding_sentence(f: dict[str, Any]) -> str:
    """'Di Instagram, reel mendatangkan 2,7× lebih banyak pengikut baru daripada format lain
    (95% CI 1,8–4,0).'"""
    what, others = subject(f["attribute"], f["level"], f["platform"])
    key = "laporan.finding.more" if f["ratio"] >= 1 else "laporan.finding.less"
    return t(key, platform=label("platform", f["platform"]), subject=what, others=others,
             outcome=t(f"laporan.outcome.{f['outcome']}"), ratio=num(f["ratio"], 1),
             low=bound(f["ratio_low"]), high=bound(f["ratio_high"]),
             n=f["posts_with"], m=f["posts_without"])


def best_time_sentence(platform: str, handle: str, cells: list[dict[str, Any]], source: str) -> str:
    """The best posting times of an account."""
    slots = ", ".join(f"{weekday(c['weekday'])} {clock(c['hour'])}" for c in cells)
    return t("laporan.best_time", platform=label("platform", platform), handle=handle, slots=slots,
             source=t(f"laporan.best_time_source.{source}"))
