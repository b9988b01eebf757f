"""The plan at a glance: matrix, charts, collaboration and the task table, checked against counts
made independently from the source text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from plansite.catalog.load import load
from plansite.view.index import EditionIndex
from tests.conftest import DATA, SOURCE, TASKS
from tests.sitewalk import parse

SVG = "{http://www.w3.org/2000/svg}"


def source_clauses() -> list[tuple[int, str]]:
    """(section number, responsibility clause) for every task, read straight from the translation."""
    section, found = 0, []
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII"]
    text = SOURCE.read_text(encoding="utf-8")
    for line in text.splitlines():
        head = re.match(r"^([IVX]+)\. ", line)
        if head and head.group(1) in numerals:
            section = numerals.index(head.group(1)) + 1
        found += [
            (section, c)
            for c in re.findall(r"\(([^()]*)\)\s*$", line)
            if re.search(r"\d+\. ", line) or line.startswith("(")
        ]
    return found


def test_independent_counts_match_the_matrix(built: Path) -> None:
    clauses = source_clauses()
    assert len(clauses) == TASKS
    cnipa_names = ("National Intellectual Property Administration", "State Intellectual Property Office")
    cnipa_led = sum(1 for _, c in clauses if re.sub(r"^the ", "", c, flags=re.I).startswith(cnipa_names))
    section3 = sum(1 for s, _ in clauses if s == 3)
    assert (cnipa_led, section3) == (29, 25)

    matrix = (built / "site" / "2025" / "matrix" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr>\s*<td><a href="../departments/cnipa/">.*?</tr>', matrix, re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    led_by_section = [int(re.match(r"(\d+)†? · \d+$", c).group(1)) if c else 0 for c in cells[1:8]]
    assert sum(led_by_section) == cnipa_led == int(cells[9])
    assert cells[3] == "6 · 10"  # section III: CNIPA leads 6 and takes part in 10


def test_matrix_tells_shared_leads_apart(built: Path) -> None:
    """The plan's rule makes the first-named body the lead even "according to their respective
    duties"; the matrix counts those shared leads separately, as counted here from the source."""
    first_of_shared = sum(
        1
        for _, c in source_clauses()
        if re.match(r"(the )?Central Propaganda Department\b", c, re.I)
        and re.search(r"respective (duties|responsibilities)", c)
    )
    assert first_of_shared > 10
    matrix = (built / "site" / "2025" / "matrix" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr>\s*<td><a href="../departments/publicity-department/">.*?</tr>', matrix, re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert int(cells[10]) == first_of_shared and int(cells[9]) > first_of_shared
    assert "†" in cells[1]
    department = parse(built / "site" / "2025" / "departments" / "publicity-department" / "index.html").text
    assert (
        f"按职责分工、列首位的任务 · Named first, each department acting according to its duties ({first_of_shared})"
        in department
    )


def test_section_chart_counts(built: Path) -> None:
    charts = parse(built / "site" / "2025" / "charts" / "index.html").text
    assert (
        "三、完善知识产权市场运行机制 · III. Improve the operation mechanism of the intellectual property market 25"
        in charts
    )


def test_every_chart_is_valid_svg_with_a_title_and_a_table(built: Path) -> None:
    folder = built / "site" / "2025" / "charts"
    svgs = sorted(folder.glob("*.svg"))
    catalog = load(DATA)[0]
    departments = len(EditionIndex(catalog, catalog.editions[0]).departments)
    assert len(svgs) == 5 + departments  # four plan charts, the progress chart, one per department
    for path in svgs:
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    page = (folder / "index.html").read_text(encoding="utf-8")
    for name in ("sections", "subsections", "leads", "participants"):
        after = page[page.index(f'src="{name}.svg"') :]
        assert after.index("<table") < after.index("<h2") if "<h2" in after else "<table" in after
    department = (built / "site" / "2025" / "departments" / "cnipa" / "index.html").read_text(encoding="utf-8")
    assert (
        'src="../../charts/department-cnipa.svg"' in department
        and 'alt="China National Intellectual Property Administration (CNIPA): tasks by section' in department
    )


def test_strongest_pair_is_counted_from_the_data(built: Path) -> None:
    clauses = [c for _, c in source_clauses()]
    both = sum(
        1
        for c in clauses
        if "Central Propaganda Department" in c
        and re.search("National Intellectual Property Administration|State Intellectual Property Office", c)
    )
    page = parse(built / "site" / "2025" / "collaboration" / "index.html").text
    assert f"1 中央宣传部 · Publicity Department 国家知识产权局 · CNIPA {both}" in page
