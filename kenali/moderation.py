"""Reporting to platforms: the report reason and steps per ToS category, and evidence files.

The mapping follows the platforms' own policy names (Meta Community Standards, TikTok Community
Guidelines, X Rules, YouTube Community Guidelines; see docs/triage.md section 7). No platform
offers an API to report a third party's comment, so kenali gives the reviewer the reason, the
steps and an evidence file; hiding is the reversible action an API allows.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .i18n import t

# Platform policy name per ToS category (names as the platforms write them).
REASONS: dict[str, dict[str, str]] = {
    "bullying_harassment": {"instagram": "Bullying and Harassment", "facebook": "Bullying and Harassment",
                            "tiktok": "Harassment and Bullying", "x": "Abuse/Harassment",
                            "youtube": "Harassment & cyberbullying"},
    "hate_speech": {"instagram": "Hateful Conduct", "facebook": "Hateful Conduct",
                    "tiktok": "Hate Speech and Hateful Behavior", "x": "Hateful conduct",
                    "youtube": "Hate speech"},
    "violent_threat": {"instagram": "Violence and Incitement", "facebook": "Violence and Incitement",
                       "tiktok": "Violent and Criminal Behavior", "x": "Violent Speech",
                       "youtube": "Harassment & cyberbullying (threats)"},
    "sexual": {"instagram": "Adult Sexual Solicitation and Sexually Explicit Language",
               "facebook": "Adult Sexual Solicitation and Sexually Explicit Language",
               "tiktok": "Harassment and Bullying (sexual harassment)", "x": "Abuse/Harassment",
               "youtube": "Harassment & cyberbullying"},
    "doxxing": {"instagram": "Privacy Violations", "facebook": "Privacy Violations",
                "tiktok": "Personal Information", "x": "Private Information",
                "youtube": "Harassment & cyberbullying (personal information)"},
    "spam_gambling": {"instagram": "Spam", "facebook": "Spam",
                      "tiktok": "Deceptive Behaviors and Fake Engagement (spam)",
                      "x": "Platform Manipulation and Spam", "youtube": "Spam (comment spam)"},
    "spam_promo": {"instagram": "Spam", "facebook": "Spam",
                   "tiktok": "Deceptive Behaviors and Fake Engagement (spam)",
                   "x": "Platform Manipulation and Spam", "youtube": "Spam (comment spam)"},
    "scam_phishing": {"instagram": "Fraud, Scams and Deceptive Practices",
                      "facebook": "Fraud, Scams and Deceptive Practices", "tiktok": "Frauds and Scams",
                      "x": "Misleading and Deceptive Identities",
                      "youtube": "Spam, deceptive practices and scams"},
}
# Catalogue keys of the steps in each platform's app (translated: Indonesian first).
STEPS = {p: f"report.steps.{p}" for p in ("instagram", "facebook", "tiktok", "x", "youtube")}
HIDE = {p: f"report.hide.{p}" for p in ("instagram", "facebook", "tiktok", "x", "youtube")}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def report_reason(platform: str, tos_category: str | None) -> str | None:
    """The platform's own name of the rule a comment breaks."""
    if not tos_category:
        return None
    return REASONS.get(tos_category, {}).get(platform)


def report_steps(platform: str) -> str:
    """How to report a comment in the platform's app, in the current language."""
    return t(STEPS.get(platform, "report.steps.any"))


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection: text starting with = + - @ gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def evidence_csv(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> str:
    """Evidence as CSV text, every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell("" if row.get(c) is None else str(row.get(c))) for c in columns])
    return out.getvalue()


def evidence_html(rows: Sequence[Mapping[str, Any]], columns: list[str], title: str,
                  labels: Mapping[str, str]) -> str:
    """Evidence as a standalone HTML page (every value escaped; no script)."""
    head = "".join(f"<th>{html.escape(labels.get(c, c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>"
                         for c in columns) + "</tr>" for r in rows)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            "<style>body{font:13px sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
            "td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}"
            "td{white-space:pre-wrap;word-break:break-word}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></body></html>")
