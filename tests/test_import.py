"""The importer on the bundled translation: structure, quirks, flags, and an exact round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plansite.catalog.load import load
from plansite.catalog.model import Edition
from tests.conftest import DATA, SOURCE, cli_in_process, run_cli, tree_digest


@pytest.fixture(scope="module")
def edition() -> Edition:
    catalog, problems = load(DATA)
    assert problems == []
    return catalog.editions[0]


def test_reimporting_the_bundled_source_reproduces_the_bundled_data(data: Path) -> None:
    target = data / "editions" / "2025" / "content.en.yaml"
    target.unlink()
    result = run_cli("--data", data, "import", SOURCE, "--edition", "2025")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == (DATA / "editions" / "2025" / "content.en.yaml").read_bytes()


def test_all_118_tasks_in_order_with_every_section_and_subsection(edition: Edition) -> None:
    assert [t.number for t in edition.tasks] == list(range(1, 119))
    assert [len(s.subsections) for s in edition.sections] == [3, 3, 3, 2, 2, 0, 0]
    text = SOURCE.read_text(encoding="utf-8")
    assert len(re.findall(r"^\d+\. ", text, re.M)) == 117 and " fields 21. " in text  # one shares a heading's line
    # Each task sits in the subsection whose heading precedes it in the source.
    assert [
        (t.section, t.subsection) for t in edition.tasks if t.number in (1, 10, 21, 30, 56, 57, 82, 102, 103, 118)
    ] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (4, 1), (5, 2), (6, None), (7, None)]


def test_subsection_heading_and_task_on_one_line(edition: Edition) -> None:
    sub = edition.subsection(1, 3)
    assert sub.title_en == "Improve intellectual property rules in emerging and specific fields"
    task = edition.task(21)
    assert task.text_en == "Accelerate the research and construction of data intellectual property protection rules."
    assert task.departments == ("cnipa", "miit")


def test_clause_on_its_own_line(edition: Edition) -> None:
    task = edition.task(29)
    assert task.text_en.endswith("the publication of a list.")
    assert task.departments == ("natcm",)


def test_bare_list_without_a_verb(edition: Edition) -> None:
    assert edition.task(81).departments == ("nfga", "pbc")
    assert edition.task(103).departments == ("cnipa", "publicity-department", "mfa", "moj")
    assert edition.task(82).departments == ("cnipa",)


def test_text_is_exactly_the_source_minus_the_clause(edition: Edition) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    task = edition.task(1)
    assert lines[6] == f"1. {task.text_en} ({task.responsibility_en})"


def test_respective_duties_and_other_departments_flags(edition: Edition) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    expected = len(re.findall(r"respective (?:duties|responsibilities)\)|division of responsibilities\)", text))
    assert sum(t.respective_duties for t in edition.tasks) == expected == 34
    assert [t.number for t in edition.tasks if t.and_others] == [12, 47]
    assert edition.task(15).respective_duties and not edition.task(16).respective_duties


def test_collective_mentions_are_not_departments(edition: Edition) -> None:
    assert {t.number: t.collectives for t in edition.tasks if t.collectives} == {
        10: ("joint-conference-relevant-members",),
        11: ("joint-conference-relevant-members",),
        61: ("project-competent-departments",),
        114: ("joint-conference-members",),
    }
    assert edition.task(10).departments == ("cnipa",)
    assert edition.task(114).departments == ("joint-conference-office",)


def test_garbled_and_variant_names_resolve_to_the_right_body(edition: Edition) -> None:
    assert edition.task(47).departments == (
        "publicity-department",
        "miit",
        "ngoa",
    )  # "State Administration of State Administration"
    assert edition.task(44).departments == ("cnipa", "nmpa")  # "State Food and Drug Administration"
    assert edition.task(70).departments == ("sasac", "cnipa")  # "SASAC", "State Intellectual Property Office"
    assert edition.task(77).departments[3] == "nfra"  # "Financial Regulatory Commission"
    assert edition.task(117).departments == ("mof", "sta")  # "State Administration of Taxation"


def test_first_department_leads(edition: Edition) -> None:
    task = edition.task(13)
    assert task.responsibilities[0].role == "lead" and task.lead == "cnipa"
    assert {r.role for r in task.responsibilities[1:]} == {"participant"}
    assert len(task.participants) == 7


def test_import_stops_on_an_unknown_name_and_writes_nothing(data: Path, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        SOURCE.read_text(encoding="utf-8").replace(
            "(General Administration of Customs is responsible)",
            "(Ministry of Magic and General Administration of Customs are responsible)",
        ),
        encoding="utf-8",
    )
    before = tree_digest(data)
    result = cli_in_process("--data", data, "import", source)
    assert result.returncode == 1
    assert (
        f'{source}:11: task 5 names "Ministry of Magic", which is no known department — if it is a known body under '
        "another name, add this name to the aliases of that body's entry in data/departments.yaml (closest known: "
    ) in result.stderr
    assert re.search(r'closest known: "[^"]+" \(id: [a-z-]+\)', result.stderr)  # the entry to add the name to
    assert tree_digest(data) == before


def test_import_reports_a_line_it_cannot_place(data: Path, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    text = SOURCE.read_text(encoding="utf-8").replace(
        "1. Accelerate the revision of the Trademark", "1 Accelerate the revision of the Trademark"
    )
    source.write_text(text, encoding="utf-8")
    before = tree_digest(data)
    result = cli_in_process("--data", data, "import", source)
    assert result.returncode == 1
    assert (
        f"{source}:7: cannot tell what this line is: '1 Accelerate the revision of the Trademark Law of the People…'"
        in result.stderr
    )
    assert f"{source}:8: task 2 found where task 1 was expected" in result.stderr
    assert tree_digest(data) == before
