"""The manifest (.plansite-generated.json): the files a build generated in a folder, so a removed
task's page is deleted on the next build and a hand-written page is never overwritten or deleted.
It may only name files inside its own folder; anything else stops the build before anything is
deleted."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath

from plansite.catalog.problems import DataError, Problem

MANIFEST = ".plansite-generated.json"
JOURNAL = ".plansite-journal.json"
UNDO = ".plansite-undo"
BOOKKEEPING = (MANIFEST, JOURNAL, UNDO)

MANIFEST_HINT = (
    "a manifest lists only the files a build generated inside its folder: fix or delete it (deleting is safe); "
    "nothing was deleted"
)


PLAIN = re.compile(r"[^/\\\x00]+(?:/[^/\\\x00]+)*")  # relative, no empty part, no backslash or NUL
DOTS = re.compile(r"(?:^|/)\.\.?(?:/|$)")  # a "." or ".." part


def entry_problem(
    folder: Path, rel: object, *, resolve: bool = True, cache: dict[Path, bool] | None = None
) -> str | None:
    """Why `rel` cannot name a generated file inside `folder`, or None if it can. With `resolve`,
    symlinks are followed (`cache` remembers which folders are reached through one)."""
    if not isinstance(rel, str):
        return "is not a file name"
    if PLAIN.fullmatch(rel) and not DOTS.search(rel) and rel[1:2] != ":" and rel.split("/", 1)[0] not in BOOKKEEPING:
        pass  # the usual case, checked fast; the checks below say what is wrong with any other
    elif rel in ("", "."):
        return "names the folder itself"
    elif "\\" in rel or "\0" in rel or (len(rel) > 1 and rel[1] == ":"):
        return "is not a plain relative path (backslash, NUL or drive letter)"
    elif (pure := PurePosixPath(rel)).is_absolute():
        return "is an absolute path"
    elif ".." in pure.parts:
        return "leaves the folder it describes (..)"
    elif pure.as_posix() != rel or "." in rel.split("/"):
        return "is not a plain relative path"
    elif pure.parts[0] in BOOKKEEPING:
        return "names the tool's own bookkeeping file"
    if resolve:
        path = folder / rel
        if through_symlink(path, folder, {} if cache is None else cache):
            base, real = folder.resolve(), path.resolve()
            if base not in real.parents:
                return f"resolves outside the folder it describes (to {real})"
        if path.is_dir() and not path.is_symlink():
            return "names a folder, not a file"
    return None


def through_symlink(path: Path, folder: Path, cache: dict[Path, bool]) -> bool:
    """Whether reaching `path` from `folder` goes through a symlink (only then must it be resolved)."""
    if path == folder:
        return False
    if path not in cache:
        cache[path] = path.is_symlink() or through_symlink(path.parent, folder, cache)
    return cache[path]


def line_of(text: str, entry: object) -> int:
    """The line of the manifest that holds `entry` (it is written one entry a line); else 1."""
    try:
        needles = {json.dumps(entry, ensure_ascii=False), json.dumps(entry)}
    except (TypeError, ValueError):
        return 1
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().rstrip(",").lstrip("[").rstrip("]").strip() in needles:
            return number
    return 1


def read_json_file(path: Path, shape: str) -> tuple[object, str]:
    """A bookkeeping file's JSON and text; a clear error (not a traceback) when it is not JSON."""

    def problem(line: int, message: str) -> DataError:
        return DataError([Problem(str(path), line, message, MANIFEST_HINT)])

    if not path.is_file():
        raise problem(1, f"is not a regular file; it should be {shape}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise problem(1, f"is not UTF-8 text; it should be {shape}") from None
    try:
        return json.loads(text), text
    except (json.JSONDecodeError, RecursionError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else 1
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
        raise problem(line, f"is not valid JSON ({reason}); it should be {shape}") from None


def read_manifest(folder: Path) -> set[str]:
    """The files the last build generated in `folder`; a DataError naming the manifest and each bad
    entry when it names anything outside the folder (then nothing may be deleted)."""
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return set()
    entries, text = read_json_file(path, "a JSON list of file names")
    if not isinstance(entries, list):
        raise DataError([Problem(str(path), 1, "is not a JSON list of file names", MANIFEST_HINT)])
    cache: dict[Path, bool] = {}
    problems = [
        Problem(
            str(path), line_of(text, rel), f"manifest entry {json.dumps(rel, ensure_ascii=False)} {why}", MANIFEST_HINT
        )
        for rel in entries
        if (why := entry_problem(folder, rel, cache=cache))
    ]
    if problems:
        raise DataError(problems)
    return set(entries)


def manifest_text(names: list[str]) -> str:
    return json.dumps(sorted(names), indent=0, ensure_ascii=False) + "\n"


def list_files(folder: Path) -> list[str]:
    """Every file under `folder`, as sorted relative POSIX paths (bookkeeping files left out)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.relative_to(folder).parts[0] not in BOOKKEEPING
    )
