"""Instruments: the registry covers every instrument the source names; pages list the right tasks."""

from __future__ import annotations

from pathlib import Path

from plansite.instruments import candidates, uncovered
from plansite.load import load
from tests.conftest import DATA, run_cli
from tests.sitewalk import parse

CATALOG, _ = load(DATA)
EDITION = CATALOG.editions[0]


def test_every_instrument_like_phrase_is_in_the_registry() -> None:
    assert uncovered(EDITION, CATALOG.instruments, CATALOG.instrument_ignores) == []


def test_the_coverage_check_would_notice_a_missing_entry() -> None:
    without = tuple(i for i in CATALOG.instruments if i.id != "trade-secret-rules")
    assert uncovered(EDITION, without, CATALOG.instrument_ignores) == [(8, "Regulations on the Protection of Trade Secrets")]


def test_the_extractor_splits_names_joined_by_and() -> None:
    assert candidates(EDITION.task(1).text_en) == [
        "Trademark Law of the People’s Republic of China", "Regulations on the Protection of Integrated Circuit Layout Designs"]


def test_instrument_page_lists_its_tasks_and_actions(built: Path) -> None:
    page = parse(built / "site" / "2025" / "instruments" / "trademark-law" / "index.html")
    assert page.h1 == "中华人民共和国商标法 · Trademark Law of the People's Republic of China"
    assert "Task 1 修订 · to be revised" in page.text
    index = parse(built / "site" / "2025" / "instruments" / "index.html").text
    revised = sum(1 for m in EDITION.mentions if m.action == "revise")
    assert f"修订 · To be revised in 2025 ({revised})" in index


def test_a_mention_must_match_the_task_text(data: Path) -> None:
    path = data / "editions" / "2025" / "instruments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{task: 8, instrument: trade-secret-rules", "{task: 9, instrument: trade-secret-rules"), encoding="utf-8")
    result = run_cli("--data", data, "check")
    assert result.returncode == 1
    assert "task 9 does not name 'trade-secret-rules' under any of its aliases — fix the mention, or add the task's wording as an alias" in result.stderr
