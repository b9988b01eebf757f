"""What keeps the build fast and the site small, checked for correctness, never timed:
compacted HTML that renders the same, a search index without duplicated lists, generated files
handed to MkDocs in memory, and the shortcuts in loading, linking and escaping."""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plansite.catalog import read
from plansite.catalog.yamlio import _Loader, read_yaml
from plansite.finish import without_indentation
from plansite.render.mdtext import escape
from plansite.view.urls import relative
from tests.conftest import DATA, ROOT, TASKS, run_cli


def test_indentation_goes_but_verbatim_whitespace_stays() -> None:
    html = (
        "<div>\n    <p>one\n      two</p>\n\n  <pre>a\n    b</pre>\n<textarea>x\n  y</textarea>\n"
        "<script>let s = `1\n   2`;</script>\n  <style>a {\n  color: red }</style>\n</div>"
    )
    assert without_indentation(html) == (
        "<div>\n<p>one\ntwo</p>\n<pre>a\n    b</pre>\n<textarea>x\n  y</textarea>\n"
        "<script>let s = `1\n   2`;</script>\n<style>a {\n  color: red }</style>\n</div>"
    )


# The rule in one expression, as it was first written: the finishing step's faster form must agree.
ONE_EXPRESSION = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)|[ \t]*\n\s*", re.S | re.I)
PIECES = ["<pre>", "</pre>", "<PRE class=x>", "<script>", "</Script>", "<style>", "</style>", "<textarea>"]
PIECES += ["</textarea>", "<p>", "</p>", " ", "  ", "\t", "\n", "\r\n", "\u3000", "\x0b", "a", "中"]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_collapsing_whitespace_agrees_with_the_one_expression_rule(html: str) -> None:
    assert without_indentation(html) == ONE_EXPRESSION.sub(lambda m: m.group(1) or "\n", html)


def test_built_pages_carry_no_indentation(built: Path) -> None:
    page = (built / "site" / "2025" / "tasks" / "57" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\n[ \t]+<", page)
    assert "<title>" in page and "Task 57" in page


def search_index(site: Path) -> tuple[str, list[dict[str, str]]]:
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    return raw, json.loads(raw)["docs"]


def test_search_index_keeps_chinese_as_utf8(built: Path) -> None:
    raw, docs = search_index(built / "site")
    assert "\\u" not in raw.replace("\\u200b", "")  # only jieba's word breaks stay escaped, if at all
    assert any("国家知识产权局" in d["text"] or "国家知识产权局" in d["title"] for d in docs)


def test_search_indexes_each_task_text_once(built: Path) -> None:
    """Lists that repeat task summaries (department, section, topic, instrument pages; a task's
    neighbours) stay out of the index, so a phrase finds its task, not every list naming it."""
    _, docs = search_index(built / "site")
    locations = [d["location"] for d in docs]
    for excluded in (
        r"tasks/\d+/#(cite|siblings)",
        r"departments/[^#]+#(led|participates|partners|by-section)",
        r"departments/[^#]+#(led|participates)-section-\d",
        r"sections/\d+/#(tasks|subsection-\d+)",
        r"topics/[^#]+#(section-\d|departments)",
        r"instruments/[^#]+#tasks",
    ):
        assert not any(re.search(excluded, loc) for loc in locations), excluded
    # …while the pages themselves, their names and the task texts are all still found.
    assert "2025/departments/cnipa/" in locations
    assert sum(1 for loc in locations if re.fullmatch(r"2025/tasks/\d+/#text", loc)) == TASKS
    progress = [loc for loc in locations if loc.endswith("#progress")]
    edition = read(DATA)[0].editions[0]
    with_updates = [f"2025/tasks/{t.number}/#progress" for t in edition.tasks if edition.history(t.number)]
    assert sorted(progress) == sorted(with_updates) and progress  # only the tasks with a recorded update


def test_offline_copy_ships_one_search_index(offline_copy: Path) -> None:
    assert (offline_copy / "search" / "search_index.js").exists()
    assert not (offline_copy / "search" / "search_index.json").exists()


def test_generated_files_are_rendered_into_docs_before_mkdocs_runs(built: Path) -> None:
    """Citation files, downloads, charts, the feed and short links are written into docs/ with the
    pages (everything is rendered before MkDocs runs), and MkDocs copies them as they are."""
    docs, site = built / "docs" / "2025", built / "site" / "2025"
    tasks = len(read(DATA)[0].editions[-1].tasks)
    for rel in ("cite/task-57.bib", "charts/department-cnipa.svg", "updates.xml", "downloads/tasks-2025.csv"):
        assert (docs / rel).read_bytes() == (site / rel).read_bytes()
    assert len(list((site / "cite").glob("task-*.bib"))) == tasks
    assert (site / "57" / "index.html").exists() and (site / "updates.xml").exists()
    assert (site / "charts" / "department-cnipa.svg").exists()
    with zipfile.ZipFile(site / "downloads" / "plansite-2025-offline.zip") as z:
        names = z.namelist()
    assert any(n.endswith("/2025/cite/task-57.bib") for n in names)
    assert not any(n.endswith("/2025/57/index.html") for n in names)  # short links need a server


def test_a_hand_written_file_in_a_generated_place_fails_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "2025" / "cite").mkdir(parents=True)
    (docs / "assets").symlink_to(ROOT / "docs" / "assets")
    (docs / "2025" / "cite" / "task-1.bib").write_text("mine\n", encoding="utf-8")
    result = run_cli("build", "--docs", docs, "--site", tmp_path / "site")
    assert result.returncode != 0
    assert "docs/2025/cite/task-1.bib:0: a hand-written file is in the place of a generated one" in result.stderr
    assert (docs / "2025" / "cite" / "task-1.bib").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "site").exists()


def test_both_yaml_parsers_read_the_data_alike() -> None:
    """libyaml reads the data; the pure-Python parser explains errors. They must agree."""
    import yaml

    def same(a: object, b: object) -> None:
        """Equal values, with the same line numbers at every level."""
        assert type(a) is type(b) and a == b
        assert getattr(a, "line", None) == getattr(b, "line", None)
        assert getattr(a, "key_lines", None) == getattr(b, "key_lines", None)
        children = list(a.values()) if isinstance(a, dict) else a if isinstance(a, list) else []
        others = list(b.values()) if isinstance(b, dict) else b if isinstance(b, list) else []
        for x, y in zip(children, others, strict=True):
            same(x, y)

    for path in sorted((ROOT / "data").rglob("*.yaml")):
        same(read_yaml(path, path.name), yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader))  # noqa: S506


segment = st.sampled_from(["2025", "tasks", "57.md", "index.md", "cite", "a.md", "sections"])
paths = st.lists(segment, min_size=1, max_size=4).map("/".join)


@given(paths, paths)
def test_relative_links_match_posixpath(here: str, target: str) -> None:
    assert relative(here, target) == posixpath.relpath(target, posixpath.dirname(here) or ".")


def reference_escape(value: str) -> str:
    """The escaping rule spelled out step by step (the real one does it in one pass)."""
    import html

    text = html.escape(re.sub(r"\s+", " ", value), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", text)


@given(st.text())
def test_one_pass_escaping_matches_the_rule(value: str) -> None:
    assert str(escape(value)) == reference_escape(value)


@pytest.mark.parametrize("page", ["2025/tasks/57/index.html", "2025/departments/cnipa/index.html", "404.html"])
def test_compaction_keeps_the_content_security_policy_valid(built: Path, page: str) -> None:
    """The policy pins inline scripts by hash, so compaction must run before it is computed."""
    import base64
    import hashlib

    html = (built / "site" / page).read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    for script in re.findall(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_workers_run_jobs_in_forked_processes_in_order() -> None:
    """In a fresh (single-threaded) process on a machine with several cores, jobs run in workers."""
    code = (
        "import os, sys; sys.path.insert(0, sys.argv[1]); from plansite.render.workers import run_all; "
        "print(os.getpid(), run_all([lambda i=i: (i, os.getpid()) for i in range(6)]))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True).stdout
    parent, results = out.split(" ", 1)
    results = eval(results)  # noqa: S307 - our own printed list of tuples
    assert [i for i, _ in results] == list(range(6))
    if (os.cpu_count() or 1) > 1:
        assert all(pid != int(parent) for _, pid in results)


def test_several_editions_render_the_same_in_workers_and_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.bench import synthetic_data
    from plansite.render import render_pages, workers

    synthetic_data(2, tmp_path / "data")
    catalog, _ = read(tmp_path / "data")
    by_default = render_pages(catalog)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 1)
    in_one = render_pages(catalog)
    assert in_one == by_default
    assert list(in_one) == list(by_default)  # same order too
    assert {"2025/tasks/57.md", "s001/tasks/57.md", "editions.md"} <= set(by_default)
