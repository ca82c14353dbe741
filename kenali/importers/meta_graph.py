"""Reading Graph API responses saved to files (Instagram and Facebook share the shapes)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

from .base import AccountRef, Context, Detection, Format, Record, Skip, comment_text
from .meta_common import as_bool, as_float, as_int, bucket_date, id_string, skip, warn
from .readers import Document
from .values import parse_datetime

DAY_SECONDS = range(82_800, 90_001)  # a day window, allowing for a DST change in the bucket zone


def response_pages(data: Any) -> list[dict[str, Any]]:
    """The response objects in a saved file: one response, or a list of pages of one."""
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list) and data and all(isinstance(p, dict) for p in data) \
            and any(isinstance(p.get("data"), list) for p in data):
        return data
    return []


def page_items(data: Any) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    """(item number, item, its page) for every `data` item of the response pages.

    A bare list of items is not a Graph response (scrapers write those) and yields nothing.
    """
    out: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    for page in response_pages(data):
        items = page.get("data")
        if not isinstance(items, list):
            continue
        for item in items:
            out.append((len(out) + 1, item, page))
    return out


def all_items_are(data: Any, test: Callable[[dict[str, Any]], bool], least: int = 1) -> bool:
    """True when the file has data items, every one a dict passing `test`."""
    items = page_items(data)
    return len(items) >= least and all(isinstance(i, dict) and test(i) for _, i, _ in items)


def _timestamp(url: Any, name: str) -> int | None:
    if not isinstance(url, str):
        return None
    try:
        values = parse_qs(urlparse(url).query).get(name)
    except ValueError:
        return None
    return int(values[0]) if values and values[0].isdigit() else None


def paging_window(page: dict[str, Any]) -> tuple[int, int] | None:
    """The since/until of a page, read from its neighbours' paging links (unix seconds)."""
    paging = page.get("paging")
    if not isinstance(paging, dict):
        return None
    since = _timestamp(paging.get("previous"), "until")
    until = _timestamp(paging.get("next"), "since")
    return (since, until) if since is not None and until is not None and until > since else None


def edge_owner(page: dict[str, Any], edge: str) -> str | None:
    """The id an edge was read from (`/<ID>/comments?...`), from a page's paging links."""
    paging = page.get("paging")
    if not isinstance(paging, dict):
        return None
    for link in (paging.get("next"), paging.get("previous")):
        if isinstance(link, str):
            match = re.search(r"/(\d[\d_]*)/" + re.escape(edge) + r"/?$", urlparse(link).path)
            if match:
                return match.group(1)
    return None


# -- insights items ------------------------------------------------------------------------

def is_insight(item: dict[str, Any]) -> bool:
    """An insights item: a metric name with `values` or `total_value`."""
    return isinstance(item.get("name"), str) and (
        isinstance(item.get("values"), list) or isinstance(item.get("total_value"), dict))


def insight_owner(item: dict[str, Any]) -> str | None:
    """The object an insights item is about, from its id `<OWNER>/insights/<metric>/<period>`."""
    raw = item.get("id")
    if isinstance(raw, str) and "/insights/" in raw:
        return raw.split("/insights/")[0].strip() or None
    return None


def has_end_time(item: dict[str, Any]) -> bool:
    values = item.get("values")
    return isinstance(values, list) and any(isinstance(v, dict) and "end_time" in v for v in values)


@dataclass
class Point:
    """One value of an insights item: its day (None for lifetime totals) and its value."""

    day: date | None
    value: Any


def points(item: dict[str, Any], page: dict[str, Any], ctx: Context) -> list[Point] | str:
    """The dated values of an item, or the reason they cannot be used."""
    values = item.get("values")
    if isinstance(values, list):
        found = []
        for value in values:
            if not isinstance(value, dict) or "value" not in value:
                return "a value without 'value'"
            end = value.get("end_time")
            if end is None:
                found.append(Point(None, value["value"]))
                continue
            if not isinstance(end, str):
                return f"end_time {end!r} is not a time"
            try:
                found.append(Point(bucket_date(end, ctx.tz), value["value"]))
            except ValueError:
                return f"end_time {end!r} is not a time"
        return found
    total = item.get("total_value")
    if not isinstance(total, dict):
        return "neither 'values' nor 'total_value'"
    if item.get("period") == "lifetime":
        return [Point(None, total)]
    window = paging_window(page)
    if window is None or (window[1] - window[0]) not in DAY_SECONDS:
        return "a total over a range the file does not state: request period=day with " \
               "metric_type=time_series, or one day per request"
    start = datetime.fromtimestamp(window[0], tz=ZoneInfo(ctx.tz)).date()
    return [Point(start, total)]


def breakdown_rows(total: dict[str, Any]) -> list[tuple[list[str], list[str], Any]]:
    """(dimension keys, dimension values, value) of every breakdown result in a total_value."""
    rows = []
    breakdowns = total.get("breakdowns")
    for breakdown in breakdowns if isinstance(breakdowns, list) else []:
        if not isinstance(breakdown, dict):
            continue
        keys = breakdown.get("dimension_keys")
        results = breakdown.get("results")
        if not isinstance(keys, list) or not isinstance(results, list):
            continue
        for result in results:
            if isinstance(result, dict) and isinstance(result.get("dimension_values"), list):
                rows.append(([str(k) for k in keys], [str(v) for v in result["dimension_values"]],
                             result.get("value")))
    return rows


GENDER_CODES = {"F": "female", "M": "male", "U": "unknown"}


def audience_bucket(keys: list[str], values: list[str]) -> tuple[str, str] | None:
    """(dimension, bucket) of a demographics breakdown; the `timeframe` key is dropped."""
    pairs = [(k.lower(), v) for k, v in zip(keys, values, strict=False) if k.lower() != "timeframe"]
    if not pairs:
        return None
    order = {"age": 0, "gender": 1}
    pairs.sort(key=lambda kv: order.get(kv[0], 2))
    dimension = "_".join(k for k, _ in pairs)
    bucket = "|".join(GENDER_CODES.get(v.upper(), v.lower()) if k == "gender" else v
                      for k, v in pairs)
    return dimension, bucket


def add_marginals(rows: list[Record]) -> list[Record]:
    """Age and gender totals summed from age × gender counts, where the file lacks them."""
    extra: list[Record] = []
    groups: dict[tuple[Any, ...], list[Record]] = {}
    for record in rows:
        v = record.values
        groups.setdefault((v["snapshot_date"], v["audience_kind"]), []).append(record)
    for group in groups.values():
        dims = {r.values["dimension"] for r in group}
        joint = [r for r in group if r.values["dimension"] == "age_gender"]
        for index, dimension in ((0, "age"), (1, "gender")):
            if not joint or dimension in dims:
                continue
            sums: dict[str, float] = {}
            for record in joint:
                part = record.values["bucket"].split("|")[index]
                sums[part] = sums.get(part, 0.0) + record.values["value"]
            for bucket, value in sums.items():
                extra.append(Record("audience", {**joint[0].values, "dimension": dimension,
                                                 "bucket": bucket, "value": value},
                                    joint[0].line))
    return rows + extra


# -- comments ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommentFields:
    """Where a platform's comment node keeps each field."""

    platform: str
    text: str
    created: str
    hidden: str
    replies: str


IG_COMMENT = CommentFields("instagram", "text", "timestamp", "hidden", "replies")
FB_COMMENT = CommentFields("facebook", "message", "created_time", "is_hidden", "comments")


_FB_PERMALINK = re.compile(r"facebook\.com/(\d+)/(?:posts|videos)/(\d+)")


def post_from_permalink(url: Any) -> str | None:
    """A Page post id `<PAGE_ID>_<POST_ID>` from a comment's `permalink_url`."""
    match = _FB_PERMALINK.search(url) if isinstance(url, str) else None
    return f"{match.group(1)}_{match.group(2)}" if match else None


def _object(item: dict[str, Any], key: str) -> dict[str, Any]:
    value = item.get(key)
    return value if isinstance(value, dict) else {}


def walk_comments(items: list[Any], fields: CommentFields, post_id: str | None,
                  parent_id: str | None, account: AccountRef, ctx: Context,
                  line: int) -> Iterator[Record | Skip]:
    """Comments and their nested replies as records (`line` is the top-level item number)."""
    for item in items:
        if not isinstance(item, dict):
            yield skip(line, "meta.not_an_object")
            continue
        comment_id = id_string(item.get("id"))
        text = item.get(fields.text)
        if comment_id is None:
            yield skip(line, "meta.no_comment_id")
            continue
        author, media, parent = (_object(item, k) for k in ("from", "media", "parent"))
        own_post = id_string(media.get("id")) or id_string(item.get("media_id")) or post_id \
            or post_from_permalink(item.get("permalink_url"))
        own_parent = id_string(item.get("parent_id")) or id_string(parent.get("id")) or parent_id
        if not isinstance(text, str) or not text.strip():
            yield skip(line, "meta.empty_comment", id=comment_id)
        else:
            created = None
            raw_created = item.get(fields.created)
            if isinstance(raw_created, str):
                try:
                    created = parse_datetime(raw_created, ctx.tz)
                except ValueError:
                    warn(ctx, "meta.bad_time", field=fields.created)
            # Instagram names the author by username; Facebook only by display name.
            handle = next((v for v in (item.get("username"), author.get("username"),
                                       author.get("name")) if isinstance(v, str) and v), None)
            yield Record("comments", {
                "account": account, "platform": fields.platform,
                "platform_comment_id": comment_id, "platform_post_id": own_post,
                "parent_comment_id": own_parent,
                "author_handle": handle.lstrip("@") if handle else None,
                "author_id": id_string(author.get("id")),
                "text": comment_text(text, ctx), "created_at": created,
                "like_count": as_int(item.get("like_count")),
                "hidden": as_bool(item.get(fields.hidden)),
            }, line)
        replies = item.get(fields.replies)
        if isinstance(replies, dict) and isinstance(replies.get("data"), list):
            yield from walk_comments(replies["data"], fields, own_post, comment_id, account, ctx,
                                     line)


def comment_like(fields: CommentFields) -> Callable[[dict[str, Any]], bool]:
    """A test for one comment node of this platform."""
    other = "message" if fields.text == "text" else "text"

    def test(item: dict[str, Any]) -> bool:
        return "id" in item and fields.text in item and other not in item and (
            fields.created in item or "from" in item or "username" in item
            or fields.replies in item)
    return test


# -- a base for the JSON formats -----------------------------------------------------------

class JsonFormat(Format):
    """A Graph API response shape saved as JSON (one response or a list of pages)."""

    kinds = ("json", "jsonl")
    example_header = ""
    missing_hint: str = "JSON shape"

    def fits(self, data: Any) -> bool:
        """True when the document's JSON has this format's shape."""
        raise NotImplementedError

    def detect(self, doc: Document) -> Detection:
        if doc.kind not in self.kinds or doc.data is None:
            return Detection(0.0, [self.missing_hint])
        try:
            fits = self.fits(doc.data)
        except (AttributeError, TypeError, KeyError, IndexError):
            fits = False  # a hostile shape is simply not ours
        return Detection(1.0) if fits else Detection(0.0, [self.missing_hint])


def number(value: Any) -> float | None:
    """A metric value: a finite number or None."""
    return as_float(value)
