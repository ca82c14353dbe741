"""Account performance for a period, beside the previous period: catalogue SQL over the store."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from .catalogue import ACCOUNT_METRICS, Metric
from .relations import Selection, arrow, base_ctes, date_sql, followers_at, layer

GROUPS = {
    "account": "a.account_id",
    # accounts without an institution stand alone (negative ids keep them apart)
    "institution": "coalesce(a.institution_id, -a.account_id)",
}


def _aggregates(relation: str) -> str:
    return ", ".join(f"{m.sql} AS {m.key}" for m in ACCOUNT_METRICS if m.relation == relation)


def wide_sql(sel: Selection, group: str = "account") -> str:
    """SQL giving one row per unit (account or institution) and period with every account metric."""
    derived: list[Metric] = [m for m in ACCOUNT_METRICS if m.relation == "derived"]
    start_joins, start_value = followers_at("g.account_id", "g.d0", "s")
    end_joins, end_value = followers_at("g.account_id", "g.d1", "e")
    label = "a.handle" if group == "account" else "coalesce(i.name, a.handle)"
    return f"""
    WITH {base_ctes(sel.ids_sql)},
    sel AS (
        SELECT a.account_id, a.platform, a.handle, {GROUPS[group]} AS unit_id,
          {label} AS unit_label,
          EXISTS (SELECT 1 FROM posts p WHERE p.account_id = a.account_id) AS has_post_data
        FROM accounts a LEFT JOIN institutions i USING (institution_id)
        WHERE a.account_id IN {sel.ids_sql}),
    periods(period, d0, d1) AS (VALUES
        ('current', {date_sql(sel.start)}, {date_sql(sel.end)}),
        ('previous', {date_sql(sel.previous_start)}, {date_sql(sel.previous_end)})),
    grid AS (SELECT * FROM sel CROSS JOIN periods),
    fb AS (
        SELECT g.unit_id, g.period, {start_value} AS followers_start, {end_value} AS followers_end
        FROM grid g {start_joins} {end_joins}),
    agg_followers AS (SELECT unit_id, period, {_aggregates("followers")} FROM fb GROUP BY ALL),
    agg_daily AS (
        SELECT g.unit_id, g.period, {_aggregates("daily")}
        FROM grid g JOIN account_daily d
          ON d.account_id = g.account_id AND d.date BETWEEN g.d0 AND g.d1
        GROUP BY ALL),
    agg_posts AS (
        SELECT g.unit_id, g.period, {_aggregates("posts")}
        FROM grid g LEFT JOIN post_facts p
          ON p.account_id = g.account_id AND p.pub_date BETWEEN g.d0 AND g.d1
        GROUP BY ALL),
    agg_period AS (
        SELECT unit_id, period, min(d0) AS period_start, max(d1) AS period_end,
          string_agg(DISTINCT platform, ',' ORDER BY platform) AS platform,
          min(unit_label) AS label, list(DISTINCT account_id ORDER BY account_id) AS account_ids,
          {_aggregates("period")}
        FROM grid GROUP BY ALL),
    base AS (
        SELECT * FROM agg_period
        LEFT JOIN agg_followers USING (unit_id, period)
        LEFT JOIN agg_daily USING (unit_id, period)
        LEFT JOIN agg_posts USING (unit_id, period))
    {layer("SELECT * FROM base", derived)}"""


def summary_wide(con: duckdb.DuckDBPyConnection, sel: Selection,
                 group: str = "account") -> pa.Table:
    """One row per unit and period ('current', 'previous') with every account metric."""
    return arrow(con, wide_sql(sel, group) + " ORDER BY platform, label, period")


def summary(con: duckdb.DuckDBPyConnection, sel: Selection, group: str = "account") -> pa.Table:
    """Long form: unit, metric, unit of measure, value, previous, change, change_pct."""
    items = ", ".join(
        f"{{'ord': {i}, 'metric': '{m.key}', 'measure': '{m.unit}', "
        f"'value': CAST(c.{m.key} AS DOUBLE), 'previous': CAST(p.{m.key} AS DOUBLE)}}"
        for i, m in enumerate(ACCOUNT_METRICS))
    sql = f"""
    WITH wide AS ({wide_sql(sel, group)}),
    pairs AS (
        SELECT c.unit_id, c.platform, c.label, c.account_ids, c.period_start, c.period_end,
          p.period_start AS previous_start, p.period_end AS previous_end,
          unnest([{items}]) AS m
        FROM wide c JOIN wide p ON c.unit_id = p.unit_id AND p.period = 'previous'
        WHERE c.period = 'current')
    SELECT unit_id, platform, label, account_ids, period_start, period_end, previous_start,
      previous_end, m.metric AS metric, m.measure AS measure, m.value AS value,
      m.previous AS previous, m.value - m.previous AS change,
      (m.value - m.previous) / NULLIF(abs(m.previous), 0) AS change_pct
    FROM pairs ORDER BY platform, label, m.ord"""
    return arrow(con, sql)
