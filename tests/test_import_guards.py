"""What `import` refuses and what it tells: the summary to compare with the text, a text shorter
than the series facts (only as a partial edition, which pages mark), a task beyond the count, an
oversize output, a wrong --lang, pages that would hide text, other encodings and line breaks; and
the small items of the same review (issued: null, a new edition without content.en.yaml, where a
warning is located)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from plansite.catalog.load import load
from plansite.catalog.problems import DataError
from plansite.commands import data as commands
from plansite.commands.data import import_source
from plansite.importers.chinese import read_official
from plansite.importers.pagetext import decode, source_lines
from plansite.render import render_site
from tests.conftest import ROOT, SOURCE, bundled, tree_digest

EN = ROOT / "tests" / "fixtures" / "import" / "en"
ZH = ROOT / "tests" / "fixtures" / "import" / "zh"
CATALOG = bundled()[0]


def mark_partial(data: Path, edition: str = "2025") -> None:
    plan = data / "editions" / edition / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "partial: true\n", encoding="utf-8")


def refused(data: Path, source: Path, *args: str) -> list[str]:
    before = tree_digest(data)
    with pytest.raises(DataError) as caught:
        import_source(source, data, "2025", *args)
    assert tree_digest(data) == before  # nothing written
    return [str(p) for p in caught.value.problems]


# --- The summary and the length -----------------------------------------------------------------------


def test_the_summary_counts_what_a_user_can_check_against_the_text(data: Path) -> None:
    target, report = import_source(SOURCE, data, "2025")
    assert target.name == "content.en.yaml"
    edition = CATALOG.editions[0]
    respective = sum(t.respective_duties for t in edition.tasks)
    others = sum(t.and_others for t in edition.tasks)
    bodies = len({b for t in edition.tasks for b in (*t.departments, *t.collectives)})
    subsections = sum(len(s.subsections) for s in edition.sections)
    assert report == [
        f"imported: {len(edition.sections)} sections, {subsections} subsections, {len(edition.tasks)} tasks "
        f"(numbered 1–{len(edition.tasks)}), {bodies} bodies named, {respective} tasks 'according to their "
        f"respective duties' (按职责分工), {others} with 'and others' (等), 0 lines skipped",
        f"the series facts give {len(edition.tasks)} tasks: the text is whole",
    ]


def test_a_text_shorter_than_the_series_facts_is_refused_unless_partial(data: Path) -> None:
    [problem] = refused(data, EN / "roman.txt")
    assert problem == (
        f"{EN / 'roman.txt'}:0: the text holds 8 tasks, and data/series.yaml gives this edition 118: it is cut "
        "short — import the whole text; or, to publish these tasks as a partial edition that pages mark as such, "
        "add 'partial: true' to data/editions/2025/plan.yaml and import again"
    )
    mark_partial(data)
    _, report = import_source(EN / "roman.txt", data, "2025")
    assert report[-1] == "a partial edition: 8 of the 118 tasks the series facts give"
    catalog, problems = load(data)
    assert catalog.editions[0].partial and len(catalog.editions[0].tasks) == 8


def test_where_the_series_gives_no_count_the_summary_says_so(data: Path) -> None:
    series = data / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("  tasks: 118\n", ""), encoding="utf-8")
    _, report = import_source(EN / "roman.txt", data, "2025")
    assert report[-1].startswith("the series facts (data/series.yaml) give no task count for this edition")
    assert "set 'partial: true' in its plan.yaml" in report[-1]


def test_check_refuses_a_short_edition_not_marked_partial() -> None:
    from plansite.catalog.validate import length_problems

    edition = dataclasses.replace(CATALOG.editions[0], tasks=CATALOG.editions[0].tasks[:2])
    [problem] = length_problems(edition, CATALOG)
    assert problem.severity == "error"
    assert (
        problem.message
        == "edition '2025' holds 2 of the 118 tasks data/series.yaml gives it, and would be published as the whole plan"
    )
    assert length_problems(dataclasses.replace(edition, partial=True), CATALOG) == []
    [whole] = length_problems(dataclasses.replace(CATALOG.editions[0], partial=True), CATALOG)
    assert whole.severity == "warning" and "marked partial but holds all 118 tasks" in whole.message


def test_a_task_beyond_the_series_count_is_refused(data: Path, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    text = SOURCE.read_text(encoding="utf-8")
    last = "(Joint Conference Office is responsible)\nIn the above-mentioned"
    assert text.count(last) == 1
    extra = (
        "(Joint Conference Office is responsible)\n119. Do one more thing. (Joint Conference Office is responsible)\n"
    )
    source.write_text(text.replace(last, extra + "In the above-mentioned"), encoding="utf-8")
    [problem] = refused(data, source)
    assert "task 119 is beyond the 118 tasks data/series.yaml gives this edition" in problem


def test_an_oversize_output_is_refused(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "MAX_BYTES", 20_000)  # the bound `check` applies, made small for the test
    problems = refused(data, SOURCE)
    assert problems == [
        f"{SOURCE}:0: the imported text would make content.en.yaml larger than 0 MB, which `check` refuses — "
        "import the plan's text alone (not a page of several documents or a file padded with other text)"
    ]


def test_partial_editions_are_marked_on_their_pages() -> None:
    edition = dataclasses.replace(CATALOG.editions[0], partial=True)
    docs = render_site(dataclasses.replace(CATALOG, editions=(edition,))).docs
    notice = "部分文本 · Partial text"
    for page in ("2025/index.md", "2025/tasks/1.md", "2025/sections/1/index.md", "2025/print.md"):
        assert notice in docs[page], page
    assert "Part of the text in the site \\(118 tasks\\): the 2025 plan" in docs["editions.md"]
    assert "Text in the site: the 2025 plan" not in docs["editions.md"]
    whole = render_site(CATALOG).docs
    assert notice not in whole["2025/tasks/1.md"] and "Text in the site: the 2025 plan" in whole["editions.md"]


# --- What the text may hold -----------------------------------------------------------------------------


def test_a_wrong_lang_says_which_language_the_text_looks(data: Path) -> None:
    problems = refused(data, ZH / "plan.txt", "en")
    assert problems[0] == (
        f"{ZH / 'plan.txt'}:1: read as English (a translation) and failed — --lang en was given, but the text looks "
        "Chinese (the official text): try --lang zh or --lang auto"
    )


@pytest.mark.parametrize("tag", ["noscript", "template", "title", "script"])
def test_a_page_whose_hidden_element_is_never_closed_is_refused(tag: str) -> None:
    page = (
        (ZH / "plan.html")
        .read_text(encoding="utf-8")
        .replace("<p>（二）改进样例流程</p>", f"<{tag}>\n<p>（二）改进样例流程</p>")
    )
    line = page.split("\n").index(f"<{tag}>") + 1
    with pytest.raises(DataError) as caught:
        source_lines(page, "page.html")
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (
        line,
        f"the page's <{tag}> opened here is never closed, so it would hide all the text after it",
    )


def test_big5_and_gbk_text_decode_and_a_bad_byte_names_its_line() -> None:
    text = "一、示例\n1.編寫樣例規則清單。（知識產權局、農業農村部負責）\n"
    assert decode(text.encode("big5"), "p") == text
    gbk = (ZH / "plan.txt").read_text(encoding="utf-8")
    assert decode(gbk.encode("gbk"), "p") == gbk
    lines = gbk.encode("gbk").split(b"\n")
    lines[14] += b"\x80"  # no encoding reads this byte
    with pytest.raises(DataError) as caught:
        decode(b"\n".join(lines), "p")
    assert [(p.line, p.message) for p in caught.value.problems] == [(15, "not valid UTF-8, GB18030 or Big5 text")]


def test_a_page_in_pre_and_line_separators_read_line_by_line() -> None:
    plain = (ZH / "plan.txt").read_text(encoding="utf-8")
    expected = source_lines(plain)
    pre = "<html><body><pre>\n" + plain + "</pre></body></html>"
    assert [t for _, t in source_lines(pre)] == [t for _, t in expected]
    assert [n for n, _ in source_lines(pre)][:2] == [2, 3]
    separated = plain.replace("\n", "\u2028")
    assert [t for _, t in source_lines(separated)] == [t for _, t in expected]


def test_a_huge_task_number_is_a_line_that_cannot_be_read(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("一、示例\n" + "9" * 5000 + ".示例任务。（司法部负责）\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_official(source, "plan.txt", CATALOG.departments, CATALOG.collectives)
    assert [p.line for p in caught.value.problems if p.message.startswith("cannot tell what this line is")] == [2]


def test_an_english_task_numbered_far_past_the_last_is_an_error() -> None:
    from plansite.importers.english import parse_text

    clause = "(Ministry of Justice is responsible)"
    for sections in ("I. One", "1. One"):  # Roman sections, then Arabic ones (where it might pass for a heading)
        text = f"{sections}\n1. First. {clause}\n2. Second. {clause}\nNotes\n300. A third thing to do.\n"
        with pytest.raises(DataError) as caught:
            parse_text(text, "plan.txt")
        assert any(p.line == 5 and "300" in p.message for p in caught.value.problems), caught.value.problems


# --- The small items -------------------------------------------------------------------------------------


def test_issued_null_means_the_day_is_not_known(data: Path) -> None:
    plan = data / "editions" / "2025" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2025-04-29", "issued: null"), encoding="utf-8")
    catalog, problems = load(data)
    assert [p for p in problems if p.severity == "error"] == []
    edition = catalog.editions[0]
    assert edition.issued is None
    docs = render_site(catalog).docs
    assert "日期未记录 · day not recorded" in docs["2025/index.md"]
    assert "2025-04-29" not in docs["2025/index.md"]


def test_a_new_edition_without_content_is_told_to_run_import(data: Path) -> None:
    (data / "editions" / "2025" / "content.en.yaml").unlink()
    _, problems = load(data)
    assert [str(p) for p in problems if "content.en.yaml" in p.file] == [
        "data/editions/2025/content.en.yaml:0: edition '2025' has no content.en.yaml yet — run "
        "`python build.py import TRANSLATION.txt --edition 2025` to write it from the text "
        "(or import the official Chinese text alone, with --lang zh)"
    ]


def test_problems_of_the_imported_chinese_text_name_its_file_and_never_a_dash(data: Path, tmp_path: Path) -> None:
    from tests.zhfixture import official_text

    source = tmp_path / "zh.txt"
    source.write_text(official_text(data), encoding="utf-8")
    target, _ = import_source(source, data, "2025")
    text = target.read_text(encoding="utf-8")
    # Task 118 renumbered 119 by hand: a Chinese text for a task that does not exist, and a task
    # (118) only in the translation.
    target.write_text(text.replace("- number: 118\n", "- number: 119\n"), encoding="utf-8")
    line = text.split("\n").index("- number: 118") + 1
    from plansite.catalog.validate import validate

    catalog, problems = load(data)
    problems += validate(catalog)
    official = "data/editions/2025/official.zh.yaml"
    assert f"{official}:{line}: Chinese text given for task 119, which does not exist" in [
        f"{p.file}:{p.line}: {p.message}" for p in problems
    ]
    only_translation = [p for p in problems if "task 118 is only in the translation" in p.message]
    assert [(p.file, p.line > 0) for p in only_translation] == [("data/editions/2025/content.en.yaml", True)]
    assert not [p for p in problems if p.file == "—" or p.file.endswith("content.zh.yaml") and "119" in p.message]


def test_a_comparison_with_a_partial_text_says_so(tmp_path: Path) -> None:
    from plansite.commands.link import link_editions
    from plansite.render import render_pages
    from tests.test_lineage import assemble

    data = assemble(tmp_path / "data")
    link_editions(data, "2090", "2091")
    catalog, _ = load(data)
    editions = tuple(dataclasses.replace(e, partial=e.id == "2090") for e in catalog.editions)
    pages = render_pages(dataclasses.replace(catalog, editions=editions))
    compare = next(text for path, text in pages.items() if path.startswith("2091/compare/2090"))
    assert "This comparison is with a partial text: the site holds only part of the 2090 plan" in compare
    whole = next(text for path, text in render_pages(catalog).items() if path.startswith("2091/compare/2090"))
    assert "partial text" not in whole
