"""Malformed, truncated and hostile input never raises past the importer and never half-writes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kenali
from kenali.errors import KenaliError
from kenali.ingest import FileResult, parse_source
from kenali.sources import Source

from .conftest import FIXTURES

SEEDS = sorted(p for p in (FIXTURES / "importers").rglob("*")
               if p.is_file() and p.name != "expected.json" and p.suffix.lower() != ".zip")


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
