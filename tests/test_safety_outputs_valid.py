"""Outputs that stay valid whatever the data holds: a well-formed Atom feed and SVG
charts, CSV cells no spreadsheet runs, safe BibTeX keys, a Content-Security-Policy on the short-link
pages, and task pages that do not grow with the size of the plan."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plansite.catalog.load import load
from plansite.catalog.model import Catalog, Section
from plansite.catalog.progress import Source, Update
from plansite.commands.build import read
from plansite.formats import cite
from plansite.formats.export import FORMULA_TRIGGERS, UTF8_BOM, export
from plansite.formats.feed import atom_feed
from plansite.formats.redirects import redirect_page
from plansite.render import render_files, render_pages
from plansite.render.pages import PAGE_KINDS
from plansite.render.renderer import Renderer
from plansite.view import urls
from plansite.view.index import EditionIndex
from tests.conftest import DATA, TASKS, run_cli

# Markup, an entity, a CDATA end, every C0 control (NUL included), DEL, a lone surrogate, the two
# non-characters XML forbids, quotes, and text that must survive.
HOSTILE = "A & B <b>x</b> &amp; ]]> " + "".join(map(chr, range(32))) + "\x7f \ud800 \ufffe \uffff \" ' é 中文 end"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load(DATA)[0]


TASK_ROW = re.compile(r"\| \[(\d+)\]\(")  # a task's row in a table: its number, linked


def hostile_catalog(catalog: Catalog) -> Catalog:
    """The bundled data with hostile text in every field the feed, the charts and the exports show."""
    e = catalog.editions[0]
    source = Source(title=HOSTILE, publisher=HOSTILE, date=date(2025, 5, 2), url="https://example.org/?a=1&b=<2>")
    updates = (
        *e.updates,
        Update(
            task=1,
            date=date(2025, 5, 2),
            status="in progress",
            note_en=HOSTILE,
            note_zh=HOSTILE,
            sources=(source, source),
        ),
        Update(task=2, date=date(2025, 5, 3), status="done", note_en='=HYPERLINK("http://evil")', sources=(source,)),
    )
    sections = tuple(dataclasses.replace(s, title_en=HOSTILE, title_zh=HOSTILE) for s in e.sections)
    triggers = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "＝1+1"]
    tasks = tuple(
        dataclasses.replace(t, text_en=triggers[i % len(triggers)] + " " + t.text_en) if i < 14 else t
        for i, t in enumerate(e.tasks)
    )
    edition = dataclasses.replace(
        e,
        title_en=HOSTILE,
        title_zh=HOSTILE,
        series=HOSTILE,
        issuer_en=HOSTILE,
        updates=updates,
        sections=sections,
        tasks=tasks,
    )
    departments = tuple(
        dataclasses.replace(d, name_en="=" + d.name_en, name_zh="@" + d.name_zh, short_zh=HOSTILE, abbr=HOSTILE)
        for d in catalog.departments
    )
    return dataclasses.replace(catalog, editions=(edition,), departments=departments)


# --- The Atom feed and the SVG charts -------------------------------------------------------------


def test_feed_is_well_formed_with_hostile_data(catalog: Catalog) -> None:
    bad = hostile_catalog(catalog)
    e = bad.editions[0]
    feed = atom_feed(EditionIndex(bad, e), 'https://example.org/a"b&c<d>')
    root = ET.fromstring(feed.encode("utf-8"))  # raises on anything not well-formed
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(e.updates)
    assert root.findtext(f"{ATOM}title").startswith("A & B <b>x</b> &amp; ]]> ")
    summary = next(
        x.findtext(f"{ATOM}summary")
        for x in entries
        if x.findtext(f"{ATOM}title").startswith("任务 1 · ") and x.findtext(f"{ATOM}updated").startswith("2025-05-02")
    )
    # The text reads as it was written, less what XML cannot hold; whitespace is one line.
    assert summary.startswith("A & B <b>x</b> &amp; ]]> ") and "é 中文 end" in summary and "Sources: A & B" in summary
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", feed)
    assert all(" " not in x.findtext(f"{ATOM}id") for x in [root, *entries])  # ids are IRIs
    assert {link.get("href") for link in root.iter(f"{ATOM}link")} >= {'https://example.org/a"b&c<d>/2025/progress/'}


def test_feed_from_data_files_with_markup_characters(data: Path) -> None:
    """The path a user takes: & < > and quotes in updates.yaml come out as text in a valid feed.
    (`check` refuses control characters in the data; the test above covers them anyway.)"""
    updates = data / "editions" / "2025" / "updates.yaml"
    updates.write_text(
        updates.read_text(encoding="utf-8")
        + """
- task: 5
  date: 2025-05-02
  status: in progress
  note_en: "Tom & Jerry 1 < 2 > 0 ]]> \\"quoted\\" 'single' &amp;"
  sources:
    - title: "A & B <i>"
      publisher: "P&Q"
      date: 2025-05-02
      url: "https://example.org/?a=1&b=2"
""",
        encoding="utf-8",
    )
    catalog = read(data)[0]  # passes `check`
    feed = ET.fromstring(render_files(catalog)["2025/updates.xml"].encode("utf-8"))
    summaries = [x.findtext(f"{ATOM}summary") for x in feed.findall(f"{ATOM}entry")]
    assert (
        "Tom & Jerry 1 < 2 > 0 ]]> \"quoted\" 'single' &amp; Sources: P&Q, 2025-05-02, A & B <i> "
        "(https://example.org/?a=1&b=2)"
    ) in summaries


def test_every_generated_xml_file_is_well_formed_with_hostile_data(catalog: Catalog) -> None:
    files = render_files(hostile_catalog(catalog))
    xml = {path: text for path, text in files.items() if path.endswith((".xml", ".svg"))}
    assert any(p.endswith(".xml") for p in xml) and sum(p.endswith(".svg") for p in xml) > 10
    for path, text in xml.items():
        try:
            ET.fromstring(text.encode("utf-8"))
        except ET.ParseError as exc:
            pytest.fail(f"{path}: {exc}")


def test_bundled_feed_ids_are_unchanged(catalog: Catalog) -> None:
    """Escaping must not move the ids a feed reader already holds."""
    e = catalog.editions[0]
    feed = ET.fromstring(atom_feed(EditionIndex(catalog, e), None).encode("utf-8"))
    assert feed.findtext(f"{ATOM}id") == "tag:plansite,2025-05-07:ip-nation-building/2025/updates"


# --- CSV ------------------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith(UTF8_BOM) and not text.startswith(UTF8_BOM * 2)  # the BOM stays, once
    return list(csv.reader(io.StringIO(text.removeprefix(UTF8_BOM))))


def assert_neutralised(rows: list[list[str]]) -> None:
    for row in rows:
        for value in row:
            assert not value.startswith(FORMULA_TRIGGERS), row


@pytest.mark.parametrize("fmt", ["csv", "responsibilities-csv"])
def test_csv_cells_never_start_a_formula(catalog: Catalog, fmt: str) -> None:
    bad = hostile_catalog(catalog)
    e = bad.editions[0]
    text = export(bad, e, fmt)
    rows = read_csv(text)
    assert_neutralised(rows)
    header, body = rows[0], rows[1:]
    if fmt == "csv":
        texts = [r[header.index("text_en")] for r in body]
        assert texts[0] == "'" + e.tasks[0].text_en  # the quote, then the text exactly as it was
        # A carriage return is written as a line feed (a bare CR would end the row for readers).
        for value, trigger in zip(texts[:7], ["=", "+", "-", "@", "\t", "\n", "＝"], strict=True):
            assert value.startswith("'" + trigger), value
        assert texts[20] == e.tasks[20].text_en  # a harmless cell is untouched
        assert [r[header.index("number")] for r in body] == [str(t.number) for t in e.tasks]  # numbers as they are
        assert body[0][header.index("lead_zh")].startswith("'@")
    else:
        assert {r[header.index("name_en")][:2] for r in body} == {"'="}
        assert all(r[header.index("task")].isdigit() and r[header.index("position")].isdigit() for r in body)
    # The site's downloads are these very bytes.
    assert render_files(bad)[urls.download(e, fmt)] == text


def test_csv_of_the_bundled_data_is_unchanged_by_neutralising(catalog: Catalog) -> None:
    """Real tasks start with a word: no cell of the bundled data needs the quote."""
    e = catalog.editions[0]
    for fmt in ("csv", "responsibilities-csv"):
        assert not any(v.startswith("'") for row in read_csv(export(catalog, e, fmt)) for v in row)


def test_export_command_neutralises_a_formula(data: Path, tmp_path: Path) -> None:
    """Through the real command line: a task text starting with = comes out quoted from `export`,
    and the download the site publishes is byte-identical (test_offline checks that the build
    publishes the rendered downloads as they are)."""
    content = data / "editions" / "2025" / "content.en.yaml"
    text = content.read_text(encoding="utf-8")
    first = re.search(r"^  text_en: (.+)$", text, re.M)
    assert first
    content.write_text(
        text.replace(
            first.group(0),
            '  text_en: \'=HYPERLINK("http://evil.example","x") ' + first.group(1).replace("'", "''") + "'",
            1,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "tasks.csv"
    result = run_cli("--data", data, "export", "--format", "csv", "--out", out)
    assert result.returncode == 0, result.stderr
    rows = read_csv(out.read_bytes().decode("utf-8"))
    assert rows[1][rows[0].index("text_en")].startswith("'=HYPERLINK(")
    assert_neutralised(rows)
    # The site rendered from the same data publishes the same text (MkDocs copies it as it is).
    published = render_files(load(data)[0])["2025/downloads/tasks-2025.csv"]
    assert published.encode("utf-8") == out.read_bytes()


# --- BibTeX keys ----------------------------------------------------------------------------------

BIBTEX_KEY = re.compile(r"^[A-Za-z0-9_:.-]+$")


def test_bibtex_keys_are_safe_deterministic_and_unique(catalog: Catalog) -> None:
    e = dataclasses.replace(
        catalog.editions[0], series="IP nation building {plan}, 知识产权 #1", title_en="A {brace} \\ back}slash"
    )
    keys = [cite.key(e, t) for t in e.tasks]
    assert all(BIBTEX_KEY.match(k) for k in keys), keys[:3]
    assert len(set(keys)) == len(keys)
    assert keys == [cite.key(e, t) for t in e.tasks]  # the same on every call
    task = e.tasks[56]
    bib = cite.bibtex(e, task, None, None)
    assert bib.startswith("@misc{" + cite.key(e, task) + ",\n")
    assert bib.endswith("\n}\n")
    depth = 1
    for c in bib[len("@misc{") : -2]:  # BibTeX counts every brace: none may close the entry early
        depth += {"{": 1, "}": -1}.get(c, 0)
        assert depth > 0, bib
    assert depth == 1, bib
    # RIS and CSL-JSON carry the same key.
    assert f"ID  - {cite.key(e, task)}\n" in cite.ris(e, task, None, None)
    assert f'"id": "{cite.key(e, task)}"' in cite.csl_json(e, task, None, None)
    # Names that differ only in unsafe characters still get different keys.
    other = dataclasses.replace(e, series="IP-nation-building-plan-1")
    spaced = dataclasses.replace(e, series="IP nation building plan 1")
    assert cite.key(other, task) != cite.key(spaced, task)
    # The bundled series is safe as it is: published keys do not change.
    assert cite.key(catalog.editions[0], catalog.editions[0].tasks[56]) == "ip-nation-building-2025-task-57"


# --- Short-link pages -----------------------------------------------------------------------------


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_redirect_page_escapes_its_target() -> None:
    target = '../tasks/57/"><script>alert(1)</script>'
    page = redirect_page(target)
    assert "<script" not in page and "alert" not in page.split("url=", 1)[0]
    parser = _Attrs()
    parser.feed(page)
    hrefs = {attrs.get("href") for tag, attrs in parser.tags if tag in ("a", "link")}
    assert len(hrefs) == 1 and '"' not in hrefs.pop()
    assert redirect_page("../tasks/57/").count('"../tasks/57/"') == 2  # a normal target is as it was


def test_short_link_pages_carry_the_policy(built: Path) -> None:
    site = built / "site"
    short = site / "2025" / "57" / "index.html"
    html = short.read_text(encoding="utf-8")
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';" in html
    assert 'url=../tasks/57/"' in html and "<script" not in html
    pages = [
        p
        for p in site.rglob("*.html")
        if p.parent.parent.name == "2025" and p.parent.name.isdigit() and len(p.parent.name) <= 3
    ]
    assert len(pages) == TASKS
    assert all("Content-Security-Policy" in p.read_text(encoding="utf-8") for p in pages)


# --- Task pages do not grow with the plan ---------------------------------------------------------


def one_subsection_plan(catalog: Catalog, count: int) -> Catalog:
    """The bundled edition with `count` tasks, all in section 1, subsection 1 (texts and departments
    repeated from the bundled tasks; task numbers 1..count, so updates and mentions still hold)."""
    e = catalog.editions[0]
    section = e.sections[0]
    one: Section = dataclasses.replace(section, subsections=section.subsections[:1])
    base = e.tasks
    tasks = tuple(
        dataclasses.replace(base[i % len(base)], number=i + 1, section=section.number, subsection=1)
        for i in range(count)
    )
    edition = dataclasses.replace(e, sections=(one,), tasks=tasks)
    return dataclasses.replace(catalog, editions=(edition,))


def task_and_subsection_pages(catalog: Catalog) -> dict[str, str]:
    """The only kinds of page this measures: rendering a 2000-task site whole would take most of
    the test's time on pages it never reads."""
    renderer, view = Renderer(), EditionIndex(catalog, catalog.editions[0])
    return {
        path: page
        for kind in ("task", "subsection")
        for path, page in renderer.kind_pages(PAGE_KINDS[kind], view).items()
    }


def test_a_task_page_does_not_grow_with_the_plan(catalog: Catalog) -> None:
    small = task_and_subsection_pages(one_subsection_plan(catalog, 200))
    large = task_and_subsection_pages(one_subsection_plan(catalog, 600))
    e = catalog.editions[0]
    for number in (1, 57, 100, 200):  # first, middle and last of the small plan
        a, b = small[urls.task(e, number)], large[urls.task(e, number)]
        # The same neighbours; only the count of the others and the pager differ.
        assert abs(len(a) - len(b)) < 100, (number, len(a), len(b))
        siblings = b.split("{#siblings", 1)[1]
        assert len(TASK_ROW.findall(siblings)) == 10
    middle = large[urls.task(e, 300)]
    shown = [int(n) for n in TASK_ROW.findall(middle.split("{#siblings", 1)[1])]
    assert shown == [295, 296, 297, 298, 299, 301, 302, 303, 304, 305]  # five before, five after
    first = [int(n) for n in TASK_ROW.findall(large[urls.task(e, 1)].split("{#siblings", 1)[1])]
    assert first == list(range(2, 12))  # at the start: the ten after
    # The rest are one link away: the subsection page (which lists them all) and the filtered table.
    assert "The 10 nearest of 599 other tasks; all of them:" in middle
    assert "](../sections/1/1.md)" in middle and "](index.md?section=1)" in middle
    assert len(TASK_ROW.findall(large[urls.subsection(e, e.sections[0].subsections[0])])) == 600


def test_small_groups_still_list_every_sibling(catalog: Catalog) -> None:
    """In the bundled plan a subsection of up to 11 tasks shows all of its tasks on each, as before."""
    pages = render_pages(catalog)
    e = catalog.editions[0]
    view = EditionIndex(catalog, e)
    for task in e.tasks:
        group = view.by_subsection[(task.section, task.subsection)]
        listed = len(TASK_ROW.findall(pages[urls.task(e, task)].split("{#siblings", 1)[1])) if len(group) > 1 else 0
        assert listed == min(len(group) - 1, 10), task.number
