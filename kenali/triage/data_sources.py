"""Readers for the training data: the project's labelled set and the public datasets in ../shared."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import KenaliError

LABELLED_DIR = Path(__file__).resolve().parent / "data" / "labelled"
SHARED_DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
LABELLED_COLUMNS = ("id", "text", "intent", "urgent", "tos_category", "topic", "agency",
                    "hard_case", "split")
TRUE = frozenset({"1", "true", "yes", "ya", "y", "t", "benar"})


@dataclass
class Labelled:
    """One labelled government-account comment."""

    id: str
    text: str
    intent: str
    urgent: bool
    tos_category: str | None
    topic: str | None
    agency: str | None
    hard_case: str | None
    split: str


def labelled_files(folder: Path = LABELLED_DIR) -> list[Path]:
    """The labelled CSV files present now (the set grows; every file with the header counts)."""
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def load_labelled(folder: Path = LABELLED_DIR) -> list[Labelled]:
    """Every labelled row from the CSV files in `folder`; rows without text or intent are skipped."""
    rows: list[Labelled] = []
    seen: set[str] = set()
    for path in labelled_files(folder):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"text", "intent"} <= set(reader.fieldnames):
                continue
            for number, row in enumerate(reader, start=2):
                text = (row.get("text") or "").strip()
                intent = (row.get("intent") or "").strip()
                key = (row.get("id") or f"{path.name}:{number}").strip()
                if not text or not intent or key in seen:
                    continue
                seen.add(key)
                rows.append(Labelled(
                    id=key, text=text, intent=intent,
                    urgent=(row.get("urgent") or "").strip().lower() in TRUE,
                    tos_category=(row.get("tos_category") or "").strip() or None,
                    topic=(row.get("topic") or "").strip() or None,
                    agency=(row.get("agency") or "").strip() or None,
                    hard_case=_hard_case(row.get("hard_case")),
                    split=(row.get("split") or "train").strip().lower() or "train"))
    return rows


def _hard_case(value: str | None) -> str | None:
    """The hard-case kind ("urgent_implicit", "sarcasm", ...); None for ordinary rows."""
    text = (value or "").strip()
    return None if text.lower() in ("", "0", "false", "no", "tidak") else text


def datasets_dir(path: Path | None = None) -> Path:
    """The public datasets folder, or a clear error when it is absent."""
    folder = path or Path(os.environ.get("KENALI_DATASETS") or SHARED_DATASETS)
    if not folder.is_dir():
        raise KenaliError("triage.datasets_missing", path=folder)
    return folder


_IBROHIM_TOKENS = re.compile(r"\b(?:USER|URL|RT)\b")


def _ibrohim_clean(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return {"USER": "@user", "URL": "http://url.com", "RT": " "}[m.group(0)]

    return _IBROHIM_TOKENS.sub(repl, text.replace("\\n", " "))


def load_ibrohim2019(folder: Path) -> tuple[list[str], list[int], list[int]]:
    """Ibrohim & Budi 2019 tweets with their HS and Abusive labels (CC BY-NC-SA 4.0)."""
    path = folder / "ibrohim2019_hate_abusive" / "re_dataset.csv"
    texts, hs, abusive = [], [], []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            texts.append(_ibrohim_clean(row["Tweet"]))
            hs.append(int(row["HS"]))
            abusive.append(int(row["Abusive"]))
    return texts, hs, abusive


def load_smsa(folder: Path, split: str) -> tuple[list[str], list[str]]:
    """IndoNLU SmSA sentences and labels of one split (train, valid, test)."""
    path = folder / "indonlu_smsa" / f"{split}_preprocess.tsv"
    texts, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label:
                texts.append(text)
                labels.append(label)
    return texts, labels
