"""A build either replaces docs/ and site/ whole or leaves them exactly as they were."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli, tree_digest


def first_build(tmp_path: Path) -> tuple[Path, Path]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    result = run_cli("build", "--docs", docs, "--site", site)
    assert result.returncode == 0, result.stderr
    return docs, site


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    docs, site = first_build(tmp_path)
    before = tree_digest(site)
    shutil.rmtree(site)
    time.sleep(1.1)  # a build stamping the clock would now differ
    assert run_cli("build", "--docs", docs, "--site", site).returncode == 0
    assert tree_digest(site) == before


def test_unchanged_pages_are_not_rewritten(tmp_path: Path) -> None:
    docs, site = first_build(tmp_path)
    page = docs / "2025" / "tasks" / "57.md"
    stamp = page.stat().st_mtime_ns
    result = run_cli("build", "--docs", docs, "--site", site)
    assert "(0 written, 0 removed, " in result.stdout
    assert page.stat().st_mtime_ns == stamp


def test_a_removed_task_leaves_no_stale_page(data: Path, tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    assert run_cli("--data", data, "build", "--docs", docs, "--site", site).returncode == 0
    content = data / "editions" / "2025" / "content.en.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text[: text.index("- number: 118\n")], encoding="utf-8")
    result = run_cli("--data", data, "build", "--docs", docs, "--site", site)
    assert result.returncode == 0, result.stderr
    assert not (docs / "2025" / "tasks" / "118.md").exists()
    assert not (site / "2025" / "tasks" / "118").exists()
    assert (docs / "notes.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert (site / "notes" / "index.html").exists()


def test_a_failing_mkdocs_build_changes_nothing(tmp_path: Path) -> None:
    docs, site = first_build(tmp_path)
    (docs / "broken.md").write_text("[a link to nowhere](missing.md)\n", encoding="utf-8")
    before = tree_digest(docs), tree_digest(site)
    result = run_cli("build", "--docs", docs, "--site", site)
    assert result.returncode == 1
    assert "MkDocs build failed" in result.stderr and "missing.md" in result.stderr
    assert (tree_digest(docs), tree_digest(site)) == before
    assert not list(tmp_path.glob(".build-*"))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_leaves_no_partial_output(tmp_path: Path, data: Path, sig: int) -> None:
    docs, site = first_build(tmp_path)
    content = data / "editions" / "2025" / "content.en.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("Accelerate", "Hasten"), encoding="utf-8")
    before = tree_digest(docs), tree_digest(site)
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--docs", str(docs), "--site", str(site)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)  # inside the MkDocs build
    build.send_signal(sig)
    _, stderr = build.communicate(timeout=120)
    after = tree_digest(docs), tree_digest(site)
    if build.returncode == 0:  # the build had already finished: then it must be whole and new
        assert after != before and "Hasten" in (docs / "2025" / "tasks" / "1.md").read_text(encoding="utf-8")
    else:
        assert build.returncode == 130, stderr
        assert "interrupted; site/ and docs/ were left as they were" in stderr
        assert after == before
    assert not list(tmp_path.glob(".build-*"))
