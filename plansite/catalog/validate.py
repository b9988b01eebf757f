"""Cross-checks of the loaded catalog. Collects every problem; never stops at the first."""

from __future__ import annotations

from collections import Counter
from datetime import date

from plansite.catalog import crosscheck, lineagecheck, progresscheck, registrycheck, seriescheck
from plansite.catalog.model import Catalog, Edition
from plansite.catalog.problems import Problem
from plansite.catalog.schema import TITLE_EN_MAX, TITLE_ZH_MAX

MAX_TASK_NUMBER = 100_000  # a bound, so a typo like 1000000000000 costs nothing to report


def validate(catalog: Catalog, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems = registrycheck.registry_problems(catalog)
    problems += seriescheck.series_problems(catalog, today)
    for edition in catalog.editions:
        problems += edition_problems(edition, catalog)
        problems += progresscheck.update_problems(edition, today)
        problems += glossary_problems(edition)
        problems += title_problems(edition)
        problems += crosscheck.clause_problems(edition, catalog)
        problems += crosscheck.warnings(edition, catalog)
        problems += length_problems(edition, catalog)
        what = f"edition '{edition.id}'"
        problems += [
            Problem(edition.plan_file or "plan.yaml", 0, *p)
            for p in seriescheck.date_problems(what, edition.issued, edition.published, today, ("issued",))
        ]
    problems += registrycheck.topic_problems(catalog)
    problems += registrycheck.instrument_problems(catalog)
    problems += registrycheck.unused_department_warnings(catalog)
    problems += lineagecheck.problems(catalog)
    problems += registrycheck.succession_problems(catalog)
    problems += registrycheck.nameplate_problems(catalog)
    return problems


def length_problems(edition: Edition, catalog: Catalog) -> list[Problem]:
    """An edition's text against the count of tasks the series facts give: a shorter text passes
    only marked partial, never as the whole plan; a longer one, or one marked partial but whole, is wrong."""
    expected = next((e.tasks for e in catalog.series if e.id == edition.id), None)
    plan = edition.plan_file or "plan.yaml"
    have = len(edition.tasks)
    if expected is None or have == expected and not edition.partial:
        return []
    if have > expected:
        return [
            Problem(
                plan,
                0,
                f"edition '{edition.id}' holds {have} tasks, and data/series.yaml gives it {expected}",
                "check the imported text's task numbers, or the count in data/series.yaml if the facts are wrong",
            )
        ]
    if have < expected and not edition.partial:
        return [
            Problem(
                plan,
                0,
                f"edition '{edition.id}' holds {have} of the {expected} tasks data/series.yaml gives it, "
                "and would be published as the whole plan",
                "import the whole text, or add 'partial: true' to plan.yaml so pages say the text is partial",
            )
        ]
    if have == expected:
        return [
            Problem(
                plan,
                0,
                f"edition '{edition.id}' is marked partial but holds all {expected} tasks",
                "remove 'partial: true' from plan.yaml",
                "warning",
            )
        ]
    return []


def title_problems(edition: Edition) -> list[Problem]:
    """Every task has its editors' title and every title its task; an edition without titles.yaml
    builds, its headings the task number with the first sentence beneath (a warning says so)."""
    file = edition.titles_file
    if not edition.titles:
        return [
            Problem(
                file,
                0,
                "no editors' titles: task headings show the task number, with the task's first sentence beneath",
                "add titles.yaml (task, title_zh, title_en: what each task does, in the editors' words)",
                "warning",
            )
        ]
    problems: list[Problem] = []
    numbers = {t.number for t in edition.tasks}
    seen: dict[int, str] = {}
    for title in edition.titles:
        where = (title.origin.file, title.origin.line) if title.origin else (file, 0)
        if title.task in seen:
            problems.append(
                Problem(*where, f"task {title.task} has a second title (the first at {seen[title.task]})", "keep one")
            )
        seen.setdefault(title.task, f"line {where[1]}")
        if not 1 <= len(title.title_zh) <= TITLE_ZH_MAX:
            problems.append(
                Problem(
                    *where,
                    f"title_zh of task {title.task} has {len(title.title_zh)} characters",
                    f"write 1 to {TITLE_ZH_MAX} characters: what the task does, in the editors' words",
                )
            )
        if not 1 <= len(title.title_en.split()) <= TITLE_EN_MAX:
            problems.append(
                Problem(
                    *where,
                    f"title_en of task {title.task} has {len(title.title_en.split())} words",
                    f"write 1 to {TITLE_EN_MAX} words: what the task does, in the editors' words",
                )
            )
        if "…" in title.title_zh + title.title_en or "..." in title.title_en:
            problems.append(Problem(*where, f"the title of task {title.task} has an ellipsis", "write it whole"))
        if title.task not in numbers:
            problems.append(
                Problem(
                    *where,
                    f"title for task {title.task}, which does not exist",
                    "fix the task number, or remove the entry",
                    "warning",  # a removed task leaves its title unused, nothing wrong on a page
                )
            )
    if missing := sorted(numbers - set(seen)):
        problems.append(
            Problem(
                file,
                1,
                f"task{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} "
                f"{'have' if len(missing) > 1 else 'has'} no title",
                "add an entry for each (task, title_zh, title_en), in the editors' words",
            )
        )
    return problems


def glossary_problems(edition: Edition) -> list[Problem]:
    """Each term once; its tasks exist; each of the translation's wordings occurs in the translation."""
    problems: list[Problem] = []
    text = " ".join(
        [*edition.front_en, *edition.closing_en, *(t.text_en for t in edition.tasks)]
        + [s.title_en for s in edition.sections]
        + [x.title_en for s in edition.sections for x in s.subsections]
    ).lower()
    numbers = {t.number for t in edition.tasks}
    seen: set[str] = set()
    for term in edition.glossary:
        where = (term.origin.file, term.origin.line) if term.origin else ("glossary.yaml", 0)
        if term.term_zh in seen:
            problems.append(Problem(*where, f"term {term.term_zh} is given twice", "keep one entry per term"))
        seen.add(term.term_zh)
        for wording in term.translation_en:
            if " ".join(wording.lower().split()) not in text:
                problems.append(
                    Problem(
                        *where,
                        f"term {term.term_zh}: {wording!r} is not in the translation",
                        "list only wordings the translation uses, as it writes them",
                        "warning",  # a translation imported again may drop a wording: the page is still right
                    )
                )
        if unknown := sorted(set(term.tasks) - numbers):
            problems.append(
                Problem(
                    *where,
                    f"term {term.term_zh} names tasks {unknown} that do not exist",
                    "fix the task numbers",
                    "warning",
                )
            )
    return problems


def edition_problems(edition: Edition, catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    dept_ids = {d.id for d in catalog.departments}
    coll_ids = {c.id for c in catalog.collectives}
    sections = {s.number: s for s in edition.sections}
    # Named as the loader named them (with --data, under that folder's name).
    file = next((t.origin.file for t in edition.tasks if t.origin), f"data/editions/{edition.id}/content.en.yaml")
    plan_file = edition.plan_file or file.removesuffix("content.en.yaml") + "plan.yaml"

    if edition.official_publisher is not None and edition.official_publisher not in dept_ids:
        problems.append(
            Problem(
                plan_file,
                1,
                f"official_publisher '{edition.official_publisher}' is no known department",
                "use an id from data/departments.yaml, or null",
            )
        )

    for what, numbers in [("section", [s.number for s in edition.sections])] + [
        (f"subsection of section {s.number}", [x.number for x in s.subsections]) for s in edition.sections
    ]:
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(
                Problem(
                    file,
                    1,
                    f"{what} numbers are {numbers}, not 1 to {len(numbers)} in order",
                    "number them 1, 2, 3… in reading order",
                )
            )

    # Task numbers are URLs (/2025/tasks/57/): positive, each once, 1 to N without gaps.
    counts = Counter(t.number for t in edition.tasks)
    for task in edition.tasks:
        if task.number < 1:
            problems.append(
                Problem(
                    task.origin.file,
                    task.origin.line,
                    f"task number {task.number} is not positive",
                    "number the tasks 1, 2, 3… in reading order",
                )
            )
        elif task.number > MAX_TASK_NUMBER:
            problems.append(
                Problem(
                    task.origin.file,
                    task.origin.line,
                    f"task number {task.number} is larger than {MAX_TASK_NUMBER:,}",
                    "number the tasks 1, 2, 3… in reading order",
                )
            )
    firsts = {t.number: t for t in reversed(edition.tasks)}
    for number, n in sorted(counts.items()):
        if n > 1:
            first = firsts[number]
            problems.append(
                Problem(
                    first.origin.file,
                    first.origin.line,
                    f"task {number} appears {n} times",
                    "give each task its own number",
                )
            )
    in_range = [n for n in counts if 1 <= n <= MAX_TASK_NUMBER]
    missing = sorted(set(range(1, max([*in_range, len(edition.tasks)]) + 1)) - set(counts)) if edition.tasks else []
    if missing:
        listed = ", ".join(map(str, missing[:20])) + (f"… ({len(missing)} in all)" if len(missing) > 20 else "")
        problems.append(
            Problem(
                file,
                1,
                f"task numbers missing: {listed}",
                "tasks are numbered 1 to N without gaps: add them or renumber",
            )
        )

    for task in edition.tasks:
        where = (task.origin.file, task.origin.line)
        section = sections.get(task.section)
        if section is None:
            problems.append(
                Problem(
                    *where,
                    f"task {task.number} points at section {task.section}, which does not exist",
                    f"use one of sections {', '.join(str(s) for s in sections)}",
                )
            )
        elif task.subsection is None and section.subsections:
            problems.append(
                Problem(
                    *where,
                    f"task {task.number} has no subsection, but section {section.number} has subsections",
                    "set 'subsection' to the subsection it belongs to",
                )
            )
        elif task.subsection is not None and task.subsection not in {s.number for s in section.subsections}:
            problems.append(
                Problem(
                    *where,
                    f"task {task.number} points at subsection {task.section}.{task.subsection}, which does not exist",
                    "fix 'subsection' or add the subsection to the section",
                )
            )
        for dept in task.departments:
            if dept not in dept_ids:
                problems.append(
                    Problem(
                        *where,
                        f"task {task.number} names unknown department '{dept}'",
                        "use an id from data/departments.yaml or add the body there",
                    )
                )
        for dept, n in Counter(task.departments).items():
            if n > 1:
                problems.append(
                    Problem(
                        *where, f"task {task.number} names department '{dept}' {n} times", "name each department once"
                    )
                )
        for coll in task.collectives:
            if coll not in coll_ids:
                problems.append(
                    Problem(
                        *where,
                        f"task {task.number} names unknown collective '{coll}'",
                        "use an id from data/collectives.yaml",
                    )
                )
        if not task.departments and not task.collectives:
            problems.append(
                Problem(
                    *where,
                    f"task {task.number} names no one responsible",
                    "list its departments (the first named leads)",
                )
            )
        if not (task.text_en if edition.translated else task.text_zh).strip():
            field = "text_en" if edition.translated else "text_zh"
            problems.append(Problem(*where, f"task {task.number} has no text", f"give '{field}' the task's text"))
    return problems
