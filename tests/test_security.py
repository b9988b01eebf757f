"""Security of the output: a Content-Security-Policy on every page, no inline event handlers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import TASKS

EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def html_files(site: Path) -> list[Path]:
    """Every HTML file the site publishes: the pages MkDocs rendered, its 404 page, and the
    short-link pages (/2025/57/) the hook hands over as they are."""
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("which", ["hosted", "offline"])
def test_every_page_carries_a_strict_policy(built: Path, offline_copy: Path, which: str) -> None:
    site = built / "site" if which == "hosted" else offline_copy
    pages = html_files(site)
    assert len(pages) > 200
    short_links = [p for p in pages if p.parent.name.isdigit() and p.parent.parent.name == "2025"]
    assert len(short_links) == (TASKS if which == "hosted" else 0)  # the offline copy has none
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = CSP.search(html)
        assert match, page
        policy = dict(part.strip().split(" ", 1) for part in match.group(1).split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        script_sources = policy["script-src"].split()
        assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
        assert all(s == "'self'" or s.startswith("'sha256-") for s in script_sources)
        if "<script" in html:
            assert html.index("Content-Security-Policy") < html.index("<script")  # before any script runs


@pytest.mark.parametrize("which", ["hosted", "offline"])
def test_no_inline_event_handlers(built: Path, offline_copy: Path, which: str) -> None:
    site = built / "site" if which == "hosted" else offline_copy
    for page in site.rglob("*.html"):
        assert not EVENT_HANDLER.search(page.read_text(encoding="utf-8")), page
