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
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import paths, urls
from .aliases import AliasIndex
from .importer import import_translation
from .load import OFFICIAL_FILE, load
from .model import Catalog, Edition, edition_id_problem
from .offline import zip_folder
from .paths import OutputError, describe
from .problems import DataError, Problem, errors
from .render import newest_first, render_pages
from .settings import BuildSettings, Handover, hand_over
from .validate import validate
from .workers import run_all
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

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent


def read(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Load and cross-check everything; raise DataError listing every error (warnings included).
    The catalog read here is handed to the MkDocs hook with the build (settings.Handover)."""
    catalog, problems = load(data_dir)
    if not errors(problems):
        problems += validate(catalog)
    if errors(problems):
        raise DataError(problems)
    return catalog, problems


@dataclass
class BuildResult:
    pages: int
    changes: Changes
    warnings: list[Problem]


class BuildFailed(Exception):
    """MkDocs could not build the site; its messages were logged."""


def build(root: Path = ROOT, data_dir: Path | None = None, docs_dir: Path | None = None,
          site_dir: Path | None = None, with_offline: bool = True, settings: BuildSettings | None = None) -> BuildResult:
    """The hosted site into site/, with the offline copy as a download in it (when its shim is installed).
    `settings` (from the command line) say what to build; without them, data_dir (default data/) alone.

    Refuses output folders that are, hold or lie inside the project or its data (paths.Refused);
    builds in a staging folder beside site/; then, with interrupts held, updates docs/ (journaled)
    and puts the new site in place of the old. Any failure there rolls both back (OutputError)."""
    settings = settings or BuildSettings(data_dir or root / "data")
    data_dir = settings.data_dir
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
    settings = with_source_date(settings, catalog)
    pages = render_pages(catalog, site_url=settings.site_url)
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
            # The hosted site and the offline copy are two MkDocs builds of the same pages: run them
            # side by side, one per core (forked, so nothing is shared but the read-only input).
            offline_zip = Path(tmp) / "offline.zip"
            jobs = [partial(mkdocs_build, root / "mkdocs.yml", stage_docs, stage_site, Handover(settings, catalog))]
            if with_offline:
                jobs.append(partial(build_offline_zip, root, stage_docs, Handover(settings, catalog), Path(tmp),
                                    offline_zip, newest(catalog)))
            run_all(jobs)
            if with_offline:  # MkDocs empties its site folder first, so the zip goes in once both are done
                target = stage_site / urls.offline_zip(newest(catalog))
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(offline_zip, target)
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


def commit_time(root: Path) -> int | None:
    """The last commit's time, when `root` is a git checkout: the default date of everything a
    build stamps (the command line hands it to MkDocs as SOURCE_DATE_EPOCH; see cli.source_date)."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return None


def publication_time(catalog: Catalog) -> int:
    """The newest edition's publication date: the stamp when there is no commit to take it from."""
    newest = max((e.published for e in catalog.editions), default=date(2025, 1, 1))
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def with_source_date(settings: BuildSettings, catalog: Catalog) -> BuildSettings:
    """Two builds of one commit must be byte-identical: the settings' date, or else the newest
    edition's publication date, so nothing depends on when the build ran."""
    if settings.source_date_epoch is not None:
        return settings
    return replace(settings, source_date_epoch=publication_time(catalog))


def newest(catalog: Catalog) -> Edition:
    return newest_first(catalog.editions)[0]


def build_offline_zip(root: Path, docs_dir: Path, handover: Handover, work: Path, target: Path, edition: Edition) -> None:
    """Build the same pages again for file:// (no directory URLs, search without a real worker) and zip them."""
    offline_site = work / "offline-site"
    settings = with_source_date(replace(handover.settings, offline=True), handover.catalog)
    mkdocs_build(root / "mkdocs.yml", docs_dir, offline_site, Handover(settings, handover.catalog))
    assert settings.source_date_epoch is not None
    zip_folder(offline_site, target, top=f"plansite-{edition.id}-offline", epoch=settings.source_date_epoch)


def offline(root: Path = ROOT, data_dir: Path | None = None, out: Path | None = None,
            settings: BuildSettings | None = None) -> Path:
    """Only the offline zip (`build.py offline`); docs/ and site/ are not touched. A missing folder
    for the zip is made; a path that is a folder, or is or lies inside the project, is refused."""
    settings = settings or BuildSettings(data_dir or root / "data")
    data_dir = settings.data_dir
    if out is not None:
        out = paths.check_output("--out", out, root, data_dir, folder=False, example="plansite-offline.zip")
    catalog, _ = read(data_dir)
    settings = with_source_date(settings, catalog)
    edition = newest(catalog)
    out = out or root / f"plansite-{edition.id}-offline.zip"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".build-", ignore_cleanup_errors=True) as tmp:
            stage_docs = Path(tmp) / "docs"
            shutil.copytree(root / "docs" / "assets", stage_docs / "assets")
            sync(stage_docs, render_pages(catalog, site_url=settings.site_url))
            build_offline_zip(root, stage_docs, Handover(settings, catalog), Path(tmp), out, edition)
    except OSError as exc:
        raise OutputError(f"could not write {out}: {describe(exc)}; {out} was left as it was") from None
    return out


def mkdocs_config(config_file: Path, docs_dir: Path, site_dir: Path, handover: Handover, **overrides: object) -> MkDocsConfig:
    """mkdocs.yml loaded for one run, with this run's settings in it and the hand-over for the hook
    attached: the settings arrive in the config itself, never through the environment."""
    from mkdocs.config import load_config

    settings = handover.settings
    # None is "not given" to load_config (mkdocs.yml's own value would stay): unset it after.
    config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), site_url=settings.site_url, **overrides)
    if settings.site_url is None:
        config.site_url = None
    # Material's offline plugin reads its `enabled` at each event, so turning it on here is enough.
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    if plugin is not None:
        plugin.config.enabled = settings.offline
    hand_over(config, handover)
    return config


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, handover: Handover) -> None:
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.exceptions import MkDocsException

    try:
        run_mkdocs(mkdocs_config(config_file, docs_dir, site_dir, handover, strict=True))
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None


def serve(root: Path, settings: BuildSettings, docs_dir: Path, dev_addr: str) -> None:
    """Serve the site locally; on every change under docs/, data/ or templates/ read the data,
    re-render docs/ (only changed pages are rewritten) and rebuild. MkDocs' own `serve`, with the
    reading and rendering in front of each build, so the hook gets them handed over like `build`.
    A rebuild whose data has errors logs them and keeps serving the last good site."""
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.livereload import LiveReloadServer, _serve_url

    log = logging.getLogger("mkdocs")

    def prepare(site_dir: Path) -> MkDocsConfig:
        catalog, _ = read(settings.data_dir)
        sync(docs_dir, render_pages(catalog, site_url=settings.site_url))
        # "dirty" builds: MkDocs re-renders only the pages whose Markdown changed, and since only
        # changed files are rewritten, a one-task edit re-renders a handful of pages. (Not strict:
        # MkDocs warns about dirty builds; `build.py build` is the strict check.)
        return mkdocs_config(root / "mkdocs.yml", docs_dir, site_dir, Handover(settings, catalog), strict=False, dev_addr=dev_addr)

    with tempfile.TemporaryDirectory(prefix="plansite-serve-") as tmp:
        site_dir = Path(tmp)
        config = prepare(site_dir)
        config.plugins.on_startup(command="serve", dirty=True)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        serve_url = _serve_url(host, port, mount_path)

        def builder(config: MkDocsConfig | None = None) -> None:
            if config is None:
                try:
                    config = prepare(site_dir)
                except DataError as exc:
                    log.error(f"the data has errors; still serving the last good site:\n{exc}")
                    return
            config.site_url = serve_url
            run_mkdocs(config, serve_url=serve_url, dirty=True)

        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path)
        try:
            builder(config)
            for folder in (docs_dir, settings.data_dir, root / "templates", root / "mkdocs.yml"):
                server.watch(str(folder))
            server = config.plugins.on_serve(server, config=config, builder=builder)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()


def import_source(source: Path, data_dir: Path, edition: str, lang: str = "auto") -> Path:
    """Parse a plan's text into the edition's data; nothing is written on error. English (a
    translation) becomes content.en.yaml; the official Chinese text (as text, or the saved HTML
    page) becomes official.zh.yaml, which git ignores: this repository never ships it."""
    from .zhimport import import_official, looks_chinese_layout, read_text

    catalog, problems = load(data_dir)
    registry_errors = [p for p in errors(problems) if "editions" not in p.file]
    if registry_errors:
        raise DataError(registry_errors)
    if lang == "auto":
        lang = "zh" if looks_chinese_layout(read_text(source, str(source), give=SOURCE_KINDS)) else "en"
    folder = data_dir / "editions" / edition
    if lang == "zh":
        official = import_official(source, str(source), catalog.departments, catalog.collectives)
        for task in official["tasks"]:
            task.pop("line", None)  # a line of the saved page: meaningless once written here
        target = folder / OFFICIAL_FILE
        write_atomic(target, OFFICIAL_HEADER + dump_yaml(official))
        return target
    content = import_translation(source, str(source), AliasIndex(catalog.departments, catalog.collectives))
    target = folder / "content.en.yaml"
    header = ("# Written by `python build.py import`: do not edit by hand; fix the translation\n"
              "# (source.en.txt) or data/departments.yaml and import again.\n")
    write_atomic(target, header + dump_yaml(content))
    return target


def link_editions(data_dir: Path, old_id: str, new_id: str) -> tuple[Path, int, int]:
    """Propose each task of NEW its likely predecessor in OLD and write data/lineage/OLD-NEW.yaml,
    keeping every reviewed decision of an earlier run. Returns the file, how many links it holds and
    how many are reviewed. Refused, writing nothing: an edition that does not exist, or data that
    does not load (a lineage file's own cross-check problems are `check`'s, and do not stop it)."""
    from . import lineage

    problems = [Problem(data_dir.name, 0, *problem) for problem in map(edition_id_problem, (old_id, new_id)) if problem]
    if problems:
        raise DataError(problems)
    catalog, load_problems = load(data_dir)
    if errors(load_problems):
        raise DataError(errors(load_problems))
    editions = {e.id: e for e in catalog.editions}
    missing = [Problem(f"{data_dir.name}/editions/{i}", 0, f"edition '{i}' is not in the data", f"known: {', '.join(editions) or 'none'}")
               for i in (old_id, new_id) if i not in editions]
    if old_id == new_id:
        missing.append(Problem(f"{data_dir.name}/editions/{old_id}", 0, "an edition cannot be linked to itself", "name an older and a newer edition"))
    if missing:
        raise DataError(missing)
    old, new = editions[old_id], editions[new_id]
    existing = [link for link in catalog.links if (link.old_edition, link.new_edition) == (old_id, new_id)]
    links = lineage.merge(lineage.propose(catalog, old, new, reviewed=existing), existing)
    target = data_dir / "lineage" / lineage.file_name(old_id, new_id)
    write_atomic(target, lineage.to_yaml(old_id, new_id, links))
    return target, len(links), len([link for link in links if link.review != "unreviewed"])


SOURCE_KINDS = "the translation text, or the official Chinese text (as text or the saved web page)"
OFFICIAL_HEADER = """\
# The official Chinese text of the plan, written by `python build.py import` from a copy of the
# official page that you saved. The plansite repository never ships it (git ignores this file): it
# is the publisher's text, not ours. To publish it with your own copy of the site, commit it there
# (`git add -f` this file). Do not edit by hand: import again.
"""


def setup_logging() -> None:
    """Show MkDocs' warnings and errors (strict mode turns them into a failed build)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
