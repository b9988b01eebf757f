"""Old key names in data files, read under their new names with a warning.

A file's keys are the model's field names. Files written before a key was renamed keep loading:
the old key is renamed in the record as it is read (keeping its line), and `check` warns with
the new name, so the file can be brought up to date at leisure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from plansite.catalog.problems import Problem
from plansite.catalog.yamlio import LineList, LineMap


def _checked(value: Any) -> Any:
    """plan_zh_checked was true/false; zh_check names the state."""
    return {True: "confirmed", False: "reconstructed"}.get(value, value) if isinstance(value, bool) else value


Rename = tuple[str, Callable[[Any], Any] | None, str]  # new key, value conversion, what to write
# File name -> where the records are ("" the file's own list or mapping, else a key holding a list)
# -> old key -> the rename.
RENAMES: dict[str, dict[str, dict[str, Rename]]] = {
    "departments.yaml": {
        "": {
            "plan_zh_checked": ("zh_check", _checked, "zh_check: confirmed (was true) or reconstructed (was false)"),
            "garbled_aliases": ("garbled", None, "garbled:"),
        }
    },
    "instruments.yaml": {"instruments": {"zh_status": ("zh_check", None, "zh_check:")}},
    "content.zh.yaml": {"headings": {"status": ("zh_check", None, "zh_check:")}},
    "lineage": {  # data/lineage/OLD-NEW.yaml, whatever its name
        "": {"old": ("old_edition", None, "old_edition:"), "new": ("new_edition", None, "new_edition:")},
        "links": {"old": ("old_tasks", None, "old_tasks:"), "new": ("new_task", None, "new_task:")},
    },
}


def migrate(data: Any, path: Path, shown: str) -> list[Problem]:
    """Rename old keys in place; one warning per old key and file (not per record)."""
    places = RENAMES.get("lineage" if path.parent.name == "lineage" else path.name)
    if not places:
        return []
    warned: dict[tuple[str, str], Problem] = {}
    for where, renames in places.items():
        records = data if where == "" else data.get(where) if isinstance(data, LineMap) else None
        if isinstance(records, LineMap):
            records = [records]
        if not isinstance(records, (list, LineList)):
            continue
        for record in records:
            if not isinstance(record, LineMap):
                continue
            for old, (new, convert, write) in renames.items():
                if old not in record or new in record:
                    continue
                line = record.line_of(old)
                value = record.pop(old)
                record[new] = convert(value) if convert else value
                record.key_lines[new] = line
                warned.setdefault(
                    (where, old),
                    Problem(
                        shown,
                        line,
                        f"'{old}' is the old name of '{new}' (read as such)",
                        f"rename it in every record: {write}",
                        "warning",
                    ),
                )
    return list(warned.values())
