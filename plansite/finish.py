"""The one step over the built site, after MkDocs: what must happen to finished files.

Every HTML page gets a Content-Security-Policy and loses the theme's indentation, and the Chinese
in its article is marked as Chinese; the offline copy gets its own citations; the search index is
stored compactly and the theme files the site never loads are dropped. `build`, `offline` and
`serve` all run it on the folder MkDocs just wrote, so no page escapes it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from plansite.catalog.text import HAN


@dataclass(frozen=True)
class Finish:
    """What the step needs to know of the run that built the folder."""

    offline: bool = False  # the copy for file://
    site_url: str | None = None  # without it an offline copy cites its build date
    source_date_epoch: int | None = None
    search_langs: tuple[str, ...] = ("en", "zh")  # the search plugin's languages: their scripts stay


def finish_site(site_dir: Path, run: Finish) -> None:
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        done = finish_page(html, run)
        if done != html:
            path.write_text(done, encoding="utf-8")
    compact_search_index(site_dir, run.offline)
    drop_unused_theme_files(site_dir, run.search_langs)
    if run.offline:
        hosted_sitemap(site_dir)


def finish_page(html: str, run: Finish) -> str:
    html = mark_chinese(html)
    if run.offline:
        html = hosted_addresses(HOSTED_ONLY.sub("", html))
        if not run.site_url:
            html = offline_citation(html, run.source_date_epoch)
    return with_content_security_policy(without_indentation(html))


# What only the hosted site offers (the offline zip's own download link), between the marks render writes.
HOSTED_ONLY = re.compile(r"<!-- plansite:hosted-only -->.*?<!-- /plansite:hosted-only -->", re.S)
# The page's own content: what the Markdown became, without the theme's header, sidebars and footer.
ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', re.S)
# Elements whose text is not prose to mark: scripts, styles, form options (a span is not allowed in an option).
SKIPPED = re.compile(r"(<(script|style|textarea|option|title)\b.*?</\2>)", re.S | re.I)
WIDE = f"\u3000-\u303f{HAN}\uff00-\uffef"  # Han characters with CJK and full-width punctuation
CJK_RUN = re.compile(f"[{WIDE}]+(?:[ ·]*[{WIDE}]+)*")
# A tag and the text after it, where that text holds Chinese (most text nodes hold none, and
# leaving them to the regular expression alone halves the step's time).
TEXT_AFTER_TAG = re.compile(f"(<[^>]*>)([^<{WIDE}]*[{WIDE}][^<]*)(?=<)")


def mark_chinese(html: str) -> str:
    """Mark Chinese text in the article as Chinese (lang="zh"), for screen readers, fonts and line breaking."""

    def in_text(match: re.Match[str]) -> str:
        tag, text = match.groups()
        if 'lang="zh"' in tag:  # marked already (by a template)
            return match.group(0)
        return tag + CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', text)

    def in_article(match: re.Match[str]) -> str:
        parts = SKIPPED.split(match.group(2))
        # split() with two groups yields: text, whole skipped element, its tag name, text, …
        body = "".join(
            part if i % 3 else TEXT_AFTER_TAG.sub(in_text, part) for i, part in enumerate(parts) if i % 3 != 2
        )
        return match.group(1) + body + match.group(3)

    return ARTICLE.sub(in_article, html, count=1)


# The task's address in a citation line: render puts it in its own element (see _citation.md.j2).
CITATION_ADDRESS = re.compile(r'<span class="plansite-address">[^<]*</span>')


CITE_BOX_WORDS = re.compile(r'data-words="([^"]*)"')


def offline_citation(html: str, epoch: int | None) -> str:
    """An offline copy built without the site's address cites the task's permanent path with the
    edition and task in words, and when the copy was made: a file:// address means nothing elsewhere."""
    built = datetime.fromtimestamp(epoch, UTC).date().isoformat() if epoch is not None else None
    words = CITE_BOX_WORDS.search(html)
    note = f"{words.group(1)}; " if words else ""
    note += f"offline copy built on {built}" if built else "offline copy"
    return CITATION_ADDRESS.sub(lambda m: f"{m.group()} ({note})", html)


# The offline copy's pages are files (tasks/57.html); the address a page has on the hosted site
# (tasks/57/) is what canonical and og:url must name.
HTML_ADDRESS = re.compile(
    r'(<link rel="canonical" href="|<meta property="og:url" content="|<loc>)(https?://[^"<]*?)(index\.html|\.html)(?=["<])'
)


def hosted_address(match: re.Match[str]) -> str:
    prefix, address, suffix = match.groups()
    return prefix + address + ("" if suffix == "index.html" or address.endswith("/") else "/")


def hosted_addresses(html: str) -> str:
    return HTML_ADDRESS.sub(hosted_address, html)


def hosted_sitemap(site_dir: Path) -> None:
    """The offline copy's sitemap (when MkDocs wrote one with addresses) names the hosted addresses."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    done = hosted_addresses(text)
    if done != text:
        path.write_text(done, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(done.encode("utf-8"), mtime=0))


# Whitespace is kept verbatim inside these elements; elsewhere a browser shows any run of it as one space.
VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.S | re.I)
# A run of whitespace holding a line break, found from its first line break (a literal the regular
# expression engine scans for quickly) and then from the spaces before it.
LINE_BREAK_AND_AFTER = re.compile(r"\n\s*")
SPACES_BEFORE_LINE_BREAK = re.compile(r"[ \t]+\n")


def without_indentation(html: str) -> str:
    """Collapse each run of whitespace holding a line break to one line break: the theme's
    indentation is about a quarter of every page, and the page renders the same without it.
    (The text between verbatim elements is collapsed by a plain substitution: a callback per
    match would take most of the build's finishing time.)"""
    parts, start = [], 0
    for element in VERBATIM.finditer(html):
        parts += [_collapsed(html[start : element.start()]), element.group()]
        start = element.end()
    parts.append(_collapsed(html[start:]))
    return "".join(parts)


def _collapsed(text: str) -> str:
    return SPACES_BEFORE_LINE_BREAK.sub("\n", LINE_BREAK_AND_AFTER.sub("\n", text))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S)
POLICY = (
    "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def with_content_security_policy(html: str) -> str:
    """Add a Content-Security-Policy: everything from this site only, and inline scripts only
    those in the page as built (by hash), so injected markup could never run."""
    if "Content-Security-Policy" in html[:2000]:
        return html  # finished already (`serve` finishes only what a rebuild wrote, but twice is harmless)
    hashes = sorted(
        {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in INLINE_SCRIPT.findall(html)}
    )
    policy = POLICY.format(scripts=" ".join(["'self'", *(f"'sha256-{h}'" for h in hashes)]))
    return html.replace("<head>", f'<head>\n<meta http-equiv="Content-Security-Policy" content="{policy}">', 1)


INDEX_JS_PREFIX = "var __index = "


def compact_search_index(site_dir: Path, offline: bool) -> None:
    """Store the search index's Chinese as UTF-8 rather than as \\u escapes (twice the bytes). From
    file:// the theme loads the index as search_index.js, so there the .json copy is dead weight."""
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        if offline:
            index.unlink()
        else:
            index.write_text(compact_json(index.read_text(encoding="utf-8")), encoding="utf-8")
    script = site_dir / "search" / "search_index.js"
    if script.exists():
        text = script.read_text(encoding="utf-8")
        if text.startswith(INDEX_JS_PREFIX):
            body = text[len(INDEX_JS_PREFIX) :].rstrip().removesuffix(";")
            script.write_text(INDEX_JS_PREFIX + compact_json(body), encoding="utf-8")


def compact_json(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def drop_unused_theme_files(site_dir: Path, langs: tuple[str, ...]) -> None:
    """Keep the site (and the offline zip) small: drop the theme's source maps and the search
    languages this site does not use (Material ships all of them)."""
    scripts = site_dir / "assets" / "javascripts"
    for source_map in scripts.rglob("*.map"):
        source_map.unlink()
    keep = {"lunr.stemmer.support.min.js", "lunr.multi.min.js", *(f"lunr.{lang}.min.js" for lang in langs)}
    keep |= {"tinyseg.js"} if "ja" in langs else set()
    keep |= {"wordcut.js"} if set(langs) & {"th", "hi"} else set()
    for path in (scripts / "lunr").rglob("*.js"):
        if path.name not in keep:
            path.unlink()
