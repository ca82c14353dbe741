"""Triage of a store: account by account, resumable, and recurring issues found across runs."""

from __future__ import annotations

from pathlib import Path

import kenali
from kenali.triage.store import triage_store

HEADER = "comment id,username,text,datetime,post id,parent id,platform\n"
FORMS = ["kapan KJP bulan ini cair min?", "min KJP kapan cair ya?", "KJP kapan cairnya min",
         "kapan ya KJP cair", "KJP bulan ini kapan cair?", "kapan KJP cair min"]


def _import(ws: kenali.Workspace, tmp_path: Path, name: str, rows: list[tuple[str, str, str]]) -> None:
    path = tmp_path / name
    body = "".join(f'{cid},warga_{cid},"{text}",{when},P1,,instagram\n' for cid, text, when in rows)
    path.write_text(HEADER + body, encoding="utf-8")
    ws.import_paths([str(path)], account="dinsos.fiktif", platform="instagram", progress=False)


def _labels(ws: kenali.Workspace) -> dict[str, tuple[str, str | None]]:
    rows = ws.con.execute("SELECT platform_comment_id, action, cluster_id FROM triage_current").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_a_question_asked_across_two_imports_is_one_recurring_issue(tmp_path: Path) -> None:
    ws = kenali.open(tmp_path / "k.duckdb")
    # Three askings on the first day: too few for a recurring issue.
    _import(ws, tmp_path, "day1.csv", [(f"a{i}", FORMS[i], f"2026-10-01T0{8 + i}:00:00+07:00")
                                       for i in range(3)])
    first = triage_store(ws.con)
    assert first["triaged"] == 3 and first["clusters"] == 0
    assert all(cluster is None for _, cluster in _labels(ws).values())
    # Three more the next day, in a later export: together they are one issue of six.
    _import(ws, tmp_path, "day2.csv", [(f"b{i}", FORMS[3 + i], f"2026-10-02T0{8 + i}:00:00+07:00")
                                       for i in range(3)])
    second = triage_store(ws.con)
    assert second["triaged"] == 3 and second["clusters"] == 1
    labels = _labels(ws)
    assert len({cluster for _, cluster in labels.values()}) == 1
    assert all(action == "buat_postingan" for action, _ in labels.values())
    stored = ws.con.execute("SELECT size, label FROM triage_clusters").fetchall()
    assert len(stored) == 1 and stored[0][0] == 6 and "kjp" in stored[0][1]
    # Nothing is left to triage, and a run without work changes nothing.
    assert triage_store(ws.con)["triaged"] == 0
    assert _labels(ws) == labels
    ws.close()


def test_runs_report_progress_and_a_limit_leaves_the_rest_for_the_next_run(tmp_path: Path) -> None:
    ws = kenali.open(tmp_path / "k.duckdb")
    _import(ws, tmp_path, "c.csv", [(f"c{i}", f"jalan rusak di gang {i} tolong diperbaiki",
                                     f"2026-10-0{1 + i % 5}T10:00:00+07:00") for i in range(12)])
    seen: list[int] = []
    assert triage_store(ws.con, limit=5, progress=seen.append)["triaged"] == 5
    assert sum(seen) == 5
    assert len(_labels(ws)) == 5
    assert triage_store(ws.con)["triaged"] == 7
    assert len(_labels(ws)) == 12
    ws.close()


def test_worker_processes_decide_as_one_process_does(tmp_path: Path) -> None:
    texts = ["jalan rusak parah di gang {i} tolong diperbaiki", "kapan bansos tahap {i} cair min?",
             "sl0t g4c0r {i} cek bio", "mantap pak, makasih petugas {i} 🙏", "pencitraan doang {i}"]
    rows = [(f"w{i}", texts[i % 5].format(i=i), f"2026-10-{1 + i % 20:02d}T10:00:00+07:00")
            for i in range(60)]
    decided = []
    for workers in (1, 2):
        ws = kenali.open(tmp_path / f"k{workers}.duckdb")
        _import(ws, tmp_path, f"w{workers}.csv", rows)
        seen: list[int] = []
        assert triage_store(ws.con, workers=workers, progress=seen.append)["triaged"] == 60
        assert sum(seen) == 60
        decided.append(ws.con.execute("""
            SELECT platform_comment_id, intent, urgent, action, confidence, cluster_id, explanation
            FROM triage_decisions ORDER BY 1""").fetchall())
        ws.close()
    assert decided[0] == decided[1]
