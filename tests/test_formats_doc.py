"""docs/formats.md names every registered format; `kenali formats` and `kenali import` tell users enough."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kenali import importers
from kenali.cli import main

from .conftest import FIXTURES, ROOT

INDEX = ROOT / "docs" / "formats.md"


def _index_rows() -> dict[str, list[str]]:
    """The index's table rows by format key: the cells after the key."""
    rows = {}
    for line in INDEX.read_text("utf-8").splitlines():
        match = re.match(r"^\| `([a-z0-9_]+)` \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [c.strip() for c in match.group(2).split(" | ")]
    return rows


def test_every_registered_format_is_in_the_index() -> None:
    rows = _index_rows()
    registered = importers.formats()
    assert sorted(set(registered) - set(rows)) == [], "formats missing from docs/formats.md"
    assert sorted(set(rows) - set(registered)) == [], "docs/formats.md lists unknown formats"
    for key, cells in rows.items():
        platform, _what, yields, _account, trap = cells
        fmt = registered[key]
        assert platform.startswith(fmt.platform), key
        assert set(re.findall(r"`([a-z_]+)`", yields)) == set(fmt.provides), key
        assert trap, key


def test_index_links_and_general_rules() -> None:
    text = INDEX.read_text("utf-8")
    for link in re.findall(r"\]\((formats/[a-z-]+\.md)\)", text):
        assert (INDEX.parent / link).is_file(), link
    for rule in ("Recognised by content", "Folders and zips", "Empty is not zero", "Numbers",
                 "Time zones", "Dates without a year", "Ids are text", "Text is kept exactly",
                 "Skipped rows have reasons", "Importing again changes nothing",
                 "The newest observation wins"):
        assert f"**{rule}" in text, rule


def test_every_format_shows_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {row["key"] for row in listed} == set(importers.formats())
    for row in listed:
        assert row["platform"] and row["provides"] and row["example_header"].strip(), row["key"]


def test_import_of_a_folder_lists_what_it_did_not_take(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "unduhan"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "importers" / "comments_csv" / "semarang_style.csv",
                    folder / "komentar.csv")
    (folder / "hampir.csv").write_text("text,likes,datetime\nhalo,1,2026-10-01\n", "utf-8")
    (folder / "catatan.md").write_text("# bukan ekspor\n", "utf-8")
    (folder / "rusak.json").write_text('{"data": [', "utf-8")
    assert main(["import", str(folder), "--db", str(tmp_path / "k.duckdb"), "--json", "--lang", "en"]) == 0
    files = {Path(f["file"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert set(files) == {"komentar.csv", "hampir.csv", "catatan.md", "rusak.json"}
    assert files["komentar.csv"]["status"] == "imported"
    near = files["hampir.csv"]
    assert near["status"] == "unrecognised"
    # The closest format first, with the field it lacks.
    assert near["message"].startswith("comments_csv (missing: author)")
    assert files["catatan.md"]["status"] == "unrecognised" and files["catatan.md"]["message"]
    assert files["rusak.json"]["status"] == "unreadable"
    assert "line 1" in files["rusak.json"]["message"]
