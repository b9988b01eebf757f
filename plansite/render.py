"""Pure rendering, the public entry: catalog → {path: content}. The work is done by

- `pages`: the table of page kinds (template, path, title, front matter, navigation) → Markdown pages;
- `files`: the other generated files (downloads, citations, charts, feed, short links);
- `searchdict`: the jieba dictionary that keeps names whole in search.
"""

from __future__ import annotations

from pathlib import Path

from .files import edition_files
from .index import EditionIndex, newest_first
from .jinja import TEMPLATES
from .model import Catalog
from .pages import Renderer, site_nav
from .searchdict import jieba_user_dict

__all__ = ["newest_first", "render", "render_files", "render_pages", "site_nav", "jieba_user_dict"]


def render_pages(catalog: Catalog, templates: Path = TEMPLATES, site_url: str | None = None) -> dict[str, str]:
    """The site's Markdown pages, by their path under docs/ (written there by `build.py`)."""
    return Renderer(templates, site_url).site(catalog)


def render_files(catalog: Catalog, site_url: str | None = None, short_links: bool = True) -> dict[str, str]:
    """The other generated files (downloads, citations, charts, feed, short links), by their path in
    the site. MkDocs only copies these, so the hook hands them to it in memory, never via docs/.
    The offline copy has no short links: they rely on directory URLs."""
    files: dict[str, str] = {}
    for edition in newest_first(catalog.editions):
        files.update(edition_files(EditionIndex(catalog, edition), site_url, short_links))
    return files


def render(catalog: Catalog, templates: Path = TEMPLATES, site_url: str | None = None) -> dict[str, str]:
    """Every generated file of the site: the pages and the other files, by path."""
    return {**render_pages(catalog, templates, site_url), **render_files(catalog, site_url)}
