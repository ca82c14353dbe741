"""Scores printed by `kenali evaluasi`: held-out labelled set, SmSA test, Ibrohim 2019 k-fold CV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from .data_sources import LABELLED_DIR, load_labelled, load_smsa
from .features import featurise
from .normalise import normalise_batch
from .pipeline import Triage
from .policy import NEVER_FOR_CRITICISM


def heldout_scores(triage: Triage, folder: Path = LABELLED_DIR) -> dict[str, Any]:
    """Intent macro-F1 with per-class precision/recall, urgent recall, kritik wrongly reported."""
    rows = [r for r in load_labelled(folder) if r.split == "heldout"]
    if not rows:
        return {"rows": 0}
    decisions = triage.classify([r.text for r in rows], explain=False)
    gold = [r.intent for r in rows]
    pred = [d["intent"] for d in decisions]
    classes = sorted(set(gold) | set(pred))
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=classes, zero_division=0)
    per_class = {c: {"precision": round(float(p[k]), 3), "recall": round(float(r[k]), 3),
                     "f1": round(float(f[k]), 3), "n": int(n[k])} for k, c in enumerate(classes)}
    urgent_gold = [i for i, row in enumerate(rows) if row.urgent]
    urgent_hits = sum(1 for i in urgent_gold if decisions[i]["urgent"])
    urgent_flagged = [i for i, d in enumerate(decisions) if d["urgent"]]
    kritik = [i for i, row in enumerate(rows) if row.intent == "kritik"]
    wrongly = [i for i in kritik if NEVER_FOR_CRITICISM & set(decisions[i]["actions"])]
    tos_rows = [i for i, row in enumerate(rows) if row.tos_category and decisions[i]["tos_category"]]
    hard: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        for kind in (row.hard_case or "").split(";"):
            if kind.strip():
                hard.setdefault(kind.strip(), []).append(i)
    return {
        "rows": len(rows),
        "intent_macro_f1": round(float(f1_score(gold, pred, labels=classes, average="macro")), 4),
        "intent_accuracy": round(float(np.mean([a == b for a, b in zip(gold, pred, strict=True)])), 4),
        "intent_per_class": per_class,
        "urgent_recall": round(urgent_hits / len(urgent_gold), 4) if urgent_gold else None,
        "urgent_precision": (round(sum(1 for i in urgent_flagged if rows[i].urgent) / len(urgent_flagged), 4)
                             if urgent_flagged else None),
        "urgent_n": len(urgent_gold),
        "kritik_reported_or_hidden_share": round(len(wrongly) / len(kritik), 4) if kritik else None,
        "kritik_n": len(kritik),
        "tos_accuracy": (round(float(np.mean([decisions[i]["tos_category"] == rows[i].tos_category
                                              for i in tos_rows])), 4) if tos_rows else None),
        "hard_case_accuracy": {kind: round(float(np.mean([pred[i] == gold[i] for i in idx])), 3)
                               for kind, idx in sorted(hard.items())},
    }


def smsa_scores(triage: Triage, datasets: Path) -> dict[str, Any]:
    """Macro-F1 of the sentiment head on the SmSA test split."""
    head = triage.heads.get("sentiment")
    if head is None:
        return {}
    texts, labels = load_smsa(datasets, "test")
    X, _ = featurise(normalise_batch(texts))
    pred = [head.classes[k] for k in head.proba(X).argmax(axis=1)]
    return {"smsa_test_macro_f1": round(float(f1_score(labels, pred, average="macro")), 4),
            "smsa_test_accuracy": round(float(np.mean([a == b for a, b in zip(labels, pred, strict=True)])), 4)}
