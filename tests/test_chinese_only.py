"""An edition from the official Chinese text alone (no English translation): it loads, `check`
notes it, and its pages mark every English half as not translated, never blank. The edition is the
invented Chinese fixture (tests/fixtures/import/zh/plan.txt) imported beside the fixture series."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from plansite import catalog as data_catalog
from plansite.catalog.load import load
from plansite.catalog.model import Catalog
from plansite.catalog.topics import tag
from plansite.catalog.yamlio import dump_yaml
from plansite.formats.export import UTF8_BOM
from plansite.importers.chinese import import_official
from plansite.render import render_files, render_pages
from plansite.view.labels import NOT_TRANSLATED
from tests.conftest import cli_in_process, run_cli
from tests.test_import_zh import HEADINGS, PLAN, TASKS
from tests.test_lineage import assemble

EDITION = "2092"
TITLE_ZH = "示例计划汉语版2092"
PLAN_YAML = f"""\
id: "{EDITION}"
series: fixture-series
title_zh: {TITLE_ZH}
title_en: ""
issuer_zh: 测试用发布单位
issuer_en: Fixture issuer
issued: 2024-03-01
published: 2024-03-10
official_url: null
translation_url: null
translation_notice: Invented text for tests; no English translation exists.
"""
SECTION_HEADINGS = [h for h in HEADINGS if "." not in h["number"]]
# Two reviewed links from the fixture series' 2091 edition, so the edition has a comparison page.
LINEAGE = """\
old_edition: '2091'
new_edition: '2092'
links:
- {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}
- {new_task: 4, old_tasks: [4], kind: related, review: confirmed}
"""


def chinese_only(target: Path) -> Path:
    """The fixture series with edition 2092 from the official Chinese text alone: plan.yaml and
    official.zh.yaml, no content.en.yaml and no content.zh.yaml. Returns the data folder."""
    data = assemble(target)
    registry, _ = load(data)
    official = import_official(PLAN, PLAN.name, registry.departments, registry.collectives)
    for task in official["tasks"]:
        task.pop("line")
    folder = data / "editions" / EDITION
    folder.mkdir()
    (folder / "plan.yaml").write_text(PLAN_YAML, encoding="utf-8")
    (folder / "official.zh.yaml").write_text(dump_yaml(official), encoding="utf-8")
    (data / "lineage").mkdir(exist_ok=True)
    (data / "lineage" / "2091-2092.yaml").write_text(LINEAGE, encoding="utf-8")
    return data


# --- Loading and `check` (no build) ---------------------------------------------------------------


def test_an_edition_loads_from_the_official_chinese_text_alone(tmp_path: Path) -> None:
    catalog, warnings = data_catalog.read(chinese_only(tmp_path / "data"))
    assert not [w for w in warnings if EDITION in w.file and "titles.yaml" not in w.file]
    edition = next(e for e in catalog.editions if e.id == EDITION)
    assert not edition.translated
    titles = {h["number"]: h["title_zh"] for h in HEADINGS}
    assert [(str(s.number), s.title_zh, s.title_en, s.zh_check) for s in edition.sections] == [
        (k, t, "", "confirmed") for k, t in titles.items() if "." not in k
    ]
    assert [(s.key, s.title_zh) for section in edition.sections for s in section.subsections] == [
        (k, t) for k, t in titles.items() if "." in k
    ]
    assert [
        (
            t.number,
            t.section,
            t.subsection,
            t.text_zh,
            t.responsibility_zh,
            list(t.departments),
            list(t.collectives),
            t.respective_duties,
            t.and_others,
        )
        for t in edition.tasks
    ] == [tuple(row) for row in TASKS]
    assert {(t.text_en, t.responsibility_en) for t in edition.tasks} == {("", "")}


def test_check_notes_the_missing_translation_without_an_error(tmp_path: Path) -> None:
    result = cli_in_process("--data", chinese_only(tmp_path / "data"), "check")
    assert result.returncode == 0, result.stderr
    assert f"note: edition {EDITION} has no English translation" in result.stdout
    assert f"edition {EDITION}: 3 sections, {len(TASKS)} tasks" in result.stdout


def test_an_edition_with_neither_text_is_told_to_run_import(tmp_path: Path) -> None:
    data = chinese_only(tmp_path / "data")
    (data / "editions" / EDITION / "official.zh.yaml").unlink()
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert f"edition '{EDITION}' has no content.en.yaml yet — run `python build.py import" in result.stderr
    assert "or import the official Chinese text alone, with --lang zh" in result.stderr


# --- Pages rendered in-process (no MkDocs build) -------------------------------------------------------


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return data_catalog.read(chinese_only(tmp_path_factory.mktemp("chinese-only-rendered") / "data"))[0]


@pytest.fixture(scope="module")
def rendered(catalog: Catalog) -> dict[str, str]:
    """Every page (Markdown) and generated file of the site, by its path under docs/."""
    return render_pages(catalog) | render_files(catalog)


def page(rendered: dict[str, str], path: str) -> str:
    """A rendered Markdown page of the edition as plain text (tags and Markdown's backslashes gone)."""
    return MD_ESCAPE.sub(r"\1", visible_text(rendered[f"{EDITION}/{path}"]))


MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def test_the_task_csv_holds_the_chinese_text(rendered: dict[str, str]) -> None:
    text = rendered[f"{EDITION}/downloads/tasks-{EDITION}.csv"]
    assert text.startswith(UTF8_BOM)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(UTF8_BOM))))
    assert [(r["text_en"], r["text_zh"]) for r in rows] == [("", row[3]) for row in TASKS]
    assert "text_zh (the official Chinese text" in page(rendered, "downloads/index.md")


def test_topics_tag_tasks_by_their_chinese_text(catalog: Catalog, rendered: dict[str, str]) -> None:
    edition = next(e for e in catalog.editions if e.id == EDITION)
    expected = {
        topic.id: [number for number, _, _, text, *_ in TASKS if any(term in text for term in topic.terms_zh)]
        for topic in catalog.topics
    }
    assert any(expected.values())  # the fixture's text names some topic's Chinese term
    tags = tag(edition, catalog.topics)
    assert {topic.id: [n for n, ids in tags.items() if topic.id in ids] for topic in catalog.topics} == expected
    topic, numbers = next((t, expected[t.id]) for t in catalog.topics if expected[t.id])
    text = page(rendered, f"topics/{topic.id}.md")
    assert f"{len(numbers)} 项任务 · " in text and f"[{numbers[0]}](../tasks/{numbers[0]}.md)" in text
    assert "任务的官方中文文本含有下列词语之一" in text and "when its official Chinese text contains" in text
    assert "wordings of the translation" not in text


def test_the_about_page_speaks_of_the_official_text_not_a_translation(rendered: dict[str, str]) -> None:
    about = page(rendered, "about.md")
    assert "部门：官方中文文本提及的每个部门" in about and "every body the official Chinese text names" in about
    assert "已核对：取自官方中文文本" in about and "Confirmed: taken from the official Chinese text" in about
    # "translation" only where it is said there is none (the notice is the edition's own data).
    assert not re.findall(r"(?<!English )translation|(?<!无英文)译文(?!拟定)", about.split("## 如何引用")[0])


def test_the_plan_is_named_by_its_chinese_title_inside_sentences(rendered: dict[str, str]) -> None:
    named = f"{TITLE_ZH} (no English translation)"
    assert f"The plan: {named}, issued 2024-03-01" in page(rendered, "about.md")
    sections = page(rendered, "sections/index.md")
    assert f"共 {len(TASKS)} 项任务 · {named}: {len(TASKS)} tasks in 3 sections." in sections
    printed = page(rendered, "print.md")
    assert f"title: '打印版 · Print: {named}'" in printed
    assert f"description: '打印版 · Print: {named} — {EDITION}年计划 · {EDITION} plan: {named}.'" in printed
    for path in ("about.md", "sections/index.md", "print.md", "matrix.md", "tasks/1.md"):
        # The marker stands alone as an English title or text, never before a ":" or "," of a sentence.
        assert not re.search(rf"{NOT_TRANSLATED}[:,]", page(rendered, path)), path


def test_the_matrix_legend_gives_each_untranslated_section_its_chinese_title_and_numeral(
    rendered: dict[str, str],
) -> None:
    legend = "; ".join(
        f"{h['title_zh']} · {numeral}" for h, numeral in zip(SECTION_HEADINGS, ["I.", "II.", "III."], strict=True)
    )
    matrix = page(rendered, "matrix.md")
    assert f"\n{legend}\n" in matrix
    assert NOT_TRANSLATED not in matrix.split("</div>")[-1]


def test_a_task_naming_only_a_collective_names_it_first_never_a_blank_lead(
    catalog: Catalog, rendered: dict[str, str]
) -> None:
    number, *_, [collective_id], duties, _ = next(row for row in TASKS if not row[5] and row[6])
    assert duties  # the fixture's collective acts by its respective duties (按职责分工负责)
    collective = next(c for c in catalog.collectives if c.id == collective_id)
    label = f"{collective.name_zh} · {collective.name_en}"
    row = next(line for line in page(rendered, "tasks/index.md").splitlines() if line.startswith(f"| [{number}]("))
    assert row.split(" | ")[3] == f"{label} (列首位 · named first)"
    role = f"named first: {collective.name_zh} (each body according to its respective duties)"
    task = page(rendered, f"tasks/{number}.md")
    assert f"Task {number} — {role}." in task and f"Named first: {label}." in task  # citation, description
    assert f"| 列首位（各按职责分工负责）· Named first (each body responsible by its duties) | {label} |" in task
    jsonld = json.loads(yaml.safe_load(rendered[f"{EDITION}/tasks/{number}.md"].split("---")[1])["jsonld"])
    assert jsonld["about"]["agent"] == [
        {"@type": "Organization", "name": collective.name_en, "alternateName": collective.name_zh}
    ]
    for ext in ("bib", "ris", "csl.json"):
        cited = rendered[f"{EDITION}/cite/task-{number}.{ext}"]
        assert f"N{role[1:]}" in cited and "lead" not in cited.lower(), ext


def test_one_task_is_singular(rendered: dict[str, str]) -> None:
    one = [(row[1], row[2]) for row in TASKS]  # (section, subsection) of each task
    assert (1, 2) in one and one.count((1, 2)) == 1  # subsection 1.2 holds a single task
    section = page(rendered, "sections/1/index.md")
    assert re.search(r"— 1 task$", section, re.M)
    for path in rendered:
        if path.startswith(f"{EDITION}/") and path.endswith(".md"):
            text = visible_text(rendered[path])
            assert not re.search(r"\b1 (?:tasks|sections|departments)\b|of 1 tasks? have", text), path


def test_the_briefing_puts_the_chinese_text_first(rendered: dict[str, str]) -> None:
    briefing = page(rendered, "briefings/cnipa.md")
    chinese = f"{TASKS[0][3]}（{TASKS[0][4]}）"
    assert briefing.index(chinese) < briefing.index(NOT_TRANSLATED, briefing.index("Task 1"))


def test_the_compare_page_opens_in_chinese_then_english(rendered: dict[str, str]) -> None:
    opening = page(rendered, "compare/2091.md").split("# 年度对比", 1)[1].split("\n\n")[1]
    assert opening.startswith(f"按部分列出 {EDITION} 年度计划相对 2091 年度计划延续、新增和删除的任务。")
    assert f" · What the {EDITION} plan carried over from the 2091 plan" in opening


# --- The built site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("chinese-only")
    data = chinese_only(out / "data")
    result = run_cli("--data", data, "build", "--docs", out / "docs", "--site", out / "site", "--no-offline")
    assert result.returncode == 0, result.stderr
    return out / "site"


SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
# An English half left blank: a " · " with nothing after it before the line, cell or bracket ends.
BLANK_HALF = re.compile(r"·[ \t]*(?:$|[|)\]:,;.])", re.M)


def visible_text(page: str) -> str:
    return html.unescape(TAG.sub("", SCRIPT.sub("", page)))


def test_every_page_marks_the_english_as_not_translated_never_blank(site: Path) -> None:
    pages = sorted((site / EDITION).rglob("*.html"))
    kinds = {p.relative_to(site / EDITION).parts[0] for p in pages}
    assert {"tasks", "sections", "departments", "matrix", "print", "compare", "briefings"} <= kinds
    for page in [*pages, site / "index.html", site / "editions" / "index.html"]:
        text = visible_text(page.read_text(encoding="utf-8"))
        assert not BLANK_HALF.search(text), (page, BLANK_HALF.search(text))
        assert not re.search(r"\bNone\b(?! in this edition)", text), page
    task = (site / EDITION / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    halves = re.search(
        r'<div class="plansite-text" lang="zh">(.*?)</div>\s*<div class="plansite-text" lang="en">(.*?)</div>',
        task,
        re.S,
    )
    # The task's own text: the Chinese only, with the marker for English.
    assert visible_text(halves[1]).split() == [
        f"{TASKS[0][3]}（{TASKS[0][4]}）",
        "中文原文",
        "·",
        "Official",
        "Chinese",
        "text",
    ]
    assert visible_text(halves[2]).strip() == NOT_TRANSLATED
    assert "英文译文 · English translation" not in visible_text(task)
    section = visible_text((site / EDITION / "sections" / "1" / "index.html").read_text(encoding="utf-8"))
    assert f"{HEADINGS[0]['title_zh']} · I. {NOT_TRANSLATED}" in section
    table = visible_text((site / EDITION / "tasks" / "index.html").read_text(encoding="utf-8"))
    assert f"{TASKS[1][3]} · {NOT_TRANSLATED}" in table
    home = visible_text((site / EDITION / "index.html").read_text(encoding="utf-8"))
    assert f"{TITLE_ZH} · {NOT_TRANSLATED}" in home
    series = visible_text((site / "editions" / "index.html").read_text(encoding="utf-8"))
    assert f"英文标题 · English title\n{NOT_TRANSLATED}" in series
    printed = visible_text((site / EDITION / "print" / "index.html").read_text(encoding="utf-8"))
    assert f"任务 5 · Task 5. {NOT_TRANSLATED}" in printed
    assert "Responsible: 联席会议有关成员单位" in printed  # a task naming only a collective: no empty first name


def test_citations_use_the_chinese_title(site: Path) -> None:
    page = (site / EDITION / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    citation = visible_text(re.search(r'<p class="plansite-citation">(.*?)</p>', page, re.S)[1])
    assert citation.startswith(f"Fixture issuer (测试用发布单位), {TITLE_ZH}, issued 2024-03-01, Task 1 — lead: CNIPA.")
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert jsonld["isPartOf"]["name"] == TITLE_ZH and jsonld["text"] == TASKS[0][3]
    cite = site / EDITION / "cite"
    assert f"title = {{{{{TITLE_ZH}, Task 1}}}}" in (cite / "task-1.bib").read_text(encoding="utf-8")
    assert f"TI  - {TITLE_ZH}, Task 1\n" in (cite / "task-1.ris").read_text(encoding="utf-8")
    [item] = json.loads((cite / "task-1.csl.json").read_text(encoding="utf-8"))
    assert (item["title"], item["container-title"]) == (f"{TITLE_ZH}, Task 1", TITLE_ZH)
    assert f"<title>{TITLE_ZH}: implementation updates</title>" in (site / EDITION / "updates.xml").read_text(
        encoding="utf-8"
    )


def test_exports_and_search_give_no_blank_english(site: Path) -> None:
    exported = json.loads((site / EDITION / "downloads" / f"plan-{EDITION}.json").read_text(encoding="utf-8"))
    assert exported["plan"]["title_en"] is None and exported["plan"]["title_zh"] == TITLE_ZH
    assert {(t["text_en"], t["responsibility_en"]) for t in exported["tasks"]} == {(None, None)}
    assert [t["text_zh"] for t in exported["tasks"]] == [row[3] for row in TASKS]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Titles as the search shows them (it breaks Chinese into words with zero-width spaces).
    titles = {
        d["location"]: d["title"].replace("\u200b", "")
        for d in index["docs"]
        if d["location"].startswith(f"{EDITION}/")
    }
    assert titles[f"{EDITION}/sections/1/"] == f"{HEADINGS[0]['title_zh']} · I. {NOT_TRANSLATED}"
    assert not [where for where, title in titles.items() if BLANK_HALF.search(title) or "None" in title]
