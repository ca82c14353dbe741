"""X and YouTube exports of the demo: analytics CSVs, Studio zips and API comment responses."""

from __future__ import annotations

import json
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from . import files as f
from .accounts import DAYS, END, EXPORTED_AT, START
from .audience import Snapshot
from .comments import Comment
from .model import AccountModel

X_CONTENT = ("Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements",
             "Bookmarks", "Shares", "New follows", "Replies", "Reposts", "Profile visits",
             "Detail Expands", "URL Clicks", "Hashtag Clicks", "Permalink Clicks")
X_OVERVIEW = ("Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "New follows",
              "Unfollows", "Replies", "Reposts", "Profile visits", "Create Post", "Video views",
              "Media views")


def x_exports(model: AccountModel, folder: Path) -> list[Path]:
    """Content and overview exports from x.com analytics for one year (2026 headers), newest first."""
    m, d = model.m, model.daily
    out: list[Path] = []
    for first, last in f.windows(12):
        when = min(f.download_time(f.day_of(last) + timedelta(days=1)), EXPORTED_AT)
        rows = np.flatnonzero((model.day >= first) & (model.day <= last))[::-1]
        share = model.maturity((last + 1.4) - (model.day[rows] + 0.5))
        keys = ("reach", "likes", "engagements", "bookmarks", "shares", "follows", "comments",
                "reposts", "profile_visits", "detail_expands", "url_clicks", "hashtag_clicks",
                "permalink_clicks")
        table: list[list[f.Cell]] = [list(X_CONTENT)]
        for i, s in zip(rows, share, strict=True):
            local = (model.published[i] + f.WIB).date()
            table.append([model.post_id[i], f.x_day(local), model.caption[i], model.permalink[i],
                          *(np.round(m[k][i] * s) for k in keys)])
        a, b = f.day_of(first).isoformat(), f.day_of(last).isoformat()
        body = f.csv_text(table, f.quote_minimal, newline="\r\n")
        out.append(f.save(folder / "analytics" / f"account_analytics_content_{a}_{b}.csv",
                          body.encode("utf-8"), when))
        media = np.round(d["views"] * 0.3)
        video = np.round(d["views"] * 0.12)
        overview: list[list[f.Cell]] = [list(X_OVERVIEW)]
        for i in range(last, first - 1, -1):
            overview.append([f.x_day(f.day_of(i)), d["views"][i], d["likes"][i],
                             d["interactions"][i], np.round(d["likes"][i] * 0.09), d["shares"][i],
                             d["follows"][i], d["unfollows"][i], d["comments"][i],
                             np.round(d["likes"][i] * 0.2), d["profile_visits"][i], d["posts"][i],
                             video[i], media[i]])
        body = f.csv_text(overview, f.quote_minimal, final_newline=False)
        out.append(f.save(folder / "analytics" / f"overview_{a}_{b}" / "account_overview_analytics.csv",
                          body.encode("utf-8"), when))
    return out


def x_replies(model: AccountModel, comments: list[Comment], folder: Path) -> list[Path]:
    """Recent-search responses (`conversation_id:<post>`) saved as twarc2 JSONL, one file per fetch."""
    spec = model.spec
    out: list[Path] = []
    by_month: dict[int, list[int]] = {}
    months = f.windows(f.COMMENT_MONTHS)
    for index, c in enumerate(comments):
        day = (c.created + f.WIB).date()
        k = next(n for n, (a, b) in enumerate(months) if f.day_of(a) <= min(day, END) <= f.day_of(b))
        by_month.setdefault(k, []).append(index)
    for month, indexes in sorted(by_month.items()):
        indexes.sort(key=lambda k: comments[k].created, reverse=True)
        lines = []
        for start in range(0, len(indexes), 100):
            chunk = indexes[start:start + 100]
            tweets, users = [], {}
            for k in chunk:
                c = comments[k]
                parent = comments[c.parent] if c.parent is not None else None
                replied_to = parent.comment_id if parent else model.post_id[c.post_index]
                to_user = parent.author_id if parent else spec.asset_id
                to_handle = parent.author if parent else spec.handle
                text = c.text if c.text.startswith("@") else f"@{to_handle} {c.text}"
                tweets.append({
                    "id": c.comment_id, "text": text, "created_at": f.iso_utc(c.created, "x"),
                    "author_id": c.author_id, "conversation_id": model.post_id[c.post_index],
                    "in_reply_to_user_id": to_user,
                    "referenced_tweets": [{"type": "replied_to", "id": replied_to}],
                    "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": c.likes,
                                       "quote_count": 0, "bookmark_count": 0,
                                       "impression_count": c.likes * 37 + 12},
                    "lang": "in", "edit_history_tweet_ids": [c.comment_id]})
                users[c.author_id] = {"id": c.author_id, "username": c.author,
                                      "name": c.author.replace("_", " ").title()}
            meta: dict[str, Any] = {"newest_id": tweets[0]["id"], "oldest_id": tweets[-1]["id"],
                                    "result_count": len(tweets)}
            if start + 100 < len(indexes):
                meta["next_token"] = f"b26v89c19zqg8o3f{month:02d}{start + 100:06d}"
            lines.append(json.dumps({"data": tweets, "includes": {"users": list(users.values())},
                                     "meta": meta}, ensure_ascii=False))
        first, _ = months[month]
        name = f"replies_{f.day_of(first).strftime('%Y-%m')}.jsonl"
        out.append(f.save(folder / "api" / name, ("\n".join(lines) + "\n").encode("utf-8"), EXPORTED_AT))
    return out


def _yt_id(raw: str) -> str:
    """Studio writes a video id that starts with '-' with a leading space."""
    return f" {raw}" if raw.startswith("-") else raw


def _hms(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _yt_date(d: date) -> str:
    return f"{f.MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def youtube_exports(model: AccountModel, snap: Snapshot, folder: Path) -> list[Path]:
    """Studio 'Export current view' zips for Content and Geography over the whole window."""
    spec, m = model.spec, model.m
    window = f"{START.isoformat()}_{END.isoformat()}"
    order = np.argsort(-m["reach"], kind="stable")
    header = ("Content", "Video title", "Video publish time", "Duration", "Views",
              "Watch time (hours)", "Subscribers", "Average view duration", "Impressions",
              "Impressions click-through rate (%)")
    views, watch = m["reach"], m["watch_h"]
    total_avd = float((m["avd"] * views).sum() / max(views.sum(), 1))
    table: list[list[f.Cell]] = [list(header), [
        "Total", None, None, None, views.sum(), round(float(watch.sum()), 4), m["subscribers"].sum(),
        _hms(total_avd), m["impressions"].sum(),
        round(float(views.sum() / m["impressions"].sum() * 100), 2)]]
    for i in order:
        table.append([_yt_id(model.post_id[i]), model.title[i],
                      _yt_date((model.published[i] + f.WIB).date()), int(m["duration"][i]),
                      views[i], round(float(watch[i]), 4), m["subscribers"][i], _hms(m["avd"][i]),
                      m["impressions"][i], round(float(views[i] / m["impressions"][i] * 100), 2)])
    # Chart data: one row per video per day since it went out (the kernel of the model).
    ages = np.arange(DAYS)
    chart: list[list[f.Cell]] = [["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]]
    for i in order:
        day0 = int(model.day[i])
        cumulative = model.maturity(ages[: DAYS - day0].astype(float) + 1)
        daily = np.diff(np.concatenate([[0.0], np.round(views[i] * cumulative)]))
        for a, v in enumerate(daily):
            chart.append([f.day_of(day0 + a).isoformat(), _yt_id(model.post_id[i]), model.title[i],
                          _yt_date((model.published[i] + f.WIB).date()), int(m["duration"][i]), v])
    totals = [["Date", "Views"], *[[f.day_of(i).isoformat(), model.daily["views"][i]] for i in range(DAYS)]]
    content_zip = f.zipped([("Table data.csv", _csv(table)), ("Chart data.csv", _csv(chart)),
                            ("Totals.csv", _csv(totals))], EXPORTED_AT)
    out = [f.save(folder / "studio" / f"Content {window} {spec.display_name}.zip", content_zip, EXPORTED_AT)]
    countries = [(code, share) for _, code, share in snap.countries]
    geo_total = views.sum()
    geo: list[list[f.Cell]] = [["Geography", "Views", "Average view duration", "Watch time (hours)"],
                               ["Total", geo_total, _hms(total_avd), round(float(watch.sum()), 4)]]
    geo_chart: list[list[f.Cell]] = [["Date", "Geography", "Views"]]
    daily_views = model.daily["views"]
    for code, share in countries:
        avd = total_avd * (0.8 + 0.4 * (zlib.crc32(code.encode()) % 100) / 100)
        geo.append([code, np.round(geo_total * share), _hms(avd), round(float(watch.sum() * share), 4)])
        geo_chart += [[f.day_of(i).isoformat(), code, np.round(daily_views[i] * share)] for i in range(DAYS)]
    geo_zip = f.zipped([("Table data.csv", _csv(geo)), ("Chart data.csv", _csv(geo_chart)),
                        ("Totals.csv", _csv(totals))], EXPORTED_AT)
    out.append(f.save(folder / "studio" / f"Geography {window} {spec.display_name}.zip", geo_zip, EXPORTED_AT))
    subs = [["Date", "Subscribers"], *[[f.day_of(i).isoformat(),
                                        model.daily["follows"][i] - model.daily["unfollows"][i]]
                                       for i in range(DAYS)]]
    out.append(f.save(folder / "studio" / "Subscribers.csv", _csv(subs), EXPORTED_AT))
    return out


def _csv(rows: list[list[f.Cell]]) -> bytes:
    return f.csv_text(rows, f.quote_minimal).encode("utf-8")


def youtube_comment_threads(model: AccountModel, comments: list[Comment], folder: Path) -> list[Path]:
    """commentThreads.list responses (100 threads a page, replies included), JSONL per fetch."""
    spec = model.spec
    channel = "UC" + spec.asset_id[-10:] + "dsdaDemoChan"[: 22 - 10]
    kids: dict[int, list[int]] = {}
    for index, c in enumerate(comments):
        if c.parent is not None:
            kids.setdefault(c.parent, []).append(index)

    def snippet(c: Comment, video: str, parent_id: str | None) -> dict[str, Any]:
        handle = c.author if c.official else c.author.replace(".", "").replace("_", "")
        body: dict[str, Any] = {
            "channelId": channel, "videoId": video, "textDisplay": c.text, "textOriginal": c.text,
            "authorDisplayName": f"@{handle}",
            "authorProfileImageUrl": f"https://yt3.ggpht.com/ytc/{c.author_id}=s48-c-k-c0x00ffffff-no-rj",
            "authorChannelUrl": f"http://www.youtube.com/@{handle}",
            "authorChannelId": {"value": "UC" + c.author_id.rjust(22, "x")[:22]},
            "canRate": True, "viewerRating": "none", "likeCount": c.likes,
            "publishedAt": f.iso_utc(c.created, "yt"), "updatedAt": f.iso_utc(c.created, "yt")}
        if parent_id:
            body["parentId"] = parent_id
        return body

    months = f.windows(f.COMMENT_MONTHS)
    by_month: dict[int, list[int]] = {}
    for index, c in enumerate(comments):
        if c.parent is None:
            day = int(model.day[c.post_index])
            k = next(n for n, (a, b) in enumerate(months) if a <= day <= b)
            by_month.setdefault(k, []).append(index)
    out: list[Path] = []
    for month, tops in sorted(by_month.items()):
        lines = []
        for start in range(0, len(tops), 100):
            items = []
            for k in tops[start:start + 100]:
                c = comments[k]
                video = model.post_id[c.post_index]
                replies = [{"kind": "youtube#comment", "etag": f"e{r}", "id": f"{c.comment_id}.{comments[r].comment_id[2:24]}",
                            "snippet": snippet(comments[r], video, c.comment_id)} for r in kids.get(k, [])]
                thread: dict[str, Any] = {
                    "kind": "youtube#commentThread", "etag": f"t{k}", "id": c.comment_id,
                    "snippet": {"channelId": channel, "videoId": video,
                                "topLevelComment": {"kind": "youtube#comment", "etag": f"c{k}",
                                                    "id": c.comment_id,
                                                    "snippet": snippet(c, video, None)},
                                "canReply": True, "totalReplyCount": len(replies), "isPublic": True}}
                if replies:
                    thread["replies"] = {"comments": replies}
                items.append(thread)
            page: dict[str, Any] = {"kind": "youtube#commentThreadListResponse", "etag": f"p{month}-{start}",
                                    "pageInfo": {"totalResults": len(items), "resultsPerPage": 100},
                                    "items": items}
            if start + 100 < len(tops):
                page["nextPageToken"] = f"QURTSl{month:02d}{start + 100:05d}"
            lines.append(json.dumps(page, ensure_ascii=False))
        first, _ = months[month]
        name = f"commentThreads_{f.day_of(first).strftime('%Y-%m')}.jsonl"
        out.append(f.save(folder / "api" / name, ("\n".join(lines) + "\n").encode("utf-8"), EXPORTED_AT))
    return out
