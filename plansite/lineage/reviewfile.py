"""The lineage file a person reviews (data/lineage/OLD-NEW.yaml): its text, and the reviewers' `#`
comments carried from one run of `link` to the next.

YAML parsers drop comments, so they are kept by position: a comment belongs to the link entry it
sits in, or to the entry it stands directly above; one on a key's line stays on that key. Comments
before the first entry (other than the generated header) stay at the top. A comment whose entry is
gone (an unreviewed proposal not made again) moves to the top, saying which proposal it was on, so
nothing a reviewer wrote is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from plansite.catalog.series import Link
from plansite.catalog.vocab import LINK_KINDS, REVIEWS
from plansite.catalog.yamlio import dump_yaml

KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+):")  # the key a line of an entry starts with


def header(old_id: str, new_id: str) -> list[str]:
    return [
        f"# Written by `python build.py link {old_id} {new_id}`: for each task of {new_id}, its likely predecessor in "
        f"{old_id}.",
        "# Review each link: set review to confirmed (as proposed), corrected (after changing old_tasks/kind) or",
        "# rejected. Unreviewed links are never shown as fact; `link` run again keeps every reviewed one.",
        f"#   kind:   {' | '.join(LINK_KINDS)}",
        "#           (split: one link per new task, each naming the same old task; merged: one link naming them all)",
        f"#   review: {' | '.join(REVIEWS)}",
        "#   score and evidence say why the link was proposed; they are not checked.",
        "# Your own # comments stay with their link when `link` runs again.",
    ]


@dataclass
class EntryNotes:
    """A reviewer's comments on one link entry: whole lines above it, and comments on a key's line."""

    above: list[str] = field(default_factory=list)
    before_key: dict[str, list[str]] = field(default_factory=dict)  # whole lines above a key inside the entry
    on_key: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.above or self.before_key or self.on_key)

    def as_lines(self) -> list[str]:
        inside = [*self.before_key.values(), *self.on_key.values()]
        return [*self.above, *(c for comments in inside for c in comments)]


@dataclass
class Notes:
    """Every reviewer comment of a lineage file: at the top, and per entry (by its first line)."""

    top: list[str] = field(default_factory=list)
    entries: dict[int, EntryNotes] = field(default_factory=dict)


def comment_of(line: str, quote: str | None) -> tuple[str | None, str | None]:
    """The comment a line ends with (from its `#`), if any, and the quote still open at its end:
    a `#` inside a quoted string or glued to a word is no comment."""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[i:].rstrip(), None
    return None, quote


def read_notes(text: str, starts: list[int], generated: list[str]) -> Notes:
    """The comments of a lineage file's text. `starts`: the first line of each link entry (1-based,
    as the loader gives it); `generated`: header lines `link` writes itself, not kept as comments."""
    lines = text.splitlines()
    entry_starts = set(starts)
    notes = Notes()
    pending: list[str] = []  # whole-line comments waiting for the entry below them
    current: int | None = None  # the entry being read
    quote: str | None = None
    for number, line in enumerate(lines, 1):
        if number in entry_starts:
            current = number
            notes.entries.setdefault(current, EntryNotes()).above.extend(pending)
            pending = []
        stripped = line.strip()
        if quote is None and not stripped:
            continue
        if quote is None and stripped.startswith("#"):
            if stripped not in generated:
                pending.append(stripped)
            continue
        comment, quote = comment_of(line, quote)
        key = KEY.match(line)
        if pending:  # comments above a line inside an entry (or above links:) belong there
            if current is None:
                notes.top.extend(pending)
            elif number == current:
                notes.entries[current].above.extend(pending)
            else:
                notes.entries[current].before_key.setdefault(key.group(1) if key else "", []).extend(pending)
            pending = []
        if comment:
            if current is None:
                notes.top.append(comment)
            else:
                notes.entries[current].on_key.setdefault(key.group(1) if key else "", []).append(comment)
    if pending:
        (notes.entries[current].above if current else notes.top).extend(pending)
    return notes


def to_yaml(old_id: str, new_id: str, links: list[Link], notes: Notes | None = None, was: Sequence[Link] = ()) -> str:
    """The text of data/lineage/OLD-NEW.yaml (the shape Loader.links reads), with the reviewers'
    comments of the file it replaces. `was`: the links read from that file (their origin lines name
    their entries). A kept link keeps its entry's comments; a fresh proposal of the same pair as an
    unreviewed entry takes that entry's."""
    notes = notes or Notes()
    old_entries = {link.origin.line: link for link in was if link.origin is not None}
    unreviewed = {
        (link.new_task, link.old_tasks): line for line, link in old_entries.items() if link.review == "unreviewed"
    }
    entry_line = [
        link.origin.line if link.origin is not None else unreviewed.get((link.new_task, link.old_tasks))
        for link in links
    ]
    out = [*header(old_id, new_id), *notes.top]
    for line, entry in sorted(notes.entries.items()):
        if line not in entry_line and entry:
            gone = old_entries.get(line)
            what = f"task {gone.new_task} from {'/'.join(map(str, gone.old_tasks))}, {gone.kind}" if gone else "?"
            out.append(f"# (on an earlier proposal, no longer made: {what})")
            out += entry.as_lines()
    out += [f"old_edition: {scalar(old_id)}", f"new_edition: {scalar(new_id)}", "links:" if links else "links: []"]
    for link, line in zip(links, entry_line, strict=True):
        out += entry_lines(link, notes.entries.get(line, EntryNotes()) if line is not None else EntryNotes())
    return "\n".join(out) + "\n"


def scalar(value: str) -> str:
    """A string as a YAML scalar (quoted when it would read as a number)."""
    return dump_yaml(value).removesuffix("\n...\n").strip()


def entry_lines(link: Link, entry: EntryNotes) -> list[str]:
    """One link entry, block style, with its comments."""
    body = {
        "new_task": link.new_task,
        "old_tasks": list(link.old_tasks),
        "kind": link.kind,
        "review": link.review,
        "score": round(link.score, 2),
        "evidence": list(link.evidence),
    }
    lines = ("- " + "\n  ".join(dump_yaml(body).rstrip("\n").split("\n"))).split("\n")
    on_key = {k: list(v) for k, v in entry.on_key.items()}
    before_key = {k: list(v) for k, v in entry.before_key.items()}
    out = []
    for line in lines:
        key = KEY.match(line)
        name = key.group(1) if key and not line.startswith("  - ") else None
        if name in before_key:
            out += ["  " + c for c in before_key.pop(name)]
        out.append(f"{line}  {' '.join(on_key.pop(name))}" if name in on_key else line)
    # Comments on lines not written again (a list item, a key no longer written) go above the entry.
    rest = [c for comments in (*before_key.values(), *on_key.values()) for c in comments]
    return [*entry.above, *rest, *out]
