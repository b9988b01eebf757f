"""Putting a staged site in place of the old one: two renames, or an update in place where the
folder cannot be renamed; interrupts held while the new output replaces the old."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plansite.output.errors import OutputError, oserror_text
from plansite.output.manifest import list_files
from plansite.output.transaction import Transaction


def publish(new: Path, target: Path, parking: Path, updates: list[Transaction]) -> None:
    """Put the staged site `new` in place of `target`: two renames, so it is never half-written;
    where the folder cannot be renamed (a mount point: EBUSY, EXDEV), update its contents in place
    instead, journaled like docs/ (the Transaction is added to `updates`, for the caller to commit or
    roll back). On a failure the old site is put back before the error is raised."""
    if target.is_dir() and os.path.ismount(target):
        update_in_place(new, target, updates)
        return
    moved = False
    if target.exists():
        try:
            os.replace(target, parking)
            moved = True
        except OSError as exc:
            if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
                raise
            update_in_place(new, target, updates)
            return
    try:
        os.replace(new, target)
    except BaseException as exc:
        if moved:
            try:
                os.replace(parking, target)
            except OSError as again:
                raise OutputError(
                    f"could not put the new site in place of {target} ({oserror_text(exc)}), nor the old one back "
                    f"({oserror_text(again)}); docs/ was left as it was: build again"
                ) from None
        raise


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
