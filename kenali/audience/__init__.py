"""Who the followers are, and whether they are the ones that matter (issue "Kenali pengikut")."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pyarrow as pa

from .measures import demographic_fit, js_divergence, relevant_followers, representation
from .privacy import mask_handle, mask_name, mask_row
from .profiles import Profile, load_profile, parse_profile
from .quality import RULES_VERSION, QualitySummary, Verdict, classify, segment_of, summarise
from .report import account_summary

DEFAULT_PROFILE = "dki-jakarta"

__all__ = ["DEFAULT_PROFILE", "Profile", "QualitySummary", "Verdict", "account_summary", "chosen_profile", "classify",
           "demographic_fit", "js_divergence", "load_profile", "mask_handle", "mask_name",
           "mask_row", "parse_profile", "relevant_followers", "representation",
           "save_follower_quality", "segment_of", "summarise"]


def save_follower_quality(con: duckdb.DuckDBPyConnection, account_id: int) -> dict[str, Any]:
    """Classify an account's stored follower list and store the verdicts (replacing old ones)."""
    from .store import follower_rows

    rows = follower_rows(con, account_id).to_pylist()
    verdicts = [classify(r) for r in rows]
    # One Arrow batch, not a row-by-row executemany: follower lists run to hundreds of thousands.
    staged = pa.table({
        "handle": [r["handle"] for r in rows],
        "quality_class": [v.quality_class for v in verdicts],
        "rule": [v.rule for v in verdicts],
        "suspicion_points": pa.array([v.points for v in verdicts], pa.int32()),
        "features": [json.dumps(v.features, ensure_ascii=False) for v in verdicts],
        "segment": [v.segment for v in verdicts],
        "segment_evidence": pa.array([v.segment_evidence for v in verdicts], pa.string()),
    })
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM follower_quality WHERE account_id = ?", [account_id])
        con.register("_follower_quality_staged", staged)
        con.execute(
            "INSERT INTO follower_quality SELECT ?, handle, quality_class, rule, suspicion_points,"
            " features::JSON, segment, segment_evidence, ?, current_timestamp "
            "FROM _follower_quality_staged", [account_id, RULES_VERSION])
        con.unregister("_follower_quality_staged")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return summarise(verdicts).as_dict()


def chosen_profile(con: duckdb.DuckDBPyConnection, account_id: int) -> tuple[str, Profile]:
    """The population an account serves: the profile chosen for it, else DKI Jakarta."""
    from ..errors import KenaliError
    from .store import target_profile

    chosen = target_profile(con, account_id) or DEFAULT_PROFILE
    try:
        return chosen, load_profile(chosen)
    except KenaliError:  # a profile file removed since it was chosen
        return DEFAULT_PROFILE, load_profile(DEFAULT_PROFILE)
