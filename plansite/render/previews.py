"""What travels with a link: each page's own description (for previews in chat, e-mail and search
results) and a task's structured data (JSON-LD, schema.org). Plain text here; `pages` escapes it
for the HTML attribute it ends up in (Material writes the description into the page unescaped)."""

from __future__ import annotations

import json
from typing import Any

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.model import Section, Subsection, Task
from plansite.catalog.text import clip
from plansite.catalog.vocab import NO_UPDATE
from plansite.view.index import EditionIndex
from plansite.view.labels import (
    cited_title,
    collective_label,
    counted,
    edition_name,
    heading,
    label_compact,
    label_full,
    label_short,
    opening,
    plan_named,
    shared_duties,
    task_title,
)

DESCRIPTION_MAX = 200  # previews cut longer ones anyway


def description(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """One line for a page's description: whitespace folded, cut at a word."""
    return clip(" ".join(text.split()), limit, words=True)


def of_task(view: EditionIndex, task: Task) -> str:
    first = view.first_named(task)
    others = f" (and {len(task.departments) - 1} more)" if len(task.departments) > 1 else ""
    if isinstance(first, Collective):  # a task naming no department: never said to be led
        lead, role = collective_label(first), "Named first" if task.respective_duties else "Responsible"
    else:
        lead = label_short(first) if first else "—"
        role = "Named first" if shared_duties(task) else "Lead"
    return description(
        f"Task {task.number} of the {view.edition.id} plan (任务 {task.number}). {role}: {lead}{others}. "
        f"{opening(task)}",
        DESCRIPTION_MAX + 60,
    )


def of_department(view: EditionIndex, dept: Department) -> str:
    outright, shared = len(view.led_outright(dept.id)), len(view.named_first(dept.id))
    joined = len(view.participated(dept.id))
    return description(
        f"{label_full(dept)}: in the {view.edition.id} plan it leads {counted(outright, 'task')}, is named first "
        f"of several sharing the work in {shared} and takes part in {joined}. Tasks, partners and a printable briefing."
    )


def of_section(view: EditionIndex, part: Section | Subsection) -> str:
    tasks = (
        view.by_section[part.number] if isinstance(part, Section) else view.by_subsection[(part.section, part.number)]
    )
    leads = [label_compact(view.department_by_id[d]) for d in dict.fromkeys(t.lead for t in tasks if t.lead)][:3]
    return description(
        f"{heading(part)}: {counted(len(tasks), 'task')} of the {view.edition.id} plan"
        + (f"; led by {', '.join(leads)}{' and others' if len({t.lead for t in tasks}) > 3 else ''}." if leads else ".")
    )


def of_page(view: EditionIndex, title: str) -> str:
    """Any other page of an edition: its title, and the plan it belongs to."""
    return description(f"{title} — {edition_name(view.edition)}: {plan_named(view.edition)}.")


# The latest recorded status as a schema.org ActionStatusType.
ACTION_STATUS = {
    "done": "CompletedActionStatus",
    "in progress": "ActiveActionStatus",
    "dropped": "FailedActionStatus",
    "not started": "PotentialActionStatus",
    NO_UPDATE: "PotentialActionStatus",
}


def task_jsonld(view: EditionIndex, task: Task, url: str | None, number: str | None = None) -> str:
    """schema.org data of a task: a part of the plan (a `Legislation`: its issuer, dates and, where
    recorded, its document number) whose `about` is an `Action` with the roles the plan gives. A
    lone lead is the `agent` and the others `participant`s; where the bodies act according to their
    respective duties each is an `agent`. Safe inside <script>: no "<" at all."""
    e = view.edition

    def body(dept_id: str) -> dict[str, Any]:
        d = view.department_by_id[dept_id]
        return {"@type": "GovernmentOrganization", "name": d.name_en, "alternateName": d.name_zh}

    def group(collective_id: str) -> dict[str, Any]:
        c = view.collectives[collective_id]
        return {"@type": "Organization", "name": c.name_en, "alternateName": c.name_zh}

    plan: dict[str, Any] = {
        "@type": "Legislation",
        "name": cited_title(e),
        **({"alternateName": e.title_zh} if cited_title(e) != e.title_zh else {}),
        **({"legislationDate": e.issued.isoformat()} if e.issued else {}),  # left out when unknown, never guessed
        "datePublished": e.published.isoformat(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": e.issuer_en, "alternateName": e.issuer_zh},
        "legislationJurisdiction": "CN",
        "legislationType": "annual plan (推进计划)",
    }
    if number:
        plan["legislationIdentifier"] = number
    agents = task.departments if shared_duties(task) else task.departments[:1]
    action: dict[str, Any] = {
        "@type": "Action",
        "name": task.title_en or opening(task),
        "description": task.text_en or task.text_zh,
        "agent": [body(d) for d in agents] or [group(c) for c in task.collectives],  # no department: the collective
        "actionStatus": f"https://schema.org/{ACTION_STATUS[view.status(task)]}",
    }
    if participants := [d for d in task.departments if d not in agents]:
        action["participant"] = [body(d) for d in participants]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": task_title(task),
        "position": task.number,
        "inLanguage": ["en", "zh-CN"] if e.translated else ["zh-CN"],
        "text": task.text_en or task.text_zh,
        "isPartOf": plan,
        "about": action,
    }
    if url:
        data["url"] = url
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c")  # JSON's own escape: no "</script>" can end the block
