"""Meta exports of the demo: Business Suite content/series/audience CSVs and Graph API comments."""

from __future__ import annotations

import json
import random
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from . import captions
from . import files as f
from .accounts import EXPORTED_AT
from .audience import AGES, Snapshot
from .comments import Comment
from .model import PARTNERS, AccountModel

IG_TYPES = {"reel": "IG reel", "carousel": "IG carousel", "image": "IG image"}
FB_TYPES = {"photo": "Photos", "reel": "Reels", "video": "Videos", "link": "Links", "status": "Status"}
IG_HEADER = ("Post ID", "Account ID", "Account username", "Account name", "Description",
             "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date")
# Meta ships the same metrics in two orders; later months use the second one.
IG_METRICS_A = ("Views", "Likes", "Shares", "Comments", "Saves", "Reach", "Follows")
IG_METRICS_B = ("Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves")
FB_HEADER = ("Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
             "Publish time", "Caption type", "Permalink", "Is crosspost", "Is share", "Post type",
             "Languages", "Custom labels", "Funded content status", "Data comment", "Date",
             "Views", "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares",
             "Total clicks", "Other Clicks", "Matched Audience Targeting Consumption (Photo Click)")
SERIES = {"instagram": (("Reach", "reach"), ("Views", "views"), ("Instagram follows", "follows"),
                        ("Content interactions", "interactions"),
                        ("Instagram link clicks", "link_clicks"),
                        ("Instagram profile visits", "profile_visits")),
          "facebook": (("Reach", "reach"), ("Views", "views"), ("Facebook follows", "follows"),
                       ("Content interactions", "interactions"),
                       ("Facebook link clicks", "link_clicks"), ("Facebook visits", "profile_visits"))}
FILE_NAMES = {"reach": "Reach", "views": "Views", "follows": "Follows",
              "interactions": "Interactions", "link_clicks": "Link clicks",
              "profile_visits": "Visits"}


def _values_at(model: AccountModel, rows: np.ndarray, when_day: float) -> dict[str, np.ndarray]:
    """Lifetime totals of some posts as a download on `when_day` (day index) shows them."""
    age = when_day - (model.day[rows] + 0.5)
    share = model.maturity(age)
    return {k: np.round(v[rows] * share) for k, v in model.m.items() if k != "duration"}


def _export_name(first: int, last: int, asset: str) -> str:
    a, b = f.day_of(first), f.day_of(last)
    return (f"{f.MONTHS_EN[a.month - 1]}-{a.day:02d}-{a.year}_"
            f"{f.MONTHS_EN[b.month - 1]}-{b.day:02d}-{b.year}_{asset}.csv")


def _partner_rows(model: AccountModel, quarter: int, first: int, last: int,
                  metrics: tuple[str, ...]) -> list[list[f.Cell]]:
    """Partners' collab posts listing this account: owner's name, Reach and Follows left empty."""
    r = random.Random(f"{model.spec.key}:partners:{quarter}")
    rows: list[list[f.Cell]] = []
    for _ in range(r.randrange(2, 5)):
        partner = r.choice(PARTNERS)
        day = r.randrange(first, last + 1)
        when = datetime.combine(f.day_of(day), datetime.min.time(), tzinfo=UTC) + \
            timedelta(hours=r.randrange(1, 14), minutes=r.randrange(60))
        kind = r.choice(("reel", "carousel"))
        topic = r.choice(tuple(model.spec.topics))
        views = int(model.followers[day] * r.lognormvariate(-1.2, 0.8))
        values = {"Views": views, "Likes": int(views * r.uniform(0.02, 0.06)),
                  "Shares": int(views * r.uniform(0.001, 0.006)), "Comments": r.randrange(3, 120),
                  "Saves": int(views * r.uniform(0.001, 0.004)), "Reach": None, "Follows": None}
        code = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(11))
        caption = captions.caption(r, topic, "instagram", "pemprov", False, model.spec.handle,
                                   f.day_of(day).day, f.day_of(day).month)
        rows.append([str(r.randrange(17_900_000_000_000_000, 18_500_000_000_000_000)),
                     str(17841400000000000 + zlib.crc32(partner.encode()) % 10**9), partner,
                     partner.split(".")[0].title(), caption,
                     r.randrange(20, 90) if kind == "reel" else 0, f.meta_time(when),
                     f"https://www.instagram.com/{'reel' if kind == 'reel' else 'p'}/{code}/",
                     IG_TYPES[kind], None, "Lifetime", *(values[m] for m in metrics)])
    return rows


def content_exports(model: AccountModel, folder: Path) -> list[Path]:
    """Quarterly Content exports, each downloaded two days after its quarter ended."""
    spec = model.spec
    out: list[Path] = []
    for number, (first, last) in enumerate(f.quarters()):
        rows = np.flatnonzero((model.day >= first) & (model.day <= last))
        when = min(f.download_time(f.day_of(last) + timedelta(days=2)), EXPORTED_AT)
        when_day = last + 2 + 0.4
        v = _values_at(model, rows, when_day)
        table: list[list[f.Cell]] = []
        if spec.platform == "instagram":
            metrics = IG_METRICS_A if number < 2 else IG_METRICS_B
            table.append([*IG_HEADER, *metrics])
            table += _partner_rows(model, number, first, last, metrics)
            for j, i in enumerate(rows):
                values = {"Views": v["views"][j], "Likes": v["likes"][j], "Shares": v["shares"][j],
                          "Comments": v["comments"][j], "Saves": v["saves"][j],
                          "Reach": v["reach"][j], "Follows": v["follows"][j]}
                table.append([model.post_id[i], spec.asset_id, spec.handle, spec.display_name,
                              model.caption[i], int(model.m["duration"][i]),
                              f.meta_time(model.published[i]), model.permalink[i],
                              IG_TYPES[model.post_type[i]], None, "Lifetime",
                              *(values[name] for name in metrics)])
        else:
            table.append(list(FB_HEADER))
            for j, i in enumerate(rows):
                reactions = v["likes"][j]
                rcs = reactions + v["comments"][j] + v["shares"][j]
                clicks = v["link_clicks"][j] + v["profile_visits"][j]
                photo_clicks = np.round(v["reach"][j] * 0.01) if model.post_type[i] == "photo" else None
                title = model.caption[i].split("\n")[0][:80] if model.post_type[i] in ("video", "reel") else None
                table.append([model.post_id[i], spec.asset_id, spec.display_name, title,
                              model.caption[i], int(model.m["duration"][i]),
                              f.meta_time(model.published[i]), "N/A", model.permalink[i], "No", "No",
                              FB_TYPES[model.post_type[i]], None, None, None, None, "Lifetime",
                              v["views"][j], v["reach"][j], rcs, reactions, v["comments"][j],
                              v["shares"][j], clicks, v["profile_visits"][j], photo_clicks])
        # Newest first, as Business Suite lists them (partners' collab posts interleaved).
        table[1:] = sorted(table[1:], key=lambda row: datetime.strptime(str(row[6]), "%m/%d/%Y %H:%M"),
                           reverse=True)
        path = folder / "content" / _export_name(first, last, spec.asset_id)
        out.append(f.save(path, f.encode(f.csv_text(table, f.quote_spaced), "utf-8-sig"), when))
    return out


def series_exports(model: AccountModel, folder: Path) -> list[Path]:
    """Overview exports for the whole year: one UTF-16 file per metric."""
    out: list[Path] = []
    for first, last in f.windows(12):
        when = min(f.download_time(f.day_of(last) + timedelta(days=1)), EXPORTED_AT)
        sub = folder / f"overview_{f.day_of(first).isoformat()}_{f.day_of(last).isoformat()}"
        for title, metric in SERIES[model.spec.platform]:
            rows: list[list[f.Cell]] = [[title], ["Date", "Primary"]]
            rows += [[f"{f.day_of(d).isoformat()}T00:00:00", model.daily[metric][d]]
                     for d in range(first, last + 1)]
            body = "sep=,\n" + f.csv_text(rows, f.quote_all) + "\n"
            out.append(f.save(sub / f"{FILE_NAMES[metric]}.csv", f.encode(body, "utf-16-le"), when))
    return out


def audience_exports(model: AccountModel, snaps: list[Snapshot], folder: Path) -> list[Path]:
    """Monthly Audience exports (UTF-16, blank-line separated blocks)."""
    word = "Instagram" if model.spec.platform == "instagram" else "Facebook"
    out: list[Path] = []
    for (_, last), snap in zip(f.months(), snaps, strict=True):
        when = min(f.download_time(f.day_of(last) + timedelta(days=1)), EXPORTED_AT)
        total = "IG_ACCOUNT,FOLLOW,UNIQUE_USERS" if word == "Instagram" else "PAGE,FOLLOW,UNIQUE_USERS"
        ages: list[list[f.Cell]] = [[age, f.percent(snap.age_gender[k, 0]),
                                     f.percent(snap.age_gender[k, 1])] for k, age in enumerate(AGES)]
        cities: list[list[f.Cell]] = [[city, f.percent(share)] for city, share in snap.cities]
        countries: list[list[f.Cell]] = [[name, f.percent(share)]
                                         for name, _, share in snap.countries[:10]]
        blocks: list[list[list[f.Cell]]] = [
            [[f"{word} followers"], [total], [snap.followers]],
            [[f"{word} followers by gender and age"], ["Age", "Women", "Men"], *ages],
            [[f"{word} followers by top cities"], ["Top cities", "Value"], *cities],
            [[f"{word} followers by top countries"], ["Top countries", "Value"], *countries],
        ]
        body = "sep=,\n" + "".join(f.csv_text(b, f.quote_all) + "\n" for b in blocks)
        path = folder / f"audience_{f.day_of(last).isoformat()}" / "Audience.csv"
        out.append(f.save(path, f.encode(body, "utf-16-le"), when))
    return out


def _by_window_and_post(model: AccountModel,
                         comments: list[Comment]) -> list[tuple[int, dict[int, list[int]]]]:
    """Top-level comment indexes by the fetch window their post went out in, then by post."""
    window_of = np.zeros(model.n, dtype=int)
    for k, (first, last) in enumerate(f.windows(f.COMMENT_MONTHS)):
        window_of[(model.day >= first) & (model.day <= last)] = k
    groups: dict[int, dict[int, list[int]]] = {}
    for index, c in enumerate(comments):
        if c.parent is None:
            window = groups.setdefault(int(window_of[c.post_index]), {})
            window.setdefault(c.post_index, []).append(index)
    return sorted(groups.items())


def _save_pages(pages: list[dict[str, Any]], window: int, folder: Path) -> Path:
    """A fetch window's API responses saved together as one JSON list, as a script keeps them."""
    first, _ = f.windows(f.COMMENT_MONTHS)[window]
    name = f"comments_{f.day_of(first).strftime('%Y-%m')}.json"
    body = json.dumps(pages, ensure_ascii=False)
    return f.save(folder / "graph_api" / name, body.encode("utf-8"), EXPORTED_AT)


def _children(comments: list[Comment]) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for index, c in enumerate(comments):
        if c.parent is not None:
            kids.setdefault(c.parent, []).append(index)
    return kids


def instagram_comment_pages(model: AccountModel, comments: list[Comment], folder: Path) -> list[Path]:
    """GET /<MEDIA_ID>/comments responses (50 per page, replies expanded), saved per fetch."""
    kids = _children(comments)
    product = {"reel": "REELS", "carousel": "FEED", "image": "FEED"}

    def node(c: Comment, parent: Comment | None) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": c.comment_id, "text": c.text, "timestamp": f.iso_utc(c.created),
            "username": c.author, "like_count": c.likes, "hidden": c.hidden,
            "from": {"id": c.author_id, "username": c.author}}
        if parent is None:
            item["media"] = {"id": model.post_id[c.post_index],
                             "media_product_type": product[model.post_type[c.post_index]]}
        else:
            item["parent_id"] = parent.comment_id
        return item

    out: list[Path] = []
    for month, by_post in _by_window_and_post(model, comments):
        pages: list[dict[str, Any]] = []
        for post, indexes in by_post.items():
            indexes.sort(key=lambda k: comments[k].created, reverse=True)  # newest first
            media = model.post_id[post]
            for start in range(0, len(indexes), 50):
                chunk = indexes[start:start + 50]
                data = []
                for k in chunk:
                    item = node(comments[k], None)
                    replies = [node(comments[r], comments[k]) for r in kids.get(k, [])]
                    if replies:
                        item["replies"] = {"data": replies}
                    data.append(item)
                paging: dict[str, Any] = {"cursors": {"before": f"QVFI{media[-8:]}{start}",
                                                      "after": f"QVFI{media[-8:]}{start + 50}"}}
                if start + 50 < len(indexes):
                    paging["next"] = (f"https://graph.facebook.com/v25.0/{media}/comments?"
                                      f"fields=id,text,timestamp,username,like_count,hidden,from,"
                                      f"media,replies&limit=50&after=QVFI{media[-8:]}{start + 50}")
                pages.append({"data": data, "paging": paging})
        out.append(_save_pages(pages, month, folder))
    return out


def facebook_comment_pages(model: AccountModel, comments: list[Comment], folder: Path) -> list[Path]:
    """GET /<PAGE_ID>/posts?fields=id,message,comments{…} responses (10 posts a page), per fetch."""
    kids = _children(comments)
    page_id = model.spec.asset_id
    fields = ("id,created_time,message,permalink_url,comments.limit(500).summary(true)%7Bid,message,"
              "created_time,from,like_count,comment_count,is_hidden,comments%7Bid,message,"
              "created_time,from,like_count,is_hidden,parent%7D%7D")

    def node(index: int, parent: Comment | None) -> dict[str, Any]:
        c = comments[index]
        item: dict[str, Any] = {
            "id": c.comment_id, "message": c.text, "created_time": f.iso_utc(c.created),
            "from": {"name": c.author, "id": c.author_id}, "like_count": c.likes,
            "comment_count": len(kids.get(index, [])) if parent is None else 0,
            "is_hidden": c.hidden}
        if parent is not None:
            item["parent"] = {"id": parent.comment_id}
        return item

    out: list[Path] = []
    for window, by_post in _by_window_and_post(model, comments):
        posts = sorted(by_post, key=lambda p: model.published[p], reverse=True)  # newest first
        pages: list[dict[str, Any]] = []
        for start in range(0, len(posts), 10):
            data = []
            for post in posts[start:start + 10]:
                indexes = sorted(by_post[post], key=lambda k: comments[k].created)
                edge = []
                for k in indexes:
                    item = node(k, None)
                    replies = [node(r, comments[k]) for r in kids.get(k, [])]
                    if replies:
                        item["comments"] = {"data": replies}
                    edge.append(item)
                data.append({"id": model.post_id[post], "created_time": f.iso_utc(model.published[post]),
                             "message": model.caption[post], "permalink_url": model.permalink[post],
                             "comments": {"data": edge, "summary": {"order": "chronological",
                                                                    "total_count": len(indexes)}}})
            base = f"https://graph.facebook.com/v25.0/{page_id}/posts?fields={fields}&limit=10"
            paging: dict[str, Any] = {"cursors": {"before": f"QVFIU{start}", "after": f"QVFIU{start + 10}"}}
            if start + 10 < len(posts):
                paging["next"] = f"{base}&after=QVFIU{start + 10}"
            if start > 0:
                paging["previous"] = f"{base}&before=QVFIU{start}"
            pages.append({"data": data, "paging": paging})
        out.append(_save_pages(pages, window, folder))
    return out
