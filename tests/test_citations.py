"""The citation files of every task, read by the clients people cite with: bibtexparser for BibTeX,
rispy for RIS, citeproc-py (Harvard, Cite Them Right: the style citeproc-py ships) for CSL-JSON.
Without a site address (the `built` site) a citation carries the task's path; with one, the absolute
address."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from bibtexparser.model import Entry
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from plansite.catalog.load import load
from plansite.catalog.model import Catalog, Edition
from plansite.render import render_files
from tests.conftest import DATA

NUMBERS = range(1, 119)
SITE_URL = "https://example.org/plans/"
RENDERED = (1, 57, 118)  # citeproc is slow next to the parsers: a handful is enough
KEY = re.compile(r"^ip-nation-building-2025-task-(\d+)$")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load(DATA)[0]


@pytest.fixture(scope="module")
def edition(catalog: Catalog) -> Edition:
    return next(e for e in catalog.editions if e.id == "2025")


@pytest.fixture(scope="module")
def style() -> CitationStylesStyle:
    return CitationStylesStyle("harvard-cite-them-right")


def built_files(built: Path) -> dict[str, str]:
    """The site's citation files as published, by their path under the site ("2025/cite/task-1.bib")."""
    site = built / "site"
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((site / "2025" / "cite").iterdir())
    }


def with_address(catalog: Catalog, site_url: str) -> dict[str, str]:
    """The citation files a build with this site address makes (rendered without MkDocs)."""
    return {
        path: text for path, text in render_files(catalog, site_url=site_url).items() if path.startswith("2025/cite/")
    }


def task_url(base: str, number: int) -> str:
    return f"{base.rstrip('/')}/2025/tasks/{number}/"


# --- The readers: one record each, nothing left unread ---------------------------------------------


def read_bib(text: str, decode: bool = False) -> Entry:
    """The one entry of a .bib file. Field values are what bibtexparser reads between the outer
    delimiters; `decode` adds its LaTeX decoding, as a reference manager shows the text."""
    extra = [middlewares.LatexDecodingMiddleware()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=extra)
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks]
    assert len(library.blocks) == len(library.entries) == 1, library.blocks
    return library.entries[0]


def read_ris(text: str) -> dict:
    records = rispy.loads(text)
    assert len(records) == 1, records
    return records[0]


def read_csl(text: str) -> dict:
    items = json.loads(text)
    assert isinstance(items, list) and len(items) == 1, items
    return items[0]


def render_csl(style: CitationStylesStyle, text: str) -> tuple[str, str]:
    """The in-text citation and the bibliography entry citeproc-py makes of a CSL-JSON file."""
    items = json.loads(text)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citation = Citation([CitationItem(items[0]["id"])])
    bibliography.register(citation)
    in_text = bibliography.cite(citation, lambda item: pytest.fail(f"citeproc-py does not know {item.key}"))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == 1, entries
    return str(in_text), entries[0]


# --- As built without a site address --------------------------------------------------------------


def test_the_site_publishes_three_citation_files_per_task(built: Path) -> None:
    names = {path.rsplit("/", 1)[1] for path in built_files(built)}
    assert names == {f"task-{n}.{ext}" for n in NUMBERS for ext in ("bib", "ris", "csl.json")}


def test_every_bibtex_file_parses_with_its_key_title_and_both_languages(built: Path, edition: Edition) -> None:
    files = built_files(built)
    keys = set()
    for n in NUMBERS:
        entry = read_bib(files[f"2025/cite/task-{n}.bib"], decode=True)
        assert entry.entry_type == "misc"
        match = KEY.match(entry.key)
        assert match and int(match[1]) == n, entry.key
        keys.add(entry.key)
        assert entry["title"] == f"{edition.title_en}, Task {n}"
        assert entry["note"].startswith(f"{edition.title_zh}, 任务 {n}. Editors' title: "), entry["note"]
        assert re.search(r"\. (Lead|Named first): ", entry["note"]), entry["note"]
        assert entry["url"] == task_url("", n)
    assert len(keys) == len(NUMBERS)


def test_every_bibtex_author_is_one_corporate_name(built: Path, edition: Edition) -> None:
    """The issuer is a body, not a person: one name, never split into given and family names."""
    files = built_files(built)
    names = [middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    for n in NUMBERS:
        library = bibtexparser.parse_string(files[f"2025/cite/task-{n}.bib"], append_middleware=names)
        [author] = library.entries[0]["author"]
        assert (author.first, author.von, author.jr) == ([], [], []), author
        assert author.last == ["{" + edition.issuer_en + "}"], author


def test_every_bibtex_url_year_and_date_are_bare_values(built: Path, edition: Edition) -> None:
    """biblatex reads `url` verbatim and parses `date` as ISO 8601, so these fields must hold the bare
    value: Biber 2.18 reads `url = {{/2025/tasks/57/}}` as the URL "{/2025/tasks/57/}", and drops
    `date = {{2025-04-29}}` ("Invalid format ... ignoring"; `year = {{2025}}` "is not an integer")."""
    files = built_files(built)
    for n in NUMBERS:
        entry = read_bib(files[f"2025/cite/task-{n}.bib"])
        assert (entry["url"], entry["year"], entry["date"]) == (
            task_url("", n),
            str(edition.issued.year),
            edition.issued.isoformat(),
        ), n


def test_every_ris_file_parses_with_type_titles_url_and_date(built: Path, edition: Edition) -> None:
    files = built_files(built)
    for n in NUMBERS:
        record = read_ris(files[f"2025/cite/task-{n}.ris"])
        assert record["type_of_reference"] == "GOVDOC"
        assert record["title"] == f"{edition.title_en}, Task {n}"
        assert record["secondary_title"] == edition.title_zh
        assert record["authors"] == [edition.issuer_en]
        assert record["urls"] == [task_url("", n)]
        assert (record["year"], record["date"]) == (str(edition.issued.year), edition.issued.strftime("%Y/%m/%d"))
        assert record["id"] == f"ip-nation-building-2025-task-{n}"


def test_every_csl_json_file_is_one_item_with_the_same_key(built: Path, edition: Edition) -> None:
    files = built_files(built)
    for n in NUMBERS:
        item = read_csl(files[f"2025/cite/task-{n}.csl.json"])
        assert item["id"] == f"ip-nation-building-2025-task-{n}"
        assert item["URL"] == task_url("", n)
        assert item["issued"] == {"date-parts": [[edition.issued.year, edition.issued.month, edition.issued.day]]}
        assert edition.title_zh in item["container-title"]


def test_csl_json_renders_in_harvard_with_issuer_title_year_and_path(
    built: Path, edition: Edition, style: CitationStylesStyle
) -> None:
    files = built_files(built)
    for n in RENDERED:
        in_text, entry = render_csl(style, files[f"2025/cite/task-{n}.csl.json"])
        assert in_text == f"({edition.issuer_en}, {edition.issued.year})"
        # A document's title in quotes, then the plan it belongs to (the container title).
        assert entry.startswith(
            f"{edition.issuer_en} ({edition.issued.year}) “{edition.title_en}, Task {n}”, {edition.title_en}"
        ), entry
        assert edition.title_zh in entry
        assert entry.endswith(f"Available at: {task_url('', n)}."), entry


# --- With a site address ---------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [SITE_URL, SITE_URL.rstrip("/")])
def test_with_a_site_address_every_citation_carries_the_absolute_address(catalog: Catalog, site_url: str) -> None:
    files = with_address(catalog, site_url)
    assert len(files) == 3 * len(NUMBERS)
    for n in NUMBERS:
        url = task_url(SITE_URL, n)
        # decoded, so this test is only about the address; the .bib's verbatim form is tested below
        assert read_bib(files[f"2025/cite/task-{n}.bib"], decode=True)["url"] == url
        assert read_ris(files[f"2025/cite/task-{n}.ris"])["urls"] == [url]
        assert read_csl(files[f"2025/cite/task-{n}.csl.json"])["URL"] == url


def test_with_a_site_address_the_harvard_entry_gives_it(catalog: Catalog, style: CitationStylesStyle) -> None:
    files = with_address(catalog, SITE_URL)
    for n in RENDERED:
        entry = render_csl(style, files[f"2025/cite/task-{n}.csl.json"])[1]
        assert entry.endswith(f"Available at: {task_url(SITE_URL, n)}."), entry


@pytest.mark.parametrize("site_url", [SITE_URL, "https://example.org/ip_plans/"])
def test_with_a_site_address_the_bibtex_url_is_verbatim(catalog: Catalog, site_url: str) -> None:
    """A project site's address may hold "_" (https://user.github.io/ip_plans/): escaped as "\\_" it
    is another address to biblatex, which never unescapes `url`."""
    files = with_address(catalog, site_url)
    for n in NUMBERS:
        assert read_bib(files[f"2025/cite/task-{n}.bib"])["url"] == task_url(site_url, n), n
