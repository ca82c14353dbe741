"""The value parsers of values.py as DuckDB SQL, for the bulk path over large CSV files.

Each function takes a SQL expression and returns one; tests check that the bulk path and the
row mappers agree on the same fixtures.
"""

from __future__ import annotations

from .values import NULL_TOKENS

MANGLED_ID_SQL = r"-?\d+(?:[.,]\d+)?[eE]\+\d+"  # values._MANGLED_ID

_NULLS = ", ".join("'" + t.replace("'", "''") + "'" for t in sorted(NULL_TOKENS))


def text(expr: str) -> str:
    """Trimmed text, NULL for the 'no data' tokens."""
    return f"(CASE WHEN {expr} IS NULL OR lower(trim({expr})) IN ({_NULLS}) THEN NULL ELSE trim({expr}) END)"


def raw_text(expr: str) -> str:
    """Text kept exactly (NFC only), NULL when empty or whitespace."""
    return f"(CASE WHEN {expr} IS NULL OR trim({expr}) = '' THEN NULL ELSE nfc_normalize({expr}) END)"


def clean_id(expr: str) -> str:
    """An id as a string: Excel's =\"…\" escape and a float '.0' removed; NULL when mangled."""
    inner = f"regexp_replace({text(expr)}, '^=\"(.*)\"$', '\\1')"
    cleaned = f"NULLIF(regexp_replace(trim({inner}), '^(\\d+)\\.0$', '\\1'), '')"
    return f"(CASE WHEN regexp_full_match({cleaned}, '{MANGLED_ID_SQL}') THEN NULL ELSE {cleaned} END)"


def count(expr: str) -> str:
    """A count with thousands separators in either locale (see values.parse_count)."""
    v = f"replace(replace({text(expr)}, ' ', ''), chr(160), '')"
    return (f"TRY_CAST(CASE WHEN regexp_full_match({v}, '-?\\d{{1,3}}(\\.\\d{{3}})+') THEN replace({v}, '.', '') "
            f"WHEN regexp_full_match({v}, '-?\\d{{1,3}}(,\\d{{3}})+') THEN replace({v}, ',', '') "
            f"WHEN {v} LIKE '%,%' AND {v} LIKE '%.%' AND strpos({v}, ',') > strpos({v}, '.') "
            f"THEN replace(replace({v}, '.', ''), ',', '.') "
            f"WHEN {v} LIKE '%,%' AND {v} LIKE '%.%' THEN replace({v}, ',', '') "
            f"ELSE replace({v}, ',', '.') END AS DOUBLE)")


_ZONED = ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M %z",
          "%a %b %d %H:%M:%S %z %Y"]
_NAIVE = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
          "%Y-%m-%d", "%m/%d/%Y %H:%M", "%m/%d/%Y, %I:%M:%S %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y",
          "%a %b %d %Y", "%a, %b %d, %Y", "%b %d, %Y", "%d %b %Y", "%d/%m/%Y %H:%M", "%d-%m-%Y"]


def _list(formats: list[str]) -> str:
    return "[" + ", ".join(f"'{f}'" for f in formats) + "]"


def timestamp(expr: str, tz: str) -> str:
    """An aware timestamp; values without a zone are read in `tz` (see values.parse_datetime)."""
    v = f"replace({text(expr)}, 'Z', '+00:00')"
    safe_tz = tz.replace("'", "")
    return (f"(CASE WHEN regexp_full_match({text(expr)}, '\\d{{9,11}}(\\.\\d+)?') "
            f"THEN to_timestamp(CAST({text(expr)} AS DOUBLE)) "
            f"WHEN regexp_matches({v}, '([+-]\\d\\d:?\\d\\d)$') OR regexp_matches({v}, ' [+-]\\d{{4}} ') "
            f"THEN try_strptime({v}, {_list(_ZONED)}) "
            f"ELSE timezone('{safe_tz}', try_strptime({v}, {_list(_NAIVE)})) END)")


def utc_stamp(expr: str) -> str:
    """The UTC string used in content hashes (see comments_generic.utc_stamp)."""
    return f"coalesce(strftime(timezone('UTC', {expr}), '%Y-%m-%dT%H:%M:%SZ'), '')"
