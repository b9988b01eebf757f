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


# How a clause may open before its names: "Responsible by A, B", "Responsible for A", "Responsibility: A; B",
# "Led by A" ("Responsible for their respective duties" opens no list of names).
OPENING = re.compile(
    r"^(?:(?:responsibility|responsible(?:\s+(?:departments?|units?|bodies))?)\s*:|responsible\s+by\s"
    r"|responsible\s+for\s(?!\s*(?:their|its)\s)|led\s+by\s)\s*"
)
# Endings of a clause, tried in order; the first that matches is cut off. The verb is optional in
# RESPECTIVE so that "Responsible by A and B according to their respective duties" reads too.
RESPECTIVE = re.compile(
    r",?(?:\s+(?:are|is)\s+(?:each\s+)?responsible)?\s+(?:according\s+to|in\s+accordance\s+with|based\s+on|for)\s+"
    r"(?:their|the)\s+(?:respective\s+(?:duties|responsibilities)|division\s+of\s+(?:responsibilities|labou?r))$"
    # "… are individually (separately, respectively) responsible [for their (own) duties]"
    r"|,?\s+(?:are|is)\s+(?:individually|separately|respectively)\s+responsible"
    r"(?:\s+for\s+(?:their|its)\s+(?:own\s+|respective\s+)?(?:duties|responsibilities))?$"
)
RESPONSIBLE = re.compile(r"\s+(?:are|is|shall\s+be)\s+(?:each\s+)?responsible$")
AND_OTHERS = re.compile(
    r"(?:,?\s+and\s+other\s+(?:relevant\s+|related\s+)?(?:departments|units|bodies|agencies)|,?\s+etc\.?)$"
)
NAME_END = re.compile(r"$|\s*[,;(]|\s+and\s")  # a name ends where the list goes on, never mid-phrase
SEPARATOR = re.compile(r"(?:\s*[,;]\s*|\s*\band\s+|\s+)*(?:the\s+)?")
LIST_BREAK = re.compile(r"([,;]\s*|\s+and\s+(?:the\s+)?)")  # where one name of a list may end
NESTED = re.compile(r"\s*\(([^()]*)\)")  # "Central Propaganda Department (National Copyright Administration)"
# Words that make a phrase a clause's wording rather than a body's name: never advised as an alias.
VERBS = re.compile(r"\b(?:responsib\w*|is|are|shall|leads?|led|leading|in\s+charge)\b", re.I)


def has_verb(name: str) -> bool:
    """Whether a phrase holds a clause word ("Responsible for X", "X is responsible"), in either language."""
    return bool(VERBS.search(name)) or any(word in name for word in ("负责", "負責", "牵头", "牽頭"))


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


class ClauseError(ValueError):
    """A clause that breaks the grammar in a way no registry entry can fix (no 负责, no names, two
    bodies given as one)."""


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
            end = self.skip_same_body(clause, text, end, ident)
            pos = SEPARATOR.match(text, end).end()
        return Clause(tuple(departments), tuple(collectives), respective, and_others)

    def skip_same_body(self, clause: str, text: str, end: int, ident: str) -> int:
        """Past a parenthesised other name of the body just read ("… Department (National Copyright
        Administration)"); a different body in the parentheses is reported, never dropped."""
        nested = NESTED.match(text, end)
        if not nested:
            return end
        inner = nested.group(1).strip()
        try:
            same = self.resolve(inner)[1] == ident
        except UnknownName:
            same = False
        if not same:
            original = self.original_words(clause, inner)
            raise ClauseError(f'the parentheses "({original})" name no other name of the body before them')
        return nested.end()

    def owner(self, name: str) -> str:
        """The id of the body or collective a known name belongs to."""
        return self.resolve(name)[1]

    def unknown_fragment(self, text: str, pos: int) -> str:
        """The unknown name starting at `pos`: up to where the next known name begins."""
        pieces = LIST_BREAK.split(text[pos:])
        fragment = pieces[0]
        at = pos + len(fragment)
        for separator, piece in zip(pieces[1::2], pieces[2::2], strict=False):
            # A known name starts here only if it runs on in the whole text: "Ministry of Science" then
            # "and Technology" is one name, never two pieces.
            if self.match_at(text, at + len(separator)):
                break
            fragment += separator + piece
            at += len(separator) + len(piece)
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
