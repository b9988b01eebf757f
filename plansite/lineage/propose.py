"""Lineage between two editions of a plan series: which task of the newer continues which of the older.

Task numbers shift from year to year, so identity is proposed from what a task says and who does it:
the instruments it names, the bodies responsible (a successor counting as the same body), its text
in either language, its section. `propose` scores every pair and gives each new task at most one
link; a person reviews the file (`reviewfile`), and `merge` keeps every reviewed decision when `link`
runs again. What `check` reports is `lineagecheck`; what pages show (only reviewed links) is
`lineagediff`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansite.catalog.model import Catalog, Edition
from plansite.catalog.series import Link
from plansite.catalog.vocab import REVIEWS
from plansite.lineage.profile import Bodies, Profile, cosines, profiles, section_likeness

# A score is content (text, instruments) scaled by who and where. Calibrated on the invented series
# (tests/fixtures/series) and on the 2025 plan against itself: there a task scores 1.0 with itself,
# and two distinct tasks reach at most 0.40 on English text alone (23 and 24, both on rules for new
# fields), 0.65 with their Chinese keywords (8 and 17, both on trade secrets): related, as they are.
FLOOR = 0.2  # below: no link, the task is new
STRONG = 0.4  # from here a match can carry a task over, split or merge; between FLOOR and STRONG: related
SET_RATIO = 0.75  # a second match within this share of the best one joins a split or merged set
KEYWORD_SHARE = 0.4  # the most shared Chinese keywords add, of what English text similarity leaves
SECTION_ALIKE = 0.5  # sections whose titles are this alike are named in the evidence
INSTRUMENTS = 0.5  # when both tasks name instruments: the share of content that the instruments shared make


# --- Scores --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One new task against one old task: a score in [0, 1] and what it rests on."""

    new: int
    old: int
    score: float
    evidence: tuple[str, ...]


def score_pairs(
    olds: list[Profile], news: list[Profile], bodies: Bodies, sections: dict[tuple[int, int], float] | None = None
) -> dict[tuple[int, int], Match]:
    """Every (new, old) match at or above FLOOR. `sections`: how alike (new, old) sections are."""
    sections = sections or {}
    english = cosines(olds, news, "words")
    chinese = cosines([o for o in olds if o.grams], [n for n in news if n.grams], "grams")
    by_instrument: defaultdict[str, list[int]] = defaultdict(list)
    for o in olds:
        for ins in sorted(o.instruments):
            by_instrument[ins].append(o.number)
    old_by_number = {o.number: o for o in olds}
    found = {}
    for n in news:
        en, zh = english.get(n.number, {}), chinese.get(n.number, {})
        candidates = {*en, *zh, *(o for ins in n.instruments for o in by_instrument.get(ins, ()))}
        for o_number in sorted(candidates):
            o = old_by_number[o_number]
            text = (en.get(o_number, 0.0), zh.get(o_number))
            if match := score_one(n, o, text, bodies, sections.get((n.section, o.section), 0.0)):
                found[(n.number, o_number)] = match
    return found


def score_one(n: Profile, o: Profile, text: tuple[float, float | None], bodies: Bodies, section: float) -> Match | None:
    """The match of two tasks, None below FLOOR. Content (text in the better language; with the
    instruments when both tasks name some) scaled by the bodies shared and how alike the sections'
    titles are: who and where confirm a match, never make one. Chinese from a few reviewed keywords
    (no text on one side) is thin: it only adds to the English, up to KEYWORD_SHARE of what the
    English leaves."""
    text_en, text_zh = text
    full_zh = n.has_text_zh and o.has_text_zh
    zh = (text_zh or 0.0) if full_zh else text_en + (1 - text_en) * KEYWORD_SHARE * (text_zh or 0.0)
    best = max(text_en, zh)
    shared = n.instruments & o.instruments
    both_name = bool(n.instruments and o.instruments)
    share = len(shared) / min(len(n.instruments), len(o.instruments)) if both_name else 0.0
    content = INSTRUMENTS * share + (1 - INSTRUMENTS) * best if both_name else best
    if content < FLOOR:  # (most pairs: the factor below is at most 1)
        return None
    common = n.lines & o.lines
    who = len(common) / len(n.lines | o.lines) if common else 0.0
    score = min(1.0, content * (0.7 + 0.2 * who + 0.1 * section))
    if score < FLOOR:
        return None
    evidence = []
    if shared:
        unreviewed = not (n.instruments_reviewed and o.instruments_reviewed)
        label = "same instruments (found by name, unreviewed)" if unreviewed else "same instruments"
        evidence.append(f"{label}: " + ", ".join(sorted(shared)))
    if common:
        evidence.append("same bodies: " + ", ".join(body_evidence(n, o, bodies)))
    evidence.append(f"text {best:.2f}" + (" (Chinese)" if zh > text_en else ""))
    if section >= SECTION_ALIKE:
        evidence.append(
            f"sections alike by title ({n.section} here, {o.section} before)"
            if n.section != o.section
            else f"same section title ({n.section})"
        )
    return Match(new=n.number, old=o.number, score=score, evidence=tuple(evidence))


def body_evidence(n: Profile, o: Profile, bodies: Bodies) -> list[str]:
    """The new task's bodies the old one also names: "cnipa", or "nfra (successor of cbirc)"."""
    shown = []
    for dept in n.departments:
        line = bodies.line(dept)
        if line not in o.lines:
            continue
        if dept in o.departments:
            shown.append(dept)
        else:
            before = [d for d in o.departments if bodies.line(d) == line]
            shown.append(f"{dept} ({'; '.join(bodies.relation(dept, d) for d in before)})")
    return shown


# --- From scores to links ------------------------------------------------------------------------


def propose(catalog: Catalog, old: Edition, new: Edition, reviewed: Sequence[Link] = ()) -> list[Link]:
    """For each task of `new`, its likely predecessor(s) in `old`, as unreviewed links sorted by new
    task; a task with no match at or above FLOOR gets none (it is new).

    Kinds: several new tasks whose best match is one old task, strongly and comparably → split (a
    link each); one new task matching several old tasks strongly, each of which matches it best →
    merged (one link); otherwise the strongest free pairs → carried over (each task at most once);
    what is left with a weaker but real match → related.

    `reviewed`: the pair's links a person has already decided (from the lineage file). New tasks
    with a fact link are not proposed again, their old tasks are not carried over twice, and a
    rejected pairing is never proposed again. After a rejection the task's next best is proposed
    only if it is strong: a weak neighbour of a rejected proposal is most often the same boilerplate
    again."""
    bodies = Bodies.of(catalog)
    olds, news = profiles(catalog, old, new, bodies)
    facts = [link for link in reviewed if link.is_fact]
    decided = {link.new_task for link in facts}
    bound = {o for link in facts if link.kind in ("carried-over", "merged") for o in link.old_tasks}
    fixed_splits: defaultdict[int, int] = defaultdict(int)
    for link in facts:
        if link.kind == "split":
            fixed_splits[link.old_tasks[0]] += 1
    rejected = {(link.new_task, frozenset(link.old_tasks)) for link in reviewed if link.review == "rejected"}
    turned_down = {new_task for new_task, _ in rejected}
    matches = {
        pair: m
        for pair, m in score_pairs(olds, news, bodies, section_likeness(old, new)).items()
        if pair[0] not in decided
        and (pair[0], frozenset((pair[1],))) not in rejected
        and (pair[0] not in turned_down or m.score >= STRONG)
    }
    return assign(old.id, new.id, matches, bound, fixed_splits, rejected)


def ranked(matches: Iterable[Match]) -> list[Match]:
    """Best first; ties by task number, so the order never depends on anything else."""
    return sorted(matches, key=lambda m: (-m.score, m.new, m.old))


def assign(
    old_id: str,
    new_id: str,
    matches: dict[tuple[int, int], Match],
    bound: set[int],
    fixed_splits: dict[int, int],
    rejected: set[tuple[int, frozenset[int]]],
) -> list[Link]:
    by_new: defaultdict[int, list[Match]] = defaultdict(list)
    by_old: defaultdict[int, list[Match]] = defaultdict(list)
    for m in ranked(matches.values()):
        by_new[m.new].append(m)
        by_old[m.old].append(m)
    links: dict[int, Link] = {}
    used: set[int] = set(bound)  # old tasks carried over, split or merged

    def link(new: int, found: list[Match], kind: str, extra: tuple[str, ...] = ()) -> Link:
        olds = tuple(sorted(m.old for m in found))
        if len(found) == 1:
            evidence = found[0].evidence
        else:  # a merge: what each old task rests on
            evidence = tuple(f"task {m.old}: {'; '.join(m.evidence)}" for m in sorted(found, key=lambda m: m.old))
        score = sum(m.score for m in found) / len(found)
        return Link(
            old_edition=old_id,
            new_edition=new_id,
            new_task=new,
            old_tasks=olds,
            kind=kind,
            review="unreviewed",
            score=round(score, 2),
            evidence=(*evidence, *extra),
        )

    def strong_set(found: list[Match]) -> list[Match]:
        """The strong matches comparable to the best of them."""
        strong = [m for m in found if m.score >= STRONG]
        return [m for m in strong if m.score >= SET_RATIO * strong[0].score] if strong else []

    # Merged: one new task, several old tasks each best matched by it.
    for new in sorted(by_new):
        parts = [
            m
            for m in strong_set(by_new[new])
            if m.old not in used and m.old not in fixed_splits and by_old[m.old][0].new == new
        ]
        if len(parts) >= 2 and (new, frozenset(m.old for m in parts)) not in rejected:
            links[new] = link(new, parts, "merged")
            used.update(m.old for m in parts)
    # Split: one old task, the best match of several new tasks (a reviewed split counts as one of them).
    for old in sorted(by_old):
        if old in used:
            continue
        parts = strong_set([m for m in by_old[old] if m.new not in links and by_new[m.new][0].old == old])
        if parts and len(parts) + fixed_splits.get(old, 0) >= 2:
            others = [m.new for m in parts]
            for m in parts:
                rest = [n for n in others if n != m.new]
                note = (
                    (
                        f"split: {old_id} task {old} also continues as {new_id} task{'s' if len(rest) > 1 else ''} "
                        f"{', '.join(map(str, rest))}",
                    )
                    if rest
                    else ()
                )
                links[m.new] = link(m.new, [m], "split", note)
            used.add(old)
    # Carried over: the strongest free pairs first, each task at most once.
    for m in ranked(m for m in matches.values() if m.score >= STRONG):
        if m.new not in links and m.old not in used and m.old not in fixed_splits:
            links[m.new] = link(m.new, [m], "carried-over")
            used.add(m.old)
    # Related: what is left, with its best real match.
    for new, found in by_new.items():
        if new not in links and found:
            links[new] = link(new, [found[0]], "related")
    return [links[n] for n in sorted(links)]


def rejected_pairs(links: Iterable[Link]) -> set[tuple[int, frozenset[int]]]:
    return {(link.new_task, frozenset(link.old_tasks)) for link in links if link.review == "rejected"}


def merge(proposed: list[Link], existing: list[Link]) -> list[Link]:
    """The lineage file after `link` runs again: every reviewed link (confirmed, corrected, rejected)
    kept exactly as it is; every unreviewed one replaced by this run's proposals, except a proposal
    for a task already decided (a fact link) or one pairing a person rejected. Sorted by new task."""
    kept = [link for link in existing if link.review != "unreviewed"]
    decided = {link.new_task for link in kept if link.is_fact}
    rejected = rejected_pairs(kept)
    fresh = [
        link
        for link in proposed
        if link.new_task not in decided and (link.new_task, frozenset(link.old_tasks)) not in rejected
    ]
    return sorted(
        [*kept, *fresh],
        key=lambda link: (link.new_task, link.old_tasks, REVIEWS.index(link.review) if link.review in REVIEWS else 0),
    )
