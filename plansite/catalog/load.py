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

from pathlib import Path

from plansite.catalog.bodies import Collective, Department, FormerName, Nameplate
from plansite.catalog.edition import EditionReader
from plansite.catalog.ids import edition_id_problem
from plansite.catalog.model import Catalog, IgnoredPhrase, Instrument, Topic
from plansite.catalog.problems import Origin, Problem
from plansite.catalog.schema import (
    COLLECTIVE_FIELDS,
    DEPARTMENT_FIELDS,
    FORMER_NAME_FIELDS,
    IGNORE_FIELDS,
    INSTRUMENT_FIELDS,
    INSTRUMENT_FILE_FIELDS,
    LINEAGE_FIELDS,
    LINK_FIELDS,
    NAMEPLATE_FIELDS,
    SERIES_FIELDS,
    TOPIC_FIELDS,
    check_fields,
)
from plansite.catalog.series import Link, SeriesEntry
from plansite.catalog.vocab import RELATIONS
from plansite.catalog.yamlio import LineList, LineMap, loops, present


class Loader(EditionReader):
    """Reads every data file: the shared registries here, each edition through EditionReader."""

    def catalog(self) -> Catalog:
        departments = tuple(
            Department(
                id=r["id"],
                name_en=r["name_en"],
                name_zh=r["name_zh"],
                short_zh=r["short_zh"],
                plan_zh=r["plan_zh"],
                zh_check=r["zh_check"],
                abbr=r["abbr"],
                name_en_short=r.get("name_en_short", ""),
                kind=r["kind"],
                aliases=(*r["aliases"], *(r.get("garbled") or ())),
                garbled=tuple(r.get("garbled") or ()),
                aliases_zh=tuple(r.get("aliases_zh") or ()),
                former_names=self.former_names(r),
                nameplates=self.nameplates(r),
                successor=r.get("successor"),
                succeeded_on=r.get("succeeded_on"),
                origin=Origin(self.shown(self.data_dir / "departments.yaml"), r.line),
            )
            for r in self.records(self.data_dir / "departments.yaml", DEPARTMENT_FIELDS, "department")
        )
        collectives = tuple(
            Collective(
                id=r["id"],
                name_en=r["name_en"],
                name_zh=r["name_zh"],
                aliases=tuple(r["aliases"]),
                aliases_zh=tuple(r.get("aliases_zh") or ()),
                origin=Origin(self.shown(self.data_dir / "collectives.yaml"), r.line),
            )
            for r in self.records(self.data_dir / "collectives.yaml", COLLECTIVE_FIELDS, "collective")
        )
        topics = (
            tuple(
                Topic(
                    id=r["id"],
                    name_en=r["name_en"],
                    name_zh=r["name_zh"],
                    terms_en=tuple(r["terms_en"]),
                    terms_zh=tuple(r.get("terms_zh") or ()),
                    origin=Origin(self.shown(self.data_dir / "topics.yaml"), r.line),
                )
                for r in self.records(self.data_dir / "topics.yaml", TOPIC_FIELDS, "topic")
            )
            if present(self.data_dir / "topics.yaml")
            else ()
        )
        instruments, ignores = self.instruments(self.data_dir / "instruments.yaml")
        editions_dir = self.data_dir / "editions"
        # (A hidden folder, like an editor's, is no edition: its name could never be one.)
        folders = [p for p in self.folder_entries(editions_dir) if p.is_dir() and not p.name.startswith(".")]
        if not folders:
            self.problems.append(
                Problem(
                    self.shown(editions_dir),
                    0,
                    "no edition found",
                    "add a folder data/editions/<id>/ with plan.yaml and content.en.yaml",
                )
            )
        for folder in folders:
            if problem := edition_id_problem(folder.name):
                self.problems.append(
                    Problem(
                        self.shown(folder),
                        0,
                        f"edition folder: {problem[0]}",
                        f"rename the folder and the id in its plan.yaml: {problem[1]}",
                    )
                )
        editions = tuple(e for e in (self.edition(folder) for folder in folders) if e is not None)
        lineage_entries = self.folder_entries(self.data_dir / "lineage", files=True)
        links = tuple(link for path in lineage_entries if path.name.endswith(".yaml") for link in self.links(path))
        for path in (p for p in lineage_entries if p.name.endswith(".yml")):
            # Read as .yaml only, so a .yml file would silently not count: refused, by name.
            self.problems.append(
                Problem(
                    self.shown(path),
                    0,
                    "a lineage file ending in .yml is not read (lineage files are OLD-NEW.yaml)",
                    f"rename it {path.stem}.yaml"
                    + (
                        f" (merging its links into the {path.stem}.yaml already there)"
                        if path.with_suffix(".yaml").exists()
                        else ""
                    ),
                )
            )
        series_file = self.data_dir / "series.yaml"
        series = (
            tuple(
                SeriesEntry(
                    id=str(r["id"]),
                    title_zh=r.get("title_zh"),
                    title_en=r.get("title_en"),
                    number=r.get("number"),
                    issuer_zh=r.get("issuer_zh"),
                    issuer_en=r.get("issuer_en"),
                    issued=r.get("issued"),
                    published=r.get("published"),
                    tasks=r.get("tasks"),
                    sections=r.get("sections"),
                    note_en=r.get("note_en") or "",
                    note_zh=r.get("note_zh") or "",
                    origin=Origin(self.shown(series_file), r.line),
                )
                for r in self.records(series_file, SERIES_FIELDS, "series entry")
            )
            if present(series_file)
            else ()
        )
        return Catalog(
            departments=departments,
            collectives=collectives,
            editions=editions,
            topics=topics,
            instruments=instruments,
            instrument_ignores=ignores,
            links=links,
            series=series,
        )

    def folder_entries(self, folder: Path, files: bool = False) -> list[Path]:
        """The entries of an optional data folder, sorted. A folder or entry that is a symlink loop is
        a problem, not absent (a looping edition would otherwise vanish from the site); with `files`,
        a looping entry is returned, for reading it to say so."""
        if not folder.is_dir():
            if loops(folder):
                self.problems.append(Problem(self.shown(folder), 0, *LOOP))
            return []
        entries = sorted(folder.iterdir())
        if files:
            return entries
        for entry in entries:
            if not entry.name.startswith(".") and loops(entry):
                self.problems.append(Problem(self.shown(entry), 0, *LOOP))
        return entries

    def former_names(self, record: LineMap) -> tuple[FormerName, ...]:
        found = []
        for i, f in enumerate(record.get("former_names") or (), 1):
            problems = check_fields(
                f,
                FORMER_NAME_FIELDS,
                self.shown(self.data_dir / "departments.yaml"),
                f"{record['id']}: former name #{i}",
                record.line,
            )
            self.problems.extend(problems)
            if not problems:
                found.append(FormerName(name_zh=f["name_zh"], name_en=f.get("name_en", ""), until=f.get("until")))
        return tuple(found)

    def nameplates(self, record: LineMap) -> tuple[Nameplate, ...]:
        found = []
        for i, n in enumerate(record.get("nameplates") or (), 1):
            where = f"{record['id']}: nameplate #{i}"
            problems = check_fields(
                n, NAMEPLATE_FIELDS, self.shown(self.data_dir / "departments.yaml"), where, record.line
            )
            self.problems.extend(problems)
            if not problems:
                found.append(Nameplate(name_zh=n["name_zh"], name_en=n["name_en"]))
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
        for r in self.checked(data["links"], LINK_FIELDS, file, "link"):
            found.append(
                Link(
                    old_edition=str(data["old_edition"]),
                    new_edition=str(data["new_edition"]),
                    new_task=r["new_task"],
                    old_tasks=tuple(r["old_tasks"]),
                    kind=r["kind"],
                    review=r["review"],
                    score=float(r.get("score") or 0),
                    evidence=tuple(r.get("evidence") or ()),
                    origin=Origin(file, r.line),
                )
            )
        return found

    def instruments(self, path: Path) -> tuple[tuple[Instrument, ...], tuple[IgnoredPhrase, ...]]:
        """The instrument registry (optional file): instruments, and phrases that only look like one."""
        if not present(path):
            return (), ()
        data = self.read(path)
        if data is None:
            return (), ()
        problems = check_fields(data, INSTRUMENT_FILE_FIELDS, self.shown(path), "instrument registry", 1)
        self.problems.extend(problems)
        if problems:
            return (), ()
        found = []
        for r in self.checked(data["instruments"], INSTRUMENT_FIELDS, self.shown(path), "instrument"):
            found.append(
                Instrument(
                    id=r["id"],
                    kind=r["kind"],
                    name_en=r["name_en"],
                    name_zh=r["name_zh"],
                    zh_check=r["zh_check"],
                    aliases=tuple(r["aliases"]),
                    untitled=r.get("untitled", False),
                    relations=tuple((rel, target) for rel in RELATIONS for target in r.get(rel) or ()),
                    origin=Origin(self.shown(path), r.line),
                )
            )
        ignores = [
            IgnoredPhrase(r["phrase"], r["why"])
            for r in self.checked(data.get("ignore") or LineList(), IGNORE_FIELDS, self.shown(path), "ignored phrase")
        ]
        return tuple(found), tuple(ignores)


LOOP = ("is a symlink loop (a link that leads back to itself)", "replace the link with what it should point to")


def load(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Read everything under `data_dir`; return the catalog and every problem found while reading."""
    loader = Loader(data_dir)
    catalog = loader.catalog()
    return catalog, loader.problems
