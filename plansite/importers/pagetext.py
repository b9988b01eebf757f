"""The lines of a saved text or web page as a reader sees them: decoded (UTF-8 or GB18030), tags
dropped, whitespace normalised, each line with its number in the source file."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from plansite.catalog.problems import DataError, Problem
from plansite.catalog.text import CJK, HAN

# Characters between which a space is only layout (CJK text, full-width forms and punctuation).
WIDE = f"\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f{HAN}\uf900-\ufaff\uff00-\uffef"


SPACE_BETWEEN_WIDE = re.compile(f"(?<=[{WIDE}]) (?=[{WIDE}])")


LATIN = re.compile("[A-Za-z]")


SECTION_ONE = re.compile(r"(?:^|>)(?:\s|&nbsp;|&#12288;)*一\s*、", re.M)


HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|br|span|table|td)\b[^<>]*>", re.I)


def squash(text: str) -> str:
    """Whitespace normalised: runs become one space, and a space between Chinese characters goes."""
    return SPACE_BETWEEN_WIDE.sub("", " ".join(text.split()))


BOMS = (
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
    (b"\x84\x31\x95\x33", "GB18030"),
)


def decode(raw: bytes, shown_as: str) -> str:
    """The text of a UTF-8 or GB18030/GBK file (a BOM of either, or of UTF-16, decides first)."""
    tried = [codec for bom, codec in BOMS if raw.startswith(bom)] or ["UTF-8", "GB18030"]
    error: UnicodeDecodeError | None = None
    for codec in tried:
        try:
            return raw.decode(codec.lower()).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            error = error or exc
            if codec == "UTF-8" and damaged_utf8(raw):
                tried = ["UTF-8"]
                break
    line = raw[: error.start].count(b"\n") + 1 if error else 1
    raise DataError(
        [
            Problem(
                shown_as,
                line,
                f"not valid {' or '.join(tried)} text",
                "save the page's text as UTF-8 (or keep the page as the site served it)",
            )
        ]
    )


def damaged_utf8(raw: bytes) -> bool:
    """UTF-8 with a few bad bytes, not GBK: GBK read as UTF-8 fails at nearly every character, and
    read as GB18030 a damaged UTF-8 file would be garbled throughout rather than refused."""
    non_ascii = len(raw.translate(None, bytes(range(128))))  # ASCII deleted
    return raw.decode("utf-8", "replace").count("\ufffd") * 100 < non_ascii


def looks_html(text: str) -> bool:
    return bool(HTML_TAG.search(text))


def looks_chinese_layout(text: str) -> bool:
    """True for the official Chinese text (plain or HTML): a `一、` section line, or mostly CJK letters."""
    if SECTION_ONE.search(text):
        return True
    if looks_html(text):
        text = re.sub(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", " ", text, flags=re.I | re.S)
    cjk, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return cjk > latin


class _PageText(HTMLParser):
    """The lines a browser would show: block elements and <br> break lines, scripts and styles are
    skipped, entities decoded. Each line keeps the source line its first character is on."""

    BLOCKS = frozenset(
        {
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "br",
            "caption",
            "center",
            "dd",
            "details",
            "dialog",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "hr",
            "html",
            "li",
            "main",
            "nav",
            "ol",
            "option",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul",
        }
    )
    HIDDEN = frozenset({"script", "style", "template", "noscript", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.pieces: list[str] = []
        self.first_line = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if not self.first_line and data.strip():
            line, _ = self.getpos()
            self.first_line = line + data[: len(data) - len(data.lstrip())].count("\n")
        self.pieces.append(data)

    def flush(self) -> None:
        text = squash("".join(self.pieces))
        if text:
            self.lines.append((self.first_line, text))
        self.pieces, self.first_line = [], 0


def source_lines(text: str) -> list[tuple[int, str]]:
    """(line number in the source file, whitespace-normalised text) of each non-empty line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # lines as an editor counts them
    if looks_html(text):
        page = _PageText()
        page.feed(text)
        page.close()
        page.flush()
        return page.lines
    return [(n, line) for n, raw in enumerate(text.split("\n"), 1) if (line := squash(raw))]
