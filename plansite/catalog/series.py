"""The plan series across editions: what is known of each edition, and the reviewed links between
the tasks of two editions (lineage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plansite.catalog.problems import Origin


@dataclass(frozen=True)
class Link:
    """A task of a newer edition and its predecessor(s) in an older one, as `build.py link`
    proposed it and a person reviewed it (data/lineage/OLD-NEW.yaml)."""

    old_edition: str
    new_edition: str
    new_task: int
    old_tasks: tuple[int, ...]
    kind: str
    review: str = "unreviewed"
    score: float = 0.0
    evidence: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def is_fact(self) -> bool:
        """Reviewed and kept: the only links pages show."""
        return self.review in ("confirmed", "corrected")


@dataclass(frozen=True)
class SeriesEntry:
    """What is known of one edition of the series, whether or not its text is in the site. None
    where the facts do not say (shown as "not recorded", never guessed)."""

    id: str
    title_zh: str | None = None
    title_en: str | None = None
    number: str | None = None  # document number: 国知联办〔2024〕6号
    issuer_zh: str | None = None
    issuer_en: str | None = None
    issued: date | None = None
    published: date | None = None
    tasks: int | None = None
    sections: int | None = None
    note_en: str = ""
    note_zh: str = ""
    origin: Origin | None = field(default=None, compare=False, repr=False)
