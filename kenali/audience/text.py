"""Plain-language rendering of the audience summary for a Humas officer (via the catalogue)."""

from __future__ import annotations

from typing import Any

from ..i18n import current_locale, t
from .buckets import parse_age

Row = dict[str, Any]


def num(value: float | None, digits: int = 0) -> str:
    """A number in the locale's style (Indonesian: 12.345,6)."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if current_locale() == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def pct(share: float | None, digits: int = 1) -> str:
    """A share as a percentage."""
    return "–" if share is None else num(100 * share, digits) + "%"


def signed(value: float | None, digits: int) -> str:
    """A change with its sign ('+0,03', '−1,2'); a change that rounds to zero is '±0'."""
    if value is None:
        return "–"
    rounded = round(value, digits)
    if rounded == 0:
        return "±" + num(0.0, digits)
    return ("+" if rounded > 0 else "−") + num(abs(rounded), digits)


def ratio(index: float | None) -> str:
    """A representation index such as 2,1×."""
    return "–" if index is None else num(index, 1) + "×"


def who(bucket: str) -> str:
    """'18-24' -> 'berusia 18–24 tahun'; 'female' -> 'perempuan'; '18-24|female' -> both."""
    parts = []
    for piece in bucket.split("|"):
        rng = parse_age(piece)
        if rng is None:
            parts.append(t(f"audience.gender.{piece}"))
        elif rng.open:
            parts.append(t("audience.age_open", low=rng.low))
        else:
            parts.append(t("audience.age_range", low=rng.low, high=rng.high))
    return " ".join(parts)


def population_name(profile: Row) -> str:
    """The profile's name as it reads inside a sentence."""
    name = str(profile.get("name") or "")
    return name[:1].lower() + name[1:] if name[:1].isupper() and not name[:3].isupper() else name


def representation_sentences(rows: list[Row], profile: Row, kind: str, n: int = 2) -> list[str]:
    """The n most over- and under-represented buckets, in words."""
    known = [r for r in rows if r["index"] is not None and r["reported"]]
    over = sorted((r for r in known if r["verdict"] == "over"), key=lambda r: -r["index"])[:n]
    under = sorted((r for r in known if r["verdict"] == "under"), key=lambda r: r["index"])[:n]
    pop = population_name(profile)
    return [t("audience.sentence.index", audience=t(f"audience.kind.{kind}"), who=who(r["bucket"]),
              ratio=ratio(r["index"]), population=pop, verdict=t(f"audience.verdict.{r['verdict']}"))
            for r in over + under]


def place_sentences(rows: list[Row], profile: Row, n: int = 1) -> list[str]:
    """The most over- and under-represented sub-areas (kota administrasi), in words."""
    known = [r for r in rows if r["index"] is not None]
    over = sorted((r for r in known if r["verdict"] == "over"), key=lambda r: -r["index"])[:n]
    under = sorted((r for r in known if r["verdict"] == "under"), key=lambda r: r["index"])[:n]
    return [t("audience.sentence.place", place=r["bucket"], ratio=ratio(r["index"]),
              population=population_name(profile), verdict=t(f"audience.verdict.{r['verdict']}"))
            for r in over + under]


def relevance_lines(rel: Row, profile: Row) -> list[str]:
    """The headline: followers, estimated relevant followers and their formula."""
    lines = [t("audience.followers", n=num(rel["followers"]), date=rel["followers_date"] or "–")]
    if rel["relevant_followers"] is not None:
        key = "audience.relevant" if rel["quality_share"] is not None \
            else "audience.relevant_no_list"
        lines.append(t(key, n=num(rel["relevant_followers"]), followers=num(rel["followers"]),
                       in_area=pct(rel["in_area"]), quality=pct(rel["quality_share"])))
    elif rel["relevant_followers_at_most"] is not None:
        lines.append(t("audience.relevant_at_most", n=num(rel["relevant_followers_at_most"]),
                       in_country=pct(rel["in_area_upper_bound"])))
    else:
        lines.append(t("audience.relevant_unknown"))
    if rel["fit"] is not None:
        lines.append(t("audience.fit", fit=num(rel["fit"], 2),
                       basis=t(f"audience.basis.{rel['fit_basis']}"),
                       population=population_name(profile)))
    return lines


def where_lines(where: Row) -> list[str]:
    """In-area share and where the rest lives."""
    if where["in_area"] is None and where["upper_bound"] is None:
        return [t("audience.where_unknown")]
    if where["in_area"] is None:
        return [t("audience.where_country_only", share=pct(where["upper_bound"]))]
    loc = where["city"] if where["basis"] == "city" else where["country"]
    shares = loc["shares"] if loc else {}
    listed = t("audience.listed." + ("city" if where["basis"] == "city" else "country"),
               listed=pct(loc["listed"]) if loc else "–")
    values = {"share": pct(where["in_area"]), "core": pct(shares.get("core")),
              "bound": t("audience.lower_bound") if where["lower_bound"] else "",
              "country": pct(shares.get("rest_of_country")), "abroad": pct(shares.get("abroad")),
              "listed": listed}
    rings = where.get("rings") or []
    if rings:
        return [t("audience.where", ring=pct(shares.get("ring")), ring_name=rings[0]["name"],
                  weight=num(rings[0]["weight"], 1), **values)]
    return [t("audience.where_plain", **values)]


def quality_lines(q: Row) -> list[str]:
    """Class and segment shares of a follower list."""
    total = q["total"] or 1
    classes = ", ".join(f"{t('audience.class.' + c)} {pct(n / total)}" for c, n in q["classes"].items())
    segments = ", ".join(f"{t('audience.segment.' + s)} {pct(n / total)}"
                         for s, n in q["segments"].items())
    rules = ", ".join(f"{t('audience.rule.' + r)} {num(n)}" for r, n in q["rules"].items())
    lines = [t("audience.quality", n=num(q["total"]), quality=pct(q["quality_share"])),
             "   " + t("audience.classes", classes=classes),
             "   " + t("audience.segments", segments=segments),
             "   " + t("audience.rules", rules=rules)]
    if q["suspicion_reasons"]:
        reasons = ", ".join(f"{t('audience.reason.' + r)} {num(n)}"
                            for r, n in q["suspicion_reasons"].items())
        lines.append("   " + t("audience.reasons", reasons=reasons))
    return lines


def example_lines(rows: list[Row], masked: bool) -> list[str]:
    """A few followers with the class and the rule that decided it (rows already masked)."""
    lines = [t("audience.examples_masked" if masked else "audience.examples")]
    for r in rows:
        lines.append("   " + t("audience.example", handle=r["handle"],
                                 cls=t("audience.class." + r["class"]),
                                 rule=t("audience.rule." + r["rule"]),
                                 segment=t("audience.segment." + r["segment"])))
    return lines


def follows_lines(f: Row) -> list[str]:
    """Posts and days that won follows."""
    lines = []
    for p in f["posts"][:3]:
        line = t("audience.post_follows", follows=num(p["follows"]),
                 date=p["published_at"].date().isoformat() if p["published_at"] else "–",
                 text=(p["text"] or p["platform_post_id"]).replace("\n", " ")[:60])
        if p["follows_per_1000_reach"] is not None:
            line += " " + t("audience.per_1000_reach", per1000=num(p["follows_per_1000_reach"], 1))
        lines.append(line)
    if f["days"]:
        lines.append(t("audience.days_follows", on=num(f["mean_on_posting_days"], 1),
                       off=num(f["mean_on_other_days"], 1), days=f["days"],
                       posting=f["posting_days"],
                       basis=t(f"audience.daily_basis.{f['daily_basis']}")))
        days = []
        for best in f["top_days"][:3]:
            day = t("audience.best_day", date=best["date"], follows=num(best["follows"]),
                    posts=best["posts"])
            if best["post_texts"]:
                day += f' "{best["post_texts"][0]}"'
            days.append(day)
        lines.append(t("audience.best_days", days="; ".join(days)))
    return lines or [t("audience.no_follows")]


def history_lines(history: list[Row]) -> list[str]:
    """Changes between consecutive follower snapshots."""
    lines = []
    for h in history[-4:]:
        fit = signed(h["fit_change"], 2)
        area = signed(None if h["in_area_change"] is None else 100 * h["in_area_change"], 1)
        line = t("audience.history", start=h["from"], end=h["to"], fit=fit, area=area)
        if h["gained_in_area"] is not None or h["gained_fit"] is not None:
            line += " " + t("audience.history_gained", n=num(h["followers_gained"]),
                            in_area=pct(h["gained_in_area"]),
                            error=num(100 * h["gained_error"], 0))
            if h["gained_fit"] is not None:
                line += " " + t("audience.history_gained_fit", fit=num(h["gained_fit"], 2))
        elif h["followers_gained"]:
            line += " " + t("audience.history_gained_unknown", n=num(h["followers_gained"]))
        lines.append(line)
    return lines


def engaged_lines(rows: list[Row]) -> list[str]:
    """Whether the engaged audience (or viewers) is the following audience."""
    lines = []
    for r in rows:
        audience = t(f"audience.kind.{r['kind']}")
        if r["fit_to_followers"] is not None or r["fit_to_population"] is not None \
                or r["in_area"] is not None:
            lines.append(t("audience.engaged", audience=audience,
                           to_followers=num(r["fit_to_followers"], 2),
                           to_population=num(r["fit_to_population"], 2),
                           in_area=pct(r["in_area"]),
                           followers_in_area=pct(r["followers_in_area"])))
        elif r["in_country"] is not None:
            lines.append(t("audience.engaged_country", audience=audience,
                           share=pct(r["in_country"])))
    return lines


def snapshot_lines(snaps: list[Row]) -> list[str]:
    """How many audience snapshots of each kind are stored, and over which dates."""
    lines = []
    for kind in ("followers", "engaged", "viewers"):
        dates = [x["date"] for x in snaps if x["kind"] == kind]
        if dates:
            lines.append(t("audience.snapshots", audience=t(f"audience.kind.{kind}"),
                           n=len(dates), first=dates[0], last=dates[-1]))
    return lines


def follower_sentences(latest: Row, profile: Row) -> list[str]:
    """Over- and under-represented ages, gender and kota of the followers, in words."""
    demo = latest["demographics"]
    return representation_sentences(demo["ages"], profile, "followers") + \
        representation_sentences(demo["genders"], profile, "followers", n=1) + \
        place_sentences(latest["where"].get("subareas") or [], profile)


def render_summary(s: Row) -> str:
    """The whole `kenali pengikut` text for one account."""
    a, prof = s["account"], s["profile"]
    out = [t("audience.header", handle=a["handle"], platform=a["platform"], profile=prof["name"],
             year=prof["year"] or "–")]
    out += ["  " + line for line in relevance_lines(s["relevance"], prof)]
    out += ["  " + line for line in snapshot_lines(s["snapshots"])]
    fl = s["latest"].get("followers")
    if fl:
        out += ["  " + line for line in where_lines(fl["where"])]
        out += ["  - " + line for line in follower_sentences(fl, prof)]
    else:
        out.append("  " + t("audience.no_snapshots"))
    if s["history"]:
        out.append("  " + t("audience.history_title", n=len(s["history"]) + 1))
        out += ["   " + line for line in history_lines(s["history"])]
    if s["engaged_vs_followers"]:
        out.append("  " + t("audience.engaged_title"))
        out += ["   " + line for line in engaged_lines(s["engaged_vs_followers"])]
    out.append("  " + t("audience.follows_title"))
    out += ["   " + line for line in follows_lines(s["follows"])]
    if s["quality"]:
        out += ["  " + line for line in quality_lines(s["quality"])]
    return "\n".join(out)
