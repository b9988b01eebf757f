"""The linker's calibration pairs (tests/fixtures/calibration, README there): two invented editions
per file, built into the model with the real registries, and how well the linker finds the links
the file expects. Run as a script to print the figures: `.venv/bin/python -m tests.calibration`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from plansite.catalog.load import load
from plansite.catalog.model import Catalog, Edition, Mention, Section, Task
from plansite.catalog.series import Link
from plansite.lineage import propose as lineage

HERE = Path(__file__).resolve().parent
CALIBRATION = HERE / "fixtures" / "calibration"
DATA = HERE.parent / "data"


TASK_KEYS = {"n", "s", "by", "ins", "en", "zh"}


def edition(spec: dict[str, Any]) -> Edition:
    for t in spec["tasks"]:  # an unquoted comma in a flow mapping would cut a text short into a stray key
        if set(t) - TASK_KEYS or not t["en"].endswith("."):
            raise ValueError(f"calibration task {t.get('n')}: keys {sorted(t)}, text {t.get('en')!r}")
    tasks = tuple(
        Task(
            number=t["n"],
            section=t["s"],
            subsection=None,
            text_en=t["en"],
            responsibility_en="",
            departments=tuple(t["by"]),
            text_zh=t.get("zh", ""),
        )
        for t in spec["tasks"]
    )
    mentions = (
        tuple(Mention(task=t["n"], instrument=i, action="revise") for t in spec["tasks"] for i in t.get("ins", ()))
        if spec["instrument_data"]
        else ()
    )
    sections = tuple(
        Section(number=s["number"], title_en=s["title_en"], title_zh=s["title_zh"]) for s in spec["sections"]
    )
    issued = spec["issued"] if isinstance(spec["issued"], date) else date.fromisoformat(str(spec["issued"]))
    return Edition(
        id=str(spec["id"]),
        series="calibration",
        title_zh="",
        title_en="",
        issuer_zh="",
        issuer_en="",
        issued=issued,
        published=issued,
        translation_notice="",
        sections=sections,
        tasks=tasks,
        mentions=mentions,
    )


def pair(name: str) -> tuple[Catalog, Edition, Edition, dict[int, tuple[int, ...]]]:
    """The registries of data/ with the file's two editions, and the links it expects (new → old)."""
    spec = yaml.safe_load((CALIBRATION / name).read_text(encoding="utf-8"))
    old, new = edition(spec["old"]), edition(spec["new"])
    catalog, _ = load(DATA)
    catalog = replace(catalog, editions=(old, new), links=())
    expected = {int(n): tuple(olds) for n, olds in (spec.get("expected") or {}).items()}
    return catalog, old, new, expected


@dataclass(frozen=True)
class Figures:
    proposed: int  # links proposed (any kind)
    correct: int  # of which expected
    expected: int
    strong: int  # expected links proposed as carried over, split or merged (not only related)
    after_rejection: int  # wrong links proposed again after a reviewer rejected every wrong one

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.2f} ({self.correct}/{self.proposed}), recall {self.recall:.2f} "
            f"({self.correct}/{self.expected}; {self.strong} as carry-overs), "
            f"wrong proposals after rejecting the wrong ones: {self.after_rejection}"
        )


def right(link: Link, expected: dict[int, tuple[int, ...]]) -> bool:
    return set(link.old_tasks) <= set(expected.get(link.new_task, ()))


def figures(name: str) -> Figures:
    catalog, old, new, expected = pair(name)
    links = lineage.propose(catalog, old, new)
    correct = [link for link in links if right(link, expected)]
    wrong = [replace(link, review="rejected") for link in links if not right(link, expected)]
    again = lineage.propose(catalog, old, new, reviewed=wrong)
    return Figures(
        proposed=len(links),
        correct=len(correct),
        expected=len(expected),
        strong=len([link for link in correct if link.kind != "related"]),
        after_rejection=len([link for link in again if not right(link, expected)]),
    )


if __name__ == "__main__":
    for file in ("training.yaml", "heldout.yaml"):
        if (CALIBRATION / file).exists():
            print(f"{file}: {figures(file)}")
