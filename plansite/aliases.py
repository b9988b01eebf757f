"""Resolve a responsibility clause ("The A, the B and other departments are responsible…") to registry ids."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .model import Collective, Department

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalize(name: str) -> str:
    """Compare names ignoring case, curly quotes and runs of spaces."""
    return " ".join(name.translate(QUOTES).split()).casefold()


# Endings of a clause, tried in order; the first that matches is cut off.
RESPECTIVE = re.compile(
    r"\s+(?:are|is)\s+responsible\s+(?:according\s+to|for)\s+"
    r"(?:their|the)\s+(?:respective\s+(?:duties|responsibilities)|division\s+of\s+responsibilities)$"
)
RESPONSIBLE = re.compile(r"\s+(?:are|is)\s+responsible$")
AND_OTHERS = re.compile(r",?\s+and\s+other\s+(?:departments|units)$")
NAME_END = re.compile(r"$|\s*,|\s+and\s")  # a name ends where the list goes on, never mid-phrase
SEPARATOR = re.compile(r"(?:\s*,\s*|\s*\band\s+|\s+)*(?:the\s+)?")


@dataclass(frozen=True)
class Clause:
    departments: tuple[str, ...]
    collectives: tuple[str, ...]
    respective_duties: bool
    and_others: bool


class UnknownName(ValueError):
    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        super().__init__(name)


class AliasIndex:
    """Every alias of every body, matched longest first so names containing 'and' or commas stay whole."""

    def __init__(self, departments: tuple[Department, ...], collectives: tuple[Collective, ...]):
        entries = [(normalize(a), "department", d.id, a) for d in departments for a in d.aliases]
        entries += [(normalize(a), "collective", c.id, a) for c in collectives for a in c.aliases]
        self.entries = sorted(entries, key=lambda e: -len(e[0]))
        self.names = sorted({e[3] for e in entries})

    def resolve(self, name: str) -> tuple[str, str]:
        """(kind, id) of one whole name, or UnknownName with the closest aliases."""
        key = normalize(name)
        if key.startswith("the "):
            key = key[4:]
        for alias, kind, ident, _ in self.entries:
            if alias == key:
                return kind, ident
        raise UnknownName(name, self.suggest(name))

    def suggest(self, name: str) -> list[str]:
        by_key = {normalize(n): n for n in self.names}
        close = difflib.get_close_matches(normalize(name), list(by_key), n=3, cutoff=0.4)
        return [by_key[c] for c in close]

    def parse(self, clause: str) -> Clause:
        text = normalize(clause)
        respective = bool(RESPECTIVE.search(text))
        text = RESPECTIVE.sub("", text) if respective else RESPONSIBLE.sub("", text)
        and_others = bool(AND_OTHERS.search(text))
        text = AND_OTHERS.sub("", text)
        departments: list[str] = []
        collectives: list[str] = []
        pos = SEPARATOR.match(text, 0).end()
        while pos < len(text):
            match = self.match_at(text, pos)
            if match is None:
                original = self.original_words(clause, self.unknown_fragment(text, pos))
                raise UnknownName(original, self.suggest(original))
            kind, ident, end = match
            (departments if kind == "department" else collectives).append(ident)
            pos = SEPARATOR.match(text, end).end()
        return Clause(tuple(departments), tuple(collectives), respective, and_others)

    def unknown_fragment(self, text: str, pos: int) -> str:
        """The unknown name starting at `pos`: up to where the next known name begins."""
        pieces = re.split(r"(,\s*|\s+and\s+(?:the\s+)?)", text[pos:])
        fragment = pieces[0]
        for separator, piece in zip(pieces[1::2], pieces[2::2], strict=False):
            if self.match_at(piece, 0):
                break
            fragment += separator + piece
        return fragment.strip()

    def match_at(self, text: str, pos: int) -> tuple[str, str, int] | None:
        for alias, kind, ident, _ in self.entries:
            end = pos + len(alias)
            if text.startswith(alias, pos) and NAME_END.match(text, end):
                return kind, ident, end
        return None

    @staticmethod
    def original_words(clause: str, fragment: str) -> str:
        """The fragment as the source spells it (normalize() lower-cased it)."""
        flat = " ".join(clause.translate(QUOTES).split())
        at = flat.casefold().find(fragment)
        return flat[at : at + len(fragment)] if at >= 0 else fragment
