"""Putting a staged site in place of the old one: two renames, or an update in place where the
folder cannot be renamed; interrupts held while the new output replaces the old."""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plansite.output.errors import OutputError, oserror_text
from plansite.output.manifest import MANIFEST, list_files, read_manifest
from plansite.output.transaction import Transaction


def publish(new: Path, target: Path, parking: Path, updates: list[Transaction]) -> None:
    """Put the staged site `new` in place of `target`, so that a site is there at every instant:
    one atomic exchange of the two folders (the old site ends at `new`, removed with the staging
    folder); where the system cannot exchange, two renames, the old site parked at `parking` in
    between (a build killed there has it put back by the next one: staging.clean_stale). Where the
    folder cannot be renamed (a mount point: EBUSY, EXDEV), its contents are updated in place
    instead, journaled like docs/ (the Transaction is added to `updates`, for the caller to commit
    or roll back). On a failure the old site is put back before the error is raised."""
    if target.is_dir() and os.path.ismount(target):
        update_in_place(new, target, updates)
        return
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    keep_hand_made(target, new)
    try:
        if exchange(new, target):
            return
        os.replace(target, parking)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
            raise
        update_in_place(new, target, updates)
        return
    try:
        os.replace(new, target)
    except BaseException as exc:
        try:
            os.replace(parking, target)
        except OSError as again:
            raise OutputError(
                f"could not put the new site in place of {target} ({oserror_text(exc)}), nor the old one back "
                f"({oserror_text(again)}); docs/ was left as it was: build again"
            ) from None
        raise


def keep_hand_made(old: Path, new: Path) -> None:
    """A file a person put in the old site (one its manifest does not list: a CNAME, a search
    engine's verification file) is copied into the new site, so the swap never drops it; it stays
    unlisted, so later builds keep it too. One standing where the new site has a file of its own
    stops the build, as in docs/: the build would overwrite it."""
    if not (old.is_dir() and (old / MANIFEST).is_file()):
        return  # no build of ours made it (an MkDocs site): nothing in it is kept
    made = read_manifest(old)
    for rel in list_files(old):
        if rel in made:
            continue
        target = new / rel
        if os.path.lexists(target):
            raise OutputError(
                f"{old / rel}: a file no build made is in the place of a generated one; "
                "move it out of the site folder (the build would overwrite it); docs/ and site/ were left as they were"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(old / rel, target, follow_symlinks=False)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE): True when done,
    False where the system or the file system cannot (then nothing moved); an OSError otherwise."""
    libc = _libc()
    if libc is None:
        return False
    done = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    except (OSError, AttributeError):  # no C library to load, or one older than renameat2 (glibc 2.28)
        return None
    return libc


def update_in_place(new: Path, target: Path, updates: list[Transaction]) -> None:
    """Copy the staged site into `target` (only what changed) and remove the files the previous
    build made that this one does not: never a file it did not make (see its manifest)."""
    update = Transaction(target, {rel: new / rel for rel in list_files(new)}, check_clash=False)
    updates.append(update)
    update.apply()


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the new output replaces the old; they are delivered after."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
