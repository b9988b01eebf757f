"""MkDocs hook (listed in mkdocs.yml): the navigation, the Chinese search dictionary and the files
MkDocs only copies (downloads, citations, charts, feed, short links) come from data/; every page
gets a Content-Security-Policy and loses the theme's indentation.

Runs on every config load, so `mkdocs build`, `mkdocs serve` and `python build.py` agree. Under
`python build.py` the pipeline hands over its settings and the catalog it has just read with the
config (settings.Handover); MkDocs started on its own makes the hook its own edge: it reads data/
beside mkdocs.yml and takes the address from MkDocs' `site_url`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run directly does not put the project on the path
    sys.path.insert(0, str(ROOT))

from plansite.load import load  # noqa: E402
from plansite.offline import WORKER_SHIM  # noqa: E402
from plansite.problems import DataError, errors  # noqa: E402
from plansite.render import jieba_user_dict, render_files, site_nav  # noqa: E402
from plansite.settings import BuildSettings, Handover, hand_over, handed_over  # noqa: E402
from plansite.validate import validate  # noqa: E402
from plansite.write import read_manifest  # noqa: E402

logging.getLogger("jieba").setLevel(logging.WARNING)  # its "Building prefix dict…" chatter is not a problem


@event_priority(100)  # before the search plugin reads its jieba settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    catalog = handover(config).catalog
    config.nav = site_nav(catalog)
    if is_offline(config):
        # Search from file:// needs a Worker stand-in; ours is local and CSP-clean (see plansite/offline.py).
        config.extra["polyfills"] = [WORKER_SHIM]
    elif config.site_url:
        config.theme["features"].append("navigation.instant")  # needs a server and site_url; not file://
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        search.config.jieba_dict_user = jieba_dict_to_load(jieba_user_dict(catalog))
    return config


def handover(config: MkDocsConfig) -> Handover:
    """This run's settings and checked catalog: handed over by the pipeline, or, when MkDocs runs
    on its own, read here once (data/ beside mkdocs.yml, MkDocs' site_url) and kept with the config."""
    given = handed_over(config)
    if given is not None:
        return given
    settings = BuildSettings(Path(config.config_file_path).parent / "data", site_url=config.site_url or None, offline=is_offline(config))
    catalog, problems = load(settings.data_dir)
    if not errors(problems):
        problems += validate(catalog)
    if errors(problems):
        raise PluginError(f"the data has errors:\n{DataError(problems)}")
    own = Handover(settings, catalog)
    hand_over(config, own)
    return own


def is_offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


HOSTED_ONLY = re.compile(r'<div class="plansite-hosted-only">.*?</div>', re.S)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the files made from the data that MkDocs only copies (downloads, citations, charts, the
    feed, short links): from memory, so they are never written to docs/ and copied again."""
    docs_dir = Path(config.docs_dir)
    generated_before = read_manifest(docs_dir)  # left in docs/ by an older version: replace them
    given = handover(config)
    made = render_files(given.catalog, site_url=given.settings.site_url, short_links=not is_offline(config))
    for path, content in made.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            if path not in generated_before:
                raise PluginError(f"docs/{path}: a hand-written file is in the place of a generated one; move or rename it")
            files.remove(existing)
        if path.endswith(".html"):  # the short links: the same policy as every other page
            content = with_content_security_policy(content)
        files.append(File.generated(config, path, content=content.encode("utf-8")))
    add_project_assets(files, config)
    return files


PROJECT_ASSETS = ROOT / "docs" / "assets"


def add_project_assets(files: Files, config: MkDocsConfig) -> None:
    """The site's own stylesheet, script and offline-search shim (docs/assets/ of the project), for
    a docs folder that lacks them (`build --docs new-folder`): handed over from the project, so
    nothing is written into the user's folder; a docs folder's own copy wins."""
    if not PROJECT_ASSETS.is_dir():
        return
    for source in sorted(PROJECT_ASSETS.iterdir()):
        path = f"assets/{source.name}"
        if source.is_file() and files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, abs_src_path=str(source)))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop hosted-only blocks from the offline copy, and pin the page's scripts with a CSP."""
    if is_offline(config):
        output = HOSTED_ONLY.sub("", output)
        settings = handover(config).settings
        if not settings.site_url:
            output = offline_citation(output, settings.source_date_epoch)
    return with_content_security_policy(without_indentation(output))


# A citation ends with the task's address; without a site address it is a bare path.
CITATION_PATH = re.compile(r'(<p class="plansite-citation">.*?)\s(/[^\s<]*/)(</p>)', re.S)


def offline_citation(html: str, epoch: int | None) -> str:
    """An offline copy built without the site's address can name no address a reader could follow
    (a path of this copy means nothing elsewhere): its citations say when the copy was made."""
    built = datetime.fromtimestamp(epoch, UTC).date().isoformat() if epoch is not None else None
    note = f"Offline copy built on {built}." if built else "Offline copy."
    return CITATION_PATH.sub(lambda m: f"{m.group(1)} {note}{m.group(3)}", html)


CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+(?:[ ·]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+)*")
TEXT_BETWEEN_TAGS = re.compile(r">([^<]+)<")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark Chinese text as Chinese (lang="zh"), for screen readers, fonts and line breaking."""
    def mark(match: re.Match[str]) -> str:
        return ">" + CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', match.group(1)) + "<"

    return TEXT_BETWEEN_TAGS.sub(mark, html)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) get the same policy."""
    if not template_name.endswith(".html"):
        return output_content
    return with_content_security_policy(without_indentation(output_content))


# Whitespace is kept verbatim inside these elements; elsewhere a browser shows any run of it as one space.
VERBATIM_OR_LINE_BREAKS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)|[ \t]*\n\s*", re.S | re.I)


def without_indentation(html: str) -> str:
    """Collapse each run of whitespace holding a line break to one line break: the theme's
    indentation is about a quarter of every page, and the page renders the same without it."""
    return VERBATIM_OR_LINE_BREAKS.sub(lambda m: m.group(1) or "\n", html)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S)


def with_content_security_policy(html: str) -> str:
    """Add a Content-Security-Policy: everything from this site only, and inline scripts only
    those in the page as built (by hash), so injected markup could never run."""
    hashes = sorted({base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in INLINE_SCRIPT.findall(html)})
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in hashes)])
    policy = (f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "font-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
              "base-uri 'self'; form-action 'self'")
    return html.replace("<head>", f'<head>\n<meta http-equiv="Content-Security-Policy" content="{policy}">', 1)


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def trim_site(config: MkDocsConfig) -> None:
    """Keep the site (and the offline zip) small: drop the theme's source maps and the search
    languages this site does not use (Material ships all of them), and store the search index's
    Chinese as UTF-8 rather than as \\u escapes (twice the bytes)."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        text = json.dumps(json.loads(index.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, encoding="utf-8")
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    for source_map in scripts.rglob("*.map"):
        source_map.unlink()
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = set(search.config.lang or []) if search else set()
    keep = {"lunr.stemmer.support.min.js", "lunr.multi.min.js", *(f"lunr.{lang}.min.js" for lang in langs)}
    keep |= {"tinyseg.js"} if "ja" in langs else set()
    keep |= {"wordcut.js"} if langs & {"th", "hi"} else set()
    for path in (scripts / "lunr").rglob("*.js"):
        if path.name not in keep:
            path.unlink()


@event_priority(-150)  # after the offline plugin has made search_index.js from the index
def trim_offline_copy(config: MkDocsConfig) -> None:
    """From file:// the theme loads the index as search_index.js; the .json copy would be dead weight."""
    if is_offline(config):
        (Path(config.site_dir) / "search" / "search_index.json").unlink(missing_ok=True)


on_post_build = CombinedEvent(trim_site, trim_offline_copy)


# The user dictionaries jieba has loaded in this process. jieba keeps its dictionary for the life
# of the process, and loading one twice shifts its word frequencies, and so its segmentation: two
# builds in one process (the offline copy after the hosted site, `serve`'s rebuilds, the tests)
# must give the same bytes. So, like jieba itself, this remembers for the life of the process: the
# one thing here that outlives a build, and only jieba's own state mirrored. (MkDocs loads this
# hook module once per process: its loader caches it.)
_jieba_loaded: set[str] = set()


def jieba_dict_to_load(text: str) -> str | None:
    """The user dictionary (written to a file) for the search plugin to load into jieba, or None
    when this process has loaded it already."""
    path = str(write_user_dict(text))
    if path in _jieba_loaded:
        return None
    _jieba_loaded.add(path)
    return path


def write_user_dict(text: str) -> Path:
    """The dictionary lives outside the project; its name follows its content, so rewrites are rare."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"plansite-jieba-{digest}.txt"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return path
