"""Real browser tests: Debian's chromium driven by Playwright against `kenali serve` on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import kenali
from kenali.triage.store import triage_store

from .conftest import FIXTURES, ROOT
from .web_support import PASSWORD, ROLES, make_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "artifacts" / "screenshots"
ACCOUNT = "humas.kominfotik"
POST = "/konten/instagram/18041234567890123"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# (screenshot name, path, role that may see it); "laporan" is left out while the route is missing.
MAIN_PAGES = [
    ("ringkasan", "/", "viewer"),
    ("konten", "/konten", "viewer"),
    ("postingan", POST, "viewer"),
    ("pengikut", "/pengikut", "viewer"),
    ("komentar", "/komentar", "analyst"),
    ("klaster", "/komentar/klaster", "viewer"),
    ("impor", "/impor", "analyst"),
    ("laporan", "/laporan", "viewer"),
    ("pengaturan", "/pengaturan", "admin"),
]
# What the hostile fixture comments must show, character for character, as text.
PAYLOADS = ("<script>alert('xss')</script>", "<img src=x onerror=alert(1)>",
            "javascript:alert(document.cookie)", '"><svg onload=alert(1)>',
            "<iframe src=\"javascript:alert('frame')\"></iframe>")
# Installed before any page script: a payload that ran would call alert or trip the CSP listener.
TRAP = """
window.__xss = [];
window.alert = window.confirm = window.prompt = function (m) { window.__xss.push('alert:' + m); };
document.addEventListener('securitypolicyviolation', function (e) {
  window.__xss.push('csp:' + e.violatedDirective + ':' + e.blockedURI);
});
"""
# Elements that sit beyond the viewport's right edge and are not inside a scrolling wrapper.
OVERFLOWING = """() => {
  const limit = window.innerWidth + 1, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.scroll')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && r.right > limit) out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(r.right));
  }
  return out.slice(0, 10);
}"""
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                "(scripts/setup.sh --dev installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _build_store(path: Path) -> Path:
    """Fixture exports of one Instagram account, hostile comments, users of every role, triaged."""
    importers = FIXTURES / "importers"
    make_store(path, [
        (str(importers / "meta_instagram_posts" / "ig_content_lifetime.csv"), None, None),
        (str(importers / "meta_instagram_series" / "Reach.csv"), ACCOUNT, "instagram"),
        (str(importers / "meta_instagram_series" / "Follows.csv"), ACCOUNT, "instagram"),
        (str(importers / "meta_instagram_audience" / "Audience.csv"), ACCOUNT, "instagram"),
        (str(importers / "followers_csv" / "followers_export.csv"), ACCOUNT, "instagram"),
        (str(importers / "comments_csv" / "ig_comment_export.csv"), ACCOUNT, "instagram"),
        (str(FIXTURES / "web" / "hostile_comments.csv"), ACCOUNT, "instagram"),
        (str(FIXTURES / "web" / "browser_post_comments.csv"), ACCOUNT, "instagram"),
    ])
    ws = kenali.open(path)
    triage_store(ws.con)
    ws.close()
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = _build_store(tmp_path_factory.mktemp("browser") / "k.duckdb")
    port = _free_port()
    env = {**os.environ, "KENALI_LANG": "id"}
    process = subprocess.Popen([sys.executable, "-m", "kenali", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError as exc:
                if process.poll() is not None:
                    output = process.stdout.read().decode() if process.stdout else "server died"
                    raise RuntimeError(output) from exc
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def laporan(server: str) -> bool:
    """Whether the Laporan page exists: without a session it redirects to /masuk, else 404."""
    try:
        urllib.request.urlopen(server + "/laporan", timeout=10)  # noqa: S310 - 127.0.0.1 only
    except urllib.error.HTTPError as exc:
        return exc.code != 404
    return True


def _watch(page: Page) -> list[str]:
    """Collect script errors, console errors (CSP reports land there too) and failed requests."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}: {r.failure}"))
    return problems


def _sign_in(page: Page, server: str, user: str) -> None:
    """Sign in through the login form."""
    page.goto(server + "/")
    assert page.url.startswith(server + "/masuk")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")


@pytest.fixture(scope="module")
def sessions(browser: Browser, server: str) -> dict[str, Any]:
    """One signed-in storage state per role, so each test opens pages without logging in again."""
    states = {}
    for role in ROLES:
        context = browser.new_context(viewport=DESKTOP)
        _sign_in(context.new_page(), server, role)
        states[role] = context.storage_state()
        context.close()
    return states


class Tab:
    """A page in its own context, signed in as a role, with its problems collected."""

    def __init__(self, browser: Browser, server: str, state: Any, viewport: dict[str, int] = DESKTOP,
                 trap: bool = False) -> None:
        self.server = server
        self.context = browser.new_context(viewport=viewport, locale="id-ID", storage_state=state)
        if trap:
            self.context.add_init_script(TRAP)
        self.page = self.context.new_page()
        self.problems = _watch(self.page)

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()

    def open(self, path: str) -> Page:
        """Go to a path and wait until lazy (htmx) parts and charts are done."""
        response = self.page.goto(self.server + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        self.page.wait_for_function(
            "() => !document.querySelector('[hx-trigger~=load] progress, .htmx-request')"
            " && [...document.querySelectorAll('canvas[data-chart]')].every(c => c.dataset.drawn === '1')")
        return self.page

    def counts(self) -> dict[str, int]:
        """The queue tabs' counts on a Komentar page."""
        found = self.page.eval_on_selector_all(
            "a[data-queue]", "els => els.map(a => [a.dataset.queue, a.querySelector('b.count').textContent])")
        return {queue: int(n) for queue, n in found}


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _pages(role: str, laporan: bool) -> list[tuple[str, str]]:
    order = ROLES.index(role)
    return [(name, path) for name, path, minimum in MAIN_PAGES
            if ROLES.index(minimum) <= order and (laporan or name != "laporan")]


def test_login_and_overview_chart_is_drawn(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    problems = _watch(page)
    icons: list[int] = []
    page.on("response", lambda r: icons.append(r.status) if r.url.endswith("/static/favicon.svg") else None)
    page.goto(server + "/konten")
    assert "/masuk?next=/konten" in page.url
    _shot(page, "masuk")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/konten")  # back where the user was going
    page.wait_for_function("() => !document.querySelector('#what-works progress')")  # lazy part done
    page.click("nav.menu a[href='/']")
    page.wait_for_function("() => [...document.querySelectorAll('canvas[data-chart]')].length > 0 && "
                           "[...document.querySelectorAll('canvas[data-chart]')].every(c => c.dataset.drawn === '1')")
    assert page.locator("h1").inner_text() == "Ringkasan"
    assert page.locator("section.account h2").all_inner_texts() == ["instagram humas.kominfotik"]
    # Chart.js really painted: the canvas has a drawing buffer and some non-blank pixels.
    painted = page.evaluate("""() => {
      const c = document.querySelector('canvas[data-chart]');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
      return [c.width, n];
    }""")
    assert painted[0] > 100 and painted[1] > 500, painted
    context.close()
    assert not problems, problems
    assert icons and set(icons) == {200}, icons  # the icon the pages name is served


def test_open_a_post_from_the_content_table(browser: Browser, server: str, sessions: dict[str, Any]) -> None:
    with Tab(browser, server, sessions["viewer"]) as tab:
        page = tab.open("/konten")
        assert page.locator("#posts tbody tr").count() == 5
        page.locator(f"#posts a[href='{POST}']").click()
        page.wait_for_url(server + POST)
        assert page.locator("h1").inner_text().startswith("instagram · @humas.kominfotik")
        assert "Car Free Day" in page.locator("p.comment-text").first.inner_text()
        reach = page.locator(".kpi", has_text="Jangkauan").locator("b").inner_text()
        assert reach.replace("\u202f", "") == "8311"
        # Times as the export and the team read them (Jakarta), not the store's UTC.
        assert "2026-03-09 07:30 WIB" in page.locator("main section.card p.muted").first.inner_text()
        row = page.locator("tr", has=page.locator("td.comment-text", has_text="CFD minggu depan"))
        assert row.is_visible() and "2026-09-03 09:10" in row.inner_text()
        assert not tab.problems, tab.problems


def test_correcting_a_label_moves_the_comment_between_queues(
        browser: Browser, server: str, sessions: dict[str, Any]) -> None:
    with Tab(browser, server, sessions["analyst"]) as tab:
        page = tab.open("/komentar?antrian=balas_cepat")
        before = tab.counts()
        row = page.locator("tr[data-comment]").first
        key = row.get_attribute("data-comment")
        form = row.locator("form.row-correct")
        form.locator("select[name=intent]").select_option("kritik")
        form.locator("select[name=urgent]").select_option("0")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.url.startswith(server + "/komentar?antrian=balas_cepat")
        after = tab.counts()
        assert after["balas_cepat"] == before["balas_cepat"] - 1, (before, after)
        assert after["amati"] == before["amati"] + 1, (before, after)
        assert page.locator(f"tr[data-comment='{key}']").count() == 0
        tab.open("/komentar?antrian=amati")
        moved = page.locator(f"tr[data-comment='{key}']")
        assert moved.locator(".badge.intent").inner_text() == "kritik"
        assert "dikoreksi oleh analyst" in moved.inner_text()
        assert not tab.problems, tab.problems


def test_download_the_pdf_report(browser: Browser, server: str, sessions: dict[str, Any],
                                 laporan: bool) -> None:
    if not laporan:
        pytest.skip("/laporan returns 404: the Laporan page is not registered yet")
    with Tab(browser, server, sessions["viewer"]) as tab:
        page = tab.open("/laporan")
        with page.expect_download(timeout=90_000) as info:
            page.click("#report-form button[value=pdf]")
        download = info.value
        assert download.suggested_filename.endswith(".pdf")
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF-") and len(data) > 1000
        # Chromium reports a navigation that became a download as an aborted request.
        problems = [p for p in tab.problems if not ("/laporan/unduh" in p and "ERR_ABORTED" in p)]
        assert not problems, problems


def test_upload_an_export_file(browser: Browser, server: str, sessions: dict[str, Any]) -> None:
    with Tab(browser, server, sessions["analyst"]) as tab:
        page = tab.open("/impor")
        assert not page.locator("#import-progress").is_visible()  # only while an upload runs
        page.set_input_files("input[type=file]", str(FIXTURES / "importers" / "comments_csv" / "semarang_style.csv"))
        page.select_option("select[name=platform]", "instagram")
        page.fill("input[name=account]", ACCOUNT)
        page.click("form[action='/impor'] button[type=submit]")
        result = page.locator("#import-result")
        result.wait_for()
        assert "comments_csv" in result.inner_text() and "semarang_style.csv" in result.inner_text()
        assert result.locator(".badge.good").count() == 1
        recent = page.locator("section.card").last.locator("tbody tr").first  # "Impor terakhir"
        assert recent.locator("td").nth(1).inner_text() == "semarang_style.csv"
        _shot(page, "impor-hasil")
        assert not tab.problems, tab.problems


def test_uploaded_files_keep_their_names(browser: Browser, server: str, sessions: dict[str, Any]) -> None:
    """Instaloader names the post in the comment file's name; the upload must not change it."""
    folder = FIXTURES / "importers"
    with Tab(browser, server, sessions["analyst"]) as tab:
        page = tab.open("/impor")
        page.set_input_files("input[type=file]", [
            str(folder / "instaloader_post" / "2024-03-06_07-00-00_UTC.json"),
            str(folder / "instaloader_comments" / "2024-03-06_07-00-00_UTC_C4xYz12AbCd_comments.json")])
        page.fill("input[name=account]", ACCOUNT)
        page.select_option("select[name=platform]", "instagram")
        page.click("form[action='/impor'] button[type=submit]")
        page.locator("#import-result").wait_for()
        assert page.locator("#import-result .badge.good").count() == 2
        page = tab.open("/konten/instagram/C4xYz12AbCd")
        assert page.locator("td.comment-text", has_text="Lokasi posko pengungsian").count() == 1
        assert not tab.problems, tab.problems


def test_viewer_is_refused_a_triage_action(browser: Browser, server: str, sessions: dict[str, Any]) -> None:
    with Tab(browser, server, sessions["viewer"]) as tab:
        page = tab.open("/komentar?antrian=balas_cepat")
        assert page.locator("form[action='/komentar/aksi']").count() == 0  # no buttons to press
        before = tab.counts()
        key = page.locator("tr[data-comment]").first.get_attribute("data-comment")
        # The request a crafted form would send, with the viewer's own valid CSRF token.
        status: list[Any] = page.evaluate("""async (key) => {
          const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token'];
          const body = new URLSearchParams({csrf_token: token, ids: key, what: 'done'});
          const r = await fetch('/komentar/aksi', {method: 'POST', body: body});
          return [r.status, await r.text()];
        }""", key)
        assert status[0] == 403 and "Tidak diizinkan" in status[1]
        # The refused request is the only problem (Chromium logs the 403 on the console too).
        assert tab.problems and all("/komentar/aksi" in p or "403" in p for p in tab.problems), tab.problems
        tab.problems.clear()
        tab.open("/komentar?antrian=balas_cepat")
        assert tab.counts() == before
        assert page.locator(f"tr[data-comment='{key}']").count() == 1
        assert not tab.problems, tab.problems


def test_hostile_comments_render_as_inert_text(browser: Browser, server: str, sessions: dict[str, Any]) -> None:
    with Tab(browser, server, sessions["analyst"], trap=True) as tab:
        page = tab.open("/komentar")
        texts: list[str] = []
        rows: list[str] = []
        for queue in list(tab.counts()):
            tab.open(f"/komentar?antrian={queue}")
            texts += page.eval_on_selector_all(".comment-text", "els => els.map(e => e.innerText)")
            rows.append(page.locator("#inbox tbody").inner_text())
            # No element of any kind was made from comment text or author names.
            assert page.eval_on_selector_all(".comment-text *", "els => els.length") == 0, queue
            assert page.eval_on_selector_all("#inbox script, #inbox img, #inbox svg, #inbox iframe, #inbox tbody b:not(.count)",
                                             "els => els.length") == 0, queue
            assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0
            assert page.evaluate("window.__xss") == [], queue
        # Which queue a payload lands in is the model's call; at least the complaint is in the inbox.
        assert any(PAYLOADS[0] in text for text in texts), texts
        assert "@<b>bold</b>" in "".join(rows)  # author names are text too
        page = tab.open("/komentar/klaster")  # cluster members are quoted on this page
        member = page.locator("li.comment-text", has_text="<script>alert('klaster')</script>")
        assert member.count() == 1 and member.is_visible()
        assert page.eval_on_selector_all("main script, main img, main svg, main iframe", "els => els.length") == 0
        page = tab.open(POST)  # the post page lists every comment of the post, whatever its queue
        for payload in PAYLOADS:
            cell = page.locator("td.comment-text", has_text=payload)
            assert cell.count() == 1 and cell.is_visible(), payload
            assert cell.inner_text().startswith(payload)
        assert page.eval_on_selector_all(".comment-text *", "els => els.length") == 0
        assert page.eval_on_selector_all("main iframe, main img, main script, main svg, main td b",
                                         "els => els.length") == 0
        assert page.locator("td.small", has_text="@<img src=x onerror=alert('handle')>").count() == 1
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0
        assert page.evaluate("window.__xss") == []
        assert not tab.problems, tab.problems


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_main_pages_load_cleanly_and_fit(browser: Browser, server: str, sessions: dict[str, Any],
                                         laporan: bool, viewport: str) -> None:
    """Each page: no console errors, CSP violations or failed requests; no sideways scrolling on a phone."""
    size = PHONE if viewport == "phone" else DESKTOP
    suffix = "-ponsel" if viewport == "phone" else ""
    with Tab(browser, server, sessions["admin"], viewport=size, trap=True) as tab:
        for name, path in _pages("admin", laporan):
            page = tab.open(path)
            assert page.evaluate("window.__xss") == [], path
            wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert wide[0] <= wide[1] + 1, (path, wide, page.evaluate(OVERFLOWING))
            if name == "komentar":  # the triage controls are reachable without sideways scrolling
                right = page.eval_on_selector_all(
                    "#inbox button, #inbox select", "els => Math.max(...els.map(e => e.getBoundingClientRect().right))")
                assert right <= size["width"], right
            _shot(page, name + suffix)
        assert not tab.problems, tab.problems
    with Tab(browser, server, None, viewport=size) as tab:  # the login page, signed out
        tab.open("/masuk")
        wide = tab.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1] + 1, wide
        _shot(tab.page, "masuk" + suffix)
        assert not tab.problems, tab.problems
