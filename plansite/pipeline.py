"""The steps `build.py` runs: read → validate → render → build in a staging folder → swap in.

Nothing under docs/ or site/ changes unless every step succeeded.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from . import urls
from .aliases import AliasIndex
from .importer import import_translation
from .load import load
from .model import Catalog, Edition
from .offline import zip_folder
from .problems import DataError, Problem, errors
from .render import newest_first, render_pages
from .validate import validate
from .write import Changes, sync, write_atomic
from .yamlio import dump_yaml

ROOT = Path(__file__).resolve().parent.parent


def read(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Load and cross-check everything; raise DataError listing every error (warnings included)."""
    fingerprint = data_fingerprint(data_dir)
    catalog, problems = load(data_dir)
    if not errors(problems):
        problems += validate(catalog)
    if errors(problems):
        raise DataError(problems)
    _last_read.clear()
    _last_read[fingerprint] = catalog
    return catalog, problems


# The MkDocs hook needs the catalog that `build` has just read; when the files are unchanged it
# takes this one instead of reading and validating them all again. One entry: the newest.
_last_read: dict[tuple[object, ...], Catalog] = {}


def data_fingerprint(data_dir: Path) -> tuple[object, ...]:
    """What identifies the data's current state: every file's path, size and modification time."""
    root = data_dir.resolve()
    stats = sorted((str(p.relative_to(root)), p.stat()) for p in root.rglob("*") if p.is_file())
    return (str(root), *((name, st.st_size, st.st_mtime_ns) for name, st in stats))


def check(data_dir: Path) -> Catalog:
    """The data's catalog, checked: the one just read when no file has changed since."""
    cached = _last_read.get(data_fingerprint(data_dir))
    return cached if cached is not None else read(data_dir)[0]


@dataclass
class BuildResult:
    pages: int
    changes: Changes
    warnings: list[Problem]


class BuildFailed(Exception):
    """MkDocs could not build the site; its messages were logged."""


def site_url() -> str | None:
    """The hosted site's address, if publishing (also read by mkdocs.yml)."""
    return os.environ.get("PLANSITE_SITE_URL") or None


def build(root: Path = ROOT, data_dir: Path | None = None, docs_dir: Path | None = None,
          site_dir: Path | None = None, with_offline: bool = True) -> BuildResult:
    """The hosted site into site/, with the offline copy as a download in it (when its shim is installed)."""
    data_dir = data_dir or root / "data"
    docs_dir = docs_dir or root / "docs"
    site_dir = site_dir or root / "site"
    catalog, warnings = read(data_dir)
    pages = render_pages(catalog, site_url=site_url())
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Stage beside site/ so the final swap is a rename on one file system.
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".build-") as tmp:
        stage_docs, stage_site = Path(tmp) / "docs", Path(tmp) / "site"
        if docs_dir.exists():
            shutil.copytree(docs_dir, stage_docs)
        sync(stage_docs, pages)
        with reproducible_time(root, catalog):
            mkdocs_build(root / "mkdocs.yml", stage_docs, stage_site, data_dir)
            if with_offline:
                build_offline_zip(root, stage_docs, data_dir, Path(tmp), stage_site / urls.offline_zip(newest(catalog)), newest(catalog))
        with signals_held():  # from here on, an interrupt waits until docs/ and site/ are both new
            docs_dir.mkdir(parents=True, exist_ok=True)
            changes = sync(docs_dir, pages)
            swap_in(stage_site, site_dir, Path(tmp) / "old-site")
    return BuildResult(len(pages), changes, warnings)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the new output replaces the old; they are delivered after."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def reproducible_time(root: Path, catalog: Catalog) -> Iterator[None]:
    """Two builds of one commit must be byte-identical: MkDocs stamps the sitemap and its gzip
    header with SOURCE_DATE_EPOCH when set. Default it to the last commit's time, or else to the
    newest edition's publication date, so nothing depends on when the build ran."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date(root, catalog))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def source_date(root: Path, catalog: Catalog) -> int:
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max((e.published for e in catalog.editions), default=date(2025, 1, 1))
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def newest(catalog: Catalog) -> Edition:
    return newest_first(catalog.editions)[0]


def build_offline_zip(root: Path, docs_dir: Path, data_dir: Path, work: Path, target: Path, edition: Edition) -> None:
    """Build the same pages again for file:// (no directory URLs, search without a real worker) and zip them."""
    offline_site = work / "offline-site"
    mkdocs_build(root / "mkdocs.yml", docs_dir, offline_site, data_dir, offline=True)
    zip_folder(offline_site, target, top=f"plansite-{edition.id}-offline")


def offline(root: Path = ROOT, data_dir: Path | None = None, out: Path | None = None) -> Path:
    """Only the offline zip (`build.py offline`); docs/ and site/ are not touched."""
    data_dir = data_dir or root / "data"
    catalog, _ = read(data_dir)
    edition = newest(catalog)
    out = out or root / f"plansite-{edition.id}-offline.zip"
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".build-") as tmp:
        stage_docs = Path(tmp) / "docs"
        shutil.copytree(root / "docs" / "assets", stage_docs / "assets")
        sync(stage_docs, render_pages(catalog, site_url=site_url()))
        with reproducible_time(root, catalog):
            build_offline_zip(root, stage_docs, data_dir, Path(tmp), out, edition)
    return out


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, data_dir: Path, offline: bool = False) -> None:
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    settings = {"PLANSITE_DATA": str(data_dir), "PLANSITE_OFFLINE": "true" if offline else "false"}
    os.environ.update(settings)
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        run_mkdocs(config)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None
    finally:
        for name in settings:
            os.environ.pop(name, None)


def swap_in(new: Path, target: Path, parking: Path) -> None:
    """Replace `target` by `new` with two renames, so it is never half-written."""
    if target.exists():
        os.replace(target, parking)
    os.replace(new, target)


def import_source(source: Path, data_dir: Path, edition: str) -> Path:
    """Parse a translation into data/editions/<edition>/content.en.yaml; nothing is written on error."""
    catalog, problems = load(data_dir)
    registry_errors = [p for p in errors(problems) if "editions" not in p.file]
    if registry_errors:
        raise DataError(registry_errors)
    content = import_translation(source, str(source), AliasIndex(catalog.departments, catalog.collectives))
    target = data_dir / "editions" / edition / "content.en.yaml"
    header = ("# Written by `python build.py import`: do not edit by hand; fix the translation\n"
              "# (source.en.txt) or data/departments.yaml and import again.\n")
    write_atomic(target, header + dump_yaml(content))
    return target


def setup_logging() -> None:
    """Show MkDocs' warnings and errors (strict mode turns them into a failed build)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
