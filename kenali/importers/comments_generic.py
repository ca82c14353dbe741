"""Comments from other tools as CSV/XLSX: generic columns, IG Comment Export, Semarang scrapes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import ClassVar

from ..i18n import t
from .base import (
    MAX_COMMENT_CHARS,
    PLATFORMS,
    AccountRef,
    BulkPlan,
    Context,
    CsvFormat,
    Record,
    Skip,
    comment_text,
    soft_cell,
)
from .readers import Document
from .values import clean_id, is_mangled_id, is_null, parse_count, parse_datetime

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("comment", "comment text", "komentar", "isi komentar", "teks", "message", "body",
             "content", "textoriginal", "text original"),
    "author": ("username", "user name", "author", "ownerusername", "owner username", "handle",
               "nama pengguna", "akun", "from", "authordisplayname", "user"),
    "author_id": ("user id", "userid", "ownerid", "owner id", "author id", "id pengguna"),
    "comment_id": ("comment id", "commentid", "id", "id komentar", "cid"),
    "created_at": ("comment time", "datetime", "timestamp", "created_at", "created time",
                   "date", "time", "waktu", "tanggal", "createtimeiso", "publishedat"),
    "likes": ("likes", "like count", "likescount", "like_count", "diggcount", "suka",
              "jumlah suka"),
    "post_id": ("post id", "postid", "media id", "video id", "id postingan", "post"),
    "permalink": ("post url", "posturl", "permalink", "post link", "videoweburl", "url",
                  "comment url", "commenturl"),
    "parent_id": ("parent id", "parent_id", "parent comment id", "reply to", "repliestoid"),
    "platform": ("platform", "platforma"),
    "account": ("account", "akun instansi", "page", "owner"),
    "hidden": ("hidden", "is_hidden", "disembunyikan"),
}


def _platform_of(url: str | None) -> str | None:
    if not url:
        return None
    for needle, platform in (("instagram.com", "instagram"), ("tiktok.com", "tiktok"),
                             ("facebook.com", "facebook"), ("youtube.com", "youtube"),
                             ("youtu.be", "youtube"), ("x.com", "x"), ("twitter.com", "x")):
        if needle in url:
            return platform
    return None


def _post_id_from_permalink(url: str | None) -> str | None:
    """The post's id or shortcode from a permalink (instagram /p/CODE/, tiktok /video/ID)."""
    if not url:
        return None
    parts = [p for p in url.split("?")[0].split("/") if p]
    for marker in ("p", "reel", "reels", "tv", "video", "status", "posts", "shorts"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return parts[parts.index(marker) + 1]
    if "v=" in url:
        return url.split("v=")[1].split("&")[0]
    return None


class GenericComments(CsvFormat):
    """Any table of comments with at least a text column and an author or time column."""

    key = "comments_csv"
    platform = "any"
    title = "Comments table (CSV/XLSX from scrapers, extensions or a team's own sheet)"
    provides = ("comments",)
    example_header = "username,text,likes,datetime"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = ALIASES
    required = ("text", "author")
    needs_account = False

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        self._seen: Counter[str] = Counter()
        yield from super().records(doc, ctx)

    def bulk(self, cols: dict[str, str], ctx: Context) -> BulkPlan:
        """The same mapping in SQL, for large files (kenali/bulk.py)."""
        return bulk_plan(self, cols, ctx)

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        text = row.get("text")
        if text is None or not text.strip():
            return Skip(0, t("import.comment_empty"))
        text = comment_text(text, ctx)
        permalink = None if is_null(row.get("permalink")) else row["permalink"].strip()
        platform = (row.get("platform") or "").strip().lower() or _platform_of(permalink) \
            or (ctx.account.platform if ctx.account else None)
        if platform not in PLATFORMS:
            ctx.warn(t("import.comment_no_platform"))
            platform = "instagram"
        author = None if is_null(row.get("author")) else row["author"].strip().lstrip("@")
        created = soft_cell(row, "created_at", lambda v: parse_datetime(v, ctx.tz), ctx)
        post_id = clean_id(row.get("post_id")) or _post_id_from_permalink(permalink)
        comment_id = clean_id(row.get("comment_id"))
        if comment_id is None and is_mangled_id(row.get("comment_id")):
            ctx.warn(t("import.mangled_ids"))
        if comment_id is None:
            # No id in the file: a stable content hash, numbered for exact repeats within a file.
            basis = "|".join([platform, post_id or "", author or "", utc_stamp(created), text])
            digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]
            self._seen[digest] += 1
            comment_id = f"h:{digest}:{self._seen[digest]}"
        account_handle = None if is_null(row.get("account")) else row["account"].strip()
        hidden_raw = (row.get("hidden") or "").strip().lower()
        return [Record("comments", {
            "account": AccountRef(platform, account_handle),
            "platform": platform,
            "platform_comment_id": comment_id,
            "platform_post_id": post_id,
            "parent_comment_id": clean_id(row.get("parent_id")),
            "author_handle": author,
            "author_id": clean_id(row.get("author_id")),
            "text": text,
            "created_at": created,
            "like_count": _int(soft_cell(row, "likes", parse_count, ctx)),
            "hidden": {"true": True, "1": True, "ya": True, "false": False, "0": False,
                       "tidak": False}.get(hidden_raw),
        })]


def utc_stamp(moment: datetime | None) -> str:
    """A time as the UTC string used in content hashes (the bulk path builds the same in SQL)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


FORMATS = [GenericComments()]


def bulk_plan(fmt: GenericComments, cols: dict[str, str], ctx: Context) -> BulkPlan:
    """The same mapping as `GenericComments.map_row`, as SQL over all-text columns."""
    from . import sqlvalues as q

    def col(name: str) -> str:
        return cols.get(name, "NULL::VARCHAR")

    default_platform = ctx.account.platform if ctx.account and ctx.account.platform in PLATFORMS \
        else None
    permalink = q.text(col("permalink"))
    from_link = (f"(CASE WHEN {permalink} LIKE '%instagram.com%' THEN 'instagram' "
                 f"WHEN {permalink} LIKE '%tiktok.com%' THEN 'tiktok' "
                 f"WHEN {permalink} LIKE '%facebook.com%' THEN 'facebook' "
                 f"WHEN {permalink} LIKE '%youtube.com%' OR {permalink} LIKE '%youtu.be%' THEN 'youtube' "
                 f"WHEN {permalink} LIKE '%x.com%' OR {permalink} LIKE '%twitter.com%' THEN 'x' END)")
    given = f"lower({q.text(col('platform'))})"
    platforms = "[" + ", ".join(f"'{p}'" for p in PLATFORMS) + "]"
    platform = (f"coalesce(CASE WHEN list_contains({platforms}, {given}) THEN {given} END, "
                f"{from_link}, {repr(default_platform) if default_platform else 'NULL'})")
    post_from_link = (f"NULLIF(coalesce(NULLIF(regexp_extract({permalink}, "
                      f"'/(?:p|reel|reels|tv|video|status|posts|shorts)/([^/?]+)', 1), ''), "
                      f"regexp_extract({permalink}, 'v=([^&]+)', 1)), '')")
    text = q.raw_text(col("text"))
    hidden = f"lower(trim({col('hidden')}))"
    created = q.timestamp(col("created_at"), ctx.tz)
    return BulkPlan(
        table="comments",
        select={
            "account_handle": q.text(col("account")),
            "platform": platform,
            "platform_comment_id": q.clean_id(col("comment_id")),
            "platform_post_id": f"coalesce({q.clean_id(col('post_id'))}, {post_from_link})",
            "parent_comment_id": q.clean_id(col("parent_id")),
            "author_handle": f"ltrim({q.text(col('author'))}, '@')",
            "author_id": q.clean_id(col("author_id")),
            "text": f"left({text}, {MAX_COMMENT_CHARS})",
            "created_at": created,
            "like_count": f"CAST(trunc({q.count(col('likes'))}) AS BIGINT)",
            "hidden": (f"(CASE WHEN {hidden} IN ('true', '1', 'ya') THEN TRUE "
                       f"WHEN {hidden} IN ('false', '0', 'tidak') THEN FALSE END)"),
        },
        skip={f"{text} IS NULL": t("import.comment_empty")},
        warn={
            f"{q.text(col('likes'))} IS NOT NULL AND {q.count(col('likes'))} IS NULL":
                t("import.column_unreadable", column="likes"),
            f"{q.text(col('created_at'))} IS NOT NULL AND {created} IS NULL":
                t("import.column_unreadable", column="created_at"),
            f"length({text}) > {MAX_COMMENT_CHARS}":
                t("import.comment_cut", n=MAX_COMMENT_CHARS),
            f"({platform}) IS NULL": t("import.comment_no_platform"),
            f"regexp_full_match(trim({q.text(col('comment_id'))}), '{q.MANGLED_ID_SQL}')": t("import.mangled_ids"),
        },
        hash_id_basis=("platform", "platform_post_id", "author_handle", "created_at", "text"),
        id_column="platform_comment_id",
        fallback={"platform": "'instagram'"},
    )

