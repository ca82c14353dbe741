"""Normaliser hard cases: filter-dodging Unicode, leetspeak, elongation, spacing, slang, emoji."""

from __future__ import annotations

import pytest

from kenali.triage.normalise import cues, normalise, normalise_batch


@pytest.mark.parametrize(("raw", "expected"), [
    ("𝗝𝗣 𝗠𝗔𝗫𝗪𝗜𝗡", "jackpot menang besar"),           # mathematical bold sans
    ("ｓｌｏｔ", "slot"),                                  # full-width
    ("🆂🅻🅾🆃 ᴊᴘ", "slot jackpot"),                         # negative squared letters, small caps
    ("ѕlоt", "slot"),                                     # Cyrillic look-alikes
    ("s\u200bl\u200bo\u200bt", "slot"),                   # zero-width spaces inside a word
    ("g4c0r", "gacor"),
    ("d4n4 cair", "dana cair"),
    ("s1ot", "slot"),                                      # 1 read as l when only that is a word
    ("m4t1 lampu", "mati lampu"),                          # 1 read as i
    ("bangettt", "banget"),
    ("parahhhh", "parah"),
    ("maaaaaf", "maaf"),
    ("s l o t gacor", "slot gacor"),
    ("j-u-d-i", "judi"),
    ("kagak ada nyang ngurus", "tidak ada yang mengurus"),
    ("ente aje udeh tau", "kamu saja sudah tahu"),
    ("hati2 di jalan", "hati hati di jalan"),
    ("Terimakasih 🙏", "terima kasih emo_terima_kasih"),
    ("parah 😡", "parah emo_marah"),
    ("wkwkwkwk", "emo_tertawa"),
    ("kenapa???", "kenapa ?"),
    ("Café", "cafe"),
])
def test_hard_cases(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_spaced_out_link_becomes_a_link_token() -> None:
    assert normalise("cek w w w . x y z . c o m sekarang") == "cek url_tautan xyz sekarang"


def test_government_links_are_not_spam_links() -> None:
    assert normalise("info di https://jakarta.go.id/kjp") == "info di url_pemerintah"
    assert normalise("daftar di slot88.vip") == "daftar di url_tautan slot 88"


def test_leetspeak_only_inside_words() -> None:
    # Plain numbers, years and brand numbers after a word stay numbers.
    assert normalise("antri 3 jam sejak 2024") == "antre 3 jam sejak 2024"
    assert normalise("slot88") == "slot 88"
    assert normalise("24jam") == "24 jam"


def test_phone_money_mentions_and_nik_are_masked() -> None:
    text = normalise("min @dishub hubungi 0812-3456-7890, bayar Rp50.000, NIK 3171234567890001")
    assert text == "admin mention_pengguna hubungi num_telepon bayar num_uang nik num_nik"


def test_hostile_text_is_data() -> None:
    assert normalise("<script>alert(1)</script>") == "script alert 1 script"
    assert normalise("=cmd|' /C calc'!A0") == "cmd c calc ! a0"
    assert normalise("a\x00b\r\nc\u2028d") == "a b c d"


def test_handles_in_front_are_reply_syntax_not_content() -> None:
    assert normalise("@dinas_fiktif @budi_contoh, pompa kapan nyala?") == "pompa kapan nyala ?"
    assert normalise("  @x: mantap") == "mantap"
    # a handle inside the text stays a mention; a comment of handles only keeps them
    assert normalise("halo @budi_contoh lihat") == "halo mention_pengguna lihat"
    assert normalise("@budi_contoh @sari.fiktif") == "mention_pengguna mention_pengguna"
    assert normalise("@budi") == "mention_pengguna"


def test_batch_equals_single_and_keeps_length() -> None:
    texts = ["satu\ndua", None, "", "tiga\\nempat", "𝗝𝗣 hari ini", "kenapa???\r\n",
             # lines with a digit, a dot or an @ take passes the others skip
             "wa 0812-3456-7890 rp 50rb", "cek www.slot88.com sekarang", "@dinas.dki tolong2",
             "jalan rusakkk parah wkwkwk", "h4t1 h4t1 d1 j4l4n", "3175012345678901 nik saya"]
    assert normalise_batch(texts) == [normalise(t) for t in texts]
    assert len(normalise_batch(texts)) == len(texts)
    assert normalise_batch([]) == []


def test_a_group_word_with_a_swear_word_is_the_shape_of_a_slur() -> None:
    assert ("sara+umpatan", "combo_sara_insult") in cues(normalise("dasar cina kafir anjing"))
    assert not any(c == "combo_sara_insult" for _, c in cues(normalise("Imlek di pecinan Glodok ramai")))
    assert not any(c == "combo_sara_insult" for _, c in cues(normalise("anjir macet parah")))


def test_cues_find_words_and_phrases() -> None:
    found = set(cues(normalise("tolong ada pohon tumbang, ada korban")))
    assert ("tolong", "urgent") in found
    assert ("pohon tumbang", "urgent") in found
    assert ("korban", "urgent") in found
