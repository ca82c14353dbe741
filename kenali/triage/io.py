"""Reading comment files for `kenali triage FILE`: JSONL (or a JSON array) or CSV with `text`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..errors import InputError

PASS_THROUGH = ("platform", "account", "created_at", "post_id")


def _decode(path: Path) -> str:
    if not path.is_file():
        raise InputError("triage.file_missing", file=path)
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Excel "Unicode text")
        return raw.decode("utf-16", errors="replace")
    # Broken or hostile bytes become U+FFFD and stay data; they never stop the run.
    return raw.decode("utf-8-sig", errors="replace")


def _row(obj: dict[str, Any], number: int) -> dict[str, Any]:
    text = obj.get("text")
    row = {"id": str(obj["id"]) if obj.get("id") not in (None, "") else str(number),
           "text": "" if text is None else (text if isinstance(text, str) else json.dumps(text))}
    for key in PASS_THROUGH:
        if obj.get(key) not in (None, ""):
            row[key] = obj[key] if isinstance(obj[key], str | int | float) else str(obj[key])
    return row


def _read_json(path: Path, text: str) -> list[dict[str, Any]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError("triage.bad_line", file=path, line=exc.lineno, reason=exc.msg) from exc
        lines = [(i + 1, item) for i, item in enumerate(items)]
    else:
        lines = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                lines.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError("triage.bad_line", file=path, line=number,
                                 reason=f"{exc.msg} (kolom {exc.colno})") from exc
    rows = []
    for number, item in lines:
        if not isinstance(item, dict):
            raise InputError("triage.bad_line", file=path, line=number, reason="not a JSON object")
        rows.append(_row(item, number))
    if rows and not any(isinstance(item, dict) and "text" in item for _, item in lines):
        raise InputError("triage.no_text_column", file=path, columns=", ".join(sorted(lines[0][1])))
    return rows


def _read_csv(path: Path, text: str) -> list[dict[str, Any]]:
    text = text.replace("\x00", "")
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(10_000_000)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return []
    columns = [h.strip().lower() for h in header]
    if "text" not in columns:
        raise InputError("triage.no_text_column", file=path, columns=", ".join(header))
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(_row(dict(zip(columns, values, strict=False)), number))
    return rows


def read_comments(path: Path) -> list[dict[str, Any]]:
    """Rows with id (str), text and any pass-through fields, in file order."""
    text = _decode(path)
    head = text.lstrip()[:1]
    if head in ("{", "[") or path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return _read_json(path, text)
    return _read_csv(path, text)
