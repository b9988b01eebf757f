"""The small Markdown subset an update's note may use, parsed with markdown-it-py: emphasis, strong
emphasis and links to http(s) addresses. Anything else is not markup here: it shows as the text it
is, and `check` names it. One parse, three renderings: Markdown for pages (escaped so the site's
Markdown shows exactly the note), HTML for feeds, plain text for descriptions and CSV."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED = ("emphasis", "link")  # markdown-it rule names: *em*, **strong**, [text](https://…)
WEB = ("https://", "http://")


@dataclass(frozen=True)
class Piece:
    """A run of a note: its text, and how it is marked (em, strong) and where it links."""

    text: str
    em: bool = False
    strong: bool = False
    href: str | None = None


@cache
def _subset() -> MarkdownIt:
    # "zero" turns every rule off (no HTML, headings, lists, code, images, autolinks); the subset is
    # turned back on. A link whose address is not http(s) is left as text.
    md = MarkdownIt("zero").enable(list(ALLOWED))
    md.validateLink = lambda url: url.strip().lower().startswith(WEB)  # type: ignore[method-assign]
    return md


@cache
def _full() -> MarkdownIt:
    return MarkdownIt("commonmark")


def pieces(note: str) -> tuple[Piece, ...]:
    """The note as runs of text with their marks; line breaks become spaces."""
    out: list[Piece] = []
    em = strong = 0
    href: str | None = None
    for block in _subset().parse(note):
        if block.type != "inline":
            continue
        if out:
            out.append(Piece(" "))  # between paragraphs
        for token in block.children or ():
            kind = token.type
            if kind in ("text", "softbreak", "hardbreak"):
                text = token.content if kind == "text" else " "
                out.append(Piece(text, em > 0, strong > 0, href))
            elif kind in ("em_open", "em_close"):
                em += 1 if kind == "em_open" else -1
            elif kind in ("strong_open", "strong_close"):
                strong += 1 if kind == "strong_open" else -1
            elif kind == "link_open":
                href = str(token.attrs.get("href", ""))
            elif kind == "link_close":
                href = None
    return tuple(_merged(out))


def _merged(runs: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for run in runs:
        if merged and (merged[-1].em, merged[-1].strong, merged[-1].href) == (run.em, run.strong, run.href):
            merged[-1] = Piece(merged[-1].text + run.text, run.em, run.strong, run.href)
        else:
            merged.append(run)
    if merged:
        last = merged[-1]
        merged[-1] = Piece(last.text.rstrip(), last.em, last.strong, last.href)
    return [m for m in merged if m.text]


def to_text(note: str) -> str:
    return " ".join("".join(p.text for p in pieces(note)).split())


def to_html(note: str) -> str:
    """For an Atom entry's content (type="html"): only <em>, <strong> and <a href="http(s)…">."""
    return "".join(_wrapped(p, html.escape(p.text, quote=False), html.escape) for p in pieces(note))


def to_markdown(note: str, escape: Callable[[str], str]) -> str:
    """For a page: each run's text escaped by `escape` (the page's Markdown escaper), marks as Markdown."""

    def marked(p: Piece) -> str:
        text = escape(p.text)
        text = f"**{text}**" if p.strong else text
        text = f"*{text}*" if p.em else text
        # The address percent-encoded where Markdown would end it early (a space, a parenthesis).
        target = quote(p.href, safe=":/?#@!$&'*+,;=%~").replace("(", "%28").replace(")", "%29") if p.href else ""
        return f"[{text}]({target})" if p.href else text

    return "".join(marked(p) for p in pieces(note))


def _wrapped(p: Piece, text: str, quote: Callable[[str], str]) -> str:
    text = f"<strong>{text}</strong>" if p.strong else text
    text = f"<em>{text}</em>" if p.em else text
    return f'<a href="{quote(p.href)}">{text}</a>' if p.href else text


# Block and inline markup CommonMark would read in a note, and what it is called in a problem.
NOT_ALLOWED = {
    "html_inline": "HTML",
    "html_block": "HTML",
    "heading_open": "a heading",
    "bullet_list_open": "a list",
    "ordered_list_open": "a list",
    "blockquote_open": "a quotation block",
    "code_inline": "code",
    "code_block": "code",
    "fence": "code",
    "image": "an image",
    "table_open": "a table",
    "hr": "a rule",
}


def markup_problems(note: str) -> list[str]:
    """What the note marks up beyond the subset (each shows as text on the site), in words."""
    found: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type in NOT_ALLOWED:
                found.append(NOT_ALLOWED[token.type])
            if token.type == "link_open" and not str(token.attrs.get("href", "")).lower().startswith(WEB):
                found.append(f"a link to {str(token.attrs.get('href', ''))!r} (only http(s) addresses)")
            if token.children:
                walk(token.children)

    walk(_full().parse(note))
    if NON_WEB_LINK.search(note):  # CommonMark leaves these as text, but they were meant as links
        found.append("a link to an address that is not http(s)")
    return list(dict.fromkeys(found))


NON_WEB_LINK = re.compile(r"\]\(\s*<?(?!https?://)[a-z][a-z0-9+.-]*:", re.I)
