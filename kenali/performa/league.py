"""League tables of accounts or institutions on one platform, and per-platform context."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ..errors import KenaliError
from .account import GROUPS, wide_sql
from .catalogue import ACCOUNT_METRICS, LEAGUE_MIN_FOLLOWERS, LEAGUE_MIN_POSTS, RIVAL_IQ_MEDIANS
from .posts import scored_ctes
from .relations import Selection, arrow, id_list

LEAGUE_COLUMNS = ("followers_end", "growth_pct", "posts", "posts_per_week", "er_followers",
                  "er_reach", "reach_per_follower", "follows_per_1000_reached")
RANKABLE = {m.key for m in ACCOUNT_METRICS} | {"median_overperformance"}


def league_sql(sel: Selection, group: str = "account", by: str = "er_followers") -> str:
    """SQL of the league table (current period)."""
    if by not in RANKABLE:
        raise KenaliError("performa.error.bad_rank_metric", metric=by,
                          known=", ".join(sorted(RANKABLE)))
    if group not in GROUPS:
        raise KenaliError("performa.error.bad_group", group=group, known=", ".join(GROUPS))
    columns = ", ".join(f"w.{c}" for c in LEAGUE_COLUMNS)
    score = "op.median_overperformance" if by == "median_overperformance" else f"w.{by}"
    return f"""
    WITH wide AS ({wide_sql(sel, group)}),
    sc AS (WITH {scored_ctes(sel)} SELECT account_id, overperformance FROM scored),
    unit_map AS (SELECT a.account_id, {GROUPS[group]} AS unit_id FROM accounts a
                 WHERE a.account_id IN {sel.ids_sql}),
    op AS (SELECT m.unit_id, median(sc.overperformance) AS median_overperformance
           FROM sc JOIN unit_map m USING (account_id) GROUP BY 1),
    cur AS (
        SELECT w.unit_id, w.platform, w.label, w.account_ids, {score} AS score, {columns},
          op.median_overperformance
        FROM wide w LEFT JOIN op USING (unit_id) WHERE w.period = 'current'),
    noted AS (
        SELECT *, CASE
          WHEN followers_end < {LEAGUE_MIN_FOLLOWERS} OR coalesce(posts, 0) < {LEAGUE_MIN_POSTS}
            THEN 'too_small'
          WHEN score IS NULL THEN 'no_data' END AS note
        FROM cur)
    SELECT CASE WHEN note IS NULL THEN rank() OVER (
             PARTITION BY note IS NULL ORDER BY score DESC) END AS rank,
      '{by}' AS ranked_by, *
    FROM noted"""


def league_table(con: duckdb.DuckDBPyConnection, sel: Selection, group: str = "account",
                 by: str = "er_followers") -> pa.Table:
    """Ranked units (ties share a rank); tiny units and units without the metric are unranked."""
    platforms = con.execute(f"SELECT DISTINCT platform FROM accounts WHERE account_id IN "
                            f"{sel.ids_sql}").fetchall()
    if len(platforms) > 1:
        raise KenaliError("performa.error.one_platform",
                          platforms=", ".join(sorted(p[0] for p in platforms)))
    return arrow(con, league_sql(sel, group, by) + " ORDER BY rank NULLS LAST, label")


def platform_context(con: duckdb.DuckDBPyConnection, sel: Selection) -> pa.Table:
    """Each account's er_followers against its platform's published median and store peers."""
    peer_ids = tuple(int(r[0]) for r in con.execute(f"""
        SELECT account_id FROM accounts WHERE platform IN
          (SELECT platform FROM accounts WHERE account_id IN {sel.ids_sql})""").fetchall())
    peers = Selection(peer_ids, sel.start, sel.end)
    bench = ", ".join(f"('{p}', CAST({v!r} AS DOUBLE), '{label}', '{url}')"
                      for p, (v, label, url) in RIVAL_IQ_MEDIANS.items())
    return arrow(con, f"""
    WITH wide AS ({wide_sql(peers)}),
    bench(platform, benchmark, benchmark_report, benchmark_source) AS (VALUES {bench}),
    cur AS (SELECT unit_id AS account_id, platform, label AS handle, er_followers
            FROM wide WHERE period = 'current'),
    others AS (
        SELECT c.account_id, count(o.er_followers) AS peers, median(o.er_followers) AS peer_median
        FROM cur c LEFT JOIN cur o ON o.platform = c.platform AND o.account_id <> c.account_id
        GROUP BY 1),
    pct AS (
        SELECT account_id, percent_rank() OVER (PARTITION BY platform ORDER BY er_followers)
          AS peer_percentile
        FROM cur WHERE er_followers IS NOT NULL)
    SELECT c.platform, c.handle, c.er_followers, b.benchmark,
      c.er_followers / NULLIF(b.benchmark, 0) AS vs_benchmark, b.benchmark_report,
      b.benchmark_source, o.peers, o.peer_median,
      c.er_followers / NULLIF(o.peer_median, 0) AS vs_peers,
      CASE WHEN o.peers > 0 THEN p.peer_percentile END AS peer_percentile
    FROM cur c LEFT JOIN bench b USING (platform) JOIN others o USING (account_id)
    LEFT JOIN pct p USING (account_id)
    WHERE c.account_id IN {id_list(sel.account_ids)}
    ORDER BY c.platform, c.handle""")
