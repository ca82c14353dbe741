"""Writing export files byte for byte as platforms do: encodings, quoting, line ends, zips, dates."""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .accounts import END, START, WIB

Cell = str | int | float | None
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Comments are fetched once, at the end of the year, and saved in one file per account.
COMMENT_MONTHS = 12


def text(value: Cell) -> str:
    """A cell as the exports print it: integers without '.0', empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(round(value, 4))
    return str(value)


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def quote_all(value: str) -> bool:
    """TikTok Studio and Meta series: every field quoted."""
    return True


def quote_minimal(value: str) -> bool:
    """RFC 4180 minimal quoting (X, YouTube Studio)."""
    return any(c in value for c in ',"\n\r')


def quote_spaced(value: str) -> bool:
    """Meta content exports also quote any field with a space in it."""
    return quote_minimal(value) or " " in value


def csv_text(rows: Iterable[Sequence[Cell]], should_quote: Callable[[str], bool],
             newline: str = "\n", final_newline: bool = True) -> str:
    """CSV text with the given quoting rule and line ends."""
    lines = [",".join(_quote(t) if should_quote(t) else t for t in map(text, row)) for row in rows]
    return newline.join(lines) + (newline if final_newline else "")


def encode(content: str, encoding: str) -> bytes:
    """Bytes with the BOM an exporter writes: utf-8-sig, utf-16-le (with BOM) or plain utf-8."""
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + content.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + content.encode("utf-8")
    return content.encode("utf-8")


def save(path: Path, data: bytes, when: datetime) -> Path:
    """Write a file and date it as the moment it was downloaded (importers read that date)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def zipped(members: list[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip as a browser download holds it; member dates are local time of the download."""
    local = (when + WIB).replace(tzinfo=None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def day_of(index: int) -> date:
    """The calendar day of a day index."""
    return START + timedelta(days=index)


def download_time(day: date, hour_wib: int = 9) -> datetime:
    """When a user downloaded an export: a given day, in the morning in Jakarta."""
    return datetime(day.year, day.month, day.day, hour_wib, tzinfo=UTC) - WIB


def months() -> list[tuple[int, int]]:
    """(first, last) day index of each calendar month of the window."""
    out: list[tuple[int, int]] = []
    first = 0
    while first <= (END - START).days:
        d = day_of(first)
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        last = min((nxt - START).days - 1, (END - START).days)
        out.append((first, last))
        first = last + 1
    return out


def quarters() -> list[tuple[int, int]]:
    """(first, last) day index of each three-month export window."""
    return windows(3)


def windows(n_months: int) -> list[tuple[int, int]]:
    """(first, last) day index of consecutive export windows of n months."""
    m = months()
    return [(m[i][0], m[min(i + n_months - 1, len(m) - 1)][1]) for i in range(0, len(m), n_months)]


def window_of(day_index: int, n_months: int) -> int:
    """Which n-month window a day index falls in."""
    return next(k for k, (a, b) in enumerate(windows(n_months)) if a <= day_index <= b)


def tiktok_day(d: date) -> str:
    """TikTok Studio's date in the Indonesian UI: day and month, no year ('8 Juli')."""
    return f"{d.day} {MONTHS_ID[d.month - 1]}"


def meta_time(ts: datetime) -> str:
    """Meta's 'Publish time': MM/DD/YYYY HH:MM in the account's time zone (WIB)."""
    return (ts + WIB).strftime("%m/%d/%Y %H:%M")


def x_day(d: date) -> str:
    """X analytics 2026 date: 'Tue, Jul 14, 2026'."""
    return f"{DAYS_EN[d.weekday()]}, {MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def iso_utc(ts: datetime, style: str = "meta") -> str:
    """API timestamps: Meta '+0000', X/YouTube 'Z' with milliseconds or seconds."""
    ts = ts.astimezone(UTC)
    if style == "meta":
        return ts.strftime("%Y-%m-%dT%H:%M:%S+0000")
    if style == "x":
        return ts.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def percent(share: float) -> str:
    """Meta Audience percentages: one decimal, trailing zeros dropped ('4%', '8.6%')."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".") + "%"


def fraction(share: float) -> str:
    """TikTok distributions: a fraction with up to three decimals ('0.55', '0')."""
    return f"{share:.3f}".rstrip("0").rstrip(".") or "0"
