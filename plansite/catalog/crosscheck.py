"""The two languages check each other: where the translation places a task, and whom it names as
responsible, against the official Chinese text (imported) or, without it, the clauses recorded from
it (clauses.zh.yaml). Each disagreement quotes both sides; `check` warns, and the translation-notes
page lists them for readers."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from plansite.catalog.clause_en import UnknownName
from plansite.catalog.clause_zh import ZhNames
from plansite.catalog.model import Catalog, ChineseTask, Edition, Task
from plansite.catalog.problems import Origin, Problem


@dataclass(frozen=True)
class Side:
    """One task's placement and clause as one language has it."""

    section: int | None  # None where that side does not say (a recorded clause)
    subsection: int | None
    departments: tuple[str, ...]
    collectives: tuple[str, ...]
    respective_duties: bool
    and_others: bool
    clause: str
    origin: Origin | None


@dataclass(frozen=True)
class Disagreement:
    task: int  # 0: about the plan as a whole (its task count)
    what: str
    zh: str  # the Chinese side as it words it
    en: str
    zh_at: str  # file:line
    en_at: str


def resolved(names: ZhNames, bodies: tuple[str, ...]) -> list[tuple[str, str]]:
    """(kind, id) of each body a recorded clause names; unknown names are left out (`clause_problems`
    reports them)."""
    found = []
    for body in bodies:
        with contextlib.suppress(UnknownName):
            found.append(names.resolve(body))
    return found


def chinese_sides(edition: Edition, catalog: Catalog) -> dict[int, Side]:
    """The Chinese side of every task it knows: the imported text, else the recorded clauses
    (whose unknown names are `validate`'s errors and are left out here)."""
    if edition.official_zh:
        return {t.number: side_of_official(t) for t in edition.official_zh}
    names = ZhNames(catalog.departments, catalog.collectives)
    sides = {}
    for c in edition.checked_clauses:
        bodies = resolved(names, c.bodies)
        sides[c.task] = Side(
            None,
            None,
            tuple(i for k, i in bodies if k == "department"),
            tuple(i for k, i in bodies if k == "collective"),
            c.respective_duties,
            c.and_others,
            "、".join(c.bodies)
            + ("等" if c.and_others else "")
            + ("按职责分工" if c.respective_duties else "")
            + "负责",
            c.origin,
        )
    return sides


def side_of_official(t: ChineseTask) -> Side:
    return Side(
        t.section,
        t.subsection,
        t.departments,
        t.collectives,
        t.respective_duties,
        t.and_others,
        t.responsibility_zh,
        t.origin,
    )


def side_of_translation(t: Task) -> Side:
    return Side(
        t.section,
        t.subsection,
        t.departments,
        t.collectives,
        t.respective_duties,
        t.and_others,
        t.responsibility_en,
        t.origin,
    )


def disagreements(edition: Edition, catalog: Catalog) -> list[Disagreement]:
    """Every disagreement between the two languages, in task order."""
    zh_sides = chinese_sides(edition, catalog)
    en_sides = {t.number: side_of_translation(t) for t in edition.tasks}
    found: list[Disagreement] = []
    if edition.official_zh and len(zh_sides) != len(en_sides):
        first_zh = next(iter(zh_sides.values()), None)
        first_en = next(iter(en_sides.values()), None)
        found.append(
            Disagreement(
                0,
                "the number of tasks differs",
                f"{len(zh_sides)} tasks",
                f"{len(en_sides)} tasks",
                at(first_zh and first_zh.origin),
                at(first_en and first_en.origin),
            )
        )
    for number in sorted(zh_sides.keys() | (en_sides.keys() if edition.official_zh else set())):
        zh, en = zh_sides.get(number), en_sides.get(number)
        if zh is None or en is None:
            only = "Chinese text" if en is None else "translation"
            found.append(
                Disagreement(
                    number,
                    f"task {number} is only in the {only}",
                    zh.clause if zh else "—",
                    en.clause if en else "—",
                    at(zh and zh.origin),
                    at(en and en.origin),
                )
            )
            continue
        found += [
            Disagreement(number, what, zh.clause, en.clause, at(zh.origin), at(en.origin))
            for what in compare(zh, en, catalog)
        ]
    return found


def compare(zh: Side, en: Side, catalog: Catalog) -> list[str]:
    """What differs between the two sides of one task, in words."""
    label = {d.id: d.plan_name for d in catalog.departments} | {c.id: c.name_zh for c in catalog.collectives}

    def names(ids: list[str] | set[str]) -> str:
        return "、".join(label.get(i, i) for i in ids)

    found = []
    if zh.section is not None and (zh.section, zh.subsection) != (en.section, en.subsection):
        found.append(f"placed under {place(zh)} in the Chinese text, under {place(en)} in the translation")
    zh_bodies, en_bodies = [*zh.departments, *zh.collectives], [*en.departments, *en.collectives]
    if only_zh := [b for b in zh_bodies if b not in en_bodies]:
        found.append(f"named in the Chinese text only: {names(only_zh)}")
    if only_en := [b for b in en_bodies if b not in zh_bodies]:
        found.append(f"named in the translation only: {names(only_en)}")
    common_zh = [d for d in zh.departments if d in en.departments]
    common_en = [d for d in en.departments if d in zh.departments]
    if common_zh != common_en:
        lead = (
            f" (the lead: {names(common_zh[:1])} in the Chinese text, {names(common_en[:1])} in the translation)"
            if common_zh[:1] != common_en[:1]
            else ""
        )
        found.append(f"the departments are named in another order{lead}")
    if zh.respective_duties != en.respective_duties:
        found.append(
            "按职责分工 (according to their respective duties) in the Chinese text only"
            if zh.respective_duties
            else '"according to their respective duties" in the translation only'
        )
    if zh.and_others != en.and_others:
        found.append(
            "等 (and others) in the Chinese text only"
            if zh.and_others
            else '"and other departments" in the translation only'
        )
    return found


def place(side: Side) -> str:
    return f"section {side.section}" + (f".{side.subsection}" if side.subsection is not None else "")


def at(origin: Origin | None) -> str:
    return str(origin) if origin else "—"


def warnings(edition: Edition, catalog: Catalog) -> list[Problem]:
    """`check`'s warnings: one per disagreement, at the Chinese side's line, quoting both clauses."""
    problems = []
    for d in disagreements(edition, catalog):
        where = d.zh_at if d.zh_at != "—" else d.en_at  # a task only in the translation is located there
        file, _, line = where.rpartition(":")
        subject = f"task {d.task}: " if d.task else ""
        problems.append(
            Problem(
                file or where,
                int(line) if line.isdigit() else 0,
                f'{subject}{d.what}: 「{d.zh}」 ({d.zh_at}) vs "{d.en}" ({d.en_at})',
                f"check the translation against the official text; /{edition.id}/translation-notes/ lists this for "
                "readers",
                severity="warning",
            )
        )
    return problems


def clause_problems(edition: Edition, catalog: Catalog) -> list[Problem]:
    """A recorded clause must name known bodies and existing tasks; so must reviewed keywords."""
    names = ZhNames(catalog.departments, catalog.collectives)
    numbers = {t.number for t in edition.tasks}
    # Left over from a removed task: a warning, as nothing would show them.
    problems = [
        Problem(
            k.origin.file,
            k.origin.line,
            f"keywords are given for task {k.task}, which does not exist",
            "fix the task number or remove the entry",
            severity="warning",
        )
        for k in edition.keywords
        if k.task not in numbers and k.origin
    ]
    first: dict[int, str] = {}
    for c in edition.checked_clauses:
        where = (c.origin.file, c.origin.line) if c.origin else ("clauses.zh.yaml", 0)
        if c.task in first:  # the second would silently replace the first in the comparison
            problems.append(
                Problem(
                    *where,
                    f"a clause for task {c.task} is recorded twice (the first at {first[c.task]})",
                    "keep the one the official text has",
                )
            )
        first.setdefault(c.task, f"line {where[1]}")
        if not c.bodies:
            problems.append(
                Problem(
                    *where,
                    f"the clause of task {c.task} names no body ('bodies' is empty)",
                    "list the bodies as the official text names them, in its order",
                )
            )
        if c.task not in numbers:
            problems.append(
                Problem(
                    *where,
                    f"a clause is recorded for task {c.task}, which does not exist",
                    "fix the task number or remove the entry",
                    severity="warning",
                )
            )
        for b in c.bodies:
            try:
                names.resolve(b)
            except UnknownName as exc:
                closest = ", ".join(exc.suggestions) or "none"
                problems.append(
                    Problem(
                        *where,
                        f"task {c.task}: '{b}' is no Chinese name in the registry",
                        "write the body as the registry names it (name_zh, short_zh, plan_zh or aliases_zh in "
                        f"data/departments.yaml; closest: {closest})",
                    )
                )
    return problems
