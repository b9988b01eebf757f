"""The public data formats: JSON (the whole edition) and CSV (one row per task, or per task–department pair)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from plansite.catalog.model import Catalog, Edition, Task
from plansite.catalog.topics import tag

FORMATS = ("json", "csv", "responsibilities-csv", "glossary-csv")


def edition_json(catalog: Catalog, edition: Edition) -> dict[str, Any]:
    topic_tags = tag(edition, catalog.topics)
    named = {d for t in edition.tasks for d in t.departments}
    return {
        "plan": {
            "edition": edition.id,
            "series": edition.series,
            "title_zh": edition.title_zh,
            "title_en": edition.title_en or None,
            "title_en_alt": edition.title_en_alt,
            "issuer_zh": edition.issuer_zh,
            "issuer_en": edition.issuer_en,
            "issued": edition.issued.isoformat() if edition.issued else None,
            "published": edition.published.isoformat(),
            "official_url": edition.official_url,
            "official_publisher": edition.official_publisher,
            "official_publisher_url": edition.official_publisher_url,
            "translation_url": edition.translation_url,
            "translation_notice": edition.translation_notice,
        },
        "sections": [
            {
                "number": s.number,
                "title_en": s.title_en or None,
                "title_zh": s.title_zh,
                "zh_check": s.zh_check,
                "subsections": [
                    {
                        "number": x.number,
                        "title_en": x.title_en or None,
                        "title_zh": x.title_zh,
                        "zh_check": x.zh_check,
                    }
                    for x in s.subsections
                ],
            }
            for s in edition.sections
        ],
        "departments": [
            {
                "id": d.id,
                "name_en": d.name_en,
                "name_zh": d.name_zh,
                "short_zh": d.short_zh,
                "plan_zh": d.plan_zh,
                "zh_check": d.zh_check,
                "abbr": d.abbr,
                "kind": d.kind,
                "aliases": list(d.aliases),
                "garbled": list(d.garbled),
                "former_names": [f.name_zh for f in d.former_names],
                "predecessors": [p.id for p in catalog.predecessors(d.id)],
            }
            for d in catalog.departments
            if d.id in named  # the bodies this edition names (the registry serves every edition)
        ],
        "collectives": [{"id": c.id, "name_en": c.name_en, "name_zh": c.name_zh} for c in catalog.collectives],
        "topics": [{"id": t.id, "name_en": t.name_en, "name_zh": t.name_zh} for t in catalog.topics],
        "tasks": [
            {**task_json(t, edition), "topics": list(topic_tags[t.number]), **lineage_json(catalog, edition, t)}
            for t in edition.tasks
        ],
    }


def lineage_json(catalog: Catalog, edition: Edition, task: Task) -> dict[str, Any]:
    """The task's reviewed links to other editions (proposals are never exported as fact)."""
    facts = [link for link in catalog.links if link.is_fact]
    return {
        "predecessors": [
            {"edition": link.old_edition, "tasks": list(link.old_tasks), "kind": link.kind}
            for link in facts
            if link.new_edition == edition.id and link.new_task == task.number
        ],
        "successors": [
            {"edition": link.new_edition, "task": link.new_task, "kind": link.kind}
            for link in facts
            if link.old_edition == edition.id and task.number in link.old_tasks
        ],
    }


def task_json(task: Task, edition: Edition) -> dict[str, Any]:
    return {
        "number": task.number,
        "title_zh": task.title_zh or None,
        "title_en": task.title_en or None,
        "section": task.section,
        "subsection": task.subsection,
        "text_en": task.text_en or None,  # null: the edition has no English translation
        "text_zh": task.text_zh or None,
        "responsibility_en": task.responsibility_en or None,
        "responsibility_zh": task.responsibility_zh or None,
        "keywords_zh": list(task.keywords_zh),
        "responsibilities": [{"department": r.department, "role": r.role} for r in task.responsibilities],
        "collectives": list(task.collectives),
        "respective_duties": task.respective_duties,
        "and_others": task.and_others,
        "status": edition.status(task.number),
        "updates": [
            {
                "date": u.date.isoformat(),
                "status": u.status,
                "note_en": " ".join(u.note_en.split()),
                "note_zh": u.note_zh or None,
                "sources": [
                    {
                        "title": s.title,
                        "publisher": s.publisher,
                        "date": s.date.isoformat() if s.date else None,
                        "url": s.url,
                        "url_note": s.url_note or None,
                        "query": s.query or None,
                    }
                    for s in u.sources
                ],
            }
            for u in edition.history(task.number)
        ],
        "searched": search.searched.isoformat() if (search := edition.search(task.number)) else None,
        "queries": list(search.queries) if search else [],
    }


def to_json(catalog: Catalog, edition: Edition) -> str:
    return json.dumps(edition_json(catalog, edition), ensure_ascii=False, indent=2) + "\n"


# Excel on Windows reads a CSV file as the local code page unless it starts with a UTF-8 byte-order
# mark; with it, Chinese shows correctly there and every other reader ignores it.
UTF8_BOM = "\ufeff"

# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), @SUM(…), and
# DDE commands on old Excel), tab and carriage return included as OWASP lists them, NUL as OWASP's
# ASVS does, and the full-width forms that CJK input methods type. Such a text cell gets a leading
# single quote, which spreadsheets read as "this is text". Numbers (task numbers, positions) are
# written as they are; dates and ids start with a digit or a letter.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: object) -> object:
    """One CSV cell, safe to open in a spreadsheet (see FORMULA_TRIGGERS). A carriage return in a
    text becomes a line feed: the writer quotes a cell holding a line feed, but not one holding
    only a carriage return, which readers then take for the end of the row."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def safe_row(values: list[object]) -> list[object]:
    return [cell(v) for v in values]


def tasks_csv(catalog: Catalog, edition: Edition) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "edition",
            "number",
            "title_zh",
            "title_en",
            "section",
            "subsection",
            "lead",
            "lead_zh",
            "participants",
            "collectives",
            "respective_duties",
            "and_others",
            "status",
            "status_date",
            "topics",
            "text_en",
            "text_zh",
        ]
    )
    topic_tags = tag(edition, catalog.topics)
    for t in edition.tasks:
        lead = catalog.department(t.lead) if t.lead else None
        writer.writerow(
            safe_row(
                [
                    edition.id,
                    t.number,
                    t.title_zh,
                    t.title_en,
                    t.section,
                    t.subsection or "",
                    t.lead or "",
                    lead.name_zh if lead else "",
                    ";".join(t.participants),
                    ";".join(t.collectives),
                    str(t.respective_duties).lower(),
                    str(t.and_others).lower(),
                    edition.status(t.number),
                    history[-1].date.isoformat() if (history := edition.history(t.number)) else "",
                    ";".join(topic_tags[t.number]),
                    t.text_en,
                    t.text_zh,
                ]
            )
        )
    return UTF8_BOM + out.getvalue()


def responsibilities_csv(catalog: Catalog, edition: Edition) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["edition", "task", "position", "department", "role", "name_en", "name_zh"])
    for t in edition.tasks:
        for position, r in enumerate(t.responsibilities, 1):
            d = catalog.department(r.department)
            writer.writerow(safe_row([edition.id, t.number, position, d.id, r.role, d.name_en, d.name_zh]))
    return UTF8_BOM + out.getvalue()


def export(catalog: Catalog, edition: Edition, fmt: str) -> str:
    makers = {
        "json": to_json,
        "csv": tasks_csv,
        "responsibilities-csv": responsibilities_csv,
        "glossary-csv": glossary_csv,
    }
    return makers[fmt](catalog, edition)


def glossary_csv(catalog: Catalog, edition: Edition) -> str:
    """The edition's terms of art: our one English rendering, the translation's wordings, the tasks."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["term_zh", "term_en", "abbr_en", "translation_en", "tasks", "note_en"])
    for term in edition.glossary:
        writer.writerow(
            safe_row(
                [
                    term.term_zh,
                    term.term_en,
                    term.abbr_en,
                    ";".join(term.translation_en),
                    ";".join(map(str, term.tasks)),
                    term.note_en,
                ]
            )
        )
    return out.getvalue()
