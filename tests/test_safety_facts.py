"""Hostile facts and identifiers: series ids and facts, bidirectional controls, registry ids that
only look like slugs, recorded clauses, keyword terms, symlink loops in data/. Each is refused by
`check` with its exact `file:line: what — what to do`, exit status 1, and the folder holding data/
is byte for byte as it was (run in this process: nothing here gets as far as MkDocs).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from plansite.catalog.schema import LINK_FIELDS, check_fields
from plansite.catalog.yamlio import LineList, LineMap, unreadable
from tests.conftest import cli_in_process, tree_digest

SERIES = "data/series.yaml"
DEPTS = "data/departments.yaml"
CLAUSES = "data/editions/2025/clauses.zh.yaml"
KEYWORDS = "data/editions/2025/keywords.zh.yaml"
UPDATES = "data/editions/2025/updates.yaml"
SLUG_HINT = (
    "use lower-case letters, digits and single hyphens, like 2025 or 2021-2022 (it becomes the URL prefix of the "
    "edition's pages)"
)
LOOP = "is a symlink loop (a link that leads back to itself)"


def edit(data: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in one data file; return the (1-based) line where it was."""
    path = data.parent / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def series_2025(d: Path, new: str) -> int:
    """Replace the 2025 series entry's facts (after its id line) with `new`; the entry's line."""
    return edit(
        d,
        SERIES,
        '- id: "2025"\n  title_zh: 2025年知识产权强国建设推进计划\n',
        f'- id: "2025"\n  title_zh: 2025年知识产权强国建设推进计划\n{new}',
    )


# --- Series ids and facts ---------------------------------------------------------------------------


def series_id_attribute(d: Path) -> list[str]:
    """Reached /editions/ as an attribute (a full-screen style) before."""
    line = edit(d, SERIES, '- id: "2023"', "- id: 'x onclick=alert(1) style=\"position:fixed\"'")
    return [
        f"{SERIES}:{line}: series entry: edition id 'x onclick=alert(1) style=\"position:fixed\"' is not a slug of at "
        f"most 64 characters — {SLUG_HINT}"
    ]


def series_id_empty(d: Path) -> list[str]:
    line = edit(d, SERIES, '- id: "2023"', '- id: ""')
    return [f"{SERIES}:{line}: series entry: edition id '' is not a slug of at most 64 characters — {SLUG_HINT}"]


def series_id_twice(d: Path) -> list[str]:
    """The second was silently dropped before."""
    first = edit(d, SERIES, '- id: "2023"', '- id: "2024"')
    text = (d.parent / SERIES).read_text(encoding="utf-8")
    second = text[: text.index('- id: "2024"', text.index('- id: "2024"') + 1)].count("\n") + 1
    return [
        f"{SERIES}:{second}: series entry '2024' is given twice (the first at line {first}) — keep one entry per edition"
    ]


def series_id_trailing_newline(d: Path) -> list[str]:
    line = edit(d, SERIES, '- id: "2023"', '- id: "2023\\n"')
    return [f"{SERIES}:{line}: series entry: edition id '2023\\n' is not a slug of at most 64 characters — {SLUG_HINT}"]


def series_dates_absurd(d: Path) -> list[str]:
    line = series_2025(d, "  issued: 0001-01-01\n  published: 9999-12-31\n")
    edit(d, SERIES, "  issued: 2025-04-29\n  published: 2025-05-07\n", "")
    hint = "or null if it is not known"
    return [
        f"{SERIES}:{line}: series entry '2025': 'issued' 0001-01-01 is before 1980 — give the date the plan was "
        f"issued (YYYY-MM-DD), {hint}",
        f"{SERIES}:{line}: series entry '2025': 'published' 9999-12-31 is in the future — give the date the plan was "
        f"published (YYYY-MM-DD), {hint}",
    ]


def series_published_before_issued(d: Path) -> list[str]:
    line = series_2025(d, "")
    edit(d, SERIES, "  published: 2025-05-07\n", "  published: 2025-04-01\n")
    return [
        f"{SERIES}:{line}: series entry '2025': published 2025-04-01 before it was issued (2025-04-29) — check both "
        "dates: a plan is published on or after the day it is issued"
    ]


def series_counts_absurd(d: Path) -> list[str]:
    line = series_2025(d, "")
    edit(d, SERIES, "  tasks: 118\n  sections: 7\n", "  tasks: 99999999999\n  sections: -5\n")
    return [
        f"{SERIES}:{line}: series entry '2025': 'tasks' is 99999999999, not from 1 to 100,000 — give the number of "
        "tasks the plan has, or null if it is not known",
        f"{SERIES}:{line}: series entry '2025': 'sections' is -5, not from 1 to 100 — give the number of sections "
        "the plan has, or null if it is not known",
    ]


def source_from_the_future(d: Path) -> list[str]:
    line = edit(d, UPDATES, "- task: 1\n  date: 2025-05-14\n", "- task: 1\n  date: 2025-05-14\n")
    edit(d, UPDATES, "      date: 2025-05-19\n", "      date: 2099-05-19\n")
    return [
        f"{UPDATES}:{line}: update of task 1: a source (MMLC Group (law firm)) is dated 2099-05-19, in the future — "
        "give the date the source was published"
    ]


# --- Characters and identifiers -----------------------------------------------------------------------


def bidi_in_a_source_address(d: Path) -> list[str]:
    """Displayed as ".../exe.png" before."""
    line = edit(
        d,
        UPDATES,
        '      url: "https://mmlcgroup.com/china-legislative-plan-2025/"',
        '      url: "https://x.example/\\u202egnp.exe"',
    )
    return [
        f"{UPDATES}:{line}: update of task 1: source #1: 'url' holds the bidirectional control U+202E, which changes "
        "the order a reader sees — remove it: the text reads the same without it"
    ]


def bidi_isolate_in_a_name(d: Path) -> list[str]:
    line = edit(
        d,
        DEPTS,
        "  name_en: China National Intellectual Property Administration",
        '  name_en: "China\\u2067 National Intellectual Property Administration"',
    )
    number = (d.parent / DEPTS).read_text(encoding="utf-8")[: 10**7].split("\n- id: cnipa")[0].count("\n- id: ") + 1
    return [
        f"{DEPTS}:{line}: department #{number}: 'name_en' holds the bidirectional control U+2067, which changes the "
        "order a reader sees — remove it: the text reads the same without it"
    ]


def registry_id_trailing_newline(d: Path) -> list[str]:
    """`$` matched before the final newline: check passed, then MkDocs failed with no file:line."""
    line = edit(d, DEPTS, "- id: cnipa\n", '- id: "cnipa\\n"\n')
    return [
        f"{DEPTS}:{line}: id 'cnipa\\n' is not a slug — use lower-case letters, digits and single hyphens (it becomes "
        "part of URLs)"
    ]


# --- Recorded clauses and keywords ------------------------------------------------------------------


def clause_twice(d: Path) -> list[str]:
    """The second silently won before."""
    first = edit(d, CLAUSES, "- {task: 2, bodies: [中央宣传部, 司法部]}", "- {task: 1, bodies: [司法部]}")
    return [
        f"{CLAUSES}:{first}: a clause for task 1 is recorded twice (the first at line {first - 1}) — keep the one the "
        "official text has"
    ]


def clause_without_bodies(d: Path) -> list[str]:
    line = edit(d, CLAUSES, "- {task: 4, bodies: [生态环境部]}", "- {task: 4, bodies: []}")
    return [
        f"{CLAUSES}:{line}: the clause of task 4 names no body ('bodies' is empty) — list the bodies as the official "
        "text names them, in its order"
    ]


def keywords_every_bad_term(d: Path) -> list[str]:
    """Only the first bad term was named per run before."""
    line = edit(
        d, KEYWORDS, "- task: 1\n  terms: [商标法, 集成电路布图设计]", "- task: 1\n  terms: [商, 商标法, 修改商标法。]"
    )
    return [
        f"{KEYWORDS}:{line}: task 1: '商', '修改商标法。' are no terms of art — write a term of 2-16 characters, never a "
        "phrase or sentence of the plan"
    ]


# --- Symlink loops are errors, not absent files --------------------------------------------------------


def updates_loop(d: Path) -> list[str]:
    """Every update was silently dropped before."""
    path = d.parent / UPDATES
    path.unlink()
    path.symlink_to(path.name)
    return [f"{UPDATES}:0: {LOOP} — replace the link with the file, or point it at the file"]


def edition_folder_loop(d: Path) -> list[str]:
    (d / "editions" / "2026").symlink_to("2026")
    return [f"data/editions/2026:0: {LOOP} — replace the link with what it should point to"]


def lineage_folder_loop(d: Path) -> list[str]:
    (d / "lineage").symlink_to("lineage")
    return [f"data/lineage:0: {LOOP} — replace the link with what it should point to"]


def plan_dates_absurd(d: Path) -> list[str]:
    """An edition's own dates are held to the series' rule: published 9999 and before its issue."""
    edit(d, "data/editions/2025/plan.yaml", "published: 2025-05-07", "published: 9999-12-31")
    edit(d, "data/editions/2025/plan.yaml", "issued: 2025-04-29", "issued: 1979-12-31")
    plan = "data/editions/2025/plan.yaml"
    return [
        f"{plan}:0: edition '2025': 'issued' 1979-12-31 is before 1980 — "
        "give the date the plan was issued (YYYY-MM-DD), or null if it is not known",
        f"{plan}:0: edition '2025': 'published' 9999-12-31 is in the future — "
        "give the date the plan was published (YYYY-MM-DD)",
    ]


CASES: list[Callable[[Path], list[str]]] = [
    series_id_attribute,
    series_id_empty,
    series_id_twice,
    series_id_trailing_newline,
    series_dates_absurd,
    series_published_before_issued,
    plan_dates_absurd,
    series_counts_absurd,
    source_from_the_future,
    bidi_in_a_source_address,
    bidi_isolate_in_a_name,
    registry_id_trailing_newline,
    clause_twice,
    clause_without_bodies,
    keywords_every_bad_term,
    updates_loop,
    edition_folder_loop,
    lineage_folder_loop,
]


@pytest.mark.parametrize("breaker", CASES, ids=[c.__name__ for c in CASES])
def test_bad_facts_are_refused_exactly_and_change_nothing(breaker: Callable[[Path], list[str]], data: Path) -> None:
    expected = breaker(data)
    before = tree_digest(data.parent)
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    for message in expected:
        assert message in lines, f"missing: {message}\n--- got:\n{result.stderr[:3000]}"
    assert lines[-1].endswith(" error(s); nothing was written.") and "Traceback" not in result.stderr
    assert tree_digest(data.parent) == before


def test_a_bidirectional_control_is_shown_as_an_escape_in_any_message(data: Path) -> None:
    """A quoted value never reorders the message it is quoted in: here a field's name, which no
    text check reads."""
    line = edit(data, DEPTS, "- id: cnipa\n", '- id: cnipa\n  "note\u202etxt.exe": x\n') + 1
    result = cli_in_process("--data", data, "check")
    assert "\u202e" not in result.stderr
    assert f"{DEPTS}:{line}: department #" in result.stderr
    assert "has an unknown field 'note\\u202etxt.exe' — remove it" in result.stderr


def test_an_empty_list_of_task_numbers_is_called_one() -> None:
    record = LineMap(new_task=1, old_tasks=LineList(), kind="carried-over", review="unreviewed")
    record.line, record.key_lines = 3, {"old_tasks": 4}
    problems = check_fields(record, LINK_FIELDS, "data/lineage/2024-2025.yaml", "link #1", 3)
    assert [str(p) for p in problems] == [
        "data/lineage/2024-2025.yaml:4: link #1: 'old_tasks' must be a list of task numbers, not an empty list — "
        "write 'old_tasks' as a list of task numbers"
    ]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("# not data\n"), "it is a file, not a folder"),
        (lambda p: p.symlink_to(p.name), "it is a symlink loop (a link that leads back to itself)"),
        (lambda p: None, "no such folder"),
    ],
    ids=["file", "loop", "missing"],
)
def test_a_data_folder_that_is_no_folder(make: Callable[[Path], object], expected: str, tmp_path: Path) -> None:
    """'check its permissions' before, for both."""
    given = tmp_path / "data"
    make(given)
    result = cli_in_process("--data", given, "check")
    assert result.returncode == 2
    assert result.stderr == (
        f"--data {given}: {expected}. Nothing was written; give the data folder (it holds departments.yaml and "
        "editions/)\n"
    )
    assert "permission" not in result.stderr


def test_bundled_data_still_passes(data: Path) -> None:
    assert cli_in_process("--data", data, "check").returncode == 0
    assert not any(os.path.islink(p) for p in data.rglob("*"))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "f.yaml:0: cannot read file (Permission denied) — check its permissions"),
        (errno.ELOOP, f"f.yaml:0: {LOOP} — replace the link with the file, or point it at the file"),
        (errno.ENOTDIR, "f.yaml:0: a folder on its path is a file — check the path (and --data, if given)"),
        (errno.EIO, "f.yaml:0: cannot read file (Input/output error) — check the file and the disk it is on"),
    ],
)
def test_permission_advice_only_when_permissions_are_the_cause(code: int, expected: str) -> None:
    """ "check its permissions" was the advice for a symlink loop and for --data README.md before."""
    assert str(unreadable("f.yaml", OSError(code, os.strerror(code)))) == expected
