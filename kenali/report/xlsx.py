"""The report as a workbook: one sheet per section, numbers as numbers, text formula-safe."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import t
from ..moderation import safe_cell
from . import text
from .build import in_locale
from .files import write_atomic
from .model import Report

NUMBER_FORMATS = {"count": "#,##0", "ratio": "0.00%", "per_week": "0.0", "per_1000": "0.0",
                  "hours": "0.0", "times": "0.00", "share": "0.0%"}
HEADER_FILL = PatternFill("solid", fgColor="E5ECEA")
BOLD = Font(bold=True)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _cell(value: Any) -> Any:
    """Text through safe_cell; local datetimes without zone (Excel has none); numbers unchanged."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(text.LOCAL).replace(tzinfo=None)
    if isinstance(value, str):
        return safe_cell(value)
    return value


class _Sheet:
    """Rows appended to one worksheet, with number formats per column."""

    def __init__(self, wb: Workbook, key: str) -> None:
        title = _SHEET_BAD.sub(" ", t(f"laporan.sheet.{key}"))[:31]
        self.ws: Worksheet = wb.create_sheet(title)

    def title(self, value: str) -> None:
        self.ws.append([_cell(value)])
        self.ws.cell(self.ws.max_row, 1).font = Font(bold=True, size=12)

    def header(self, labels: Iterable[str]) -> None:
        self.ws.append([_cell(t(f"laporan.col.{k}")) for k in labels])
        for c in self.ws[self.ws.max_row]:
            c.font, c.fill = BOLD, HEADER_FILL

    def row(self, values: Iterable[Any], formats: dict[int, str] | None = None) -> None:
        cells = list(values)
        self.ws.append([_cell(v) for v in cells])
        line = self.ws.max_row
        for index, v in enumerate(cells):   # dates read as dates, not as midnight timestamps
            if isinstance(v, dt.datetime):
                self.ws.cell(line, index + 1).number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(v, dt.date):
                self.ws.cell(line, index + 1).number_format = "yyyy-mm-dd"
        for index, fmt in (formats or {}).items():
            self.ws.cell(line, index + 1).number_format = NUMBER_FORMATS[fmt]

    def blank(self) -> None:
        self.ws.append([])

    def widths(self, *widths: int) -> None:
        for i, w in enumerate(widths):
            self.ws.column_dimensions[chr(ord("A") + i)].width = w


def _summary(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "summary")
    p = r.period
    s.title(f"{t('laporan.title')} · {text.period_title(p.start, p.end, p.is_month)}")
    s.row([t("laporan.scope.one", handle=r.scope) if r.scope
           else t("laporan.scope.all", n=len(r.accounts))])
    s.row([t("laporan.col.value"), p.start, p.end])
    s.row([t("laporan.col.previous"), p.previous_start, p.previous_end])
    s.row([t("laporan.generated", date=text.day(r.generated_at.date()),
             time=text.clock(r.generated_at.hour, r.generated_at.minute))])
    for note in r.notes:
        s.row([note])
    s.blank()
    s.row([t("laporan.method.figures")])
    s.row([t("laporan.method.score")])
    s.row([t("laporan.method.audience")])
    s.widths(60, 14, 14)


def _figures(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "figures")
    s.header(["platform", "account", "figure", "value", "previous", "difference", "change",
              "meaning"])
    for a in r.accounts:
        for f in a.figures:
            s.row([text.label("platform", a.platform), a.handle, t(f"laporan.figure.{f.key}"),
                   f.value, f.previous, f.difference, f.change_pct,
                   t(f"laporan.figure_help.{f.key}")],
                  {3: f.measure, 4: f.measure, 5: f.measure, 6: "share"})
    s.widths(12, 24, 34, 14, 14, 14, 11, 60)


def _daily(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "daily")
    s.header(["platform", "account", "date", "followers", "reach_daily", "metric"])
    for a in r.accounts:
        shown = a.followers or a.reach
        days = shown.days if shown else []
        for i, d in enumerate(days):
            followers = a.followers.values[i] if a.followers else None
            reach = a.reach.values[i] if a.reach else None
            s.row([text.label("platform", a.platform), a.handle, d, followers, reach,
                   t(f"laporan.chart.{a.reach.metric}") if a.reach else None],
                  {3: "count", 4: "count"})
    s.widths(12, 24, 12, 14, 14, 22)


def _posts(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "posts")
    s.header(["platform", "account", "rank", "date", "format", "post", "score", "metric",
              "actual", "expected", "reasons", "link"])
    for a in r.accounts:
        for side, posts in (("top", a.top_posts), ("bottom", a.bottom_posts)):
            for p in posts:
                s.row([text.label("platform", a.platform), a.handle, t(f"laporan.{side}"),
                       p.published_at, text.label("format", p.post_type), p.text or p.post_id,
                       p.score, t(f"laporan.metric_word.{p.score_metric}"), p.actual, p.expected,
                       "; ".join(p.reasons), p.permalink],
                      {6: "times", 8: "count", 9: "count"})
    s.widths(12, 24, 10, 17, 12, 60, 8, 12, 12, 12, 90, 40)


def _audience(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "audience")
    s.row([t("laporan.audience_note")])
    s.header(["platform", "account", "profile", "followers", "relevant", "relevant_at_most",
              "fit", "in_area", "quality", "note"])
    for a in r.accounts:
        au = a.audience
        if au is None:
            s.row([text.label("platform", a.platform), a.handle, None, None, None, None, None,
                   None, None, t("laporan.audience_none")])
            continue
        s.row([text.label("platform", a.platform), a.handle, au.profile, au.followers,
               au.relevant_followers, au.relevant_at_most, au.fit, au.in_area, au.quality_share,
               " ".join(au.lines + au.sentences)],
              {3: "count", 4: "count", 5: "count", 6: "times", 7: "share", 8: "share"})
    s.widths(12, 24, 22, 12, 14, 14, 10, 10, 10, 120)


def _triage(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "triage")
    tr = r.triage
    if tr is None:
        s.row([t("laporan.note.no_triage")])
        return
    s.row([t("laporan.triage.summary", n=text.num(tr.comments), open=text.num(tr.open),
             done=text.num(tr.done))])
    s.blank()
    s.title(t("laporan.triage.queues"))
    s.header(["queue", "comments"])
    for q, n in tr.queues:
        s.row([text.label("queue", q), n], {1: "count"})
    s.blank()
    s.title(t("laporan.triage.intents"))
    s.header(["intent", "comments"])
    for i, n in tr.intents:
        s.row([text.label("intent", i), n], {1: "count"})
    s.blank()
    s.title(t("laporan.triage.response"))
    s.header(["queue", "comments", "replied", "median_hours", "p90_hours"])
    for row in tr.response:
        s.row([text.label("queue", row["queue"]), row["comments"], row["replied"],
               row["median_hours"], row["p90_hours"]],
              {1: "count", 2: "count", 3: "hours", 4: "hours"})
    s.blank()
    s.title(t("laporan.triage.clusters"))
    s.header(["issue", "intent", "account", "in_period", "size", "keywords", "example"])
    for c in tr.clusters:
        s.row([c["label"], text.label("intent", c["intent"]), c["account"], c["in_period"],
               c["size"], ", ".join(c["keywords"]), c["example"]], {3: "count", 4: "count"})
    s.blank()
    s.title(t("laporan.triage.reported"))
    s.header(["category", "comments"])
    for cat, n in tr.reported:
        s.row([text.label("tos", cat), n], {1: "count"})
    s.widths(34, 20, 24, 12, 12, 30, 90)


def _recommendations(wb: Workbook, r: Report) -> None:
    s = _Sheet(wb, "recommendations")
    s.row([t("laporan.recommendations_help")])
    s.header(["kind", "platform", "recommendation", "outcome", "attribute", "level", "ratio",
              "low", "high", "posts_with"])
    for rec in r.recommendations:
        s.row([t(f"laporan.kind.{rec.kind}"), text.label("platform", rec.platform), rec.text,
               t(f"laporan.outcome.{rec.outcome}") if rec.outcome else None, rec.attribute,
               rec.level, rec.ratio, rec.low, rec.high, rec.posts_with],
              {6: "times", 7: "times", 8: "times", 9: "count"})
    if not any(rec.kind == "what_works" for rec in r.recommendations):
        s.row([None, None, t("laporan.recommendations_none")])
    s.widths(14, 12, 100, 16, 14, 18, 8, 8, 8, 10)


def xlsx_bytes(report: Report) -> bytes:
    """The workbook as bytes."""
    def render() -> bytes:
        wb = Workbook()
        wb.remove(wb.active)
        for section in (_summary, _figures, _daily, _posts, _audience, _triage, _recommendations):
            section(wb, report)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()
    return in_locale(report.locale, render)  # type: ignore[no-any-return]


def render_xlsx(report: Report, path: str | Path) -> Path:
    """The report as an .xlsx file."""
    return write_atomic(Path(path), xlsx_bytes(report))
