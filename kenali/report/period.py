"""Report periods: a calendar month ("2026-10") or an inclusive date range ("2026-10-01..2026-10-31")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import KenaliError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    """The reported days and the period it is compared with (the previous month, or the
    equally long stretch just before a date range)."""

    text: str
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    is_month: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse_period(text: str) -> Period:
    """Parse '2026-10' or '2026-10-01..2026-10-31'; a clear error otherwise."""
    value = (text or "").strip()
    month = _MONTH.match(value)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if not 1 <= number <= 12:
            raise KenaliError("laporan.error.bad_period", period=text)
        start = dt.date(year, number, 1)
        previous_end = start - dt.timedelta(days=1)
        return Period(value, start, _month_end(year, number),
                      previous_end.replace(day=1), previous_end, True)
    span = _RANGE.match(value)
    if not span:
        raise KenaliError("laporan.error.bad_period", period=text)
    try:
        start, end = (dt.date.fromisoformat(span.group(i)) for i in (1, 2))
    except ValueError:
        raise KenaliError("laporan.error.bad_period", period=text) from None
    if end < start or (end - start).days + 1 > MAX_DAYS:
        raise KenaliError("laporan.error.bad_range", start=start.isoformat(), end=end.isoformat(),
                          days=MAX_DAYS)
    length = dt.timedelta(days=(end - start).days + 1)
    return Period(value, start, end, start - length, start - dt.timedelta(days=1), False)
