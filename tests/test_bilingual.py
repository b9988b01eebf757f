"""Bilingual in depth: the official Chinese text imported beside the translation, the two
languages checked against each other, and the repository holding no official text.

The "official text" here is tests/zhfixture.py's stand-in: the bundled edition's structure and
clauses around sentences of our own wording."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from plansite.catalog.edition import OFFICIAL_FILE
from plansite.catalog.load import load
from tests.conftest import DATA, ROOT, build_site, cli_in_process, made_once, serve_site, tree_digest
from tests.zhfixture import SEARCH_TASK, SEARCH_WORD, official_text

HOSTILE_TASK = 58
HOSTILE_ZH = "<script>window.pwned=1</script>**加粗** {{ 变量 }} {% if 真 %}[链接](http://example.com)"


def import_zh(data: Path, text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "official.txt"
    source.write_text(text, encoding="utf-8")
    return cli_in_process("--data", data, "import", source, "--edition", "2025")


def warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": warning: " in line]


# --- Import and check -----------------------------------------------------------------------------


def test_importing_the_official_text_fills_every_task_and_confirms_every_heading(data: Path, tmp_path: Path) -> None:
    en_before = (data / "editions" / "2025" / "content.en.yaml").read_bytes()
    result = import_zh(data, official_text(data), tmp_path)
    assert result.returncode == 0, result.stderr
    assert (data / "editions" / "2025" / OFFICIAL_FILE).is_file()
    assert (data / "editions" / "2025" / "content.en.yaml").read_bytes() == en_before  # the translation is untouched
    catalog, problems = load(data)
    assert [p for p in problems if p.severity == "error"] == []
    edition = catalog.editions[0]
    assert all(t.text_zh.startswith(f"围绕第{t.number}项工作") for t in edition.tasks)
    assert edition.task(1).responsibility_zh == "国家知识产权局、司法部负责"
    statuses = [s.zh_check for s in edition.sections] + [
        sub.zh_check for s in edition.sections for sub in s.subsections
    ]
    assert set(statuses) == {"confirmed"} and len(statuses) == 20
    checked = cli_in_process("--data", data, "check")
    assert checked.returncode == 0, checked.stderr
    assert warnings(checked) == []  # the stand-in names every body as the translation does


def test_the_check_reports_exactly_the_planted_differences(data: Path, tmp_path: Path) -> None:
    def plant(task: object, clause: str) -> str:
        number = task.number
        if number == 3:  # the order swapped: 国家林草局 before 农业农村部
            return "国家林草局、农业农村部、司法部负责"
        if number == 21:  # a body missing from the Chinese side
            assert clause == "国家知识产权局、工业和信息化部负责"
            return "国家知识产权局负责"
        if number == 30:  # 等 on the Chinese side only
            return clause.removesuffix("负责") + "等负责"
        return clause

    zh = data / "editions" / "2025" / OFFICIAL_FILE
    assert import_zh(data, official_text(data, plant), tmp_path).returncode == 0
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 0, result.stderr  # disagreements are warnings: the site still builds
    found = warnings(result)
    assert len(found) == 3, "\n".join(found)
    zh_lines = zh.read_text(encoding="utf-8").splitlines()
    assert (
        "task 3: the departments are named in another order (the lead: 国家林草局 in the Chinese text, 农业农村部 in the translation)"
        in found[0]
    )
    assert "task 21: named in the translation only: 工业和信息化部" in found[1]
    assert "task 30: 等 (and others) in the Chinese text only" in found[2]
    for line, number in zip(found, (3, 21, 30), strict=True):
        # Both sides quoted, each with its file:line.
        m = re.search(r"official\.zh\.yaml:(\d+)\) vs \"(.+)\" \(.*content\.en\.yaml:(\d+)\)", line)
        assert m, line
        assert f"number: {number}" in zh_lines[int(m.group(1)) - 1]
        assert (
            f"number: {number}"
            in (data / "editions" / "2025" / "content.en.yaml")
            .read_text(encoding="utf-8")
            .splitlines()[int(m.group(3)) - 1]
        )


def test_without_the_official_text_tasks_1_to_11_are_held_to_the_recorded_clauses(data: Path) -> None:
    assert warnings(cli_in_process("--data", data, "check")) == []
    clauses = data / "editions" / "2025" / "clauses.zh.yaml"
    text = clauses.read_text(encoding="utf-8")
    clauses.write_text(
        text.replace(
            "{task: 7, bodies: [中央军委装备发展部, 国家国防科工局]}",
            "{task: 7, bodies: [中央军委装备发展部, 国家国防科工局, 国家知识产权局], and_others: true}",
        ),
        encoding="utf-8",
    )
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "task: 7," in s)
    found = warnings(cli_in_process("--data", data, "check"))
    assert [re.search(r": warning: (task 7: [^:]+):", w).group(1) for w in found] == [
        "task 7: named in the Chinese text only",
        "task 7: 等 (and others) in the Chinese text only",
    ]
    assert all(f"clauses.zh.yaml:{line}:" in w for w in found)


def test_a_recorded_clause_with_an_unknown_name_is_an_error(data: Path) -> None:
    clauses = data / "editions" / "2025" / "clauses.zh.yaml"
    text = clauses.read_text(encoding="utf-8")
    clauses.write_text(text.replace("[海关总署]", "[海关局]"), encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "task: 5," in s)
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert f"clauses.zh.yaml:{line}: task 5: '海关局' is no Chinese name in the registry" in result.stderr


def test_a_broken_official_text_writes_nothing(data: Path, tmp_path: Path) -> None:
    text = official_text(data).replace("（海关总署负责）", "（海关局负责）")
    before = tree_digest(data)
    result = import_zh(data, text, tmp_path)
    assert result.returncode == 1
    line = text.splitlines().index(next(s for s in text.splitlines() if "海关局" in s)) + 1
    assert f"official.txt:{line}:" in result.stderr and "海关局" in result.stderr
    assert tree_digest(data) == before


# --- The repository ships no official text ----------------------------------------------------------


def tracked_data_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "data"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / line for line in listed.splitlines()]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git repository")
def test_no_tracked_data_file_holds_official_task_text() -> None:
    files = tracked_data_files()
    assert files, "git lists no data files"
    assert not [f for f in files if f.name == OFFICIAL_FILE], "the official text is tracked"
    ignored = subprocess.run(["git", "check-ignore", "-q", f"data/editions/2025/{OFFICIAL_FILE}"], cwd=ROOT)
    assert ignored.returncode == 0, ".gitignore does not keep the imported official text out of the repository"
    # The hand-kept Chinese file carries headings only: task texts come from the ignored file.
    for zh in DATA.glob("editions/*/content.zh.yaml"):
        assert not yaml.safe_load(zh.read_text(encoding="utf-8")).get("tasks"), f"{zh} holds task text"
    # No tracked file holds a task in the official layout: a sentence ending in its responsibility clause.
    clause = re.compile(r"[\u4e00-\u9fff][。；]?[（(][^（）()]{2,}负责[）)]")
    numbered = re.compile(r"^\s*\d{1,3}[.．、]\s*[\u4e00-\u9fff][^\n]*[。；]", re.M)
    offenders = [
        str(f.relative_to(ROOT))
        for f in files
        if f.suffix in (".yaml", ".txt", ".md")
        and (clause.search(t := f.read_text(encoding="utf-8")) or numbered.search(t))
    ]
    assert offenders == []


def test_the_layout_check_itself_sees_official_text(tmp_path: Path) -> None:
    """The patterns above do find a task in the official layout (our own sentence here)."""
    sample = "5.围绕第5项工作完善配套措施。（海关总署负责）"
    assert re.search(r"[\u4e00-\u9fff][。；]?[（(][^（）()]{2,}负责[）)]", sample)
    assert re.search(r"^\s*\d{1,3}[.．、]\s*[\u4e00-\u9fff][^\n]*[。；]", sample, re.M)


# --- The pages, in a browser ----------------------------------------------------------------------


# The address the bilingual site is built for: test_links reads the same site as one built with its
# address, so the run makes one such variant of the whole site, not two.
SITE_URL = "https://plans.example.org/ip/"


def build_bilingual(out: Path) -> None:
    data = out / "data"
    shutil.copytree(DATA, data)
    assert import_zh(data, official_text(data, texts={HOSTILE_TASK: HOSTILE_ZH}), out).returncode == 0
    build_site(out, "--data", data, env=os.environ | {"PLANSITE_SITE_URL": SITE_URL})


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from a copy of the data with the stand-in official text imported (one task's
    Chinese text hostile) and with the site's address set (PLANSITE_SITE_URL), once per run;
    returns the folder holding site/."""
    return made_once(tmp_path_factory, "bilingual", build_bilingual)


@pytest.fixture(scope="module")
def bilingual_server(bilingual_site: Path) -> Iterator[str]:
    with serve_site(bilingual_site / "site") as base:
        yield base


def text_boxes(page: object) -> tuple[dict, dict]:
    zh = page.locator(".plansite-bilingual > [lang=zh]").bounding_box()
    en = page.locator(".plansite-bilingual > [lang=en]").bounding_box()
    return zh, en


@pytest.mark.browser
def test_both_texts_side_by_side_on_a_wide_screen_stacked_on_a_phone(chromium: object, bilingual_server: str) -> None:
    for width, side_by_side in ((1280, True), (390, False)):
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{bilingual_server}/2025/tasks/{SEARCH_TASK}/")
        zh, en = text_boxes(page)
        assert (
            page.locator(".plansite-bilingual > [lang=zh] p")
            .first.inner_text()
            .startswith(f"围绕第{SEARCH_TASK}项工作")
        )
        if side_by_side:
            assert abs(zh["y"] - en["y"]) < 2 and zh["x"] + zh["width"] <= en["x"], (width, zh, en)
        else:
            assert zh["y"] + zh["height"] <= en["y"] and abs(zh["x"] - en["x"]) < 2, (width, zh, en)
        assert max(zh["x"] + zh["width"], en["x"] + en["width"]) <= width  # nothing runs off the screen
        page.close()


@pytest.mark.browser
def test_printed_the_texts_are_stacked(chromium: object, bilingual_server: str) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{bilingual_server}/2025/tasks/{SEARCH_TASK}/")
    page.emulate_media(media="print")
    zh, en = text_boxes(page)
    assert zh["y"] + zh["height"] <= en["y"]
    page.close()


@pytest.mark.browser
def test_hostile_chinese_text_shows_as_text(chromium: object, bilingual_server: str) -> None:
    page = chromium.new_page()
    page.goto(f"{bilingual_server}/2025/tasks/{HOSTILE_TASK}/")
    shown = page.locator(".plansite-bilingual > [lang=zh] p").first.inner_text()
    assert "<script>window.pwned=1</script>**加粗** {{ 变量 }} {% if 真 %}[链接](http://example.com)" in shown
    assert page.evaluate("window.pwned") is None
    page.close()


@pytest.mark.browser
def test_section_and_department_pages_carry_both_languages(chromium: object, bilingual_server: str) -> None:
    page = chromium.new_page()
    title_zh = load(DATA)[0].editions[0].task(SEARCH_TASK).title_zh
    for path, text in (
        ("/2025/sections/3/", title_zh),  # lists name a task by its editors' title
        ("/2025/departments/moe/", title_zh),
        ("/2025/print/", f"围绕第{SEARCH_TASK}项工作"),  # the print-out carries the official text
    ):
        page.goto(bilingual_server + path)
        assert page.locator(f"[lang=zh]:has-text('{text}')").count() >= 1, path
    page.close()


def search(page: object, base: str, query: str) -> list[str]:
    """The pages the search box lists for a query, as paths."""
    from tests.test_browser import type_query

    type_query(page, query)
    page.wait_for_selector(".md-search-result__item > a")
    return [
        href.removeprefix(base).split("#")[0].split("?")[0]
        for href in page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href)")
    ]


@pytest.mark.browser
def test_a_chinese_word_of_the_text_finds_its_task_hosted_and_offline(
    chromium: object, bilingual_server: str, bilingual_site: Path, tmp_path: Path
) -> None:
    page = chromium.new_page()
    page.goto(f"{bilingual_server}/2025/")
    assert (
        f"{bilingual_server}/2025/tasks/{SEARCH_TASK}/"
        in [bilingual_server + p for p in search(page, bilingual_server, SEARCH_WORD)][:3]
    )
    with zipfile.ZipFile(bilingual_site / "site" / "2025" / "downloads" / "plansite-2025-offline.zip") as z:
        z.extractall(tmp_path)
    base = (tmp_path / "plansite-2025-offline").as_uri()
    page.goto(f"{base}/2025/index.html")
    offline = search(page, base, SEARCH_WORD)
    assert any(p in (f"/2025/tasks/{SEARCH_TASK}/", f"/2025/tasks/{SEARCH_TASK}.html") for p in offline[:3]), offline
    page.close()


@pytest.mark.browser
def test_the_task_table_keyword_box_finds_a_word_of_the_chinese_text(chromium: object, bilingual_server: str) -> None:
    page = chromium.new_page()
    page.goto(f"{bilingual_server}/2025/tasks/")
    page.fill("input[name=q]", SEARCH_WORD)
    shown = page.eval_on_selector_all(
        "table tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].innerText.trim())"
    )
    assert shown == [str(SEARCH_TASK)]
    page.close()
