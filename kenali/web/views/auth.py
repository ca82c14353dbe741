"""Signing in and out, and the language switch."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...i18n import LOCALES, t
from ...users import User, authenticate
from .. import security
from ..app import Store, audit, check_csrf, locale_of, page_context

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after signing in (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    locale = locale_of(request)
    token = secrets.token_urlsafe(24)
    html = request.app.state.templates.get_template("login.html").render(
        request=request, locale=locale, csrf=token, error=error,
        next=_safe_next(request.query_params.get("next")))
    response = HTMLResponse(html, status_code=status)
    response.set_cookie(security.LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, path="/masuk")
    return response


@router.get("/masuk")
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/masuk")
async def login(request: Request) -> Response:
    form = await request.form()
    locale = locale_of(request)
    # Double-submit token: the form field must equal the cookie set with the form.
    if not security.same_token(str(form.get("csrf_token", "")),
                               request.cookies.get(security.LOGIN_CSRF_COOKIE)):
        return _login_page(request, t("web.csrf", locale), status=403)
    username = str(form.get("username", ""))[:64]
    password = str(form.get("password", ""))[:256]
    client = request.client.host if request.client else "?"
    limiter: security.LoginLimiter = request.app.state.limiter
    if limiter.blocked(client, username):
        return _login_page(request, t("web.login_limited", locale), status=429)
    store: Store = request.app.state.store

    def check() -> User | None:
        with store.reader() as db:
            return authenticate(db, username, password)

    # Password hashing takes a core for a good part of a second, and the writer may wait for an
    # import: off the event loop, so other people's pages keep being served meanwhile.
    user = await run_in_threadpool(check)
    if user is None:
        limiter.failed(client, username)
        return _login_page(request, t("web.login_failed", locale), status=401)
    limiter.succeeded(client, username)
    signed_in = user

    def open_session() -> str:
        with store.writer() as db:
            token = security.start_session(db, signed_in)
            audit(db, signed_in, "login", None)
            return token

    token = await run_in_threadpool(open_session)
    response = RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)
    response.set_cookie(security.SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=request.app.state.secure_cookies,
                        max_age=security.SESSION_HOURS * 3600)
    response.delete_cookie(security.LOGIN_CSRF_COOKIE, path="/masuk")
    return response


@router.post("/keluar")
async def logout(request: Request) -> Response:
    with page_context(request) as page:
        await check_csrf(request, page)
        user = page.user
    with request.app.state.store.writer() as db:
        security.end_session(db, request.cookies.get(security.SESSION_COOKIE))
        audit(db, user, "logout", None)
    response = RedirectResponse("/masuk", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE)
    return response


@router.get("/bahasa/{locale}")
def switch_language(request: Request, locale: str) -> Response:
    with page_context(request):
        pass
    response = RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    if locale in LOCALES:
        response.set_cookie("kenali_lang", locale, httponly=True, samesite="lax",
                            max_age=365 * 86400)
    return response
