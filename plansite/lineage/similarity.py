"""What a task's text says, as the linker compares it: English content words, Chinese character
bigrams, and how much each term tells tasks apart."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from plansite.catalog.text import HAN

COMMON = 0.5  # a word in more than this share of both editions' tasks tells tasks apart no better than "the"


STOPWORDS = frozenset(
    [
        "a",
        "all",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "etc",
        "for",
        "from",
        "further",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "of",
        "on",
        "or",
        "other",
        "relevant",
        "shall",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "these",
        "this",
        "those",
        "to",
        "under",
        "which",
        "will",
        "with",
        "within",
    ]
)


WORD = re.compile(r"[a-z0-9]+")


CJK_RUN = re.compile(f"[{HAN}]+")


QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def words_en(text: str) -> tuple[str, ...]:
    """The content words of an English text, plural folded (patents → patent), sorted: summing in a
    fixed order keeps scores bit-identical whatever the hash seed."""
    found = set()
    for word in WORD.findall(text.translate(QUOTES).lower()):
        if word in STOPWORDS or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.add(word)
    return tuple(sorted(found))


def bigrams_zh(text: str, keywords: Iterable[str] = ()) -> tuple[str, ...]:
    """Chinese character bigrams of a task's text and of each of its reviewed keywords (a keyword
    alone, so no bigram spans two of them), sorted."""
    found = set()
    for piece in (text, *keywords):
        for run in CJK_RUN.findall(piece):
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return tuple(sorted(found))


def weights(docs: Sequence[tuple[str, ...]]) -> dict[str, float]:
    """Inverse document frequency of every term of the two editions; a term in most tasks gets none."""
    df: defaultdict[str, int] = defaultdict(int)
    for terms in docs:
        for term in terms:
            df[term] += 1
    n = len(docs)
    common = max(2.0, COMMON * n)
    return {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items() if count <= common}
