"""Indonesian comments under the demo's posts: kinds in realistic shares, bursts, slang and spam."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from . import phrases as ph
from .accounts import END, WIB, rng
from .captions import JALAN, KELURAHAN, RUTE, SUNGAI, WILAYAH
from .model import AccountModel
from .people import handle_for, person_name, spam_handle

KINDS = ("question", "complaint", "urgent", "criticism", "sarcasm", "insult", "threat", "spam",
         "praise", "chatter")
BASE_MIX = np.array([0.17, 0.14, 0.015, 0.10, 0.03, 0.035, 0.005, 0.08, 0.18, 0.245])
TOPIC_MIX: dict[str, dict[str, float]] = {
    "banjir": {"complaint": 1.5, "urgent": 3.0, "praise": 1.1},
    "bencana": {"urgent": 2.5, "praise": 1.2},
    "bansos": {"question": 1.9, "complaint": 1.2},
    "adminduk": {"question": 1.6, "complaint": 1.5},
    "pajak": {"question": 1.5, "criticism": 1.3, "sarcasm": 1.5},
    "kegiatan_gubernur": {"criticism": 1.8, "sarcasm": 2.0, "praise": 1.2, "insult": 1.3},
    "jalan": {"complaint": 1.6, "sarcasm": 1.5, "urgent": 0.5},
    "transportasi": {"complaint": 1.4, "question": 1.2},
    "kesehatan": {"question": 1.3, "praise": 1.2},
    "lingkungan": {"praise": 1.4, "chatter": 1.2},
}
TEMPLATES = {"question": ph.QUESTION, "complaint": ph.COMPLAINT, "urgent": ph.URGENT,
             "criticism": ph.CRITICISM, "sarcasm": ph.SARCASM, "insult": ph.INSULT,
             "threat": ph.THREAT, "praise": ph.PRAISE, "chatter": ph.CHATTER}
END_UTC = datetime(END.year, END.month, END.day, 23, 59, tzinfo=UTC) - WIB


@dataclass
class Comment:
    """One generated comment with its ground-truth kind (never written to the export files)."""

    comment_id: str
    post_index: int
    parent: int | None          # index of the parent within the account's list
    author: str
    author_id: str
    text: str
    created: datetime           # aware UTC
    likes: int
    hidden: bool
    kind: str
    issue: str | None
    official: bool = False


_BOLD = {c: chr(0x1D5D4 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")} | \
    {c: chr(0x1D5EE + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")} | \
    {c: chr(0x1D7EC + i) for i, c in enumerate("0123456789")}
_DOUBLE = {c: chr(0x1D538 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
           if c not in "CHNPQRZ"}
_LEET = str.maketrans({"o": "0", "a": "4", "i": "1", "e": "3", "O": "0", "A": "4", "I": "1"})


def _obfuscate(r: random.Random, text: str) -> str:
    """Judi spam dodges filters: leetspeak, math-bold letters, spacing, fullwidth digits."""
    choice = r.random()
    if choice < 0.3:
        return text.translate(_LEET) if r.random() < 0.7 else text.replace("o", "0")
    if choice < 0.5:
        return "".join(_BOLD.get(c, c) for c in text.upper())
    if choice < 0.6:
        return "".join(_DOUBLE.get(c, c) for c in text.upper())
    if choice < 0.75:
        return " ".join(text.upper())
    return text


def _spam(r: random.Random) -> str:
    site = r.choice(ph.SPAM_SITES)
    bait = _obfuscate(r, r.choice(ph.SPAM_BAIT))
    cta = r.choice(ph.SPAM_CTA).format(site=site.lower() if r.random() < 0.5 else site,
                                       n=r.randrange(0, 10))
    parts = [bait, cta] if r.random() < 0.7 else [cta, bait]
    text = " ".join(parts)
    if r.random() < 0.4:
        text = r.choice(("mantap min 🔥 ", "info bagus, btw ", "setuju! ", "")) + text
    if r.random() < 0.5:
        text += " " + "".join(r.choice(("🔥", "💰", "🎰", "💸", "🤑")) for _ in range(r.randrange(1, 4)))
    return text


def _slangify(r: random.Random, text: str) -> str:
    """Chat spelling: slang and Betawi variants, dropped letters, stretched words, caps."""
    words = text.split(" ")
    out = []
    for w in words:
        low = w.lower()
        if low in ph.SLANG and r.random() < 0.6:
            w = r.choice(ph.SLANG[low])
        elif len(w) > 4 and r.random() < 0.04:
            i = r.randrange(1, len(w) - 1)
            w = w[:i] + w[i + 1:]  # typo: a dropped letter
        elif len(w) > 3 and r.random() < 0.03:
            w = w + w[-1] * r.randrange(2, 5)
        out.append(w)
    text = " ".join(out)
    if "terima kasih" in text.lower() and r.random() < 0.6:
        text = text.replace("Terima kasih", r.choice(ph.SLANG["terima kasih"])).replace(
            "terima kasih", r.choice(ph.SLANG["terima kasih"]))
    if r.random() < 0.5:
        text = text.lower()
    return text


class CommentWriter:
    """Generate an account's comments; `kinds` counts the ground truth."""

    def __init__(self, seed: int, model: AccountModel) -> None:
        self.model = model
        self.r = random.Random(f"{seed}:{model.spec.key}:comments")
        self.np = rng(seed, model.spec.key, "comments")
        platform = model.spec.platform
        self.authors = [handle_for(self.r, platform) for _ in range(2500)]
        self.names = [person_name(self.r) for _ in range(2500)]
        self.author_ids = [str(self.r.randrange(10**9, 10**11)) for _ in range(2500)]
        self.kinds: Counter[str] = Counter()
        self.issues: Counter[str] = Counter()

    def _fill(self, template: str) -> str:
        r = self.r
        at = f"@{r.choice(self.authors)}"
        text = template.replace("{at}", at, 1).replace("{at}", f"@{r.choice(self.authors)}")
        return text.format(a=r.choice(ph.ADDRESS), kel=r.choice(KELURAHAN), wil=r.choice(WILAYAH),
                           jalan=r.choice(JALAN), sungai=r.choice(SUNGAI), rute=r.choice(RUTE),
                           thing=r.choice(ph.THINGS), n=r.randrange(2, 9)).replace("  ", " ").strip()

    def _text(self, kind: str, issue: str | None) -> str:
        r = self.r
        if kind == "spam":
            return _spam(r)
        base = kind if kind in TEMPLATES else "chatter"
        text = self._fill(r.choice(ph.ISSUES[issue][1] if issue else TEMPLATES[base]))
        if kind not in ("chatter",) and r.random() < 0.12:
            text += ". " + self._fill(r.choice(TEMPLATES[base]))  # two thoughts in one comment
        text = " ".join(x for x in (r.choice(ph.OPENERS[base]), text, r.choice(ph.CLOSERS[base])) if x)
        if kind in ("urgent", "insult", "threat") and r.random() < 0.3:
            text = text.upper()
        elif r.random() < 0.55:
            text = _slangify(r, text)
        if r.random() < 0.35:
            palette = ph.EMOJI_BY_KIND[base] if r.random() < 0.8 else ph.EMOJI
            text += " " + "".join(r.choice(palette) for _ in range(r.randrange(1, 3)))
        if text and text[0] == " ":
            text = text.strip()
        return text or "👍"

    def _comment_id(self, post_index: int, n: int) -> str:
        platform, model = self.model.spec.platform, self.model
        r = self.r
        if platform == "instagram":
            return str(r.randrange(17_840_000_000_000_000, 18_500_000_000_000_000))
        if platform == "facebook":
            return f"{model.post_id[post_index].split('_')[1]}_{r.randrange(10**15, 10**16)}"
        if platform in ("x", "tiktok"):
            return str(r.randrange(10**18, 2 * 10**18))
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return "Ug" + "".join(r.choice(alphabet) for _ in range(18)) + "4AaABAg"

    def generate(self) -> list[Comment]:
        """Every comment of the account, top-level first then replies, in post order."""
        model, r, g = self.model, self.r, self.np
        out: list[Comment] = []
        reach = model.m["reach"]
        big = reach > np.quantile(reach, 0.9) if model.n else reach
        for i in range(model.n):
            total = int(model.m["comments"][i])
            if total == 0:
                continue
            mix = BASE_MIX.copy()
            for kind, factor in TOPIC_MIX.get(model.topic[i], {}).items():
                mix[KINDS.index(kind)] *= factor
            if big[i]:
                mix[KINDS.index("spam")] *= 2.0  # spammers chase the big posts
            if model.spec.platform == "x":
                mix[KINDS.index("spam")] *= 0.5
            mix /= mix.sum()
            n_replies = int(round(total * 0.15))
            kinds = g.choice(len(KINDS), size=total - n_replies, p=mix)
            topic_issues = [k for k, (topics, _) in ph.ISSUES.items() if model.topic[i] in topics]
            hot = r.choice(topic_issues) if topic_issues else None
            delays = g.lognormal(np.log(3.0), 1.3, size=total)  # hours: a burst after the post
            first = len(out)
            for j, k in enumerate(kinds):
                kind = KINDS[k]
                issue = hot if hot and kind in ("question", "complaint") and r.random() < 0.35 else None
                out.append(self._make(i, None, kind, issue, model.published[i] + timedelta(hours=float(delays[j]))))
            tops = list(range(first, len(out)))
            for _ in range(n_replies):
                p = r.choice(tops)
                parent = out[p]
                when = parent.created + timedelta(hours=float(g.lognormal(0, 1.0)))
                if parent.kind in ("question", "complaint", "urgent") and r.random() < 0.6:
                    out.append(self._official(i, p, parent, when))
                else:
                    kind = "chatter" if r.random() < 0.5 else r.choice(("criticism", "praise", "question", "insult"))
                    out.append(self._make(i, p, kind, None, when))
        return out

    def _make(self, post: int, parent: int | None, kind: str, issue: str | None,
              when: datetime) -> Comment:
        r = self.r
        self.kinds[kind] += 1
        if issue:
            self.issues[issue] += 1
        if kind == "spam":
            author, author_id = spam_handle(r), str(r.randrange(10**9, 10**11))
        else:
            k = min(int(self.np.zipf(1.5)) - 1, len(self.authors) - 1)  # a few people comment a lot
            k = (k * 7919 + r.randrange(0, 3)) % len(self.authors) if k > 40 else k
            author = self.names[k] if self.model.spec.platform == "facebook" else self.authors[k]
            author_id = self.author_ids[k]
        hidden = (kind == "spam" and r.random() < 0.4) or (kind in ("insult", "threat") and r.random() < 0.2)
        likes = int(self.np.zipf(2.2)) - 1 + (r.randrange(0, 40) if kind in ("criticism", "sarcasm") and r.random() < 0.2 else 0)
        return Comment(self._comment_id(post, 0), post, parent, author, author_id, self._text(kind, issue),
                       min(when, END_UTC), min(likes, 5000), hidden, kind, issue)

    def _official(self, post: int, parent_index: int, parent: Comment, when: datetime) -> Comment:
        spec = self.model.spec
        self.kinds["official_reply"] += 1
        text = self.r.choice(ph.OFFICIAL_REPLIES)
        if spec.platform != "facebook":
            text = f"@{parent.author} {text}"
        author = spec.display_name if spec.platform == "facebook" else spec.handle
        return Comment(self._comment_id(post, 0), post, parent_index, author, spec.asset_id, text,
                       min(when, END_UTC), 0, False, "official_reply", None, True)
