"""The lineage file across runs of `link`: nothing a reviewer decided or wrote is lost (reviewed
links, `#` comments), a symlinked file stays a link, a file `link` would lose decisions from is
refused with its line, a `.yml` file is refused by name, and `check` rejects lineage that runs in a
circle. The editions are tests/fixtures/series (our own wording)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plansite.catalog import lineagecheck
from plansite.catalog.load import load
from plansite.catalog.problems import DataError
from plansite.commands.link import link_editions
from tests.test_lineage import assemble, write_lineage


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return assemble(tmp_path / "data")


def entry(text: str, new_task: int) -> str:
    """The text of one link entry (from its first line to the next entry)."""
    chunks = re.split(r"(?m)^(?=- new_task: )", text)
    found = [c for c in chunks if re.search(rf"(?m)^- new_task: {new_task}$", c)]
    assert len(found) == 1, (new_task, found)
    return found[0]


def snapshot(folder: Path) -> dict[str, object]:
    return {
        p.name: os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else "folder"
        for p in (folder.glob("*") if folder.exists() else ())
    }


def refused(data: Path, old: str = "2090", new: str = "2091") -> list[str]:
    before = snapshot(data / "lineage")
    with pytest.raises(DataError) as caught:
        link_editions(data, old, new)
    assert snapshot(data / "lineage") == before  # nothing written
    return [str(p) for p in caught.value.problems]


# --- Comments ------------------------------------------------------------------------------------


def test_reviewers_comments_stay_with_their_link_across_runs(data: Path) -> None:
    target, _, _ = link_editions(data, "2090", "2091")
    text = target.read_text(encoding="utf-8")
    one, ten = entry(text, 1), entry(text, 10)
    text = text.replace(
        one,
        "# checked against both texts\n"
        + one.replace("review: unreviewed", "review: confirmed  # same law, new verb").replace(
            "  evidence:\n", "  # the section moved, the task did not\n  evidence:\n"
        ),
    )
    text = text.replace(ten, ten.replace("review: unreviewed", "review: rejected  # boilerplate only"))
    text = text.replace("old_edition:", "# Reviewed by the editors in two sittings.\nold_edition:")
    target.write_text(text, encoding="utf-8")

    link_editions(data, "2090", "2091")
    again = target.read_text(encoding="utf-8")
    first = entry(again, 1)
    assert "# checked against both texts\n- new_task: 1\n" in again
    assert "  review: confirmed  # same law, new verb\n" in first
    assert "  # the section moved, the task did not\n  evidence:\n" in first
    assert "  review: rejected  # boilerplate only\n" in entry(again, 10)
    assert again.index("# Reviewed by the editors in two sittings.") < again.index("old_edition:")
    assert again.count("# Written by `python build.py link") == 1  # the header is written, not kept twice
    # The comments are ours to carry, not new data: the links read back the same.
    assert {(link.new_task, link.review) for link in load(data)[0].links if link.review != "unreviewed"} == {
        (1, "confirmed"),
        (10, "rejected"),
    }
    link_editions(data, "2090", "2091")
    assert target.read_text(encoding="utf-8") == again  # a third run changes nothing


def test_a_comment_on_a_proposal_no_longer_made_moves_to_the_top(data: Path) -> None:
    write_lineage(
        data,
        "2090-2091.yaml",
        'old_edition: "2090"\nnew_edition: "2091"\nlinks:\n'
        "# not sure: ask the customs office\n"
        "- {new_task: 5, old_tasks: [9], kind: related, review: unreviewed}\n",
    )
    target, _, _ = link_editions(data, "2090", "2091")
    text = target.read_text(encoding="utf-8")
    top = text.split("old_edition:")[0]
    assert (
        "# (on an earlier proposal, no longer made: task 5 from 9, related)\n# not sure: ask the customs office" in top
    )
    assert (5, (9,)) not in {(link.new_task, link.old_tasks) for link in load(data)[0].links}


def test_a_hash_inside_a_quoted_value_is_no_comment() -> None:
    from plansite.lineage import reviewfile

    text = "links:\n- new_task: 1\n  evidence:\n  - 'text # 0.5'  # mine\n"
    notes = reviewfile.read_notes(text, [2], [])
    assert notes.entries[2].on_key == {"": ["# mine"]}


# --- Refused: what `link` would lose ---------------------------------------------------------------


def test_link_refuses_a_file_whose_header_names_another_pair(data: Path) -> None:
    write_lineage(
        data,
        "2090-2091.yaml",
        "# reviewed last spring\n"
        'old_edition: "2089"\nnew_edition: "2091"\nlinks:\n'
        "  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}\n",
    )
    (problem,) = refused(data)
    assert problem.startswith("data/lineage/2090-2091.yaml:2: this file holds the lineage between 2089 and 2091")
    assert "would lose its 1 links (1 reviewed)" in problem
    assert "rename it 2089-2091.yaml" in problem and "set them to 2090 and 2091" in problem


def test_link_refuses_the_pairs_links_in_another_file(data: Path) -> None:
    write_lineage(
        data,
        "copy-of-2090-2091.yaml",
        'old_edition: "2090"\nnew_edition: "2091"\nlinks:\n'
        "  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}\n",
    )
    (problem,) = refused(data)
    assert problem.startswith("data/lineage/copy-of-2090-2091.yaml:4: links of 2090 → 2091 are in copy-of-2090-2091")
    assert "move them into 2090-2091.yaml" in problem


def test_a_yml_lineage_file_is_refused_by_name(data: Path) -> None:
    write_lineage(
        data,
        "2090-2091.yml",
        'old_edition: "2090"\nnew_edition: "2091"\nlinks:\n'
        "  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}\n",
    )
    catalog, problems = load(data)
    assert [str(p) for p in problems] == [
        "data/lineage/2090-2091.yml:0: a lineage file ending in .yml is not read (lineage files are OLD-NEW.yaml) "
        "— rename it 2090-2091.yaml"
    ]
    assert any("2090-2091.yml" in p for p in refused(data))


def test_link_refuses_a_target_that_is_no_regular_file(data: Path) -> None:
    (data / "lineage" / "2090-2091.yaml").mkdir(parents=True)
    (problem,) = refused(data)
    assert problem.startswith("data/lineage/2090-2091.yaml:0: is a folder, not a file")


# --- A symlinked file ------------------------------------------------------------------------------


def test_a_symlinked_lineage_file_is_written_through(data: Path, tmp_path: Path) -> None:
    target, _, _ = link_editions(data, "2090", "2091")
    kept = tmp_path / "elsewhere" / "reviewed.yaml"
    kept.parent.mkdir()
    kept.write_text(
        target.read_text(encoding="utf-8").replace("\n  review: unreviewed", "\n  review: confirmed", 1),
        encoding="utf-8",
    )
    target.unlink()
    os.symlink(kept, target)
    link_editions(data, "2090", "2091")
    assert target.is_symlink() and target.resolve() == kept.resolve()
    assert "review: confirmed" in kept.read_text(encoding="utf-8")
    assert [link.review for link in load(data)[0].links].count("confirmed") == 1
    target.unlink()
    os.symlink(tmp_path / "nowhere.yaml", target)
    (problem,) = refused(data)
    assert problem.startswith("data/lineage/2090-2091.yaml:0: file not found")  # a link to nothing: refused


# --- `check`: no circles ---------------------------------------------------------------------------


def test_check_rejects_lineage_that_runs_in_a_circle(data: Path) -> None:
    plan = data / "editions" / "2091" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2024-03-01", "issued: 2023-03-01"), "utf-8")
    link = "  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}\n"
    write_lineage(data, "2090-2091.yaml", f'old_edition: "2090"\nnew_edition: "2091"\nlinks:\n{link}')
    write_lineage(data, "2091-2090.yaml", f'old_edition: "2091"\nnew_edition: "2090"\nlinks:\n{link}')
    catalog, problems = load(data)
    assert problems == []
    found = [str(p) for p in lineagecheck.problems(catalog)]
    assert found == [
        "data/lineage/2090-2091.yaml:4: lineage 2090 → 2091 closes a circle of editions (2090 → 2091 → 2090): a task "
        "could be its own predecessor's successor — lineage runs from the earlier edition to the later one: keep the "
        "files of one direction and remove the others (editions issued on the same day: decide which came first)",
        "data/lineage/2091-2090.yaml:4: lineage 2091 → 2090 closes a circle of editions (2091 → 2090 → 2091): a task "
        "could be its own predecessor's successor — lineage runs from the earlier edition to the later one: keep the "
        "files of one direction and remove the others (editions issued on the same day: decide which came first)",
    ]
    (data / "lineage" / "2091-2090.yaml").unlink()
    assert lineagecheck.problems(load(data)[0]) == []  # one direction: no circle


def test_link_refuses_the_wrong_order_and_a_circle(data: Path) -> None:
    (problem,) = refused(data, "2091", "2090")
    assert (
        problem == "data/editions/2091/plan.yaml:0: 2091 was issued after 2090 — run link 2090 2091: OLD is the earlier"
    )
    plan = data / "editions" / "2091" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2024-03-01", "issued: 2023-03-01"), "utf-8")
    link_editions(data, "2090", "2091")  # the same day: either order is possible, once
    (problem,) = refused(data, "2091", "2090")
    assert problem.startswith(
        "data/lineage/2090-2091.yaml:12: lineage 2091 → 2090 would close a circle of editions (2091 → 2090 → 2091)"
    )
