"""The store: migrations, the single write path, idempotent and all-or-nothing imports."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import kenali
from kenali.errors import KenaliError
from kenali.store import MIGRATIONS
from kenali.store import writer as writer_module

from .conftest import FIXTURES

COMMENTS = FIXTURES / "comments" / "semarang_style.csv"


def test_fresh_database_matches_migrations(db_path: Path) -> None:
    ws = kenali.open(db_path)
    names = [r[0] for r in ws.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert names == [m.name for m in MIGRATIONS]
    tables = {r[0] for r in ws.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    # Every table a migration creates exists, and nothing else besides the migration record.
    created = set()
    for m in MIGRATIONS:
        for line in m.sql.splitlines():
            if line.startswith("CREATE TABLE "):
                created.add(line.split()[2])
    assert tables == created | {"schema_migrations"}
    ws.close()
    # Re-opening applies nothing twice.
    ws = kenali.open(db_path)
    assert ws.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
    ws.close()


def test_newer_schema_is_refused(db_path: Path) -> None:
    kenali.open(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future')")
    con.close()
    with pytest.raises(KenaliError) as info:
        kenali.open(db_path)
    assert "9999_from_the_future" in str(info.value)


def test_import_is_idempotent(ws: kenali.Workspace) -> None:
    first = ws.import_paths([str(COMMENTS)], progress=False)
    assert first[0].status == "imported"
    assert first[0].rows_read == 5
    counts = ws.counts()
    assert counts["comments"] == 4
    again = ws.import_paths([str(COMMENTS)], progress=False)
    assert again[0].status == "already_imported"
    assert ws.counts() == counts


def test_skipped_rows_carry_reasons(ws: kenali.Workspace) -> None:
    result = ws.import_paths([str(COMMENTS)], progress=False)[0]
    assert result.rows_skipped == 1
    assert result.skipped_rows[0]["line"] == 5
    assert "teks komentar kosong" in result.skipped_rows[0]["reason"]
    stored = ws.con.execute("SELECT skipped_reasons FROM imports").fetchone()[0]
    assert "teks komentar kosong" in stored
    # A bad cell in a column that is not essential is stored as NULL with a warning.
    assert any("'likes'" in w for w in result.warnings)
    assert any("'created_at'" in w for w in result.warnings)
    assert ws.con.execute("SELECT created_at FROM comments WHERE text = 'mantap'").fetchone()[0] is None
    # Hostile text is stored exactly (escaping is the job of each output).
    texts = [r[0] for r in ws.con.execute("SELECT text FROM comments").fetchall()]
    assert '=HYPERLINK("http://x")' in texts


def test_failure_half_way_leaves_no_trace(ws: kenali.Workspace, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ws.import_paths([str(COMMENTS)], progress=False)
    before = ws.counts()
    other = tmp_path / "other.csv"
    other.write_text("username,text\nrina,Kapan bansos cair?\nandi,Banjir lagi di Kemang\n")
    real_merge = writer_module.merge
    calls = {"n": 0}

    def failing_merge(con, spec, staged):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        inserted = real_merge(con, spec, staged)
        raise RuntimeError("disk full (injected)")
        return inserted

    monkeypatch.setattr("kenali.ingest.merge", failing_merge)
    with pytest.raises(RuntimeError):
        ws.import_paths([str(other)], progress=False)
    assert calls["n"] == 1
    assert ws.counts() == before
    monkeypatch.setattr("kenali.ingest.merge", real_merge)
    assert ws.import_paths([str(other)], progress=False)[0].status == "imported"
    assert ws.counts()["comments"] == before["comments"] + 2


def test_newest_observation_wins_and_is_recorded(ws: kenali.Workspace, tmp_path: Path) -> None:
    import os

    old = tmp_path / "old.csv"
    new = tmp_path / "new.csv"
    old.write_text("comment id,username,text,likes\n=\"17894961578756565\",rina,Kapan bansos cair?,1\n")
    new.write_text("comment id,username,text,likes\n17894961578756565,rina,Kapan bansos cair?,7\n")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(new, (1_800_000_000, 1_800_000_000))
    ws.import_paths([str(new)], progress=False)
    ws.import_paths([str(old)], progress=False)  # older observation: must not overwrite
    assert ws.con.execute("SELECT like_count FROM comments").fetchone()[0] == 7
    assert ws.con.execute("SELECT platform_comment_id FROM comments").fetchone()[0] == "17894961578756565"
    newer = tmp_path / "newer.csv"
    newer.write_text("comment id,username,text,likes\n17894961578756565,rina,Kapan bansos cair?,9\n")
    os.utime(newer, (1_900_000_000, 1_900_000_000))
    ws.import_paths([str(newer)], progress=False)
    assert ws.con.execute("SELECT like_count FROM comments").fetchone()[0] == 9
    change = ws.con.execute("SELECT column_name, old_value, new_value FROM changes").fetchall()
    assert ("like_count", "7", "9") in change


def test_raw_records_keep_every_row(ws: kenali.Workspace) -> None:
    result = ws.import_paths([str(COMMENTS)], progress=False)[0]
    rows = ws.con.execute("SELECT row_number, record FROM raw_records WHERE import_id = ? "
                          "ORDER BY row_number", [result.import_id]).fetchall()
    assert rows[0][0] == 1 and '"header"' in rows[0][1]
    assert len(rows) == 1 + result.rows_read


def test_unwritable_db_location(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(KenaliError) as info:
        kenali.open(blocker / "x.duckdb")
    assert "--db" in str(info.value) or "KENALI_DB" in str(info.value)


def test_not_a_database(tmp_path: Path) -> None:
    fake = tmp_path / "fake.duckdb"
    fake.write_text("hello")
    with pytest.raises(KenaliError):
        kenali.open(fake)


def test_a_file_that_names_its_account_leaves_no_empty_default(ws: kenali.Workspace) -> None:
    content = FIXTURES / "importers" / "meta_instagram_posts" / "ig_content_lifetime.csv"
    result = ws.import_paths([str(content)], account="akun.lain", platform="instagram", progress=False)[0]
    assert result.status == "imported"
    handles = [r[0] for r in ws.con.execute("SELECT handle FROM accounts").fetchall()]
    assert handles == ["humas.kominfotik"]
    assert ws.con.execute("SELECT account_id FROM imports").fetchone()[0] is not None


def test_a_file_without_its_account_asks_for_one(ws: kenali.Workspace) -> None:
    reach = FIXTURES / "importers" / "meta_instagram_series" / "Reach.csv"
    assert ws.import_paths([str(reach)], progress=False)[0].status == "needs_account"
    assert ws.counts()["accounts"] == 0 and ws.counts()["imports"] == 0
    done = ws.import_paths([str(reach)], account="dinas.fiktif", progress=False)[0]
    assert done.status == "imported" and ws.counts()["accounts"] == 1
