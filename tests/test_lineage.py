"""Lineage between two editions: the linker's proposals, the reviewed file kept across
runs, what `check` reports of it, and what changed along a link. Two small invented editions
(tests/fixtures/series, README there) with known carry-overs, a split, a merge, a succession
(银保监会 → 金融监管总局), a changed lead, a dropped task and a new one. No site is built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from plansite.catalog import lineagecheck
from plansite.catalog.bodies import FormerName
from plansite.catalog.load import load
from plansite.catalog.model import Catalog, Edition, Task
from plansite.catalog.series import Link
from plansite.catalog.validate import validate
from plansite.lineage import diff as lineagediff
from plansite.lineage import propose as lineage
from plansite.lineage import reviewfile
from tests.conftest import DATA, ROOT

SERIES = Path(__file__).resolve().parent / "fixtures" / "series"
REGISTRIES = ("departments.yaml", "collectives.yaml", "topics.yaml", "instruments.yaml")

# What the fixture tasks were written to show: new task → (old tasks, kind). 2091 task 9 is new;
# 2090 task 9 is dropped.
EXPECTED = {
    1: ((1,), "carried-over"),
    2: ((2,), "split"),
    3: ((2,), "split"),
    4: ((3,), "carried-over"),
    5: ((4,), "carried-over"),
    6: ((6, 7), "merged"),
    7: ((8,), "carried-over"),
    8: ((10,), "carried-over"),
    10: ((5,), "related"),
}


def assemble(target: Path) -> Path:
    """A data folder: the real registries (with cbirc, succeeded by nfra) and the two invented
    editions. Returns `target`."""
    target.mkdir(parents=True)
    for name in REGISTRIES:
        shutil.copy(DATA / name, target / name)
    shutil.copytree(SERIES / "editions", target / "editions")
    return target


@pytest.fixture
def series(tmp_path: Path) -> Path:
    return assemble(tmp_path / "data")


def read(data: Path) -> tuple[Catalog, Edition, Edition]:
    catalog, problems = load(data)
    assert problems == [], [str(p) for p in problems]
    by_id = {e.id: e for e in catalog.editions}
    return catalog, by_id["2090"], by_id["2091"]


def reviewed(links: list[Link], review: str = "confirmed") -> list[Link]:
    return [replace(link, review=review) for link in links]


def write_lineage(data: Path, name: str, text: str) -> Path:
    path = data / "lineage" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- The fixture itself ----------------------------------------------------------------------------


def test_the_fixture_editions_pass_check(series: Path) -> None:
    catalog, _, _ = read(series)
    errors = [str(p) for p in validate(catalog) if p.severity == "error"]
    assert errors == []
    assert catalog.same_line("cbirc") == {"cbirc", "nfra"}


# --- Proposals -------------------------------------------------------------------------------------


def test_the_linker_proposes_the_expected_pairs_with_their_kinds(series: Path) -> None:
    catalog, old, new = read(series)
    links = lineage.propose(catalog, old, new)
    assert {link.new_task: (link.old_tasks, link.kind) for link in links} == EXPECTED
    assert [link.new_task for link in links] == sorted(EXPECTED)  # sorted by new task; 9 has none: it is new
    assert all(link.review == "unreviewed" and not link.is_fact for link in links)
    assert all(0 <= link.score <= 1 and link.evidence for link in links)
    assert all((link.old_edition, link.new_edition) == ("2090", "2091") for link in links)
    by_new = {link.new_task: link for link in links}
    assert "same instruments: trademark-law" in by_new[1].evidence
    assert "same bodies: cnipa, moj" in by_new[1].evidence
    assert any("nfra (successor of cbirc)" in e for e in by_new[7].evidence)  # a successor is the same body
    assert any("also continues as 2091 task 3" in e for e in by_new[2].evidence)
    assert all(link.score >= lineage.STRONG for link in links if link.kind != "related")
    assert lineage.FLOOR <= by_new[10].score < lineage.STRONG


def test_each_new_tasks_best_scored_candidate_is_the_expected_one(series: Path) -> None:
    catalog, old, new = read(series)
    bodies = lineage.Bodies.of(catalog)
    matches = lineage.score_pairs(*lineage.profiles(catalog, old, new, bodies), bodies)
    for number, (olds, _) in EXPECTED.items():
        best = lineage.ranked(m for m in matches.values() if m.new == number)
        assert best[0].old in olds, (number, best[:3])
    assert not [m for m in matches.values() if m.new == 9 or m.old == 9]  # new, and dropped


def test_a_plan_against_itself_links_every_task_to_itself() -> None:
    catalog, _ = load(DATA)
    edition = catalog.editions[0]
    links = lineage.propose(catalog, edition, edition)
    assert [(link.new_task, link.old_tasks, link.kind) for link in links] == [
        (t.number, (t.number,), "carried-over") for t in edition.tasks
    ]


def test_chinese_text_alone_can_carry_a_link(series: Path) -> None:
    """Text similarity in either language: with unrelated English and no instruments, the two
    tasks' Chinese texts still pair them."""
    catalog, old, new = read(series)
    rewritten = replace(
        new,
        mentions=(),
        tasks=tuple(
            replace(
                t,
                text_en="Hold an unrelated seminar on something else entirely.",
                text_zh="推进《中华人民共和国商标法》修改，征集商标注册改革意见。",
            )
            if t.number == 1
            else t
            for t in new.tasks
        ),
    )
    links = {link.new_task: link for link in lineage.propose(catalog, old, rewritten)}
    assert links[1].old_tasks == (1,)
    assert any(e.startswith("text ") and e.endswith("(Chinese)") for e in links[1].evidence)


def test_proposals_do_not_depend_on_the_hash_seed(series: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from plansite.catalog.load import load; from plansite.lineage import propose as lineage, reviewfile; "
        "c, _ = load(Path(sys.argv[1])); e = {x.id: x for x in c.editions}; "
        "sys.stdout.write(reviewfile.to_yaml('2090', '2091', lineage.propose(c, e['2090'], e['2091'])))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(series)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


# --- The file, and running `link` again ------------------------------------------------------------


def test_the_file_reads_back_as_written(series: Path) -> None:
    catalog, old, new = read(series)
    links = lineage.propose(catalog, old, new)
    text = reviewfile.to_yaml("2090", "2091", links)
    assert text.startswith(
        "# Written by `python build.py link 2090 2091`: for each task of 2091, its likely predecessor in 2090.\n"
    )
    write_lineage(series, lineagecheck.file_name("2090", "2091"), text)
    catalog, _, _ = read(series)
    assert [replace(link, origin=None) for link in catalog.links] == links
    assert lineagecheck.problems(catalog) == []


def test_running_link_again_keeps_every_reviewed_decision(series: Path) -> None:
    catalog, old, new = read(series)
    first = {link.new_task: link for link in lineage.propose(catalog, old, new)}
    decided = [
        replace(first[1], review="confirmed"),
        replace(first[10], review="corrected", kind="carried-over"),  # a person says 10 carries 5 over
        replace(first[8], review="rejected"),  # and that 8 does not continue 10
    ]
    existing = [*decided, replace(first[5], old_tasks=(9,))]  # a stale unreviewed proposal
    again = lineage.merge(lineage.propose(catalog, old, new, reviewed=existing), existing)
    assert [link.new_task for link in again] == sorted(link.new_task for link in again)
    for link in decided:
        assert link in again  # kept exactly as it was
    assert [
        link for link in again if link.new_task == 8 and link.old_tasks == (10,) and link.review == "unreviewed"
    ] == []
    assert [link for link in again if link.new_task in (1, 10)] == [
        decided[0],
        decided[1],
    ]  # decided tasks get no new proposal
    assert (5, (9,)) not in {(link.new_task, link.old_tasks) for link in again}  # unreviewed proposals are replaced
    assert {(link.new_task, link.old_tasks, link.kind) for link in again if link.review == "unreviewed"} == {
        (n, olds, kind) for n, (olds, kind) in EXPECTED.items() if n not in (1, 8, 10)
    }

    # Through the file: written, read, proposed and merged again, it stays the same.
    write_lineage(series, "2090-2091.yaml", reviewfile.to_yaml("2090", "2091", again))
    catalog, old, new = read(series)
    assert lineagecheck.problems(catalog) == []
    existing = list(catalog.links)
    third = lineage.merge(lineage.propose(catalog, old, new, reviewed=existing), existing)
    assert [replace(link, origin=None) for link in third] == again


def test_a_rejected_pairing_gives_way_to_the_next_best(series: Path) -> None:
    catalog, old, new = read(series)
    first = {link.new_task: link for link in lineage.propose(catalog, old, new)}
    rejected = replace(first[6], review="rejected")  # not a merge of 6 and 7
    proposals = lineage.propose(catalog, old, new, reviewed=[rejected])
    six = [link for link in proposals if link.new_task == 6]
    assert len(six) == 1 and six[0].old_tasks in ((6,), (7,)) and six[0].kind == "carried-over"
    merged = lineage.merge(proposals, [rejected])
    assert rejected in merged and six[0] in merged


def test_a_reviewed_carry_over_is_not_proposed_twice(series: Path) -> None:
    """Old task 4 is confirmed as carried over to new task 10 (a person's decision): new task 5,
    whose best match it is, may then be related to it, never carried over."""
    catalog, old, new = read(series)
    decided = Link("2090", "2091", new_task=10, old_tasks=(4,), kind="carried-over", review="corrected")
    five = [link for link in lineage.propose(catalog, old, new, reviewed=[decided]) if link.new_task == 5]
    assert [(link.old_tasks, link.kind) for link in five] == [((4,), "related")]


# --- What `check` reports --------------------------------------------------------------------------

BROKEN = """\
old_edition: "2090"
new_edition: "2091"
links:
  - {new_task: 5, old_tasks: [130], kind: carried-over, review: confirmed}
  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}
  - {new_task: 4, old_tasks: [1], kind: carried-over, review: confirmed}
  - {new_task: 2, old_tasks: [2], kind: split, review: confirmed}
  - {new_task: 6, old_tasks: [6], kind: merged, review: corrected}
  - {new_task: 7, old_tasks: [8, 10], kind: carried-over, review: unreviewed}
  - {new_task: 8, old_tasks: [10], kind: moved, review: maybe}
  - {new_task: 99, old_tasks: [9], kind: related, review: rejected}
  - {new_task: 1, old_tasks: [3], kind: related, review: confirmed}
"""


def test_check_reports_every_inconsistent_link_with_file_and_line(series: Path) -> None:
    write_lineage(series, "2090-2091.yaml", BROKEN)
    catalog, _ = load(series)
    found = [str(p) for p in lineagecheck.problems(catalog)]
    file = "data/lineage/2090-2091.yaml"
    expected = [
        f"{file}:4: link of task 5: task 130 of 2090 does not exist — fix the number (task 1 to 10 of 2090), or remove it from old_tasks:",
        f"{file}:6: link of task 4: task 1 is already carried over, to task 1 (line 5)",
        f"{file}:7: link of task 2: the only reviewed split of task 2",
        f"{file}:8: link of task 6: a merged link names one old task",
        f"{file}:9: link of task 7: a carried-over link names 2 old tasks",
        f"{file}:10: link of task 8: unknown kind 'moved'",
        f"{file}:10: link of task 8: unknown review 'maybe'",
        f"{file}:11: link of task 99: task 99 of 2091 does not exist",
        f"{file}:12: link of task 1: the task already has a reviewed link (line 5)",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in found), (start, found)
    assert len(found) == len(expected), found
    assert all(" — " in p for p in found)  # each says what to do


def test_check_reports_a_misnamed_file_and_a_missing_edition(series: Path) -> None:
    write_lineage(
        series,
        "2090-2091.yaml",
        'old_edition: "2089"\nnew_edition: "2091"\nlinks:\n  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}\n',
    )
    write_lineage(
        series,
        "2091-2090.yaml",
        'old_edition: "2091"\nnew_edition: "2090"\nlinks:\n  - {new_task: 1, old_tasks: [1], kind: carried-over, review: confirmed}\n',
    )
    catalog, _ = load(series)
    found = [str(p) for p in lineagecheck.problems(catalog)]
    assert any(
        p.startswith(
            "data/lineage/2090-2091.yaml:4: lineage between 2089 and 2091 is in 2090-2091.yaml — rename the file 2089-2091.yaml"
        )
        for p in found
    ), found
    assert any(
        p.startswith("data/lineage/2090-2091.yaml:4: lineage: old_edition: '2089' is no edition") for p in found
    ), found
    assert any(
        p.startswith("data/lineage/2091-2090.yaml:4: lineage: old_edition: 2091 was issued after new_edition: 2090")
        for p in found
    ), found


def test_a_confirmed_split_set_and_merge_pass_check(series: Path) -> None:
    catalog, old, new = read(series)
    write_lineage(
        series, "2090-2091.yaml", reviewfile.to_yaml("2090", "2091", reviewed(lineage.propose(catalog, old, new)))
    )
    catalog, _, _ = read(series)
    assert lineagecheck.problems(catalog) == []


# --- What changed ----------------------------------------------------------------------------------


def confirmed_catalog(series: Path) -> tuple[Catalog, Edition, Edition, dict[int, Link]]:
    catalog, old, new = read(series)
    links = reviewed(lineage.propose(catalog, old, new))
    return replace(catalog, links=tuple(links)), old, new, {link.new_task: link for link in links}


def test_changes_name_bodies_added_and_removed_a_successor_and_a_changed_lead(series: Path) -> None:
    catalog, _, _, links = confirmed_catalog(series)
    platform = lineagediff.changes(catalog, links[8])
    assert (platform.added, platform.removed, platform.lead_changed) == (("nbs",), ("most",), False)
    seeds = lineagediff.changes(catalog, links[5])
    assert (seeds.old_leads, seeds.new_lead, seeds.lead_changed) == (("mara",), "spc", True)
    assert (seeds.added, seeds.removed) == ((), ())
    finance = lineagediff.changes(catalog, links[7])
    assert (finance.added, finance.removed) == ((), ())  # nfra took over from cbirc: not a body added
    assert finance.successions == (lineagediff.Succession(old="cbirc", new="nfra", how="succeeded"),)
    assert (finance.old_leads, finance.new_lead, finance.lead_changed) == (("cbirc",), "nfra", False)
    # A split is read as a set: samr went on in the sibling task 2, so task 3 did not remove it.
    genetic = lineagediff.changes(catalog, links[3])
    assert (genetic.added, genetic.removed, genetic.lead_changed) == (("mara",), (), True)
    assert [w.instrument for w in genetic.instruments] == ["genetic-resources-regulations"]


def test_changes_give_each_instruments_wording_beside_its_action(series: Path) -> None:
    catalog, _, _, links = confirmed_catalog(series)
    (trademark,) = lineagediff.changes(catalog, links[1]).instruments
    assert trademark == lineagediff.Wording(
        instrument="trademark-law",
        old_words="Study and demonstrate the revision of",
        new_words="Promote the revision of",
        old_words_zh="研究论证…修改",
        new_words_zh="推进…修订",
        old_action="study",
        new_action="promote",
    )
    assert trademark.status == "both"
    (guidelines,) = lineagediff.changes(catalog, links[4]).instruments
    assert (guidelines.old_words, guidelines.new_words, guidelines.old_action, guidelines.new_action) == (
        "Revise",
        "Issue the revised",
        "revise",
        "issue",
    )
    assert guidelines.old_words_zh is None  # no Chinese text in those tasks
    # The old task named two instruments in one breath: the second shares the first's verb.
    (secrets,) = lineagediff.changes(catalog, links[2]).instruments
    assert (secrets.old_words, secrets.new_words) == ("Carry out research on", "Revise and issue")


def test_changes_list_instruments_named_on_one_side_only(series: Path) -> None:
    catalog, old, new, links = confirmed_catalog(series)
    # A carry-over whose new task no longer names the instrument, and one that newly names another.
    dropped_catalog = replace(
        catalog, editions=(old, replace(new, mentions=tuple(m for m in new.mentions if m.task != 4)))
    )
    (gone,) = lineagediff.changes(dropped_catalog, links[4]).instruments
    assert (gone.status, gone.old_action, gone.new_words, gone.new_action) == ("dropped", "revise", None, None)
    added_catalog = replace(
        catalog, editions=(replace(old, mentions=tuple(m for m in old.mentions if m.task != 3)), new)
    )
    (fresh,) = lineagediff.changes(added_catalog, links[4]).instruments
    assert (fresh.status, fresh.old_words, fresh.new_words) == ("added", None, "Issue the revised")


def test_a_rename_between_the_two_editions_is_reported(series: Path) -> None:
    """Same body, new name: the registry's former name, with its date between the editions. (The
    dates are set as this test needs them.)"""
    catalog, old, new, links = confirmed_catalog(series)
    renamed = tuple(
        replace(
            d,
            former_names=(
                FormerName(
                    name_zh="中华人民共和国国家知识产权局",
                    name_en="State Intellectual Property Office",
                    until=date(2023, 9, 1),
                ),
            ),
        )
        if d.id == "cnipa"
        else d
        for d in catalog.departments
    )
    changed = lineagediff.changes(replace(catalog, departments=renamed), links[8])
    assert (
        lineagediff.Succession(old="cnipa", new="cnipa", how="renamed", former_name_zh="中华人民共和国国家知识产权局")
        in changed.successions
    )
    assert changed.added == ("nbs",)
    # An edition whose day of issue is not recorded is dated by its publication: the same rename.
    undated = replace(catalog, departments=renamed, editions=tuple(replace(e, issued=None) for e in catalog.editions))
    assert lineagediff.changes(undated, links[8]).successions == changed.successions


# --- Two editions side by side ---------------------------------------------------------------------


def test_compare_editions_groups_every_task_by_section(series: Path) -> None:
    catalog, old, new, _ = confirmed_catalog(series)
    seen = lineagediff.compare_editions(catalog, old, new)
    numbers = {
        key: {s: [c.link.new_task for c in items] for s, items in seen[key].items()}
        for key in ("carried_over", "split", "merged", "related")
    }
    assert numbers == {
        "carried_over": {1: [1, 4], 2: [5], 3: [7, 8]},
        "split": {1: [2, 3]},
        "merged": {2: [6]},
        "related": {2: [10]},
    }
    assert seen["new_tasks"] == {3: [9]}
    assert seen["dropped"] == {3: [9]}
    assert (seen["pending"], seen["pending_old"], seen["reviewed"], seen["unreviewed"], seen["complete"]) == (
        {},
        {},
        9,
        0,
        True,
    )
    lead = next(c for c in seen["carried_over"][2] if c.link.new_task == 5)
    assert lead.lead_changed


def test_compare_editions_never_shows_a_proposal_as_fact(series: Path) -> None:
    catalog, old, new = read(series)
    proposals = lineage.propose(catalog, old, new)
    seen = lineagediff.compare_editions(replace(catalog, links=tuple(proposals)), old, new)
    assert all(seen[key] == {} for key in ("carried_over", "split", "merged", "related"))
    assert seen["new_tasks"] == {3: [9]} and seen["dropped"] == {3: [9]}  # what no proposal names either
    assert seen["pending"] == {1: [1, 2, 3, 4], 2: [5, 6, 10], 3: [7, 8]}
    assert seen["pending_old"] == {1: [1, 2, 3], 2: [4, 5, 6, 7], 3: [8, 10]}
    assert (seen["reviewed"], seen["unreviewed"], seen["complete"]) == (0, 9, False)
    nothing = lineagediff.compare_editions(catalog, old, new)  # no lineage file at all
    assert nothing["new_tasks"] == {1: [1, 2, 3, 4], 2: [5, 6, 10], 3: [7, 8, 9]} and not nothing["complete"]


def test_a_tasks_own_words_for_each_instrument_in_either_language() -> None:
    """Invented sentences: a quoted title, two titles sharing one verb, and Chinese verbs before
    and after the name (an enumeration shares both)."""
    catalog, _ = load(DATA)
    registry = {i.id: i for i in catalog.instruments}
    both = [registry["standard-patent-guidelines"], registry["patent-examination-guidelines"]]
    task = Task(
        number=1,
        section=1,
        subsection=None,
        responsibility_en="",
        departments=("cnipa",),
        text_en="Draft and publish the “Guidelines on Standard-related Patent Policy”, and study the revision of the Patent Examination Guidelines.",
        text_zh="制定发布《标准涉及专利政策指引》，研究修订《专利审查指南》。",
    )
    assert lineagediff.task_wording(task, both) == {
        "standard-patent-guidelines": ("Draft and publish", "制定发布…"),
        "patent-examination-guidelines": ("study the revision of", "研究修订…"),
    }
    listed = replace(
        task,
        text_en="Revise the Guidelines on Standard-related Patent Policy and the Patent Examination Guidelines.",
        text_zh="加快《标准涉及专利政策指引》、《专利审查指南》修订工作。",
    )
    assert lineagediff.task_wording(listed, both) == {
        "standard-patent-guidelines": ("Revise", "加快…修订工作"),
        "patent-examination-guidelines": ("Revise", "加快…修订工作"),
    }
    assert lineagediff.task_wording(replace(task, text_zh=""), both[:1]) == {
        "standard-patent-guidelines": ("Draft and publish", None)
    }


def test_an_edition_without_instrument_data_reads_not_recorded(series: Path) -> None:
    """The older edition records no instruments: what the newer task names is "not recorded" on
    the older side (nobody has read that task for them), never "not named"."""
    from plansite.render import render_pages

    catalog, old, new, links = confirmed_catalog(series)
    unrecorded = replace(catalog, editions=(replace(old, mentions=()), new))
    (trademark,) = lineagediff.changes(unrecorded, links[1]).instruments
    assert (trademark.old_action, trademark.old_recorded, trademark.new_recorded) == (None, False, True)
    assert trademark.status == "unknown"
    page = render_pages(unrecorded)["2091/tasks/1.md"]
    row = next(line for line in page.splitlines() if "中华人民共和国商标法" in line and line.startswith("|"))
    assert "未记录 · not recorded" in row and "not named" not in row
    # With the data recorded, an instrument the old task does not name is "not named".
    (dropped,) = lineagediff.changes(
        replace(catalog, editions=(old, replace(new, mentions=tuple(m for m in new.mentions if m.task != 4)))),
        links[4],
    ).instruments
    assert (dropped.new_recorded, dropped.status) == (True, "dropped")
