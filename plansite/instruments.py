"""Finding instrument-like phrases in task text, to check that the instrument registry misses none.

The registry (data/instruments.yaml) is the source of truth; this extractor only looks for what a
reviewer should have entered: quoted titles, and capitalised names ending in an instrument word.
"""

from __future__ import annotations

import re

from .aliases import normalize
from .model import Edition, IgnoredPhrase, Instrument

KEYWORDS = r"(?:Law|Laws|Regulations|Measures|Guidelines|Opinions|Interpretation|Convention|Treaty|Plan|Outline|Agreement|Standard|Rules)"
LINK = r"(?:of|on|for|and|the|in|to|between|with|by|Several|Issues)"
WORD = r"[A-Z0-9][\w’'\-]*"
NAME = re.compile(
    rf"(?:{WORD}(?: {LINK}| {WORD}| \([^)]*\))* )?{KEYWORDS}(?: (?:of|on|for) (?:the )?{WORD}(?: {LINK}| {WORD}| \([^)]*\))*)?")
QUOTED = re.compile(r"“([^”]+)”")
SPLIT = re.compile(r"\s+and\s+(?:the\s+)?(?=[A-Z])")


def candidates(text: str) -> list[str]:
    """Instrument-like phrases in a task's text."""
    found = [q for q in QUOTED.findall(text) if re.search(KEYWORDS, q)]
    for match in NAME.finditer(text):
        pieces = SPLIT.split(match.group(0))
        found += [p for p in pieces if re.search(KEYWORDS, p)] if len(pieces) > 1 and all(re.search(KEYWORDS, p) for p in pieces) else [match.group(0)]
    return [re.sub(r"^the\s+", "", p.strip()) for p in found]


def covered(phrase: str, instruments: tuple[Instrument, ...], ignores: tuple[IgnoredPhrase, ...]) -> bool:
    key = normalize(phrase)
    names = [normalize(a) for i in instruments for a in i.aliases] + [normalize(x.phrase) for x in ignores]
    return any(key in name or name in key for name in names)


def uncovered(edition: Edition, instruments: tuple[Instrument, ...], ignores: tuple[IgnoredPhrase, ...]) -> list[tuple[int, str]]:
    """(task, phrase) for every instrument-like phrase the registry does not cover."""
    return [(task.number, phrase) for task in edition.tasks for phrase in candidates(task.text_en)
            if not covered(phrase, instruments, ignores)]
