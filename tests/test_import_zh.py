"""The importer of the official Chinese text, on invented plans in its layout (tests/fixtures/import/zh)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from plansite.catalog.clause_en import Clause, UnknownName
from plansite.catalog.clause_zh import ClauseError, ZhNames
from plansite.catalog.load import load
from plansite.catalog.model import Catalog
from plansite.catalog.problems import DataError
from plansite.importers.chinese import import_official, zh_numeral
from plansite.importers.pagetext import looks_chinese_layout
from tests.conftest import DATA, SOURCE

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "zh"
PLAN = FIXTURES / "plan.txt"

HEADINGS = [
    {"number": "1", "title_zh": "一、健全示例制度"},
    {"number": "1.1", "title_zh": "（一）完善样例规则"},
    {"number": "1.2", "title_zh": "（二）改进样例流程"},  # a space after （二） in the source
    {"number": "2", "title_zh": "二、加强示例保护"},
    {"number": "2.1", "title_zh": "(一)提升样例保护水平"},  # half-width, as written; shares its line with task 4
    {"number": "2.2", "title_zh": "（二）拓展样例保护渠道"},
    {"number": "3", "title_zh": "三、做好示例保障"},
]

# (number, section, subsection, text_zh, responsibility_zh, departments, collectives, respective_duties, and_others)
TASKS = [
    (
        1,
        1,
        1,
        "编写一份样例规则清单（第一批），供导入测试使用。",
        "国家知识产权局、司法部负责",
        ["cnipa", "moj"],
        [],
        False,
        False,
    ),
    (
        2,
        1,
        1,
        "核对样例规则中的部门名称。",
        "最高人民法院，最高人民检察院和司法部负责",
        ["spc", "spp", "moj"],
        [],
        False,
        False,
    ),
    (
        3,
        1,
        2,
        "梳理样例流程中的常见错误，形成说明。",
        "工业和信息化部及国家发展和改革委员会负责",
        ["miit", "ndrc"],
        [],
        False,
        False,
    ),
    (4, 2, 1, "建立样例保护台账，每季度更新一次。", "国知局与市场监管总局负责", ["cnipa", "samr"], [], False, False),
    (
        5,
        2,
        1,
        "组织样例保护情况抽查。",
        "联席会议有关成员单位按职责分工负责",
        [],
        ["joint-conference-relevant-members"],
        True,
        False,
    ),
    (
        6,
        2,
        2,
        "开展样例保护宣传。",
        "国家知识产权局、人力资源社会保障部、文化和旅游部等按职责分工负责",
        ["cnipa", "mohrss", "mct"],
        [],
        True,
        True,
    ),
    (
        7,
        3,
        None,
        "加强示例计划实施的统筹协调。",
        "联席会议办公室、各项目主管部门等部门按职责分工负责",
        ["joint-conference-office"],
        ["project-competent-departments"],
        True,
        True,
    ),
    (8, 3, None, "及时总结示例计划执行情况，按期报送。", "中国科协，最高法等负责", ["cast", "spc"], [], False, True),
]
TEXT_LINES = [8, 9, 11, 14, 15, 17, 19, 20]  # task 3's clause is alone on line 12
HTML_LINES = [18, 19, 21, 25, 26, 28, 31, 32]  # task 7's text starts on the line after its <p>
FRONT = [
    "示例计划（测试用）",
    "测试字〔2025〕1号",
    "各有关单位：",
    "为检验导入程序，现将本示例计划印发给你们，请结合实际认真执行。",
]
CLOSING = ["示例联席会议办公室", "2025年1月1日"]
KEYS = (
    "number",
    "section",
    "subsection",
    "text_zh",
    "responsibility_zh",
    "departments",
    "collectives",
    "respective_duties",
    "and_others",
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    found, problems = load(DATA)
    assert problems == []
    return found


def run(catalog: Catalog, path: Path) -> dict[str, Any]:
    return import_official(path, path.name, catalog.departments, catalog.collectives)


def problems_of(catalog: Catalog, path: Path) -> list[tuple[int, str]]:
    with pytest.raises(DataError) as caught:
        run(catalog, path)
    assert all(p.file == path.name for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


def variant(tmp_path: Path, changes: dict[int, str]) -> Path:
    """plan.txt with some lines (1-based) replaced; "" blanks a line, so the numbers stay put."""
    lines = PLAN.read_text(encoding="utf-8").split("\n")
    for number, text in changes.items():
        lines[number - 1] = text
    target = tmp_path / "variant.txt"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def expected_tasks(lines: list[int]) -> list[dict[str, Any]]:
    tasks = [dict(zip(KEYS, row, strict=True)) for row in TASKS]
    for task, line in zip(tasks, lines, strict=True):
        task["line"] = line
    return tasks


def plain(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: t[k] for k in (*KEYS, "line")} for t in tasks]


# --- Well-formed sources ---------------------------------------------------------------------------


def test_text_imports_to_the_expected_headings_tasks_and_flags(catalog: Catalog) -> None:
    result = run(catalog, PLAN)
    assert list(result) == ["front_zh", "headings", "tasks", "closing_zh"]
    assert result["front_zh"] == FRONT  # the ideographic-space indent is layout
    assert result["headings"] == HEADINGS
    assert plain(result["tasks"]) == expected_tasks(TEXT_LINES)
    assert [list(t) for t in result["tasks"]][0] == [
        "number",
        "section",
        "subsection",
        "text_zh",
        "responsibility_zh",
        "line",
        "departments",
        "collectives",
        "respective_duties",
        "and_others",
    ]
    assert result["closing_zh"] == CLOSING


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("gb18030"),
        lambda text: text.encode("gbk"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.encode("utf-16"),
    ],
    ids=["gb18030", "gbk", "utf-8-bom", "crlf", "utf-16-bom"],
)
def test_other_encodings_and_line_ends_import_the_same(catalog: Catalog, tmp_path: Path, encode: Any) -> None:
    target = tmp_path / "plan.txt"
    target.write_bytes(encode(PLAN.read_text(encoding="utf-8")))
    assert run(catalog, target) == run(catalog, PLAN)


def test_html_page_imports_with_source_line_numbers(catalog: Catalog) -> None:
    result = run(catalog, FIXTURES / "plan.html")
    assert result["headings"] == HEADINGS
    tasks = expected_tasks(HTML_LINES)
    tasks[1]["text_zh"] = "核对样例规则中的部门“名称”。"  # &ldquo; &rdquo;
    tasks[5]["text_zh"] = "开展样例保护宣传&培训。"  # &amp;
    assert plain(result["tasks"]) == tasks  # the task in <script> is not text; <br> splits task 3 from its clause
    assert result["front_zh"] == FRONT  # not the page's navigation; <title> and <style> are not text
    assert result["closing_zh"] == CLOSING  # not the page's copyright line


def test_a_registered_chinese_alias_resolves(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {8: "1.编写一份样例清单。（中华人民共和国专利局、司法部负责）"})
    with pytest.raises(DataError):
        run(catalog, source)
    departments = tuple(
        dataclasses.replace(d, aliases_zh=("中华人民共和国专利局",)) if d.id == "cnipa" else d
        for d in catalog.departments
    )
    result = import_official(source, "variant.txt", departments, catalog.collectives)
    assert result["tasks"][0]["departments"] == ["cnipa", "moj"]


def test_looks_chinese_layout(catalog: Catalog) -> None:
    assert looks_chinese_layout(PLAN.read_text(encoding="utf-8"))
    assert looks_chinese_layout((FIXTURES / "plan.html").read_text(encoding="utf-8"))
    assert looks_chinese_layout("国家知识产权局负责的一项任务")  # no section line, but mostly CJK
    assert not looks_chinese_layout(SOURCE.read_text(encoding="utf-8"))
    assert not looks_chinese_layout("<html><body><p>I. Improve the system</p><p>1. A task. (CNIPA is responsible)</p>")


def test_chinese_numerals() -> None:
    assert [zh_numeral(n) for n in (1, 9, 10, 11, 12, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "十二",
        "二十",
        "二十一",
        "九十九",
    ]


# --- The clause grammar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("国家知识产权局负责", Clause(("cnipa",), (), False, False)),
        ("国家知识产权局 、 司法部负责", Clause(("cnipa", "moj"), (), False, False)),
        (
            "文化和旅游部和工业和信息化部负责",
            Clause(("mct", "miit"), (), False, False),
        ),  # 和 inside names and between them
        ("司法部以及最高检,国家发展改革委负责", Clause(("moj", "spp", "ndrc"), (), False, False)),
        ("国家知识产权局等单位按职责分工负责", Clause(("cnipa",), (), True, True)),
        ("国家知识产权局按职责分工等负责", Clause(("cnipa",), (), True, True)),  # the two endings in the other order
        (
            "联席会议成员单位、联席会议有关成员单位负责",
            Clause((), ("joint-conference-members", "joint-conference-relevant-members"), False, False),
        ),
        ("中共中央宣传部、中央宣传部负责", Clause(("publicity-department", "publicity-department"), (), False, False)),
    ],
)
def test_clause_grammar(catalog: Catalog, clause: str, expected: Clause) -> None:
    assert ZhNames(catalog.departments, catalog.collectives).parse(clause) == expected


def test_unknown_name_suggests_the_closest_chinese_names(catalog: Catalog) -> None:
    names = ZhNames(catalog.departments, catalog.collectives)
    with pytest.raises(UnknownName) as caught:
        names.parse("司法部、国家知识产权总局和工业和信息化部负责")
    assert caught.value.name == "国家知识产权总局"
    assert caught.value.suggestions[0] == "国家知识产权局"
    with pytest.raises(UnknownName) as caught:
        names.parse("工业和信息部负责")  # an unknown name holding 和 stays whole
    assert caught.value.name == "工业和信息部"
    assert caught.value.suggestions[0] == "工业和信息化部"


@pytest.mark.parametrize("clause", ["国家知识产权局牵头", "等按职责分工负责"])
def test_clause_without_verb_or_names(catalog: Catalog, clause: str) -> None:
    with pytest.raises(ClauseError):
        ZhNames(catalog.departments, catalog.collectives).parse(clause)


# --- Broken sources: every problem, with its line ---------------------------------------------------


def test_task_without_clause(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {17: "6.开展样例保护宣传。"})
    assert problems_of(catalog, source) == [(17, "task 6 has no responsibility clause")]


def test_unknown_body_with_suggestions(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {12: "（工业和信息化部及国家发展和改革委会负责）"})
    with pytest.raises(DataError) as caught:
        run(catalog, source)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (12, 'task 3 names "国家发展和改革委会", which is no known department')
    assert problem.hint.startswith(
        "if it is a known body under another name, add this name to the aliases_zh of that body's entry in "
        'data/departments.yaml (closest known: "国家发展和改革委员会" (id: ndrc)'
    )
    assert problem.hint.endswith("never add a department that does not exist")


def test_heading_where_a_task_should_be(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {17: ""})  # subsection （二） of section 二 loses its only task
    assert problems_of(catalog, source) == [
        (18, "heading '三、做好示例保障' found where a task should be"),
        (19, "task 7 found where task 6 was expected"),
    ]


def test_number_out_of_order(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {20: "9.及时总结示例计划执行情况，按期报送。（中国科协，最高法等负责）"})
    assert problems_of(catalog, source) == [(20, "task 9 found where task 8 was expected")]


def test_stray_line_inside_the_plan(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {16: "这一行不属于任何部分"})
    assert problems_of(catalog, source) == [(16, "cannot tell what this line is: '这一行不属于任何部分'")]


def test_subsection_out_of_order(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {16: "（三）拓展样例保护渠道"})
    assert problems_of(catalog, source) == [(16, "subsection （三） found where （二） was expected")]


def test_every_problem_is_reported_at_once(catalog: Catalog) -> None:
    assert problems_of(catalog, FIXTURES / "broken.txt") == [
        (5, 'task 1 names "国家知识产权总局", which is no known department'),
        (6, "task 2 has no responsibility clause"),
        (8, "task 4 found where task 3 was expected"),
        (11, "heading '（二）拓展样例保护渠道' found where a task should be"),
        (13, "cannot tell what this line is: '这一行不属于任何部分'"),
    ]


def test_html_problem_names_the_source_line(catalog: Catalog, tmp_path: Path) -> None:
    page = (
        (FIXTURES / "plan.html")
        .read_text(encoding="utf-8")
        .replace("（中国科协，最高法等负责）", "（中国科协，最高院等负责）")
    )
    target = tmp_path / "page.html"
    target.write_text(page, encoding="utf-8")
    assert problems_of(catalog, target) == [(32, 'task 8 names "最高院", which is no known department')]


def test_undecodable_bytes_name_their_line(catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "bad.txt"
    target.write_bytes(b"plan\n\n\x80\xff\n")  # neither encoding
    assert problems_of(catalog, target) == [(3, "not valid UTF-8, GB18030 or Big5 text")]
    lines = PLAN.read_bytes().split(b"\n")
    lines[14] += b"\xff"  # valid UTF-8 Chinese until line 15: a damaged UTF-8 file, not a GBK one
    target.write_bytes(b"\n".join(lines))
    assert problems_of(catalog, target) == [(15, "not valid UTF-8 text")]


def test_task_without_text(catalog: Catalog, tmp_path: Path) -> None:
    source = variant(tmp_path, {15: "5.（联席会议有关成员单位按职责分工负责）"})
    assert problems_of(catalog, source) == [(15, "task 5 has no text before its clause")]


def test_no_tasks(catalog: Catalog, tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    target.write_text("示例计划\n各有关单位：\n", encoding="utf-8")
    assert problems_of(catalog, target) == [(1, "no tasks found")]
