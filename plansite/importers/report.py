"""What an import tells its user: an unknown name's problem (with the ids to add it to) and the
closing summary to compare with the text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plansite.catalog.clause_en import UnknownName, has_verb
from plansite.catalog.problems import Problem
from plansite.catalog.text import QUOTED, clip, escaped


@dataclass
class Imported:
    """An import's result: the mapping to write, the warnings to print, the lines skipped."""

    content: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)
    skipped: int = 0


def unknown_name(
    file: str, line: int, task: int, exc: UnknownName, owner: Callable[[str], str], registry_key: str
) -> Problem:
    """An unknown name, quoted with its invisible characters shown. A phrase holding a clause word is
    the clause's wording, never advised as an alias; otherwise the closest names come with the id of
    the entry to add the name to."""
    name = escaped(clip(exc.name, QUOTED))
    if has_verb(exc.name):
        return Problem(
            file,
            line,
            f'task {task}: the clause wording "{name}" is not read',
            "write the clause as '(The … is responsible)', '(Responsible by …)' or '（…负责）', naming the bodies "
            "alone; it is no name, so do not add it to the registry",
        )
    closest = ", ".join(f'"{escaped(s)}" (id: {owner(s)})' for s in exc.suggestions) or "none"
    return Problem(
        file,
        line,
        f'task {task} names "{name}", which is no known department',
        f"if it is a known body under another name, add this name to the {registry_key} of that body's entry in "
        f"data/departments.yaml (closest known: {closest}); never add a department that does not exist",
    )


def summary(content: dict[str, Any], skipped: int, expected: int | None, partial: bool) -> list[str]:
    """Counts a user can check against the text, and what the series facts say of its length."""
    tasks = content["tasks"]
    sections = content.get("sections") or [h for h in content.get("headings", []) if "." not in h["number"]]
    subsections = (
        sum(len(s.get("subsections", [])) for s in sections)
        if "sections" in content
        else len([h for h in content.get("headings", []) if "." in h["number"]])
    )
    bodies = {d for t in tasks for d in (*t["departments"], *t["collectives"])}
    lines = [
        f"imported: {len(sections)} sections, {subsections} subsections, {len(tasks)} tasks "
        f"(numbered {tasks[0]['number']}–{tasks[-1]['number']}), {len(bodies)} bodies named, "
        f"{sum(t['respective_duties'] for t in tasks)} tasks 'according to their respective duties' (按职责分工), "
        f"{sum(t['and_others'] for t in tasks)} with 'and others' (等), {skipped} lines skipped"
    ]
    if expected is None:
        lines.append(
            "the series facts (data/series.yaml) give no task count for this edition: compare the counts above with "
            "the text; if it is incomplete, set 'partial: true' in its plan.yaml"
        )
    elif partial:
        lines.append(f"a partial edition: {len(tasks)} of the {expected} tasks the series facts give")
    else:
        lines.append(f"the series facts give {expected} tasks: the text is whole")
    return lines
