"""Who the followers are, and whether they are the ones that matter (issue "Kenali pengikut")."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from .measures import demographic_fit, js_divergence, relevant_followers, representation
from .privacy import mask_handle, mask_name, mask_row
from .profiles import Profile, load_profile, parse_profile
from .quality import RULES_VERSION, QualitySummary, Verdict, classify, segment_of, summarise
from .report import account_summary

__all__ = ["Profile", "QualitySummary", "Verdict", "account_summary", "classify",
           "demographic_fit", "js_divergence", "load_profile", "mask_handle", "mask_name",
           "mask_row", "parse_profile", "relevant_followers", "representation",
           "save_follower_quality", "segment_of", "summarise"]


def save_follower_quality(con: duckdb.DuckDBPyConnection, account_id: int) -> dict[str, Any]:
    """Classify an account's stored follower list and store the verdicts (replacing old ones)."""
    from .store import follower_rows

    rows = follower_rows(con, account_id).to_pylist()
    verdicts = [classify(r) for r in rows]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM follower_quality WHERE account_id = ?", [account_id])
        if rows:
            con.executemany(
                "INSERT INTO follower_quality VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                [[account_id, r["handle"], v.quality_class, v.rule, v.points,
                  json.dumps(v.features, ensure_ascii=False), v.segment, v.segment_evidence,
                  RULES_VERSION] for r, v in zip(rows, verdicts, strict=True)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return summarise(verdicts).as_dict()
