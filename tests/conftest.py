"""Shared fixtures: real DuckDB files in temporary folders, and the ../shared samples when present."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kenali
from kenali.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "formats" / "samples"
DATASETS = SHARED / "datasets"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh DuckDB store."""
    return tmp_path / "kenali.duckdb"


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    """A freshly migrated, empty workspace on a real DuckDB file."""
    workspace = kenali.open(db_path)
    yield workspace
    workspace.close()


@pytest.fixture
def samples() -> Path:
    """The real export samples in ../shared, or a skip saying why."""
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} not present: real export samples are not part of the repository")
    return SAMPLES


@pytest.fixture
def datasets() -> Path:
    """The public Indonesian datasets in ../shared, or a skip saying why."""
    if not DATASETS.is_dir():
        pytest.skip(f"{DATASETS} not present: public datasets are not part of the repository")
    return DATASETS
