"""Ringkasan: relevant followers, open queues per account, and each platform in its own terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kenali
from kenali import inbox
from kenali.audience import chosen_profile
from kenali.audience import store as audience_store
from kenali.audience.report import relevance
from kenali.triage.store import triage_store

from .conftest import FIXTURES
from .web_support import client_for, login, make_store

ACCOUNT = "humas.kominfotik"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    importers = FIXTURES / "importers"
    path = make_store(tmp_path_factory.mktemp("overview") / "k.duckdb", [
        (str(importers / "meta_instagram_posts" / "ig_content_lifetime.csv"), None, None),
        (str(importers / "meta_instagram_series" / "Reach.csv"), ACCOUNT, "instagram"),
        (str(importers / "meta_instagram_audience" / "Audience.csv"), ACCOUNT, "instagram"),
        (str(importers / "comments_csv" / "ig_comment_export.csv"), ACCOUNT, "instagram"),
        (str(FIXTURES / "web" / "browser_post_comments.csv"), ACCOUNT, "instagram"),
        (str(importers / "x_overview" / "account_overview_analytics.csv"), "dinaskominfodki", "x"),
    ])
    ws = kenali.open(path)
    triage_store(ws.con)
    ws.close()
    return path


def _card(html: str, handle: str) -> str:
    cards = re.split(r'<section class="card account"', html)
    found = [c for c in cards if f"</span> {handle}</h2>" in c]
    assert len(found) == 1, f"one card for {handle}"
    return found[0]


def test_cards_show_relevant_followers_and_open_queues(store: Path) -> None:
    ws = kenali.open(store)
    account = audience_store.accounts(ws.con, ACCOUNT)[0]
    expected = relevance(ws.con, account, chosen_profile(ws.con, account.account_id)[1])
    counts = inbox.queue_counts(ws.con, account.account_id)
    urgent = inbox.urgent_open(ws.con, account.account_id)
    ws.close()
    assert expected["relevant_followers"] is not None
    client = client_for(store)
    login(client, "viewer")
    card = _card(client.get("/").text, ACCOUNT)
    figure = re.search(r"Perkiraan pengikut relevan</span><b>([^<]+)</b>", card)
    assert figure is not None
    assert re.sub(r"\D", "", figure.group(1)) == str(round(expected["relevant_followers"]))
    for queue in inbox.QUEUES:
        if counts.get(queue):
            assert f"antrian={queue}&amp;akun={ACCOUNT}\">" in card
            assert f": {counts[queue]}</a>" in card
    for queue in inbox.OTHER_QUEUES:  # thanks and ignore are not work waiting
        assert f"antrian={queue}" not in card
    assert (f"Mendesak: {urgent}</a>" in card) == (urgent > 0)


def test_x_is_shown_with_views_and_net_follows_not_reach(store: Path) -> None:
    client = client_for(store)
    login(client, "viewer")
    card = _card(client.get("/").text, "dinaskominfodki")
    assert "Tayangan" in card and "Pengikut bersih" in card
    assert "Jangkauan" not in card
    instagram = _card(client.get("/").text, ACCOUNT)
    assert "Jangkauan" in instagram
