"""Build the period report from the store: performance, posts, audience, triage, recommendations."""

from __future__ import annotations

import contextvars
import datetime as dt
import math
from collections import defaultdict
from typing import Any

import duckdb
import pyarrow as pa

from .. import performa
from ..errors import KenaliError
from ..i18n import LOCALES, set_locale, t
from ..performa.posts import topic_ctes
from ..performa.relations import (
    Selection,
    arrow,
    base_ctes,
    followers_at,
    select_accounts,
)
from . import text
from .model import (
    FIGURES,
    AccountReport,
    Audience,
    Figure,
    PostLine,
    Recommendation,
    Report,
    Series,
)
from .period import Period, parse_period
from .triage import triage_summary

LOCAL = text.LOCAL
POSTS_EACH_SIDE = 3
MAX_FINDINGS_UP, MAX_FINDINGS_DOWN = 6, 3
BEST_SLOTS = 3


def in_locale(locale: str, fn: Any, *args: Any) -> Any:
    """Run fn in a copy of the current context with the locale set (other requests keep theirs)."""
    if locale not in LOCALES:
        raise KenaliError("laporan.error.bad_locale", locale=locale, known=", ".join(LOCALES))

    def run() -> Any:
        set_locale(locale)
        return fn(*args)

    return contextvars.copy_context().run(run)


def build_report(con: duckdb.DuckDBPyConnection, period: str, account: str | None = None,
                 locale: str = "id") -> Report:
    """The period report of one account (every platform with that handle) or of every account."""
    return in_locale(locale, _build, con, parse_period(period), account, locale)  # type: ignore[no-any-return]


def _build(con: duckdb.DuckDBPyConnection, period: Period, account: str | None,
           locale: str) -> Report:
    ids = select_accounts(con, account)
    sel = Selection(ids, period.start, period.end)
    accounts = _accounts(con, sel, period)
    _add_series(con, sel, accounts)
    _add_posts(con, sel, accounts)
    _add_audience(con, accounts)
    notes = []
    if not any(a.posts for a in accounts):
        notes.append(t("laporan.note.no_posts"))
    triage = triage_summary(con, ids, period.start, period.end)
    if triage is None:
        notes.append(t("laporan.note.no_triage"))
    return Report(period=period, locale=locale, generated_at=dt.datetime.now(LOCAL),
                  scope=account.lstrip("@").lower() if account else None, accounts=accounts,
                  triage=triage, recommendations=_recommendations(con, sel), notes=notes)


def _accounts(con: duckdb.DuckDBPyConnection, sel: Selection, period: Period) -> list[AccountReport]:
    """Key figures per account: this period, and the previous month (or equally long stretch)."""
    wide = performa.summary_wide(con, sel).to_pylist()
    current = {r["unit_id"]: r for r in wide if r["period"] == "current"}
    if (period.previous_start, period.previous_end) == (sel.previous_start, sel.previous_end):
        previous = {r["unit_id"]: r for r in wide if r["period"] == "previous"}
    else:
        before = Selection(sel.account_ids, period.previous_start, period.previous_end)
        previous = {r["unit_id"]: r for r in performa.summary_wide(con, before).to_pylist()
                    if r["period"] == "current"}
    names = {r[0]: r[1:] for r in con.execute(
        f"SELECT account_id, platform, handle, display_name FROM accounts "
        f"WHERE account_id IN {sel.ids_sql} ORDER BY platform, handle").fetchall()}
    out = []
    for account_id, (platform, handle, display_name) in names.items():
        cur, prev = current.get(account_id, {}), previous.get(account_id, {})
        figures = [Figure(key, measure, _float(cur.get(key)), _float(prev.get(key)))
                   for key, measure in FIGURES]
        posts = cur.get("posts")
        out.append(AccountReport(account_id, platform, handle, display_name, figures,
                                 None if posts is None else int(posts)))
    return out


def _float(v: Any) -> float | None:
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f


def _add_series(con: duckdb.DuckDBPyConnection, sel: Selection,
                accounts: list[AccountReport]) -> None:
    """Daily followers (as performa counts them: interpolated between counts) and daily reach
    (else views)."""
    joins, followers = followers_at("g.account_id", "g.date", "f")
    rows = con.execute(f"""
        WITH {base_ctes(sel.ids_sql)},
        days AS (SELECT CAST(d AS DATE) AS date FROM range(?::DATE, ?::DATE + 1, INTERVAL 1 DAY) t(d)),
        g AS (SELECT a.account_id, days.date FROM accounts a CROSS JOIN days
              WHERE a.account_id IN {sel.ids_sql}),
        daily AS (SELECT account_id, date, sum(value) FILTER (WHERE metric = 'reach') AS reach,
                    sum(value) FILTER (WHERE metric = 'views') AS views
                  FROM account_daily WHERE account_id IN {sel.ids_sql}
                    AND metric IN ('reach', 'views') AND date BETWEEN ? AND ? GROUP BY ALL)
        SELECT g.account_id, g.date, {followers}, d.reach, d.views
        FROM g {joins} LEFT JOIN daily d ON d.account_id = g.account_id AND d.date = g.date
        ORDER BY 1, 2""", [sel.start, sel.end, sel.start, sel.end]).fetchall()
    by_account: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        by_account[row[0]].append(row)
    for a in accounts:
        series = by_account.get(a.account_id, [])
        days = [r[1] for r in series]
        followers_values = [_float(r[2]) for r in series]
        if any(v is not None for v in followers_values):
            a.followers = Series("followers", days, followers_values)
        for index, metric in ((3, "reach"), (4, "views")):
            values = [_float(r[index]) for r in series]
            if any(v is not None for v in values):
                a.reach = Series(metric, days, values)
                break


def _post_topics(con: duckdb.DuckDBPyConnection,
                 keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Topics of the listed posts only (performa's topic rules over a small post_facts)."""
    if not keys:
        return {}
    wanted = pa.table({"platform": [k[0] for k in keys], "platform_post_id": [k[1] for k in keys]})
    con.register("_report_posts", wanted)
    try:
        rows = arrow(con, f"""
            WITH post_facts AS (
                SELECT p.platform, p.platform_post_id, p.caption, p.hashtags FROM posts p
                SEMI JOIN _report_posts w USING (platform, platform_post_id)),
            {topic_ctes()}
            SELECT platform, platform_post_id, list(label ORDER BY label) AS topics
            FROM post_topics WHERE kind = 'topic' GROUP BY ALL""").to_pylist()
    finally:
        con.unregister("_report_posts")
    return {(r["platform"], r["platform_post_id"]): r["topics"] for r in rows}


def _score(row: dict[str, Any]) -> tuple[str, float] | None:
    """The post's interactions score, else its reach score, else its views score."""
    for metric, key in (("interactions", "overperformance"), ("reach", "overperformance_reach"),
                        ("views", "overperformance_views")):
        if row.get(key) is not None:
            return metric, float(row[key])
    return None


def _post_line(row: dict[str, Any], metric: str, score: float, topics: list[str]) -> PostLine:
    published = row["published_at"].astimezone(LOCAL) if row["published_at"] else None
    post_type = row["post_type"] or "unknown"
    reasons = [text.score_reason(row, metric, score, post_type),
               t("laporan.reason.format", format=text.label("format", post_type))]
    if topics:
        reasons.append(t("laporan.reason.topics",
                         topics=", ".join(text.label("topic", x) for x in topics)))
    if published and (published.hour, published.minute) == (0, 0):
        # date-only exports (TikTok, X, YouTube) stamp every post at midnight: no time to tell
        reasons.append(t("laporan.reason.date", weekday=text.weekday(published.isoweekday()),
                         date=text.day(published.date())))
    elif published:
        reasons.append(t("laporan.reason.time", weekday=text.weekday(published.isoweekday()),
                         date=text.day(published.date()),
                         time=text.clock(published.hour, published.minute)))
    return PostLine(platform=row["platform"], handle=row["handle"], post_id=row["platform_post_id"],
                    published_at=published, post_type=post_type,
                    text=text.clean(row["caption"] or row["title"] or ""),
                    permalink=row["permalink"], score_metric=metric, score=score,
                    actual=_float(row.get(metric)),
                    expected=_float(row.get(f"expected_{metric}")),
                    baseline_n=row["baseline_n"] if metric == "interactions"
                    else row.get(f"baseline_n_{metric}"),
                    reach=_float(row["reach"]), topics=topics, reasons=reasons)


def _add_posts(con: duckdb.DuckDBPyConnection, sel: Selection,
               accounts: list[AccountReport]) -> None:
    """The best and the weakest posts of each account against its own baseline."""
    handles = {(a.platform, a.handle): a for a in accounts}
    scored: dict[tuple[str, str], list[tuple[str, float, dict[str, Any]]]] = defaultdict(list)
    for row in performa.post_table(con, sel).to_pylist():
        found = _score(row)
        if found:
            scored[(row["platform"], row["handle"])].append((*found, row))
    chosen: list[tuple[AccountReport, str, list[tuple[str, float, dict[str, Any]]]]] = []
    for key, items in scored.items():
        target = handles.get(key)
        if target is None:
            continue
        items.sort(key=lambda s: (-s[1], s[2]["platform_post_id"]))
        top = items[:min(POSTS_EACH_SIDE, math.ceil(len(items) / 2))]
        # the weakest: below the account's usual, and not already listed as best
        bottom = [s for s in reversed(items[len(top):]) if s[1] < 1][:POSTS_EACH_SIDE]
        chosen += [(target, "top", top), (target, "bottom", bottom)]
    topics = _post_topics(con, [(r["platform"], r["platform_post_id"])
                                for _, _, items in chosen for _, _, r in items])
    for target, side, items in chosen:
        lines = [_post_line(r, m, s, topics.get((r["platform"], r["platform_post_id"]), []))
                 for m, s, r in items]
        if side == "top":
            target.top_posts = lines
        else:
            target.bottom_posts = lines


def _add_audience(con: duckdb.DuckDBPyConnection, accounts: list[AccountReport]) -> None:
    """Relevance against the account's target profile; only shares and sentences, no followers."""
    from ..audience import chosen_profile
    from ..audience import store as audience_store
    from ..audience.report import account_summary
    from ..audience.text import place_sentences, relevance_lines, representation_sentences

    for a in accounts:
        profile = chosen_profile(con, a.account_id)[1]
        account = audience_store.Account(a.account_id, a.platform, a.handle, a.display_name)
        summary = account_summary(con, account, profile)
        rel, prof = summary["relevance"], summary["profile"]
        latest = summary["latest"].get("followers")
        if rel["followers"] is None and latest is None:
            continue
        sentences: list[str] = []
        if latest:
            demo = latest["demographics"]
            sentences = (representation_sentences(demo["ages"], prof, "followers")
                         + representation_sentences(demo["genders"], prof, "followers", n=1)
                         + place_sentences(latest["where"].get("subareas") or [], prof))
        a.audience = Audience(profile=prof["name"], followers=rel["followers"],
                              followers_date=rel["followers_date"],
                              relevant_followers=rel["relevant_followers"],
                              relevant_at_most=rel["relevant_followers_at_most"], fit=rel["fit"],
                              in_area=rel["in_area"], quality_share=rel["quality_share"],
                              lines=relevance_lines(rel, prof), sentences=sentences)


def _recommendations(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[Recommendation]:
    """What-works findings whose 95% interval excludes 1, clearest first, then best times."""
    findings = [f for f in performa.what_works(con, sel).to_pylist()
                if f["status"] == "ok" and f["ratio_low"] is not None
                and (f["ratio_low"] > 1 or f["ratio_high"] < 1)]
    strongest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for f in findings:   # one sentence per attribute level: its clearest outcome
        key = (f["platform"], f["attribute"], f["level"])
        if key not in strongest or abs(math.log(f["ratio"])) > abs(math.log(strongest[key]["ratio"])):
            strongest[key] = f
    up = sorted((f for f in strongest.values() if f["ratio"] > 1), key=lambda f: -f["ratio"])
    down = sorted((f for f in strongest.values() if f["ratio"] < 1), key=lambda f: f["ratio"])
    out = [Recommendation("what_works", f["platform"], text.finding_sentence(f), f["outcome"],
                          f["attribute"], f["level"], f["ratio"], f["ratio_low"], f["ratio_high"],
                          f["posts_with"])
           for f in up[:MAX_FINDINGS_UP] + down[:MAX_FINDINGS_DOWN]]
    return out + _best_times(con, sel)


def _best_times(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[Recommendation]:
    """The best cells of each account on different weekdays."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in performa.best_times(con, sel).to_pylist():
        if c["rank"] is None:
            continue
        chosen = cells[(c["platform"], c["handle"])]
        if len(chosen) < BEST_SLOTS and all(x["weekday"] != c["weekday"] for x in chosen):
            chosen.append(c)
    return [Recommendation("best_time", platform,
                           text.best_time_sentence(platform, handle, chosen, chosen[0]["source"]))
            for (platform, handle), chosen in cells.items() if chosen]


__all__ = ["build_report", "in_locale"]
