"""Instruments: the registry covers every instrument the source names or describes; pages list the
right tasks. Sentences given to the extractor are our own wording, not the plan's."""

from __future__ import annotations

import re
from pathlib import Path

from plansite.catalog.load import load
from plansite.catalog.model import Instrument
from plansite.catalog.phrases import candidates, covered, uncovered
from plansite.catalog.vocab import ACTIONS, INSTRUMENT_KINDS, RELATIONS
from tests.conftest import DATA, bundled, cli_in_process
from tests.sitewalk import parse

CATALOG = bundled()[0]
EDITION = CATALOG.editions[0]
REGISTRY = {i.id: i for i in CATALOG.instruments}


def test_every_instrument_like_phrase_is_in_the_registry() -> None:
    assert uncovered(EDITION, CATALOG.instruments, CATALOG.instrument_ignores) == []


def test_the_coverage_check_would_notice_a_missing_entry() -> None:
    without = tuple(i for i in CATALOG.instruments if i.id != "trade-secret-rules")
    assert uncovered(EDITION, without, CATALOG.instrument_ignores) == [
        (8, "Regulations on the Protection of Trade Secrets")
    ]


def test_the_extractor_splits_names_joined_by_and() -> None:
    assert candidates(EDITION.task(1).text_en) == [
        "Trademark Law of the People’s Republic of China",
        "Regulations on the Protection of Integrated Circuit Layout Designs",
    ]


def test_instrument_page_lists_its_tasks_and_actions(built: Path) -> None:
    page = parse(built / "site" / "2025" / "instruments" / "trademark-law" / "index.html")
    assert page.h1 == "中华人民共和国商标法 · Trademark Law of the People's Republic of China"
    assert "1 修订 · to be revised" in page.text
    index = parse(built / "site" / "2025" / "instruments" / "index.html").text
    revised = sum(1 for m in EDITION.mentions if m.action == "revise")
    assert f"修订 · To be revised in 2025 ({revised})" in index


def test_a_mention_must_match_the_task_text(data: Path) -> None:
    path = data / "editions" / "2025" / "instruments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "{task: 8, instrument: trade-secret-rules", "{task: 9, instrument: trade-secret-rules"
        ),
        encoding="utf-8",
    )
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert (
        "task 9 does not name 'trade-secret-rules' under any of its aliases — fix the mention, or add the task's wording as an alias"
        in result.stderr
    )


def test_the_extractor_finds_described_instruments() -> None:
    assert candidates(
        "Draft guiding opinions on protecting seed patents in pledges, and publish guidelines for valuing brands."
    ) == ["guiding opinions on protecting seed patents in pledges", "guidelines for valuing brands"]
    assert candidates("Release the accompanying compulsory national standards.") == [
        "accompanying compulsory national standards"
    ]
    assert candidates(
        "Adopt a work plan for licensing university patents; keep the management measures for expert witnesses."
    ) == ["work plan for licensing university patents", "management measures for expert witnesses"]
    assert candidates("Build data licensing rules and policy documents to speed up design registration.") == [
        "policy documents to speed up design registration",
        "data licensing rules",
    ]


def test_the_extractor_passes_over_what_names_no_instrument() -> None:
    text = "Improve the standards and processes, hear public opinions, take measures to register New Plants, and keep the rules."
    assert candidates(text) == []


def test_a_title_keyword_must_end_its_word() -> None:
    assert candidates("Revise the Regulations on Protecting New Plants.") == ["Regulations on Protecting New Plants"]
    assert candidates("Issue the “Guidelines on Standard-setting for Seeds”.") == [
        "Guidelines on Standard-setting for Seeds"
    ]


def test_only_names_in_the_same_task_cover_a_phrase() -> None:
    regulations = Instrument(
        id="seed-law-regulations",
        kind="administrative-regulation",
        name_en="Regulations on the Seed Law",
        name_zh="种子法条例",
        zh_check="reconstructed",
        aliases=("Regulations on the Seed Law",),
    )
    assert not covered("Seed Law", "Study the Seed Law.", (regulations,), ())
    assert covered("Seed Law", "Revise the Regulations on the Seed Law.", (regulations,), ())


def test_every_2025_phrase_is_covered_or_ignored_with_a_reason() -> None:
    assert uncovered(EDITION, CATALOG.instruments, CATALOG.instrument_ignores) == []
    phrases = [(t.text_en, p) for t in EDITION.tasks for p in candidates(t.text_en)]
    for ignored in CATALOG.instrument_ignores:
        assert re.search(r"\(tasks? \d", ignored.why), f"'{ignored.phrase}': say why, and which task"
        assert any(covered(p, text, (), (ignored,)) for text, p in phrases), (
            f"'{ignored.phrase}' ignores nothing any more"
        )


def test_the_coverage_check_would_notice_a_missing_described_entry() -> None:
    without = tuple(i for i in CATALOG.instruments if i.id != "trade-secret-protection-opinions")
    assert uncovered(EDITION, without, CATALOG.instrument_ignores) == [
        (17, "opinions on strengthening the protection of trade secrets")
    ]


def test_kinds_actions_and_relations_are_the_documented_ones() -> None:
    header = (DATA / "instruments.yaml").read_text(encoding="utf-8").split("\ninstruments:")[0]
    mentions_header = (DATA / "editions" / "2025" / "instruments.yaml").read_text(encoding="utf-8").split("\n- ")[0]
    assert all(kind in header for kind in INSTRUMENT_KINDS) and all(r in header for r in RELATIONS)
    assert all(action in mentions_header for action in ACTIONS)
    assert {i.kind for i in CATALOG.instruments} <= set(INSTRUMENT_KINDS)
    assert {m.action for m in EDITION.mentions} <= set(ACTIONS)
    assert {r for i in CATALOG.instruments for r, _ in i.relations} <= set(RELATIONS)
    assert all(target in REGISTRY and target != i.id for i in CATALOG.instruments for _, target in i.relations)


def test_court_opinions_are_policy_documents_not_interpretations() -> None:
    assert REGISTRY["spc-innovation-opinions"].kind == "judicial-policy"
    assert not [i.id for i in CATALOG.instruments if i.kind == "judicial-interpretation" and "Opinions" in i.name_en]


def test_relations_are_recorded_on_the_dependent_instrument() -> None:
    assert REGISTRY["trademark-copyright-judicial-interpretations"].relations == (
        ("interprets", "trademark-law"),
        ("interprets", "copyright-law"),
    )
    assert ("implements", "copyright-law") in REGISTRY["copyright-law-regulations"].relations
    assert ("supplements", "ai-content-labelling-measures") in REGISTRY["ai-content-labelling-standards"].relations


def test_every_instrument_is_named_by_a_task_or_related_to_one() -> None:
    named = {m.instrument for m in EDITION.mentions}
    targets = {target for i in CATALOG.instruments if i.id in named for _, target in i.relations}
    assert [i.id for i in CATALOG.instruments if i.id not in named | targets] == []


def test_untitled_instruments_are_described_in_the_tasks_own_lower_case_words() -> None:
    untitled = [i for i in CATALOG.instruments if i.untitled]
    assert len(untitled) >= 10
    for ins in untitled:
        assert ins.zh_check == "reconstructed"
        assert all(a[0].islower() for a in ins.aliases), ins.id  # a description, not a title
        tasks = [m.task for m in EDITION.mentions if m.instrument == ins.id]
        assert tasks and all(
            any(a.casefold() in EDITION.task(n).text_en.casefold() for a in ins.aliases) for n in tasks
        )


def test_the_action_is_what_the_task_asks_not_its_verb() -> None:
    actions = {(m.task, m.instrument): m.action for m in EDITION.mentions}
    assert actions[(93, "patent-law")] == "commemorate"  # an anniversary event
    assert actions[(114, "ip-powerhouse-outline")] == actions[(114, "fourteenth-five-year-ip-plan")] == "evaluate"


def test_relations_show_on_both_instruments_pages_with_the_related_tasks() -> None:
    from plansite.render import render_pages

    catalog = load(DATA)[0]
    pages = render_pages(catalog)
    law = pages["2025/instruments/trademark-law.md"]
    assert "其解释 · interpreted by\n:   [商标法、著作权法相关司法解释" in law
    related = law.split("## 相关文件的任务 · Tasks on related instruments")[1]
    assert (
        "| [9](../tasks/9.md) | [商标法、著作权法相关司法解释](trademark-copyright-judicial-interpretations.md) "
        "\\(解释本件 · interprets this\\) |" in related
    )
    interpretations = pages["2025/instruments/trademark-copyright-judicial-interpretations.md"]
    assert "解释 · interprets\n:   [中华人民共和国商标法 · Trademark Law" in interpretations
    # A law no task asks for itself still has a page, gathering the tasks of what implements or interprets it.
    copyright_law = pages["2025/instruments/copyright-law.md"]
    assert "No task asks for this instrument itself" in copyright_law and "[2](../tasks/2.md)" in copyright_law
