"""Checks of the series facts (data/series.yaml): ids that become anchors and links, dates a plan
can have, counts a plan can have."""

from __future__ import annotations

from datetime import date

from plansite.catalog.ids import edition_id_problem
from plansite.catalog.model import Catalog
from plansite.catalog.problems import Problem

EARLIEST = date(1980, 1, 1)  # before China's first trademark and patent laws: no plan of this kind
MAX_SECTIONS = 100
MAX_TASKS = 100_000  # as a task number may be (validate.MAX_TASK_NUMBER)


def date_problems(
    what: str,
    issued: date | None,
    published: date | None,
    today: date,
    may_be_unknown: tuple[str, ...] = ("issued", "published"),
) -> list[tuple[str, str]]:
    """A plan's dates: each from EARLIEST to today, and issued no later than published. The advice
    offers null only for the dates the file may leave unknown."""
    found = []
    for name, when in (("issued", issued), ("published", published)):
        if when is not None and not EARLIEST <= when <= today:
            found.append(
                (
                    f"{what}: '{name}' {when} is {'in the future' if when > today else f'before {EARLIEST.year}'}",
                    f"give the date the plan was {name} (YYYY-MM-DD)"
                    + (", or null if it is not known" if name in may_be_unknown else ""),
                )
            )
    if issued is not None and published is not None and published < issued:
        found.append(
            (
                f"{what}: published {published} before it was issued ({issued})",
                "check both dates: a plan is published on or after the day it is issued",
            )
        )
    return found


def series_problems(catalog: Catalog, today: date) -> list[Problem]:
    """Each series entry: an edition id (it becomes an anchor and a link), once; its dates and counts plausible."""
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for entry in catalog.series:
        where = (entry.origin.file, entry.origin.line) if entry.origin else ("data/series.yaml", 0)
        if problem := edition_id_problem(entry.id):
            problems.append(Problem(*where, f"series entry: {problem[0]}", problem[1]))
        elif entry.id in first:
            problems.append(
                Problem(
                    *where,
                    f"series entry '{entry.id}' is given twice (the first at {first[entry.id]})",
                    "keep one entry per edition",
                )
            )
        first.setdefault(entry.id, f"line {where[1]}")
        what = f"series entry '{entry.id}'"
        problems += [Problem(*where, *p) for p in date_problems(what, entry.issued, entry.published, today)]
        for name, count, most in (("tasks", entry.tasks, MAX_TASKS), ("sections", entry.sections, MAX_SECTIONS)):
            if count is not None and not 1 <= count <= most:
                problems.append(
                    Problem(
                        *where,
                        f"{what}: '{name}' is {count}, not from 1 to {most:,}",
                        f"give the number of {name} the plan has, or null if it is not known",
                    )
                )
        if entry.tasks is not None and entry.sections is not None and 1 <= entry.tasks < entry.sections:
            problems.append(
                Problem(
                    *where,
                    f"{what}: {entry.sections} sections but only {entry.tasks} tasks",
                    "check both counts: every section holds a task",
                )
            )
    return problems
