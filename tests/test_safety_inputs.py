"""Hostile and careless input: each case is refused with its exact `file:line: what —
what to do`, exit status 1, no traceback and no hang, and nothing is written: `check` and a
`build` into fresh folders on the same data, and `import`, leave data/ (and everything around it)
byte for byte as it was. The reader's bounds (regular files of at most 16 MB, no YAML anchors or
aliases, at most 20 levels of nesting) are checked before the expensive work, so every case is quick.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from plansite.catalog.ids import roman
from plansite.catalog.load import load
from tests.conftest import SOURCE, cli_in_process, tree_digest
from tests.test_import_zh import PLAN as ZH_PLAN

DEPTS = "data/departments.yaml"
CONTENT = "data/editions/2025/content.en.yaml"
CHINESE = "data/editions/2025/content.zh.yaml"
PLAN = "data/editions/2025/plan.yaml"
UPDATES = "data/editions/2025/updates.yaml"
NESTING = "lists or mappings nested more than 20 levels deep — check the brackets and the indentation: the data needs only a few levels"
NUMBERING = "number the tasks 1, 2, 3… in reading order"
MISSING_118 = f"{CONTENT}:1: task numbers missing: 118 — tasks are numbered 1 to N without gaps: add them or renumber"
SLUG_HINT = "use lower-case letters, digits and single hyphens, like 2025 or 2021-2022 (it becomes the URL prefix of the edition's pages)"
RESERVED = "index, editions, assets, search, 404, sitemap, livereload"


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`build.py ARGS` in this process (every case stops before MkDocs, so no Python start-up is
    needed per case); bad input is refused within a minute, or the case fails."""

    def too_slow(signum: int, frame: object) -> None:
        raise TimeoutError(f"build.py {' '.join(map(str, args))} did not refuse its input within 60 s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(60)
    try:
        return cli_in_process(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def edit(data: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in one data file; return the (1-based) line where it was."""
    path = data.parent / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(data: Path, rel: str, text: str) -> int:
    content = (data.parent / rel).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


# --- Bounded input: aliases, nesting, size, numbers, file kinds ---------------------------------


def billion_laughs(d: Path) -> list[str]:
    """Nine levels of nine aliases in a list field: a billion values from 1 kB (MemoryError after 108 s before)."""
    levels = "".join(f"\n  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10))
    line = edit(d, DEPTS, "- id: publicity-department\n", f"- lol: &l0 lol{levels}\n  id: publicity-department\n")
    edit(d, DEPTS, "  aliases:\n", "  aliases: *l9\n  more_aliases:\n")
    return [
        f"{DEPTS}:{line}: YAML anchor or alias '&l0': data files may not use anchors and aliases — write the value out in full where it is used"
    ]


def alias_only(d: Path) -> list[str]:
    """A merge key needs an alias: refused too, at the alias when the anchor is not first."""
    (d.parent / DEPTS).write_text("- *someone\n", encoding="utf-8")
    return [
        f"{DEPTS}:1: YAML anchor or alias '*someone': data files may not use anchors and aliases — write the value out in full where it is used"
    ]


def nested_200_flow(d: Path) -> list[str]:
    """RecursionError before."""
    line = edit(d, CHINESE, "tasks: {}", "tasks: {}\nextra: " + "[" * 200 + "]" * 200) + 1
    return [f"{CHINESE}:{line}: {NESTING}"]


def nested_30000_flow(d: Path) -> list[str]:
    """A segfault before (the C stack, composing the document)."""
    line = edit(d, CHINESE, "tasks: {}", "tasks: {}\nextra: " + "[" * 30000 + "]" * 30000) + 1
    return [f"{CHINESE}:{line}: {NESTING}"]


def nested_30000_block(d: Path) -> list[str]:
    line = edit(d, CHINESE, "tasks: {}", "tasks: {}\nextra:\n" + "- " * 30000 + "x") + 2
    return [f"{CHINESE}:{line}: {NESTING}"]


def nested_unclosed(d: Path) -> list[str]:
    """Deep and broken: still the depth, not a crash of the second (pure-Python) parser."""
    line = edit(d, CHINESE, "tasks: {}", "tasks: {}\nextra: " + "[" * 30000) + 1
    return [f"{CHINESE}:{line}: {NESTING}"]


def too_large(d: Path) -> list[str]:
    with (d.parent / CHINESE).open("a", encoding="utf-8") as f:
        f.write(("# " + "x" * 1022 + "\n") * (16 * 1024 + 1))
    return [
        f"{CHINESE}:0: file is larger than 16 MB, the most a data file may hold — check that it is the right file; a plan needs far less"
    ]


def fifo(d: Path) -> list[str]:
    """`check` waited forever on a named pipe before."""
    path = d.parent / UPDATES
    path.unlink()
    os.mkfifo(path)
    return [f"{UPDATES}:0: is a FIFO (named pipe), not a file — replace it with an ordinary text file"]


def folder_for_file(d: Path) -> list[str]:
    path = d.parent / UPDATES
    path.unlink()
    path.mkdir()
    return [f"{UPDATES}:0: is a folder, not a file — replace it with an ordinary text file"]


def task_number_huge(d: Path) -> list[str]:
    """MemoryError before: the gap check listed every number up to 10^12."""
    line = edit(d, CONTENT, "- number: 118\n", "- number: 1000000000000\n")
    return [f"{CONTENT}:{line}: task number 1000000000000 is larger than 100,000 — {NUMBERING}", MISSING_118]


def task_number_zero(d: Path) -> list[str]:
    """Passed before, published /2025/tasks/0/, and task 118 was gone."""
    line = edit(d, CONTENT, "- number: 118\n", "- number: 0\n")
    return [f"{CONTENT}:{line}: task number 0 is not positive — {NUMBERING}", MISSING_118]


def task_number_negative(d: Path) -> list[str]:
    line = edit(d, CONTENT, "- number: 118\n", "- number: -1\n")
    return [f"{CONTENT}:{line}: task number -1 is not positive — {NUMBERING}", MISSING_118]


def number_too_long(d: Path) -> list[str]:
    line = edit(d, CONTENT, "- number: 118\n", "- number: " + "9" * 5000 + "\n")
    return [
        f"{CONTENT}:{line}: YAML syntax error: invalid value '{'9' * 60}…' (a number with too many digits) — "
        "fix the YAML at this line (indent with spaces, quote text containing ': ')"
    ]


# --- Values the checks let through before ---------------------------------------------------------


def date_with_time(d: Path) -> list[str]:
    """A TypeError in check, build and serve before."""
    text = (d.parent / UPDATES).read_text(encoding="utf-8")
    number = text[: text.index("\n  date: 2026-06-26\n")].count("\n- task:")  # the update it is in, from 1
    line = edit(d, UPDATES, "\n  date: 2026-06-26\n", "\n  date: 2025-05-01 10:00:00\n") + 1
    return [
        f"{UPDATES}:{line}: update #{number}: 'date' must be a date (YYYY-MM-DD), not '2025-05-01 10:00:00' (a date with a time) — "
        "write 'date' as a date (YYYY-MM-DD)"
    ]


def plan_date_with_time(d: Path) -> list[str]:
    line = edit(d, PLAN, "issued: 2025-04-29", "issued: 2025-04-29T08:00:00Z")
    return [
        f"{PLAN}:{line}: plan: 'issued' must be a date (YYYY-MM-DD) or null, not '2025-04-29 08:00:00+00:00' (a date with "
        "a time) — write 'issued' as a date (YYYY-MM-DD) or null"
    ]


def bad_date_as_key(d: Path) -> list[str]:
    """A traceback before (a ValueError from a mapping key)."""
    (d.parent / CHINESE).write_text("2025-13-01: x\n", encoding="utf-8")
    return [
        f"{CHINESE}:1: YAML syntax error: invalid value '2025-13-01' (month must be in 1..12) — "
        "fix the YAML at this line (indent with spaces, quote text containing ': ')"
    ]


def chinese_text_null(d: Path) -> list[str]:
    """Published "None" as the official Chinese text before."""
    line = edit(d, CHINESE, "tasks: {}", "tasks: {5: null}")
    return [
        f"{CHINESE}:{line}: Chinese text of task 5 is empty — write the official Chinese text, or remove the entry until it is known"
    ]


def chinese_text_not_text(d: Path) -> list[str]:
    line = edit(d, CHINESE, "tasks: {}", "tasks:\n  5: [加快]\n  '6': 加快\n  0: 加快") + 1
    return [
        f"{CHINESE}:{line}: Chinese text of task 5 must be text, not a list — write the official Chinese text (quote it if it holds ': ')",
        f"{CHINESE}:{line + 1}: Chinese text: task number '6' is not a positive whole number — key each text by its task's number (5: 加快…)",
        f"{CHINESE}:{line + 2}: Chinese text: task number 0 is not a positive whole number — key each text by its task's number (5: 加快…)",
    ]


def control_character_escape(d: Path) -> list[str]:
    line = edit(
        d, CONTENT, "  text_en: Revise and issue the Regulations", '  text_en: "\\0 Revise and issue the Regulations'
    )
    edit(d, CONTENT, "Protection of Trade Secrets.\n", 'Protection of Trade Secrets."\n')
    return [
        f"{CONTENT}:{line}: task #8: 'text_en' holds the control character U+0000, which no page can show — remove it (write a line break as a real one)"
    ]


def control_character_raw(d: Path) -> list[str]:
    line = edit(d, PLAN, "issued: 2025-04-29", "issued: 2025-04-29\x07")
    return [
        f"{PLAN}:{line}: the character U+0007 is not allowed in a data file (a control character or non-character) — remove it: no page can show it"
    ]


def lone_surrogate_in_a_list(d: Path) -> list[str]:
    line = edit(
        d, DEPTS, "  aliases:\n    - Ministry of Justice\n", '  aliases:\n    - "Ministry of Justice \\udc00"\n'
    )
    return [
        f"{DEPTS}:{line}: department #12: 'aliases' holds a character that is not valid Unicode (a lone surrogate) — "
        "write the character itself, or both halves of its \\u escape pair"
    ]


def two_updates_one_date(d: Path) -> list[str]:
    """Duplicate Atom ids, and a latest status that hung on the order of the file, before."""
    path = d.parent / UPDATES
    text = path.read_text(encoding="utf-8")
    start = text.index("- task: 3\n")
    entry = text[start : text.index("\n- task:", start) + 1]
    path.write_text(text + entry.replace("status: done", "status: in progress"), encoding="utf-8")
    first = line_of(d, UPDATES, "- task: 3\n")
    second = text.count("\n") + 1
    date = entry.split("  date: ")[1].split("\n")[0]
    return [
        f"{UPDATES}:{second}: task 3 has a second update dated {date} (the first at {UPDATES}:{first}) — "
        "make them one update (its note can say both things, with both sources), or correct the date"
    ]


def edition_folder_not_a_slug(d: Path) -> list[str]:
    shutil.copytree(d / "editions" / "2025", d / "editions" / "2026 draft")
    edit(d, "data/editions/2026 draft/plan.yaml", 'id: "2025"', 'id: "2026 draft"')
    return [
        f"data/editions/2026 draft:0: edition folder: edition id '2026 draft' is not a slug of at most 64 characters — "
        f"rename the folder and the id in its plan.yaml: {SLUG_HINT}"
    ]


def edition_folder_reserved(d: Path) -> list[str]:
    """/assets/ would be the edition's pages and the theme's files at once."""
    shutil.copytree(d / "editions" / "2025", d / "editions" / "assets")
    edit(d, "data/editions/assets/plan.yaml", 'id: "2025"', 'id: "assets"')
    return [
        f"data/editions/assets:0: edition folder: edition id 'assets' is a name the site's top level already uses ({RESERVED}) — "
        "rename the folder and the id in its plan.yaml: choose another id, like the year of the plan"
    ]


CASES: list[Callable[[Path], list[str]]] = [
    billion_laughs,
    alias_only,
    nested_200_flow,
    nested_30000_flow,
    nested_30000_block,
    nested_unclosed,
    too_large,
    fifo,
    folder_for_file,
    task_number_huge,
    task_number_zero,
    task_number_negative,
    number_too_long,
    date_with_time,
    plan_date_with_time,
    bad_date_as_key,
    chinese_text_null,
    chinese_text_not_text,
    control_character_escape,
    control_character_raw,
    lone_surrogate_in_a_list,
    two_updates_one_date,
    edition_folder_not_a_slug,
    edition_folder_reserved,
]


@pytest.mark.parametrize("breaker", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_refused_quickly_exactly_and_changes_nothing(
    breaker: Callable[[Path], list[str]], data: Path, tmp_path: Path
) -> None:
    expected = breaker(data)
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "notes.md").write_text("hand-written\n", encoding="utf-8")
    before = {p.name: tree_digest(p) if p.is_dir() else p.stat().st_size for p in tmp_path.iterdir()}

    start = time.monotonic()
    result = cli("--data", data, "check")
    assert time.monotonic() - start < 30, "bounded input is refused before the expensive work"
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for message in expected:
        assert message in lines, f"missing: {message}\n--- got:\n{result.stderr[:3000]}"
    assert lines[-1] == f"{len([x for x in lines if x and ' warning: ' not in x]) - 1} error(s); nothing was written."

    built = cli("--data", data, "build", "--docs", docs, "--site", site)
    assert built.returncode == 1 and expected[0] in built.stderr.splitlines(), built.stderr[:3000]
    assert {p.name: tree_digest(p) if p.is_dir() else p.stat().st_size for p in tmp_path.iterdir()} == before
    assert not site.exists()


def test_check_still_passes_on_the_bundled_data_with_a_hidden_folder(data: Path) -> None:
    """An editor's hidden folder under editions/ is no edition: not read, not refused."""
    (data / "editions" / ".cache").mkdir()
    result = cli("--data", data, "check")
    assert result.returncode == 0, result.stderr


def test_numerals_beyond_twelve() -> None:
    """A plan with 13 sections rendered ROMAN[12] (an IndexError) before."""
    assert [roman(n) for n in (1, 4, 9, 12, 13, 14, 40, 1994)] == [
        "I",
        "IV",
        "IX",
        "XII",
        "XIII",
        "XIV",
        "XL",
        "MCMXCIV",
    ]


# --- import ---------------------------------------------------------------------------------------


def around(data: Path) -> dict[str, str]:
    """Every file in the folder holding data/ (so a write outside data/ shows too)."""
    return tree_digest(data.parent)


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        (
            "../../../x",
            [
                f"data/editions/../../../x:0: edition id '../../../x' is not a slug of at most 64 characters — {SLUG_HINT}"
            ],
        ),
        (
            "/tmp/x",
            [f"data/editions//tmp/x:0: edition id '/tmp/x' is not a slug of at most 64 characters — {SLUG_HINT}"],
        ),
        (
            "2025/../../x",
            [
                f"data/editions/2025/../../x:0: edition id '2025/../../x' is not a slug of at most 64 characters — {SLUG_HINT}"
            ],
        ),
        ("Draft", [f"data/editions/Draft:0: edition id 'Draft' is not a slug of at most 64 characters — {SLUG_HINT}"]),
        (
            "assets",
            [
                f"data/editions/assets:0: edition id 'assets' is a name the site's top level already uses ({RESERVED}) — choose another id, like the year of the plan"
            ],
        ),
        (
            "search",
            [
                f"data/editions/search:0: edition id 'search' is a name the site's top level already uses ({RESERVED}) — choose another id, like the year of the plan"
            ],
        ),
        (
            "2026",
            [
                "data/editions/2026/plan.yaml:0: edition '2026' has no plan.yaml — add it first (copy data/editions/2025/plan.yaml and change every value, "
                "its id to '2026'); then import again",
            ],
        ),
    ],
)
def test_import_refuses_a_bad_or_unready_edition_and_writes_nothing(
    edition: str, expected: list[str], data: Path
) -> None:
    before = around(data)
    result = cli("--data", data, "import", SOURCE, "--edition", edition)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[: len(expected)] == expected, result.stderr
    assert lines[-1] == f"{len(expected)} error(s); nothing was written."
    assert around(data) == before
    assert not (data.parent.parent.parent / "x").exists() and not Path("/tmp/x/content.en.yaml").exists()


def new_edition(data: Path, edition: str = "2026") -> Path:
    """A new edition folder holding only its plan.yaml (a copy of 2025's with the id changed)."""
    folder = data / "editions" / edition
    folder.mkdir()
    (folder / "plan.yaml").write_text(
        (data / "editions" / "2025" / "plan.yaml")
        .read_text(encoding="utf-8")
        .replace('id: "2025"', f'id: "{edition}"'),
        encoding="utf-8",
    )
    return folder


def test_import_into_a_new_edition_once_its_files_exist(data: Path) -> None:
    """With plan.yaml and a bare content.zh.yaml in place, the import succeeds, and `check` then asks
    only for the Chinese headings, each by its number."""
    folder = new_edition(data)
    (folder / "content.zh.yaml").write_text("headings: []\ntasks: {}\n", encoding="utf-8")
    result = cli("--data", data, "import", SOURCE, "--edition", "2026")
    assert result.returncode == 0, result.stderr
    assert (folder / "content.en.yaml").read_bytes() == (data / "editions" / "2025" / "content.en.yaml").read_bytes()
    checked = cli("--data", data, "check")
    errors = [x for x in checked.stderr.splitlines() if x.startswith("data/") and ": warning: " not in x]
    sections = next(e for e in load(data)[0].editions if e.id == "2025").sections  # the text imported
    assert checked.returncode == 1 and len(errors) == len(sections) + sum(len(s.subsections) for s in sections)
    assert all(" has no Chinese title — add '- {number: " in x for x in errors), errors


def test_a_translation_needs_the_chinese_headings_file_the_official_text_does_not(data: Path) -> None:
    """A translation is checked against hand-kept Chinese headings, so its import asks for
    content.zh.yaml and writes nothing; the official Chinese text brings its own headings."""
    folder = new_edition(data)
    before = around(data)
    refused = cli("--data", data, "import", SOURCE, "--edition", "2026")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        "data/editions/2026/content.zh.yaml:0: edition '2026' has no content.zh.yaml — add it first, even as just "
        "'headings: []' and 'tasks: {}' (after the import, `check` names each Chinese heading to add); then import again"
    )
    assert around(data) == before
    result = cli("--data", data, "import", ZH_PLAN, "--edition", "2026", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "built from it alone" in result.stdout
    assert (folder / "official.zh.yaml").is_file() and not (folder / "content.en.yaml").exists()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda p: p.mkdir(),
            "is a folder, not a file — give the path of the translation text, or the official Chinese text (as text or the saved web page)",
        ),
        (
            lambda p: os.mkfifo(p),
            "is a FIFO (named pipe), not a file — give the path of the translation text, or the official Chinese text (as text or the saved web page)",
        ),
        (
            lambda p: None,
            "file not found — give the path of the translation text, or the official Chinese text (as text or the saved web page)",
        ),
        (lambda p: p.write_text("I. Section\n1. Do \x07 it. (Ministry of Justice)\n", encoding="utf-8"), None),
    ],
    ids=["folder", "fifo", "missing", "control-character"],
)
def test_import_refuses_a_source_that_is_no_text_file(
    make: Callable[[Path], object], expected: str | None, data: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source.txt"
    make(source)
    before = around(data)
    result = cli("--data", data, "import", source)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    if expected is None:
        assert (
            f"{source}:2: this line holds the control character U+0007, which no page can show — remove it (write a line break as a real one)"
            in lines
        )
    else:
        assert lines[0] == f"{source}:0: {expected}"
    assert lines[-1].endswith("error(s); nothing was written.")
    assert around(data) == before
