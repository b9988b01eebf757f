"""The data agrees with facts checked against the official Chinese text of the 2025 plan.

The facts below were checked against public copies of the official text (the notice, the preamble
and tasks 1-11); they are copied here so the test needs nothing outside the repository. Every
assertion compares the data with these facts, never with what our own code computes.
"""

from __future__ import annotations

from datetime import date

import pytest

from plansite.catalog.clause_en import AliasIndex, normalize
from tests.conftest import SOURCE, bundled

# Tasks 1-11: the responsibility clause as the Chinese text writes it, names in order. None of them
# says 按职责分工 (according to their respective duties) or 等 (and others).
CLAUSES: dict[int, tuple[str, ...]] = {
    1: ("国家知识产权局", "司法部"),
    2: ("中央宣传部", "司法部"),
    3: ("农业农村部", "国家林草局", "司法部"),
    4: ("生态环境部",),
    5: ("海关总署",),
    6: ("国家中医药局", "国家卫生健康委", "国家知识产权局"),
    7: ("中央军委装备发展部", "国家国防科工局"),
    8: ("市场监管总局",),
    9: ("最高人民法院",),
    10: ("国家知识产权局", "联席会议有关成员单位"),
    11: ("国家知识产权局", "联席会议有关成员单位"),
}
# Bodies the notice addresses besides the Joint Conference's member units, as it writes them.
NOTICE_ADDRESSEES = (
    "中央政法委",
    "中央网信办",
    "税务总局",
    "金融监管总局",
    "中国证监会",
    "国家国际发展合作署",
    "国管局",
    "国家中医药局",
    "国家药监局",
    "中国科协",
    "国家自然科学基金委",
)
# Colloquial short names: never the form the plan uses to state responsibility.
COLLOQUIAL = ("国知局", "最高法", "最高检")
# Chinese titles of the instruments the preamble and tasks 1-9 name.
CONFIRMED_INSTRUMENTS = (
    "中华人民共和国商标法",
    "集成电路布图设计保护条例",
    "中华人民共和国著作权法实施条例",
    "著作权集体管理条例",
    "作品自愿登记试行办法",
    "民间文学艺术作品著作权保护条例",
    "中华人民共和国植物新品种保护条例",
    "生物遗传资源获取和惠益分享管理条例",
    "中华人民共和国知识产权海关保护条例",
    "中医药传统知识保护条例",
    "国防专利条例",
    "商业秘密保护规定",
    "知识产权强国建设纲要（2021—2035年）",
    "“十四五”国家知识产权保护和运用规划",
)
# Where the texts are: the translation's address; the official text was published on CNIPA's
# website on 2025-05-07 (its exact address is not known).
TRANSLATION_URL = (
    "https://natlawreview.com/article/china-issues-2025-intellectual-property-nation-building-promotion-plan-accelerate"
)
OFFICIAL_PUBLISHER_ZH, OFFICIAL_SITE, OFFICIAL_PUBLISHED = (
    "国家知识产权局",
    "https://www.cnipa.gov.cn/",
    date(2025, 5, 7),
)
# Names the translation gives bodies: mistranslations, and former official English names
# of the same body, each with the body as the plan writes it.
GARBLED = {
    "State Administration of State Administration": "国管局",
    "Financial Regulatory Commission": "金融监管总局",
    "State Food and Drug Administration": "国家药监局",
}
FORMER_NAMES = {"State Administration of Taxation": "税务总局", "State Intellectual Property Office": "国家知识产权局"}

CATALOG, PROBLEMS = bundled()
EDITION = CATALOG.editions[0]
INDEX = AliasIndex(CATALOG.departments, CATALOG.collectives)
BY_PLAN_FORM = {d.plan_zh: d for d in CATALOG.departments}


def test_the_data_loads() -> None:
    assert PROBLEMS == []
    assert len(BY_PLAN_FORM) == len(CATALOG.departments), "two departments share a plan form"


@pytest.mark.parametrize("number", sorted(CLAUSES))
def test_responsibility_clauses_of_tasks_1_to_11_use_the_plans_forms_in_order(number: int) -> None:
    task = EDITION.task(number)
    departments = [CATALOG.department(d) for d in task.departments]
    collectives = [next(c for c in CATALOG.collectives if c.id == ident) for ident in task.collectives]
    # In these clauses the collective mention comes last, after the departments.
    assert (*(d.plan_zh for d in departments), *(c.name_zh for c in collectives)) == CLAUSES[number]
    assert all(d.zh_check == "confirmed" for d in departments)
    assert not task.respective_duties and not task.and_others


def test_the_notice_addressees_use_the_plans_forms() -> None:
    for form in NOTICE_ADDRESSEES:
        assert form in BY_PLAN_FORM, f"no department's plan_zh is {form}"
        assert BY_PLAN_FORM[form].zh_check == "confirmed"


def test_only_forms_the_facts_cover_are_marked_checked() -> None:
    covered = {form for clause in CLAUSES.values() for form in clause} | set(NOTICE_ADDRESSEES)
    checked = {d.plan_zh for d in CATALOG.departments if d.zh_check == "confirmed"}
    assert checked == covered & set(BY_PLAN_FORM)


def test_no_plan_form_is_a_colloquial_short_name() -> None:
    assert [d.id for d in CATALOG.departments if d.plan_zh in COLLOQUIAL] == []
    assert BY_PLAN_FORM["最高人民法院"].short_zh == "最高法"  # kept as the common short name, a search term
    assert "最高人民检察院" in BY_PLAN_FORM


@pytest.mark.parametrize("alias", sorted(GARBLED))
def test_garbled_names_are_marked_and_still_resolve(alias: str) -> None:
    dept = BY_PLAN_FORM[GARBLED[alias]]
    assert alias in dept.garbled and alias in dept.aliases and alias not in dept.proper_aliases
    assert INDEX.resolve(alias) == ("department", dept.id)
    assert INDEX.parse(f"The {alias} and the Ministry of Justice are responsible").departments == (dept.id, "moj")


@pytest.mark.parametrize("alias", sorted(FORMER_NAMES))
def test_former_official_names_are_not_marked_garbled(alias: str) -> None:
    dept = BY_PLAN_FORM[FORMER_NAMES[alias]]
    assert alias in dept.proper_aliases and alias not in dept.garbled
    assert INDEX.resolve(alias) == ("department", dept.id)


def test_every_garbled_name_is_one_the_source_uses_and_the_import_resolves() -> None:
    clauses = {t.number: normalize(t.responsibility_en) for t in EDITION.tasks}
    source = normalize(SOURCE.read_text(encoding="utf-8"))
    for dept in CATALOG.departments:
        assert set(dept.garbled) <= set(dept.aliases)
        for alias in dept.garbled:
            assert normalize(alias) in source, f"{alias!r} is not in the source"
            naming = [n for n, clause in clauses.items() if normalize(alias) in clause]
            assert naming and all(dept.id in EDITION.task(n).departments for n in naming), (alias, naming)


def test_confirmed_instruments_are_exactly_the_checked_titles() -> None:
    confirmed = sorted(i.name_zh for i in CATALOG.instruments if i.zh_check == "confirmed")
    assert confirmed == sorted(CONFIRMED_INSTRUMENTS)


def test_the_edition_records_where_the_texts_are() -> None:
    assert EDITION.translation_url == TRANSLATION_URL
    assert EDITION.official_url is None  # the exact address is not known: no guessed link
    assert EDITION.official_publisher_url == OFFICIAL_SITE
    assert CATALOG.department(EDITION.official_publisher).plan_zh == OFFICIAL_PUBLISHER_ZH
    assert EDITION.published == OFFICIAL_PUBLISHED
