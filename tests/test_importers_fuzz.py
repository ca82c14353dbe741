"""Malformed, truncated and hostile input never raises past the importer and never half-writes."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kenali
from kenali.errors import KenaliError
from kenali.importers.readers import read_document
from kenali.ingest import FileResult, parse_source
from kenali.sources import Source

from .conftest import FIXTURES
from .xlsx_support import single_table, workbook_bytes

SEEDS = sorted(p for p in (FIXTURES / "importers").rglob("*")
               if p.is_file() and p.name != "expected.json" and p.suffix.lower() != ".zip")
# No importer fixture is a workbook: one per CSV fixture of a single table, made here.
WORKBOOK_SEEDS = [(p.stem + ".xlsx", workbook_bytes(p)) for p in SEEDS
                  if p.suffix.lower() == ".csv" and single_table(p)]


def _mutate(data: bytes, cut: float, junk: bytes, where: float, encoding: str) -> bytes:
    """Truncate, splice junk into, and re-encode a seed file."""
    out = data[: max(1, int(len(data) * cut))]
    at = int(len(out) * where)
    out = out[:at] + junk + out[at:]
    if encoding != "keep":
        out = out.decode("utf-8", errors="replace").encode(encoding, errors="replace")
    return out


mutations = st.tuples(
    st.floats(min_value=0.0, max_value=1.0),
    st.binary(max_size=64) | st.sampled_from([b'"', b"\x00", b"\n\n", b',"=cmd|calc"!A1,', b"\xff\xfe",
                                                b"{", b"]", b"A" * 70_000, b'\r"unterminated']),
    st.floats(min_value=0.0, max_value=1.0),
    st.sampled_from(["keep", "utf-16", "latin-1", "utf-8"]),
)


@pytest.mark.skipif(not SEEDS, reason="no importer fixtures yet")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS or [Path("x")]), mutations)
def test_mapping_never_raises(seed: Path, mutation: tuple[float, bytes, float, str]) -> None:
    data = _mutate(seed.read_bytes(), *mutation)
    source = Source(str(seed), None, data, datetime(2026, 10, 31, tzinfo=UTC))
    outcome = parse_source(source, None, "Asia/Jakarta")
    if isinstance(outcome, FileResult):
        assert outcome.status in ("unreadable", "unrecognised", "failed")
        assert outcome.status != "failed", f"importer crashed: {outcome.message}"
    else:
        assert outcome.result.rows_skipped == len(outcome.skips)


@pytest.mark.skipif(not SEEDS, reason="no importer fixtures yet")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SEEDS or [Path("x")]), mutations)
def test_import_is_all_or_nothing(tmp_path: Path, seed: Path, mutation: tuple[float, bytes, float, str]) -> None:
    bad = tmp_path / ("fuzz-" + seed.name)
    bad.write_bytes(_mutate(seed.read_bytes(), *mutation))
    ws = kenali.open(tmp_path / "k.duckdb")
    try:
        before = ws.counts()
        try:
            results = ws.import_paths([str(bad)], account="akun.fiktif", platform=None, progress=False)
        except KenaliError:
            assert ws.counts() == before
            return
        if not any(r.status == "imported" for r in results):
            assert ws.counts() == before
        else:
            assert ws.counts()["imports"] == before["imports"] + 1
    finally:
        ws.close()
        bad.unlink()


def _mutate_workbook(data: bytes, member: float, mutation: tuple[float, bytes, float, str],
                     whole: bool) -> bytes:
    """Damage a workbook: the whole file (a broken zip), or one part inside an intact zip."""
    if whole:
        return _mutate(data, *mutation)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = book.namelist()
        target = names[min(int(member * len(names)), len(names) - 1)]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as damaged:
            for name in names:
                content = book.read(name)
                damaged.writestr(name, _mutate(content, *mutation) if name == target else content)
    return out.getvalue()


workbook_damage = st.tuples(st.sampled_from(WORKBOOK_SEEDS or [("x.xlsx", b"")]),
                            st.floats(min_value=0.0, max_value=1.0), mutations, st.booleans())


@pytest.mark.skipif(not WORKBOOK_SEEDS, reason="no single-table CSV fixture to make workbooks of")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbook_damage)
def test_damaged_workbooks_never_raise(damage: tuple[tuple[str, bytes], float,
                                                    tuple[float, bytes, float, str], bool]) -> None:
    (name, data), member, mutation, whole = damage
    source = Source(name, None, _mutate_workbook(data, member, mutation, whole),
                    datetime(2026, 10, 31, tzinfo=UTC))
    outcome = parse_source(source, None, "Asia/Jakarta")
    if isinstance(outcome, FileResult):
        assert outcome.status in ("unreadable", "unrecognised"), outcome.message
    else:
        assert outcome.result.rows_skipped == len(outcome.skips)


@pytest.mark.skipif(not WORKBOOK_SEEDS, reason="no single-table CSV fixture to make workbooks of")
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(workbook_damage)
def test_damaged_workbook_import_is_all_or_nothing(
        tmp_path: Path, damage: tuple[tuple[str, bytes], float, tuple[float, bytes, float, str],
                                      bool]) -> None:
    (name, data), member, mutation, whole = damage
    bad = tmp_path / ("fuzz-" + name)
    bad.write_bytes(_mutate_workbook(data, member, mutation, whole))
    ws = kenali.open(tmp_path / "k.duckdb")
    try:
        before = ws.counts()
        results = ws.import_paths([str(bad)], account="akun.fiktif", platform="instagram",
                                  progress=False)
        assert results[0].status != "failed", results[0].message
        if results[0].status == "imported":
            assert ws.counts()["imports"] == before["imports"] + 1
        else:
            assert ws.counts() == before
    finally:
        ws.close()
        bad.unlink()


def test_a_workbook_cut_anywhere_is_refused_cleanly() -> None:
    """Every truncation of a workbook (zip directory, sheet XML, strings) is read or refused."""
    name, data = WORKBOOK_SEEDS[0]
    for length in range(0, len(data), max(1, len(data) // 200)):
        doc = read_document(name, data[:length])
        assert doc.problem is not None or doc.blocks, length


def test_huge_json_and_deep_nesting(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000)
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"data": [{"text": "x" * 2_000_000}]}))
    ws = kenali.open(tmp_path / "k.duckdb")
    results = ws.import_paths([str(deep), str(huge)], progress=False)
    assert all(r.status in ("unreadable", "unrecognised") for r in results), [r.as_dict() for r in results]
    assert ws.counts()["imports"] == 0
    ws.close()
