"""Finding instrument-like phrases in task text, to check that the instrument registry misses none.

The registry (data/instruments.yaml) is the source of truth; this extractor only looks for what a
reviewer should have entered: titled instruments (quoted titles, capitalised names ending in an
instrument word) and described ones, which a task writes in lower case ("formulate guiding
opinions on …", "issue the supporting mandatory national standards"). It finds more than there is,
on purpose: each phrase is either an alias of an instrument or an `ignore` entry with a reason.
"""

from __future__ import annotations

import re

from plansite.catalog.clause_en import normalize
from plansite.catalog.model import Edition, IgnoredPhrase, Instrument

# Titled instruments. A keyword must end its word: "Plan" is no keyword inside "Plants".
KEYWORDS = (
    r"(?:Law|Laws|Regulations|Measures|Guidelines|Opinions|Interpretation|Convention|Treaty|Plan|Outline|Agreement"
    r"|Standard|Rules)(?![\w\-’'])"
)
LINK = r"(?:of|on|for|and|the|in|to|between|with|by|Several|Issues)"
WORD = r"[A-Z0-9][\w’'\-]*"
# Before the keyword only "of" and "and" link words ("Patent and Trademark … Standard"), so that a
# sentence's opening verb stays out ("Revise the Regulations on …", "Prepare for the … Rule of Law").
NAME = re.compile(
    rf"(?:{WORD}(?: (?:of|and)| {WORD}| \([^)]*\))* )?{KEYWORDS}(?: (?:of|on|for) (?:the )?{WORD}(?: {LINK}| {WORD}| "
    r"\([^)]*\))*)?"
)
QUOTED = re.compile(r"“([^”]+)”")
SPLIT = re.compile(r"\s+and\s+(?:the\s+)?(?=[A-Z])")

# Described instruments, in lower case. Two shapes:
# - named by their subject: "guiding opinions on …", "guidelines for …", "policy documents to …";
# - named by the words before them: "supporting mandatory national standards", "… protection
#   rules", "implementation measures", "work plan" (up to four such words, then what follows
#   "for"/"on"/"of"/"in" to the end of the clause).
CLAUSE = r"[^,.;:“”]+"
ABOUT = re.compile(rf"\b(?:guiding )?(?:opinions|guidelines|policy documents) (?:on|for|to) {CLAUSE}")
HEADS = (
    r"(?:standards|standard system|rules|judicial interpretations"
    r"|(?:implementation|management|administrative) measures|(?:work|action|implementation) plans?)"
)
MODIFIER = r"(?!(?:the|a|an|and|or|of|to|in|on|for|with|by|such|as|its|their|all)\b)[a-z][\w\-]*"
BEFORE = re.compile(rf"(?<![\w\-])((?:{MODIFIER} ){{0,4}}){HEADS}\b((?: (?:on|for|of|in) {CLAUSE})?)")


def titled(text: str) -> list[str]:
    """Quoted titles, and capitalised names outside quotes ("the A Law and the B Regulations" gives both)."""
    quoted = [m for m in QUOTED.finditer(text) if re.search(KEYWORDS, m.group(1))]
    found = [m.group(1) for m in quoted]
    for match in NAME.finditer(text):
        if any(q.start() <= match.start() < q.end() for q in quoted):
            continue  # inside a quoted title, found whole above
        pieces = SPLIT.split(match.group(0))
        found += pieces if len(pieces) > 1 and all(re.search(KEYWORDS, p) for p in pieces) else [match.group(0)]
    return found


def described(text: str) -> list[str]:
    """Lower-case descriptions of an instrument. A bare head word ("the standards and processes")
    says nothing about which instrument, so it needs a word before it or a subject after it."""
    found = [m.group(0) for m in ABOUT.finditer(text)]
    found += [m.group(0) for m in BEFORE.finditer(text) if m.group(1) or m.group(2)]
    return found


def candidates(text: str) -> list[str]:
    """Instrument-like phrases in a task's text, each once, titled ones first."""
    phrases = [re.sub(r"^the\s+", "", p.strip()) for p in (*titled(text), *described(text))]
    return list(dict.fromkeys(phrases))


def covered(phrase: str, text: str, instruments: tuple[Instrument, ...], ignores: tuple[IgnoredPhrase, ...]) -> bool:
    """Whether an alias or ignored phrase that occurs in this task's text contains the phrase (or
    is contained in it). Only names in the task's own text count: otherwise "Copyright Law" in one
    task would pass as part of another task's "Regulations on the Implementation of the Copyright Law"."""
    key, here = normalize(phrase), normalize(text)
    names = [normalize(a) for i in instruments for a in i.aliases] + [normalize(x.phrase) for x in ignores]
    return any(key in name or name in key for name in names if name in here)


def uncovered(
    edition: Edition, instruments: tuple[Instrument, ...], ignores: tuple[IgnoredPhrase, ...]
) -> list[tuple[int, str]]:
    """(task, phrase) for every instrument-like phrase the registry does not cover."""
    return [
        (task.number, phrase)
        for task in edition.tasks
        for phrase in candidates(task.text_en)
        if not covered(phrase, task.text_en, instruments, ignores)
    ]
