"""The English importer on other publishers' shapes (fixtures in tests/fixtures/import/en, written
for these tests): Roman or Arabic sections, (I)/(1)/(i) subsections, clause wordings, long front
matter and closing text, clauses on their own line; and each broken variant named by its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plansite.catalog.clause_en import AliasIndex, UnknownName
from plansite.catalog.problems import DataError
from plansite.importers.english import import_translation, parse_text
from tests.conftest import ROOT, bundled, cli_in_process, tree_digest

FIXTURES = ROOT / "tests" / "fixtures" / "import" / "en"
CATALOG = bundled()[0]
INDEX = AliasIndex(CATALOG.departments, CATALOG.collectives)

Outline = list[tuple[int, str, list[str]]]
Row = tuple[int, int, int | None, tuple[str, ...], tuple[str, ...], bool, bool]


def imported(name: str) -> dict[str, Any]:
    return import_translation(FIXTURES / name, name, INDEX)


def outline(content: dict[str, Any]) -> Outline:
    return [(s["number"], s["title_en"], [sub["title_en"] for sub in s["subsections"]]) for s in content["sections"]]


def rows(content: dict[str, Any]) -> list[Row]:
    """Each task as (number, section, subsection, departments, collectives, respective_duties, and_others)."""
    return [
        (
            t["number"],
            t["section"],
            t["subsection"],
            tuple(t["departments"]),
            tuple(t["collectives"]),
            t["respective_duties"],
            t["and_others"],
        )
        for t in content["tasks"]
    ]


def numbered_subsections(content: dict[str, Any]) -> list[list[int]]:
    return [[sub["number"] for sub in s["subsections"]] for s in content["sections"]]


# --- Shapes that import ---------------------------------------------------------------------------


def test_roman_shape_as_the_bundled_translation() -> None:
    content = imported("roman.txt")
    assert content["front_en"] == [
        "An invented sample plan for the importer tests, laid out like the bundled translation.",
        "None of its tasks are real; the bodies named are.",
    ]
    assert outline(content) == [
        (1, "Sharpen the rules", ["Laws and regulations", "Policy documents", "New fields"]),
        (2, "Enforce rights", ["Courts", "Ports and markets"]),
        (3, "Organise the work", []),
    ]
    assert numbered_subsections(content) == [[1, 2, 3], [1, 2], []]
    assert rows(content) == [
        (1, 1, 1, ("cnipa", "moj"), (), False, False),
        (2, 1, 1, ("cnipa",), (), False, False),
        (3, 1, 2, ("samr",), (), False, False),
        (4, 1, 3, ("publicity-department", "cnipa"), (), True, False),
        (5, 2, 1, ("spc",), (), False, False),
        (6, 2, 1, ("spp",), (), False, False),
        (7, 2, 2, ("gacc", "mps"), (), False, True),
        (8, 3, None, ("joint-conference-office",), (), False, False),
    ]
    task4 = content["tasks"][3]  # shares its line with the heading of subsection (III)
    assert task4["text_en"] == "Study how generated images may be registered."
    assert task4["responsibility_en"] == (
        "The Central Propaganda Department and the National Intellectual Property "
        "Administration are responsible according to their respective duties"
    )
    assert content["closing_en"] == ["The body named first leads; the others take part."]


def test_arabic_sections_tell_headings_from_tasks() -> None:
    content = imported("arabic.txt")
    assert content["front_en"] == ["A second invented sample, numbered with Arabic figures throughout."]
    # "2. Protect rights" is both the next section and the next task number: task 2 right after it says heading.
    assert outline(content) == [
        (1, "Build the system", []),
        (2, "Protect rights", []),
        (3, "Serve the public", ["Information", "Training"]),
        (4, "Work together", []),
    ]
    assert rows(content) == [
        (1, 1, None, ("mara",), (), False, False),
        (2, 2, None, ("spc", "spp"), (), False, False),
        (3, 2, None, ("mps",), (), False, False),
        (4, 3, 1, ("cnipa",), (), False, False),
        (5, 3, 2, ("moe", "most"), (), False, False),
        (6, 4, None, ("gacc", "samr"), (), False, False),
        (7, 4, None, ("joint-conference-office",), (), False, False),
    ]
    assert content["tasks"][1]["text_en"] == "Publish a list of model enforcement cases."
    assert content["tasks"][4]["text_en"] == "Offer short courses for small firms."  # its clause is on the next line
    assert content["closing_en"] == []


def test_lower_case_roman_subsections() -> None:
    content = imported("lower_roman.txt")
    assert outline(content) == [
        (1, "Plan the year", ["Targets"]),
        (2, "Plan the second part", ["Courts", "Trade", "Finance"]),
        (3, "Close the year", []),
    ]
    assert numbered_subsections(content) == [[1], [1, 2, 3], []]
    assert rows(content) == [
        (1, 1, 1, ("cnipa",), (), False, False),
        (2, 2, 1, ("spc",), (), False, False),
        (3, 2, 2, ("mofcom",), (), False, False),
        (4, 2, 3, ("pbc", "mof"), (), False, False),
        (5, 3, None, ("joint-conference-office",), (), False, False),
        (6, 3, None, ("joint-conference-office",), (), False, False),
    ]


def test_every_clause_form_in_one_plan() -> None:
    content = imported("clause_forms.txt")
    assert outline(content) == [(1, "Clause forms", ["Single and paired bodies", "Longer lists"])]
    assert rows(content) == [
        (1, 1, 1, ("cnipa",), (), False, False),
        (2, 1, 1, ("moj", "spc"), (), False, False),
        (3, 1, 1, ("mofcom", "mof", "gacc"), (), False, False),
        (4, 1, 1, ("moe", "most"), (), False, False),
        (5, 1, 1, ("samr",), (), False, False),
        (6, 1, 2, ("mps", "spp", "spc"), (), True, False),
        (7, 1, 2, ("mct", "publicity-department"), (), False, True),
        (8, 1, 2, ("miit", "pbc"), (), False, True),
        (9, 1, 2, ("cnipa", "mara"), ("joint-conference-relevant-members",), False, False),
        (10, 1, 2, ("mofcom", "ccpit"), (), True, False),
    ]
    assert [t["text_en"] for t in content["tasks"]][:2] == ["Write a first rule.", "Write a second rule."]
    assert content["tasks"][2]["responsibility_en"] == (
        "Responsible by the Ministry of Commerce, the Ministry of Finance, and the General Administration of Customs"
    )


def test_long_front_matter_and_closing_text() -> None:
    content = imported("long_front_closing.txt")
    # Numbered front lines start no section: neither is followed by a subsection (1) or a task 1.
    assert content["front_en"] == [
        "Foreword to an invented sample plan.",
        "This sample was written for the importer tests and quotes no published text.",
        "1. Why this sample exists",
        "The importer must pass over numbered lines in the front matter when no section follows them.",
        "2. What it holds",
        "Three sections, three subsections and seven tasks, all made up.",
        "(1) Nothing here is a subsection, since no section has begun yet.",
    ]
    # After the last task everything is closing, even lines shaped like tasks or headings.
    assert content["closing_en"] == [
        "Notes on the division of work:",
        "1. The body named first leads.",
        "2. The others take part.",
        "4. Annex: contact points",
        "(1) Office of the Joint Conference",
        "Issued for testing only.",
    ]
    assert outline(content) == [
        (1, "Strengthen protection", ["Courts", "Customs"]),
        (2, "Support use of rights", ["Finance"]),
        (3, "Organise the work", []),
    ]
    assert rows(content) == [
        (1, 1, 1, ("spc",), (), False, False),
        (2, 1, 1, ("spc", "spp"), (), False, False),
        (3, 1, 2, ("gacc",), (), False, False),
        (4, 2, 1, ("pbc",), (), False, False),
        (5, 2, 1, ("cnipa",), (), False, False),
        (6, 3, None, ("joint-conference-office",), (), False, False),
        (7, 3, None, ("joint-conference-office",), ("joint-conference-relevant-members",), False, False),
    ]


def test_clause_on_its_own_line() -> None:
    content = imported("own_line_clause.txt")
    assert outline(content) == [(1, "Prepare", ["Rules", "People"]), (2, "Carry out", [])]
    assert rows(content) == [
        (1, 1, 1, ("cnipa",), (), False, False),
        (2, 1, 1, ("samr",), (), False, False),
        (3, 1, 2, ("spc",), (), False, False),
        (4, 2, None, ("mofcom", "cnipa"), (), False, False),
        (5, 2, None, ("ccpit",), (), False, False),
        (6, 2, None, ("miit",), (), True, True),
    ]
    first = content["tasks"][0]  # the text keeps its own parentheses: the clause is the next line
    assert first["text_en"] == "Finish the rules on the Outline (2021-2035) mid-term review."
    assert first["responsibility_en"] == "National Intellectual Property Administration is responsible"
    assert content["tasks"][2]["text_en"] == "Train judges in plant variety disputes."


def test_the_cli_imports_another_shape(data: Path) -> None:
    plan = data / "editions" / "2025" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "partial: true\n", encoding="utf-8")  # 7 of 118 tasks
    result = cli_in_process("--data", data, "import", FIXTURES / "arabic.txt", "--edition", "2025")
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load((data / "editions" / "2025" / "content.en.yaml").read_text(encoding="utf-8"))
    assert [t["number"] for t in written["tasks"]] == list(range(1, 8))
    assert [s["title_en"] for s in written["sections"]] == [
        "Build the system",
        "Protect rights",
        "Serve the public",
        "Work together",
    ]


# --- Broken variants: each names its line, and nothing is written ---------------------------------

BROKEN = {
    "task without its clause": (
        "roman.txt",
        " (The Supreme People’s Procuratorate is responsible)",
        "",
        [
            (
                13,
                "task 6 has no responsibility clause — end the task with '(The … is responsible)' or put that clause on the next line",
            )
        ],
    ),
    "unknown body": (
        "roman.txt",
        "Supreme People’s Procuratorate",
        "Supreme Court of Appeal",
        [
            (
                13,
                'task 6 names "Supreme Court of Appeal", which is no known department — if it is a known body under another name',
            )
        ],
    ),
    "heading where a task should be": (
        "arabic.txt",
        "3. Serve the public",
        "6. Serve the public",
        [
            (
                7,
                "this line is neither section 3 nor task 4, and has no responsibility clause: '6. Serve the public' — if it is "
                "a section heading, write it '3. …' (the next section's number); if it is a task, number it 4 and end the task "
                "with '(The … is responsible)' or put that clause on the next line",
            )
        ],
    ),
    "task without its clause where a heading could be": (
        "arabic.txt",
        "(The Ministry of Public Security is responsible)",
        "",
        [
            (
                6,
                "task 3 has no responsibility clause — end the task with '(The … is responsible)' or put that clause on the "
                "next line; if the line is a section heading, write it '3. …' (the next section's number)",
            )
        ],
    ),
    "task number out of order": (
        "roman.txt",
        "5. Issue sample",
        "6. Issue sample",
        [(12, "task 6 found where task 5 was expected — tasks must be numbered 1, 2, 3… without gaps")],
    ),
    "section number out of order": (
        "roman.txt",
        "II. Enforce rights",
        "IV. Enforce rights",
        [(10, "section IV found where section II was expected")],
    ),
    "subsection number out of order": (
        "lower_roman.txt",
        "(ii) Trade",
        "(iv) Trade",
        [(8, "subsection (iv) found where subsection 2 of section 2 was expected")],
    ),
    "ambiguous heading followed by prose": (
        "arabic.txt",
        "2. Protect rights\n",
        "2. Protect rights\nThis part is about enforcement.\n",
        [
            (
                4,
                "cannot tell whether this is a section heading or task 2: '2. Protect rights' — if it is task 2, end it with its "
                "clause '(The … is responsible)'; if it is the heading of section 2, follow it with its first subsection '(1) …' or with task 2",
            ),
            (5, "cannot tell what this line is: 'This part is about enforcement.'"),
        ],
    ),
    "ambiguous task that lost its clause": (
        "arabic.txt",
        "2. Protect rights\n2. Publish a list of model enforcement cases. (The Supreme People’s Court and the "
        "Supreme People’s Procuratorate are responsible)",
        "2. Publish a list of model enforcement cases.",
        [
            (
                4,
                "cannot tell whether this is a section heading or task 2: '2. Publish a list of model enforcement cases.'",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_broken_variant_names_its_line_and_writes_nothing(case: str, data: Path, tmp_path: Path) -> None:
    name, old, new, expected = BROKEN[case]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    source = tmp_path / name
    source.write_text(text.replace(old, new), encoding="utf-8")
    before = tree_digest(data)
    result = cli_in_process("--data", data, "import", source, "--edition", "2025")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for line, message in expected:
        assert any(out.startswith(f"{source}:{line}: {message}") for out in lines), (
            f"missing {line}: {message}\n{result.stderr}"
        )
    assert tree_digest(data) == before


JUSTICE = "(Ministry of Justice is responsible)"


@pytest.mark.parametrize(
    "lines",
    [
        [
            "1. One",
            f"1. First task. {JUSTICE}",
            "2. Two",
            "Some prose.",
            f"2. Second task. {JUSTICE}",
        ],  # read as heading 2
        [
            "1. One",
            f"1. First task. {JUSTICE}",
            "2. Second task.",
            f"3. Third task. {JUSTICE}",
            "2. Two",
            f"4. Fourth task. {JUSTICE}",
        ],  # as task 2
    ],
    ids=["heading", "task"],
)
def test_an_ambiguous_line_counts_as_what_it_looks_like(lines: list[str]) -> None:
    """So the lines after it are not reported out of order as well: only line 3 (and the prose) is wrong."""
    with pytest.raises(DataError) as caught:
        parse_text("\n".join(lines), "plan.txt")
    found = [(p.line, p.message.split(":")[0]) for p in caught.value.problems]
    assert found[0] == (3, "cannot tell whether this is a section heading or task 2")
    assert found[1:] == ([(4, "cannot tell what this line is")] if "Some prose." in lines else [])


# --- Clause forms, one by one ----------------------------------------------------------------------

CLAUSES = [
    ("The National Intellectual Property Administration is responsible", ("cnipa",), (), False, False),
    ("Ministry of Justice and Supreme People's Court are responsible", ("moj", "spc"), (), False, False),
    ("The Ministry of Finance is responsible.", ("mof",), (), False, False),
    (
        "Responsible by the Ministry of Commerce, the Ministry of Finance, and the General Administration of Customs",
        ("mofcom", "mof", "gacc"),
        (),
        False,
        False,
    ),
    (
        "Responsible by Ministry of Commerce, Ministry of Finance and General Administration of Customs",
        ("mofcom", "mof", "gacc"),
        (),
        False,
        False,
    ),
    ("Responsibility: Ministry of Education; Ministry of Science and Technology", ("moe", "most"), (), False, False),
    (
        "Responsible departments: Ministry of Education; Ministry of Science and Technology.",
        ("moe", "most"),
        (),
        False,
        False,
    ),
    ("Led by the State Administration for Market Regulation", ("samr",), (), False, False),
    (
        "The Ministry of Public Security, the Supreme People’s Procuratorate and the Supreme People’s Court are responsible "
        "according to their respective duties",
        ("mps", "spp", "spc"),
        (),
        True,
        False,
    ),
    (
        "The Ministry of Public Security and the Supreme People’s Court are responsible in accordance with their respective duties",
        ("mps", "spc"),
        (),
        True,
        False,
    ),
    (
        "Responsible by the Ministry of Commerce and the China Council for the Promotion of International Trade according to "
        "their respective duties",
        ("mofcom", "ccpit"),
        (),
        True,
        False,
    ),
    (
        "Ministry of Culture and Tourism, Central Propaganda Department, etc. are responsible",
        ("mct", "publicity-department"),
        (),
        False,
        True,
    ),
    (
        "Ministry of Culture and Tourism, Central Propaganda Department etc.",
        ("mct", "publicity-department"),
        (),
        False,
        True,
    ),
    (
        "The Ministry of Industry and Information Technology, the People’s Bank of China, and other departments are responsible",
        ("miit", "pbc"),
        (),
        False,
        True,
    ),
    (
        "The Ministry of Commerce, the Ministry of Justice and other relevant departments are responsible according to their "
        "respective duties",
        ("mofcom", "moj"),
        (),
        True,
        True,
    ),
    (
        "National Intellectual Property Administration; Ministry of Agriculture and Rural Affairs; relevant member units of the "
        "Joint Conference",
        ("cnipa", "mara"),
        ("joint-conference-relevant-members",),
        False,
        False,
    ),
    (
        "Ministry of Agriculture and Rural Affairs; State Administration of Science, Technology and Industry for National Defense "
        "are responsible",
        ("mara", "sastind"),
        (),
        False,
        False,
    ),
]


@pytest.mark.parametrize(
    ("clause", "departments", "collectives", "respective", "others"), CLAUSES, ids=[c[0][:50] for c in CLAUSES]
)
def test_each_clause_form(
    clause: str, departments: tuple[str, ...], collectives: tuple[str, ...], respective: bool, others: bool
) -> None:
    parsed = INDEX.parse(clause)
    assert parsed.departments == departments
    assert parsed.collectives == collectives
    assert (parsed.respective_duties, parsed.and_others) == (respective, others)


@pytest.mark.parametrize(
    ("clause", "unknown"),
    [
        ("Ministry of Justice; Ministry of Magic; Supreme People's Court", "Ministry of Magic"),
        ("Responsible by the Ministry of Magic", "Ministry of Magic"),
        ("Led by the Ministry of Magic and the Ministry of Justice", "Ministry of Magic"),
        ("The Ministry of Magic, etc. are responsible", "Ministry of Magic"),
    ],
)
def test_an_unknown_name_in_any_clause_form(clause: str, unknown: str) -> None:
    with pytest.raises(UnknownName) as caught:
        INDEX.parse(clause)
    assert caught.value.name == unknown
