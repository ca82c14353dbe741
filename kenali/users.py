"""Local users: argon2id password hashes and the three roles (library level, used by CLI and web)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import KenaliError

ROLES = ("viewer", "analyst", "admin")  # each role may do everything the roles before it may
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class User:
    """A signed-in person."""

    user_id: int
    username: str
    display_name: str | None
    role: str
    locale: str

    def may(self, role: str) -> bool:
        """True when this user's role includes `role`."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    """An argon2id hash of a password."""
    return _hasher.hash(password)


def create_user(con: duckdb.DuckDBPyConnection, username: str, password: str, role: str,
                display_name: str | None = None, locale: str = "id") -> int:
    """Add a local user; raise KenaliError for a taken name, a bad role or a weak password."""
    username = username.strip().lower()
    if role not in ROLES:
        raise KenaliError("error.bad_role", role=role, known=", ".join(ROLES))
    if not username or len(username) > 64 or not username.replace(".", "").replace("_", "").isalnum():
        raise KenaliError("error.bad_username", username=username)
    if len(password) < 10:
        raise KenaliError("error.weak_password")
    if con.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchall():
        raise KenaliError("error.user_exists", username=username)
    return int(con.execute(
        "INSERT INTO users (username, display_name, password_hash, role, locale) "
        "VALUES (?, ?, ?, ?, ?) RETURNING user_id",
        [username, display_name, hash_password(password), role, locale]).fetchall()[0][0])


def generate_password() -> str:
    """A random password a person can type (for the demo user and resets)."""
    return secrets.token_urlsafe(12)


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str) -> User | None:
    """The user when name and password match an enabled account, else None (same time either way)."""
    row = con.execute("SELECT user_id, username, display_name, role, locale, password_hash, disabled "
                      "FROM users WHERE username = ?", [username.strip().lower()]).fetchall()
    stored = row[0][5] if row else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if not row or row[0][6]:
        return None
    user_id, name, display, role, locale = row[0][:5]
    return User(int(user_id), name, display, role, locale)


def get_user(con: duckdb.DuckDBPyConnection, user_id: int) -> User | None:
    """A user by id, None when missing or disabled."""
    row = con.execute("SELECT user_id, username, display_name, role, locale FROM users "
                      "WHERE user_id = ? AND NOT disabled", [user_id]).fetchall()
    return User(int(row[0][0]), row[0][1], row[0][2], row[0][3], row[0][4]) if row else None


def list_users(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """Every user, without hashes."""
    rows = con.execute("SELECT user_id, username, display_name, role, locale, disabled, created_at "
                       "FROM users ORDER BY username").fetchall()
    keys = ("user_id", "username", "display_name", "role", "locale", "disabled", "created_at")
    return [dict(zip(keys, r, strict=True)) for r in rows]


_DUMMY_HASH = _hasher.hash("timing-equaliser-not-a-password")
