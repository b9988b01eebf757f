"""Pages from the table of kinds: one page with its front matter, the jobs that render each
edition's pages on every core, and the pages of the whole series (home, editions)."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from plansite.catalog.model import Catalog
from plansite.render import previews
from plansite.render.jinja import TEMPLATES, environment
from plansite.render.links import Links
from plansite.render.mdtext import page_title
from plansite.render.pages import EDITIONS_TITLE, EXCLUDED, HOME_TITLE, PAGE_KINDS, Kind
from plansite.render.workers import run_all
from plansite.view import urls
from plansite.view.index import EditionIndex, newest_first
from plansite.view.series import series_rows

# libyaml's dumper when PyYAML has it (several times faster); the pure-Python one writes the same.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Renderer:
    def __init__(self, templates: Path = TEMPLATES, site_url: str | None = None):
        self.site_url = site_url
        self.env = environment(templates)

    def page(
        self, template: str, here: str, view: EditionIndex, title: str, meta: dict | None = None, **context: Any
    ) -> str:
        """One page: YAML front matter (title for the browser tab and nav) and the rendered template,
        which has the title too (`title`, for its H1)."""
        front = yaml.dump(
            {"title": page_title(title), **(meta or {})},
            Dumper=YAML_DUMPER,
            allow_unicode=True,
            sort_keys=False,
            width=100000,
        )
        body = self.env.get_template(template).render(
            here=here, L=Links(view.edition, here), view=view, edition=view.edition, title=title, **context
        )
        return f"---\n{front}---\n\n{body}"

    def kind_pages(self, kind: Kind, view: EditionIndex) -> dict[str, str]:
        return {
            path: self.page(kind.template, path, view, title, meta, **context)
            for path, title, meta, context in kind.pages(view, self.site_url)
        }

    def edition_pages(self, view: EditionIndex) -> dict[str, str]:
        """One edition's pages, in this process."""
        return {path: page for job in self.page_jobs([view]) for path, page in job().items()}

    def page_jobs(self, indexes: list[EditionIndex]) -> list[Callable[[], dict[str, str]]]:
        """One job per kind of page of each edition: even one edition then renders on every core
        (its task pages alone are a third of the work)."""
        return [
            functools.partial(self.kind_pages, kind, view)
            for view in indexes
            for kind in PAGE_KINDS.values()
            if kind.made(view)
        ]

    def site(self, catalog: Catalog) -> dict[str, str]:
        indexes = [EditionIndex(catalog, edition) for edition in newest_first(catalog.editions)]
        pages: dict[str, str] = {}
        for kind_pages in run_all(self.page_jobs(indexes)):
            pages.update(kind_pages)
        return {**pages, **self.series_pages(catalog, indexes)}

    def series_pages(self, catalog: Catalog, indexes: list[EditionIndex]) -> dict[str, str]:
        """The pages of the whole series: the home page and the list of editions."""
        pages: dict[str, str] = {}
        editions = [view.edition for view in indexes]
        if indexes:
            # The site's landing page: what this is, the editions, where to start. Kept out of
            # search: it repeats what the edition pages say.
            home_meta = EXCLUDED | described(
                "China's annual plans for building an IP powerhouse (知识产权强国建设推进计划) "
                "as a bilingual reference: every task, department and section on its own page, who leads what "
                "and who works with whom."
            )
            pages[urls.HOME] = self.page(
                "home.md.j2",
                urls.HOME,
                indexes[0],
                HOME_TITLE,
                meta=home_meta,
                editions=editions,
                views={view.edition.id: view for view in indexes},
                rows=series_rows(catalog),
            )
            # The series: every edition known, in the site or not.
            series_meta = described(
                "The series of annual IP powerhouse plans: each edition's title, document number, "
                "issuer, dates and task count, whether its text is in this site, and how the plans compare."
            )
            pages[urls.EDITIONS] = self.page(
                "editions.md.j2",
                urls.EDITIONS,
                indexes[0],
                EDITIONS_TITLE,
                meta=series_meta,
                rows=series_rows(catalog),
                comparisons={view.edition.id: view.comparisons() for view in indexes},
            )
        return pages


def described(text: str) -> dict[str, str]:
    """A page's description as front matter: folded, cut at a word, escaped once (Material writes it as it is)."""
    return {"description": html.escape(previews.description(text), quote=True)}
