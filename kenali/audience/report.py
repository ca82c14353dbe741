"""The audience summary of an account: snapshots, relevance, follows won, engaged vs following."""

from __future__ import annotations

from datetime import date
from statistics import mean
from typing import Any

import duckdb

from . import store
from .analysis import Demographics, demographics, gained_cells, whereabouts
from .measures import demographic_fit, gained_share, relevant_followers
from .privacy import mask_row
from .profiles import Profile
from .quality import classify, summarise

KINDS = ("followers", "engaged", "viewers")
# Exported shares are rounded (Meta: 0.1 percentage point); summed over a few buckets the error
# of a share is taken as ±0.1 pp. The composition of followers gained is only reported when
# that error, blown up by N / gained, stays within ±15 percentage points.
SHARE_ERROR = 0.001
MAX_GAINED_ERROR = 0.15
# The fit of the gained followers differences a dozen small cells, each with that error: only
# when the error is within ±3 points is it more than noise.
MAX_GAINED_FIT_ERROR = 0.03


def _snapshot(day: date, kind: str, dims: dict[str, dict[str, float]], profile: Profile,
              followers: tuple[float, date] | None) -> dict[str, Any]:
    demo = demographics(dims, profile)
    where = whereabouts(dims, profile)
    return {"date": day.isoformat(), "kind": kind, "dimensions": sorted(dims),
            "followers": followers[0] if followers and kind == "followers" else None,
            "demographics": demo, "where": where}


def _public(snap: dict[str, Any]) -> dict[str, Any]:
    out = dict(snap)
    out["demographics"] = snap["demographics"].as_dict()
    out["where"] = snap["where"].as_dict()
    return out


def _moves(before: Demographics, after: Demographics, n: int = 3) -> list[dict[str, Any]]:
    """Largest changes of share (percentage points) between two snapshots on the same basis."""
    if before.basis != after.basis:
        return []
    keys = set(before.cells) | set(after.cells)
    moves: list[dict[str, Any]] = [{"bucket": k, "before": before.cells.get(k, 0.0), "after": after.cells.get(k, 0.0),
              "change_pp": 100 * (after.cells.get(k, 0.0) - before.cells.get(k, 0.0))}
             for k in keys]
    return sorted(moves, key=lambda m: -abs(m["change_pp"]))[:n]


def history(snaps: list[dict[str, Any]], profile: Profile) -> list[dict[str, Any]]:
    """Each follower snapshot against the one before: change in fit and in-area share, and the
    relevance of the followers won in between (where follower counts exist at both dates)."""
    rows = []
    for prev, cur in zip(snaps, snaps[1:], strict=False):
        pd, cd = prev["demographics"], cur["demographics"]
        pw, cw = prev["where"], cur["where"]
        row: dict[str, Any] = {
            "from": prev["date"], "to": cur["date"],
            "fit_change": (cd.fit - pd.fit) if cd.fit is not None and pd.fit is not None else None,
            "in_area_change": (cw.in_area - pw.in_area)
            if cw.in_area is not None and pw.in_area is not None else None,
            "moves": _moves(pd, cd), "followers_gained": None, "gained_in_area": None,
            "gained_fit": None, "gained_error": None}
        n0, n1 = prev["followers"], cur["followers"]
        if n0 is not None and n1 is not None:
            row["followers_gained"] = n1 - n0
            if n1 <= n0:
                rows.append(row)
                continue
            row["gained_error"] = (n0 + n1) * SHARE_ERROR / (n1 - n0)
            if row["gained_error"] > MAX_GAINED_ERROR:
                rows.append(row)
                continue
            if pw.in_area is not None and cw.in_area is not None and pw.basis == cw.basis:
                row["gained_in_area"] = gained_share(n0, pw.in_area, n1, cw.in_area)
            if pd.basis == cd.basis and pd.basis and row["gained_error"] <= MAX_GAINED_FIT_ERROR:
                gained = gained_cells(pd.cells, n0, cd.cells, n1)
                if gained:
                    row["gained_fit"] = demographic_fit(gained, cd.population)
        rows.append(row)
    return rows


def engaged_vs_followers(latest: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Whether the audience that engages (or views) is the one that follows, and the one served."""
    base = latest.get("followers")
    out = []
    for kind in ("engaged", "viewers"):
        other = latest.get(kind)
        if not other:
            continue
        od, ow = other["demographics"], other["where"]
        row: dict[str, Any] = {"kind": kind, "date": other["date"], "fit_to_population": od.fit,
                               "in_area": ow.in_area, "in_country": ow.upper_bound,
                               "fit_to_followers": None, "ages": []}
        if base and base["demographics"].basis == od.basis and od.basis:
            bd = base["demographics"]
            row["fit_to_followers"] = demographic_fit(od.cells, bd.cells)
            f_ages = {r["bucket"]: r["audience"] for r in bd.ages}
            row["ages"] = [{"bucket": r["bucket"], "share": r["audience"],
                            "followers_share": f_ages.get(r["bucket"]),
                            "index": (r["audience"] / f_ages[r["bucket"]])
                            if f_ages.get(r["bucket"]) else None} for r in od.ages]
        row["followers_in_area"] = base["where"].in_area if base else None
        out.append(row)
    return out


def follows_won(con: duckdb.DuckDBPyConnection, account_id: int) -> dict[str, Any]:
    """Posts with the most follows, and daily follows on posting days against other days."""
    posts = store.post_follows(con, account_id).to_pylist()
    days = store.daily_follows(con, account_id).to_pylist()
    on = [d["follows"] for d in days if d["posts"]]
    off = [d["follows"] for d in days if not d["posts"]]
    top = sorted(days, key=lambda d: -(d["follows"] or 0))[:5]
    return {
        "posts": posts,
        "daily_basis": days[0]["basis"] if days else None,
        "days": len(days),
        "mean_on_posting_days": mean(on) if on else None,
        "mean_on_other_days": mean(off) if off else None,
        "posting_days": len(on),
        "top_days": [{"date": d["date"].isoformat(), "follows": d["follows"], "posts": d["posts"],
                      "post_ids": d["post_ids"] or [], "post_texts": d["post_texts"] or []}
                     for d in top],
    }


def quality_from_store(con: duckdb.DuckDBPyConnection, account_id: int,
                       unmask: bool = False, examples: int = 0) -> dict[str, Any] | None:
    """Quality and segment summary of the follower list stored for an account, if any."""
    rows = store.follower_rows(con, account_id).to_pylist()
    if not rows:
        return None
    verdicts = [classify(r) for r in rows]
    out = summarise(verdicts).as_dict()
    out["examples"] = [mask_row({"handle": r["handle"], "name": r["name"], **v.as_dict()}, unmask)
                       for r, v in list(zip(rows, verdicts, strict=True))[:examples]]
    return out


def latest_views(snaps_raw: store.Snapshots, profile: Profile,
                 series: store.FollowerSeries) -> dict[str, dict[str, Any]]:
    """Per audience kind, the newest snapshot of every dimension taken together.

    Platforms export dimensions in separate files (TikTok: gender, territories) that may be
    imported on different days; the current picture uses the newest of each.
    """
    merged: dict[str, dict[str, dict[str, float]]] = {}
    dated: dict[str, dict[str, str]] = {}
    newest: dict[str, date] = {}
    for (day, kind), dims in snaps_raw.items():      # oldest first: newer dimensions replace
        merged.setdefault(kind, {}).update(dims)
        dated.setdefault(kind, {}).update(dict.fromkeys(dims, day.isoformat()))
        newest[kind] = day
    out = {}
    for kind, dims in merged.items():
        view = _snapshot(newest[kind], kind, dims, profile, store.count_on(series, newest[kind]))
        view["dimension_dates"] = dated[kind]
        out[kind] = view
    return out


def _relevance(followers: tuple[float, date] | None, latest: dict[str, dict[str, Any]],
               quality: dict[str, Any] | None) -> dict[str, Any]:
    """Followers, their share in the served area, quality and the relevant followers estimated."""
    quality_share = quality["quality_share"] if quality else None
    fl = latest.get("followers")
    where = fl["where"] if fl else None
    in_area = where.in_area if where else None
    n = followers[0] if followers else None
    return {
        "followers": n, "followers_date": followers[1].isoformat() if followers else None,
        "in_area": in_area, "in_area_basis": where.basis if where else None,
        "in_area_lower_bound": where.lower_bound if where else False,
        "in_area_upper_bound": where.upper_bound if where else None,
        "quality_share": quality_share,
        "fit": fl["demographics"].fit if fl else None,
        "fit_basis": fl["demographics"].basis if fl else None,
        "relevant_followers": relevant_followers(n, in_area, quality_share),
        "relevant_followers_at_most": relevant_followers(n, where.upper_bound, quality_share)
        if where and where.upper_bound is not None else None,
    }


def relevance(con: duckdb.DuckDBPyConnection, account: store.Account, profile: Profile) -> dict[str, Any]:
    """The relevance part of `account_summary` alone (for overviews of many accounts)."""
    series = store.follower_series(con, account.account_id)
    latest = latest_views(store.snapshots(con, account.account_id), profile, series)
    return _relevance(store.count_on(series), latest, quality_from_store(con, account.account_id))


def account_summary(con: duckdb.DuckDBPyConnection, account: store.Account,
                    profile: Profile) -> dict[str, Any]:
    """Everything `kenali pengikut` shows for one account."""
    snaps_raw = store.snapshots(con, account.account_id)
    series = store.follower_series(con, account.account_id)
    snaps = [_snapshot(day, kind, dims, profile, store.count_on(series, day))
             for (day, kind), dims in snaps_raw.items()]
    latest = latest_views(snaps_raw, profile, series)
    quality = quality_from_store(con, account.account_id)
    relevance = _relevance(store.count_on(series), latest, quality)
    return {
        "account": {"account_id": account.account_id, "platform": account.platform,
                    "handle": account.handle, "display_name": account.display_name},
        "profile": profile.describe(),
        "relevance": relevance,
        "latest": {k: _public(v) for k, v in latest.items()},
        "snapshots": [{"date": s["date"], "kind": s["kind"], "dimensions": s["dimensions"],
                       "fit": s["demographics"].fit, "in_area": s["where"].in_area}
                      for s in snaps],
        "history": history([s for s in snaps if s["kind"] == "followers"], profile),
        "history_other": {kind: history([s for s in snaps if s["kind"] == kind], profile)
                          for kind in KINDS[1:] if sum(s["kind"] == kind for s in snaps) > 1},
        "engaged_vs_followers": engaged_vs_followers(latest),
        "follows": follows_won(con, account.account_id),
        "quality": quality,
    }
