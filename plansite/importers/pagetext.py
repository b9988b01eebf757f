"""The lines of a saved text or web page as a reader sees them: decoded (UTF-8, GB18030 or Big5),
tags dropped, whitespace normalised, each line with its number in the source file."""

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
    """The text of a UTF-8, GB18030/GBK or Big5 file (a BOM of UTF-8, UTF-16 or GB18030 decides first).
    Big5 bytes are valid GBK too, read as kana, Greek and private-use characters: of the two
    readings, the one with fewer such characters wins."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec.lower()).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise undecodable(raw, exc, shown_as, codec) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if damaged_utf8(raw):
            raise undecodable(raw, exc, shown_as, "UTF-8") from None
    readings, failures = [], []
    for codec in ("gb18030", "big5"):
        try:
            readings.append(raw.decode(codec))
        except UnicodeDecodeError as exc:
            failures.append(exc)
    if not readings:  # the line where GB18030, the likelier encoding of a Chinese page, fails
        raise undecodable(raw, failures[0], shown_as, "UTF-8, GB18030 or Big5")
    return min(readings, key=lambda text: len(ODD.findall(text))).lstrip("\ufeff")


# What Chinese prose hardly holds but Big5 read as GBK is full of: kana, Greek, Cyrillic, box drawing, private use.
ODD = re.compile("[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\ue000-\uf8ff]")


def undecodable(raw: bytes, exc: UnicodeDecodeError, shown_as: str, codecs_tried: str) -> DataError:
    line = raw[: exc.start].count(b"\n") + 1
    return DataError(
        [
            Problem(
                shown_as,
                line,
                f"not valid {codecs_tried} text",
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
        self.hidden: list[tuple[str, int]] = []  # the hidden elements open, with the line each opened on
        self.pre = 0  # inside <pre>, a line break is a line break
        self.swallowed: tuple[str, int] | None = None  # a script or style that holds the page's markup

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden.append((tag, self.getpos()[0]))
        if tag in self.BLOCKS:
            self.flush()
        self.pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and any(open_tag == tag for open_tag, _ in self.hidden):
            while self.hidden and self.hidden.pop()[0] != tag:
                pass
        if tag in self.BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            # A script or style never closed runs on to the next one's end tag, swallowing the page's
            # own markup between them: lines that begin with a block tag, as no script's code does.
            if self.hidden[-1][0] in ("script", "style") and PAGE_MARKUP.search(data):
                self.swallowed = self.swallowed or self.hidden[-1]
            return
        line, _ = self.getpos()
        breaks = re.split("(\n)", data) if self.pre else [data]
        for piece in breaks:
            if piece == "\n":
                self.flush()
                line += 1
                continue
            if not self.first_line and piece.strip():
                self.first_line = line + piece[: len(piece) - len(piece.lstrip())].count("\n")
            self.pieces.append(piece)

    def flush(self) -> None:
        text = squash("".join(self.pieces))
        if text:
            self.lines.append((self.first_line, text))
        self.pieces, self.first_line = [], 0


PAGE_MARKUP = re.compile(r"^[ \t]*</?(?:p|div|table|tr|td|li|ul|ol|h[1-6]|section|article)\b", re.M | re.I)
# Line and paragraph separators a copy may use instead of line feeds: breaks, though an editor counts no line.
SEPARATORS = re.compile("[\u2028\u2029\x85]")


def source_lines(text: str, shown_as: str = "") -> list[tuple[int, str]]:
    """(line number in the source file, whitespace-normalised text) of each non-empty line. A page
    whose <script>, <noscript>, <template>, <title> or <style> is never closed hides the rest of its
    text from a browser: refused, rather than read short."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # lines as an editor counts them
    if looks_html(text):
        page = _PageText()
        page.feed(text)
        page.close()
        page.flush()
        if page.hidden or page.swallowed:
            tag, line = page.swallowed or page.hidden[0]
            raise DataError(
                [
                    Problem(
                        shown_as,
                        line,
                        f"the page's <{tag}> opened here is never closed, so it would hide all the text after it",
                        f"save the page again whole, or add </{tag}> where the element ends",
                    )
                ]
            )
        lines = page.lines
    else:
        lines = list(enumerate(text.split("\n"), 1))
    return [(n, squashed) for n, raw in lines for piece in SEPARATORS.split(raw) if (squashed := squash(piece))]
