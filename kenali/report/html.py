"""The report as one standalone HTML file: inline CSS and SVG, every text escaped, no script."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..i18n import t
from . import charts, text
from .build import in_locale
from .model import FIGURES, AccountReport, Report, Series

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_CLUSTERS = 12
MAX_HIGHLIGHTS = 3


@cache
def environment() -> Environment:
    """Jinja with autoescape on for every template: captions and comments are hostile."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(t=t, value=text.value, change=text.change, times=text.times,
                       figure_change=text.figure_change, direction=text.figure_direction,
                       num=text.num, pct=text.pct, label=text.label, day=text.day,
                       clock=text.clock)
    return env


def _chart(series: Series | None, kind: str) -> Markup | None:
    """An SVG chart of a daily series; our own markup, its labels escaped by charts."""
    if series is None:
        return None
    title = t(f"laporan.chart.{series.metric}")
    if kind == "line":
        svg = charts.line_chart(series.days, series.values, title, lambda v: text.num(v))
    else:
        svg = charts.bar_chart(series.days, series.values, title, lambda v: text.num(v))
    return Markup(svg) if svg else None  # noqa: S704 (generated here, labels escaped)


def _account_view(a: AccountReport) -> dict[str, Any]:
    return {"a": a, "followers_chart": _chart(a.followers, "line"),
            "reach_chart": _chart(a.reach, "bar"),
            "reach_title": t(f"laporan.chart.{a.reach.metric}") if a.reach else None}


def _context(report: Report) -> dict[str, Any]:
    p = report.period
    previous = text.period_title(p.previous_start, p.previous_end, p.is_month)
    scope = (t("laporan.scope.one", handle=report.scope) if report.scope
             else t("laporan.scope.all", n=len(report.accounts)))
    return {
        "r": report, "locale": report.locale, "figure_keys": FIGURES,
        "period_title": text.period_title(p.start, p.end, p.is_month),
        "subtitle": t("laporan.subtitle", period=text.span(p.start, p.end),
                      previous=f"{previous} ({text.span(p.previous_start, p.previous_end)})"
                      if p.is_month else previous),
        "scope": scope,
        "generated": t("laporan.generated", date=text.day(report.generated_at.date()),
                       time=text.clock(report.generated_at.hour, report.generated_at.minute)),
        "accounts": [_account_view(a) for a in report.accounts],
        "with_audience": [a for a in report.accounts if a.audience],
        "clusters": report.triage.clusters[:MAX_CLUSTERS] if report.triage else [],
        "more_clusters": max(0, len(report.triage.clusters) - MAX_CLUSTERS) if report.triage else 0,
        "highlights": sorted((p for a in report.accounts for p in a.top_posts if p.score >= 1),
                             key=lambda p: -p.score)[:MAX_HIGHLIGHTS],
        "content": [r for r in report.recommendations if r.kind == "what_works"],
        "best_times": [r for r in report.recommendations if r.kind == "best_time"],
    }


def render_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    def render() -> str:
        return environment().get_template("report.html").render(**_context(report))
    return in_locale(report.locale, render)  # type: ignore[no-any-return]
