"""An edition with no English translation (no content.en.yaml): its sections and tasks read from the
official Chinese text alone (official.zh.yaml). The English titles and texts stay empty, never
guessed; pages mark them as not translated."""

from __future__ import annotations

import re

from plansite.catalog.model import ChineseTask, Section, Subsection, Task
from plansite.catalog.problems import Origin, Problem
from plansite.catalog.yamlio import LineList, LineMap

KEY = re.compile(r"([1-9]\d{0,2})(?:\.([1-9]\d{0,2}))?")


def official_sections(headings: dict[str, tuple[str, int]], file: str) -> tuple[tuple[Section, ...], list[Problem]]:
    """The sections and subsections the official text's headings ("1", "1.2": (title, line)) give,
    in order of number; their Chinese titles are the official text's, so confirmed."""
    titles: dict[int, str] = {}
    subsections: dict[int, list[Subsection]] = {}
    problems = []
    for key, (title, line) in headings.items():
        found = KEY.fullmatch(key)
        if found is None:
            problems.append(
                Problem(file, line, f"heading number {key!r} is no section or subsection", "import the text again")
            )
        elif found[2] is None:
            titles[int(found[1])] = title
        else:
            number = int(found[1])
            subsections.setdefault(number, []).append(
                Subsection(section=number, number=int(found[2]), title_en="", title_zh=title, zh_check="confirmed")
            )
    for number in sorted(set(subsections) - set(titles)):
        problems.append(
            Problem(
                file,
                headings[subsections[number][0].key][1],
                f"subsection {subsections[number][0].key} belongs to no section",
                f"import the text again, so that heading {number} is read",
            )
        )
    sections = tuple(
        Section(
            number=number,
            title_en="",
            subsections=tuple(sorted(subsections.get(number, ()), key=lambda s: s.number)),
            title_zh=title,
            zh_check="confirmed",
        )
        for number, title in sorted(titles.items())
    )
    return sections, problems


def official_tasks(
    official: tuple[ChineseTask, ...], texts: dict[int, tuple[str, Origin]]
) -> tuple[list[Task], list[Problem]]:
    """The tasks as the official text numbers, places and assigns them, with no English. A hand-kept
    Chinese text (content.zh.yaml) of a task the official text lacks is a problem, never a task."""
    numbers = {t.number for t in official}
    problems = [
        Problem(
            origin.file,
            origin.line,
            f"Chinese text given for task {number}, which the official text does not hold",
            "fix the task number or remove the entry",
        )
        for number, (_, origin) in texts.items()
        if number not in numbers
    ]
    tasks = [
        Task(
            number=t.number,
            section=t.section,
            subsection=t.subsection,
            text_en="",
            responsibility_en="",
            departments=t.departments,
            collectives=t.collectives,
            respective_duties=t.respective_duties,
            and_others=t.and_others,
            text_zh=t.text_zh,
            origin=t.origin,
        )
        for t in official
    ]
    return tasks, problems


def blank(**values: LineList) -> LineMap:
    """The mapping of an empty data file, for a file an edition without a translation may go without."""
    found = LineMap(values)
    found.key_lines = {}
    return found
