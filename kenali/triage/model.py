"""Linear heads over the shared hashed space, saved as plain numpy arrays (no pickle)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..errors import KenaliError
from .features import (
    N_FEATURES,
    hash_fingerprint,
)

FORMAT_VERSION = 1
MODELS_DIR = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL = MODELS_DIR / "triage.npz"
ABUSE_MODEL = MODELS_DIR / "abuse_ibrohim2019.npz"  # CC BY-NC-SA 4.0: built locally, not shipped


def installed_model() -> Path:
    """Where `kenali latih` puts this installation's own model: KENALI_MODEL, else triage.npz
    in the user's data directory (beside the store), never inside the installed package."""
    env = os.environ.get("KENALI_MODEL")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kenali" / "models" / "triage.npz"


def active_model() -> Path:
    """The model triage loads: the installation's own when the team has trained one, else the
    model shipped with kenali."""
    own = installed_model()
    return own if own.is_file() else DEFAULT_MODEL


@dataclass
class Head:
    """One calibrated linear classifier: idf weights, coefficients, bias and a temperature."""

    name: str
    classes: list[str]
    idf: np.ndarray            # float32 of N_FEATURES entries; 0 for features unseen in training
    coef: sp.csr_matrix        # N_FEATURES x n_columns (1 column for a binary head)
    bias: np.ndarray           # n_columns
    temperature: float = 1.0   # multiclass: softmax(logits / T); binary: sigmoid(a * z + b)
    platt: tuple[float, float] = (1.0, 0.0)
    extra: dict[str, Any] = field(default_factory=dict)
    _scaled: np.ndarray | None = None
    _idf2: np.ndarray | None = None

    @property
    def binary(self) -> bool:
        """Whether this head has one logit column (two classes)."""
        return self.coef.shape[1] == 1

    def _prepare(self) -> tuple[np.ndarray, np.ndarray]:
        # Dense idf-scaled weights (N_FEATURES x columns, float32: 4 MiB a column): a sparse batch
        # times a dense matrix is the fastest product scipy has. (A loaded Triage stacks its heads
        # in its own smaller matrix; this is for scoring one head alone, as evaluation does.)
        if self._scaled is None or self._idf2 is None:
            scaled = sp.diags(self.idf) @ self.coef
            self._scaled = np.ascontiguousarray(scaled.toarray(), dtype=np.float32)
            self._idf2 = self.idf.astype(np.float32) ** 2
        return self._scaled, self._idf2

    def logits(self, X: sp.csr_matrix) -> np.ndarray:
        """Raw linear scores of a batch of hashed rows (TF-IDF rows, L2-normalised)."""
        scaled, idf2 = self._prepare()
        norm = np.sqrt(X.multiply(X) @ idf2).astype(np.float64)
        norm[norm == 0] = 1.0
        raw = np.asarray(X @ scaled, dtype=np.float64)
        return raw / norm[:, None] + self.bias[None, :]

    def proba(self, X: sp.csr_matrix) -> np.ndarray:
        """Calibrated class probabilities, one row per input, columns in `classes` order."""
        return self.proba_from_logits(self.logits(X))

    def proba_from_logits(self, z: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from raw logits (see `proba`)."""
        if self.binary:
            a, b = self.platt
            p = 1.0 / (1.0 + np.exp(-(a * z[:, 0] + b)))
            return np.column_stack([1.0 - p, p])
        z = z / self.temperature
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays this head is saved as."""
        nz = np.flatnonzero(self.idf)
        coef = self.coef.tocoo()
        return {"idf_index": nz.astype(np.int32), "idf_value": self.idf[nz].astype(np.float32),
                "coef_row": coef.row.astype(np.int32), "coef_col": coef.col.astype(np.int16),
                "coef_value": coef.data.astype(np.float32), "bias": self.bias.astype(np.float64)}

    def meta(self) -> dict[str, Any]:
        """What this head is saved with besides arrays."""
        return {"classes": self.classes, "columns": int(self.coef.shape[1]),
                "temperature": self.temperature, "platt": list(self.platt), "extra": self.extra}

    @classmethod
    def from_arrays(cls, name: str, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Head:
        """Rebuild a head from its saved arrays and metadata."""
        idf = np.zeros(N_FEATURES, dtype=np.float32)
        idf[arrays["idf_index"]] = arrays["idf_value"]
        coef = sp.csr_matrix((arrays["coef_value"], (arrays["coef_row"], arrays["coef_col"])),
                             shape=(N_FEATURES, meta["columns"]), dtype=np.float32)
        return cls(name, list(meta["classes"]), idf, coef, arrays["bias"],
                   float(meta["temperature"]), (float(meta["platt"][0]), float(meta["platt"][1])),
                   dict(meta.get("extra", {})))


@dataclass
class Bundle:
    """A set of heads saved together in one file, with the metadata of how they were made."""

    heads: dict[str, Head]
    meta: dict[str, Any]

    def save(self, path: Path) -> None:
        """Write the bundle as one compressed .npz of plain arrays plus a JSON header."""
        meta = dict(self.meta, format_version=FORMAT_VERSION, n_features=N_FEATURES,
                    hash_fingerprint=hash_fingerprint(),
                    heads={name: head.meta() for name, head in self.heads.items()})
        arrays = {"meta_json": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), np.uint8)}
        for name, head in self.heads.items():
            arrays.update({f"{name}/{key}": value for key, value in head.arrays().items()})
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
        tmp.replace(path)


def load_bundle(path: Path) -> Bundle:
    """Load a saved bundle; a clear KenaliError if it is missing or made by an incompatible kenali."""
    if not path.is_file():
        raise KenaliError("triage.model_missing", path=path)
    try:
        data = np.load(path, allow_pickle=False)
        meta = json.loads(bytes(data["meta_json"]).decode())
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, io.UnsupportedOperation) as exc:
        raise KenaliError("triage.model_unreadable", path=path, reason=exc) from exc
    if meta.get("format_version") != FORMAT_VERSION or meta.get("n_features") != N_FEATURES:
        raise KenaliError("triage.model_incompatible", path=path,
                          found=meta.get("format_version"), expected=FORMAT_VERSION)
    if meta.get("hash_fingerprint") != hash_fingerprint():
        raise KenaliError("triage.model_hash", path=path, sklearn=meta.get("sklearn_version"))
    heads = {}
    for name, head_meta in meta["heads"].items():
        arrays = {key.split("/", 1)[1]: data[key] for key in data.files if key.startswith(f"{name}/")}
        heads[name] = Head.from_arrays(name, head_meta, arrays)
    return Bundle(heads, meta)
