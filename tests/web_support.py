"""Helpers for web tests: a store with users of every role, and signing in."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

import kenali
from kenali.users import create_user
from kenali.web.app import create_app

PASSWORD = "rahasia-sekali-123"
ROLES = ("viewer", "analyst", "admin")


def make_store(path: Path, imports: list[tuple[str, str | None, str | None]] = ()) -> Path:  # type: ignore[assignment]
    """A store with one user per role (name = role) and the given fixture files imported."""
    ws = kenali.open(path)
    for role in ROLES:
        create_user(ws.con, role, PASSWORD, role, f"{role.title()} Fiktif")
    for file, account, platform in imports:
        ws.import_paths([file], account=account, platform=platform, progress=False)
    ws.close()
    return path


def client_for(path: Path) -> TestClient:
    """An in-process client over a fresh app on the store."""
    return TestClient(create_app(path), base_url="http://testserver", follow_redirects=False)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in; return the session's CSRF token read from a page."""
    form = client.get("/masuk")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    response = client.post("/masuk", data={"username": username, "password": password,
                                           "csrf_token": token, "next": "/"})
    assert response.status_code == 303, response.text[:500]
    page = client.get("/")
    return re.search(r'"X-CSRF-Token": "([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
