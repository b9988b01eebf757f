"""Walk a built site's HTML: every page's ids, links and headings, for the link and heading checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)  # what the browser fetches by itself
    h1: str = ""
    text: str = ""


# Elements that separate words; inline ones (span, a, em, code…) do not, so "计划<span>…</span>" stays whole.
BLOCKS = {
    "p",
    "div",
    "td",
    "th",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "table",
    "section",
    "article",
    "nav",
    "ul",
    "ol",
    "header",
    "footer",
    "details",
    "summary",
    "figure",
    "label",
    "option",
    "button",
    "title",
    "form",
    "select",
    "input",
    "output",
    "aside",
    "main",
    "body",
    "head",
}


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_h1 = False
        self.skip = 0  # inside <script> or <style>
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if values.get("name") and tag == "a":
            self.page.ids.add(values["name"])
        for attr in ("href", "src"):
            if values.get(attr) and tag in ("a", "link", "script", "img"):
                self.page.links.append(values[attr])
        fetched = {"script": "src", "img": "src", "iframe": "src", "source": "src"}.get(tag)
        if tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
            fetched = "href"
        if fetched and values.get(fetched):
            self.page.resources.append(values[fetched])
        if tag == "h1":
            self.in_h1 = True
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self.in_h1 = False
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_h1:
            self.page.h1 += data
        if not self.skip:
            self.text.append(data)


def parse(path: Path) -> Page:
    return parse_html(path.read_text(encoding="utf-8"), path)


def parse_html(html: str, path: Path = Path("-")) -> Page:
    """As `parse`, for HTML held in memory (a page body rendered in-process)."""
    page = Page(path)
    parser = _Parser(page)
    parser.feed(html)
    page.text = " ".join("".join(parser.text).split())
    page.h1 = " ".join(page.h1.replace("¶", "").split())
    return page


def pages(site: Path) -> dict[Path, Page]:
    return {p: parse(p) for p in sorted(site.rglob("*.html"))}


def broken_links(site: Path) -> list[str]:
    """Every internal link or asset whose file, or whose #anchor, does not exist."""
    parsed = pages(site)
    broken = []
    for path, page in parsed.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # site-absolute (404.html): relative to the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link} (no file)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no anchor)")
    return broken
