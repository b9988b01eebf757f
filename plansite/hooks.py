"""MkDocs hook (listed in mkdocs.yml): the navigation and the Chinese search dictionary come from data/.

Runs on every config load, so `mkdocs build`, `mkdocs serve` and `python build.py` agree.
Under `python build.py serve` it also re-renders docs/ from data/ on each rebuild.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run directly does not put the project on the path
    sys.path.insert(0, str(ROOT))

from plansite import JIEBA_DICTS_LOADED  # noqa: E402
from plansite.offline import SHIM_TARGET  # noqa: E402
from plansite.pipeline import check  # noqa: E402
from plansite.problems import DataError  # noqa: E402
from plansite.render import jieba_user_dict, render, site_nav  # noqa: E402
from plansite.write import sync  # noqa: E402

REGENERATE = "PLANSITE_REGENERATE"
SHORT_LINK = re.compile(r"^[^/]+/\d+/index\.html$")  # urls.short_link
logging.getLogger("jieba").setLevel(logging.WARNING)  # its "Building prefix dict…" chatter is not a problem


@event_priority(100)  # before the search plugin reads its jieba settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    data_dir = Path(os.environ.get("PLANSITE_DATA", Path(config.config_file_path).parent / "data"))
    try:
        catalog = check(data_dir)
    except DataError as exc:
        raise PluginError(f"the data has errors:\n{exc}") from None
    if os.environ.get(REGENERATE):
        sync(Path(config.docs_dir), render(catalog))
    config.nav = site_nav(catalog)
    if is_offline(config):
        # Search from file:// needs a Worker shim; this local copy stops Material fetching one from a CDN.
        config.extra["polyfills"] = [SHIM_TARGET]
    elif config.site_url:
        config.theme["features"].append("navigation.instant")  # needs a server and site_url; not file://
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        user_dict = str(write_user_dict(jieba_user_dict(catalog)))
        search.config.jieba_dict_user = None if user_dict in JIEBA_DICTS_LOADED else user_dict
        JIEBA_DICTS_LOADED.add(user_dict)
    return config


def is_offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


HOSTED_ONLY = re.compile(r'<div class="plansite-hosted-only">.*?</div>', re.S)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The offline copy has no short-link redirect pages (they rely on directory URLs)."""
    if is_offline(config):
        for file in [f for f in files if SHORT_LINK.match(f.src_uri)]:
            files.remove(file)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Blocks that only make sense on the hosted site (the offline zip's own download link)."""
    return HOSTED_ONLY.sub("", output) if is_offline(config) else output


def write_user_dict(text: str) -> Path:
    """The dictionary lives outside the project; its name follows its content, so rewrites are rare."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"plansite-jieba-{digest}.txt"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return path
