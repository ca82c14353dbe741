"""The SQL bulk path for large CSV files gives exactly what the row mappers give."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import kenali

from .conftest import FIXTURES

COLUMNS = ("platform", "platform_comment_id", "account_id", "platform_post_id", "parent_comment_id",
           "author_handle", "author_id", "text", "created_at", "like_count", "hidden")


def _import(db: Path, path: Path, bulk: bool, **kwargs: str) -> tuple[list[tuple], kenali.Workspace]:
    ws = kenali.open(db)
    ws.bulk_min_bytes = 0 if bulk else 10**12
    result = ws.import_paths([str(path)], progress=False, **kwargs)[0]
    rows = ws.con.execute(f"SELECT {', '.join(COLUMNS)} FROM comments ORDER BY platform_comment_id").fetchall()
    ws.result = result  # type: ignore[attr-defined]
    return rows, ws


@pytest.mark.parametrize("name,kwargs", [
    ("semarang_style.csv", {}),
    ("ig_comment_export.csv", {}),
    ("ig_comment_export.csv", {"account": "dinas.fiktif", "platform": "instagram"}),
])
def test_bulk_equals_row_mapper(tmp_path: Path, name: str, kwargs: dict[str, str]) -> None:
    path = FIXTURES / "comments" / name
    by_rows, ws_rows = _import(tmp_path / "rows.duckdb", path, bulk=False, **kwargs)
    by_sql, ws_sql = _import(tmp_path / "sql.duckdb", path, bulk=True, **kwargs)
    assert by_rows and by_sql == by_rows
    a, b = ws_rows.result, ws_sql.result  # type: ignore[attr-defined]
    assert (a.rows_read, a.rows_written, a.rows_skipped) == (b.rows_read, b.rows_written, b.rows_skipped)
    assert a.skipped_reasons == b.skipped_reasons
    assert sorted(a.warnings) == sorted(b.warnings)
    raw_a = ws_rows.con.execute("SELECT count(*) FROM raw_records").fetchone()
    raw_b = ws_sql.con.execute("SELECT count(*) FROM raw_records").fetchone()
    assert raw_a == raw_b
    ws_rows.close()
    ws_sql.close()


def test_bulk_path_values(tmp_path: Path) -> None:
    rows, ws = _import(tmp_path / "k.duckdb", FIXTURES / "comments" / "ig_comment_export.csv", bulk=True)
    by_id = {r[1]: r for r in rows}
    first = by_id["17894961578756565"]
    assert first[5] == "warga_fiktif" and first[6] == "6000000001"
    # US local time without a zone is read as Asia/Jakarta (UTC+7).
    assert first[8].isoformat().startswith("2023-05-30T09:40:43")
    assert by_id["17894961578756566"][5] == "budi.fiktif"
    assert by_id["17894961578756570"][7] == "=1+2" and by_id["17894961578756570"][8] is None
    hashed = [r for r in rows if r[1].startswith("h:")]
    assert len(hashed) == 2 and {r[1][-2:] for r in hashed} == {":1", ":2"}
    assert ws.result.rows_skipped == 1  # type: ignore[attr-defined]
    ws.close()


def test_bulk_reimport_is_noop(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["username", "text", "likes", "datetime"])
        for i in range(2000):
            writer.writerow([f"u{i % 50}", f"Kapan jalan nomor {i} diperbaiki?", str(i % 7), "2026-10-01"])
    ws = kenali.open(tmp_path / "k.duckdb")
    ws.bulk_min_bytes = 0
    first = ws.import_paths([str(path)], progress=False, platform="instagram")[0]
    assert first.rows_written == 2000
    counts = ws.counts()
    assert ws.import_paths([str(path)], progress=False)[0].status == "already_imported"
    assert ws.counts() == counts
    ws.close()
