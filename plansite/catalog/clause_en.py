"""Resolve a responsibility clause ("The A, the B and other departments are responsible…") to registry ids."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from plansite.catalog.bodies import Collective, Department

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalize(name: str) -> str:
    """Compare names ignoring case, curly quotes and runs of spaces."""
    return " ".join(name.translate(QUOTES).split()).casefold()


# How a clause may open before its names: "Responsible by A, B", "Responsibility: A; B", "Led by A".
OPENING = re.compile(
    r"^(?:(?:responsibility|responsible(?:\s+(?:departments?|units?|bodies))?)\s*:|responsible\s+by\s|led\s+by\s)\s*"
)
# Endings of a clause, tried in order; the first that matches is cut off. The verb is optional in
# RESPECTIVE so that "Responsible by A and B according to their respective duties" reads too.
RESPECTIVE = re.compile(
    r",?(?:\s+(?:are|is)\s+(?:each\s+)?responsible)?\s+(?:according\s+to|in\s+accordance\s+with|based\s+on|for)\s+"
    r"(?:their|the)\s+(?:respective\s+(?:duties|responsibilities)|division\s+of\s+(?:responsibilities|labou?r))$"
)
RESPONSIBLE = re.compile(r"\s+(?:are|is|shall\s+be)\s+(?:each\s+)?responsible$")
AND_OTHERS = re.compile(
    r"(?:,?\s+and\s+other\s+(?:relevant\s+|related\s+)?(?:departments|units|bodies|agencies)|,?\s+etc\.?)$"
)
NAME_END = re.compile(r"$|\s*[,;]|\s+and\s")  # a name ends where the list goes on, never mid-phrase
SEPARATOR = re.compile(r"(?:\s*[,;]\s*|\s*\band\s+|\s+)*(?:the\s+)?")
LIST_BREAK = re.compile(r"([,;]\s*|\s+and\s+(?:the\s+)?)")  # where one name of a list may end


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
        # Another publisher may write a body's official English name or its abbreviation (CNIPA):
        # those resolve too, unless the name is already some body's alias.
        known = {e[0] for e in entries}
        entries += [
            (normalize(n), "department", d.id, n)
            for d in departments
            for n in (d.name_en, d.abbr or "", *(f.name_en for f in d.former_names))
            if n and normalize(n) not in known
        ]
        entries += [
            (normalize(c.name_en), "collective", c.id, c.name_en)
            for c in collectives
            if normalize(c.name_en) not in known
        ]
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
        text = OPENING.sub("", normalize(clause).rstrip(" .;"))
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
        pieces = LIST_BREAK.split(text[pos:])
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
