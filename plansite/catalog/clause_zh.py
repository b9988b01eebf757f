"""Resolve a Chinese responsibility clause (国家知识产权局、司法部等按职责分工负责) to registry ids.

The grammar: names separated by 、 ， , 和 及 与 (or 以及), then optionally 等 / 等部门 / 等单位
(and_others) and 按职责分工 or 按职责分别 (respective_duties) in either order, then 负责. A name may be
followed by another name of the same body in parentheses: 中央宣传部（国家版权局）. Traditional
characters are read through a table (hanzi), spaces and invisible characters are only layout. Names are matched
longest first and must end where the list goes on, because 和 also occurs inside names
(工业和信息化部, 国家发展和改革委员会): a separator is only a separator between whole names.
"""

from __future__ import annotations

import difflib

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.clause_en import Clause, ClauseError, UnknownName
from plansite.catalog.hanzi import simplified
from plansite.catalog.text import INVISIBLE

VERB = "负责"
RESPECTIVE = ("按照职责分工", "按职责分工", "按照职责分别", "按职责分别", "分别")  # longest first
OPENERS, CLOSERS = "（(", "）)"
AND_OTHERS = ("等部门", "等单位", "等")  # longest first: 等部门 is not a name ending in 部门
HARD_SEPARATORS = "、，,"
SOFT_SEPARATORS = ("以及", "和", "及", "与")  # words, which also occur inside names


__all__ = ["ClauseError", "ZhNames", "is_clause"]


def compact(text: str) -> str:
    """Chinese names hold no spaces: a space (or an invisible character) in a clause is only layout."""
    return "".join(INVISIBLE.sub("", text).split())


def is_clause(text: str) -> bool:
    """True when a parenthesised group is a responsibility clause, not a parenthetical remark."""
    return simplified(compact(text)).endswith(VERB)


class ZhNames:
    """Every Chinese name of every body and collective mention, for matching clauses."""

    def __init__(self, departments: tuple[Department, ...], collectives: tuple[Collective, ...]):
        entries = [(name, "department", d.id) for d in departments for name in d.names_zh]
        entries += [(name, "collective", c.id) for c in collectives for name in c.names_zh]
        self.entries = sorted(
            {(compact(n), kind, ident) for n, kind, ident in entries if compact(n)}, key=lambda e: (-len(e[0]), e[0])
        )
        self.names = sorted({e[0] for e in self.entries})

    def resolve(self, name: str) -> tuple[str, str]:
        """(kind, id) of one whole name, or UnknownName with the closest known names."""
        key = compact(name)
        for known, kind, ident in self.entries:
            if known == key:
                return kind, ident
        raise UnknownName(name, self.suggest(key))

    def suggest(self, name: str) -> list[str]:
        return difflib.get_close_matches(compact(name), self.names, n=3, cutoff=0.4)

    def parse(self, clause: str) -> Clause:
        """The bodies a clause names, in its order, and its two flags."""
        shown = compact(clause)  # as given, for messages
        text = simplified(shown)  # as long as `shown`: a position in one is a position in the other
        if not text.endswith(VERB):
            raise ClauseError(f"the clause does not end with {VERB}")
        text = text[: -len(VERB)]
        respective = and_others = False
        changed = True
        while changed:  # the two endings may come in either order
            changed = False
            for tail in RESPECTIVE:
                if not respective and text.endswith(tail):
                    text, respective, changed = text[: -len(tail)], True, True
                    break
            for tail in AND_OTHERS:
                if not and_others and text.endswith(tail):
                    text, and_others, changed = text[: -len(tail)], True, True
                    break
        departments: list[str] = []
        collectives: list[str] = []
        pos = self.skip_separators(text, 0)
        while pos < len(text):
            match = self.match_at(text, pos)
            if match is None:
                fragment = self.unknown_fragment(text, pos)
                raise UnknownName(shown[pos : pos + len(fragment)], self.suggest(fragment))
            kind, ident, end = match
            (departments if kind == "department" else collectives).append(ident)
            pos = self.skip_separators(text, self.skip_same_body(text, shown, end, ident))
        if not departments and not collectives:
            raise ClauseError("the clause names no department")
        return Clause(tuple(departments), tuple(collectives), respective, and_others)

    def skip_same_body(self, text: str, shown: str, end: int, ident: str) -> int:
        """Past a parenthesised other name of the body just read (中央宣传部（国家版权局）); a
        different body in the parentheses is reported, never dropped."""
        if end >= len(text) or text[end] not in OPENERS:
            return end
        close = next((i for i in range(end + 1, len(text)) if text[i] in CLOSERS), -1)
        if close < 0:
            raise ClauseError(f"the parenthesis after {shown[:end]!r} is not closed")
        try:
            same = self.resolve(text[end + 1 : close])[1] == ident
        except UnknownName:
            same = False
        if not same:
            raise ClauseError(f"the parentheses {shown[end : close + 1]!r} name no other name of the body before them")
        return close + 1

    @staticmethod
    def separator_at(text: str, pos: int) -> int:
        """The length of the separator starting at `pos`, 0 if there is none."""
        if pos < len(text) and text[pos] in HARD_SEPARATORS:
            return 1
        return next((len(word) for word in SOFT_SEPARATORS if text.startswith(word, pos)), 0)

    def skip_separators(self, text: str, pos: int) -> int:
        while length := self.separator_at(text, pos):
            pos += length
        return pos

    def match_at(self, text: str, pos: int) -> tuple[str, str, int] | None:
        """The longest known name at `pos` that ends where the text or the list does."""
        for known, kind, ident in self.entries:
            end = pos + len(known)
            if text.startswith(known, pos) and (
                end == len(text) or text[end] in OPENERS or self.separator_at(text, end)
            ):
                return kind, ident, end
        return None

    def unknown_fragment(self, text: str, pos: int) -> str:
        """The unknown name at `pos`: up to a 、 or a comma, or a word separator before a known name."""
        end = pos + 1
        while end < len(text):
            if text[end] in HARD_SEPARATORS:
                break
            length = self.separator_at(text, end)
            if length and self.match_at(text, end + length):
                break
            end += 1
        return text[pos:end]
