"""Pure rendering: catalog → {docs path: Markdown}. One Jinja2 template per kind of page.

Every `{{ value }}` in a template is escaped for Markdown unless it is `Safe` (a link or
fragment made here), so data can never inject HTML, Markdown or template syntax.
"""

from __future__ import annotations

import functools
import html
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import yaml

from . import cite, urls
from .charts import Bar, Chart, svg
from .export import FORMATS, export
from .markdown import Safe, escape, external, link, page_title
from .model import (
    ACTIONS,
    INSTRUMENT_KINDS,
    KINDS,
    NO_UPDATE,
    STATUSES,
    Catalog,
    Department,
    Edition,
    Instrument,
    Section,
    Subsection,
    Task,
    Topic,
    Update,
)
from .topics import tag
from .workers import run_all
from .xmltext import xml_chars, xml_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SHORT_TITLE_MAX = 90
TOP_DEPARTMENTS = 12  # bars in the "most tasks" charts (more when departments tie for the last place)
SIBLINGS_SHOWN = 10  # other tasks of its subsection listed on a task page: the nearest, never all


def short_title(text: str) -> str:
    """The task's first clause: its first sentence, cut at a word boundary if long."""
    first = text.split(". ")[0].rstrip(".").strip()
    if len(first) <= SHORT_TITLE_MAX:
        return first
    cut = first[:SHORT_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def status_label(status: str) -> str:
    zh, en = STATUSES.get(status, ("未记录进展", NO_UPDATE))
    return f"{zh} · {en}"


def status_class(status: str) -> Safe:
    """A CSS class name for an implementation status ("no update recorded" → no-update-recorded)."""
    return Safe("-".join(status.split()))


def html_text(value: object) -> Safe:
    """Data inside raw HTML (form options, attributes): HTML-escaped, not Markdown-escaped."""
    return Safe(html.escape(str(value), quote=True))


def heat(count: int) -> Safe:
    """attr_list class shading a matrix cell by how many tasks it holds."""
    level = next(i for i, top in enumerate((1, 2, 4, 8, 10**9)) if count <= top)
    return Safe("{: .plansite-heat-" + str(level) + " }")


def anchor(ident: str, indexed: bool = True) -> Safe:
    """A fixed heading id (`{#id}`), so permalinks never depend on heading text or position.
    indexed=False keeps the section out of search: lists repeating what task pages already hold
    would crowd the results (and the index) with the same text many times over."""
    return Safe("{#" + ident + ("}" if indexed else " data-search-exclude}"))


def shared_duties(t: Task) -> bool:
    """Several departments, each responsible according to its respective duties (按职责分工负责)."""
    return t.respective_duties and len(t.departments) > 1


def dept_short(d: Department) -> str:
    """A department in lists and responsibility lines: the plan's own form of its name and its
    English abbreviation (or name): 国家知识产权局 · CNIPA."""
    return d.label_short


def dept_compact(d: Department) -> str:
    """A department where space is short (matrix rows, chart bars): 国家知识产权局 CNIPA."""
    return (d.plan_zh or d.short_zh) + (f" · {d.abbr}" if d.abbr else "")


def department_label(d: Department) -> str:
    return f"{d.name_zh} · {d.label_en}"


class Links:
    """Relative links from the page being rendered to any entity (through `urls`)."""

    def __init__(self, edition: Edition, here: str):
        self.edition, self.here = edition, here

    def to(self, path: str) -> Safe:
        return Safe(urls.relative(self.here, path))

    def task(self, t: Task | int) -> Safe:
        return self.to(urls.task(self.edition, t))

    def section(self, s: Section | int) -> Safe:
        return self.to(urls.section(self.edition, s))

    def sections_index(self) -> Safe:
        return self.to(urls.sections_index(self.edition))

    def subsection(self, s: Subsection) -> Safe:
        return self.to(urls.subsection(self.edition, s))

    def department(self, d: Department | str) -> Safe:
        return self.to(urls.department(self.edition, d))

    def departments(self) -> Safe:
        return self.to(urls.departments_index(self.edition))

    def about(self) -> Safe:
        return self.to(urls.about(self.edition))

    def edition_home(self, edition: Edition | None = None) -> Safe:
        return self.to(urls.edition_home(edition or self.edition))

    def briefing(self, d: Department) -> Safe:
        return self.to(urls.briefing(self.edition, d))

    def print_all(self) -> Safe:
        return self.to(urls.print_all(self.edition))

    def downloads(self) -> Safe:
        return self.to(urls.downloads(self.edition))

    def download(self, fmt: str) -> Safe:
        return self.to(urls.download(self.edition, fmt))

    def cite(self, t: Task, ext: str) -> Safe:
        return self.to(urls.cite(self.edition, t, ext))

    def offline_zip(self) -> Safe:
        return self.to(urls.offline_zip(self.edition))

    def matrix(self) -> Safe:
        return self.to(urls.matrix(self.edition))

    def charts(self) -> Safe:
        return self.to(urls.charts(self.edition))

    def chart(self, name: str) -> Safe:
        return self.to(urls.chart(self.edition, name))

    def task_table(self, **filters: object) -> Safe:
        """The task table, filtered: task_table(department="cnipa", role="lead", section=3)."""
        query = "&".join(f"{k}={v}" for k, v in filters.items() if v not in (None, ""))
        return Safe(self.to(urls.task_table(self.edition)) + (f"?{query}" if query else ""))

    def topic(self, topic: Topic | str) -> Safe:
        return self.to(urls.topic(self.edition, topic if isinstance(topic, str) else topic.id))

    def topics(self) -> Safe:
        return self.to(urls.topics(self.edition))

    def instrument(self, ins: Instrument | str) -> Safe:
        return self.to(urls.instrument(self.edition, ins if isinstance(ins, str) else ins.id))

    def instruments(self) -> Safe:
        return self.to(urls.instruments(self.edition))

    def feed(self) -> Safe:
        return self.to(urls.feed(self.edition))

    def progress(self) -> Safe:
        return self.to(urls.progress(self.edition))

    def collaboration(self) -> Safe:
        return self.to(urls.collaboration(self.edition))

    def editions(self) -> Safe:
        return self.to(urls.EDITIONS)


def heading(s: Section | Subsection) -> str:
    """Bilingual heading: 一、完善知识产权制度 · I. Improve the intellectual property system."""
    zh = s.title_zh or "（中文标题待补）"
    return f"{zh} · {s.numeral} {s.title_en}"


class EditionView:
    """Lookups for one edition, computed once: who does what, and with whom."""

    def __init__(self, catalog: Catalog, edition: Edition):
        self.catalog, self.edition = catalog, edition
        self.depts = {d.id: d for d in catalog.departments}
        self.collectives = {c.id: c for c in catalog.collectives}
        self.roles: dict[str, list[tuple[Task, str]]] = defaultdict(list)
        self.by_section: dict[int, list[Task]] = defaultdict(list)
        self.by_subsection: dict[tuple[int, int | None], list[Task]] = defaultdict(list)
        self.position: dict[int, int] = {}  # task number → its place in its subsection (or section)
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

    def siblings(self, task: Task, n: int = SIBLINGS_SHOWN) -> tuple[list[Task], int]:
        """The task's nearest neighbours in its subsection (or section), in plan order: n/2 before
        and n/2 after, more on one side where the other runs out; and how many others there are.
        A task page so stays the same size however large its subsection: the subsection page and
        the task table list them all."""
        group = self.by_subsection[(task.section, task.subsection)]
        start = max(0, min(self.position[task.number] - n // 2, len(group) - 1 - n))
        return [t for t in group[start:start + n + 1] if t.number != task.number], len(group) - 1

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
        return [(self.depts[d], n) for d, n in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))]

    def counts_by_section(self, dept_id: str) -> dict[int, tuple[int, int]]:
        """Section number → (tasks led, tasks taken part in) for one department."""
        counts = {s.number: [0, 0] for s in self.edition.sections}
        for task, role in self.roles[dept_id]:
            counts[task.section][0 if role == "lead" else 1] += 1
        return {n: (led, joined) for n, (led, joined) in counts.items()}

    def pairs(self) -> list[tuple[Department, Department, int]]:
        """Every two departments named together on a task, with how many tasks they share; most first."""
        shared: Counter[tuple[str, str]] = Counter()
        order = {d.id: i for i, d in enumerate(self.catalog.departments)}
        for task in self.edition.tasks:
            names = sorted(set(task.departments), key=order.__getitem__)
            shared.update((a, b) for i, a in enumerate(names) for b in names[i + 1:])
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], order[kv[0][0]], order[kv[0][1]]))
        return [(self.depts[a], self.depts[b], n) for (a, b), n in ranked]

    def ranked(self, role: str) -> list[Department]:
        """Departments by tasks led (or taken part in), most first; registry order breaks ties."""
        count = self.led if role == "lead" else self.participated
        return sorted(self.departments, key=lambda d: -len(count(d.id)))

    def charts(self) -> dict[str, Chart]:
        e = self.edition
        section_bars = tuple(Bar(s.title_zh or f"{s.numeral} {s.title_en}", len(self.by_section[s.number])) for s in e.sections)
        sub_bars = tuple(Bar(f"{s.numeral}{x.title_zh or x.numeral + ' ' + x.title_en}", len(self.by_subsection[(s.number, x.number)]))
                         for s in e.sections for x in s.subsections)
        leads = self.top("lead")
        participants = self.top("participant")
        return {
            "sections": Chart("各部分任务数", "Tasks per section", section_bars),
            "subsections": Chart("各分部分任务数", "Tasks per subsection", sub_bars),
            "leads": Chart("牵头任务最多的部门", f"The {len(leads)} departments leading most tasks (ties included)",
                           tuple(Bar(dept_compact(d), len(self.led_outright(d.id)), len(self.named_first(d.id))) for d in leads),
                           ("牵头 · Led", "按职责分工、列首位 · Named first, work shared")),
            "participants": Chart("参与任务最多的部门", f"The {len(participants)} departments taking part in most tasks (ties included)",
                                  tuple(Bar(dept_compact(d), len(self.participated(d.id))) for d in participants)),
        }

    def top(self, role: str, n: int = TOP_DEPARTMENTS) -> list[Department]:
        """The n departments with most tasks in a role, and any tied with the last of them, so a
        chart never silently drops a department that counts as much as one it shows."""
        count = self.led if role == "lead" else self.participated
        ranked = [d for d in self.ranked(role) if count(d.id)]
        if len(ranked) <= n:
            return ranked
        cutoff = len(count(ranked[n - 1].id))
        return [d for d in ranked if len(count(d.id)) >= cutoff]

    def department_chart(self, dept: Department) -> Chart:
        counts = self.counts_by_section(dept.id)
        bars = tuple(Bar(s.title_zh or f"{s.numeral} {s.title_en}", *counts[s.number]) for s in self.edition.sections)
        return Chart(f"{dept.plan_zh or dept.short_zh}各部分任务", f"{dept.abbr or dept.name_en}: tasks by section", bars, ("牵头 · Led", "参与 · Taken part in"))

    def topics_of(self, task: Task) -> list[Topic]:
        return [self.topic_by_id[t] for t in self.task_topics[task.number]]

    def tasks_of(self, topic: Topic) -> list[Task]:
        return [t for t in self.edition.tasks if topic.id in self.task_topics[t.number]]

    def topic_departments(self, topic: Topic) -> list[tuple[Department, int, int]]:
        """Departments carrying a topic: (department, tasks led, tasks taken part in), most first."""
        led: Counter[str] = Counter()
        joined: Counter[str] = Counter()
        for task in self.tasks_of(topic):
            if task.lead:
                led[task.lead] += 1
            joined.update(task.participants)
        rows = [(d, led[d.id], joined[d.id]) for d in self.departments if led[d.id] or joined[d.id]]
        return sorted(rows, key=lambda r: (-(r[1] + r[2]), -r[1]))

    def mentions_of_task(self, task: Task) -> list[tuple[Instrument, str]]:
        return self.task_mentions.get(task.number, [])

    def mentions_of(self, instrument: Instrument) -> list[tuple[Task, str]]:
        return [(self.edition.task(m.task), m.action) for m in self.edition.mentions if m.instrument == instrument.id]

    def named_instruments(self) -> list[Instrument]:
        """Instruments this edition names, in registry order."""
        named = {m.instrument for m in self.edition.mentions}
        return [i for i in self.catalog.instruments if i.id in named]

    def status(self, task: Task) -> str:
        return self.edition.status(task.number)

    def status_counts(self, tasks: list[Task] | tuple[Task, ...] | None = None) -> dict[str, int]:
        """Tasks by latest status, every status listed (zeros included), "no update recorded" last."""
        counts = dict.fromkeys([*STATUSES, NO_UPDATE], 0)
        for task in self.edition.tasks if tasks is None else tasks:
            counts[self.status(task)] += 1
        return counts

    def recent_updates(self, n: int = 10) -> list[Update]:
        return sorted(self.edition.updates, key=lambda u: (u.date, u.task), reverse=True)[:n]

    def progress_chart(self) -> Chart:
        counts = self.status_counts()
        return Chart("各状态任务数", "Tasks by latest status",
                     tuple(Bar(f"{status_label(s)}", n) for s, n in counts.items()))

    heading = staticmethod(heading)

    def subsection_of(self, task: Task) -> Subsection | None:
        return self.edition.subsection(task.section, task.subsection) if task.subsection else None


@functools.cache
def environment(templates: Path) -> jinja2.Environment:
    """One Jinja2 environment per template folder and process: `serve` re-renders on every edit, and
    the environment keeps compiled templates (re-checking each file's time, so edits show). Compiled
    code is also cached on disk across processes; Jinja2 checks it against the template's source."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        finalize=escape,
        undefined=jinja2.StrictUndefined,
        # `finalize` escapes every value for Markdown and marks it done (Markup), so autoescape
        # lets it, macro output and Safe fragments through, and escapes nothing twice.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.globals.update(link=link, dept_short=dept_short, shared_duties=shared_duties, dept_compact=dept_compact, short_title=short_title, department_label=department_label,
                       KINDS=KINDS, anchor=anchor, external=external, html_text=html_text, heat=heat, status_label=status_label, status_class=status_class,
                       ALL_STATUSES=[*STATUSES, NO_UPDATE], ACTIONS=ACTIONS, INSTRUMENT_KINDS=INSTRUMENT_KINDS)
    return env


# libyaml's dumper when PyYAML has it (several times faster); the pure-Python one writes the same.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Renderer:
    def __init__(self, templates: Path = TEMPLATES, site_url: str | None = None):
        self.site_url = site_url
        self.env = environment(templates)

    def page(self, template: str, here: str, view: EditionView, title: str, meta: dict | None = None, **context: Any) -> str:
        """One page: YAML front matter (title for the browser tab and nav) and the rendered template."""
        front = yaml.dump({"title": page_title(title), **(meta or {})}, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=100000)
        body = self.env.get_template(template).render(
            here=here, L=Links(view.edition, here), view=view, edition=view.edition, **context
        )
        return f"---\n{front}---\n\n{body}"

    def edition_pages(self, view: EditionView) -> dict[str, str]:
        e = view.edition
        pages: dict[str, str] = {}
        for i, task in enumerate(e.tasks):
            path = urls.task(e, task)
            siblings, sibling_total = view.siblings(task)
            lead = view.depts.get(task.lead) if task.lead else None
            pages[path] = self.page(
                "task.md.j2", path, view, f"任务 {task.number} · Task {task.number}: {short_title(task.text_en)}", task=task,
                citation=cite.citation(e, task, lead, self.site_url), permanent_path=urls.public(path),
                section=e.section(task.section), subsection=view.subsection_of(task),
                previous=e.tasks[i - 1] if i > 0 else None,
                next=e.tasks[i + 1] if i + 1 < len(e.tasks) else None,
                siblings=siblings, sibling_total=sibling_total,
            )
        for section in e.sections:
            path = urls.section(e, section)
            pages[path] = self.page("section.md.j2", path, view, view.heading(section), section=section)
            for sub in section.subsections:
                path = urls.subsection(e, sub)
                pages[path] = self.page("subsection.md.j2", path, view, view.heading(sub), section=section, subsection=sub)
        for dept in view.departments:
            path = urls.department(e, dept)
            # Search tags (every Chinese form of the name, and the abbreviation) and a boost.
            pages[path] = self.page("department.md.j2", path, view, department_label(dept),
                                    meta=department_search(dept, view.catalog.departments), dept=dept,
                                    chart=view.department_chart(dept))
            pages[urls.briefing(e, dept)] = self.page("briefing.md.j2", urls.briefing(e, dept), view,
                                                      f"简报 · Briefing: {department_label(dept)}", meta={"search": {"exclude": True}}, dept=dept)
        pages[urls.departments_index(e)] = self.page("departments.md.j2", urls.departments_index(e), view, "部门 · Departments")
        example = e.tasks[0] if e.tasks else None
        pages[urls.about(e)] = self.page("about.md.j2", urls.about(e), view, "说明 · About this edition",
                                         meta={"search": {"boost": FURNITURE_BOOST}},
                                         example_citation=cite.citation(e, example, view.depts.get(example.lead or ""), self.site_url) if example else "")
        pages[urls.print_all(e)] = self.page("print.md.j2", urls.print_all(e), view, f"打印版 · Print: {e.title_zh} · {e.title_en}",
                                             meta={"search": {"exclude": True}})
        charts = view.charts()
        pages[urls.charts(e)] = self.page("charts.md.j2", urls.charts(e), view, "图表 · Charts", charts=charts)
        pages[urls.matrix(e)] = self.page("matrix.md.j2", urls.matrix(e), view, "责任矩阵 · Responsibility matrix",
                                          meta={"hide": ["toc"]})  # wide tables get the table-of-contents' width
        pages[urls.task_table(e)] = self.page("task_table.md.j2", urls.task_table(e), view, "任务总表 · All tasks",
                                              meta={"hide": ["toc"]})
        pages[urls.collaboration(e)] = self.page("collaboration.md.j2", urls.collaboration(e), view, "协作关系 · Who works with whom")
        pages[urls.progress(e)] = self.page("progress.md.j2", urls.progress(e), view, "实施进展 · Implementation progress",
                                            chart=view.progress_chart())
        for topic in view.topic_list:
            pages[urls.topic(e, topic.id)] = self.page("topic.md.j2", urls.topic(e, topic.id), view, f"{topic.name_zh} · {topic.name_en}",
                                                       meta={"search": {"boost": 1.5}}, topic=topic)  # a theme's page before single tasks
        if view.topic_list:
            pages[urls.topics(e)] = self.page("topics.md.j2", urls.topics(e), view, "主题 · Topics")
        for ins in view.named_instruments():
            # No search tags here: tags outrank everything, and department names should come first.
            pages[urls.instrument(e, ins.id)] = self.page("instrument.md.j2", urls.instrument(e, ins.id), view, f"{ins.name_zh} · {ins.name_en}",
                                                          meta={"search": {"boost": 1.5}}, instrument=ins)  # above tasks, below departments
        if view.named_instruments():
            pages[urls.instruments(e)] = self.page("instruments.md.j2", urls.instruments(e), view, "法律法规与文件 · Instruments")
        pages[urls.downloads(e)] = self.page("downloads.md.j2", urls.downloads(e), view, "下载 · Downloads",
                                             meta={"search": {"boost": FURNITURE_BOOST}})
        pages[urls.edition_home(e)] = self.page("edition.md.j2", urls.edition_home(e), view, edition_name(e))
        pages[urls.sections_index(e)] = self.page("sections.md.j2", urls.sections_index(e), view, "各部分 · Sections")
        return pages

    def edition_files(self, view: EditionView, short_links: bool = True) -> dict[str, str]:
        """Files MkDocs publishes as they are: downloads, citation files, charts, the feed, short links."""
        e = view.edition
        files: dict[str, str] = {}
        for task in e.tasks:
            lead = view.depts.get(task.lead) if task.lead else None
            for ext, make in cite.FORMATS.items():
                files[urls.cite(e, task, ext)] = make(e, task, lead, self.site_url)
            if short_links:
                served_at = urls.public(urls.task(e, task)).lstrip("/") + "index.html"
                files[urls.short_link(e, task)] = redirect_page(urls.relative(urls.short_link(e, task), served_at).removesuffix("index.html"))
        for fmt in FORMATS:
            files[urls.download(e, fmt)] = export(view.catalog, e, fmt)
        for name, chart in view.charts().items():
            files[urls.chart(e, name)] = svg(chart)
        for dept in view.departments:
            files[urls.chart(e, f"department-{dept.id}")] = svg(view.department_chart(dept))
        files[urls.chart(e, "progress")] = svg(view.progress_chart())
        files[urls.feed(e)] = atom_feed(view, self.site_url)
        return files

    def files(self, catalog: Catalog, short_links: bool = True) -> dict[str, str]:
        files: dict[str, str] = {}
        for edition in newest_first(catalog.editions):
            files.update(self.edition_files(EditionView(catalog, edition), short_links))
        return files

    def site(self, catalog: Catalog) -> dict[str, str]:
        pages: dict[str, str] = {}
        editions = newest_first(catalog.editions)
        views = [EditionView(catalog, edition) for edition in editions]
        for edition_pages in run_all([functools.partial(self.edition_pages, view) for view in views]):
            pages.update(edition_pages)
        if views:
            view = views[0]
            # The site's landing page: what this is, the editions, where to start. Kept out of
            # search: it repeats what the edition pages say.
            pages[urls.HOME] = self.page("home.md.j2", urls.HOME, view, "首页 · Home", meta={"search": {"exclude": True}},
                                         editions=editions, views={v.edition.id: v for v in views})
        if len(editions) > 1:
            pages[urls.EDITIONS] = self.page("editions.md.j2", urls.EDITIONS, view, "各年度计划 · All editions", editions=editions)
        return pages


def newest_first(editions: tuple[Edition, ...]) -> list[Edition]:
    return sorted(editions, key=lambda e: (e.issued, e.id), reverse=True)


def render_pages(catalog: Catalog, templates: Path = TEMPLATES, site_url: str | None = None) -> dict[str, str]:
    """The site's Markdown pages, by their path under docs/ (written there by `build.py`)."""
    return Renderer(templates, site_url).site(catalog)


def render_files(catalog: Catalog, site_url: str | None = None, short_links: bool = True) -> dict[str, str]:
    """The other generated files (downloads, citations, charts, feed, short links), by their path in
    the site. MkDocs only copies these, so the hook hands them to it in memory, never via docs/.
    The offline copy has no short links: they rely on directory URLs."""
    return Renderer(TEMPLATES, site_url).files(catalog, short_links)


def render(catalog: Catalog, templates: Path = TEMPLATES, site_url: str | None = None) -> dict[str, str]:
    """Every generated file of the site: the pages and the other files, by path."""
    return {**render_pages(catalog, templates, site_url), **render_files(catalog, site_url)}


def atom_feed(view: EditionView, site_url: str | None) -> str:
    """An Atom feed with one entry per update, newest first; dates and ids come from the data, so
    the feed is the same on every build."""
    e = view.edition
    base = (site_url or "").rstrip("/")
    updates = view.recent_updates(n=len(e.updates))
    newest = max((u.date for u in e.updates), default=e.published)
    # Names go into the ids percent-encoded (an Atom id is an IRI: no spaces, no markup); the
    # bundled series and edition ids are unchanged by it, so published ids stay the same.
    feed_id = f"tag:plansite,{e.published.isoformat()}:{quote(xml_chars(e.series), safe='-._~')}/{quote(xml_chars(e.id), safe='-._~')}/updates"
    tasks = {t.number: t for t in e.tasks}
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_text(e.title_en)}: implementation updates</title>",
        f"  <id>{feed_id}</id>",
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        f'  <link rel="alternate" href="{xml_text(base + urls.public(urls.progress(e)))}"/>',
        "  <author><name>plansite</name></author>",
    ]
    for u in updates:
        task = tasks[u.task]
        sources = "; ".join(f"{s.publisher}, {s.title}, {s.date.isoformat()}" for s in u.sources)
        lines += [
            "  <entry>",
            f"    <title>Task {u.task}: {xml_text(status_label(u.status))} ({u.date.isoformat()})</title>",
            f"    <id>{feed_id}/task-{u.task}/{u.date.isoformat()}</id>",
            f"    <updated>{u.date.isoformat()}T00:00:00Z</updated>",
            f'    <link rel="alternate" href="{xml_text(base + urls.public(urls.task(e, task)))}"/>',
            f"    <summary>{xml_text(' '.join(xml_chars(u.note_en + ' Sources: ' + sources).split()))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def redirect_page(target: str) -> str:
    """A short link (/2025/57/) that forwards to the task's permanent page. The target is
    percent-encoded as a URL and escaped as an attribute; the MkDocs hook adds the site's
    Content-Security-Policy (the page has no script)."""
    href = html.escape(quote(target, safe="/.-_~%#?&=:"), quote=True)
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n<link rel="canonical" href="{href}">\n'
            f'<title>Redirecting…</title></head>\n<body><p><a href="{href}">{href}</a></p></body></html>\n')


def edition_name(e: Edition) -> str:
    """The edition's one short name: in the navigation, its overview page's title and the footer."""
    return f"{e.id}年计划 · {e.id} plan"


def site_nav(catalog: Catalog) -> list[Any]:
    """The navigation, shown in the sidebar of every page: home, then the newest edition's overview,
    each of its sections by name, all tasks and the other ways in. Single tasks (and older
    editions) are reached from pages, not the nav: the nav is repeated in every page, so listing
    them would grow every page with the data."""
    editions = newest_first(catalog.editions)
    nav: list[Any] = [{"首页 · Home": urls.HOME}]
    if not editions:
        return nav
    e = editions[0]
    # The first child of each group is its index page (navigation.indexes): the group's name links
    # to it, so every section is listed under its own name below the sections overview.
    sections = [urls.sections_index(e), *({page_title(heading(s)): urls.section(e, s)} for s in e.sections)]
    nav.append({page_title(edition_name(e)): [
        urls.edition_home(e),
        {"各部分 · Sections": sections},
        {"任务总表 · All tasks": urls.task_table(e)},
        {"部门 · Departments": urls.departments_index(e)},
        *([{"主题 · Topics": urls.topics(e)}] if catalog.topics else []),
        *([{"法律法规与文件 · Instruments": urls.instruments(e)}] if e.mentions else []),
        {"责任矩阵 · Responsibility matrix": urls.matrix(e)},
        {"图表 · Charts": urls.charts(e)},
        {"协作关系 · Who works with whom": urls.collaboration(e)},
        {"实施进展 · Progress": urls.progress(e)},
        {"下载 · Downloads": urls.downloads(e)},
        {"说明 · About": urls.about(e)},
    ]})
    if len(editions) > 1:
        nav.append({"各年度计划 · All editions": urls.EDITIONS})
    return nav


NAME_PREFIXES = ("中华人民共和国", "中共中央", "国务院", "国家", "中央", "中国")


def chinese_names(d: Department, registry: tuple[Department, ...] = ()) -> list[str]:
    """Every Chinese form a reader may search for: 国家知识产权局, 国知局, and the core 知识产权局
    (the name without its administrative prefix). Given the registry, a core that begins like
    another body's name less its last character is left out, as Material's search would take one
    for the other (see `department_search`): the Joint Conference Office's core
    知识产权强国建设工作部际联席会议办公室 would answer every search for 知识产权局."""
    names = [d.name_zh, d.short_zh]
    cores = [name.removeprefix(prefix) for name in names for prefix in NAME_PREFIXES
             if name.startswith(prefix) and len(name) - len(prefix) >= 3]
    others = tuple(n[:-1] for o in registry if o.id != d.id for n in chinese_names(o) if len(n) > 2)
    return list(dict.fromkeys(names + [core for core in cores if not core.startswith(others)]))


CUT = "\u200b"  # a zero-width space: invisible in a tag, a word break to the search (mkdocs.yml's separator)
# A department's own page ranks above pages that only name it: "Supreme People's Procuratorate"
# is also in the title of an instrument page (… Office of the Supreme People's Procuratorate).
DEPARTMENT_BOOST = 2
TIE_BOOST = 1.2  # see department_search
# About and Downloads describe the site, not the plan. Material weighs a title 1000 times the text,
# so their headings (数据来源, 数据文件) would outrank every task for 数据知识产权; at 1/1000 a heading
# there counts like text elsewhere, and a search for their own words (下载, CSV, 引用) still finds them.
FURNITURE_BOOST = 0.001


def department_search(d: Department, registry: tuple[Department, ...]) -> dict[str, Any]:
    """Front matter that makes Material's search put a department's page first for any of its
    names: search tags (ranked far above titles) and a boost.

    Material searches a Chinese query without its last character: it cuts the query into the
    longest index terms that end before the last character, each with a wildcard after it, and
    drops the rest. With only whole names in the index, 国家统计局 is searched as 国家* and
    中央宣传部 as 中* (ordinary words of the pages), which every 国家… or 中… body's tags match.
    So each Chinese name is also indexed without its last character: the tag 国家统计局 is written
    国家统计 + zero-width space + 局, which shows as the name and gives the index the term
    国家统计, the query's own. Two cases this cannot settle:
    - two bodies' names that differ only in the last character (最高法, 最高检) give the same
      term, so both stay whole: Material searches a query whole when no shorter index term begins
      it (最 is a stop word, 最高 no word of the pages). Should 最高 become one, the two can no
      longer both come first, whatever the index holds;
    - a body's term that begins as many tag terms of another body as of its own (国家知识产权 also
      begins 国家知识产权强国建设工作部际联席会议办公室) ties with it exactly, as terms found only
      in tags weigh the same: the body whose name the query is gets TIE_BOOST, so it comes first.
    tests/test_search_rank.py checks every name of every department in a real browser.
    """
    tags, tied = department_search_tags(registry)[d.id]
    boost = DEPARTMENT_BOOST * (TIE_BOOST if tied else 1)
    return {"tags": [*tags, *([d.abbr] if d.abbr else [])], "search": {"boost": round(boost, 3)}}


@functools.cache
def department_search_tags(registry: tuple[Department, ...]) -> dict[str, tuple[tuple[str, ...], bool]]:
    """For each department: its Chinese names as search tags (see `department_search`), and
    whether one of them ties with another body's."""
    names = {d.id: chinese_names(d, registry) for d in registry}

    def shares_term(dept_id: str, name: str) -> bool:
        return any(other[:-1] == name[:-1] for o, ns in names.items() if o != dept_id for other in ns)

    cut = {i: {n: len(n) > 2 and not shares_term(i, n) for n in ns} for i, ns in names.items()}  # indexed less its last character?
    terms = {i: [n[:-1] if is_cut else n for n, is_cut in cs.items()] for i, cs in cut.items()}

    def begun(dept_id: str, term: str) -> int:
        return sum(t.startswith(term) for t in terms[dept_id])

    result: dict[str, tuple[tuple[str, ...], bool]] = {}
    for i, cs in cut.items():
        tags = tuple(n[:-1] + CUT + n[-1] if is_cut else n for n, is_cut in cs.items())
        tied = any(is_cut and max((begun(j, n[:-1]) for j in terms if j != i), default=0) >= begun(i, n[:-1])
                   for n, is_cut in cs.items())
        result[i] = (tags, tied)
    return result


def jieba_user_dict(catalog: Catalog) -> str:
    """Department names as whole words for Chinese search segmentation, so 国管局 or 知识产权局
    stay one word in the index instead of being cut into characters. (Not the names less their
    last character that department tags add: as words of every page that names a body, they
    would weigh less in its tags; see `department_search`.)"""
    words = [w for d in catalog.departments for w in chinese_names(d, catalog.departments)] + [c.name_zh for c in catalog.collectives]
    words += [t.name_zh for t in catalog.topics] + [term for t in catalog.topics for term in t.terms_zh]
    words += [i.name_zh.removeprefix("中华人民共和国") for i in catalog.instruments]
    return "".join(f"{w} 100000 nt\n" for w in dict.fromkeys(words))
