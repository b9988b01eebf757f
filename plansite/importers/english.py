"""Parse a plan translation (plain text) into content.en.yaml.

Publishers shape the same plan differently; one parser reads them all, with no setting per publisher:
- sections `I. Title` or `1. Title`; subsections `(I) Title`, `(1) Title` or `(i) Title`;
- tasks `N. Text. (Clause)` numbered 1, 2, 3… through the whole plan, the clause (the last
  parentheses, or a line of its own right after the task) naming who is responsible;
- front matter before the first section and closing lines after the last task, of any length.
With Arabic sections `3. Something` may be a heading or a task: a task carries its clause, a heading
has none and bears the next section number; a line that could be both is reported, never guessed.
Other quirks handled: a subsection heading and the first task on one line; a clause with a bare
list of names and no verb, or with parentheses inside; tasks run together on one line; invisible
characters (removed, with a warning); a web page's furniture before and after the plan (skipped,
with a warning naming each line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plansite.catalog.clause_en import AliasIndex, ClauseError, UnknownName
from plansite.catalog.ids import roman
from plansite.catalog.problems import DataError, Problem
from plansite.catalog.text import QUOTED, clip, text_problem
from plansite.catalog.yamlio import read_bytes
from plansite.importers import lines as shared
from plansite.importers.report import Imported, unknown_name

SECTION = re.compile(r"^([IVX]+)\.\s+(\S.*)$")
# Numbers have at most 9 digits: int() refuses very long ones, and no plan has a billion tasks.
SUBSECTION = re.compile(r"^\(([IVX]+|[ivx]+|\d{1,9})\)\s+(\S.*?)(?:\s+(\d{1,9})\.\s+(\S.*))?$")
TASK = re.compile(r"^(\d{1,9})\.\s+(\S.*)$")
CLAUSE_WORDS = re.compile(r"\bresponsib|\bled\s+by\b|\bduties\b", re.I)  # where run-together tasks are cut
# Roman numerals as a value, for subsections written (IV) or (iv) and sections written IV.
ROMAN_VALUE = {roman(n): n for n in range(1, 100)}
SHAPES = "sections 'I. …' or '1. …', subsections '(I) …', '(1) …' or '(i) …', tasks 'N. … (The … is responsible)'"
CLAUSE_HINT = "end the task with '(The … is responsible)' or put that clause on the next line"


@dataclass
class ParsedTask:
    number: int
    section: int
    subsection: int | None
    text_en: str
    line: int
    clause: str = ""


@dataclass
class Parsed:
    front: list[str] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # invisible characters removed, furniture skipped
    skipped: int = 0  # furniture lines


def trailing_clause(body: str) -> tuple[str, str] | None:
    """(text, clause) when the body ends with a parenthesised group after some text."""
    group = shared.trailing_group(body)
    return group if group and group[0] and group[1] else None


def clause_line(text: str) -> str:
    """The clause when the whole line is one parenthesised group, else ""."""
    group = shared.trailing_group(text)
    return group[1] if group and not group[0] else ""


@dataclass(frozen=True)
class Line:
    number: int  # in the file, from 1
    text: str  # stripped, never empty


def parse_text(text: str, file: str) -> Parsed:
    """Split the translation into its parts; every unexpected line is a problem with its line number."""
    lines: list[Line] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), 1):  # as an editor counts lines: no U+2028 breaks
        line, warning = shared.strip_invisible(file, number, " ".join(raw.split()))
        warnings += [warning] if warning else []
        if not line:
            continue
        if problem := text_problem(line):  # `check` would refuse the file we wrote
            problems.append(Problem(file, number, f"this line {problem[0]}", problem[1]))
            continue
        lines += [Line(number, piece) for piece in shared.split_run_together(line, CLAUSE_WORDS.search)]
    start = next((i for i in range(len(lines)) if starts_plan(lines, i)), None)
    if start is None:
        raise DataError(
            problems
            + [
                Problem(
                    file,
                    1,
                    "no section 1 followed by its first subsection or by task 1 found",
                    f"a plan is front matter, then {SHAPES}",
                )
            ]
        )
    body = Body(lines, start, file)
    body.read()
    parsed = body.result()
    parsed.warnings = warnings + parsed.warnings
    problems += body.problems
    if not parsed.tasks:
        problems.append(Problem(file, lines[start].number, "no tasks found", f"a plan is front matter, then {SHAPES}"))
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line))
    return parsed


def subsection_number(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else ROMAN_VALUE.get(numeral.upper(), 0)


def task_follows(lines: list[Line], i: int, task: int) -> bool:
    return i + 1 < len(lines) and bool((m := TASK.match(lines[i + 1].text)) and int(m.group(1)) == task)


def subsection_follows(lines: list[Line], i: int) -> bool:
    """Whether the line after `i` is the heading of a first subsection, as after a section heading."""
    return i + 1 < len(lines) and bool(
        (m := SUBSECTION.match(lines[i + 1].text)) and subsection_number(m.group(1)) == 1
    )


def starts_plan(lines: list[Line], i: int) -> bool:
    """The plan starts at section 1 followed by subsection 1 or task 1; a front line that merely
    begins with `1.` or `I.` does not start it."""
    text = lines[i].text
    first = (m := SECTION.match(text)) and m.group(1) == "I" or (m := TASK.match(text)) and m.group(1) == "1"
    return bool(first) and (subsection_follows(lines, i) or task_follows(lines, i, 1))


class Body:
    """Reads the lines from the first section on. Each heading, task and problem keeps the index
    of its line, so that whatever follows the last task can become closing text afterwards."""

    def __init__(self, lines: list[Line], start: int, file: str):
        self.lines, self.start, self.file = lines, start, file
        self.arabic = bool(TASK.match(lines[start].text))  # sections numbered 1., 2., not I., II.
        self.sections: list[tuple[int, dict[str, Any]]] = []
        self.subsections: list[tuple[int, dict[str, Any]]] = []
        self.tasks: list[tuple[int, ParsedTask]] = []  # with the index of the line that ends the task
        self.found: list[tuple[int, Problem]] = []

    def problem(self, i: int, what: str, what_to_do: str) -> None:
        self.found.append((i, Problem(self.file, self.lines[i].number, what, what_to_do)))

    @property
    def next_task(self) -> int:
        return self.tasks[-1][1].number + 1 if self.tasks else 1

    @property
    def next_section(self) -> str:
        number = len(self.sections) + 1
        return str(number) if self.arabic else roman(number)

    def read(self) -> None:
        heading = SECTION.match(self.lines[self.start].text) or TASK.match(self.lines[self.start].text)
        assert heading  # starts_plan found section 1 here
        self.section_heading(self.start, "1" if self.arabic else "I", heading.group(2))
        i = self.start + 1
        while i < len(self.lines):
            i = self.read_line(i) + 1

    def read_line(self, i: int) -> int:
        """Read line `i`; returns the index of the last line it used (a clause line after a task)."""
        text = self.lines[i].text
        if not self.arabic and (m := SECTION.match(text)):
            self.section_heading(i, m.group(1), m.group(2))
        elif m := SUBSECTION.match(text):
            self.subsection_heading(i, m.group(1), m.group(2))
            if m.group(3):
                return self.task(i, int(m.group(3)), m.group(4))
        elif m := TASK.match(text):
            return self.numbered(i, int(m.group(1)), m.group(2))
        else:
            self.problem(
                i,
                f"cannot tell what this line is: {clip(text, QUOTED)!r}",
                f"a line must be one of: {SHAPES}, or a clause '(… is responsible)' right after its task",
            )
        return i

    def numbered(self, i: int, number: int, body: str) -> int:
        """`N. …`: with Roman sections always a task; with Arabic ones a heading or a task."""
        section, task = self.next_section, self.next_task
        if not self.arabic or self.has_clause(i, body) or (number == task and str(number) != section):
            return self.task(i, number, body)  # a task, or one without its clause (reported there)
        if str(number) == section and (
            number != task or subsection_follows(self.lines, i) or self.task_with_clause(i + 1, number)
        ):
            self.section_heading(i, section, body)
            return i
        if str(number) == section and task_follows(self.lines, i, number):
            return self.task(i, number, body)  # the next line, numbered alike but with no clause either, is the heading
        line = clip(self.lines[i].text, QUOTED)
        if str(number) == section:
            self.problem(
                i,
                f"cannot tell whether this is a section heading or task {number}: {line!r}",
                f"if it is task {number}, end it with its clause '(The … is responsible)'; if it is the heading of "
                f"section {number}, follow it with its first subsection '(1) …' or with task {number}",
            )
        else:
            self.problem(
                i,
                f"this line is neither section {section} nor task {task}, and has no responsibility clause: {line!r}",
                f"if it is a section heading, write it '{section}. …' (the next section's number); if it is a task, "
                f"number it {task} and {CLAUSE_HINT}",
            )
        # Count it as what it most looks like, so the lines after it are not all reported out of order.
        if task_follows(self.lines, i, number + 1):
            self.tasks.append((i, ParsedTask(number, len(self.sections), None, body, self.lines[i].number)))
        else:
            self.section_heading(i, section, body)
        return i

    def task_with_clause(self, i: int, number: int) -> bool:
        return i < len(self.lines) and bool(
            (m := TASK.match(self.lines[i].text)) and int(m.group(1)) == number and self.has_clause(i, m.group(2))
        )

    def has_clause(self, i: int, body: str) -> bool:
        return bool(trailing_clause(body)) or i + 1 < len(self.lines) and bool(clause_line(self.lines[i + 1].text))

    def section_heading(self, i: int, numeral: str, title: str) -> None:
        if numeral != self.next_section:
            self.problem(
                i,
                f"section {numeral} found where section {self.next_section} was expected",
                "sections must be numbered in order without gaps",
            )
            return
        self.sections.append((i, {"number": len(self.sections) + 1, "title_en": title, "subsections": []}))

    def subsection_heading(self, i: int, numeral: str, title: str) -> None:
        section = self.sections[-1][1]
        expected = len(section["subsections"]) + 1
        if subsection_number(numeral) != expected:
            self.problem(
                i,
                f"subsection ({numeral}) found where subsection {expected} of section {section['number']} was expected",
                "number subsections (I), (II)…, (1), (2)… or (i), (ii)… in order within their section",
            )
            return
        sub = {"number": expected, "title_en": title}
        section["subsections"].append(sub)
        self.subsections.append((i, sub))

    def task(self, i: int, number: int, body: str) -> int:
        """A task whose clause is the next line or its last parentheses; returns the index it ends on."""
        if number != self.next_task:
            self.problem(
                i,
                f"task {number} found where task {self.next_task} was expected",
                "tasks must be numbered 1, 2, 3… without gaps",
            )
        section = self.sections[-1][1]
        sub = section["subsections"][-1]["number"] if section["subsections"] else None
        task = ParsedTask(number, section["number"], sub, body, self.lines[i].number)
        end = i
        if i + 1 < len(self.lines) and (alone := clause_line(self.lines[i + 1].text)):
            task.clause, end = alone, i + 1  # so text may end in parentheses of its own: "(2021-2035)"
        elif found := trailing_clause(body):
            task.text_en, task.clause = found
        else:
            self.problem(
                i,
                f"task {number} has no responsibility clause",
                f"{CLAUSE_HINT}; if the line is a section heading, write it '{self.next_section}. …' (the next "
                "section's number)",
            )
        self.tasks.append((end, task))
        return end

    def result(self) -> Parsed:
        """The plan, its closing being every line after the last task. Numbered lines without a
        clause that restart the count after the last clause ("1. Note …") are closing text, not tasks."""
        last = max((k for k, (_, t) in enumerate(self.tasks) if t.clause), default=0)
        for k in range(last + 1, len(self.tasks)):
            if self.tasks[k][1].number <= self.tasks[k - 1][1].number:
                del self.tasks[k:]
                break
        end = self.tasks[-1][0] if self.tasks else len(self.lines)
        closing = {id(sub) for i, sub in self.subsections if i > end}  # a heading in the closing text
        sections = [s for i, s in self.sections if i <= end]
        for section in sections:
            section["subsections"] = [sub for sub in section["subsections"] if id(sub) not in closing]
        self.found = [(i, p) for i, p in self.found if i <= end]
        self.found += self.numbered_past_the_end(end)
        front = [(line.number, line.text) for line in self.lines[: self.start]]
        closing = [(line.number, line.text) for line in self.lines[end + 1 :]]
        skip_front, skip_closing = shared.furniture_of_front(front), shared.furniture_of_closing(closing)
        return Parsed(
            front=[text for k, (_, text) in enumerate(front) if k not in skip_front],
            sections=sections,
            tasks=[t for _, t in self.tasks],
            closing=[text for k, (_, text) in enumerate(closing) if k not in skip_closing],
            warnings=shared.skipped(self.file, front, skip_front) + shared.skipped(self.file, closing, skip_closing),
            skipped=len(skip_front) + len(skip_closing),
        )

    def numbered_past_the_end(self, end: int) -> list[tuple[int, Problem]]:
        """The closing text's first numbered line, if its number runs past the last task's: a task
        numbered wrongly (a typo, a lost clause), never closing text."""
        last = self.tasks[-1][1].number if self.tasks else 0
        numbered = next((i for i in range(end + 1, len(self.lines)) if TASK.match(self.lines[i].text)), None)
        if numbered is None or int(TASK.match(self.lines[numbered].text).group(1)) <= last + 1:
            return []
        line = self.lines[numbered]
        return [
            (
                numbered,
                Problem(
                    self.file,
                    line.number,
                    f"a line after the last task ({last}) is numbered like a task: {clip(line.text, QUOTED)!r}",
                    f"if it is a task, number it {last + 1} and give it its clause; if it is closing text, "
                    "do not begin it with a number",
                ),
            )
        ]

    @property
    def problems(self) -> list[Problem]:
        return [p for _, p in self.found]


def build_content(parsed: Parsed, index: AliasIndex, file: str) -> dict[str, Any]:
    """The content.en.yaml mapping, with every responsible name resolved through the registry."""
    problems: list[Problem] = []
    tasks = []
    for task in parsed.tasks:
        try:
            clause = index.parse(task.clause)
        except UnknownName as exc:
            problems.append(unknown_name(file, task.line, task.number, exc, index.owner, "aliases"))
            continue
        except ClauseError as exc:
            problems.append(
                Problem(file, task.line, f"task {task.number}: {exc}", "name each body once, outside parentheses")
            )
            continue
        tasks.append(
            {
                "number": task.number,
                "section": task.section,
                "subsection": task.subsection,
                "text_en": task.text_en,
                "responsibility_en": task.clause,
                "departments": list(clause.departments),
                "collectives": list(clause.collectives),
                "respective_duties": clause.respective_duties,
                "and_others": clause.and_others,
            }
        )
    if problems:
        raise DataError(problems)
    return {"front_en": parsed.front, "sections": parsed.sections, "tasks": tasks, "closing_en": parsed.closing}


def read_translation(source: Path, shown_as: str, index: AliasIndex) -> Imported:
    raw = read_bytes(source, shown_as, give="the translation text")  # a regular file of bounded size
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown_as, line, "not valid UTF-8 text", "save the translation as UTF-8")]) from None
    parsed = parse_text(text.replace("\r\n", "\n").replace("\r", "\n"), shown_as)
    warnings = sorted(parsed.warnings, key=lambda p: p.line)
    return Imported(build_content(parsed, index, shown_as), warnings, parsed.skipped)


def import_translation(source: Path, shown_as: str, index: AliasIndex) -> dict[str, Any]:
    """The content.en.yaml mapping alone."""
    return read_translation(source, shown_as, index).content
