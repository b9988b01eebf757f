"""The plan series: every edition known, whether or not its text is in the site. What the facts
(data/series.yaml) do not say stays None, and pages show it as "not recorded", never guessed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plansite.catalog.model import Catalog, Edition
from plansite.catalog.series import SeriesEntry
from plansite.view.labels import english


@dataclass(frozen=True)
class SeriesRow:
    id: str
    title_zh: str | None
    title_en: str | None
    number: str | None
    issuer_zh: str | None
    issuer_en: str | None
    issued: date | None
    published: date | None
    tasks: int | None
    sections: int | None
    note_en: str
    note_zh: str
    edition: Edition | None  # its text is in the site


def series_rows(catalog: Catalog) -> list[SeriesRow]:
    """Every edition of the series, newest first: the recorded facts, with what an edition in the
    site states about itself taking precedence (its text was imported and checked)."""
    entries = {e.id: e for e in catalog.series}
    editions = {e.id: e for e in catalog.editions}
    rows = [row(entries.get(ident), editions.get(ident), ident) for ident in {*entries, *editions}]
    return sorted(rows, key=lambda r: r.id, reverse=True)


def row(entry: SeriesEntry | None, edition: Edition | None, ident: str) -> SeriesRow:
    e = entry or SeriesEntry(id=ident)
    if edition is None:
        return SeriesRow(
            ident,
            e.title_zh,
            e.title_en,
            e.number,
            e.issuer_zh,
            e.issuer_en,
            e.issued,
            e.published,
            e.tasks,
            e.sections,
            e.note_en,
            e.note_zh,
            None,
        )
    return SeriesRow(
        ident,
        edition.title_zh,
        edition.title_en if edition.translated else english(edition.title_en),  # untranslated, not unrecorded
        e.number,
        edition.issuer_zh,
        edition.issuer_en,
        edition.issued,
        edition.published,
        e.tasks if edition.partial else len(edition.tasks),  # a partial text does not count the plan's tasks
        e.sections if edition.partial else len(edition.sections),
        e.note_en,
        e.note_zh,
        edition,
    )
