"""The one table from entity to page. Every link in the site is made here.

Paths are Markdown sources under `docs/`; with MkDocs' directory URLs `2025/tasks/57.md` is
served at `/2025/tasks/57/`. Task URLs are cited in briefings: never change their shape.
"""

from __future__ import annotations

from plansite.catalog.bodies import Department
from plansite.catalog.model import Edition, Instrument, Section, Subsection, Task, Topic

HOME = "index.md"
EDITIONS = "editions.md"


def _ident(entity: object) -> str:
    """An entity's id, whether given the entity or its id already."""
    return entity if isinstance(entity, str) else entity.id  # type: ignore[attr-defined]


def edition_home(edition: Edition) -> str:
    return f"{edition.id}/index.md"


def task(edition: Edition, t: Task | int) -> str:
    number = t if isinstance(t, int) else t.number
    return f"{edition.id}/tasks/{number}.md"


def section(edition: Edition, s: Section | int) -> str:
    number = s if isinstance(s, int) else s.number
    return f"{edition.id}/sections/{number}/index.md"


def sections_index(edition: Edition) -> str:
    """The edition's sections with their subsections and task counts."""
    return f"{edition.id}/sections/index.md"


def subsection(edition: Edition, s: Subsection) -> str:
    return f"{edition.id}/sections/{s.section}/{s.number}.md"


def department(edition: Edition, d: Department | str) -> str:
    return f"{edition.id}/departments/{_ident(d)}.md"


def departments_index(edition: Edition) -> str:
    return f"{edition.id}/departments/index.md"


def about(edition: Edition) -> str:
    return f"{edition.id}/about.md"


def briefing(edition: Edition, d: Department | str) -> str:
    return f"{edition.id}/briefings/{_ident(d)}.md"


def briefing_qr(edition: Edition, d: Department | str) -> str:
    """A QR code of a briefing's address (made only when the site's address is known)."""
    return f"{edition.id}/briefings/qr/{_ident(d)}.svg"


def print_all(edition: Edition) -> str:
    return f"{edition.id}/print.md"


def downloads(edition: Edition) -> str:
    return f"{edition.id}/downloads/index.md"


def download(edition: Edition, fmt: str) -> str:
    """The published export files: byte-identical to `build.py export --format FMT`."""
    name = {
        "json": f"plan-{edition.id}.json",
        "csv": f"tasks-{edition.id}.csv",
        "responsibilities-csv": f"responsibilities-{edition.id}.csv",
        "glossary-csv": f"glossary-{edition.id}.csv",
    }[fmt]
    return f"{edition.id}/downloads/{name}"


def offline_zip(edition: Edition) -> str:
    """Where the hosted site offers the offline copy (added after MkDocs runs, so not under docs/)."""
    return f"{edition.id}/downloads/plansite-{edition.id}-offline.zip"


def cite(edition: Edition, t: Task, ext: str) -> str:
    return f"{edition.id}/cite/task-{t.number}.{ext}"


def short_link(edition: Edition, t: Task) -> str:
    """`/2025/57/`, a redirect page to the task (hosted site only)."""
    return f"{edition.id}/{t.number}/index.html"


def matrix(edition: Edition) -> str:
    return f"{edition.id}/matrix.md"


def charts(edition: Edition) -> str:
    return f"{edition.id}/charts.md"


def chart(edition: Edition, name: str) -> str:
    return f"{edition.id}/charts/{name}.svg"


def task_table(edition: Edition) -> str:
    """All tasks in one filterable table; filters live in the query string (?department=cnipa&role=lead)."""
    return f"{edition.id}/tasks/index.md"


def collaboration(edition: Edition) -> str:
    return f"{edition.id}/collaboration.md"


def progress(edition: Edition) -> str:
    return f"{edition.id}/progress.md"


def feed(edition: Edition) -> str:
    """Atom feed of implementation updates."""
    return f"{edition.id}/updates.xml"


def department_feed(edition: Edition, d: Department | str) -> str:
    """Atom feed of the updates on the tasks a department is named on."""
    return f"{edition.id}/departments/{_ident(d)}/updates.xml"


def topic_feed(edition: Edition, t: Topic | str) -> str:
    """Atom feed of the updates on a topic's tasks."""
    return f"{edition.id}/topics/{_ident(t)}/updates.xml"


def topic(edition: Edition, t: Topic | str) -> str:
    return f"{edition.id}/topics/{_ident(t)}.md"


def topics(edition: Edition) -> str:
    return f"{edition.id}/topics/index.md"


def instrument(edition: Edition, i: Instrument | str) -> str:
    return f"{edition.id}/instruments/{_ident(i)}.md"


def instruments(edition: Edition) -> str:
    return f"{edition.id}/instruments/index.md"


def compare(edition: Edition, old: Edition | str) -> str:
    """This edition against an older one: new, carried-over and dropped tasks."""
    return f"{edition.id}/compare/{_ident(old)}.md"


def glossary(edition: Edition) -> str:
    """The edition's terms of art in both languages."""
    return f"{edition.id}/glossary.md"


def translation_notes(edition: Edition) -> str:
    """Where the translation and the official Chinese text disagree."""
    return f"{edition.id}/translation-notes.md"


def public(path: str) -> str:
    """The URL path a page is served at: `2025/tasks/57.md` → `/2025/tasks/57/`."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    return f"/{stem}/"


def relative(from_path: str, to_path: str) -> str:
    """A link from one Markdown page to another, as MkDocs resolves it (posixpath.relpath of the
    page's folder, computed on the strings alone: it is called for every link of every page)."""
    start = from_path.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."
