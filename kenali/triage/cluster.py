"""Recurring-issue clusters: the same question or complaint repeated on one account in a window.

Method (documented thresholds): the comments given (word weights from all of an account's
comments; only pertanyaan, keluhan_layanan and kritik are clustered) are normalised and turned
into TF-IDF word vectors per account (function words dropped, clitics -nya/-kah/-lah stripped).
In time order, each comment joins the most similar active cluster leader when their cosine
similarity is at least SIMILARITY, else it starts a cluster and leads it; a leader stays active
while its cluster received a comment within WINDOW and for at most MAX_SPAN after its own
comment (an issue that lasts longer shows as one cluster per month, which is also the span a
clarification post answers). Only comments within MAX_SPAN of each other are ever compared, so
the work grows linearly with the number of comments at a given rate, not with all pairs. Leader
clustering does not chain: every member resembles its leader. A cluster counts as recurring, and
its members get `buat_postingan`, when it has at least MIN_SIZE comments and at least
MIN_PER_DAY comments per day over its span (span counted as at least one day). Clusters are
named by their three heaviest keywords.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import scipy.sparse as sp

from .normalise import normalise_batch

SIMILARITY = 0.5
WINDOW = timedelta(days=7)
MAX_SPAN = timedelta(days=30)
MIN_SIZE = 5
MIN_PER_DAY = 1.0
BLOCK = 2000
STOPWORDS = frozenset("""
yang di ke dari dan atau ini itu saja sudah belum tidak ada dengan untuk pada juga karena tapi
jadi kalau kamu saya kami kita mereka dia admin bapak ibu kakak mohon tolong apa bagaimana kapan
dimana berapa kenapa mengapa sih dong deh ya iya lagi masih akan bisa mau sama seperti banget
sangat lebih kurang terus begitu begini nya pun lah kah oke nih tuh the emo_tertawa mention_pengguna
url_tautan ? !
""".split())


_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,300}>")


@dataclass
class Comment:
    """What clustering needs of a comment."""

    key: str
    text: str
    account: Any = None
    created_at: datetime | None = None


@dataclass
class Cluster:
    """A recurring issue: its members, keywords and velocity."""

    cluster_id: str
    account_id: Any
    label: str
    keywords: list[str]
    size: int
    first_at: datetime | None
    last_at: datetime | None
    per_day: float | None
    members: list[str]


def _light_stem(word: str) -> str:
    """Drop the clitics -nya/-kah/-lah so "cairnya" and "cair" meet."""
    for suffix in ("nya", "kah", "lah"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


def _timestamp(value: datetime | None) -> float | None:
    if value is None:
        return None
    return value.timestamp() if value.tzinfo else value.replace(tzinfo=None).timestamp()


def _leaders(X: sp.csr_matrix, times: list[float | None]) -> np.ndarray:
    """Leader of each row: the most similar active leader seen before it, or itself.

    Rows are taken in time order and a block of rows is compared only with the rows of the
    MAX_SPAN before it (no leader older than that can take members), so the work grows with the
    number of comments times the comments of one window, not with all pairs. Rows without a
    time come last and are compared with every row before them."""
    n = X.shape[0]
    stamp = np.array([np.nan if t is None else t for t in times], dtype=np.float64)
    order = np.argsort(np.where(np.isnan(stamp), np.inf, stamp), kind="stable")
    Xs, ts = sp.csr_matrix(X[order]), stamp[order]
    sortable = np.where(np.isnan(ts), np.inf, ts)
    leader = np.full(n, -1, dtype=np.int64)       # in sorted positions
    is_leader = np.zeros(n, dtype=bool)
    first, last = np.full(n, np.nan), np.full(n, np.nan)
    window, span = WINDOW.total_seconds(), MAX_SPAN.total_seconds()
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        lo = 0 if np.isnan(ts[start]) else int(np.searchsorted(sortable, ts[start] - span, "left"))
        sims = sp.csr_matrix(Xs[start:stop] @ Xs[lo:stop].T)
        sims.data[sims.data < SIMILARITY] = 0.0
        sims.eliminate_zeros()
        for k in range(start, stop):
            a, b = sims.indptr[k - start], sims.indptr[k - start + 1]
            near, score = sims.indices[a:b] + lo, sims.data[a:b]
            ok = is_leader[near]
            t = ts[k]
            if not np.isnan(t):
                ok &= np.isnan(last[near]) | (t - last[near] <= window)
                ok &= np.isnan(first[near]) | (t - first[near] <= span)
            if ok.any():
                j = int(near[ok][np.argmax(score[ok])])
                leader[k] = j
                if not np.isnan(t):
                    last[j] = t if np.isnan(last[j]) else max(last[j], t)
            else:
                leader[k], is_leader[k], first[k], last[k] = k, True, t, t
    out = np.empty(n, dtype=np.int64)
    out[order] = order[leader]
    return out


def find_clusters(comments: Sequence[Comment],
                  candidates: Collection[str] | None = None) -> tuple[list[Cluster], dict[str, str]]:
    """Recurring clusters among the comments, and each member's cluster id.

    Word weights (IDF) are estimated on every comment of an account; only the comments whose
    key is in `candidates` (all when None) are clustered."""
    # Imported here: a worker that only classifies never loads scikit-learn (0.7 s, 100 MB).
    from sklearn.feature_extraction.text import TfidfVectorizer

    by_account: dict[Any, list[int]] = {}
    for i, c in enumerate(comments):
        by_account.setdefault(c.account, []).append(i)
    # Markup (HTML tags) is not what an issue is about; it is dropped before comparing.
    normalised = normalise_batch([_MARKUP.sub(" ", c.text or "") for c in comments])
    wanted = set(candidates) if candidates is not None else None
    clusters: list[Cluster] = []
    membership: dict[str, str] = {}
    for account, every in by_account.items():
        idx = [i for i in every if wanted is None or comments[i].key in wanted]
        if len(idx) < MIN_SIZE:
            continue
        docs = [" ".join(_light_stem(w) for w in normalised[i].split()
                         if w not in STOPWORDS and len(w) > 2 and not w.isdigit())
                for i in every]
        vectoriser = TfidfVectorizer(token_pattern=r"\S\S+", sublinear_tf=True)
        try:
            X_all = vectoriser.fit_transform(docs)
        except ValueError:  # nothing but stop words
            continue
        position = {i: k for k, i in enumerate(every)}
        X = X_all[[position[i] for i in idx]]
        vocab = np.array(vectoriser.get_feature_names_out())
        labels = _leaders(X, [_timestamp(comments[i].created_at) for i in idx])
        for label in np.unique(labels):
            local = np.flatnonzero(labels == label)
            if len(local) < MIN_SIZE:
                continue
            stamps = [s for s in (comments[idx[k]].created_at for k in local) if s is not None]
            first, last = (min(stamps), max(stamps)) if stamps else (None, None)
            days = max((last - first).total_seconds() / 86400, 1.0) if first and last else None
            per_day = len(local) / days if days else None
            if per_day is not None and per_day < MIN_PER_DAY:
                continue
            weights = np.asarray(X[local].sum(axis=0)).ravel()
            keywords = [str(w) for w in vocab[np.argsort(-weights)[:3]]]
            members = sorted(comments[idx[k]].key for k in local)
            digest = hashlib.sha1("\n".join(members).encode()).hexdigest()[:10]
            cluster = Cluster(f"k{digest}", account, " ".join(keywords), keywords, len(local),
                              first, last, round(per_day, 3) if per_day else None, members)
            clusters.append(cluster)
            membership.update({m: cluster.cluster_id for m in members})
    return clusters, membership
