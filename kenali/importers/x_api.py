"""Replies and mentions from the X API v2: twarc2 JSONL pages, single pages, flat tweets, twarc2 CSV."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from ..i18n import t
from .base import (
    AccountRef,
    Context,
    CsvFormat,
    Detection,
    Format,
    Record,
    Skip,
    comment_text,
    soft_cell,
)
from .readers import Document
from .values import MAX_INT_COUNT, clean_id, is_null, parse_datetime, parse_int_count

Tweet = dict[str, Any]
# A tweet object has an id and a text plus at least one field only X API v2 tweets carry.
_TWEET_MARKERS = ("conversation_id", "author_id", "edit_history_tweet_ids", "referenced_tweets")


def _is_tweet(item: Any) -> bool:
    return isinstance(item, dict) and "id" in item and "text" in item and \
        any(k in item for k in _TWEET_MARKERS)


def iter_tweets(data: Any) -> Iterator[tuple[int, Tweet, dict[str, str]]]:
    """(item number, tweet, author id -> username) for every tweet in pages or flat tweets."""
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("data"), list | dict):
            users = (item.get("includes") or {}).get("users") or []
            names = {str(u.get("id")): str(u.get("username")) for u in users
                     if isinstance(u, dict) and u.get("id") and u.get("username")}
            tweets = item["data"] if isinstance(item["data"], list) else [item["data"]]
            for tweet in tweets:
                if _is_tweet(tweet):
                    yield number, tweet, names
        elif _is_tweet(item):
            yield number, item, {}


def _references(tweet: Tweet) -> dict[str, str]:
    refs: dict[str, str] = {}
    for ref in tweet.get("referenced_tweets") or []:
        if isinstance(ref, dict) and ref.get("type") and ref.get("id"):
            refs.setdefault(str(ref["type"]), str(ref["id"]))
    return refs


def comment_record(tweet: Tweet, names: dict[str, str], ctx: Context) -> Record | Skip:
    """A reply or mention as a comment; an original post or a retweet is skipped."""
    tweet_id = clean_id(str(tweet.get("id") or ""))
    text = tweet.get("text")
    if tweet_id is None or not isinstance(text, str) or not text.strip():
        return Skip(0, t("tx.x.no_tweet"))
    refs = _references(tweet)
    if "retweeted" in refs:
        return Skip(0, t("tx.x.retweet"))
    mentions = ((tweet.get("entities") or {}).get("mentions") or [])
    replied_to = refs.get("replied_to")
    is_reply = replied_to is not None or tweet.get("in_reply_to_user_id") not in (None, "")
    if not is_reply and "quoted" not in refs and not mentions:
        return Skip(0, t("tx.x.original"))
    conversation = clean_id(str(tweet.get("conversation_id") or "")) or None
    if is_reply:
        # Comments hang on the conversation's first post; a reply to a reply keeps its parent.
        post_id = conversation or replied_to
        parent = replied_to if replied_to and replied_to != post_id else None
    else:
        post_id = refs.get("quoted")  # a quote reacts to that post; a bare mention to none
        parent = None
    text = comment_text(text, ctx)
    author_id = clean_id(str(tweet.get("author_id") or "")) or None
    author: dict[str, Any] = tweet["author"] if isinstance(tweet.get("author"), dict) else {}
    handle = names.get(author_id or "") or author.get("username") or tweet.get("author_username")
    metrics: dict[str, Any] = tweet["public_metrics"] \
        if isinstance(tweet.get("public_metrics"), dict) else {}
    raw_likes = metrics.get("like_count")
    likes = raw_likes if type(raw_likes) is int and 0 <= raw_likes < MAX_INT_COUNT else \
        soft_cell({"like_count": str(raw_likes)}, "like_count", parse_int_count, ctx)
    created = soft_cell({"created_at": str(tweet.get("created_at") or "")}, "created_at",
                        lambda v: parse_datetime(v, ctx.tz), ctx)
    return Record("comments", {
        "account": AccountRef("x"), "platform": "x", "platform_comment_id": tweet_id,
        "platform_post_id": post_id, "parent_comment_id": parent,
        "author_handle": str(handle).lstrip("@") if handle else None, "author_id": author_id,
        "text": text, "created_at": created,
        "like_count": likes})


class XApiTweets(Format):
    """X API v2 tweet JSON (twarc2 JSONL pages, one response page, or flattened tweets)."""

    key = "x_api_tweets"
    platform = "x"
    title = "X API v2 replies and mentions (twarc2 JSONL, API response JSON)"
    provides = ("comments",)
    example_header = '{"data": [{"id": "…", "text": "…", "conversation_id": "…"}], "includes": …}'
    kinds: ClassVar[tuple[str, ...]] = ("json", "jsonl")
    needs_account = False

    def detect(self, doc: Document) -> Detection:
        if doc.kind not in self.kinds:
            return Detection(0.0, ["data[].id", "data[].text"])
        found = next(iter_tweets(doc.data), None)
        return Detection(1.0) if found else Detection(0.0, ["data[].id", "data[].text"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        for number, tweet, names in iter_tweets(doc.data):
            result = comment_record(tweet, names, ctx)
            if isinstance(result, Skip):
                yield Skip(number, result.reason)
            else:
                result.line = number
                yield result


class Twarc2Csv(CsvFormat):
    """The CSV `twarc2 csv` writes from X API v2 tweets (dotted column names)."""

    key = "x_twarc_csv"
    platform = "x"
    title = "X API v2 replies and mentions as twarc2 CSV"
    provides = ("comments",)
    example_header = "id,conversation_id,referenced_tweets.replied_to.id,…,author_id,…,created_at,text,…"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        "id": (), "conversation_id": (), "author_id": (), "text": (), "created_at": (),
        "replied_to": ("referenced_tweets.replied_to.id",),
        "retweeted": ("referenced_tweets.retweeted.id",),
        "quoted": ("referenced_tweets.quoted.id",),
        "in_reply_to_user_id": (), "author_username": ("author.username",),
        "like_count": ("public_metrics.like_count",), "mentions": ("entities.mentions",)}
    required = ("id", "conversation_id", "author_id", "text", "created_at")
    needs_account = False

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        refs = [{"type": kind, "id": clean_id(row.get(kind))}
                for kind in ("replied_to", "retweeted", "quoted") if clean_id(row.get(kind))]
        tweet: Tweet = {
            "id": row.get("id"), "text": row.get("text"), "created_at": row.get("created_at"),
            "conversation_id": row.get("conversation_id"), "author_id": row.get("author_id"),
            "author_username": None if is_null(row.get("author_username"))
            else row["author_username"].strip(),
            "in_reply_to_user_id": clean_id(row.get("in_reply_to_user_id")),
            "referenced_tweets": refs, "public_metrics": {"like_count": row.get("like_count")},
            "entities": {"mentions": _json_list(row.get("mentions"))}}
        result = comment_record(tweet, {}, ctx)
        return result if isinstance(result, Skip) else [result]


def _json_list(raw: str | None) -> list[Any]:
    """A JSON list cell (twarc2 writes entities as JSON); anything else is an empty list."""
    if is_null(raw):
        return []
    assert raw is not None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


FORMATS = [XApiTweets(), Twarc2Csv()]
