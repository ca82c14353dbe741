"""Reading a follower list file for `kenali pengikut --followers FILE` (nothing is stored)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import KenaliError

COLUMNS = ("handle", "name", "bio", "followers", "following", "posts", "is_private",
           "is_verified", "has_picture")
# Store column names (followers table) -> the names the quality rules read.
_FROM_STORE = {"followers_count": "followers", "following_count": "following",
               "posts_count": "posts"}


def _via_importer(path: Path) -> list[dict[str, Any]] | None:
    """Rows through the followers importers (any format they detect); None if none applies."""
    try:
        from ..importers.base import AccountRef
        from ..ingest import Parsed, parse_source
        from ..sources import iter_sources
    except ImportError:  # importer layer absent: the plain CSV reader below still works
        return None
    rows: list[dict[str, Any]] = []
    for source in iter_sources([path]):
        parsed = parse_source(source, AccountRef("instagram", "follower-file"), "Asia/Jakarta")
        if not isinstance(parsed, Parsed):
            return None
        for record in parsed.records:
            if record.table == "followers":
                values = {_FROM_STORE.get(k, k): v for k, v in record.values.items()
                          if k != "account"}
                rows.append(values)
    return rows or None


def _plain_csv(path: Path) -> list[dict[str, Any]]:
    """The documented CSV: handle,name,bio,followers,following,posts,is_private,is_verified,has_picture."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KenaliError("audience.error.followers_file", path=str(path), line=1,
                          reason=f"not UTF-8 text ({exc.reason})") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "handle" not in header:
        raise KenaliError("audience.error.followers_file", path=str(path), line=1,
                          reason="expected a header with 'handle' (" + ",".join(COLUMNS) + ")")
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v.strip() if isinstance(v, str) else v)
               for k, v in raw.items() if k}
        if not row.get("handle"):
            continue
        for col in ("followers", "following", "posts"):
            value = row.get(col)
            if value not in (None, ""):
                try:
                    row[col] = int(float(str(value).replace(",", "")))
                except ValueError as exc:
                    raise KenaliError("audience.error.followers_file", path=str(path), line=line,
                                      reason=f"column {col}: expected a number, got {value!r}") \
                        from exc
        rows.append(row)
    return rows


def read_followers(path_text: str) -> list[dict[str, Any]]:
    """Follower rows from a file: through the importer when it recognises the file, else CSV."""
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise KenaliError("error.path_missing", path=path_text)
    rows = _via_importer(path)
    return rows if rows is not None else _plain_csv(path)
