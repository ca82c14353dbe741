"""Recurring-issue clusters: the same question or complaint repeated on one account in a window.

Method (documented thresholds): comments are normalised, turned into TF-IDF word vectors
(function words dropped), and linked when their cosine similarity is at least SIMILARITY and they
were posted on the same account at most WINDOW apart; linked groups (connected components) are
clusters. A cluster counts as recurring, and its members get `buat_postingan`, when it has at
least MIN_SIZE comments and at least MIN_PER_DAY comments per day over its span. Clusters are
named by their three heaviest keywords.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from .normalise import normalise_batch

SIMILARITY = 0.5
WINDOW = timedelta(days=7)
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


def _components(X: sp.csr_matrix, times: list[float | None]) -> np.ndarray:
    n = X.shape[0]
    rows, cols = [], []
    window = WINDOW.total_seconds()
    for start in range(0, n, BLOCK):
        sims = (X[start:start + BLOCK] @ X.T).tocoo()
        keep = sims.data >= SIMILARITY
        r, c = sims.row[keep] + start, sims.col[keep]
        for i, j in zip(r.tolist(), c.tolist(), strict=True):
            ti, tj = times[i], times[j]
            if i != j and (ti is None or tj is None or abs(ti - tj) <= window):
                rows.append(i)
                cols.append(j)
    graph = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def find_clusters(comments: Sequence[Comment]) -> tuple[list[Cluster], dict[str, str]]:
    """Recurring clusters among the comments, and each member's cluster id."""
    by_account: dict[Any, list[int]] = {}
    for i, c in enumerate(comments):
        by_account.setdefault(c.account, []).append(i)
    normalised = normalise_batch([c.text for c in comments])
    clusters: list[Cluster] = []
    membership: dict[str, str] = {}
    for account, idx in by_account.items():
        if len(idx) < MIN_SIZE:
            continue
        docs = [" ".join(_light_stem(w) for w in normalised[i].split() if w not in STOPWORDS)
                for i in idx]
        if not any(docs):
            continue
        vectoriser = TfidfVectorizer(token_pattern=r"\S\S+", sublinear_tf=True)
        try:
            X = vectoriser.fit_transform(docs)
        except ValueError:  # nothing but stop words
            continue
        vocab = np.array(vectoriser.get_feature_names_out())
        labels = _components(X, [_timestamp(comments[i].created_at) for i in idx])
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
