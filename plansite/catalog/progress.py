"""What has happened to a task since the plan was issued: dated updates and their sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plansite.catalog.problems import Origin


@dataclass(frozen=True)
class Source:
    """Where a fact was read, as the search returned it: None where it showed no title or date."""

    title: str | None
    publisher: str
    date: date | None
    url: str | None = None
    url_note: str = ""  # why there is no address, when there is none
    query: str = ""  # the search that found it, so it can be checked


@dataclass(frozen=True)
class Update:
    """One dated, sourced fact about a task's implementation."""

    task: int
    date: date
    status: str
    note_en: str
    sources: tuple[Source, ...]
    note_zh: str = ""
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class TaskSearch:
    """When a task was last searched for in public sources, and with which queries: a task with a
    search and no update was looked for and nothing found, not merely not yet looked at."""

    task: int
    searched: date
    queries: tuple[str, ...]
    origin: Origin | None = field(default=None, compare=False, repr=False)
