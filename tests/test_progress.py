"""Implementation tracking: sourced updates only, shown on task pages, the progress page, the feed and the exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import TASKS, run_cli
from tests.sitewalk import parse

UPDATES = "data/editions/2025/updates.yaml"
ATOM = "{http://www.w3.org/2005/Atom}"
GOOD = """- task: 5
  date: 2025-06-02
  status: in progress
  note_en: Draft published for comment.
  sources:
    - {title: A notice, publisher: GACC, date: 2025-06-02, url: null}
"""


def add_update(data: Path, text: str) -> int:
    path = data / "editions" / "2025" / "updates.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + text, encoding="utf-8")
    return before.count("\n") + 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace(
                "  sources:\n    - {title: A notice, publisher: GACC, date: 2025-06-02, url: null}\n", "  sources: []\n"
            ),
            "update of task 5 has no source — add at least one source (title, publisher, date, url): no update without a source",
        ),
        (
            lambda t: t.replace(
                "  sources:\n    - {title: A notice, publisher: GACC, date: 2025-06-02, url: null}\n", ""
            ),
            "update #2 has no field 'sources' — add 'sources:' (a list)",
        ),
        (
            lambda t: t.replace("date: 2025-06-02\n  status", "date: 2025-01-02\n  status"),
            "update of task 5 is dated 2025-01-02, before the plan was issued (2025-04-29) — check the date",
        ),
        (
            lambda t: t.replace("date: 2025-06-02\n  status", "date: 2999-01-01\n  status"),
            "update of task 5 is dated 2999-01-01, in the future — record only what has happened",
        ),
        (
            lambda t: t.replace("status: in progress", "status: nearly there"),
            "update of task 5: unknown status 'nearly there' — use one of: not started, in progress, done, dropped",
        ),
        (
            lambda t: t.replace("task: 5", "task: 500"),
            "update for task 500, which does not exist — fix the task number",
        ),
    ],
    ids=["no-source", "no-sources-field", "before-issue", "future", "unknown-status", "unknown-task"],
)
def test_bad_updates_are_rejected(data: Path, change, message: str) -> None:
    line = add_update(data, change(GOOD))
    result = run_cli("--data", data, "check")
    assert result.returncode == 1
    assert f"{UPDATES}:{line}: {message}" in result.stderr.splitlines(), result.stderr


def test_task_page_shows_badge_and_sourced_history(built: Path) -> None:
    page = parse(built / "site" / "2025" / "tasks" / "3" / "index.html")
    assert "进展 · Status: 已完成 · done (2025-05-01)" in page.text
    assert "2025-05-01 — 已完成 · done. The revised Regulations on the Protection of New Plant Varieties" in page.text
    assert (
        "Sources: Xinhua News Agency (新华社), 李强签署国务院令 公布修订后的《中华人民共和国植物新品种保护条例》, 2025-05-01"
        in page.text
    )
    other = parse(built / "site" / "2025" / "tasks" / "4" / "index.html")
    assert "进展 · Status: 未记录进展 · no update recorded" in other.text


def test_progress_counts_match_the_update_file(built: Path) -> None:
    from plansite.catalog.yamlio import read_yaml
    from tests.conftest import DATA

    updates = read_yaml(DATA / "editions" / "2025" / "updates.yaml", "updates.yaml")
    latest: dict[int, tuple[str, str]] = {}
    for u in updates:
        if u["task"] not in latest or str(u["date"]) >= latest[u["task"]][0]:
            latest[u["task"]] = (str(u["date"]), u["status"])
    done = sum(1 for _, s in latest.values() if s == "done")
    page = parse(built / "site" / "2025" / "progress" / "index.html").text
    assert f"已完成 · done {done}" in page
    assert f"未记录进展 · no update recorded {TASKS - len(latest)}" in page


def test_feed_is_atom_with_one_entry_per_update(built: Path) -> None:
    root = ET.parse(built / "site" / "2025" / "updates.xml").getroot()
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}title").text == "Task 3: 已完成 · done (2025-05-01)"
    assert entries[0].find(f"{ATOM}link").get("href") == "/2025/tasks/3/"


def test_exports_carry_status_and_history() -> None:
    tasks = json.loads(run_cli("export").stdout)["tasks"]
    assert tasks[2]["status"] == "done" and tasks[2]["updates"][0]["sources"][0]["date"] == "2025-05-01"
    assert tasks[3]["status"] == "no update recorded" and tasks[3]["updates"] == []
    csv_rows = run_cli("export", "--format", "csv").stdout.splitlines()
    assert csv_rows[0].split(",")[12:14] == ["status", "status_date"]
    assert ",done,2025-05-01," in csv_rows[3]
