"""The metric catalogue: docs/metrics.md is generated from it, and every metric is well formed."""

from __future__ import annotations

from pathlib import Path

import duckdb

from kenali.i18n import catalogue as messages
from kenali.performa.catalogue import ACCOUNT_METRICS, METRICS, POST_METRICS, render_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_are_generated_from_the_catalogue() -> None:
    text = (ROOT / "docs" / "metrics.md").read_text("utf-8")
    assert text == render_markdown(), "run: python -m kenali.performa --write docs/metrics.md"


def test_keys_are_unique_per_level_and_units_known() -> None:
    assert len(METRICS) == len(POST_METRICS) + len(ACCOUNT_METRICS)
    for m in (*POST_METRICS, *ACCOUNT_METRICS):
        assert m.unit in {"count", "ratio", "per_week", "per_1000", "days"}, m.key
        assert m.platforms and m.formula and m.sources, m.key


def test_derived_account_metrics_use_only_earlier_metrics() -> None:
    seen: set[str] = set()
    for m in ACCOUNT_METRICS:
        if m.relation == "derived":
            assert set(m.inputs) <= seen, m.key
        seen.add(m.key)


def test_every_metric_sql_parses_and_ratios_guard_their_denominator() -> None:
    con = duckdb.connect()
    for m in ACCOUNT_METRICS:
        if m.relation == "derived":
            cols = ", ".join(f"NULL::DOUBLE AS {k}" for k in m.inputs)
            assert con.execute(f"SELECT {m.sql} FROM (SELECT {cols})").fetchone() == (None,)
        if "/" in m.sql:
            assert "NULLIF" in m.sql or "days" in m.sql, m.key


def test_every_account_metric_has_a_label_in_both_languages() -> None:
    for locale in ("id", "en"):
        labels = messages(locale)
        for m in ACCOUNT_METRICS:
            assert f"performa.metric.{m.key}" in labels, (locale, m.key)
