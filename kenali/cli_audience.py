"""`kenali pengikut`: the audience summary with its relevance measures, or a follower list's quality."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from .errors import KenaliError
from .i18n import t

EXAMPLES = 10  # followers shown in the text summary


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_followers_file(args: argparse.Namespace) -> int:
    """Quality and segment summary of a follower list file (nothing is stored)."""
    from .audience.follower_file import read_followers
    from .audience.privacy import mask_row
    from .audience.quality import classify, summarise
    from .audience.text import example_lines, quality_lines

    rows = read_followers(args.followers)
    if not rows:
        raise KenaliError("audience.error.followers_empty", path=args.followers)
    verdicts = [classify(r) for r in rows]
    summary = summarise(verdicts).as_dict()
    followers = [mask_row({"handle": r.get("handle"), "name": r.get("name"), **v.as_dict()},
                          unmask=args.unmask) for r, v in zip(rows, verdicts, strict=True)]
    if args.json:
        summary["followers"] = followers
        summary["masked"] = not args.unmask
        _print_json(summary)
        return 0
    print(t("audience.file_header", path=args.followers))
    for line in quality_lines(summary) + example_lines(followers[:EXAMPLES], not args.unmask):
        print("  " + line)
    return 0


def cmd_pengikut(args: argparse.Namespace) -> int:
    """The audience summary of every (or one) account against a target profile."""
    if args.followers:
        return cmd_followers_file(args)
    from .audience.profiles import load_profile
    from .audience.report import account_summary
    from .audience.store import accounts, target_profile
    from .audience.text import render_summary
    from .workspace import Workspace

    summaries = []
    with Workspace(args.db, read_only=True) as ws:
        for account in accounts(ws.con, args.account):
            chosen = args.profile or target_profile(ws.con, account.account_id) or "dki-jakarta"
            summaries.append(account_summary(ws.con, account, load_profile(chosen)))
    if args.json:
        _print_json({"accounts": summaries})
        return 0
    if not summaries:
        print(t("audience.no_accounts"))
    print("\n\n".join(render_summary(s) for s in summaries))
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add `kenali pengikut` to the parser."""
    p = add("pengikut", cmd_pengikut, "audience.cli.help")
    p.add_argument("--account", metavar="HANDLE", help=t("audience.cli.account"))
    p.add_argument("--profile", metavar="dki-jakarta|indonesia|FILE", help=t("audience.cli.profile"))
    p.add_argument("--followers", metavar="FILE", help=t("audience.cli.followers"))
    p.add_argument("--unmask", action="store_true", help=t("audience.cli.unmask"))
