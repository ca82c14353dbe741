"""TikTok exports of the demo: Studio zips (Indonesian UI, yearless dates) and scraped comments."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from . import files as f
from .accounts import DAYS, EXPORTED_AT
from .audience import Snapshot, activity
from .comments import Comment
from .model import AccountModel


def _table(header: tuple[str, ...], rows: Sequence[Sequence[f.Cell]]) -> bytes:
    """A Studio CSV: UTF-8 with BOM, every field quoted, no newline after the last row."""
    return f.encode(f.csv_text([header, *rows], f.quote_all, final_newline=False), "utf-8-sig")


def studio_exports(model: AccountModel, snaps: list[Snapshot], seed: int, folder: Path) -> list[Path]:
    """Four zips a month (Overview, Content, Viewers, Followers), downloaded two days after it."""
    d, m = model.daily, model.m
    out: list[Path] = []
    shuffle = random.Random(f"{seed}:{model.spec.key}:content-order")
    for (first, last), snap in zip(f.months(), snaps, strict=True):
        export_day = f.day_of(last) + timedelta(days=2)
        when = min(f.download_time(export_day), EXPORTED_AT)
        days = range(max(first - 1, 0), last + 1)  # one day of overlap keeps day-to-day deltas whole
        label = f"{f.day_of(first).strftime('%Y%m%d')}_{f.day_of(last).strftime('%Y%m%d')}"
        overview = _table(("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"),
                          [[f.tiktok_day(f.day_of(i)), d["views"][i], d["profile_visits"][i],
                            d["likes"][i], d["comments"][i], d["shares"][i]] for i in days])
        # Viewers run one day further than Overview; that newest day is not counted yet.
        viewers_rows: list[list[f.Cell]] = []
        for i in range(first, last + 2):
            if i >= last + 1:
                viewers_rows.append([f.tiktok_day(f.day_of(i)), "undefined", 0, 0])
                continue
            total = np.round(d["reach"][i] * 0.9)
            new = np.round(total * (0.35 + 0.4 * min(d["reach"][i] / max(d["reach"][first:last + 1].mean(), 1), 2) / 2))
            viewers_rows.append([f.tiktok_day(f.day_of(i)), total, new, total - new])
        viewers = _table(("Date", "Total Viewers", "New Viewers", "Returning Viewers"), viewers_rows)
        # FollowerHistory's difference column is really tomorrow minus today (the real quirk).
        fol = model.followers
        history = _table(("Date", "Followers", "Difference in followers from previous day"),
                         [[f.tiktok_day(f.day_of(i)), fol[i], fol[i + 1] - fol[i] if i < last else 0]
                          for i in days])
        activity_rows: list[list[f.Cell]] = []
        for i in range(last - 5, last + 2):
            hours = activity(model.spec, seed, float(fol[min(i, DAYS - 1)]), i)
            if i == last + 1:
                hours = np.zeros(24)  # the export day is zero-filled
            activity_rows += [[f.tiktok_day(f.day_of(i)), h, hours[h]] for h in range(24)]
        women = float(snap.age_gender[:, 0].sum())
        gender = _table(("Gender", "Distribution"),
                        [["Female", f.fraction(women)], ["Male", f.fraction(1 - women - snap.other_gender)],
                         ["Other", f.fraction(snap.other_gender)]])
        top = snap.countries[:10]
        territories = _table(("Top territories", "Distribution"),
                             [[code, f.fraction(share)] for _, code, share in top]
                             + [["Others", f.fraction(max(0.0, 1 - sum(s for *_, s in top)))]])
        posted = np.flatnonzero(model.day <= last)[-15:]  # Studio lists only ~15 recent videos
        order = list(posted)
        shuffle.shuffle(order)
        age = (last + 2.4) - (model.day[order] + 0.5)
        share = model.maturity(age)
        snapshot = f.tiktok_day(export_day)
        content = _table(
            ("Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
             "Total shares", "Total views"),
            [[snapshot, model.caption[i].replace("\n", " "), model.permalink[i],
              f.tiktok_day((model.published[i] + f.WIB).date()), np.round(m["likes"][i] * s),
              np.round(m["comments"][i] * s), np.round(m["shares"][i] * s), np.round(m["views"][i] * s)]
             for i, s in zip(order, share, strict=True)])
        zips = {"Overview": [("Overview.csv", overview)], "Content": [("Content.csv", content)],
                "Viewers": [("Viewers.csv", viewers)],
                "Followers": [("FollowerHistory.csv", history),
                              ("FollowerActivity.csv", _table(("Date", "Hour", "Active followers"), activity_rows)),
                              ("FollowerGender.csv", gender), ("FollowerTopTerritories.csv", territories)]}
        for kind, members in zips.items():
            path = folder / "studio" / f"{kind}_{label}.zip"
            out.append(f.save(path, f.zipped(members, when), when))
    return out


def scraped_comments(model: AccountModel, comments: list[Comment], folder: Path) -> list[Path]:
    """Comments as the Apify TikTok comments scraper (clockworks) saves its dataset, per fetch."""
    months = f.windows(f.COMMENT_MONTHS)
    month_of = np.zeros(model.n, dtype=int)
    for k, (first, last) in enumerate(months):
        month_of[(model.day >= first) & (model.day <= last)] = k
    reply_count: dict[int, int] = {}
    for c in comments:
        if c.parent is not None:
            reply_count[c.parent] = reply_count.get(c.parent, 0) + 1
    groups: dict[int, list[dict[str, Any]]] = {}
    for index, c in enumerate(comments):
        url = model.permalink[c.post_index]
        item = {
            "text": c.text, "diggCount": c.likes,
            "replyCommentTotal": reply_count.get(index, 0) if c.parent is None else None,
            "createTime": int(c.created.timestamp()), "createTimeISO": f.iso_utc(c.created, "x"),
            "uniqueId": c.author, "videoWebUrl": url, "uid": c.author_id, "cid": c.comment_id,
            "avatarThumbnail": f"https://p16-sign-sg.tiktokcdn.com/tos-alisg-avt-0068/{c.author_id}~c5_100x100.jpeg",
            "repliesToId": comments[c.parent].comment_id if c.parent is not None else None,
            "likedByAuthor": c.official, "pinnedByAuthor": False,
            "submittedVideoUrl": url, "input": url,
        }
        groups.setdefault(int(month_of[c.post_index]), []).append(item)
    out: list[Path] = []
    for month, items in sorted(groups.items()):
        first, _ = months[month]
        name = f"dataset_tiktok-comments-scraper_{f.day_of(first).strftime('%Y-%m')}.json"
        body = json.dumps(items, ensure_ascii=False, indent=2)
        out.append(f.save(folder / "comments" / name, body.encode("utf-8"), EXPORTED_AT))
    return out
