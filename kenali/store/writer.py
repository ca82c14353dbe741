"""The one write path: stage rows as Arrow, merge by natural keys, newest observation wins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from .triage_current import after_merge

TS = pa.timestamp("us", tz="UTC")
F = pa.float64()
S = pa.string()
B = pa.bool_()
INT = pa.int64()
D = pa.date32()
L = pa.list_(pa.string())


@dataclass(frozen=True)
class TableSpec:
    """How one store table merges: its natural key and the columns an observation may change."""

    name: str
    key: tuple[str, ...]
    values: tuple[str, ...]
    types: dict[str, pa.DataType]

    @property
    def columns(self) -> tuple[str, ...]:
        # follower_snapshots keys on observed_at itself: list it once.
        return (*self.key, *self.values, *(c for c in ("observed_at", "import_id")
                                            if c not in self.key))

    def schema(self) -> pa.Schema:
        types = {**self.types, "observed_at": TS, "import_id": pa.int32()}
        return pa.schema([(c, types[c]) for c in self.columns])


SPECS: dict[str, TableSpec] = {s.name: s for s in (
    TableSpec("account_daily", ("account_id", "date", "metric"), ("value",),
              {"account_id": pa.int32(), "date": D, "metric": S, "value": F}),
    TableSpec("follower_snapshots", ("account_id", "observed_at"), ("followers",),
              {"account_id": pa.int32(), "followers": INT}),
    TableSpec("audience", ("account_id", "snapshot_date", "audience_kind", "dimension", "bucket"),
              ("value", "unit"),
              {"account_id": pa.int32(), "snapshot_date": D, "audience_kind": S, "dimension": S,
               "bucket": S, "value": F, "unit": S}),
    TableSpec("follower_activity", ("account_id", "date", "hour"), ("active_followers",),
              {"account_id": pa.int32(), "date": D, "hour": pa.int16(), "active_followers": F}),
    TableSpec("posts", ("platform", "platform_post_id"),
              ("account_id", "published_at", "post_type", "title", "caption", "permalink",
               "hashtags", "mentions", "is_collab", "duration_s"),
              {"platform": S, "platform_post_id": S, "account_id": pa.int32(), "published_at": TS,
               "post_type": S, "title": S, "caption": S, "permalink": S, "hashtags": L,
               "mentions": L, "is_collab": B, "duration_s": F}),
    TableSpec("post_metrics", ("platform", "platform_post_id", "period", "as_of"),
              ("reach", "reach_followers", "reach_non_followers", "views", "likes", "comments",
               "shares", "saves", "follows", "profile_visits", "link_clicks", "interactions",
               "watch_time_s", "avg_watch_time_s", "completion_rate"),
              {"platform": S, "platform_post_id": S, "period": S, "as_of": D, **{c: F for c in (
                  "reach", "reach_followers", "reach_non_followers", "views", "likes", "comments",
                  "shares", "saves", "follows", "profile_visits", "link_clicks", "interactions",
                  "watch_time_s", "avg_watch_time_s", "completion_rate")}}),
    TableSpec("comments", ("platform", "platform_comment_id"),
              ("account_id", "platform_post_id", "parent_comment_id", "author_handle", "author_id",
               "text", "created_at", "like_count", "hidden"),
              {"platform": S, "platform_comment_id": S, "account_id": pa.int32(),
               "platform_post_id": S, "parent_comment_id": S, "author_handle": S, "author_id": S,
               "text": S, "created_at": TS, "like_count": INT, "hidden": B}),
    TableSpec("followers", ("account_id", "handle"),
              ("platform_user_id", "name", "bio", "followers_count", "following_count",
               "posts_count", "is_private", "is_verified", "has_picture"),
              {"account_id": pa.int32(), "handle": S, "platform_user_id": S, "name": S, "bio": S,
               "followers_count": INT, "following_count": INT, "posts_count": INT, "is_private": B,
               "is_verified": B, "has_picture": B}),
)}


def to_arrow(spec: TableSpec, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows (dicts) to an Arrow table of the spec's schema; missing fields are NULL."""
    return pa.Table.from_pylist(rows, schema=spec.schema())


def merge(con: duckdb.DuckDBPyConnection, spec: TableSpec, staged: pa.Table | str) -> tuple[int, int]:
    """Merge staged rows into the spec's table; return (inserted, updated).

    Within the staged rows the newest observation of a key wins (later rows break ties).
    An existing row is replaced only by a newer-or-equal observation that changes a value,
    and every changed value is written to `changes`.
    """
    if isinstance(staged, pa.Table):
        if staged.num_rows == 0:
            return 0, 0
        # Copied through DuckDB's replacement scan of the local variable: unlike register(), a
        # plain execute() also completes any result a caller left half-fetched.
        staged_arrow = staged  # noqa: F841 - read by name in the SQL below
        con.execute("CREATE OR REPLACE TEMP TABLE _stage_in AS SELECT * FROM staged_arrow")
        source = "_stage_in"
    else:
        source = staged
    key = ", ".join(spec.key)
    cols = ", ".join(spec.columns)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _stage AS
        SELECT {cols} FROM (SELECT *, row_number() OVER () AS _seq FROM {source})
        QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY observed_at DESC, _seq DESC) = 1
    """)
    join = " AND ".join(f"t.{k} = s.{k}" for k in spec.key)
    differs = " OR ".join(f"t.{v} IS DISTINCT FROM s.{v}" for v in spec.values) or "FALSE"
    row_key = "concat_ws('|', " + ", ".join(f"CAST(s.{k} AS VARCHAR)" for k in spec.key) + ")"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _changed AS
        SELECT s.* FROM _stage s JOIN {spec.name} t ON {join}
        WHERE s.observed_at >= t.observed_at AND ({differs})
    """)
    updated = con.execute("SELECT count(*) FROM _changed").fetchone()[0]  # type: ignore[index]
    if updated:
        unions = " UNION ALL ".join(
            f"SELECT s.import_id, '{spec.name}', {row_key}, '{v}', CAST(t.{v} AS VARCHAR), "
            f"CAST(s.{v} AS VARCHAR) FROM _changed s JOIN {spec.name} t ON {join} "
            f"WHERE t.{v} IS DISTINCT FROM s.{v}"
            for v in spec.values)
        con.execute(f"INSERT INTO changes {unions}")
        sets = ", ".join(f"{c} = c.{c}" for c in (*spec.values, "observed_at", "import_id"))
        match = " AND ".join(f"{spec.name}.{k} = c.{k}" for k in spec.key)
        con.execute(f"UPDATE {spec.name} SET {sets} FROM _changed c WHERE {match}")
    before = con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()[0]  # type: ignore[index]
    con.execute(f"""
        INSERT INTO {spec.name} ({cols})
        SELECT {", ".join("s." + c for c in spec.columns)} FROM _stage s
        WHERE NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE {join})
    """)
    after = con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()[0]  # type: ignore[index]
    after_merge(con, spec.name, "_stage")  # the inbox's copy of comment and post fields
    con.execute("DROP TABLE IF EXISTS _stage")
    con.execute("DROP TABLE IF EXISTS _changed")
    con.execute("DROP TABLE IF EXISTS _stage_in")
    return int(after - before), int(updated)
