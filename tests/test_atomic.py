"""A build either replaces docs/ and site/ whole or leaves them exactly as they were.

Every test starts from a copy of the session's one real build (`built`), so each pays for the one
build it is about, not for a first build as well."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansite.output.manifest import MANIFEST
from tests.conftest import ROOT, build_site, made_once, run_cli, tree_digest
from tests.test_lineage import assemble

SMALL = "2091"  # the newest edition of the small fixture series


def copy_of_build(built: Path, target: Path, with_site: bool = True) -> tuple[Path, Path]:
    """docs/ (and site/) of the session's build, copied with their modification times into `target`."""
    docs, site = target / "docs", target / "site"
    shutil.copytree(built / "docs", docs)
    if with_site:
        shutil.copytree(built / "site", site, symlinks=True)
    return docs, site


@pytest.fixture(scope="module")
def rebuilt(
    built: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """A second build from the first build's docs/ into a new site/, a while after the first; without
    the offline copy, whose own reproducibility test_offline checks."""
    docs, site = copy_of_build(built, tmp_path_factory.mktemp("rebuilt"), with_site=False)
    time.sleep(1.1)  # a build stamping the clock would now differ
    result = run_cli("build", "--docs", docs, "--site", site, "--no-offline")
    assert result.returncode == 0, result.stderr
    return docs, site, result


def build_small(out: Path) -> None:
    assemble(out / "data")
    build_site(out, "--data", out / "data")


@pytest.fixture(scope="session")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture series (tests/fixtures/series) built whole, hosted site and offline copy,
    once per run: the folder holding data/, docs/ and site/. The tests that interrupt or break a
    build start from a copy of it, so each pays for a build of a few pages, not of the whole plan."""
    return made_once(tmp_path_factory, "small", build_small)


@pytest.fixture
def small(small_built: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the small build to change: (data, docs, site)."""
    shutil.copytree(small_built / "data", tmp_path / "data")
    docs, site = copy_of_build(small_built, tmp_path)
    return tmp_path / "data", docs, site


def test_two_builds_are_byte_identical(
    built: Path, rebuilt: tuple[Path, Path, subprocess.CompletedProcess[str]]
) -> None:
    _, site, _ = rebuilt
    first = tree_digest(built / "site")
    listed = json.loads((built / "site" / MANIFEST).read_text(encoding="utf-8"))
    offline = [name for name in listed if name.endswith("-offline.zip")]
    assert len(offline) == 1 and first.pop(offline[0])
    assert json.loads((site / MANIFEST).read_text(encoding="utf-8")) == [n for n in listed if n not in offline]
    second = tree_digest(site)
    for digest in (first, second):
        digest.pop(MANIFEST)
    assert second == first


def test_unchanged_pages_are_not_rewritten(
    built: Path, rebuilt: tuple[Path, Path, subprocess.CompletedProcess[str]]
) -> None:
    docs, _, result = rebuilt
    assert "(0 written, 0 removed, " in result.stdout
    page = Path("2025") / "tasks" / "57.md"
    assert (docs / page).stat().st_mtime_ns == (built / "docs" / page).stat().st_mtime_ns


def test_a_removed_task_leaves_no_stale_page(small: tuple[Path, Path, Path]) -> None:
    data, docs, site = small
    last = max(int(p.stem) for p in (docs / SMALL / "tasks").glob("*.md") if p.stem.isdigit())
    assert (docs / SMALL / "tasks" / f"{last}.md").exists() and (site / SMALL / "tasks" / str(last)).exists()
    (docs / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    content = data / "editions" / SMALL / "content.en.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text[: text.index(f"- number: {last}\n")], encoding="utf-8")
    result = run_cli("--data", data, "build", "--docs", docs, "--site", site, "--no-offline")
    assert result.returncode == 0, result.stderr
    assert not (docs / SMALL / "tasks" / f"{last}.md").exists()
    assert not (site / SMALL / "tasks" / str(last)).exists()
    assert (docs / SMALL / "tasks" / f"{last - 1}.md").exists()
    assert (docs / "notes.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert (site / "notes" / "index.html").exists()


def test_a_failing_mkdocs_build_changes_nothing(small: tuple[Path, Path, Path]) -> None:
    data, docs, site = small
    (docs / "broken.md").write_text("[a link to nowhere](missing.md)\n", encoding="utf-8")
    before = tree_digest(docs), tree_digest(site)
    result = run_cli("--data", data, "build", "--docs", docs, "--site", site, "--no-offline")
    assert result.returncode == 1
    assert "MkDocs build failed" in result.stderr and "missing.md" in result.stderr
    assert (tree_digest(docs), tree_digest(site)) == before
    assert not list(docs.parent.glob(".build-*"))


def wait_until_mkdocs_writes(build: subprocess.Popen[bytes], staging_parent: Path, seconds: float = 300) -> None:
    """Return once MkDocs has begun writing the staged site (`.build-*/site/` beside site/): the
    build is then inside `mkdocs build`, with the rest of both MkDocs runs (hosted and offline) and
    the zip still ahead of it, so an interrupt sent now lands before docs/ and site/ are touched."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if any(staging_parent.glob(".build-*/site/*")):
            return
        if build.poll() is not None:
            raise AssertionError(f"the build ended (status {build.returncode}) before MkDocs wrote anything")
        time.sleep(0.05)
    build.kill()
    raise AssertionError(f"MkDocs wrote nothing into the staging folder within {seconds} s")


def changed(data: Path) -> Path:
    """`data` with a word changed in every task that has it (task 1 among them): a build would
    rewrite their pages."""
    content = data / "editions" / SMALL / "content.en.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("Promote", "Hasten"), encoding="utf-8")
    return data


def interrupted(small: tuple[Path, Path, Path], workdir: Path, whole_group: bool) -> tuple[int, str]:
    """Build the changed small data; once MkDocs writes, stop it: SIGTERM to the build alone, or
    (whole_group) a terminal's Ctrl-C, SIGINT to every process of its own process group. Checks that
    docs/ and site/ are as they were and no staging folder is left; returns the exit status and
    standard error."""
    data, docs, site = small
    changed(data)
    before = tree_digest(docs), tree_digest(site)
    log = workdir / "stderr.txt"  # a file, not a pipe: a full pipe would stall the build while the test waits
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--data",
        str(data),
        "build",
        "--docs",
        str(docs),
        "--site",
        str(site),
    ]
    with log.open("wb") as err:
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=whole_group)
        try:
            wait_until_mkdocs_writes(build, workdir)
            if whole_group:
                os.killpg(build.pid, signal.SIGINT)
            else:
                build.send_signal(signal.SIGTERM)
            build.wait(timeout=120)
        finally:
            if build.poll() is None:
                if whole_group:
                    os.killpg(build.pid, signal.SIGKILL)
                else:
                    build.kill()
                build.wait()
    assert (tree_digest(docs), tree_digest(site)) == before
    assert "Hasten" not in (docs / SMALL / "tasks" / "1.md").read_text(encoding="utf-8")
    assert not list(workdir.glob(".build-*"))
    return build.returncode, log.read_text(encoding="utf-8")


def test_a_terminated_build_leaves_no_partial_output(small: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """SIGTERM to the build alone (a service manager stopping it); Ctrl-C is the test below."""
    status, stderr = interrupted(small, tmp_path, whole_group=False)
    assert status == 130, stderr
    assert "interrupted; site/ and docs/ were left as they were" in stderr


def test_ctrl_c_to_the_process_group_prints_one_line_and_leaves_no_partial_output(
    small: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A terminal's Ctrl-C reaches every process of the group: the forked MkDocs workers printed
    their KeyboardInterrupt tracebacks (4 of 5 times) before."""
    status, stderr = interrupted(small, tmp_path, whole_group=True)
    assert status == 130
    assert stderr == "interrupted; site/ and docs/ were left as they were.\n"
