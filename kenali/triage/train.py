"""Retrain the triage models: `python -m kenali.triage.train` or `kenali latih`.

Writes `models/triage.npz` (intent, urgency, ToS category, topic, sentiment; from the project's own
labelled set and IndoNLU SmSA, shippable under Apache-2.0) and, when the Ibrohim & Budi 2019 data
is present, `models/abuse_ibrohim2019.npz` (hate/abusive signal, CC BY-NC-SA 4.0, not shipped).
Deterministic: same data and code give the same arrays.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from .. import __version__
from ..errors import KenaliError
from .data_sources import (
    LABELLED_DIR,
    Labelled,
    datasets_dir,
    labelled_files,
    load_ibrohim2019,
    load_labelled,
    load_smsa,
)
from .features import featurise
from .learn import SEED, fit_head, out_of_fold_logits, word_columns
from .model import ABUSE_MODEL, DEFAULT_MODEL, MODELS_DIR, Bundle, Head
from .normalise import normalise_batch
from .policy import INTENTS, TOS_CATEGORIES

INTENT_C = 8.0
URGENT_C = 8.0
TOS_C = 8.0
TOPIC_C = 8.0
# Sentiment: C and the word weight chosen on SmSA valid (train -> valid macro-F1) from
# C {16, 32} x word weight {1, 2, 3, 5}: 0.851 at (16, 1), the old recipe; 0.868 at (32, 5).
SENTIMENT_C = 32.0
SENTIMENT_WORD_WEIGHT = 5.0
# Abuse (Ibrohim 2019): NB-LR; the word weight chosen by 5-fold CV from {1, 2, 3, 5}; the
# decision threshold is the best-F1 cut on inner out-of-fold predictions (see ibrohim_cv).
ABUSE_C = 30.0
ABUSE_WORD_WEIGHT = 2.0
URGENT_RECALL = 0.95  # out-of-fold recall the urgent threshold is set for


def _digest(parts: Sequence[str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _lexicon_digest() -> str:
    """Digest of the lexicons and of the code that turns text into features and fits the heads
    (so a changed recipe or threshold makes a new model version, as changed data does)."""
    here = Path(__file__).resolve().parent
    files = [*sorted((here / "lexicon").glob("*.tsv")), here / "normalise.py", here / "features.py",
             here / "learn.py", here / "train.py"]
    return _digest([p.read_text("utf-8") for p in files])


def labelled_heads(rows: list[Labelled]) -> dict[str, Head]:
    """Intent, urgency, ToS-category and topic heads fitted on labelled rows."""
    X, _ = featurise(normalise_batch([r.text for r in rows]))
    heads = {"intent": fit_head("intent", X, [r.intent for r in rows],
                                classes=[c for c in INTENTS if c in {r.intent for r in rows}],
                                C=INTENT_C)}
    urgent = ["true" if r.urgent else "false" for r in rows]
    if len(set(urgent)) == 2:
        heads["urgent"] = fit_head("urgent", X, urgent, classes=["false", "true"], C=URGENT_C)
        heads["urgent"].extra["threshold"] = urgent_threshold(heads["urgent"], X, urgent)
    tos_rows = [i for i, r in enumerate(rows) if r.tos_category in TOS_CATEGORIES]
    if len({rows[i].tos_category for i in tos_rows}) >= 2:
        labels = [str(rows[i].tos_category) for i in tos_rows]
        heads["tos"] = fit_head("tos", X[tos_rows], labels,
                                classes=[c for c in TOS_CATEGORIES if c in set(labels)], C=TOS_C)
    topic_rows = [i for i, r in enumerate(rows) if r.topic]
    if len({rows[i].topic for i in topic_rows}) >= 2:
        heads["topic"] = fit_head("topic", X[topic_rows], [str(rows[i].topic) for i in topic_rows],
                                  C=TOPIC_C)
    return heads


def urgent_threshold(head: Head, X: Any, labels: list[str], recall: float = URGENT_RECALL) -> float:
    """Highest probability threshold whose out-of-fold urgent recall is at least `recall`."""
    y = np.array([label == "true" for label in labels], dtype=int)
    z = out_of_fold_logits(X, y, URGENT_C, 2, "balanced")[:, 0]
    a, b = head.platt
    p = 1.0 / (1.0 + np.exp(-(a * z + b)))
    positives = np.sort(p[y == 1])[::-1]
    if not len(positives):
        return 0.5
    k = min(len(positives) - 1, int(np.ceil(recall * len(positives))) - 1)
    return float(min(0.5, max(0.05, positives[k])))


def sentiment_head(folder: Path) -> Head:
    """Sentiment (positive/neutral/negative) on IndoNLU SmSA train+valid."""
    texts, labels = load_smsa(folder, "train")
    more_texts, more_labels = load_smsa(folder, "valid")
    X, analysed = featurise(normalise_batch(texts + more_texts))
    head = fit_head("sentiment", X, labels + more_labels, C=SENTIMENT_C, min_df=2, folds=3,
                    word_mask=word_columns(X, analysed), word_weight=SENTIMENT_WORD_WEIGHT)
    head.extra["word_weight"] = SENTIMENT_WORD_WEIGHT
    return head


def abuse_head(name: str, X: Any, analysed: Any, labels: Sequence[int],
               rows: np.ndarray | None = None) -> Head:
    """One hate or abusive head (NB-LR, weighted words, best-F1 threshold) on `rows` of X."""
    Xr = X if rows is None else X[rows]
    mask = word_columns(X, analysed, rows)
    head = fit_head(name, Xr, [str(labels[i]) for i in (range(len(labels)) if rows is None else rows)],
                    classes=["0", "1"], C=ABUSE_C, nb=True, word_mask=mask,
                    word_weight=ABUSE_WORD_WEIGHT, tune_threshold=True)
    head.extra["word_weight"] = ABUSE_WORD_WEIGHT
    return head


def abuse_heads(folder: Path) -> dict[str, Head]:
    """Hate-speech and abusive-language heads on Ibrohim & Budi 2019 (CC BY-NC-SA 4.0)."""
    texts, hs, abusive = load_ibrohim2019(folder)
    X, analysed = featurise(normalise_batch(texts))
    return {name: abuse_head(name, X, analysed, y) for name, y in (("hate", hs), ("abusive", abusive))}


def ibrohim_cv(folder: Path, folds: int = 5) -> dict[str, float]:
    """Stratified k-fold F1 of the hate and abusive heads, same recipe as the trained model.

    Each outer fold fits the whole recipe on its training rows only, the threshold included
    (from inner out-of-fold predictions), so the held-out fold never shapes its own prediction.
    `*_f1_p50` is the same model cut at probability 0.5, for comparison.
    """
    texts, hs, abusive = load_ibrohim2019(folder)
    X, analysed = featurise(normalise_batch(texts))
    scores = {}
    for name, labels in (("hate", hs), ("abusive", abusive)):
        y = np.array(labels)
        p = np.zeros(len(y))
        cut = np.zeros(len(y))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
        for train_rows, test_rows in splitter.split(np.zeros(len(y)), y):
            head = abuse_head(name, X, analysed, labels, train_rows)
            p[test_rows] = head.proba(X[test_rows])[:, 1]
            cut[test_rows] = head.extra["threshold"]
        scores[f"{name}_f1"] = round(float(f1_score(y, p >= cut)), 4)
        scores[f"{name}_f1_p50"] = round(float(f1_score(y, p >= 0.5)), 4)
    return scores


def training_rows(folder: Path, include_heldout: bool) -> list[Labelled]:
    """Labelled rows to train on: the train split (plus held-out rows with --semua)."""
    rows = load_labelled(folder)
    if not rows:
        raise KenaliError("triage.no_labelled", path=folder)
    return [r for r in rows if include_heldout or r.split != "heldout"]


def train(labelled_dir: Path = LABELLED_DIR, datasets: Path | None = None,
          out: Path = DEFAULT_MODEL, include_heldout: bool = False, with_abuse: bool = True,
          log: Any = print, corrections: Sequence[Labelled] = ()) -> dict[str, Any]:
    """Train and save every head; return the metadata written with the model.

    `corrections` (the team's corrected decisions, from `store.corrected_rows`) are added to the
    training rows; a corrected comment that is also in the labelled set replaces its label.
    """
    rows = training_rows(labelled_dir, include_heldout)
    log(f"labelled rows: {len(rows)} from {len(labelled_files(labelled_dir))} files")
    if corrections:
        corrected_texts = {c.text for c in corrections}
        rows = [r for r in rows if r.text not in corrected_texts] + list(corrections)
        log(f"team corrections: {len(corrections)}")
    heads = labelled_heads(rows)
    folder: Path | None
    try:
        folder = datasets_dir(datasets)
    except KenaliError:
        folder = None
        log("datasets absent: no sentiment head, no abuse model")
    if folder is not None:
        heads["sentiment"] = sentiment_head(folder)
    data_sha = _digest([f"{r.id}\t{r.text}\t{r.intent}\t{r.urgent}\t{r.tos_category}\t{r.topic}"
                        for r in sorted(rows, key=lambda r: r.id)] + [_lexicon_digest()])
    meta = {
        "model_version": f"{__version__}+{data_sha[:10]}",
        "kenali_version": __version__, "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__, "python": platform.python_version(), "seed": SEED,
        "data": {"labelled_rows": len(rows), "labelled_sha256": data_sha,
                 "corrections": len(corrections),
                 "include_heldout": include_heldout,
                 "sentiment": "IndoNLU SmSA train+valid (Apache-2.0)" if folder else None},
        "licence": "Apache-2.0 (trained on kenali's own labelled set and IndoNLU SmSA)",
    }
    Bundle(heads, meta).save(out)
    log(f"saved {out} ({out.stat().st_size / 1e6:.1f} MB): heads {', '.join(heads)}")
    if folder is not None and with_abuse:
        abuse_meta = {"model_version": f"{__version__}+ibrohim2019", "sklearn_version": sklearn.__version__,
                      "licence": "CC BY-NC-SA 4.0 (derived from Ibrohim & Budi 2019)"}
        abuse_out = out.parent / ABUSE_MODEL.name
        Bundle(abuse_heads(folder), abuse_meta).save(abuse_out)
        log(f"saved {abuse_out} (CC BY-NC-SA 4.0: keep it out of releases)")
    return meta


def write_scores_to_card(scores: dict[str, Any], card: Path = MODELS_DIR / "MODEL_CARD.md") -> None:
    """Replace the measured-scores block of the model card with `scores`."""
    if not card.is_file():
        return
    block = "<!-- scores -->\n```json\n" + json.dumps(scores, indent=2, ensure_ascii=False) + "\n```\n<!-- /scores -->"
    text = re.sub(r"<!-- scores -->.*?<!-- /scores -->", lambda _m: block, card.read_text("utf-8"),
                  flags=re.S)
    card.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: retrain and print where the models went."""
    parser = argparse.ArgumentParser(prog="python -m kenali.triage.train", description=__doc__)
    parser.add_argument("--labelled", type=Path, default=LABELLED_DIR)
    parser.add_argument("--datasets", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--all", action="store_true", help="also train on the held-out split")
    parser.add_argument("--no-abuse", action="store_true", help="skip the CC BY-NC-SA abuse model")
    args = parser.parse_args(argv)
    try:
        train(args.labelled, args.datasets, args.out, args.all, not args.no_abuse)
    except KenaliError as exc:
        print(f"kenali: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
