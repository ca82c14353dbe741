"""Retraining end to end on a small labelled folder (no public datasets), and team corrections."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kenali.triage.model import load_bundle
from kenali.triage.pipeline import Triage
from kenali.triage.store import corrected_rows, triage_store
from kenali.triage.train import main as train_main

SEEDS = {
    "pertanyaan": ["kapan pendaftaran {x} dibuka min?", "syarat {x} apa saja ya kak?",
                   "bagaimana cara daftar {x}?"],
    "keluhan_layanan": ["{x} rusak sudah seminggu belum diperbaiki", "antri {x} lama sekali",
                        "pelayanan {x} lambat banget"],
    "spam": ["slot gacor {x} maxwin cek bio", "promo {x} murah wa 0812345678",
             "jp {x} hari ini deposit sekarang"],
    "apresiasi": ["terima kasih, {x} sekarang bagus", "mantap pelayanan {x} cepat",
                  "keren {x} sudah diperbaiki"],
}
THINGS = ["jalan", "halte", "puskesmas", "kjp", "bansos", "ktp", "sekolah"]


def _write_labelled(folder: Path) -> None:
    folder.mkdir()
    with (folder / "seed.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "intent", "urgent", "tos_category", "topic", "agency",
                         "hard_case", "split"])
        n = 0
        for intent, templates in SEEDS.items():
            for template in templates:
                for thing in THINGS:
                    n += 1
                    tos = "spam_gambling" if intent == "spam" and "slot" in template else (
                        "spam_promo" if intent == "spam" else "")
                    urgent = "true" if intent == "keluhan_layanan" and thing == "jalan" else "false"
                    writer.writerow([f"s{n}", template.format(x=thing), intent, urgent, tos,
                                     "umum", "", "", "heldout" if n % 5 == 0 else "train"])


def test_train_command_writes_a_loadable_model(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled"
    _write_labelled(labelled)
    out = tmp_path / "model.npz"
    code = train_main(["--labelled", str(labelled), "--datasets", str(tmp_path / "none"),
                       "--out", str(out), "--no-abuse"])
    assert code == 0
    bundle = load_bundle(out)
    assert {"intent", "urgent", "tos"} <= set(bundle.heads)
    assert bundle.meta["data"]["include_heldout"] is False
    triage = Triage(bundle)
    assert triage.classify(["slot gacor maxwin cek bio"])[0]["action"] == "sembunyikan"
    # Deterministic: the same data gives the same arrays.
    again = tmp_path / "again.npz"
    train_main(["--labelled", str(labelled), "--datasets", str(tmp_path / "none"),
                "--out", str(again), "--no-abuse"])
    import numpy as np

    a, b = np.load(out), np.load(again)
    assert sorted(a.files) == sorted(b.files)
    assert all(np.array_equal(a[k], b[k]) for k in a.files)


def test_train_without_labelled_data_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code = train_main(["--labelled", str(tmp_path), "--out", str(tmp_path / "m.npz")])
    assert code == 2
    assert str(tmp_path) in capsys.readouterr().err


def test_team_corrections_become_training_rows(ws) -> None:
    ws.con.execute("INSERT INTO comments (platform, platform_comment_id, text, observed_at, import_id)"
                   " VALUES ('x', '1', 'gubernur gagal urus banjir', now(), 0)")
    triage_store(ws.con)
    ws.con.execute("INSERT INTO triage_corrections (platform, platform_comment_id, intent,"
                   " corrected_by, corrected_at) VALUES ('x', '1', 'perundungan', 'ani', now() - INTERVAL 1 HOUR)")
    ws.con.execute("INSERT INTO triage_corrections (platform, platform_comment_id, intent,"
                   " corrected_by) VALUES ('x', '1', 'kritik', 'budi')")
    rows = corrected_rows(ws.con)
    assert [(r.text, r.intent, r.split) for r in rows] == [("gubernur gagal urus banjir", "kritik", "train")]


def test_f1_threshold_cuts_between_the_classes() -> None:
    import numpy as np

    from kenali.triage.learn import f1_threshold

    p = np.array([0.95, 0.8, 0.6, 0.3, 0.2, 0.1])
    y = np.array([1, 1, 1, 0, 0, 0])
    assert f1_threshold(p, y) == pytest.approx(0.45)
    # One positive ranked last: cutting after the top two (F1 0.8) beats flagging all (0.67).
    y = np.array([1, 1, 0, 0, 0, 1])
    assert f1_threshold(p, y) == pytest.approx(0.7)


def test_word_columns_and_weighted_idf() -> None:
    import numpy as np

    from kenali.triage.features import feature_index, featurise
    from kenali.triage.learn import fit_head, idf_weights, word_columns

    texts = [f"jalan rusak di {place} tolong diperbaiki" for place in ("kemang", "cawang", "depok")]
    texts += [f"terima kasih {who} pelayanan cepat" for who in ("pak", "bu", "kak")]
    X, analysed = featurise(texts)
    mask = word_columns(X, analysed)
    assert mask[feature_index("w:jalan")] and mask[feature_index("w:jalan rusak")]
    assert not mask[feature_index("ala")] and not mask[feature_index(" ja")]
    # Counting only the thanks rows: "jalan" is no longer a word column.
    assert not word_columns(X, analysed, rows=np.arange(3, 6))[feature_index("w:jalan")]
    labels = ["keluhan"] * 3 + ["apresiasi"] * 3
    plain = fit_head("t", X, labels, calibrate=False)
    weighted = fit_head("t", X, labels, calibrate=False, word_mask=mask, word_weight=3.0)
    base = idf_weights(X, 2)
    word, char = feature_index("w:jalan"), feature_index("ala")
    assert plain.idf[word] == base[word] and weighted.idf[word] == base[word] * 3
    assert weighted.idf[char] == plain.idf[char] == base[char]


def test_binary_head_stores_an_f1_threshold() -> None:
    from kenali.triage.features import featurise
    from kenali.triage.learn import fit_head

    texts = [f"dasar {w} kamu {k}" for w in ("bodoh", "goblok", "tolol") for k in range(6)]
    texts += [f"jalan {w} nomor {k}" for w in ("bagus", "rapi", "bersih") for k in range(6)]
    X, _ = featurise(texts)
    head = fit_head("abusive", X, ["1"] * 18 + ["0"] * 18, classes=["0", "1"], nb=True,
                    tune_threshold=True, folds=3)
    assert 0.0 < head.extra["threshold"] < 1.0
    assert (head.proba(X)[:18, 1] >= head.extra["threshold"]).all()


def test_a_model_trained_here_is_loaded_before_the_shipped_one(tmp_path: Path, monkeypatch) -> None:
    from kenali.triage.model import DEFAULT_MODEL, active_model, installed_model

    own = tmp_path / "data" / "models" / "triage.npz"
    monkeypatch.setenv("KENALI_MODEL", str(own))
    assert installed_model() == own
    assert active_model() == DEFAULT_MODEL  # nothing trained here yet
    labelled = tmp_path / "labelled"
    _write_labelled(labelled)
    assert train_main(["--labelled", str(labelled), "--datasets", str(tmp_path / "none"),
                       "--out", str(own), "--no-abuse"]) == 0
    assert active_model() == own
    assert Triage.load().version == load_bundle(own).meta["model_version"] != \
        load_bundle(DEFAULT_MODEL).meta["model_version"]
