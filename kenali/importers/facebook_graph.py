"""Facebook Page Graph API responses saved as JSON: Page insights, post insights, comments."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import AccountRef, Context, Record, Skip
from .meta_common import id_string, observed_date, skip, target_account, warn
from .meta_graph import (
    FB_COMMENT,
    JsonFormat,
    add_marginals,
    all_items_are,
    comment_like,
    edge_owner,
    insight_owner,
    is_insight,
    number,
    page_items,
    points,
    response_pages,
    walk_comments,
)
from .readers import Document

# Page metric -> account_daily metric (current names, formats.md §1.4).
PAGE_METRICS = {
    "page_media_view": "views", "page_total_media_view_unique": "reach",
    "page_follows": "followers", "page_daily_follows_unique": "follows",
    "page_daily_follows": "follows", "page_daily_unfollows_unique": "unfollows",
    "page_post_engagements": "interactions", "page_views_total": "profile_visits",
    "page_video_views": "video_views", "page_total_actions": "page_actions",
    "page_actions_post_reactions_total": "reactions",
}
# Retired Page metrics -> the metric they fed, used only when the current one is absent.
RETIRED_PAGE = {
    "page_impressions": ("views", "page_media_view"),
    "page_impressions_unique": ("reach", "page_total_media_view_unique"),
    "page_fans": ("followers", "page_follows"),
    "page_fan_adds_unique": ("follows", "page_daily_follows_unique"),
    "page_fan_adds": ("follows", "page_daily_follows_unique"),
    "page_fan_removes_unique": ("unfollows", "page_daily_unfollows_unique"),
    "page_fan_removes": ("unfollows", "page_daily_unfollows_unique"),
}
# When both are present, the unique count wins over the plain one.
PREFERRED = {"page_daily_follows": "page_daily_follows_unique",
             "page_fan_adds": "page_fan_adds_unique", "page_fan_removes": "page_fan_removes_unique"}
# Dict-valued Page metrics that are audience distributions (the `page_fans_*` ones are retired).
AUDIENCE_METRICS = {
    "page_follows_country": "country", "page_follows_city": "city",
    "page_follows_gender_age": "age_gender", "page_fans_country": "country",
    "page_fans_city": "city", "page_fans_gender_age": "age_gender", "page_fans_locale": "locale",
}
STOCK_METRICS = {"page_follows", "page_fans"}  # totals: any period is the count on that day
GENDERS = {"F": "female", "M": "male", "U": "unknown"}

POST_METRICS: dict[str, tuple[str, float]] = {
    "post_media_view": ("views", 1), "post_total_media_view_unique": ("reach", 1),
    "post_video_avg_time_watched": ("avg_watch_time_s", 0.001),
    "post_video_view_time": ("watch_time_s", 0.001),
}
RETIRED_POST = {"post_impressions": "views", "post_impressions_unique": "reach"}
REACTION_TOTALS = {"post_reactions_by_type_total"}
ACTIVITY = {"post_activity_by_action_type": {"share": "shares", "comment": "comments",
                                             "like": "likes"},
            "post_clicks_by_type": {"link clicks": "link_clicks"}}


def _named(prefix: str) -> Any:
    return lambda item: is_insight(item) and str(item.get("name", "")).startswith(prefix)


def _age_gender(key: str) -> str:
    """'F.18-24' -> '18-24|female'."""
    gender, _, age = key.partition(".")
    return f"{age}|{GENDERS.get(gender.upper(), gender.lower())}" if age else key


class FacebookPageInsights(JsonFormat):
    """`GET /<PAGE_ID>/insights?period=day`: daily Page metrics and follower distributions."""

    key = "facebook_graph_page_insights"
    platform = "facebook"
    title = "Facebook Graph API: Page insights (JSON)"
    provides = ("account_daily", "audience")
    example_header = ('{"data": [{"name": "page_media_view", "period": "day", '
                      '"values": [{"value": 8200, "end_time": "…"}]}]}')
    needs_account = True  # the file names the Page by numeric id only
    missing_hint = "data[].name page_* + values[].end_time"

    def fits(self, data: Any) -> bool:
        return all_items_are(data, _named("page_"))

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        items = page_items(doc.data)
        names = {str(i.get("name")) for _, i, _ in items if isinstance(i, dict)}
        for line, item, page in items:
            if not isinstance(item, dict) or not is_insight(item):
                yield skip(line, "meta.not_insight")
                continue
            name = str(item["name"])
            account = target_account("facebook", ctx, insight_owner(item))
            if name in PREFERRED and PREFERRED[name] in names:
                yield skip(line, "meta.retired_superseded", metric=name, new=PREFERRED[name])
                continue
            if item.get("period") not in ("day", None) and not (
                    name in STOCK_METRICS or name in AUDIENCE_METRICS):
                yield skip(line, "meta.period_not_day", metric=name, period=item.get("period"))
                continue
            found = points(item, page, ctx)
            if isinstance(found, str):
                yield Skip(line, f"{name}: {found}")
                continue
            if name in AUDIENCE_METRICS:
                if name.startswith("page_fans"):
                    warn(ctx, "meta.retired_metric", metric=name, new=AUDIENCE_METRICS[name])
                yield from self._audience(name, found, account, ctx, line)
                continue
            metric = PAGE_METRICS.get(name)
            if metric is None and name in RETIRED_PAGE:
                metric, current = RETIRED_PAGE[name]
                if current in names:
                    yield skip(line, "meta.retired_superseded", metric=name, new=current)
                    continue
                warn(ctx, "meta.retired_metric", metric=name, new=metric)
            elif metric is None:
                metric = name.removeprefix("page_")
                retired = name.startswith(("page_impressions", "page_fan", "page_engaged"))
                warn(ctx, "meta.retired_metric" if retired else "meta.unknown_metric",
                     metric=name, new=metric)
            for point in found:
                value = point.value
                if isinstance(value, dict):  # e.g. reactions by type: the day's total
                    parts = [number(v) for v in value.values()]
                    value = sum(p for p in parts if p is not None) if parts else None
                if point.day is None or number(value) is None:
                    yield skip(line, "meta.not_a_number", metric=name)
                    continue
                yield Record("account_daily", {"account": account, "date": point.day,
                                               "metric": metric, "value": number(value)}, line)

    def _audience(self, name: str, found: list[Any], account: AccountRef, ctx: Context,
                  line: int) -> Iterator[Record | Skip]:
        dimension = AUDIENCE_METRICS[name]
        rows: list[Record] = []
        for point in found:
            if not isinstance(point.value, dict):
                yield skip(line, "meta.not_a_number", metric=name)
                continue
            for key, value in point.value.items():
                if number(value) is None:
                    continue
                bucket = _age_gender(str(key)) if dimension == "age_gender" else str(key)
                rows.append(Record("audience", {
                    "account": account, "snapshot_date": point.day or observed_date(ctx),
                    "audience_kind": "followers", "dimension": dimension, "bucket": bucket,
                    "value": number(value), "unit": "count"}, line))
        yield from add_marginals(rows)


class FacebookPostInsights(JsonFormat):
    """`GET /<POST_ID>/insights`: lifetime (or daily) post metrics, one or several posts."""

    key = "facebook_graph_post_insights"
    platform = "facebook"
    title = "Facebook Graph API: post insights (JSON)"
    provides = ("post_metrics",)
    example_header = ('{"data": [{"name": "post_media_view", "period": "lifetime", '
                      '"values": [{"value": 8020}], "id": "<POST_ID>/insights/…"}]}')
    needs_account = False
    missing_hint = "data[].name post_* + id <POST_ID>/insights/..."

    def fits(self, data: Any) -> bool:
        return all_items_are(data, lambda i: _named("post_")(i) and insight_owner(i) is not None)

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        grouped: dict[tuple[str, str, Any], dict[str, Any]] = {}
        lines: dict[tuple[str, str, Any], int] = {}
        for line, item, page in page_items(doc.data):
            post = insight_owner(item) if isinstance(item, dict) else None
            if post is None or not is_insight(item):
                yield skip(line, "meta.not_insight")
                continue
            found = points(item, page, ctx)
            if isinstance(found, str):
                yield Skip(line, f"{item['name']}: {found}")
                continue
            for point in found:
                period = "lifetime" if point.day is None else "day"
                as_of = point.day or observed_date(ctx)
                key = (post, period, as_of)
                grouped.setdefault(key, {})[str(item["name"])] = point.value
                lines.setdefault(key, line)
        for (post, period, as_of), metrics in grouped.items():
            yield Record("post_metrics", {
                "platform": "facebook", "platform_post_id": post, "period": period,
                "as_of": as_of, **self._columns(metrics, ctx)}, lines[(post, period, as_of)])

    def _columns(self, metrics: dict[str, Any], ctx: Context) -> dict[str, float | None]:
        columns: dict[str, float | None] = {}
        for name, value in metrics.items():
            if name in POST_METRICS:
                column, factor = POST_METRICS[name]
                figure = number(value)
                columns[column] = None if figure is None else figure * factor
            elif name in REACTION_TOTALS and isinstance(value, dict):
                parts = [number(v) for v in value.values()]
                columns["likes"] = sum(p for p in parts if p is not None)
            elif name in ACTIVITY and isinstance(value, dict):
                for kind, column in ACTIVITY[name].items():
                    if number(value.get(kind)) is not None:
                        columns.setdefault(column, number(value.get(kind)))
        for name, column in RETIRED_POST.items():
            if columns.get(column) is None and number(metrics.get(name)) is not None:
                columns[column] = number(metrics[name])
                warn(ctx, "meta.retired_metric", metric=name, new=column)
        return columns


POST_KEYS = ("status_type", "full_picture", "attachments", "shares", "story", "is_published")
COMMENT_KEYS = ("like_count", "is_hidden", "can_hide", "comment_count", "parent", "attachment")


def _post_object(item: dict[str, Any]) -> bool:
    """A Page post (`/<PAGE_ID>/posts?fields=…,comments{…}`), not a comment."""
    if "id" not in item or any(k in item for k in COMMENT_KEYS):
        return False
    link = item.get("permalink_url")
    return "message" not in item or any(k in item for k in POST_KEYS) \
        or (isinstance(link, str) and "comment_id=" not in link)


def _post_like(item: dict[str, Any]) -> bool:
    """A post carrying its comments edge (Meta leaves the edge out when there are none)."""
    edge = item.get("comments")
    return _post_object(item) and isinstance(edge, dict) and isinstance(edge.get("data"), list)


def _comment(item: dict[str, Any]) -> bool:
    return comment_like(FB_COMMENT)(item) and not _post_object(item)


class FacebookComments(JsonFormat):
    """`GET /<POST_ID>/comments` pages (replies under `comments`), or posts with a comments edge."""

    key = "facebook_graph_comments"
    platform = "facebook"
    title = "Facebook Graph API: comments with replies (JSON)"
    provides = ("comments",)
    example_header = ('{"data": [{"id": "…", "message": "…", "created_time": "…", '
                      '"from": {"id": "…", "name": "…"}, "comments": {…}}]}')
    needs_account = False
    missing_hint = "data[].id + message + created_time/from"

    def fits(self, data: Any) -> bool:
        return all_items_are(data, _comment) or (
            all_items_are(data, _post_object) and any(_post_like(i) for _, i, _ in page_items(data)))

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        account = target_account("facebook", ctx)
        owners = {id(p): edge_owner(p, "comments") for p in response_pages(doc.data)}
        for line, item, page in page_items(doc.data):
            if isinstance(item, dict) and _post_object(item):
                if _post_like(item):  # a post without comments has no edge: nothing to store
                    yield from walk_comments(item["comments"]["data"], FB_COMMENT,
                                             id_string(item.get("id")), None, account, ctx, line)
            else:
                yield from walk_comments([item], FB_COMMENT, owners.get(id(page)), None, account,
                                         ctx, line)


FORMATS = [FacebookPageInsights(), FacebookPostInsights(), FacebookComments()]
