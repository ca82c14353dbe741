"""The command line: contracts of import/status/formats, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from kenali.cli import main

from .conftest import FIXTURES

COMMENTS = FIXTURES / "comments" / "ig_comment_export.csv"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a child process."""
    return subprocess.run([sys.executable, "-m", "kenali", *args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL)


def test_import_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    assert main(["import", str(COMMENTS), "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    entry = out["files"][0]
    assert entry["format"] == "comments_csv"
    assert (entry["rows_read"], entry["rows_written"], entry["rows_skipped"]) == (7, 6, 1)
    assert entry["skipped_reasons"] == {"teks komentar kosong": 1}  # Indonesian by default
    assert entry["warnings"]


def test_status_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    main(["import", str(COMMENTS), "--db", str(db), "--account", "dinas.fiktif",
          "--platform", "instagram", "--json"])
    capsys.readouterr()
    assert main(["status", "--db", str(db), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["tables"]["comments"] == 6
    assert status["accounts"][0]["handle"] == "dinas.fiktif"
    assert status["platforms"]["instagram"]["comments"] == 6


def test_formats_lists_every_registered_format(capsys: pytest.CaptureFixture[str]) -> None:
    from kenali import importers

    assert main(["formats", "--json"]) == 0
    listed = {row["key"] for row in json.loads(capsys.readouterr().out)}
    assert listed == set(importers.formats())


@pytest.mark.parametrize("make_args,expected", [
    (lambda t: ["import", str(t / "missing.csv"), "--db", str(t / "k.duckdb")], "missing.csv"),
    (lambda t: ["import", str(COMMENTS), "--db", str(t / "blocker" / "k.duckdb")], "--db"),
    (lambda t: ["status", "--db", str(t / "none.duckdb")], "none.duckdb"),
    (lambda t: ["import", str(COMMENTS), "--db", str(t / "k.duckdb"), "--platform", "myspace"], "myspace"),
])
def test_bad_input_is_one_clear_line(tmp_path: Path, make_args, expected: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = run(*make_args(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "k.duckdb").exists() or "--platform" in make_args(tmp_path)


def test_file_that_is_no_export(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("Rapat Humas hari Senin\njam 9 pagi\n")
    db = tmp_path / "k.duckdb"
    result = run("import", str(junk), "--db", str(db), "--lang", "en")
    assert "not a recognised export" in result.stdout
    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM imports").fetchone() == (0,)
    con.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    assert run("import", str(COMMENTS), "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_migrations (name) VALUES ('9999_future')")
    con.close()
    result = run("status", "--db", str(db), "--lang", "en")
    assert result.returncode == 2 and "newer kenali" in result.stderr


def test_english_and_indonesian_messages(tmp_path: Path) -> None:
    missing = str(tmp_path / "x.csv")
    assert "tidak ditemukan" in run("import", missing, "--db", str(tmp_path / "k.duckdb")).stderr
    assert "no such file" in run("--lang", "en", "import", missing, "--db", str(tmp_path / "k.duckdb")).stderr


def test_unknown_time_zone_is_one_clear_line(tmp_path: Path) -> None:
    result = run("import", str(COMMENTS), "--db", str(tmp_path / "k.duckdb"), "--tz", "Mars/Olympus",
                 "--lang", "en")
    assert result.returncode == 2 and "Mars/Olympus" in result.stderr
    assert "Traceback" not in result.stderr
