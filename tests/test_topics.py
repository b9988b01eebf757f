"""Topics: tags checked against a hand-made reading of the tasks, topic pages, filters and search."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.load import load
from plansite.topics import matched, tag
from tests.conftest import DATA
from tests.sitewalk import parse

CATALOG, _ = load(DATA)
EDITION = CATALOG.editions[0]
TAGS = tag(EDITION, CATALOG.topics)

# Read by hand from the task texts: topics a task must have, and topics it must not have.
EXPECTED = {
    1: ({"trademarks", "ic-layout-designs"}, set()),
    2: ({"copyright"}, {"courts"}),  # "Trial Measures for Voluntary Registration" is no trial in court
    3: ({"plant-varieties"}, set()),
    8: ({"trade-secrets"}, set()),
    17: ({"trade-secrets"}, set()),
    41: ({"trade-secrets"}, set()),
    19: ({"artificial-intelligence", "standards"}, set()),
    21: ({"data"}, set()),
    23: ({"data", "artificial-intelligence"}, set()),
    30: ({"courts"}, set()),
    37: ({"criminal-enforcement"}, set()),
    46: ({"customs"}, set()),
    53: ({"dispute-resolution"}, set()),
    63: ({"patents", "commercialisation"}, {"data"}),  # "data sharing among departments" only in passing
    69: ({"patents", "commercialisation"}, set()),
    79: ({"finance"}, set()),
    108: ({"plant-varieties", "international-cooperation"}, set()),
    114: (set(), {"data"}),  # "indicator data" only in passing
    45: ({"plant-varieties"}, {"data"}),  # a DNA fingerprint database is no data-rights task
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_topic_tags_match_a_reading_of_the_text(number: int) -> None:
    must, must_not = EXPECTED[number]
    assert must <= set(TAGS[number]), (number, TAGS[number])
    assert not must_not & set(TAGS[number]), (number, TAGS[number])


def test_a_reviewed_correction_overrides_the_terms() -> None:
    task = EDITION.task(77)
    assert "public-services" in matched(task, CATALOG.topics)  # "pledge information platform"
    assert "public-services" not in TAGS[77] and "finance" in TAGS[77]


def test_topic_page_lists_exactly_its_tasks(built: Path) -> None:
    page = parse(built / "site" / "2025" / "topics" / "trade-secrets" / "index.html")
    assert page.h1 == "商业秘密 · Trade secrets"
    listed = sorted({int(link.strip("./").split("/")[-1]) for link in page.links if link.startswith("../../tasks/") and link.strip("./").split("/")[-1].isdigit()})
    assert listed == [8, 17, 41]
    assert "市场监管总局 · SAMR 3 0" in page.text  # the department carrying it


def test_task_page_links_its_topics(built: Path) -> None:
    page = parse(built / "site" / "2025" / "tasks" / "23" / "index.html")
    assert "../../topics/artificial-intelligence/" in page.links and "../../topics/data/" in page.links


def test_topic_index_counts(built: Path) -> None:
    page = parse(built / "site" / "2025" / "topics" / "index.html").text
    assert f"人工智能 · Artificial intelligence {sum('artificial-intelligence' in t for t in TAGS.values())}" in page


def test_topics_column_in_the_csv(built: Path) -> None:
    csv_text = (built / "site" / "2025" / "downloads" / "tasks-2025.csv").read_text(encoding="utf-8")
    assert ",trade-secrets," in csv_text.splitlines()[8]
