"""Build the demo store: generate, write real export files, import them like a user would."""

from __future__ import annotations

import csv
import io
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..errors import KenaliError
from ..progress import Progress
from ..store import default_db_path
from ..workspace import Workspace
from . import files as f
from .accounts import ACCOUNTS, EXPORTED_AT, AccountSpec
from .audience import snapshots
from .captions import KELURAHAN, WILAYAH
from .comments import KINDS, Comment, CommentWriter
from .meta_files import (
    audience_exports,
    content_exports,
    facebook_comment_pages,
    instagram_comment_pages,
    series_exports,
)
from .model import AccountModel, build_account
from .people import follower_list
from .tiktok_files import scraped_comments, studio_exports
from .x_youtube_files import x_exports, x_replies, youtube_comment_threads, youtube_exports

MARKER = ".kenali-demo"
FOLLOWER_LIST_SIZE = 3000
IG_NO_PICTURE = ("https://scontent.cdninstagram.com/v/t51.2885-19/"
                 "44884218_345707102882519_2446069589734326272_n.jpg")


def _is_demo_store(path: Path) -> bool:
    """True when the file is a kenali store holding nothing but demo accounts."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        others = con.execute("SELECT count(*) FROM accounts WHERE handle NOT LIKE '%demo%'").fetchone()
        return others is not None and others[0] == 0
    except duckdb.Error:
        return False
    finally:
        con.close()


def _clear(db: Path, exports: Path) -> bool:
    """Remove an earlier demo store and its export folder; refuse to touch anything else."""
    replaced = False
    if db.exists():
        if not _is_demo_store(db):
            raise KenaliError("demo.not_demo_store", path=str(db))
        db.unlink()
        replaced = True
    wal = db.with_name(db.name + ".wal")
    if wal.exists() and replaced:
        wal.unlink()
    if exports.exists():
        if not (exports / MARKER).exists():
            raise KenaliError("demo.not_demo_folder", path=str(exports))
        shutil.rmtree(exports)
    return replaced


def _snapshot_counts(model: AccountModel) -> list[int]:
    return [int(model.followers[last]) for _, last in f.months()]


def write_account(model: AccountModel, comments: list[Comment], seed: int, folder: Path) -> list[Path]:
    """Every export file of one account, in its platform's own format."""
    platform = model.spec.platform
    snaps = snapshots(model.spec, seed, _snapshot_counts(model))
    if platform in ("instagram", "facebook"):
        paths = content_exports(model, folder) + series_exports(model, folder)
        paths += audience_exports(model, snaps, folder)
        writer = instagram_comment_pages if platform == "instagram" else facebook_comment_pages
        return paths + writer(model, comments, folder)
    if platform == "tiktok":
        return studio_exports(model, snaps, seed, folder) + scraped_comments(model, comments, folder)
    if platform == "x":
        return x_exports(model, folder) + x_replies(model, comments, folder)
    return youtube_exports(model, snaps[-1], folder) + youtube_comment_threads(model, comments, folder)


def write_followers(seed: int, folder: Path) -> tuple[Path, Counter[str]]:
    """A follower list as a browser extension exports it (the audience issue's input)."""
    people = follower_list(seed, FOLLOWER_LIST_SIZE, KELURAHAN, WILAYAH)
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    out.writerow(["User ID", "Username", "Full Name", "Profile URL", "Avatar URL", "Is Verified",
                  "Is Private", "Followers", "Following", "Posts", "Biography"])
    for p in people:
        avatar = (f"https://scontent.cdninstagram.com/v/t51.2885-19/{p.user_id}_n.jpg"
                  if p.has_picture else IG_NO_PICTURE)
        out.writerow([p.user_id, p.username, p.full_name, f"https://www.instagram.com/{p.username}",
                      avatar, "TRUE" if p.is_verified else "FALSE", "TRUE" if p.is_private else "FALSE",
                      p.followers, p.following, p.posts, p.bio])
    path = f.save(folder / "followers" / "followers_dsda.jakarta.demo_2026-11-02.csv",
                  f.encode(buffer.getvalue(), "utf-8-sig"), EXPORTED_AT)
    return path, Counter(p.kind for p in people)


class Generated:
    """What the generator made, with its ground truth (comment kinds, follower kinds)."""

    def __init__(self) -> None:
        self.posts = 0
        self.comments = 0
        self.kinds: Counter[str] = Counter()
        self.issues: Counter[str] = Counter()
        self.follower_kinds: Counter[str] = Counter()
        self.files: dict[str, int] = {}


def write_exports(exports: Path, seed: int, made: Generated) -> Iterator[tuple[AccountSpec, Path]]:
    """Write every account's export files; yield each account's folder once it is complete."""
    for spec in ACCOUNTS:
        model = build_account(spec, seed)
        writer = CommentWriter(seed, model)
        comments = writer.generate()
        made.kinds.update(writer.kinds)
        made.issues.update(writer.issues)
        made.posts += model.n
        made.comments += len(comments)
        folder = exports / spec.platform / spec.handle
        paths = write_account(model, comments, seed, folder)
        if spec.key == "dsda_ig":
            follower_path, made.follower_kinds = write_followers(seed, folder)
            paths.append(follower_path)
        made.files[f"{spec.platform}/{spec.handle}"] = len(paths)
        yield spec, folder


def build_demo(db: str | Path | None, seed: int = 7, progress: bool | None = None) -> dict[str, Any]:
    """Build the demo store at `db` (replacing an earlier demo) and return its summary."""
    started = time.monotonic()
    path = Path(db).expanduser() if db else default_db_path()
    exports = path.with_name(path.name + ".exports")
    replaced = _clear(path, exports)
    exports.mkdir(parents=True)
    (exports / MARKER).write_text("Generated by `kenali demo`; deleted and rebuilt by it.\n", "utf-8")
    made = Generated()
    imports: Counter[str] = Counter()
    not_imported: list[dict[str, str]] = []
    with Workspace(path) as ws, Progress("demo", total=2 * len(ACCOUNTS) + 1, enabled=progress) as bar:
        for spec in ACCOUNTS:
            ws.add_account(spec.platform, spec.handle, spec.display_name, spec.institution)
        for spec, folder in write_exports(exports, seed, made):
            bar.update(1)
            # Walk the user's path: the folder as downloaded, named account, every importer.
            for result in ws.import_paths([str(folder)], account=spec.handle,
                                          platform=spec.platform, progress=False):
                imports[result.status] += 1
                if result.status not in ("imported", "already_imported"):
                    not_imported.append({"file": result.file.replace(str(exports) + "/", ""),
                                         "status": result.status, "reason": result.message or ""})
            bar.update(1)
        status = ws.status()
        bar.update(1)
    total = sum(made.kinds.values())
    return {
        "db": str(path),
        "seconds": round(time.monotonic() - started, 1),
        "seed": seed,
        "replaced": replaced,
        "exports": str(exports),
        "tables": status["tables"],
        "platforms": status["platforms"],
        "files": made.files,
        "imports": dict(imports),
        "not_imported": not_imported,
        "generated": {"posts": made.posts, "comments": made.comments,
                      "followers": FOLLOWER_LIST_SIZE},
        "comment_mix": {k: round(made.kinds[k] / total, 4) for k in (*KINDS, "official_reply")},
        "recurring_issues": dict(made.issues.most_common()),
        "follower_kinds": dict(made.follower_kinds),
    }
