"""Triage of the comments in a kenali store into `triage_decisions` (migration 0002_triage),
keeping the inbox's `triage_current` (0006) in step."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import duckdb
import pyarrow as pa

from ..store.triage_current import refresh
from .cluster import Comment, find_clusters
from .data_sources import Labelled
from .pipeline import Triage, apply_clusters, cluster_candidates

BATCH = 8192


def _pending(con: duckdb.DuckDBPyConnection, version: str, redo: bool,
             limit: int | None) -> list[tuple[Any, ...]]:
    sql = """
        SELECT c.platform, c.platform_comment_id, c.text, c.account_id, c.created_at
        FROM comments c
        LEFT JOIN triage_decisions d
          ON d.platform = c.platform AND d.platform_comment_id = c.platform_comment_id
         AND d.model_version = ?
        WHERE ? OR d.platform IS NULL
        ORDER BY c.created_at NULLS LAST, c.platform, c.platform_comment_id
    """
    params: list[Any] = [version, redo]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(max(0, limit))
    return con.execute(sql, params).fetchall()


def triage_store(con: duckdb.DuckDBPyConnection, triage: Triage | None = None,
                 limit: int | None = None, redo: bool = False,
                 explain: bool = True) -> dict[str, Any]:
    """Triage pending comments and write decisions and clusters in one transaction."""
    triage = triage or Triage.load()
    rows = _pending(con, triage.version, redo, limit)
    keys = [f"{r[0]}:{r[1]}" for r in rows]
    decisions: list[dict[str, Any]] = []
    for start in range(0, len(rows), BATCH):
        decisions += triage.classify([r[2] for r in rows[start:start + BATCH]],
                                     ids=keys[start:start + BATCH], explain=explain)
    clusters, membership = find_clusters(
        [Comment(keys[i], r[2] or "", r[3], r[4]) for i, r in enumerate(rows)],
        candidates={keys[i] for i in cluster_candidates(decisions)})
    apply_clusters(decisions, keys, membership)
    columns: dict[str, list[Any]] = {k: [] for k in (
        "platform", "platform_comment_id", "model_version", "intent", "urgent", "tos_category",
        "action", "actions", "priority", "confidence", "topic", "sentiment", "cluster_id",
        "explanation")}
    actions: Counter[str] = Counter()
    for row, d in zip(rows, decisions, strict=True):
        values = {"platform": row[0], "platform_comment_id": row[1],
                  "model_version": triage.version, "cluster_id": d["cluster"],
                  "actions": json.dumps(d["actions"]),
                  "explanation": json.dumps(d.get("explanation"), ensure_ascii=False)}
        for key in ("intent", "urgent", "tos_category", "action", "priority", "confidence",
                    "topic", "sentiment"):
            values[key] = d[key]
        for key, value in values.items():
            columns[key].append(value)
        actions[d["action"]] += 1
    table = pa.table(columns)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("triage_batch", table)
        con.execute("""
            INSERT OR REPLACE INTO triage_decisions
              (platform, platform_comment_id, model_version, intent, urgent, tos_category, action,
               actions, priority, confidence, topic, sentiment, cluster_id, explanation)
            SELECT platform, platform_comment_id, model_version, intent, urgent, tos_category,
                   action, actions::JSON, priority, confidence, topic, sentiment, cluster_id,
                   explanation::JSON
            FROM triage_batch
        """)
        # The inbox reads the current labels from triage_current: these comments' rows change.
        refresh(con, "SELECT platform, platform_comment_id FROM triage_batch")
        con.unregister("triage_batch")
        if redo:  # clusters of a full re-triage replace this model's earlier ones
            con.execute("DELETE FROM triage_clusters WHERE model_version = ?", [triage.version])
        if clusters:
            con.executemany("""
                INSERT OR REPLACE INTO triage_clusters
                  (cluster_id, account_id, label, keywords, size, first_at, last_at, per_day,
                   model_version)
                VALUES (?, ?, ?, ?::JSON, ?, ?, ?, ?, ?)
            """, [[c.cluster_id, c.account_id, c.label, json.dumps(c.keywords), c.size,
                   c.first_at, c.last_at, c.per_day, triage.version] for c in clusters])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {"triaged": len(rows), "model_version": triage.version, "actions": dict(actions),
            "clusters": len(clusters)}


def corrected_rows(con: duckdb.DuckDBPyConnection) -> list[Labelled]:
    """The latest correction of each comment, with the decision's labels for unchanged fields."""
    # Field by field, the latest non-null correction wins (as in kenali.inbox).
    rows = con.execute("""
        WITH f AS (
            SELECT platform, platform_comment_id,
              arg_max(intent, corrected_at) FILTER (WHERE intent IS NOT NULL) AS intent,
              arg_max(urgent, corrected_at) FILTER (WHERE urgent IS NOT NULL) AS urgent,
              arg_max(tos_category, corrected_at) FILTER (WHERE tos_category IS NOT NULL) AS tos,
              arg_max(topic, corrected_at) FILTER (WHERE topic IS NOT NULL) AS topic
            FROM triage_corrections GROUP BY ALL
        ), d AS (
            SELECT * FROM triage_decisions
            QUALIFY row_number() OVER (PARTITION BY platform, platform_comment_id
                                       ORDER BY decided_at DESC, model_version DESC) = 1
        )
        SELECT f.platform || ':' || f.platform_comment_id, c.text,
               coalesce(f.intent, d.intent), coalesce(f.urgent, d.urgent, false),
               coalesce(f.tos, d.tos_category), coalesce(f.topic, d.topic)
        FROM f
        JOIN comments c USING (platform, platform_comment_id)
        LEFT JOIN d USING (platform, platform_comment_id)
        WHERE coalesce(f.intent, d.intent) IS NOT NULL
        ORDER BY 1
    """).fetchall()
    return [Labelled(id=f"koreksi:{r[0]}", text=r[1], intent=r[2], urgent=bool(r[3]),
                     tos_category=r[4] if r[2] in ("perundungan", "spam") else None, topic=r[5],
                     agency=None, hard_case=None, split="train") for r in rows]
