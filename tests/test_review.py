"""`build.py review`: the review aid lists tasks with no topic, instrument-like phrases
the registry does not cover, and topics matching only one task. Planted in a scratch copy, in our
own words."""

from __future__ import annotations

from pathlib import Path

from plansite.catalog.load import load
from plansite.catalog.topics import tag
from tests.conftest import cli_in_process, tree_digest


def plant(data: Path) -> None:
    content = data / "editions" / "2025" / "content.en.yaml"
    text = content.read_text(encoding="utf-8")
    old = "Revise and issue the Regulations on the Protection of Trade Secrets."
    assert old in text
    content.write_text(text.replace(old, old[:-1] + ", and draft the Regulations on Widget Safety."), encoding="utf-8")
    with (data / "topics.yaml").open("a", encoding="utf-8") as f:
        f.write("\n- id: widgets\n  name_en: Widgets\n  name_zh: 小部件\n  terms_en: [widget]\n")


def test_review_lists_what_a_person_should_look_at(data: Path) -> None:
    plant(data)
    before = tree_digest(data)
    result = cli_in_process("--data", data, "review")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  task 8: Regulations on Widget Safety" in out.split("instrument-like phrases not in the registry")[1]
    assert "  widgets: task 8" in out.split("topics whose terms match only one task")[1]
    catalog = load(data)[0]
    edition = catalog.editions[0]
    untagged = [n for n, topics in tag(edition, catalog.topics).items() if not topics]
    listed = out.split("tasks with no topic (")[1].split("instrument-like")[0]
    assert listed.startswith(f"{len(untagged)})")
    assert [
        int(line.split()[1].rstrip(":")) for line in listed.splitlines()[1:] if line.startswith("  task ")
    ] == untagged
    assert tree_digest(data) == before  # it only reads


def test_review_refuses_broken_data_with_every_problem(data: Path) -> None:
    (data / "topics.yaml").write_text("- id: [\n", encoding="utf-8")
    result = cli_in_process("--data", data, "review")
    assert result.returncode == 1 and "topics.yaml:" in result.stderr
