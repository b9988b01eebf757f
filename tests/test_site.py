"""The real MkDocs build from the bundled data: one page per entity, links that resolve, bilingual headings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import bundled
from tests.sitewalk import broken_links, parse

CATALOG = bundled()[0]
EDITION = CATALOG.editions[0]
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def page_dirs(site: Path, kind: str) -> list[str]:
    return sorted(
        p.parent.relative_to(site / "2025" / kind).as_posix() for p in (site / "2025" / kind).rglob("index.html")
    )


def test_exactly_one_page_per_task(built: Path) -> None:
    numbered = [d for d in page_dirs(built / "site", "tasks") if d != "."]  # "." is the task table
    assert sorted(numbered, key=int) == [str(t.number) for t in EDITION.tasks]


def test_exactly_one_page_per_department_named(built: Path) -> None:
    named = {d for t in EDITION.tasks for d in t.departments}
    assert set(page_dirs(built / "site", "departments")) - {"."} == named
    assert len(named) == 41


def test_exactly_one_page_per_section_and_subsection(built: Path) -> None:
    expected = {str(s.number) for s in EDITION.sections} | {
        f"{s.number}/{x.number}" for s in EDITION.sections for x in s.subsections
    }
    assert set(page_dirs(built / "site", "sections")) == expected | {"."}  # "." is the sections overview


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert broken_links(built / "site") == []


@pytest.mark.parametrize("kind", ["tasks", "departments", "sections"])
def test_headings_hold_chinese_and_latin(built: Path, kind: str) -> None:
    for html in (built / "site" / "2025" / kind).rglob("index.html"):
        h1 = parse(html).h1
        assert CJK.search(h1) and LATIN.search(h1), f"{html}: {h1!r}"


def test_task_page_content(built: Path) -> None:
    page = parse(built / "site" / "2025" / "tasks" / "47" / "index.html")
    assert page.h1.startswith("任务 47 · 软件正版化成果巩固与督查 · Task 47: Consolidating licensed-software use")
    assert "Continue to consolidate the results of software legalization work" in page.text
    assert "中共中央宣传部 · Publicity Department of the CPC Central Committee" in page.text
    assert "国家机关事务管理局 · National Government Offices Administration" in page.text
    assert "按职责分工负责" in page.text and "等部门" in page.text
    assert "../../departments/ngoa/" in page.links
    assert {"responsibility", "text", "siblings"} <= page.ids


def test_department_page_counts_match_the_data(built: Path) -> None:
    page = parse(built / "site" / "2025" / "departments" / "cnipa" / "index.html")
    led = sum(1 for t in EDITION.tasks if t.lead == "cnipa")
    joined = sum(1 for t in EDITION.tasks if "cnipa" in t.participants)
    shared = sum(
        1
        for t in EDITION.tasks
        if t.lead == "cnipa" and t.respective_duties and len(t.departments) + len(t.collectives) > 1
    )
    assert f"牵头任务 · Tasks it leads ({led - shared})" in page.text
    # Outright leads and named-first tasks are counted apart, never summed as "leads".
    assert f"牵头 {led - shared} 项，按职责分工负责、列首位 {shared} 项，参与 {joined} 项" in page.text
    assert (
        f"Leads {led - shared} tasks, is named first on {shared} where each body is responsible by its duties"
        in page.text
    )
    assert (
        f"按职责分工、列首位的任务 · Named first, each department acting according to its duties ({shared})"
        in page.text
    )
    assert f"参与任务 · Tasks taken part in ({joined})" in page.text
    assert "State Intellectual Property Office" in page.text  # an alias the translation uses


def test_reconstructed_headings_are_flagged(built: Path) -> None:
    confirmed = parse(built / "site" / "2025" / "sections" / "1" / "1" / "index.html")
    reconstructed = parse(built / "site" / "2025" / "sections" / "1" / "3" / "index.html")
    assert "not yet checked" not in confirmed.text
    assert "中文标题未经核对 · Chinese heading not yet checked" in reconstructed.text


def test_navigation_does_not_list_tasks(built: Path) -> None:
    """Tasks are reached from section pages; a nav listing all of them would grow every page."""
    links = parse(built / "site" / "2025" / "tasks" / "115" / "index.html").links
    task_links = {link for link in links if re.fullmatch(r"\.\./\d+/", link)}
    assert task_links == {"../114/", "../116/", "../117/", "../118/"}  # its subsection, previous and next only


def test_search_index_is_segmented_for_chinese(built: Path) -> None:
    docs = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    ngoa = next(d for d in docs if d["location"] == "2025/departments/ngoa/")
    assert "\u200b国管局\u200b" in ngoa["text"]  # a whole word, as the jieba dictionary from the registry makes it
    assert "国管局" in [t.replace("\u200b", "") for t in ngoa["tags"]]


def test_landing_page_and_edition_overview_are_different_pages(built: Path) -> None:
    home = parse(built / "site" / "index.html")
    edition = parse(built / "site" / "2025" / "index.html")
    assert home.h1 != edition.h1 and "2025/" in home.links
    for section in EDITION.sections:  # the landing page names every section with its task count
        count = sum(1 for t in EDITION.tasks if t.section == section.number)
        assert f"{section.title_zh} · {section.numeral} {section.title_en} ({count})" in home.text
    assert "tasks/" in edition.links and "matrix/" in edition.links and "departments/" in edition.links
    assert "link not yet recorded" not in edition.text and "natlawreview.com" in edition.text
    assert "国家知识产权局于 2025-05-07 在其网站公布" in edition.text


def test_edition_has_one_short_name_in_nav_title_and_footer(built: Path) -> None:
    edition = (built / "site" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "<title>2025年计划 · 2025 plan - " in edition
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"md-footer__title.*?2025年计划 · 2025 plan", home, re.S)


def test_interface_text_and_not_found_page_are_bilingual(built: Path) -> None:
    page = (built / "site" / "2025" / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="搜索 · Search"' in page and "本页目录 · On this page" in page
    missing = parse(built / "site" / "404.html")
    assert "找不到此页 · Page not found" in missing.text
    assert {"/", "/2025/"} <= set(missing.links)  # a way back, from any address


def test_department_page_names_the_plan_form_and_marks_garbled_names(built: Path) -> None:
    ngoa = parse(built / "site" / "2025" / "departments" / "ngoa" / "index.html").text
    assert "译文误译 · Mistranslated in the translation as State Administration of State Administration" in ngoa
    assert "译文中的名称" not in ngoa  # its only English alias is the garbled one
    spp = parse(built / "site" / "2025" / "departments" / "spp" / "index.html").text
    assert "最高人民检察院 (待核对" in spp and "最高检 ·" not in spp.split("简称")[0]


def test_charts_keep_departments_tied_for_the_last_place(built: Path) -> None:
    from collections import Counter

    led = Counter(t.lead for t in EDITION.tasks)
    counts = sorted(led.values(), reverse=True)
    cutoff = counts[11]
    expected = sum(1 for n in counts if n >= cutoff)
    charts = parse(built / "site" / "2025" / "charts" / "index.html").text
    assert f"The {expected} departments leading or named first on most tasks (ties included)" in charts


def test_no_table_has_an_empty_header_row(built: Path) -> None:
    empty = []
    for html in (built / "site").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for head in re.findall(r"<thead>(.*?)</thead>", text, re.S):
            if not re.sub(r"<[^>]+>|\s", "", head):
                empty.append(str(html.relative_to(built / "site")))
    assert empty == []


def test_pages_speak_to_readers_not_developers(built: Path) -> None:
    words = ("build.py", "data/topics.yaml", "content.en.yaml", "the hook", "golden")
    texts = {str(p.relative_to(built / "site")): parse(p).text for p in (built / "site").rglob("*.html")}
    assert len(texts) > 100
    found = [(path, w) for path, text in texts.items() for w in words if w in text]
    assert found == []


def test_download_field_tables_and_series_notes_speak_both_languages(built: Path) -> None:
    downloads = (built / "site" / "2025" / "downloads" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", downloads, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    meanings = [re.sub(r"<[^>]+>", "", c[-1]) for c in cells if c]
    assert len(meanings) > 20
    english_only = [m for m in meanings if not re.search(r"[\u4e00-\u9fff]", m.split(" · ")[0])]
    assert english_only == []
    editions = re.sub(
        r"<(?!/?d[td]>)[^>]+>", "", (built / "site" / "editions" / "index.html").read_text(encoding="utf-8")
    )
    notes = re.findall(r"<dt>说明 · Note</dt>\s*<dd>(.*?)</dd>", editions, re.S)
    assert len(notes) == sum(1 for e in CATALOG.series if e.note_en) and all(
        re.search(r"[\u4e00-\u9fff].* · [A-Z]", n, re.S) for n in notes
    )


def test_a_nameplate_has_its_own_bilingual_section_on_the_bodys_page(built: Path) -> None:
    dept = next(d for d in CATALOG.departments if d.nameplates)
    page = parse(built / "site" / "2025" / "departments" / dept.id / "index.html")
    for plate in dept.nameplates:
        assert f"{plate.name_zh} · {plate.name_en}" in page.text


def test_a_task_shared_by_duties_never_claims_a_lead(built: Path) -> None:
    shared = next(t for t in EDITION.tasks if t.respective_duties and len(t.departments) > 1)
    alone = next(t for t in EDITION.tasks if not t.respective_duties and len(t.departments) > 1)
    whole = parse(built / "site" / "2025" / "tasks" / str(shared.number) / "index.html").text
    page = whole.split("责任单位 · Responsibility", 1)[1].split("译文原话 · As the translation words it", 1)[0]
    assert "列首位（各按职责分工负责）· Named first (each body responsible by its duties)" in page
    assert "so no single body leads" in page
    assert "leads;" not in page and "牵头 · Lead" not in page
    other = parse(built / "site" / "2025" / "tasks" / str(alone.number) / "index.html").text
    assert "牵头 · Lead" in other and "The department listed first leads; the others participate." in other
    # One department beside a collective, by their duties: named first too, never the lead.
    with_collective = next(
        t for t in EDITION.tasks if t.respective_duties and len(t.departments) == 1 and t.collectives
    )
    page = parse(built / "site" / "2025" / "tasks" / str(with_collective.number) / "index.html").text
    responsibility = page.split("责任单位 · Responsibility", 1)[1].split("译文原话 · As the translation words it", 1)[0]
    assert "Named first (each body responsible by its duties)" in responsibility and "牵头 · Lead" not in responsibility
