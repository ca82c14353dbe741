"""Batch triage: normalise, featurise once, run every head, apply the policy. Stateless per batch.

A `Triage` holds only the loaded model; `classify` takes a list of texts (or an Arrow record
batch / array) and returns one decision per input in input order, so the same object can be
shipped to distributed workers and called on any partition.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .cluster import STOPWORDS
from .features import ColumnMap, featurise, top_readable
from .model import ABUSE_MODEL, Bundle, Head, active_model, load_bundle
from .normalise import normalise_batch
from .policy import CLUSTER_INTENTS, TOS_FOR_INTENT, decide, insult_in_office, priority

# Reporting or hiding needs a confident model: below this calibrated probability a predicted
# perundungan/spam falls back to the best other intent (so doubtful criticism is only observed).
REPORT_MIN_PROBABILITY = 0.5
URGENT_THRESHOLD = 0.4  # recall matters more than precision for urgent comments
NOT_URGENT = frozenset({"spam", "apresiasi"})


@lru_cache(maxsize=1024)
def _decide(intent: str, urgent: bool, tos: str | None, in_cluster: bool) -> tuple[tuple[str, ...], str]:
    """The policy's decision, cached: it depends only on these four few-valued inputs."""
    actions, rule = decide(intent, urgent, tos, in_cluster=in_cluster)
    return tuple(actions), rule


def _texts_and_ids(batch: Any, ids: Sequence[Any] | None) -> tuple[list[Any], list[Any] | None]:
    """Accept a list of str, an Arrow array, or an Arrow record batch / table with `text`."""
    names = getattr(batch, "column_names", None) or getattr(getattr(batch, "schema", None), "names", None)
    if names is not None and "text" in names:
        texts = batch.column("text").to_pylist()
        if ids is None and "id" in names:
            ids = batch.column("id").to_pylist()
        return texts, list(ids) if ids is not None else None
    if hasattr(batch, "to_pylist"):
        return batch.to_pylist(), list(ids) if ids is not None else None
    return list(batch), list(ids) if ids is not None else None


class Triage:
    """A loaded triage model; `classify` is a pure function of its input batch."""

    def __init__(self, bundle: Bundle, abuse: Bundle | None = None) -> None:
        self.bundle = bundle
        self.abuse = abuse
        self.heads: dict[str, Head] = bundle.heads
        self.version = str(bundle.meta.get("model_version", "?"))
        self.report_min = float(bundle.meta.get("report_min_probability", REPORT_MIN_PROBABILITY))
        self._stack_heads()
        urgent = bundle.heads.get("urgent")
        self.urgent_threshold = float(urgent.extra.get("threshold", URGENT_THRESHOLD)
                                      if urgent else URGENT_THRESHOLD)

    def _stack_heads(self) -> None:
        # Every head's idf-scaled weights side by side in one dense matrix, restricted to the
        # features some head uses (a column map drops the rest while featurising): a batch
        # needs a single small sparse-dense product for all heads, the abuse heads included.
        heads = self._stacked = self._all_heads()
        used = np.flatnonzero(np.logical_or.reduce([h.idf != 0 for h in heads]))
        self.columns = ColumnMap.of_used(used)
        self._spans: dict[str, tuple[int, int]] = {}
        start = 0
        for head in heads:
            self._spans[head.name] = (start, start + head.coef.shape[1])
            start += head.coef.shape[1]
        # One spare zero row: explanations look weights up by column and -1 lands on it.
        stack = np.zeros((len(used) + 1, start), dtype=np.float32)
        for head in heads:
            a, b = self._spans[head.name]
            scaled = sp.diags(head.idf[used]) @ head.coef[used]
            stack[:-1, a:b] = scaled.toarray()
        self._stack = stack
        self._idf2 = np.column_stack([head.idf[used].astype(np.float32) ** 2 for head in heads])

    def _all_heads(self) -> list[Head]:
        """The triage heads, then the abuse heads (their names must differ)."""
        abuse = list(self.abuse.heads.values()) if self.abuse else []
        names = [h.name for h in self.heads.values()]
        clash = [h.name for h in abuse if h.name in names]
        if clash:
            raise ValueError(f"abuse heads share names with triage heads: {clash}")
        return [*self.heads.values(), *abuse]

    def _probabilities(self, X: Any) -> dict[str, np.ndarray]:
        raw = np.asarray(X @ self._stack[:-1], dtype=np.float64)
        norms = np.sqrt(np.asarray(X.multiply(X) @ self._idf2, dtype=np.float64))
        norms[norms == 0] = 1.0
        out = {}
        for k, head in enumerate(self._stacked):
            a, b = self._spans[head.name]
            out[head.name] = head.proba_from_logits(raw[:, a:b] / norms[:, k:k + 1] + head.bias[None, :])
        return out

    def _weights(self, head: str, hashed: np.ndarray, column: np.ndarray | int) -> np.ndarray:
        """Weights of one head at hashed feature indices (0 for features no head uses)."""
        a, _ = self._spans[head]
        return self._stack[self.columns.index[hashed], a + column]

    @classmethod
    def load(cls, path: Path | None = None, abuse_path: Path | None = None) -> Triage:
        """Load the active model (the team's own, else the shipped one) and the locally built
        abuse model beside it when it exists."""
        model = path or active_model()
        abuse_file = abuse_path or (model.parent / ABUSE_MODEL.name)
        if abuse_path is None and not abuse_file.is_file():
            abuse_file = ABUSE_MODEL
        abuse = load_bundle(abuse_file) if abuse_file.is_file() else None
        return cls(load_bundle(model), abuse)

    def classify(self, batch: Any, ids: Sequence[Any] | None = None, explain: bool = True,
                 clusters: Sequence[str | None] | None = None) -> list[dict[str, Any]]:
        """One decision per input text, in input order."""
        texts, id_list = _texts_and_ids(batch, ids)
        if not texts:
            return []
        normalised = normalise_batch(texts)
        X, analysed = featurise(normalised, self.columns)
        probs = self._probabilities(X)
        abuse = {name: probs[name][:, 1] for name in self.abuse.heads} if self.abuse else {}
        intent_classes = self.heads["intent"].classes
        p_intent = probs["intent"]
        best = p_intent.argmax(axis=1)
        # Doubtful perundungan/spam falls back to the best other intent (vectorised).
        reportable = np.array([c in TOS_FOR_INTENT for c in intent_classes])
        other = np.where(reportable[None, :], -1.0, p_intent).argmax(axis=1)
        doubtful = reportable[best] & (p_intent[np.arange(len(best)), best] < self.report_min)
        choice = np.where(doubtful, other, best)
        confidence = p_intent[np.arange(len(choice)), choice]
        tos_pick = self._tos_choices(probs.get("tos"), len(texts))
        # Bullying of the institution's work is harsh criticism: observed, never reported. The
        # confidence is then that of the two together (the rule, not the model, chose between them).
        in_office = np.zeros(len(texts), dtype=bool)
        if "kritik" in intent_classes and "perundungan" in intent_classes:
            bully, critique = intent_classes.index("perundungan"), intent_classes.index("kritik")
            for i in np.flatnonzero(choice == bully).tolist():
                if tos_pick["perundungan"][i] == "bullying_harassment" and insult_in_office(analysed.words[i]):
                    in_office[i] = True
                    confidence[i] = p_intent[i, bully] + p_intent[i, critique]
                    choice[i] = critique
        urgent_p = probs["urgent"][:, 1] if "urgent" in probs else np.zeros(len(texts))
        topics = self._labels(probs, "topic", len(texts))
        sentiments = self._labels(probs, "sentiment", len(texts))
        why_intent: list[list[str]] = []
        why_urgent: list[list[str]] = []
        if explain:
            cols, docs = analysed.readable_col, analysed.readable_doc
            why_intent = top_readable(analysed, self._weights("intent", cols, choice[docs]),
                                      len(texts), skip=STOPWORDS)
            if "urgent" in self.heads:
                why_urgent = top_readable(analysed, self._weights("urgent", cols, 0), len(texts),
                                          skip=STOPWORDS,
                                          only=urgent_p >= self.urgent_threshold)
        out = []
        for i in range(len(texts)):
            k = int(choice[i])
            intent = intent_classes[k]
            rules = [f"ragu_{intent_classes[best[i]]}->{intent}"] if doubtful[i] else []
            if in_office[i]:
                rules.append("hinaan_pada_kinerja->kritik")
            urgent = bool(urgent_p[i] >= self.urgent_threshold) and intent not in NOT_URGENT
            tos = tos_pick[intent][i] if intent in TOS_FOR_INTENT else None
            cluster = clusters[i] if clusters is not None else None
            decided, rule = _decide(intent, urgent, tos, cluster is not None)
            actions = list(decided)
            decision: dict[str, Any] = {
                "id": id_list[i] if id_list is not None else i,
                "intent": intent,
                "urgent": urgent,
                "tos_category": tos,
                "action": actions[0],
                "actions": actions,
                "priority": priority(urgent, actions[0]),
                "confidence": round(float(confidence[i]), 4),
                "topic": topics[i],
                "sentiment": sentiments[i],
                "cluster": cluster,
                "model_version": self.version,
            }
            if abuse:
                decision["abuse"] = {name: round(float(v[i]), 4) for name, v in abuse.items()}
            if explain:
                decision["explanation"] = {
                    "intent": why_intent[i],
                    "cues": sorted({f"{cat}:{phrase}" for phrase, cat in analysed.cues[i]}),
                    "rules": [*rules, f"kebijakan:{rule}"],
                }
                if urgent and why_urgent:
                    decision["explanation"]["urgent"] = why_urgent[i]
            out.append(decision)
        return out

    def _tos_choices(self, p_tos: np.ndarray | None, n: int) -> dict[str, list[str]]:
        """Best ToS category per row within the categories each reportable intent allows."""
        picks: dict[str, list[str]] = {}
        classes = self.heads["tos"].classes if "tos" in self.heads else []
        for intent, allowed in TOS_FOR_INTENT.items():
            columns = [k for k, c in enumerate(classes) if c in allowed]
            if p_tos is None or not columns:
                picks[intent] = [allowed[0]] * n
                continue
            best = p_tos[:, columns].argmax(axis=1)
            picks[intent] = [classes[columns[j]] for j in best]
        return picks

    def _labels(self, probs: dict[str, np.ndarray], head: str, n: int) -> list[str | None]:
        if head not in probs:
            return [None] * n
        classes = self.heads[head].classes
        return [classes[j] for j in probs[head].argmax(axis=1)]

def apply_clusters(decisions: list[dict[str, Any]], keys: Sequence[str],
                   membership: dict[str, str]) -> int:
    """Mark members of recurring clusters and re-decide their actions; return how many changed."""
    changed = 0
    for decision, key in zip(decisions, keys, strict=True):
        cluster = membership.get(key)
        if cluster is None or decision["intent"] not in CLUSTER_INTENTS:
            continue
        actions, rule = decide(decision["intent"], decision["urgent"], decision["tos_category"],
                               in_cluster=True)
        decision.update(cluster=cluster, action=actions[0], actions=actions,
                        priority=priority(decision["urgent"], actions[0]))
        explanation = decision.get("explanation")
        if explanation is not None:
            explanation["rules"] = [r for r in explanation["rules"]
                                    if not r.startswith("kebijakan:")] + [f"kebijakan:{rule}"]
        changed += 1
    return changed


def cluster_candidates(decisions: Sequence[dict[str, Any]]) -> list[int]:
    """Positions of decisions whose intent can recur as one issue (questions, complaints, criticism)."""
    return [i for i, d in enumerate(decisions) if d["intent"] in CLUSTER_INTENTS]


@cache
def default_triage() -> Triage:
    """The shipped model, loaded once per process (workers call this lazily)."""
    return Triage.load()


def classify(batch: Any, ids: Sequence[Any] | None = None, explain: bool = True) -> list[dict[str, Any]]:
    """Triage a batch with the shipped model."""
    return default_triage().classify(batch, ids=ids, explain=explain)


def to_record_batch(decisions: list[dict[str, Any]]) -> Any:
    """Decisions as an Arrow record batch (explanations as JSON text)."""
    import json

    import pyarrow as pa

    columns = ["id", "intent", "urgent", "tos_category", "action", "confidence", "topic", "cluster"]
    data = {c: [d.get(c) for d in decisions] for c in columns}
    data["id"] = [None if v is None else str(v) for v in data["id"]]
    data["explanation"] = [json.dumps(d.get("explanation"), ensure_ascii=False) for d in decisions]
    return pa.RecordBatch.from_pydict(data)
