"""The action policy and its hard guard: criticism is never reported nor hidden."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kenali.triage.policy import ACTIONS, INTENTS, TOS_CATEGORIES, decide, guard, priority


@given(st.sampled_from(INTENTS), st.booleans(), st.sampled_from((None, *TOS_CATEGORIES)),
       st.booleans())
def test_criticism_never_reported_or_hidden(intent: str, urgent: bool, tos: str | None,
                                            in_cluster: bool) -> None:
    actions, _rule = decide(intent, urgent, tos, in_cluster)
    assert actions and all(a in ACTIONS for a in actions)
    if intent == "kritik":
        assert "laporkan" not in actions and "sembunyikan" not in actions


@given(st.lists(st.sampled_from(ACTIONS), max_size=5))
def test_guard_repairs_any_action_list_for_criticism(actions: list[str]) -> None:
    kept = guard("kritik", actions)
    assert kept and not {"laporkan", "sembunyikan"} & set(kept)


def test_guard_leaves_other_intents_alone() -> None:
    assert guard("perundungan", ["laporkan"]) == ["laporkan"]
    assert guard("kritik", ["laporkan", "sembunyikan"]) == ["amati"]


def test_documented_rules() -> None:
    assert decide("spam", False, "spam_gambling")[0] == ["sembunyikan"]
    assert decide("spam", False, "scam_phishing")[0] == ["sembunyikan", "laporkan"]
    assert decide("perundungan", False, "violent_threat")[0] == ["laporkan"]
    assert decide("keluhan_layanan", True)[0][0] == "balas_cepat"
    assert decide("kritik", True)[0] == ["balas_cepat"]
    assert decide("kritik", False)[0] == ["amati"]
    assert decide("kritik", False, in_cluster=True)[0] == ["buat_postingan", "amati"]
    assert decide("pertanyaan", False, in_cluster=True)[0][0] == "buat_postingan"
    assert decide("pertanyaan", False)[0] == ["balas_cepat"]
    assert decide("apresiasi", False)[0] == ["terima_kasih"]
    assert decide("lainnya", False)[0] == ["abaikan"]
    assert decide("spam", False, in_cluster=True)[0] == ["sembunyikan"]


def test_urgent_comes_first_in_the_queue() -> None:
    assert priority(True, "balas_cepat") < priority(False, "balas_cepat") < priority(False, "amati")


def test_insults_at_the_work_of_an_office_are_criticism_not_bullying() -> None:
    from kenali.triage.normalise import normalise
    from kenali.triage.policy import insult_in_office

    def words(text: str) -> list[str]:
        return normalise(text).split()

    assert insult_in_office(words("kerja kaya siput, tolol mending mundur aja"))
    assert insult_in_office(words("admin nya bego ditanya gak pernah jawab"))
    assert not insult_in_office(words("goblok lu"))                      # a person addressed
    assert not insult_in_office(words("lu kerja aja gak becus tolol"))   # a person addressed
    assert not insult_in_office(words("yg komen di atas bego, udah dijawab masih nanya"))
    assert not insult_in_office(words("wagub di foto mukanya kayak monyet, kerja apa"))  # looks
    assert not insult_in_office(words("dasar bodoh"))                    # no work named
