"""Indonesian social-text normalisation for triage, on batches of strings (pure Python, regexes)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

LEXICON_PACKAGE = "kenali.triage.lexicon"


def _read_tsv(name: str) -> list[tuple[str, str]]:
    text = resources.files(LEXICON_PACKAGE).joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        if key and value:
            rows.append((key.strip(), value.strip()))
    return rows


@cache
def slang_lexicon() -> dict[str, str]:
    """Slang, abbreviation and Betawi form -> standard form (kenali's own lexicon)."""
    return {k: v for k, v in _read_tsv("slang.tsv") if k != v}


@cache
def emoji_lexicon() -> dict[str, str]:
    """Emoji code point -> token such as emo_marah."""
    return dict(_read_tsv("emoji.tsv"))


@cache
def cue_lexicon() -> dict[str, tuple[str, ...]]:
    """Cue phrase (one or two normalised words) -> the cue categories it signals."""
    cues: dict[str, tuple[str, ...]] = {}
    for phrase, category in _read_tsv("cues.tsv"):
        cues[phrase] = (*cues.get(phrase, ()), category)
    return cues


@cache
def known_words() -> frozenset[str]:
    """Words the lexicons know; used to choose between ambiguous leetspeak readings."""
    words: set[str] = set()
    for key, value in slang_lexicon().items():
        words.add(key)
        words.update(value.split())
    for phrase in cue_lexicon():
        words.update(phrase.split())
    return frozenset(words)


def _letter_table() -> dict[int, str | None]:
    """Look-alike letters that NFKD leaves alone, folded to ASCII; invisible characters dropped."""
    table: dict[int, str | None] = {}
    upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for base in (0x1F130, 0x1F150, 0x1F170):  # squared / negative circled / negative squared
        for i, ch in enumerate(upper):
            table[base + i] = ch
    for i, ch in enumerate(upper):  # regional indicators 🇦..🇿 used as letters
        table[0x1F1E6 + i] = ch
    small_caps = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ"
    for ch, latin in zip(small_caps, "abcdefghijklmnoprstuvwyz", strict=True):
        table[ord(ch)] = latin
    # Cyrillic and Greek homoglyphs mixed into Latin words to dodge keyword filters.
    for ch, latin in zip("аеорсухіјѕԁАВЕКМНОРСТХІЈЅαοιρτνκΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
                         "aeopcyxijsdABEKMHOPCTXIJSaoiptvkABEHIKMNOPTXYZ", strict=True):
        table[ord(ch)] = latin
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0xFE0E, 0xFE0F):
        table[cp] = None  # zero-width characters split words invisibly
    for cp in range(0x1F3FB, 0x1F400):
        table[cp] = None  # skin-tone modifiers
    return table


@cache
def _emoji_table() -> dict[int, str]:
    return {ord(e[0]): f" {token} " for e, token in emoji_lexicon().items() if len(e) == 1}


_LETTERS = _letter_table()
_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACED = re.compile(r"(?<![a-z0-9])[a-z0-9](?:[ ._*|\-]{1,3}[a-z0-9](?![a-z0-9])){3,}")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s]+"
    r"|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|net|org|id|co|io|xyz|me|ly|gg|info|site|online|vip"
    r"|link|top|club|shop|store|app|biz|cc|tk|live|pro|asia|fun|bet|win|icu|click|example)\b(?:/[^\s]*)?"
)
_MENTION = re.compile(r"(?<![\w@])@[a-z0-9_.]+")
# Handles in front of a comment are reply syntax (X writes "@akun" before every reply; Instagram
# before a reply in a thread), not content: they go, unless the comment is nothing but handles.
_LEADING_MENTIONS = re.compile(r"^[ \t]*+(?:@[a-z0-9_.]++[ \t,:]*+)++(?=[^\s@])", re.M)
_PHONE = re.compile(r"(?<!\d)(?:\+?62|0)[ \-.]?8\d(?:[ \-.]?\d){6,11}(?!\d)")
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_MONEY = re.compile(r"\brp\.? ?\d[\d.,]*(?: ?(?:rb|ribu|k|jt|juta|m|miliar))?\b"
                    r"|(?<![\w.])\d[\d.,]* ?(?:rb|ribu|jt|juta|miliar)\b")
# The lookahead lets the engine skip, in one test, every word that starts with no laugh letter.
_LAUGH = re.compile(r"\b(?=[awhxc])(?:a?wk(?:wk)+w?|(?:wk){2,}w?|(?:ha){2,}h?|(?:he){2,}h?|(?:hi){2,}|(?:xi){2,}"
                    r"|awok(?:wok)+|(?:ak){3,}|(?:cu){2,}k?)\b")
_ELONGATION = re.compile(r"([a-z])\1{2,}")
_REDUP = re.compile(r"^([a-z]{2,})2$")
_PUNCT_KEEP = re.compile(r"([?!])")
_NON_TOKEN = re.compile(r"[^\w@$?! \n]|_(?![a-z])")
_NEWLINES = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SYMBOL = re.compile(r"[^\x00-\x7f\w]")
_LEET = str.maketrans({"4": "a", "0": "o", "3": "e", "5": "s", "7": "t", "8": "b", "9": "g",
                       "6": "g", "@": "a", "$": "s"})
_DIGITS = re.compile(r"^(\d*)(.*?)(\d{2,})?$")


def _join_spaced(match: re.Match[str]) -> str:
    chunk = match.group(0)
    # "w w w . x y z" keeps its dots (a spaced-out link); "s.l.o.t" and "s l o t" drop them.
    keep_dots = " ." in chunk or ". " in chunk
    out = [ch for ch in chunk if ch.isalnum() or (keep_dots and ch == ".")]
    return " " + "".join(out) + " "


def _url_token(match: re.Match[str]) -> str:
    url = match.group(0)
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/")[0]
    if host.endswith(".go.id"):
        return " url_pemerintah "
    label = host.split(".")[0]
    return f" url_tautan {label} " if label and label.isalnum() else " url_tautan "


def _fix_token(token: str) -> str:
    """Reduplication (hati2), numbers glued to words, and leetspeak inside words."""
    redup = _REDUP.match(token)
    if redup:
        return f"{redup.group(1)} {redup.group(1)}"
    token = token.strip("@$")
    if not token or token.isdigit() or token.isalpha():
        return token
    lead, core, trail = _DIGITS.match(token).groups()  # type: ignore[union-attr]
    if core and not core.isalpha() and sum(c.isalpha() for c in core) >= 2:
        if "1" in core:
            as_i = core.translate(_LEET).replace("1", "i")
            as_l = core.translate(_LEET).replace("1", "l")
            core = as_l if as_l in known_words() and as_i not in known_words() else as_i
        else:
            core = core.translate(_LEET)
    return " ".join(part for part in (lead, core, trail) if part)


def _fold(text: str) -> str:
    """Unicode folding: look-alike letters, compatibility forms, accents and emoji."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = text.translate(_LETTERS).translate(_emoji_table())
        text = unicodedata.normalize("NFKD", text)
        # Combining marks (accents, "zalgo") go; remaining symbols (unknown emoji, box drawing,
        # decorations) become spaces; letters of other scripts stay.
        text = _SYMBOL.sub(" ", _COMBINING.sub("", text))
    return text.lower().replace("\\n", " ")


_ANY_DIGIT = re.compile(r"\d")
_SLOW_TOKENS = re.compile(r"[\d@$?!]")


def _on_lines(lines: list[str], wanted: Callable[[str], Any],
              passes: Sequence[tuple[re.Pattern[str], Any]]) -> None:
    """Run pattern passes over only the lines that can match them (all passes need `wanted`)."""
    picked = [i for i, line in enumerate(lines) if wanted(line)]
    if not picked:
        return
    text = "\n".join([lines[i] for i in picked])
    for pattern, replacement in passes:
        text = pattern.sub(replacement, text)
    for i, line in zip(picked, text.split("\n"), strict=True):
        lines[i] = line


def _substitute(text: str) -> list[str]:
    """Every pattern pass over a batch joined by newlines (no pattern crosses one); its lines.

    Passes that need a dot, an @ or a digit run only on the lines that have one: most comments
    have none, and each pass costs a scan of its whole input."""
    lines = _SPACED.sub(_join_spaced, text).split("\n")
    _on_lines(lines, lambda line: "." in line or "://" in line, [(_URL, _url_token)])
    _on_lines(lines, lambda line: "@" in line, [(_LEADING_MENTIONS, ""),
                                                (_MENTION, " mention_pengguna ")])
    _on_lines(lines, _ANY_DIGIT.search, [(_PHONE, " num_telepon "), (_NIK, " num_nik "),
                                         (_MONEY, " num_uang ")])
    text = _ELONGATION.sub(r"\1", "\n".join(lines))
    text = _LAUGH.sub(" emo_tertawa ", text)
    text = _PUNCT_KEEP.sub(r" \1 ", text)
    return _NON_TOKEN.sub(" ", text).split("\n")


def _tokens(line: str, slang: dict[str, str]) -> str:
    if not _SLOW_TOKENS.search(line):
        # Only letters and underscores: no leetspeak, reduplication or punctuation to handle.
        return " ".join([slang.get(token, token) for token in line.split()])
    out: list[str] = []
    previous = ""
    for token in line.split():
        if not token.isalpha() and not token.startswith(("emo_", "num_", "url_", "mention_")):
            token = _fix_token(token)
            if " " in token:
                out.extend(slang.get(part, part) for part in token.split())
                continue
        if token in ("?", "!") and token == previous:
            continue  # "??????" carries no more than "?"
        previous = token
        out.append(slang.get(token, token))
    return " ".join(out)


def normalise_batch(texts: Iterable[str | None]) -> list[str]:
    """Normalise a batch of comments (any iterable of str/None) to space-separated tokens."""
    folded = [_fold(t if isinstance(t, str) else ("" if t is None else str(t))) for t in texts]
    # Newlines inside a comment are spaces; the batch is then joined by newlines so that each
    # regex pass runs once over the whole batch instead of once per comment.
    # (Every character _NEWLINES matches is unprintable, so printable texts skip the pass.)
    joined = "\n".join([t if t.isprintable() else _NEWLINES.sub(" ", t) for t in folded])
    slang = slang_lexicon()
    return [_tokens(line, slang) for line in _substitute(joined)][: len(folded)]


def normalise(text: str | None) -> str:
    """Normalise one comment (same result as in a batch)."""
    return normalise_batch([text])[0]


def cues(normalised: str) -> list[tuple[str, str]]:
    """Cue phrases found in one normalised text, as (phrase, category) pairs."""
    lexicon = cue_lexicon()
    words = normalised.split()
    found = [(w, c) for w in words if w in lexicon for c in lexicon[w]]
    if not _bigram_firsts().isdisjoint(words):
        for a, b in zip(words, words[1:], strict=False):
            for c in lexicon.get(f"{a} {b}", ()):
                found.append((f"{a} {b}", c))
    if found:
        found += _combinations({c for _, c in found})
    return found


def _combinations(categories: set[str]) -> list[tuple[str, str]]:
    """Rules over cue categories that a linear model cannot form by itself."""
    combos = []
    if "praise" in categories and ("complaint" in categories or "critique" in categories):
        combos.append(("pujian+keluhan", "combo_sarcasm"))  # praise around a complaint: sarcasm
    if "sara" in categories and ("profanity" in categories or "target" in categories):
        # A group word (suku, religion, race) with a swear word or a "dasar …" aimed at someone:
        # the shape of a slur, which neither word alone carries.
        combos.append(("sara+umpatan", "combo_sara_insult"))
    if "profanity" in categories:
        targeted = "target" in categories or "sara" in categories
        combos.append(("umpatan+sasaran" if targeted else "umpatan_tanpa_sasaran",
                       "combo_profanity_targeted" if targeted else "combo_profanity_untargeted"))
    return combos


@cache
def _bigram_firsts() -> frozenset[str]:
    return frozenset(p.split()[0] for p in cue_lexicon() if " " in p)


def cue_batch(normalised: Sequence[str]) -> list[list[tuple[str, str]]]:
    """Cues of a batch of normalised texts."""
    return [cues(text) for text in normalised]
