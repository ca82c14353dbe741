"""`kenali performa`: account summary, post table and the other performance views."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from .errors import KenaliError
from .i18n import current_locale, t

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")
SECTIONS = ("context", "topics", "best_time", "what_works", "spikes", "league")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise KenaliError("performa.error.bad_date", value=text) from None


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the `performa` command to the CLI."""
    p = add("performa", cmd_performa, "performa.cli.help")
    p.add_argument("--account", help=t("performa.cli.account"))
    p.add_argument("--platform", help=t("performa.cli.platform"))
    p.add_argument("--from", dest="start", metavar="DATE", help=t("performa.cli.from"))
    p.add_argument("--to", dest="end", metavar="DATE", help=t("performa.cli.to"))
    p.add_argument("--posts", action="store_true", help=t("performa.cli.posts"))
    p.add_argument("--limit", type=int, default=20, help=t("performa.cli.limit"))
    for section in SECTIONS:
        p.add_argument(f"--{section.replace('_', '-')}", action="store_true",
                       help=t(f"performa.cli.{section}"))
    p.add_argument("--by", default="er_followers", help=t("performa.cli.by"))
    p.add_argument("--institutions", action="store_true", help=t("performa.cli.institutions"))


def _clean(text: Any, width: int) -> str:
    """Captions and comments are hostile input: one line, no control characters, cut to width."""
    s = _CONTROL.sub(" ", str(text or "")).strip()
    return s if len(s) <= width else s[: width - 1] + "…"


def _number(value: float | None, measure: str) -> str:
    if value is None:
        return "–"
    if measure == "ratio":
        text = f"{value * 100:.3f}%" if abs(value) < 0.01 else f"{value * 100:.1f}%"
    elif measure in ("per_week", "per_1000"):
        text = f"{value:,.2f}"
    else:
        text = f"{value:,.0f}"
    return _localise(text)


def _localise(text: str) -> str:
    """Indonesian writes 1.234,5 where English writes 1,234.5."""
    if current_locale() == "id":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _score(value: float | None) -> str:
    if value is None:
        return "–"
    return (f"{value:+.1f}x" if abs(value) < 100 else f"{value:+,.0f}x").replace("+", "")


def _post_score(row: dict[str, Any]) -> str:
    """The interactions score; for exports without interactions the views score, marked (v)."""
    if row["overperformance"] is None and row["overperformance_views"] is not None:
        return _score(row["overperformance_views"]) + "(v)"
    return _score(row["overperformance"])


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    return table.to_pylist()


def _print_summary(table: pa.Table) -> None:
    current = None
    for row in _rows(table):
        unit = (row["platform"], row["label"])
        if unit != current:
            current = unit
            print()
            print(t("performa.summary.title", handle=row["label"], platform=row["platform"],
                    start=row["period_start"], end=row["period_end"],
                    pstart=row["previous_start"], pend=row["previous_end"]))
            print("  " + t("performa.summary.header"))
        change = row["change_pct"]
        change_text = "–" if change is None else _localise(f"{change * 100:+,.1f}%")
        label = t(f"performa.metric.{row['metric']}")
        print(f"  {label:<34} {_number(row['value'], row['measure']):>14} "
              f"{_number(row['previous'], row['measure']):>14} {change_text:>9}")


def _print_posts(table: pa.Table, limit: int) -> None:
    print()
    print(t("performa.posts.title"))
    print("  " + t("performa.posts.header"))
    shown: dict[str, int] = {}
    for row in _rows(table):
        shown[row["platform"]] = shown.get(row["platform"], 0) + 1
        if shown[row["platform"]] > limit:
            continue
        when = row["published_at"].strftime("%Y-%m-%d") if row["published_at"] else "–"
        print(f"  {row['rank_platform'] or '–'!s:>4} {row['platform']:<9} {when} "
              f"{_clean(row['post_type'], 8):<8} {_number(row['interactions'], 'count'):>9} "
              f"{_number(row['expected_interactions'], 'count'):>9} "
              f"{_post_score(row):>9} {_percent(row['baseline_percentile']):>6} "
              f"{_number(row['reach'], 'count'):>10} "
              f"{_clean(row['caption'] or row['title'] or row['platform_post_id'], 40)}")


def _print_table(title_key: str, table: pa.Table, columns: list[str], limit: int) -> None:
    print()
    print(t(title_key))
    if table.num_rows == 0:
        print("  " + t("performa.empty"))
        return
    print("  " + "  ".join(f"{c:>14}" for c in columns))
    for row in _rows(table)[:limit]:
        cells = []
        for c in columns:
            v = row.get(c)
            if isinstance(v, float):
                v = f"{v:.4g}"
            elif v is None:
                v = "–" if c != "ratio" else t("performa.not_enough_data")
            cells.append(f"{_clean(v, 30):>14}")
        print("  " + "  ".join(cells))


def cmd_performa(args: argparse.Namespace) -> int:
    """Print the account summary and the requested sections."""
    from . import performa
    from .workspace import Workspace

    with Workspace(args.db, read_only=True) as ws:
        sel = performa.resolve(ws.con, args.account, args.platform,
                               _date(args.start) if args.start else None,
                               _date(args.end) if args.end else None)
        group = "institution" if args.institutions else "account"
        views: dict[str, Callable[[], pa.Table]] = {
            "posts": lambda: performa.post_table(ws.con, sel),
            "context": lambda: performa.platform_context(ws.con, sel),
            "topics": lambda: performa.topic_map(ws.con, sel),
            "best_time": lambda: performa.best_times(ws.con, sel),
            "what_works": lambda: performa.what_works(ws.con, sel),
            "spikes": lambda: performa.spikes(ws.con, sel),
            "league": lambda: performa.league_table(ws.con, sel, group=group, by=args.by),
        }
        out: dict[str, pa.Table] = {"summary": performa.account_summary(ws.con, sel)}
        out.update({name: view() for name, view in views.items() if getattr(args, name)})
    if args.json:
        data: dict[str, Any] = {"period": {"from": sel.start, "to": sel.end,
                                           "previous_from": sel.previous_start,
                                           "previous_to": sel.previous_end},
                                "accounts": _accounts_json(out.pop("summary"))}
        data.update({k: _rows(v) for k, v in out.items()})
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return 0
    _print_summary(out["summary"])
    if "posts" in out:
        _print_posts(out["posts"], args.limit)
    tables = {
        "context": ["platform", "handle", "er_followers", "benchmark", "vs_benchmark",
                    "peer_median", "peer_percentile"],
        "topics": ["kind", "label", "platform", "posts", "median_overperformance", "median_ratio"],
        "best_time": ["platform", "handle", "source", "weekday", "hour", "value", "n"],
        "what_works": ["platform", "outcome", "attribute", "level", "posts_with", "ratio",
                       "ratio_low", "ratio_high"],
        "spikes": ["platform", "handle", "date", "metric", "value", "baseline", "strength",
                   "comment_count"],
        "league": ["rank", "label", "score", "followers_end", "posts", "note"],
    }
    for name, columns in tables.items():
        if name in out:
            _print_table(f"performa.{name}.title", out[name], columns, args.limit)
    if "context" in out:
        print("  " + t("performa.context.cite"))
    return 0


def _accounts_json(summary: pa.Table) -> list[dict[str, Any]]:
    accounts: dict[Any, dict[str, Any]] = {}
    for row in _rows(summary):
        entry = accounts.setdefault(row["unit_id"], {
            "account": row["label"], "platform": row["platform"],
            "account_ids": row["account_ids"], "metrics": {}})
        entry["metrics"][row["metric"]] = {k: row[k] for k in (
            "value", "previous", "change", "change_pct", "measure")}
    return list(accounts.values())
