"""The web's calls into the audience and triage libraries, kept in one place."""

from __future__ import annotations

from importlib import resources
from typing import Any

import duckdb

from ..errors import KenaliError

SHIPPED_PROFILES = tuple(sorted(p.name.removesuffix(".json")
                                for p in resources.files("kenali").joinpath("profiles").iterdir()
                                if p.name.endswith(".json")))


def target_profiles(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The shipped profiles, and each account's chosen one."""
    from ..audience.store import target_profile

    accounts = con.execute("SELECT account_id FROM accounts").fetchall()
    return {"shipped": SHIPPED_PROFILES,
            "chosen": {int(a[0]): target_profile(con, int(a[0])) for a in accounts}}


def set_target_profile(con: duckdb.DuckDBPyConnection, account_id: int, profile: str) -> None:
    """Choose a shipped profile for an account (files are set from the CLI by an admin)."""
    from ..audience.store import set_target_profile as store_profile

    if profile not in SHIPPED_PROFILES:
        raise KenaliError("error.bad_profile", profile=profile, known=", ".join(SHIPPED_PROFILES))
    if not con.execute("SELECT 1 FROM accounts WHERE account_id = ?", [account_id]).fetchall():
        raise KenaliError("error.bad_account", account=str(account_id))
    store_profile(con, account_id, profile)
