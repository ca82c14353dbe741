"""What works: which post attributes go with more reach, follows, saves and shares, per platform."""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from .catalogue import (
    CAPTION_LONG,
    CAPTION_SHORT,
    CTA_WORDS,
    DRIVER_MIN_POSTS,
    DRIVER_OUTCOMES,
    DRIVER_REPLICATES,
)
from .posts import topic_ctes
from .relations import Selection, arrow, base_ctes, date_sql

MIN_HASHTAG_POSTS = 3
# Poisson(1) inverse CDF: a uniform draw below the k-th bound means weight k
_POISSON_BOUNDS = (0.367879, 0.735759, 0.919699, 0.981012, 0.996340, 0.999406)


def _poisson(uniform: str) -> str:
    cases = " ".join(f"WHEN {uniform} < {b} THEN {k}" for k, b in enumerate(_POISSON_BOUNDS))
    return f"CASE {cases} ELSE {len(_POISSON_BOUNDS)} END"


def _inputs_sql(sel: Selection) -> str:
    """CTEs: the period's posts `pp`, their attribute levels `attrs`, the posts on which each
    attribute is known `known`, and the outcomes `y` (log, centred per account and outcome)."""
    cta = r"\b(" + "|".join(CTA_WORDS) + r")\b"
    outcomes = ", ".join(DRIVER_OUTCOMES)
    return f"""
    WITH {base_ctes(sel.ids_sql)},
    pp AS (SELECT * FROM post_facts
           WHERE pub_date BETWEEN {date_sql(sel.start)} AND {date_sql(sel.end)}),
    {topic_ctes("pp")},
    attrs AS (
        SELECT platform, platform_post_id, 'format' AS attribute, post_type AS level FROM pp
        UNION ALL
        SELECT platform, platform_post_id, 'caption_length',
          CASE WHEN caption IS NULL THEN NULL WHEN length(caption) < {CAPTION_SHORT} THEN 'short'
               WHEN length(caption) <= {CAPTION_LONG} THEN 'medium' ELSE 'long' END FROM pp
        UNION ALL
        SELECT platform, platform_post_id, 'question',
          CASE WHEN caption IS NULL THEN NULL WHEN contains(caption, '?') THEN 'yes' ELSE 'no' END
        FROM pp
        UNION ALL
        SELECT platform, platform_post_id, 'call_to_action',
          CASE WHEN caption IS NULL THEN NULL
               WHEN regexp_matches(lower(caption), '{cta}') THEN 'yes' ELSE 'no' END FROM pp
        UNION ALL
        SELECT platform, platform_post_id, 'weekday', CAST(pub_weekday AS VARCHAR) FROM pp
        UNION ALL
        SELECT platform, platform_post_id, 'hour',
          lpad(CAST(pub_hour // 3 * 3 AS VARCHAR), 2, '0') || '-'  -- NULL when unknown
            || lpad(CAST(pub_hour // 3 * 3 + 2 AS VARCHAR), 2, '0') FROM pp
        UNION ALL
        SELECT platform, platform_post_id, 'collaboration',
          CASE WHEN is_collab THEN 'yes' WHEN NOT is_collab THEN 'no' END FROM pp
        UNION ALL
        SELECT t.platform, t.platform_post_id, t.kind, t.label
        FROM post_topics t SEMI JOIN pp USING (platform, platform_post_id)),
    -- posts on which an attribute is known: the comparison group is the rest of them
    known AS (
        SELECT DISTINCT platform, platform_post_id, attribute FROM attrs
        WHERE level IS NOT NULL AND attribute NOT IN ('topic', 'hashtag')
        UNION ALL
        SELECT platform, platform_post_id, k.attribute FROM pp, (VALUES ('topic'), ('hashtag')) k(attribute)),
    y AS (
        SELECT platform, platform_post_id, outcome,
          ln(1 + value) - avg(ln(1 + value)) OVER (PARTITION BY account_id, outcome) AS y
        FROM (SELECT * FROM (SELECT platform, platform_post_id, account_id, {outcomes} FROM pp)
              UNPIVOT (value FOR outcome IN ({outcomes})))
        WHERE value >= 0)"""


def what_works(con: duckdb.DuckDBPyConnection, sel: Selection,
               replicates: int = DRIVER_REPLICATES, min_posts: int = DRIVER_MIN_POSTS) -> pa.Table:
    """Effect (ratio) of each attribute level on each outcome, per platform, with a Poisson
    bootstrap 95% interval; clearest effects first.

    SQL gathers the posts, their attribute levels, outcomes and bootstrap weights (drawn from a
    hash of post and replicate, so a rerun gives the same interval); the replicate sums are then
    sparse matrix products (levels x posts times posts x replicates) instead of a join of every
    attribute row with every replicate, which took minutes on a large store."""
    # One row per post with an outcome: its outcomes, attribute levels, known attributes and
    # replicate weights as lists (one query, so the inputs are computed once).
    posts = arrow(con, _inputs_sql(sel) + f""",
    per_y AS (SELECT platform, platform_post_id, list(outcome) AS outcomes, list(y) AS ys
              FROM y GROUP BY ALL),
    per_level AS (SELECT platform, platform_post_id, list(attribute) AS level_attributes,
                    list(level) AS levels
                  FROM attrs WHERE level IS NOT NULL GROUP BY ALL),
    per_known AS (SELECT platform, platform_post_id, list(attribute) AS known FROM known GROUP BY ALL),
    per_w AS (SELECT y.platform, y.platform_post_id, list({_poisson(_UNIFORM)} ORDER BY r.rep) AS w
              FROM per_y y, range({int(replicates)}) r(rep) GROUP BY ALL)
    SELECT * FROM per_y LEFT JOIN per_level USING (platform, platform_post_id)
      LEFT JOIN per_known USING (platform, platform_post_id) JOIN per_w USING (platform, platform_post_id)
    ORDER BY platform, platform_post_id""")
    rows: list[dict[str, Any]] = []
    for platform in sorted(set(posts.column("platform").to_pylist())):
        mine = posts.filter(pc.equal(posts.column("platform"), platform)).to_pylist()
        rows += _platform_effects(platform, mine, replicates, min_posts)
    rows.sort(key=_result_order)
    return pa.Table.from_pylist(rows, schema=_SCHEMA)


_UNIFORM = "((hash(y.platform_post_id, r.rep) % 1000003) + 0.5) / 1000003.0"
_SCHEMA = pa.schema([("platform", pa.string()), ("attribute", pa.string()), ("level", pa.string()),
                     ("outcome", pa.string()), ("posts_with", pa.int64()), ("posts_without", pa.int64()),
                     ("status", pa.string()), ("ratio", pa.float64()), ("ratio_low", pa.float64()),
                     ("ratio_high", pa.float64())])


def _indicator(groups_of_posts: list[list[Any]]) -> tuple[list[Any], sp.csr_matrix]:
    """The groups named in each post's list and a groups x posts count matrix (a group named
    twice on a post counts twice)."""
    groups: dict[Any, int] = {}
    rows, cols = [], []
    for post, named in enumerate(groups_of_posts):
        for group in named:
            rows.append(groups.setdefault(group, len(groups)))
            cols.append(post)
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(groups), len(groups_of_posts)))
    return list(groups), matrix


def _platform_effects(platform: str, posts: list[dict[str, Any]], replicates: int,
                      min_posts: int) -> list[dict[str, Any]]:
    """The result rows of one platform, from its posts' rows."""
    level_keys, L = _indicator([list(zip(p["level_attributes"] or [], p["levels"] or [], strict=True))
                                for p in posts])
    attr_keys, K = _indicator([p["known"] or [] for p in posts])
    attr_row = {attribute: k for k, attribute in enumerate(attr_keys)}
    W = np.array([p["w"] for p in posts], dtype=np.float64).reshape(len(posts), replicates)
    values: dict[str, np.ndarray] = {o: np.full(len(posts), np.nan) for o in DRIVER_OUTCOMES}
    for k, p in enumerate(posts):
        for outcome, y in zip(p["outcomes"], p["ys"], strict=True):
            values[outcome][k] = y
    out = []
    for outcome in DRIVER_OUTCOMES:
        has = ~np.isnan(values[outcome])
        y = np.where(has, values[outcome], 0.0)
        n_in, sy_in = L @ has.astype(float), L @ y
        n_all, sy_all = K @ has.astype(float), K @ y
        w_in, wy_in = L @ (W * has[:, None]), L @ (W * y[:, None])
        w_all, wy_all = K @ (W * has[:, None]), K @ (W * y[:, None])
        for k, (attribute, level) in enumerate(level_keys):
            if n_in[k] == 0 or attribute not in attr_row:
                continue  # no post of this level has the outcome
            if attribute in ("question", "call_to_action", "collaboration") and level == "no":
                continue
            if attribute == "hashtag" and n_in[k] < MIN_HASHTAG_POSTS:
                continue
            a = attr_row[attribute]
            without = n_all[a] - n_in[k]
            ok = n_in[k] >= min_posts and without >= min_posts
            effect = sy_in[k] / n_in[k] - ((sy_all[a] - sy_in[k]) / without if without else np.nan)
            with np.errstate(divide="ignore", invalid="ignore"):
                diff = wy_in[k] / w_in[k] - (wy_all[a] - wy_in[k]) / (w_all[a] - w_in[k])
            diff = diff[np.isfinite(diff)]
            low, high = (np.quantile(diff, [0.025, 0.975]) if len(diff) else (np.nan, np.nan))
            out.append({"platform": platform, "attribute": attribute, "level": level,
                        "outcome": outcome, "posts_with": int(n_in[k]), "posts_without": int(without),
                        "status": "ok" if ok else "not_enough_data",
                        "ratio": _exp(effect) if ok else None,
                        "ratio_low": _exp(low) if ok else None,
                        "ratio_high": _exp(high) if ok else None})
    return out


def _exp(value: float) -> float | None:
    return float(np.exp(value)) if np.isfinite(value) else None


def _result_order(r: dict[str, Any]) -> tuple[Any, ...]:
    """platform, outcome, status, clearest effect first (missing ratios last), attribute, level."""
    ratio = r["ratio"]
    # Rounded: a two-level attribute's levels have mirror effects, a tie broken by name.
    strength = -round(abs(float(np.log(ratio))), 9) if ratio else float("inf")
    return (r["platform"], r["outcome"], r["status"], strength, r["attribute"], r["level"])
