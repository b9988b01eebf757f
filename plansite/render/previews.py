"""What travels with a link: each page's own description (for previews in chat, e-mail and search
results) and a task's structured data (JSON-LD, schema.org). Plain text here; `pages` escapes it
for the HTML attribute it ends up in (Material writes the description into the page unescaped)."""

from __future__ import annotations

import json
from typing import Any

from plansite.catalog.model import Department, Section, Subsection, Task
from plansite.catalog.text import clip
from plansite.view.index import EditionIndex
from plansite.view.labels import edition_name, heading, label_compact, label_full, label_short, short_title

DESCRIPTION_MAX = 200  # previews cut longer ones anyway


def description(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """One line for a page's description: whitespace folded, cut at a word."""
    return clip(" ".join(text.split()), limit, words=True)


def of_task(view: EditionIndex, task: Task) -> str:
    lead = label_short(view.department_by_id[task.lead]) if task.lead else "—"
    others = f" (and {len(task.departments) - 1} more)" if len(task.departments) > 1 else ""
    opening = short_title(task.text_en)
    return description(
        f"任务 {task.number} · Task {task.number} of the {view.edition.id} plan. Lead: {lead}{others}. "
        f"{opening}{'' if opening.endswith('…') else '.'}",
        DESCRIPTION_MAX + 60,
    )


def of_department(view: EditionIndex, dept: Department) -> str:
    led, joined = len(view.led(dept.id)), len(view.participated(dept.id))
    return description(
        f"{label_full(dept)}: in the {view.edition.id} plan it leads {led} task{'s' * (led != 1)} "
        f"and takes part in {joined}. Tasks, partners and a printable briefing."
    )


def of_section(view: EditionIndex, part: Section | Subsection) -> str:
    tasks = (
        view.by_section[part.number] if isinstance(part, Section) else view.by_subsection[(part.section, part.number)]
    )
    leads = [label_compact(view.department_by_id[d]) for d in dict.fromkeys(t.lead for t in tasks if t.lead)][:3]
    return description(
        f"{heading(part)}: {len(tasks)} task{'s' * (len(tasks) != 1)} of the {view.edition.id} plan"
        + (f"; led by {', '.join(leads)}{' and others' if len({t.lead for t in tasks}) > 3 else ''}." if leads else ".")
    )


def of_page(view: EditionIndex, title: str) -> str:
    """Any other page of an edition: its title, and the plan it belongs to."""
    return description(f"{title} — {edition_name(view.edition)}: {view.edition.title_zh} · {view.edition.title_en}.")


def task_jsonld(view: EditionIndex, task: Task, url: str | None) -> str:
    """schema.org data of a task as part of the plan: its name in both languages, the plan with its
    issuer and dates, and who is responsible (the lead first). Safe inside <script>: no "<" at all."""
    e = view.edition

    def body(dept_id: str) -> dict[str, Any]:
        d = view.department_by_id[dept_id]
        return {"@type": "GovernmentOrganization", "name": d.name_en, "alternateName": d.name_zh}

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": f"Task {task.number}: {short_title(task.text_en)}",
        "alternateName": f"任务 {task.number}",
        "position": task.number,
        "inLanguage": ["en", "zh-CN"],
        "text": task.text_en,
        "isPartOf": {
            "@type": "CreativeWork",
            "name": e.title_en,
            "alternateName": e.title_zh,
            "dateCreated": e.issued.isoformat(),
            "datePublished": e.published.isoformat(),
            "author": {"@type": "GovernmentOrganization", "name": e.issuer_en, "alternateName": e.issuer_zh},
        },
        "contributor": [body(d) for d in task.departments],
    }
    if task.lead:
        data["sourceOrganization"] = body(task.lead)  # the lead, by the plan's rule (the first named)
    if url:
        data["url"] = url
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c")  # JSON's own escape: no "</script>" can end the block
