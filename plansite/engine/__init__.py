"""All that knows MkDocs: the config one run is given, and the run itself.

Everything MkDocs is given is made before it runs (`render.RenderedSite`): the pages and files
are in the docs folder, and the navigation and the search dictionary arrive here as data, in the
config. MkDocs turns Markdown into HTML with the theme and builds the search index; what must
happen to the finished files is `finish`'s, after the run. No hook: nothing is left that only
MkDocs' events could do.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from plansite.finish import Finish
from plansite.output.offline import WORKER_SHIM

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class BuildFailed(Exception):
    """MkDocs could not build the site; its messages were logged."""


@dataclass(frozen=True)
class Run:
    """One MkDocs run: where from and to, for which address, and the rendered data it needs."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    nav: list[Any]
    search_words: Path  # the jieba user dictionary, in the run's private folder (jieba's cache goes there too)
    site_url: str | None = None
    offline: bool = False  # the copy for file:// (no directory URLs, search without a real worker)
    exclude: tuple[str, ...] = ()  # docs paths left out of this run (the offline copy's short links)
    source_date_epoch: int | None = None

    def finish(self, search_langs: tuple[str, ...]) -> Finish:
        return Finish(
            offline=self.offline,
            site_url=self.site_url,
            source_date_epoch=self.source_date_epoch,
            search_langs=search_langs,
        )


def load(run: Run, **overrides: object) -> MkDocsConfig:
    """mkdocs.yml loaded for one run, with the run's settings and data in it."""
    from mkdocs.config import load_config

    exclude = "\n".join(f"/{path}" for path in run.exclude) or None
    # None is "not given" to load_config (mkdocs.yml's own value would stay): unset it after.
    config = load_config(
        str(run.config_file),
        docs_dir=str(run.docs_dir),
        site_dir=str(run.site_dir),
        site_url=run.site_url,
        nav=run.nav,
        exclude_docs=exclude,
        **overrides,
    )
    if run.site_url is None:
        config.site_url = None
    # Material's offline plugin reads its `enabled` at each event, so turning it on here is enough.
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None:
        offline.config.enabled = run.offline
    if run.offline:
        # Search from file:// needs a Worker stand-in; ours is local and CSP-clean (see output/offline.py).
        config.extra["polyfills"] = [WORKER_SHIM]
    elif run.site_url:
        config.theme["features"].append("navigation.instant")  # needs a server and site_url; not file://
    search = search_plugin(config)
    if search is not None:
        import jieba  # the search plugin's segmenter: its "Building prefix dict…" chatter is not a problem

        jieba.setLogLevel(logging.WARNING)
        if not jieba.dt.initialized:
            # jieba caches its main dictionary as /tmp/jieba.cache and loads whatever that file holds
            # (anyone may write it): its cache goes in the run's private folder (made by mkdtemp, 0700).
            jieba.dt.tmp_dir = str(run.search_words.parent)
        search.config.jieba_dict_user = jieba_dict_to_load(run.search_words)
    return config


def search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def search_langs(config: MkDocsConfig) -> tuple[str, ...]:
    search = search_plugin(config)
    return tuple(search.config.lang or ()) if search is not None else ()


def build(run: Run) -> tuple[str, ...]:
    """Build the site (strict); returns the search languages, for the finishing step."""
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.exceptions import MkDocsException

    config = load(run, strict=True)
    try:
        with source_date(run.source_date_epoch):
            run_mkdocs(config)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None
    return search_langs(config)


@contextmanager
def source_date(epoch: int | None) -> Iterator[None]:
    """MkDocs stamps its build date (sitemap, footer) from SOURCE_DATE_EPOCH: set for the run only."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


# The user dictionaries jieba has loaded in this process. jieba keeps its dictionary for the life
# of the process, and loading one twice shifts its word frequencies, and so its segmentation: two
# builds in one process (`serve`'s rebuilds, the tests) must give the same bytes. So, like jieba
# itself, this remembers for the life of the process, by the dictionary's content.
_jieba_loaded: set[str] = set()


def jieba_dict_to_load(path: Path) -> str | None:
    """The user dictionary for the search plugin to load into jieba, or None when this process has
    loaded the same words already."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest in _jieba_loaded:
        return None
    _jieba_loaded.add(digest)
    return str(path)


def setup_logging() -> None:
    """Show MkDocs' warnings and errors (strict mode turns them into a failed build)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def serve(
    prepare: Callable[[], Run | None],
    first: Run,
    watch: list[Path],
    dev_addr: str,
    finish: Callable[[Run, tuple[str, ...]], None],
) -> None:
    """MkDocs' live-reload server over `first.site_dir`. On every change under `watch`, `prepare`
    makes the next run (None: keep serving the last good site), MkDocs rebuilds, `finish` follows."""
    from mkdocs.commands.build import build as run_mkdocs
    from mkdocs.livereload import LiveReloadServer, _serve_url

    log = logging.getLogger("mkdocs")
    # "dirty" builds: MkDocs re-renders only the pages whose Markdown changed. (Not strict: MkDocs
    # warns about dirty builds; `build.py build` is the strict check.)
    config = load(first, strict=False, dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        run = first
        if config is None:
            run = prepare()
            if run is None:
                return
            config = load(run, strict=False, dev_addr=dev_addr)
        config.site_url = serve_url
        with source_date(run.source_date_epoch):
            run_mkdocs(config, serve_url=serve_url, dirty=True)
        finish(run, search_langs(config))
        log.info("finished the built pages")

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(first.site_dir), mount_path=mount_path)
    try:
        builder(config)
        for folder in watch:
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
