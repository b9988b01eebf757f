"""The table of page kinds. One row per kind of page: its template, its path (from `urls`), its
title, its front matter and its place in the navigation. The table drives the page list, the
titles and the navigation: adding a kind of page is one template and one row.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from plansite.catalog import crosscheck
from plansite.catalog.clause_en import normalize
from plansite.formats import cite
from plansite.formats.chartdata import department_chart, edition_charts, progress_chart
from plansite.lineage import diff as lineagediff
from plansite.render import previews
from plansite.render.searchdict import department_search, instrument_search, term_tags
from plansite.view import urls
from plansite.view.index import EditionIndex, newest_first
from plansite.view.labels import edition_name, heading, label_full, plan_named, task_title

# About and Downloads describe the site, not the plan. Material weighs a title 1000 times the text,
# so their headings (数据来源, 数据文件) would outrank every task for 数据知识产权; at 1/1000 a heading
# there counts like text elsewhere, and a search for their own words (下载, CSV, 引用) still finds them.
FURNITURE_BOOST = 0.001
# A theme's page comes before the single tasks that share its tags (tags of terms and names never
# begin like a department's name, so no department query finds a topic first: see cut_tags).
TOPIC_BOOST = 2
EXCLUDED = {"search": {"exclude": True}}


def furniture(view: EditionIndex) -> dict:
    """About and Downloads say much the same in every edition: searched in the newest only, so the
    search index does not repeat them once per edition."""
    return (
        {"search": {"boost": FURNITURE_BOOST}} if view.edition is newest_first(view.catalog.editions)[0] else EXCLUDED
    )


@dataclass(frozen=True)
class Kind:
    """A kind of page. With `each`, one page per item (task, department…): `path`, `title`,
    `meta` and `context` then also take the item; without, one page per edition."""

    template: str
    path: Callable[..., str]  # a `urls` function: (edition) or (edition, item)
    title: str | Callable[..., str]  # (index) or (index, item)
    each: Callable[[EditionIndex], Iterable[Any]] | None = None
    meta: dict | Callable[..., dict] = field(default_factory=dict)  # front matter beyond the title
    context: Callable[..., dict] | None = None  # (index, [item,] site_url) → the template's own variables
    when: Callable[[EditionIndex], bool] | None = None  # made only if true
    nav: bool | str = False  # in the navigation: under its title (True) or a shorter label
    nav_children: Callable[[EditionIndex], list[tuple[str, str]]] | None = None  # (title, path) listed under it
    describe: Callable[..., str] | None = None  # (index[, item]) → the page's own description; else title and plan
    head: Callable[..., dict] | None = None  # (index[, item], site_url) → more front matter for the page's <head>

    def made(self, view: EditionIndex) -> bool:
        return self.when is None or self.when(view)

    def pages(self, view: EditionIndex, site_url: str | None) -> Iterable[tuple[str, str, dict, dict]]:
        """(path, title, meta, context) of every page of this kind in the edition."""

        def call(f: Any, *args: Any) -> Any:
            return f(*args) if callable(f) else f

        for item in self.each(view) if self.each else [None]:
            args = (view,) if self.each is None else (view, item)
            path = self.path(view.edition) if self.each is None else self.path(view.edition, item)
            context = self.context(*args, site_url) if self.context else {}
            title = call(self.title, *args)
            description = self.describe(*args) if self.describe else previews.of_page(view, title)
            # Material writes the description into the page as it is: escaped here, once.
            meta = {
                **call(self.meta, *args),
                "description": html.escape(description, quote=True),
                **(self.head(*args, site_url) if self.head else {}),
            }
            yield path, title, meta, context

    def nav_label(self, view: EditionIndex) -> str:
        return self.nav if isinstance(self.nav, str) else self.title(view) if callable(self.title) else self.title


def task_context(view: EditionIndex, task: Any, site_url: str | None) -> dict:
    e = view.edition
    siblings, sibling_total = view.siblings(task)
    previous, next_ = view.neighbours(task)
    return dict(
        task=task,
        citation_text=cite.citation_text(e, task, view.first_named(task)),
        permanent_path=urls.public(urls.task(e, task)),
        permanent_url=cite.permanent_url(e, task, site_url),
        section=e.section(task.section),
        subsection=view.subsection_of(task),
        previous=previous,
        next=next_,
        siblings=siblings,
        sibling_total=sibling_total,
    )


def about_context(view: EditionIndex, site_url: str | None) -> dict:
    example = view.edition.tasks[0] if view.edition.tasks else None
    return dict(
        example_citation=cite.citation(view.edition, example, view.first_named(example), site_url) if example else ""
    )


def translation_notes_context(view: EditionIndex, site_url: str | None) -> dict:
    """The disagreements of the two languages, and the names the translation garbles with the tasks
    whose clause uses them."""
    garbles = []
    for d in view.catalog.departments:
        by_words: dict[str, tuple[list[str], list[Any]]] = {}  # spellings differing only in punctuation: one row
        for name in d.garbled:
            tasks = [
                t
                for t in view.edition.tasks
                if d.id in t.departments and normalize(name) in normalize(t.responsibility_en)
            ]
            if tasks:
                names, found = by_words.setdefault(" ".join(re.findall(r"\w+", normalize(name))), ([], []))
                names.append(name)
                found.extend(t for t in tasks if t not in found)
        garbles += [(names, d, sorted(found, key=lambda t: t.number)) for names, found in by_words.values()]
    return dict(notes=crosscheck.disagreements(view.edition, view.catalog), garbles=garbles)


def addresses(view: EditionIndex, site_url: str | None) -> Callable[[Any], str]:
    """A task's permanent address as paper shows it: absolute with the site's address, else the path."""
    return lambda task: cite.permanent_url(view.edition, task, site_url)


def subsections(view: EditionIndex) -> list[Any]:
    return [sub for s in view.edition.sections for sub in s.subsections]


# An edition's pages, in the order of the navigation (kinds with nav=False are reached from pages).
PAGE_KINDS: dict[str, Kind] = {
    "edition": Kind("edition.md.j2", urls.edition_home, lambda view: edition_name(view.edition), nav=True),
    "sections": Kind(
        "sections.md.j2",
        urls.sections_index,
        "各部分 · Sections",
        nav=True,
        nav_children=lambda view: [(heading(s), urls.section(view.edition, s)) for s in view.edition.sections],
    ),
    "task_table": Kind(
        "task_table.md.j2", urls.task_table, "任务总表 · All tasks", nav=True, meta={"hide": ["toc"]}
    ),  # wide tables get the table-of-contents' width
    "departments": Kind("departments.md.j2", urls.departments_index, "部门 · Departments", nav=True),
    "topics": Kind("topics.md.j2", urls.topics, "主题 · Topics", nav=True, when=lambda view: bool(view.topic_list)),
    "instruments": Kind(
        "instruments.md.j2",
        urls.instruments,
        "法律法规与文件 · Instruments",
        nav=True,
        when=lambda view: bool(view.named_instruments()),
    ),
    "matrix": Kind("matrix.md.j2", urls.matrix, "责任矩阵 · Responsibility matrix", nav=True, meta={"hide": ["toc"]}),
    "charts": Kind(
        "charts.md.j2",
        urls.charts,
        "图表 · Charts",
        nav=True,
        context=lambda view, site_url: dict(charts=edition_charts(view)),
    ),
    "collaboration": Kind("collaboration.md.j2", urls.collaboration, "协作关系 · Who works with whom", nav=True),
    "progress": Kind(
        "progress.md.j2",
        urls.progress,
        "实施进展 · Implementation progress",
        nav="实施进展 · Progress",
        meta={"search": {"boost": FURNITURE_BOOST}},  # it quotes every update: the tasks come first
        context=lambda view, site_url: dict(chart=progress_chart(view)),
    ),
    "downloads": Kind("downloads.md.j2", urls.downloads, "下载 · Downloads", nav=True, meta=furniture),
    "about": Kind(
        "about.md.j2",
        urls.about,
        "说明 · About this edition",
        nav="说明 · About",
        meta=furniture,
        context=about_context,
    ),
    "glossary": Kind(
        "glossary.md.j2",
        urls.glossary,
        "术语表 · Glossary",
        nav=True,
        when=lambda view: bool(view.edition.glossary),
        meta={"search": {"boost": FURNITURE_BOOST}},  # it names every term: the tasks come first
    ),
    "translation_notes": Kind(
        "translation_notes.md.j2",
        urls.translation_notes,
        "译文核对 · Translation notes",
        nav=True,
        context=translation_notes_context,
        when=lambda view: view.edition.translated,  # no translation, nothing to hold against the official text
    ),
    "compare": Kind(
        "compare.md.j2",
        urls.compare,
        lambda view, old: f"年度对比 · {view.edition.id} against {old.id}: {view.edition.title_zh}",
        each=lambda view: view.comparisons(),
        context=lambda view, old, site_url: dict(
            old=old, c=lineagediff.compare_editions(view.catalog, old, view.edition)
        ),
    ),
    "print": Kind(
        "print.md.j2",
        urls.print_all,
        lambda view: f"打印版 · Print: {plan_named(view.edition)}",
        meta=EXCLUDED,
        context=lambda view, site_url: dict(address=addresses(view, site_url)),
    ),
    "task": Kind(
        "task.md.j2",
        urls.task,
        lambda view, t: task_title(t),
        each=lambda view: view.edition.tasks,
        context=task_context,
        describe=previews.of_task,
        meta=lambda view, t: term_tags(
            [term.term_zh for term in view.terms_of(t)],
            view.catalog.departments,
            # A task asked for by number as people write it: 任务57, 第57项 (a digit next to a
            # Chinese character is a word break to the search, so these are 任务 57 and 第 57 项).
            [f"任务{t.number}", f"第{t.number}项", *(term.abbr_en for term in view.terms_of(t) if term.abbr_en)],
        ),
        head=lambda view, t, site_url: {
            "jsonld": previews.task_jsonld(
                view,
                t,
                cite.permanent_url(view.edition, t, site_url) if site_url else None,
                next((s.number for s in view.catalog.series if s.id == view.edition.id), None),
            ),
            "og_type": "article",
        },
    ),
    "section": Kind(
        "section.md.j2",
        urls.section,
        lambda view, s: heading(s),
        each=lambda view: view.edition.sections,
        describe=previews.of_section,
        context=lambda view, s, site_url: dict(section=s),
    ),
    "subsection": Kind(
        "subsection.md.j2",
        urls.subsection,
        lambda view, sub: heading(sub),
        each=subsections,
        describe=previews.of_section,
        context=lambda view, sub, site_url: dict(section=view.edition.section(sub.section), subsection=sub),
    ),
    # Search tags (every Chinese form of the name, and the abbreviation) and a boost.
    "department": Kind(
        "department.md.j2",
        urls.department,
        lambda view, d: label_full(d),
        each=lambda view: view.departments,
        describe=previews.of_department,
        meta=lambda view, d: department_search(d, view.catalog.departments),
        context=lambda view, d, site_url: dict(dept=d, chart=department_chart(view, d)),
    ),
    "briefing": Kind(
        "briefing.md.j2",
        urls.briefing,
        lambda view, d: f"简报 · Briefing: {label_full(d)}",
        each=lambda view: view.departments,
        meta=EXCLUDED,
        context=lambda view, d, site_url: dict(dept=d, address=addresses(view, site_url), qr=bool(site_url)),
    ),
    "topic": Kind(
        "topic.md.j2",
        urls.topic,
        lambda view, t: f"{t.name_zh} · {t.name_en}",
        each=lambda view: view.topic_list,
        # A theme's page before single tasks; its Chinese name and terms searched whole.
        meta=lambda view, t: {
            **term_tags([t.name_zh, *t.terms_zh], view.catalog.departments),
            "search": {"boost": TOPIC_BOOST},
        },
        context=lambda view, t, site_url: dict(topic=t),
    ),
    # Search tags of instruments leave out what a department's name would find (see cut_tags).
    "instrument": Kind(
        "instrument.md.j2",
        urls.instrument,
        lambda view, i: f"{i.name_zh} · {i.name_en}",
        each=lambda view: view.named_instruments(),
        meta=lambda view, i: instrument_search(i, view.catalog.departments),
        context=lambda view, i, site_url: dict(instrument=i),
    ),
}

# The site's own pages, around the editions: made from the newest edition's index, with every
# edition in `editions` (newest first) and their indexes in `views`.
HOME_TITLE, EDITIONS_TITLE = "首页 · Home", "各年度计划 · All editions"
