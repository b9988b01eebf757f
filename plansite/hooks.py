"""MkDocs hook (listed in mkdocs.yml): the navigation and the Chinese search dictionary come from data/.

Runs on every config load, so `mkdocs build`, `mkdocs serve` and `python build.py` agree.
Under `python build.py serve` it also re-renders docs/ from data/ on each rebuild.
"""

from __future__ import annotations

import base64
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
from plansite.offline import WORKER_SHIM  # noqa: E402
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
        # Search from file:// needs a Worker stand-in; ours is local and CSP-clean (see plansite/offline.py).
        config.extra["polyfills"] = [WORKER_SHIM]
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
    """Drop hosted-only blocks from the offline copy, and pin the page's scripts with a CSP."""
    if is_offline(config):
        output = HOSTED_ONLY.sub("", output)
    return with_content_security_policy(output)


CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+(?:[ ·]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+)*")
TEXT_BETWEEN_TAGS = re.compile(r">([^<]+)<")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark Chinese text as Chinese (lang="zh"), for screen readers, fonts and line breaking."""
    def mark(match: re.Match[str]) -> str:
        return ">" + CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', match.group(1)) + "<"

    return TEXT_BETWEEN_TAGS.sub(mark, html)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) get the same policy."""
    return with_content_security_policy(output_content) if template_name.endswith(".html") else output_content


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


def on_post_build(config: MkDocsConfig) -> None:
    """Keep the site (and the offline zip) small: drop the theme's source maps and the search
    languages this site does not use (Material ships all of them)."""
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


def write_user_dict(text: str) -> Path:
    """The dictionary lives outside the project; its name follows its content, so rewrites are rare."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"plansite-jieba-{digest}.txt"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return path
