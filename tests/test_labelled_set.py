"""Checks of the hand-labelled government-comment set in kenali/triage/data/labelled/."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "kenali" / "triage" / "data" / "labelled"
HEADER = ["id", "text", "intent", "urgent", "tos_category", "topic", "agency", "hard_case", "split"]
INTENTS = {"pertanyaan", "keluhan_layanan", "kritik", "perundungan", "spam", "apresiasi", "lainnya"}
TOS_BY_INTENT = {
    "perundungan": {"bullying_harassment", "hate_speech", "violent_threat", "sexual", "doxxing"},
    "spam": {"spam_gambling", "spam_promo", "scam_phishing"},
}
TOPICS = {"jalan", "banjir", "kesehatan", "transportasi", "pendidikan", "bansos", "adminduk",
          "pajak", "lingkungan", "bencana", "gubernur", "umum"}
AGENCIES = {"bina_marga", "sda", "dinkes", "dishub", "disdik", "dinsos", "dukcapil", "bapenda",
            "dlh", "bpbd", "pemprov"}
HARD_CASES = {"sarcasm", "question_complaint", "profanity_no_target", "implicit_abuse",
              "fake_official", "obfuscated", "very_short", "urgent_implicit", "harsh_criticism",
              "leading_handle", "unmarked_question", "friend_tag", "polite_thanks",
              "imperative_request"}
ALARM = re.compile(r"darurat|urgent|emergency|\bsos\b|gawat", re.IGNORECASE)
NEAR_DUPLICATE = 0.75
MIN_PER_INTENT = 150
MIN_PER_TOS = 30
MIN_URGENT = 150


def read_rows() -> list[dict[str, str]]:
    """Every row of every labelled CSV file, with the file name under '_file'."""
    rows: list[dict[str, str]] = []
    for path in sorted(LABELLED.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader)
            assert header == HEADER, f"{path.name}: header {header}"
            for line, values in enumerate(reader, start=2):
                assert len(values) == len(HEADER), f"{path.name}:{line}: {len(values)} fields"
                row = dict(zip(HEADER, values, strict=True))
                row["_file"] = path.name
                rows.append(row)
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    """The labelled rows (read once per module)."""
    found = read_rows()
    assert found, f"no labelled CSV files in {LABELLED}"
    return found


@pytest.fixture(scope="module")
def groups(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """Variant groups: leader id -> every member id (leader first); singletons included."""
    declared = json.loads((LABELLED / "variant_groups.json").read_text(encoding="utf-8"))
    members = {leader: [leader, *others] for leader, others in declared.items()}
    grouped = {i for ids in members.values() for i in ids}
    for row in rows:
        if row["id"] not in grouped:
            members[row["id"]] = [row["id"]]
    return members


def test_at_least_3000_rows(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 3000


def test_every_file_is_one_agency_and_named_after_it(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["agency"] in AGENCIES, row["id"]
        assert row["_file"] == f"{row['agency']}.csv", row["id"]


def test_ids_are_unique_and_well_formed(rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"gov-\d{5}", i) for i in ids)


def test_every_label_is_valid(rows: list[dict[str, str]]) -> None:
    for row in rows:
        where = row["id"]
        assert row["text"] == row["text"].strip() and row["text"], where
        assert row["intent"] in INTENTS, where
        assert row["urgent"] in ("true", "false"), where
        assert row["topic"] in TOPICS, where
        assert row["split"] in ("train", "heldout"), where
        tags = [t for t in row["hard_case"].split(";") if t]
        assert len(tags) == len(set(tags)) and set(tags) <= HARD_CASES, where


def test_tos_category_only_and_always_with_perundungan_or_spam(rows: list[dict[str, str]]) -> None:
    for row in rows:
        allowed = TOS_BY_INTENT.get(row["intent"])
        if allowed is None:
            assert row["tos_category"] == "", row["id"]
        else:
            assert row["tos_category"] in allowed, row["id"]


def test_hard_case_tags_follow_the_written_rules(rows: list[dict[str, str]]) -> None:
    for row in rows:
        tags = set(row["hard_case"].split(";")) - {""}
        where = f"{row['id']}: {row['text']!r}"
        if "sarcasm" in tags or "harsh_criticism" in tags:
            assert row["intent"] == "kritik", where
        implicit = row["urgent"] == "true" and not ALARM.search(row["text"])
        assert ("urgent_implicit" in tags) == implicit, where
        if "question_complaint" in tags:
            assert row["intent"] == "keluhan_layanan", where
        if row["intent"] == "keluhan_layanan" and "?" in row["text"]:
            assert "question_complaint" in tags, where
        if len(row["text"].split()) <= 2:
            assert "very_short" in tags, where
        if "fake_official" in tags or "obfuscated" in tags:
            assert row["intent"] in ("spam", "perundungan"), where
        assert ("leading_handle" in tags) == row["text"].startswith("@"), where
        unmarked = row["intent"] == "pertanyaan" and "?" not in row["text"]
        assert ("unmarked_question" in tags) == unmarked, where
        if "friend_tag" in tags:
            assert row["intent"] == "lainnya", where
        if "polite_thanks" in tags:
            assert row["intent"] in ("pertanyaan", "keluhan_layanan", "kritik"), where
        if "imperative_request" in tags:
            assert row["intent"] in ("keluhan_layanan", "kritik") and row["urgent"] == "false", where


def test_class_minimums(rows: list[dict[str, str]]) -> None:
    intents = Counter(row["intent"] for row in rows)
    tos = Counter(row["tos_category"] for row in rows if row["tos_category"])
    assert set(intents) == INTENTS
    assert min(intents.values()) >= MIN_PER_INTENT, intents
    assert set(tos) == set().union(*TOS_BY_INTENT.values())
    assert min(tos.values()) >= MIN_PER_TOS, tos
    assert sum(row["urgent"] == "true" for row in rows) >= MIN_URGENT


def test_every_hard_case_kind_is_present(rows: list[dict[str, str]]) -> None:
    tags = Counter(t for row in rows for t in row["hard_case"].split(";") if t)
    assert set(tags) == HARD_CASES
    assert min(tags.values()) >= 30, tags


def test_replies_opening_with_a_handle_carry_every_kind_of_intent(rows: list[dict[str, str]]) -> None:
    """A leading @handle is reply syntax: such rows must not teach 'handle = insult or chatter'."""
    leading = Counter(row["intent"] for row in rows if row["text"].startswith("@"))
    for intent in ("pertanyaan", "keluhan_layanan", "kritik", "apresiasi"):
        assert leading[intent] >= 20, leading
    assert leading["perundungan"] + leading["lainnya"] <= 0.5 * sum(leading.values()), leading


def test_no_exact_duplicate_texts(rows: list[dict[str, str]]) -> None:
    texts = Counter(row["text"] for row in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    by_split: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_split[row["split"]].add(row["text"].casefold())
    assert by_split["train"].isdisjoint(by_split["heldout"])


def test_heldout_share_is_15_to_25_percent_overall_and_per_class(rows: list[dict[str, str]]) -> None:
    def share(subset: list[dict[str, str]]) -> float:
        return sum(row["split"] == "heldout" for row in subset) / len(subset)

    assert 0.15 <= share(rows) <= 0.25
    for intent in INTENTS:
        assert 0.15 <= share([r for r in rows if r["intent"] == intent]) <= 0.25, intent
    for category in set().union(*TOS_BY_INTENT.values()):
        assert 0.12 <= share([r for r in rows if r["tos_category"] == category]) <= 0.28, category


def test_variant_groups_stay_in_one_split(rows: list[dict[str, str]],
                                          groups: dict[str, list[str]]) -> None:
    by_id = {row["id"]: row for row in rows}
    seen: set[str] = set()
    for leader, members in groups.items():
        assert members[0] == leader and all(m in by_id for m in members), leader
        assert seen.isdisjoint(members), leader
        seen.update(members)
        assert len({by_id[m]["split"] for m in members}) == 1, members
    assert seen == set(by_id)


def test_split_follows_the_documented_rule(rows: list[dict[str, str]],
                                           groups: dict[str, list[str]]) -> None:
    """Groups stratified by the leader's (intent, tos_category, urgent), ordered by SHA-1 of its text; position % 5 == 2 is held out."""
    expected = expected_splits(rows, groups)
    wrong = [row["id"] for row in rows if row["split"] != expected[row["id"]]]
    assert wrong == [], f"{len(wrong)} rows break the split rule; run python tests/test_labelled_set.py"


def test_near_duplicates_never_straddle_the_split(rows: list[dict[str, str]]) -> None:
    """No train/heldout pair reaches the merge threshold (char 3-5-gram TF-IDF cosine 0.75)."""
    pairs = near_duplicate_pairs(rows)
    straddling = [(rows[i]["text"], rows[j]["text"]) for i, j in pairs
                  if rows[i]["split"] != rows[j]["split"]]
    assert straddling == []


def test_no_real_looking_phone_numbers_or_links(rows: list[dict[str, str]]) -> None:
    """Phone numbers are the fictional 0812-0000-xxxx range; links use the reserved .example domain."""
    for row in rows:
        squashed = re.sub(r"[\s.\-]", "", row["text"])
        for number in re.findall(r"(?:\+?62|0)8\d{7,}", squashed):
            local = "0" + number[2:] if number.startswith("62") else number.lstrip("+")
            assert local.startswith("08120000"), (row["id"], number)
        for host in re.findall(r"\b[\w-]+\.(?:com|id|net|org|ly|co|xyz|site)\b", row["text"].lower()):
            pytest.fail(f"{row['id']}: real-looking link {host}")


def near_duplicate_pairs(rows: list[dict[str, str]]) -> list[tuple[int, int]]:
    """Index pairs whose lower-cased texts reach a char 3-5-gram TF-IDF cosine of NEAR_DUPLICATE."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [row["text"].lower() for row in rows]
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    similar = (matrix @ matrix.T).tocoo()
    keep = (similar.data >= NEAR_DUPLICATE) & (similar.row < similar.col)
    return [(int(i), int(j)) for i, j in zip(similar.row[keep], similar.col[keep], strict=True)]


def merged_groups(rows: list[dict[str, str]], declared: dict[str, list[str]]) -> dict[str, list[str]]:
    """Hand-declared variant groups joined with automatic near-duplicates; leader = smallest id."""
    position = {row["id"]: k for k, row in enumerate(rows)}
    parent = list(range(len(rows)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    links = [(position[leader], position[m]) for leader, ms in declared.items() for m in ms]
    for a, b in links + near_duplicate_pairs(rows):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[str]] = defaultdict(list)
    for k, row in enumerate(rows):
        members[find(k)].append(row["id"])
    return {ids[0]: ids for ids in (sorted(m) for m in members.values())}


def expected_splits(rows: list[dict[str, str]], groups: dict[str, list[str]]) -> dict[str, str]:
    """The documented split rule: stratify groups, order by SHA-1 of the leader text, hold out position % 5 == 2."""
    by_id = {row["id"]: row for row in rows}
    strata: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for leader in groups:
        lead = by_id[leader]
        strata[(lead["intent"], lead["tos_category"], lead["urgent"])].append(leader)
    split: dict[str, str] = {}
    for leaders in strata.values():
        leaders.sort(key=lambda i: hashlib.sha1(by_id[i]["text"].encode("utf-8")).hexdigest())
        for place, leader in enumerate(leaders):
            for member in groups[leader]:
                split[member] = "heldout" if place % 5 == 2 else "train"
    return split


def resplit() -> None:
    """Recompute variant_groups.json and every split column after rows were added or edited."""
    rows = read_rows()
    declared_path = LABELLED / "variant_groups.json"
    declared = json.loads(declared_path.read_text(encoding="utf-8")) if declared_path.exists() else {}
    groups = merged_groups(rows, declared)
    split = expected_splits(rows, groups)
    for path in sorted(LABELLED.glob("*.csv")):
        part = [row for row in rows if row["_file"] == path.name]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(HEADER)
            writer.writerows([[*[row[h] for h in HEADER[:-1]], split[row["id"]]] for row in part])
    multi = {leader: ids[1:] for leader, ids in sorted(groups.items()) if len(ids) > 1}
    declared_path.write_text(json.dumps(multi, indent=0) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows, {len(multi)} variant groups, "
          f"{sum(v == 'heldout' for v in split.values())} held out")


if __name__ == "__main__":
    resplit()
