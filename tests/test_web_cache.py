"""The dashboard's result cache: one computation per key, and pages that follow every change."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

import kenali
from kenali.triage.store import triage_store
from kenali.web.cache import ResultCache
from kenali.web.views.overview import PAGE_SIZE

from .conftest import FIXTURES
from .test_web import _count
from .web_support import client_for, login, make_store

IG_POSTS = FIXTURES / "importers" / "meta_instagram_posts" / "ig_content_lifetime.csv"
COMMENTS = FIXTURES / "importers" / "comments_csv" / "ig_comment_export.csv"


def test_one_computation_per_key_while_others_wait() -> None:
    cache = ResultCache()
    calls: list[int] = []
    start = threading.Barrier(8)
    gate = threading.Event()

    def compute() -> str:
        calls.append(1)
        gate.wait(5)  # hold the computation while the other threads arrive
        return "value"

    found: list[str] = []

    def ask() -> None:
        start.wait()
        found.append(cache.get(("page", 1), compute))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for th in threads:
        th.start()
    threading.Timer(0.2, gate.set).start()
    for th in threads:
        th.join()
    assert found == ["value"] * 8 and len(calls) == 1


def test_oldest_results_are_dropped_and_failures_not_kept() -> None:
    cache = ResultCache(entries=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda key=key: key.upper())
    assert cache.get("a", lambda: "again") == "again"  # "a" was evicted, so it is recomputed
    assert cache.get("c", lambda: "stale?") == "C"

    def fail() -> str:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        cache.get("d", fail)
    assert cache.get("d", lambda: "ok") == "ok"


def test_a_newer_version_replaces_its_family_only() -> None:
    cache = ResultCache(entries=3)
    cache.get(("what_works", 1), lambda: "slow to compute", family="what_works")
    for version in range(10):  # every triage action makes a new inbox version
        cache.get(("queue", version), lambda version=version: version, family="queue")
    assert cache.get(("what_works", 1), lambda: "recomputed") == "slow to compute"
    assert cache.get(("queue", 9), lambda: -1) == 9
    assert cache.get(("queue", 8), lambda: -1) == -1  # the superseded version is gone
    for name in "abcd":  # plain LRU still bounds the rest, families included
        cache.get(name, lambda name=name: name)
    assert cache.get(("what_works", 1), lambda: "recomputed") == "recomputed"


@pytest.fixture
def inbox_store(tmp_path: Path) -> Path:
    path = make_store(tmp_path / "k.duckdb", [
        (str(IG_POSTS), None, None), (str(COMMENTS), "humas.kominfotik", "instagram")])
    with kenali.open(path) as ws:
        triage_store(ws.con)
    return path


def test_marking_done_and_reopening_show_at_once(inbox_store: Path) -> None:
    client = client_for(inbox_store)
    csrf = login(client, "analyst")
    page = client.get("/komentar?antrian=balas_cepat").text
    before = _count(page, "balas_cepat")
    key = page.split('data-comment="')[1].split('"')[0]
    for what, expected in (("done", before - 1), ("open", before)):
        response = client.post("/komentar/aksi", data={"csrf_token": csrf, "ids": key, "what": what,
                                                       "back": "/komentar"})
        assert response.status_code == 303
        page = client.get("/komentar?antrian=balas_cepat").text
        assert _count(page, "balas_cepat") == expected
        assert (f'data-comment="{key}"' in page) == (what == "open")
    done = client.get("/komentar?antrian=balas_cepat&status=done").text
    assert f'data-comment="{key}"' not in done


def test_an_import_shows_on_cached_pages(tmp_path: Path) -> None:
    path = make_store(tmp_path / "k.duckdb")
    client = client_for(path)
    csrf = login(client, "analyst")
    assert "data-account=" not in client.get("/").text
    assert client.get("/konten").status_code == 200
    response = client.post("/impor", data={"csrf_token": csrf},
                           files={"files": (IG_POSTS.name, IG_POSTS.read_bytes(), "text/csv")})
    assert response.status_code == 200
    assert "data-account=" in client.get("/").text
    assert "/konten/instagram/" in client.get("/konten?from=2000-01-01&to=2100-01-01").text


def test_overview_pages_through_many_accounts(tmp_path: Path) -> None:
    path = make_store(tmp_path / "k.duckdb")
    n = PAGE_SIZE + 6
    with kenali.open(path) as ws:
        ws.con.execute("INSERT INTO imports (import_id, file_name, sha256, format, started_at) "
                       "VALUES (1, 'synthetic', 'x', 'synthetic', now())")
        ws.con.execute(f"INSERT INTO accounts (account_id, platform, handle) "
                       f"SELECT i, 'instagram', 'akun' || i FROM range(1, {n + 1}) t(i)")
        ws.con.execute(f"INSERT INTO account_daily SELECT a, DATE '2025-06-01' + CAST(d AS INTEGER), "
                       f"'followers', 1000 + a * 10 + d, now(), 1 FROM range(1, {n + 1}) s(a), range(60) t(d)")
    client = client_for(path)
    login(client, "viewer")
    first, second = client.get("/").text, client.get("/?hal=2").text
    cards = re.compile(r'data-account="(\d+)"')
    shown = cards.findall(first) + cards.findall(second)
    assert len(cards.findall(first)) == PAGE_SIZE and len(shown) == n and len(set(shown)) == n
    assert 'href="/?hal=2"' in first and 'href="/?hal=1"' in second
    assert cards.findall(client.get("/?hal=99").text) == cards.findall(second)


def test_a_target_profile_chosen_in_the_settings_shows_on_the_cached_audience_page(tmp_path: Path) -> None:
    path = make_store(tmp_path / "k.duckdb", [(str(IG_POSTS), None, None)])
    with kenali.open(path) as ws:
        account_id = ws.con.execute("SELECT account_id FROM accounts WHERE handle = 'humas.kominfotik'"
                                    ).fetchall()[0][0]
    client = client_for(path)
    csrf = login(client, "admin")
    badge = re.compile(r'<span class="badge">[^<]*: ([^<]+)</span></h2>')
    url = "/pengikut?akun=humas.kominfotik"
    assert badge.findall(client.get(url).text) == ["dki-jakarta"]
    assert badge.findall(client.get(url).text) == ["dki-jakarta"]  # now from the cache
    response = client.post("/pengaturan/profil", data={"csrf_token": csrf, "account_id": str(account_id),
                                                       "profile": "indonesia"})
    assert response.status_code == 200
    assert badge.findall(client.get(url).text) == ["indonesia"]
