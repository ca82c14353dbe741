"""Pengaturan: accounts and their institutions, the target profile, and users (admin only)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import KenaliError
from ...users import ROLES, create_user, list_users
from ..app import audit, check_csrf, page_context, render

router = APIRouter()
MENU = ("pengaturan", "web.menu.pengaturan", "admin")


def _accounts(db) -> list[dict]:  # type: ignore[no-untyped-def]
    rows = db.execute("""
        SELECT a.account_id, a.platform, a.handle, a.display_name, i.name
        FROM accounts a LEFT JOIN institutions i USING (institution_id) ORDER BY 2, 3""").fetchall()
    keys = ("id", "platform", "handle", "display_name", "institution")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _page(page, message: str | None = None, error: str | None = None, status: int = 200) -> Response:  # type: ignore[no-untyped-def]
    from ..integrations import target_profiles

    return render(page, "settings.html", active="pengaturan", accounts=_accounts(page.db),
                  users=list_users(page.db), roles=ROLES, profiles=target_profiles(page.db),
                  message=message, error=error, status_code=status)


@router.get("/pengaturan")
def settings_page(request: Request) -> Response:
    with page_context(request, "admin") as page:
        return _page(page)


@router.post("/pengaturan/pengguna")
async def add_user(request: Request) -> Response:
    with page_context(request, "admin") as page:
        form = await check_csrf(request, page)
        user = page.user
        try:
            with page.store.writer() as db:
                create_user(db, str(form.get("username", "")), str(form.get("password", "")),
                            str(form.get("role", "viewer")), str(form.get("display_name", "")) or None)
                audit(db, user, "user.create", str(form.get("username", "")),
                      {"role": form.get("role")})
        except KenaliError as exc:
            return _page(page, error=str(exc), status=400)
        return _page(page, message=page.t("web.user_created"))


@router.post("/pengaturan/pengguna/{user_id}")
async def change_user(request: Request, user_id: int) -> Response:
    with page_context(request, "admin") as page:
        form = await check_csrf(request, page)
        role = str(form.get("role", ""))
        disabled = form.get("disabled") == "1"
        if user_id == page.user.user_id and (disabled or role != "admin"):
            return _page(page, error=page.t("web.cannot_demote_self"), status=400)
        if role not in ROLES:
            return _page(page, error=page.t("error.bad_role", role=role, known=", ".join(ROLES)),
                         status=400)
        with page.store.writer() as db:
            db.execute("UPDATE users SET role = ?, disabled = ? WHERE user_id = ?",
                       [role, disabled, user_id])
            if disabled:
                db.execute("DELETE FROM sessions WHERE user_id = ?", [user_id])
            audit(db, page.user, "user.change", str(user_id), {"role": role, "disabled": disabled})
    return RedirectResponse("/pengaturan", status_code=303)


@router.post("/pengaturan/profil")
async def set_profile(request: Request) -> Response:
    with page_context(request, "admin") as page:
        form = await check_csrf(request, page)
        from ..integrations import set_target_profile

        try:
            with page.store.writer() as db:
                set_target_profile(db, int(str(form.get("account_id", "0"))), str(form.get("profile", "")))
                audit(db, page.user, "account.profile", str(form.get("account_id")),
                      {"profile": form.get("profile")})
        except (KenaliError, ValueError) as exc:
            return _page(page, error=str(exc), status=400)
        return _page(page, message=page.t("web.saved"))
