"""Instagram Graph API responses saved as JSON: account insights, media, media insights, comments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from .base import AccountRef, Context, Record, Skip
from .meta_common import (
    as_int,
    default_handle,
    id_string,
    observed_date,
    skip,
    target_account,
    warn,
)
from .meta_graph import (
    IG_COMMENT,
    JsonFormat,
    add_marginals,
    all_items_are,
    audience_bucket,
    breakdown_rows,
    comment_like,
    edge_owner,
    has_end_time,
    insight_owner,
    is_insight,
    number,
    page_items,
    points,
    response_pages,
    walk_comments,
)
from .readers import Document
from .values import hashtags, mentions, nfc, parse_datetime

PACIFIC = ZoneInfo("America/Los_Angeles")  # the zone Meta's day buckets close in
DEMOGRAPHICS = {"follower_demographics": "followers", "engaged_audience_demographics": "engaged",
                "reached_audience_demographics": "reached"}
# Account metric -> account_daily metric. Retired ones (formats.md §1.1) are kept readable.
ACCOUNT_METRICS = {
    "reach": "reach", "views": "views", "accounts_engaged": "accounts_engaged",
    "total_interactions": "interactions", "likes": "likes", "comments": "comments",
    "shares": "shares", "saves": "saves", "replies": "replies", "reposts": "reposts",
    "profile_links_taps": "profile_links_taps", "follower_count": "follows",
    "follows_and_unfollows": "follows_and_unfollows",
}
RETIRED_ACCOUNT = {"impressions": "views", "profile_views": "profile_visits",
                   "website_clicks": "link_clicks", "email_contacts": "email_contacts",
                   "get_directions_clicks": "get_directions_clicks",
                   "text_message_clicks": "text_message_clicks",
                   "phone_call_clicks": "phone_call_clicks"}
FOLLOW_TYPES = {"FOLLOWER": "follows", "NON_FOLLOWER": "unfollows"}
# Media metric -> post_metrics column, with the unit factor (milliseconds -> seconds).
MEDIA_METRICS: dict[str, tuple[str, float]] = {
    "reach": ("reach", 1), "views": ("views", 1), "likes": ("likes", 1),
    "comments": ("comments", 1), "shares": ("shares", 1), "saved": ("saves", 1),
    "saves": ("saves", 1), "follows": ("follows", 1), "profile_visits": ("profile_visits", 1),
    "total_interactions": ("interactions", 1),
    "ig_reels_avg_watch_time": ("avg_watch_time_s", 0.001),
    "ig_reels_video_view_total_time": ("watch_time_s", 0.001),
}
# Retired view counts, in the order we prefer them when a media has no `views`.
RETIRED_VIEWS = ("plays", "ig_reels_aggregated_all_plays_count", "video_views", "impressions")
MEDIA_IGNORED = {"navigation", "reels_skip_rate", "replies", "reposts", "crossposted_views",
                 "facebook_views", "total_comments", "total_likes", "total_views",
                 "clips_replays_count", "profile_activity", "exits", "taps_forward", "taps_back",
                 "engagement"}
REACH_BY_FOLLOW = {"FOLLOWER": "reach_followers", "NON_FOLLOWER": "reach_non_followers"}
PRODUCT_TYPES = {"REELS": "reel", "REEL": "reel", "STORY": "story"}
MEDIA_TYPES = {"IMAGE": "image", "CAROUSEL_ALBUM": "carousel", "VIDEO": "video"}


def _is_media_insight(item: dict[str, Any]) -> bool:
    return item.get("name") not in DEMOGRAPHICS and item.get("period") == "lifetime" \
        and not has_end_time(item)


def _meta_named(item: dict[str, Any]) -> bool:
    return str(item.get("name", "")).startswith(("page_", "post_"))


class InstagramInsights(JsonFormat):
    """`GET /<IG_ID>/insights`: daily series, one-day totals and follower demographics."""

    key = "instagram_graph_insights"
    platform = "instagram"
    title = "Instagram Graph API: account insights and demographics (JSON)"
    provides = ("account_daily", "audience", "follower_activity")
    example_header = ('{"data": [{"name": "reach", "period": "day", '
                      '"values": [{"value": 431, "end_time": "…"}]}], "paging": {…}}')
    needs_account = True  # the file names the account by numeric id only
    missing_hint = "data[].name + values[].end_time / total_value"

    def fits(self, data: Any) -> bool:
        items = [i for _, i, _ in page_items(data)]
        return bool(items) and all(isinstance(i, dict) and is_insight(i) and not _meta_named(i)
                                   for i in items) \
            and any(not _is_media_insight(i) for i in items)

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        items = page_items(doc.data)
        names = {i.get("name") for _, i, _ in items if isinstance(i, dict)}
        audience: list[Record] = []
        timeframes: set[str] = set()
        for line, item, page in items:
            if not isinstance(item, dict) or not is_insight(item):
                yield skip(line, "meta.not_insight")
                continue
            name = str(item["name"])
            account = target_account("instagram", ctx, insight_owner(item))
            found = points(item, page, ctx)
            if isinstance(found, str):
                yield Skip(line, f"{name}: {found}")
                continue
            if name in DEMOGRAPHICS:
                for point in found:
                    audience.extend(self._demographics(item, point.value, account, ctx, line,
                                                       timeframes))
                continue
            if _is_media_insight(item):
                yield skip(line, "meta.media_in_account_file", metric=name)
                continue
            yield from self._metric(name, item, found, names, account, ctx, line)
        if len(timeframes) > 1:
            warn(ctx, "meta.several_timeframes", timeframes=", ".join(sorted(timeframes)))
        yield from add_marginals(audience)

    def _metric(self, name: str, item: dict[str, Any], found: list[Any], names: set[Any],
                account: AccountRef, ctx: Context, line: int) -> Iterator[Record | Skip]:
        if name == "online_followers":
            yield from self._online(found, account, ctx, line)
            return
        if item.get("period") not in ("day", None):
            # week/days_28 values overlap day by day: storing them as days would double count.
            yield skip(line, "meta.period_not_day", metric=name, period=item.get("period"))
            return
        metric = ACCOUNT_METRICS.get(name)
        if metric is None and name in RETIRED_ACCOUNT:
            metric = RETIRED_ACCOUNT[name]
            if metric == "views" and "views" in names:
                yield skip(line, "meta.retired_superseded", metric=name, new="views")
                return
            warn(ctx, "meta.retired_metric", metric=name, new=metric)
        if metric is None:
            warn(ctx, "meta.unknown_metric", metric=name)
            metric = name
        for point in found:
            if point.day is None:
                yield skip(line, "meta.no_date")
                continue
            rows: list[tuple[str, Any]] = []
            if isinstance(point.value, dict):  # a total_value: its value and its breakdowns
                if "value" in point.value:
                    rows.append((metric, point.value["value"]))
                for keys, values, value in breakdown_rows(point.value):
                    if keys == ["follow_type"] and name == "follows_and_unfollows":
                        rows.append((FOLLOW_TYPES.get(values[0], f"{metric}:{values[0].lower()}"),
                                     value))
                    else:
                        rows.append((f"{metric}:{'|'.join(values).lower()}", value))
            else:
                rows.append((metric, point.value))
            for metric_name, value in rows:
                if number(value) is None:
                    yield skip(line, "meta.not_a_number", metric=metric_name)
                    continue
                yield Record("account_daily", {"account": account, "date": point.day,
                                               "metric": metric_name, "value": number(value)},
                             line)

    def _online(self, found: list[Any], account: AccountRef, ctx: Context,
                line: int) -> Iterator[Record | Skip]:
        """`online_followers`: {hour: count} per day, hours of Meta's Pacific day (unverified
        in Meta's docs, reported by integrators), moved to the account's zone."""
        for point in found:
            if point.day is None or not isinstance(point.value, dict):
                yield skip(line, "meta.not_a_number", metric="online_followers")
                continue
            for hour, count in point.value.items():
                if not str(hour).isdigit() or not 0 <= int(hour) <= 23 or number(count) is None:
                    continue
                pacific = datetime.combine(point.day, time(int(hour)), PACIFIC)
                local = pacific.astimezone(ZoneInfo(ctx.tz))
                yield Record("follower_activity", {"account": account, "date": local.date(),
                                                   "hour": local.hour,
                                                   "active_followers": number(count)}, line)

    def _demographics(self, item: dict[str, Any], total: Any, account: AccountRef,
                      ctx: Context, line: int, timeframes: set[str]) -> list[Record]:
        out: list[Record] = []
        if not isinstance(total, dict):
            return out
        for keys, values, value in breakdown_rows(total):
            timeframes.update(v for k, v in zip(keys, values, strict=False)
                              if k.lower() == "timeframe")
            found = audience_bucket(keys, values)
            if found is None or number(value) is None:
                continue
            out.append(Record("audience", {
                "account": account, "snapshot_date": observed_date(ctx),
                "audience_kind": DEMOGRAPHICS[str(item["name"])], "dimension": found[0],
                "bucket": found[1], "value": number(value), "unit": "count"}, line))
        return out


class InstagramMediaInsights(JsonFormat):
    """`GET /<MEDIA_ID>/insights` (lifetime values), one media or a list of responses."""

    key = "instagram_graph_media_insights"
    platform = "instagram"
    title = "Instagram Graph API: media insights (JSON)"
    provides = ("post_metrics",)
    example_header = ('{"data": [{"name": "reach", "period": "lifetime", '
                      '"values": [{"value": 2006}], "id": "<MEDIA_ID>/insights/reach/lifetime"}]}')
    needs_account = False  # post metrics hang on the media id
    missing_hint = "data[].name + period lifetime + id <MEDIA_ID>/insights/..."

    def fits(self, data: Any) -> bool:
        return all_items_are(data, lambda i: is_insight(i) and not _meta_named(i)
                             and _is_media_insight(i) and insight_owner(i) is not None)

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        by_media: dict[str, dict[str, Any]] = {}
        first_line: dict[str, int] = {}
        for line, item, _ in page_items(doc.data):
            media = insight_owner(item) if isinstance(item, dict) else None
            if media is None or not is_insight(item):
                yield skip(line, "meta.not_insight")
                continue
            value: Any = None
            values = item.get("values")
            if isinstance(values, list) and values and isinstance(values[0], dict):
                value = values[0].get("value")
            elif isinstance(item.get("total_value"), dict):
                value = item["total_value"]  # with its breakdowns, read in _columns
            by_media.setdefault(media, {})[str(item["name"])] = value
            first_line.setdefault(media, line)
        for media, metrics in by_media.items():
            yield Record("post_metrics", {
                "platform": "instagram", "platform_post_id": media, "period": "lifetime",
                "as_of": observed_date(ctx), **self._columns(metrics, ctx)}, first_line[media])

    def _columns(self, metrics: dict[str, Any], ctx: Context) -> dict[str, float | None]:
        columns: dict[str, float | None] = {}
        for name, total in metrics.items():
            value = total.get("value") if isinstance(total, dict) else total
            if name == "reach" and isinstance(total, dict):
                for keys, values, part in breakdown_rows(total):
                    if keys and keys[-1] == "follow_type" and values[-1] in REACH_BY_FOLLOW:
                        columns[REACH_BY_FOLLOW[values[-1]]] = number(part)
            if name in MEDIA_METRICS:
                column, factor = MEDIA_METRICS[name]
                figure = number(value)
                columns[column] = None if figure is None else figure * factor
            elif name not in MEDIA_IGNORED and name not in RETIRED_VIEWS:
                warn(ctx, "meta.unknown_metric", metric=name)
        if columns.get("views") is None:
            for retired in RETIRED_VIEWS:
                old = metrics.get(retired)
                old = old.get("value") if isinstance(old, dict) else old
                if number(old) is not None:
                    columns["views"] = number(old)
                    warn(ctx, "meta.retired_metric", metric=retired, new="views")
                    break
        activity = metrics.get("profile_activity")
        if isinstance(activity, dict):
            for _, values, value in breakdown_rows(activity):
                if values and values[-1] == "BIO_LINK_CLICKED":
                    columns["link_clicks"] = number(value)
        return columns


def _media_like(item: dict[str, Any]) -> bool:
    """An IG media node; comment nodes (`text`, Facebook's `message`) are not."""
    return "id" in item and "name" not in item and "text" not in item \
        and "message" not in item and any(
            k in item for k in ("media_type", "media_product_type", "permalink", "caption",
                                "media_url", "thumbnail_url", "shortcode"))


def _has_media_edge(obj: dict[str, Any]) -> bool:
    media = obj.get("media")
    return isinstance(media, dict) and isinstance(media.get("data"), list)


def _account_object(data: Any) -> dict[str, Any] | None:
    """An IG account object (`/<IG_ID>?fields=username,followers_count,media{…}`, also inside
    `business_discovery`): with a media edge, or with a follower count and a username."""
    if isinstance(data, dict):
        inner = data.get("business_discovery")
        obj = inner if isinstance(inner, dict) else data
        if _has_media_edge(obj):
            return obj
        # X's v1.1 user object also has followers_count: it says screen_name, not username.
        if as_int(obj.get("followers_count")) is not None and isinstance(obj.get("username"), str) \
                and "screen_name" not in obj and "public_metrics" not in obj:
            return obj
    return None


class InstagramMedia(JsonFormat):
    """`GET /<IG_ID>/media?fields=…` pages, or the account object (follower count, media edge)."""

    key = "instagram_graph_media"
    platform = "instagram"
    title = "Instagram Graph API: media list, or account object with followers_count (JSON)"
    provides = ("posts", "post_metrics", "follower_snapshots", "comments")
    example_header = ('{"data": [{"id": "…", "caption": "…", '
                      '"media_type": "CAROUSEL_ALBUM", "permalink": "…", "timestamp": "…", "like_count": 12}]}')
    needs_account = False  # a media item or its account object usually names the username
    missing_hint = "data[].id + media_type/permalink/timestamp"

    def fits(self, data: Any) -> bool:
        account = _account_object(data)
        if account is not None:
            return not _has_media_edge(account) or all(
                isinstance(m, dict) and _media_like(m) for m in account["media"]["data"])
        return all_items_are(data, _media_like)

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        account_obj = _account_object(doc.data)
        data = doc.data if account_obj is None else account_obj.get("media", {})
        owner_handle = account_obj.get("username") if account_obj else None
        owner_id = id_string(account_obj.get("id")) if account_obj else None
        if account_obj is not None and as_int(account_obj.get("followers_count")) is not None:
            handle = owner_handle if isinstance(owner_handle, str) else default_handle(ctx)
            if handle:
                yield Record("follower_snapshots", {
                    "account": AccountRef("instagram", handle.lower(), owner_id),
                    "observed_at": ctx.observed_at,
                    "followers": as_int(account_obj["followers_count"])}, 1)
            else:
                yield skip(1, "meta.no_account", platform="instagram")
        for line, item, _ in page_items(data):
            if not isinstance(item, dict) or id_string(item.get("id")) is None:
                yield skip(line, "meta.not_an_object")
                continue
            handle = item.get("username") if isinstance(item.get("username"), str) else owner_handle
            if not isinstance(handle, str) or not handle:
                handle = default_handle(ctx)
            if not handle:
                yield skip(line, "meta.no_account", platform="instagram")
                continue
            yield from self._media(item, AccountRef("instagram", handle.lower(), owner_id), ctx,
                                   line)

    def _media(self, item: dict[str, Any], account: AccountRef, ctx: Context,
               line: int) -> Iterator[Record | Skip]:
        media_id = id_string(item["id"])
        caption = nfc(item["caption"]) if isinstance(item.get("caption"), str) else None
        published = None
        if isinstance(item.get("timestamp"), str):
            try:
                published = parse_datetime(item["timestamp"], ctx.tz)
            except ValueError:
                warn(ctx, "meta.bad_time", field="timestamp")
        product = str(item.get("media_product_type", "")).upper()
        kind = PRODUCT_TYPES.get(product) or MEDIA_TYPES.get(str(item.get("media_type", "")).upper())
        yield Record("posts", {
            "account": account, "platform": "instagram", "platform_post_id": media_id,
            "published_at": published, "post_type": kind, "caption": caption,
            "permalink": item["permalink"] if isinstance(item.get("permalink"), str) else None,
            "hashtags": hashtags(caption), "mentions": mentions(caption)}, line)
        likes, comments = as_int(item.get("like_count")), as_int(item.get("comments_count"))
        if likes is not None or comments is not None:
            yield Record("post_metrics", {
                "platform": "instagram", "platform_post_id": media_id, "period": "lifetime",
                "as_of": observed_date(ctx), "likes": likes, "comments": comments}, line)
        edge = item.get("comments")
        if isinstance(edge, dict) and isinstance(edge.get("data"), list):
            yield from walk_comments(edge["data"], IG_COMMENT, media_id, None, account, ctx, line)


class InstagramComments(JsonFormat):
    """`GET /<MEDIA_ID>/comments` pages with replies expanded (one page or a list of pages)."""

    key = "instagram_graph_comments"
    platform = "instagram"
    title = "Instagram Graph API: comments with replies (JSON)"
    provides = ("comments",)
    example_header = ('{"data": [{"id": "…", "text": "…", "timestamp": "…", '
                      '"username": "…", "media": {"id": "…"}, "replies": {…}}]}')
    needs_account = False  # comments.account_id may stay empty; --account fills it
    missing_hint = "data[].id + text + timestamp/username/from"

    def fits(self, data: Any) -> bool:
        return all_items_are(data, comment_like(IG_COMMENT))

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        account = target_account("instagram", ctx)
        owners = {id(p): edge_owner(p, "comments") for p in response_pages(doc.data)}
        for line, item, page in page_items(doc.data):
            yield from walk_comments([item], IG_COMMENT, owners.get(id(page)), None, account,
                                     ctx, line)


FORMATS = [InstagramInsights(), InstagramMediaInsights(), InstagramMedia(), InstagramComments()]
