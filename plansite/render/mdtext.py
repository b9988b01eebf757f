"""Escaping data into Markdown, so task text always shows as the literal text it is."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from plansite.catalog import notes
from plansite.catalog.progress import Source

# Characters Python-Markdown (with the tables and attr_list extensions) lets a backslash escape get
# a backslash; &, < and > become HTML entities. One table, applied in one pass over the text.
MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|"
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in MARKDOWN_SPECIAL}})
WHITESPACE_RUN = re.compile(r"\s+")


class Safe(Markup):
    """Markdown made by our own templates and helpers: inserted as is, never escaped again.
    (A Markup, so Jinja passes it and macro output through untouched.)"""


def escape(value: object) -> Safe:
    """Data → inline Markdown that renders as exactly that text (HTML, Markdown and Jinja syntax included)."""
    if isinstance(value, Markup):
        return Safe(value)
    text = WHITESPACE_RUN.sub(" ", str(value))  # one line: a newline could start a Markdown block
    return Safe(text.translate(ESCAPES))


def link(text: object, target: str) -> Safe:
    """A Markdown link whose text is escaped data and whose target is a path from `urls`."""
    return Safe(f"[{escape(text)}]({target})")


def page_title(text: str) -> str:
    """A front-matter title. MkDocs themes print it unescaped (and `striptags` unescapes it again
    inside <title>), so escape it and make sure no closing tag can ever appear in it."""
    return html.escape(" ".join(text.split()).replace("</", "<\u200b/"), quote=True)


def source_text(s: Source) -> Safe:
    """A source with all it records: publisher, date, title and address (or why there is none)."""
    date = s.date.isoformat() if s.date else "日期未载 · no date given"
    title = f"“{s.title}”" if s.title else "标题未载 · no title given"
    address = link(s.url, quoted_url(s.url)) if s.url else escape(f"no address: {s.url_note}")
    return Safe(f"{escape(s.publisher)}, {escape(date)}: {escape(title)} — {address}")


def note_text(note: str) -> Safe:
    """An update's note: its Markdown subset as marks, everything else escaped (shown as text)."""
    return Safe(notes.to_markdown(note, escape))


def quoted_url(url: str) -> str:
    return quote(url, safe=":/?#@!$&'*+,;=%~").replace("(", "%28").replace(")", "%29")


def external(url: str | None, missing: str = "link not yet recorded") -> Safe:
    """A link to an outside http(s) address; anything else (javascript:, data:) is shown as text."""
    if not url:
        return escape(missing)
    if urlsplit(url).scheme not in ("http", "https"):
        return escape(url)
    return link(url, quoted_url(url))
