"""Golden pages: the rendered Markdown of representative pages, compared byte for byte.

After an intended template change run `make golden` (UPDATE_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plansite.catalog.load import load
from plansite.render import render_site
from tests.conftest import DATA

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "task-8.md": "2025/tasks/8.md",  # one department
    "task-49.md": "2025/tasks/49.md",  # ten departments, according to their respective duties
    "task-10.md": "2025/tasks/10.md",  # a collective mention beside the lead
    "department-ngoa.md": "2025/departments/ngoa.md",  # the body behind a garbled name
    "section-6.md": "2025/sections/6/index.md",  # a section without subsections
    "subsection-1-3.md": "2025/sections/1/3.md",  # a reconstructed heading
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    catalog, _ = load(DATA)
    return render_site(catalog).docs


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_golden_copy(rendered: dict[str, str], name: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered[PAGES[name]], encoding="utf-8")
    assert golden.exists(), f"no golden copy: run `make golden` to create {golden}"
    assert rendered[PAGES[name]] == golden.read_text(encoding="utf-8")


def test_every_heading_has_a_fixed_id(rendered: dict[str, str]) -> None:
    """Permalinks must not depend on heading text or position (Chinese text would slug to nothing)."""
    for path, text in rendered.items():
        for line in text.splitlines():
            if line.startswith("#"):
                assert re.search(r" \{#[a-z0-9-]+( data-search-exclude)?\}$", line), f"{path}: {line}"
