"""`serve`: the site with live reload. Each change under docs/, data/ or templates/ reads the data
again, re-renders docs/ (only changed files are rewritten), rebuilds with MkDocs and finishes the
pages, as `build` does. A rebuild whose data has errors logs them and keeps serving the last good site."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from plansite import engine
from plansite.catalog import read
from plansite.catalog.problems import DataError
from plansite.commands.build import missing_assets, site_run
from plansite.commands.settings import BuildSettings
from plansite.finish import finish_site
from plansite.output.transaction import sync
from plansite.render import render_site


def serve(root: Path, settings: BuildSettings, docs_dir: Path, dev_addr: str) -> None:
    log = logging.getLogger("mkdocs")
    with tempfile.TemporaryDirectory(prefix="plansite-serve-") as tmp:
        work = Path(tmp)

        def prepare() -> engine.Run:
            catalog, _ = read(settings.data_dir)
            rendered = render_site(catalog, site_url=settings.site_url)
            sync(docs_dir, {**rendered.docs, **missing_assets(docs_dir)})
            (work / "search-words.txt").unlink(missing_ok=True)  # the data may have new names
            return site_run(root, docs_dir, work / "site", rendered, settings, work)

        def prepare_again() -> engine.Run | None:
            try:
                return prepare()
            except DataError as exc:
                log.error(f"the data has errors; still serving the last good site:\n{exc}")
                return None

        def finish(run: engine.Run, langs: tuple[str, ...]) -> None:
            finish_site(run.site_dir, run.finish(langs))

        watch = [docs_dir, settings.data_dir, root / "templates", root / "mkdocs.yml"]
        engine.serve(prepare_again, prepare(), watch, dev_addr, finish)
