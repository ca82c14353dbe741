"""TikTok Studio analytics exports: the seven CSV files inside the Overview/Content/Viewers/Followers zips."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import ClassVar
from zoneinfo import ZoneInfo

from ..i18n import t
from .base import AccountRef, Context, CsvFormat, FieldError, Record, Skip, cell, resolve_columns
from .readers import Block, Document
from .values import (
    clean_id,
    hashtags,
    is_null,
    mentions,
    nfc,
    parse_count,
    parse_date,
    parse_int_count,
    parse_number,
    parse_yearless,
    resolve_yearless,
)

Row = dict[str, str]
# Labels of FollowerGender rows (and the remainder row of territories) in the UI languages seen.
GENDER_LABELS: dict[str, str] = {
    **dict.fromkeys(("female", "perempuan", "wanita", "mujer", "femenino", "γυναίκα", "nữ"),
                    "female"),
    **dict.fromkeys(("male", "laki-laki", "pria", "hombre", "masculino", "άνδρας", "nam"), "male"),
    **dict.fromkeys(("other", "others", "lainnya", "otro", "otros", "άλλο", "άλλα", "khác"),
                    "other"),
    "unknown": "unknown",
}
_VIDEO_LINK = re.compile(r"tiktok\.com/@([\w.\-]+)/(video|photo)/(\d+)", flags=re.IGNORECASE)


def _is_undefined(raw: str | None) -> bool:
    return raw is not None and raw.strip().lower() == "undefined"


def resolve_days(texts: list[str | None], reference: date) -> list[date | None | ValueError]:
    """Dates of a table's date column; yearless ones take their years walking back from the newest.

    A sorted series (ascending or descending) is chained: the newest day takes the latest year
    not after `reference` and every older day the latest year not after the day that follows
    it, so a series running Dec -> Jan gets both years right. An unsorted column is resolved
    value by value against `reference`. Unreadable cells come back as ValueError.
    """
    out: list[date | None | ValueError] = [None] * len(texts)
    yearless: list[tuple[int, int, int]] = []  # (position, month, day)
    for i, raw in enumerate(texts):
        if is_null(raw):
            continue
        assert raw is not None
        md = parse_yearless(raw)
        if md is not None:
            yearless.append((i, md[0], md[1]))
            continue
        try:
            out[i] = parse_date(raw, reference)
        except ValueError as exc:
            out[i] = exc
    forward = backward = 0
    for (_, m1, d1), (_, m2, d2) in zip(yearless, yearless[1:], strict=False):
        try:
            step = (date(2000, m2, d2) - date(2000, m1, d1)).days % 366
        except ValueError:
            continue
        if 0 < step < 183:
            forward += 1
        elif step >= 183:
            backward += 1
    chained = not (forward and backward)
    order = yearless if backward > forward else list(reversed(yearless))
    anchor = reference
    for i, month, day in order:
        try:
            resolved = resolve_yearless(month, day, anchor)
        except ValueError:
            out[i] = ValueError(f"not a calendar date: {texts[i]!r}")
            continue
        out[i] = resolved
        if chained:
            anchor = resolved
    return out


def _day(value: date | None | ValueError, column: str) -> date | None:
    if isinstance(value, ValueError):
        raise FieldError(column, str(value))
    return value


def _hour(raw: str | None) -> float | None:
    """An hour of the day written '7', '07' or '07:00'."""
    match = re.fullmatch(r"\s*(\d{1,2})(?::00)?\s*", raw or "")
    return float(match.group(1)) if match else parse_count(raw)


def _tiktok() -> AccountRef:
    return AccountRef("tiktok")


class TikTokTable(CsvFormat):
    """A TikTok Studio CSV: rows are mapped together because yearless dates need the whole column."""

    platform = "tiktok"
    kinds: ClassVar[tuple[str, ...]] = ("csv", "xlsx")
    needs_account = True
    date_column: ClassVar[str | None] = "date"

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        block = self._block(doc)
        if block is None:
            return
        rows = list(self._rows(block))
        good = [(line, row) for line, row in rows if isinstance(row, dict)]
        for line, row in rows:
            if isinstance(row, str):
                yield Skip(line, row)
        days: list[date | None | ValueError] = []
        if self.date_column:
            # The file's date (the zip member's, else the file's own) anchors the years.
            days = resolve_days([row.get(self.date_column) for _, row in good],
                                ctx.reference_date)
        yield from self.map_table(good, days, ctx)

    def _rows(self, block: Block) -> Iterator[tuple[int, Row | str]]:
        cols = resolve_columns(block.header, self.aliases)
        width = len(block.header)
        for line, cells in block.rows:
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                yield line, f"{len(cells)} cells where the header has {width}"
                continue
            yield line, {name: (cells[i] if i < len(cells) else "") for name, i in cols.items()}

    def map_table(self, rows: list[tuple[int, Row]], days: list[date | None | ValueError],
                  ctx: Context) -> Iterator[Record | Skip]:
        """Map the whole table (rows in file order, with their resolved dates)."""
        raise NotImplementedError

    def map_row(self, row: Row, ctx: Context) -> Iterable[Record] | Skip:  # pragma: no cover
        raise NotImplementedError("TikTok tables are mapped whole, see map_table")


class DailyMetrics(TikTokTable):
    """A daily table whose columns each become an account_daily metric."""

    metrics: ClassVar[dict[str, str]]  # canonical column -> account_daily metric

    def map_table(self, rows: list[tuple[int, Row]], days: list[date | None | ValueError],
                  ctx: Context) -> Iterator[Record | Skip]:
        incomplete: list[str] = []
        for (line, row), day_value in zip(rows, days, strict=True):
            try:
                day = _day(day_value, "date")
                if day is None:
                    yield Skip(line, t("tx.no_date"))
                    continue
                # TikTok marks a day it has not finished counting with 'undefined' and fills
                # the other cells of that row with 0: those zeros are not measurements.
                if any(_is_undefined(row.get(c)) for c in self.metrics):
                    incomplete.append(day.isoformat())
                    continue
                values = {metric: cell(row, column, parse_count)
                          for column, metric in self.metrics.items()}
            except FieldError as exc:
                yield Skip(line, str(exc))
                continue
            for metric, value in values.items():
                if value is not None:
                    yield Record("account_daily", {"account": _tiktok(), "date": day,
                                                   "metric": metric, "value": value}, line)
        if incomplete:
            ctx.warn(t("tx.tiktok.undefined_days", days=", ".join(incomplete)))


class TikTokOverview(DailyMetrics):
    """Overview.csv: daily video views, profile views, likes, comments, shares."""

    key = "tiktok_overview"
    title = "TikTok Studio Overview (daily views, profile views, likes, comments, shares)"
    provides = ("account_daily",)
    example_header = '"Date","Video Views","Profile Views","Likes","Comments","Shares"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": (), "video_views": ("video views",), "profile_views": ("profile views",),
        "likes": (), "comments": (), "shares": ()}
    required = ("date", "video_views", "profile_views", "likes", "comments", "shares")
    metrics: ClassVar[dict[str, str]] = {
        "video_views": "views", "profile_views": "profile_visits", "likes": "likes",
        "comments": "comments", "shares": "shares"}


class TikTokViewers(DailyMetrics):
    """Viewers.csv: daily total, new and returning viewers."""

    key = "tiktok_viewers"
    title = "TikTok Studio Viewers (daily total, new and returning viewers)"
    provides = ("account_daily",)
    example_header = '"Date","Total Viewers","New Viewers","Returning Viewers"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": (), "total_viewers": ("total viewers",), "new_viewers": ("new viewers",),
        "returning_viewers": ("returning viewers",)}
    required = ("date", "total_viewers", "new_viewers", "returning_viewers")
    metrics: ClassVar[dict[str, str]] = {
        # Unique viewers of the day: TikTok's counterpart of Instagram's daily reach.
        "total_viewers": "reach", "new_viewers": "new_viewers",
        "returning_viewers": "returning_viewers"}


class TikTokFollowerHistory(TikTokTable):
    """FollowerHistory.csv: followers per day; daily net follows recomputed from them."""

    key = "tiktok_follower_history"
    title = "TikTok Studio FollowerHistory (followers per day)"
    provides = ("account_daily", "follower_snapshots")
    example_header = '"Date","Followers","Difference in followers from previous day"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": (), "followers": (),
        "difference": ("difference in followers from previous day",)}
    required = ("date", "followers")

    def map_table(self, rows: list[tuple[int, Row]], days: list[date | None | ValueError],
                  ctx: Context) -> Iterator[Record | Skip]:
        tz = ZoneInfo(ctx.tz)
        previous: tuple[date, int] | None = None
        for (line, row), day_value in zip(rows, days, strict=True):
            try:
                day = _day(day_value, "date")
                followers = cell(row, "followers", parse_int_count)
            except FieldError as exc:
                yield Skip(line, str(exc))
                continue
            if day is None:
                yield Skip(line, t("tx.no_date"))
                continue
            if followers is None:
                continue
            account = _tiktok()
            yield Record("account_daily", {"account": account, "date": day, "metric": "followers",
                                           "value": followers}, line)
            # The count of a day is the count at its end.
            yield Record("follower_snapshots", {
                "account": account, "followers": followers,
                "observed_at": datetime.combine(day, time(23, 59, 59), tz)}, line)
            # The file's own difference column is shifted by a day (it holds next - this),
            # so the day's net change is recomputed from the counts of consecutive days.
            if previous is not None and (day - previous[0]).days == 1:
                yield Record("account_daily", {"account": account, "date": day,
                                               "metric": "net_follows",
                                               "value": followers - previous[1]}, line)
            previous = (day, followers)


class TikTokFollowerActivity(TikTokTable):
    """FollowerActivity.csv: followers active per hour over the last seven days."""

    key = "tiktok_follower_activity"
    title = "TikTok Studio FollowerActivity (active followers by day and hour)"
    provides = ("follower_activity",)
    example_header = '"Date","Hour","Active followers"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": (), "hour": (), "active_followers": ("active followers",)}
    required = ("date", "hour", "active_followers")

    def map_table(self, rows: list[tuple[int, Row]], days: list[date | None | ValueError],
                  ctx: Context) -> Iterator[Record | Skip]:
        mapped: list[Record] = []
        for (line, row), day_value in zip(rows, days, strict=True):
            try:
                day = _day(day_value, "date")
                hour = cell(row, "hour", _hour)
                active = cell(row, "active_followers", parse_count)
            except FieldError as exc:
                yield Skip(line, str(exc))
                continue
            if day is None or hour is None or not (0 <= hour <= 23) or hour != int(hour):
                yield Skip(line, t("tx.tiktok.bad_hour"))
                continue
            if active is None:
                continue
            mapped.append(Record("follower_activity", {"account": _tiktok(), "date": day,
                                                       "hour": int(hour),
                                                       "active_followers": active}, line))
        # TikTok fills the hours of the last day it has not counted yet with zeros: those
        # trailing zero hours are missing, not empty (the sample's last day: 3 real hours).
        mapped.sort(key=lambda r: (r.values["date"], r.values["hour"]))
        last = mapped[-1].values["date"] if mapped else None
        dropped = 0
        while mapped and mapped[-1].values["date"] == last \
                and mapped[-1].values["active_followers"] == 0:
            mapped.pop()
            dropped += 1
        if dropped and last is not None:
            ctx.warn(t("tx.tiktok.zero_hours", day=last.isoformat(), n=dropped))
        yield from mapped


class TikTokAudience(TikTokTable):
    """A follower distribution snapshot (share of followers per bucket)."""

    date_column = None
    dimension: ClassVar[str]

    def bucket(self, raw: str) -> str:
        """The stored bucket name of a file's label."""
        raise NotImplementedError

    def map_table(self, rows: list[tuple[int, Row]], days: list[date | None | ValueError],
                  ctx: Context) -> Iterator[Record | Skip]:
        for line, row in rows:
            label = (row.get("bucket") or "").strip()
            if not label:
                yield Skip(line, t("tx.tiktok.no_bucket"))
                continue
            try:
                value = cell(row, "distribution", parse_number)
            except FieldError as exc:
                yield Skip(line, str(exc))
                continue
            if value is None:
                continue
            yield Record("audience", {
                "account": _tiktok(), "snapshot_date": ctx.reference_date,
                "audience_kind": "followers", "dimension": self.dimension,
                "bucket": self.bucket(label), "value": value, "unit": "share"}, line)


class TikTokFollowerGender(TikTokAudience):
    """FollowerGender.csv: share of followers by gender."""

    key = "tiktok_follower_gender"
    title = "TikTok Studio FollowerGender (share of followers by gender)"
    provides = ("audience",)
    example_header = '"Gender","Distribution"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {"bucket": ("gender",), "distribution": ()}
    required = ("bucket", "distribution")
    dimension = "gender"

    def accept(self, block: Block) -> bool:
        index = resolve_columns(block.header, self.aliases)["bucket"]
        labels = {(cells[index] if index < len(cells) else "").strip().lower()
                  for _, cells in block.rows}
        return bool(labels) and labels <= set(GENDER_LABELS)

    def bucket(self, raw: str) -> str:
        return GENDER_LABELS.get(raw.strip().lower(), raw.strip().lower())


class TikTokFollowerTerritories(TikTokAudience):
    """FollowerTopTerritories.csv: share of followers by country (ISO-3166 alpha-2, plus Others)."""

    key = "tiktok_follower_territories"
    title = "TikTok Studio FollowerTopTerritories (share of followers by country)"
    provides = ("audience",)
    example_header = '"Top territories","Distribution"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "bucket": ("top territories",), "distribution": ()}
    required = ("bucket", "distribution")
    dimension = "territory"

    def bucket(self, raw: str) -> str:
        label = raw.strip()
        if GENDER_LABELS.get(label.lower()) == "other":
            return "other"
        return label.upper() if len(label) == 2 else label


class TikTokContent(TikTokTable):
    """Content.csv: up to ~15 recent videos with lifetime likes, comments, shares and views."""

    key = "tiktok_content"
    title = "TikTok Studio Content (videos with lifetime views, likes, comments, shares)"
    provides = ("posts", "post_metrics")
    example_header = ('"Time","Video title","Video link","Post time","Total likes",'
                      '"Total comments","Total shares","Total views"')
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "snapshot": ("time",), "caption": ("video title",), "link": ("video link",),
        "posted": ("post time",), "likes": ("total likes",), "comments": ("total comments",),
        "shares": ("total shares",), "views": ("total views",)}
    required = ("link", "posted", "views", "likes")
    date_column = "snapshot"

    def map_table(self, rows: list[tuple[int, Row]], days: list[date | None | ValueError],
                  ctx: Context) -> Iterator[Record | Skip]:
        tz = ZoneInfo(ctx.tz)
        for (line, row), snapshot_value in zip(rows, days, strict=True):
            match = _VIDEO_LINK.search(row.get("link") or "")
            video_id = match.group(3) if match else clean_id(row.get("link"))
            if video_id is None or not video_id.isdigit():
                yield Skip(line, t("tx.tiktok.no_video_id"))
                continue
            try:
                snapshot = _day(snapshot_value, "snapshot") or ctx.reference_date
                posted = self._posted(row, snapshot)
                metrics = {field: cell(row, field, parse_count)
                           for field in ("views", "likes", "comments", "shares")}
            except FieldError as exc:
                yield Skip(line, str(exc))
                continue
            handle = match.group(1) if match else None
            if handle and ctx.account and ctx.account.handle and \
                    ctx.account.handle.lower() != handle.lower():
                ctx.warn(t("tx.link_account", link=handle, given=ctx.account.handle))
            caption = nfc((row.get("caption") or "").strip()) or None
            yield Record("posts", {
                "account": AccountRef("tiktok", handle),
                "platform": "tiktok", "platform_post_id": video_id,
                # Content.csv gives the posting day only, not the hour: midnight is stored.
                "published_at": datetime.combine(posted, time(0), tz) if posted else None,
                "post_type": "carousel" if match and match.group(2).lower() == "photo" else "video",
                "caption": caption, "permalink": (row.get("link") or "").strip() or None,
                "hashtags": hashtags(caption), "mentions": mentions(caption)}, line)
            yield Record("post_metrics", {"platform": "tiktok", "platform_post_id": video_id,
                                          "period": "lifetime", "as_of": snapshot, **metrics},
                         line)

    @staticmethod
    def _posted(row: Row, snapshot: date) -> date | None:
        raw = row.get("posted")
        if is_null(raw):
            return None
        assert raw is not None
        md = parse_yearless(raw)
        try:
            if md is not None:
                # A video is posted on or before the day the table was taken.
                return resolve_yearless(md[0], md[1], snapshot)
            return parse_date(raw, snapshot)
        except ValueError as exc:
            raise FieldError("posted", str(exc)) from exc


FORMATS = [TikTokOverview(), TikTokViewers(), TikTokFollowerHistory(), TikTokFollowerActivity(),
           TikTokFollowerGender(), TikTokFollowerTerritories(), TikTokContent()]
