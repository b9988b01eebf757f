"""The offline copy, the downloads and the citation files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import TASKS, cli_in_process, run_cli, tree_digest
from tests.sitewalk import broken_links, parse
from tests.test_atomic import small_built  # noqa: F401 - a fixture


def test_offline_copy_has_every_page_without_directory_urls(offline_copy: Path) -> None:
    assert (offline_copy / "index.html").exists()
    assert len([p for p in (offline_copy / "2025" / "tasks").glob("*.html") if p.stem.isdigit()]) == TASKS
    assert (offline_copy / "search" / "search_index.js").exists()  # search without fetch() from file://
    assert (offline_copy / "assets" / "plansite-iframe-worker.js").exists()
    assert not (offline_copy / "2025" / "57").exists()  # short links are for the hosted site


def test_offline_copy_links_all_resolve(offline_copy: Path) -> None:
    assert broken_links(offline_copy) == []


def test_offline_copy_loads_nothing_from_outside(offline_copy: Path) -> None:
    for html in offline_copy.rglob("*.html"):
        for resource in parse(html).resources:
            assert not resource.startswith(("http:", "https:", "//")), f"{html}: {resource}"


def test_offline_copy_has_no_download_of_itself(offline_copy: Path) -> None:
    assert "plansite-2025-offline.zip" not in (offline_copy / "2025" / "downloads" / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.fixture(scope="module")
def offline_zip(small_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """`build.py offline --out FOLDER/a.zip` on the small fixture series, whose whole build
    (test_atomic.small_built) holds the zip to compare with: returns FOLDER."""
    folder = tmp_path_factory.mktemp("offline-command")
    result = run_cli("--data", small_built / "data", "offline", "--out", folder / "a.zip")
    assert result.returncode == 0, result.stderr
    return folder


def test_offline_command_writes_the_same_zip_and_nothing_beside_it(small_built: Path, offline_zip: Path) -> None:  # noqa: F811
    """Two runs, another process and another time, the same bytes: the zip is reproducible."""
    assert sorted(tree_digest(offline_zip)) == ["a.zip"]
    (published,) = (small_built / "site").glob("*/downloads/plansite-*-offline.zip")
    assert (offline_zip / "a.zip").read_bytes() == published.read_bytes()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("plan-2025.json", "json"), ("tasks-2025.csv", "csv"), ("responsibilities-2025.csv", "responsibilities-csv")],
)
def test_downloads_match_export_byte_for_byte(built: Path, name: str, fmt: str) -> None:
    published = (built / "site" / "2025" / "downloads" / name).read_bytes()
    result = cli_in_process("export", "--format", fmt)
    assert published == result.stdout.encode("utf-8")


def test_csv_columns_are_documented(built: Path) -> None:
    page = parse(built / "site" / "2025" / "downloads" / "index.html").text
    for name in ("tasks-2025.csv", "responsibilities-2025.csv"):
        header = next(
            csv.reader(io.StringIO((built / "site" / "2025" / "downloads" / name).read_text(encoding="utf-8-sig")))
        )
        for column in header:
            assert column in page, f"{name}: column {column!r} is not documented"
    plan = json.loads((built / "site" / "2025" / "downloads" / "plan-2025.json").read_text(encoding="utf-8"))
    for field in [*plan, *plan["tasks"][0], *plan["departments"][0]]:
        assert field in page, f"JSON field {field!r} is not documented"


def test_citation_files(built: Path) -> None:
    cite = built / "site" / "2025" / "cite"
    csl = json.loads((cite / "task-57.csl.json").read_text(encoding="utf-8"))
    assert csl[0]["title"] == "2025 Plan for Building an Intellectual Property Powerhouse, Task 57"
    assert csl[0]["URL"] == "/2025/tasks/57/" and csl[0]["issued"] == {"date-parts": [[2025, 4, 29]]}
    bib = (cite / "task-57.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{ip-nation-building-2025-task-57,") and "Named first: MOE" in bib
    ris = (cite / "task-57.ris").read_text(encoding="utf-8").splitlines()
    assert ris[0] == "TY  - GOVDOC" and ris[-1] == "ER  - " and "UR  - /2025/tasks/57/" in ris


def test_citation_line_on_the_task_page(built: Path) -> None:
    page = parse(built / "site" / "2025" / "tasks" / "57" / "index.html")
    assert (
        "Office of the Inter-ministerial Joint Conference on Building an Intellectual Property Powerhouse "
        "(国家知识产权强国建设工作部际联席会议办公室), 2025 Plan for Building an Intellectual Property Powerhouse "
        "(2025年知识产权强国建设推进计划), issued 2025-04-29, Task 57 (editors' title: Patent application quality and pre-filing review) — named first: MOE (each body according to its respective duties). /2025/tasks/57/"
    ) in page.text


def test_print_and_briefing_pages(built: Path) -> None:
    whole = parse(built / "site" / "2025" / "print" / "index.html").text
    for n in (1, 57, 118):
        assert f"任务 {n} · Task {n}." in whole
    briefing = parse(built / "site" / "2025" / "briefings" / "cnipa" / "index.html").text
    assert briefing.index("Tasks led") < briefing.index("Tasks taken part in")
    assert "Deepen the implementation of the patent open licensing system" in briefing
