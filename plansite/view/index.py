"""The index of one edition: lookups and counts that pages, charts and files ask for."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.model import Catalog, Edition, GlossaryTerm, Instrument, Section, Subsection, Task, Topic
from plansite.catalog.progress import Update
from plansite.catalog.series import Link
from plansite.catalog.topics import tag
from plansite.catalog.vocab import NO_UPDATE, STATUSES
from plansite.lineage import diff as lineagediff
from plansite.lineage.diff import LinkChanges
from plansite.view.labels import shared_duties

SIBLINGS_SHOWN = 10  # other tasks of its subsection listed on a task page: the nearest, never all
ACROSS_SHOWN = 10  # editions listed on a department's page in an older edition: the nearest, never all


def newest_first(editions: tuple[Edition, ...]) -> list[Edition]:
    return sorted(editions, key=lambda e: (e.issued or e.published, e.id), reverse=True)


Row = tuple[Edition, int, int, Department]  # an edition naming a department: tasks led, taken part in, the body


@dataclass(frozen=True)
class PresenceTable:
    """Every edition (newest first) and, by department id, the editions naming it. Made in one pass
    over every task of every edition; each line of succession's rows merged once, when first asked."""

    editions: list[Edition]
    rows: dict[str, list[Row]]
    place: dict[str, int]  # edition id → its place among `editions`
    lines: dict[frozenset[str], tuple[list[Row], list[int], int]] = field(default_factory=dict)

    def of_line(self, line: set[str], departments: tuple[Department, ...]) -> tuple[list[Row], list[int], int]:
        """The rows of every body of one line of succession, newest first (registry order within an
        edition), their editions' places, and how many editions name the line."""
        key = frozenset(line)
        if key not in self.lines:
            rows = sorted(
                (row for d in departments if d.id in key for row in self.rows.get(d.id, ())),
                key=lambda row: self.place[row[0].id],
            )
            places = [self.place[row[0].id] for row in rows]
            self.lines[key] = (rows, places, len(set(places)))
        return self.lines[key]


@dataclass(frozen=True)
class Presence:
    """A department across the editions, as its page in one edition lists it."""

    shown: list[Row]  # newest first
    more: int  # editions naming it that are not listed on this page
    named: int  # editions naming it (it or its line of succession)
    absent: int  # editions in the site that do not
    newest: tuple[Edition, Department] | None  # the newest naming it: its page there lists every one


_PRESENCE: dict[int, tuple[Catalog, PresenceTable]] = {}


def presence_table(catalog: Catalog) -> PresenceTable:
    """The catalog's PresenceTable, made once however many department pages ask (per page it would
    cost a pass over the whole series: the square of the number of editions in all)."""
    cached = _PRESENCE.get(id(catalog))
    if cached and cached[0] is catalog:
        return cached[1]
    editions = newest_first(catalog.editions)
    by_id = {d.id: d for d in catalog.departments}
    place = {d.id: i for i, d in enumerate(catalog.departments)}
    rows: dict[str, list[Row]] = defaultdict(list)
    for e in editions:
        led, joined = Counter(t.lead for t in e.tasks if t.lead), Counter(d for t in e.tasks for d in t.participants)
        for dept_id in sorted(led.keys() | joined.keys(), key=place.__getitem__):
            rows[dept_id].append((e, led[dept_id], joined[dept_id], by_id[dept_id]))
    table = PresenceTable(editions, dict(rows), {e.id: i for i, e in enumerate(editions)})
    _PRESENCE.clear()  # one catalog at a time: a rebuild (serve) reads a new one
    _PRESENCE[id(catalog)] = (catalog, table)
    return table


class EditionIndex:
    """Lookups and counts for one edition, computed once: who does what, and with whom. Templates
    see it as `view`."""

    def __init__(self, catalog: Catalog, edition: Edition):
        self.catalog, self.edition = catalog, edition
        self.department_by_id = {d.id: d for d in catalog.departments}
        self.collectives = {c.id: c for c in catalog.collectives}
        self.roles: dict[str, list[tuple[Task, str]]] = defaultdict(list)
        self.by_section: dict[int, list[Task]] = defaultdict(list)
        self.by_subsection: dict[tuple[int, int | None], list[Task]] = defaultdict(list)
        self.position: dict[int, int] = {}  # task number → its place in its subsection (or section)
        self.order = {task.number: i for i, task in enumerate(edition.tasks)}  # task number → its place in the plan
        for task in edition.tasks:
            self.position[task.number] = len(self.by_subsection[(task.section, task.subsection)])
            self.by_section[task.section].append(task)
            self.by_subsection[(task.section, task.subsection)].append(task)
            for r in task.responsibilities:
                self.roles[r.department].append((task, r.role))
        self.instrument_by_id = {i.id: i for i in catalog.instruments}
        self.task_mentions: dict[int, list[tuple[Instrument, str]]] = defaultdict(list)  # asked for on every task page
        for m in edition.mentions:
            self.task_mentions[m.task].append((self.instrument_by_id[m.instrument], m.action))
        self.topic_list = catalog.topics
        self.topic_by_id = {t.id: t for t in catalog.topics}
        self.task_topics = tag(edition, catalog.topics)
        # Departments this edition names, in registry order.
        self.departments = [d for d in catalog.departments if d.id in self.roles]

    def first_named(self, task: Task) -> Department | Collective | None:
        """The body the task names first: its lead department, or, where it names no department,
        its first collective (联席会议有关成员单位按职责分工负责)."""
        if task.lead:
            return self.department_by_id[task.lead]
        return self.collectives[task.collectives[0]] if task.collectives else None

    def siblings(self, task: Task, n: int = SIBLINGS_SHOWN) -> tuple[list[Task], int]:
        """The task's nearest neighbours in its subsection (or section), in plan order: n/2 before
        and n/2 after, more on one side where the other runs out; and how many others there are.
        A task page so stays the same size however large its subsection: the subsection page and
        the task table list them all."""
        group = self.by_subsection[(task.section, task.subsection)]
        start = max(0, min(self.position[task.number] - n // 2, len(group) - 1 - n))
        return [t for t in group[start : start + n + 1] if t.number != task.number], len(group) - 1

    def by_sections(self, tasks: list[Task]) -> list[tuple[Section, list[Task]]]:
        """Some tasks, grouped by their section in plan order; sections with none left out."""
        return [(s, group) for s in self.edition.sections if (group := [t for t in tasks if t.section == s.number])]

    def led(self, dept_id: str) -> list[Task]:
        return [t for t, role in self.roles[dept_id] if role == "lead"]

    def led_outright(self, dept_id: str) -> list[Task]:
        """Tasks this department leads in the full sense: named alone, or first with no
        "according to their respective duties" (按职责分工负责)."""
        return [t for t in self.led(dept_id) if not shared_duties(t)]

    def named_first(self, dept_id: str) -> list[Task]:
        """Tasks where this department is the first of several who each act according to their
        respective duties: the plan's rule still makes it the lead, but the work is shared."""
        return [t for t in self.led(dept_id) if shared_duties(t)]

    def participated(self, dept_id: str) -> list[Task]:
        return [t for t, role in self.roles[dept_id] if role == "participant"]

    def partners(self, dept_id: str) -> list[tuple[Department, int]]:
        """Departments sharing tasks with this one, most shared first (registry order breaks ties)."""
        counts: Counter[str] = Counter()
        for task, _ in self.roles[dept_id]:
            counts.update(d for d in task.departments if d != dept_id)
        order = {d.id: i for i, d in enumerate(self.catalog.departments)}
        return [(self.department_by_id[d], n) for d, n in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))]

    def counts_by_section(self, dept_id: str) -> dict[int, tuple[int, int]]:
        """Section number → (tasks led, tasks taken part in) for one department."""
        counts = {s.number: [0, 0] for s in self.edition.sections}
        for task, role in self.roles[dept_id]:
            counts[task.section][0 if role == "lead" else 1] += 1
        return {n: (led, joined) for n, (led, joined) in counts.items()}

    def shared_sections(self, dept_id: str) -> set[int]:
        """Sections where the department is named first of several sharing the work by their duties."""
        return {t.section for t in self.named_first(dept_id)}

    def pairs(self) -> list[tuple[Department, Department, int]]:
        """Every two departments named together on a task, with how many tasks they share; most first."""
        shared: Counter[tuple[str, str]] = Counter()
        order = {d.id: i for i, d in enumerate(self.catalog.departments)}
        for task in self.edition.tasks:
            names = sorted(set(task.departments), key=order.__getitem__)
            shared.update((a, b) for i, a in enumerate(names) for b in names[i + 1 :])
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], order[kv[0][0]], order[kv[0][1]]))
        return [(self.department_by_id[a], self.department_by_id[b], n) for (a, b), n in ranked]

    def ranked(self, role: str) -> list[Department]:
        """Departments by tasks led (outright, then named first) or taken part in, most first;
        registry order breaks ties."""
        if role == "lead":
            return sorted(self.departments, key=lambda d: (-len(self.led_outright(d.id)), -len(self.named_first(d.id))))
        return sorted(self.departments, key=lambda d: -len(self.participated(d.id)))

    def top(self, role: str, n: int) -> list[Department]:
        """The n departments with most tasks in a role, and any tied with the last of them, so a
        chart never silently drops a department that counts as much as one it shows."""
        count = self.led if role == "lead" else self.participated
        ranked = [d for d in self.ranked(role) if count(d.id)]
        if len(ranked) <= n:
            return ranked
        cutoff = len(count(ranked[n - 1].id))
        return [d for d in ranked if len(count(d.id)) >= cutoff]

    def named_on(self, dept_id: str) -> list[Task]:
        """Every task the department is named on: led, named first or taken part in."""
        return [t for t, _ in self.roles[dept_id]]

    def terms_of(self, task: Task) -> list[GlossaryTerm]:
        """The glossary's terms of art a task uses, in glossary order."""
        return [term for term in self.edition.glossary if task.number in term.tasks]

    def topics_of(self, task: Task) -> list[Topic]:
        return [self.topic_by_id[t] for t in self.task_topics[task.number]]

    def tasks_of(self, topic: Topic) -> list[Task]:
        return [t for t in self.edition.tasks if topic.id in self.task_topics[t.number]]

    def topic_departments(self, topic: Topic) -> list[tuple[Department, int, int, int]]:
        """Departments carrying a topic: (department, tasks led outright, tasks named first of
        several sharing the work, tasks taken part in), most first."""
        led: Counter[str] = Counter()
        first: Counter[str] = Counter()
        joined: Counter[str] = Counter()
        for task in self.tasks_of(topic):
            if task.lead:
                (first if shared_duties(task) else led)[task.lead] += 1
            joined.update(task.participants)
        rows = [
            (d, led[d.id], first[d.id], joined[d.id])
            for d in self.departments
            if led[d.id] + first[d.id] + joined[d.id]
        ]
        return sorted(rows, key=lambda r: (-(r[1] + r[2] + r[3]), -r[1], -r[2]))

    def mentions_of_task(self, task: Task) -> list[tuple[Instrument, str]]:
        return self.task_mentions.get(task.number, [])

    def mentions_of(self, instrument: Instrument) -> list[tuple[Task, str]]:
        return [(self.edition.task(m.task), m.action) for m in self.edition.mentions if m.instrument == instrument.id]

    def related(self, instrument: Instrument) -> list[tuple[str, str, Instrument]]:
        """Instruments related to this one, each with the relation read from this one's side:
        ("interprets", "depends", the law it interprets) or ("interprets", "dependent", an
        interpretation of it). Registry order."""
        found = [
            (relation, "depends", self.instrument_by_id[target])
            for relation, target in instrument.relations
            if target in self.instrument_by_id
        ]
        found += [
            (relation, "dependent", other)
            for other in self.catalog.instruments
            for relation, target in other.relations
            if target == instrument.id
        ]
        return found

    def related_mentions(self, instrument: Instrument) -> list[tuple[str, str, Instrument, Task, str]]:
        """Tasks naming an instrument related to this one (and not this one itself): (relation,
        side, the related instrument, task, action)."""
        own = {task.number for task, _ in self.mentions_of(instrument)}
        return [
            (relation, side, other, task, action)
            for relation, side, other in self.related(instrument)
            for task, action in self.mentions_of(other)
            if task.number not in own
        ]

    def named_instruments(self) -> list[Instrument]:
        """Instruments this edition names, and those related to one it names (the Copyright Law,
        through its regulations and interpretations: its page gathers their tasks), in registry order."""
        named = {m.instrument for m in self.edition.mentions}
        edges = [(i.id, target) for i in self.catalog.instruments for _, target in i.relations]
        while True:  # everything connected to a named instrument by relations, either way
            more = {b for a, b in edges if a in named} | {a for a, b in edges if b in named}
            if more <= named:
                break
            named |= more
        return [i for i in self.catalog.instruments if i.id in named]

    def status(self, task: Task) -> str:
        return self.edition.status(task.number)

    def status_counts(self, tasks: list[Task] | tuple[Task, ...] | None = None) -> dict[str, int]:
        """Tasks by latest status, every status listed (zeros included), "no update recorded" last."""
        counts = dict.fromkeys([*STATUSES, NO_UPDATE], 0)
        for task in self.edition.tasks if tasks is None else tasks:
            counts[self.status(task)] += 1
        return counts

    def reported(self, tasks: list[Task] | tuple[Task, ...] | None = None) -> int:
        """How many of the tasks have at least one reported outcome (a dated, sourced update)."""
        return sum(1 for t in (self.edition.tasks if tasks is None else tasks) if self.edition.history(t.number))

    def statuses_seen(self) -> list[str]:
        """The statuses some task of the edition has: the columns a table of statuses needs."""
        counts = self.status_counts()
        return [s for s, n in counts.items() if n]

    def recent_updates(self, n: int = 10) -> list[Update]:
        return sorted(self.edition.updates, key=lambda u: (u.date, u.task), reverse=True)[:n]

    def neighbours(self, task: Task) -> tuple[Task | None, Task | None]:
        """The tasks before and after this one in plan order (None at either end)."""
        i, tasks = self.order[task.number], self.edition.tasks
        return (tasks[i - 1] if i > 0 else None), (tasks[i + 1] if i + 1 < len(tasks) else None)

    # --- Across editions: reviewed lineage only (a proposal is never shown as fact) ---------------

    def editions_by_id(self) -> dict[str, Edition]:
        return {e.id: e for e in self.catalog.editions}

    @cached_property
    def _reviewed_links(self) -> tuple[dict[int, list[Link]], dict[int, list[Link]]]:
        """This edition's reviewed links between editions in the site, by task: those into a task
        and those out of it. Made once, as every task page asks, so pages do not scan every link
        of the series once per task."""
        in_site = set(self.editions_by_id())
        into: defaultdict[int, list[Link]] = defaultdict(list)
        out: defaultdict[int, list[Link]] = defaultdict(list)
        for link in self.catalog.links:
            if not link.is_fact or not {link.old_edition, link.new_edition} <= in_site:
                continue
            if link.new_edition == self.edition.id:
                into[link.new_task].append(link)
            if link.old_edition == self.edition.id:
                for number in dict.fromkeys(link.old_tasks):
                    out[number].append(link)
        return into, out

    def predecessors(self, task: Task) -> list[tuple[Link, LinkChanges]]:
        """Reviewed links from tasks of older editions to this task, with what changed."""
        return [
            (link, lineagediff.changes(self.catalog, link)) for link in self._reviewed_links[0].get(task.number, [])
        ]

    def successors(self, task: Task) -> list[Link]:
        """Reviewed links from this task to tasks of newer editions."""
        return list(self._reviewed_links[1].get(task.number, []))

    def comparisons(self) -> list[Edition]:
        """Older editions in the site this one has a lineage file with (newest first)."""
        olds = {link.old_edition for link in self.catalog.links if link.new_edition == self.edition.id}
        return newest_first(tuple(e for e in self.catalog.editions if e.id in olds))

    def department_editions(self, dept: Department) -> Presence:
        """The editions naming this body or another of its line of succession, as its page lists
        them: on its page in the newest of them, every one; elsewhere the ACROSS_SHOWN nearest to
        this edition, the rest counted in one line, so no page grows with the whole series."""
        table = presence_table(self.catalog)
        rows, places, named = table.of_line(self.catalog.same_line(dept.id), self.catalog.departments)
        shown = rows
        if rows and rows[0][0] is not self.edition and len(rows) > ACROSS_SHOWN:
            # The nearest lie within ACROSS_SHOWN rows either side of this edition's place.
            here = table.place[self.edition.id]
            i = bisect.bisect_left(places, here)
            window = range(max(0, i - ACROSS_SHOWN), min(len(rows), i + ACROSS_SHOWN))
            nearest = sorted(window, key=lambda j: (abs(places[j] - here), places[j]))[:ACROSS_SHOWN]
            shown = [rows[j] for j in sorted(nearest)]
        return Presence(
            shown=shown,
            more=named - len({row[0].id for row in shown}),
            named=named,
            absent=len(table.editions) - named,
            newest=(rows[0][0], rows[0][3]) if rows else None,
        )

    def subsection_of(self, task: Task) -> Subsection | None:
        return self.edition.subsection(task.section, task.subsection) if task.subsection else None
