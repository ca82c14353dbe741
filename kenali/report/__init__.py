"""The period report a Humas team's leadership reads: HTML, PDF (offline Chromium) and XLSX."""

from __future__ import annotations

from .build import build_report
from .files import FORMATS, MEDIA_TYPES, file_name, report_bytes
from .html import render_html
from .model import Report
from .pdf import render_pdf
from .period import Period, parse_period
from .xlsx import render_xlsx

__all__ = ["FORMATS", "MEDIA_TYPES", "Period", "Report", "build_report", "file_name",
           "parse_period", "render_html", "render_pdf", "render_xlsx", "report_bytes"]
