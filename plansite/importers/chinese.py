"""Read the official Chinese text of a plan (plain text or the saved web page) into its parts.

The layout: a preamble (title, document number, addressees, opening paragraphs), sections
`一、标题`, subsections `（一）标题` restarting in each section, tasks `1.正文。（甲、乙负责）` numbered
through the whole plan, whose clause is the last parenthesised group on the task's line or alone on
the next line, then closing lines (signature, date). Quirks handled as the English importer does:
a subsection heading and the first task on one line; a clause on its own line or with parentheses
inside; tasks run together on one line; traditional characters (read through a table, kept as
given); invisible characters (removed, with a warning); a web page's furniture (skipped, with a
warning). Every problem is collected, with the line of the source file it is on, and raised together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.clause_en import UnknownName
from plansite.catalog.clause_zh import ClauseError, ZhNames, is_clause
from plansite.catalog.problems import DataError, Problem
from plansite.catalog.text import QUOTED, clip, text_problem
from plansite.catalog.yamlio import read_bytes
from plansite.importers import lines as shared
from plansite.importers.pagetext import decode, source_lines
from plansite.importers.report import Imported, unknown_name

DIGITS = "一二三四五六七八九"
NUMERAL = f"[{DIGITS}十]+"
SECTION = re.compile(rf"^({NUMERAL})\s*、\s*(\S.*)$")
SUBSECTION = re.compile(rf"^[（(]\s*({NUMERAL})\s*[）)]\s*(\S.*)$")
# A task number: 1. 1． 1、 — but "2025.4" is a date or a decimal, not task 2025; and at most 9
# digits (no plan has a billion tasks), so a longer number is a line that cannot be read.
TASK_MARK = r"(?<!\d)(\d{1,9})\s*(?:[．、]|\.(?!\d))\s*"
TASK = re.compile(rf"^{TASK_MARK}(\S.*)$")
TASK_IN_HEADING = re.compile(rf"(?<![\d.．]){TASK_MARK}(?=\S)")
OPENERS, CLOSERS = "（(", "）)"


def zh_numeral(number: int) -> str:
    """一 … 九十九: how the text numbers sections and subsections."""
    tens, units = divmod(number, 10)
    return (("" if tens < 2 else DIGITS[tens - 1]) + "十" if tens else "") + (DIGITS[units - 1] if units else "")


# --- Recognising the layout ------------------------------------------------------------------------


@dataclass
class ZhTask:
    number: int
    section: int
    subsection: int | None
    text_zh: str
    line: int
    clause: str = ""
    clause_line: int = 0


@dataclass
class Heading:
    number: str  # "1" or "1.1"
    title_zh: str
    line: int
    subsections: int = 0
    tasks: int = 0


@dataclass
class ZhParsed:
    front: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    tasks: list[ZhTask] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # invisible characters removed, furniture skipped
    skipped: int = 0


def split_clause(body: str) -> tuple[str, str]:
    """(text, clause) when the last parenthesised group ends the body and says who is responsible;
    else (body, ""). Found by scanning back from the end: no regex backtracking on a long line."""
    body = body.rstrip()
    group = shared.trailing_group(body)
    if not group or not is_clause(group[1]):
        return body, ""
    return group


def clause_alone(line: str) -> str:
    """The clause when a whole line is one parenthesised responsibility clause, else ""."""
    text, clause = split_clause(line)
    return clause if clause and not text else ""


class _Reader:
    """Walks the lines once, keeping where in the plan it is."""

    def __init__(self, file: str):
        self.file = file
        self.parsed = ZhParsed()
        self.problems: list[Problem] = []
        self.section: Heading | None = None
        self.subsection: Heading | None = None
        self.pending: list[tuple[int, str]] = []  # lines after a task: closing lines, unless more plan follows
        self.front: list[tuple[int, str]] = []

    def problem(self, line: int, what: str, hint: str) -> None:
        self.problems.append(Problem(self.file, line, what, hint))

    def more_plan(self) -> None:
        """Plan text follows: the lines held as closing lines were stray lines inside the plan."""
        for line_no, text in self.pending:
            self.unexpected(line_no, text)
        self.pending = []

    def unexpected(self, line_no: int, text: str) -> None:
        self.problem(
            line_no,
            f"cannot tell what this line is: {clip(text, QUOTED)!r}",
            "a line must be a section '一、…', a subsection '（一）…', a task '1.…（…负责）' or a clause '（…负责）' "
            "alone",
        )

    def open_heading(self, heading: Heading, is_section: bool) -> None:
        self.more_plan()
        last = self.parsed.headings[-1] if self.parsed.headings else None
        # A section may open with a subsection; any other heading must be followed by a task.
        if last and not last.tasks and not (last is self.section and not is_section):
            self.problem(
                heading.line,
                f"heading {clip(heading.title_zh, QUOTED)!r} found where a task should be",
                f"{clip(last.title_zh, QUOTED)!r} (line {last.line}) has no tasks: "
                "check for a task missing before this line",
            )
        self.parsed.headings.append(heading)

    def read_section(self, line_no: int, numeral: str, text: str) -> None:
        expected = zh_numeral(self.sections() + 1)
        if numeral != expected:
            self.problem(
                line_no,
                f"section {numeral}、 found where section {expected}、 was expected",
                "sections are numbered 一、二、三… in order",
            )
        heading = Heading(str(self.sections() + 1), text, line_no)
        self.open_heading(heading, True)
        self.section, self.subsection = heading, None

    def sections(self) -> int:
        return sum("." not in h.number for h in self.parsed.headings)

    def read_subsection(self, line_no: int, numeral: str, text: str) -> None:
        assert self.section is not None
        expected = zh_numeral(self.section.subsections + 1)
        if numeral != expected:
            self.problem(
                line_no,
                f"subsection （{numeral}） found where （{expected}） was expected",
                "subsections are numbered （一）（二）（三）… in order, starting again in each section",
            )
        self.section.subsections += 1
        title, task = split_heading(text, self.expected_task())
        heading = Heading(f"{self.section.number}.{self.section.subsections}", title, line_no)
        self.open_heading(heading, False)
        self.subsection = heading
        if task:
            self.add_task(int(task[0]), task[1], line_no)

    def expected_task(self) -> int:
        return self.parsed.tasks[-1].number + 1 if self.parsed.tasks else 1

    def add_task(self, number: int, body: str, line_no: int) -> None:
        assert self.section is not None
        self.more_plan()
        expected = self.expected_task()
        if number != expected:
            self.problem(
                line_no,
                f"task {number} found where task {expected} was expected",
                "tasks are numbered 1, 2, 3… through the whole plan, without gaps: check for a missing or mistyped "
                "number",
            )
        text, clause = split_clause(body)
        if clause and not text:
            self.problem(
                line_no,
                f"task {number} has no text before its clause",
                "write the task's text between its number and its clause",
            )
        sub = self.section.subsections if self.subsection else None  # the open subsection is the section's last
        self.parsed.tasks.append(
            ZhTask(number, int(self.section.number), sub, text, line_no, clause, line_no if clause else 0)
        )
        for heading in (self.section, self.subsection):
            if heading:
                heading.tasks += 1

    def read(self, line_no: int, line: str) -> None:
        if problem := text_problem(line):  # `check` would refuse the file written from it
            self.problem(line_no, f"this line {problem[0]}", problem[1])
            return
        last = self.parsed.tasks[-1] if self.parsed.tasks else None
        if last and not last.clause and (clause := clause_alone(line)):
            last.clause, last.clause_line = clause, line_no
        elif (m := SECTION.match(line)) and (self.section or m.group(1) == "一"):
            self.read_section(line_no, m.group(1), line)
        elif self.section and (m := SUBSECTION.match(line)):
            self.read_subsection(line_no, m.group(1), line)
        elif self.section and (m := TASK.match(line)):
            self.add_task(int(m.group(1)), m.group(2), line_no)
        elif self.section is None:
            self.front.append((line_no, line))
        elif last and last.clause:
            self.pending.append((line_no, line))
        else:
            self.unexpected(line_no, line)

    def finish(self) -> ZhParsed:
        skip_front, skip_closing = shared.furniture_of_front(self.front), shared.furniture_of_closing(self.pending)
        self.parsed.front = [text for k, (_, text) in enumerate(self.front) if k not in skip_front]
        self.parsed.closing = [text for k, (_, text) in enumerate(self.pending) if k not in skip_closing]
        self.parsed.warnings += shared.skipped(self.file, self.front, skip_front)
        self.parsed.warnings += shared.skipped(self.file, self.pending, skip_closing)
        self.parsed.skipped = len(skip_front) + len(skip_closing)
        last = self.parsed.headings[-1] if self.parsed.headings else None
        if last and not last.tasks and self.parsed.tasks:
            self.problem(
                last.line,
                f"heading {clip(last.title_zh, QUOTED)!r} has no tasks",
                "add its tasks after it, or remove the heading",
            )
        for task in self.parsed.tasks:
            if not task.clause:
                self.problem(
                    task.line,
                    f"task {task.number} has no responsibility clause",
                    "end the task with its clause, as in '（国家知识产权局负责）', or put the clause alone on the next "
                    "line",
                )
        if not self.parsed.tasks:
            self.problem(1, "no tasks found", "the text needs a section '一、…' followed by tasks '1.…（…负责）'")
        return self.parsed


def split_heading(text: str, expected: int) -> tuple[str, tuple[str, str] | None]:
    """A subsection heading and the first task on one line: (title, (number, task text)).
    The task starts at the expected number if it is there, else at the first task number."""
    marks = [m for m in TASK_IN_HEADING.finditer(text) if m.start() > 0]
    mark = next((m for m in marks if int(m.group(1)) == expected), marks[0] if marks else None)
    if mark is None:
        return text, None
    return text[: mark.start()].rstrip(), (mark.group(1), text[mark.end() :])


def parse_lines(lines: list[tuple[int, str]], file: str) -> tuple[ZhParsed, list[Problem]]:
    reader = _Reader(file)
    for line_no, raw in lines:
        line, warning = shared.strip_invisible(file, line_no, raw)
        if warning:
            reader.parsed.warnings.append(warning)
        for piece in shared.split_run_together(line, is_clause) if line else ():
            reader.read(line_no, piece)
    return reader.finish(), reader.problems


# --- The mapping -----------------------------------------------------------------------------------


def build(parsed: ZhParsed, names: ZhNames, file: str) -> tuple[dict[str, Any], list[Problem]]:
    """The mapping the lead writes as official.zh.yaml, with every name resolved through the registry."""
    problems: list[Problem] = []
    tasks = []
    for task in parsed.tasks:
        if not task.clause:
            continue  # already reported
        try:
            clause = names.parse(task.clause)
        except UnknownName as exc:
            problems.append(
                unknown_name(file, task.clause_line, task.number, exc, lambda n: names.resolve(n)[1], "aliases_zh")
            )
            continue
        except ClauseError as exc:
            problems.append(
                Problem(
                    file,
                    task.clause_line,
                    f"task {task.number}: {exc}",
                    "a clause lists who is responsible and ends with 负责, as in '（国家知识产权局、司法部负责）'",
                )
            )
            continue
        tasks.append(
            {
                "number": task.number,
                "section": task.section,
                "subsection": task.subsection,
                "text_zh": task.text_zh,
                "responsibility_zh": task.clause,
                "line": task.line,
                "departments": list(clause.departments),
                "collectives": list(clause.collectives),
                "respective_duties": clause.respective_duties,
                "and_others": clause.and_others,
            }
        )
    content = {
        "front_zh": parsed.front,
        "headings": [{"number": h.number, "title_zh": h.title_zh} for h in parsed.headings],
        "tasks": tasks,
        "closing_zh": parsed.closing,
    }
    return content, problems


def read_text(
    source: Path, shown_as: str, give: str = "the official Chinese text (saved as text or as the web page)"
) -> str:
    """The decoded text of the source file (bounded read), as looks_chinese_layout wants it."""
    return decode(read_bytes(source, shown_as, give=give), shown_as)


def read_official(
    source: Path, shown_as: str, departments: tuple[Department, ...], collectives: tuple[Collective, ...]
) -> Imported:
    """The official Chinese text as front_zh, headings, tasks and closing_zh, with the import's
    warnings; DataError with every problem."""
    parsed, problems = parse_lines(source_lines(read_text(source, shown_as), shown_as), shown_as)
    content, more = build(parsed, ZhNames(departments, collectives), shown_as)
    problems += more
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line))
    return Imported(content, sorted(parsed.warnings, key=lambda p: p.line), parsed.skipped)


def import_official(
    source: Path, shown_as: str, departments: tuple[Department, ...], collectives: tuple[Collective, ...]
) -> dict[str, Any]:
    """The official Chinese text's mapping alone."""
    return read_official(source, shown_as, departments, collectives).content
