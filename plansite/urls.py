"""The one table from entity to page. Every link in the site is made here.

Paths are Markdown sources under `docs/`; with MkDocs' directory URLs `2025/tasks/57.md` is
served at `/2025/tasks/57/`. Task URLs are cited in briefings: never change their shape.
"""

from __future__ import annotations

import posixpath

from .model import Department, Edition, Section, Subsection, Task

HOME = "index.md"
EDITIONS = "editions.md"


def edition_home(edition: Edition) -> str:
    return f"{edition.id}/index.md"


def task(edition: Edition, t: Task | int) -> str:
    number = t if isinstance(t, int) else t.number
    return f"{edition.id}/tasks/{number}.md"


def section(edition: Edition, s: Section | int) -> str:
    number = s if isinstance(s, int) else s.number
    return f"{edition.id}/sections/{number}/index.md"


def subsection(edition: Edition, s: Subsection) -> str:
    return f"{edition.id}/sections/{s.section}/{s.number}.md"


def department(edition: Edition, d: Department | str) -> str:
    ident = d if isinstance(d, str) else d.id
    return f"{edition.id}/departments/{ident}.md"


def departments_index(edition: Edition) -> str:
    return f"{edition.id}/departments/index.md"


def about(edition: Edition) -> str:
    return f"{edition.id}/about.md"


def public(path: str) -> str:
    """The URL path a page is served at: `2025/tasks/57.md` → `/2025/tasks/57/`."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    return f"/{stem}/"


def relative(from_path: str, to_path: str) -> str:
    """A link from one Markdown page to another, as MkDocs resolves it."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
