"""Escaping data into Markdown, so task text always shows as the literal text it is."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

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


def external(url: str | None, missing: str = "link not yet recorded") -> Safe:
    """A link to an outside http(s) address; anything else (javascript:, data:) is shown as text."""
    if not url:
        return escape(missing)
    if urlsplit(url).scheme not in ("http", "https"):
        return escape(url)
    target = quote(url, safe=":/?#@!$&'*+,;=%~").replace("(", "%28").replace(")", "%29")
    return link(url, target)
