"""Meta Business Suite exports: per-post tables (Instagram, Facebook), account series, audience."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, ClassVar

from .base import (
    AccountRef,
    Context,
    CsvFormat,
    Detection,
    FieldError,
    Format,
    Record,
    Skip,
    cell,
    header_key,
    soft_cell,
)
from .meta_common import default_handle, observed_date, skip, target_account, warn
from .readers import Block, Document
from .values import (
    clean_id,
    hashtags,
    is_null,
    mentions,
    nfc,
    parse_count,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_number,
)

# Column aliases. English and Swedish names are seen in real exports (formats.md §2.1); Italian
# where known. The Indonesian names are UNVERIFIED GUESSES (no Indonesian export has been
# seen yet): they only widen recognition and must be checked against a real DKI export.
COMMON_POST_ALIASES: dict[str, tuple[str, ...]] = {
    "post_id": ("Post ID", "Publicerings-id", "ID post", "ID del post",
                "ID Postingan", "ID Posting", "ID Kiriman"),  # last three: unverified (id)
    "caption": ("Description", "Beskrivning", "Descrizione",
                "Deskripsi", "Keterangan"),  # unverified (id)
    "duration": ("Duration (sec)", "Varaktighet (sek)", "Durata (sec)",
                 "Durasi (detik)", "Durasi (dtk)"),  # unverified (id)
    "published_at": ("Publish time", "Publiceringstid", "Orario di pubblicazione",
                     "Ora di pubblicazione",
                     "Waktu publikasi", "Waktu dipublikasikan"),  # unverified (id)
    "permalink": ("Permalink", "Permalänk", "Link permanente",
                  "Tautan permanen"),  # unverified (id)
    "post_type": ("Post type", "Inläggstyp", "Tipo di post",
                  "Jenis postingan", "Jenis posting"),  # unverified (id)
    "data_comment": ("Data comment", "Datakommentar", "Commento sui dati",
                     "Komentar data"),  # unverified (id)
    "date": ("Date", "Datum", "Data",
             "Tanggal"),  # unverified (id)
    "views": ("Views", "Visningar", "Visualizzazioni",
              "Tayangan"),  # unverified (id)
    "impressions": ("Impressions", "Exponeringar", "Impression",
                    "Impresi"),  # unverified (id); older exports before `Views`
    "reach": ("Reach", "Räckvidd", "Copertura",
              "Jangkauan"),  # unverified (id)
    "comments": ("Comments", "Kommentarer", "Commenti",
                 "Komentar"),  # unverified (id)
    "shares": ("Shares", "Delningar", "Condivisioni",
               "Dibagikan", "Bagikan"),  # unverified (id)
    "link_clicks": ("Link clicks", "Länkklick", "Clic sul link",
                    "Klik tautan"),  # unverified (id)
}
IG_POST_ALIASES: dict[str, tuple[str, ...]] = {
    **COMMON_POST_ALIASES,
    "account_id": ("Account ID", "Konto-id", "ID account",
                   "ID Akun"),  # unverified (id)
    "username": ("Account username", "Kontots användarnamn", "Nome utente dell'account",
                 "Nama pengguna akun"),  # unverified (id)
    "account_name": ("Account name", "Kontonamn", "Nome dell'account",
                     "Nama akun"),  # unverified (id)
    "likes": ("Likes", "Gilla-markeringar", "Mi piace",
              "Suka"),  # unverified (id)
    "saves": ("Saves", "Sparade objekt", "Salvataggi",
              "Disimpan", "Simpan"),  # unverified (id)
    "follows": ("Follows", "Följer", "Follow",
                "Mengikuti", "Diikuti"),  # unverified (id)
    "profile_visits": ("Profile visits", "Profilbesök", "Visite al profilo",
                       "Kunjungan profil"),  # unverified (id)
    "page_id": ("Page ID", "Sid-id", "ID Pagina", "ID Halaman"),  # only to rule out Facebook
}
FB_POST_ALIASES: dict[str, tuple[str, ...]] = {
    **COMMON_POST_ALIASES,
    "page_id": ("Page ID", "Sid-id", "ID Pagina",
                "ID Halaman"),  # unverified (id)
    "page_name": ("Page name", "Sidnamn", "Nome della Pagina",
                  "Nama halaman"),  # unverified (id)
    "title": ("Title", "Rubrik", "Titolo",
              "Judul"),  # unverified (id)
    "interactions": ("Reactions, Comments and Shares", "Reaktioner, kommentarer och delningar",
                     "Reazioni, commenti e condivisioni",
                     "Reaksi, komentar, dan bagikan"),  # unverified (id)
    "likes": ("Reactions", "Reaktioner", "Reazioni",
              "Reaksi"),  # unverified (id)
    "username": ("Account username",),  # only to rule out Instagram
}

# `Post type` values. IG ones are seen on samples; Facebook ones from the public fixture
# (`Photos`) and Business Suite's filter names; Indonesian ones are unverified guesses.
POST_TYPES: dict[str, str] = {
    "ig reel": "reel", "ig image": "image", "ig carousel": "carousel", "ig story": "story",
    "ig video": "video", "reel": "reel", "reels": "reel", "image": "image", "photo": "image",
    "photos": "image", "carousel": "carousel", "story": "story", "stories": "story",
    "video": "video", "videos": "video", "links": "link", "link": "link", "text": "text",
    "status": "text", "live": "live", "live video": "live",
    "foto": "image", "korsel": "carousel", "cerita": "story", "tautan": "link", "teks": "text",
}
# `Date` says this instead of a date for lifetime totals (en seen; sv/it/id guesses).
LIFETIME_WORDS = frozenset({"lifetime", "livstid", "totale", "intera durata", "seumur hidup",
                            "sepanjang waktu", "total"})
MainAccount = tuple[str | None, str | None, str | None]  # handle, account id, display name
_MANGLED_ID = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})")


class _MetaPosts(CsvFormat):
    """Shared logic of the per-post exports: lifetime rows and daily-breakdown rows."""

    metric_fields: ClassVar[tuple[str, ...]]

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        self._posts_seen: set[str] = set()
        self._dayfirst = False
        self._has_views = True
        self._main: MainAccount = (None, None, None)
        yield from super().records(doc, ctx)

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        # Dates are MM/DD/YYYY in English exports; a day above 12 in the first place anywhere
        # in the file (Publish time or a daily Date) means this export writes DD/MM/YYYY.
        firsts, seconds = [], []
        for _, cells in block.rows:
            for index in (cols.get("published_at"), cols.get("date")):
                match = _SLASH_DATE.match(cells[index]) \
                    if index is not None and index < len(cells) else None
                if match:
                    firsts.append(int(match.group(1)))
                    seconds.append(int(match.group(2)))
        self._dayfirst = any(f > 12 for f in firsts) and not any(s > 12 for s in seconds)
        if self._dayfirst:
            warn(ctx, "meta.dayfirst")
        self._has_views = "views" in cols
        if not self._has_views and "impressions" in cols:
            warn(ctx, "meta.impressions_as_views")
        self._main = self.main_account(block, cols)
        return ()

    def main_account(self, block: Block, cols: dict[str, int]) -> MainAccount:
        """The exporting account: (handle, id, name) of the most common account in the file."""
        return (None, None, None)

    def published(self, raw: str | None, ctx: Context) -> Any:
        fmt = ("%d/%m/%Y %H:%M", "%d/%m/%Y") if self._dayfirst else ("%m/%d/%Y %H:%M", "%m/%d/%Y")
        return parse_datetime(raw, ctx.tz, fmt)

    def period(self, row: dict[str, str], ctx: Context) -> tuple[str, date]:
        """('lifetime', observation day) or ('day', the day measured) from the Date cell."""
        raw = row.get("date")
        if raw is None or is_null(raw) or raw.strip().lower() in LIFETIME_WORDS:
            return "lifetime", observed_date(ctx)
        slashed = _SLASH_DATE.match(raw)
        try:
            if self._dayfirst and slashed:
                day, month, year = slashed.groups()
                return "day", date(int(year), int(month), int(day))
            measured = parse_date(raw, ctx.reference_date, ctx.tz)
        except ValueError:
            # A word that is not a date cannot be one day of a breakdown: a localised "Lifetime".
            warn(ctx, "meta.date_word_lifetime", value=raw.strip()[:40])
            return "lifetime", observed_date(ctx)
        assert measured is not None
        return "day", measured

    def post_type(self, raw: str | None, ctx: Context) -> str | None:
        if raw is None or is_null(raw):
            return None
        key = raw.strip().lower()
        if key in POST_TYPES:
            return POST_TYPES[key]
        stripped = re.sub(r"^(ig|fb)[\s-]+", "", key)
        if stripped in POST_TYPES:
            return POST_TYPES[stripped]
        warn(ctx, "meta.unknown_post_type", value=raw.strip()[:40])
        return stripped or None

    def metrics(self, row: dict[str, str], ctx: Context) -> dict[str, float | None]:
        values = {name: soft_cell(row, name, parse_count, ctx) for name in self.metric_fields}
        if not self._has_views:
            values["views"] = soft_cell(row, "impressions", parse_count, ctx)
        return values

    def account(self, row: dict[str, str], ctx: Context) -> AccountRef | Skip:
        raise NotImplementedError

    def post_fields(self, row: dict[str, str], ctx: Context) -> dict[str, Any]:
        raise NotImplementedError

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        raw_id = (row.get("post_id") or "").strip()
        if _MANGLED_ID.match(raw_id):
            return skip(0, "meta.mangled_id", value=raw_id)
        post_id = clean_id(raw_id)
        if post_id is None:
            return skip(0, "meta.no_post_id")
        account = self.account(row, ctx)
        if isinstance(account, Skip):
            return account
        period, as_of = self.period(row, ctx)
        records: list[Record] = []
        if post_id not in self._posts_seen:
            caption = None if is_null(row.get("caption")) else nfc(row["caption"])
            permalink = None if is_null(row.get("permalink")) else row["permalink"].strip()
            records.append(Record("posts", {
                "account": account,
                "platform": self.platform,
                "platform_post_id": post_id,
                "published_at": cell(row, "published_at", lambda v: self.published(v, ctx)),
                "post_type": self.post_type(row.get("post_type"), ctx),
                "caption": caption,
                "permalink": permalink,
                "hashtags": hashtags(caption),
                "mentions": mentions(caption),
                "duration_s": soft_cell(row, "duration", parse_duration, ctx),
                **self.post_fields(row, ctx),
            }))
            self._posts_seen.add(post_id)  # only once its row mapped: a bad row is retried later
        records.append(Record("post_metrics", {
            "platform": self.platform, "platform_post_id": post_id, "period": period,
            "as_of": as_of, **self.metrics(row, ctx)}))
        return records


class InstagramPosts(_MetaPosts):
    """Business Suite → Content → Export, Instagram: one row per post (lifetime or per day)."""

    key = "meta_instagram_posts"
    platform = "instagram"
    title = "Meta Business Suite: Instagram posts (Content export, lifetime or daily breakdown)"
    provides = ("posts", "post_metrics")
    example_header = ('"Post ID","Account ID","Account username","Account name",Description,'
                      '"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,'
                      'Views,Likes,Shares,Comments,Saves,Reach,Follows')
    aliases: ClassVar[dict[str, tuple[str, ...]]] = IG_POST_ALIASES
    required = ("post_id", "published_at", "post_type")
    forbidden = ("page_id",)
    needs_account = False  # every row names its account; --account only when columns are absent
    metric_fields = ("views", "reach", "likes", "comments", "shares", "saves", "follows",
                     "profile_visits", "link_clicks")

    def main_account(self, block: Block, cols: dict[str, int]) -> MainAccount:
        if "username" not in cols:
            return (None, None, None)
        seen: Counter[tuple[str, str | None, str | None]] = Counter()
        for _, cells in block.rows:
            row = {n: (cells[i] if i < len(cells) else "") for n, i in cols.items()}
            handle = (row.get("username") or "").strip().lstrip("@").lower()
            if handle:
                seen[(handle, clean_id(row.get("account_id")),
                      None if is_null(row.get("account_name")) else row["account_name"].strip())] += 1
        return seen.most_common(1)[0][0] if seen else (None, None, None)

    def account(self, row: dict[str, str], ctx: Context) -> AccountRef | Skip:
        handle, account_id, name = self._main
        if handle:
            return AccountRef("instagram", handle, account_id, name)
        if default_handle(ctx):
            return target_account("instagram", ctx, clean_id(row.get("account_id")))
        return skip(0, "meta.no_account", platform="instagram")

    def post_fields(self, row: dict[str, str], ctx: Context) -> dict[str, Any]:
        handle = (row.get("username") or "").strip().lstrip("@").lower()
        # A collaborator's post shows up under its owner's username with Reach and Follows
        # left empty: it is filed under the exporting account and flagged.
        other_owner = bool(handle) and self._main[0] is not None and handle != self._main[0]
        no_reach = is_null(row.get("reach")) and is_null(row.get("follows"))
        return {"is_collab": other_owner or no_reach}


class FacebookPosts(_MetaPosts):
    """Business Suite → Content → Export, Facebook Page: one row per post (lifetime or per day)."""

    key = "meta_facebook_posts"
    platform = "facebook"
    title = "Meta Business Suite: Facebook Page posts (Content export, lifetime or daily breakdown)"
    provides = ("posts", "post_metrics")
    example_header = ('"Post ID","Page ID","Page name",Title,Description,"Duration (sec)",'
                      '"Publish time","Caption type",Permalink,"Is crosspost","Is share",'
                      '"Post type",Languages,"Custom labels","Funded content status",'
                      '"Data comment",Date,Views,Reach,"Reactions, Comments and Shares",'
                      'Reactions,Comments,Shares,"Total clicks"')
    aliases: ClassVar[dict[str, tuple[str, ...]]] = FB_POST_ALIASES
    required = ("post_id", "page_id", "published_at")
    forbidden = ("username",)
    needs_account = True  # a Page has no handle in the file: the handle comes from --account
    metric_fields = ("views", "reach", "likes", "comments", "shares", "interactions",
                     "link_clicks")

    def account(self, row: dict[str, str], ctx: Context) -> AccountRef | Skip:
        name = None if is_null(row.get("page_name")) else row["page_name"].strip()
        return target_account("facebook", ctx, clean_id(row.get("page_id")), name)

    def post_fields(self, row: dict[str, str], ctx: Context) -> dict[str, Any]:
        title = None if is_null(row.get("title")) else nfc(row["title"])
        return {"title": title}


# ---------------------------------------------------------------------------------------------
# Account-level series (Insights → Overview → Export): UTF-16, `sep=,`, a title, Date/Primary.

SERIES_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("Date", "Datum", "Data", "Fecha",
             "Tanggal"),  # unverified (id)
    "value": ("Primary", "Primär", "Principale", "Principal",
              "Utama"),  # unverified (id)
}
# Title (platform word removed) -> metric. English titles are seen on samples; Swedish and
# Italian are translations of them; Indonesian ones are unverified guesses.
SERIES_TITLES: dict[str, str] = {
    "reach": "reach", "views": "views", "follows": "follows", "content interactions": "interactions",
    "interactions": "interactions", "link clicks": "link_clicks", "profile visits": "profile_visits",
    "visits": "profile_visits", "page visits": "profile_visits", "unfollows": "unfollows",
    "impressions": "impressions",
    "räckvidd": "reach", "visningar": "views", "följer": "follows",
    "innehållsinteraktioner": "interactions", "länkklick": "link_clicks",
    "profilbesök": "profile_visits", "besök": "profile_visits",
    "copertura": "reach", "visualizzazioni": "views", "follow": "follows",
    "interazioni con i contenuti": "interactions", "clic sul link": "link_clicks",
    "visite al profilo": "profile_visits", "visite": "profile_visits",
    "jangkauan": "reach", "tayangan": "views", "mengikuti": "follows", "pengikut baru": "follows",
    "interaksi konten": "interactions", "klik tautan": "link_clicks",
    "kunjungan profil": "profile_visits", "kunjungan": "profile_visits",
}


def series_title(titles: list[str]) -> tuple[str | None, str] | None:
    """(platform named in the title or None, metric) of a series block, or None if unknown."""
    for title in reversed(titles):
        text = header_key(title)
        platform = "facebook" if "facebook" in text else "instagram" if "instagram" in text else None
        rest = re.sub(r"\b(facebook|instagram)\b[-\s]*", "", text).strip(" -:")
        if rest in SERIES_TITLES:
            return platform, SERIES_TITLES[rest]
    return None


class _MetaSeries(CsvFormat):
    """One account metric per day, as Business Suite's Overview export writes it."""

    provides = ("account_daily",)
    example_header = 'sep=,\n"Reach"\n"Date","Primary"'
    aliases: ClassVar[dict[str, tuple[str, ...]]] = SERIES_ALIASES
    required = ("date", "value")
    needs_account = True  # the file names no account

    def accept(self, block: Block) -> bool:
        found = series_title(block.title)
        return found is not None and (found[0] or "instagram") == self.platform

    def prepare(self, block: Block, cols: dict[str, int], ctx: Context) -> Iterable[Record | Skip]:
        found = series_title(block.title)
        assert found is not None
        self._metric = found[1]
        self._platform = self.platform
        # A title without a platform word ("Reach") is Instagram unless --platform says Facebook.
        if found[0] is None and ctx.account is not None and ctx.account.platform == "facebook":
            self._platform = "facebook"
        return ()

    def map_row(self, row: dict[str, str], ctx: Context) -> Iterable[Record] | Skip:
        day = cell(row, "date", lambda v: parse_date(v, ctx.reference_date, ctx.tz))
        if day is None:
            return skip(0, "meta.no_date")
        value = cell(row, "value", parse_count)
        if value is None:
            # An empty cell is "no data": storing NULL would erase a value seen earlier.
            return skip(0, "meta.no_value", what=day.isoformat())
        return [Record("account_daily", {"account": target_account(self._platform, ctx),
                                         "date": day, "metric": self._metric, "value": value})]


class InstagramSeries(_MetaSeries):
    """Instagram account series: Reach, Views, follows, interactions, link clicks, visits."""

    key = "meta_instagram_series"
    platform = "instagram"
    title = "Meta Business Suite: Instagram account series (Overview export, one metric per file)"


class FacebookSeries(_MetaSeries):
    """Facebook Page series: the same export with 'Facebook …' titles."""

    key = "meta_facebook_series"
    platform = "facebook"
    title = "Meta Business Suite: Facebook Page series (Overview export, one metric per file)"
    example_header = 'sep=,\n"Facebook reach"\n"Date","Primary"'


# ---------------------------------------------------------------------------------------------
# Audience export: follower total, age × gender shares, top cities, top countries.

AGE_HEADERS = {header_key(h) for h in ("Age", "Ålder", "Età", "Edad", "Usia", "Umur")}
CITY_HEADERS = {header_key(h) for h in ("Top cities", "Toppstäder", "Città principali",
                                        "Kota teratas", "Kota teratas")}  # id: unverified
COUNTRY_HEADERS = {header_key(h) for h in ("Top countries", "Toppländer", "Paesi principali",
                                           "Negara teratas")}  # id: unverified
GENDERS: dict[str, str] = {header_key(k): v for k, v in {
    "Women": "female", "Men": "male", "Kvinnor": "female", "Män": "male", "Donne": "female",
    "Uomini": "male", "Wanita": "female", "Perempuan": "female", "Pria": "male",
    "Laki-laki": "male", "Female": "female", "Male": "male",
}.items()}


def _audience_kind(block: Block) -> str | None:
    """Which audience block this is: total, age_gender, city, country (None: not one)."""
    first = header_key(block.header[0]) if block.header else ""
    if "follow" in first and ("unique_users" in first or "account" in first):
        return "total"
    if first in AGE_HEADERS and len(block.header) >= 2:
        return "age_gender"
    if first in CITY_HEADERS:
        return "city"
    if first in COUNTRY_HEADERS:
        return "country"
    return None


def _share(raw: str) -> float | None:
    """A share 0..1 from Meta's '8.6%' (a bare number is read as a percentage too)."""
    value = parse_number(raw)
    if value is None:
        return None
    return value if raw.strip().endswith("%") else value / 100.0


class _MetaAudience(Format):
    """Business Suite → Audience → Export: the follower snapshot and its distributions."""

    provides = ("follower_snapshots", "audience")
    kinds = ("csv",)
    needs_account = True

    def detect(self, doc: Document) -> Detection:
        if doc.kind != "csv":
            return Detection(0.0, ["Age/Top cities/Top countries"])
        kinds = [_audience_kind(b) for b in doc.blocks]
        if not any(k in ("age_gender", "city", "country") for k in kinds):
            return Detection(0.0, ["Age/Top cities/Top countries"])
        titles = " ".join(" ".join(b.title) for b in doc.blocks).lower()
        named = "facebook" if "facebook" in titles else "instagram"
        return Detection(1.0) if named == self.platform else Detection(0.5, [f"{named} titles"])

    def records(self, doc: Document, ctx: Context) -> Iterator[Record | Skip]:
        account = target_account(self.platform, ctx)
        snapshot = observed_date(ctx)

        def audience(dimension: str, bucket: str, value: float, line: int) -> Record:
            return Record("audience", {
                "account": account, "snapshot_date": snapshot, "audience_kind": "followers",
                "dimension": dimension, "bucket": bucket, "value": round(value, 6),
                "unit": "share"}, line)

        for block in doc.blocks:
            kind = _audience_kind(block)
            if kind is None:
                for line, _ in block.rows:
                    yield skip(line, "meta.unknown_block", title=" / ".join(block.title)[:60])
            elif kind == "total":
                yield from self._total(block, account, ctx)
            elif kind == "age_gender":
                yield from self._age_gender(block, audience)
            else:
                for line, cells in block.rows:
                    bucket = cells[0].strip() if cells else ""
                    try:
                        value = _share(cells[1]) if len(cells) > 1 else None
                    except ValueError as exc:
                        yield Skip(line, str(exc))
                        continue
                    if not bucket or value is None:
                        yield skip(line, "meta.no_value", what=bucket or "?")
                        continue
                    yield audience(kind, bucket, value, line)

    def _total(self, block: Block, account: AccountRef, ctx: Context) -> Iterator[Record | Skip]:
        for line, cells in block.rows:
            try:
                followers = parse_count(cells[0] if cells else None)
            except ValueError as exc:
                yield Skip(line, str(FieldError(block.header[0], str(exc))))
                continue
            if followers is None:
                yield skip(line, "meta.no_value", what="followers")
                continue
            yield Record("follower_snapshots", {"account": account, "observed_at": ctx.observed_at,
                                                "followers": int(followers)}, line)

    def _age_gender(self, block: Block, audience: Any) -> Iterator[Record | Skip]:
        genders = [GENDERS.get(header_key(h), "unknown") for h in block.header[1:]]
        by_gender: dict[str, float] = {}
        for line, cells in block.rows:
            age = cells[0].strip() if cells else ""
            total, seen = 0.0, False
            for gender, raw in zip(genders, cells[1:], strict=False):
                try:
                    value = _share(raw)
                except ValueError as exc:
                    yield Skip(line, str(exc))
                    continue
                if value is None:
                    continue
                seen = True
                total += value
                by_gender[gender] = by_gender.get(gender, 0.0) + value
                yield audience("age_gender", f"{age}|{gender}", value, line)
            if seen and age:
                yield audience("age", age, total, line)
            elif not seen:
                yield skip(line, "meta.no_value", what=age or "?")
        for gender, value in by_gender.items():
            yield audience("gender", gender, value, block.header_line)


class InstagramAudience(_MetaAudience):
    """The Instagram account's Audience export."""

    key = "meta_instagram_audience"
    platform = "instagram"
    title = "Meta Business Suite: Instagram audience (followers, age × gender, cities, countries)"
    example_header = ('sep=,\n"Instagram followers"\n"IG_ACCOUNT,FOLLOW,UNIQUE_USERS"\n"9420"\n\n'
                      '"Instagram followers by gender and age"\n"Age","Women","Men"')


class FacebookAudience(_MetaAudience):
    """The Facebook Page's Audience export: the same blocks with 'Facebook …' titles.

    No real Page export has been seen: the titles and the `PAGE,FOLLOW,UNIQUE_USERS` total line
    are assumed from the Instagram one.
    """

    key = "meta_facebook_audience"
    platform = "facebook"
    title = "Meta Business Suite: Facebook Page audience (followers, age × gender, cities, countries)"
    example_header = ('sep=,\n"Facebook followers"\n"PAGE,FOLLOW,UNIQUE_USERS"\n"120400"\n\n'
                      '"Facebook followers by gender and age"\n"Age","Women","Men"')


FORMATS = [InstagramPosts(), FacebookPosts(), InstagramSeries(), FacebookSeries(),
           InstagramAudience(), FacebookAudience()]
