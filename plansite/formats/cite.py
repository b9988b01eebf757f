"""Citations of a single task: a plain line for pasting, and BibTeX, RIS and CSL-JSON for reference managers."""

from __future__ import annotations

import hashlib
import json
import re

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.model import Edition, Task
from plansite.view import urls
from plansite.view.labels import cited_title, shared_duties, short_en


def permanent_url(edition: Edition, task: Task, site_url: str | None) -> str:
    """The address a task keeps forever; a site-relative path when the site's address is not set."""
    path = urls.public(urls.task(edition, task))
    return site_url.rstrip("/") + path if site_url else path


def role(task: Task, lead: Department | Collective | None) -> str:
    """Who the plan makes responsible, as the plan words it: the first-named body leads, except
    where the bodies act according to their respective duties (按职责分工负责): then it is only
    named first. A collective (a task naming no department) is named as the plan writes it, and
    never said to lead: its member units act each by their duties, or are simply responsible."""
    if lead is None:
        return "lead: —"
    if isinstance(lead, Collective):
        if task.respective_duties:
            return f"named first: {lead.name_zh} (each body according to its respective duties)"
        return f"responsible: {lead.name_zh}"
    if shared_duties(task):
        return f"named first: {short_en(lead)} (each body according to its respective duties)"
    return f"lead: {short_en(lead)}"


def editors_title(task: Task) -> str:
    """The editors' title, marked as theirs, for citations: "" where the edition has none."""
    return f" (editors' title: {task.title_en})" if task.title_en else ""


def citation(edition: Edition, task: Task, lead: Department | Collective | None, site_url: str | None) -> str:
    """Issuer, title, date, task and its role line, then the permanent address (always last: the
    page's Copy buttons take it from there): `Office of … (国家…办公室), 2025 … Plan (2025年…计划),
    issued 2025-04-29, Task 57 (editors' title: …) — named first: MOE (…). <url>`"""
    return f"{citation_text(edition, task, lead)} {permanent_url(edition, task, site_url)}"


def citation_text(edition: Edition, task: Task, lead: Department | Collective | None) -> str:
    """The citation without its address (pages put the address in an element of its own)."""
    issued = edition.issued.isoformat() if edition.issued else "on a day not recorded"
    return (
        f"{edition.issuer_en} ({edition.issuer_zh}), {plan_cited(edition)}, "
        f"issued {issued}, Task {task.number}{editors_title(task)} — {role(task, lead)}."
    )


def plan_cited(edition: Edition) -> str:
    """The plan's title in a citation: the English with the Chinese beside it, or the Chinese alone
    where the edition has no translation."""
    cited = cited_title(edition)
    return f"{cited} ({edition.title_zh})" if cited != edition.title_zh else cited


def note(edition: Edition, task: Task, lead: Department | Collective | None) -> str:
    """A reference manager's note field: the editors' title (marked as theirs), the role line and the text cited."""
    text = role(task, lead)
    titled = f"Editors' title: {task.title_en}. " if task.title_en else ""
    source = (
        "Unofficial English translation" if edition.translated else "Official Chinese text (no English translation)"
    )
    return f"{titled}{text[0].upper()}{text[1:]}. {source}"


KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]+")


def key_part(text: str) -> str:
    """A name as BibTeX keys can hold it (ASCII letters, digits, - _ : .). A name that had to be
    changed keeps a short hash of itself, so two names never share a key ("a b" and "a-b")."""
    safe = KEY_UNSAFE.sub("-", text).strip("-")
    if safe == text:
        return safe
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe}-{digest}" if safe else digest


def key(edition: Edition, task: Task) -> str:
    """The citation key (BibTeX key, RIS ID, CSL id): the same on every build, one per task."""
    return f"{key_part(edition.series)}-{key_part(edition.id)}-task-{task.number}"


BIBTEX_SPECIAL = {
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "\\": "\\textbackslash{}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}
URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}


def bibtex(edition: Edition, task: Task, lead: Department | Collective | None, site_url: str | None) -> str:
    def braced(text: str) -> str:  # BibTeX: keep case, escape its special characters
        # BibTeX counts every brace, escaped or not, so a brace or backslash of the data is written
        # as a command; the others are escaped as LaTeX wants.
        escaped = "".join(BIBTEX_SPECIAL.get(c, "\\" + c if c in "&%$#_" else c) for c in text)
        return "{" + escaped + "}"

    # Text fields keep their case and have LaTeX's special characters escaped; the date, the year
    # and the URL are read verbatim by biblatex/Biber (a URL only percent-encodes what would break
    # the braces).
    url = "".join(URL_UNSAFE.get(c, c) for c in permanent_url(edition, task, site_url))
    fields = [
        ("title", braced(f"{cited_title(edition)}, Task {task.number}")),
        ("author", braced(edition.issuer_en)),
        ("organization", braced(edition.issuer_en)),
        ("year", str((edition.issued or edition.published).year)),
        *([("date", edition.issued.isoformat())] if edition.issued else []),
        (
            "note",
            braced(f"{edition.title_zh}, 任务 {task.number}. {note(edition, task, lead)}"),
        ),
        ("url", url),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key(edition, task)},\n{body}\n}}\n"


def ris(edition: Edition, task: Task, lead: Department | Collective | None, site_url: str | None) -> str:
    lines = [
        ("TY", "GOVDOC"),
        ("TI", f"{cited_title(edition)}, Task {task.number}"),
        *([("T2", edition.title_zh)] if cited_title(edition) != edition.title_zh else []),
        ("AU", edition.issuer_en),
        ("PY", str((edition.issued or edition.published).year)),
        *([("DA", edition.issued.strftime("%Y/%m/%d"))] if edition.issued else []),
        ("N1", f"{note(edition, task, lead)}."),
        ("UR", permanent_url(edition, task, site_url)),
        ("ID", key(edition, task)),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


def csl_json(edition: Edition, task: Task, lead: Department | Collective | None, site_url: str | None) -> str:
    item = {
        "id": key(edition, task),
        "type": "document",
        "title": f"{cited_title(edition)}, Task {task.number}",
        "title-short": f"Task {task.number}",
        "container-title": plan_cited(edition),
        "author": [{"literal": edition.issuer_en}],
        "issued": {
            "date-parts": [[edition.issued.year, edition.issued.month, edition.issued.day]]
            if edition.issued
            else [[(edition.issued or edition.published).year]]
        },
        "note": f"{note(edition, task, lead)}.",
        "URL": permanent_url(edition, task, site_url),
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


FORMATS = {"bib": bibtex, "ris": ris, "csl.json": csl_json}
