"""Helpers shared by the Meta importers (Business Suite files, Graph API JSON, DYI JSON)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..i18n import t
from .base import AccountRef, Context, Skip


def observed_date(ctx: Context) -> date:
    """The observation day in the account's zone: the `as_of` of lifetime totals and snapshots."""
    return ctx.observed_at.astimezone(ZoneInfo(ctx.tz)).date()


def default_handle(ctx: Context) -> str | None:
    """The handle given with --account, if any."""
    return ctx.account.handle if ctx.account and ctx.account.handle else None


def target_account(platform: str, ctx: Context, account_id: str | None = None,
                   name: str | None = None) -> AccountRef:
    """The account a file is for when the file itself names no handle: the --account default."""
    return AccountRef(platform, default_handle(ctx), account_id, name)


def warn(ctx: Context, key: str, **values: object) -> None:
    """A translated warning for the import report."""
    ctx.warn(t(key, None, **values))


def skip(line: int, key: str, **values: object) -> Skip:
    """A translated reason for a row not imported."""
    return Skip(line, t(key, None, **values))


def bucket_date(end_time: str, tz: str) -> date:
    """The day a Graph API `period=day` value measures, from its `end_time`.

    `end_time` is the END of a 24-hour bucket (Meta closes buckets at midnight US-Pacific,
    07:00/08:00 UTC). We label the bucket with the calendar day, in the account's zone (WIB),
    on which it STARTS: (end_time - 24 h) in WIB. For Pacific buckets this is the Pacific day
    Meta itself labels (00:00 PT = 14:00/15:00 WIB the same day); it is also right for buckets
    closing at midnight UTC or midnight WIB. We never shift a bucket by a day to "fit" WIB:
    a Pacific day cannot be re-cut into WIB days.
    """
    end = datetime.fromisoformat(end_time.strip().replace("Z", "+00:00"))
    if end.tzinfo is None:
        raise ValueError(f"end_time without a zone: {end_time!r}")
    return (end - timedelta(days=1)).astimezone(ZoneInfo(tz)).date()


def as_int(value: Any) -> int | None:
    """An integer from a JSON number or numeric string; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == value:
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value.strip())
    return None


def as_float(value: Any) -> float | None:
    """A finite number from a JSON number or numeric string; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if number == number and abs(number) != float("inf") else None


def as_bool(value: Any) -> bool | None:
    """A boolean from JSON true/false or the strings 'true'/'false'."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def id_string(value: Any) -> str | None:
    """An id as a string (JSON may give a number); None when absent or not an id."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
