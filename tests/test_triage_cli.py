"""`kenali triage FILE`: JSONL out, one object per input in input order; hostile text is data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kenali.cli import main
from tests.conftest import FIXTURES

FIX = FIXTURES / "triage"
FIELDS = {"id", "intent", "urgent", "tos_category", "action", "confidence", "topic", "cluster",
          "explanation"}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.strip()] if code == 0 else []
    return code, lines, err


def test_jsonl_order_fields_and_hostile_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "triage", str(FIX / "comments.jsonl"))
    assert code == 0
    source = [json.loads(line) for line in (FIX / "comments.jsonl").read_text("utf-8").splitlines()]
    assert len(out) == len(source)
    expected_ids = [str(s["id"]) if s.get("id") else str(i + 1) for i, s in enumerate(source)]
    assert [o["id"] for o in out] == expected_ids  # order kept; missing ids are line numbers
    for o in out:
        assert FIELDS <= set(o)
    assert out[0]["platform"] == "instagram" and out[0]["post_id"] == "p1"
    assert out[1]["intent"] == "spam" and out[1]["action"] == "sembunyikan"
    assert out[2]["action"] == "terima_kasih"
    assert out[4]["id"] == "=cmd|' /C calc'!A0"  # a formula-looking id comes back verbatim, as data
    assert out[5]["urgent"] is True
    assert out[6]["action"] not in ("laporkan", "sembunyikan")
    assert out[7]["action"] == "abaikan"  # empty comment


def test_csv_with_bom_semicolons_and_newlines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "triage", str(FIX / "comments.csv"), "--json")
    assert code == 0
    assert [o["id"] for o in out] == ["c1", "c2", "c3", "c4"]
    assert out[0]["platform"] == "tiktok"
    assert out[0]["intent"] in ("keluhan_layanan", "pertanyaan")
    assert out[2]["intent"] == "apresiasi"


def test_bad_input_is_one_clear_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": oops}\n', "utf-8")
    code, out, err = _run(capsys, "triage", str(bad))
    assert code == 2 and out == []
    assert "bad.jsonl" in err and "2" in err and "Traceback" not in err
    no_text = tmp_path / "x.csv"
    no_text.write_text("id,body\n1,halo\n", "utf-8")
    code, _, err = _run(capsys, "triage", str(no_text))
    assert code == 2 and "text" in err
    code, _, err = _run(capsys, "triage", str(tmp_path / "missing.csv"))
    assert code == 2 and "missing.csv" in err


def test_triage_store_writes_decisions(capsys: pytest.CaptureFixture[str], ws, db_path: Path) -> None:
    rows = [("instagram", f"c{i}", text) for i, text in enumerate(
        ["min jalan rusak kapan diperbaiki?", "slot gacor maxwin cek bio", "terima kasih pak 🙏"])]
    for platform, cid, text in rows:
        ws.con.execute("INSERT INTO comments (platform, platform_comment_id, text, observed_at, import_id)"
                       " VALUES (?, ?, ?, now(), 0)", [platform, cid, text])
    ws.close()
    code = main(["triage", "--db", str(db_path), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["triaged"] == 3
    code = main(["triage", "--db", str(db_path), "--json"])
    assert json.loads(capsys.readouterr().out)["triaged"] == 0  # already decided by this model
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    got = dict(con.execute("SELECT platform_comment_id, action FROM triage_decisions").fetchall())
    con.close()
    assert got == {"c0": "balas_cepat", "c1": "sembunyikan", "c2": "terima_kasih"}


def test_broken_bytes_and_utf16_are_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"id,text\n1,jalan rusak \xff\xfe parah\n2,terima kasih\n")
    code, out, _ = _run(capsys, "triage", str(broken))
    assert code == 0 and [o["id"] for o in out] == ["1", "2"]
    utf16 = tmp_path / "excel.csv"
    utf16.write_text("id\ttext\r\n1\tslot gacor maxwin cek bio\r\n", encoding="utf-16")
    code, out, _ = _run(capsys, "triage", str(utf16))
    assert code == 0 and out[0]["intent"] == "spam"


def test_recurring_questions_in_a_file_get_buat_postingan(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    texts = ["kapan KJP bulan ini cair min?", "min KJP kapan cair ya?", "KJP kapan cairnya min",
             "kapan ya KJP cair", "KJP bulan ini kapan cair?", "terima kasih min 🙏"]
    path = tmp_path / "kjp.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"k{i}", "text": t, "account": "dinsos",
                                          "created_at": f"2026-11-0{1 + i % 3}T10:00:00+07:00"})
                              for i, t in enumerate(texts)) + "\n", "utf-8")
    code, out, _ = _run(capsys, "triage", str(path))
    assert code == 0
    clusters = {o["cluster"] for o in out[:5]}
    assert len(clusters) == 1 and None not in clusters
    assert all(o["action"] == "buat_postingan" for o in out[:5])
    assert "kebijakan:cluster" in out[0]["explanation"]["rules"]
    assert out[5]["cluster"] is None and out[5]["action"] == "terima_kasih"
