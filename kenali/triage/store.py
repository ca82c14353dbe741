"""Triage of the comments in a kenali store into `triage_decisions` (migration 0002_triage),
keeping the inbox's `triage_current` (0006) in step."""

from __future__ import annotations

import json
import multiprocessing as mp
import pickle
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..store.triage_current import refresh
from .cluster import MAX_SPAN, WINDOW, Comment, find_clusters
from .data_sources import Labelled
from .pipeline import Triage, default_triage
from .policy import CLUSTER_INTENTS, decide, priority

BATCH = 8192
_DECISION_COLUMNS = ("platform", "platform_comment_id", "model_version", "intent", "urgent",
                     "tos_category", "action", "actions", "priority", "confidence", "topic",
                     "sentiment", "cluster_id", "explanation")
# Comments the model version (first parameter) has not decided; all of them when the second is true.
_PENDING = """
        FROM comments c
        LEFT JOIN triage_decisions d
          ON d.platform = c.platform AND d.platform_comment_id = c.platform_comment_id
         AND d.model_version = ?
        WHERE (? OR d.platform IS NULL)"""


def _pending_accounts(con: duckdb.DuckDBPyConnection, version: str, redo: bool) -> list[tuple[Any, int]]:
    """Accounts (id, or None for comments of no account) with comments this model has not decided."""
    return con.execute(f"SELECT c.account_id, count(*) {_PENDING} GROUP BY 1 ORDER BY 1 NULLS LAST",
                       [version, redo]).fetchall()


def pending_count(con: duckdb.DuckDBPyConnection, triage: Triage | None = None, redo: bool = False) -> int:
    """How many comments a run of `triage_store` would decide (for a progress bar's total)."""
    version = (triage or default_triage()).version
    return sum(n for _, n in _pending_accounts(con, version, redo))


def _pending(con: duckdb.DuckDBPyConnection, version: str, redo: bool, account_id: Any,
             limit: int | None) -> list[tuple[Any, ...]]:
    sql = f"""
        SELECT c.platform, c.platform_comment_id, c.text, c.account_id, c.created_at {_PENDING}
          AND c.account_id IS NOT DISTINCT FROM ?
        ORDER BY c.created_at NULLS LAST, c.platform, c.platform_comment_id"""
    params: list[Any] = [version, redo, account_id]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(max(0, limit))
    return con.execute(sql, params).fetchall()


def triage_store(con: duckdb.DuckDBPyConnection, triage: Triage | None = None,
                 limit: int | None = None, redo: bool = False, explain: bool = True,
                 progress: Callable[[int], None] | None = None, workers: int = 1) -> dict[str, Any]:
    """Triage the comments the current model has not decided, account by account.

    Each account is one transaction: its decisions are written batch by batch (memory holds one
    account's batches of decisions), then its recurring issues are clustered again over the
    window the new comments fall in, earlier comments included, so a question asked across
    several imports is still one issue. A run that stops part-way leaves whole accounts done;
    the next run goes on. With `workers` > 1 the batches are classified in that many processes
    while this one writes (the store keeps one writer); `progress` is called with the number of
    comments of each batch written."""
    triage = triage or default_triage()
    counts = {"triaged": 0, "clusters": 0}
    actions: Counter[str] = Counter()
    pool = _pool(triage, workers)
    try:
        waiting: tuple[Any, list[tuple[Any, ...]], list[Any]] | None = None
        remaining = limit
        for account_id, _ in _pending_accounts(con, triage.version, redo):
            if remaining is not None and remaining <= 0:
                break
            rows = _pending(con, triage.version, redo, account_id, remaining)
            if not rows:
                continue
            if remaining is not None:
                remaining -= len(rows)
            # The next account's batches are handed to the workers before this one's are written.
            submitted = _classify(pool, triage, rows, explain)
            if waiting is not None:
                _write_account(con, *waiting, triage.version, redo, counts, actions, progress)
            waiting = (account_id, rows, submitted)
        if waiting is not None:
            _write_account(con, *waiting, triage.version, redo, counts, actions, progress)
    finally:
        if pool is not None:
            pool.terminate()
    return {"triaged": counts["triaged"], "model_version": triage.version, "actions": dict(actions),
            "clusters": counts["clusters"]}


_worker: Triage | None = None


def _worker_start(model: bytes) -> None:
    global _worker
    _worker = pickle.loads(model)


def _worker_classify(texts: list[str], explain: bool) -> list[dict[str, Any]]:
    assert _worker is not None
    return _worker.classify(texts, explain=explain)


def _pool(triage: Triage, workers: int) -> Any:
    """A pool of classifying processes holding this model, or None for one process."""
    if workers <= 1:
        return None
    # Spawned, not forked: the parent holds a DuckDB connection and its threads.
    return mp.get_context("spawn").Pool(workers, initializer=_worker_start,
                                        initargs=(pickle.dumps(triage, protocol=5),))


def _classify(pool: Any, triage: Triage, rows: list[tuple[Any, ...]], explain: bool) -> list[Any]:
    """The decisions of each batch of rows: computed now, or handed to the pool."""
    batches = [[r[2] for r in rows[start:start + BATCH]] for start in range(0, len(rows), BATCH)]
    if pool is None:
        return [triage.classify(texts, explain=explain) for texts in batches]
    return [pool.apply_async(_worker_classify, (texts, explain)) for texts in batches]


def _write_account(con: duckdb.DuckDBPyConnection, account_id: Any, rows: list[tuple[Any, ...]],
                   submitted: list[Any], version: str, redo: bool, counts: dict[str, int],
                   actions: Counter[str], progress: Callable[[int], None] | None) -> None:
    """Write one account's decisions and cluster its window again, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for k, result in enumerate(submitted):
            decided = result if isinstance(result, list) else result.get()
            batch = rows[k * BATCH:(k + 1) * BATCH]
            _write_decisions(con, batch, decided, version)
            actions.update(d["action"] for d in decided)
            if progress is not None:
                progress(len(batch))
        times = [r[4] for r in rows if r[4] is not None]
        since = None if len(times) < len(rows) or redo else min(times)
        counts["clusters"] += recluster(con, account_id, since, version)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    counts["triaged"] += len(rows)


def _write_decisions(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]],
                     decided: list[dict[str, Any]], version: str) -> None:
    """Insert (or replace) one batch of decisions and bring their inbox rows up to date."""
    columns: dict[str, list[Any]] = {k: [] for k in _DECISION_COLUMNS}
    for row, d in zip(rows, decided, strict=True):
        values = {"platform": row[0], "platform_comment_id": row[1], "model_version": version,
                  "cluster_id": None, "actions": json.dumps(d["actions"]),
                  "explanation": json.dumps(d.get("explanation"), ensure_ascii=False)}
        for key in ("intent", "urgent", "tos_category", "action", "priority", "confidence",
                    "topic", "sentiment"):
            values[key] = d[key]
        for key in _DECISION_COLUMNS:
            columns[key].append(values[key])
    con.register("triage_batch", pa.table(columns))
    try:
        con.execute("""
            INSERT OR REPLACE INTO triage_decisions
              (platform, platform_comment_id, model_version, intent, urgent, tos_category, action,
               actions, priority, confidence, topic, sentiment, cluster_id, explanation)
            SELECT platform, platform_comment_id, model_version, intent, urgent, tos_category,
                   action, actions::JSON, priority, confidence, topic, sentiment, cluster_id,
                   explanation::JSON
            FROM triage_batch""")
        # The inbox reads the current labels from triage_current: these comments' rows change.
        refresh(con, "SELECT platform, platform_comment_id FROM triage_batch")
    finally:
        con.unregister("triage_batch")


def recluster(con: duckdb.DuckDBPyConnection, account_id: Any, since: datetime | None,
              version: str) -> int:
    """Cluster an account's recurring issues again from `since` on (all time when None).

    The window reaches back far enough for any cluster the new comments could join (MAX_SPAN
    and WINDOW before `since`, and the start of every cluster still open then); candidates are
    the comments whose current label (after the team's corrections) is a question, complaint
    or criticism. Comments whose cluster changes get the cluster and the policy's actions on
    their newest decision; the account's clusters in the window are replaced. Returns how many
    recurring clusters the window holds."""
    start = None
    if since is not None:
        start = since - MAX_SPAN - WINDOW
        older = con.execute("""
            SELECT min(first_at) FROM triage_clusters
            WHERE account_id IS NOT DISTINCT FROM ? AND last_at >= ?""", [account_id, start]).fetchall()
        if older[0][0] is not None:
            start = min(start, older[0][0])
    rows = con.execute("""
        SELECT platform, platform_comment_id, text, created_at, intent, cluster_id, model_version
        FROM triage_current
        WHERE account_id IS NOT DISTINCT FROM ? AND (? IS NULL OR created_at >= ? OR created_at IS NULL)
        ORDER BY created_at NULLS LAST, platform, platform_comment_id""",
                       [account_id, start, start]).fetchall()
    keys = [f"{r[0]}:{r[1]}" for r in rows]
    found, membership = find_clusters(
        [Comment(k, r[2] or "", account_id, r[3]) for k, r in zip(keys, rows, strict=True)],
        candidates={k for k, r in zip(keys, rows, strict=True) if r[4] in CLUSTER_INTENTS})
    changed = [(r[0], r[1], r[6], membership.get(k)) for k, r in zip(keys, rows, strict=True)
               if membership.get(k) != r[5]]
    if changed:
        _set_clusters(con, changed)
    con.execute("DELETE FROM triage_clusters WHERE account_id IS NOT DISTINCT FROM ? "
                "AND (? IS NULL OR last_at >= ?)", [account_id, start, start])
    if found:
        con.executemany("""
            INSERT OR REPLACE INTO triage_clusters
              (cluster_id, account_id, label, keywords, size, first_at, last_at, per_day, model_version)
            VALUES (?, ?, ?, ?::JSON, ?, ?, ?, ?, ?)
        """, [[c.cluster_id, c.account_id, c.label, json.dumps(c.keywords), c.size,
               c.first_at, c.last_at, c.per_day, version] for c in found])
    return len(found)


def _set_clusters(con: duckdb.DuckDBPyConnection, changed: list[tuple[str, str, str, str | None]]) -> None:
    """Give these comments' newest decisions their new cluster (or none) and the policy's actions."""
    table = pa.table({"platform": [c[0] for c in changed],
                      "platform_comment_id": [c[1] for c in changed],
                      "model_version": [c[2] for c in changed],
                      "cluster_id": [c[3] for c in changed]})
    con.register("cluster_moves", table)
    try:
        rows = con.execute("""
            SELECT m.platform, m.platform_comment_id, m.model_version, m.cluster_id,
                   d.intent, d.urgent, d.tos_category
            FROM cluster_moves m JOIN triage_decisions d USING (platform, platform_comment_id, model_version)
        """).fetchall()
    finally:
        con.unregister("cluster_moves")
    updates: dict[str, list[Any]] = {k: [] for k in ("platform", "platform_comment_id", "model_version",
                                                     "cluster_id", "action", "actions", "priority")}
    for platform, comment_id, version, cluster, intent, urgent, tos in rows:
        acts, _ = decide(intent, bool(urgent), tos, in_cluster=cluster is not None)
        for key, value in (("platform", platform), ("platform_comment_id", comment_id),
                           ("model_version", version), ("cluster_id", cluster), ("action", acts[0]),
                           ("actions", json.dumps(acts)), ("priority", priority(bool(urgent), acts[0]))):
            updates[key].append(value)
    con.register("cluster_updates", pa.table(updates))
    try:
        con.execute("""
            UPDATE triage_decisions SET cluster_id = u.cluster_id, action = u.action,
                   actions = u.actions::JSON, priority = u.priority
            FROM cluster_updates u
            WHERE triage_decisions.platform = u.platform
              AND triage_decisions.platform_comment_id = u.platform_comment_id
              AND triage_decisions.model_version = u.model_version""")
        refresh(con, "SELECT platform, platform_comment_id FROM cluster_updates")
    finally:
        con.unregister("cluster_updates")


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
