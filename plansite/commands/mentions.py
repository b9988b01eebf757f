"""After `import`: the instruments an edition's tasks name by title, proposed for review, so that a
new edition has instrument data to start from (instruments.proposed.yaml). The build never reads
the proposals: a person sets each action, removes what is wrong, adds what is only described, and
renames the file instruments.yaml. Until then the linker finds the same names itself and says they
are unreviewed."""

from __future__ import annotations

from pathlib import Path

from plansite.catalog.edition import OFFICIAL_FILE
from plansite.catalog.load import load
from plansite.catalog.model import Instrument, Task
from plansite.catalog.problems import DataError, Problem
from plansite.catalog.vocab import ACTIONS
from plansite.catalog.yamlio import read_yaml
from plansite.lineage.named import name_patterns, named
from plansite.output.atomic import write_atomic

PROPOSED_FILE = "instruments.proposed.yaml"
REVIEWED_FILE = "instruments.yaml"
TO_REVIEW = "to-review"  # no action: `check` refuses it until a person writes one
FIRST_LINE = "# Proposed by `python build.py import`"


def propose_instruments(data_dir: Path, edition: str) -> str | None:
    """Write the edition's instruments.proposed.yaml from its imported text(s) and say so; None
    when the edition already has reviewed instrument data (then nothing is written). Refused: a
    proposals file this tool did not write (kept as it is)."""
    folder = data_dir / "editions" / edition
    if (folder / REVIEWED_FILE).exists():
        return None
    target = folder / PROPOSED_FILE
    shown = f"{data_dir.name}/editions/{edition}/{PROPOSED_FILE}"
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise DataError([Problem(shown, 0, "is not a regular file", f"move it away: import writes {PROPOSED_FILE}")])
    if target.exists() and not target.read_text(encoding="utf-8-sig").startswith(FIRST_LINE):
        raise DataError(
            [
                Problem(
                    shown,
                    1,
                    "not written by import: left as it is, and no proposals written",
                    f"if these are reviewed instrument data, rename the file {REVIEWED_FILE}; else move it away",
                )
            ]
        )
    catalog, _ = load(data_dir)  # the registry (import has already refused registries with errors)
    tasks = imported_tasks(folder, data_dir)
    names = name_patterns(catalog.instruments)
    found = [(number, ident) for number, task in sorted(tasks.items()) for ident in sorted(named(task, names))]
    write_atomic(target, proposals_text(found, {i.id: i for i in catalog.instruments}))
    named_tasks = len({number for number, _ in found})
    return (
        f"wrote {target}: {len(found)} instruments named by title in {named_tasks} of {len(tasks)} tasks, proposed "
        f"for review (set each action, then rename the file {REVIEWED_FILE})"
    )


def imported_tasks(folder: Path, data_dir: Path) -> dict[int, Task]:
    """Each task's text in either language, from what import wrote (the translation, the official text)."""
    texts: dict[int, dict[str, str]] = {}
    for name, field in (("content.en.yaml", "text_en"), (OFFICIAL_FILE, "text_zh")):
        path = folder / name
        if not path.is_file():
            continue
        data = read_yaml(path, f"{data_dir.name}/editions/{folder.name}/{name}")
        for task in (data or {}).get("tasks") or ():
            if isinstance(task, dict) and isinstance(task.get("number"), int):
                texts.setdefault(task["number"], {})[field] = str(task.get(field) or "")
    return {
        number: Task(
            number=number,
            section=0,
            subsection=None,
            text_en=text.get("text_en", ""),
            responsibility_en="",
            departments=(),
            text_zh=text.get("text_zh", ""),
        )
        for number, text in texts.items()
    }


def proposals_text(found: list[tuple[int, str]], registry: dict[str, Instrument]) -> str:
    lines = [
        f"{FIRST_LINE}: the instruments each task names by title, found by the",
        "# registry's names (data/instruments.yaml). Not read by the build. To review: check each line against",
        f"# the task, set action (`{TO_REVIEW}` is refused by `check`) to one of:",
        f"#   {' | '.join(ACTIONS)}",
        "# remove what the task does not ask for, add what it only describes, then rename this file",
        f"# {REVIEWED_FILE}. Running import again rewrites this file (not {REVIEWED_FILE}).",
    ]
    if not found:
        lines.append("[]  # no instrument named by title")
    for number, ident in found:
        ins = registry[ident]
        lines.append(f"- {{task: {number}, instrument: {ident}, action: {TO_REVIEW}}}  # {ins.name_zh} · {ins.name_en}")
    return "\n".join(lines) + "\n"
