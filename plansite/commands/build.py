"""`build` and `offline`: read → validate → render → write → MkDocs → finish, in a staging folder,
then swapped in. Nothing under docs/ or site/ changes unless every step succeeded.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from plansite import engine
from plansite.catalog import read
from plansite.catalog.model import Catalog, Edition
from plansite.catalog.problems import Problem
from plansite.commands.settings import BuildSettings, with_source_date
from plansite.commands.steps import Steps
from plansite.finish import finish_site
from plansite.output import paths
from plansite.output.atomic import write_atomic
from plansite.output.errors import OutputError, oserror_text
from plansite.output.manifest import JOURNAL, MANIFEST, UNDO, list_files, manifest_text, read_manifest
from plansite.output.offline import zip_folder
from plansite.output.staging import Staging, clean_stale, parking
from plansite.output.swap import publish, signals_held
from plansite.output.transaction import FolderChanges, Transaction, recover, restore_note, sync
from plansite.render import RenderedSite, newest_first, render_site
from plansite.render.workers import run_all
from plansite.view import urls
from plansite.view.labels import counted

ROOT = Path(__file__).resolve().parents[2]
PROJECT_ASSETS = ROOT / "docs" / "assets"


@dataclass
class BuildResult:
    pages: int
    changes: FolderChanges
    warnings: list[Problem]


def build(
    root: Path = ROOT,
    data_dir: Path | None = None,
    docs_dir: Path | None = None,
    site_dir: Path | None = None,
    with_offline: bool = True,
    settings: BuildSettings | None = None,
) -> BuildResult:
    """The hosted site into site/, with the offline copy as a download in it.
    `settings` (from the command line) say what to build; without them, data_dir (default data/) alone.

    Refuses output folders that are, hold or lie inside the project or its data (paths.Refused);
    builds in a staging folder beside site/; then, with interrupts held, updates docs/ (journaled)
    and puts the new site in place of the old. Any failure there rolls both back (OutputError)."""
    settings = settings or BuildSettings(data_dir or root / "data")
    data_dir = settings.data_dir
    step = Steps()
    docs_given, site_given = docs_dir or root / "docs", site_dir or root / "site"
    # A symlinked site/ is followed: the staging folder goes beside its target, which is swapped.
    # When the two overlap, the message names the one the user chose (the other is the default).
    chosen_site = paths.resolved("--site", site_given) != (root / "site").resolve()
    site_dir = paths.check_output(
        "--site",
        site_given,
        root,
        data_dir,
        folder=True,
        example="site/",
        others=((docs_given, "the docs folder"),) if chosen_site else (),
    )
    docs_dir = paths.check_output(
        "--docs",
        docs_given,
        root,
        data_dir,
        folder=True,
        example="docs/",
        holds_assets=True,
        others=((site_given, "the site folder"),),
    )
    # What killed builds left: first of all, so a site one had parked mid-swap is back even if this build fails.
    left = clean_stale(site_dir.parent)
    step(f"reading and checking {data_dir}")
    catalog, warnings = read(data_dir)  # data errors first: they are what a user is most likely fixing
    paths.check_site_folder("--site", site_given, site_dir)
    paths.check_writable(docs_dir, "the docs folder")
    for folder in (docs_dir, site_dir):
        if folder.is_dir():
            recover(folder)  # an update a killed build left half done
            read_manifest(folder)  # a manifest naming anything outside its folder stops the build now
    settings = with_source_date(settings, catalog)
    tasks = sum(len(e.tasks) for e in catalog.editions)
    step(f"rendering {counted(len(catalog.editions), 'edition')}, {counted(tasks, 'task')}")
    rendered = render_site(catalog, site_url=settings.site_url)
    docs = {**rendered.docs, **missing_assets(docs_dir)}
    if docs_dir.is_dir():
        Transaction(docs_dir, docs).plan()  # a hand-written file in a generated place: named in docs/, before staging
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        # Stage beside site/ so the final swap is a rename on one file system.
        staging = Staging(site_dir.parent)
    except OSError as exc:
        raise OutputError(
            f"could not make a staging folder beside {site_dir}: {oserror_text(exc)}; "
            "docs/ and site/ were left as they were"
        ) from None
    with staging as work:
        tmp = str(work)
        stage_docs, stage_site = work / "docs", work / "site"
        try:
            if docs_dir.exists():
                shutil.copytree(
                    docs_dir,
                    stage_docs,
                    ignore=lambda folder, names: [n for n in names if n in (JOURNAL, UNDO)],
                    copy_function=link_or_copy,
                )
            step(f"writing {len(docs)} pages and files to the staging folder")
            staged = Transaction(stage_docs, docs)
            staged.apply()
            staged.commit()
            step("MkDocs: building the site" + (" and the offline copy, side by side" if with_offline else ""))
            hosted = site_run(root, stage_docs, stage_site, rendered, settings, work)
            # The hosted site and the offline copy are two MkDocs builds of the same pages: run them
            # side by side, one per core (forked, so nothing is shared but the read-only input).
            offline_zip = work / "offline.zip"
            jobs = [partial(build_and_finish, hosted)]
            if with_offline:
                jobs.append(
                    partial(build_offline_zip, root, stage_docs, rendered, settings, work, offline_zip, newest(catalog))
                )
            run_all(jobs)
            if with_offline:  # MkDocs empties its site folder first, so the zip goes in once both are done
                target = stage_site / urls.offline_zip(newest(catalog))
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(offline_zip, target)
            write_atomic(stage_site / MANIFEST, manifest_text(list_files(stage_site)))
        except (OSError, OutputError) as exc:
            raise OutputError(
                f"could not build the site in the staging folder {tmp}: {oserror_text(exc)}; "
                "docs/ and site/ were left as they were"
            ) from None
        step(f"putting the new site in place of {site_dir}")
        with signals_held():  # from here on, an interrupt waits until docs/ and site/ are both new (or both old)
            docs_update = Transaction(docs_dir, docs)
            site_update: list[Transaction] = []
            try:
                changes = docs_update.apply()
                publish(stage_site, site_dir, parking(site_dir, work), site_update)
            except OSError as exc:
                note = restore_note([*site_update, docs_update], "docs/ and site/", plural=True)
                raise OutputError(
                    f"could not put the new site in place of {site_dir}: {oserror_text(exc)}; {note}"
                ) from None
            except BaseException:
                restore_note([*site_update, docs_update], "docs/ and site/", plural=True)
                raise
            for update in (*site_update, docs_update):
                update.commit()
    left += staging.left  # the old site went with the staging folder: what could not be removed is only a warning
    return BuildResult(len(rendered.pages), changes, [*warnings, *map(not_removed, left)])


def not_removed(left: tuple[str, str]) -> Problem:
    path, why = left
    return Problem(
        path,
        0,
        f"could not be removed ({why}); the new site is in place",
        "remove it by hand (an immutable file: chattr -i first)",
        "warning",
    )


def link_or_copy(source: str, target: str) -> None:
    """Stage a file of docs/ as a hard link where the file system allows (a copy where it does not):
    it takes a fraction of the time, and is safe because every write to the staged folder replaces
    a file (written beside it and renamed), never changes one in place, so docs/ is never touched."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def missing_assets(docs_dir: Path) -> dict[str, Path]:
    """The site's own stylesheet, script and offline-search shim (docs/assets/ of the project), for
    a docs folder that lacks them (`build --docs new-folder`); a docs folder's own copy wins."""
    if not PROJECT_ASSETS.is_dir() or docs_dir.resolve() == PROJECT_ASSETS.parent.resolve():
        return {}
    generated = read_manifest(docs_dir) if docs_dir.is_dir() else set()  # given by an earlier build: give them again
    return {
        rel: source
        for source in sorted(PROJECT_ASSETS.iterdir())
        if source.is_file() and ((rel := f"assets/{source.name}") in generated or not (docs_dir / rel).exists())
    }


def site_run(
    root: Path,
    docs: Path,
    site: Path,
    rendered: RenderedSite,
    settings: BuildSettings,
    work: Path,
    offline: bool = False,
) -> engine.Run:
    """One MkDocs run over the staged docs; the search dictionary is written beside it."""
    words = work / "search-words.txt"
    if not words.exists():
        write_atomic(words, rendered.search_words)
    return engine.Run(
        config_file=root / "mkdocs.yml",
        docs_dir=docs,
        site_dir=site,
        nav=rendered.nav,
        search_words=words,
        site_url=settings.site_url,
        offline=offline,
        exclude=rendered.short_links if offline else (),
        source_date_epoch=settings.source_date_epoch,
    )


def build_and_finish(run: engine.Run) -> None:
    langs = engine.build(run)
    finish_site(run.site_dir, run.finish(langs))


def newest(catalog: Catalog) -> Edition:
    return newest_first(catalog.editions)[0]


def build_offline_zip(
    root: Path,
    docs_dir: Path,
    rendered: RenderedSite,
    settings: BuildSettings,
    work: Path,
    target: Path,
    edition: Edition,
) -> None:
    """Build the same pages again for file:// (no directory URLs, search without a real worker) and zip them."""
    offline_site = work / "offline-site"
    build_and_finish(site_run(root, docs_dir, offline_site, rendered, settings, work, offline=True))
    assert settings.source_date_epoch is not None
    zip_folder(offline_site, target, top=f"plansite-{edition.id}-offline", epoch=settings.source_date_epoch)


def offline(
    root: Path = ROOT, data_dir: Path | None = None, out: Path | None = None, settings: BuildSettings | None = None
) -> Path:
    """Only the offline zip (`build.py offline`); docs/ and site/ are not touched. A missing folder
    for the zip is made; a path that is a folder, or is or lies inside the project, is refused."""
    settings = settings or BuildSettings(data_dir or root / "data")
    data_dir = settings.data_dir
    if out == paths.STDOUT:
        raise paths.Refused(
            "--out -: refused: the offline copy is a zip file, not text for standard output. Nothing was written; "
            "choose a file, such as plansite-offline.zip"
        )
    if out is not None:
        out = paths.check_output("--out", out, root, data_dir, folder=False, example="plansite-offline.zip")
    catalog, _ = read(data_dir)
    settings = with_source_date(settings, catalog)
    edition = newest(catalog)
    out = out or root / f"plansite-{edition.id}-offline.zip"
    rendered = render_site(catalog, site_url=settings.site_url)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(out.parent)
        with Staging(out.parent) as work:
            stage_docs = work / "docs"
            shutil.copytree(PROJECT_ASSETS, stage_docs / "assets")
            sync(stage_docs, rendered.docs)
            build_offline_zip(root, stage_docs, rendered, settings, work, out, edition)
    except OSError as exc:
        raise OutputError(f"could not write {out}: {oserror_text(exc)}; {out} was left as it was") from None
    return out
