"""Security of the output: a Content-Security-Policy on every page, no inline event handlers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def rendered_pages(site: Path) -> list[Path]:
    """Pages MkDocs rendered (the short-link redirect pages are plain files, copied as they are)."""
    return [p for p in site.rglob("*.html") if "md-header" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("which", ["hosted", "offline"])
def test_every_page_carries_a_strict_policy(built: Path, offline_copy: Path, which: str) -> None:
    site = built / "site" if which == "hosted" else offline_copy
    pages = rendered_pages(site)
    assert len(pages) > 200
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = CSP.search(html)
        assert match, page
        policy = dict(part.strip().split(" ", 1) for part in match.group(1).split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        script_sources = policy["script-src"].split()
        assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
        assert all(s == "'self'" or s.startswith("'sha256-") for s in script_sources)
        assert html.index("Content-Security-Policy") < html.index("<script")  # before any script runs


@pytest.mark.parametrize("which", ["hosted", "offline"])
def test_no_inline_event_handlers(built: Path, offline_copy: Path, which: str) -> None:
    site = built / "site" if which == "hosted" else offline_copy
    for page in site.rglob("*.html"):
        assert not EVENT_HANDLER.search(page.read_text(encoding="utf-8")), page
