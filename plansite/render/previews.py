"""What travels with a link: each page's own description (for previews in chat, e-mail and search
results) and a task's structured data (JSON-LD, schema.org). Plain text here; `pages` escapes it
for the HTML attribute it ends up in (Material writes the description into the page unescaped)."""

from __future__ import annotations

import json
from typing import Any

from plansite.catalog.model import Department, Section, Subsection, Task
from plansite.view.index import EditionIndex
from plansite.view.labels import edition_name, heading, short_title

DESCRIPTION_MAX = 200  # previews cut longer ones anyway


def clip(text: str, limit: int = DESCRIPTION_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def of_task(ix: EditionIndex, task: Task) -> str:
    lead = ix.depts[task.lead].label_short if task.lead else "—"
    others = f" (and {len(task.departments) - 1} more)" if len(task.departments) > 1 else ""
    opening = short_title(task.text_en)
    return clip(f"任务 {task.number} · Task {task.number} of the {ix.edition.id} plan. Lead: {lead}{others}. "
                f"{opening}{'' if opening.endswith('…') else '.'}", DESCRIPTION_MAX + 60)


def of_department(ix: EditionIndex, dept: Department) -> str:
    led, joined = len(ix.led(dept.id)), len(ix.participated(dept.id))
    return clip(f"{dept.label_full}: in the {ix.edition.id} plan it leads {led} task{'s' * (led != 1)} "
                f"and takes part in {joined}. Tasks, partners and a printable briefing.")


def of_section(ix: EditionIndex, part: Section | Subsection) -> str:
    tasks = ix.by_section[part.number] if isinstance(part, Section) else ix.by_subsection[(part.section, part.number)]
    leads = [ix.depts[d].label_compact for d in dict.fromkeys(t.lead for t in tasks if t.lead)][:3]
    return clip(f"{heading(part)}: {len(tasks)} task{'s' * (len(tasks) != 1)} of the {ix.edition.id} plan"
                + (f"; led by {', '.join(leads)}{' and others' if len({t.lead for t in tasks}) > 3 else ''}." if leads else "."))


def of_page(ix: EditionIndex, title: str) -> str:
    """Any other page of an edition: its title, and the plan it belongs to."""
    return clip(f"{title} — {edition_name(ix.edition)}: {ix.edition.title_zh} · {ix.edition.title_en}.")


def task_jsonld(ix: EditionIndex, task: Task, url: str | None) -> str:
    """schema.org data of a task as part of the plan: its name in both languages, the plan with its
    issuer and dates, and who is responsible (the lead first). Safe inside <script>: no "<" at all."""
    e = ix.edition

    def body(dept_id: str) -> dict[str, Any]:
        d = ix.depts[dept_id]
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
