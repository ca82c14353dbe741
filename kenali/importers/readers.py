"""Turn file bytes into documents: encoding sniffing, `sep=` lines, blocks, JSON, XLSX."""

from __future__ import annotations

import codecs
import csv
import io
import json
import lzma
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MAX_FIELD = 1_000_000  # bytes: bounds hostile cells
csv.field_size_limit(MAX_FIELD)
XZ_MAGIC = b"\xfd7zXZ\x00"
MAX_XZ_BYTES = 256 * 1024**2  # decompressed: far above any instaloader JSON, far below a bomb


@dataclass
class Block:
    """A rectangular table in a file: optional title lines, a header and rows with line numbers."""

    title: list[str]
    header: list[str]
    rows: list[tuple[int, list[str]]]
    header_line: int


@dataclass
class Document:
    """A file as importers see it: its tables, or its JSON, plus where it came from."""

    name: str
    kind: str  # csv | json | jsonl | xlsx | unknown
    blocks: list[Block] = field(default_factory=list)
    data: Any = None
    encoding: str = "utf-8"
    file_date: date | None = None
    problem: str | None = None  # why it could not be read

    @property
    def table(self) -> Block | None:
        """The main table: the first block with a header of two or more columns."""
        for block in self.blocks:
            if len(block.header) >= 2:
                return block
        return self.blocks[0] if self.blocks else None


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes by BOM, else UTF-8, else UTF-16 without BOM, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16-be"
    sample = data[:4000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _is_blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


def parse_csv_text(text: str) -> list[Block]:
    """Split CSV text into blocks separated by blank lines; one-cell lines above a table are titles."""
    text = text.replace("\x00", "")
    delimiter = None
    lines_skipped = 0
    match = re.match(r"^\s*\"?sep=(.)\"?\r?\n", text)
    if match:
        delimiter = match.group(1)
        text = text[match.end():]
        lines_skipped = 1
    if delimiter is None:
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        delimiter = _sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    groups: list[list[tuple[int, list[str]]]] = [[]]
    previous_end = lines_skipped
    for row in reader:
        start = previous_end + 1
        previous_end = reader.line_num + lines_skipped
        if not row or row == [""]:
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append((start, row))
    groups = [g for g in groups if g]
    return [_block(group, only=len(groups) == 1) for group in groups]


def _block(group: list[tuple[int, list[str]]], only: bool) -> Block:
    """Make a block of a blank-line-separated group of rows."""
    def width(row: list[str]) -> int:
        return sum(1 for cell in row if cell.strip())

    wide = next((i for i, (_, row) in enumerate(group) if width(row) >= 2), None)
    if wide is None:
        # All one-cell rows: a one-column table if it is the whole file, else title/header/values.
        split = 0 if only else min(1, len(group) - 1)
    else:
        split = wide
    titles = [next(c for c in row if c.strip()).strip() for _, row in group[:split]]
    line, header = group[split]
    return Block(title=titles, header=[h.strip() for h in header], rows=group[split + 1:],
                 header_line=line)


def _normalise_text(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _unxz(data: bytes) -> tuple[bytes | None, str | None]:
    """Decompress an xz file (instaloader's default `.json.xz`), refusing decompression bombs."""
    decompressor = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
    try:
        out = decompressor.decompress(data, max_length=MAX_XZ_BYTES + 1)
    except lzma.LZMAError as exc:
        return None, f"not a readable xz file: {exc}"
    if len(out) > MAX_XZ_BYTES:
        return None, f"xz file larger than {MAX_XZ_BYTES // 1024**2} MiB once decompressed"
    if not decompressor.eof:
        return None, "xz file cut short (truncated download?)"
    if out.startswith(XZ_MAGIC):
        return None, "xz file inside an xz file"
    return out, None


def read_document(name: str, data: bytes, file_date: date | None = None) -> Document:
    """Read bytes into a Document; never raises for bad content (sets `problem`)."""
    if data.startswith(XZ_MAGIC):
        inner = name[:-3] if name.lower().endswith(".xz") else name
        out, problem = _unxz(data)
        if out is None:
            return Document(inner, "unknown", file_date=file_date, problem=problem)
        return read_document(inner, out, file_date)
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:4] == b"PK\x03\x04" and lower.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(name, data, file_date)
    if data[:4] == b"PK\x03\x04":
        return Document(name, "unknown", file_date=file_date, problem="zip")
    text, encoding = decode(data)
    text = _normalise_text(text)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            return Document(name, "json", data=json.loads(stripped), encoding=encoding,
                            file_date=file_date)
        except RecursionError:
            return Document(name, "json", encoding=encoding, file_date=file_date,
                            problem="JSON nested too deeply to be an export")
        except json.JSONDecodeError as exc:
            lines = [ln for ln in stripped.splitlines() if ln.strip()]
            if len(lines) > 1 and lower.endswith((".jsonl", ".ndjson", ".json")):
                items = []
                for number, line in enumerate(lines, start=1):
                    try:
                        items.append(json.loads(line))
                    except json.JSONDecodeError as line_exc:
                        return Document(name, "json", encoding=encoding, file_date=file_date,
                                        problem=f"line {number}, column {line_exc.colno}: "
                                                f"{line_exc.msg}")
                    except RecursionError:
                        return Document(name, "json", encoding=encoding, file_date=file_date,
                                        problem=f"line {number}: JSON nested too deeply")
                return Document(name, "jsonl", data=items, encoding=encoding, file_date=file_date)
            return Document(name, "json", encoding=encoding, file_date=file_date,
                            problem=f"line {exc.lineno}, column {exc.colno}: {exc.msg}")
    if "\x00" in text[:1000] and encoding.startswith("utf-8"):
        return Document(name, "unknown", file_date=file_date, problem="binary")
    try:
        blocks = parse_csv_text(text)
    except csv.Error as exc:
        return Document(name, "csv", encoding=encoding, file_date=file_date, problem=str(exc))
    return Document(name, "csv", blocks=blocks, encoding=encoding, file_date=file_date)


def _read_xlsx(name: str, data: bytes, file_date: date | None) -> Document:
    try:
        import openpyxl
    except ImportError:
        return Document(name, "xlsx", file_date=file_date, problem="openpyxl not installed")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        return Document(name, "xlsx", file_date=file_date, problem=f"not a readable workbook: {exc}")
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    header_line = 1
    try:
        # In read-only mode the sheet's XML is parsed while iterating: damage shows up here.
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _normalise_text(str(v)) for v in values]
            if header is None:
                if _is_blank(cells):
                    continue
                header, header_line = [c.strip() for c in cells], number
                continue
            if not _is_blank(cells):
                rows.append((number, cells))
    except Exception as exc:  # ParseError, ValueError, zip errors… from a damaged sheet
        return Document(name, "xlsx", file_date=file_date,
                        problem=f"damaged worksheet near row {len(rows) + 1}: {exc}")
    finally:
        book.close()
    blocks = [Block([], header, rows, header_line)] if header else []
    return Document(name, "xlsx", blocks=blocks, file_date=file_date)
