"""Checks of the shared registries: departments and collectives, topics, instruments, succession."""

from __future__ import annotations

import re

from plansite.catalog.clause_en import has_verb, normalize
from plansite.catalog.model import Catalog, Instrument
from plansite.catalog.problems import Problem
from plansite.catalog.text import CJK
from plansite.catalog.vocab import ACTIONS, DEPARTMENT_KINDS, INSTRUMENT_KINDS, ZH_CHECKS

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # whole (fullmatch): `$` would let a final newline through


def succession_problems(catalog: Catalog) -> list[Problem]:
    ids = {d.id for d in catalog.departments}
    return [
        Problem(
            d.origin.file,
            d.origin.line,
            f"department '{d.id}' names successor '{d.successor}', which is no known department",
            "use the id of the body that took over, from data/departments.yaml",
        )
        for d in catalog.departments
        if d.successor and (d.successor not in ids or d.successor == d.id) and d.origin
    ]


def registry_problems(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    for entry in (*catalog.departments, *catalog.collectives):
        file, line = entry.origin.file, entry.origin.line
        if not SLUG.fullmatch(entry.id):
            problems.append(
                Problem(
                    file,
                    line,
                    f"id {entry.id!r} is not a slug",
                    "use lower-case letters, digits and single hyphens (it becomes part of URLs)",
                )
            )
        if entry.id in seen_ids:
            problems.append(
                Problem(
                    file,
                    line,
                    f"id '{entry.id}' is used twice (first at {seen_ids[entry.id]})",
                    "give each body one entry with a unique id",
                )
            )
        else:
            seen_ids[entry.id] = str(entry.origin)
        if not entry.name_zh.strip() or not entry.name_en.strip():
            problems.append(Problem(file, line, f"'{entry.id}' has an empty name", "give both name_en and name_zh"))
        if not entry.aliases:
            problems.append(
                Problem(file, line, f"'{entry.id}' has no aliases", "list the English names sources use for it")
            )
        own: set[str] = set()
        for alias in (*entry.aliases, *entry.names_zh):
            if has_verb(alias):  # "Responsible for X" is a clause's wording, and would swallow it
                problems.append(
                    Problem(
                        file,
                        line,
                        f"'{entry.id}' has the name '{alias}', which holds a clause word (responsible, is, 负责 …)",
                        "a name is the body's name alone: remove the clause's words from it",
                    )
                )
        for alias in entry.aliases:
            key = normalize(alias)
            if key in own:
                problems.append(
                    Problem(
                        file,
                        line,
                        f"'{entry.id}' lists alias '{alias}' twice",
                        "list each name once: under 'aliases' if it is a name of the body, under 'garbled' if "
                        "it is a mistranslation",
                    )
                )
            own.add(key)
            owner = alias_owner.setdefault(key, entry.id)
            if owner != entry.id:
                problems.append(
                    Problem(
                        file,
                        line,
                        f"alias '{alias}' of '{entry.id}' already names '{owner}'",
                        "an alias must name exactly one body: remove one of them",
                    )
                )
    # A Chinese clause is resolved by name: each Chinese name must name one body.
    zh_owner: dict[str, str] = {}
    for entry in (*catalog.departments, *catalog.collectives):
        for name in entry.names_zh:
            owner = zh_owner.setdefault(name, entry.id)
            if owner != entry.id:
                problems.append(
                    Problem(
                        entry.origin.file,
                        entry.origin.line,
                        f"Chinese name '{name}' of '{entry.id}' already names '{owner}'",
                        "a Chinese name must name exactly one body: remove it from one of them",
                    )
                )
    for dept in catalog.departments:
        if dept.kind not in DEPARTMENT_KINDS:
            problems.append(
                Problem(
                    dept.origin.file,
                    dept.origin.line,
                    f"department '{dept.id}' has unknown kind '{dept.kind}'",
                    f"use one of: {', '.join(DEPARTMENT_KINDS)}",
                )
            )
        if not CJK.search(dept.plan_zh):
            problems.append(
                Problem(
                    dept.origin.file,
                    dept.origin.line,
                    f"department '{dept.id}' has no Chinese plan_zh",
                    "give the name as the plan writes it (or, until checked, the official short name) with "
                    "zh_check: reconstructed",
                )
            )
        if dept.zh_check not in ZH_CHECKS:
            problems.append(
                Problem(
                    dept.origin.file,
                    dept.origin.line,
                    f"department '{dept.id}' has unknown zh_check '{dept.zh_check}'",
                    f"use one of: {', '.join(ZH_CHECKS)}",
                )
            )
    return problems


def id_problems(entries: tuple, what: str) -> list[Problem]:
    """Registry ids become URLs: each must be a slug, and unique."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for entry in entries:
        where = (entry.origin.file, entry.origin.line)
        if not SLUG.fullmatch(entry.id):
            problems.append(
                Problem(
                    *where,
                    f"{what} id {entry.id!r} is not a slug",
                    "use lower-case letters, digits and single hyphens (it becomes part of URLs)",
                )
            )
        if entry.id in seen:
            problems.append(Problem(*where, f"{what} id '{entry.id}' is used twice", f"give each {what} one entry"))
        seen.add(entry.id)
    return problems


def topic_problems(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    problems += id_problems(catalog.topics, "topic")
    ids = {topic.id for topic in catalog.topics}
    for topic in catalog.topics:
        where = (topic.origin.file, topic.origin.line)
        if not topic.terms_en:
            problems.append(
                Problem(
                    *where,
                    f"topic '{topic.id}' has no terms",
                    "list the English terms that mark a task as belonging to it",
                )
            )
    for edition in catalog.editions:
        numbers = {t.number for t in edition.tasks}
        for o in edition.topic_overrides:
            where = (o.origin.file, o.origin.line)
            if o.task not in numbers:
                problems.append(
                    Problem(*where, f"topic correction for task {o.task}, which does not exist", "fix the task number")
                )
            for topic_id in (*o.add, *o.remove):
                if topic_id not in ids:
                    problems.append(
                        Problem(
                            *where,
                            f"topic correction for task {o.task} names unknown topic '{topic_id}'",
                            "use an id from data/topics.yaml",
                        )
                    )
    return problems


def instrument_problems(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    problems += id_problems(catalog.instruments, "instrument")
    by_id: dict[str, Instrument] = {ins.id: ins for ins in catalog.instruments}
    for ins in catalog.instruments:
        where = (ins.origin.file, ins.origin.line)
        if ins.kind not in INSTRUMENT_KINDS:
            problems.append(
                Problem(
                    *where,
                    f"instrument '{ins.id}' has unknown kind '{ins.kind}'",
                    f"use one of: {', '.join(INSTRUMENT_KINDS)}",
                )
            )
        if ins.zh_check not in ZH_CHECKS:
            problems.append(
                Problem(
                    *where,
                    f"instrument '{ins.id}' has unknown zh_check '{ins.zh_check}'",
                    f"use one of: {', '.join(ZH_CHECKS)}",
                )
            )
        for relation, target in ins.relations:
            if target not in by_id or target == ins.id:
                problems.append(
                    Problem(
                        *where,
                        f"instrument '{ins.id}' {relation} '{target}', which is no other instrument",
                        "use an id from data/instruments.yaml",
                    )
                )
    for edition in catalog.editions:
        by_number = {t.number: t for t in reversed(edition.tasks)}
        for m in edition.mentions:
            where = (m.origin.file, m.origin.line)
            tasks = [by_number[m.task]] if m.task in by_number else []
            if not tasks:
                problems.append(
                    Problem(
                        *where, f"instrument mention for task {m.task}, which does not exist", "fix the task number"
                    )
                )
            if m.action not in ACTIONS:
                problems.append(
                    Problem(*where, f"task {m.task}: unknown action '{m.action}'", f"use one of: {', '.join(ACTIONS)}")
                )
            ins = by_id.get(m.instrument)
            if ins is None:
                problems.append(
                    Problem(
                        *where,
                        f"task {m.task} names unknown instrument '{m.instrument}'",
                        "use an id from data/instruments.yaml",
                    )
                )
            elif tasks and not any(normalize(a) in normalize(tasks[0].text_en) for a in ins.aliases):
                problems.append(
                    Problem(
                        *where,
                        f"task {m.task} does not name '{m.instrument}' under any of its aliases",
                        "fix the mention, or add the task's wording as an alias",
                    )
                )
    return problems


def unused_department_warnings(catalog: Catalog) -> list[Problem]:
    named = {d for e in catalog.editions for t in e.tasks for d in t.departments}
    return [
        Problem(
            d.origin.file,
            d.origin.line,
            f"department '{d.id}' is named by no task",
            "fine if a later edition names it; otherwise remove it",
            "warning",
        )
        for d in catalog.departments
        if d.id not in named and not d.successor  # a body that was succeeded is kept for older editions' names
    ]


def nameplate_problems(catalog: Catalog) -> list[Problem]:
    """A nameplate is the body's own other name: a Chinese text that names it must reach the same
    body, so its Chinese name is one of the body's aliases_zh."""
    return [
        Problem(
            d.origin.file,
            d.origin.line,
            f"'{d.id}': nameplate {plate.name_zh} is not among its aliases_zh",
            f"add {plate.name_zh} to aliases_zh of '{d.id}', or remove the nameplate if it names another body",
        )
        for d in catalog.departments
        for plate in d.nameplates
        if plate.name_zh not in d.aliases_zh
    ]
