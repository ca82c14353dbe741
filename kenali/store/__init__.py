"""The embedded DuckDB store: connection, migrations and the single write path."""

from .database import connect, default_db_path
from .migrations import MIGRATIONS, apply_migrations

__all__ = ["connect", "default_db_path", "MIGRATIONS", "apply_migrations"]
