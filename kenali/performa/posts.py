"""Post performance: each post's metrics and its CrowdTangle overperformance score, and topics."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from .catalogue import (
    BASELINE_POSTS,
    COMPARABLE_AGE_FACTOR,
    MIN_BASELINE_POSTS,
    MIN_EXPECTED,
    TOPIC_KEYWORDS,
    metric,
    score_sql,
)
from .relations import Selection, arrow, base_ctes, date_sql, layer

SCORED_METRICS = ("interactions", "reach", "views")


def _baseline_ctes(m: str, sel: Selection) -> str:
    """CTEs computing `exp_<m>`: expected value, baseline size and basis for each target post."""
    return f"""
    cand_{m} AS (
        SELECT platform, platform_post_id, account_id, post_type, pub_date, age_days,
          row_number() OVER (PARTITION BY account_id, post_type
                             ORDER BY published_at, platform_post_id) AS seq,
          {m} AS actual
        FROM post_facts WHERE published_at IS NOT NULL AND {m} IS NOT NULL),
    pairs_{m} AS (
        SELECT t.platform, t.platform_post_id AS target_id, t.age_days AS t_age,
          t.actual AS t_actual, b.platform AS base_platform, b.platform_post_id AS base_id, b.actual AS v_life
        FROM cand_{m} t JOIN cand_{m} b
          ON b.account_id = t.account_id AND b.post_type = t.post_type
          AND b.seq < t.seq AND b.seq >= t.seq - {BASELINE_POSTS}
        WHERE t.pub_date BETWEEN {date_sql(sel.start)} AND {date_sql(sel.end)}),
    vals_{m} AS (
        -- the baseline post's value at a comparable age: its latest observation no older than
        -- the target and at least half its age
        SELECT pr.platform, pr.target_id, pr.base_id, any_value(pr.v_life) AS v_life,
          any_value(pr.t_actual) AS t_actual,
          arg_max(o.{m}, o.age) FILTER (WHERE o.{m} IS NOT NULL AND o.age <= pr.t_age
                                        AND o.age >= pr.t_age * {COMPARABLE_AGE_FACTOR}) AS v_age
        FROM pairs_{m} pr LEFT JOIN obs_age o
          ON o.platform = pr.base_platform AND o.platform_post_id = pr.base_id
        GROUP BY ALL),
    chosen_{m} AS (
        SELECT platform, target_id, t_actual,
          CASE WHEN count(v_age) OVER t >= {MIN_BASELINE_POSTS} THEN v_age ELSE v_life END AS v,
          CASE WHEN count(v_age) OVER t >= {MIN_BASELINE_POSTS} THEN 'age' ELSE 'lifetime' END
            AS basis
        FROM vals_{m} WINDOW t AS (PARTITION BY platform, target_id)),
    ranked_{m} AS (
        SELECT *, row_number() OVER t AS rn, count(*) OVER t AS n
        FROM chosen_{m} WHERE v IS NOT NULL
        WINDOW t AS (PARTITION BY platform, target_id ORDER BY v
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),
    exp_{m} AS (
        -- drop the lowest and highest quarter, average the middle half
        SELECT platform, target_id AS platform_post_id,
          avg(v) FILTER (WHERE rn > n // 4 AND rn <= n - n // 4) AS expected, max(n) AS n,
          any_value(basis) AS basis,
          -- share of the baseline posts this post beat (ties count half)
          avg(CASE WHEN v < t_actual THEN 1.0 WHEN v = t_actual THEN 0.5 ELSE 0.0 END)
            AS percentile
        FROM ranked_{m} GROUP BY ALL)"""


def scored_ctes(sel: Selection) -> str:
    """CTEs ending in `scored`: the selection's posts of the period with overperformance scores."""
    obs_source = ("SELECT o.* EXCLUDE (interactions), o.interactions AS interactions_reported, "
                  "o.as_of - f.pub_date AS age FROM obs o JOIN post_facts f "
                  "USING (platform, platform_post_id)")
    baselines = ",".join(_baseline_ctes(m, sel) for m in SCORED_METRICS)
    joins = " ".join(f"LEFT JOIN exp_{m} e_{m} USING (platform, platform_post_id)"
                     for m in SCORED_METRICS)
    return f"""{base_ctes(sel.ids_sql)},
    obs_age AS ({layer(obs_source, [metric("post", "interactions")])}),
    {baselines},
    scored0 AS (
        SELECT f.*,
          e_interactions.expected AS expected_interactions,
          e_interactions.n AS baseline_n, e_interactions.basis AS baseline_basis,
          CASE WHEN e_interactions.n >= {MIN_BASELINE_POSTS} THEN e_interactions.percentile END
            AS baseline_percentile,
          {score_sql("f.interactions", "e_interactions.expected", "e_interactions.n",
                     "interactions")} AS overperformance,
          e_reach.expected AS expected_reach, e_reach.n AS baseline_n_reach,
          {score_sql("f.reach", "e_reach.expected", "e_reach.n", "reach")}
            AS overperformance_reach,
          e_views.expected AS expected_views, e_views.n AS baseline_n_views,
          {score_sql("f.views", "e_views.expected", "e_views.n", "views")}
            AS overperformance_views
        FROM post_facts f {joins}
        WHERE f.pub_date BETWEEN {date_sql(sel.start)} AND {date_sql(sel.end)}),
    scored AS (
        SELECT a.handle, s.*,
          CASE WHEN s.overperformance IS NOT NULL THEN rank() OVER (
            PARTITION BY s.platform ORDER BY s.overperformance DESC NULLS LAST) END
            AS rank_platform
        FROM scored0 s JOIN accounts a USING (account_id))"""


POST_COLUMNS = ("platform", "handle", "platform_post_id", "published_at", "post_type", "permalink",
                "title", "caption", "age_days", "reach", "views", "likes", "comments", "shares", "saves", "follows",
                "interactions", "followers_at_post", "er_followers", "er_reach", "er_views",
                "non_follower_share", "follows_per_1000_reached", "expected_interactions",
                "baseline_n", "baseline_basis", "overperformance", "baseline_percentile", "expected_reach",
                "overperformance_reach", "expected_views", "overperformance_views", "rank_platform")


def post_table(con: duckdb.DuckDBPyConnection, sel: Selection) -> pa.Table:
    """Every post of the period with its metrics, score and rank within its platform."""
    return arrow(con, f"WITH {scored_ctes(sel)} SELECT {', '.join(POST_COLUMNS)} FROM scored "
                      "ORDER BY platform, rank_platform NULLS LAST, published_at DESC")


def _regex_words(words: tuple[str, ...], joined: bool) -> str:
    alternatives = "|".join(w.replace(" ", "") if joined else w for w in words)
    return alternatives if joined else rf"\b({alternatives})\b"


def topic_ctes(source: str = "post_facts") -> str:
    """CTE `post_topics` (platform, platform_post_id, kind, label) over the posts of `source`."""
    # One CASE per topic with constant patterns: DuckDB compiles a constant regex once, but a
    # pattern taken from a joined table again for every row (minutes on a large store).
    cases = ", ".join(
        f"CASE WHEN regexp_matches(cap, '{_regex_words(words, False)}') "
        f"OR regexp_matches(tags, '{_regex_words(words, True)}') THEN '{topic}' END"
        for topic, words in TOPIC_KEYWORDS.items())
    return f"""
    post_topics AS (
        SELECT DISTINCT platform, platform_post_id, 'topic' AS kind, label
        FROM (SELECT platform, platform_post_id, unnest([{cases}]) AS label
              FROM (SELECT platform, platform_post_id, lower(coalesce(caption, '')) AS cap,
                      lower(array_to_string(coalesce(hashtags, []), ' ')) AS tags FROM {source}))
        WHERE label IS NOT NULL
        UNION ALL
        SELECT DISTINCT platform, platform_post_id, 'hashtag', '#' || ltrim(lower(tag), '#')
        FROM (SELECT platform, platform_post_id, unnest(hashtags) AS tag FROM {source}))"""


def topic_map(con: duckdb.DuckDBPyConnection, sel: Selection, min_posts: int = 3) -> pa.Table:
    """Topics and hashtags × platform: posts, median overperformance (NULL below min_posts)."""
    return arrow(con, f"""
        WITH {scored_ctes(sel)}, {topic_ctes()}
        SELECT t.kind, t.label, s.platform, count(*) AS posts,
          count(s.overperformance) AS scored_posts,
          CASE WHEN count(s.overperformance) >= {int(min_posts)}
               THEN median(s.overperformance) END AS median_overperformance,
          -- the same on a symmetric scale: interactions ÷ max(expected, minimum)
          CASE WHEN count(s.overperformance) >= {int(min_posts)}
               THEN median(s.interactions / greatest(s.expected_interactions,
                                                     {MIN_EXPECTED["interactions"]!r}))
                    FILTER (WHERE s.overperformance IS NOT NULL) END AS median_ratio,
          CASE WHEN count(s.overperformance_reach) >= {int(min_posts)}
               THEN median(s.overperformance_reach) END AS median_overperformance_reach,
          CASE WHEN count(s.overperformance_views) >= {int(min_posts)}
               THEN median(s.overperformance_views) END AS median_overperformance_views
        FROM post_topics t JOIN scored s USING (platform, platform_post_id)
        GROUP BY ALL ORDER BY t.kind DESC, posts DESC, t.label, s.platform""")
