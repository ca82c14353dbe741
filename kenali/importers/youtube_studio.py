"""YouTube Studio "Export current view" files: Table data, Chart data, Totals, Subscribers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import ClassVar
from zoneinfo import ZoneInfo

from .base import AccountRef, Context, CsvFormat, Record, Skip, cell, header_key, resolve_columns
from .comment_items import msg
from .readers import Block
from .values import (
    clean_id,
    hashtags,
    is_null,
    month_number,
    parse_count,
    parse_date,
    parse_duration,
    parse_number,
)

PLATFORM = "youtube"
SHORT_MAX_S = 60.0  # the rule the brief and formats.md use; Shorts up to 3 min exist since 2024

# The export's zip (or the folder it was unpacked to): "<Dimension> <start>_<end> <Channel name>".
EXPORT_NAME = re.compile(r"^(?P<dimension>.+?) (?P<start>\d{4}-\d{2}-\d{2})_(?P<end>\d{4}-\d{2}-\d{2})"
                         r" (?P<channel>.+?)(?:\.zip)?$", flags=re.IGNORECASE)

# Column names in the English UI (verified on samples and public exports) and Indonesian guesses
# (no real Indonesian Studio export has been seen: every Indonesian alias is UNVERIFIED).
KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "video_id": ("content", "konten"),
    "title": ("video title", "judul video"),
    "published": ("video publish time", "waktu publikasi video", "waktu publikasi"),
    "duration": ("duration", "durasi", "durasi video"),
    "date": ("date", "tanggal"),
    "country": ("geography", "geografi"),
    "age": ("viewer age", "usia penonton"),
    "gender": ("viewer gender", "gender penonton", "jenis kelamin penonton"),
}
# Metric columns: canonical name -> (aliases, parser, factor applied to the parsed value).
METRICS: dict[str, tuple[tuple[str, ...], str, float]] = {
    "views": (("views", "penayangan"), "count", 1.0),
    "watch_time_s": (("watch time (hours)", "waktu tonton (jam)"), "number", 3600.0),
    "avg_watch_time_s": (("average view duration", "durasi rata-rata dilihat",
                          "rata-rata durasi penayangan"), "duration", 1.0),
    "completion_rate": (("average percentage viewed (%)", "persentase rata-rata dilihat (%)",
                         "rata-rata persentase yang dilihat (%)"), "number", 0.01),
    "net_follows": (("subscribers", "subscriber"), "count", 1.0),
    "follows": (("subscribers gained", "subscriber yang diperoleh"), "count", 1.0),
    "unfollows": (("subscribers lost", "subscriber yang hilang"), "count", 1.0),
    "likes": (("likes", "suka"), "count", 1.0),
    "comments": (("comments added", "komentar yang ditambahkan"), "count", 1.0),
    "shares": (("shares", "dibagikan", "berbagi"), "count", 1.0),
    "reach": (("unique viewers", "penonton unik"), "count", 1.0),
    "impressions": (("impressions", "thumbnail impressions", "tayangan",
                     "tayangan thumbnail"), "count", 1.0),
    "engaged_views": (("engaged views", "penayangan engaged"), "count", 1.0),
    "views_share": (("views (%)", "penayangan (%)"), "number", 0.01),
}
# Columns Studio writes that kenali does not store (kept in raw_records): known, so a table made
# only of known columns is recognised as Studio's.
IGNORED = ("impressions click-through rate (%)", "thumbnail click-through rate (%)",
           "stayed to watch (%)", "average views per viewer", "new viewers", "returning viewers",
           "casual viewers", "estimated revenue (usd)", "watch time (hours) (%)",
           "rasio klik-tayang tayangan (%)", "28-day new viewers", "28-day casual viewers",
           "28-day regular viewers", "monthly audience", "dislikes")
# Column families Studio writes with variable names (revenue in the channel's currency).
STUDIO_VARIABLE = re.compile(r"^(estimated .*revenue|perkiraan pendapatan).*$")
ALIASES: dict[str, tuple[str, ...]] = {**KEY_ALIASES,
                                       **{name: spec[0] for name, spec in METRICS.items()}}
KNOWN_HEADERS = frozenset(header_key(a) for names in ALIASES.values() for a in names) \
    | frozenset(ALIASES) | frozenset(IGNORED)
# post_metrics takes these of the metrics above (follows there is the net subscriber change).
POST_METRIC_OF = {"views": "views", "watch_time_s": "watch_time_s",
                  "avg_watch_time_s": "avg_watch_time_s", "completion_rate": "completion_rate",
                  "net_follows": "follows", "likes": "likes", "comments": "comments",
                  "shares": "shares", "reach": "reach"}


def studio_column(header: str) -> bool:
    """True for a column name YouTube Studio writes."""
    key = header_key(header)
    return key in KNOWN_HEADERS or bool(STUDIO_VARIABLE.match(key))


@dataclass(frozen=True)
class ExportName:
    """What the export's zip name says: the dimension, the date range and the channel."""

    dimension: str
    start: date
    end: date
    channel: str


def export_name(path: str) -> ExportName | None:
    """Read '<Dimension> <start>_<end> <Channel>' from any component of a path (zip or folder)."""
    for part in reversed(re.split(r"[/\\!]", path)):
        match = EXPORT_NAME.match(part.strip())
        if match:
            try:
                start, end = (date.fromisoformat(match.group(g)) for g in ("start", "end"))
            except ValueError:
                continue
            return ExportName(match.group("dimension"), start, end, match.group("channel").strip())
    return None


def source_path(ctx: Context) -> str:
    """The file's full path when the pipeline gives it (zip and member), else its name."""
    return ctx.source_path or ctx.file_name


def channel_handle(channel: str) -> str:
    """A handle guessed from a channel name ('Esports Trans7' -> 'esportstrans7')."""
    return re.sub(r"[^a-z0-9._-]", "", channel.lower())


def channel_account(ctx: Context) -> AccountRef:
    """The account rows belong to: the user's --account, else the channel the zip names."""
    if ctx.account is not None and ctx.account.handle:
        return AccountRef(PLATFORM)
    name = export_name(source_path(ctx))
    if name is None or not channel_handle(name.channel):
        return AccountRef(PLATFORM)
    handle = channel_handle(name.channel)
    # The import's default account is then this channel, so the pipeline does not ask for one.
    ctx.account = AccountRef(PLATFORM, handle)
    return AccountRef(PLATFORM, handle, display_name=name.channel)


def as_of(ctx: Context) -> date:
    """The date totals are observed at: the range's end when the zip says it, else the file date."""
    name = export_name(source_path(ctx))
    return name.end if name else ctx.reference_date


def parse_studio_date(raw: str | None, ctx: Context) -> date | None:
    """'2021-01-01', 'Feb 19, 2023' or (Indonesian UI, unverified) '19 Feb 2023' / '19 Agu 2023'."""
    if is_null(raw):
        return None
    assert raw is not None
    text = raw.strip()
    match = re.fullmatch(r"([^\d\s,]+)\.? (\d{1,2}),? (\d{4})", text) \
        or re.fullmatch(r"(\d{1,2}) ([^\d\s,]+)\.?,? (\d{4})", text)
    if match:
        first, second, year = match.groups()
        month_word, day = (first, second) if not first.isdigit() else (second, first)
        month = month_number(month_word)
        if month is None:
            raise ValueError(msg("soc.yt.unknown_month", raw=repr(raw)))
        return date(int(year), month, int(day))
    return parse_date(text, ctx.reference_date, ctx.tz)


def metric_values(row: dict[str, str], names: Iterable[str]) -> dict[str, float | None]:
    """Parse the metric cells present in a row, scaled to kenali's units."""
    parsers = {"count": parse_count, "number": parse_number, "duration": parse_duration}
    values: dict[str, float | None] = {}
    for name in names:
        if name not in METRICS or name not in row:
            continue
        _, kind, factor = METRICS[name]
        value = cell(row, name, parsers[kind])
        values[name] = None if value is None else value * factor
    return values


def is_total(first_cell: str | None) -> bool:
    """The 'Total' row Studio writes under the header (not data)."""
    return (first_cell or "").strip().lower() in ("total", "jumlah", "total keseluruhan")


class StudioTable(CsvFormat):
    """Shared behaviour of the Studio tables: their alias table (columns Studio may add, such as
    new metrics or revenue in rupiah, do not stop an import)."""

    aliases: ClassVar[dict[str, tuple[str, ...]]] = ALIASES


class StudioContent(StudioTable):
    """Table data.csv of dimension Content: one row per video with its totals for the range."""

    key = "youtube_studio_content"
    platform = PLATFORM
    title = "YouTube Studio: Content export (Table data.csv, one row per video)"
    provides = ("posts", "post_metrics")
    example_header = ("Content,Video title,Video publish time,Duration,Views,"
                      "Watch time (hours),Subscribers,Average view duration")
    required = ("video_id", "title")
    forbidden = ("date",)

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        self._account = channel_account(ctx)
        self._as_of = as_of(ctx)
        return ()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        if is_total(row.get("video_id")):
            return Skip(0, msg("soc.yt.total_video"))
        video_id = clean_id(row.get("video_id"))  # ids starting with '-' come with a leading space
        if video_id is None:
            return Skip(0, msg("soc.yt.no_video_id"))
        title = (row.get("title") or "").strip() or None
        duration = cell(row, "duration", parse_duration)
        published = cell(row, "published", lambda v: parse_studio_date(v, ctx))
        is_short = (duration is not None and 0 < duration <= SHORT_MAX_S) \
            or "#shorts" in (title or "").lower()
        path = f"shorts/{video_id}" if is_short else f"watch?v={video_id}"
        post = Record("posts", {
            "account": self._account, "platform": PLATFORM, "platform_post_id": video_id,
            "published_at": _midnight(published, ctx), "post_type": "short" if is_short else "video",
            "title": title, "permalink": f"https://www.youtube.com/{path}",
            "hashtags": hashtags(title), "duration_s": duration,
        })
        values = metric_values(row, POST_METRIC_OF)
        metrics = Record("post_metrics", {
            "platform": PLATFORM, "platform_post_id": video_id, "period": "lifetime",
            "as_of": self._as_of,
            **{POST_METRIC_OF[name]: value for name, value in values.items()},
        })
        return [post, metrics]


def _midnight(day: date | None, ctx: Context) -> datetime | None:
    """A publish date as the start of that day in the channel's zone (Studio gives no time)."""
    return None if day is None else datetime.combine(day, time(0), tzinfo=ZoneInfo(ctx.tz))


class StudioDaily(StudioTable):
    """Totals.csv, Subscribers.csv, Chart data and Table data of dimension Date: one row a day."""

    key = "youtube_studio_daily"
    platform = PLATFORM
    title = "YouTube Studio: daily channel totals (Totals.csv, Subscribers.csv, dimension Date)"
    provides = ("account_daily",)
    example_header = "Date,Views,Watch time (hours),Subscribers"
    required = ("date",)
    forbidden = ("video_id", "country", "age", "gender")

    def accept(self, block: Block) -> bool:
        # 'Date' plus metrics is what many tools write: only Studio's own columns are accepted.
        cols = resolve_columns(block.header, self.aliases)
        return all(studio_column(h) for h in block.header if h.strip()) \
            and any(m in cols for m in METRICS)

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        self._account = channel_account(ctx)
        self._metrics = [m for m in METRICS if m in cols and m != "views_share"]
        return ()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        if is_total(row.get("date")):
            return Skip(0, msg("soc.yt.total_day"))
        day = cell(row, "date", lambda v: parse_studio_date(v, ctx))
        if day is None:
            return Skip(0, msg("soc.no_date"))
        return [Record("account_daily", {"account": self._account, "date": day, "metric": name,
                                         "value": value})
                for name, value in metric_values(row, self._metrics).items() if value is not None]


GENDERS = {"female": "female", "perempuan": "female", "wanita": "female", "male": "male",
           "laki-laki": "male", "pria": "male", "user-specified": "other",
           "ditentukan pengguna": "other"}


def age_bucket(raw: str) -> str:
    """'age18-24', '18–24 years', '65+', 'age65-' -> '18-24' / '65+'."""
    numbers = re.findall(r"\d+", raw)
    if len(numbers) >= 2:
        return f"{numbers[0]}-{numbers[1]}"
    if len(numbers) == 1:
        return f"{numbers[0]}+"
    return raw.strip().lower()


class StudioAudience(StudioTable):
    """Table data of dimension Geography, Viewer age or Viewer gender: a distribution of viewers."""

    platform = PLATFORM
    provides = ("audience",)
    forbidden = ("date", "video_id")
    dimension: ClassVar[str]
    value_column: ClassVar[str]
    unit: ClassVar[str]

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        self._account = channel_account(ctx)
        self._as_of = as_of(ctx)
        return ()

    def bucket(self, raw: str) -> str:
        """The bucket as kenali names it."""
        return raw.strip()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        raw = row.get(self.required[0])
        if is_total(raw):
            return Skip(0, msg("soc.yt.total_bucket"))
        if raw is None or not raw.strip():  # not is_null: 'NA' is Namibia here
            return Skip(0, msg("soc.yt.empty_bucket", column=self.required[0]))
        value = metric_values(row, [self.value_column])[self.value_column]
        if value is None:
            return Skip(0, msg("soc.yt.no_value", column=self.value_column))
        return [Record("audience", {
            "account": self._account, "snapshot_date": self._as_of, "audience_kind": "viewers",
            "dimension": self.dimension, "bucket": self.bucket(raw), "value": value,
            "unit": self.unit})]


class StudioGeography(StudioAudience):
    """Views per country over the export's range (ISO 3166 two-letter codes)."""

    key = "youtube_studio_geography"
    title = "YouTube Studio: Geography export (Table data.csv, views per country)"
    example_header = "Geography,Views,Average view duration,Watch time (hours)"
    required = ("country", "views")
    dimension, value_column, unit = "country", "views", "count"

    def bucket(self, raw: str) -> str:
        return raw.strip().upper()


class StudioAge(StudioAudience):
    """Share of views per viewer age group."""

    key = "youtube_studio_age"
    title = "YouTube Studio: Viewer age export (Table data.csv, share of views)"
    example_header = "Viewer age,Views (%),Average view duration,Watch time (hours) (%)"
    required = ("age", "views_share")
    dimension, value_column, unit = "age", "views_share", "share"

    def bucket(self, raw: str) -> str:
        return age_bucket(raw)


class StudioGender(StudioAudience):
    """Share of views per viewer gender."""

    key = "youtube_studio_gender"
    title = "YouTube Studio: Viewer gender export (Table data.csv, share of views)"
    example_header = "Viewer gender,Views (%),Average view duration,Watch time (hours) (%)"
    required = ("gender", "views_share")
    dimension, value_column, unit = "gender", "views_share", "share"

    def bucket(self, raw: str) -> str:
        return GENDERS.get(raw.strip().lower(), raw.strip().lower())


class StudioGeographyDaily(StudioTable):
    """Chart data.csv of dimension Geography: views per country per day (long form)."""

    key = "youtube_studio_geography_daily"
    platform = PLATFORM
    title = "YouTube Studio: Geography chart data (Chart data.csv, views per country per day)"
    provides = ("audience",)
    example_header = "Date,Geography,Views"
    required = ("date", "country", "views")

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        self._account = channel_account(ctx)
        return ()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        day = cell(row, "date", lambda v: parse_studio_date(v, ctx))
        country = (row.get("country") or "").strip().upper()
        views = metric_values(row, ["views"])["views"]
        if day is None or not country or views is None:
            return Skip(0, msg("soc.yt.incomplete"))
        # A separate dimension: a day's views must not overwrite the range's distribution.
        return [Record("audience", {
            "account": self._account, "snapshot_date": day, "audience_kind": "viewers",
            "dimension": "country_daily", "bucket": country, "value": views, "unit": "count"})]


class StudioContentDaily(StudioTable):
    """Chart data.csv of dimension Content: one row per video per day."""

    key = "youtube_studio_content_daily"
    platform = PLATFORM
    title = "YouTube Studio: Content chart data (Chart data.csv, per video per day)"
    provides = ("post_metrics",)
    example_header = "Date,Content,Video title,Video publish time,Duration,Views"
    required = ("date", "video_id")

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        self._metrics = [m for m in POST_METRIC_OF if m in cols]
        return ()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        video_id = clean_id(row.get("video_id"))
        day = cell(row, "date", lambda v: parse_studio_date(v, ctx))
        if video_id is None or is_total(video_id) or day is None:
            return Skip(0, msg("soc.yt.no_video_or_date"))
        values = metric_values(row, self._metrics)
        return [Record("post_metrics", {
            "platform": PLATFORM, "platform_post_id": video_id, "period": "day", "as_of": day,
            **{POST_METRIC_OF[name]: value for name, value in values.items()}})]


FORMATS = [StudioContent(), StudioDaily(), StudioGeography(), StudioAge(), StudioGender(),
           StudioGeographyDaily(), StudioContentDaily()]
