"""Implementation tracking: sourced updates only, shown on task pages, the progress page, the feed and the exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from plansite.view.labels import status_label, task_title
from tests.conftest import DATA, TASKS, bundled, cli_in_process
from tests.sitewalk import parse

EDITION = bundled()[0].editions[0]

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
            f"update #{len(EDITION.updates) + 1} has no field 'sources' — add 'sources:' (a list)",
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
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert f"{UPDATES}:{line}: {message}" in result.stderr.splitlines(), result.stderr


def test_task_page_shows_badge_and_sourced_history(built: Path) -> None:
    latest = EDITION.history(3)[-1]
    page = parse(built / "site" / "2025" / "tasks" / "3" / "index.html")
    assert f"进展 · Status: {status_label(latest.status)} ({latest.date.isoformat()})" in page.text
    source = latest.sources[0]
    date = source.date.isoformat() if source.date else "日期未载 · no date given"
    assert f"来源 · Source: {source.publisher}, {date}: " in page.text
    quiet = next(t for t in EDITION.tasks if not EDITION.history(t.number))
    other = parse(built / "site" / "2025" / "tasks" / str(quiet.number) / "index.html")
    assert "进展 · Status: 未记录进展 · no update recorded" in other.text
    assert "Searched on 2026-12-03: no public report found." in other.text


def test_progress_counts_match_the_update_file(built: Path) -> None:
    from plansite.catalog.yamlio import read_yaml

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
    assert len(entries) == len(EDITION.updates)
    newest = max(EDITION.updates, key=lambda u: (u.date, u.task))
    assert entries[0].find(f"{ATOM}title").text == (
        f"{task_title(EDITION.task(newest.task))}: {status_label(newest.status)} ({newest.date.isoformat()})"
    )
    assert entries[0].find(f"{ATOM}link").get("href") == f"/2025/tasks/{newest.task}/"


def test_exports_carry_status_and_history() -> None:
    tasks = json.loads(cli_in_process("export").stdout)["tasks"]
    latest = EDITION.history(3)[-1]
    assert tasks[2]["status"] == latest.status and len(tasks[2]["updates"]) == len(EDITION.history(3))
    quiet = next(t for t in EDITION.tasks if not EDITION.history(t.number))
    assert tasks[quiet.number - 1]["status"] == "no update recorded" and tasks[quiet.number - 1]["updates"] == []
    assert tasks[quiet.number - 1]["searched"] == "2026-12-03" and tasks[quiet.number - 1]["queries"]
    csv_rows = cli_in_process("export", "--format", "csv").stdout.splitlines()
    assert csv_rows[0].split(",")[12:14] == ["status", "status_date"]
    assert f",{latest.status},{latest.date.isoformat()}," in csv_rows[3]
