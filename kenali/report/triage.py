"""The triage part of the report: the period's comments as the inbox sorted them."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import duckdb

from .. import inbox
from ..performa.relations import TZ, id_list
from ..triage.policy import ACTIONS, CLUSTER_INTENTS, INTENTS
from .model import Triage
from .text import clean

EXAMPLE_WIDTH = 160
INTERNAL_TOKEN = re.compile(r"^(emo|num)_")


def _period_sql(ids: tuple[int, ...], start: dt.date, end: dt.date) -> str:
    """The current labels (inbox.CURRENT) of the accounts' comments written in the period."""
    return (f"SELECT * FROM ({inbox.CURRENT}) WHERE account_id IN {id_list(ids)} "
            f"AND CAST(timezone('{TZ}', created_at) AS DATE) "
            f"BETWEEN DATE '{start.isoformat()}' AND DATE '{end.isoformat()}'")


def _counts(con: duckdb.DuckDBPyConnection, period: str, column: str,
            order: tuple[str, ...]) -> list[tuple[str, int]]:
    found = dict(con.execute(f"SELECT {column}, count(*) FROM ({period}) GROUP BY 1").fetchall())
    known = [(k, int(found.pop(k))) for k in order if k in found]
    return known + sorted(((str(k), int(n)) for k, n in found.items()), key=lambda kv: -kv[1])


def _response(con: duckdb.DuckDBPyConnection, period: str) -> list[dict[str, Any]]:
    """Hours from a comment to the account's first reply, by queue, in queue order."""
    rows = {r["queue"]: r for r in inbox.response_times(con, source=period, by_account=False)}
    return [rows[q] for q in inbox.QUEUES if q in rows]


def _keywords(raw: Any) -> list[str]:
    """A cluster's keywords without the model's internal tokens (emo_*, num_*)."""
    words = json.loads(raw) if isinstance(raw, str) else (raw or [])
    return [clean(w, 40) for w in words if not INTERNAL_TOKEN.match(str(w))]


def _clusters(con: duckdb.DuckDBPyConnection, period: str, ids: tuple[int, ...],
              start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Recurring issues (mostly questions, complaints or criticism) of these accounts in the
    period, largest first, each with its most-liked comment. (inbox.clusters has no period
    filter and picks several members per cluster; the report needs one example each.)"""
    cursor = con.execute(f"""
        WITH found AS (
            SELECT c.*, a.handle AS account FROM triage_clusters c
            LEFT JOIN accounts a USING (account_id)
            WHERE c.account_id IN {id_list(ids)}
              AND CAST(timezone('{TZ}', c.last_at) AS DATE) >= DATE '{start.isoformat()}'
              AND CAST(timezone('{TZ}', c.first_at) AS DATE) <= DATE '{end.isoformat()}'),
        examples AS (
            SELECT cluster_id, count(*) AS in_period, mode(intent) AS intent,
              arg_max(text, (coalesce(like_count, -1), -epoch(created_at))) AS example
            FROM ({period}) WHERE cluster_id IN (SELECT cluster_id FROM found) GROUP BY 1)
        SELECT f.label, f.keywords, f.size, f.per_day, f.first_at, f.last_at, f.account,
          e.in_period, e.intent, e.example
        FROM found f JOIN examples e USING (cluster_id)
        WHERE e.intent IN {tuple(sorted(CLUSTER_INTENTS))}
        ORDER BY e.in_period DESC, f.size DESC, f.cluster_id""")
    names = [d[0] for d in cursor.description]
    out = []
    for row in cursor.fetchall():
        c = dict(zip(names, row, strict=True))
        keywords = _keywords(c["keywords"])
        out.append({"label": " ".join(keywords[:3]) or clean(c["label"], 80),
                    "keywords": keywords[:5], "size": int(c["size"]), "per_day": c["per_day"],
                    "in_period": int(c["in_period"]), "intent": c["intent"],
                    "first_at": c["first_at"], "last_at": c["last_at"], "account": c["account"],
                    "example": clean(c["example"], EXAMPLE_WIDTH) if c["example"] else None})
    return out


def triage_summary(con: duckdb.DuckDBPyConnection, ids: tuple[int, ...], start: dt.date,
                   end: dt.date) -> Triage | None:
    """Volumes, response times, recurring issues and reportable comments; None if none triaged."""
    period = _period_sql(ids, start, end)
    total, done = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE status = 'done') FROM ({period})").fetchone() or (0, 0)
    if not total:
        return None
    reported = con.execute(
        f"SELECT coalesce(tos_category, '-'), count(*) FROM ({period}) WHERE action = 'laporkan' "
        "GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    return Triage(comments=int(total), open=int(total) - int(done), done=int(done),
                  queues=_counts(con, period, "action", ACTIONS),
                  intents=_counts(con, period, "intent", INTENTS),
                  response=_response(con, period),
                  clusters=_clusters(con, period, ids, start, end),
                  reported=[(str(c), int(n)) for c, n in reported])
