"""The site's navigation, as data for MkDocs' nav."""

from __future__ import annotations

from typing import Any

from plansite.catalog.model import Catalog
from plansite.render.mdtext import page_title
from plansite.render.pages import EDITIONS_TITLE, HOME_TITLE, PAGE_KINDS
from plansite.view import urls
from plansite.view.index import EditionIndex, newest_first
from plansite.view.labels import edition_name


def site_nav(catalog: Catalog) -> list[Any]:
    """The navigation, shown in the sidebar of every page: home, then the newest edition's pages
    marked `nav` in PAGE_KINDS (the sections listed by name under the sections overview). Single tasks
    (and older editions) are reached from pages, not the nav: the nav is repeated in every page, so
    listing them would grow every page with the data."""
    editions = newest_first(catalog.editions)
    nav: list[Any] = [{page_title(HOME_TITLE): urls.HOME}]
    if not editions:
        return nav
    view = EditionIndex(catalog, editions[0])
    entries: list[Any] = []
    for name, kind in PAGE_KINDS.items():
        if not kind.nav or not kind.made(view):
            continue
        path = kind.path(view.edition)
        if name == "edition":  # the group's own page: its name links to it (navigation.indexes)
            entries.append(path)
        elif kind.nav_children:
            # The first child of a group is its index page: the group's name links to it.
            entries.append(
                {page_title(kind.nav_label(view)): [path, *({page_title(t): p} for t, p in kind.nav_children(view))]}
            )
        else:
            entries.append({page_title(kind.nav_label(view)): path})
    nav.append({page_title(edition_name(view.edition)): entries})
    nav.append({page_title(EDITIONS_TITLE): urls.EDITIONS})
    return nav
