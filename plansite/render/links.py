"""Relative links from the page being rendered to any page or file, through `urls`."""

from __future__ import annotations

from collections.abc import Callable

from plansite.catalog.model import Edition
from plansite.render.mdtext import Safe
from plansite.view import urls

NOT_TARGETS = {"public", "relative"}  # helpers of `urls`, not kinds of target


class Links:
    """`L` in templates. `L.<kind>(*args)` links to `urls.<kind>(edition, *args)`: L.task(t),
    L.department(d), L.chart("leads"), L.about(). Only the task table (filters) and an edition's
    home (any edition) need more than that."""

    def __init__(self, edition: Edition, here: str):
        self.edition, self.here = edition, here

    def to(self, path: str) -> Safe:
        return Safe(urls.relative(self.here, path))

    def __getattr__(self, kind: str) -> Callable[..., Safe]:
        target = getattr(urls, kind, None)
        if kind.startswith("_") or kind in NOT_TARGETS or not callable(target):
            raise AttributeError(f"no kind of link {kind!r} (see plansite/view/urls.py)")
        return lambda *args: self.to(target(self.edition, *args))

    def edition_home(self, edition: Edition | None = None) -> Safe:
        return self.to(urls.edition_home(edition or self.edition))

    def task_in(self, edition: Edition, number: int) -> Safe:
        """A task of any edition (lineage links another edition's tasks)."""
        return self.to(urls.task(edition, number))

    def department_in(self, edition: Edition, dept: object) -> Safe:
        return self.to(urls.department(edition, dept))

    def compare_in(self, new: Edition, old: Edition) -> Safe:
        return self.to(urls.compare(new, old))

    def editions(self) -> Safe:
        return self.to(urls.EDITIONS)

    def task_table(self, **filters: object) -> Safe:
        """The task table, filtered: task_table(department="cnipa", role="lead", section=3)."""
        query = "&".join(f"{k}={v}" for k, v in filters.items() if v not in (None, ""))
        return Safe(self.to(urls.task_table(self.edition)) + (f"?{query}" if query else ""))
