"""The `triage_current` table (migration 0006): each comment's current triage label, kept by its writers.

A comment's current label is its newest model decision overlaid with the team's newest
correction of each field, with its work state, the comment and post fields the inbox shows, and
the account's first reply. Computing that over every comment for each page was the inbox's cost,
so every writer of the tables it comes from recomputes the rows of the comments it touched, in
its own transaction: triage runs and imports through `refresh`, a correction through
`refresh_labels`, a work change through `refresh_work` (these two read only small tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb

# The table's columns, in its order (the migration creates them so).
COLUMNS = ("platform", "platform_comment_id", "account_id", "account", "platform_post_id",
           "post_permalink", "parent_comment_id", "author_handle", "text", "created_at",
           "like_count", "hidden", "intent", "urgent", "tos_category", "topic", "action",
           "confidence", "explanation", "cluster_id", "model_version", "model_intent",
           "corrected_at", "corrected_by", "status", "assigned_to", "note", "replied_at",
           "model_urgent", "model_tos_category", "model_topic", "model_action")

# The team's newest correction of each field, per comment (`{only}` may restrict it).
_CORRECTIONS = """
    SELECT platform, platform_comment_id,
      arg_max(intent, corrected_at) FILTER (WHERE intent IS NOT NULL) AS intent,
      arg_max(urgent, corrected_at) FILTER (WHERE urgent IS NOT NULL) AS urgent,
      arg_max(tos_category, corrected_at) FILTER (WHERE tos_category IS NOT NULL) AS tos_category,
      arg_max(topic, corrected_at) FILTER (WHERE topic IS NOT NULL) AS topic,
      arg_max(action, corrected_at) FILTER (WHERE action IS NOT NULL) AS action,
      max(corrected_at) AS corrected_at, arg_max(corrected_by, corrected_at) AS corrected_by
    FROM triage_corrections {only} GROUP BY ALL"""

# The current labels: corrections `{f}` over the model's labels `{m}.model_*`. A corrected intent
# without a ToS category clears the model's category (it belonged to the model's intent).
_LABELS = {
    "intent": "coalesce({f}.intent, {m}.model_intent)",
    "urgent": "coalesce({f}.urgent, {m}.model_urgent)",
    "tos_category": "CASE WHEN {f}.intent IS NOT NULL AND {f}.tos_category IS NULL THEN NULL "
                    "ELSE coalesce({f}.tos_category, {m}.model_tos_category) END",
    "topic": "coalesce({f}.topic, {m}.model_topic)",
    "action": "coalesce({f}.action, {m}.model_action)",
    "corrected_at": "{f}.corrected_at",
    "corrected_by": "{f}.corrected_by",
}
_WORK = {"status": "coalesce({w}.status, 'open')", "assigned_to": "{w}.assigned_to", "note": "{w}.note"}

# `{only}` restricts a source to the comments in the relation `k`, `{replies_of}` the account's
# replies to those comments; both are empty for a full rebuild.
_RELATION = """
WITH {keys}
latest AS (
    -- The newest model decision per comment (a grouped arg_max is cheaper than a window).
    SELECT platform, platform_comment_id, arg_max(model_version, decided_at) AS model_version
    FROM triage_decisions {only} GROUP BY ALL),
d AS (SELECT t.*, t.intent AS model_intent, t.urgent AS model_urgent,
             t.tos_category AS model_tos_category, t.topic AS model_topic, t.action AS model_action
      FROM triage_decisions t JOIN latest USING (platform, platform_comment_id, model_version)),
f AS ({corrections}),
-- Instagram comment tools name a post by its shortcode, Meta's exports by its media id (one
-- permalink per shortcode, so a post exported twice cannot double its comments).
sc AS (
    SELECT platform, shortcode, min(permalink) AS permalink FROM (
        SELECT platform, permalink, {shortcode} AS shortcode FROM posts WHERE permalink IS NOT NULL)
    WHERE shortcode <> '' GROUP BY ALL),
replies AS (
    -- When the account itself first answered the comment.
    SELECT r.platform, r.parent_comment_id, min(r.created_at) AS replied_at
    FROM comments r JOIN accounts a ON a.account_id = r.account_id {replies_of}
    WHERE r.parent_comment_id IS NOT NULL AND r.author_handle = a.handle
    GROUP BY 1, 2)
SELECT c.platform, c.platform_comment_id, c.account_id, a.handle AS account, c.platform_post_id,
  coalesce(p.permalink, sc.permalink) AS post_permalink, c.parent_comment_id, c.author_handle, c.text,
  c.created_at, c.like_count, c.hidden, {labels}, {work},
  d.confidence, d.explanation, d.cluster_id, d.model_version, d.model_intent, d.model_urgent,
  d.model_tos_category, d.model_topic, d.model_action, replies.replied_at
FROM (SELECT * FROM comments {only}) c
JOIN d USING (platform, platform_comment_id)
LEFT JOIN f USING (platform, platform_comment_id)
LEFT JOIN triage_work w USING (platform, platform_comment_id)
LEFT JOIN accounts a ON a.account_id = c.account_id
LEFT JOIN posts p ON p.platform = c.platform AND p.platform_post_id = c.platform_post_id
LEFT JOIN sc ON sc.platform = c.platform AND sc.shortcode = c.platform_post_id
LEFT JOIN replies ON replies.platform = c.platform AND replies.parent_comment_id = c.platform_comment_id
WHERE c.author_handle IS DISTINCT FROM a.handle
"""
SHORTCODE = "regexp_extract({0}, '/(?:p|reel|reels|tv)/([^/?]+)', 1)"
_ONLY = "SEMI JOIN k USING (platform, platform_comment_id)"
_ONLY_KEYS = "SEMI JOIN _current_keys USING (platform, platform_comment_id)"


def relation(keys: str | None = None) -> str:
    """The current labels computed from the source tables, of the comments `keys` names (a SQL
    relation with platform and platform_comment_id), or of every comment."""
    parts = {"labels": ", ".join(f"{e.format(f='f', m='d')} AS {c}" for c, e in _LABELS.items()),
             "work": ", ".join(f"{e.format(w='w')} AS {c}" for c, e in _WORK.items()),
             "shortcode": SHORTCODE.format("permalink")}
    if keys is None:
        return _RELATION.format(keys="", only="", replies_of="",
                                corrections=_CORRECTIONS.format(only=""), **parts)
    return _RELATION.format(
        keys=f"k AS (SELECT DISTINCT platform, platform_comment_id FROM ({keys})),", only=_ONLY,
        replies_of="SEMI JOIN k ON k.platform = r.platform AND k.platform_comment_id = r.parent_comment_id",
        corrections=_CORRECTIONS.format(only=_ONLY), **parts)


def _with_keys(con: duckdb.DuckDBPyConnection, keys: str, params: Sequence[object],
               *statements: str) -> None:
    """Run statements that read the comments `keys` names as the temp table `_current_keys`."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _current_keys AS "
                f"SELECT DISTINCT platform, platform_comment_id FROM ({keys})", list(params))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.execute("DROP TABLE IF EXISTS _current_keys")


def refresh(con: duckdb.DuckDBPyConnection, keys: str | None = None,
            params: Sequence[object] = ()) -> None:
    """Recompute the rows of the comments `keys` names (every row when None); the caller owns
    the transaction, so the table changes together with what changed it."""
    columns = ", ".join(COLUMNS)
    if keys is None:
        con.execute("DELETE FROM triage_current")
        # Ordered by queue so a queue's rows sit together (DuckDB skips row groups by range).
        con.execute(f"INSERT INTO triage_current ({columns}) SELECT {columns} FROM ({relation()}) "
                    "ORDER BY action, created_at")
        return
    _with_keys(con, keys, params,
               "DELETE FROM triage_current USING _current_keys k WHERE triage_current.platform = k.platform "
               "AND triage_current.platform_comment_id = k.platform_comment_id",
               f"INSERT INTO triage_current ({columns}) SELECT {columns} "
               f"FROM ({relation('SELECT * FROM _current_keys')})")


def _values(keys: Iterable[tuple[str, str]]) -> tuple[str, list[object]]:
    """A VALUES relation of (platform, platform_comment_id) pairs and its parameters."""
    flat: list[object] = []
    for platform, comment_id in keys:
        flat += [platform, comment_id]
    rows = ", ".join("(?, ?)" for _ in range(len(flat) // 2))
    return f"SELECT * FROM (VALUES {rows}) v(platform, platform_comment_id)", flat


def _update(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, str]], sets: dict[str, str],
            source: str) -> None:
    """Set columns of these comments' rows from `source` joined to them as `s` (NULLs if absent)."""
    sql, params = _values(keys)
    if not params:
        return
    assignments = ", ".join(f"{c} = {e}" for c, e in sets.items())
    _with_keys(con, sql, params, f"""
        UPDATE triage_current SET {assignments}
        FROM (SELECT k.platform AS _platform, k.platform_comment_id AS _id, s.*
              FROM _current_keys k LEFT JOIN ({source}) s USING (platform, platform_comment_id)) s
        WHERE triage_current.platform = s._platform AND triage_current.platform_comment_id = s._id""")


def refresh_labels(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, str]]) -> None:
    """Overlay these comments' corrections on the model labels their rows keep (after a correction)."""
    _update(con, keys, {c: e.format(f="s", m="triage_current") for c, e in _LABELS.items()},
            _CORRECTIONS.format(only=_ONLY_KEYS))


def refresh_work(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, str]]) -> None:
    """Copy these comments' work state (status, assignee, note) into their rows."""
    _update(con, keys, {c: e.format(w="s") for c, e in _WORK.items()},
            "SELECT * FROM triage_work SEMI JOIN _current_keys USING (platform, platform_comment_id)")


def after_merge(con: duckdb.DuckDBPyConnection, table: str, staged: str) -> None:
    """Recompute the rows an import's merge of comments or posts (rows in `staged`) may change."""
    if table not in ("comments", "posts"):
        return
    if not con.execute("SELECT count(*) FROM triage_decisions").fetchall()[0][0]:
        return  # nothing triaged yet: no row to keep
    if table == "comments":
        # The comments themselves, and the comments they answer (the account's reply time).
        refresh(con, f"""
            SELECT platform, platform_comment_id FROM {staged}
            UNION ALL SELECT platform, parent_comment_id FROM {staged} WHERE parent_comment_id IS NOT NULL""")
        return
    # The comments on these posts (by id or shortcode), and those whose post link is gone.
    refresh(con, f"""
        SELECT c.platform, c.platform_comment_id FROM comments c JOIN (
            SELECT platform, platform_post_id AS post FROM {staged}
            UNION ALL SELECT platform, {SHORTCODE.format('permalink')} FROM {staged}
            WHERE permalink IS NOT NULL) s ON s.platform = c.platform AND s.post = c.platform_post_id
        UNION ALL
        SELECT platform, platform_comment_id FROM triage_current t WHERE post_permalink IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.permalink = t.post_permalink)""")
