"""A stand-in for the official Chinese text, in its layout, for tests: the bundled edition's
structure and responsibility clauses (facts: which bodies, in which order, with which flags) around
task sentences of our own invented wording. Never the plan's text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plansite.catalog.load import load
from plansite.catalog.model import Task

# A word no page of the bundled site contains, for searching a task by its Chinese text.
SEARCH_WORD = "蝴蝶标本"
SEARCH_TASK = 57


def clause(task: Task, names: dict[str, str]) -> str:
    bodies = [names[i] for i in (*task.departments, *task.collectives)]
    return (
        "、".join(bodies)
        + ("等" if task.and_others else "")
        + ("按职责分工" if task.respective_duties else "")
        + "负责"
    )


def sentence(number: int) -> str:
    extra = f"整理{SEARCH_WORD}档案，" if number == SEARCH_TASK else ""
    return f"围绕第{number}项工作{extra}完善配套措施，按期报送进展情况。"


def official_text(
    data_dir: Path, edit: Callable[[Task, str], str] | None = None, texts: dict[int, str] | None = None
) -> str:
    """The whole text; `edit(task, clause)` may change a task's clause (planted differences), and
    `texts` replace some tasks' sentences."""
    catalog, _ = load(data_dir)
    names = {d.id: d.plan_name for d in catalog.departments} | {c.id: c.name_zh for c in catalog.collectives}
    edition = catalog.editions[0]
    lines = [
        "国家知识产权强国建设工作部际联席会议办公室文件（测试用文本）",
        "",
        "各有关单位：",
        "现将年度计划印发给你们，请结合实际认真贯彻落实。",
        "",
    ]
    for section in edition.sections:
        lines.append(section.title_zh)
        subs = section.subsections or (None,)
        for sub in subs:
            if sub is not None:
                lines.append(sub.title_zh)
            for task in edition.tasks:
                if task.section == section.number and task.subsection == (sub.number if sub else None):
                    text = clause(task, names)
                    lines.append(
                        f"{task.number}.{(texts or {}).get(task.number) or sentence(task.number)}（{edit(task, text) if edit else text}）"
                    )
        lines.append("")
    lines += ["测试办公室", "2099年1月1日"]
    return "\n".join(lines) + "\n"
