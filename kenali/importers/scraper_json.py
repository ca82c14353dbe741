"""Comment datasets of Apify actors as JSON/JSONL: Instagram, TikTok (clockworks) and Facebook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

from .base import AccountRef, Context, Detection, Format, Record, Skip
from .comment_items import (
    as_id,
    comment_record,
    guarded,
    items_of,
    msg,
    obj,
    permalink_post_id,
    seq,
)
from .readers import Document


def _has(item: Any, *keys: str) -> bool:
    return isinstance(item, dict) and all(k in item for k in keys)


class ApifyComments(Format):
    """Shared shape: a list of dataset items recognised by the keys every item carries."""

    platform: ClassVar[str]
    kinds = ("json", "jsonl")
    needs_account = False
    provides = ("comments",)
    signature: ClassVar[tuple[str, ...]]  # keys every item has
    any_of: ClassVar[tuple[str, ...]] = ()  # at least one of these too

    def fits(self, item: Any) -> bool:
        """True when the item has this actor's keys."""
        return _has(item, *self.signature) and (not self.any_of or any(k in item for k in self.any_of))

    def detect(self, doc: Document) -> Detection:
        items = items_of(doc.data) if doc.kind in self.kinds else []
        dicts = [i for i in items if isinstance(i, dict)]
        if dicts and all(self.fits(i) for i in dicts):
            return Detection(1.0)
        return Detection(0.0, list(self.signature))

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        account = AccountRef(self.platform)
        for number, item in enumerate(items_of(doc.data), start=1):
            if not isinstance(item, dict):
                yield Skip(number, msg("soc.not_object"))
                continue
            yield from guarded(number, self.map_item, item, account, number, ctx)

    def map_item(self, item: dict[str, Any], account: AccountRef, number: int,
                 ctx: Context) -> Iterator[Record | Skip]:
        """The records of one dataset item (a comment and any nested replies)."""
        raise NotImplementedError


class ApifyInstagramComments(ApifyComments):
    """apify/instagram-comment-scraper and instagram-scraper (resultsType comments) items."""

    key = "apify_instagram_comments"
    platform = "instagram"
    title = "Apify Instagram comment scraper (JSON dataset)"
    example_header = '[{"id": "…", "text": "…", "ownerUsername": "…", "timestamp": "…", ' \
                     '"likesCount": 3, "postUrl": "…", "replies": […]}]'
    signature = ("id", "text")
    any_of = ("ownerUsername", "owner")

    def map_item(self, item: dict[str, Any], account: AccountRef, number: int,
                 ctx: Context) -> Iterator[Record | Skip]:
        post = as_id(item.get("postId")) or permalink_post_id(item.get("postUrl"))
        yield self._one(item, None, post, account, number, ctx)
        for reply in seq(item.get("replies")):
            if isinstance(reply, dict):
                yield self._one(reply, item.get("id"), post, account, number, ctx)

    def _one(self, item: dict[str, Any], parent: Any, post: Any, account: AccountRef,
             number: int, ctx: Context) -> Record | Skip:
        owner = obj(item.get("owner"))
        return comment_record(
            ctx, account=account, platform=self.platform, comment_id=item.get("id"),
            text=item.get("text"), post_id=item.get("postId") or post,
            parent_id=item.get("parentId") or parent,
            author=item.get("ownerUsername") or owner.get("username"),
            author_id=item.get("ownerId") or owner.get("id"), created=item.get("timestamp"),
            likes=item.get("likesCount"), line=number)


def _tiktok_video_id(item: dict[str, Any]) -> str | None:
    for key in ("videoWebUrl", "submittedVideoUrl"):
        found = permalink_post_id(item.get(key))
        if found:
            return found
    return None


class ApifyTikTokComments(ApifyComments):
    """clockworks/tiktok-comments-scraper items: one item per comment, replies flat."""

    key = "apify_tiktok_comments"
    platform = "tiktok"
    title = "Apify TikTok comments scraper, clockworks (JSON dataset)"
    example_header = '[{"cid": "…", "text": "…", "createTime": 1700000000, "diggCount": 2, ' \
                     '"uniqueId": "…", "repliesToId": null, "videoWebUrl": "…"}]'
    signature = ("cid", "text")
    any_of = ("createTime", "createTimeISO", "uniqueId")

    def map_item(self, item: dict[str, Any], account: AccountRef, number: int,
                 ctx: Context) -> Iterator[Record | Skip]:
        yield comment_record(
            ctx, account=account, platform=self.platform, comment_id=item.get("cid"),
            text=item.get("text"), post_id=item.get("awemeId") or _tiktok_video_id(item),
            parent_id=item.get("repliesToId"), author=item.get("uniqueId"),
            author_id=item.get("uid"), created=item.get("createTime") or item.get("createTimeISO"),
            likes=item.get("diggCount"), line=number)


def _facebook_ids(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """(post id, parent comment id) from the comment's and the post's URLs."""
    query = parse_qs(urlparse(str(item.get("commentUrl") or "")).query)
    parent = query["comment_id"][0] if "reply_comment_id" in query and "comment_id" in query \
        else None
    post_url = str(item.get("facebookUrl") or item.get("postUrl") or "")
    post_query = parse_qs(urlparse(post_url).query)
    post = post_query.get("story_fbid", [None])[0] or post_query.get("v", [None])[0] \
        or permalink_post_id(post_url)
    return post, parent


def _facebook_comment_id(item: dict[str, Any]) -> str | None:
    query = parse_qs(urlparse(str(item.get("commentUrl") or "")).query)
    own = query.get("reply_comment_id") or query.get("comment_id")
    return as_id(item.get("commentId")) or as_id(item.get("id")) or (own[0] if own else None)


class ApifyFacebookComments(ApifyComments):
    """Apify Facebook comments actors: profileName/profileId, no handle (Facebook has none)."""

    key = "apify_facebook_comments"
    platform = "facebook"
    title = "Apify Facebook comments scraper (JSON dataset)"
    example_header = '[{"facebookUrl": "…", "commentUrl": "…", "text": "…", ' \
                     '"profileName": "…", "likesCount": "3", "date": "…"}]'
    signature = ("text", "profileName")
    any_of = ("facebookUrl", "commentUrl")

    def map_item(self, item: dict[str, Any], account: AccountRef, number: int,
                 ctx: Context) -> Iterator[Record | Skip]:
        post, parent = _facebook_ids(item)
        yield comment_record(
            ctx, account=account, platform=self.platform, comment_id=_facebook_comment_id(item),
            text=item.get("text"), post_id=post, parent_id=parent,
            author=item.get("profileName"), author_id=item.get("profileId"),
            created=item.get("date"), likes=item.get("likesCount"), line=number)


FORMATS = [ApifyInstagramComments(), ApifyTikTokComments(), ApifyFacebookComments()]
