"""The period report over a small store built from fixture files, with values worked out by hand.

Store (account humas.kominfotik, Instagram, March 2026):
- posts: importers/meta_instagram_posts/ig_content_lifetime.csv (5 posts) and
  report/ig_posts_hostile.csv (9 images; the last three have hostile captions);
- daily reach and follows: importers/meta_instagram_series (reach 1–10 March, follows);
- follower counts: report/ig_audience_start.csv (47,800, file dated 1 March) and
  importers/meta_instagram_audience/Audience.csv (48,210, file dated 31 March);
- a follower list (importers/followers_csv) and comments (report/cluster_comments.csv in
  March, web/hostile_comments.csv in October), triaged by the shipped model.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import statistics
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

import kenali
from kenali.cli import main
from kenali.errors import KenaliError
from kenali.report import build_report, parse_period, render_html, render_xlsx, report_bytes
from kenali.report.charts import bar_chart, line_chart
from kenali.report.model import Report
from kenali.report.xlsx import xlsx_bytes
from kenali.workspace import Workspace

from .conftest import FIXTURES

ACCOUNT = "humas.kominfotik"
HOSTILE_POSTS = FIXTURES / "report" / "ig_posts_hostile.csv"
FOLLOWER_HANDLES = ("warga.cilincing", "ibu.rt05", "promo_gacor88", "jakartainfo")
COMMENTERS = ("warga0", "warga1", "warga2", "warga3", "warga4", "warga5", "attacker", "linker")


def _dated_copy(src: Path, folder: Path, local: str) -> Path:
    """A copy whose file time is a Jakarta local time (the audience export's snapshot time)."""
    dst = folder / src.name
    shutil.copyfile(src, dst)
    stamp = dt.datetime.fromisoformat(local + "+07:00").timestamp()
    os.utime(dst, (stamp, stamp))
    return dst


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kenali.triage.store import triage_store

    folder = tmp_path_factory.mktemp("report")
    path = folder / "kenali.duckdb"
    ws = kenali.open(path)
    own = {"account": ACCOUNT, "platform": "instagram", "progress": False}
    imp = FIXTURES / "importers"
    results = ws.import_paths([imp / "meta_instagram_posts" / "ig_content_lifetime.csv",
                               HOSTILE_POSTS], progress=False)
    results += ws.import_paths([imp / "meta_instagram_series" / n
                                for n in ("Reach.csv", "Follows.csv", "Visits.csv")], **own)
    results += ws.import_paths([
        _dated_copy(FIXTURES / "report" / "ig_audience_start.csv", folder, "2026-03-01T10:00:00"),
        _dated_copy(imp / "meta_instagram_audience" / "Audience.csv", folder, "2026-03-31T10:00:00"),
        imp / "followers_csv" / "followers_export.csv",
        FIXTURES / "report" / "cluster_comments.csv",
        FIXTURES / "web" / "hostile_comments.csv"], **own)
    assert all(r.status == "imported" for r in results), [(r.file, r.status) for r in results]
    triage_store(ws.con)
    ws.close()
    return path


@pytest.fixture(scope="module")
def con(store: Path) -> Iterator[object]:
    ws = Workspace(store, read_only=True)
    yield ws.con
    ws.close()


@pytest.fixture(scope="module")
def march(con: object) -> Report:
    return build_report(con, "2026-03")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def march_html(march: Report) -> str:
    return render_html(march)


# -- periods ----------------------------------------------------------------------------------
def test_periods_month_and_range() -> None:
    p = parse_period("2026-03")
    assert (p.start, p.end, p.previous_start, p.previous_end, p.is_month) == (
        dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 2, 1), dt.date(2026, 2, 28), True)
    january = parse_period("2026-01")
    assert (january.previous_start, january.previous_end) == (dt.date(2025, 12, 1),
                                                              dt.date(2025, 12, 31))
    r = parse_period("2026-10-01..2026-10-10")
    assert (r.days, r.previous_start, r.previous_end) == (10, dt.date(2026, 9, 21),
                                                          dt.date(2026, 9, 30))
    for bad in ("2026-13", "Oktober", "2026-10-10..2026-10-01", "2026-02-30..2026-03-01", ""):
        with pytest.raises(KenaliError):
            parse_period(bad)


# -- key figures ------------------------------------------------------------------------------
def _row(html: str, label: str) -> list[str]:
    """The cells of the figures-table row whose first cell is `label`."""
    found = re.search(rf"<tr><td>{re.escape(label)}</td>(.*?)</tr>", html, re.S)
    assert found, label
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>",
                                                                   found.group(1), re.S)]


def _er_by_hand() -> float:
    """Median over March posts of interactions ÷ followers on the posting day, the follower
    count running linearly from 47,800 (1 March) to 48,210 (31 March)."""
    # (day of March, likes + comments + shares + saves) of every post in the two post files
    posts = [(1, 260), (2, 330), (3, 220), (4, 400), (5, 280), (6, 340), (9, 904 + 58 + 211 + 120),
             (12, 310 + 22 + 45 + 61), (15, 488 + 31 + 96 + 402), (16, 0 + 0 + 3 + 0),
             (17, 2001 + 77 + 150 + 93), (20, 3400), (21, 500), (22, 24)]
    return statistics.median(i / (47800 + 410 * (d - 1) / 30) for d, i in posts)


def test_key_figures_match_the_fixtures(march: Report, march_html: str) -> None:
    (a,) = march.accounts
    assert (a.platform, a.handle, a.posts) == ("instagram", ACCOUNT, 14)
    f = {x.key: x for x in a.figures}
    assert f["followers_end"].value == 48210 and f["followers_end"].previous == 47800
    assert f["net_growth"].value == 410
    assert f["reach"].value == 431 + 875 + 293 + 148 + 695 + 1095 + 413 + 1892 + 1364 + 702
    assert f["posts_per_week"].value == pytest.approx(14 * 7 / 31)
    assert f["follows_per_1000_reached"].value == pytest.approx(1000 * 12 / 7908)
    assert f["er_followers"].value == pytest.approx(_er_by_hand())
    # as printed (Indonesian): this period, the previous month, the change
    assert _row(march_html, "Pengikut")[:3] == ["48.210", "47.800", "+0,9%"]
    assert _row(march_html, "Pertumbuhan")[0] == "410"
    assert _row(march_html, "Pertumbuhan (%)")[0] == "0,86%"          # 410 / 47,800
    assert _row(march_html, "Jangkauan")[:2] == ["7.908", "–"]         # no reach in February
    assert _row(march_html, "Jangkauan ÷ pengikut")[0] == "16,4%"     # 7,908 / 48,210
    assert _row(march_html, "Tingkat interaksi (per pengikut)")[0] == "0,77%"
    assert round(_er_by_hand() * 100, 2) == 0.77
    assert _row(march_html, "Postingan per minggu")[0] == "3,2"        # 14 × 7 / 31
    assert _row(march_html, "Pengikut baru per 1.000 dijangkau")[0] == "1,5"  # 1000 × 12 / 7,908
    assert "<svg" in march_html and "<polyline" in march_html and "<rect" in march_html


def test_best_and_weakest_posts_with_their_reasons(march: Report) -> None:
    (a,) = march.accounts
    top = [(p.post_id, round(p.score, 3)) for p in a.top_posts]
    # image baselines (earlier images, lowest and highest quarter dropped, middle averaged):
    # 3,400 / mean(260, 280, 330, 340, 400) = 3,400 / 322; 500 / mean(280, 330, 340, 400)
    assert top[:2] == [("18041234567800007", round(3400 / 322, 3)),
                       ("18041234567800008", round(500 / 337.5, 3))]
    bottom = [(p.post_id, round(p.score, 3)) for p in a.bottom_posts]
    assert bottom == [("18041234567800009", round(-(1788 / 5) / 24, 3))]  # −(357.6 / 24)
    best = a.top_posts[0]
    assert best.reasons == ["interaksi 10,6× dari perkiraan: 3.400, padahal 7 foto sebelumnya "
                            "biasanya 322", "format foto", "topik banjir",
                            "diunggah Jumat, 20 Mar 2026 pukul 19.00"]


def test_audience_relevance_without_personal_data(march: Report, march_html: str) -> None:
    audience = march.accounts[0].audience
    assert audience is not None
    assert audience.followers == 48210 and audience.quality_share is not None
    assert audience.relevant_followers == pytest.approx(48210 * audience.in_area
                                                        * audience.quality_share)
    assert any("18–24" in s for s in audience.sentences)
    data = _xlsx_cells(march)
    for handle in FOLLOWER_HANDLES + COMMENTERS:
        assert handle not in march_html
        assert not any(handle in c for c in data if isinstance(c, str))


# -- hostile input ----------------------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        self.hrefs += [v or "" for name, v in attrs if name == "href"]


def test_hostile_captions_and_comments_are_inert(march_html: str) -> None:
    parser = _Tags()
    parser.feed(march_html)
    assert not parser.tags & {"script", "img", "iframe", "object", "embed"}
    assert not [a for a in parser.attributes if a.startswith("on")]
    assert not [h for h in parser.hrefs if not h.startswith("https://")]
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'" in march_html  # CSP meta
    assert "<script" not in march_html.lower() and "onerror=alert" not in march_html.replace(
        "&lt;img src=x onerror=alert", "")
    # the text is there, as text
    assert "&lt;script&gt;alert(&#39;caption&#39;)&lt;/script&gt; Banjir surut" in march_html
    assert "&lt;img src=x onerror=alert(2)&gt; Jadwal Car Free Day" in march_html
    assert "&lt;script&gt;alert(&#39;c1&#39;)&lt;/script&gt; jalan rusak" in march_html  # issue example


def _xlsx_cells(report: Report) -> list[object]:
    """Every cell value of the report's workbook."""
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)))
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_xlsx_is_formula_safe_and_numeric(march: Report, tmp_path: Path) -> None:
    path = render_xlsx(march, tmp_path / "laporan.xlsx")
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) == 7 and wb.sheetnames[0] == "Ringkasan"
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    formula_like = [v for v in texts if v.lstrip("'")[:1] in ("=", "+", "-", "@")]
    assert formula_like and all(v.startswith("'") for v in formula_like)
    assert "'=HYPERLINK(\"http://evil.invalid\",\"klik\") Info pajak kendaraan" in texts
    figures = wb.worksheets[1]
    reach = next(r for r in figures.iter_rows(values_only=True) if r[2] == "Jangkauan")
    assert reach[3] == 7908 and isinstance(reach[3], int | float)
    assert reach[4] is None
    posts = wb.worksheets[3]
    scores = [r[6] for r in posts.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(s, float) for s in scores) and len(scores) == 4


# -- triage section, languages ---------------------------------------------------------------
def test_triage_summary_of_the_period(march: Report, march_html: str) -> None:
    triage = march.triage
    assert triage is not None and triage.comments == 6 and triage.open == 6
    assert sum(n for _, n in triage.queues) == 6 and sum(n for _, n in triage.intents) == 6
    (issue,) = triage.clusters
    assert issue["in_period"] == 6 and issue["size"] == 6 and issue["account"] == ACCOUNT
    assert "Isu berulang" in march_html and "Komentar dan tindak lanjut" in march_html


def test_triage_section_skipped_without_triaged_comments(con: object) -> None:
    report = build_report(con, "2026-02", ACCOUNT)  # type: ignore[arg-type]
    assert report.triage is None
    html = render_html(report)
    assert "Bagian komentar dilewati" in html


def test_english_report(con: object) -> None:
    report = build_report(con, "2026-10-01..2026-10-31", locale="en")  # type: ignore[arg-type]
    html = render_html(report)
    assert report.triage is not None and report.triage.comments == 5   # web/hostile_comments.csv
    assert "Comments and follow-up" in html and "The store holds no post of this period." in html
    assert 'lang="en"' in html
    march = render_html(build_report(con, "2026-03", locale="en"))  # type: ignore[arg-type]
    assert "<td>Reach</td>" in march and ">7,908<" in march


def test_report_bytes_for_the_web(con: object) -> None:
    data, name, media = report_bytes(con, "2026-03", "xlsx", "@Humas.Kominfotik")  # type: ignore[arg-type]
    assert data[:2] == b"PK" and name == "laporan-2026-03-humas.kominfotik.xlsx"
    assert media.startswith("application/vnd.openxmlformats")
    html, name, media = report_bytes(con, "2026-03-01..2026-03-31", "html", None, "en")  # type: ignore[arg-type]
    assert name == "laporan-2026-03-01_2026-03-31.html" and media.startswith("text/html")
    assert b"Social Media Performance Report" in html
    with pytest.raises(KenaliError):
        report_bytes(con, "2026-03", "docx")  # type: ignore[arg-type]


def test_charts_are_svg_with_escaped_labels() -> None:
    days = [dt.date(2026, 3, d) for d in range(1, 11)]
    svg = line_chart(days, [1.0, None, 3.0] + [4.0] * 7, "<b>x</b>", str)
    assert svg and svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
    bars = bar_chart(days, [5.0] * 10, "t", str)
    assert bars and bars.count("<rect") == 10
    assert line_chart(days, [None] * 10, "t", str) is None


# -- CLI -------------------------------------------------------------------------------------
def test_cli_writes_the_report(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["laporan", "--period", "2026-03", "--format", "html", "--db", str(store)]) == 0
    out = tmp_path / "laporan-2026-03.html"
    assert out.is_file() and str(out) in capsys.readouterr().out
    assert "48.210" in out.read_text("utf-8")
    target = tmp_path / "x" / "r.xlsx"
    assert main(["laporan", "--period", "2026-03", "--format", "xlsx", "--account", ACCOUNT,
                 "--db", str(store), "--out", str(target)]) == 0
    assert target.read_bytes()[:2] == b"PK"
    assert main(["laporan", "--period", "2026-3", "--db", str(store)]) == 2
    assert "2026-3" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


# -- recommendations --------------------------------------------------------------------------
def _finding(level: str, outcome: str, ratio: float, low: float, high: float,
             status: str = "ok", attribute: str = "format") -> dict[str, object]:
    return {"platform": "instagram", "attribute": attribute, "level": level, "outcome": outcome,
            "posts_with": 20, "posts_without": 30, "status": status, "ratio": ratio,
            "ratio_low": low, "ratio_high": high}


def test_recommendations_keep_findings_whose_interval_excludes_one(
        con: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    from kenali import performa

    findings = [
        _finding("reel", "follows", 2.7, 1.8, 4.0),
        _finding("reel", "reach", 1.5, 1.2, 1.9),             # same level, weaker: left out
        _finding("carousel", "saves", 1.6, 0.9, 2.5),         # interval holds 1: left out
        _finding("story", "reach", 0.5, 0.3, 0.96),
        _finding("image", "reach", None, None, None, "not_enough_data"),  # type: ignore[arg-type]
        _finding("3", "shares", 1.9, 1.1, 3.0, attribute="weekday"),
    ]
    activity = [{"platform": "instagram", "handle": ACCOUNT, "weekday": d, "hour": h,
                 "value": v, "n": 4, "source": "follower_activity", "rank": r}
                for r, (d, h, v) in enumerate([(2, 19, 1.0), (2, 20, 0.98), (4, 12, 0.9),
                                               (5, 20, 0.8), (6, 9, 0.7)], start=1)]
    monkeypatch.setattr(performa, "what_works", lambda con, sel: pa.Table.from_pylist(findings))
    monkeypatch.setattr(performa, "best_times", lambda con, sel: pa.Table.from_pylist(activity))
    report = build_report(con, "2026-03")  # type: ignore[arg-type]
    texts = [r.text for r in report.recommendations]
    assert texts == [
        "Di Instagram, reel mendatangkan 2,7× lebih banyak pengikut baru daripada format lain "
        "(95% CI 1,8–4,0; 20 dibanding 30 postingan).",
        "Di Instagram, postingan hari Rabu mendatangkan 1,9× lebih banyak bagikan daripada hari "
        "lain (95% CI 1,1–3,0; 20 dibanding 30 postingan).",
        "Di Instagram, story hanya mendatangkan 0,5× jangkauan dibanding format lain "
        "(95% CI 0,3–0,96; 20 dibanding 30 postingan).",
        "Waktu unggah terbaik untuk Instagram @humas.kominfotik: Selasa 19.00, Kamis 12.00, "
        "Jumat 20.00 (saat pengikut paling aktif)."]
    english = build_report(con, "2026-03", locale="en")  # type: ignore[arg-type]
    assert english.recommendations[0].text == (
        "On Instagram, reels bring 2.7× more new followers than other formats "
        "(95% CI 1.8–4.0; 20 against 30 posts).")
    html = render_html(report)
    assert "Selasa 19.00, Kamis 12.00" in html and "0,3–0,96" in html
