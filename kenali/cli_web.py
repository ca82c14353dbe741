"""`kenali serve` (the dashboard) and `kenali pengguna` (local users)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import KenaliError
from .i18n import t

DEMO_USER = "demo"


def demo_db_path() -> Path:
    """The demo store's default place, beside the real store."""
    from .store import default_db_path

    return default_db_path().with_name("demo.duckdb")


def ensure_demo(db: Path, seed: int = 7) -> str | None:
    """Build the demo store if missing and create the demo admin; return its new password, once."""
    from .users import create_user, generate_password
    from .workspace import Workspace

    if not db.exists():
        from .demo import build_demo

        build_demo(db, seed=seed)
    with Workspace(db) as ws:
        from .triage.store import pending_count, triage_store

        # Comments the shipped model has not decided (a new demo, or a newer kenali's model).
        if pending_count(ws.con):
            print(t("serve.triaging"), flush=True)
            triage_store(ws.con)
        if ws.con.execute("SELECT 1 FROM users WHERE username = ?", [DEMO_USER]).fetchall():
            return None
        password = generate_password()
        create_user(ws.con, DEMO_USER, password, "admin", "Demo Humas")
        return password


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web.app import create_app

    if args.demo:
        db = Path(args.db).expanduser() if args.db else demo_db_path()
        password = ensure_demo(db)
        if password:
            print(t("serve.demo_password", user=DEMO_USER, password=password), flush=True)
        else:
            print(t("serve.demo_user_exists", user=DEMO_USER), flush=True)
    else:
        from .store import default_db_path

        db = Path(args.db).expanduser() if args.db else default_db_path()
        from .workspace import Workspace

        with Workspace(db) as ws:
            if not ws.con.execute("SELECT 1 FROM users LIMIT 1").fetchall():
                raise KenaliError("serve.no_users", db=str(db))
    print(t("serve.listening", url=f"http://{args.host}:{args.port}/"), flush=True)
    uvicorn.run(create_app(db, secure_cookies=args.secure_cookies), host=args.host, port=args.port,
                log_level="warning", access_log=False)
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    from .users import create_user, generate_password
    from .workspace import Workspace

    with Workspace(args.db) as ws:
        if args.action == "tambah":
            password = args.password or generate_password()
            create_user(ws.con, args.username, password, args.role or "viewer")
            print(t("user.created", user=args.username, role=args.role or "viewer"))
            if not args.password:
                print(t("user.password_once", password=password))
        elif args.action == "reset":
            from .users import hash_password

            password = generate_password()
            found = ws.con.execute("UPDATE users SET password_hash = ? WHERE username = ? RETURNING 1",
                                   [hash_password(password), args.username.lower()]).fetchall()
            if not found:
                raise KenaliError("user.missing", user=args.username)
            ws.con.execute("DELETE FROM sessions WHERE user_id IN "
                           "(SELECT user_id FROM users WHERE username = ?)", [args.username.lower()])
            print(t("user.password_once", password=password))
        else:
            from .users import list_users

            for u in list_users(ws.con):
                state = t("user.disabled") if u["disabled"] else ""
                print(f"{u['username']:<24} {u['role']:<8} {state}")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the serve and pengguna commands to the CLI."""
    p = add("serve", cmd_serve, "cli.serve")
    p.add_argument("--host", default="127.0.0.1", help=t("cli.host"))
    p.add_argument("--port", type=int, default=8000, help=t("cli.port"))
    p.add_argument("--demo", action="store_true", help=t("cli.serve_demo"))
    p.add_argument("--secure-cookies", action="store_true", help=t("cli.secure_cookies"))
    p = add("pengguna", cmd_user, "cli.user")
    p.add_argument("action", choices=["daftar", "tambah", "reset"], help=t("cli.user_action"))
    p.add_argument("username", nargs="?", default="")
    p.add_argument("--role", choices=["viewer", "analyst", "admin"])
    p.add_argument("--password", help=t("cli.user_password"))
