"""File containers the importers read: instaloader's `.json.xz` and workbooks (XLSX) of any table."""

from __future__ import annotations

import json
import lzma
import os
from pathlib import Path

import openpyxl
import pytest

import kenali
from kenali import importers
from kenali.importers import readers
from kenali.importers.instaloader import post_id_from_name
from kenali.importers.readers import read_document

from .conftest import FIXTURES
from .xlsx_support import single_table, workbook_bytes

POST = FIXTURES / "importers" / "instaloader_post" / "2024-03-04_01-15-30_UTC.json"


def _xz(data: bytes) -> bytes:
    return lzma.compress(data, format=lzma.FORMAT_XZ)


# -- .json.xz ------------------------------------------------------------------------------

def test_instaloader_json_xz_reads_like_the_plain_json(tmp_path: Path) -> None:
    plain = read_document(POST.name, POST.read_bytes())
    packed = read_document(POST.name + ".xz", _xz(POST.read_bytes()))
    assert packed.problem is None and packed.kind == "json"
    assert packed.name == POST.name  # '.xz' stripped: the name is the one instaloader meant
    assert packed.data == plain.data
    fmt, _ = importers.detect(packed)
    assert fmt is not None and fmt.key == "instaloader_post"
    copy = tmp_path / (POST.name + ".xz")
    copy.write_bytes(_xz(POST.read_bytes()))
    with kenali.open(tmp_path / "k.duckdb") as ws:
        result = ws.import_paths([str(copy)], progress=False)[0]
        assert (result.status, result.format) == ("imported", "instaloader_post")
        assert ws.con.execute("SELECT platform_post_id, likes FROM post_metrics").fetchall() == \
            [("C4aBcD1eFgH", 1432)]


def test_comments_file_name_with_xz_still_names_its_post() -> None:
    assert post_id_from_name("2024-03-06_07-00-00_UTC_C4xYz12AbCd_comments.json.xz") == \
        "C4xYz12AbCd"


def test_xz_bomb_truncation_and_garbage_are_refused(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setattr(readers, "MAX_XZ_BYTES", 1024 * 1024)
    bomb = _xz(b"[" + b" " * (8 * 1024 * 1024) + b"]")  # 8 MiB of JSON in about a kilobyte
    assert len(bomb) < 4096
    doc = read_document("bomb.json.xz", bomb)
    assert doc.problem is not None and "1 MiB" in doc.problem and doc.data is None
    good = _xz(POST.read_bytes())
    assert "cut short" in (read_document("p.json.xz", good[: len(good) // 2]).problem or "")
    garbage = good[:12] + b"\x00" * 40 + good[52:]
    assert read_document("p.json.xz", garbage).problem is not None
    assert "inside" in (read_document("p.json.xz.xz", _xz(good)).problem or "")
    # Through the import: listed as unreadable, nothing written.
    path = tmp_path / "bomb.json.xz"
    path.write_bytes(bomb)
    with kenali.open(tmp_path / "k.duckdb") as ws:
        result = ws.import_paths([str(path)], progress=False)[0]
        assert result.status == "unreadable" and "MiB" in (result.message or "")
        assert ws.counts()["imports"] == 0


# -- XLSX: the same tables saved as a workbook map to the same records --------------------

def _single_table_fixtures() -> list[tuple[str, Path, dict]]:
    """Every CSV fixture that is one plain table (what a user re-saves from Excel)."""
    cases = []
    for expected_file in sorted((FIXTURES / "importers").glob("*/expected.json")):
        for name, expected in json.loads(expected_file.read_text("utf-8")).items():
            path = expected_file.parent / name
            if path.suffix.lower() == ".csv" and single_table(path):
                cases.append((expected_file.parent.name, path, expected))
    return cases


@pytest.mark.parametrize("key,path,expected", _single_table_fixtures(),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_xlsx_copy_of_a_fixture_imports_the_same(key: str, path: Path, expected: dict,
                                                 tmp_path: Path) -> None:
    book = tmp_path / (path.stem + ".xlsx")
    book.write_bytes(workbook_bytes(path))
    stamp = path.stat().st_mtime  # the file's date feeds yearless dates and first_seen
    os.utime(book, (stamp, stamp))
    outcome = {}
    for source in (path, book):
        with kenali.open(tmp_path / (source.name + ".duckdb")) as ws:
            result = ws.import_paths([str(source)], account=expected.get("account"),
                                     platform=expected.get("platform"), progress=False)[0]
            tables = ("accounts", "account_daily", "follower_snapshots", "audience",
                      "follower_activity", "posts", "post_metrics", "comments", "followers")
            dump = {t: sorted(map(repr, ws.con.execute(
                f"SELECT * EXCLUDE (import_id, observed_at) FROM {t}"
                if t not in ("accounts",) else "SELECT platform, handle FROM accounts").fetchall()))
                for t in tables}
            outcome[source.suffix] = (result.status, result.format, result.rows_skipped, dump)
    assert outcome[".csv"][:3] == ("imported", key, expected["skipped"])
    # A workbook's empty rows are formatting, dropped unread; a CSV's ',,,' line is a skipped row.
    blank = sum(1 for _, cells in read_document(path.name, path.read_bytes()).blocks[0].rows
                if not any(c.strip() for c in cells))
    assert outcome[".xlsx"][:3] == ("imported", key, expected["skipped"] - blank)
    assert outcome[".xlsx"][3] == outcome[".csv"][3]


def test_xlsx_numbers_dates_and_ids_as_excel_types_them(tmp_path: Path) -> None:
    """A workbook someone typed: numeric likes, real date cells, an id kept as text."""
    from datetime import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Comment ID", "Username", "Komentar", "Suka", "Tanggal"])
    sheet.append(["17894961578756565", "warga_jkt", "Jalan berlubang lagi", 3,
                  datetime(2026, 10, 1, 9, 30)])
    sheet.append(["17894961578756566", "budi88", "=tidak dihitung", 1200.0,
                  datetime(2026, 10, 2)])
    sheet["C3"].data_type = "s"
    path = tmp_path / "komentar.xlsx"
    book.save(path)
    with kenali.open(tmp_path / "k.duckdb") as ws:
        result = ws.import_paths([str(path)], platform="instagram", progress=False)[0]
        assert (result.status, result.format, result.rows_skipped) == \
            ("imported", "comments_csv", 0)
        rows = ws.con.execute("SELECT platform_comment_id, text, like_count, created_at "
                              "FROM comments ORDER BY 1").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("17894961578756565", "Jalan berlubang lagi", 3),
        ("17894961578756566", "=tidak dihitung", 1200)]
    assert rows[0][3].isoformat() == "2026-10-01T02:30:00+00:00"  # 09:30 WIB


# -- ids a spreadsheet rewrote in scientific notation ---------------------------------------

MANGLED = ('"Comment ID","Username","Comment","Comment Time"\n'
           '1.78949E+16,warga_satu,"Jalan rusak di Cakung",2023-05-30 16:40\n'
           '1.78949E+16,warga_dua,"Lampu jalan mati",2023-05-30 16:41\n'
           '17894961578756567,warga_tiga,"Terima kasih",2023-05-30 16:42\n')


@pytest.mark.parametrize("bulk", [False, True], ids=["rows", "sql"])
def test_mangled_comment_ids_do_not_merge_different_comments(tmp_path: Path, bulk: bool) -> None:
    path = tmp_path / "komentar.csv"
    path.write_text(MANGLED, encoding="utf-8")
    with kenali.open(tmp_path / "k.duckdb") as ws:
        ws.bulk_min_bytes = 0 if bulk else 10**12
        result = ws.import_paths([str(path)], platform="instagram", progress=False)[0]
        ids = dict(ws.con.execute("SELECT author_handle, platform_comment_id FROM comments"
                                  ).fetchall())
    assert (result.status, result.rows_written, result.rows_skipped) == ("imported", 3, 0)
    assert ids["warga_tiga"] == "17894961578756567"
    assert ids["warga_satu"].startswith("h:") and ids["warga_dua"].startswith("h:")
    assert ids["warga_satu"] != ids["warga_dua"]
    assert any("1.78949E+16" in w for w in result.warnings)


def test_clean_id_refuses_scientific_notation_only() -> None:
    from kenali.importers.values import clean_id

    assert clean_id("1.78949E+16") is None and clean_id("1,78949E+16") is None
    assert clean_id("3E+5") is None and clean_id("3E5") == "3E5"  # Excel always writes 'E+'
    assert clean_id('="17894961578756565"') == "17894961578756565"
    assert clean_id("17894961578756565.0") == "17894961578756565"
    assert clean_id(" -AJIm0_vluI") == "-AJIm0_vluI"
    assert clean_id("3e5abcDEF_1") == "3e5abcDEF_1"  # a YouTube-like id is not a number
