"""Plans as they are published in older years and pasted from web pages: the clause forms older
translations and texts use, traditional characters, spaces and invisible characters from copies,
tasks run together on one line, and a page's furniture around the plan. Fixtures of our own wording
in tests/fixtures/import/en/older_web_page.txt and tests/fixtures/import/zh/older.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.catalog.clause_en import AliasIndex, ClauseError, UnknownName
from plansite.catalog.clause_zh import ZhNames
from plansite.catalog.problems import DataError
from plansite.catalog.registrycheck import registry_problems
from plansite.catalog.text import escaped
from plansite.importers.chinese import read_official
from plansite.importers.english import parse_text, read_translation
from plansite.importers.report import unknown_name
from tests.conftest import ROOT, bundled

EN = ROOT / "tests" / "fixtures" / "import" / "en" / "older_web_page.txt"
ZH = ROOT / "tests" / "fixtures" / "import" / "zh" / "older.txt"
CATALOG = bundled()[0]
INDEX = AliasIndex(CATALOG.departments, CATALOG.collectives)
NAMES = ZhNames(CATALOG.departments, CATALOG.collectives)


def rows(tasks: list[dict]) -> list[tuple[int, tuple[str, ...], bool]]:
    return [(t["number"], tuple(t["departments"]), t["respective_duties"]) for t in tasks]


# --- English -----------------------------------------------------------------------------------------


def test_an_older_translation_pasted_from_a_web_page() -> None:
    result = read_translation(EN, "older.txt", INDEX)
    assert rows(result.content["tasks"]) == [
        (1, ("cnipa",), False),  # (Responsible for Intellectual Property Office)
        (2, ("moj", "nbs"), False),  # Responsible by …, Statistics Bureau
        (3, ("moe", "cnipa", "most"), False),  # a bare list, "Science and Technology" kept whole
        (4, ("spc", "moj", "publicity-department"), True),  # individually responsible for their duties
        (5, ("mofcom",), False),  # run together with task 4 on one line
        (6, ("publicity-department", "mct"), True),  # nested parentheses; separately responsible
        (7, ("joint-conference-office",), False),
    ]
    tasks = result.content["tasks"]
    assert tasks[3]["text_en"] == "Review the sample guidance once a year."
    assert tasks[4]["text_en"] == "Print a sample leaflet."
    assert tasks[5]["text_en"] == "Hold a sample seminar."  # the zero-width space is gone
    assert tasks[5]["responsibility_en"].startswith("The Central Propaganda Department (National Copyright")
    # The page's menu, sign-in and sharing lines are neither the opening nor the closing.
    assert result.content["front_en"] == [
        "An Invented Older Plan for Importer Tests",
        "Written for the tests in the style of older translations pasted from a web page; no sentence is quoted.",
    ]
    assert result.content["closing_en"] == ["Office of the Sample Joint Conference"]
    skipped = [(w.line, w.message) for w in result.warnings if "furniture" in w.message]
    assert [line for line, _ in skipped] == [1, 2, 3, 4, 5, 6, 20, 21, 22, 23, 24, 25]
    assert skipped[3] == (4, "skipped as web-page furniture: 'Sign in'")
    assert result.skipped == 12
    [invisible] = [w for w in result.warnings if "invisible" in w.message]
    assert invisible.line == 16 and invisible.severity == "warning"
    assert "(\\u200b)" in invisible.message


def test_tasks_run_together_are_each_read_at_their_line() -> None:
    text = "I. One\n1. First. (Ministry of Justice is responsible)2. Second. (Responsible for Ministry of Finance)\n"
    parsed = parse_text(text, "plan.txt")
    assert [(t.number, t.line, t.text_en) for t in parsed.tasks] == [(1, 2, "First."), (2, 2, "Second.")]


def test_a_year_in_parentheses_before_a_number_splits_nothing() -> None:
    parsed = parse_text(
        "I. One\n1. Carry out the Outline (2021-2035) 2. part. (The Ministry of Justice is responsible)\n", "p"
    )
    assert [t.text_en for t in parsed.tasks] == ["Carry out the Outline (2021-2035) 2. part."]


@pytest.mark.parametrize(
    ("clause", "departments", "respective"),
    [
        ("Responsible for Intellectual Property Office", ("cnipa",), False),
        ("Responsible for SASAC", ("sasac",), False),
        ("Responsible for the Ministry of Justice and the Ministry of Finance", ("moj", "mof"), False),
        (
            "Ministry of Education, Intellectual Property Office, Ministry of Science and Technology",
            ("moe", "cnipa", "most"),
            False,
        ),
        (
            "The Ministry of Justice and the Statistics Bureau are individually responsible for their duties",
            ("moj", "nbs"),
            True,
        ),
        (
            "Ministry of Justice and Ministry of Finance are separately responsible for their own duties",
            ("moj", "mof"),
            True,
        ),
        ("Ministry of Justice and Ministry of Finance are respectively responsible", ("moj", "mof"), True),
        ("Propaganda Department of Central Committee is responsible", ("publicity-department",), False),
        (
            "The Central Propaganda Department (National Copyright Administration) and the Ministry of Justice are responsible",
            ("publicity-department", "moj"),
            False,
        ),
    ],
)
def test_older_english_clause_forms(clause: str, departments: tuple[str, ...], respective: bool) -> None:
    parsed = INDEX.parse(clause)
    assert (parsed.departments, parsed.respective_duties) == (departments, respective)


def test_a_different_body_in_nested_parentheses_is_refused() -> None:
    with pytest.raises(ClauseError, match=r'"\(Ministry of Finance\)" name no other name of the body before them'):
        INDEX.parse("The Ministry of Justice (Ministry of Finance) is responsible")


def test_an_unknown_name_is_not_split_inside_a_name() -> None:
    with pytest.raises(UnknownName) as caught:
        INDEX.parse("Patent Office and Ministry of Science and Technology are responsible")
    assert caught.value.name == "Patent Office"
    with pytest.raises(UnknownName) as caught:
        INDEX.parse("Ministry of Science and Technology Development, Ministry of Justice")
    assert caught.value.name == "Ministry of Science and Technology Development"


def test_an_unknown_name_names_the_ids_to_add_it_to() -> None:
    with pytest.raises(UnknownName) as caught:
        INDEX.parse("Intellectual Property Bureau is responsible")
    problem = unknown_name("plan.txt", 3, 1, caught.value, INDEX.owner, "aliases")
    assert problem.message == 'task 1 names "Intellectual Property Bureau", which is no known department'
    assert '"Intellectual Property Office" (id: cnipa)' in problem.hint
    assert "add this name to the aliases of that body's entry in data/departments.yaml" in problem.hint


def test_a_clause_word_is_never_advised_as_an_alias() -> None:
    with pytest.raises(UnknownName) as caught:
        INDEX.parse("Ministry of Justice takes charge and is responsible for it")
    problem = unknown_name("plan.txt", 3, 1, caught.value, INDEX.owner, "aliases")
    assert problem.message.startswith('task 1: the clause wording "')
    assert "alias" not in problem.hint and "do not add it to the registry" in problem.hint


def test_invisible_characters_in_an_unknown_name_are_shown_as_escapes() -> None:
    problem = unknown_name(
        "p", 1, 1, UnknownName("Ministry of\u200b Magic\u202e", ["Ministry of Justice"]), INDEX.owner, "aliases"
    )
    assert 'names "Ministry of\\u200b Magic\\u202e"' in problem.message
    assert escaped("a\ufeffb\u2066c") == "a\\ufeffb\\u2066c"


def test_check_refuses_an_alias_holding_a_clause_word() -> None:
    import dataclasses

    cnipa = next(d for d in CATALOG.departments if d.id == "cnipa")
    bad = dataclasses.replace(cnipa, aliases=(*cnipa.aliases, "Responsible for Intellectual Property Office"))
    zh = dataclasses.replace(cnipa, aliases_zh=("知识产权局负责",))
    for changed in (bad, zh):
        departments = tuple(changed if d.id == "cnipa" else d for d in CATALOG.departments)
        found = [p.message for p in registry_problems(dataclasses.replace(CATALOG, departments=departments))]
        assert [m for m in found if "holds a clause word" in m] == [
            f"'cnipa' has the name '{changed is bad and 'Responsible for Intellectual Property Office' or '知识产权局负责'}', "
            "which holds a clause word (responsible, is, 负责 …)"
        ]


# --- Chinese -----------------------------------------------------------------------------------------


def test_an_older_chinese_text_pasted_from_a_web_page() -> None:
    result = read_official(ZH, "older.txt", CATALOG.departments, CATALOG.collectives)
    tasks = result.content["tasks"]
    assert rows(tasks) == [
        (1, ("samr", "mara", "cnipa"), False),  # traditional characters
        (2, ("spc", "nbs"), True),  # 按职责分别负责; 最 高人民法院 and 国家统 计局 from a PDF copy
        (3, ("publicity-department", "moj"), False),  # on task 2's line; nested parentheses; 负\u200b责
        (4, ("cnipa", "moe"), False),  # 知识产权局, as older plans name the body
        (5, ("joint-conference-office",), False),
    ]
    assert [t["line"] for t in tasks] == [9, 10, 10, 12, 14]
    # Shown as given: the traditional characters stay.
    assert tasks[0]["responsibility_zh"] == "市場監管總局、農業農村部、知識產權局負責"
    assert tasks[0]["text_zh"] == "編寫樣例規則清單。"
    assert tasks[2]["responsibility_zh"] == "中央宣传部（国家版权局）、司法部负责"
    assert result.content["front_zh"][0] == "示例舊年度計劃（測試用）"  # a title above the furniture stays
    assert result.content["closing_zh"] == ["示例联席会议办公室", "2099年2月2日"]
    assert [w.line for w in result.warnings if "furniture" in w.message] == [1, 2, 17, 18]
    assert [w.line for w in result.warnings if "invisible" in w.message] == [10]


@pytest.mark.parametrize(
    ("clause", "departments", "respective"),
    [
        ("知識產權局、司法部負責", ("cnipa", "moj"), False),
        ("國家知識產權局、農業農村部按職責分工負責", ("cnipa", "mara"), True),
        ("国家知识产权局、司法部按职责分别负责", ("cnipa", "moj"), True),
        ("最 高人民法院、国家统 计局负责", ("spc", "nbs"), False),
        ("国家知识产权局\u200b、司法部负\u200b责", ("cnipa", "moj"), False),
        ("中央宣传部（国家版权局）负责", ("publicity-department",), False),
    ],
)
def test_older_chinese_clause_forms(clause: str, departments: tuple[str, ...], respective: bool) -> None:
    parsed = NAMES.parse(clause)
    assert (parsed.departments, parsed.respective_duties) == (departments, respective)


def test_an_unknown_traditional_name_is_quoted_as_given() -> None:
    with pytest.raises(UnknownName) as caught:
        NAMES.parse("國家魔法總局、司法部負責")
    assert caught.value.name == "國家魔法總局"


def test_a_chinese_unknown_name_names_the_ids_to_add_it_to(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("一、示例\n1.示例任务。（国家知识产权总署负责）\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_official(source, "plan.txt", CATALOG.departments, CATALOG.collectives)
    [problem] = caught.value.problems
    assert '"国家知识产权局" (id: cnipa)' in problem.hint
    assert "add this name to the aliases_zh of that body's entry" in problem.hint
