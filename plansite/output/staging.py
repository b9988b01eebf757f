"""The staging folder a build writes in before it swaps the result in: made beside the output (so
the swap is a rename on one file system), unique and private (mkdtemp), and marked as ours.

A build that is killed leaves its staging folder behind. The next build removes such a folder only
when it can prove it is one of ours and abandoned: it holds our marker file, and no process holds
the lock on that marker (a lock dies with its process, however it ends). A folder without the
marker is never touched. A file that cannot be removed is reported, never an error: the new output
is in place by then."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from pathlib import Path

PREFIX = ".build-"
MARKER = ".plansite-staging"
MARKER_TEXT = b"a staging folder of plansite's build: removed by the next build once no build holds it\n"
PARKED_PREFIX = "parked-"  # the two-rename swap parks the old site as parked-<its name> (see `parking`)


class Staging:
    """A marked, locked staging folder in `parent`; `left` lists what could not be removed at the end."""

    def __init__(self, parent: Path):
        self.parent = parent
        self.path = Path(tempfile.mkdtemp(dir=parent, prefix=PREFIX))
        self.lock: int | None = None
        self.left: list[tuple[str, str]] = []
        try:
            self.lock = os.open(self.path / MARKER, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            fcntl.flock(self.lock, fcntl.LOCK_EX)  # held for the life of this build (and its forked workers)
            os.write(self.lock, MARKER_TEXT)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.left = remove_tree(self.path)
        finally:
            if self.lock is not None:
                os.close(self.lock)
                self.lock = None


def remove_tree(folder: Path) -> list[tuple[str, str]]:
    """Remove a staging folder and everything in it as far as possible; return what could not be
    removed, with why. The marker goes last: while anything is left, the next build can still
    prove the folder ours and try again."""
    left: list[tuple[str, str]] = []

    def failed(function: object, path: str, info: tuple) -> None:
        exc = info[1]
        if isinstance(exc, FileNotFoundError) or isinstance(exc, OSError) and exc.errno == errno.ENOTEMPTY:
            return  # gone already, or a folder holding a file that could not be removed (that file is reported)
        left.append((path, exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)))

    try:
        entries = list(folder.iterdir())
    except OSError:
        return left
    for entry in entries:
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, onerror=failed)
        else:
            try:
                entry.unlink()
            except OSError as exc:
                failed(None, str(entry), (type(exc), exc, None))
    if not left:
        with contextlib.suppress(OSError):
            (folder / MARKER).unlink()
            folder.rmdir()
    return left


def claim(folder: Path) -> int | None:
    """The locked marker of `folder` when it is a staging folder of ours that no live build holds
    (the caller removes the folder, then closes it); None otherwise."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            return None
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(MARKER_TEXT) + 1) == MARKER_TEXT:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
    except OSError:
        pass  # held: a build is using it
    os.close(fd)
    return None


def parking(target: Path, staging: Path) -> Path:
    """Where the two-rename swap parks the old `target` in the staging folder: named after it, so
    the next build can put it back if this one is killed between the renames."""
    return staging / f"{PARKED_PREFIX}{target.name}"


def clean_stale(parent: Path) -> list[tuple[str, str]]:
    """Remove the abandoned staging folders in `parent`; return what could not be removed. A site
    a killed build had parked (between the two renames of a swap) is first put back, when nothing
    has taken its place."""
    left: list[tuple[str, str]] = []
    try:
        candidates = sorted(p for p in parent.iterdir() if p.name.startswith(PREFIX))
    except OSError:
        return left
    for folder in candidates:
        fd = claim(folder)
        if fd is None:
            continue
        try:
            for parked in folder.glob(f"{PARKED_PREFIX}*"):
                home = parent / parked.name.removeprefix(PARKED_PREFIX)
                if parked.is_dir() and not parked.is_symlink() and not os.path.lexists(home):
                    with contextlib.suppress(OSError):
                        os.rename(parked, home)
            left += remove_tree(folder)
        finally:
            os.close(fd)
    return left
