"""Recipe search behind the sentiment and abuse heads: prints the figures the model card quotes.

Run: python bench/triage_recipes.py [--datasets ../shared/datasets] [--only smsa|ibrohim|grouped].
SmSA: train -> valid macro-F1 over C x word weight (the test split is not read). Ibrohim 2019:
stratified 5-fold F1 of NB-LR at its own cut over the word weight, then the adopted recipe under
grouped folds (identical normalised tweets kept together). Minutes of CPU; not a test.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from kenali.triage.data_sources import datasets_dir, load_ibrohim2019, load_smsa
from kenali.triage.features import featurise
from kenali.triage.learn import SEED, fit_head, word_columns
from kenali.triage.normalise import normalise_batch
from kenali.triage.train import ABUSE_C, abuse_head


def smsa_grid(folder: Path) -> None:
    """Macro-F1 on SmSA valid of the sentiment recipe over C and the word weight."""
    texts, labels = load_smsa(folder, "train")
    valid, valid_labels = load_smsa(folder, "valid")
    X, analysed = featurise(normalise_batch(texts))
    Xv, _ = featurise(normalise_batch(valid))
    mask = word_columns(X, analysed)
    for C in (16.0, 32.0):
        for weight in (1.0, 2.0, 3.0, 5.0):
            head = fit_head("s", X, labels, C=C, calibrate=False, word_mask=mask, word_weight=weight)
            pred = [head.classes[k] for k in head.proba(Xv).argmax(axis=1)]
            print(f"smsa valid C={C:g} word_weight={weight:g} macro-F1 "
                  f"{f1_score(valid_labels, pred, average='macro'):.4f}", flush=True)


def ibrohim_grid(folder: Path) -> None:
    """5-fold F1 of NB-LR (C = ABUSE_C) at logit 0 over the word weight."""
    texts, hs, abusive = load_ibrohim2019(folder)
    X, analysed = featurise(normalise_batch(texts))
    for name, labels in (("hate", hs), ("abusive", abusive)):
        y = np.array(labels)
        splits = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y))
        for weight in (1.0, 2.0, 3.0, 5.0):
            z = np.zeros(len(y))
            for train_rows, test_rows in splits:
                head = fit_head(name, X[train_rows], [str(v) for v in y[train_rows]], classes=["0", "1"],
                                C=ABUSE_C, nb=True, calibrate=False,
                                word_mask=word_columns(X, analysed, train_rows), word_weight=weight)
                z[test_rows] = head.logits(X[test_rows])[:, 0]
            print(f"ibrohim {name} word_weight={weight:g} F1 {f1_score(y, z > 0):.4f}", flush=True)


def ibrohim_grouped(folder: Path) -> None:
    """The adopted abuse recipe under 5 folds that keep identical normalised tweets together."""
    texts, hs, abusive = load_ibrohim2019(folder)
    normalised = normalise_batch(texts)
    X, analysed = featurise(normalised)
    groups = np.unique(np.array(normalised, dtype=object).astype(str), return_inverse=True)[1]
    for name, labels in (("hate", hs), ("abusive", abusive)):
        y = np.array(labels)
        p, cut = np.zeros(len(y)), np.zeros(len(y))
        splitter = StratifiedGroupKFold(5, shuffle=True, random_state=SEED)
        for train_rows, test_rows in splitter.split(np.zeros(len(y)), y, groups):
            head = abuse_head(name, X, analysed, labels, train_rows)
            p[test_rows] = head.proba(X[test_rows])[:, 1]
            cut[test_rows] = head.extra["threshold"]
        print(f"ibrohim {name} grouped folds F1 {f1_score(y, p >= cut):.4f} "
              f"(cut at 0.5: {f1_score(y, p >= 0.5):.4f})", flush=True)


def main() -> None:
    """Run the chosen parts of the search."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=Path, default=None)
    parser.add_argument("--only", choices=("smsa", "ibrohim", "grouped"))
    args = parser.parse_args()
    folder = datasets_dir(args.datasets)
    parts = {"smsa": smsa_grid, "ibrohim": ibrohim_grid, "grouped": ibrohim_grouped}
    for key, run in parts.items():
        if args.only in (None, key):
            run(folder)


if __name__ == "__main__":
    main()
