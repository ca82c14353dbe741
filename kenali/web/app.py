"""The ASGI application: store access, sessions, CSRF, roles, templates and the page routers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse
from zoneinfo import ZoneInfo

import duckdb
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from ..i18n import LOCALES, set_locale, t
from ..store import connect
from ..users import User
from . import security
from .cache import ResultCache

HERE = Path(__file__).resolve().parent
LOCAL_TZ = ZoneInfo("Asia/Jakarta")  # the store keeps UTC; pages show the team's wall-clock time
PAGES = ("ringkasan", "konten", "pengikut", "komentar", "impor", "laporan", "pengaturan")


class Store:
    """The server's one DuckDB connection: a cursor per request, one writer at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.con = connect(self.path)
        self.write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for reading; DuckDB cursors of one connection are safe across threads."""
        cursor = self.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside a transaction, holding the single-writer lock."""
        with self.write_lock:
            cursor = self.con.cursor()
            cursor.execute("BEGIN TRANSACTION")
            try:
                yield cursor
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            finally:
                cursor.close()


@dataclass
class Page:
    """What every view gets: the user, the CSRF token, the locale and a store cursor."""

    request: Request
    user: User
    csrf: str
    locale: str
    db: duckdb.DuckDBPyConnection
    store: Store
    extra: dict[str, Any] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """Translate in the page's locale."""
        return t(key, self.locale, **values)


class NotAllowed(Exception):
    """The signed-in user's role does not allow this action."""


class LoginRequired(Exception):
    """No live session."""


class CsrfFailed(Exception):
    """A state-changing request without the session's CSRF token."""


def locale_of(request: Request, user: User | None = None) -> str:
    """The request's locale: ?lang=, then the cookie, then the user's preference, else Indonesian."""
    wanted = request.query_params.get("lang") or request.cookies.get("kenali_lang") \
        or (user.locale if user else None)
    return wanted if wanted in LOCALES else "id"


class SecurityHeaders(BaseHTTPMiddleware):
    """Add the security headers to every response."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in security.SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "public, max-age=86400"
        else:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def create_app(db_path: str | Path, *, secure_cookies: bool = False) -> FastAPI:
    """Build the dashboard application over one store."""
    store = Store(db_path)
    app = FastAPI(title="kenali", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.state.limiter = security.LoginLimiter()
    app.state.cache = ResultCache()  # expensive library results per store version
    app.state.secure_cookies = secure_cookies
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(t=t, pages=PAGES)
    templates.env.filters["num"] = format_number
    templates.env.filters["pct"] = format_percent
    templates.env.filters["local"] = format_local
    app.state.templates = templates
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        target = "/masuk?next=" + quote(request.url.path)
        if request.headers.get("HX-Request"):
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(NotAllowed)
    async def _forbidden(request: Request, exc: NotAllowed) -> Response:
        locale = locale_of(request)
        return HTMLResponse(templates.get_template("error.html").render(
            t=t, locale=locale, title=t("web.forbidden_title", locale),
            message=t("web.forbidden", locale)), status_code=403)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed) -> Response:
        locale = locale_of(request)
        return HTMLResponse(templates.get_template("error.html").render(
            t=t, locale=locale, title=t("web.csrf_title", locale),
            message=t("web.csrf", locale)), status_code=403)

    from .views import register_all

    register_all(app)
    return app


def render(page: Page, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with the page context (autoescaped)."""
    templates: Jinja2Templates = page.request.app.state.templates
    html = templates.get_template(template).render(
        request=page.request, user=page.user, csrf=page.csrf, locale=page.locale, page=page,
        **context)
    return HTMLResponse(html, status_code=status_code)


@contextmanager
def page_context(request: Request, role: str = "viewer") -> Iterator[Page]:
    """The signed-in page context, or LoginRequired / NotAllowed."""
    store: Store = request.app.state.store
    with store.reader() as db:
        found = security.session_user(db, request.cookies.get(security.SESSION_COOKIE))
        if not found:
            raise LoginRequired()
        user, csrf = found
        if not user.may(role):
            raise NotAllowed()
        locale = locale_of(request, user)
        set_locale(locale)  # library text (e.g. audience sentences) follows the page's language
        yield Page(request, user, csrf, locale, db, store)


async def check_csrf(request: Request, page: Page) -> dict[str, Any]:
    """Verify a state-changing request: same origin and the session's CSRF token; return the form."""
    origin = request.headers.get("origin")
    if origin and urlparse(origin).netloc != request.url.netloc:
        raise CsrfFailed()
    if request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        raise CsrfFailed()
    form = dict(await request.form())
    token = request.headers.get("x-csrf-token") or form.get("csrf_token")
    if not security.same_token(str(token) if token else None, page.csrf):
        raise CsrfFailed()
    return form


def audit(db: duckdb.DuckDBPyConnection, user: User, action: str, target: str | None,
          detail: dict[str, Any] | None = None) -> None:
    """Record an action in the audit log."""
    import json

    db.execute("INSERT INTO audit_log (user_id, action, target, detail) VALUES (?, ?, ?, ?)",
               [user.user_id, action, target, json.dumps(detail or {}, ensure_ascii=False, default=str)])


def format_number(value: Any, digits: int = 0) -> str:
    """A number grouped with thin spaces, readable in both locales ('1 234 567'); '–' for NULL."""
    if value is None:
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{digits}f}"
    return text.replace(",", "\u202f")


def format_percent(value: Any, digits: int = 1) -> str:
    """A fraction as a percentage, '–' for NULL."""
    if value is None:
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def format_local(value: Any, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored instant in Jakarta time (as the exports and reports show it); '' for NULL."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(LOCAL_TZ)
    return str(value.strftime(fmt))

