"""Fitting one head: TF-IDF weights from the training rows, a linear model, then calibration."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from .features import N_FEATURES, Analysed
from .model import Head

SEED = 20260601


def idf_weights(X: sp.csr_matrix, min_df: int) -> np.ndarray:
    """Smoothed idf of every hashed feature; 0 for features in fewer than `min_df` rows."""
    df = np.bincount(X.indices, minlength=N_FEATURES)
    n = X.shape[0]
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    idf[df < min_df] = 0.0
    return idf


def word_columns(X: sp.csr_matrix, analysed: Analysed, rows: np.ndarray | None = None,
                 max_char_share: float = 0.5) -> np.ndarray:
    """Boolean mask of the hashed columns that carry words, bigrams or cues (readable features).

    A column also hit by character n-grams (hash collisions) counts only when they fill it in at
    most `max_char_share` of the rows its words fill; `rows` limits the count to training rows.
    """
    key = np.unique(analysed.readable_doc.astype(np.int64) * N_FEATURES + analysed.readable_col)
    docs, cols = key // N_FEATURES, key % N_FEATURES
    if rows is not None:
        cols = cols[np.isin(docs, rows)]
        X = X[rows]
    df_word = np.bincount(cols, minlength=N_FEATURES)
    df_all = np.bincount(X.indices, minlength=N_FEATURES)
    return (df_word > 0) & (df_all - df_word <= max_char_share * df_word)


def weighted_idf(X: sp.csr_matrix, min_df: int, word_mask: np.ndarray | None,
                 word_weight: float) -> np.ndarray:
    """Idf weights with the word columns scaled by `word_weight`.

    A comment has a few words but hundreds of character n-grams, so under one L2 norm the words
    weigh little; scaling their idf gives them a larger share of the norm (SmSA valid and Ibrohim
    CV both gain, see the model card). The scale lives in the idf, so inference is unchanged.
    """
    idf = idf_weights(X, min_df)
    if word_mask is not None and word_weight != 1.0:
        idf[word_mask] *= np.float32(word_weight)
    return idf


def f1_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability cut that maximises F1 of the positive class on (p, y)."""
    order = np.argsort(-p, kind="stable")
    ys = y[order]
    tp = np.cumsum(ys)
    f1 = 2 * tp / (np.arange(1, len(ys) + 1) + ys.sum())
    k = int(np.argmax(f1))
    below = p[order][k + 1] if k + 1 < len(p) else 0.0
    return float((p[order][k] + below) / 2)


def _compact(X: sp.csr_matrix, idf: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
    cols = np.flatnonzero(idf)
    Xc = X[:, cols] @ sp.diags(idf[cols])
    return normalize(sp.csr_matrix(Xc), norm="l2"), cols


def _model(C: float, class_weight: str | None) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, random_state=SEED)


def _fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    def nll(t: np.ndarray) -> float:
        z = logits / max(float(t[0]), 1e-3)
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    return float(minimize(nll, x0=[1.0], bounds=[(0.05, 20.0)], method="L-BFGS-B").x[0])


def _fit_platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    def nll(ab: np.ndarray) -> float:
        s = ab[0] * z + ab[1]
        return float(np.mean(np.logaddexp(0, s) - y * s))

    a, b = minimize(nll, x0=[1.0, 0.0], method="L-BFGS-B").x
    return float(a), float(b)


def fit_head(name: str, X: sp.csr_matrix, labels: Sequence[str], classes: Sequence[str] | None = None,
             C: float = 4.0, min_df: int = 2, class_weight: str | None = "balanced",
             calibrate: bool = True, folds: int = 5, nb: bool = False,
             word_mask: np.ndarray | None = None, word_weight: float = 1.0,
             tune_threshold: bool = False) -> Head:
    """Fit a calibrated linear head on hashed rows X with string labels.

    nb (binary heads): scale features by the naive-Bayes log-count ratio before the linear model
    (NB-LR, Wang & Manning 2012); the ratio folds into the coefficients, so inference is unchanged.
    word_mask/word_weight: see `weighted_idf`. tune_threshold (binary heads): store in
    extra["threshold"] the probability cut with the best out-of-fold F1 on these rows.
    """
    classes = list(classes) if classes is not None else sorted(set(labels))
    index = {c: k for k, c in enumerate(classes)}
    y = np.array([index[label] for label in labels])
    idf = weighted_idf(X, min_df, word_mask, word_weight)
    Xc, cols = _compact(X, idf)
    binary = len(classes) == 2
    ratio = nb_ratio(Xc, y) if nb and binary else None
    model = _model(C, class_weight).fit(Xc @ sp.diags(ratio) if ratio is not None else Xc, y)
    coef = model.coef_.T  # n_cols x (1 or n_classes)
    if ratio is not None:
        coef = coef * ratio[:, None]
    if len(model.classes_) != len(classes) and not binary:
        full = np.zeros((coef.shape[0], len(classes)))
        full[:, model.classes_] = coef
        bias = np.full(len(classes), -1e3)
        bias[model.classes_] = model.intercept_
        coef = full
    else:
        bias = model.intercept_.astype(np.float64)
    W = sp.csr_matrix(sp.coo_matrix(coef.astype(np.float32)))
    W = sp.csr_matrix((W.data, (cols[W.tocoo().row], W.tocoo().col)), shape=(N_FEATURES, coef.shape[1]))
    head = Head(name, classes, idf, W, np.asarray(bias, dtype=np.float64))
    if calibrate and len(set(y)) > 1:
        oof = out_of_fold_logits(X, y, C, min_df, class_weight, folds, nb=nb and binary,
                                 word_mask=word_mask, word_weight=word_weight)
        if binary:
            head.platt = _fit_platt(oof[:, 0], y)
            if tune_threshold:
                head.extra["threshold"] = f1_threshold(head.proba_from_logits(oof)[:, 1], y)
        else:
            head.temperature = _fit_temperature(oof, y)
    return head


def nb_ratio(Xc: sp.csr_matrix, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Naive-Bayes log-count ratio of each column for a binary target."""
    p = np.asarray(Xc[y == 1].sum(axis=0)).ravel() + alpha
    q = np.asarray(Xc[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((p / p.sum()) / (q / q.sum()))


def out_of_fold_logits(X: sp.csr_matrix, y: np.ndarray, C: float, min_df: int,
                       class_weight: str | None, folds: int = 5, nb: bool = False,
                       word_mask: np.ndarray | None = None, word_weight: float = 1.0) -> np.ndarray:
    """Logits of every row from a model that did not see it (k-fold), for calibration."""
    n_classes = int(y.max()) + 1
    width = 1 if n_classes == 2 else n_classes
    out = np.zeros((len(y), width))
    smallest = np.bincount(y).min()
    k = max(2, min(folds, int(smallest))) if smallest >= 2 else 2
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=SEED)
    for train, test in splitter.split(np.zeros(len(y)), y):
        idf = weighted_idf(X[train], min_df, word_mask, word_weight)
        Xtr, cols = _compact(X[train], idf)
        Xte = normalize(sp.csr_matrix(X[test][:, cols] @ sp.diags(idf[cols])), norm="l2")
        if nb:
            ratio = sp.diags(nb_ratio(Xtr, y[train]))
            Xtr, Xte = Xtr @ ratio, Xte @ ratio
        model = _model(C, class_weight).fit(Xtr, y[train])
        z = model.decision_function(Xte)
        if width == 1:
            out[test, 0] = z
        else:
            z = np.atleast_2d(z)
            full = np.full((len(test), n_classes), -1e3)
            full[:, model.classes_] = z if z.shape[1] == len(model.classes_) else z.T
            out[test] = full
    return out
