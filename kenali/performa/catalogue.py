"""The metric catalogue: every performance metric defined once, as SQL, with its inputs and sources.

`python -m kenali.performa.catalogue` prints docs/metrics.md; `--write PATH` writes it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ALL = ("instagram", "facebook", "tiktok", "x", "youtube")


@dataclass(frozen=True)
class Metric:
    """One metric: its key, the level it lives at, its SQL and where its inputs come from."""

    key: str
    level: str             # post | account
    relation: str          # post: base | derived; account: daily | posts | followers | period | derived
    sql: str               # a SQL expression (an aggregate for account-level relations)
    unit: str              # count | ratio | per_week | per_1000 | days
    formula: str           # the formula in words, for the docs
    inputs: tuple[str, ...]
    platforms: tuple[str, ...]
    sources: str


def _daily(metric: str) -> str:
    return f"sum(value) FILTER (WHERE metric = '{metric}')"


POST_METRICS: tuple[Metric, ...] = (
    Metric("reach", "post", "base", "reach", "count",
           "accounts reached by the post (latest lifetime value, else sum of daily rows)",
           ("post_metrics.reach",), ("instagram", "facebook", "tiktok"),
           "IG/FB Graph API media insights `reach`, Meta Business Suite post export `Reach`"),
    Metric("views", "post", "base", "views", "count",
           "views (plays, impressions on X)", ("post_metrics.views",), ALL,
           "IG/FB `views`, TikTok `Total views`, X `Impressions`, YouTube `Views`"),
    Metric("likes", "post", "base", "likes", "count", "likes or reactions",
           ("post_metrics.likes",), ALL, "every platform's post export"),
    Metric("comments", "post", "base", "comments", "count", "comments or replies",
           ("post_metrics.comments",), ALL, "every platform's post export"),
    Metric("shares", "post", "base", "shares", "count", "shares, sends or reposts",
           ("post_metrics.shares",), ("instagram", "facebook", "tiktok", "x"),
           "IG/FB `Shares`, TikTok `Total shares`, X `Reposts`/`Share`"),
    Metric("saves", "post", "base", "saves", "count", "saves or bookmarks",
           ("post_metrics.saves",), ("instagram", "x"), "IG `Saves`, X `Bookmarks`"),
    Metric("follows", "post", "base", "follows", "count", "follows attributed to the post",
           ("post_metrics.follows",), ("instagram", "x", "youtube"),
           "IG `Follows`, X `New follows`, YouTube `Subscribers`"),
    Metric("profile_visits", "post", "base", "profile_visits", "count",
           "profile visits from the post", ("post_metrics.profile_visits",), ("instagram", "x"),
           "IG `Profile visits`, X `Profile visits`"),
    Metric("link_clicks", "post", "base", "link_clicks", "count", "link clicks from the post",
           ("post_metrics.link_clicks",), ("facebook", "x"), "FB `Link clicks`, X `URL Clicks`"),
    Metric("followers_at_post", "post", "base", "followers_at_post", "count",
           "account followers on the post's day (see follower counts above)",
           ("account_daily.followers", "follower_snapshots.followers"), ALL,
           "daily follower series or follower snapshots"),
    Metric("interactions", "post", "derived",
           "CASE WHEN likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL "
           "OR saves IS NOT NULL THEN coalesce(likes, 0) + coalesce(comments, 0) "
           "+ coalesce(shares, 0) + coalesce(saves, 0) ELSE interactions_reported END",
           "count",
           "likes + comments + shares + saves, counting the components the platform gives; "
           "the source's own interactions total only when no component is given; NULL when none",
           ("likes", "comments", "shares", "saves", "post_metrics.interactions"), ALL,
           "post exports of every platform"),
    Metric("er_followers", "post", "derived", "interactions / NULLIF(followers_at_post, 0)",
           "ratio", "interactions ÷ followers on the post's day (Rival IQ, per post)",
           ("interactions", "followers_at_post"), ALL, "post export + follower series"),
    Metric("er_reach", "post", "derived", "interactions / NULLIF(reach, 0)", "ratio",
           "interactions ÷ reach (ERR)", ("interactions", "reach"),
           ("instagram", "facebook", "tiktok"), "post export with reach"),
    Metric("er_views", "post", "derived", "interactions / NULLIF(views, 0)", "ratio",
           "interactions ÷ views", ("interactions", "views"), ALL, "post export with views"),
    Metric("reach_per_follower", "post", "derived", "reach / NULLIF(followers_at_post, 0)",
           "ratio", "reach ÷ followers on the post's day (organic amplification)",
           ("reach", "followers_at_post"), ("instagram", "facebook", "tiktok"),
           "post export with reach + follower series"),
    Metric("non_follower_share", "post", "derived",
           "reach_non_followers / NULLIF(reach_followers + reach_non_followers, 0)", "ratio",
           "reach from non-followers ÷ (reach from followers + non-followers)",
           ("post_metrics.reach_followers", "post_metrics.reach_non_followers"), ("instagram",),
           "IG media insights `reach` by `follow_type`"),
    Metric("follows_per_1000_reached", "post", "derived",
           "1000.0 * follows / NULLIF(reach, 0)", "per_1000", "1000 × follows ÷ reach",
           ("follows", "reach"), ("instagram",), "IG post export (Follows, Reach)"),
)

ACCOUNT_METRICS: tuple[Metric, ...] = (
    Metric("followers_start", "account", "followers",
           "CASE WHEN count(*) = count(followers_start) THEN sum(followers_start) END", "count",
           "followers on the period's first day (see follower counts)",
           ("account_daily.followers", "follower_snapshots.followers"), ALL,
           "TikTok FollowerHistory, IG/FB follower counts, YouTube Subscribers, snapshots"),
    Metric("followers_end", "account", "followers",
           "CASE WHEN count(*) = count(followers_end) THEN sum(followers_end) END", "count",
           "followers on the period's last day (see follower counts)",
           ("account_daily.followers", "follower_snapshots.followers"), ALL,
           "as followers_start"),
    Metric("follows", "account", "daily", _daily("follows"), "count",
           "sum of daily follows", ("account_daily.follows",),
           ("instagram", "facebook", "tiktok", "x"),
           "IG follows_and_unfollows, FB page_follows, X overview `New follows`"),
    Metric("unfollows", "account", "daily", _daily("unfollows"), "count",
           "sum of daily unfollows", ("account_daily.unfollows",), ("instagram", "x"),
           "IG follows_and_unfollows, X overview `Unfollows`"),
    Metric("net_follows_reported", "account", "daily", _daily("net_follows"), "count",
           "sum of the daily net follower change a source reports", ("account_daily.net_follows",),
           ("tiktok", "youtube"), "TikTok FollowerHistory (recomputed), YouTube `Subscribers`"),
    Metric("reach", "account", "daily", _daily("reach"), "count",
           "sum of daily reach (not unique over the period)", ("account_daily.reach",),
           ("instagram", "facebook", "tiktok"), "IG/FB account insights `reach`, TikTok viewers"),
    Metric("views", "account", "daily", _daily("views"), "count", "sum of daily views",
           ("account_daily.views",), ALL,
           "IG/FB `views`, TikTok Overview `Video Views`, X `Impressions`, YouTube `Views`"),
    Metric("profile_visits", "account", "daily", _daily("profile_visits"), "count",
           "sum of daily profile visits", ("account_daily.profile_visits",),
           ("instagram", "tiktok", "x"), "IG `profile_views`, TikTok `Profile Views`, X"),
    Metric("link_clicks", "account", "daily", _daily("link_clicks"), "count",
           "sum of daily link taps", ("account_daily.link_clicks",), ("instagram", "facebook"),
           "IG `website_clicks`/link taps, FB link clicks"),
    Metric("days", "account", "period", "max(d1 - d0 + 1)", "days", "days in the period",
           (), ALL, "the chosen period"),
    Metric("posts", "account", "posts",
           "CASE WHEN bool_or(has_post_data) THEN count(platform_post_id) END", "count",
           "posts published in the period (NULL when the store holds no posts of the account)",
           ("posts.published_at",), ALL, "post exports"),
    Metric("interactions", "account", "posts", "sum(interactions)", "count",
           "sum of post interactions over posts published in the period", ("post interactions",),
           ALL, "post exports"),
    Metric("er_followers", "account", "posts", "median(er_followers)", "ratio",
           "median over the period's posts of interactions ÷ followers (Rival IQ)",
           ("post er_followers",), ALL, "post exports + follower series"),
    Metric("er_reach", "account", "posts", "median(er_reach)", "ratio",
           "median over the period's posts of interactions ÷ reach", ("post er_reach",),
           ("instagram", "facebook", "tiktok"), "post exports with reach"),
    Metric("er_views", "account", "posts", "median(er_views)", "ratio",
           "median over the period's posts of interactions ÷ views", ("post er_views",), ALL,
           "post exports with views"),
    Metric("non_follower_share", "account", "posts",
           "sum(reach_non_followers) FILTER (WHERE reach_followers IS NOT NULL AND "
           "reach_non_followers IS NOT NULL) / NULLIF(sum(reach_followers + reach_non_followers), 0)",
           "ratio", "Σ reach from non-followers ÷ Σ reach split by follow type, over posts "
           "giving both", ("post_metrics.reach_followers", "post_metrics.reach_non_followers"),
           ("instagram",), "IG media insights `reach` by `follow_type`"),
    Metric("post_reach_per_follower", "account", "posts", "median(reach_per_follower)", "ratio",
           "median over the period's posts of reach ÷ followers on the post's day",
           ("post reach_per_follower",), ("instagram", "facebook", "tiktok"),
           "post exports with reach + follower series"),
    Metric("net_growth", "account", "derived", "followers_end - followers_start", "count",
           "followers_end − followers_start", ("followers_start", "followers_end"), ALL,
           "follower series"),
    Metric("growth_pct", "account", "derived",
           "(followers_end - followers_start) / NULLIF(followers_start, 0)", "ratio",
           "(followers_end − followers_start) ÷ followers_start",
           ("followers_start", "followers_end"), ALL, "follower series"),
    Metric("net_follows", "account", "derived",
           "coalesce(follows - unfollows, net_follows_reported)", "count",
           "follows − unfollows, else the net change the source reports",
           ("follows", "unfollows", "net_follows_reported"), ("instagram", "x", "tiktok", "youtube"),
           "daily follows and unfollows, or a daily net change"),
    Metric("posts_per_week", "account", "derived", "posts * 7.0 / days", "per_week",
           "posts × 7 ÷ days", ("posts", "days"), ALL, "post exports"),
    Metric("reach_per_follower", "account", "derived", "reach / NULLIF(followers_end, 0)",
           "ratio", "Σ daily reach ÷ followers_end", ("reach", "followers_end"),
           ("instagram", "facebook", "tiktok"), "account insights + follower series"),
    Metric("follows_per_1000_reached", "account", "derived", "1000.0 * follows / NULLIF(reach, 0)",
           "per_1000", "1000 × follows ÷ Σ daily reach", ("follows", "reach"),
           ("instagram", "facebook", "tiktok"), "account insights"),
)

METRICS: dict[tuple[str, str], Metric] = {(m.level, m.key): m for m in (*POST_METRICS,
                                                                       *ACCOUNT_METRICS)}

# --- CrowdTangle overperformance (anchors §2.1) -------------------------------------------------
BASELINE_POSTS = 100          # the account's previous posts of the same type
MIN_BASELINE_POSTS = 5        # fewer previous posts with the metric: no score
MIN_EXPECTED = {"interactions": 10.0, "reach": 100.0, "views": 100.0}
COMPARABLE_AGE_FACTOR = 0.5   # a baseline observation counts as comparable from half the age on

SCORE_SQL = (
    "CASE WHEN {actual} IS NULL OR {n} IS NULL OR {n} < {min_n} THEN NULL "
    "WHEN {expected} < {minimum} THEN {actual} / {minimum} "
    "WHEN {actual} >= {expected} THEN {actual} / {expected} "
    "WHEN {actual} = 0 THEN -2 * {expected} "
    "ELSE -({expected} / {actual}) END")


def score_sql(actual: str, expected: str, n: str, metric: str) -> str:
    """The overperformance score of one metric as a SQL expression."""
    return SCORE_SQL.format(actual=actual, expected=expected, n=n, min_n=MIN_BASELINE_POSTS,
                            minimum=repr(MIN_EXPECTED[metric]))


# --- League tables ---------------------------------------------------------------------------
LEAGUE_MIN_FOLLOWERS = 1000
LEAGUE_MIN_POSTS = 4

# --- Spikes ---------------------------------------------------------------------------------------
SPIKE_WINDOW_DAYS = 28
SPIKE_MIN_HISTORY = 14
SPIKE_K = 3.0
SPIKE_MIN_SCALE = 0.25      # on the ln(1 + value) scale: at least ≈ ×2.1 for a flat series
SPIKE_MIN_LIFT = 5.0        # and at least this many units above the median
SPIKE_METRICS = ("reach", "views", "follows", "comments")

# --- What works ---------------------------------------------------------------------------------
DRIVER_MIN_POSTS = 10         # posts needed on each side of a comparison
DRIVER_REPLICATES = 200
DRIVER_OUTCOMES = ("reach", "follows", "saves", "shares")
CAPTION_SHORT, CAPTION_LONG = 80, 300
CTA_WORDS = ("klik", "kunjungi", "link di bio", "tautan", "daftar", "daftarkan", "cek", "simak",
             "bagikan", "share", "follow", "ikuti", "hubungi", "laporkan", "lapor", "unduh",
             "download", "tonton", "komen", "tulis di kolom komentar", "yuk", "ayo")

# --- Topics: a small keyword map on captions (Indonesian), plus hashtags ----------------------
TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "banjir": ("banjir", "genangan", "rob", "pompa", "drainase", "tanggul"),
    "jalan": ("jalan", "trotoar", "jalan rusak", "berlubang", "aspal", "jembatan"),
    "transportasi": ("transportasi", "transjakarta", "mrt", "lrt", "krl", "angkot", "bus",
                     "macet", "kemacetan", "ganjil genap", "parkir"),
    "kesehatan": ("kesehatan", "puskesmas", "rumah sakit", "rsud", "vaksin", "imunisasi",
                  "dbd", "stunting", "bpjs", "posyandu"),
    "bansos": ("bansos", "bantuan sosial", "kjp", "kjmu", "sembako", "blt", "pkh"),
    "pajak": ("pajak", "pbb", "bphtb", "samsat", "pkb", "retribusi"),
    "adminduk": ("adminduk", "ktp", "e-ktp", "kartu keluarga", "akta", "dukcapil", "kia",
                 "pindah domisili"),
    "lingkungan": ("lingkungan", "sampah", "polusi", "kualitas udara", "emisi", "penghijauan",
                   "daur ulang", "limbah"),
    "bencana": ("bencana", "kebakaran", "gempa", "longsor", "evakuasi", "tanggap darurat",
                "pengungsi"),
    "gubernur": ("gubernur", "wakil gubernur", "wagub", "pemprov", "balai kota"),
    "pendidikan": ("sekolah", "pendidikan", "ppdb", "siswa", "guru", "beasiswa"),
    "acara": ("festival", "lomba", "pameran", "car free day", "hut jakarta", "konser"),
}

# --- Published platform medians (anchors §3.1; Rival IQ, ER per post by follower) -------------
RIVAL_IQ_MEDIANS: dict[str, tuple[float, str, str]] = {
    "instagram": (0.0036, "Rival IQ 2025 (2024 data), secondary",
                  "https://www.adsights.ai/resources/glossary/metrics/engagement-rate.md"),
    "facebook": (0.00040, "Rival IQ 2025 (2024 data), derived −36% YoY from 0.063%",
                 "https://elma-europe.com/blog/2025-social-media-industry-benchmark-report"),
    "tiktok": (0.0173, "Rival IQ 2025 (2024 data), secondary",
               "https://elma-europe.com/blog/2025-social-media-industry-benchmark-report"),
    "x": (0.00035, "Rival IQ 2023 (2022 data), latest value found",
          "https://pushleads.com/report-shows-drop-in-social-media-engagement-rates-across-major-platforms/"),
}


def metric(level: str, key: str) -> Metric:
    """Look a metric up by level and key."""
    return METRICS[(level, key)]


def _table(metrics: tuple[Metric, ...]) -> list[str]:
    lines = ["| key | formula | SQL | inputs | platforms | sources | unit |",
             "|---|---|---|---|---|---|---|"]
    for m in metrics:
        sql = m.sql.replace("|", "\\|")
        lines.append(f"| `{m.key}` | {m.formula} | `{sql}` | {', '.join(m.inputs) or '–'} | "
                     f"{', '.join(m.platforms)} | {m.sources} | {m.unit} |")
    return lines


def render_markdown() -> str:
    """docs/metrics.md, generated from this catalogue."""
    score = SCORE_SQL.format(actual="actual", expected="expected", n="n",
                             min_n=MIN_BASELINE_POSTS, minimum="minimum")
    topics = [f"| {t} | {', '.join(words)} |" for t, words in TOPIC_KEYWORDS.items()]
    bench = [f"| {p} | {v * 100:.3f}% | {label} | {url} |"
             for p, (v, label, url) in RIVAL_IQ_MEDIANS.items()]
    parts = [
        "# Performance metrics (kenali performa)",
        "",
        "Generated by `python -m kenali.performa --write docs/metrics.md` from",
        "`kenali/performa/catalogue.py`; a test keeps the two equal. Every metric is one SQL",
        "expression run by DuckDB over the store. A metric whose input is missing is NULL, never 0;",
        "a ratio with a NULL or zero denominator is NULL. Ratios are fractions (0.012 = 1.2%).",
        "",
        "## Post metrics",
        "",
        "A post's values are its latest `lifetime` row in `post_metrics`; a post with only `day`",
        "rows gets the running sum of its daily rows. A follower count on a day (for",
        "`followers_at_post`, `followers_start`, `followers_end`) comes from `account_daily`",
        "metric `followers`, else `follower_snapshots` (Asia/Jakarta days): the count of that day,",
        "else linear interpolation between the nearest counts before and after it, else the",
        "nearest count at most 31 days away; NULL otherwise.",
        "",
        *_table(POST_METRICS),
        "",
        "## Account metrics (any period, each beside the previous period of equal length)",
        "",
        "Relation `daily` = `account_daily` rows in the period, `posts` = posts published in the",
        "period with the post metrics above, `followers` = the follower count at the period's",
        "edges, `derived` = an expression over the account metrics before it. For an institution",
        "the same SQL runs grouped by institution: sums pool, medians run over all its posts, and",
        "a follower count is NULL when any of its accounts lacks one.",
        "",
        *_table(ACCOUNT_METRICS),
        "",
        "Each account metric is reported with `previous` (same metric over the previous period),",
        "`change` = value − previous and `change_pct` = change ÷ |previous|.",
        "",
        "## Overperformance (CrowdTangle method)",
        "",
        f"Per post and per metric (`interactions`, and `reach` where given): the account's previous "
        f"{BASELINE_POSTS} posts of the same `post_type` that have the metric, ordered by publish "
        "time. Their values are taken at a comparable age when the store holds observations by "
        "age: a baseline post's latest observation whose age (days since publishing) lies between "
        f"{COMPARABLE_AGE_FACTOR} × and 1 × the scored post's age. When fewer than "
        f"{MIN_BASELINE_POSTS} baseline posts have such an observation, every baseline post's "
        "latest (lifetime) value is used instead (`basis` says which). Sorted, the lowest and "
        "highest quarter (⌊n/4⌋ each) are dropped; `expected` is the mean of the middle half. "
        "`baseline_percentile` = the share of the baseline posts the post beat (ties count "
        "half), NULL with a short history.",
        "",
        f"`score = {score}`",
        "",
        f"with minimum = {MIN_EXPECTED['interactions']:g} interactions, "
        f"{MIN_EXPECTED['reach']:g} reach or {MIN_EXPECTED['views']:g} views (tiny "
        f"baselines), and no score below {MIN_BASELINE_POSTS} baseline posts (short history). "
        "Zero interactions score −2 × expected. The same rules give `overperformance_reach` "
        "and `overperformance_views` (for platforms whose exports give views but no "
        "interactions, e.g. YouTube Studio). `rank_platform` ranks the listed posts of each "
        "platform by the interactions score (1 = best; ties share a rank). `age_days` is the "
        "scored observation's age: with one observation per post and no observations by age, "
        "posts younger than the platform's usual growth period (weeks on YouTube) score low.",
        "",
        "## What works",
        "",
        "Per platform and outcome (" + ", ".join(DRIVER_OUTCOMES) + "): y = ln(1 + value) − the "
        "account's mean of ln(1 + value), so accounts of different size compare. Effect of an "
        "attribute level = mean y of posts with it − mean y of posts without it, reported as "
        "`ratio` = e^effect (1.5 = 50% more). Confidence interval: 95% percentile interval of a "
        f"Poisson bootstrap ({DRIVER_REPLICATES} replicates, weights drawn from a hash of post and "
        "replicate so results repeat). Attributes: format, topic, hashtag, caption length "
        f"(short < {CAPTION_SHORT} ≤ medium ≤ {CAPTION_LONG} < long characters), question "
        "(`?` in caption), call to action (a word below), weekday, hour band (3 h, local time), "
        f"collaboration. Fewer than {DRIVER_MIN_POSTS} posts on either side: `not_enough_data`, "
        "no number.",
        "",
        "Call-to-action words: " + ", ".join(CTA_WORDS) + ".",
        "",
        "## Topics",
        "",
        "A post's topics: every topic below whose keyword appears in its caption as a whole word "
        "or inside one of its hashtags. Hashtags themselves are listed too (lower case). The topic "
        "map gives, per topic or hashtag and platform, the posts, the median overperformance "
        "scores (interactions, reach, views) and `median_ratio` = median of interactions ÷ max(expected, minimum) (the same "
        "comparison on a symmetric scale), NULL below 3 scored posts.",
        "",
        "| topic | keywords |", "|---|---|", *topics,
        "",
        "## Best time to post",
        "",
        "From `follower_activity` where the platform gives it: mean active followers per ISO "
        "weekday × hour, as a share of the account's busiest cell (`source = follower_activity`). "
        "Otherwise from posts: median of interactions ÷ the account's median interactions per "
        "weekday × publish hour, cells with fewer than 3 posts NULL "
        "(`source = post_performance`). Times are Asia/Jakarta. An account whose every post is "
        "stamped 00:00 has date-only timestamps (TikTok Content.csv, X exports): its posts have "
        "no hour, for best time and for the hour attribute of what works.",
        "",
        "## Platform context",
        "",
        "The account's `er_followers` against the published median of its platform, and against "
        "the other accounts of that platform in the store (their median, and the account's "
        "percentile rank). Published medians (Rival IQ, ER per post by follower, all industries; "
        "anchors §3.1):",
        "",
        "| platform | median | report | source |", "|---|---|---|---|", *bench,
        "",
        "YouTube has no published median here: its comparison is NULL.",
        "",
        "## League table",
        "",
        "Accounts (or institutions, pooled as above) of one platform, current period: "
        "followers_end, growth_pct, posts_per_week, er_followers, er_reach, reach_per_follower, "
        "follows_per_1000_reached and the median interactions overperformance. Ranked by the "
        "chosen metric (default er_followers), highest first, ties share a rank (1, 2, 2, 4). "
        f"Accounts below the minimum size (followers_end < {LEAGUE_MIN_FOLLOWERS} or fewer than "
        f"{LEAGUE_MIN_POSTS} posts in the period) are listed with `note = too_small` and no rank; a NULL metric gives "
        "`note = no_data` and no rank.",
        "",
        "## Spikes",
        "",
        "Daily series per account: " + ", ".join(SPIKE_METRICS) + " (comments counted from the "
        "comments table by local day, zero-filled). Values are compared on the log scale "
        "z = ln(1 + value), because reach and views are skewed: baseline = median and MAD of z "
        f"over the previous {SPIKE_WINDOW_DAYS} days (at least {SPIKE_MIN_HISTORY} observed), "
        f"scale = max(1.4826 × MAD, {SPIKE_MIN_SCALE:g}); a day is a spike when z > median + "
        f"{SPIKE_K:g} × scale and the value is at least {SPIKE_MIN_LIFT:g} above e^median − 1 "
        "(the typical day); `strength` = (z − median) ÷ scale, `baseline` = e^median − 1. "
        "Consecutive spike days of one series form an episode (`episode_start`, "
        "`episode_days`). Each "
        "spike lists the posts "
        "published that day or the day before and the day's comments (count and the most liked).",
        "",
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Print or write docs/metrics.md."""
    parser = argparse.ArgumentParser(prog="python -m kenali.performa.catalogue")
    parser.add_argument("--write", metavar="PATH", help="write the Markdown to PATH")
    args = parser.parse_args(argv)
    text = render_markdown()
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
