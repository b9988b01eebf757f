"""Read `data/` into the model. Checks the shape of every record; cross-references are `validate`'s job.

Layout (one folder per edition, so later editions and other plans fit beside it):

    data/departments.yaml             the department registry, shared by every edition
    data/collectives.yaml             collective mentions ("member units of the Joint Conference")
    data/editions/<id>/plan.yaml      title, issuer, dates, links (kept by hand)
    data/editions/<id>/content.en.yaml  sections and tasks (written by `build.py import`)
    data/editions/<id>/content.zh.yaml  Chinese headings with their status, Chinese task text (by hand)
    data/editions/<id>/official.zh.yaml the official Chinese text, written by `build.py import` from a
                                        page the user saved (optional; git-ignored: never shipped here)
    data/editions/<id>/clauses.zh.yaml  responsibility clauses recorded from the official text (facts)
    data/editions/<id>/keywords.zh.yaml reviewed Chinese terms of art per task (optional, by hand)
    data/editions/<id>/updates.yaml     dated, sourced implementation updates (optional, by hand)
    data/topics.yaml                    topic registry; data/editions/<id>/topics.yaml per-task corrections
    data/instruments.yaml               instrument registry; data/editions/<id>/instruments.yaml what each task asks
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .model import (
    RELATIONS,
    Catalog,
    CheckedClause,
    ChineseTask,
    Collective,
    Department,
    Edition,
    FormerName,
    IgnoredPhrase,
    Instrument,
    Link,
    Mention,
    Origin,
    Section,
    SeriesEntry,
    Source,
    Subsection,
    Task,
    TaskKeywords,
    Topic,
    TopicOverride,
    Update,
    edition_id_problem,
)
from .problems import DataError, Problem
from .yamlio import LineList, LineMap, read_yaml


class IntList(list):
    """A field type: a list of whole numbers (a lineage link's old tasks)."""


# Field specs: name -> (accepted types, required). `list` means a list of strings.
StrOrNone = (str, type(None))
DEPARTMENT_FIELDS = {
    "id": (str, True), "name_en": (str, True), "name_zh": (str, True), "short_zh": (str, True),
    "plan_zh": (str, True), "plan_zh_checked": (bool, True),
    "abbr": (StrOrNone, True), "kind": (str, True), "aliases": (list, True), "garbled_aliases": (list, False),
    "aliases_zh": (list, False), "former_names": (LineList, False), "successor": (StrOrNone, False),
    "succeeded_on": ((date, type(None)), False),
}
FORMER_NAME_FIELDS = {"name_zh": (str, True), "name_en": (str, False), "until": ((date, type(None)), False)}
COLLECTIVE_FIELDS = {"id": (str, True), "name_en": (str, True), "name_zh": (str, True), "aliases": (list, True), "aliases_zh": (list, False)}
PLAN_FIELDS = {
    "id": (str, True), "series": (str, True), "title_zh": (str, True), "title_en": (str, True),
    "title_en_alt": (str, False), "issuer_zh": (str, True), "issuer_en": (str, True),
    "issued": (date, True), "published": (date, True), "official_url": (StrOrNone, False),
    "translation_url": (StrOrNone, False), "official_publisher": (StrOrNone, False),
    "official_publisher_url": (StrOrNone, False), "translation_notice": (str, True),
}
CONTENT_FIELDS = {"front_en": (list, False), "sections": (LineList, True), "tasks": (LineList, True), "closing_en": (list, False)}
SECTION_FIELDS = {"number": (int, True), "title_en": (str, True), "subsections": (LineList, False)}
SUBSECTION_FIELDS = {"number": (int, True), "title_en": (str, True)}
TASK_FIELDS = {
    "number": (int, True), "section": (int, True), "subsection": ((int, type(None)), True),
    "text_en": (str, True), "responsibility_en": (str, True), "departments": (list, True),
    "collectives": (list, False), "respective_duties": (bool, False), "and_others": (bool, False),
}
CHINESE_FIELDS = {"headings": (LineList, True), "tasks": (LineMap, False)}
# official.zh.yaml: written by `build.py import` from the official Chinese text a user saved.
OFFICIAL_FIELDS = {"front_zh": (list, False), "headings": (LineList, True), "tasks": (LineList, True), "closing_zh": (list, False)}
OFFICIAL_HEADING_FIELDS = {"number": (str, True), "title_zh": (str, True)}
OFFICIAL_TASK_FIELDS = {
    "number": (int, True), "section": (int, True), "subsection": ((int, type(None)), True),
    "text_zh": (str, True), "responsibility_zh": (str, True), "departments": (list, True),
    "collectives": (list, False), "respective_duties": (bool, False), "and_others": (bool, False),
}
CHECKED_CLAUSE_FIELDS = {"task": (int, True), "bodies": (list, True), "respective_duties": (bool, False), "and_others": (bool, False)}
KEYWORD_FIELDS = {"task": (int, True), "terms": (list, True)}
LINEAGE_FIELDS = {"old": (str, True), "new": (str, True), "links": (LineList, True)}
LINK_FIELDS = {"new": (int, True), "old": (IntList, True), "kind": (str, True), "review": (str, True),
               "score": ((int, float), False), "evidence": (list, False)}
OptionalDate = (date, type(None))
SERIES_FIELDS = {"id": (str, True), "title_zh": (StrOrNone, False), "title_en": (StrOrNone, False), "number": (StrOrNone, False),
                 "issuer_zh": (StrOrNone, False), "issuer_en": (StrOrNone, False), "issued": (OptionalDate, False),
                 "published": (OptionalDate, False), "tasks": ((int, type(None)), False), "sections": ((int, type(None)), False),
                 "note_en": (StrOrNone, False)}
HEADING_FIELDS = {"number": (str, True), "title_zh": (str, True), "status": (str, True)}
HEADING_STATUSES = ("confirmed", "reconstructed")
TOPIC_FIELDS = {"id": (str, True), "name_en": (str, True), "name_zh": (str, True), "terms_en": (list, True), "terms_zh": (list, False)}
OVERRIDE_FIELDS = {"task": (int, True), "add": (list, False), "remove": (list, False), "why": (str, True)}
INSTRUMENT_FILE_FIELDS = {"instruments": (LineList, True), "ignore": (LineList, False)}
IGNORE_FIELDS = {"phrase": (str, True), "why": (str, True)}
INSTRUMENT_FIELDS = {"id": (str, True), "kind": (str, True), "name_en": (str, True), "name_zh": (str, True),
                     "zh_status": (str, True), "aliases": (list, True), "untitled": (bool, False),
                     **{relation: (list, False) for relation in RELATIONS}}
MENTION_FIELDS = {"task": (int, True), "instrument": (str, True), "action": (str, True)}
UPDATE_FIELDS = {"task": (int, True), "date": (date, True), "status": (str, True), "note_en": (str, True),
                 "note_zh": (str, False), "sources": (LineList, True)}
SOURCE_FIELDS = {"title": (str, True), "publisher": (str, True), "date": (date, True), "url": (StrOrNone, False)}

TYPE_NAMES = {IntList: "a list of task numbers", float: "a number", str: "text", int: "a whole number", bool: "true or false", date: "a date (YYYY-MM-DD)",
              list: "a list of text", LineList: "a list", LineMap: "a mapping", type(None): "null"}


def _type_name(types: Any) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(TYPE_NAMES[t] for t in types)


def _is(value: Any, types: Any) -> bool:
    types = types if isinstance(types, tuple) else (types,)
    for t in types:
        if t is IntList:
            if isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
                return True
        elif t is list:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return True
        elif t is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return True
        elif t is date:
            if isinstance(value, date) and not isinstance(value, datetime):  # 2025-05-01 10:00 is a datetime, and no date
                return True
        elif isinstance(value, t):
            return True
    return False


def check_fields(record: Any, spec: dict, file: str, what: str, line: int) -> list[Problem]:
    """Missing, extra and mistyped fields of one mapping."""
    if not isinstance(record, LineMap):
        return [Problem(file, line, f"{what} must be a mapping of fields", f"write it as `key: value` lines ({', '.join(spec)})")]
    problems = []
    for name, (types, required) in spec.items():
        if name not in record:
            if required:
                problems.append(Problem(file, record.line, f"{what} has no field '{name}'", f"add '{name}:' ({_type_name(types)})"))
        elif not _is(record[name], types):
            problems.append(Problem(file, record.line_of(name), f"{what}: '{name}' must be {_type_name(types)}, not {shown(record[name])}", f"write '{name}' as {_type_name(types)}"))
    for name, value in record.items():
        for text in (value if isinstance(value, list) else (value,)):
            if isinstance(text, str) and (problem := text_problem(text)):
                problems.append(Problem(file, record.line_of(name), f"{what}: '{name}' {problem[0]}", problem[1]))
                break
    for name in record:
        if name not in spec:
            problems.append(Problem(file, record.line_of(name), f"{what} has an unknown field '{name}'", f"remove it or rename it to one of: {', '.join(spec)}"))
    return problems


def is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Characters no page, feed or export can carry: C0 controls but tab, line feed and carriage return,
# DEL, and the non-characters U+FFFE and U+FFFF. YAML lets a double-quoted "\0" or "\x07" write them.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def text_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a text's characters, and what to do; None when nothing is."""
    if not is_encodable(text):
        return ("holds a character that is not valid Unicode (a lone surrogate)", "write the character itself, or both halves of its \\u escape pair")
    if bad := FORBIDDEN.search(text):
        return (f"holds the control character U+{ord(bad.group()):04X}, which no page can show", "remove it (write a line break as a real one)")
    return None


def shown(value: Any, limit: int = 60) -> str:
    """A value as an error message quotes it: short, and a date with a time said to be one."""
    if isinstance(value, datetime):
        return f"{value.isoformat(sep=' ')!r} (a date with a time)"
    text = repr(value) if not isinstance(value, (list, dict)) else f"a {'list' if isinstance(value, list) else 'mapping'}"
    return text if len(text) <= limit else text[:limit] + "…"


class Loader:
    """Reads every data file, collecting problems instead of stopping at the first."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.data_dir.parent))
        except ValueError:
            return str(path)

    def read(self, path: Path) -> Any:
        try:
            return read_yaml(path, self.shown(path))
        except DataError as exc:
            self.problems.extend(exc.problems)
            return None

    def records(self, path: Path, spec: dict, what: str) -> list[LineMap]:
        """A file holding a list of records; returns only the well-formed ones."""
        data = self.read(path)
        if data is None:
            return []
        file = self.shown(path)
        if not isinstance(data, LineList):
            self.problems.append(Problem(file, 1, f"expected a list of {what}s", f"start each {what} with '- id: ...'"))
            return []
        good = []
        for i, record in enumerate(data, 1):
            found = check_fields(record, spec, file, f"{what} #{i}", data.line)
            self.problems.extend(found)
            if not found:
                good.append(record)
        return good

    def catalog(self) -> Catalog:
        departments = tuple(
            Department(id=r["id"], name_en=r["name_en"], name_zh=r["name_zh"], short_zh=r["short_zh"],
                       plan_zh=r["plan_zh"], plan_zh_checked=r["plan_zh_checked"], abbr=r["abbr"], kind=r["kind"],
                       aliases=(*r["aliases"], *(r.get("garbled_aliases") or ())), garbled=tuple(r.get("garbled_aliases") or ()),
                       aliases_zh=tuple(r.get("aliases_zh") or ()), former_names=self.former_names(r),
                       successor=r.get("successor"), succeeded_on=r.get("succeeded_on"),
                       origin=Origin(self.shown(self.data_dir / "departments.yaml"), r.line))
            for r in self.records(self.data_dir / "departments.yaml", DEPARTMENT_FIELDS, "department")
        )
        collectives = tuple(
            Collective(id=r["id"], name_en=r["name_en"], name_zh=r["name_zh"], aliases=tuple(r["aliases"]),
                       aliases_zh=tuple(r.get("aliases_zh") or ()),
                       origin=Origin(self.shown(self.data_dir / "collectives.yaml"), r.line))
            for r in self.records(self.data_dir / "collectives.yaml", COLLECTIVE_FIELDS, "collective")
        )
        topics = tuple(
            Topic(id=r["id"], name_en=r["name_en"], name_zh=r["name_zh"], terms_en=tuple(r["terms_en"]),
                  terms_zh=tuple(r.get("terms_zh") or ()), origin=Origin(self.shown(self.data_dir / "topics.yaml"), r.line))
            for r in self.records(self.data_dir / "topics.yaml", TOPIC_FIELDS, "topic")
        ) if (self.data_dir / "topics.yaml").exists() else ()
        instruments, ignores = self.instruments(self.data_dir / "instruments.yaml")
        editions_dir = self.data_dir / "editions"
        # (A hidden folder, like an editor's, is no edition: its name could never be one.)
        folders = sorted(p for p in editions_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) if editions_dir.is_dir() else []
        if not folders:
            self.problems.append(Problem(self.shown(editions_dir), 0, "no edition found", "add a folder data/editions/<id>/ with plan.yaml and content.en.yaml"))
        for folder in folders:
            if problem := edition_id_problem(folder.name):
                self.problems.append(Problem(self.shown(folder), 0, f"edition folder: {problem[0]}", f"rename the folder and the id in its plan.yaml: {problem[1]}"))
        editions = tuple(e for e in (self.edition(folder) for folder in folders) if e is not None)
        lineage_dir = self.data_dir / "lineage"
        links = tuple(link for path in sorted(lineage_dir.glob("*.yaml")) for link in self.links(path)) if lineage_dir.is_dir() else ()
        series_file = self.data_dir / "series.yaml"
        series = tuple(
            SeriesEntry(id=str(r["id"]), title_zh=r.get("title_zh"), title_en=r.get("title_en"), number=r.get("number"),
                        issuer_zh=r.get("issuer_zh"), issuer_en=r.get("issuer_en"), issued=r.get("issued"), published=r.get("published"),
                        tasks=r.get("tasks"), sections=r.get("sections"), note_en=r.get("note_en") or "",
                        origin=Origin(self.shown(series_file), r.line))
            for r in self.records(series_file, SERIES_FIELDS, "series entry")
        ) if series_file.exists() else ()
        return Catalog(departments=departments, collectives=collectives, editions=editions, topics=topics,
                       instruments=instruments, instrument_ignores=ignores, links=links, series=series)

    def former_names(self, record: LineMap) -> tuple[FormerName, ...]:
        found = []
        for i, f in enumerate(record.get("former_names") or (), 1):
            problems = check_fields(f, FORMER_NAME_FIELDS, self.shown(self.data_dir / "departments.yaml"), f"{record['id']}: former name #{i}", record.line)
            self.problems.extend(problems)
            if not problems:
                found.append(FormerName(name_zh=f["name_zh"], name_en=f.get("name_en", ""), until=f.get("until")))
        return tuple(found)

    def links(self, path: Path) -> list[Link]:
        """One lineage file (data/lineage/OLD-NEW.yaml): which task of NEW continues which of OLD.
        Its cross-checks (tasks exist, kinds consistent) are `validate`'s."""
        data, file = self.read(path), self.shown(path)
        if data is None:
            return []
        problems = check_fields(data, LINEAGE_FIELDS, file, "lineage", 1)
        self.problems.extend(problems)
        if problems:
            return []
        found = []
        for i, r in enumerate(data["links"], 1):
            record_problems = check_fields(r, LINK_FIELDS, file, f"link #{i}", data["links"].line)
            self.problems.extend(record_problems)
            if not record_problems:
                found.append(Link(old_edition=str(data["old"]), new_edition=str(data["new"]), new_task=r["new"],
                                  old_tasks=tuple(r["old"]), kind=r["kind"], review=r["review"], score=float(r.get("score") or 0),
                                  evidence=tuple(r.get("evidence") or ()), origin=Origin(file, r.line)))
        return found

    def instruments(self, path: Path) -> tuple[tuple[Instrument, ...], tuple[IgnoredPhrase, ...]]:
        """The instrument registry (optional file): instruments, and phrases that only look like one."""
        if not path.exists():
            return (), ()
        data = self.read(path)
        if data is None:
            return (), ()
        problems = check_fields(data, INSTRUMENT_FILE_FIELDS, self.shown(path), "instrument registry", 1)
        self.problems.extend(problems)
        if problems:
            return (), ()
        found = []
        for i, r in enumerate(data["instruments"], 1):
            record_problems = check_fields(r, INSTRUMENT_FIELDS, self.shown(path), f"instrument #{i}", data["instruments"].line)
            self.problems.extend(record_problems)
            if not record_problems:
                found.append(Instrument(id=r["id"], kind=r["kind"], name_en=r["name_en"], name_zh=r["name_zh"], zh_status=r["zh_status"],
                                        aliases=tuple(r["aliases"]), untitled=r.get("untitled", False),
                                        relations=tuple((rel, target) for rel in RELATIONS for target in r.get(rel) or ()),
                                        origin=Origin(self.shown(path), r.line)))
        ignores = []
        for i, r in enumerate(data.get("ignore") or (), 1):
            record_problems = check_fields(r, IGNORE_FIELDS, self.shown(path), f"ignored phrase #{i}", data["ignore"].line)
            self.problems.extend(record_problems)
            if not record_problems:
                ignores.append(IgnoredPhrase(r["phrase"], r["why"]))
        return tuple(found), tuple(ignores)

    def edition(self, folder: Path) -> Edition | None:
        plan_file, en_file, zh_file = folder / "plan.yaml", folder / "content.en.yaml", folder / "content.zh.yaml"
        plan, content, chinese = self.read(plan_file), self.read(en_file), self.read(zh_file)
        start = len(self.problems)
        self.problems += check_fields(plan, PLAN_FIELDS, self.shown(plan_file), "plan", 1) if plan is not None else []
        self.problems += check_fields(content, CONTENT_FIELDS, self.shown(en_file), "content", 1) if content is not None else []
        self.problems += check_fields(chinese, CHINESE_FIELDS, self.shown(zh_file), "Chinese content", 1) if chinese is not None else []
        if plan is None or content is None or chinese is None or len(self.problems) > start:
            return None
        for name in ("official_url", "translation_url", "official_publisher_url"):
            url = plan.get(name)
            if url is not None and not url.startswith(("https://", "http://")):
                self.problems.append(Problem(self.shown(plan_file), plan.line_of(name), f"plan: '{name}' {url!r} is not a web address", "give an http(s) address, or null"))
        if plan["id"] != folder.name:
            self.problems.append(Problem(self.shown(plan_file), plan.line_of("id"), f"edition id '{plan['id']}' differs from its folder name '{folder.name}'", "make the folder name and the id the same"))
        headings = self.headings(chinese, self.shown(zh_file))
        official, official_headings = self.official(folder / OFFICIAL_FILE)
        # The official text's headings replace the hand-kept ones, now confirmed. One the translation
        # has no section for is not shown: the cross-language check reports its tasks' placement.
        known = structure_keys(content["sections"])
        for key, title in official_headings.items():
            if key in known:
                headings[key] = (title, "confirmed", headings[key][2] if key in headings else 0)
        sections = self.sections(content["sections"], self.shown(en_file), headings)
        texts_zh = self.chinese_texts(chinese.get("tasks") or LineMap(), self.shown(zh_file))
        texts_zh |= {t.number: (t.text_zh, t.origin.line if t.origin else 0) for t in official}
        tasks = self.tasks(content["tasks"], self.shown(en_file), texts_zh, self.shown(zh_file))
        by_number = {t.number: t for t in official}
        keywords = self.keywords(folder / "keywords.zh.yaml")
        tasks = tuple(replace(t, responsibility_zh=by_number[t.number].responsibility_zh if t.number in by_number else "",
                              keywords_zh=keywords[t.number].terms if t.number in keywords else ()) for t in tasks)
        clauses_file = folder / "clauses.zh.yaml"
        checked = tuple(
            CheckedClause(task=r["task"], bodies=tuple(r["bodies"]), respective_duties=r.get("respective_duties", False),
                          and_others=r.get("and_others", False), origin=Origin(self.shown(clauses_file), r.line))
            for r in self.records(clauses_file, CHECKED_CLAUSE_FIELDS, "checked clause")
        ) if clauses_file.exists() else ()
        updates = self.updates(folder / "updates.yaml")
        overrides_file = folder / "topics.yaml"
        overrides = tuple(
            TopicOverride(task=r["task"], add=tuple(r.get("add") or ()), remove=tuple(r.get("remove") or ()), why=r["why"],
                          origin=Origin(self.shown(overrides_file), r.line))
            for r in self.records(overrides_file, OVERRIDE_FIELDS, "topic correction")
        ) if overrides_file.exists() else ()
        mentions_file = folder / "instruments.yaml"
        mentions = tuple(
            Mention(task=r["task"], instrument=r["instrument"], action=r["action"], origin=Origin(self.shown(mentions_file), r.line))
            for r in self.records(mentions_file, MENTION_FIELDS, "instrument mention")
        ) if mentions_file.exists() else ()
        return Edition(
            updates=updates, topic_overrides=overrides, mentions=mentions,
            id=plan["id"], series=plan["series"], title_zh=plan["title_zh"], title_en=plan["title_en"],
            title_en_alt=plan.get("title_en_alt", ""), issuer_zh=plan["issuer_zh"], issuer_en=plan["issuer_en"],
            issued=plan["issued"], published=plan["published"], translation_notice=plan["translation_notice"],
            official_url=plan.get("official_url"), translation_url=plan.get("translation_url"),
            official_publisher=plan.get("official_publisher"), official_publisher_url=plan.get("official_publisher_url"),
            sections=sections, tasks=tasks, official_zh=official, checked_clauses=checked, keywords=tuple(keywords.values()),
            official_zh_file=self.shown(folder / OFFICIAL_FILE) if official else "",
            front_en=tuple(content.get("front_en") or ()), closing_en=tuple(content.get("closing_en") or ()),
        )

    def official(self, path: Path) -> tuple[tuple[ChineseTask, ...], dict[str, str]]:
        """The official Chinese text a user imported (optional; git-ignored in this repository):
        its tasks, and its headings by key ("1", "1.2")."""
        if not path.exists():
            return (), {}
        data, file = self.read(path), self.shown(path)
        problems = check_fields(data, OFFICIAL_FIELDS, file, "official text", 1) if data is not None else []
        self.problems.extend(problems)
        if data is None or problems:
            return (), {}
        headings = {}
        for i, h in enumerate(data["headings"], 1):
            found = check_fields(h, OFFICIAL_HEADING_FIELDS, file, f"heading #{i}", data["headings"].line)
            self.problems.extend(found)
            if not found:
                headings[h["number"]] = h["title_zh"]
        tasks = []
        for i, r in enumerate(data["tasks"], 1):
            found = check_fields(r, OFFICIAL_TASK_FIELDS, file, f"task #{i}", data["tasks"].line)
            self.problems.extend(found)
            if not found:
                tasks.append(ChineseTask(
                    number=r["number"], section=r["section"], subsection=r["subsection"], text_zh=r["text_zh"],
                    responsibility_zh=r["responsibility_zh"], departments=tuple(r["departments"]),
                    collectives=tuple(r.get("collectives") or ()), respective_duties=r.get("respective_duties", False),
                    and_others=r.get("and_others", False), origin=Origin(file, r.line)))
        return tuple(tasks), headings

    def keywords(self, path: Path) -> dict[int, TaskKeywords]:
        """Reviewed Chinese keywords by task (optional file); `validate` finds those of no task."""
        if not path.exists():
            return {}
        found: dict[int, tuple[str, ...]] = {}
        for r in self.records(path, KEYWORD_FIELDS, "task's keywords"):
            if r["task"] in found:
                self.problems.append(Problem(self.shown(path), r.line, f"keywords of task {r['task']} are given twice", "keep one entry per task"))
            bad = [t for t in r["terms"] if not 2 <= len(t) <= 16 or any(c in t for c in "，。；：、,.;:!?！？()（）")]
            if bad:
                self.problems.append(Problem(self.shown(path), r.line, f"task {r['task']}: {bad[0]!r} is no term of art", "write a term of 2-16 characters, never a phrase or sentence of the plan"))
            found[r["task"]] = TaskKeywords(r["task"], tuple(r["terms"]), Origin(self.shown(path), r.line))
        return found

    def updates(self, path: Path) -> tuple[Update, ...]:
        """Implementation updates (optional file); their cross-checks are in validate."""
        if not path.exists():
            return ()
        found = []
        for r in self.records(path, UPDATE_FIELDS, "update"):
            sources, problems = [], []
            for i, s in enumerate(r["sources"], 1):
                found_problems = check_fields(s, SOURCE_FIELDS, self.shown(path), f"update of task {r['task']}: source #{i}", r.line)
                problems += found_problems
                if not found_problems:
                    sources.append(Source(title=s["title"], publisher=s["publisher"], date=s["date"], url=s.get("url")))
            self.problems.extend(problems)
            if not problems:
                found.append(Update(task=r["task"], date=r["date"], status=r["status"], note_en=r["note_en"],
                                    note_zh=r.get("note_zh", ""), sources=tuple(sources), origin=Origin(self.shown(path), r.line)))
        return tuple(found)

    def headings(self, chinese: LineMap, file: str) -> dict[str, tuple[str, str, int]]:
        """Chinese heading by key ("1", "1.2"): (title, status, line)."""
        found: dict[str, tuple[str, str, int]] = {}
        for i, h in enumerate(chinese["headings"], 1):
            problems = check_fields(h, HEADING_FIELDS, file, f"heading #{i}", chinese["headings"].line)
            if not problems and h["status"] not in HEADING_STATUSES:
                problems.append(Problem(file, h.line_of("status"), f"heading {h['number']}: unknown status '{h['status']}'", "use 'confirmed' or 'reconstructed'"))
            if not problems and h["number"] in found:
                problems.append(Problem(file, h.line, f"heading {h['number']} is given twice", "keep one entry per heading"))
            self.problems.extend(problems)
            if not problems:
                found[h["number"]] = (h["title_zh"], h["status"], h.line)
        return found

    def sections(self, records: LineList, file: str, headings: dict) -> tuple[Section, ...]:
        sections = []
        used: set[str] = set()
        for i, r in enumerate(records, 1):
            problems = check_fields(r, SECTION_FIELDS, file, f"section #{i}", records.line)
            subsections = []
            for j, s in enumerate(r.get("subsections") or [] if not problems else [], 1):
                sub_problems = check_fields(s, SUBSECTION_FIELDS, file, f"section {r['number']} subsection #{j}", r.line)
                problems += sub_problems
                if not sub_problems:
                    key = f"{r['number']}.{s['number']}"
                    title_zh, status = self.chinese_title(headings, key, file, s.line, used)
                    subsections.append(Subsection(section=r["number"], number=s["number"], title_en=s["title_en"], title_zh=title_zh, title_zh_status=status))
            self.problems.extend(problems)
            if not problems:
                title_zh, status = self.chinese_title(headings, str(r["number"]), file, r.line, used)
                sections.append(Section(number=r["number"], title_en=r["title_en"], subsections=tuple(subsections), title_zh=title_zh, title_zh_status=status))
        for key, (_, _, line) in headings.items():
            if key not in used:
                self.problems.append(Problem(file.replace("content.en", "content.zh"), line, f"Chinese heading {key} belongs to no section or subsection", "fix its number or remove it"))
        return tuple(sections)

    def chinese_title(self, headings: dict, key: str, file: str, line: int, used: set[str]) -> tuple[str, str]:
        if key not in headings:
            self.problems.append(Problem(file, line, f"heading {key} has no Chinese title", f"add '- {{number: \"{key}\", title_zh: ..., status: reconstructed}}' to content.zh.yaml"))
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
                self.problems.append(Problem(file, line, f"Chinese text: task number {shown(number)} is not a positive whole number", "key each text by its task's number (5: 加快…)"))
            elif text is None or (isinstance(text, str) and not text.strip()):
                self.problems.append(Problem(file, line, f"Chinese text of task {number} is empty", "write the official Chinese text, or remove the entry until it is known"))
            elif not isinstance(text, str):
                self.problems.append(Problem(file, line, f"Chinese text of task {number} must be text, not {shown(text)}", "write the official Chinese text (quote it if it holds ': ')"))
            elif problem := text_problem(text):
                self.problems.append(Problem(file, line, f"Chinese text of task {number} {problem[0]}", problem[1]))
            else:
                found[number] = (text, line)
        return found

    def tasks(self, records: LineList, file: str, texts_zh: dict[int, tuple[str, int]], zh_file: str) -> tuple[Task, ...]:
        tasks = []
        for i, r in enumerate(records, 1):
            problems = check_fields(r, TASK_FIELDS, file, f"task #{i}", records.line)
            self.problems.extend(problems)
            if problems:
                continue
            tasks.append(Task(
                number=r["number"], section=r["section"], subsection=r["subsection"], text_en=r["text_en"],
                responsibility_en=r["responsibility_en"], departments=tuple(r["departments"]),
                collectives=tuple(r.get("collectives") or ()), respective_duties=r.get("respective_duties", False),
                and_others=r.get("and_others", False), text_zh=texts_zh.get(r["number"], ("", 0))[0],
                origin=Origin(file, r.line),
            ))
        numbers = {t.number for t in tasks}
        for number, (_, line) in texts_zh.items():
            if number not in numbers:
                self.problems.append(Problem(zh_file, line, f"Chinese text given for task {number}, which does not exist", "fix the task number or remove the entry"))
        return tuple(tasks)


OFFICIAL_FILE = "official.zh.yaml"


def structure_keys(records: LineList) -> set[str]:
    """The heading keys ("1", "1.2") of the translation's sections and subsections."""
    keys = set()
    for r in records if isinstance(records, list) else ():
        if isinstance(r, dict) and isinstance(r.get("number"), int):
            keys.add(str(r["number"]))
            keys.update(f"{r['number']}.{s['number']}" for s in r.get("subsections") or () if isinstance(s, dict) and "number" in s)
    return keys


def load(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Read everything under `data_dir`; return the catalog and every problem found while reading."""
    loader = Loader(data_dir)
    catalog = loader.catalog()
    return catalog, loader.problems
