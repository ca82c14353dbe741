"""Expand the paths a user gives (files, folders, zips) into the files to import."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .errors import KenaliError

MAX_FILE_BYTES = 2 * 1024**3  # a single export above 2 GiB is not something a platform gives
IGNORED_NAMES = (".ds_store", "thumbs.db", "desktop.ini")


@dataclass
class Source:
    """One file to import: where it came from, its bytes and when it was written."""

    path: str
    member: str | None
    data: bytes
    modified: datetime

    @property
    def display(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path

    @property
    def name(self) -> str:
        return Path(self.member or self.path).name


def check_paths(paths: list[str]) -> list[Path]:
    """Every path must exist and be readable before anything is read or written."""
    checked = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise KenaliError("error.path_missing", path=raw)
        if path.is_file():
            try:
                with path.open("rb"):
                    pass
            except OSError as exc:
                raise KenaliError("error.path_unreadable", path=raw, reason=exc.strerror) from exc
        checked.append(path)
    return checked


def iter_sources(paths: list[Path]) -> Iterator[Source]:
    """Yield every file under the given paths, opening zips (nested ones too)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.lower() in IGNORED_NAMES or child.name.startswith("."):
                    continue
                yield from _file_sources(child)
        else:
            yield from _file_sources(path)


def _file_sources(path: Path) -> Iterator[Source]:
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise KenaliError("error.file_too_big", path=str(path))
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" and not path.name.lower().endswith((".xlsx", ".xlsm")):
        yield from _zip_sources(str(path), data, modified, prefix="")
    else:
        yield Source(str(path), None, data, modified)


def _zip_sources(path: str, data: bytes, modified: datetime, prefix: str) -> Iterator[Source]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield Source(path, prefix.rstrip("/") or None, data, modified)
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or base.startswith((".", "__MACOSX")) or "__MACOSX" in info.filename:
                continue
            if info.file_size > MAX_FILE_BYTES:
                continue
            member = prefix + info.filename
            stamp = datetime(*info.date_time, tzinfo=UTC)
            if stamp.year < 2000 or stamp > modified + timedelta(days=2):
                # Generated zips often carry the 1980 DOS epoch (or garbage): the zip's own date
                # is the better guess of when the export was made (and of yearless dates' year).
                stamp = modified
            content = archive.read(info)
            if content[:4] == b"PK\x03\x04" and not base.lower().endswith((".xlsx", ".xlsm")):
                yield from _zip_sources(path, content, stamp, prefix=member + "!")
            else:
                yield Source(path, member, content, stamp)
