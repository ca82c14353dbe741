"""Stateless features: words, word bigrams, cues and character 2-5-grams, hashed into one space.

Character n-grams are hashed for a whole batch at once with numpy (a polynomial hash over the
code points of the concatenated batch), so a comment costs a few microseconds; words and cues
go through a cached CRC32. The hash is defined here, not borrowed, so a model file stays valid
whatever numpy or scikit-learn version reads it.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .normalise import cues

N_BITS = 20
N_FEATURES = 1 << N_BITS
CHAR_NGRAMS = (2, 3, 4, 5)
WORD_PREFIX = "w:"
CUE_PREFIX = "cue:"
LEX_PREFIX = "lex:"
_BASE = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - N_BITS)
_SALT_WORD = np.uint64(0x51ED27)
_SALT_BIGRAM = np.uint64(0xB16A4A)
_SALT_CUE = np.uint64(0xC0E5)
_SALT_CHAR = {n: np.uint64(0xC4A0 + n) for n in CHAR_NGRAMS}
_SEP = "\n"
_crc_cache: dict[str, int] = {}


def _crc(text: str) -> int:
    value = _crc_cache.get(text)
    if value is None:
        if len(_crc_cache) > 500_000:  # bounded: a worker must not grow without limit
            _crc_cache.clear()
        value = _crc_cache[text] = zlib.crc32(text.encode("utf-8"))
    return value


def _crcs(texts: list[str]) -> list[int]:
    """CRC32 of many strings, through the cache (a dict lookup each, hashing only the new)."""
    get = _crc_cache.get
    values = [get(t) for t in texts]
    if None in values:
        values = [_crc(t) if v is None else v for t, v in zip(texts, values, strict=True)]
    return values  # type: ignore[return-value]


def _index(hashes: np.ndarray, salt: np.uint64) -> np.ndarray:
    with np.errstate(over="ignore"):
        return (((hashes ^ salt) * _MIX) >> _SHIFT).astype(np.int64)


@dataclass
class Analysed:
    """What a batch was made of, kept for explanations: the words and cues of each text, and
    the readable features (words, bigrams, cues) as flat arrays of document and hashed column.

    Readable feature k is, in this order, every word of the batch, then the bigrams (bigram j
    joins words bigram_first[j] and bigram_first[j] + 1), then the cue names; `name(k)` spells
    one out, so names are only built for the features an explanation shows."""

    words: list[list[str]]
    cues: list[list[tuple[str, str]]]
    readable_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    readable_col: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    flat_words: list[str] = field(default_factory=list)
    bigram_first: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    cue_names: list[str] = field(default_factory=list)

    def name(self, k: int) -> str:
        """Readable name of feature k: a word, "word word", aturan:<category> or leksikon:<phrase>."""
        n_words = len(self.flat_words)
        if k < n_words:
            return self.flat_words[k]
        k -= n_words
        if k < len(self.bigram_first):
            j = int(self.bigram_first[k])
            return f"{self.flat_words[j]} {self.flat_words[j + 1]}"
        cue = self.cue_names[k - len(self.bigram_first)]
        if cue.startswith(CUE_PREFIX):
            return "aturan:" + cue[len(CUE_PREFIX):]
        return "leksikon:" + cue[len(LEX_PREFIX):]


@dataclass(frozen=True)
class ColumnMap:
    """Hashed feature -> column of a model's own smaller space (-1: a feature no head uses)."""

    index: np.ndarray  # N_FEATURES int32
    width: int

    @classmethod
    def of_used(cls, used: np.ndarray) -> ColumnMap:
        """The map that keeps exactly the hashed features in `used` (sorted indices)."""
        index = np.full(N_FEATURES, -1, dtype=np.int32)
        index[used] = np.arange(len(used), dtype=np.int32)
        return cls(index, len(used))


def featurise(normalised: Sequence[str],
              columns: ColumnMap | None = None) -> tuple[sp.csr_matrix, Analysed]:
    """Hashed sublinear (1 + log tf) feature counts of a batch of normalised texts.

    `columns` maps the hashed features to a loaded model's own smaller space and drops those no
    head uses, so the matrix and its product with the weights are smaller; the readable features
    kept for explanations stay in the hashed space."""
    n_docs = len(normalised)
    n_columns = N_FEATURES if columns is None else columns.width
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    if n_docs == 0:
        return sp.csr_matrix((0, n_columns), dtype=np.float32), Analysed([], [])
    # Character n-grams over " text " of every document, joined by a separator.
    padded = [f" {t} " for t in normalised]
    joined = _SEP.join(padded)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(p) + 1 for p in padded), dtype=np.int64, count=n_docs)
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)[: len(codes)]
    is_sep = np.concatenate([[0], np.cumsum(codes == ord(_SEP))])
    with np.errstate(over="ignore"):
        for n in CHAR_NGRAMS:
            if len(codes) < n:
                continue
            width = len(codes) - n + 1
            h = codes[:width].copy()
            for k in range(1, n):
                h = h * _BASE + codes[k:k + width]
            valid = (is_sep[n:n + width] - is_sep[:width]) == 0
            rows.append(doc_of[:width][valid])
            cols.append(_index(h[valid], _SALT_CHAR[n]))
    # Words, word bigrams and cues.
    words = [t.split() for t in normalised]
    found = [cues(t) for t in normalised]
    counts = np.fromiter((len(w) for w in words), dtype=np.int64, count=n_docs)
    flat = [w for ws in words for w in ws]
    readable_doc: list[np.ndarray] = []
    readable_col: list[np.ndarray] = []
    bigram_first = np.zeros(0, np.int64)
    if flat:
        wh = np.array(_crcs(flat), dtype=np.uint64)
        wdoc = np.repeat(np.arange(n_docs, dtype=np.int64), counts)
        same = wdoc[1:] == wdoc[:-1]
        with np.errstate(over="ignore"):
            bigram = wh[:-1] * _BASE + wh[1:]
        word_cols = _index(wh, _SALT_WORD)
        bigram_cols = _index(bigram[same], _SALT_BIGRAM)
        readable_doc += [wdoc, wdoc[1:][same]]
        readable_col += [word_cols, bigram_cols]
        bigram_first = np.flatnonzero(same)
    cue_docs: list[int] = []
    cue_names: list[str] = []
    for i, fs in enumerate(found):
        for phrase, category in fs:
            cue_docs += (i, i)
            cue_names += (CUE_PREFIX + category, LEX_PREFIX + phrase)
    if cue_names:
        readable_doc.append(np.array(cue_docs, dtype=np.int64))
        readable_col.append(_index(np.array(_crcs(cue_names), dtype=np.uint64), _SALT_CUE))
    rows += readable_doc
    cols += readable_col
    r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    if columns is not None:
        c = columns.index[c]
        kept = c >= 0
        r, c = r[kept], c[kept]
    matrix = sp.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n_docs, n_columns))
    matrix.sum_duplicates()
    matrix.data = (1.0 + np.log(matrix.data)).astype(np.float32)
    analysed = Analysed(words, found,
                        np.concatenate(readable_doc) if readable_doc else np.zeros(0, np.int64),
                        np.concatenate(readable_col) if readable_col else np.zeros(0, np.int64),
                        flat, bigram_first, cue_names)
    return matrix, analysed


def top_readable(analysed: Analysed, weights: np.ndarray, n_docs: int, top: int = 4,
                 skip: frozenset[str] = frozenset(),
                 only: np.ndarray | None = None) -> list[list[str]]:
    """Per document, the readable features with the largest positive weight, strongest first.

    `weights` gives one weight per readable feature (aligned with `analysed.readable_col`);
    words and bigrams made only of `skip` words (function words) are not shown; `only` (a
    boolean per document) limits the work to the documents that need an explanation."""
    out: list[list[str]] = [[] for _ in range(n_docs)]
    if not len(weights):
        return out
    docs = analysed.readable_doc
    keep = weights > 0
    if only is not None:
        keep &= only[docs]
    if skip and analysed.flat_words:
        n_words = len(analysed.flat_words)
        stop = np.array([w in skip for w in analysed.flat_words], dtype=bool)
        first = analysed.bigram_first
        keep[:n_words] &= ~stop
        keep[n_words:n_words + len(first)] &= ~(stop[first] & stop[first + 1])
    candidates = np.flatnonzero(keep)
    # A feature named twice in a document (a repeated word) is shown once: keep its first place.
    key = docs[candidates] * np.int64(N_FEATURES) + analysed.readable_col[candidates]
    _, first_seen = np.unique(key, return_index=True)
    candidates = candidates[first_seen]
    # Strongest first within each document; ties keep the order the features appeared in.
    candidates = candidates[np.lexsort((candidates, -weights[candidates], docs[candidates]))]
    picked_docs = docs[candidates]
    rank = np.arange(len(candidates)) - np.searchsorted(picked_docs, picked_docs)
    for k, doc in zip(candidates[rank < top].tolist(), picked_docs[rank < top].tolist(), strict=True):
        out[doc].append(analysed.name(k))
    return out


def readable_names(analysed: Analysed, i: int) -> list[str]:
    """Readable feature names of document i (words, bigrams, cue categories, lexicon entries)."""
    ws = analysed.words[i]
    names = [WORD_PREFIX + w for w in ws]
    names += [f"{WORD_PREFIX}{a} {b}" for a, b in zip(ws, ws[1:], strict=False)]
    for phrase, category in analysed.cues[i]:
        names += [CUE_PREFIX + category, LEX_PREFIX + phrase]
    return names


_MASK = (1 << 64) - 1
_index_cache: dict[str, int] = {}


def _py_index(value: int, salt: np.uint64) -> int:
    return (((value ^ int(salt)) * int(_MIX)) & _MASK) >> int(_SHIFT)


def feature_index(name: str) -> int:
    """Index of one named feature in the hashed space, exactly as `featurise` computes it."""
    found = _index_cache.get(name)
    if found is not None:
        return found
    if name.startswith(WORD_PREFIX):
        parts = name[len(WORD_PREFIX):].split(" ")
        if len(parts) == 2:
            pair = (_crc(parts[0]) * int(_BASE) + _crc(parts[1])) & _MASK
            index = _py_index(pair, _SALT_BIGRAM)
        else:
            index = _py_index(_crc(parts[0]), _SALT_WORD)
    elif name.startswith((CUE_PREFIX, LEX_PREFIX)):
        index = _py_index(_crc(name), _SALT_CUE)
    else:
        value = 0
        for ch in name:
            value = (value * int(_BASE) + ord(ch)) & _MASK
        index = _py_index(value, _SALT_CHAR[len(name)])
    if len(_index_cache) > 500_000:
        _index_cache.clear()
    _index_cache[name] = index
    return index


def hash_fingerprint() -> list[int]:
    """Indices of fixed probe names: a model built with another hash refuses to load."""
    return [feature_index(n) for n in ("w:jalan", "w:jalan rusak", "lex:banjir", " sl", "gacor")]
