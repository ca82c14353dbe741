"""What works: the bootstrap computed with sparse products equals the SQL it replaced."""

from __future__ import annotations

import datetime as dt
import math
import random

from kenali.performa import Selection, what_works
from kenali.performa.catalogue import (
    CAPTION_LONG,
    CAPTION_SHORT,
    CTA_WORDS,
    DRIVER_MIN_POSTS,
    DRIVER_OUTCOMES,
    DRIVER_REPLICATES,
)
from kenali.performa.drivers import MIN_HASHTAG_POSTS, _poisson
from kenali.performa.posts import topic_ctes
from kenali.performa.relations import arrow, base_ctes, date_sql
from kenali.workspace import Workspace

from .test_performa_account import add_account, metrics, post


# The all-SQL version (a join of every attribute row with every replicate), kept as the oracle.
def _oracle_sql(sel: Selection, replicates: int = DRIVER_REPLICATES,
                   min_posts: int = DRIVER_MIN_POSTS) -> str:
    """SQL: effect (ratio) of each attribute level on each outcome, with a bootstrap 95% interval."""
    cta = r"\b(" + "|".join(CTA_WORDS) + r")\b"
    outcomes = ", ".join(DRIVER_OUTCOMES)
    uniform = "((hash(y.platform_post_id, r.rep) % 1000003) + 0.5) / 1000003.0"
    return f"""
    WITH {base_ctes(sel.ids_sql)}, {topic_ctes()},
    pp AS (SELECT * FROM post_facts
           WHERE pub_date BETWEEN {date_sql(sel.start)} AND {date_sql(sel.end)}),
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
        WHERE value >= 0),
    reps AS (SELECT range AS rep FROM range({int(replicates)})),
    yw AS (SELECT y.*, r.rep, {_poisson(uniform)} AS w FROM y, reps r),
    point_in AS (
        SELECT a.platform, a.attribute, a.level, y.outcome, count(*) AS n_in, sum(y.y) AS sy_in
        FROM attrs a JOIN y USING (platform, platform_post_id) WHERE a.level IS NOT NULL
        GROUP BY ALL),
    point_all AS (
        SELECT k.platform, k.attribute, y.outcome, count(*) AS n, sum(y.y) AS sy
        FROM known k JOIN y USING (platform, platform_post_id) GROUP BY ALL),
    boot_in AS (
        SELECT a.platform, a.attribute, a.level, yw.outcome, yw.rep, sum(w) AS w, sum(w * y) AS wy
        FROM attrs a JOIN yw USING (platform, platform_post_id) WHERE a.level IS NOT NULL
        GROUP BY ALL),
    boot_all AS (
        SELECT k.platform, k.attribute, yw.outcome, yw.rep, sum(w) AS w, sum(w * y) AS wy
        FROM known k JOIN yw USING (platform, platform_post_id) GROUP BY ALL),
    boot AS (
        SELECT i.platform, i.attribute, i.level, i.outcome,
          quantile_cont(i.wy / NULLIF(i.w, 0) - (t.wy - i.wy) / NULLIF(t.w - i.w, 0), 0.025)
            AS low,
          quantile_cont(i.wy / NULLIF(i.w, 0) - (t.wy - i.wy) / NULLIF(t.w - i.w, 0), 0.975)
            AS high
        FROM boot_in i JOIN boot_all t USING (platform, attribute, outcome, rep) GROUP BY ALL),
    result AS (
        SELECT p.platform, p.attribute, p.level, p.outcome, p.n_in AS posts_with,
          a.n - p.n_in AS posts_without,
          CASE WHEN p.n_in >= {int(min_posts)} AND a.n - p.n_in >= {int(min_posts)}
               THEN 'ok' ELSE 'not_enough_data' END AS status,
          p.sy_in / p.n_in - (a.sy - p.sy_in) / NULLIF(a.n - p.n_in, 0) AS effect,
          b.low, b.high
        FROM point_in p JOIN point_all a USING (platform, attribute, outcome)
        LEFT JOIN boot b USING (platform, attribute, level, outcome)
        WHERE NOT (p.attribute IN ('question', 'call_to_action', 'collaboration') AND p.level = 'no')
          AND NOT (p.attribute = 'hashtag' AND p.n_in < {MIN_HASHTAG_POSTS}))
    SELECT platform, attribute, level, outcome, posts_with, posts_without, status,
      CASE WHEN status = 'ok' THEN exp(effect) END AS ratio,
      CASE WHEN status = 'ok' THEN exp(low) END AS ratio_low,
      CASE WHEN status = 'ok' THEN exp(high) END AS ratio_high
    FROM result"""


def test_sparse_bootstrap_equals_the_sql_it_replaced(ws: Workspace) -> None:
    r = random.Random(3)
    accounts = [add_account(ws, "instagram", "dinas_a"), add_account(ws, "instagram", "dinas_b"),
                add_account(ws, "tiktok", "dinas_a")]
    words = ["Info banjir", "Ayo daftar sekarang", "Kapan jadwalnya?", "Kegiatan hari ini"]
    for i in range(150):
        account = accounts[i % 3]
        kind = r.choice(["reel", "image", "carousel"])
        caption = r.choice(words) + (" x" * r.randrange(0, 60)) if r.random() > 0.1 else None
        tags = r.sample(["banjir", "jakarta", "pompa", "kjp"], r.randrange(0, 3))
        post(ws.con, account, f"p{i}", f"2024-01-{1 + i % 28:02d} {r.randrange(0, 24):02d}:00",
             post_type=kind, caption=caption, hashtags=tags or None,
             is_collab=r.choice([True, False, None]))
        values = {"reach": r.randrange(100, 5000) * (3 if kind == "reel" else 1),
                  "saves": r.randrange(0, 50) if r.random() > 0.3 else None,
                  "shares": r.randrange(0, 80)}
        if r.random() > 0.5:
            values["follows"] = r.randrange(0, 20)
        metrics(ws.con, f"p{i}", dt.date(2024, 3, 1), **values)
    sel = Selection(tuple(accounts), dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    expected = arrow(ws.con, _oracle_sql(sel, 60) + " ORDER BY platform, outcome, status, "
                     "abs(ln(ratio)) DESC NULLS LAST, attribute, level").to_pylist()
    found = what_works(ws.con, sel, replicates=60).to_pylist()
    assert len(found) == len(expected) > 40

    def key(row: dict[str, object]) -> tuple[object, ...]:
        return row["platform"], row["attribute"], row["level"], row["outcome"]

    by_key = {key(row): row for row in found}
    for want in expected:
        got = by_key[key(want)]
        for name, value in want.items():
            if isinstance(value, float):
                assert math.isclose(got[name], value, rel_tol=1e-9), (name, got, want)
            else:
                assert got[name] == value, (name, got, want)
    # Clearest effects first within each platform, outcome and status (mirror effects tie).
    order = [(r["platform"], r["outcome"], r["status"],
              -round(abs(math.log(r["ratio"])), 9) if r["ratio"] else math.inf) for r in found]
    assert order == sorted(order)
    assert any(row["status"] == "ok" and row["ratio_low"] for row in found)
