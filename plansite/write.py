"""Write generated pages into a docs folder: only what changed, and nothing stale left behind.

A manifest lists the files we generated, so a removed task's page is deleted on the next build
and a hand-written page is never overwritten or deleted.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import DataError, Problem

MANIFEST = ".plansite-generated.json"


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def read_manifest(docs_dir: Path) -> set[str]:
    path = docs_dir / MANIFEST
    return set(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else set()


def write_atomic(path: Path, text: str, make_parent: bool = True) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def check_no_clash(docs_dir: Path, pages: dict[str, str]) -> None:
    """A generated page must never replace a hand-written one."""
    generated = read_manifest(docs_dir)
    clashes = [p for p in sorted(pages) if p not in generated and (docs_dir / p).exists()]
    if clashes:
        raise DataError([
            Problem(f"docs/{p}", 0, "a hand-written page is in the place of a generated one", "move or rename the hand-written page")
            for p in clashes
        ])


def sync(docs_dir: Path, pages: dict[str, str]) -> Changes:
    """Make `docs_dir` hold exactly `pages` as its generated files; touch only what changed."""
    check_no_clash(docs_dir, pages)
    changes = Changes()
    old = read_manifest(docs_dir)

    def update(rel: str) -> bool:
        """Write one file if its content changed; True if written."""
        target = docs_dir / rel
        try:
            if target.read_text(encoding="utf-8") == pages[rel]:
                return False
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        write_atomic(target, pages[rel], make_parent=False)
        return True

    names = sorted(pages)
    for folder in sorted({(docs_dir / rel).parent for rel in names}):  # once per folder, not per file
        folder.mkdir(parents=True, exist_ok=True)
    for rel in names:
        if update(rel):
            changes.written.append(rel)
        else:
            changes.unchanged += 1
    for rel in sorted(old - set(pages)):
        target = docs_dir / rel
        if target.exists():
            target.unlink()
            changes.removed.append(rel)
        remove_empty_parents(target.parent, docs_dir)
    if old != set(pages):
        write_atomic(docs_dir / MANIFEST, json.dumps(sorted(pages), indent=0) + "\n")
    return changes


def remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
