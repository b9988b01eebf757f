"""The public data formats, checked against independent counts from the source text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.conftest import SECTIONS, SOURCE, TASKS, cli_in_process


def export(*args: str | Path) -> str:
    result = cli_in_process("export", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_lists_118_tasks_and_every_department_with_both_names() -> None:
    data = json.loads(export("--format", "json"))
    assert set(data) == {"plan", "sections", "departments", "collectives", "topics", "tasks"}
    assert data["plan"]["edition"] == "2025" and data["plan"]["title_zh"] == "2025年知识产权强国建设推进计划"
    assert len(data["tasks"]) == TASKS
    assert len(data["sections"]) == SECTIONS
    for dept in data["departments"]:
        assert set(dept) == {
            "id",
            "name_en",
            "name_zh",
            "short_zh",
            "plan_zh",
            "zh_check",
            "abbr",
            "kind",
            "aliases",
            "garbled",
            "former_names",
            "predecessors",
        }
        assert dept["name_en"] and re.search(r"[\u4e00-\u9fff]", dept["name_zh"]), dept
        assert re.search(r"[\u4e00-\u9fff]", dept["plan_zh"]) and dept["zh_check"] in ("confirmed", "reconstructed"), (
            dept
        )
        assert set(dept["garbled"]) <= set(dept["aliases"]), dept
    named = {r["department"] for t in data["tasks"] for r in t["responsibilities"]}
    assert named == {d["id"] for d in data["departments"]}


def test_json_carries_plan_forms_garbled_names_and_links() -> None:
    data = json.loads(export())
    plan = data["plan"]
    assert plan["official_url"] is None
    assert plan["official_publisher"] == "cnipa" and plan["official_publisher_url"] == "https://www.cnipa.gov.cn/"
    assert plan["translation_url"].startswith("https://natlawreview.com/")
    depts = {d["id"]: d for d in data["departments"]}
    assert (depts["cnipa"]["plan_zh"], depts["cnipa"]["zh_check"], depts["cnipa"]["short_zh"]) == (
        "国家知识产权局",
        "confirmed",
        "国知局",
    )
    assert depts["ngoa"]["aliases"] == depts["ngoa"]["garbled"] == ["State Administration of State Administration"]
    assert depts["sta"]["garbled"] == [] and "State Administration of Taxation" in depts["sta"]["aliases"]


def test_json_task_shape_and_roles() -> None:
    task = json.loads(export())["tasks"][56]
    assert task["number"] == 57 and task["section"] == 3 and task["subsection"] == 1
    assert task["responsibilities"] == [
        {"department": "moe", "role": "lead"},
        {"department": "most", "role": "participant"},
        {"department": "cnipa", "role": "participant"},
        {"department": "cas", "role": "participant"},
    ]
    assert task["respective_duties"] is True and task["and_others"] is False
    assert task["text_en"].startswith("Promote the improvement of the quality of patent applications")


def test_json_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cli_in_process("export", "--format", "json", "--out", out)
    assert result.returncode == 0 and result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["tasks"]) == TASKS


def test_csv_one_row_per_task() -> None:
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))
    assert [int(r["number"]) for r in rows] == list(range(1, 119))
    assert (
        rows[46]["lead"] == "publicity-department"
        and rows[46]["participants"] == "miit;ngoa"
        and rows[46]["and_others"] == "true"
    )


def test_csv_one_row_per_task_department_pair() -> None:
    rows = list(csv.DictReader(io.StringIO(export("--format", "responsibilities-csv"))))
    clauses = re.findall(r"\(([^()]*)\)\s*$", SOURCE.read_text(encoding="utf-8"), re.M)
    tasks = json.loads(export())["tasks"]
    assert len(rows) == sum(len(t["responsibilities"]) for t in tasks)
    assert sum(r["role"] == "lead" for r in rows) == TASKS
    assert len(clauses) == TASKS  # every task has its clause (task 29's on its own line)
    cnipa_leads = sum(1 for r in rows if r["department"] == "cnipa" and r["role"] == "lead")
    # Independent count: clauses whose first name is one of CNIPA's two English names.
    first_names = [re.sub(r"^(The|the)\s+", "", c) for c in clauses]
    assert cnipa_leads == sum(
        n.startswith(("National Intellectual Property Administration", "State Intellectual Property Office"))
        for n in first_names
    )


def test_unknown_edition_is_an_error() -> None:
    result = cli_in_process("export", "--edition", "1999")
    assert result.returncode == 2 and "no edition '1999'; known: 2025" in result.stderr


def test_csv_files_open_in_excel_with_chinese_intact(tmp_path: Path) -> None:
    """Excel on Windows needs a UTF-8 byte-order mark to read Chinese; every CSV starts with one."""
    for fmt in ("csv", "responsibilities-csv"):
        out = tmp_path / f"{fmt}.csv"
        assert cli_in_process("export", "--format", fmt, "--out", out).returncode == 0
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), fmt
        header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert header[0] == "edition"
        assert "国家知识产权局" in raw.decode("utf-8-sig")
