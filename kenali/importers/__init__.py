"""The importer registry: built-in formats are registered exactly as a plugin's would be."""

from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import entry_points

from .base import Context, CsvFormat, Detection, Format, Record, Skip
from .readers import Document

# Built-in format modules; each defines FORMATS, a list of Format instances.
BUILTIN_MODULES: tuple[str, ...] = (
    "kenali.importers.comments_generic",
    "kenali.importers.meta_business_suite",
    "kenali.importers.instagram_graph",
    "kenali.importers.facebook_graph",
    "kenali.importers.instagram_dyi",
    "kenali.importers.tiktok_studio",
    "kenali.importers.x_analytics",
    "kenali.importers.x_api",
    "kenali.importers.youtube_studio",
    "kenali.importers.youtube_api",
    "kenali.importers.instaloader",
    "kenali.importers.scraper_json",
    "kenali.importers.followers",
)
ENTRY_POINT_GROUP = "kenali.importers"

_registry: dict[str, Format] = {}
_loaded = False


def register(fmt: Format) -> None:
    """Add a format to the registry (a plugin calls this through its module's FORMATS list)."""
    if fmt.key in _registry and _registry[fmt.key] is not fmt:
        raise ValueError(f"format key {fmt.key!r} registered twice")
    _registry[fmt.key] = fmt


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    modules = list(BUILTIN_MODULES)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        modules.append(ep.value)
    for name in modules:
        if name in BUILTIN_MODULES and importlib.util.find_spec(name) is None:
            continue  # a built-in format module not written yet
        module = importlib.import_module(name)
        for fmt in getattr(module, "FORMATS", []):
            register(fmt)


def formats() -> dict[str, Format]:
    """Every registered format by key."""
    _load()
    return dict(_registry)


def detect(doc: Document) -> tuple[Format | None, list[tuple[Format, Detection]]]:
    """The format that fits the document best, and every format ranked by fit."""
    ranked = sorted(((f, f.detect(doc)) for f in formats().values()),
                    key=lambda pair: (pair[1].score, len(getattr(pair[0], "required", ()))),
                    reverse=True)
    best = ranked[0][0] if ranked and ranked[0][1].score >= 1.0 else None
    return best, ranked


__all__ = ["Context", "CsvFormat", "Detection", "Format", "Record", "Skip", "Document",
           "register", "formats", "detect"]
