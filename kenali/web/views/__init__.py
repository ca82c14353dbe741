"""Page routers; each module has `router` and, for pages in the menu, MENU = (slug, label key, role)."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

VIEW_MODULES = ("auth", "overview", "content", "audience", "comments", "imports", "reports", "settings")


def register_all(app: FastAPI) -> None:
    """Include every view module's router and collect the menu."""
    menu = []
    for name in VIEW_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        app.include_router(module.router)
        if hasattr(module, "MENU"):
            menu.append(module.MENU)
    app.state.templates.env.globals["menu"] = menu
