"""Parse the values found in export files: NULL tokens, localised numbers, durations, dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..i18n import t

DEFAULT_TZ = "Asia/Jakarta"
NULL_TOKENS = frozenset({"", "-", "--", "undefined", "n/a", "na", "null", "none", "nan", "—", "–"})

_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_EXCEL_ESCAPED = re.compile(r'^="(.*)"$')
# An id a spreadsheet showed as a number ('1.78949E+16'): its last digits are gone for good.
_MANGLED_ID = re.compile(r"^-?\d+(?:[.,]\d+)?[eE]\+\d+$")


def is_null(raw: str | None) -> bool:
    """True for the tokens exports use to mean 'no data'."""
    return raw is None or raw.strip().lower() in NULL_TOKENS


def is_mangled_id(raw: str | None) -> bool:
    """True for an id a spreadsheet rewrote in scientific notation (it has lost digits)."""
    return raw is not None and bool(_MANGLED_ID.match(raw.strip()))


def clean_id(raw: str | None) -> str | None:
    """An id kept as a string: strip spaces and Excel's ="…" escape, drop a float '.0'.

    An id in scientific notation ('1.78949E+16') is None: it cannot be told from its neighbours,
    and keeping it would merge different comments or posts under one id.
    """
    if is_null(raw):
        return None
    assert raw is not None
    value = raw.strip()
    match = _EXCEL_ESCAPED.match(value)
    if match:
        value = match.group(1).strip()
    if re.fullmatch(r"\d+\.0", value):
        value = value[:-2]
    if _MANGLED_ID.match(value):
        return None
    return value or None


def _shown(raw: str) -> str:
    """A cell as quoted in a message: bounded, since cells are hostile input."""
    return repr(raw if len(raw) <= 60 else raw[:57] + "...")


def parse_number(raw: str | None, *, integer: bool = False) -> float | None:
    """A number in English or Indonesian notation ('1,234', '1.234', '1.234,5', '8E-4', '12%').

    With integer=True a lone separator followed by three digits is a thousands separator.
    A percentage is returned as a fraction (12% -> 0.12). Raises ValueError on garbage.
    """
    if is_null(raw):
        return None
    assert raw is not None
    if raw.isascii() and raw.strip().isdigit():
        return float(raw)  # the common case, without the locale guessing below
    text = raw.strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if _THOUSANDS_DOT.match(text) and (integer or text.count(".") > 1):
        text = text.replace(".", "")
    elif _THOUSANDS_COMMA.match(text) and (integer or text.count(",") > 1):
        text = text.replace(",", "")
    elif "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(t("value.not_number", raw=_shown(raw))) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(t("value.not_number", raw=_shown(raw)))
    return value / 100.0 if percent else value


def parse_count(raw: str | None) -> float | None:
    """A count (thousands separators in either locale); see parse_number."""
    return parse_number(raw, integer=True)


MAX_INT_COUNT = 10**15  # above any real follower or like count; keeps BIGINT columns safe


def parse_int_count(raw: str | None) -> int | None:
    """A whole count for an integer column; raises ValueError beyond any plausible size."""
    value = parse_count(raw)
    if value is None:
        return None
    if abs(value) >= MAX_INT_COUNT:
        raise ValueError(t("value.implausible_count", raw=_shown(raw or "")))
    return int(value)


_DURATION_UNITS = {"h": 3600, "j": 3600, "jam": 3600, "m": 60, "min": 60, "mnt": 60, "menit": 60,
                   "s": 1, "sec": 1, "d": 1, "dtk": 1, "detik": 1}


def parse_duration(raw: str | None) -> float | None:
    """Seconds from '0:45', '1:02:03', '45s', '1h 2m', '2m 5s', '12.5' (seconds)."""
    if is_null(raw):
        return None
    assert raw is not None
    text = raw.strip().lower()
    if re.fullmatch(r"\d+(:\d{1,2}){1,2}(\.\d+)?", text):
        seconds = 0.0
        for part in text.split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    parts = re.findall(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)", text)
    if parts and re.fullmatch(r"(\s*\d+(?:[.,]\d+)?\s*[a-z]+)+\s*", text):
        total = 0.0
        for number, unit in parts:
            if unit not in _DURATION_UNITS:
                raise ValueError(t("value.duration_unit", unit=unit, raw=_shown(raw)))
            total += float(number.replace(",", ".")) * _DURATION_UNITS[unit]
        return total
    value = parse_number(text)
    return value


# Month names in the languages seen in exports (and Indonesian, the users' own).
MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "id": "januari februari maret april mei juni juli agustus september oktober november desember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    # Greek genitive forms, as TikTok writes them ("6 Απριλίου").
    "el": "ιανουαριου φεβρουαριου μαρτιου απριλιου μαιου ιουνιου ιουλιου αυγουστου "
          "σεπτεμβριου οκτωβριου νοεμβριου δεκεμβριου",
}
for _names in _MONTH_NAMES.values():
    for _i, _name in enumerate(_names.split(), start=1):
        MONTHS.setdefault(_name, _i)
        MONTHS.setdefault(_name[:3], _i)
MONTHS.update({"agt": 8, "agu": 8, "okt": 10, "des": 12, "mei": 5, "sept": 9, "ags": 8})
# Vietnamese: "tháng Sáu" = month six.
_VI_NUMBERS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
               "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}


def _fold(text: str) -> str:
    """Lower-case and strip accents (Greek tonos included) for month-name lookup."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_FOLDED_MONTHS = {_fold(k): v for k, v in MONTHS.items()}


def month_number(word: str) -> int | None:
    """Month number of a month name or abbreviation in any supported language."""
    key = _fold(word.strip().strip(".,"))
    return _FOLDED_MONTHS.get(key)


def parse_yearless(raw: str) -> tuple[int, int] | None:
    """(month, day) of '8 Juli', 'August 9', '8 de marzo', '6 Απριλίου', '18 tháng Sáu', '4月12日'."""
    text = raw.strip()
    cjk = re.fullmatch(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?", text)
    if cjk:  # Japanese/Chinese "4月12日", Korean "4월 12일"
        cjk_month, cjk_day = int(cjk.group(1)), int(cjk.group(2))
        return (cjk_month, cjk_day) if 1 <= cjk_month <= 12 else None
    vi = re.fullmatch(r"(\d{1,2})\s+(?:tháng|thg)\s+(.+)", text, flags=re.IGNORECASE)
    if vi:
        month_word = vi.group(2).strip().lower()
        month = _VI_NUMBERS.get(month_word) or (int(month_word) if month_word.isdigit() else None)
        return (month, int(vi.group(1))) if month else None
    match = re.fullmatch(r"(\d{1,2})\.?\s+(?:de\s+)?([^\d\s]+)\.?", text, flags=re.IGNORECASE)
    if match:
        month = month_number(match.group(2))
        return (month, int(match.group(1))) if month else None
    match = re.fullmatch(r"([^\d\s]+)\.?\s+(\d{1,2})", text)
    if match:
        month = month_number(match.group(1))
        return (month, int(match.group(2))) if month else None
    return None


def resolve_yearless(month: int, day: int, reference: date) -> date:
    """The latest date with this month and day not after the reference (rolls back a year)."""
    candidate = date(reference.year, month, day) if not (month == 2 and day == 29) else None
    if candidate is None or candidate > reference:
        year = reference.year - 1 if candidate is not None else reference.year
        while True:
            try:
                candidate = date(year, month, day)
            except ValueError:
                year -= 1
                continue
            if candidate <= reference:
                return candidate
            year -= 1
    return candidate


_DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
    "%m/%d/%Y %H:%M", "%m/%d/%Y, %I:%M:%S %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y",
    "%a %b %d %Y", "%a, %b %d, %Y", "%b %d, %Y", "%d %b %Y", "%d/%m/%Y %H:%M", "%d-%m-%Y",
    "%a %b %d %H:%M:%S %z %Y",
)


def parse_datetime(raw: str | None, tz: str = DEFAULT_TZ, formats: tuple[str, ...] = ()) -> datetime | None:
    """An aware datetime; a value without a zone is taken in `tz` (Asia/Jakarta by default).

    Accepts ISO-8601 (with 'Z' or '+0000'), Unix seconds, and the formats exports use.
    Raises ValueError when nothing fits.
    """
    if is_null(raw):
        return None
    assert raw is not None
    text = raw.strip()
    if re.fullmatch(r"\d{9,11}(\.\d+)?", text):
        return datetime.fromtimestamp(float(text), tz=UTC)
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    candidates = formats + _DATE_FORMATS
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        for fmt in candidates:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise ValueError(t("value.not_datetime", raw=_shown(raw)))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(tz))
    return parsed


def parse_date(raw: str | None, reference: date | None = None, tz: str = DEFAULT_TZ) -> date | None:
    """A calendar date; yearless forms take their year from `reference`."""
    if is_null(raw):
        return None
    assert raw is not None
    yearless = parse_yearless(raw)
    if yearless:
        return resolve_yearless(yearless[0], yearless[1], reference or date.today())
    parsed = parse_datetime(raw, tz)
    assert parsed is not None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T00:00:00)?", raw.strip()):
        return parsed.date()
    return parsed.astimezone(ZoneInfo(tz)).date() if parsed.tzinfo else parsed.date()


def days(n: int) -> timedelta:
    """A timedelta of n days (readability helper)."""
    return timedelta(days=n)


HASHTAG = re.compile(r"#(\w+)", flags=re.UNICODE)
MENTION = re.compile(r"(?<![\w.])@([\w.]{1,30})", flags=re.UNICODE)


def hashtags(text: str | None) -> list[str]:
    """Hashtags in a caption, lower-cased, in order, without repeats."""
    return list(dict.fromkeys(h.lower() for h in HASHTAG.findall(text or "")))


def mentions(text: str | None) -> list[str]:
    """@mentions in a caption, lower-cased, in order, without repeats."""
    return list(dict.fromkeys(m.lower().rstrip(".") for m in MENTION.findall(text or "")))


def nfc(text: str | None) -> str | None:
    """Text kept exactly, NFC-normalised only."""
    return unicodedata.normalize("NFC", text) if text is not None else None
