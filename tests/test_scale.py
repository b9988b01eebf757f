"""Work that grows with the editions grows linearly: a department's page lists the editions
nearest its own (its page in the newest edition naming it lists them all) and counts the others in
a line; a long build reports its steps on a terminal, and nothing elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bench.bench import synthetic_editions
from plansite.catalog.load import load
from plansite.commands.steps import Steps
from plansite.render.renderer import Renderer
from plansite.view import urls
from plansite.view.index import ACROSS_SHOWN, EditionIndex, newest_first
from tests.conftest import DONE

EDITIONS = 24  # small editions beside the bundled one: enough for ACROSS_SHOWN and more


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("many") / "data"
    synthetic_editions(EDITIONS, 10, data)
    return data


def naming(catalog: object, dept_id: str) -> list[str]:
    """Ids of the editions whose tasks name the department (its line of succession included), newest first."""
    line = catalog.same_line(dept_id)  # type: ignore[attr-defined]
    return [
        e.id
        for e in newest_first(catalog.editions)  # type: ignore[attr-defined]
        if any(line & set(t.departments) for t in e.tasks)
    ]


def busiest(catalog: object) -> str:
    """The department named in the most editions (read from the data)."""
    return max((d.id for d in catalog.departments), key=lambda d: len(naming(catalog, d)))  # type: ignore[attr-defined]


def test_a_department_page_lists_the_nearest_editions_and_counts_the_rest(many: Path) -> None:
    catalog, _ = load(many)
    dept_id = busiest(catalog)
    named = naming(catalog, dept_id)
    assert len(named) > ACROSS_SHOWN + 1, "the fixture must name the department in more editions than a page lists"
    dept = catalog.department(dept_id)
    by_id = {e.id: e for e in catalog.editions}
    oldest = EditionIndex(catalog, by_id[named[-1]]).department_editions(dept)
    assert [row[0].id for row in oldest.shown] == named[-ACROSS_SHOWN:]  # the nearest, newest first
    assert oldest.more == len(named) - ACROSS_SHOWN
    assert oldest.absent == len(catalog.editions) - len(named)
    assert oldest.newest is not None and oldest.newest[0].id == named[0]
    newest = EditionIndex(catalog, by_id[named[0]]).department_editions(dept)
    assert [row[0].id for row in newest.shown] == named and newest.more == 0


def test_the_department_page_says_so_in_both_languages(many: Path) -> None:
    catalog, _ = load(many)
    dept_id = busiest(catalog)
    named = naming(catalog, dept_id)
    view = EditionIndex(catalog, next(e for e in catalog.editions if e.id == named[-1]))
    page = Renderer().edition_pages(view)[urls.department(view.edition, dept_id)]
    more, absent = len(named) - ACROSS_SHOWN, len(catalog.editions) - len(named)
    assert f"另有 {more} 个年度计划列出该部门" in page and f"{more} more plans name it" in page
    assert f"../../{named[0]}/departments/{dept_id}.md" in page  # where all are listed
    assert (
        f"本站另有 {absent} 个年度计划未列出该部门" in page and f"Not named in the site's {absent} other plans" in page
    )
    assert page.count("taken part in](") == ACROSS_SHOWN


def test_a_department_page_does_not_grow_with_the_editions_added_after_it(many: Path, tmp_path: Path) -> None:
    """The same oldest edition in a series twice as long: each department page differs by at most
    the line counting the editions not listed (and its digits), not by a row per edition."""
    longer = tmp_path / "data"
    synthetic_editions(2 * EDITIONS, 10, longer)  # the same seed: its first editions are the fixture's
    sizes = []
    for data in (many, longer):
        catalog, _ = load(data)
        view = EditionIndex(catalog, next(e for e in catalog.editions if e.id == "m0001"))
        pages = Renderer().edition_pages(view)
        sizes.append({path: len(text) for path, text in pages.items() if "/departments/" in path})
    assert sizes[0] and sizes[0].keys() == sizes[1].keys()
    # The line counting the others, and three rows' worth of changed digits and ids in the rows listed:
    # far less than the dozen rows a page listing every edition would gain.
    more = "[另有 11 个年度计划列出该部门，全部见其最新年度计划中的页面 · 11 more plans name it: all are listed on its page in the newest plan](../../2025/departments/ndrc.md)"
    row = "[m0035: 10 led, 10 taken part in](../../m0035/departments/ndrc.md); "
    grown = {path: sizes[1][path] - n for path, n in sizes[0].items() if sizes[1][path] - n > len(more) + 3 * len(row)}
    assert not grown, grown


def test_every_edition_stays_searchable_and_the_furniture_is_searched_once(many: Path) -> None:
    """Tasks, sections and departments of the oldest and the newest edition are all in search;
    About and Downloads, the same in every edition, only in the newest."""
    catalog, _ = load(many)
    editions = newest_first(catalog.editions)
    for edition in (editions[0], editions[-1]):
        view = EditionIndex(catalog, edition)
        pages = Renderer().edition_pages(view)
        content = [urls.task(edition, edition.tasks[0]), urls.section(edition, edition.sections[0])]
        content.append(urls.department(edition, view.departments[0]))
        for path in content:
            assert "exclude: true" not in pages[path].split("\n---\n")[0], path
        furniture = [pages[urls.about(edition)], pages[urls.downloads(edition)]]
        excluded = ["exclude: true" in page.split("\n---\n")[0] for page in furniture]
        assert excluded == [edition is not editions[0]] * 2, edition.id


def test_a_build_off_a_terminal_reports_no_steps(built: Path) -> None:
    told = (built / DONE).read_text(encoding="utf-8")
    assert "PLANSITE_SITE_URL is not set" in told  # the build's own standard error: its closing note
    assert "MkDocs: building" not in told and " s] " not in told


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_steps_are_lines_on_a_terminal_and_nothing_elsewhere() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    Steps(terminal)("rendering 3 editions")
    Steps(pipe)("rendering 3 editions")
    assert terminal.getvalue().endswith(" s] rendering 3 editions\n") and pipe.getvalue() == ""
