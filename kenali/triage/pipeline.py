"""Batch triage: normalise, featurise once, run every head, apply the policy. Stateless per batch.

A `Triage` holds only the loaded model; `classify` takes a list of texts (or an Arrow record
batch / array) and returns one decision per input in input order, so the same object can be
shipped to distributed workers and called on any partition.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .features import featurise, readable_names
from .model import ABUSE_MODEL, DEFAULT_MODEL, Bundle, Head, load_bundle
from .normalise import normalise_batch
from .policy import TOS_FOR_INTENT, decide, priority

# Reporting or hiding needs a confident model: below this calibrated probability a predicted
# perundungan/spam falls back to the best other intent (so doubtful criticism is only observed).
REPORT_MIN_PROBABILITY = 0.5
URGENT_THRESHOLD = 0.4  # recall matters more than precision for urgent comments
NOT_URGENT = frozenset({"spam", "apresiasi"})


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
        self.urgent_threshold = float(bundle.meta.get("urgent_threshold", URGENT_THRESHOLD))

    @classmethod
    def load(cls, path: Path | None = None, abuse_path: Path | None = None) -> Triage:
        """Load the shipped model (and the locally built abuse model when it exists)."""
        abuse_file = abuse_path or ABUSE_MODEL
        abuse = load_bundle(abuse_file) if abuse_file.is_file() else None
        return cls(load_bundle(path or DEFAULT_MODEL), abuse)

    def classify(self, batch: Any, ids: Sequence[Any] | None = None, explain: bool = True,
                 clusters: Sequence[str | None] | None = None) -> list[dict[str, Any]]:
        """One decision per input text, in input order."""
        texts, id_list = _texts_and_ids(batch, ids)
        if not texts:
            return []
        normalised = normalise_batch(texts)
        X, analysed = featurise(normalised)
        probs = {name: head.proba(X) for name, head in self.heads.items()}
        abuse = {name: head.proba(X)[:, 1] for name, head in self.abuse.heads.items()} if self.abuse else {}
        intent_head = self.heads["intent"]
        intent_classes = intent_head.classes
        out = []
        for i in range(len(texts)):
            p = probs["intent"][i]
            order = np.argsort(-p)
            choice = int(order[0])
            rules: list[str] = []
            if intent_classes[choice] in TOS_FOR_INTENT and p[choice] < self.report_min:
                fallback = next(int(j) for j in order if intent_classes[j] not in TOS_FOR_INTENT)
                rules.append(f"ragu_{intent_classes[choice]}->{intent_classes[fallback]}")
                choice = fallback
            intent = intent_classes[choice]
            urgent = False
            if "urgent" in probs and intent not in NOT_URGENT:
                urgent = bool(probs["urgent"][i, 1] >= self.urgent_threshold)
            tos = None
            if intent in TOS_FOR_INTENT and "tos" in probs:
                allowed = TOS_FOR_INTENT[intent]
                tos_classes = self.heads["tos"].classes
                scores = [(probs["tos"][i, k], c) for k, c in enumerate(tos_classes) if c in allowed]
                tos = max(scores)[1] if scores else allowed[0]
            cluster = clusters[i] if clusters is not None else None
            actions, rule = decide(intent, urgent, tos, in_cluster=cluster is not None)
            decision: dict[str, Any] = {
                "id": id_list[i] if id_list is not None else i,
                "intent": intent,
                "urgent": urgent,
                "tos_category": tos,
                "action": actions[0],
                "actions": actions,
                "priority": priority(urgent, actions[0]),
                "confidence": round(float(p[choice]), 4),
                "topic": self._label(probs, "topic", i),
                "sentiment": self._label(probs, "sentiment", i),
                "cluster": cluster,
                "model_version": self.version,
            }
            if abuse:
                decision["abuse"] = {k: round(float(v[i]), 4) for k, v in abuse.items()}
            if explain:
                decision["explanation"] = self._explain(analysed, i, choice, urgent, rules, rule)
            out.append(decision)
        return out

    def _label(self, probs: dict[str, np.ndarray], head: str, i: int) -> str | None:
        if head not in probs:
            return None
        return self.heads[head].classes[int(np.argmax(probs[head][i]))]

    def _explain(self, analysed: Any, i: int, choice: int, urgent: bool, rules: list[str],
                 policy_rule: str) -> dict[str, Any]:
        names = readable_names(analysed, i)
        explanation: dict[str, Any] = {
            "intent": self.heads["intent"].explain(names, choice),
            "cues": sorted({f"{cat}:{phrase}" for phrase, cat in analysed.cues[i]}),
            "rules": [*rules, f"kebijakan:{policy_rule}"],
        }
        if urgent and "urgent" in self.heads:
            explanation["urgent"] = self.heads["urgent"].explain(names, 0)
        return explanation


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
