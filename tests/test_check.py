"""Bad input: each kind gives `file:line: what — what to do`, a non-zero exit, and changes no file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SECTIONS, TASKS, cli_in_process, run_cli, tree_digest

DEPTS = "data/departments.yaml"
CONTENT = "data/editions/2025/content.en.yaml"
CHINESE = "data/editions/2025/content.zh.yaml"
PLAN = "data/editions/2025/plan.yaml"


def edit(data: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replace text in one data file; return the (1-based) line where the change starts."""
    path = data.parent / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def task_block(number: int) -> str:
    return f"- number: {number}\n  section: "


YAML_HINT = "fix the YAML at this line (indent with spaces, quote text containing ': ')"


def line_of(data: Path, rel: str, text: str) -> int:
    content = (data.parent / rel).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def yaml_syntax(d: Path) -> list[str]:
    line = edit(d, DEPTS, "  name_en: Ministry of Justice", "  name_en: [Ministry of Justice") + 1
    return [
        f"{DEPTS}:{line}: YAML syntax error: while parsing a flow sequence: expected ',' or ']', but got ':' — {YAML_HINT}"
    ]


def tab_indent(d: Path) -> list[str]:
    line = edit(d, DEPTS, "  name_en: Ministry of Justice", "\tname_en: Ministry of Justice")
    return [
        f"{DEPTS}:{line}: YAML syntax error: while scanning for the next token: found character '\\t' that cannot start any token — {YAML_HINT}"
    ]


def duplicate_key(d: Path) -> list[str]:
    line = edit(d, CONTENT, task_block(5), "- number: 5\n  number: 5\n  section: ") + 1
    return [f"{CONTENT}:{line}: YAML syntax error: duplicate key 'number' — {YAML_HINT}"]


def missing_and_extra_field(d: Path) -> list[str]:
    line = edit(d, CONTENT, task_block(5), task_block(5).replace("number: 5", "numbr: 5"))
    return [
        f"{CONTENT}:{line}: task #5 has no field 'number' — add 'number:' (a whole number)",
        f"{CONTENT}:{line}: task #5 has an unknown field 'numbr' — remove it or rename it to one of: number, section, subsection, "
        "text_en, responsibility_en, departments, collectives, respective_duties, and_others",
    ]


def wrong_type(d: Path) -> list[str]:
    line = edit(d, CONTENT, task_block(5), "- number: five\n  section: ")
    return [
        f"{CONTENT}:{line}: task #5: 'number' must be a whole number, not 'five' — write 'number' as a whole number"
    ]


def wrong_bool(d: Path) -> list[str]:
    line = edit(d, CONTENT, "  respective_duties: false", "  respective_duties: sometimes")
    return [
        f"{CONTENT}:{line}: task #1: 'respective_duties' must be true or false, not 'sometimes' — write 'respective_duties' as true or false"
    ]


def unknown_department(d: Path) -> list[str]:
    edit(
        d,
        CONTENT,
        "  - gacc\n  collectives: []\n  respective_duties: false\n  and_others: false\n- number: 6",
        "  - gacx\n  collectives: []\n  respective_duties: false\n  and_others: false\n- number: 6",
    )
    return [
        f"{CONTENT}:{line_of(d, CONTENT, task_block(5))}: task 5 names unknown department 'gacx' — "
        "use an id from data/departments.yaml or add the body there"
    ]


def duplicate_task(d: Path) -> list[str]:
    line = line_of(d, CONTENT, task_block(5))
    edit(d, CONTENT, task_block(6), task_block(5))
    return [
        f"{CONTENT}:{line}: task 5 appears 2 times — give each task its own number",
        f"{CONTENT}:1: task numbers missing: 6 — tasks are numbered 1 to N without gaps: add them or renumber",
    ]


def missing_section(d: Path) -> list[str]:
    line = edit(d, CONTENT, "- number: 103\n  section: 6", "- number: 103\n  section: 9")
    return [
        f"{CONTENT}:{line}: task 103 points at section 9, which does not exist — use one of sections 1, 2, 3, 4, 5, 6, 7"
    ]


def missing_subsection(d: Path) -> list[str]:
    line = edit(d, CONTENT, "- number: 5\n  section: 1\n  subsection: 1", "- number: 5\n  section: 1\n  subsection: 4")
    return [
        f"{CONTENT}:{line}: task 5 points at subsection 1.4, which does not exist — fix 'subsection' or add the subsection to the section"
    ]


def heading_without_chinese(d: Path) -> list[str]:
    zh_line = edit(d, CHINESE, '  - {number: "2.2",', '  - {number: "2.9",')
    line = line_of(d, CONTENT, "  - number: 2\n    title_en: Strengthen administrative")
    hint = """add '- {number: "2.2", title_zh: ..., zh_check: reconstructed}' to content.zh.yaml"""
    return [
        f"{CONTENT}:{line}: heading 2.2 has no Chinese title — {hint}",
        f"{CHINESE}:{zh_line}: Chinese heading 2.9 belongs to no section or subsection — fix its number or remove it",
    ]


def bad_heading_status(d: Path) -> list[str]:
    line = edit(d, CHINESE, "zh_check: confirmed}", "zh_check: maybe}")
    return [f"{CHINESE}:{line}: heading 1: unknown zh_check 'maybe' — use one of: confirmed, reconstructed"]


def duplicate_department_id(d: Path) -> list[str]:
    first = line_of(d, DEPTS, "- id: moj")
    line = edit(d, DEPTS, "- id: mara", "- id: moj")
    return [
        f"{DEPTS}:{line}: id 'moj' is used twice (first at {DEPTS}:{first}) — give each body one entry with a unique id"
    ]


def alias_names_two_bodies(d: Path) -> list[str]:
    edit(d, DEPTS, "    - Ministry of Justice\n", "    - Ministry of Justice\n    - Ministry of Finance\n")
    return [
        f"{DEPTS}:{line_of(d, DEPTS, '- id: mof')}: alias 'Ministry of Finance' of 'mof' already names 'moj' — "
        "an alias must name exactly one body: remove one of them"
    ]


def unknown_kind(d: Path) -> list[str]:
    edit(
        d,
        DEPTS,
        "  kind: state-council\n  aliases:\n    - National Intellectual Property Administration",
        "  kind: ministry\n  aliases:\n    - National Intellectual Property Administration",
    )
    return [
        f"{DEPTS}:{line_of(d, DEPTS, '- id: cnipa')}: department 'cnipa' has unknown kind 'ministry' — "
        "use one of: party, state-council, judicial, military, public-institution, people-organization, coordination-body"
    ]


def bad_slug(d: Path) -> list[str]:
    line = edit(d, DEPTS, "- id: cnipa", "- id: CNIPA Office")
    return [
        f"{DEPTS}:{line}: id 'CNIPA Office' is not a slug — use lower-case letters, digits and single hyphens (it becomes part of URLs)"
    ]


def not_utf8(d: Path) -> list[str]:
    path = d.parent / PLAN
    lines = path.read_bytes().split(b"\n")
    at = next(i for i, x in enumerate(lines) if x.startswith(b"title_zh:"))
    lines[at] = "title_zh: 2025年".encode("gb18030")
    path.write_bytes(b"\n".join(lines))
    return [f"{PLAN}:{at + 1}: not valid UTF-8 text — save the file as UTF-8"]


def missing_file(d: Path) -> list[str]:
    (d.parent / PLAN).unlink()
    return [f"{PLAN}:0: file not found — create it or restore it from git"]


def edition_id_mismatch(d: Path) -> list[str]:
    line = edit(d, PLAN, 'id: "2025"', 'id: "2026"')
    return [
        f"{PLAN}:{line}: edition id '2026' differs from its folder name '2025' — make the folder name and the id the same"
    ]


def not_a_list(d: Path) -> list[str]:
    (d.parent / DEPTS).write_text("departments: {}\n", encoding="utf-8")
    return [f"{DEPTS}:1: expected a list of departments — start each department with '- id: ...'"]


def no_one_responsible(d: Path) -> list[str]:
    edit(d, CONTENT, "  departments:\n  - gacc\n", "  departments: []\n")
    return [
        f"{CONTENT}:{line_of(d, CONTENT, task_block(5))}: task 5 names no one responsible — list its departments (the first named leads)"
    ]


def chinese_text_for_missing_task(d: Path) -> list[str]:
    line = edit(d, CHINESE, "tasks: {}", "tasks:\n  500: 加快推进") + 1
    return [
        f"{CHINESE}:{line}: Chinese text given for task 500, which does not exist — fix the task number or remove the entry"
    ]


def empty_file(d: Path) -> list[str]:
    (d.parent / CONTENT).write_text("", encoding="utf-8")
    return [f"{CONTENT}:1: file is empty — restore it from git or fill it in"]


def impossible_date(d: Path) -> list[str]:
    line = edit(d, PLAN, "issued: 2025-04-29", "issued: 2025-13-01")
    return [f"{PLAN}:{line}: YAML syntax error: invalid value '2025-13-01' (month must be in 1..12) — {YAML_HINT}"]


def lone_surrogate(d: Path) -> list[str]:
    line = edit(
        d,
        CONTENT,
        "  text_en: Revise and issue the Regulations",
        '  text_en: "\\ud83d Revise and issue the Regulations',
    )
    edit(d, CONTENT, "Protection of Trade Secrets.\n", 'Protection of Trade Secrets."\n')
    return [
        f"{CONTENT}:{line}: task #8: 'text_en' holds a character that is not valid Unicode (a lone surrogate) — "
        "write the character itself, or both halves of its \\u escape pair"
    ]


CASES: list[Callable[[Path], list[str]]] = [
    impossible_date,
    lone_surrogate,
    yaml_syntax,
    tab_indent,
    duplicate_key,
    missing_and_extra_field,
    wrong_type,
    wrong_bool,
    unknown_department,
    duplicate_task,
    missing_section,
    missing_subsection,
    heading_without_chinese,
    bad_heading_status,
    duplicate_department_id,
    alias_names_two_bodies,
    unknown_kind,
    bad_slug,
    not_utf8,
    missing_file,
    edition_id_mismatch,
    not_a_list,
    no_one_responsible,
    chinese_text_for_missing_task,
    empty_file,
]


@pytest.mark.parametrize("breaker", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_reported_exactly_and_changes_nothing(
    breaker: Callable[[Path], list[str]], data: Path, tmp_path: Path
) -> None:
    expected = breaker(data)
    docs, site = tmp_path / "docs", tmp_path / "site"
    for folder in (docs, site):
        folder.mkdir()
        (folder / "keep.md").write_text("earlier build\n", encoding="utf-8")
    before = tree_digest(data), tree_digest(docs), tree_digest(site)

    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    for message in expected:
        assert message in result.stderr.splitlines(), f"missing: {message}\n--- got:\n{result.stderr}"
    assert re.search(r"^\d+ error\(s\); nothing was written\.$", result.stderr, re.M)

    built = cli_in_process("--data", data, "build", "--docs", docs, "--site", site)
    assert built.returncode == 1
    assert (tree_digest(data), tree_digest(docs), tree_digest(site)) == before


def test_every_problem_is_reported_at_once(data: Path) -> None:
    edit(data, CONTENT, "  - gacc\n", "  - gacx\n")
    edit(data, CONTENT, "- number: 103\n  section: 6", "- number: 103\n  section: 9")
    edit(data, DEPTS, "- id: cnipa", "- id: CNIPA Office")
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert "unknown department 'gacx'" in result.stderr
    assert "points at section 9" in result.stderr
    assert "'CNIPA Office' is not a slug" in result.stderr


def test_an_unused_department_is_a_warning_not_an_error(data: Path) -> None:
    with (data / "departments.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "\n- id: nppa\n  name_en: National Press and Publication Administration\n  name_zh: 国家新闻出版署\n"
            "  short_zh: 国家新闻出版署\n  plan_zh: 国家新闻出版署\n  zh_check: reconstructed\n  abbr: NPPA\n  kind: party\n"
            "  aliases:\n    - National Press and Publication Administration\n"
        )
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 0, result.stderr
    assert (
        f"{DEPTS}:{line_of(data, DEPTS, '- id: nppa')}: warning: department 'nppa' is named by no task — fine if a later edition names it; otherwise remove it"
        in result.stderr
    )


def test_a_byte_order_mark_is_accepted(data: Path) -> None:
    """Windows editors add one; it is valid UTF-8, so it is no reason to refuse the file."""
    path = data / "departments.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 0, result.stderr


def test_check_passes_on_the_bundled_data() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert f"edition 2025: {SECTIONS} sections, {TASKS} tasks" in result.stdout
    assert result.stderr == ""


def test_registry_plan_forms_and_garbled_names_are_checked(data: Path) -> None:
    no_plan_form = line_of(data, DEPTS, "- id: moj")
    edit(data, DEPTS, "  plan_zh: 司法部\n", "  plan_zh: MOJ\n")
    twice = line_of(data, DEPTS, "- id: ngoa")
    edit(
        data,
        DEPTS,
        "  aliases: []\n  garbled:\n    - State Administration of State Administration\n",
        "  aliases:\n    - State Administration of State Administration\n  garbled:\n    - State Administration of State Administration\n",
    )
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        f"{DEPTS}:{no_plan_form}: department 'moj' has no Chinese plan_zh — give the name as the plan writes it "
        "(or, until checked, the official short name) with zh_check: reconstructed"
    ) in lines
    assert (
        f"{DEPTS}:{twice}: 'ngoa' lists alias 'State Administration of State Administration' twice — list each name once: "
        "under 'aliases' if it is a name of the body, under 'garbled' if it is a mistranslation"
    ) in lines


def test_a_nameplate_must_be_one_of_the_bodys_chinese_names(data: Path) -> None:
    at = line_of(data, DEPTS, "- id: publicity-department")
    edit(data, DEPTS, "  aliases_zh: [国家版权局]\n", "")
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert (
        f"{DEPTS}:{at}: 'publicity-department': nameplate 国家版权局 is not among its aliases_zh — add 国家版权局 to "
        "aliases_zh of 'publicity-department', or remove the nameplate if it names another body"
    ) in result.stderr.splitlines()


def test_every_department_gives_its_plan_form(data: Path) -> None:
    missing = line_of(data, DEPTS, "- id: mof")
    edit(data, DEPTS, "  plan_zh: 财政部\n  zh_check: reconstructed\n", "")
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{DEPTS}:{missing}: department #13 has no field 'plan_zh' — add 'plan_zh:' (text)" in lines
    assert f"{DEPTS}:{missing}: department #13 has no field 'zh_check' — add 'zh_check:' (text)" in lines


def test_plan_links_must_be_web_addresses(data: Path) -> None:
    line = edit(
        data, PLAN, "official_publisher_url: https://www.cnipa.gov.cn/", "official_publisher_url: www.cnipa.gov.cn"
    )
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert (
        f"{PLAN}:{line}: plan: 'official_publisher_url' 'www.cnipa.gov.cn' is not a web address — give an http(s) address, or null"
        in result.stderr.splitlines()
    )


def test_plan_publisher_must_be_a_known_department(data: Path) -> None:
    edit(data, PLAN, "official_publisher: cnipa", "official_publisher: cnipa-office")
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert (
        f"{PLAN}:1: official_publisher 'cnipa-office' is no known department — use an id from data/departments.yaml, or null"
        in result.stderr.splitlines()
    )
