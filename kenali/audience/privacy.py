"""Masking of follower-level personal data: every output that shows a follower goes through here."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

# Fields of a follower row that identify a person, and how each is masked.
PERSONAL_FIELDS = ("handle", "name", "bio", "platform_user_id")


def mask_handle(handle: str | None) -> str | None:
    """'budi_santoso' -> 'b…o#3f2a': first and last character plus a short stable tag.

    The tag lets a reader tell masked followers apart without being able to read the handle.
    """
    if not handle:
        return handle
    h = str(handle).lstrip("@")
    tag = hashlib.sha256(h.lower().encode()).hexdigest()[:4]
    shown = f"{h[0]}…{h[-1]}" if len(h) > 3 else "…"
    return f"{shown}#{tag}"


def mask_name(name: str | None) -> str | None:
    """'Budi Santoso' -> 'B. S.' (initials only)."""
    if not name:
        return name
    initials = [w[0].upper() + "." for w in str(name).split() if w and w[0].isalnum()]
    return " ".join(initials[:3]) or "…"


def mask_row(row: Mapping[str, Any], unmask: bool = False) -> dict[str, Any]:
    """A copy of a follower-level row with personal fields masked (bio withheld) unless unmask."""
    out = dict(row)
    if unmask:
        return out
    if "handle" in out:
        out["handle"] = mask_handle(out["handle"])
    if "name" in out:
        out["name"] = mask_name(out["name"])
    if "bio" in out and out["bio"]:
        out["bio"] = None
    if "platform_user_id" in out and out["platform_user_id"]:
        out["platform_user_id"] = None
    if isinstance(out.get("features"), Mapping):
        out["features"] = mask_row(out["features"])
    return out
