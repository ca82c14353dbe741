"""The `kenali` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from . import __version__
from .errors import KenaliError
from .i18n import set_locale, t


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _workspace(args: argparse.Namespace, read_only: bool = False) -> Any:
    from .workspace import Workspace

    return Workspace(args.db, read_only=read_only)


def cmd_import(args: argparse.Namespace) -> int:
    from .sources import check_paths

    check_paths(args.paths)  # before the store is created: a bad path writes nothing
    triaged = None
    with _workspace(args) as ws:
        results = ws.import_paths(args.paths, account=args.account, platform=args.platform,
                                  tz=args.tz, progress=False if args.json else None)
        if not args.no_triage and any(r.status == "imported" for r in results):
            from .triage.store import triage_store

            # New comments go into the inbox's queues now, as an upload in the dashboard does.
            triaged = triage_store(ws.con)
    if args.json:
        _print_json({"files": [r.as_dict() for r in results], "triage": triaged})
    else:
        for r in results:
            if r.status == "imported":
                print(t("import.imported", file=r.file, format=r.format, read=r.rows_read,
                        written=r.rows_written, skipped=r.rows_skipped))
                for reason, n in list(r.skipped_reasons.items())[:5]:
                    print("   " + t("import.skipped_reason", n=n, reason=reason))
                for warning in r.warnings:
                    print("   " + t("import.warning", warning=warning))
            elif r.status == "needs_account":
                print(t("import.needs_account", file=r.file, format=r.format, platform=r.message))
            else:
                print(t(f"import.{r.status}", file=r.file, format=r.format, reason=r.message))
        if triaged and triaged["triaged"]:
            print(t("import.triaged", n=triaged["triaged"], clusters=triaged["clusters"]))
    bad = [r for r in results if r.status in ("unreadable", "failed", "needs_account")]
    return 2 if bad and len(bad) == len(results) else 0


def cmd_status(args: argparse.Namespace) -> int:
    with _workspace(args, read_only=True) as ws:
        status = ws.status()
    if args.json:
        _print_json(status)
        return 0
    print(t("status.db", path=status["db"]))
    if not status["accounts"]:
        print(t("status.empty"))
    for a in status["accounts"]:
        print(t("status.account", platform=a["platform"], handle=a["handle"],
                first=a["first_day"] or "–", last=a["last_day"] or "–", posts=a["posts"],
                comments=a["comments"], followers=a["followers"] if a["followers"] else "–"))
    print(t("status.tables"))
    for table, n in status["tables"].items():
        print(f"  {table:<20} {n:>12,}")
    return 0


def cmd_formats(args: argparse.Namespace) -> int:
    from . import importers

    rows = [{"key": f.key, "platform": f.platform, "title": f.title, "provides": list(f.provides),
             "example_header": f.example_header} for f in importers.formats().values()]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        print(f"{row['key']:<28} {row['platform']:<10} {row['title']}")
        print(f"{'':<28} {t('formats.provides')}: {', '.join(row['provides'])}")
        print(f"{'':<28} {t('formats.example')}: {row['example_header'][:90]}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import build_demo

    summary = build_demo(args.db, seed=args.seed, progress=False if args.json else None)
    if args.json:
        _print_json(summary)
    else:
        if summary["replaced"]:
            print(t("demo.replaced", path=summary["db"]))
        print(t("demo.done", path=summary["db"], seconds=summary["seconds"]))
        for platform, counts in sorted(summary["platforms"].items()):
            print("  " + t("demo.platform", platform=platform, accounts=counts.get("accounts", 0),
                           posts=counts.get("posts", 0), comments=counts.get("comments", 0)))
        for table, n in summary["tables"].items():
            print(f"  {table:<20} {n:>12,}")
        print(t("demo.exports", path=summary["exports"]))
        if summary["not_imported"]:
            names = sorted({item["file"].rsplit("/", 1)[-1] for item in summary["not_imported"]})
            print(t("demo.not_imported", n=len(summary["not_imported"]), files=", ".join(names[:5])))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test)."""
    parser = argparse.ArgumentParser(prog="kenali", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"kenali {__version__}")
    parser.add_argument("--lang", choices=["id", "en"], help=t("cli.lang"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_key: str,
            db: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=t(help_key), description=t(help_key))
        p.set_defaults(handler=handler)
        if db:
            p.add_argument("--db", help=t("cli.db"))
        p.add_argument("--json", action="store_true", help=t("cli.json"))
        p.add_argument("--lang", choices=["id", "en"], default=argparse.SUPPRESS, help=t("cli.lang"))
        return p

    p = add("import", cmd_import, "cli.import")
    p.add_argument("paths", nargs="+", metavar="PATH", help=t("cli.paths"))
    p.add_argument("--account", help=t("cli.account"))
    p.add_argument("--platform", help=t("cli.platform"))
    p.add_argument("--tz", default="Asia/Jakarta", help=t("cli.tz"))
    p.add_argument("--no-triage", action="store_true", help=t("cli.no_triage"))
    add("status", cmd_status, "cli.status")
    add("formats", cmd_formats, "cli.formats", db=False)
    p = add("demo", cmd_demo, "cli.demo")
    p.add_argument("--seed", type=int, default=7, help=t("cli.seed"))
    __import__("kenali.cli_audience", fromlist=["register"]).register(sub, add)
    __import__("kenali.cli_performa", fromlist=["register"]).register(sub, add)
    __import__("kenali.cli_web", fromlist=["register"]).register(sub, add)
    __import__("kenali.cli_triage", fromlist=["register"]).register(sub, add)
    __import__("kenali.cli_report", fromlist=["register"]).register(sub, add)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors print one line and return 2."""
    argv = sys.argv[1:] if argv is None else argv
    if "--lang" in argv:
        i = argv.index("--lang")
        set_locale(argv[i + 1] if i + 1 < len(argv) else None)
    parser = build_parser()
    args = parser.parse_args(argv)
    set_locale(getattr(args, "lang", None))
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except KenaliError as exc:
        print(f"kenali: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: not an error worth a message.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"kenali: {t('error.interrupted')}", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for a user
        if os.environ.get("KENALI_DEBUG"):
            raise
        print(f"kenali: {t('error.unexpected', kind=type(exc).__name__, reason=exc)}",
              file=sys.stderr)
        return 1
