"""Read one edition's folder (data/editions/<id>/) into an `Edition`: the plan's facts, the
translation's sections and tasks (without a translation, the official Chinese text's), the Chinese
headings and texts, and the optional files beside them (the imported official text, recorded
clauses, keywords, updates, topic corrections, instrument mentions)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from plansite.catalog.model import (
    CheckedClause,
    Edition,
    Mention,
    Section,
    Subsection,
    Task,
    TopicOverride,
)
from plansite.catalog.optional import TITLES_FILE, OptionalFiles
from plansite.catalog.problems import Origin, Problem
from plansite.catalog.schema import (
    CHECKED_CLAUSE_FIELDS,
    CHINESE_FIELDS,
    CONTENT_FIELDS,
    HEADING_FIELDS,
    MENTION_FIELDS,
    OVERRIDE_FIELDS,
    PLAN_FIELDS,
    SECTION_FIELDS,
    SUBSECTION_FIELDS,
    TASK_FIELDS,
    check_fields,
    shown,
)
from plansite.catalog.text import text_problem
from plansite.catalog.untranslated import blank, official_sections, official_tasks
from plansite.catalog.vocab import ZH_CHECKS
from plansite.catalog.yamlio import LineList, LineMap, present


class EditionReader(OptionalFiles):
    def edition(self, folder: Path) -> Edition | None:
        plan_file, en_file, zh_file = folder / "plan.yaml", folder / "content.en.yaml", folder / "content.zh.yaml"
        official_file = folder / OFFICIAL_FILE
        # Without a translation the official Chinese text alone makes the edition, its English not translated.
        translated = present(en_file) or not present(official_file)
        if plan_file.is_file() and not present(en_file) and translated:
            # A new edition: its content.en.yaml is written by `import`, never by hand.
            self.problems.append(
                Problem(
                    self.shown(en_file),
                    0,
                    f"edition '{folder.name}' has no content.en.yaml yet",
                    f"run `python build.py import TRANSLATION.txt --edition {folder.name}` to write it from the text "
                    "(or import the official Chinese text alone, with --lang zh)",
                )
            )
            return None
        plan = self.read(plan_file)
        content = self.read(en_file) if translated else blank(sections=LineList(), tasks=LineList())
        chinese = self.read(zh_file) if translated or present(zh_file) else blank(headings=LineList())
        start = len(self.problems)
        self.problems += check_fields(plan, PLAN_FIELDS, self.shown(plan_file), "plan", 1) if plan is not None else []
        self.problems += (
            check_fields(content, CONTENT_FIELDS, self.shown(en_file), "content", 1) if content is not None else []
        )
        self.problems += (
            check_fields(chinese, CHINESE_FIELDS, self.shown(zh_file), "Chinese content", 1)
            if chinese is not None
            else []
        )
        if plan is None or content is None or chinese is None or len(self.problems) > start:
            return None
        for name in ("official_url", "translation_url", "official_publisher_url"):
            url = plan.get(name)
            if url is not None and not url.startswith(("https://", "http://")):
                self.problems.append(
                    Problem(
                        self.shown(plan_file),
                        plan.line_of(name),
                        f"plan: '{name}' {url!r} is not a web address",
                        "give an http(s) address, or null",
                    )
                )
        if plan["id"] != folder.name:
            self.problems.append(
                Problem(
                    self.shown(plan_file),
                    plan.line_of("id"),
                    f"edition id '{plan['id']}' differs from its folder name '{folder.name}'",
                    "make the folder name and the id the same",
                )
            )
        headings = self.headings(chinese, self.shown(zh_file))
        before = len(self.problems)
        official, official_headings = self.official(official_file)
        texts_zh = {
            n: (text, Origin(self.shown(zh_file), line))
            for n, (text, line) in self.chinese_texts(chinese.get("tasks") or LineMap(), self.shown(zh_file)).items()
        }
        if translated:
            # The official text's headings replace the hand-kept ones, now confirmed. One the translation has
            # no section for is not shown: the cross-language check reports its tasks' placement.
            known = structure_keys(content["sections"])
            for key, (title, _) in official_headings.items():
                if key in known:
                    headings[key] = (title, "confirmed", headings[key][2] if key in headings else 0)
            sections = self.sections(content["sections"], self.shown(en_file), headings)
            # Each text with the file it came from: an imported task is official.zh.yaml's, not content.zh.yaml's.
            texts_zh |= {t.number: (t.text_zh, t.origin or Origin(self.shown(official_file), 0)) for t in official}
            tasks = self.tasks(content["tasks"], self.shown(en_file), texts_zh)
        elif not official:
            if len(self.problems) == before:  # well-formed, but no task in it
                self.problems.append(Problem(self.shown(official_file), 1, "the official text holds no task", IMPORT))
            return None
        else:
            sections, found = official_sections(official_headings, self.shown(official_file))
            tasks, more = official_tasks(official, texts_zh)
            self.problems += found + more + unused_headings(headings, set(official_headings), self.shown(zh_file))
        by_number = {t.number: t for t in official}
        keywords = self.keywords(folder / "keywords.zh.yaml")
        titles = self.titles(folder / TITLES_FILE)
        title_of = {t.task: t for t in reversed(titles)}  # the first of a duplicated task, as validate says
        tasks = tuple(
            replace(
                t,
                responsibility_zh=by_number[t.number].responsibility_zh if t.number in by_number else "",
                keywords_zh=keywords[t.number].terms if t.number in keywords else (),
                title_zh=title_of[t.number].title_zh if t.number in title_of else "",
                title_en=title_of[t.number].title_en if t.number in title_of else "",
            )
            for t in tasks
        )
        clauses_file = folder / "clauses.zh.yaml"
        checked = (
            tuple(
                CheckedClause(
                    task=r["task"],
                    bodies=tuple(r["bodies"]),
                    respective_duties=r.get("respective_duties", False),
                    and_others=r.get("and_others", False),
                    origin=Origin(self.shown(clauses_file), r.line),
                )
                for r in self.records(clauses_file, CHECKED_CLAUSE_FIELDS, "checked clause")
            )
            if present(clauses_file)
            else ()
        )
        updates = self.updates(folder / "updates.yaml")
        searched, searches = self.searches(folder / "searches.yaml")
        overrides_file = folder / "topics.yaml"
        overrides = (
            tuple(
                TopicOverride(
                    task=r["task"],
                    add=tuple(r.get("add") or ()),
                    remove=tuple(r.get("remove") or ()),
                    why=r["why"],
                    origin=Origin(self.shown(overrides_file), r.line),
                )
                for r in self.records(overrides_file, OVERRIDE_FIELDS, "topic correction")
            )
            if present(overrides_file)
            else ()
        )
        mentions_file = folder / "instruments.yaml"
        mentions = (
            tuple(
                Mention(
                    task=r["task"],
                    instrument=r["instrument"],
                    action=r["action"],
                    origin=Origin(self.shown(mentions_file), r.line),
                )
                for r in self.records(mentions_file, MENTION_FIELDS, "instrument mention")
            )
            if present(mentions_file)
            else ()
        )
        return Edition(
            updates=updates,
            searched=searched,
            searches=searches,
            topic_overrides=overrides,
            mentions=mentions,
            id=plan["id"],
            series=plan["series"],
            title_zh=plan["title_zh"],
            title_en=plan["title_en"],
            title_en_alt=plan.get("title_en_alt", ""),
            issuer_zh=plan["issuer_zh"],
            issuer_en=plan["issuer_en"],
            issued=plan["issued"],
            published=plan["published"],
            translation_notice=plan["translation_notice"],
            translation_notice_zh=plan.get("translation_notice_zh", ""),
            official_url=plan.get("official_url"),
            translation_url=plan.get("translation_url"),
            official_publisher=plan.get("official_publisher"),
            official_publisher_url=plan.get("official_publisher_url"),
            sections=sections,
            tasks=tasks,
            official_zh=official,
            checked_clauses=checked,
            keywords=tuple(keywords.values()),
            glossary=self.glossary(folder / "glossary.yaml"),
            titles=titles,
            titles_file=self.shown(folder / TITLES_FILE),
            official_zh_file=self.shown(official_file) if official else "",
            front_en=tuple(content.get("front_en") or ()),
            closing_en=tuple(content.get("closing_en") or ()),
            partial=plan.get("partial") is True,
            translated=translated,
            plan_file=self.shown(plan_file),
        )

    def headings(self, chinese: LineMap, file: str) -> dict[str, tuple[str, str, int]]:
        """Chinese heading by key ("1", "1.2"): (title, status, line)."""
        found: dict[str, tuple[str, str, int]] = {}
        for i, h in enumerate(chinese["headings"], 1):
            problems = check_fields(h, HEADING_FIELDS, file, f"heading #{i}", chinese["headings"].line)
            if not problems and h["zh_check"] not in ZH_CHECKS:
                problems.append(
                    Problem(
                        file,
                        h.line_of("zh_check"),
                        f"heading {h['number']}: unknown zh_check '{h['zh_check']}'",
                        f"use one of: {', '.join(ZH_CHECKS)}",
                    )
                )
            if not problems and h["number"] in found:
                problems.append(
                    Problem(file, h.line, f"heading {h['number']} is given twice", "keep one entry per heading")
                )
            self.problems.extend(problems)
            if not problems:
                found[h["number"]] = (h["title_zh"], h["zh_check"], h.line)
        return found

    def sections(self, records: LineList, file: str, headings: dict) -> tuple[Section, ...]:
        sections = []
        used: set[str] = set()
        for i, r in enumerate(records, 1):
            problems = check_fields(r, SECTION_FIELDS, file, f"section #{i}", records.line)
            subsections = []
            for j, s in enumerate(r.get("subsections") or [] if not problems else [], 1):
                sub_problems = check_fields(
                    s, SUBSECTION_FIELDS, file, f"section {r['number']} subsection #{j}", r.line
                )
                problems += sub_problems
                if not sub_problems:
                    key = f"{r['number']}.{s['number']}"
                    title_zh, status = self.chinese_title(headings, key, file, s.line, used)
                    subsections.append(
                        Subsection(
                            section=r["number"],
                            number=s["number"],
                            title_en=s["title_en"],
                            title_zh=title_zh,
                            zh_check=status,
                        )
                    )
            self.problems.extend(problems)
            if not problems:
                title_zh, status = self.chinese_title(headings, str(r["number"]), file, r.line, used)
                sections.append(
                    Section(
                        number=r["number"],
                        title_en=r["title_en"],
                        subsections=tuple(subsections),
                        title_zh=title_zh,
                        zh_check=status,
                    )
                )
        self.problems += unused_headings(headings, used, file.replace("content.en", "content.zh"))
        return tuple(sections)

    def chinese_title(self, headings: dict, key: str, file: str, line: int, used: set[str]) -> tuple[str, str]:
        if key not in headings:
            self.problems.append(
                Problem(
                    file,
                    line,
                    f"heading {key} has no Chinese title",
                    f"add '- {{number: \"{key}\", title_zh: ..., zh_check: reconstructed}}' to content.zh.yaml",
                )
            )
            return "", "reconstructed"
        used.add(key)
        return headings[key][0], headings[key][1]

    def chinese_texts(self, texts: LineMap, file: str) -> dict[int, tuple[str, int]]:
        """The official Chinese text of each task, by number, with its line. A null or empty text is
        an error, not an absent one: `5:` with nothing after it is almost surely a slip, and pages
        would otherwise show "None" as the official text. (Leave a task out until its text is known.)"""
        found: dict[int, tuple[str, int]] = {}
        for number, text in texts.items():
            line = texts.line_of(number)
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                self.problems.append(
                    Problem(
                        file,
                        line,
                        f"Chinese text: task number {shown(number)} is not a positive whole number",
                        "key each text by its task's number (5: 加快…)",
                    )
                )
            elif text is None or (isinstance(text, str) and not text.strip()):
                self.problems.append(
                    Problem(
                        file,
                        line,
                        f"Chinese text of task {number} is empty",
                        "write the official Chinese text, or remove the entry until it is known",
                    )
                )
            elif not isinstance(text, str):
                self.problems.append(
                    Problem(
                        file,
                        line,
                        f"Chinese text of task {number} must be text, not {shown(text)}",
                        "write the official Chinese text (quote it if it holds ': ')",
                    )
                )
            elif problem := text_problem(text):
                self.problems.append(Problem(file, line, f"Chinese text of task {number} {problem[0]}", problem[1]))
            else:
                found[number] = (text, line)
        return found

    def tasks(self, records: LineList, file: str, texts_zh: dict[int, tuple[str, Origin]]) -> tuple[Task, ...]:
        tasks = []
        for i, r in enumerate(records, 1):
            problems = check_fields(r, TASK_FIELDS, file, f"task #{i}", records.line)
            self.problems.extend(problems)
            if problems:
                continue
            tasks.append(
                Task(
                    number=r["number"],
                    section=r["section"],
                    subsection=r["subsection"],
                    text_en=r["text_en"],
                    responsibility_en=r["responsibility_en"],
                    departments=tuple(r["departments"]),
                    collectives=tuple(r.get("collectives") or ()),
                    respective_duties=r.get("respective_duties", False),
                    and_others=r.get("and_others", False),
                    text_zh=texts_zh[r["number"]][0] if r["number"] in texts_zh else "",
                    origin=Origin(file, r.line),
                )
            )
        numbers = {t.number for t in tasks}
        for number, (_, origin) in texts_zh.items():
            if number not in numbers:
                self.problems.append(
                    Problem(
                        origin.file,
                        origin.line,
                        f"Chinese text given for task {number}, which does not exist",
                        "fix the task number or remove the entry",
                    )
                )
        return tuple(tasks)


OFFICIAL_FILE = "official.zh.yaml"
IMPORT = "import the official Chinese text again: `python build.py import TEXT --lang zh --edition ID`"


def unused_headings(headings: dict[str, tuple[str, str, int]], used: set[str], file: str) -> list[Problem]:
    """content.zh.yaml's headings that no section or subsection takes."""
    return [
        Problem(file, line, f"Chinese heading {key} belongs to no section or subsection", "fix its number or remove it")
        for key, (_, _, line) in headings.items()
        if key not in used
    ]


def structure_keys(records: LineList) -> set[str]:
    """The heading keys ("1", "1.2") of the translation's sections and subsections."""
    keys = set()
    for r in records if isinstance(records, list) else ():
        if isinstance(r, dict) and isinstance(r.get("number"), int):
            keys.add(str(r["number"]))
            keys.update(
                f"{r['number']}.{s['number']}"
                for s in r.get("subsections") or ()
                if isinstance(s, dict) and "number" in s
            )
    return keys
