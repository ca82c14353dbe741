"""Instagram "Download your information" JSON: the `past_instagram_insights` files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from .base import Context, Record, Skip
from .meta_common import skip, target_account
from .meta_graph import JsonFormat
from .readers import Document
from .values import parse_date, parse_number, parse_yearless, resolve_yearless

SECTIONS = ("organic_insights_audience", "organic_insights_reach", "organic_insights_interactions")

# Label -> what it is. English labels are seen in a real export; Portuguese and Italian ones in
# public code (formats.md §2.2); the Indonesian ones are UNVERIFIED guesses.
LABELS: dict[str, str] = {
    # the period
    "date range": "range", "intervalo de datas": "range", "intervallo di date": "range",
    "rango de fechas": "range", "rentang tanggal": "range", "rentang waktu": "range",
    # follower counts (audience_insights)
    "followers": "followers", "seguidores": "followers", "follower": "followers",
    "pengikut": "followers",
    "follows": "follows", "unfollows": "unfollows", "mengikuti": "follows",
    "berhenti mengikuti": "unfollows",
    # distributions (audience_insights)
    "follower percentage by town/city": "city", "follower percentage by country": "country",
    "follower percentage by age for all genders": "age",
    "follower percentage by age for men": "age|male",
    "follower percentage by age for women": "age|female",
    "total follower percentage for men": "gender|male",
    "total follower percentage for women": "gender|female",
    "persentase pengikut menurut kota": "city", "persentase pengikut menurut negara": "country",
    # reach (profiles_reached)
    "accounts reached": "reach", "contas alcançadas": "reach", "account raggiunti": "reach",
    "akun yang dijangkau": "reach", "akun terjangkau": "reach",
    "impressions": "impressions", "impressões": "impressions", "impressioni": "impressions",
    "impresi": "impressions",
    "profile visits": "profile_visits", "visitas ao perfil": "profile_visits",
    "visite al profilo": "profile_visits", "kunjungan profil": "profile_visits",
    "external link taps": "link_clicks", "non-followers": "reach_non_followers",
    # interactions (content_interactions)
    "content interactions": "interactions", "interaksi konten": "interactions",
    "accounts engaged": "accounts_engaged", "akun yang berinteraksi": "accounts_engaged",
    "post interactions": "post_interactions", "story interactions": "story_interactions",
    "reels interactions": "reels_interactions", "video interactions": "video_interactions",
    "live video interactions": "live_interactions",
}
# In profiles_reached, "Followers" is the reached followers, not the follower count.
REACH_SECTION_LABELS = {"followers": "reach_followers", "seguidores": "reach_followers",
                        "pengikut": "reach_followers", "follower": "reach_followers"}
_PERCENT_ITEM = re.compile(r"(?:^|,)\s*([^:]+?)\s*:\s*(-?\d+(?:[.,]\d+)?)\s*%")


def fix_mojibake(text: str) -> str:
    """Undo Meta's escaping of UTF-8 bytes as Latin-1 code points ('Ã©' -> 'é')."""
    if not text or max(text) > "\xff" or text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text  # already proper text: a real 'é' alone is not valid UTF-8


def _fixed(value: Any) -> Any:
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, dict):
        return {fix_mojibake(str(k)): _fixed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fixed(v) for v in value]
    return value


def _label(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.strip().lower())


def parse_range(raw: str, reference: date) -> tuple[date, date] | None:
    """The dates of 'Feb 6 - May 6' (yearless: the end is the last such day on or before the
    reference, the start the last such day on or before the end) or of dated forms."""
    parts = [p.strip() for p in re.split(r"\s+[-–—]\s+|\s*[–—]\s*", raw.strip()) if p.strip()]
    if len(parts) != 2:
        return None
    try:
        end_md = parse_yearless(parts[1])
        end = resolve_yearless(*end_md, reference) if end_md else parse_date(parts[1])
        if end is None:
            return None
        start_md = parse_yearless(parts[0])
        start = resolve_yearless(*start_md, end) if start_md else parse_date(parts[0])
    except ValueError:
        return None
    return (start, end) if start is not None and start <= end else None


def percent_items(raw: str) -> list[tuple[str, float]]:
    """[('Lagos', 0.306), …] from 'Lagos: 30.6%, Abuja: 3.6%' (labels may hold commas)."""
    out = []
    for label, number in _PERCENT_ITEM.findall(raw):
        value = parse_number(number.replace(",", "."))
        if value is not None:
            out.append((label.strip(), value / 100.0))
    return out


def _value(entry: Any) -> str | None:
    if isinstance(entry, dict) and isinstance(entry.get("value"), str | int | float):
        return str(entry["value"])
    return None


class InstagramDyiInsights(JsonFormat):
    """`past_instagram_insights/{audience_insights,profiles_reached,content_interactions}.json`."""

    key = "instagram_dyi_insights"
    platform = "instagram"
    title = "Instagram Download-your-information: past insights (audience, reach, interactions)"
    provides = ("follower_snapshots", "audience", "account_daily")
    example_header = ('{'
                      '"organic_insights_audience": [{"string_map_data": {"Date range": {"value": "Feb 6 - May 6"}, "Followers": {…}}}]}')
    needs_account = True  # the account is the one that downloaded its own information
    missing_hint = "organic_insights_* [string_map_data]"

    def fits(self, data: Any) -> bool:
        return isinstance(data, dict) and any(
            isinstance(data.get(k), list) and data[k]
            and all(isinstance(e, dict) and isinstance(e.get("string_map_data"), dict)
                    for e in data[k]) for k in SECTIONS)

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        data = doc.data if isinstance(doc.data, dict) else {}
        line = 0
        for section in SECTIONS:
            entries = data.get(section)
            for entry in entries if isinstance(entries, list) else []:
                line += 1
                fields = entry.get("string_map_data") if isinstance(entry, dict) else None
                if not isinstance(fields, dict):
                    yield skip(line, "meta.not_an_object")
                    continue
                yield from self._entry(section, _fixed(fields), ctx, line)

    def _entry(self, section: str, fields: dict[str, Any], ctx: Context,
               line: int) -> Iterator[Record | Skip]:
        account = target_account("instagram", ctx)
        labels: dict[str, str] = {}
        for raw in fields:
            key = _label(raw)
            if section == "organic_insights_reach" and key in REACH_SECTION_LABELS:
                labels[raw] = REACH_SECTION_LABELS[key]
            elif key in LABELS:
                labels[raw] = LABELS[key]
        raw_range = next((_value(fields[r]) for r, k in labels.items() if k == "range"), None)
        period = parse_range(raw_range, ctx.reference_date) if raw_range else None
        if period is None:
            yield skip(line, "meta.dyi_no_range", value=(raw_range or "")[:40])
            return
        start, end = period
        days = (end - start).days + 1
        distributions: dict[str, str] = {}
        for raw, kind in labels.items():
            text = _value(fields[raw])
            if text is None or kind == "range":
                continue
            if kind == "followers":
                count = self._count(text)
                if count is not None:
                    # The follower count is as of the range's last day (not after the download).
                    at = min(ctx.observed_at, datetime.combine(end, time(23, 59, 59),
                                                               ZoneInfo(ctx.tz)))
                    yield Record("follower_snapshots", {"account": account, "observed_at": at,
                                                        "followers": int(count)}, line)
            elif kind in ("city", "country", "age") or kind.startswith(("age|", "gender|")):
                distributions[kind] = text
            else:
                count = self._count(text)
                if count is not None:
                    # A total over the whole range: named for its length so it never mixes
                    # with daily values of the same metric.
                    yield Record("account_daily", {"account": account, "date": end,
                                                   "metric": f"{kind}_{days}d", "value": count},
                                 line)

        def row(dimension: str, bucket: str, value: float) -> Record:
            return Record("audience", {
                "account": account, "snapshot_date": end, "audience_kind": "followers",
                "dimension": dimension, "bucket": bucket, "value": round(value, 6),
                "unit": "share"}, line)

        gender_totals: dict[str, float] = {}
        for kind, text in distributions.items():
            if kind.startswith("gender|"):
                share = next(iter(percent_items(f"x: {text}")), ("", None))[1]
                if share is not None:
                    gender_totals[kind.split("|")[1]] = share
                    yield row("gender", kind.split("|")[1], share)
            elif not kind.startswith("age|"):
                for label, share in percent_items(text):
                    yield row(kind, label, share)
        for kind, text in distributions.items():
            if kind.startswith("age|"):
                # "by age for men" is a distribution WITHIN men: times the men's total it
                # becomes a share of all followers, comparable with other sources.
                gender = kind.split("|")[1]
                total = gender_totals.get(gender)
                for label, share in percent_items(text):
                    if total is None:
                        yield row("age_within_gender", f"{label}|{gender}", share)
                    else:
                        yield row("age_gender", f"{label}|{gender}", share * total)

    def _count(self, text: str) -> float | None:
        try:
            return parse_number(text, integer=True) if not text.strip().endswith("%") else None
        except ValueError:
            return None


FORMATS = [InstagramDyiInsights()]
