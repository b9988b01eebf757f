"""Pure rendering, the public entry: catalog → everything MkDocs is given. The work is done by

- `pages`: the table of page kinds (template, path, title, front matter) → Markdown pages;
- `nav`: the navigation MkDocs is given, from the page kinds marked for it;
- `files`: the other generated files (downloads, citations, charts, feed, short links);
- `searchdict`: the jieba dictionary that keeps names whole in search.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite.catalog.model import Catalog
from plansite.render.files import edition_files
from plansite.render.jinja import TEMPLATES
from plansite.render.nav import site_nav
from plansite.render.renderer import Renderer
from plansite.render.searchdict import jieba_user_dict
from plansite.render.workers import run_all
from plansite.view import urls
from plansite.view.index import EditionIndex, newest_first

__all__ = ["RenderedSite", "newest_first", "render_files", "render_pages", "render_site"]


@dataclass(frozen=True)
class RenderedSite:
    """The whole site before MkDocs: every file of docs/, the navigation and the search words."""

    pages: dict[str, str]  # Markdown pages by their path under docs/
    files: dict[str, str]  # the files MkDocs only copies (downloads, citations, charts, feed, short links)
    nav: list[Any]  # MkDocs' `nav`, as data
    search_words: str  # the jieba user dictionary
    short_links: tuple[str, ...]  # the short-link pages among `files`: the offline copy leaves them out

    @property
    def docs(self) -> dict[str, str]:
        """Everything written into docs/."""
        return {**self.pages, **self.files}


def render_site(catalog: Catalog, site_url: str | None = None, templates: Path = TEMPLATES) -> RenderedSite:
    renderer = Renderer(templates, site_url)
    indexes = [EditionIndex(catalog, edition) for edition in newest_first(catalog.editions)]
    # Pages and files in one batch of jobs, so both share the cores.
    page_jobs = renderer.page_jobs(indexes)
    file_jobs = [functools.partial(edition_files, view, site_url) for view in indexes]
    results = run_all([*page_jobs, *file_jobs])
    pages = merged(results[: len(page_jobs)]) | renderer.series_pages(catalog, indexes)
    return RenderedSite(
        pages=pages,
        files=merged(results[len(page_jobs) :]),
        nav=site_nav(catalog),
        search_words=jieba_user_dict(catalog),
        short_links=short_link_paths(catalog),
    )


def merged(parts: list[dict[str, str]]) -> dict[str, str]:
    whole: dict[str, str] = {}
    for part in parts:
        whole.update(part)
    return whole


def render_pages(catalog: Catalog, templates: Path = TEMPLATES, site_url: str | None = None) -> dict[str, str]:
    """The site's Markdown pages, by their path under docs/."""
    return Renderer(templates, site_url).site(catalog)


def render_files(catalog: Catalog, site_url: str | None = None) -> dict[str, str]:
    """The other generated files (downloads, citations, charts, feed, short links), by their path."""
    return merged(
        [edition_files(EditionIndex(catalog, edition), site_url) for edition in newest_first(catalog.editions)]
    )


def short_link_paths(catalog: Catalog) -> tuple[str, ...]:
    """The short links (/2025/57/): they rely on directory URLs, so the offline copy has none."""
    return tuple(urls.short_link(e, t) for e in catalog.editions for t in e.tasks)
