"""What has happened to a task since the plan was issued: dated updates and their sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plansite.catalog.problems import Origin


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: date
    url: str | None = None


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
