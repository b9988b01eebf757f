"""A folder transaction: make a folder hold its generated files, touching only what changed,
nothing stale left behind, all or nothing (the manifest says which files are generated).

A transaction is undoable until it is committed: before the first change a journal
(.plansite-journal.json) records every change it will make, each file it overwrites or removes is
kept in .plansite-undo/, and a failure (disk full, permission denied, an interrupt) rolls it all
back. A journal left by a process that was killed is rolled back by the next update (`recover`),
so the folder is again as it was before that process started. Rollback only ever removes a file
whose bytes are those we wrote, and restores only files we had overwritten or removed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from plansite.catalog.problems import DataError, Problem
from plansite.output import atomic
from plansite.output.errors import OutputError, oserror_text
from plansite.output.manifest import (
    JOURNAL,
    MANIFEST,
    UNDO,
    entry_problem,
    manifest_text,
    read_json_file,
    read_manifest,
)

Content = str | Path  # a page's text, or a staged file whose bytes to copy


@dataclass
class FolderChanges:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _bytes(content: Content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content.read_bytes()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _current(path: Path) -> bytes | None:
    """A regular file's bytes; None when there is none (missing, a folder, a device, a FIFO)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _ours(path: Path, sha: str) -> bool:
    data = _current(path)
    return data is not None and _sha(data) == sha


def _keep(path: Path, backup: Path, move: bool) -> None:
    """Keep `path` in the undo folder: moved (a removal) or hard-linked (it is about to be replaced
    by a new file, so the link keeps the old bytes); copied where a link or rename cannot be."""
    try:
        if move:
            os.replace(path, backup)
        else:
            os.link(path, backup, follow_symlinks=False)
        return
    except OSError:
        pass
    shutil.copy2(path, backup, follow_symlinks=False)
    if move:
        path.unlink()


class Transaction:
    """Make `folder` hold `files` as its generated files (listed in its manifest), touching only
    what changed: `apply`, then `commit` or `rollback`. With `check_clash`, a file we did not
    generate is never overwritten: it stops the update, unless it already holds exactly our bytes."""

    def __init__(self, folder: Path, files: Mapping[str, Content], check_clash: bool = True):
        self.folder = folder
        self.files = files
        self.check_clash = check_clash
        self.steps: list[dict[str, object]] = []
        self.made_folder = False
        self.lock: int | None = None

    def plan(self) -> tuple[list[dict[str, object]], FolderChanges]:
        folder = self.folder
        old = read_manifest(folder)
        names = sorted(self.files)
        bad = [
            Problem(f"{folder}/{rel}", 0, f"a generated file's name {why}", "this is a bug in plansite: report it")
            for rel in names
            if (why := entry_problem(folder, rel, resolve=False))
        ]
        if bad:
            raise DataError(bad)
        changes = FolderChanges()
        steps: list[dict[str, object]] = []
        clashes: list[Problem] = []
        parents = {
            "/".join(parts[:i])
            for parts in {tuple(rel.split("/")[:-1]) for rel in names}
            for i in range(1, len(parts) + 1)
        }
        steps += [
            {"op": "mkdir", "path": d} for d in sorted(parents) if not (folder / d).is_dir()
        ]  # a parent sorts before its children
        for rel in names:
            target = folder / rel
            data = _bytes(self.files[rel])
            if _current(target) == data:
                changes.unchanged += 1
                continue
            existed = os.path.lexists(target)
            if existed and target.is_dir() and not target.is_symlink():
                clashes.append(
                    Problem(str(target), 0, "a folder is in the place of a generated file", "move or rename the folder")
                )
            elif existed and self.check_clash and rel not in old:
                clashes.append(
                    Problem(
                        str(target),
                        0,
                        "a hand-written file is in the place of a generated one",
                        "move or rename the hand-written file",
                    )
                )
            else:
                steps.append({"op": "write", "path": rel, "existed": existed, "sha256": _sha(data)})
                changes.written.append(rel)
        if clashes:
            raise DataError(clashes)
        for rel in sorted(old - set(names)):
            if os.path.lexists(folder / rel):
                steps.append({"op": "remove", "path": rel})
                changes.removed.append(rel)
        if old != set(names) or (names and not (folder / MANIFEST).is_file()):
            manifest = manifest_text(names).encode("utf-8")
            steps.append(
                {
                    "op": "write",
                    "path": MANIFEST,
                    "existed": os.path.lexists(folder / MANIFEST),
                    "sha256": _sha(manifest),
                }
            )
        for number, step in enumerate(steps):
            if step["op"] != "mkdir":
                step["backup"] = str(number)
        return steps, changes

    def apply(self) -> FolderChanges:
        """Make the changes, journaled; on any failure the caller must call `rollback`."""
        folder = self.folder
        if not folder.is_dir():
            folder.mkdir(parents=True)
            self.made_folder = True
        self.lock = lock(folder)  # held until commit or rollback: another build waits, never undoes ours
        recover_locked(folder)
        steps, changes = self.plan()
        if not steps:
            return changes
        undo = folder / UNDO
        undo.mkdir()
        self.steps = steps
        atomic.write_file(
            folder / JOURNAL, json.dumps({"version": 1, "steps": steps}, ensure_ascii=False).encode("utf-8")
        )
        manifest = manifest_text(sorted(self.files)).encode("utf-8")
        for step in steps:
            rel = str(step["path"])
            target = folder / rel
            if step["op"] == "mkdir":
                target.mkdir(exist_ok=True)
            elif step["op"] == "write":
                if step["existed"]:
                    _keep(target, undo / str(step["backup"]), move=False)
                atomic.write_file(target, manifest if rel == MANIFEST else _bytes(self.files[rel]), flush=False)
            else:
                _keep(target, undo / str(step["backup"]), move=True)
                remove_empty_parents(target.parent, folder)
        atomic.flush_all()  # the journal goes only once all the new files are on disk
        return changes

    def commit(self) -> None:
        if self.steps:
            (self.folder / JOURNAL).unlink(missing_ok=True)
            shutil.rmtree(self.folder / UNDO, ignore_errors=True)
            self.steps = []
        self.unlock()

    def rollback(self) -> None:
        try:
            if self.steps:
                undo_steps(self.folder, self.steps)
                self.steps = []
            if self.made_folder:
                with contextlib.suppress(OSError):
                    self.folder.rmdir()  # only when empty
                self.made_folder = False
        finally:
            self.unlock()

    def unlock(self) -> None:
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def lock(folder: Path) -> int:
    """An exclusive lock on the folder itself (released when the descriptor closes, or the process dies)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:  # a file system without locks (some network mounts): go on unlocked
        if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
            os.close(fd)
            raise
    except BaseException:
        os.close(fd)
        raise
    return fd


def undo_steps(folder: Path, steps: list[dict[str, object]]) -> None:
    """Put back what `steps` changed, whichever of them were done: restore each overwritten or
    removed file from the undo folder, remove each file we created (only while it holds our
    bytes), remove the folders we created (only when empty). Then drop the journal."""
    undo = folder / UNDO
    for step in reversed(steps):
        target = folder / str(step["path"])
        backup = undo / str(step.get("backup", ""))
        if step["op"] == "mkdir":
            with contextlib.suppress(OSError):
                target.rmdir()  # only when empty
            continue
        tmp = target.with_name(f".{target.name}.tmp")
        with contextlib.suppress(OSError):
            tmp.unlink()
        if step["op"] == "write" and not step["existed"]:
            if _ours(target, str(step["sha256"])):
                target.unlink()
        elif os.path.lexists(backup):
            unchanged = not os.path.lexists(target)
            if step["op"] == "write":
                same = os.path.lexists(target) and os.path.samestat(os.lstat(target), os.lstat(backup))
                unchanged = unchanged or same or _ours(target, str(step["sha256"]))
            if unchanged:  # never over a file someone changed since
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(backup, target)
    (folder / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(undo, ignore_errors=True)


def recover(folder: Path) -> bool:
    """Roll back an update that a killed process left half done (its journal is still there).
    True if there was one. Waits while another process is updating the folder."""
    fd = lock(folder)
    try:
        return recover_locked(folder)
    finally:
        os.close(fd)


def recover_locked(folder: Path) -> bool:
    journal = folder / JOURNAL
    if not os.path.lexists(journal):
        if (folder / UNDO).is_dir() and not (folder / UNDO).is_symlink():
            shutil.rmtree(folder / UNDO)  # committed, then killed while cleaning up
        return False
    record, text = read_json_file(journal, "a record of an interrupted update")
    steps = record.get("steps") if isinstance(record, dict) else None
    if not isinstance(steps, list) or not all(valid_step(folder, s) for s in steps):
        raise DataError(
            [
                Problem(
                    str(journal),
                    1,
                    "is not a valid record of an interrupted update",
                    "delete it only after checking the folder by hand (the files it overwrote are in .plansite-undo/)",
                )
            ]
        )
    undo_steps(folder, steps)
    return True


def valid_step(folder: Path, step: object) -> bool:
    if not isinstance(step, dict) or step.get("op") not in ("mkdir", "write", "remove"):
        return False
    rel = step.get("path")
    if not (rel == MANIFEST or entry_problem(folder, rel, resolve=False) is None):
        return False
    if step["op"] == "mkdir":
        return True
    backup = step.get("backup")
    if not (isinstance(backup, str) and backup.isdigit()):
        return False
    return step["op"] == "remove" or (isinstance(step.get("existed"), bool) and isinstance(step.get("sha256"), str))


def restore_note(updates: list[Transaction], what: str, plural: bool = False) -> str:
    """Roll back `updates` (newest first); say in a few words whether `what` is as it was."""
    failed = []
    for update in updates:
        try:
            update.rollback()
        except OSError as exc:
            failed.append(f"{update.folder}: {oserror_text(exc)}")
    if failed:
        them = "them" if plural else "it"
        return f"restoring {what} failed too ({'; '.join(failed)}): the next build restores {them} from {JOURNAL}"
    return f"{what} {'were' if plural else 'was'} left as {'they were' if plural else 'it was'}"


def sync(folder: Path, pages: Mapping[str, Content]) -> FolderChanges:
    """Make `folder` hold exactly `pages` as its generated files; touch only what changed; on a
    failure put everything back and raise OutputError."""
    update = Transaction(folder, pages)
    try:
        changes = update.apply()
    except OSError as exc:
        raise OutputError(
            f"could not write {folder}: {oserror_text(exc)}; {restore_note([update], str(folder))}"
        ) from None
    except BaseException:
        update.rollback()
        raise
    update.commit()
    return changes


def remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and stop in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
