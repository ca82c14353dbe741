"""The dashboard in process: every route under every role, sessions, CSRF, headers, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import kenali
from kenali import inbox
from kenali.triage.store import triage_store

from .conftest import FIXTURES
from .web_support import PASSWORD, client_for, login, make_store

HOSTILE = FIXTURES / "web" / "hostile_comments.csv"
# (method, path, minimum role); every page route of the app is listed here.
PAGES = [
    ("GET", "/", "viewer"),
    ("GET", "/konten", "viewer"),
    ("GET", "/konten/apa-yang-berhasil", "viewer"),
    ("GET", "/konten/instagram/18041234567890123", "viewer"),
    ("GET", "/pengikut", "viewer"),
    ("GET", "/komentar", "viewer"),
    ("GET", "/komentar?antrian=laporkan", "viewer"),
    ("GET", "/komentar/klaster", "viewer"),
    ("GET", "/komentar/bukti.csv", "analyst"),
    ("GET", "/komentar/bukti.html", "analyst"),
    ("GET", "/komentar/tindak-lanjut.csv", "analyst"),
    ("GET", "/impor", "analyst"),
    ("GET", "/laporan", "viewer"),
    ("GET", "/laporan/unduh?periode=2026-03&format=html", "viewer"),
    ("GET", "/pengaturan", "admin"),
]
ROLE_ORDER = ("viewer", "analyst", "admin")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    path = make_store(folder / "k.duckdb", [
        (str(FIXTURES / "importers" / "meta_instagram_posts" / "ig_content_lifetime.csv"), None, None),
        (str(FIXTURES / "importers" / "meta_instagram_series" / "Reach.csv"), "humas.kominfotik", "instagram"),
        (str(FIXTURES / "importers" / "comments_csv" / "ig_comment_export.csv"), "humas.kominfotik", "instagram"),
        (str(HOSTILE), "humas.kominfotik", "instagram"),
    ])
    ws = kenali.open(path)
    triage_store(ws.con)
    ws.close()
    return path


@pytest.fixture
def client(store: Path) -> TestClient:
    return client_for(store)


def test_every_route_requires_a_session(client: TestClient) -> None:
    for method, path, _ in PAGES:
        response = client.request(method, path)
        assert response.status_code == 303 and response.headers["location"].startswith("/masuk"), path
    assert client.get("/masuk").status_code == 200
    assert client.get("/", headers={"HX-Request": "true"}).status_code == 401


def test_listed_pages_cover_every_get_route(client: TestClient) -> None:
    listed = {path for method, path, _ in PAGES if method == "GET"}
    routes = {r.path for r in client.app.routes if "GET" in getattr(r, "methods", set())  # type: ignore[attr-defined]
              and "{" not in r.path and not r.path.startswith(("/static", "/masuk", "/bahasa"))}
    assert routes <= {p.split("?")[0] for p in listed}, routes - listed


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_each_role_sees_what_it_may(store: Path, role: str) -> None:
    client = client_for(store)
    login(client, role)
    for method, path, minimum in PAGES:
        response = client.request(method, path)
        allowed = ROLE_ORDER.index(role) >= ROLE_ORDER.index(minimum)
        assert response.status_code == (200 if allowed else 403), (role, path, response.status_code)


def test_wrong_password_and_rate_limit(client: TestClient) -> None:
    for _ in range(5):
        form = client.get("/masuk")
        token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = client.post("/masuk", data={"username": "admin", "password": "salah",
                                               "csrf_token": token})
        assert response.status_code == 401
    form = client.get("/masuk")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    blocked = client.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert blocked.status_code == 429


def test_login_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/masuk")
    response = client.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf_token": "x"})
    assert response.status_code == 403


def test_session_cookie_flags_and_headers(client: TestClient) -> None:
    form = client.get("/masuk")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/masuk", data={"username": "viewer", "password": PASSWORD, "csrf_token": token})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text and " onclick=" not in page.text


def test_forms_without_csrf_are_refused(store: Path) -> None:
    client = client_for(store)
    csrf = login(client, "admin")
    data = {"username": "baru_satu", "password": "kata-sandi-baru-1", "role": "viewer"}
    assert client.post("/pengaturan/pengguna", data=data).status_code == 403
    assert client.post("/pengaturan/pengguna", data={**data, "csrf_token": "palsu"}).status_code == 403
    cross = client.post("/pengaturan/pengguna", data={**data, "csrf_token": csrf},
                        headers={"Origin": "http://evil.invalid"})
    assert cross.status_code == 403
    ok = client.post("/pengaturan/pengguna", data={**data, "csrf_token": csrf})
    assert ok.status_code == 200 and "baru_satu" in ok.text


def test_viewer_cannot_import_or_manage_users(store: Path) -> None:
    client = client_for(store)
    csrf = login(client, "viewer")
    files = {"files": ("a.csv", b"username,text\nx,halo\n", "text/csv")}
    assert client.post("/impor", data={"csrf_token": csrf}, files=files).status_code == 403
    assert client.post("/pengaturan/pengguna", data={"csrf_token": csrf, "username": "z",
                                                     "password": "x" * 12, "role": "admin"}).status_code == 403


def test_upload_imports_and_reports(store: Path, tmp_path: Path) -> None:
    client = client_for(store)
    csrf = login(client, "analyst")
    data = (FIXTURES / "comments" / "semarang_style.csv").read_bytes()
    response = client.post("/impor", data={"csrf_token": csrf, "platform": "instagram"},
                           files={"files": ("../../etc/passwd.csv", data, "text/csv")})
    assert response.status_code == 200
    assert "comments_csv" in response.text and "passwd.csv" in response.text
    # The new comments went straight into the inbox.
    assert 'id="import-triaged"' in response.text
    ws = kenali.open(store)  # the app's own connection shares the database in this process
    untriaged = ws.con.execute("SELECT count(*) FROM comments c ANTI JOIN triage_current t "
                               "USING (platform, platform_comment_id)").fetchall()[0][0]
    ws.close()
    assert untriaged == 0
    again = client.post("/impor", data={"csrf_token": csrf, "platform": "instagram"},
                        files={"files": ("semarang.csv", data, "text/csv")})
    assert "sudah pernah diimpor" in again.text


def test_logout_ends_the_session(store: Path) -> None:
    client = client_for(store)
    csrf = login(client, "viewer")
    assert client.post("/keluar", data={"csrf_token": csrf}).status_code == 303
    assert client.get("/").status_code == 303


def test_english_switch(store: Path) -> None:
    client = client_for(store)
    login(client, "viewer")
    assert "Ringkasan" in client.get("/").text
    client.get("/bahasa/en?next=/")
    assert "Overview" in client.get("/").text


def test_hostile_comments_render_as_inert_text(store: Path) -> None:
    client = client_for(store)
    login(client, "viewer")
    # Every queue: where the model puts each payload does not matter, how it is shown does.
    pages = "".join(client.get(f"/komentar?antrian={q}").text
                    for q in inbox.QUEUES + inbox.OTHER_QUEUES)
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in pages
    assert "<script>alert" not in pages and "<img src=x" not in pages and "<svg onload" not in pages
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages
    assert 'href="javascript:' not in pages


def test_viewer_is_refused_a_triage_action(store: Path) -> None:
    client = client_for(store)
    csrf = login(client, "viewer")
    response = client.post("/komentar/aksi", data={"csrf_token": csrf, "ids": "instagram:900001",
                                                   "what": "done"})
    assert response.status_code == 403


def _count(html: str, queue: str) -> int:
    import re

    match = re.search(rf'data-queue="{queue}">[^<]*<b class="count">(\d+)</b>', html)
    assert match, queue
    return int(match.group(1))


def test_correcting_a_label_moves_the_comment(store: Path) -> None:
    client = client_for(store)
    csrf = login(client, "analyst")
    page = client.get("/komentar?antrian=balas_cepat").text
    before_amati = _count(page, "amati")
    before_fast = _count(page, "balas_cepat")
    key = page.split('data-comment="')[1].split('"')[0]
    response = client.post("/komentar/aksi", data={"csrf_token": csrf, "ids": key, "what": "correct",
                                                   "intent": "kritik", "urgent": "0",
                                                   "back": "/komentar?antrian=balas_cepat"})
    assert response.status_code == 303
    after = client.get("/komentar?antrian=amati").text
    assert _count(after, "amati") == before_amati + 1 and _count(after, "balas_cepat") == before_fast - 1
    refused = client.post("/komentar/aksi", data={"csrf_token": csrf, "ids": key, "what": "correct",
                                                  "intent": "kritik", "action": "laporkan"})
    assert refused.status_code == 400
    with client.app.state.store.reader() as db:  # type: ignore[attr-defined]
        actions = [r[0] for r in db.execute("SELECT action FROM audit_log").fetchall()]
    assert "triage.correct" in actions


def test_evidence_download_is_formula_safe(store: Path) -> None:
    client = client_for(store)
    login(client, "analyst")
    response = client.get("/komentar/tindak-lanjut.csv")
    assert response.headers["content-disposition"].startswith("attachment")
    for line in response.text.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "@")), line


def test_report_downloads(store: Path) -> None:
    client = client_for(store)
    login(client, "viewer")
    page = client.get("/laporan").text
    assert 'value="2026-03"' in page
    html = client.get("/laporan/unduh?periode=2026-03&format=html")
    assert html.status_code == 200 and html.headers["content-disposition"].startswith("attachment")
    assert "humas.kominfotik" in html.text and "<script" not in html.text.lower()
    xlsx = client.get("/laporan/unduh?periode=2026-03&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    bad = client.get("/laporan/unduh?periode=../../etc&format=html")
    assert bad.status_code == 400


def test_every_template_is_rendered(store: Path) -> None:
    from kenali.web.app import HERE

    client = client_for(store)
    env = client.app.state.templates.env  # type: ignore[attr-defined]
    rendered: set[str] = set()
    original = env.get_template

    def recording(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.add(str(name))
        return original(name, *args, **kwargs)

    env.get_template = recording
    client.get("/masuk")
    login(client, "admin")
    for _, path, _ in PAGES:
        assert client.get(path).status_code == 200, path
    client.get("/konten/instagram/tidak-ada")  # error_page.html
    viewer = client_for(store)
    viewer.app.state.templates.env.get_template = recording  # type: ignore[attr-defined]
    login(viewer, "viewer")
    viewer.get("/pengaturan")  # error.html (forbidden)
    files = {p.name for p in (HERE / "templates").glob("*.html")}
    assert files <= rendered | {"_chart.html"} and "_chart.html" in rendered, files - rendered
