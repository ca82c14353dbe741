"""One test over every registered importer: its fixtures are detected and map to what they must."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kenali
from kenali import importers
from kenali.importers.readers import read_document

from .conftest import FIXTURES

FOLDER = FIXTURES / "importers"


def _cases() -> list[tuple[str, Path, dict]]:
    cases = []
    for key in sorted(importers.formats()):
        expected_file = FOLDER / key / "expected.json"
        if not expected_file.exists():
            cases.append((key, expected_file, {}))
            continue
        for name, expected in json.loads(expected_file.read_text("utf-8")).items():
            cases.append((key, FOLDER / key / name, expected))
    return cases


@pytest.mark.parametrize("key,path,expected", _cases(), ids=lambda v: v if isinstance(v, str) else None)
def test_registered_importer_fixture(key: str, path: Path, expected: dict, tmp_path: Path) -> None:
    assert expected, f"format {key} has no fixtures: add tests/fixtures/importers/{key}/expected.json"
    assert path.exists(), f"{path} listed in expected.json but missing"
    if path.suffix.lower() != ".zip":
        doc = read_document(path.name, path.read_bytes())
        fmt, ranked = importers.detect(doc)
        assert fmt is not None, f"{path.name}: not detected; closest {[(f.key, d) for f, d in ranked[:2]]}"
        assert fmt.key == expected["format"]
    ws = kenali.open(tmp_path / "k.duckdb")
    before = ws.counts()
    results = ws.import_paths([str(path)], account=expected.get("account"),
                              platform=expected.get("platform"), progress=False)
    statuses = {r.status for r in results}
    assert statuses == {"imported"}, [r.as_dict() for r in results]
    after = ws.counts()
    for table, n in expected.get("records", {}).items():
        assert after[table] - before[table] == n, f"{path.name}: {table}"
    assert sum(r.rows_skipped for r in results) == expected.get("skipped", 0)
    # Importing the same file again changes nothing.
    again = ws.import_paths([str(path)], account=expected.get("account"),
                            platform=expected.get("platform"), progress=False)
    assert {r.status for r in again} == {"already_imported"}
    assert ws.counts() == after
    ws.close()


def test_every_format_is_described() -> None:
    for key, fmt in importers.formats().items():
        assert fmt.key == key
        assert fmt.platform in (*importers.base.PLATFORMS, "any")
        assert fmt.title and fmt.provides
        assert set(fmt.provides) <= set(importers.base.TABLE_FIELDS) | {"accounts"}, key
