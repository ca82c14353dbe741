"""The numbers behind the demo: posts with heavy-tailed reach and daily account series."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from . import captions
from .accounts import (
    DAYS,
    START,
    TOPIC_INDEX,
    TOPICS,
    AccountSpec,
    flood_events,
    rainy_season,
    rng,
    weekday_index,
)

WEEKDAY_POSTING = np.array([1.0, 1.05, 1.0, 1.0, 0.95, 0.45, 0.35])
WEEKDAY_AUDIENCE = np.array([1.0, 1.02, 1.0, 0.98, 0.95, 0.78, 0.82])
POST_TYPES = {
    "instagram": (("reel", "carousel", "image"), (0.45, 0.35, 0.2)),
    "facebook": (("photo", "reel", "video", "link", "status"), (0.45, 0.2, 0.1, 0.15, 0.1)),
    "tiktok": (("video",), (1.0,)),
    "x": (("text", "photo", "video"), (0.45, 0.4, 0.15)),
    "youtube": (("video", "short", "live"), (0.55, 0.4, 0.05)),
}
TYPE_EFFECT = {"reel": 0.35, "carousel": 0.0, "image": -0.25, "photo": 0.0, "video": 0.15,
               "link": -0.5, "status": -0.6, "text": -0.1, "short": 0.5, "live": -0.4}
BASE_RATIO = {"instagram": 0.16, "facebook": 0.09, "tiktok": 0.4, "x": 0.06, "youtube": 0.25}
SIGMA = {"instagram": 0.85, "facebook": 0.85, "tiktok": 1.25, "x": 1.05, "youtube": 1.0}
MATURITY_DAYS = {"instagram": 1.2, "facebook": 1.0, "tiktok": 3.0, "x": 0.4, "youtube": 20.0}
# Topics that do better on one platform than another (log multipliers on reach).
TOPIC_PLATFORM = {
    ("banjir", "x"): 0.9, ("banjir", "instagram"): 0.2, ("banjir", "facebook"): 0.3,
    ("bencana", "x"): 0.6, ("transportasi", "x"): 0.3, ("lingkungan", "tiktok"): 0.3,
    ("kesehatan", "tiktok"): 0.2, ("bansos", "facebook"): 0.4, ("bansos", "instagram"): 0.2,
    ("kegiatan_gubernur", "instagram"): -0.25, ("kegiatan_gubernur", "tiktok"): -0.5,
    ("kegiatan_gubernur", "x"): -0.4, ("kegiatan_gubernur", "facebook"): 0.25,
    ("kegiatan_gubernur", "youtube"): 0.2, ("pajak", "instagram"): -0.35, ("pajak", "x"): -0.35,
    ("pajak", "tiktok"): -0.35, ("adminduk", "instagram"): -0.2, ("adminduk", "x"): -0.2,
}
TOPIC_COMMENTS = {"bansos": 2.5, "banjir": 1.6, "adminduk": 1.8, "pajak": 1.3, "jalan": 1.5,
                  "transportasi": 1.4, "kegiatan_gubernur": 1.3, "kesehatan": 1.0,
                  "lingkungan": 0.6, "bencana": 1.2}
BTS_EFFECT = {"tiktok": 0.9, "instagram": 0.7}
KERNEL_DAYS = 30
# Collaborators outside the demo's own accounts (their posts carry ours as co-author).
PARTNERS = ("transjakarta.demo", "dinaslh.jakarta.demo", "jakartasmartcity.demo",
            "bpbd.jakarta.demo", "satpolpp.jakarta.demo")


@dataclass
class AccountModel:
    """Everything generated for one account: its posts (arrays + texts) and its daily series."""

    spec: AccountSpec
    day: np.ndarray                      # day index of each post
    published: list[datetime]            # aware UTC
    topic: list[str]
    post_type: list[str]
    bts: np.ndarray
    collab: np.ndarray
    caption: list[str]
    title: list[str]
    post_id: list[str]
    permalink: list[str]
    m: dict[str, np.ndarray]             # lifetime metrics as of the end, per post
    daily: dict[str, np.ndarray]         # per day of the window
    followers: np.ndarray                # end-of-day followers
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.day)

    def maturity(self, age_days: np.ndarray) -> np.ndarray:
        """Share of a post's lifetime totals reached `age_days` after publishing."""
        tau = MATURITY_DAYS[self.spec.platform]
        return np.clip(1 - np.exp(-(np.maximum(age_days, 0) + 0.3) / tau), 0, 1)


def _agency(spec: AccountSpec) -> str:
    return spec.key.split("_")[0]


def _ids(spec: AccountSpec, r: np.random.Generator, published: list[datetime],
         post_type: list[str]) -> tuple[list[str], list[str]]:
    """Platform-shaped post ids and permalinks (X and TikTok ids embed the time like real ones)."""
    ids: list[str] = []
    links: list[str] = []
    alphabet = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
    for ts, kind in zip(published, post_type, strict=True):
        ms = int(ts.timestamp() * 1000)
        code = "".join(alphabet[r.integers(0, 64, size=11)])
        if spec.platform == "instagram":
            pid = str(int(r.integers(17_800_000_000_000_000, 18_600_000_000_000_000)))
            links.append(f"https://www.instagram.com/{'reel' if kind == 'reel' else 'p'}/"
                         f"{code.replace('-', 'x').replace('_', 'Q')}/")
        elif spec.platform == "facebook":
            pid = f"{spec.asset_id}_{int(r.integers(10**15, 10**16))}"
            links.append(f"https://www.facebook.com/{pid.split('_')[0]}/posts/{pid.split('_')[1]}")
        elif spec.platform == "x":
            pid = str(((ms - 1288834974657) << 22) | int(r.integers(0, 2**22)))
            links.append(f"https://x.com/{spec.handle}/status/{pid}")
        elif spec.platform == "tiktok":
            pid = str((int(ts.timestamp()) << 32) | int(r.integers(0, 2**32)))
            links.append(f"https://www.tiktok.com/@{spec.handle}/video/{pid}")
        else:
            pid = code
            links.append(f"https://www.youtube.com/{'shorts/' if kind == 'short' else 'watch?v='}{pid}")
        ids.append(pid)
        # (a YouTube id may start with '-': Studio then writes it with a leading space)
    return ids, links


def build_account(spec: AccountSpec, seed: int) -> AccountModel:
    """Posts and daily series of one account, fully determined by the seed."""
    r = rng(seed, spec.key, "posts")
    py = random.Random(f"{seed}:{spec.key}:text")
    weekday = weekday_index()
    rainy = rainy_season()
    events = np.zeros(DAYS)
    for first, length in flood_events(seed):
        events[first:first + length] = 1.0
    water = _agency(spec) in ("dsda", "bpbd")
    alert_boost = (4.0 if spec.platform == "x" else 1.6) if water else 1.0
    rate = spec.posts_per_weekday * WEEKDAY_POSTING[weekday] * (1 + (alert_boost - 1) * events)
    counts = r.poisson(rate)
    day = np.repeat(np.arange(DAYS), counts)
    n = len(day)
    # Topics: flood and disaster topics swell in the rainy season and during floods.
    weights = np.array([spec.topics.get(t, 0.005) for t in TOPICS])
    season = np.ones((n, len(TOPICS)))
    for t in ("banjir", "bencana"):
        season[:, TOPIC_INDEX[t]] = 0.4 + 1.6 * rainy[day] + 8.0 * events[day]
    p = weights * season
    p /= p.sum(axis=1, keepdims=True)
    topic_idx = (p.cumsum(axis=1) > r.random((n, 1))).argmax(axis=1)
    topic = [TOPICS[i] for i in topic_idx]
    kinds, kind_p = POST_TYPES[spec.platform]
    post_type = [kinds[i] for i in r.choice(len(kinds), size=n, p=kind_p)]
    video_like = np.array([k in ("reel", "video", "short", "live") for k in post_type])
    bts = video_like & (r.random(n) < 0.18)
    collab = (r.random(n) < (0.06 if spec.platform in ("instagram", "facebook") else 0.0))
    # Publish times (WIB): office hours, evening, early morning; flood alerts at any hour.
    hour = r.choice([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], size=n,
                    p=np.array([4, 6, 8, 10, 8, 9, 8, 6, 7, 9, 7, 6, 5, 4, 3]) / 100)
    alerts = (events[day] > 0) & np.isin(topic_idx, [TOPIC_INDEX["banjir"], TOPIC_INDEX["bencana"]])
    hour = np.where(alerts, r.integers(0, 24, size=n), hour)
    minute = r.integers(0, 60, size=n)
    published = [datetime.combine(START + timedelta(days=int(d)), datetime.min.time(), tzinfo=UTC)
                  + timedelta(hours=int(h) - 7, minutes=int(mi))
                  for d, h, mi in zip(day, hour, minute, strict=True)]
    order = np.argsort(np.array([p_.timestamp() for p_ in published]), kind="stable")
    day, topic_idx, hour = day[order], topic_idx[order], hour[order]
    topic = [topic[i] for i in order]
    post_type = [post_type[i] for i in order]
    published = [published[i] for i in order]
    video_like, bts, collab, alerts = video_like[order], bts[order], collab[order], alerts[order]
    # Reach: followers at the time × a lognormal ratio with platform/topic/type effects + rare virals.
    f0 = spec.followers_end / spec.growth
    plan = f0 * spec.growth ** (np.arange(DAYS) / (DAYS - 1))
    effect = np.array([TOPIC_PLATFORM.get((t, spec.platform), 0.0) + TYPE_EFFECT[k]
                       for t, k in zip(topic, post_type, strict=True)])
    effect += bts * BTS_EFFECT.get(spec.platform, 0.2)
    effect += events[day] * np.isin(topic_idx, [TOPIC_INDEX["banjir"], TOPIC_INDEX["bencana"]]) \
        * (1.6 if spec.platform == "x" else 1.0)
    effect -= 0.15 * (weekday[day] >= 5)
    viral = (r.random(n) < 0.025) * np.log(3 + 3 * r.pareto(1.2, size=n))
    log_ratio = np.log(BASE_RATIO[spec.platform]) + effect + SIGMA[spec.platform] * r.standard_normal(n) + viral
    reach = np.round(plan[day] * np.exp(np.minimum(log_ratio, np.log(60)))) + 20
    rel = np.log(reach / plan[day]) - np.log(BASE_RATIO[spec.platform])
    nf_share = 1 / (1 + np.exp(-(-0.6 + 1.1 * rel + 0.6 * video_like)))
    ln = r.lognormal
    m: dict[str, np.ndarray] = {"reach": reach}
    m["reach_nf"] = np.round(reach * nf_share)
    m["reach_f"] = reach - m["reach_nf"]
    m["views"] = np.round(reach * (1.25 + 0.9 * video_like + r.random(n) * 0.6))
    m["likes"] = np.round(reach * ln(np.log(0.045), 0.45, n) * (1.3 if spec.platform == "tiktok" else 1))
    lam = reach * np.array([TOPIC_COMMENTS[t] for t in topic]) * (1 + 1.5 * events[day])
    m["comments"] = r.poisson(lam * spec.comment_target / lam.sum()).astype(float)
    m["shares"] = np.round(reach * ln(np.log(0.004), 0.8, n) * (1 + 2 * (viral > 0)))
    carousel = np.array([k == "carousel" for k in post_type])
    m["saves"] = np.round(reach * ln(np.log(0.003), 0.7, n) * (1 + carousel))
    m["follows"] = np.round(m["reach_nf"] * ln(np.log(0.0025), 0.6, n))
    m["profile_visits"] = np.round(reach * ln(np.log(0.012), 0.5, n))
    link = np.array([k == "link" for k in post_type]) | (np.array(topic) == "bansos")
    m["link_clicks"] = np.round(reach * (0.002 + 0.02 * link) * ln(0, 0.4, n))
    m["duration"] = np.where(video_like, np.round(ln(np.log(40), 0.5, n)), 0.0)
    if spec.platform == "youtube":
        short = np.array([k == "short" for k in post_type])
        m["duration"] = np.where(short, r.integers(15, 60, n), np.round(ln(np.log(420), 0.6, n)))
        m["impressions"] = np.round(reach / np.clip(ln(np.log(0.05), 0.4, n), 0.01, 0.3))
        m["avd"] = np.round(m["duration"] * np.clip(ln(np.log(0.38), 0.3, n), 0.05, 0.95))
        m["watch_h"] = np.round(reach * m["avd"] / 3600, 4)
        m["subscribers"] = np.round(reach * 0.004 * ln(0, 0.6, n)) - (r.random(n) < 0.04) * 3
        m["likes"] = np.round(reach * ln(np.log(0.03), 0.4, n))
    if spec.platform == "x":
        eng = np.round(reach * ln(np.log(0.025), 0.5, n)) + m["comments"]
        m["engagements"] = eng
        m["likes"] = np.round(eng * 0.42)
        m["reposts"] = np.round(eng * 0.09 * (1 + 2 * alerts))
        m["bookmarks"] = np.round(eng * 0.04)
        m["detail_expands"] = np.round(eng * 0.2)
        m["url_clicks"] = np.round(eng * 0.05 * link)
        m["hashtag_clicks"] = np.round(eng * 0.01)
        m["permalink_clicks"] = np.round(eng * 0.02)
        m["profile_visits"] = np.round(eng * 0.06)
        m["follows"] = np.round(reach * 0.0004 * ln(0, 0.5, n))
        m["shares"] = np.round(eng * 0.01)
    agency = _agency(spec)
    partners = list(PARTNERS)
    caption_list: list[str] = []
    titles: list[str] = []
    for i in range(n):
        d = START + timedelta(days=int(day[i]) + 3)
        partner = py.choice(partners) if collab[i] and partners else None
        caption_list.append(captions.caption(py, topic[i], spec.platform, agency, bool(bts[i]),
                                             partner, d.day, d.month))
        titles.append(captions.youtube_title(py, topic[i], post_type[i] == "short")
                      if spec.platform == "youtube" else "")
    ids, links = _ids(spec, r, published, post_type)
    model = AccountModel(spec, day, published, topic, post_type, bts, collab, caption_list, titles,
                         ids, links, m, {}, np.zeros(DAYS))
    _daily(model, r, plan, weekday, events)
    return model


def _spread(model: AccountModel, values: np.ndarray) -> np.ndarray:
    """Distribute each post's lifetime total over the days after it went out."""
    ages = np.arange(KERNEL_DAYS + 1)
    cumulative = model.maturity(ages.astype(float))
    kernel = np.diff(np.concatenate([[0.0], cumulative]))[:KERNEL_DAYS]
    kernel /= kernel.sum()
    out = np.zeros(DAYS + KERNEL_DAYS)
    for a, w in enumerate(kernel):
        np.add.at(out, model.day + a, values * w)
    return out[:DAYS]


def _daily(model: AccountModel, r: np.random.Generator, plan: np.ndarray, weekday: np.ndarray,
           events: np.ndarray) -> None:
    """Daily account series consistent with the posts, with weekly rhythm, jumps and drops."""
    spec, m = model.spec, model.m
    audience = WEEKDAY_AUDIENCE[weekday]
    wobble = np.exp(np.cumsum(r.normal(0, 0.04, DAYS)) * 0.5)  # slow drift, not white noise
    wobble /= wobble.mean()
    base_reach = plan * 0.015 * audience * wobble * (1 + 0.8 * events)
    reach = np.round(0.8 * _spread(model, m["reach"]) + base_reach)
    views = np.round(_spread(model, m["views"]) + base_reach * 1.6)
    interactions = np.round(_spread(model, m["likes"] + m["comments"] + m["shares"] + m["saves"])
                            + base_reach * 0.01)
    visits = np.round(_spread(model, m["profile_visits"]) + base_reach * 0.01)
    clicks = np.round(_spread(model, m["link_clicks"]) + base_reach * 0.0008 * r.random(DAYS))
    # Followers: organic follows by weekday, jumps after viral posts, two drops a year.
    post_follows = _spread(model, m["follows"])
    unfollows = plan * 0.0004 * np.exp(r.normal(0, 0.25, DAYS))
    drop_day = int(r.integers(150, 330))
    unfollows[drop_day:drop_day + 2] += plan[drop_day] * 0.003  # a criticised post
    if spec.platform == "instagram":
        unfollows[(START.replace(year=2026, month=5, day=14) - START).days] += plan[194] * 0.012  # purge
    net_target = spec.followers_end - plan[0]
    base_needed = net_target + unfollows.sum() - post_follows.sum()
    shape = audience * wobble
    base_follows = shape * max(base_needed, 0.05 * net_target) / shape.sum()
    follows = np.round(post_follows + base_follows)
    unfollows = np.round(unfollows)
    followers = np.round(plan[0] + np.cumsum(follows - unfollows))
    model.followers = followers
    model.daily = {"reach": reach, "views": views, "interactions": interactions,
                   "profile_visits": visits, "link_clicks": clicks, "follows": follows,
                   "unfollows": unfollows, "followers": followers,
                   "likes": np.round(_spread(model, m["likes"]) + base_reach * 0.008),
                   "comments": np.round(_spread(model, m["comments"])),
                   "shares": np.round(_spread(model, m["shares"]) + base_reach * 0.0005),
                   "posts": np.bincount(model.day, minlength=DAYS).astype(float)}


