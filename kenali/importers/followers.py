"""Follower lists: a generic table, X API users, instaloader profiles, Instagram DYI followers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from .base import (
    PLATFORMS,
    AccountRef,
    Context,
    CsvFormat,
    Detection,
    Format,
    Record,
    Skip,
    resolve_columns,
    soft_cell,
)
from .comment_items import (
    as_count,
    as_id,
    bounded,
    guarded,
    msg,
    obj,
    seq,
    text_or_none,
)
from .readers import Block, Document
from .values import is_null, nfc, parse_number

# Instagram's anonymous avatar (the picture every account without one shows); a heuristic.
IG_DEFAULT_PICTURE = "44884218_345707102882519_2446069589734326272_n"
X_DEFAULT_PICTURE = "default_profile_images"
TRUE_WORDS = frozenset({"true", "yes", "ya", "y", "1", "benar", "iya", "✓", "✔"})
FALSE_WORDS = frozenset({"false", "no", "tidak", "tdk", "n", "0", "salah", "bukan"})
# Abbreviated counts as scrapers copy them from the screen: '12.3K', '1,2 rb', '3 jt'.
_ABBREVIATED = re.compile(r"^([\d.,]+)\s*(k|rb|ribu|m|jt|juta|b|mio)\.?$", flags=re.IGNORECASE)
_SCALE = {"k": 1e3, "rb": 1e3, "ribu": 1e3, "m": 1e6, "jt": 1e6, "juta": 1e6, "mio": 1e6,
          "b": 1e9}

ALIASES: dict[str, tuple[str, ...]] = {
    "handle": ("username", "user name", "handle", "nama pengguna", "akun", "screen_name",
               "screen name", "uniqueid", "unique id", "user", "pengguna", "instagram username"),
    "name": ("full name", "full_name", "fullname", "nama", "nama lengkap", "display name",
             "nama tampilan", "name", "nickname"),
    "bio": ("biography", "bio", "description", "deskripsi", "biografi", "signature"),
    "followers_count": ("followers", "follower count", "followers_count", "follower_count",
                        "followers count", "pengikut", "jumlah pengikut", "followercount", "fans"),
    "following_count": ("following", "followee count", "followees", "following_count",
                        "following count", "followee_count", "mengikuti", "jumlah mengikuti",
                        "followingcount", "friends_count"),
    "posts_count": ("posts", "media count", "mediacount", "media_count", "posts_count",
                    "posts count", "postingan", "jumlah postingan", "tweet_count",
                    "statuses_count", "video count", "videocount"),
    "is_private": ("private", "is_private", "is private", "privat", "akun privat", "protected"),
    "is_verified": ("verified", "is_verified", "is verified", "terverifikasi", "centang biru"),
    "has_picture": ("has picture", "has_picture", "has profile pic", "has_profile_pic",
                    "punya foto", "ada foto profil"),
    "picture_url": ("profile_pic_url", "profile pic url", "profile picture url",
                    "profile_image_url", "avatar", "avatar url", "avatar_url", "foto profil",
                    "profile picture", "profilepicurl"),
    "user_id": ("id", "user id", "userid", "user_id", "pk", "platform_user_id", "id pengguna"),
    "comment_text": ("text", "comment", "komentar", "isi komentar"),
}
PROFILE_FIELDS = ("name", "bio", "followers_count", "following_count", "posts_count",
                  "is_private", "is_verified", "has_picture", "picture_url", "user_id")


def parse_flag(raw: Any) -> bool | None:
    """A yes/no cell in English or Indonesian; None when empty or unclear."""
    if isinstance(raw, bool):
        return raw
    if raw is None or is_null(str(raw)):
        return None
    word = str(raw).strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def parse_follower_count(raw: str | None) -> int | None:
    """A count, possibly abbreviated ('12.3K', '1,2 rb', '3 jt'); raises ValueError on garbage."""
    if is_null(raw):
        return None
    assert raw is not None
    match = _ABBREVIATED.match(raw.strip())
    if match:
        value = parse_number(match.group(1))
        return None if value is None else bounded(round(value * _SCALE[match.group(2).lower()]))
    value = parse_number(raw, integer=True)
    return None if value is None or abs(value) > 1e18 else int(value)


def clean_handle(raw: Any) -> str | None:
    """A handle without '@', without a profile URL around it, lower-cased."""
    if not isinstance(raw, str) or is_null(raw):
        return None
    text = raw.strip()
    if "/" in text:
        parts = [p for p in text.split("?")[0].split("/") if p and p != "_u"]
        text = parts[-1] if parts else ""
    text = text.lstrip("@").strip().lower()
    return text or None


def picture_present(url: Any, *default_markers: str) -> bool | None:
    """True when a picture URL is given and is not a platform's default avatar."""
    if not isinstance(url, str) or is_null(url):
        return None
    return not any(marker in url for marker in default_markers)


def follower(account: AccountRef, handle: str, line: int, **fields: Any) -> Record:
    """One followers record; fields not given stay NULL."""
    values: dict[str, Any] = {"account": account, "handle": handle}
    for name in ("platform_user_id", "name", "bio", "followers_count", "following_count",
                 "posts_count", "is_private", "is_verified", "has_picture"):
        value = fields.get(name)
        if name.endswith("_count"):
            value = bounded(value)
        values[name] = nfc(value) if isinstance(value, str) else value
    return Record("followers", values, line=line)


class FollowersCsv(CsvFormat):
    """Any table of followers with a handle column (scraper or extension output, a team sheet)."""

    key = "followers_csv"
    platform = "any"
    title = "Follower list (CSV/XLSX: username, name, bio, counts, private, verified)"
    provides = ("followers",)
    example_header = "username,full name,biography,followers,following,posts,is_private"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = ALIASES
    required = ("handle",)
    forbidden = ("comment_text",)
    needs_account = True  # the account these people follow; --platform says which platform

    def accept(self, block: Block) -> bool:
        cols = resolve_columns(block.header, self.aliases)
        return len(block.header) == 1 or any(f in cols for f in PROFILE_FIELDS)

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        platform = ctx.account.platform if ctx.account else "any"
        # Without a real platform the pipeline asks for --account/--platform and writes nothing.
        self._account = AccountRef(platform if platform in PLATFORMS else "any")
        yield from super().records(doc, ctx)

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        handle = clean_handle(row.get("handle"))
        if handle is None:
            return Skip(0, msg("soc.no_username"))
        has_picture = parse_flag(row.get("has_picture"))
        if has_picture is None:
            has_picture = picture_present(row.get("picture_url"), IG_DEFAULT_PICTURE,
                                          X_DEFAULT_PICTURE)

        def count(name: str) -> int | None:
            return soft_cell(row, name, parse_follower_count, ctx)  # type: ignore[no-any-return]

        return [follower(self._account, handle, 0, platform_user_id=as_id(row.get("user_id")),
                         name=(row.get("name") or "").strip() or None,
                         bio=(row.get("bio") or "").strip() or None,
                         followers_count=count("followers_count"),
                         following_count=count("following_count"),
                         posts_count=count("posts_count"),
                         is_private=parse_flag(row.get("is_private")),
                         is_verified=parse_flag(row.get("is_verified")),
                         has_picture=has_picture)]


class JsonFollowers(Format):
    """Shared shape of JSON follower lists: find the user objects, map each one."""

    kinds: ClassVar[tuple[str, ...]] = ("json", "jsonl")
    provides = ("followers",)
    needs_account = True

    def users(self, data: Any) -> list[Any]:
        """The user objects of the document."""
        raise NotImplementedError

    def is_user(self, item: Any) -> bool:
        """True when the item is one of this format's user objects."""
        raise NotImplementedError

    def detect(self, doc: Document) -> Detection:
        if doc.kind in self.kinds:
            users = self.users(doc.data)
            if users and all(self.is_user(u) for u in users):
                return Detection(1.0)
        return Detection(0.0, ["username"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        account = AccountRef(self.platform)
        for number, user in enumerate(self.users(doc.data), start=1):
            yield from guarded(number, self.map_user, obj(user), account, number)

    def map_user(self, user: dict[str, Any], account: AccountRef, number: int) -> Record | Skip:
        """One follower from one user object."""
        raise NotImplementedError


class XFollowers(JsonFollowers):
    """X API v2 users (GET /2/users/:id/followers pages, twarc2 JSONL) or v1.1 user objects."""

    key = "x_followers_json"
    platform = "x"
    title = "X API followers (users JSON: v2 pages, twarc2 JSONL, v1.1 users)"
    example_header = '{"data": [{"id": "…", "username": "…", "name": "…", ' \
                     '"public_metrics": {"followers_count": …}}], "meta": {…}}'

    def users(self, data: Any) -> list[Any]:
        units = data if isinstance(data, list) else [data]
        found: list[Any] = []
        for unit in units:
            if isinstance(unit, dict) and isinstance(unit.get("data"), list):
                found.extend(unit["data"])
            elif isinstance(unit, dict) and isinstance(unit.get("users"), list):
                found.extend(unit["users"])  # v1.1 followers/list
            else:
                found.append(unit)
        return found

    def is_user(self, item: Any) -> bool:
        if not isinstance(item, dict) or not ("username" in item or "screen_name" in item):
            return False
        if any(k in item for k in ("full_name", "is_private", "edge_followed_by", "biography")):
            return False  # Instagram profile fields
        return any(k in item for k in ("public_metrics", "protected", "followers_count")) \
            or ("id" in item and "name" in item)

    def map_user(self, user: dict[str, Any], account: AccountRef, number: int) -> Record | Skip:
        handle = clean_handle(user.get("username") or user.get("screen_name"))
        if handle is None:
            return Skip(number, msg("soc.no_username"))
        public = user.get("public_metrics")
        metrics: dict[str, Any] = public if isinstance(public, dict) else user
        image = user.get("profile_image_url") or user.get("profile_image_url_https")
        if isinstance(user.get("default_profile_image"), bool):
            has_picture: bool | None = not user["default_profile_image"]
        else:
            has_picture = picture_present(image, X_DEFAULT_PICTURE)
        verified = user.get("verified")
        if user.get("verified_type") not in (None, "none"):
            verified = True
        return follower(account, handle, number, platform_user_id=as_id(user.get("id_str")
                                                                      or user.get("id")),
                        name=text_or_none(user.get("name")) or None,
                        bio=text_or_none(user.get("description")) or None,
                        followers_count=as_count(metrics.get("followers_count")),
                        following_count=as_count(metrics.get("following_count",
                                                             metrics.get("friends_count"))),
                        posts_count=as_count(metrics.get("tweet_count",
                                                         metrics.get("statuses_count"))),
                        is_private=parse_flag(user.get("protected")),
                        is_verified=parse_flag(verified), has_picture=has_picture)


def _unwrap(item: Any) -> Any:
    """An instaloader wrapper {"node": …, "instaloader": …} or a bare profile node."""
    return item["node"] if isinstance(item, dict) and isinstance(item.get("node"), dict) else item


def _edge_count(node: dict[str, Any], *names: str) -> int | None:
    for name in names:
        value = node.get(name)
        if isinstance(value, dict):
            return as_count(value.get("count"))
        if value is not None:
            return as_count(value)
    return None


class InstaloaderFollowers(JsonFollowers):
    """Instagram profiles, one per line or in a list: instaloader Profile nodes, Apify profiles."""

    key = "instaloader_followers"
    platform = "instagram"
    title = "Instagram follower profiles (instaloader-style or Apify profile JSON)"
    example_header = '{"username": "…", "full_name": "…", "biography": "…", ' \
                     '"edge_followed_by": {"count": …}, "is_private": false}'

    def users(self, data: Any) -> list[Any]:
        return [_unwrap(item) for item in data] if isinstance(data, list) else []

    def is_user(self, item: Any) -> bool:
        return isinstance(item, dict) and isinstance(item.get("username"), str) \
            and "public_metrics" not in item and any(
                k in item for k in ("full_name", "is_private", "edge_followed_by", "biography",
                                    "profile_pic_url", "followers", "mediacount", "fullName",
                                    "followersCount"))

    def map_user(self, user: dict[str, Any], account: AccountRef, number: int) -> Record | Skip:
        handle = clean_handle(user.get("username"))
        if handle is None:
            return Skip(number, msg("soc.no_username"))
        anonymous = user.get("has_anonymous_profile_picture")
        # instaloader / GraphQL names first, then Apify's camelCase profile fields.
        picture = user.get("profile_pic_url") or user.get("profile_pic_url_hd") \
            or user.get("profilePicUrl") or user.get("profilePicUrlHD")
        has_picture = (not anonymous) if isinstance(anonymous, bool) else picture_present(
            picture, IG_DEFAULT_PICTURE)
        private = user.get("is_private", user.get("private"))
        verified = user.get("is_verified", user.get("verified"))
        return follower(account, handle, number,
                        platform_user_id=as_id(user.get("id") or user.get("pk")
                                               or user.get("userid")),
                        name=text_or_none(user.get("full_name") or user.get("fullName")) or None,
                        bio=text_or_none(user.get("biography")) or None,
                        followers_count=_edge_count(user, "edge_followed_by", "followers",
                                                    "follower_count", "followersCount"),
                        following_count=_edge_count(user, "edge_follow", "followees",
                                                    "following_count", "followsCount"),
                        posts_count=_edge_count(user, "edge_owner_to_timeline_media",
                                                "mediacount", "media_count", "postsCount"),
                        is_private=parse_flag(private), is_verified=parse_flag(verified),
                        has_picture=has_picture)


# Other DYI lists share the followers shape; their file names tell them apart.
NOT_FOLLOWERS = ("following", "close_friends", "blocked", "unfollowed", "pending", "request",
                 "restricted", "hide_story", "removed_suggestions")


class InstagramDyiFollowers(JsonFollowers):
    """Instagram 'Download your information' connections/followers_and_following/followers_1.json."""

    key = "instagram_dyi_followers"
    platform = "instagram"
    title = "Instagram Download your information: followers_N.json"
    example_header = '[{"title": "", "media_list_data": [], "string_list_data": ' \
                     '[{"href": "…", "value": "username", "timestamp": 1700000000}]}]'
    kinds = ("json",)

    def detect(self, doc: Document) -> Detection:
        if any(word in doc.name.lower() for word in NOT_FOLLOWERS):
            return Detection(0.0, ["followers_N.json"])
        return super().detect(doc)

    def users(self, data: Any) -> list[Any]:
        if isinstance(data, dict) and isinstance(data.get("relationships_followers"), list):
            return list(data["relationships_followers"])
        return data if isinstance(data, list) else []

    def is_user(self, item: Any) -> bool:
        return isinstance(item, dict) and isinstance(item.get("string_list_data"), list)

    def map_user(self, user: dict[str, Any], account: AccountRef, number: int) -> Record | Skip:
        entries = [e for e in seq(user.get("string_list_data")) if isinstance(e, dict)]
        entry = entries[0] if entries else {}
        # Older exports put the username in 'value'; 2025 exports in 'title' (href has '/_u/').
        handle = clean_handle(entry.get("value") or user.get("title") or entry.get("href"))
        if handle is None:
            return Skip(number, msg("soc.no_username"))
        return follower(account, handle, number)


FORMATS = [FollowersCsv(), XFollowers(), InstaloaderFollowers(), InstagramDyiFollowers()]
