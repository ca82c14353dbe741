"""The triage inbox: current labels (model + team corrections), queues, work state, response times.

A comment's current label is the newest model decision overlaid with the team's newest
correction of each field; every change is a new row (corrections are never overwritten), so the
history of who decided what, and when, stays in the store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from .errors import KenaliError
from .store import triage_current
from .triage.policy import ACTIONS, INTENTS, NEVER_FOR_CRITICISM, TOS_FOR_INTENT, decide, priority

QUEUES = ("balas_cepat", "buat_postingan", "amati", "laporkan", "sembunyikan")
# Optional work, still reachable: thanks, and comments the model would ignore (to check it).
OTHER_QUEUES = ("terima_kasih", "abaikan")
Key = tuple[str, str]  # (platform, platform_comment_id)

# The current labels: kept per comment by every writer (kenali/store/triage_current.py).
CURRENT = "SELECT * FROM triage_current"


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def queue_counts(con: duckdb.DuckDBPyConnection, account_id: int | None = None) -> dict[str, int]:
    """Open comments per queue (urgent ones are counted in balas_cepat)."""
    found = dict(con.execute(f"""
        SELECT action, count(*) FROM ({CURRENT}) WHERE status = 'open'
          AND (? IS NULL OR account_id = ?) GROUP BY 1""", [account_id, account_id]).fetchall())
    return {q: int(found.get(q, 0)) for q in QUEUES + OTHER_QUEUES}


def open_by_account(con: duckdb.DuckDBPyConnection) -> dict[int, dict[str, int]]:
    """Per account: open comments per queue, and 'mendesak' for the urgent ones, in one pass."""
    out: dict[int, dict[str, int]] = {}
    for account_id, action, n, urgent in con.execute("""
            SELECT account_id, action, count(*), count(*) FILTER (WHERE urgent) FROM triage_current
            WHERE status = 'open' AND account_id IS NOT NULL GROUP BY ALL""").fetchall():
        counts = out.setdefault(int(account_id), {"mendesak": 0})
        counts[action] = int(n)
        counts["mendesak"] += int(urgent)
    return out


def urgent_open(con: duckdb.DuckDBPyConnection, account_id: int | None = None) -> int:
    """Open urgent comments."""
    return int(con.execute(f"SELECT count(*) FROM ({CURRENT}) WHERE status = 'open' AND urgent "
                           "AND (? IS NULL OR account_id = ?)", [account_id, account_id]).fetchall()[0][0])


def queue(con: duckdb.DuckDBPyConnection, action: str, account_id: int | None = None,
          status: str = "open", search: str | None = None, limit: int = 50,
          offset: int = 0, order: str = "default",
          since: dt.date | None = None) -> tuple[list[dict[str, Any]], int]:
    """One queue's comments and its total, urgent first; then by `order`: "default" (Balas cepat
    the longest waiting first, the other queues the newest first), "newest" or "oldest".
    `since` keeps comments from that day on (Jakarta time), e.g. after a historical import."""
    if action not in ACTIONS:
        raise KenaliError("inbox.error.bad_queue", queue=action, known=", ".join(QUEUES))
    where = ("action = ? AND status = ? AND (? IS NULL OR account_id = ?) "
             "AND (? IS NULL OR contains(lower(text), lower(?))) "
             "AND (CAST(? AS DATE) IS NULL OR timezone('Asia/Jakarta', created_at) >= CAST(? AS DATE))")
    params = [action, status, account_id, account_id, search, search, since, since]
    total = int(con.execute(f"SELECT count(*) FROM ({CURRENT}) WHERE {where}", params).fetchall()[0][0])
    oldest_first = order == "oldest" or (order == "default" and action == "balas_cepat")
    sort_sql = "urgent DESC, created_at ASC NULLS LAST" if oldest_first \
        else "urgent DESC, created_at DESC NULLS LAST"
    rows = _rows(con, f"SELECT * FROM ({CURRENT}) WHERE {where} ORDER BY {sort_sql}, platform_comment_id "
                      f"LIMIT {int(limit)} OFFSET {int(offset)}", params)
    for r in rows:
        r["explanation"] = json.loads(r["explanation"]) if isinstance(r["explanation"], str) else r["explanation"]
    return rows, total


def current(con: duckdb.DuckDBPyConnection, key: Key) -> dict[str, Any] | None:
    """The current label of one comment."""
    return _current_of(con, [key]).get(key)


def _current_of(con: duckdb.DuckDBPyConnection, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
    """The current labels of these comments, in one pass over the table."""
    if not keys:
        return {}
    pairs = ", ".join("(?, ?)" for _ in keys)
    rows = _rows(con, f"SELECT t.* FROM ({CURRENT}) t SEMI JOIN (VALUES {pairs}) k(platform, id) "
                      "ON k.platform = t.platform AND k.id = t.platform_comment_id",
                 [v for key in keys for v in key])
    return {(r["platform"], r["platform_comment_id"]): r for r in rows}


def correct(con: duckdb.DuckDBPyConnection, keys: Iterable[Key], by: str, *,
            intent: str | None = None, urgent: bool | None = None, tos_category: str | None = None,
            topic: str | None = None, action: str | None = None, note: str | None = None) -> int:
    """Record a person's correction of one or more comments; the action follows the policy.

    When the intent, urgency or ToS category changes and no action is given, the action is
    recomputed by the same rules the model uses; criticism can never be reported or hidden.
    """
    if intent is not None and intent not in INTENTS:
        raise KenaliError("inbox.error.bad_intent", intent=intent, known=", ".join(INTENTS))
    if action is not None and action not in ACTIONS:
        raise KenaliError("inbox.error.bad_action", action=action, known=", ".join(ACTIONS))
    wanted = list(dict.fromkeys(keys))
    found = _current_of(con, wanted)
    rows = []
    for key in wanted:
        now = found.get(key)
        if now is None:
            raise KenaliError("inbox.error.no_comment", comment=f"{key[0]}:{key[1]}")
        new_intent = intent or now["intent"]
        new_urgent = now["urgent"] if urgent is None else urgent
        new_tos = tos_category if tos_category is not None else (
            now["tos_category"] if new_intent == now["intent"] else None)
        if new_tos is not None and new_tos not in TOS_FOR_INTENT.get(new_intent, ()):
            new_tos = None
        new_action = action
        if new_action is None and (intent or urgent is not None or tos_category is not None):
            actions, _ = decide(new_intent, bool(new_urgent), new_tos, now["cluster_id"] is not None)
            new_action = actions[0]
        if new_intent == "kritik" and new_action in NEVER_FOR_CRITICISM:
            raise KenaliError("inbox.error.criticism_guard")
        rows.append([key[0], key[1], now["model_version"], intent, urgent,
                     new_tos if (intent or tos_category is not None) else None, topic, new_action,
                     note, by])
    if rows:
        con.executemany("""
            INSERT INTO triage_corrections (platform, platform_comment_id, model_version, intent, urgent,
              tos_category, topic, action, note, corrected_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        triage_current.refresh_labels(con, wanted)
    return len(rows)


def set_work(con: duckdb.DuckDBPyConnection, keys: Iterable[Key], by: str, *,
             status: str | None = None, assigned_to: str | None = None,
             note: str | None = None) -> int:
    """Assign, mark done or reopen, or note comments (the latest state is kept per comment)."""
    if status is not None and status not in ("open", "done"):
        raise KenaliError("inbox.error.bad_status", status=status)
    wanted = list(dict.fromkeys(keys))
    for platform, comment_id in wanted:
        con.execute("""
            INSERT INTO triage_work (platform, platform_comment_id, assigned_to, status, note,
              updated_by, updated_at, done_at)
            VALUES (?, ?, ?, coalesce(?, 'open'), ?, ?, now(),
                    CASE WHEN ? = 'done' THEN now() END)
            ON CONFLICT (platform, platform_comment_id) DO UPDATE SET
              assigned_to = coalesce(excluded.assigned_to, triage_work.assigned_to),
              status = coalesce(?, triage_work.status),
              note = coalesce(excluded.note, triage_work.note),
              updated_by = excluded.updated_by, updated_at = excluded.updated_at,
              done_at = CASE WHEN ? = 'done' THEN now()
                             WHEN ? = 'open' THEN NULL ELSE triage_work.done_at END""",
            [platform, comment_id, assigned_to, status, note, by, status, status, status, status])
    triage_current.refresh_work(con, wanted)
    return len(wanted)


def response_times(con: duckdb.DuckDBPyConnection, source: str = CURRENT,
                   by_account: bool = True) -> list[dict[str, Any]]:
    """Hours from a comment to the account's first reply: median and 90th percentile by queue
    (and account), over the current labels or any relation of the same columns."""
    account = "account, " if by_account else ""
    queues = ", ".join(f"'{q}'" for q in QUEUES)
    return _rows(con, f"""
        SELECT {account}action AS queue, count(*) AS comments, count(replied_at) AS replied,
          median(date_diff('second', created_at, replied_at)) / 3600.0 AS median_hours,
          quantile_cont(date_diff('second', created_at, replied_at), 0.9) / 3600.0 AS p90_hours
        FROM ({source}) WHERE action IN ({queues})
        GROUP BY ALL ORDER BY {account}queue""")


def clusters(con: duckdb.DuckDBPyConnection, account_id: int | None = None, limit: int = 60,
             members: int = 5) -> list[dict[str, Any]]:
    """The largest recurring issues with their size, speed and most-liked member comments."""
    found = _rows(con, f"""
        SELECT c.*, a.handle AS account FROM triage_clusters c LEFT JOIN accounts a USING (account_id)
        WHERE (? IS NULL OR c.account_id = ?) ORDER BY c.size DESC, c.per_day DESC
        LIMIT {int(limit)}""", [account_id, account_id])
    if not found:
        return []
    ids = [c["cluster_id"] for c in found]
    placeholders = ", ".join("?" for _ in ids)
    picked = _rows(con, f"""
        SELECT cluster_id, platform, platform_comment_id, author_handle, text, created_at,
               like_count, intent, status
        FROM ({CURRENT}) WHERE cluster_id IN ({placeholders})
        QUALIFY row_number() OVER (PARTITION BY cluster_id
                                   ORDER BY like_count DESC NULLS LAST, created_at) <= {int(members)}""",
                   ids)
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for row in picked:
        by_cluster.setdefault(row["cluster_id"], []).append(row)
    for cluster in found:
        cluster["keywords"] = json.loads(cluster["keywords"]) if isinstance(cluster["keywords"], str) \
            else (cluster["keywords"] or [])
        cluster["members"] = sorted(by_cluster.get(cluster["cluster_id"], []),
                                    key=lambda m: -(m["like_count"] or 0))
    return found


def cluster_count(con: duckdb.DuckDBPyConnection, account_id: int | None = None) -> int:
    """How many recurring issues there are."""
    return int(con.execute("SELECT count(*) FROM triage_clusters WHERE (? IS NULL OR account_id = ?)",
                           [account_id, account_id]).fetchall()[0][0])


def outline(cluster: dict[str, Any], t: Any) -> list[str]:
    """A draft outline of the clarification post for a recurring issue."""
    keywords = ", ".join(cluster["keywords"][:5]) or cluster["label"]
    quotes = [m["text"] for m in cluster["members"][:3]]
    lines = [t("inbox.outline.title", topic=cluster["label"]),
             t("inbox.outline.why", n=cluster["size"], keywords=keywords)]
    lines += [t("inbox.outline.quote", text=q[:160]) for q in quotes]
    lines += [t("inbox.outline.facts"), t("inbox.outline.steps"), t("inbox.outline.channel"),
              t("inbox.outline.pin")]
    return lines


_PLACE = re.compile(r"\b((?:jl\.?|jln\.?|jalan|gg\.?|gang|kel\.?|kelurahan|kec\.?|kecamatan|rt|rw|"
                    r"komplek|perumahan|pasar|stasiun|halte|terminal|kampung|kp\.?)\s+[\w./ -]{2,40}?)"
                    r"(?=[,.!?\n]|\s+(?:min|pak|bu|kak|tolong|mohon|udah|sudah|sejak|dari|kapan)\b|$)",
                    re.IGNORECASE)


def location_text(text: str) -> str | None:
    """Place phrases in a complaint ('Jl. Pramuka', 'RT 05 RW 02', 'kelurahan Cakung')."""
    found = [m.group(1).strip() for m in _PLACE.finditer(text or "")]
    return "; ".join(dict.fromkeys(found)) or None


def reportable(con: duckdb.DuckDBPyConnection, action: str, keys: Sequence[Key] | None = None,
               status: str = "open") -> list[dict[str, Any]]:
    """Comments of a queue (or the chosen ones) for an evidence or follow-up export."""
    rows = _rows(con, f"SELECT * FROM ({CURRENT}) WHERE action = ? AND status = ? "
                      "ORDER BY created_at", [action, status])
    if keys is not None:
        wanted = set(keys)
        rows = [r for r in rows if (r["platform"], r["platform_comment_id"]) in wanted]
    return rows


__all__ = ["QUEUES", "clusters", "correct", "current", "location_text", "outline", "priority",
           "OTHER_QUEUES", "cluster_count", "open_by_account", "queue", "queue_counts", "reportable", "response_times", "set_work", "urgent_open"]
