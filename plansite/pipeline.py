"""The steps `build.py` runs: read → validate → render → build in a staging folder → swap in.

Nothing under docs/ or site/ changes unless every step succeeded.
"""

from __future__ import annotations

import errno
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

from . import paths, urls
from .aliases import AliasIndex
from .importer import import_translation
from .load import load
from .model import Catalog, Edition
from .offline import zip_folder
from .paths import OutputError, describe
from .problems import DataError, Problem, errors
from .render import newest_first, render_pages
from .validate import validate
from .write import (
    JOURNAL,
    MANIFEST,
    UNDO,
    Changes,
    Update,
    list_files,
    manifest_text,
    read_manifest,
    recover,
    restore_note,
    sync,
    write_atomic,
)
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
    """The hosted site into site/, with the offline copy as a download in it (when its shim is installed).

    Refuses output folders that are, hold or lie inside the project or its data (paths.Refused);
    builds in a staging folder beside site/; then, with interrupts held, updates docs/ (journaled)
    and puts the new site in place of the old. Any failure there rolls both back (OutputError)."""
    data_dir = data_dir or root / "data"
    docs_given, site_given = docs_dir or root / "docs", site_dir or root / "site"
    # A symlinked site/ is followed: the staging folder goes beside its target, which is swapped.
    # When the two overlap, the message names the one the user chose (the other is the default).
    chosen_site = site_given.resolve() != (root / "site").resolve()
    site_dir = paths.check_output("--site", site_given, root, data_dir, folder=True, example="site/",
                                  others=((docs_given, "the docs folder"),) if chosen_site else ())
    docs_dir = paths.check_output("--docs", docs_given, root, data_dir, folder=True, example="docs/", holds_assets=True,
                                  others=((site_given, "the site folder"),))
    catalog, warnings = read(data_dir)  # data errors first: they are what a user is most likely fixing
    paths.check_site_folder("--site", site_given, site_dir)
    paths.check_writable(docs_dir, "the docs folder")
    for folder in (docs_dir, site_dir):
        if folder.is_dir():
            recover(folder)  # an update a killed build left half done
            read_manifest(folder)  # a manifest naming anything outside its folder stops the build now
    pages = render_pages(catalog, site_url=site_url())
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        # Stage beside site/ so the final swap is a rename on one file system.
        staging = tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".build-", ignore_cleanup_errors=True)
    except OSError as exc:
        raise OutputError(f"could not make a staging folder beside {site_dir}: {describe(exc)}; docs/ and site/ were left as they were") from None
    with staging as tmp:
        stage_docs, stage_site = Path(tmp) / "docs", Path(tmp) / "site"
        try:
            if docs_dir.exists():
                shutil.copytree(docs_dir, stage_docs, ignore=lambda folder, names: [n for n in names if n in (JOURNAL, UNDO)])
            staged = Update(stage_docs, pages)
            staged.apply()
            staged.commit()
            with reproducible_time(root, catalog):
                mkdocs_build(root / "mkdocs.yml", stage_docs, stage_site, data_dir)
                if with_offline:
                    build_offline_zip(root, stage_docs, data_dir, Path(tmp), stage_site / urls.offline_zip(newest(catalog)), newest(catalog))
            write_atomic(stage_site / MANIFEST, manifest_text(list_files(stage_site)))
        except (OSError, OutputError) as exc:
            raise OutputError(f"could not build the site in the staging folder {tmp}: {describe(exc)}; docs/ and site/ were left as they were") from None
        with signals_held():  # from here on, an interrupt waits until docs/ and site/ are both new (or both old)
            docs_update = Update(docs_dir, pages)
            site_update: list[Update] = []
            try:
                changes = docs_update.apply()
                publish(stage_site, site_dir, Path(tmp) / "old-site", site_update)
            except OSError as exc:
                note = restore_note([*site_update, docs_update], "docs/ and site/", plural=True)
                raise OutputError(f"could not put the new site in place of {site_dir}: {describe(exc)}; {note}") from None
            except BaseException:
                restore_note([*site_update, docs_update], "docs/ and site/", plural=True)
                raise
            for update in (*site_update, docs_update):
                update.commit()
    return BuildResult(len(pages), changes, warnings)


def publish(new: Path, target: Path, parking: Path, updates: list[Update]) -> None:
    """Put the staged site `new` in place of `target`: two renames, so it is never half-written;
    where the folder cannot be renamed (a mount point: EBUSY, EXDEV), update its contents in place
    instead, journaled like docs/ (the Update is added to `updates`, for the caller to commit or
    roll back). On a failure the old site is put back before the error is raised."""
    if target.is_dir() and os.path.ismount(target):
        update_in_place(new, target, updates)
        return
    moved = False
    if target.exists():
        try:
            os.replace(target, parking)
            moved = True
        except OSError as exc:
            if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
                raise
            update_in_place(new, target, updates)
            return
    try:
        os.replace(new, target)
    except BaseException as exc:
        if moved:
            try:
                os.replace(parking, target)
            except OSError as again:
                raise OutputError(f"could not put the new site in place of {target} ({describe(exc)}), nor the old one back "
                                  f"({describe(again)}); docs/ was left as it was: build again") from None
        raise


def update_in_place(new: Path, target: Path, updates: list[Update]) -> None:
    """Copy the staged site into `target` (only what changed) and remove the files the previous
    build made that this one does not: never a file it did not make (see its manifest)."""
    update = Update(target, {rel: new / rel for rel in list_files(new)}, check_clash=False)
    updates.append(update)
    update.apply()


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
    """Only the offline zip (`build.py offline`); docs/ and site/ are not touched. A missing folder
    for the zip is made; a path that is a folder, or is or lies inside the project, is refused."""
    data_dir = data_dir or root / "data"
    if out is not None:
        out = paths.check_output("--out", out, root, data_dir, folder=False, example="plansite-offline.zip")
    catalog, _ = read(data_dir)
    edition = newest(catalog)
    out = out or root / f"plansite-{edition.id}-offline.zip"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".build-", ignore_cleanup_errors=True) as tmp:
            stage_docs = Path(tmp) / "docs"
            shutil.copytree(root / "docs" / "assets", stage_docs / "assets")
            sync(stage_docs, render_pages(catalog, site_url=site_url()))
            with reproducible_time(root, catalog):
                build_offline_zip(root, stage_docs, data_dir, Path(tmp), out, edition)
    except OSError as exc:
        raise OutputError(f"could not write {out}: {describe(exc)}; {out} was left as it was") from None
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
