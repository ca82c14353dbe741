"""CLI for comment triage: `kenali triage`, `kenali latih`, `kenali evaluasi`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from .i18n import t

Add = Callable[..., argparse.ArgumentParser]
BATCH = 4096


def _emit(decision: dict[str, Any], extra: dict[str, Any]) -> None:
    out = {"id": decision["id"], **extra, **{k: v for k, v in decision.items() if k != "id"}}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


def cmd_triage(args: argparse.Namespace) -> int:
    """Triage a file to JSONL on stdout, or the store's comments into triage tables."""
    from .triage.pipeline import Triage, apply_clusters, cluster_candidates

    if args.file is None:
        return _triage_store(args)
    from .triage.io import PASS_THROUGH, read_comments

    rows = read_comments(Path(args.file))  # whole file is read and checked before any output
    triage = Triage.load()
    decisions: list[dict[str, Any]] = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        decisions += triage.classify([r["text"] for r in chunk], ids=[r["id"] for r in chunk],
                                     explain=not args.no_explain)
    keys = [str(i) for i in range(len(rows))]
    membership = _clusters(rows, keys, {keys[i] for i in cluster_candidates(decisions)})
    apply_clusters(decisions, keys, membership)
    for row, decision in zip(rows, decisions, strict=True):
        _emit(decision, {k: row[k] for k in PASS_THROUGH if k in row})
    sys.stdout.flush()
    return 0


def _clusters(rows: list[dict[str, Any]], keys: list[str], candidates: set[str]) -> dict[str, str]:
    """Recurring-issue cluster of each row (by key) per account and time window."""
    from .triage.cluster import Comment, find_clusters

    def when(value: Any) -> datetime | None:
        try:
            return datetime.fromisoformat(str(value)) if value not in (None, "") else None
        except ValueError:
            return None

    comments = [Comment(key, r["text"], r.get("account"), when(r.get("created_at")))
                for key, r in zip(keys, rows, strict=True)]
    return find_clusters(comments, candidates)[1]


def _triage_store(args: argparse.Namespace) -> int:
    from .progress import Progress
    from .triage.store import pending_count, triage_store
    from .workspace import Workspace

    with Workspace(args.db) as ws:
        total = pending_count(ws.con, redo=args.all)
        if args.limit is not None:
            total = min(total, max(0, args.limit))
        # Starting worker processes costs seconds: worth it only for a large run.
        workers = args.workers or (min(4, os.cpu_count() or 1) if total > 50_000 else 1)
        with Progress(t("triage.progress"), total=total, enabled=False if args.json else None) as bar:
            summary = triage_store(ws.con, limit=args.limit, redo=args.all,
                                   explain=not args.no_explain, progress=bar.update,
                                   workers=workers)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        print(t("triage.stored", n=summary["triaged"], version=summary["model_version"]))
        for action, n in sorted(summary["actions"].items(), key=lambda kv: -kv[1]):
            print(f"  {action:<16} {n:>8,}")
    return 0


def cmd_latih(args: argparse.Namespace) -> int:
    """Retrain the triage models for this installation (the shipped model is left as it is)."""
    from .triage.model import installed_model
    from .triage.train import train

    log = (lambda _msg: None) if args.json else print
    corrections: list[Any] = []
    if args.db:
        from .triage.store import corrected_rows
        from .workspace import Workspace

        with Workspace(args.db, read_only=True) as ws:
            corrections = corrected_rows(ws.con)
    meta = train(datasets=Path(args.datasets) if args.datasets else None,
                 include_heldout=args.semua, with_abuse=not args.tanpa_abuse, log=log,
                 corrections=corrections, out=installed_model())
    if args.json:
        print(json.dumps(meta, ensure_ascii=False, indent=2))
    else:
        print(t("triage.trained", path=installed_model()))
    return 0


def cmd_evaluasi(args: argparse.Namespace) -> int:
    """Print the measured scores of the shipped model."""
    from .errors import KenaliError
    from .triage.data_sources import datasets_dir
    from .triage.evaluate import heldout_scores, smsa_scores
    from .triage.model import active_model
    from .triage.pipeline import Triage
    from .triage.train import ibrohim_cv

    triage = Triage.load()
    scores: dict[str, Any] = {"model_version": triage.version, "heldout": heldout_scores(triage)}
    try:
        from .triage.demo_eval import demo_scores

        scores["demo_out_of_distribution"] = demo_scores(triage)
    except ImportError:  # a packaging without the demo generator
        pass
    try:
        folder: Path | None = datasets_dir(Path(args.datasets) if args.datasets else None)
    except KenaliError:
        folder = None
    if folder is not None:
        scores["smsa"] = smsa_scores(triage, folder)
        if not args.tanpa_cv:
            scores["ibrohim2019_cv"] = ibrohim_cv(folder, folds=5)
    if args.kartu:
        from .triage.train import write_scores_to_card

        write_scores_to_card(scores)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
        return 0
    print(t("triage.model_line", version=triage.version, path=active_model()))
    held = scores["heldout"]
    print(t("triage.heading_heldout", rows=held.get("rows", 0)))
    for key in ("intent_macro_f1", "intent_accuracy", "urgent_recall", "urgent_precision",
                "kritik_reported_or_hidden_share", "tos_accuracy"):
        if key in held:
            print(f"  {key:<34} {held[key]}")
    for intent, s in held.get("intent_per_class", {}).items():
        print(f"  {intent:<18} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  n {s['n']}")
    for kind, acc in held.get("hard_case_accuracy", {}).items():
        print(f"  hard_case {kind:<24} {acc}")
    if "demo_out_of_distribution" in scores:
        demo = scores["demo_out_of_distribution"]
        print(t("triage.heading_demo", rows=demo["rows"]))
        for key in ("intent_macro_f1", "urgent_recall", "kritik_reported_or_hidden_share"):
            print(f"  {key:<34} {demo[key]}")
        for intent, s in demo["intent_per_class"].items():
            print(f"  {intent:<18} P {s['precision']:.3f}  R {s['recall']:.3f}  n {s['n']}")
    if "smsa" in scores:
        print(t("triage.heading_smsa"))
        for key, value in scores["smsa"].items():
            print(f"  {key:<34} {value}")
    if "ibrohim2019_cv" in scores:
        print(t("triage.heading_ibrohim", folds=5))
        for key, value in scores["ibrohim2019_cv"].items():
            print(f"  {key:<34} {value}")
    return 0


def register(sub: Any, add: Add) -> None:
    """Add the triage commands to the `kenali` parser."""
    p = add("triage", cmd_triage, "cli.triage")
    p.add_argument("file", nargs="?", metavar="FILE", help=t("cli.triage_file"))
    p.add_argument("--limit", type=int, help=t("cli.triage_limit"))
    p.add_argument("--all", action="store_true", help=t("cli.triage_all"))
    p.add_argument("--no-explain", action="store_true", help=t("cli.triage_no_explain"))
    p.add_argument("--workers", type=int, default=None, help=t("cli.triage_workers"))
    p = add("latih", cmd_latih, "cli.latih", db=False)
    p.add_argument("--db", help=t("cli.latih_db"))
    p.add_argument("--semua", action="store_true", help=t("cli.latih_all"))
    p.add_argument("--datasets", help=t("cli.latih_datasets"))
    p.add_argument("--tanpa-abuse", action="store_true", help="CC BY-NC-SA")
    p = add("evaluasi", cmd_evaluasi, "cli.evaluasi", db=False)
    p.add_argument("--datasets", help=t("cli.latih_datasets"))
    p.add_argument("--tanpa-cv", action="store_true", help=t("cli.evaluasi_no_cv"))
    p.add_argument("--kartu", action="store_true", help=t("cli.evaluasi_card"))
