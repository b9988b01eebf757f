"""What a task's text says, as the linker compares it: English content words, Chinese character
bigrams, how much each term tells tasks apart, and which of a task's terms are only boilerplate.

Boilerplate is learned from the editions compared: a run of words (or Chinese characters) found in
many tasks is a formula of the plan ("promote the revision of the …", "of the People's Republic of
China", 推进《中华人民共和国…》修订), and a term a task uses only inside such runs says little about
what that task is about."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

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


PHRASE_WORDS = 3  # an English formula: a run of this many words (stop words included)
PHRASE_CHARS = 4  # a Chinese one: a run of this many characters
# A run found in this share of the tasks compared (and in 3 at least) is a formula. In the 2025
# plan, runs in 4 of its 118 tasks or more are formulas ("the revision of", "regulations on the",
# "people's republic of"), runs in 3 or fewer name a topic ("customs protection of", "of the
# trademark"): compared with itself, 3.3% of its 236 tasks, rounded up, is 8 (4 each).
PHRASE_SHARE = 0.033
PHRASE_TASKS = 3


def content_word(word: str) -> str | None:
    """A word as compared (plural folded: patents → patent), or None for a stop word."""
    if word in STOPWORDS or len(word) < 2:
        return None
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_en(text: str) -> tuple[str, ...]:
    """The content words of an English text, plural folded (patents → patent), sorted: summing in a
    fixed order keeps scores bit-identical whatever the hash seed."""
    return tuple(sorted({w for w in map(content_word, tokens_en(text)) if w}))


def tokens_en(text: str) -> list[str]:
    return WORD.findall(text.translate(QUOTES).lower())


def runs_en(text: str) -> list[list[str]]:
    """The text as one run of words (punctuation dropped)."""
    return [tokens_en(text)]


def runs_zh(text: str) -> list[list[str]]:
    """The text's runs of Chinese characters, each a list of characters."""
    return [list(run) for run in CJK_RUN.findall(text)]


def shingles(runs: list[list[str]], size: int) -> set[tuple[str, ...]]:
    return {tuple(run[i : i + size]) for run in runs for i in range(len(run) - size + 1)}


def formulas(docs: Sequence[list[list[str]]], size: int) -> set[tuple[str, ...]]:
    """The runs of `size` tokens found in PHRASE_SHARE of the documents (PHRASE_TASKS at least)."""
    df: defaultdict[tuple[str, ...], int] = defaultdict(int)
    for runs in docs:
        for shingle in shingles(runs, size):
            df[shingle] += 1
    least = max(PHRASE_TASKS, math.ceil(PHRASE_SHARE * len(docs)))
    return {shingle for shingle, count in df.items() if count >= least}


def faint(
    runs: list[list[str]], common: set[tuple[str, ...]], size: int, term: Callable[[list[str]], set[str]]
) -> frozenset[str]:
    """A task's terms that occur only inside formulas: boilerplate here. `term` gives the terms of a
    stretch of tokens (content words, or character bigrams)."""
    inside: set[str] = set()
    outside: set[str] = set()
    for run in runs:
        covered = [False] * len(run)
        for i in range(len(run) - size + 1):
            if tuple(run[i : i + size]) in common:
                covered[i : i + size] = [True] * size
        start = 0
        while start < len(run):  # stretches of covered, then uncovered, tokens
            end = start
            while end < len(run) and covered[end] == covered[start]:
                end += 1
            (inside if covered[start] else outside).update(term(run[start:end]))
            start = end
    return frozenset(inside - outside)


def words_of(tokens: list[str]) -> set[str]:
    return {w for w in map(content_word, tokens) if w}


def bigrams_of(chars: list[str]) -> set[str]:
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


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
