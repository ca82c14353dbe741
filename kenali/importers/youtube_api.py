"""YouTube Data API v3 comment dumps: commentThreads (and comments) list responses as JSON/JSONL."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from .base import AccountRef, Context, Detection, Format, Record, Skip
from .comment_items import as_id, comment_record, guarded, obj, seq
from .readers import Document

PLATFORM = "youtube"
RESPONSE_KINDS = ("youtube#commentThreadListResponse", "youtube#commentListResponse")
ITEM_KINDS = ("youtube#commentThread", "youtube#comment")
HIDDEN_STATUSES = {"heldforreview": True, "rejected": True, "likelyspam": True,
                   "published": False}
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BREAK = re.compile(r"<br\s*/?>", flags=re.IGNORECASE)


def plain_text(display: str) -> str:
    """textDisplay as plain text: line breaks kept, tags dropped, entities decoded."""
    text = _BREAK.sub("\n", display)
    text = _TAG.sub("", text)
    return html.unescape(text)


def _units(data: Any) -> list[Any]:
    """The responses or items of a document: one response, a list of them, or bare items."""
    return data if isinstance(data, list) else [data]


def iter_items(data: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(unit number, item) for every thread or comment in responses or bare items."""
    for number, unit in enumerate(_units(data), start=1):
        if not isinstance(unit, dict):
            continue
        if unit.get("kind") in RESPONSE_KINDS:
            for item in seq(unit.get("items")):
                if isinstance(item, dict):
                    yield number, item
        elif unit.get("kind") in ITEM_KINDS:
            yield number, unit


class YouTubeCommentThreads(Format):
    """commentThreads.list / comments.list responses saved as JSON (one, a list, or JSONL)."""

    key = "youtube_api_comments"
    platform = PLATFORM
    title = "YouTube Data API: commentThreads / comments responses (JSON or JSONL)"
    provides = ("comments",)
    example_header = '{"kind": "youtube#commentThreadListResponse", "items": [...]}'
    kinds = ("json", "jsonl")
    needs_account = False

    def detect(self, doc: Document) -> Detection:
        if doc.kind not in self.kinds:
            return Detection(0.0, ["kind: youtube#commentThreadListResponse"])
        units = [u for u in _units(doc.data) if isinstance(u, dict)]
        if units and all(u.get("kind") in RESPONSE_KINDS + ITEM_KINDS for u in units):
            return Detection(1.0)
        return Detection(0.0, ["kind: youtube#commentThreadListResponse"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        # The import's account (--account, else the store's only YouTube account). Naming the
        # video's channel id per comment would cost the pipeline a lookup per comment.
        account = AccountRef(PLATFORM)
        for number, item in iter_items(doc.data):
            yield from guarded(number, self._thread, item, account, number, ctx)

    def _thread(self, item: dict[str, Any], account: AccountRef, number: int,
                ctx: Context) -> Iterator[Record | Skip]:
        snippet = obj(item.get("snippet"))
        video_id = as_id(snippet.get("videoId"))
        if item.get("kind") == "youtube#commentThread":
            top = snippet.get("topLevelComment")
            comments = [(top, None)] if isinstance(top, dict) else []
            comments += [(reply, item.get("id"))
                         for reply in seq(obj(item.get("replies")).get("comments"))
                         if isinstance(reply, dict)]
        else:
            comments = [(item, None)]
        for comment, thread_id in comments:
            yield self._comment(comment, thread_id, video_id, account, number, ctx)

    def _comment(self, comment: dict[str, Any], thread_id: Any, video_id: str | None,
                 account: AccountRef, number: int, ctx: Context) -> Record | Skip:
        snippet = obj(comment.get("snippet"))
        original, display = snippet.get("textOriginal"), snippet.get("textDisplay")
        if isinstance(original, str) and original.strip():
            text: Any = original
        elif isinstance(display, str):
            text = plain_text(display)  # textDisplay may be HTML: never stored as HTML
        else:
            text = None
        return comment_record(
            ctx, account=account, platform=PLATFORM, comment_id=comment.get("id"), text=text,
            post_id=video_id or snippet.get("videoId"),
            parent_id=snippet.get("parentId") or thread_id,
            author=snippet.get("authorDisplayName"),
            author_id=obj(snippet.get("authorChannelId")).get("value"),
            created=snippet.get("publishedAt"), likes=snippet.get("likeCount"),
            hidden=HIDDEN_STATUSES.get(str(snippet.get("moderationStatus") or "").lower()),
            line=number)


FORMATS = [YouTubeCommentThreads()]
