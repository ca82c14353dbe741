"""instaloader output: `_comments.json`, post metadata `.json` and profile metadata `.json`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .base import AccountRef, Context, Detection, Format, Record, Skip
from .comment_items import (
    as_count,
    as_id,
    as_time,
    comment_record,
    guarded,
    msg,
    obj,
    seq,
    text_or_none,
)
from .readers import Document
from .values import hashtags, mentions, nfc

PLATFORM = "instagram"
# instaloader's default file name is '{date_utc}_UTC'; users often add '{shortcode}'.
DATE_UTC = r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_UTC"
SHORTCODE = r"[A-Za-z0-9_-]{5,64}"
POST_TYPES = {"GraphImage": "image", "GraphVideo": "video", "GraphSidecar": "carousel",
              "XDTGraphImage": "image", "XDTGraphVideo": "video", "XDTGraphSidecar": "carousel"}
MEDIA_TYPES = {1: "image", 2: "video", 8: "carousel"}


def post_id_from_name(file_name: str) -> str | None:
    """The post a comments file is for, from its name: the shortcode if named, else the UTC stamp."""
    stem = re.sub(r"_comments\.json(?:\.xz)?$", "", file_name, flags=re.IGNORECASE)
    if stem == file_name:
        return None
    with_code = re.fullmatch(rf"(?:{DATE_UTC}_)?({SHORTCODE})", stem)
    if re.fullmatch(DATE_UTC, stem):
        # Only the post's time: the same stamp names the post's metadata file, which has the
        # shortcode; until both are imported together the stamp stands in for the post id.
        return stem
    return with_code.group(1) if with_code else None


def _is_comment(item: Any) -> bool:
    return isinstance(item, dict) and "text" in item and "created_at" in item \
        and isinstance(item.get("owner"), dict) and "id" in item


class InstaloaderComments(Format):
    """`<post>_comments.json`: top-level comments (newest first) with their replies in `answers`."""

    key = "instaloader_comments"
    platform = PLATFORM
    title = "instaloader: comments of a post (_comments.json)"
    provides = ("comments",)
    example_header = '[{"id": 1788…, "created_at": 1692000000, "text": "…", "owner": {…}, ' \
                     '"likes_count": 3, "answers": […]}]'
    kinds = ("json",)
    needs_account = False

    def detect(self, doc: Document) -> Detection:
        data = doc.data
        if doc.kind == "json" and isinstance(data, list) and data and all(map(_is_comment, data)):
            return Detection(1.0)
        return Detection(0.0, ["id", "created_at", "text", "owner"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        post_id = post_id_from_name(ctx.file_name)
        if post_id is None:
            ctx.warn(msg("soc.ig.post_unnamed"))
        account = AccountRef(PLATFORM)
        for number, top in enumerate(doc.data, start=1):
            yield from guarded(number, self._thread, obj(top), post_id, account, number, ctx)

    def _thread(self, top: dict[str, Any], post_id: str | None, account: AccountRef,
                number: int, ctx: Context) -> Iterator[Record | Skip]:
        yield self._one(top, None, post_id, account, number, ctx)
        for answer in seq(top.get("answers")):
            if isinstance(answer, dict):
                yield self._one(answer, top.get("id"), post_id, account, number, ctx)

    def _one(self, item: dict[str, Any], parent: Any, post_id: str | None, account: AccountRef,
             number: int, ctx: Context) -> Record | Skip:
        owner = obj(item.get("owner"))
        return comment_record(ctx, account=account, platform=PLATFORM, comment_id=item.get("id"),
                              text=item.get("text"), post_id=post_id, parent_id=parent,
                              author=owner.get("username"), author_id=owner.get("id"),
                              created=item.get("created_at"), likes=item.get("likes_count"),
                              line=number)


def _node(data: Any, node_type: str) -> dict[str, Any] | None:
    """The node of an instaloader metadata file of this type ('Post' or 'Profile')."""
    if not isinstance(data, dict) or not isinstance(data.get("node"), dict):
        return None
    node: dict[str, Any] = data["node"]
    declared = (data.get("instaloader") or {}).get("node_type") \
        if isinstance(data.get("instaloader"), dict) else None
    if declared is not None:
        return node if declared == node_type else None
    if node_type == "Post" and (node.get("shortcode") or node.get("code")):
        return node
    if node_type == "Profile" and node.get("username") and "edge_followed_by" in node:
        return node
    return None


def _count(node: dict[str, Any], *edges: str) -> int | None:
    """A count from the first edge present ({"count": n}) or a plain number field."""
    for name in edges:
        value = node.get(name)
        if isinstance(value, dict) and "count" in value:
            return as_count(value["count"])
        if value is not None and not isinstance(value, dict | list):
            return as_count(value)
    return None


def _caption(node: dict[str, Any]) -> str | None:
    edges = seq(obj(node.get("edge_media_to_caption")).get("edges"))
    if edges and isinstance(edges[0], dict):
        text = obj(edges[0].get("node")).get("text")
        return nfc(text) if isinstance(text, str) else None
    caption = node.get("caption")  # iPhone-API nodes
    if isinstance(caption, dict):
        caption = caption.get("text")
    return nfc(caption) if isinstance(caption, str) else None


def _post_type(node: dict[str, Any]) -> str | None:
    if node.get("product_type") == "clips":
        return "reel"
    typename = node.get("__typename")
    if typename in POST_TYPES:
        return POST_TYPES[typename]
    media_type = node.get("media_type")
    return MEDIA_TYPES.get(media_type) if isinstance(media_type, int) else None


class InstaloaderPost(Format):
    """A post's metadata `.json` (saved with --no-compress-json): the post and its counts."""

    key = "instaloader_post"
    platform = PLATFORM
    title = "instaloader: post metadata (.json)"
    provides = ("posts", "post_metrics")
    example_header = '{"node": {"shortcode": "…", "taken_at_timestamp": …, …}, ' \
                     '"instaloader": {"node_type": "Post"}}'
    kinds = ("json",)

    def detect(self, doc: Document) -> Detection:
        if doc.kind == "json" and _node(doc.data, "Post") is not None:
            return Detection(1.0)
        return Detection(0.0, ["node.shortcode"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        node = _node(doc.data, "Post")
        assert node is not None
        yield from guarded(1, self._post, node, ctx)

    def _post(self, node: dict[str, Any], ctx: Context) -> Iterator[Record | Skip]:
        shortcode = as_id(node.get("shortcode") or node.get("code"))
        if shortcode is None:
            yield Skip(1, msg("soc.ig.no_shortcode"))
            return
        owner = obj(node.get("owner")) or obj(node.get("user"))
        username = text_or_none(owner.get("username"))
        if username and not (ctx.account and ctx.account.handle):
            # The file names its owner: that account is the import's default.
            ctx.account = AccountRef(PLATFORM, username.lower())
        account = AccountRef(PLATFORM, username, as_id(owner.get("id")),
                             text_or_none(owner.get("full_name"))) if username \
            else AccountRef(PLATFORM)
        caption = _caption(node)
        duration = node.get("video_duration")
        yield Record("posts", {
            "account": account, "platform": PLATFORM, "platform_post_id": shortcode,
            "published_at": as_time(node.get("taken_at_timestamp") or node.get("taken_at"), ctx),
            "post_type": _post_type(node), "caption": caption,
            "permalink": f"https://www.instagram.com/p/{shortcode}/",
            "hashtags": hashtags(caption), "mentions": mentions(caption),
            "duration_s": float(duration) if isinstance(duration, int | float)
            and not isinstance(duration, bool) and 0 <= duration < 1e7 else None,
        }, line=1)
        yield Record("post_metrics", {
            "platform": PLATFORM, "platform_post_id": shortcode, "period": "lifetime",
            "as_of": ctx.reference_date,
            "likes": _count(node, "edge_liked_by", "edge_media_preview_like", "like_count"),
            "comments": _count(node, "edge_media_to_comment", "edge_media_to_parent_comment",
                               "comment_count"),
            "views": _count(node, "video_view_count", "play_count", "view_count"),
        }, line=1)


class InstaloaderProfile(Format):
    """A profile's metadata `.json`: the account's follower count as seen at download time."""

    key = "instaloader_profile"
    platform = PLATFORM
    title = "instaloader: profile metadata (.json) -> follower count snapshot"
    provides = ("follower_snapshots",)
    example_header = '{"node": {"username": "…", "edge_followed_by": {"count": …}, …}, ' \
                     '"instaloader": {"node_type": "Profile"}}'
    kinds = ("json",)

    def detect(self, doc: Document) -> Detection:
        if doc.kind == "json" and _node(doc.data, "Profile") is not None:
            return Detection(1.0)
        return Detection(0.0, ["node.username", "node.edge_followed_by"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        node = _node(doc.data, "Profile")
        assert node is not None
        username = text_or_none(node.get("username"))
        followers = _count(node, "edge_followed_by", "follower_count")
        if not username or followers is None:
            yield Skip(1, msg("soc.ig.no_profile"))
            return
        if not (ctx.account and ctx.account.handle):
            ctx.account = AccountRef(PLATFORM, username.lower())
        yield Record("follower_snapshots", {
            "account": AccountRef(PLATFORM, username, as_id(node.get("id")),
                                  text_or_none(node.get("full_name")) or None),
            "observed_at": ctx.observed_at, "followers": followers}, line=1)


FORMATS = [InstaloaderComments(), InstaloaderPost(), InstaloaderProfile()]
