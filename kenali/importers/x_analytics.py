"""X (Twitter) analytics exports: legacy tweet/daily activity files and the 2025-26 content/overview files."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import ClassVar
from zoneinfo import ZoneInfo

from ..i18n import t
from .base import AccountRef, Context, CsvFormat, Record, Skip, cell, soft_cell
from .readers import Block
from .values import (
    clean_id,
    hashtags,
    mentions,
    nfc,
    parse_count,
    parse_date,
    parse_datetime,
)

Row = dict[str, str]
_STATUS = re.compile(r"(?:twitter|x)\.com/(?:#!/)?([A-Za-z0-9_]{1,15})/status(?:es)?/(\d+)",
                     flags=re.IGNORECASE)
_NOT_HANDLES = frozenset({"i", "intent", "home", "search", "hashtag"})
# File names end with the exported range: ..._20210401_20210501_en.csv, ..._2024-11-21_2025-02-19.csv
_RANGE_END = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:_[a-z]{2})?\.(?:csv|xlsx)$", re.IGNORECASE)


def status_link(url: str | None) -> tuple[str | None, str | None]:
    """(handle, post id) named by a post's permalink; handle None for x.com/i/status links."""
    match = _STATUS.search(url or "")
    if not match:
        return None, None
    handle = match.group(1)
    return (None if handle.lower() in _NOT_HANDLES else handle), match.group(2)


def export_day(ctx: Context) -> date:
    """The day lifetime totals were read: the range end in the file name, else the file's date."""
    match = _RANGE_END.search(ctx.file_name)
    if match:
        try:
            end = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return ctx.reference_date
        if end <= ctx.reference_date:
            return end
    return ctx.reference_date


# Legacy analytics.twitter.com headers (English; Portuguese as exported with the `_pt` UI).
LEGACY_METRICS: dict[str, tuple[str, ...]] = {
    "impressions": ("impressões",),
    "engagements": ("engajamentos",),
    "retweets": (),
    "replies": ("respostas",),
    "likes": ("favoritos", "curtidas"),
    "user_profile_clicks": ("user profile clicks", "cliques no perfil do usuário"),
    "url_clicks": ("url clicks", "cliques no url"),
    "hashtag_clicks": ("hashtag clicks", "cliques em hashtags"),
    "detail_expands": ("detail expands", "expansões de detalhes"),
    "permalink_clicks": ("permalink clicks", "cliques no link permanente"),
    "follows": ("seguiram",),
    "media_views": ("media views", "visualizações da mídia"),
    "media_engagements": ("media engagements", "engajamentos com mídia"),
    "promoted_impressions": ("promoted impressions", "impressões promovido(a)(s)"),
    "promoted_engagements": ("promoted engagements", "engajamentos promovido(a)(s)"),
}
# Legacy metric -> account_daily metric (daily file) and post_metrics field (tweet file).
LEGACY_DAILY = {"impressions": "views", "engagements": "interactions", "retweets": "shares",
                "replies": "comments", "likes": "likes", "user_profile_clicks": "profile_visits",
                "url_clicks": "link_clicks", "hashtag_clicks": "hashtag_clicks",
                "detail_expands": "detail_expands", "permalink_clicks": "permalink_clicks",
                "follows": "follows", "media_views": "media_views",
                "media_engagements": "media_engagements",
                "promoted_impressions": "promoted_views",
                "promoted_engagements": "promoted_interactions"}
LEGACY_POST = {"impressions": "views", "engagements": "interactions", "retweets": "shares",
               "replies": "comments", "likes": "likes", "user_profile_clicks": "profile_visits",
               "url_clicks": "link_clicks", "follows": "follows"}


# The date layouts X writes, tried before the general parser (which tries many in turn).
X_DAY_FORMATS = ("%Y-%m-%d", "%a %b %d %Y", "%a, %b %d, %Y")


@lru_cache(maxsize=4096)
def x_day(raw: str | None, reference: date, tz: str) -> date | None:
    """A day as X writes it: '2021-04-01', 'Mon Feb 17 2025', 'Tue, Feb 18, 2025'."""
    text = (raw or "").strip()
    for fmt in X_DAY_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return parse_date(raw, reference, tz)


def x_time(raw: str | None, tz: str) -> datetime | None:
    """A legacy tweet time '2021-04-30 09:32 +0000' (any other form through the general parser)."""
    return parse_datetime(raw, tz, formats=("%Y-%m-%d %H:%M %z",))


def _metrics(row: Row, fields: dict[str, str]) -> dict[str, float | None]:
    """Parse count columns ('825.0', '1,234', '-' = NULL) into target names."""
    return {target: cell(row, source, parse_count) for source, target in fields.items()}


class PostsExport(CsvFormat):
    """A per-post export whose permalinks name the account (no --account needed)."""

    platform = "x"
    needs_account = False
    fields: ClassVar[dict[str, str]]  # canonical column -> post_metrics field

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        # One export is one account's: a row whose link names nobody takes the file's account.
        index = cols.get("link")
        handles: Counter[str] = Counter()
        if index is not None:
            for _, cells in block.rows:
                handle, _ = status_link(cells[index] if index < len(cells) else None)
                if handle:
                    handles[handle] += 1
        given = ctx.account.handle if ctx.account else None
        self._file_handle = handles.most_common(1)[0][0] if handles else given
        if handles and given and given.lower() not in {h.lower() for h in handles}:
            ctx.warn(t("tx.link_account", link=self._file_handle, given=given))
        self._as_of = export_day(ctx)
        # Replies the account wrote are rows too (their text starts with @): kept as posts.
        text_at = cols.get("text")
        at_rows = sum(1 for _, cells in block.rows if text_at is not None and text_at < len(cells)
                      and cells[text_at].lstrip().startswith("@"))
        if at_rows:
            ctx.warn(t("tx.x.replies", n=at_rows))
        return ()

    def published(self, row: Row, ctx: Context) -> datetime | None:
        """When the post was published."""
        return cell(row, "date", lambda v: x_time(v, ctx.tz))

    def map_row(self, row: Row, ctx: Context) -> Iterable[Record] | Skip:
        handle, link_id = status_link(row.get("link"))
        post_id = clean_id(row.get("post_id"))
        if post_id is None or not post_id.isdigit():
            # An id a spreadsheet turned into 1.38806E+18 is lost; the permalink still has it.
            post_id = link_id or post_id
        if post_id is None:
            return Skip(0, t("tx.x.no_post_id"))
        handle = handle or self._file_handle
        if handle is None:
            return Skip(0, t("tx.x.no_account"))
        published = self.published(row, ctx)
        text = nfc(row.get("text") or "") or None
        metrics = _metrics(row, self.fields)
        as_of = max(self._as_of, published.date()) if published else self._as_of
        link = (row.get("link") or "").strip() or None
        return [
            Record("posts", {
                "account": AccountRef("x", handle), "platform": "x", "platform_post_id": post_id,
                "published_at": published, "post_type": "text", "caption": text,
                "permalink": link, "hashtags": hashtags(text), "mentions": mentions(text)}),
            Record("post_metrics", {"platform": "x", "platform_post_id": post_id,
                                    "period": "lifetime", "as_of": as_of, **metrics}),
        ]


class DailyExport(CsvFormat):
    """A per-day account export: each metric column becomes an account_daily metric."""

    platform = "x"
    needs_account = True
    daily: ClassVar[dict[str, str]]  # canonical column -> account_daily metric

    def map_row(self, row: Row, ctx: Context) -> Iterable[Record] | Skip:
        day = cell(row, "date", lambda v: x_day(v, ctx.reference_date, ctx.tz))
        if day is None:
            return Skip(0, t("tx.no_date"))
        values = _metrics(row, self.daily)
        return [Record("account_daily", {"account": AccountRef("x"), "date": day,
                                         "metric": metric, "value": value})
                for metric, value in values.items() if value is not None]


class XTweetActivity(PostsExport):
    """Legacy analytics.twitter.com tweet activity export (one row per tweet, 40 columns)."""

    key = "x_tweet_activity"
    title = "X/Twitter legacy tweet activity export (tweet_activity_metrics_*.csv)"
    provides = ("posts", "post_metrics")
    example_header = '"Tweet id","Tweet permalink","Tweet text","time","impressions",…'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "post_id": ("tweet id", "id do tweet"),
        "link": ("tweet permalink", "link permanente do tweet"),
        "text": ("tweet text", "texto do tweet"),
        "date": ("time", "horário"),
        **LEGACY_METRICS}
    required = ("post_id", "link", "text", "date", "impressions", "engagements")
    fields: ClassVar[dict[str, str]] = LEGACY_POST

    def map_row(self, row: Row, ctx: Context) -> Iterable[Record] | Skip:
        if soft_cell(row, "promoted_impressions", parse_count, ctx):
            ctx.warn(t("tx.x.promoted"))
        return super().map_row(row, ctx)


class XDailyActivity(DailyExport):
    """Legacy analytics.twitter.com daily activity export (one row per day)."""

    key = "x_daily_activity"
    title = "X/Twitter legacy daily activity export (daily_tweet_activity_metrics_*.csv)"
    provides = ("account_daily",)
    example_header = '"Date","Tweets published","impressions","engagements",…'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": ("data",), "tweets_published": ("tweets published", "tweets publicados"),
        **LEGACY_METRICS}
    required = ("date", "tweets_published", "impressions", "engagements")
    daily: ClassVar[dict[str, str]] = {"tweets_published": "posts_published", **LEGACY_DAILY}


# Current x.com analytics: the 2025 and 2026 header generations differ in case and wording.
CURRENT_METRICS: dict[str, tuple[str, ...]] = {
    "impressions": (), "likes": (), "engagements": (), "bookmarks": (),
    "share": ("shares",), "new_follows": ("new follows",), "replies": (), "reposts": (),
    "profile_visits": ("profile visits",), "url_clicks": ("url clicks",)}


class XContent(PostsExport):
    """x.com account analytics content export (2025 and 2026 headers)."""

    key = "x_content"
    title = "X analytics content export (account_analytics_content_*.csv)"
    provides = ("posts", "post_metrics")
    example_header = "Post id,Date,Post text,Link,Impressions,Likes,Engagements,Bookmarks,Share,…"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "post_id": ("post id",), "date": (), "text": ("post text",),
        "link": ("post link", "link"), **CURRENT_METRICS}
    required = ("post_id", "date", "text", "impressions", "engagements", "reposts")
    # Reposts are X's retweets: they are what `shares` held in the legacy export.
    fields: ClassVar[dict[str, str]] = {
        "impressions": "views", "likes": "likes", "engagements": "interactions",
        "bookmarks": "saves", "reposts": "shares", "new_follows": "follows", "replies": "comments",
        "profile_visits": "profile_visits", "url_clicks": "link_clicks"}

    def published(self, row: Row, ctx: Context) -> datetime | None:
        # The content export gives the day only ("Mon Feb 17 2025"): midnight is stored.
        day = cell(row, "date", lambda v: x_day(v, ctx.reference_date, ctx.tz))
        return datetime.combine(day, time(0), ZoneInfo(ctx.tz)) if day else None


class XOverview(DailyExport):
    """x.com account analytics overview export (one row per day, newest first)."""

    key = "x_overview"
    title = "X analytics overview export (account_overview_analytics.csv)"
    provides = ("account_daily",)
    example_header = "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,…"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "date": (), **CURRENT_METRICS, "unfollows": (), "create_post": ("create post",),
        "video_views": ("video views",), "media_views": ("media views",)}
    required = ("date", "impressions", "engagements", "new_follows", "unfollows")
    daily: ClassVar[dict[str, str]] = {
        "impressions": "views", "likes": "likes", "engagements": "interactions",
        "bookmarks": "saves", "reposts": "shares", "share": "share_sends",
        "new_follows": "follows", "unfollows": "unfollows", "replies": "comments",
        "profile_visits": "profile_visits", "create_post": "posts_published",
        "video_views": "video_views", "media_views": "media_views"}


FORMATS = [XTweetActivity(), XDailyActivity(), XContent(), XOverview()]
