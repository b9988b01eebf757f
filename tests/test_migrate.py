"""Data files written before a key was renamed still load, with a warning naming the new key."""

from __future__ import annotations

import re
from pathlib import Path

from plansite import catalog

DEPTS = "data/departments.yaml"
INSTRUMENTS = "data/instruments.yaml"
CHINESE = "data/editions/2025/content.zh.yaml"


def old_keys(data: Path) -> None:
    """Write the files as they were before the renames."""
    depts = data / "departments.yaml"
    text = re.sub(
        r"^(\s*)zh_check: confirmed$", r"\1plan_zh_checked: true", depts.read_text(encoding="utf-8"), flags=re.M
    )
    text = re.sub(r"^(\s*)zh_check: reconstructed$", r"\1plan_zh_checked: false", text, flags=re.M)
    depts.write_text(re.sub(r"^(\s*)garbled:", r"\1garbled_aliases:", text, flags=re.M), encoding="utf-8")
    instruments = data / "instruments.yaml"
    instruments.write_text(instruments.read_text(encoding="utf-8").replace("zh_check:", "zh_status:"), encoding="utf-8")
    chinese = data / "editions/2025/content.zh.yaml"
    chinese.write_text(chinese.read_text(encoding="utf-8").replace(", zh_check:", ", status:"), encoding="utf-8")


def first_line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_old_keys_load_as_the_new_ones_with_one_warning_each(data: Path) -> None:
    new, _ = catalog.read(data)
    old_keys(data)
    old, problems = catalog.read(data)
    assert old == new
    warnings = sorted(str(p) for p in problems if "old name" in p.message)
    assert warnings == sorted(
        [
            f"{CHINESE}:{first_line(data / 'editions/2025/content.zh.yaml', ', status:')}: warning: 'status' is the old "
            "name of 'zh_check' (read as such) — rename it in every record: zh_check:",
            f"{DEPTS}:{first_line(data / 'departments.yaml', 'garbled_aliases:')}: warning: 'garbled_aliases' is the "
            "old name of 'garbled' (read as such) — rename it in every record: garbled:",
            f"{DEPTS}:{first_line(data / 'departments.yaml', 'plan_zh_checked:')}: warning: 'plan_zh_checked' is the "
            "old name of 'zh_check' (read as such) — rename it in every record: zh_check: confirmed (was true) or "
            "reconstructed (was false)",
            f"{INSTRUMENTS}:{first_line(data / 'instruments.yaml', 'zh_status:')}: warning: 'zh_status' is the old "
            "name of 'zh_check' (read as such) — rename it in every record: zh_check:",
        ]
    )


def test_a_file_giving_both_names_is_not_migrated(data: Path) -> None:
    depts = data / "departments.yaml"
    text = depts.read_text(encoding="utf-8")
    depts.write_text(
        text.replace("  zh_check: confirmed\n", "  zh_check: confirmed\n  plan_zh_checked: false\n", 1),
        encoding="utf-8",
    )
    try:
        catalog.read(data)
    except catalog.DataError as exc:
        assert any("unknown field 'plan_zh_checked'" in p.message for p in exc.problems)
    else:
        raise AssertionError("a record giving the old and the new key passed")


def test_a_lineage_file_with_the_old_keys_reads_under_the_new_ones(tmp_path: Path) -> None:
    from plansite.catalog.migrate import migrate
    from plansite.catalog.yamlio import read_yaml

    file = tmp_path / "lineage" / "2090-2091.yaml"
    file.parent.mkdir()
    file.write_text('old: "2090"\nnew: "2091"\nlinks:\n  - {new: 1, old: [1, 2], kind: merged, review: confirmed}\n')
    data = read_yaml(file, "data/lineage/2090-2091.yaml")
    warnings = migrate(data, file, "data/lineage/2090-2091.yaml")
    assert data == {
        "old_edition": "2090",
        "new_edition": "2091",
        "links": [{"new_task": 1, "old_tasks": [1, 2], "kind": "merged", "review": "confirmed"}],
    }
    assert [(w.line, w.message) for w in warnings] == [
        (1, "'old' is the old name of 'old_edition' (read as such)"),
        (2, "'new' is the old name of 'new_edition' (read as such)"),
        (4, "'old' is the old name of 'old_tasks' (read as such)"),
        (4, "'new' is the old name of 'new_task' (read as such)"),
    ]
