"""Shared fixtures: the project root, a scratch copy of data/, the CLI, and one real site build."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = DATA / "editions" / "2025" / "source.en.txt"


def run_cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` as a user would; return its exit code and output."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=600)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes, to prove nothing changed."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A scratch copy of the bundled data, free to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built once from the bundled data, in a scratch folder: returns the folder
    holding docs/ and site/."""
    out = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "docs", out / "docs", ignore=shutil.ignore_patterns("[0-9]*", "index.md", ".plansite-generated.json"))
    result = run_cli("build", "--docs", out / "docs", "--site", out / "site")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def offline_copy(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip the hosted build publishes, unzipped: returns its index.html folder."""
    archive = built / "site" / "2025" / "downloads" / "plansite-2025-offline.zip"
    assert archive.exists(), "the build published no offline zip"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    return target / "plansite-2025-offline"
