"""What `check` reports of the lineage files (data/lineage/OLD-NEW.yaml): editions and tasks that
exist, known kinds and reviews, and reviewed links that fit together."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from plansite.catalog.model import Catalog, Edition
from plansite.catalog.problems import Problem
from plansite.catalog.series import Link
from plansite.catalog.vocab import LINK_KINDS, REVIEWS

# --- What `check` reports ------------------------------------------------------------------------


def file_name(old_id: str, new_id: str) -> str:
    """data/lineage/<this>: OLD-NEW.yaml."""
    return f"{old_id}-{new_id}.yaml"


def problems(catalog: Catalog) -> list[Problem]:
    """Every problem of every lineage file: editions and tasks that exist, known kinds and reviews,
    the file named after its pair, and reviewed links that fit together (a task carried over at most
    once, one fact per new task, split and merged links in sets)."""
    editions = {e.id: e for e in catalog.editions}
    found: list[Problem] = []
    by_file: defaultdict[str, list[Link]] = defaultdict(list)
    for link in catalog.links:
        by_file[link.origin.file if link.origin else ""].append(link)
    for file, links in sorted(by_file.items()):
        found += file_problems(file, links, editions)
    return found + cycle_problems(by_file)


def cycle_problems(by_file: dict[str, list[Link]]) -> list[Problem]:
    """Lineage files whose pairs run in a circle (A → B and B → A, as two editions issued on the
    same day allow): along them a task could be its own predecessor's successor. Each file on a
    circle is named, at its first link."""
    edges: defaultdict[str, set[str]] = defaultdict(set)
    for links in by_file.values():
        if links[0].old_edition != links[0].new_edition:
            edges[links[0].old_edition].add(links[0].new_edition)
    found = []
    for _, links in sorted(by_file.items()):
        old, new = links[0].old_edition, links[0].new_edition
        back = path_between(edges, new, old) if old != new else None
        if back:
            circle = " → ".join([old, *back])
            found.append(
                Problem(
                    *where(links[0]),
                    f"lineage {old} → {new} closes a circle of editions ({circle}): a task could be its own "
                    "predecessor's successor",
                    "lineage runs from the earlier edition to the later one: keep the files of one direction and "
                    "remove the others (editions issued on the same day: decide which came first)",
                )
            )
    return found


def path_between(edges: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """The editions from `start` to `goal` along the lineage files (both included), or None."""
    came_from: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        current = queue.pop(0)
        if current == goal:
            path = [current]
            while (step := came_from[path[-1]]) is not None:
                path.append(step)
            return path[::-1]
        for nxt in sorted(edges.get(current, ())):
            if nxt not in came_from:
                came_from[nxt] = current
                queue.append(nxt)
    return None


def where(link: Link) -> tuple[str, int]:
    return (link.origin.file, link.origin.line) if link.origin else ("data/lineage", 0)


def file_problems(file: str, links: list[Link], editions: dict[str, Edition]) -> list[Problem]:
    first = links[0]
    old_id, new_id = first.old_edition, first.new_edition
    found = []
    expected = file_name(old_id, new_id)
    if PurePath(file).name != expected:
        found.append(
            Problem(
                *where(first),
                f"lineage between {old_id} and {new_id} is in {PurePath(file).name}",
                f"rename the file {expected} (old-new), or fix its old_edition: and new_edition:",
            )
        )
    missing = [
        (side, ident) for side, ident in (("old_edition", old_id), ("new_edition", new_id)) if ident not in editions
    ]
    for side, ident in missing:
        found.append(
            Problem(
                *where(first),
                f"lineage: {side}: '{ident}' is no edition",
                f"use one of: {', '.join(sorted(editions))}" if editions else "add the edition first",
            )
        )
    if old_id == new_id:
        found.append(
            Problem(
                *where(first),
                f"lineage links edition {old_id} to itself",
                "give the older edition as old_edition: and the newer as new_edition:",
            )
        )
    elif not missing and (editions[old_id].issued or editions[old_id].published) > (
        editions[new_id].issued or editions[new_id].published
    ):
        found.append(
            Problem(
                *where(first),
                f"lineage: old_edition: {old_id} was issued after new_edition: {new_id}",
                "swap them: old_edition: is the earlier edition, and rename the file to match",
            )
        )
    for link in links:
        found += link_problems(link, None if missing else editions[old_id], None if missing else editions[new_id])
    found += set_problems(links)
    return sorted(found, key=lambda p: p.line)  # in file order (stable: a link's problems as found)


def link_problems(link: Link, old: Edition | None, new: Edition | None) -> list[Problem]:
    """One link on its own: its tasks exist, its kind and review are known, its old tasks fit its kind."""
    at = where(link)
    what = f"link of task {link.new_task}"
    found = []
    if new is not None and link.new_task not in {t.number for t in new.tasks}:
        found.append(
            Problem(
                *at,
                f"{what}: task {link.new_task} of {new.id} does not exist",
                f"fix the number (task 1 to {len(new.tasks)} of {new.id}), or remove the link",
            )
        )
    if old is not None:
        numbers = {t.number for t in old.tasks}
        for number in link.old_tasks:
            if number not in numbers:
                found.append(
                    Problem(
                        *at,
                        f"{what}: task {number} of {old.id} does not exist",
                        f"fix the number (task 1 to {len(old.tasks)} of {old.id}), or remove it from old_tasks:",
                    )
                )
    if len(set(link.old_tasks)) != len(link.old_tasks):
        found.append(
            Problem(
                *at,
                f"{what}: old_tasks: names a task twice ({', '.join(map(str, link.old_tasks))})",
                "name each old task once",
            )
        )
    if link.kind not in LINK_KINDS:
        found.append(Problem(*at, f"{what}: unknown kind '{link.kind}'", f"use one of: {', '.join(LINK_KINDS)}"))
    if link.review not in REVIEWS:
        found.append(Problem(*at, f"{what}: unknown review '{link.review}'", f"use one of: {', '.join(REVIEWS)}"))
    if link.kind == "merged" and len(set(link.old_tasks)) < 2:
        found.append(
            Problem(
                *at,
                f"{what}: a merged link names one old task",
                "name every old task merged into it, or make it carried-over",
            )
        )
    if link.kind in ("carried-over", "related", "split") and len(link.old_tasks) != 1:
        hint = (
            "use one link per new task of the split, each naming the one old task"
            if link.kind == "split"
            else "name one old task, or make it merged"
        )
        found.append(Problem(*at, f"{what}: a {link.kind} link names {len(link.old_tasks)} old tasks", hint))
    return found


def set_problems(links: list[Link]) -> list[Problem]:
    """Reviewed links of one file together: one fact per new task, an old task carried over at most
    once and not also split or merged, splits in sets of two or more; a link given twice."""
    found = []
    seen: dict[tuple[int, tuple[int, ...]], Link] = {}
    for link in links:
        key = (link.new_task, tuple(sorted(link.old_tasks)))
        if key in seen:
            found.append(
                Problem(
                    *where(link),
                    f"link of task {link.new_task} to {', '.join(map(str, key[1]))} is given twice (first at line "
                    f"{where(seen[key])[1]})",
                    "keep one of them",
                )
            )
        else:
            seen[key] = link
    facts = [link for link in links if link.is_fact]
    first_fact: dict[int, Link] = {}
    for link in facts:
        if link.new_task in first_fact:
            found.append(
                Problem(
                    *where(link),
                    f"link of task {link.new_task}: the task already has a reviewed link (line "
                    f"{where(first_fact[link.new_task])[1]})",
                    "keep one reviewed link per new task (name several old tasks in one merged link), and reject the "
                    "other",
                )
            )
        else:
            first_fact[link.new_task] = link
    carried: dict[int, Link] = {}
    for link in facts:
        if link.kind != "carried-over" or len(link.old_tasks) != 1:
            continue
        old = link.old_tasks[0]
        if old in carried:
            found.append(
                Problem(
                    *where(link),
                    f"link of task {link.new_task}: task {old} is already carried over, to task "
                    f"{carried[old].new_task} (line {where(carried[old])[1]})",
                    "carry an old task over once: make these split links if it became several tasks, or reject one",
                )
            )
        else:
            carried[old] = link
    splits: defaultdict[int, list[Link]] = defaultdict(list)
    for link in facts:
        if link.kind == "split" and len(link.old_tasks) == 1:
            splits[link.old_tasks[0]].append(link)
    for old, members in sorted(splits.items()):
        if len(members) < 2:
            found.append(
                Problem(
                    *where(members[0]),
                    f"link of task {members[0].new_task}: the only reviewed split of task {old}",
                    "a split needs two or more new tasks naming the same old task: confirm the others, or make it "
                    "carried-over",
                )
            )
        if old in carried:
            found.append(
                Problem(
                    *where(members[0]),
                    f"link of task {members[0].new_task}: task {old} is split and also carried over (to task "
                    f"{carried[old].new_task})",
                    "an old task is either carried over or split: correct one of them",
                )
            )
    for link in facts:
        if link.kind == "merged":
            for old in link.old_tasks:
                if old in carried:
                    found.append(
                        Problem(
                            *where(link),
                            f"link of task {link.new_task}: task {old} is merged here and also carried over (to task "
                            f"{carried[old].new_task})",
                            "an old task is either carried over or merged: correct one of them",
                        )
                    )
    return found
