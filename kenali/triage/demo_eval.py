"""Out-of-distribution check: the triage model on the demo generator's comments.

The demo generator (kenali/demo) writes its comments from its own templates, kept apart from the
labelled set on purpose, and knows the kind of every comment it makes. Scoring the model on them
measures how it carries over to wording it was never trained on. X replies get the account's
handle in front, as X writes them (and as the demo's X export does).
"""

from __future__ import annotations

from typing import Any

from sklearn.metrics import f1_score, precision_recall_fscore_support

from .pipeline import Triage
from .policy import NEVER_FOR_CRITICISM

# The generator's kinds in the labels; urgent reports are complaints that are urgent.
# The generator's "insult" templates all abuse officials in their role ("dasar pejabat makan gaji
# buta", "goblok ngurus banjir aja gak becus"): harsh criticism under the labelling rules (docs/
# labelling-rules.md, "Where kritik ends"), so never to be reported. Threats are perundungan.
KIND_TO_INTENT = {"question": "pertanyaan", "complaint": "keluhan_layanan",
                  "urgent": "keluhan_layanan", "criticism": "kritik", "sarcasm": "kritik",
                  "insult": "kritik", "threat": "perundungan", "spam": "spam",
                  "praise": "apresiasi", "chatter": "lainnya"}


def demo_comments(seed: int = 7, per_account: int = 2000) -> list[tuple[str, str]]:
    """(text, kind) of up to `per_account` generated comments of every demo account."""
    from ..demo.accounts import ACCOUNTS
    from ..demo.build import build_account
    from ..demo.comments import CommentWriter

    out: list[tuple[str, str]] = []
    for spec in ACCOUNTS:
        comments = CommentWriter(seed, build_account(spec, seed)).generate()
        kept = [c for c in comments if c.kind in KIND_TO_INTENT][:per_account]
        for c in kept:
            text = c.text
            if spec.platform == "x" and not text.startswith("@"):
                text = f"@{spec.handle} {text}"
            out.append((text, c.kind))
    return out


def demo_scores(triage: Triage, seed: int = 7, per_account: int = 2000) -> dict[str, Any]:
    """Intent macro-F1, per-class figures, urgent recall and criticism wrongly reported, on demo comments."""
    rows = demo_comments(seed, per_account)
    decisions: list[dict[str, Any]] = []
    for start in range(0, len(rows), 4096):
        decisions += triage.classify([t for t, _ in rows[start:start + 4096]], explain=False)
    gold = [KIND_TO_INTENT[k] for _, k in rows]
    pred = [d["intent"] for d in decisions]
    classes = sorted(set(gold))
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=classes, zero_division=0)
    urgent = [i for i, (_, k) in enumerate(rows) if k == "urgent"]
    kritik = [i for i, g in enumerate(gold) if g == "kritik"]
    wrongly = [i for i in kritik if NEVER_FOR_CRITICISM & set(decisions[i]["actions"])]
    return {
        "rows": len(rows),
        "intent_macro_f1": round(float(f1_score(gold, pred, labels=classes, average="macro")), 4),
        "intent_per_class": {c: {"precision": round(float(p[k]), 3), "recall": round(float(r[k]), 3),
                                 "n": int(n[k])} for k, c in enumerate(classes)},
        "urgent_recall": round(sum(decisions[i]["urgent"] for i in urgent) / len(urgent), 4) if urgent else None,
        "kritik_reported_or_hidden_share": round(len(wrongly) / len(kritik), 4) if kritik else None,
    }
