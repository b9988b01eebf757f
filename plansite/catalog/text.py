"""The characters a text in the data may hold: what no page, feed or export can carry."""

from __future__ import annotations

import re

# Han characters (the unified ideographs and extension A): the one definition of "Chinese text".
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK = re.compile(f"[{HAN}]")

QUOTED = 61  # how much of a value an error message quotes


def clip(text: str, limit: int, *, words: bool = False) -> str:
    """The text cut to at most `limit` characters, "…" included; with `words`, at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if words:
        cut = cut.rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Characters no page, feed or export can carry: C0 controls but tab, line feed and carriage return,
# DEL, and the non-characters U+FFFE and U+FFFF. YAML lets a double-quoted "\0" or "\x07" write them.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Bidirectional controls: invisible, they reorder what a reader sees (a source address
# ".../\u202egnp.exe" shows as ".../exe.png"). No text of a plan needs them.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters a copy from a web page or a PDF carries unseen: zero-width spaces and joiners, the
# byte-order mark, the soft hyphen, and the bidirectional controls (marks, embeddings, isolates).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def escaped(text: str) -> str:
    """The text with its invisible characters (bidirectional controls, zero-width characters) and
    forbidden characters as \\uXXXX escapes, for a message: what a reader cannot see is named."""
    return INVISIBLE.sub(_escape, FORBIDDEN.sub(_escape, text))


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def text_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a text's characters, and what to do; None when nothing is."""
    if not is_encodable(text):
        return (
            "holds a character that is not valid Unicode (a lone surrogate)",
            "write the character itself, or both halves of its \\u escape pair",
        )
    if bad := FORBIDDEN.search(text):
        return (
            f"holds the control character U+{ord(bad.group()):04X}, which no page can show",
            "remove it (write a line break as a real one)",
        )
    if bad := BIDI.search(text):
        return (
            f"holds the bidirectional control U+{ord(bad.group()):04X}, which changes the order a reader sees",
            "remove it: the text reads the same without it",
        )
    return None
