"""Parse a plan translation (plain text) into content.en.yaml.

The format: front matter, then sections `I. Title`, subsections `(I) Title`, tasks `1. Text. (Clause)`
where the clause in the last parentheses names who is responsible. Quirks handled: a subsection
heading and the first task on one line; a clause on its own line; a clause with a bare list of
names and no verb; closing lines after the last task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .aliases import AliasIndex, UnknownName
from .load import text_problem
from .model import ROMAN, edition_id_problem, roman
from .problems import DataError, Problem
from .yamlio import read_bytes

SECTION = re.compile(r"^([IVX]+)\.\s+(\S.*)$")
SUBSECTION = re.compile(r"^\(([IVX]+)\)\s+(\S.*?)(?:\s+(\d+)\.\s+(\S.*))?$")
TASK = re.compile(r"^(\d+)\.\s+(\S.*)$")
TRAILING_CLAUSE = re.compile(r"^(.*\S)\s*\(([^()]+)\)\s*$")
CLAUSE_LINE = re.compile(r"^\(([^()]+)\)\s*$")


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


def parse_text(text: str, file: str) -> Parsed:
    """Split the translation into its parts; every unexpected line is a problem with its line number."""
    parsed = Parsed()
    problems: list[Problem] = []
    section: dict[str, Any] | None = None

    def add_task(number: int, body: str, line: int) -> None:
        expected = parsed.tasks[-1].number + 1 if parsed.tasks else 1
        if parsed.closing:
            problems.append(Problem(file, line, f"task {number} comes after the closing text", "closing lines go after the last task"))
        if number != expected:
            problems.append(Problem(file, line, f"task {number} found where task {expected} was expected", "tasks must be numbered 1, 2, 3… without gaps"))
        sub = section["subsections"][-1]["number"] if section and section["subsections"] else None
        match = TRAILING_CLAUSE.match(body)
        task = ParsedTask(number, section["number"] if section else 0, sub, body, line)
        if match:
            task.text_en, task.clause = match.group(1), match.group(2).strip()
        parsed.tasks.append(task)

    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if problem := text_problem(line):  # `check` would refuse the file we wrote
            problems.append(Problem(file, line_no, f"this line {problem[0]}", problem[1]))
            continue
        last = parsed.tasks[-1] if parsed.tasks else None
        if (m := SECTION.match(line)) and section_follows(parsed, m.group(1)):
            section = {"number": len(parsed.sections) + 1, "title_en": m.group(2), "subsections": []}
            parsed.sections.append(section)
        elif section and (m := SUBSECTION.match(line)) and m.group(1) == roman(len(section["subsections"]) + 1):
            section["subsections"].append({"number": len(section["subsections"]) + 1, "title_en": m.group(2)})
            if m.group(3):
                add_task(int(m.group(3)), m.group(4), line_no)
        elif section and (m := TASK.match(line)):
            add_task(int(m.group(1)), m.group(2), line_no)
        elif last and not last.clause and (m := CLAUSE_LINE.match(line)):
            last.clause = m.group(1).strip()
        elif section is None:
            parsed.front.append(line)
        elif last and last.clause:
            parsed.closing.append(line)
        else:
            problems.append(Problem(file, line_no, f"cannot tell what this line is: {shorten(line)!r}", "a line must be a section 'I. …', a subsection '(I) …', a task 'N. …' or a clause '(… is responsible)'"))

    for task in parsed.tasks:
        if not task.clause:
            problems.append(Problem(file, task.line, f"task {task.number} has no responsibility clause", "end the task with '(The … is responsible)' or put that clause on the next line"))
    if not parsed.tasks:
        problems.append(Problem(file, 1, "no tasks found", "tasks are lines like '1. Text. (The … is responsible)'"))
    if problems:
        raise DataError(problems)
    return parsed


def shorten(line: str, limit: int = 60) -> str:
    return line if len(line) <= limit else line[:limit] + "…"


def section_follows(parsed: Parsed, numeral: str) -> bool:
    return len(parsed.sections) < len(ROMAN) and numeral == ROMAN[len(parsed.sections)]


def build_content(parsed: Parsed, index: AliasIndex, file: str) -> dict[str, Any]:
    """The content.en.yaml mapping, with every responsible name resolved through the registry."""
    problems: list[Problem] = []
    tasks = []
    for task in parsed.tasks:
        try:
            clause = index.parse(task.clause)
        except UnknownName as exc:
            closest = ", ".join(f'"{s}"' for s in exc.suggestions) or "none"
            problems.append(Problem(file, task.line, f'task {task.number} names "{exc.name}", which is no known department', f"if it is a known body under another name, add this name to its aliases in data/departments.yaml (closest known: {closest}); never add a department that does not exist"))
            continue
        tasks.append({
            "number": task.number,
            "section": task.section,
            "subsection": task.subsection,
            "text_en": task.text_en,
            "responsibility_en": task.clause,
            "departments": list(clause.departments),
            "collectives": list(clause.collectives),
            "respective_duties": clause.respective_duties,
            "and_others": clause.and_others,
        })
    if problems:
        raise DataError(problems)
    return {"front_en": parsed.front, "sections": parsed.sections, "tasks": tasks, "closing_en": parsed.closing}


def import_translation(source: Path, shown_as: str, index: AliasIndex) -> dict[str, Any]:
    raw = read_bytes(source, shown_as, give="the translation text")  # a regular file of bounded size
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown_as, line, "not valid UTF-8 text", "save the translation as UTF-8")]) from None
    return build_content(parse_text(text, shown_as), index, shown_as)


def check_edition(data_dir: Path, edition: str) -> Path:
    """Refuse, before anything is read or written, an edition id that is not a slug or names a
    reserved top-level page (`--edition ../../x` would write outside data/), and an edition folder
    that lacks what `check` needs besides content.en.yaml. Returns the file `import` will write.

    plan.yaml and content.zh.yaml are written by hand from the official text, so `import` never
    invents them (placeholders would block every build until replaced, or be published if one
    slipped through): it says which files to add, and writes nothing."""
    folder = data_dir / "editions" / edition
    shown = f"{data_dir.name}/editions/{edition[:80]}"  # as `check` names files: data/editions/2025/plan.yaml
    if problem := edition_id_problem(edition):
        raise DataError([Problem(shown, 0, *problem)])
    plans = sorted(data_dir.glob("editions/*/plan.yaml"), reverse=True)
    model = f"copy {data_dir.name}/editions/{plans[0].parent.name}/plan.yaml and change every value, its id to '{edition}'" if plans else \
        f"id: '{edition}', series, title_zh, title_en, issuer_zh, issuer_en, issued, published, translation_notice"
    needed = {
        "plan.yaml": f"add it first ({model}); then import again",
        "content.zh.yaml": "add it first, even as just 'headings: []' and 'tasks: {}' (after the import, `check` names each Chinese heading to add); then import again",
    }
    missing = [Problem(f"{shown}/{name}", 0, f"edition '{edition}' has no {name}", hint) for name, hint in needed.items() if not (folder / name).is_file()]
    if missing:
        raise DataError(missing)
    return folder / "content.en.yaml"
