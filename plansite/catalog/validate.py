"""Cross-checks of the loaded catalog. Collects every problem; never stops at the first."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from plansite.catalog import crosscheck, lineagecheck
from plansite.catalog.clause_en import normalize
from plansite.catalog.model import Catalog, Edition, Instrument
from plansite.catalog.problems import Problem
from plansite.catalog.vocab import ACTIONS, DEPARTMENT_KINDS, INSTRUMENT_KINDS, STATUSES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TASK_NUMBER = 100_000  # a bound, so a typo like 1000000000000 costs nothing to report
CJK = re.compile(r"[\u4e00-\u9fff]")


def validate(catalog: Catalog, today: date | None = None) -> list[Problem]:
    problems = registry_problems(catalog)
    for edition in catalog.editions:
        problems += edition_problems(edition, catalog)
        problems += update_problems(edition, today or date.today())
        problems += crosscheck.clause_problems(edition, catalog)
        problems += crosscheck.warnings(edition, catalog)
    problems += topic_problems(catalog)
    problems += instrument_problems(catalog)
    problems += unused_department_warnings(catalog)
    problems += lineagecheck.problems(catalog)
    problems += succession_problems(catalog)
    return problems


def succession_problems(catalog: Catalog) -> list[Problem]:
    ids = {d.id for d in catalog.departments}
    return [Problem(d.origin.file, d.origin.line, f"department '{d.id}' names successor '{d.successor}', which is no known department",
                    "use the id of the body that took over, from data/departments.yaml")
            for d in catalog.departments if d.successor and (d.successor not in ids or d.successor == d.id) and d.origin]


def registry_problems(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    for entry in (*catalog.departments, *catalog.collectives):
        file, line = entry.origin.file, entry.origin.line
        if not SLUG.match(entry.id):
            problems.append(Problem(file, line, f"id '{entry.id}' is not a slug", "use lower-case letters, digits and single hyphens (it becomes part of URLs)"))
        if entry.id in seen_ids:
            problems.append(Problem(file, line, f"id '{entry.id}' is used twice (first at {seen_ids[entry.id]})", "give each body one entry with a unique id"))
        else:
            seen_ids[entry.id] = str(entry.origin)
        if not entry.name_zh.strip() or not entry.name_en.strip():
            problems.append(Problem(file, line, f"'{entry.id}' has an empty name", "give both name_en and name_zh"))
        if not entry.aliases:
            problems.append(Problem(file, line, f"'{entry.id}' has no aliases", "list the English names sources use for it"))
        own: set[str] = set()
        for alias in entry.aliases:
            key = normalize(alias)
            if key in own:
                problems.append(Problem(file, line, f"'{entry.id}' lists alias '{alias}' twice", "list each name once: under 'aliases' if it is a name of the body, under 'garbled_aliases' if it is a mistranslation"))
            own.add(key)
            owner = alias_owner.setdefault(key, entry.id)
            if owner != entry.id:
                problems.append(Problem(file, line, f"alias '{alias}' of '{entry.id}' already names '{owner}'", "an alias must name exactly one body: remove one of them"))
    # A Chinese clause is resolved by name: each Chinese name must name one body.
    zh_owner: dict[str, str] = {}
    for entry in (*catalog.departments, *catalog.collectives):
        for name in entry.names_zh:
            owner = zh_owner.setdefault(name, entry.id)
            if owner != entry.id:
                problems.append(Problem(entry.origin.file, entry.origin.line, f"Chinese name '{name}' of '{entry.id}' already names '{owner}'",
                                        "a Chinese name must name exactly one body: remove it from one of them"))
    for dept in catalog.departments:
        if dept.kind not in DEPARTMENT_KINDS:
            problems.append(Problem(dept.origin.file, dept.origin.line, f"department '{dept.id}' has unknown kind '{dept.kind}'", f"use one of: {', '.join(DEPARTMENT_KINDS)}"))
        if not CJK.search(dept.plan_zh):
            problems.append(Problem(dept.origin.file, dept.origin.line, f"department '{dept.id}' has no Chinese plan_zh", "give the name as the plan writes it (or, until checked, the official short name) with plan_zh_checked: false"))
    return problems


def edition_problems(edition: Edition, catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    dept_ids = {d.id for d in catalog.departments}
    coll_ids = {c.id for c in catalog.collectives}
    sections = {s.number: s for s in edition.sections}
    # Named as the loader named them (with --data, under that folder's name).
    file = next((t.origin.file for t in edition.tasks if t.origin), f"data/editions/{edition.id}/content.en.yaml")
    plan_file = file.removesuffix("content.en.yaml") + "plan.yaml"

    if edition.official_publisher is not None and edition.official_publisher not in dept_ids:
        problems.append(Problem(plan_file, 1, f"official_publisher '{edition.official_publisher}' is no known department", "use an id from data/departments.yaml, or null"))

    for what, numbers in [("section", [s.number for s in edition.sections])] + [
        (f"subsection of section {s.number}", [x.number for x in s.subsections]) for s in edition.sections
    ]:
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(Problem(file, 1, f"{what} numbers are {numbers}, not 1 to {len(numbers)} in order", "number them 1, 2, 3… in reading order"))

    # Task numbers are URLs (/2025/tasks/57/): positive, each once, 1 to N without gaps.
    counts = Counter(t.number for t in edition.tasks)
    for task in edition.tasks:
        if task.number < 1:
            problems.append(Problem(task.origin.file, task.origin.line, f"task number {task.number} is not positive", "number the tasks 1, 2, 3… in reading order"))
        elif task.number > MAX_TASK_NUMBER:
            problems.append(Problem(task.origin.file, task.origin.line, f"task number {task.number} is larger than {MAX_TASK_NUMBER:,}", "number the tasks 1, 2, 3… in reading order"))
    firsts = {t.number: t for t in reversed(edition.tasks)}
    for number, n in sorted(counts.items()):
        if n > 1:
            first = firsts[number]
            problems.append(Problem(first.origin.file, first.origin.line, f"task {number} appears {n} times", "give each task its own number"))
    in_range = [n for n in counts if 1 <= n <= MAX_TASK_NUMBER]
    missing = sorted(set(range(1, max([*in_range, len(edition.tasks)]) + 1)) - set(counts)) if edition.tasks else []
    if missing:
        listed = ", ".join(map(str, missing[:20])) + (f"… ({len(missing)} in all)" if len(missing) > 20 else "")
        problems.append(Problem(file, 1, f"task numbers missing: {listed}", "tasks are numbered 1 to N without gaps: add them or renumber"))

    for task in edition.tasks:
        where = (task.origin.file, task.origin.line)
        section = sections.get(task.section)
        if section is None:
            problems.append(Problem(*where, f"task {task.number} points at section {task.section}, which does not exist", f"use one of sections {', '.join(str(s) for s in sections)}"))
        elif task.subsection is None and section.subsections:
            problems.append(Problem(*where, f"task {task.number} has no subsection, but section {section.number} has subsections", "set 'subsection' to the subsection it belongs to"))
        elif task.subsection is not None and task.subsection not in {s.number for s in section.subsections}:
            problems.append(Problem(*where, f"task {task.number} points at subsection {task.section}.{task.subsection}, which does not exist", "fix 'subsection' or add the subsection to the section"))
        for dept in task.departments:
            if dept not in dept_ids:
                problems.append(Problem(*where, f"task {task.number} names unknown department '{dept}'", "use an id from data/departments.yaml or add the body there"))
        for dept, n in Counter(task.departments).items():
            if n > 1:
                problems.append(Problem(*where, f"task {task.number} names department '{dept}' {n} times", "name each department once"))
        for coll in task.collectives:
            if coll not in coll_ids:
                problems.append(Problem(*where, f"task {task.number} names unknown collective '{coll}'", "use an id from data/collectives.yaml"))
        if not task.departments and not task.collectives:
            problems.append(Problem(*where, f"task {task.number} names no one responsible", "list its departments (the first named leads)"))
        if not task.text_en.strip():
            problems.append(Problem(*where, f"task {task.number} has no text", "give 'text_en' the task's text"))
    return problems


def id_problems(entries: tuple, what: str) -> list[Problem]:
    """Registry ids become URLs: each must be a slug, and unique."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for entry in entries:
        where = (entry.origin.file, entry.origin.line)
        if not SLUG.match(entry.id):
            problems.append(Problem(*where, f"{what} id '{entry.id}' is not a slug", "use lower-case letters, digits and single hyphens (it becomes part of URLs)"))
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
            problems.append(Problem(*where, f"topic '{topic.id}' has no terms", "list the English terms that mark a task as belonging to it"))
    for edition in catalog.editions:
        numbers = {t.number for t in edition.tasks}
        for o in edition.topic_overrides:
            where = (o.origin.file, o.origin.line)
            if o.task not in numbers:
                problems.append(Problem(*where, f"topic correction for task {o.task}, which does not exist", "fix the task number"))
            for topic_id in (*o.add, *o.remove):
                if topic_id not in ids:
                    problems.append(Problem(*where, f"topic correction for task {o.task} names unknown topic '{topic_id}'", "use an id from data/topics.yaml"))
    return problems


def instrument_problems(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    problems += id_problems(catalog.instruments, "instrument")
    by_id: dict[str, Instrument] = {ins.id: ins for ins in catalog.instruments}
    for ins in catalog.instruments:
        where = (ins.origin.file, ins.origin.line)
        if ins.kind not in INSTRUMENT_KINDS:
            problems.append(Problem(*where, f"instrument '{ins.id}' has unknown kind '{ins.kind}'", f"use one of: {', '.join(INSTRUMENT_KINDS)}"))
        if ins.zh_status not in ("confirmed", "reconstructed"):
            problems.append(Problem(*where, f"instrument '{ins.id}' has unknown zh_status '{ins.zh_status}'", "use 'confirmed' or 'reconstructed'"))
        for relation, target in ins.relations:
            if target not in by_id or target == ins.id:
                problems.append(Problem(*where, f"instrument '{ins.id}' {relation} '{target}', which is no other instrument", "use an id from data/instruments.yaml"))
    for edition in catalog.editions:
        by_number = {t.number: t for t in reversed(edition.tasks)}
        for m in edition.mentions:
            where = (m.origin.file, m.origin.line)
            tasks = [by_number[m.task]] if m.task in by_number else []
            if not tasks:
                problems.append(Problem(*where, f"instrument mention for task {m.task}, which does not exist", "fix the task number"))
            if m.action not in ACTIONS:
                problems.append(Problem(*where, f"task {m.task}: unknown action '{m.action}'", f"use one of: {', '.join(ACTIONS)}"))
            ins = by_id.get(m.instrument)
            if ins is None:
                problems.append(Problem(*where, f"task {m.task} names unknown instrument '{m.instrument}'", "use an id from data/instruments.yaml"))
            elif tasks and not any(normalize(a) in normalize(tasks[0].text_en) for a in ins.aliases):
                problems.append(Problem(*where, f"task {m.task} does not name '{m.instrument}' under any of its aliases", "fix the mention, or add the task's wording as an alias"))
    return problems


def update_problems(edition: Edition, today: date) -> list[Problem]:
    problems: list[Problem] = []
    numbers = {t.number for t in edition.tasks}
    first_on: dict[tuple[int, date], str] = {}
    for u in edition.updates:
        where = (u.origin.file, u.origin.line)
        # One update per task and date: two would make the latest status depend on the order of
        # the file, and give two feed entries one id.
        other = first_on.setdefault((u.task, u.date), str(u.origin))
        if other != str(u.origin):
            problems.append(Problem(*where, f"task {u.task} has a second update dated {u.date} (the first at {other})",
                                    "make them one update (its note can say both things, with both sources), or correct the date"))
        if u.task not in numbers:
            problems.append(Problem(*where, f"update for task {u.task}, which does not exist", "fix the task number"))
        if u.status not in STATUSES:
            problems.append(Problem(*where, f"update of task {u.task}: unknown status '{u.status}'", f"use one of: {', '.join(STATUSES)}"))
        if u.date < edition.issued:
            problems.append(Problem(*where, f"update of task {u.task} is dated {u.date}, before the plan was issued ({edition.issued})", "check the date"))
        if u.date > today:
            problems.append(Problem(*where, f"update of task {u.task} is dated {u.date}, in the future", "record only what has happened"))
        if not u.sources:
            problems.append(Problem(*where, f"update of task {u.task} has no source", "add at least one source (title, publisher, date, url): no update without a source"))
        for s in u.sources:
            if s.url and not s.url.startswith(("https://", "http://")):
                problems.append(Problem(*where, f"update of task {u.task}: source url {s.url!r} is not a web address", "give an http(s) address or null"))
    return problems


def unused_department_warnings(catalog: Catalog) -> list[Problem]:
    named = {d for e in catalog.editions for t in e.tasks for d in t.departments}
    return [
        Problem(d.origin.file, d.origin.line, f"department '{d.id}' is named by no task", "fine if a later edition names it; otherwise remove it", "warning")
        for d in catalog.departments
        if d.id not in named and not d.successor  # a body that was succeeded is kept for older editions' names
    ]
