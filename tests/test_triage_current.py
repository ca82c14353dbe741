"""triage_current (migration 0006) equals the relation the inbox used to compute per request,
after every kind of write: a triage, corrections, work changes, re-triages and imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kenali
from kenali import inbox
from kenali.store.triage_current import refresh
from kenali.triage.pipeline import Triage
from kenali.triage.store import triage_store

from .conftest import FIXTURES

# The oracle: the inbox's CURRENT relation as it was before the table existed, verbatim.
OLD_CURRENT = """
WITH latest AS (
    SELECT platform, platform_comment_id, arg_max(model_version, decided_at) AS model_version
    FROM triage_decisions GROUP BY ALL),
d AS (SELECT t.* FROM triage_decisions t JOIN latest USING (platform, platform_comment_id, model_version)),
f AS (
    SELECT platform, platform_comment_id,
      arg_max(intent, corrected_at) FILTER (WHERE intent IS NOT NULL) AS intent,
      arg_max(urgent, corrected_at) FILTER (WHERE urgent IS NOT NULL) AS urgent,
      arg_max(tos_category, corrected_at) FILTER (WHERE tos_category IS NOT NULL) AS tos_category,
      arg_max(topic, corrected_at) FILTER (WHERE topic IS NOT NULL) AS topic,
      arg_max(action, corrected_at) FILTER (WHERE action IS NOT NULL) AS action,
      max(corrected_at) AS corrected_at, arg_max(corrected_by, corrected_at) AS corrected_by
    FROM triage_corrections GROUP BY ALL)
SELECT c.platform, c.platform_comment_id, c.account_id, a.handle AS account, c.platform_post_id,
  coalesce(p.permalink, sc.permalink) AS post_permalink, c.parent_comment_id, c.author_handle, c.text, c.created_at,
  c.like_count, c.hidden,
  coalesce(f.intent, d.intent) AS intent, coalesce(f.urgent, d.urgent) AS urgent,
  CASE WHEN f.intent IS NOT NULL AND f.tos_category IS NULL THEN NULL
       ELSE coalesce(f.tos_category, d.tos_category) END AS tos_category,
  coalesce(f.topic, d.topic) AS topic, coalesce(f.action, d.action) AS action,
  d.confidence, d.explanation, d.cluster_id, d.model_version, d.intent AS model_intent,
  f.corrected_at, f.corrected_by,
  coalesce(w.status, 'open') AS status, w.assigned_to, w.note
FROM comments c
JOIN d USING (platform, platform_comment_id)
LEFT JOIN f USING (platform, platform_comment_id)
LEFT JOIN triage_work w USING (platform, platform_comment_id)
LEFT JOIN accounts a ON a.account_id = c.account_id
LEFT JOIN posts p ON p.platform = c.platform AND p.platform_post_id = c.platform_post_id
LEFT JOIN (SELECT platform, permalink,
                  regexp_extract(permalink, '/(?:p|reel|reels|tv)/([^/?]+)', 1) AS shortcode
           FROM posts WHERE permalink IS NOT NULL) sc
  ON sc.platform = c.platform AND sc.shortcode = c.platform_post_id AND sc.shortcode <> ''
WHERE c.author_handle IS DISTINCT FROM a.handle
"""
# The old reply-time query, over the oracle.
OLD_RESPONSE = f"""
WITH cur AS ({OLD_CURRENT}),
replies AS (
    SELECT r.platform, r.parent_comment_id, min(r.created_at) AS replied_at
    FROM comments r JOIN accounts a ON a.account_id = r.account_id
    WHERE r.parent_comment_id IS NOT NULL AND r.author_handle = a.handle
    GROUP BY 1, 2)
SELECT cur.account, cur.action AS queue, count(*) AS comments,
  count(replies.replied_at) AS replied,
  median(date_diff('second', cur.created_at, replies.replied_at)) / 3600.0 AS median_hours,
  quantile_cont(date_diff('second', cur.created_at, replies.replied_at), 0.9) / 3600.0 AS p90_hours
FROM cur LEFT JOIN replies ON replies.platform = cur.platform
  AND replies.parent_comment_id = cur.platform_comment_id
WHERE cur.action IN ('balas_cepat', 'buat_postingan', 'amati', 'laporkan', 'sembunyikan')
GROUP BY ALL ORDER BY cur.account, queue
"""
ORACLE_COLUMNS = ("platform", "platform_comment_id", "account_id", "account", "platform_post_id",
                  "post_permalink", "parent_comment_id", "author_handle", "text", "created_at",
                  "like_count", "hidden", "intent", "urgent", "tos_category", "topic", "action",
                  "confidence", "explanation", "cluster_id", "model_version", "model_intent",
                  "corrected_at", "corrected_by", "status", "assigned_to", "note")

ACCOUNT = "humas.kominfotik"
# Comments name their post by shortcode (k1, k2) or media id (k3); k2 is the account's reply.
THREAD = f"""comment id,username,text,likes,datetime,post id,parent id
k1,warga1,"Air sudah masuk rumah di Jl. Kemuning RT 03, tolong pompa dinyalakan!",3,2026-10-01T08:00:00+07:00,AbCdEf12345,
k2,{ACCOUNT},"Mohon maaf, petugas sudah menuju lokasi.",0,2026-10-01T09:30:00+07:00,AbCdEf12345,k1
k3,warga2,"Kapan bansos tahap 3 cair min?",1,2026-10-01T10:00:00+07:00,18041234567890124,
k4,warga3,"Kinerja dinas ini buruk sekali, gubernur harus evaluasi kepala dinasnya",5,2026-10-01T11:00:00+07:00,AbCdEf12347,
k5,spammer,"sl0t g4c0r maxwin d3po 10rb cek bio",0,2026-10-01T12:00:00+07:00,AbCdEf12347,
k6,pembenci,"dasar kalian orang [suku] semua maling, pantas dibakar",0,2026-10-01T13:00:00+07:00,AbCdEf12346,
k7,warga4,"Terima kasih infonya min, sangat membantu",2,2026-10-01T14:00:00+07:00,AbCdEf12346,
"""
# A later export: k1 edited and liked more, and the account answers k3.
LATER = f"""comment id,username,text,likes,datetime,post id,parent id
k1,warga1,"Air sudah masuk rumah di Jl. Kemuning RT 03, tolong pompa segera dinyalakan!",9,2026-10-01T08:00:00+07:00,AbCdEf12345,
k8,{ACCOUNT},"Tahap 3 cair minggu depan, Kak.",0,2026-10-02T10:00:00+07:00,18041234567890124,k3
"""


def _rows(con: Any, sql: str) -> list[tuple[Any, ...]]:
    columns = ", ".join(ORACLE_COLUMNS)
    return con.execute(f"SELECT {columns} FROM ({sql}) ORDER BY platform, platform_comment_id").fetchall()


def assert_matches_oracle(con: Any) -> None:
    """The table holds exactly the old relation's rows, and the reply times agree."""
    want = _rows(con, OLD_CURRENT)
    assert want, "the scenario must have triaged comments"
    assert _rows(con, "SELECT * FROM triage_current") == want
    response = [tuple(r.values()) for r in inbox.response_times(con)]
    assert response == con.execute(OLD_RESPONSE).fetchall()


def _import(ws: kenali.Workspace, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    ws.import_paths([str(path)], account=ACCOUNT, platform="instagram", progress=False)


@pytest.fixture
def store(tmp_path: Path) -> kenali.Workspace:
    ws = kenali.open(tmp_path / "k.duckdb")
    _import(ws, tmp_path / "thread.csv", THREAD)
    triage_store(ws.con)
    return ws


def test_every_write_keeps_the_table_equal_to_the_old_relation(store: kenali.Workspace,
                                                               tmp_path: Path) -> None:
    con = store.con
    assert_matches_oracle(con)
    assert inbox.current(con, ("instagram", "k2")) is None  # the account's own reply is no work
    # Corrections, one field at a time and several comments at once; k3 ends criticism after a
    # spam category was set (the newest intent and the newest category are separate fields).
    inbox.correct(con, [("instagram", "k3")], "analis", intent="apresiasi")
    assert_matches_oracle(con)
    inbox.correct(con, [("instagram", "k3")], "admin", intent="spam", tos_category="scam_phishing")
    inbox.correct(con, [("instagram", "k1")], "analis", urgent=False)
    inbox.correct(con, [("instagram", "k4"), ("instagram", "k7")], "analis", action="amati",
                  note="pantau")
    assert_matches_oracle(con)
    inbox.correct(con, [("instagram", "k3")], "analis", intent="kritik")
    assert_matches_oracle(con)
    # Work state: done, assigned, noted, reopened.
    inbox.set_work(con, [("instagram", "k1"), ("instagram", "k4")], "analis", status="done")
    inbox.set_work(con, [("instagram", "k5")], "analis", assigned_to="admin", note="cek akun")
    assert_matches_oracle(con)
    inbox.set_work(con, [("instagram", "k4")], "admin", status="open")
    assert_matches_oracle(con)
    assert inbox.current(con, ("instagram", "k1"))["status"] == "done"  # type: ignore[index]
    # Re-triage of everything by the same model, then part of the store by a newer one.
    triage_store(con, redo=True)
    assert_matches_oracle(con)
    newer = Triage.load()
    newer.version += "+retrained"
    triage_store(con, newer, limit=3)
    assert con.execute("SELECT count(DISTINCT model_version) FROM triage_current").fetchall()[0][0] == 2
    assert_matches_oracle(con)
    # Imports: an edited comment, the account's answer to k3, then the posts with their links.
    _import(store, tmp_path / "later.csv", LATER)
    assert_matches_oracle(con)
    k1 = inbox.current(con, ("instagram", "k1"))
    assert k1 is not None and k1["like_count"] == 9 and "segera" in k1["text"]
    assert inbox.current(con, ("instagram", "k3"))["replied_at"] is not None  # type: ignore[index]
    assert inbox.current(con, ("instagram", "k1"))["post_permalink"] is None  # type: ignore[index]
    store.import_paths([str(FIXTURES / "importers" / "meta_instagram_posts" / "ig_content_lifetime.csv")],
                       progress=False)
    assert_matches_oracle(con)
    by_shortcode = inbox.current(con, ("instagram", "k1"))
    by_media_id = inbox.current(con, ("instagram", "k3"))
    assert by_shortcode is not None and by_shortcode["post_permalink"].endswith("/reel/AbCdEf12345/")
    assert by_media_id is not None and by_media_id["post_permalink"].endswith("/p/AbCdEf12346/")
    store.close()


def test_migration_backfills_an_existing_store(store: kenali.Workspace, tmp_path: Path) -> None:
    inbox.correct(store.con, [("instagram", "k5")], "analis", intent="spam", tos_category="spam_commercial")
    inbox.set_work(store.con, [("instagram", "k6")], "analis", status="done")
    # A store triaged before migration 0006: the table is gone and the migration not recorded.
    store.con.execute("DROP TABLE triage_current")
    store.con.execute("DELETE FROM schema_migrations WHERE name = '0006_triage_current'")
    store.close()
    with kenali.open(tmp_path / "k.duckdb") as again:
        assert_matches_oracle(again.con)
        full = _rows(again.con, "SELECT * FROM triage_current")
        refresh(again.con)  # a full rebuild writes the same rows
        assert _rows(again.con, "SELECT * FROM triage_current") == full


def test_queues_read_the_table(store: kenali.Workspace) -> None:
    counts = inbox.queue_counts(store.con)
    assert sum(counts.values()) == 6  # every comment but the account's own reply, once
    # A row changed behind the inbox's back shows: the queues read nothing else.
    store.con.execute("UPDATE triage_current SET action = 'laporkan', status = 'open'")
    assert inbox.queue_counts(store.con)["laporkan"] == 6
    rows, total = inbox.queue(store.con, "laporkan")
    assert total == 6 and {r["platform_comment_id"] for r in rows} == {"k1", "k3", "k4", "k5", "k6", "k7"}
    store.close()


def test_open_counts_of_every_account_in_one_pass(store: kenali.Workspace) -> None:
    inbox.set_work(store.con, [("instagram", "k1")], "analis", status="done")
    by_account = inbox.open_by_account(store.con)
    assert by_account, "the scenario has open comments"
    for account_id, counts in by_account.items():
        expected = {q: n for q, n in inbox.queue_counts(store.con, account_id).items() if n}
        assert {q: n for q, n in counts.items() if q != "mendesak"} == expected
        assert counts["mendesak"] == inbox.urgent_open(store.con, account_id)
    store.close()
