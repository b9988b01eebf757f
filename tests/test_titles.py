"""The editors' short titles: checked for length and coverage, used whole (never cut) in headings,
tab titles and tables, marked as the editors'; an edition without them builds with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite import catalog
from plansite.catalog.problems import DataError
from plansite.view.labels import task_name, task_title

TITLES = "data/editions/2025/titles.yaml"


def test_every_bundled_task_has_a_whole_title_in_both_languages() -> None:
    loaded, _ = catalog.read(Path(__file__).parent.parent / "data")
    tasks = loaded.editions[0].tasks
    assert all(t.title_zh and t.title_en for t in tasks)
    titles = [task_title(t) for t in tasks]
    assert not [t for t in titles if "…" in t or "..." in t]
    assert len(set(titles)) == len(titles)
    assert task_title(loaded.editions[0].task(57)).startswith("任务 57 · ") and " · Task 57: " in task_title(
        loaded.editions[0].task(57)
    )


def test_an_over_long_or_missing_title_is_named_by_file_and_line(data: Path) -> None:
    titles = data / "editions" / "2025" / "titles.yaml"
    lines = titles.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line == "- task: 57")
    lines[at + 1] = "  title_zh: " + "专利" * 13  # 26 characters
    lines[at + 2] = "  title_en: " + " ".join(["word"] * 15)
    del lines[
        next(i for i, line in enumerate(lines) if line == "- task: 3") : next(
            i for i, line in enumerate(lines) if line == "- task: 4"
        )
    ]
    titles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        catalog.read(data)
    found = [str(p) for p in caught.value.problems]
    line = next(n for n, text in enumerate(titles.read_text(encoding="utf-8").splitlines(), 1) if text == "- task: 57")
    assert (
        f"{TITLES}:{line}: title_zh of task 57 has 26 characters — write 1 to 24 characters: what the task does, "
        "in the editors' words"
    ) in found
    assert (
        f"{TITLES}:{line}: title_en of task 57 has 15 words — write 1 to 14 words: what the task does, in the "
        "editors' words"
    ) in found
    assert (
        f"{TITLES}:1: task 3 has no title — add an entry for each (task, title_zh, title_en), in the editors' words"
        in found
    )


def test_an_edition_without_titles_builds_with_a_warning_and_whole_first_sentences(data: Path) -> None:
    (data / "editions" / "2025" / "titles.yaml").unlink()
    loaded, problems = catalog.read(data)
    assert [str(p) for p in problems if "titles" in str(p)] == [
        f"{TITLES}:0: warning: no editors' titles: task headings show the task number, with the task's first "
        "sentence beneath — add titles.yaml (task, title_zh, title_en: what each task does, in the editors' words)"
    ]
    task = loaded.editions[0].task(49)
    assert task_title(task) == "任务 49 · Task 49"
    assert task_name(task) == task.text_en  # one sentence, whole
    assert "…" not in "".join(task_name(t) for t in loaded.editions[0].tasks)
