"""What an importer is: a format that recognises a document and maps its rows to records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from ..i18n import t
from .readers import Block, Document
from .values import DEFAULT_TZ, nfc

# Comment text is hostile input: it is bounded, and a longer text is cut and the cut noted.
MAX_COMMENT_CHARS = 10_000

# The tables a record may target, with the fields importers fill (see store migrations).
TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "account_daily": ("account", "date", "metric", "value"),
    "follower_snapshots": ("account", "observed_at", "followers"),
    "audience": ("account", "snapshot_date", "audience_kind", "dimension", "bucket", "value", "unit"),
    "follower_activity": ("account", "date", "hour", "active_followers"),
    "posts": ("account", "platform", "platform_post_id", "published_at", "post_type", "title",
              "caption", "permalink", "hashtags", "mentions", "is_collab", "duration_s"),
    "post_metrics": ("platform", "platform_post_id", "period", "as_of", "reach", "reach_followers",
                     "reach_non_followers", "views", "likes", "comments", "shares", "saves",
                     "follows", "profile_visits", "link_clicks", "interactions", "watch_time_s",
                     "avg_watch_time_s", "completion_rate"),
    "comments": ("account", "platform", "platform_comment_id", "platform_post_id",
                 "parent_comment_id", "author_handle", "author_id", "text", "created_at",
                 "like_count", "hidden"),
    "followers": ("account", "handle", "platform_user_id", "name", "bio", "followers_count",
                  "following_count", "posts_count", "is_private", "is_verified", "has_picture"),
}
PLATFORMS = ("instagram", "facebook", "tiktok", "x", "youtube")


@dataclass(frozen=True)
class AccountRef:
    """An account named by a file; unnamed fields are filled from the import's default account."""

    platform: str
    handle: str | None = None
    platform_account_id: str | None = None
    display_name: str | None = None


@dataclass
class Record:
    """One row for one store table, from source line `line`."""

    table: str
    values: dict[str, Any]
    line: int = 0


@dataclass
class Skip:
    """A source row not imported, and why."""

    line: int
    reason: str


class FieldError(ValueError):
    """A cell that does not hold what its column promises."""

    def __init__(self, column: str, message: str) -> None:
        self.column = column
        super().__init__(t("import.column_error", column=column, message=message))


@dataclass
class Context:
    """What a mapper may know beyond the row: the file, its dates and the account it is for."""

    file_name: str
    observed_at: datetime
    reference_date: date
    tz: str = DEFAULT_TZ
    account: AccountRef | None = None
    source_path: str = ""  # the file's full path, zip and member ('a.zip!dir/b.csv'), when known
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Record a warning for the import report (once)."""
        if message not in self.warnings:
            self.warnings.append(message)


@dataclass
class Detection:
    """How well a document fits a format: score 1.0 means every required column was found."""

    score: float
    missing: list[str] = field(default_factory=list)


def header_key(text: str) -> str:
    """Normalise a header for alias lookup: case, accents, spacing, punctuation at the ends."""
    folded = unicodedata.normalize("NFKC", text).strip().strip('\ufeff"\'').lower()
    folded = re.sub(r"\s+", " ", folded)
    return folded.rstrip(":").strip()


def resolve_columns(header: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map canonical field names to column positions through an alias table."""
    positions = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for canonical, names in aliases.items():
        for name in (canonical, *names):
            index = positions.get(header_key(name))
            if index is not None:
                found[canonical] = index
                break
    return found


@dataclass
class BulkPlan:
    """A format's mapping as SQL over a CSV's all-text columns, for files too big for Python rows.

    `select` gives each target column's SQL expression; rows meeting a `skip` condition are
    skipped with its reason; a `warn` condition met by any row adds its warning; where the
    id column is NULL an id is made from the hash of `hash_id_basis`, as the row mapper does.
    """

    table: str
    select: dict[str, str]
    skip: dict[str, str] = field(default_factory=dict)
    warn: dict[str, str] = field(default_factory=dict)
    hash_id_basis: tuple[str, ...] = ()
    id_column: str | None = None
    fallback: dict[str, str] = field(default_factory=dict)


class Format:
    """Base of every importer. Subclasses set the class attributes and implement `records`."""

    key: ClassVar[str]
    platform: ClassVar[str]  # or "any" when the file or the user says
    title: ClassVar[str]
    provides: ClassVar[tuple[str, ...]]
    example_header: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ("csv", "xlsx")
    needs_account: ClassVar[bool] = True  # False when every row names its account

    def detect(self, doc: Document) -> Detection:
        """Score how well the document fits this format."""
        raise NotImplementedError

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        """Map the document to records (pure: no I/O, no store access)."""
        raise NotImplementedError


class CsvFormat(Format):
    """A one-table export: required columns recognise it, `map_row` maps each row."""

    aliases: ClassVar[dict[str, tuple[str, ...]]]
    required: ClassVar[tuple[str, ...]]
    forbidden: ClassVar[tuple[str, ...]] = ()  # canonical fields whose presence rules it out

    def _block(self, doc: Document) -> Block | None:
        for block in doc.blocks:
            cols = resolve_columns(block.header, self.aliases)
            if all(r in cols for r in self.required) and not any(f in cols for f in self.forbidden) \
                    and self.accept(block):
                return block
        return None

    def detect(self, doc: Document) -> Detection:
        if doc.kind not in self.kinds or not doc.blocks:
            return Detection(0.0, list(self.required))
        best = Detection(0.0, list(self.required))
        for block in doc.blocks:
            cols = resolve_columns(block.header, self.aliases)
            missing = [r for r in self.required if r not in cols]
            score = 1 - len(missing) / len(self.required)
            if any(f in cols for f in self.forbidden):
                score = min(score, 0.5)
            if score == 1.0 and not self.accept(block):
                score = 0.9
            if score > best.score:
                best = Detection(score, missing)
        return best

    def accept(self, block: Block) -> bool:
        """Extra content check beyond the columns (override when headers are ambiguous)."""
        return True

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        block = self._block(doc)
        if block is None:
            return
        cols = resolve_columns(block.header, self.aliases)
        width = len(block.header)
        yield from self.prepare(block, cols, ctx)
        for line, cells in block.rows:
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                yield Skip(line, t("import.extra_cells", n=len(cells), width=width))
                continue
            row = {name: (cells[i] if i < len(cells) else "") for name, i in cols.items()}
            try:
                result = self.map_row(row, ctx)
            except FieldError as exc:
                yield Skip(line, str(exc))
                continue
            except (ValueError, OverflowError) as exc:
                yield Skip(line, str(exc))
                continue
            if isinstance(result, Skip):
                yield Skip(line, result.reason)
                continue
            for record in result:
                record.line = line
                yield record

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        """Records derived from the whole table before its rows (none by default)."""
        return ()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        """Map one row (canonical field -> cell text) to records, or a Skip with its reason."""
        raise NotImplementedError


def cell(row: dict[str, str], name: str, parser: Callable[[str | None], Any]) -> Any:
    """Parse one named cell, turning a parser's ValueError into a FieldError for that column."""
    try:
        return parser(row.get(name))
    except ValueError as exc:
        raise FieldError(name, str(exc)) from exc


def soft_cell(row: dict[str, str], name: str, parser: Callable[[str | None], Any],
              ctx: Context) -> Any:
    """Parse a cell that is not essential to the row: garbage becomes NULL and a warning."""
    try:
        return parser(row.get(name))
    except ValueError:
        ctx.warn(t("import.column_unreadable", column=name))
        return None


def comment_text(text: str, ctx: Context) -> str:
    """Comment text as written (NFC only), cut to MAX_COMMENT_CHARS with a warning."""
    text = nfc(text) or ""
    if len(text) > MAX_COMMENT_CHARS:
        ctx.warn(t("import.comment_cut", n=MAX_COMMENT_CHARS))
        text = text[:MAX_COMMENT_CHARS]
    return text


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
