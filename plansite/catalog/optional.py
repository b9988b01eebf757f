"""Readers of an edition's optional files: the official Chinese text a user imported, reviewed
keywords and implementation updates. Each file may be absent; its problems are collected."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plansite.catalog.model import ChineseTask, GlossaryTerm, TaskKeywords, TaskTitle
from plansite.catalog.problems import Origin, Problem
from plansite.catalog.progress import Source, TaskSearch, Update
from plansite.catalog.reader import Reader
from plansite.catalog.schema import (
    GLOSSARY_FIELDS,
    KEYWORD_FIELDS,
    OFFICIAL_FIELDS,
    OFFICIAL_HEADING_FIELDS,
    OFFICIAL_TASK_FIELDS,
    SEARCH_FIELDS,
    SEARCHES_FIELDS,
    SOURCE_FIELDS,
    TITLE_FIELDS,
    UPDATE_FIELDS,
    check_fields,
)
from plansite.catalog.yamlio import present

TITLES_FILE = "titles.yaml"


class OptionalFiles(Reader):
    def official(self, path: Path) -> tuple[tuple[ChineseTask, ...], dict[str, tuple[str, int]]]:
        """The official Chinese text a user imported (optional; git-ignored in this repository):
        its tasks, and its headings by key ("1", "1.2") with their lines."""
        if not present(path):
            return (), {}
        data, file = self.read(path), self.shown(path)
        problems = check_fields(data, OFFICIAL_FIELDS, file, "official text", 1) if data is not None else []
        self.problems.extend(problems)
        if data is None or problems:
            return (), {}
        headings = {
            h["number"]: (h["title_zh"], h.line)
            for h in self.checked(data["headings"], OFFICIAL_HEADING_FIELDS, file, "heading")
        }
        tasks = []
        for r in self.checked(data["tasks"], OFFICIAL_TASK_FIELDS, file, "task"):
            tasks.append(
                ChineseTask(
                    number=r["number"],
                    section=r["section"],
                    subsection=r["subsection"],
                    text_zh=r["text_zh"],
                    responsibility_zh=r["responsibility_zh"],
                    departments=tuple(r["departments"]),
                    collectives=tuple(r.get("collectives") or ()),
                    respective_duties=r.get("respective_duties", False),
                    and_others=r.get("and_others", False),
                    origin=Origin(file, r.line),
                )
            )
        return tuple(tasks), headings

    def keywords(self, path: Path) -> dict[int, TaskKeywords]:
        """Reviewed Chinese keywords by task (optional file); `validate` finds those of no task."""
        if not present(path):
            return {}
        found: dict[int, tuple[str, ...]] = {}
        for r in self.records(path, KEYWORD_FIELDS, "task's keywords"):
            if r["task"] in found:
                self.problems.append(
                    Problem(
                        self.shown(path),
                        r.line,
                        f"keywords of task {r['task']} are given twice",
                        "keep one entry per task",
                    )
                )
            bad = [t for t in r["terms"] if not 2 <= len(t) <= 16 or any(c in t for c in "，。；：、,.;:!?！？()（）")]
            if bad:
                self.problems.append(
                    Problem(
                        self.shown(path),
                        r.line,
                        f"task {r['task']}: {', '.join(map(repr, bad))} {'is' if len(bad) == 1 else 'are'} "
                        f"no term{'s' if len(bad) > 1 else ''} of art",
                        "write a term of 2-16 characters, never a phrase or sentence of the plan",
                    )
                )
            found[r["task"]] = TaskKeywords(r["task"], tuple(r["terms"]), Origin(self.shown(path), r.line))
        return found

    def titles(self, path: Path) -> tuple[TaskTitle, ...]:
        """The editors' short titles (optional file); `validate` checks them."""
        if not present(path):
            return ()
        found: list[TaskTitle] = []
        file = self.shown(path)
        for r in self.records(path, TITLE_FIELDS, "title"):
            zh, en = r["title_zh"].strip(), " ".join(r["title_en"].split())
            found.append(TaskTitle(r["task"], zh, en, Origin(file, r.line)))
        return tuple(found)

    def glossary(self, path: Path) -> tuple[GlossaryTerm, ...]:
        """The edition's terms of art (optional file); `validate` checks them against the text."""
        if not present(path):
            return ()
        return tuple(
            GlossaryTerm(
                term_zh=r["term_zh"],
                term_en=r["term_en"],
                translation_en=tuple(r["translation_en"]),
                tasks=tuple(r["tasks"]),
                abbr_en=r.get("abbr_en", ""),
                note_en=" ".join(r.get("note_en", "").split()),
                note_zh=" ".join(r.get("note_zh", "").split()),
                origin=Origin(self.shown(path), r.line),
            )
            for r in self.records(path, GLOSSARY_FIELDS, "term")
        )

    def searches(self, path: Path) -> tuple[date | None, tuple[TaskSearch, ...]]:
        """When the edition's tasks were searched for in public sources (optional file): the date
        of the whole search, and each task's date and queries."""
        if not present(path):
            return None, ()
        data, file = self.read(path), self.shown(path)
        problems = check_fields(data, SEARCHES_FIELDS, file, "searches", 1) if data is not None else []
        self.problems.extend(problems)
        if data is None or problems:
            return None, ()
        found = tuple(
            TaskSearch(r["task"], r["searched"], tuple(r["queries"]), Origin(file, r.line))
            for r in self.checked(data["tasks"], SEARCH_FIELDS, file, "search")
        )
        return data["searched"], found

    def updates(self, path: Path) -> tuple[Update, ...]:
        """Implementation updates (optional file); their cross-checks are in progresscheck."""
        if not present(path):
            return ()
        found = []
        for r in self.records(path, UPDATE_FIELDS, "update"):
            sources, problems = [], []
            for i, s in enumerate(r["sources"], 1):
                found_problems = check_fields(
                    s, SOURCE_FIELDS, self.shown(path), f"update of task {r['task']}: source #{i}", r.line
                )
                problems += found_problems
                if not found_problems:
                    sources.append(
                        Source(
                            title=s["title"],
                            publisher=s["publisher"],
                            date=s["date"],
                            url=s.get("url"),
                            url_note=s.get("url_note", ""),
                            query=s.get("query", ""),
                        )
                    )
            self.problems.extend(problems)
            if not problems:
                found.append(
                    Update(
                        task=r["task"],
                        date=r["date"],
                        status=r["status"],
                        note_en=r["note_en"],
                        note_zh=r.get("note_zh", ""),
                        sources=tuple(sources),
                        origin=Origin(self.shown(path), r.line),
                    )
                )
        return tuple(found)
