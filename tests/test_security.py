"""Security of the output: a Content-Security-Policy on every page, no inline event handlers, a
search index no other user of the machine can change."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TASKS

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


JIEBA_PROBE = """
import marshal, os, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
# What anyone may write: jieba's shared cache of its main dictionary, in the temp folder.
with open(os.path.join(tempfile.gettempdir(), "jieba.cache"), "wb") as f:
    marshal.dump(({"强": 0, "强知": 10**9}, 10**9 + 1), f)
import jieba
jieba.setLogLevel(60)
if sys.argv[2] == "build":
    from plansite import engine
    root, work = Path(sys.argv[1]), Path(tempfile.mkdtemp(prefix="run-"))
    (work / "search-words.txt").write_text("国知局 100000 nt\\n", encoding="utf-8")
    engine.load(engine.Run(root / "mkdocs.yml", root / "docs", work / "site", [], work / "search-words.txt"))
print(" ".join(jieba.lcut("加强知识产权保护")))
"""


@pytest.mark.parametrize("how", ["jieba-alone", "build"])
def test_the_search_segmenter_never_loads_a_shared_cache(how: str, tmp_path: Path) -> None:
    """jieba loads /tmp/jieba.cache whatever it holds: editing that file changed the next build's
    search index. A run keeps jieba's cache in its own private folder."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", JIEBA_PROBE, str(ROOT), how], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    if how == "jieba-alone":  # the attack works on jieba by itself: the test can tell
        assert "强知" in words
    else:
        assert words == ["加强", "知识产权", "保护"]
        (private,) = [p for p in tmp_path.iterdir() if p.name.startswith("run-")]
        assert (private / "jieba.cache").is_file()
