"""Results of expensive library calls kept per (what, arguments, store version) for the pages.

The server holds the store's only read-write connection, so every change goes through this
process; the version is still read from the store itself (a few cheap aggregates) so that no
write path has to remember to invalidate anything. One computation runs per key at a time:
users who ask for the same result meanwhile wait for it instead of computing it again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

if TYPE_CHECKING:
    from .app import Page

T = TypeVar("T")

# What the performance pages read changes only with an import.
DATA_VERSION = "SELECT count(*), max(import_id), max(finished_at) FROM imports"
# What the audience pages read also changes with a target profile chosen in the settings and a
# follower classification.
AUDIENCE_VERSION = """SELECT (SELECT count(*) FROM audience_targets), (SELECT max(set_at) FROM audience_targets),
    (SELECT count(*) FROM follower_quality), (SELECT max(classified_at) FROM follower_quality)"""
# The inbox's labels change with a triage run or a correction ...
LABELS_VERSION = """SELECT (SELECT count(*) FROM triage_decisions),
    (SELECT max(decided_at) FROM triage_decisions), (SELECT count(*) FROM triage_clusters),
    (SELECT max(correction_id) FROM triage_corrections)"""
# ... and its queues also with the work state (done, reopened, assigned).
WORK_VERSION = "SELECT count(*), max(updated_at) FROM triage_work"


def data_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes whenever an import adds or changes data."""
    return tuple(db.execute(DATA_VERSION).fetchall()[0])


def audience_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes with imports, target profiles and follower classifications."""
    return data_version(db) + tuple(db.execute(AUDIENCE_VERSION).fetchall()[0])


def labels_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes with imports, triage runs and corrections."""
    return data_version(db) + tuple(db.execute(LABELS_VERSION).fetchall()[0])


def inbox_version(db: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes with anything that moves a comment between queues or states."""
    return labels_version(db) + tuple(db.execute(WORK_VERSION).fetchall()[0])


class ResultCache:
    """A bounded LRU of computed results with one computation per key at a time.

    A key may name its family (the same result at another store version): storing it drops
    the family's earlier entry, which is never asked for again, so a stream of writes (each
    a new inbox version) cannot push the expensive, still valid results out of the cache.
    """

    def __init__(self, entries: int = 256) -> None:
        self.entries = entries
        self._values: OrderedDict[Hashable, tuple[Any, Hashable | None]] = OrderedDict()  # value, family
        self._latest: dict[Hashable, Hashable] = {}  # family -> its key now in the cache
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T], family: Hashable | None = None) -> T:
        """The cached value of key, computed (once, whoever asks meanwhile) when missing."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key][0]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._values:
                    return self._values[key][0]  # type: ignore[no-any-return]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._computing.pop(key, None)
                raise
            with self._lock:
                self._values[key] = (value, family)
                if family is not None:
                    superseded = self._latest.get(family)
                    if superseded is not None and superseded != key:
                        self._values.pop(superseded, None)
                    self._latest[family] = key
                while len(self._values) > self.entries:
                    dropped, (_, dropped_family) = self._values.popitem(last=False)
                    if dropped_family is not None and self._latest.get(dropped_family) == dropped:
                        del self._latest[dropped_family]
                self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        """Forget every result."""
        with self._lock:
            self._values.clear()
            self._latest.clear()


def cached(page: Page, what: str, version: Callable[[duckdb.DuckDBPyConnection], tuple[Any, ...]],
           args: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The app's cached result of `what` for these arguments at the store's current version."""
    cache: ResultCache = page.request.app.state.cache
    # A page asks for many results (the overview: several per account card); the store's
    # version is read once per request and kind.
    versions: dict[Any, tuple[Any, ...]] = page.extra.setdefault("versions", {})
    if version not in versions:
        versions[version] = version(page.db)
    return cache.get((what, args, versions[version]), compute, family=(what, args))
