"""Helpers for JSON comment dumps (API responses, instaloader, Apify): ids, counts, one record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from ..i18n import t
from .base import AccountRef, Context, Record, Skip, comment_text
from .comments_generic import _post_id_from_permalink
from .values import parse_datetime

# What a JSON item of an unexpected shape raises when read: the item is skipped, not the file.
SHAPE_ERRORS = (TypeError, AttributeError, ValueError, OverflowError, OSError, KeyError)


def msg(key: str, **values: object) -> str:
    """A translated skip reason or warning (catalogue importers_social.*.json)."""
    return t(key, None, **values)


def obj(value: Any) -> dict[str, Any]:
    """The value if it is a JSON object, else an empty one (hostile files put anything anywhere)."""
    return value if isinstance(value, dict) else {}


def seq(value: Any) -> list[Any]:
    """The value if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def text_or_none(value: Any) -> str | None:
    """A string value, or None for anything else."""
    return value if isinstance(value, str) else None


def guarded(line: int, produce: Callable[..., Iterable[Record | Skip] | Record | Skip],
            *args: Any) -> Iterator[Record | Skip]:
    """The records `produce(*args)` maps from one item, or a Skip if the item's shape breaks it."""
    try:
        produced = produce(*args)
        if isinstance(produced, Record | Skip):
            yield produced
        else:
            yield from produced
    except SHAPE_ERRORS as exc:
        yield Skip(line, msg("soc.bad_shape", kind=type(exc).__name__))


def as_id(value: Any) -> str | None:
    """An id as a string exactly as written (JSON integers stay exact in Python; floats are not)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A float id has already lost digits beyond 2^53: keep only what is certainly exact.
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text and len(text) <= 256 else None


INT64_MAX = 2**63 - 1


def bounded(value: int | None) -> int | None:
    """A count the store's BIGINT can hold; an absurd one is no data."""
    return value if value is None or abs(value) <= INT64_MAX else None


def as_count(value: Any) -> int | None:
    """A count from an int, a float or a string ('3', '1,204'); None when absent or unreadable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return bounded(value)
    if isinstance(value, float):
        return int(value) if value == value and abs(value) < 1e18 else None
    text = str(value).strip().replace(",", "").replace(".", "")
    return bounded(int(text)) if text.isdigit() and len(text) < 20 else None


def as_time(value: Any, ctx: Context) -> datetime | None:
    """Unix seconds (int, float or digits) or an ISO/exporter date string; None when unreadable."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        if isinstance(value, int | float):
            seconds = float(value) / (1000 if value > 1e11 else 1)  # milliseconds in some dumps
            return datetime.fromtimestamp(seconds, tz=UTC)
        return parse_datetime(str(value), ctx.tz)
    except (ValueError, OverflowError, OSError):
        ctx.warn(msg("soc.bad_times"))
        return None


def comment_record(ctx: Context, *, account: AccountRef, platform: str, comment_id: Any,
                   text: Any, post_id: Any = None, parent_id: Any = None, author: Any = None,
                   author_id: Any = None, created: Any = None, likes: Any = None,
                   hidden: bool | None = None, line: int = 0) -> Record | Skip:
    """One comments record, or a Skip saying why the item cannot be one."""
    cid = as_id(comment_id)
    if cid is None:
        return Skip(line, msg("soc.no_comment_id"))
    if not isinstance(text, str) or not text.strip():
        return Skip(line, msg("soc.no_comment_text"))
    clean = comment_text(text, ctx)
    handle = author.strip().lstrip("@") or None if isinstance(author, str) else None
    return Record("comments", {
        "account": account, "platform": platform, "platform_comment_id": cid,
        "platform_post_id": as_id(post_id), "parent_comment_id": as_id(parent_id),
        "author_handle": handle, "author_id": as_id(author_id), "text": clean,
        "created_at": created if isinstance(created, datetime) or created is None
        else as_time(created, ctx),
        "like_count": as_count(likes), "hidden": hidden,
    }, line=line)


def items_of(data: Any) -> list[Any]:
    """The items of a dataset: a list, JSONL, or a wrapper object with an items/data list."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("items", "data", "comments", "results"):
            if isinstance(data.get(key), list):
                return list(data[key])
        return [data]
    return []


def permalink_post_id(url: Any) -> str | None:
    """A post id from a permalink, when the value is a string."""
    return _post_id_from_permalink(url) if isinstance(url, str) else None
