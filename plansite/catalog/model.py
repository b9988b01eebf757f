"""The plan as immutable data: Catalog → Edition → Section → Subsection, Task (the bodies are in `bodies`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.ids import roman
from plansite.catalog.problems import Origin
from plansite.catalog.progress import TaskSearch, Update
from plansite.catalog.series import Link, SeriesEntry
from plansite.catalog.vocab import NO_UPDATE, Role, ZhCheck


@dataclass(frozen=True)
class Topic:
    """A theme ("trade secrets"); a task belongs to it when its text contains one of the terms."""

    id: str
    name_en: str
    name_zh: str
    terms_en: tuple[str, ...]
    terms_zh: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class TopicOverride:
    """A reviewed correction for one task: topics to add or remove, with the reason."""

    task: int
    add: tuple[str, ...]
    remove: tuple[str, ...]
    why: str
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Instrument:
    """A law, regulation, rule, interpretation, guideline, plan, standard or treaty a plan names."""

    id: str
    kind: str
    name_en: str
    name_zh: str
    zh_check: ZhCheck
    aliases: tuple[str, ...]
    untitled: bool = False  # a task describes it ("guiding opinions on …") rather than naming a title
    relations: tuple[tuple[str, str], ...] = ()  # (relation, instrument id): ("interprets", "trademark-law")
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class IgnoredPhrase:
    """A phrase that looks like an instrument but is none, with the reviewer's reason."""

    phrase: str
    why: str


@dataclass(frozen=True)
class Mention:
    """A task naming an instrument, and what it asks for it."""

    task: int
    instrument: str
    action: str
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Responsibility:
    department: str
    role: Role


@dataclass(frozen=True)
class Task:
    number: int
    section: int
    subsection: int | None
    text_en: str
    responsibility_en: str
    departments: tuple[str, ...]
    collectives: tuple[str, ...] = ()
    respective_duties: bool = False
    and_others: bool = False
    text_zh: str = ""  # the official Chinese text, once imported (never shipped in this repository)
    responsibility_zh: str = ""  # its clause as the official text words it ("国家知识产权局、司法部负责")
    # Reviewed Chinese terms of art, so Chinese search finds the task without its text.
    keywords_zh: tuple[str, ...] = ()
    # The editors' short title (titles.yaml), never the plan's words; "" where none is written.
    title_zh: str = ""
    title_en: str = ""
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def responsibilities(self) -> tuple[Responsibility, ...]:
        """The plan's rule: the first department named leads, the others participate."""
        return tuple(
            Responsibility(dept, "lead" if i == 0 else "participant") for i, dept in enumerate(self.departments)
        )

    @property
    def lead(self) -> str | None:
        return self.departments[0] if self.departments else None

    @property
    def participants(self) -> tuple[str, ...]:
        return self.departments[1:]


@dataclass(frozen=True)
class ChineseTask:
    """A task as the imported official Chinese text places it and names its bodies: what the
    translation is checked against."""

    number: int
    section: int
    subsection: int | None
    text_zh: str
    responsibility_zh: str
    departments: tuple[str, ...]
    collectives: tuple[str, ...] = ()
    respective_duties: bool = False
    and_others: bool = False
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CheckedClause:
    """A responsibility clause recorded from the official text (the bodies as it names them, in
    order), which holds the translation to account while the text itself is not imported."""

    task: int
    bodies: tuple[str, ...]
    respective_duties: bool = False
    and_others: bool = False
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class TaskKeywords:
    """Reviewed Chinese terms of art for one task (keywords.zh.yaml)."""

    task: int
    terms: tuple[str, ...]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class TaskTitle:
    """The editors' short title of a task (titles.yaml), as recorded; pages read it from the Task."""

    task: int
    title_zh: str
    title_en: str
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class GlossaryTerm:
    """A term of art of an edition (glossary.yaml): the one English rendering the site uses, and
    the translation's own wordings of it."""

    term_zh: str
    term_en: str
    translation_en: tuple[str, ...]
    tasks: tuple[int, ...]
    abbr_en: str = ""  # the English abbreviation readers search for (SEP)
    note_en: str = ""
    note_zh: str = ""
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Subsection:
    section: int
    number: int
    title_en: str
    title_zh: str = ""
    zh_check: ZhCheck = "reconstructed"  # the Chinese heading checked against the official text, or not

    @property
    def key(self) -> str:
        return f"{self.section}.{self.number}"

    @property
    def numeral(self) -> str:
        return f"({roman(self.number)})"


@dataclass(frozen=True)
class Section:
    number: int
    title_en: str
    subsections: tuple[Subsection, ...] = ()
    title_zh: str = ""
    zh_check: ZhCheck = "reconstructed"  # the Chinese heading checked against the official text, or not

    @property
    def key(self) -> str:
        return str(self.number)

    @property
    def numeral(self) -> str:
        return f"{roman(self.number)}."


@dataclass(frozen=True)
class Edition:
    """One edition of a plan series; its id is the URL prefix of its pages."""

    id: str
    series: str
    title_zh: str
    title_en: str
    issuer_zh: str
    issuer_en: str
    issued: date | None  # None: the day of issue is not known
    published: date
    translation_notice: str
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    title_en_alt: str = ""
    translation_notice_zh: str = ""
    official_url: str | None = None
    translation_url: str | None = None
    official_publisher: str | None = None  # department id of the body that published the official text
    official_publisher_url: str | None = None  # its website, while the text's own address is unknown
    front_en: tuple[str, ...] = ()
    closing_en: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()
    searched: date | None = None  # public sources searched for every task's progress on this date
    searches: tuple[TaskSearch, ...] = ()
    topic_overrides: tuple[TopicOverride, ...] = ()
    mentions: tuple[Mention, ...] = ()
    official_zh: tuple[ChineseTask, ...] = ()  # from the git-ignored official.zh.yaml, when a user imported it
    official_zh_file: str = ""
    checked_clauses: tuple[CheckedClause, ...] = ()
    keywords: tuple[TaskKeywords, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    titles: tuple[TaskTitle, ...] = ()
    titles_file: str = ""  # titles.yaml as the loader named it; "" when the edition has none
    partial: bool = False  # the text in the site is part of the plan (plan.yaml: `partial: true`)
    translated: bool = True  # False: built from the official Chinese text alone; its English is not translated
    plan_file: str = ""  # plan.yaml as the loader named it, for messages

    @cached_property
    def _histories(self) -> dict[int, tuple[Update, ...]]:
        """Every task's updates, oldest first (file order among one date), made once: pages ask for
        a task's history and status everywhere a task is listed, and scanning all updates each time
        would grow as tasks × updates."""
        by_task: defaultdict[int, list[Update]] = defaultdict(list)
        for u in self.updates:
            by_task[u.task].append(u)
        return {number: tuple(sorted(updates, key=lambda u: u.date)) for number, updates in by_task.items()}

    @cached_property
    def _tasks(self) -> dict[int, Task]:
        return {t.number: t for t in reversed(self.tasks)}  # the first of a duplicated number, as before

    def history(self, number: int) -> tuple[Update, ...]:
        """A task's updates, oldest first."""
        return self._histories.get(number, ())

    def search(self, number: int) -> TaskSearch | None:
        """When the task was last searched for in public sources, and with which queries."""
        return next((s for s in self.searches if s.task == number), None)

    def status(self, number: int) -> str:
        """The latest recorded status, or "no update recorded"."""
        history = self.history(number)
        return history[-1].status if history else NO_UPDATE

    def section(self, number: int) -> Section:
        return next(s for s in self.sections if s.number == number)

    def subsection(self, section: int, number: int) -> Subsection:
        return next(s for s in self.section(section).subsections if s.number == number)

    def task(self, number: int) -> Task:
        return self._tasks[number]


@dataclass(frozen=True)
class Catalog:
    """Everything the site is built from: the shared registries and every edition."""

    departments: tuple[Department, ...]
    collectives: tuple[Collective, ...]
    editions: tuple[Edition, ...]
    topics: tuple[Topic, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    instrument_ignores: tuple[IgnoredPhrase, ...] = ()
    links: tuple[Link, ...] = ()  # lineage between editions, every data/lineage/*.yaml
    series: tuple[SeriesEntry, ...] = ()  # every edition of the series known (data/series.yaml)

    def department(self, dept_id: str) -> Department:
        return next(d for d in self.departments if d.id == dept_id)

    def predecessors(self, dept_id: str) -> tuple[Department, ...]:
        """The bodies this one succeeded (银保监会 for 金融监管总局)."""
        return tuple(d for d in self.departments if d.successor == dept_id)

    def same_line(self, dept_id: str) -> set[str]:
        """The body with every predecessor and successor, transitively: one line of succession,
        which the linker counts as the same body."""
        found, todo = set(), [dept_id]
        by_id = {d.id: d for d in self.departments}
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            if current in by_id and by_id[current].successor:
                todo.append(by_id[current].successor)
            todo += [d.id for d in self.predecessors(current)]
        return found
