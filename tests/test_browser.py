"""Real browser tests: Debian's chromium driven by Playwright against `kenali serve` on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from .conftest import FIXTURES, ROOT
from .web_support import PASSWORD, make_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "artifacts" / "screenshots"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                "(scripts/setup.sh --dev installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    db = make_store(folder / "k.duckdb", [
        (str(FIXTURES / "importers" / "meta_instagram_posts" / "ig_content_lifetime.csv"), "dinas.fiktif", "instagram"),
        (str(FIXTURES / "importers" / "meta_instagram_series" / "Reach.csv"), "dinas.fiktif", "instagram"),
        (str(FIXTURES / "importers" / "meta_instagram_series" / "Follows.csv"), "dinas.fiktif", "instagram"),
        (str(FIXTURES / "web" / "hostile_comments.csv"), "dinas.fiktif", "instagram"),
    ])
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
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


def _login(browser, server: str, user: str, viewport: dict | None = None):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    page.errors = errors
    return page


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_login_and_overview_chart_is_drawn(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _login(browser, server, "admin")
    canvas = page.locator("canvas[data-chart]").first
    canvas.wait_for()
    page.wait_for_function("document.querySelector('canvas[data-chart]').dataset.drawn === '1'")
    assert page.locator("h1").inner_text() == "Ringkasan"
    _shot(page, "ringkasan")
    phone = _login(browser, server, "viewer", viewport={"width": 390, "height": 844})
    _shot(phone, "ringkasan-ponsel")
    assert not page.errors, page.errors  # no CSP violations, no script errors


def test_upload_an_export_file(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _login(browser, server, "analyst")
    page.goto(server + "/impor")
    page.set_input_files("input[type=file]", str(FIXTURES / "importers" / "comments_csv" / "semarang_style.csv"))
    page.select_option("select[name=platform]", "instagram")
    page.click("form[action='/impor'] button[type=submit]")
    page.locator("#import-result").wait_for()
    assert "comments_csv" in page.locator("#import-result").inner_text()
    _shot(page, "impor")
    assert not page.errors, page.errors


def test_settings_page(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _login(browser, server, "admin")
    page.goto(server + "/pengaturan")
    assert page.locator("h1").inner_text() == "Pengaturan"
    _shot(page, "pengaturan")
