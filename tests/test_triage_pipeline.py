"""The shipped model: loads, classifies clear cases, batch == single, Arrow in/out, file format."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from kenali.errors import KenaliError
from kenali.triage.cluster import Comment, find_clusters
from kenali.triage.features import feature_index, featurise, readable_names
from kenali.triage.model import DEFAULT_MODEL, Bundle, load_bundle
from kenali.triage.normalise import normalise_batch
from kenali.triage.pipeline import Triage, to_record_batch
from kenali.triage.policy import INTENTS

FIELDS = {"id", "intent", "urgent", "tos_category", "action", "confidence", "topic", "cluster",
          "explanation"}


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load()


def test_shipped_model_is_small_and_versioned() -> None:
    assert DEFAULT_MODEL.is_file()
    assert DEFAULT_MODEL.stat().st_size < 20 * 1024 * 1024
    meta = load_bundle(DEFAULT_MODEL).meta
    assert meta["model_version"] and meta["sklearn_version"]
    assert {"intent", "urgent", "tos"} <= set(meta["heads"])


@pytest.mark.parametrize(("text", "intent", "action"), [
    ("𝗦𝗟𝗢𝗧 𝗚𝗔𝗖𝗢𝗥 𝗠𝗔𝗫𝗪𝗜𝗡 hari ini, daftar di link bio 🎰", "spam", "sembunyikan"),
    ("terima kasih pak, pelayanannya cepat sekali 🙏🙏", "apresiasi", "terima_kasih"),
    ("min kapan pendaftaran KJP plus dibuka?", "pertanyaan", "balas_cepat"),
    ("dasar anjing lu, gue tau rumah lu, tunggu aja gue bakar", "perundungan", "laporkan"),
])
def test_clear_cases(triage: Triage, text: str, intent: str, action: str) -> None:
    decision = triage.classify([text])[0]
    assert decision["intent"] == intent
    assert decision["action"] == action


def test_urgent_report_is_answered_first(triage: Triage) -> None:
    d = triage.classify(["tolong ada pohon tumbang menimpa motor di jalan kenanga, ada korban luka"])[0]
    assert d["urgent"] is True
    assert d["action"] == "balas_cepat" and d["priority"] == 1
    assert d["explanation"]["urgent"], "what made it urgent is shown"
    assert "urgent:pohon tumbang" in d["explanation"]["cues"]


def test_harsh_criticism_is_observed_not_reported(triage: Triage) -> None:
    texts = ["pak kadis kerjanya cuma pencitraan, anggaran habis tapi jalan tetap rusak",
             "gubernur gagal total urus banjir, janji doang"]
    for d in triage.classify(texts):
        assert d["intent"] == "kritik"
        assert d["action"] not in ("laporkan", "sembunyikan")


def test_bullying_of_the_institutions_work_is_observed_not_reported(triage: Triage) -> None:
    office, person = triage.classify(["kerja kaya siput, tolol mending mundur aja", "goblok lu"])
    assert office["intent"] == "kritik" and office["action"] == "amati"
    assert person["intent"] == "perundungan" and person["action"] == "laporkan"


def test_decisions_have_every_field_and_an_explanation(triage: Triage) -> None:
    decisions = triage.classify(["jalan rusak parah kapan diperbaiki", "", None])
    for d in decisions:
        assert FIELDS <= set(d)
        assert d["intent"] in INTENTS
        assert 0.0 <= d["confidence"] <= 1.0
        json.dumps(d)  # plain JSON types only
    assert decisions[0]["explanation"]["intent"], "the words that carried the decision are shown"


def test_batch_equals_single(triage: Triage) -> None:
    texts = ["min jalan rusak", "s l o t gacor", "terima kasih 🙏", "", "kenapa lama sekali???",
             "dasar bodoh kau", "KJP kapan cair"]
    batch = triage.classify(texts)
    for i, text in enumerate(texts):
        single = triage.classify([text])[0]
        single["id"] = i
        assert single == batch[i]


def test_compact_feature_space_gives_each_heads_own_probabilities(triage: Triage) -> None:
    texts = ["jalan rusak parah kapan diperbaiki??", "𝗦𝗟𝗢𝗧 𝗚𝗔𝗖𝗢𝗥 cek bio", "makasih pak 🙏",
             "banjir masuk rumah tolong", "", "pelayanan lambat, antri 3 jam di kelurahan"]
    normalised = normalise_batch(texts)
    full, _ = featurise(normalised)
    compact, _ = featurise(normalised, triage.columns)
    assert compact.shape[1] == triage.columns.width < full.shape[1]
    stacked = triage._probabilities(compact)
    for name, head in triage.heads.items():
        assert np.allclose(stacked[name], head.proba(full), atol=1e-5), name


def test_explanations_name_each_feature_once_without_function_words(triage: Triage) -> None:
    decision = triage.classify(["jalan jalan yang rusak rusak dan yang berlubang di jalan"])[0]
    shown = decision["explanation"]["intent"]
    assert shown and len(shown) == len(set(shown)) <= 4
    assert not {"yang", "dan", "di"} & set(shown)


def test_arrow_record_batch_in_and_out(triage: Triage) -> None:
    rb = pa.RecordBatch.from_pydict({"id": ["a", "b"], "text": ["terima kasih", "slot gacor"]})
    decisions = triage.classify(rb)
    assert [d["id"] for d in decisions] == ["a", "b"]
    assert triage.classify(pa.array(["terima kasih"]))[0]["intent"] == decisions[0]["intent"]
    out = to_record_batch(decisions)
    assert out.num_rows == 2 and out.column("id").to_pylist() == ["a", "b"]


def test_feature_names_hash_like_the_batch() -> None:
    X, analysed = featurise(normalise_batch(["jalan rusak dekat pohon tumbang"]))
    present = set(X.indices.tolist())
    for name in [*readable_names(analysed, 0), " ja", "jalan", "usak"]:
        assert feature_index(name) in present, name


def test_model_round_trip_and_refusals(tmp_path: Path, triage: Triage) -> None:
    copy = tmp_path / "m.npz"
    Bundle(triage.heads, dict(triage.bundle.meta)).save(copy)
    again = Triage(load_bundle(copy), triage.abuse)
    text = ["jalan rusak parah kapan diperbaiki"]
    assert again.classify(text) == triage.classify(text)
    with pytest.raises(KenaliError):
        load_bundle(tmp_path / "absent.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a model")
    with pytest.raises(KenaliError):
        load_bundle(tmp_path / "junk.npz")
    data = dict(np.load(copy))
    meta = json.loads(bytes(data["meta_json"]).decode())
    meta["format_version"] = 999
    data["meta_json"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    np.savez(tmp_path / "future.npz", **data)
    with pytest.raises(KenaliError, match="future.npz"):
        load_bundle(tmp_path / "future.npz")


def test_recurring_question_forms_a_cluster() -> None:
    texts = ["kapan KJP bulan ini cair min?", "min KJP kapan cair ya?", "KJP kapan cairnya min",
             "kapan ya KJP cair", "KJP bulan ini kapan cair?", "halte bocor"]
    comments = [Comment(str(i), t, "dinsos") for i, t in enumerate(texts)]
    clusters, membership = find_clusters(comments)
    assert len(clusters) == 1 and clusters[0].size == 5
    assert "kjp" in clusters[0].keywords
    assert "5" not in membership
    # The same question on another account does not join it.
    other = [Comment(f"x{i}", t, "dishub") for i, t in enumerate(texts[:2])]
    assert len(find_clusters(comments + other)[0][0].members) == 5


def test_a_lasting_issue_is_one_cluster_per_span_and_old_leaders_retire() -> None:
    from datetime import UTC, datetime, timedelta

    from kenali.triage.cluster import MAX_SPAN

    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    forms = ["pompa kemang mati lagi min", "min pompa di kemang mati", "pompa kemang kok mati",
             "kemang pompanya mati terus"]
    # Three comments a day about the same pump for 70 days, beside another daily topic.
    comments = [Comment(f"p{d}-{k}", forms[(d + k) % 4], "sda", start + timedelta(days=d, hours=k))
                for d in range(70) for k in range(3)]
    comments += [Comment(f"c{d}", f"acara ulang tahun ke {d}", "sda", start + timedelta(days=d))
                 for d in range(70)]
    clusters, _ = find_clusters(comments)
    pump = [c for c in clusters if "pompa" in c.keywords]
    assert len(pump) >= 3  # 70 days cannot be one cluster of at most 30
    assert all(c.first_at and c.last_at and c.last_at - c.first_at <= MAX_SPAN for c in pump)
    assert sum(c.size for c in pump) >= 200
    assert all(m.startswith("p") for c in pump for m in c.members)


def test_heldout_criticism_rarely_reported(triage: Triage) -> None:
    from kenali.triage.evaluate import heldout_scores

    scores = heldout_scores(triage)
    if not scores["rows"]:
        pytest.skip("the labelled set has no held-out rows yet")
    assert scores["kritik_reported_or_hidden_share"] <= 0.05
    assert scores["intent_macro_f1"] >= 0.7


def test_public_datasets_read(datasets: Path) -> None:
    from kenali.triage.data_sources import load_ibrohim2019, load_smsa

    texts, labels = load_smsa(datasets, "test")
    assert len(texts) == 500 and set(labels) == {"positive", "neutral", "negative"}
    tweets, hs, abusive = load_ibrohim2019(datasets)
    assert len(tweets) == 13169 and sum(hs) == 5561 and sum(abusive) == 5043
    assert not any("USER" in t for t in tweets[:200])


def test_demo_generator_comments_score_out_of_distribution(triage: Triage) -> None:
    demo = pytest.importorskip("kenali.demo.comments", reason="the demo generator is not present")
    from kenali.triage.demo_eval import KIND_TO_INTENT, demo_comments, demo_scores

    assert set(KIND_TO_INTENT) == set(demo.KINDS)
    rows = demo_comments(per_account=40)
    assert any(text.startswith("@") for text, _ in rows)  # X replies carry the handle in front
    scores = demo_scores(triage, per_account=40)
    assert scores["rows"] == len(rows)
    assert set(scores["intent_per_class"]) <= set(INTENTS)
    assert 0.5 < scores["intent_macro_f1"] <= 1.0
