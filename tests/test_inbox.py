"""The triage inbox over a real store: queues, corrections with the criticism guard, work state,
response times, evidence files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import kenali
from kenali import inbox, moderation
from kenali.errors import KenaliError
from kenali.triage.store import triage_store

from .conftest import FIXTURES

THREAD = """comment id,username,text,datetime,post id,parent id,platform
c1,warga1,"Air sudah masuk rumah di Jl. Kemuning RT 03, tolong pompa dinyalakan!",2026-10-01T08:00:00+07:00,P1,,instagram
c2,dinas.fiktif,"Mohon maaf, petugas sudah menuju lokasi.",2026-10-01T09:30:00+07:00,P1,c1,instagram
c3,warga2,"Kapan bansos tahap 3 cair min?",2026-10-01T10:00:00+07:00,P1,,instagram
c4,warga3,"Kinerja dinas ini buruk sekali, gubernur harus evaluasi kepala dinasnya",2026-10-01T11:00:00+07:00,P1,,instagram
c5,spammer,"sl0t g4c0r maxwin d3po 10rb cek bio",2026-10-01T12:00:00+07:00,P1,,instagram
c6,pembenci,"dasar kalian orang [suku] semua maling, pantas dibakar",2026-10-01T13:00:00+07:00,P1,,instagram
"""


@pytest.fixture
def store(tmp_path: Path) -> kenali.Workspace:
    path = tmp_path / "thread.csv"
    path.write_text(THREAD, encoding="utf-8")
    ws = kenali.open(tmp_path / "k.duckdb")
    ws.import_paths([str(path)], account="dinas.fiktif", platform="instagram", progress=False)
    ws.import_paths([str(FIXTURES / "web" / "hostile_comments.csv")], account="dinas.fiktif",
                    platform="instagram", progress=False)
    triage_store(ws.con)
    return ws


def test_queues_exclude_the_accounts_own_replies(store: kenali.Workspace) -> None:
    counts = inbox.queue_counts(store.con)
    assert set(counts) == set(inbox.QUEUES) | set(inbox.OTHER_QUEUES)
    assert sum(counts.values()) == 10  # every open comment is in exactly one queue
    everything = store.con.execute(f"SELECT platform_comment_id FROM ({inbox.CURRENT})").fetchall()
    assert ("c2",) not in everything  # the account's own reply is not work
    assert len(everything) == 10


def test_urgent_comes_first_and_response_time(store: kenali.Workspace) -> None:
    rows, total = inbox.queue(store.con, "balas_cepat")
    assert total >= 1
    c1 = inbox.current(store.con, ("instagram", "c1"))
    assert c1 is not None and c1["urgent"] and c1["action"] == "balas_cepat"
    assert rows[0]["urgent"]
    times = {(r["account"], r["queue"]): r for r in inbox.response_times(store.con)}
    answered = times[("dinas.fiktif", "balas_cepat")]
    assert answered["replied"] == 1 and answered["median_hours"] == pytest.approx(1.5)


def test_queue_order_and_since(tmp_path: Path) -> None:
    import datetime as dt

    rows = "".join(f'q{d},warga{d},"min kapan pompa di gang {d} diperbaiki?",2026-10-{d:02d}T09:00:00+07:00,P1,,instagram\n'
                   for d in (1, 5, 9))
    path = tmp_path / "q.csv"
    path.write_text(THREAD.splitlines()[0] + "\n" + rows, encoding="utf-8")
    ws = kenali.open(tmp_path / "k.duckdb")
    ws.import_paths([str(path)], account="dinas.fiktif", platform="instagram", progress=False)
    triage_store(ws.con)

    def ids(**kw: object) -> list[str]:
        return [r["platform_comment_id"] for r in inbox.queue(ws.con, "balas_cepat", **kw)[0]]

    assert ids() == ["q1", "q5", "q9"]  # Balas cepat: the longest waiting first
    assert ids(order="newest") == ["q9", "q5", "q1"]
    assert ids(order="oldest") == ["q1", "q5", "q9"]
    found, total = inbox.queue(ws.con, "balas_cepat", since=dt.date(2026, 10, 5))
    assert total == 2 and [r["platform_comment_id"] for r in found] == ["q5", "q9"]
    ws.close()


def test_correction_recomputes_action_and_keeps_history(store: kenali.Workspace) -> None:
    key = ("instagram", "c3")
    before = inbox.current(store.con, key)
    assert before is not None
    inbox.correct(store.con, [key], "analis", intent="apresiasi")
    after = inbox.current(store.con, key)
    assert after is not None and after["intent"] == "apresiasi" and after["action"] == "terima_kasih"
    assert after["corrected_by"] == "analis" and after["model_intent"] == before["intent"]
    inbox.correct(store.con, [key], "admin", intent="spam", tos_category="scam_phishing")
    final = inbox.current(store.con, key)
    assert final is not None and final["action"] == "sembunyikan" and final["tos_category"] == "scam_phishing"
    assert store.con.execute("SELECT count(*) FROM triage_corrections").fetchone()[0] == 2


def test_criticism_can_never_be_reported_or_hidden(store: kenali.Workspace) -> None:
    key = ("instagram", "c4")
    inbox.correct(store.con, [key], "analis", intent="kritik")
    for action in ("laporkan", "sembunyikan"):
        with pytest.raises(KenaliError):
            inbox.correct(store.con, [key], "analis", intent="kritik", action=action)
    current = inbox.current(store.con, key)
    assert current is not None and current["action"] not in ("laporkan", "sembunyikan")


def test_done_leaves_the_open_queue(store: kenali.Workspace) -> None:
    key = ("instagram", "c1")
    queue = inbox.current(store.con, key)["action"]  # type: ignore[index]
    open_before = inbox.queue_counts(store.con)[queue]
    inbox.set_work(store.con, [key], "analis", status="done", assigned_to="analis", note="sudah ditangani")
    assert inbox.queue_counts(store.con)[queue] == open_before - 1
    done = inbox.current(store.con, key)
    assert done is not None and done["status"] == "done" and done["note"] == "sudah ditangani"
    inbox.set_work(store.con, [key], "analis", status="open")
    assert inbox.queue_counts(store.con)[queue] == open_before


def test_evidence_is_formula_safe_and_escaped() -> None:
    rows = [{"text": '=HYPERLINK("http://evil.invalid")', "author_handle": "@x", "n": "-1+1"},
            {"text": "<script>alert(1)</script>", "author_handle": "+62", "n": "5"}]
    parsed = list(csv.reader(io.StringIO(moderation.evidence_csv(rows, ["text", "author_handle", "n"]))))
    assert parsed[1][0].startswith("'=") and parsed[1][1] == "'@x" and parsed[1][2] == "'-1+1"
    assert parsed[2][1] == "'+62" and parsed[2][2] == "5"
    page = moderation.evidence_html(rows, ["text"], "Bukti <b>", {})
    assert "<script>" not in page and "&lt;script&gt;" in page and "Bukti &lt;b&gt;" in page


def test_report_reasons_cover_every_platform() -> None:
    for category, reasons in moderation.REASONS.items():
        assert set(reasons) == {"instagram", "facebook", "tiktok", "x", "youtube"}, category
    assert moderation.report_reason("instagram", "hate_speech") == "Hateful Conduct"
    assert moderation.report_reason("x", None) is None


def test_location_text() -> None:
    found = inbox.location_text("Air sudah masuk rumah di Jl. Kemuning RT 03, tolong pompa dinyalakan!")
    assert found is not None and "Jl. Kemuning RT 03" in found
    assert inbox.location_text("kapan bansos cair?") is None


def test_comments_by_shortcode_find_their_post(tmp_path: Path) -> None:
    ws = kenali.open(tmp_path / "k.duckdb")
    ws.import_paths([str(FIXTURES / "importers" / "meta_instagram_posts" / "ig_content_lifetime.csv")],
                    progress=False)
    comments = tmp_path / "c.csv"
    comments.write_text("comment id,username,text,post url\n"
                        "k1,warga,Kapan CFD berikutnya min?,https://www.instagram.com/reel/AbCdEf12345/\n",
                        encoding="utf-8")
    ws.import_paths([str(comments)], account="humas.kominfotik", platform="instagram", progress=False)
    triage_store(ws.con)
    found = inbox.current(ws.con, ("instagram", "k1"))
    assert found is not None and found["post_permalink"] == "https://www.instagram.com/reel/AbCdEf12345/"
    ws.close()
