"""Each task of two editions as the linker compares it (`Profile`), made for both editions at once:
what is boilerplate and how much a term tells tasks apart are learned from the two editions'
own text. Also how alike two editions' sections are, by their titles (a section's number says
nothing across years), and the registry's lines of succession (`Bodies`)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from plansite.catalog.model import Catalog, Edition, Section
from plansite.lineage.named import name_patterns, named
from plansite.lineage.similarity import (
    PHRASE_CHARS,
    PHRASE_WORDS,
    bigrams_of,
    bigrams_zh,
    faint,
    formulas,
    runs_en,
    runs_zh,
    weights,
    words_en,
    words_of,
)

FAINT = 0.2  # a term a task uses only inside boilerplate counts for this share of its weight there


@dataclass(frozen=True)
class Profile:
    """One task as the linker compares it."""

    number: int
    section: int
    words: tuple[str, ...]
    grams: tuple[str, ...]
    has_text_zh: bool  # grams from the Chinese text itself, not only from reviewed keywords
    instruments: frozenset[str]
    instruments_reviewed: bool  # from the edition's instrument data; else found by name, unreviewed
    departments: tuple[str, ...]
    lines: frozenset[str]  # its bodies' lines of succession (a representative id each)
    faint_words: frozenset[str] = frozenset()  # words this task uses only inside boilerplate
    faint_grams: frozenset[str] = frozenset()

    def faint(self, field: str) -> frozenset[str]:
        return self.faint_words if field == "words" else self.faint_grams


@dataclass(frozen=True)
class Bodies:
    """The registry's lines of succession, made once per run: which ids are one body over time."""

    lines: dict[str, str]  # department id → one id standing for its whole line (Catalog.same_line)
    later: frozenset[tuple[str, str]]  # (a, b): b took over from a, directly or through others

    @classmethod
    def of(cls, catalog: Catalog) -> Bodies:
        direct = {d.id: d.successor for d in catalog.departments if d.successor}
        later = set()
        for start in direct:
            seen, current = {start}, direct.get(start)
            while current and current not in seen:
                later.add((start, current))
                seen.add(current)
                current = direct.get(current)
        return cls({d.id: min(catalog.same_line(d.id)) for d in catalog.departments}, frozenset(later))

    def line(self, dept: str) -> str:
        return self.lines.get(dept, dept)

    def relation(self, new: str, old: str) -> str:
        """How a body the new task names stands to one of its line the old task named."""
        if (old, new) in self.later:
            return f"successor of {old}"
        if (new, old) in self.later:
            return f"predecessor of {old}"
        return f"same line as {old}"


def mentioned(edition: Edition) -> dict[int, frozenset[str]]:
    by_task: defaultdict[int, set[str]] = defaultdict(set)
    for m in edition.mentions:
        by_task[m.task].add(m.instrument)
    return {number: frozenset(ids) for number, ids in by_task.items()}


def profiles(catalog: Catalog, old: Edition, new: Edition, bodies: Bodies) -> tuple[list[Profile], list[Profile]]:
    """The tasks of both editions. An edition without instrument data gets the instruments its
    tasks name by title (unreviewed); formulas are the runs of words and characters many tasks of
    the two editions share."""
    tasks = [t for edition in (old, new) for t in sorted(edition.tasks, key=lambda t: t.number)]
    common_en = formulas([runs_en(t.text_en) for t in tasks], PHRASE_WORDS)
    common_zh = formulas([runs_zh(t.text_zh) for t in tasks], PHRASE_CHARS)
    names = name_patterns(catalog.instruments)

    def of(edition: Edition) -> list[Profile]:
        recorded = mentioned(edition) if edition.mentions else None
        return [
            Profile(
                number=t.number,
                section=t.section,
                words=words_en(t.text_en),
                grams=bigrams_zh(t.text_zh, t.keywords_zh),
                has_text_zh=bool(t.text_zh),
                instruments=recorded.get(t.number, frozenset()) if recorded is not None else named(t, names),
                instruments_reviewed=recorded is not None,
                departments=t.departments,
                lines=frozenset(bodies.line(d) for d in t.departments),
                faint_words=faint(runs_en(t.text_en), common_en, PHRASE_WORDS, words_of),
                faint_grams=faint(runs_zh(t.text_zh), common_zh, PHRASE_CHARS, bigrams_of),
            )
            for t in sorted(edition.tasks, key=lambda t: t.number)
        ]

    return of(old), of(new)


def cosines(olds: list[Profile], news: list[Profile], field: str) -> dict[int, dict[int, float]]:
    """Cosine similarity (idf-weighted, boilerplate faint) of every pair sharing a term, new task →
    old task → cosine, through an inverted index of the old tasks, so pairs with nothing in common
    cost nothing."""
    w = weights([getattr(p, field) for p in (*olds, *news)])

    def vector(p: Profile) -> dict[str, float]:
        faint_here = p.faint(field)
        return {t: w[t] * (FAINT if t in faint_here else 1.0) for t in getattr(p, field) if t in w}

    def norm(v: dict[str, float]) -> float:
        return math.sqrt(sum(x * x for x in sorted(v.values())))

    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    old_norms = {}
    for o in olds:
        v = vector(o)
        old_norms[o.number] = norm(v)
        for term, x in sorted(v.items()):
            postings[term].append((o.number, x))
    found: dict[int, dict[int, float]] = {}
    for n in news:
        v = vector(n)
        n_norm = norm(v)
        if not n_norm:
            continue
        acc: defaultdict[int, float] = defaultdict(float)
        for term, x in sorted(v.items()):
            for o, y in postings.get(term, ()):
                acc[o] += x * y
        found[n.number] = {o: dot / (n_norm * old_norms[o]) for o, dot in acc.items() if old_norms[o]}
    return found


def section_likeness(old: Edition, new: Edition) -> dict[tuple[int, int], float]:
    """(new section, old section) → how alike their titles are (0 to 1), in the better language;
    words every title uses ("intellectual property", 知识产权) count for nothing. Sections without
    titles are alike in nothing."""

    def as_profiles(sections: tuple[Section, ...]) -> list[Profile]:
        return [
            Profile(
                number=s.number,
                section=s.number,
                words=words_en(s.title_en),
                grams=bigrams_zh(s.title_zh),
                has_text_zh=bool(s.title_zh),
                instruments=frozenset(),
                instruments_reviewed=True,
                departments=(),
                lines=frozenset(),
            )
            for s in sections
        ]

    olds, news = as_profiles(old.sections), as_profiles(new.sections)
    likeness: dict[tuple[int, int], float] = {}
    for field in ("words", "grams"):
        for n, row in cosines(olds, news, field).items():
            for o, value in row.items():
                likeness[(n, o)] = max(likeness.get((n, o), 0.0), value)
    return likeness
