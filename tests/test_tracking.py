"""The plan as carried out: every task searched (date and queries), updates with their sources shown
in full, notes in a small Markdown subset that is safe on hostile input, feeds per department and
per topic that a feed parser reads without error, and the checks that keep the record honest."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from plansite import catalog
from plansite.catalog import notes
from plansite.catalog.problems import DataError
from plansite.render import render_site
from plansite.render.mdtext import escape
from tests.conftest import DATA, TASKS

UPDATES = "data/editions/2025/updates.yaml"


@pytest.fixture(scope="module")
def bundled() -> catalog.Catalog:
    return catalog.read(DATA)[0]


def test_every_task_is_searched_and_every_update_has_its_sources(bundled: catalog.Catalog) -> None:
    edition = bundled.editions[0]
    assert edition.searched is not None
    searches = {s.task: s for s in edition.searches}
    assert sorted(searches) == list(range(1, TASKS + 1))
    assert all(len(s.queries) >= 2 and s.searched <= edition.searched for s in searches.values())
    # Both languages among each task's queries.
    assert all(any(re.search(r"[\u4e00-\u9fff]", q) for q in s.queries) for s in searches.values())
    assert all(any(re.fullmatch(r"[ -~’‘“”–—]+", q) for q in s.queries) for s in searches.values())
    for u in edition.updates:
        assert u.sources and u.date <= searches[u.task].searched, u
        assert all(s.url or s.url_note for s in u.sources), u
    assert len({u.task for u in edition.updates}) >= 50


def test_a_task_page_shows_sources_in_full_and_what_was_searched(bundled: catalog.Catalog) -> None:
    pages = render_site(bundled).pages
    edition = bundled.editions[0]
    with_update = next(u for u in edition.updates if all(s.title and s.date and s.url for s in u.sources))
    page = pages[f"2025/tasks/{with_update.task}.md"]
    s = with_update.sources[0]
    line = f"{escape(s.publisher)}, {escape(s.date.isoformat())}: {escape('“' + s.title + '”')} — [{escape(s.url)}]"
    assert line in page
    quiet = next(t for t in edition.tasks if not edition.history(t.number))
    assert "Searched on 2026\\-12\\-03: no public report found\\." in pages[f"2025/tasks/{quiet.number}.md"]
    assert "### 检索词 · Queries" in pages[f"2025/tasks/{quiet.number}.md"]


def test_without_searches_a_task_is_not_yet_searched(data: Path) -> None:
    (data / "editions" / "2025" / "searches.yaml").unlink()
    (data / "editions" / "2025" / "updates.yaml").write_text("[]\n", encoding="utf-8")
    pages = render_site(catalog.read(data)[0]).pages
    assert "Not yet searched in public sources" in pages["2025/tasks/5.md"]


def first_update_line(path: Path) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("- task:")
    )


def broken(data: Path, old: str, new: str) -> list[str]:
    path = data / "editions" / "2025" / "updates.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        catalog.read(data)
    return [str(p) for p in caught.value.problems]


def test_an_update_after_its_search_date_is_refused(data: Path) -> None:
    found = broken(data, "  date: 2026-06-26\n", "  date: 2026-12-04\n")
    assert any("is dated 2026-12-04, after the task was last searched (2026-12-03)" in p for p in found), found


def test_a_source_without_an_address_needs_a_reason(data: Path) -> None:
    path = data / "editions" / "2025" / "updates.yaml"
    url = re.search(r"      url: (\S+)\n", path.read_text(encoding="utf-8")).group(0)
    found = broken(data, url, "      url: null\n")
    line = first_update_line(path)
    assert any(p.startswith(f"{UPDATES}:{line}: ") and "has no address and no url_note" in p for p in found), found


def test_disallowed_markup_in_a_note_is_named_by_file_and_line(data: Path) -> None:
    path = data / "editions" / "2025" / "updates.yaml"
    note = re.search(r"  note_en: .*\n", path.read_text(encoding="utf-8")).group(0)
    found = broken(
        data, note, '  note_en: "<b>x</b> and [a link](javascript:alert(1)) and ![img](https://e.org/i.png)"\n'
    )
    line = first_update_line(path)
    assert f"{UPDATES}:{line}: update of task 1: note_en uses HTML, which shows as text" in " ".join(found) or any(
        p.startswith(f"{UPDATES}:{line}: update of task 1: note_en uses HTML") for p in found
    ), found
    assert any("note_en uses a link to an address that is not http(s)" in p for p in found), found
    assert any("note_en uses an image" in p for p in found), found


HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ config }} {% raw %}",
    "**bold** and *em* and [ok](https://example.org/a_(b))",
    "# not a heading\n\n- not a list",
    "`code` ![img](https://e.org/i.png) <img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("note", HOSTILE)
def test_the_note_subset_is_safe_on_hostile_input(note: str) -> None:
    html = notes.to_html(note)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.split('href="')[-1][:11]
    assert not re.search(r"<(?!/?(em|strong|a)[ >])", html), html  # only <em>, <strong>, <a>
    assert all(href.startswith(("https://", "http://")) for href in re.findall(r'href="([^"]*)"', html))
    text = notes.to_text(note)
    assert "<" not in text or "<script>" in note or "<img" in note  # plain text keeps what was written
    page = notes.to_markdown(note, escape)
    assert "<script" not in page and "<img" not in page  # escaped as &lt;… for the page


def test_the_subset_marks_what_it_allows() -> None:
    assert (
        notes.to_html("**a** *b* [c](https://e.org/)") == '<strong>a</strong> <em>b</em> <a href="https://e.org/">c</a>'
    )
    assert notes.to_text("**a** *b* [c](https://e.org/)") == "a b c"
    assert notes.to_markdown("**a** *b* [c](https://e.org/)", escape) == "**a** *b* [c](https://e.org/)"


def test_every_feed_parses_with_its_required_elements(bundled: catalog.Catalog) -> None:
    files = render_site(bundled).files
    feeds = {path: text for path, text in files.items() if path.endswith("updates.xml")}
    assert "2025/updates.xml" in feeds
    assert any(p.startswith("2025/departments/") for p in feeds) and any(p.startswith("2025/topics/") for p in feeds)
    entries = 0
    for path, text in feeds.items():
        parsed = feedparser.parse(text)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        feed = parsed.feed
        assert feed.get("id") and feed.get("title") and feed.get("updated"), path
        assert any(link.get("rel") == "self" for link in feed.get("links", [])), path
        for entry in parsed.entries:
            assert entry.get("id") and entry.get("title") and entry.get("updated") and entry.get("link"), path
            assert entry.get("content"), path
        entries += len(parsed.entries)
    edition = bundled.editions[0]
    assert len(feedparser.parse(feeds["2025/updates.xml"]).entries) == len(edition.updates)
    assert entries > len(edition.updates)  # updates appear again in their departments' and topics' feeds


def test_a_hostile_note_stays_text_in_the_feed(data: Path) -> None:
    path = data / "editions" / "2025" / "updates.yaml"
    note = re.search(r"  note_en: .*\n", path.read_text(encoding="utf-8")).group(0)
    path.write_text(
        path.read_text(encoding="utf-8").replace(note, '  note_en: "Adopted *zqxday*; <script>alert(1)</script>"\n', 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        catalog.read(data)  # check refuses it …
    from plansite.catalog.load import load

    loaded, _ = load(data)  # … and were it rendered anyway, it would show as text
    feed = feedparser.parse(render_site(loaded).files["2025/updates.xml"])
    content = next(e for e in feed.entries if "zqxday" in e.content[0].value).content[0].value
    assert "<em>zqxday</em>" in content and "<script>" not in content and "&lt;script&gt;" in content
