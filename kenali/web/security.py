"""Sessions, CSRF tokens, the login rate limit and the security headers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta

import duckdb

from ..users import User, get_user

SESSION_COOKIE = "kenali_session"
LOGIN_CSRF_COOKIE = "kenali_login_csrf"
SESSION_HOURS = 12
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(con: duckdb.DuckDBPyConnection, user: User) -> str:
    """Create a session; return the cookie value (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    con.execute("DELETE FROM sessions WHERE expires_at < ?", [now])
    con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                [_digest(token), user.user_id, secrets.token_urlsafe(32), now,
                 now + timedelta(hours=SESSION_HOURS)])
    return token


def session_user(con: duckdb.DuckDBPyConnection, token: str | None) -> tuple[User, str] | None:
    """The user and CSRF token of a live session cookie."""
    if not token:
        return None
    row = con.execute("SELECT user_id, csrf_token FROM sessions WHERE token_hash = ? AND expires_at > ?",
                      [_digest(token), datetime.now(UTC)]).fetchall()
    if not row:
        return None
    user = get_user(con, int(row[0][0]))
    return (user, row[0][1]) if user else None


def end_session(con: duckdb.DuckDBPyConnection, token: str | None) -> None:
    """Forget a session."""
    if token:
        con.execute("DELETE FROM sessions WHERE token_hash = ?", [_digest(token)])


def same_token(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (False when either is missing)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


class LoginLimiter:
    """At most `attempts` failed logins per client and per user name within `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 15 * 60) -> None:
        self.attempts, self.window = attempts, window
        self.failures: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        queue = self.failures[key]
        while queue and now - queue[0] > self.window:
            queue.popleft()
        return queue

    def blocked(self, client: str, username: str) -> bool:
        """True while either the client or the user name is over the limit."""
        now = time.monotonic()
        with self.lock:
            return any(len(self._recent(k, now)) >= self.attempts
                       for k in (f"ip:{client}", f"user:{username.lower()}"))

    def failed(self, client: str, username: str) -> None:
        """Count a failed attempt."""
        now = time.monotonic()
        with self.lock:
            for key in (f"ip:{client}", f"user:{username.lower()}"):
                self._recent(key, now).append(now)

    def succeeded(self, client: str, username: str) -> None:
        """Forget a user name's failures after a good login."""
        with self.lock:
            self.failures.pop(f"user:{username.lower()}", None)
