"""The action policy: documented rules from (intent, urgent, ToS category, cluster) to actions.

Rules, first match decides the main action (the full list is kept in order):

1. spam -> sembunyikan (hide); scam_phishing also -> laporkan (report to the platform).
2. perundungan (bullying, hate, threats, sexual, doxxing) -> laporkan, with the evidence.
3. urgent -> balas_cepat (answer fast; urgent comments come first in the queue).
4. member of a recurring-issue cluster (pertanyaan, keluhan_layanan, kritik) -> buat_postingan.
5. pertanyaan, keluhan_layanan -> balas_cepat.
6. kritik -> amati (observe; keep visible).
7. apresiasi -> terima_kasih.   8. lainnya -> abaikan.

Hard guard, applied last and whatever produced the actions: criticism of the institution or its
officials is never reported and never hidden (Meta, TikTok, X and YouTube protect people, not
institutions, and officials are public figures; see docs/triage.md section 2).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

INTENTS = ("pertanyaan", "keluhan_layanan", "kritik", "perundungan", "spam", "apresiasi", "lainnya")
TOS_CATEGORIES = ("bullying_harassment", "hate_speech", "violent_threat", "sexual", "doxxing",
                  "spam_gambling", "spam_promo", "scam_phishing")
TOS_FOR_INTENT = {
    "perundungan": ("bullying_harassment", "hate_speech", "violent_threat", "sexual", "doxxing"),
    "spam": ("spam_gambling", "spam_promo", "scam_phishing"),
}
ACTIONS = ("balas_cepat", "buat_postingan", "amati", "laporkan", "sembunyikan", "terima_kasih",
           "abaikan")
NEVER_FOR_CRITICISM = frozenset({"laporkan", "sembunyikan"})
CLUSTER_INTENTS = frozenset({"pertanyaan", "keluhan_layanan", "kritik"})
# Queue order: lower comes first.
PRIORITY = {"balas_cepat": 2, "laporkan": 3, "sembunyikan": 3, "buat_postingan": 3, "amati": 4,
            "terima_kasih": 5, "abaikan": 6}


# Insults at the institution's work are harsh criticism, not bullying (labelling rules, "Where
# kritik ends"): words of office and of work done, with no private person addressed and no body,
# face or family dragged in. Normalised forms (lu/lo -> kamu, wagub -> wakil gubernur).
OFFICE_WORDS = frozenset("""admin pejabat dinas pemprov pemda pemerintah gubernur wakil kadis kepala
lurah camat walikota bupati menteri dprd instansi kantor suku dinasnya pejabatnya pemimpin""".split())
WORK_WORDS = frozenset("""kerja kerjanya kinerja ngurus urus mengurus becus mundur jawab dijawab
tanggapan respon pelayanan layanan kebijakan program anggaran janji proyek lambat lelet telat
korupsi pencitraan mangkrak gagal tugas tugasnya""".split())
# A private person addressed or talked about: a second person, a handle, another commenter.
PERSON_WORDS = frozenset("kamu kau engkau mention_pengguna komen komentar netizen nitizen".split())
# Body, looks, photo, family, home, faith, private life: an attack that leaves the office.
BODY_WORDS = frozenset("""muka mukanya wajah badan badannya tubuh foto fotonya dekil jelek gendut
kurus item hitam istri istrinya suami anak anaknya keluarga ibunya bapaknya rumah rumahnya agama
pengangguran miskin kere""".split())


def insult_in_office(words: Collection[str]) -> bool:
    """Whether an insult is aimed at the institution's work rather than at a person."""
    found = set(words)
    return bool(found & WORK_WORDS) and not found & PERSON_WORDS and not found & BODY_WORDS


def guard(intent: str, actions: Sequence[str]) -> list[str]:
    """Enforce the hard rules on any action list: criticism is never reported nor hidden."""
    kept = [a for a in actions if a in ACTIONS]
    if intent == "kritik":
        kept = [a for a in kept if a not in NEVER_FOR_CRITICISM]
        if not kept:
            kept = ["amati"]
    return kept or ["abaikan"]


def decide(intent: str, urgent: bool, tos: str | None = None,
           in_cluster: bool = False) -> tuple[list[str], str]:
    """Ordered actions for one decision and the rule that chose the first one."""
    if intent == "spam":
        actions = ["sembunyikan", "laporkan"] if tos == "scam_phishing" else ["sembunyikan"]
        rule = "spam_scam" if tos == "scam_phishing" else "spam"
    elif intent == "perundungan":
        actions, rule = ["laporkan"], "perundungan"
        if urgent:
            actions.append("balas_cepat")
    elif urgent:
        actions, rule = ["balas_cepat"], "urgent"
        if in_cluster and intent in CLUSTER_INTENTS:
            actions.append("buat_postingan")
    elif in_cluster and intent in CLUSTER_INTENTS:
        actions, rule = ["buat_postingan"], "cluster"
        actions.append("amati" if intent == "kritik" else "balas_cepat")
    elif intent in ("pertanyaan", "keluhan_layanan"):
        actions, rule = ["balas_cepat"], intent
    elif intent == "kritik":
        actions, rule = ["amati"], "kritik"
    elif intent == "apresiasi":
        actions, rule = ["terima_kasih"], "apresiasi"
    else:
        actions, rule = ["abaikan"], "lainnya"
    guarded = guard(intent, actions)
    if guarded != actions:
        rule += "+guard"
    return guarded, rule


def priority(urgent: bool, action: str) -> int:
    """Queue position class of a decision: urgent comments first (1), then by action."""
    return 1 if urgent and action == "balas_cepat" else PRIORITY.get(action, 6)
