"""Lineage between two editions of a plan series: which task of the newer continues which of the older.

Task numbers shift from year to year, so identity is proposed from what a task says and who does it:
the instruments it names, the bodies responsible (a successor counting as the same body), its text
in either language, its section. `propose` scores every pair and gives each new task at most one
link; a person reviews the file (`to_yaml`), and `merge` keeps every reviewed decision when `link`
runs again. `problems` is what `check` reports; `changes` and `compare_editions` are what pages show,
and they show only reviewed links (Link.is_fact).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from .model import LINK_KINDS, REVIEWS, Catalog, Edition, Instrument, Link, Task
from .problems import Problem
from .yamlio import dump_yaml

# A score is content (text, instruments) scaled by who and where. Calibrated on the invented series
# (tests/fixtures/series) and on the 2025 plan against itself: there a task scores 1.0 with itself,
# and two distinct tasks reach at most 0.40 on English text alone (23 and 24, both on rules for new
# fields), 0.65 with their Chinese keywords (8 and 17, both on trade secrets): related, as they are.
FLOOR = 0.2  # below: no link, the task is new
STRONG = 0.4  # from here a match can carry a task over, split or merge; between FLOOR and STRONG: related
SET_RATIO = 0.75  # a second match within this share of the best one joins a split or merged set
KEYWORD_SHARE = 0.4  # the most shared Chinese keywords add, of what English text similarity leaves
COMMON = 0.5  # a word in more than this share of both editions' tasks tells tasks apart no better than "the"


# --- What a task says, made once per edition pair ------------------------------------------------

STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of", "on", "or",
    "such", "than", "that", "the", "their", "them", "these", "this", "those", "to", "under", "with", "within", "which",
    "will", "shall", "all", "more", "further", "other", "relevant", "etc",
))
WORD = re.compile(r"[a-z0-9]+")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
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
            found.update(run[i:i + 2] for i in range(len(run) - 1))
    return tuple(sorted(found))


@dataclass(frozen=True)
class Profile:
    """One task as the linker compares it."""

    number: int
    section: int
    words: tuple[str, ...]
    grams: tuple[str, ...]
    has_text_zh: bool  # grams from the Chinese text itself, not only from reviewed keywords
    instruments: frozenset[str]
    departments: tuple[str, ...]
    lines: frozenset[str]  # its bodies' lines of succession (a representative id each)


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


def profiles(edition: Edition, bodies: Bodies) -> list[Profile]:
    instruments = mentioned(edition)
    return [Profile(number=t.number, section=t.section, words=words_en(t.text_en), grams=bigrams_zh(t.text_zh, t.keywords_zh),
                    has_text_zh=bool(t.text_zh),
                    instruments=instruments.get(t.number, frozenset()), departments=t.departments,
                    lines=frozenset(bodies.line(d) for d in t.departments))
            for t in sorted(edition.tasks, key=lambda t: t.number)]


# --- Scores --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One new task against one old task: a score in [0, 1] and what it rests on."""

    new: int
    old: int
    score: float
    evidence: tuple[str, ...]


def weights(docs: Sequence[tuple[str, ...]]) -> dict[str, float]:
    """Inverse document frequency of every term of the two editions; a term in most tasks gets none."""
    df: defaultdict[str, int] = defaultdict(int)
    for terms in docs:
        for term in terms:
            df[term] += 1
    n = len(docs)
    common = max(2.0, COMMON * n)
    return {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items() if count <= common}


def cosines(olds: list[Profile], news: list[Profile], field: str) -> dict[int, dict[int, float]]:
    """Cosine similarity (idf-weighted) of every pair sharing a term, new task → old task → cosine,
    through an inverted index of the old tasks, so pairs with nothing in common cost nothing."""
    w = weights([getattr(p, field) for p in (*olds, *news)])
    squared = {term: x * x for term, x in w.items()}

    def norm(p: Profile) -> float:
        return math.sqrt(sum(squared.get(t, 0.0) for t in getattr(p, field)))

    postings: defaultdict[str, list[int]] = defaultdict(list)
    old_norms = {}
    for o in olds:
        old_norms[o.number] = norm(o)
        for term in getattr(o, field):
            if term in squared:
                postings[term].append(o.number)
    found: dict[int, dict[int, float]] = {}
    for n in news:
        n_norm = norm(n)
        if not n_norm:
            continue
        acc: defaultdict[int, float] = defaultdict(float)
        for term in getattr(n, field):
            for o in postings.get(term, ()):
                acc[o] += squared[term]
        found[n.number] = {o: dot / (n_norm * old_norms[o]) for o, dot in acc.items()}
    return found


def score_pairs(olds: list[Profile], news: list[Profile], bodies: Bodies) -> dict[tuple[int, int], Match]:
    """Every (new, old) match at or above FLOOR."""
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
            if match := score_one(n, o, en.get(o_number, 0.0), zh.get(o_number), n.has_text_zh and o.has_text_zh, bodies):
                found[(n.number, o_number)] = match
    return found


def score_one(n: Profile, o: Profile, text_en: float, text_zh: float | None, full_zh: bool, bodies: Bodies) -> Match | None:
    """The match of two tasks, None below FLOOR. Content (text in the better language; with the
    instruments when both tasks name some) scaled by the bodies shared and the section: who and
    where confirm a match, never make one. Chinese from a few reviewed keywords (no text on one
    side) is thin: it only adds to the English, up to KEYWORD_SHARE of what the English leaves."""
    zh = (text_zh or 0.0) if full_zh else text_en + (1 - text_en) * KEYWORD_SHARE * (text_zh or 0.0)
    text = max(text_en, zh)
    shared = n.instruments & o.instruments
    both_name = bool(n.instruments and o.instruments)
    content = (text + len(shared) / min(len(n.instruments), len(o.instruments))) / 2 if both_name else text
    if content < FLOOR:  # (most pairs: the factor below is at most 1)
        return None
    common = n.lines & o.lines
    who = len(common) / len(n.lines | o.lines) if common else 0.0
    same_section = n.section == o.section
    score = min(1.0, content * (0.7 + 0.2 * who + 0.1 * same_section))
    if score < FLOOR:
        return None
    evidence = []
    if shared:
        evidence.append("same instruments: " + ", ".join(sorted(shared)))
    if common:
        evidence.append("same bodies: " + ", ".join(body_evidence(n, o, bodies)))
    evidence.append(f"text {text:.2f}" + (" (Chinese)" if zh > text_en else ""))
    if same_section:
        evidence.append(f"same section {n.section}")
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
    rejected pairing is never proposed again (the next best is, if any)."""
    bodies = Bodies.of(catalog)
    olds, news = profiles(old, bodies), profiles(new, bodies)
    facts = [link for link in reviewed if link.is_fact]
    decided = {link.new_task for link in facts}
    bound = {o for link in facts if link.kind in ("carried-over", "merged") for o in link.old_tasks}
    fixed_splits: defaultdict[int, int] = defaultdict(int)
    for link in facts:
        if link.kind == "split":
            fixed_splits[link.old_tasks[0]] += 1
    rejected = {(link.new_task, frozenset(link.old_tasks)) for link in reviewed if link.review == "rejected"}
    matches = {pair: m for pair, m in score_pairs(olds, news, bodies).items()
               if pair[0] not in decided and (pair[0], frozenset((pair[1],))) not in rejected}
    return assign(old.id, new.id, matches, bound, fixed_splits, rejected)


def ranked(matches: Iterable[Match]) -> list[Match]:
    """Best first; ties by task number, so the order never depends on anything else."""
    return sorted(matches, key=lambda m: (-m.score, m.new, m.old))


def assign(old_id: str, new_id: str, matches: dict[tuple[int, int], Match], bound: set[int],
           fixed_splits: dict[int, int], rejected: set[tuple[int, frozenset[int]]]) -> list[Link]:
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
        return Link(old_edition=old_id, new_edition=new_id, new_task=new, old_tasks=olds, kind=kind,
                    review="unreviewed", score=round(score, 2), evidence=(*evidence, *extra))

    def strong_set(found: list[Match]) -> list[Match]:
        """The strong matches comparable to the best of them."""
        strong = [m for m in found if m.score >= STRONG]
        return [m for m in strong if m.score >= SET_RATIO * strong[0].score] if strong else []

    # Merged: one new task, several old tasks each best matched by it.
    for new in sorted(by_new):
        parts = [m for m in strong_set(by_new[new]) if m.old not in used and m.old not in fixed_splits and by_old[m.old][0].new == new]
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
                note = (f"split: {old_id} task {old} also continues as {new_id} task{'s' if len(rest) > 1 else ''} {', '.join(map(str, rest))}",) if rest else ()
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
    fresh = [link for link in proposed
             if link.new_task not in decided and (link.new_task, frozenset(link.old_tasks)) not in rejected]
    return sorted([*kept, *fresh], key=lambda link: (link.new_task, link.old_tasks, REVIEWS.index(link.review) if link.review in REVIEWS else 0))


# --- The file ------------------------------------------------------------------------------------


def file_name(old_id: str, new_id: str) -> str:
    """data/lineage/<this>: OLD-NEW.yaml."""
    return f"{old_id}-{new_id}.yaml"


def to_yaml(old_id: str, new_id: str, links: list[Link]) -> str:
    """The text of data/lineage/OLD-NEW.yaml, the shape Loader.links reads."""
    header = (
        f"# Written by `python build.py link {old_id} {new_id}`: for each task of {new_id}, its likely predecessor in {old_id}.\n"
        "# Review each link: set review to confirmed (as proposed), corrected (after changing old/kind) or\n"
        "# rejected. Unreviewed links are never shown as fact; `link` run again keeps every reviewed one.\n"
        f"#   kind:   {' | '.join(LINK_KINDS)}\n"
        "#           (split: one link per new task, each naming the same old task; merged: one link naming them all)\n"
        f"#   review: {' | '.join(REVIEWS)}\n"
        "#   score and evidence say why the link was proposed; they are not checked.\n"
    )
    body = {"old": old_id, "new": new_id, "links": [
        {"new": link.new_task, "old": list(link.old_tasks), "kind": link.kind, "review": link.review,
         "score": round(link.score, 2), "evidence": list(link.evidence)}
        for link in links]}
    return header + dump_yaml(body)


# --- What `check` reports ------------------------------------------------------------------------


def problems(catalog: Catalog) -> list[Problem]:
    """Every problem of every lineage file: editions and tasks that exist, known kinds and reviews,
    the file named after its pair, and reviewed links that fit together (a task carried over at most
    once, one fact per new task, split and merged links in sets)."""
    editions = {e.id: e for e in catalog.editions}
    found: list[Problem] = []
    by_file: defaultdict[str, list[Link]] = defaultdict(list)
    for link in catalog.links:
        by_file[link.origin.file if link.origin else ""].append(link)
    for file, links in sorted(by_file.items()):
        found += file_problems(file, links, editions)
    return found


def where(link: Link) -> tuple[str, int]:
    return (link.origin.file, link.origin.line) if link.origin else ("data/lineage", 0)


def file_problems(file: str, links: list[Link], editions: dict[str, Edition]) -> list[Problem]:
    first = links[0]
    old_id, new_id = first.old_edition, first.new_edition
    found = []
    expected = file_name(old_id, new_id)
    if PurePath(file).name != expected:
        found.append(Problem(*where(first), f"lineage between {old_id} and {new_id} is in {PurePath(file).name}",
                             f"rename the file {expected} (old-new), or fix its old: and new:"))
    missing = [(side, ident) for side, ident in (("old", old_id), ("new", new_id)) if ident not in editions]
    for side, ident in missing:
        found.append(Problem(*where(first), f"lineage: {side}: '{ident}' is no edition",
                             f"use one of: {', '.join(sorted(editions))}" if editions else "add the edition first"))
    if old_id == new_id:
        found.append(Problem(*where(first), f"lineage links edition {old_id} to itself", "give the older edition as old: and the newer as new:"))
    elif not missing and editions[old_id].issued > editions[new_id].issued:
        found.append(Problem(*where(first), f"lineage: old: {old_id} was issued after new: {new_id}",
                             "swap them: old: is the earlier edition, and rename the file to match"))
    for link in links:
        found += link_problems(link, None if missing else editions[old_id], None if missing else editions[new_id])
    found += set_problems(links)
    return sorted(found, key=lambda p: p.line)  # in file order (stable: a link's problems as found)


def link_problems(link: Link, old: Edition | None, new: Edition | None) -> list[Problem]:
    """One link on its own: its tasks exist, its kind and review are known, its old tasks fit its kind."""
    at = where(link)
    what = f"link of task {link.new_task}"
    found = []
    if new is not None and link.new_task not in {t.number for t in new.tasks}:
        found.append(Problem(*at, f"{what}: task {link.new_task} of {new.id} does not exist", f"fix the number (task 1 to {len(new.tasks)} of {new.id}), or remove the link"))
    if old is not None:
        numbers = {t.number for t in old.tasks}
        for number in link.old_tasks:
            if number not in numbers:
                found.append(Problem(*at, f"{what}: task {number} of {old.id} does not exist", f"fix the number (task 1 to {len(old.tasks)} of {old.id}), or remove it from old:"))
    if len(set(link.old_tasks)) != len(link.old_tasks):
        found.append(Problem(*at, f"{what}: old: names a task twice ({', '.join(map(str, link.old_tasks))})", "name each old task once"))
    if link.kind not in LINK_KINDS:
        found.append(Problem(*at, f"{what}: unknown kind '{link.kind}'", f"use one of: {', '.join(LINK_KINDS)}"))
    if link.review not in REVIEWS:
        found.append(Problem(*at, f"{what}: unknown review '{link.review}'", f"use one of: {', '.join(REVIEWS)}"))
    if link.kind == "merged" and len(set(link.old_tasks)) < 2:
        found.append(Problem(*at, f"{what}: a merged link names one old task", "name every old task merged into it, or make it carried-over"))
    if link.kind in ("carried-over", "related", "split") and len(link.old_tasks) != 1:
        hint = "use one link per new task of the split, each naming the one old task" if link.kind == "split" else "name one old task, or make it merged"
        found.append(Problem(*at, f"{what}: a {link.kind} link names {len(link.old_tasks)} old tasks", hint))
    return found


def set_problems(links: list[Link]) -> list[Problem]:
    """Reviewed links of one file together: one fact per new task, an old task carried over at most
    once and not also split or merged, splits in sets of two or more; a link given twice."""
    found = []
    seen: dict[tuple[int, tuple[int, ...]], Link] = {}
    for link in links:
        key = (link.new_task, tuple(sorted(link.old_tasks)))
        if key in seen:
            found.append(Problem(*where(link), f"link of task {link.new_task} to {', '.join(map(str, key[1]))} is given twice (first at line {where(seen[key])[1]})",
                                 "keep one of them"))
        else:
            seen[key] = link
    facts = [link for link in links if link.is_fact]
    first_fact: dict[int, Link] = {}
    for link in facts:
        if link.new_task in first_fact:
            found.append(Problem(*where(link), f"link of task {link.new_task}: the task already has a reviewed link (line {where(first_fact[link.new_task])[1]})",
                                 "keep one reviewed link per new task (name several old tasks in one merged link), and reject the other"))
        else:
            first_fact[link.new_task] = link
    carried: dict[int, Link] = {}
    for link in facts:
        if link.kind != "carried-over" or len(link.old_tasks) != 1:
            continue
        old = link.old_tasks[0]
        if old in carried:
            found.append(Problem(*where(link), f"link of task {link.new_task}: task {old} is already carried over, to task {carried[old].new_task} (line {where(carried[old])[1]})",
                                 "carry an old task over once: make these split links if it became several tasks, or reject one"))
        else:
            carried[old] = link
    splits: defaultdict[int, list[Link]] = defaultdict(list)
    for link in facts:
        if link.kind == "split" and len(link.old_tasks) == 1:
            splits[link.old_tasks[0]].append(link)
    for old, members in sorted(splits.items()):
        if len(members) < 2:
            found.append(Problem(*where(members[0]), f"link of task {members[0].new_task}: the only reviewed split of task {old}",
                                 "a split needs two or more new tasks naming the same old task: confirm the others, or make it carried-over"))
        if old in carried:
            found.append(Problem(*where(members[0]), f"link of task {members[0].new_task}: task {old} is split and also carried over (to task {carried[old].new_task})",
                                 "an old task is either carried over or split: correct one of them"))
    for link in facts:
        if link.kind == "merged":
            for old in link.old_tasks:
                if old in carried:
                    found.append(Problem(*where(link), f"link of task {link.new_task}: task {old} is merged here and also carried over (to task {carried[old].new_task})",
                                         "an old task is either carried over or merged: correct one of them"))
    return found


# --- What changed, for pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Succession:
    """A body the old task names whose line the new task continues under another id or name."""

    old: str  # department id in the old edition
    new: str  # department id in the new (the same id when renamed)
    how: str  # "succeeded" (a successor took over) | "renamed" (same body, new name) | "same line" (otherwise related by succession)
    former_name_zh: str = ""  # for a rename: the name it had in the old edition


@dataclass(frozen=True)
class Wording:
    """One instrument named by the old or new task (or both): the task's own words for what it asks
    beside the registry's action (model.ACTIONS). Words are None where that task does not name it
    (and the Chinese also where the task has no Chinese text); "" where the words were not found."""

    instrument: str
    old_words: str | None
    new_words: str | None
    old_words_zh: str | None
    new_words_zh: str | None
    old_action: str | None
    new_action: str | None

    @property
    def status(self) -> str:
        """"both", "added" (only the new task names it) or "dropped" (only the old one)."""
        return "both" if self.old_action and self.new_action else "added" if self.new_action else "dropped"


@dataclass(frozen=True)
class Changes:
    """What changed along one link, old task(s) to new task."""

    link: Link
    added: tuple[str, ...]  # department ids the new task names and the old did not (successors aside)
    removed: tuple[str, ...]  # department ids the old task(s) named and the new does not
    successions: tuple[Succession, ...]
    old_leads: tuple[str, ...]  # the lead of each old task (one, but for a merge)
    new_lead: str | None
    lead_changed: bool  # the new lead is in no old lead's line of succession
    instruments: tuple[Wording, ...]


def changes(catalog: Catalog, link: Link, bodies: Bodies | None = None) -> Changes:
    """What changed from the old task(s) to the new one. The link must resolve (check passed):
    a missing edition or task raises LookupError.

    A split is read as a set: what the old task named and a sibling of the split (another new task
    split from it) names is not removed from it, only moved; what no sibling names is."""
    bodies = bodies or Bodies.of(catalog)
    line = bodies.line
    old, new = edition(catalog, link.old_edition), edition(catalog, link.new_edition)
    old_tasks = [old.task(n) for n in link.old_tasks]
    new_task = new.task(link.new_task)
    siblings = [new.task(s.new_task) for s in split_siblings(catalog, link)]
    old_bodies = list(dict.fromkeys(d for t in old_tasks for d in t.departments))
    new_bodies = list(new_task.departments)
    old_lines = {line(d) for d in old_bodies}
    kept_lines = {line(d) for t in (new_task, *siblings) for d in t.departments}
    successions = [Succession(old=o, new=n, how="succeeded" if (o, n) in bodies.later else "same line")
                   for n in new_bodies for o in old_bodies
                   if n != o and line(n) == line(o) and o not in new_bodies and n not in old_bodies]
    successions += renames(catalog, old, new, [d for d in new_bodies if d in old_bodies])
    old_leads = tuple(dict.fromkeys(t.lead for t in old_tasks if t.lead))
    new_lead = new_task.lead
    return Changes(
        link=link,
        added=tuple(d for d in new_bodies if line(d) not in old_lines),
        removed=tuple(d for d in old_bodies if line(d) not in kept_lines),
        successions=tuple(successions),
        old_leads=old_leads,
        new_lead=new_lead,
        lead_changed=new_lead is not None and bool(old_leads) and line(new_lead) not in {line(d) for d in old_leads},
        instruments=wordings(catalog, old, old_tasks, new, new_task, siblings),
    )


def split_siblings(catalog: Catalog, link: Link) -> list[Link]:
    """The other links of a split set (same pair, same old task, not rejected); none for other kinds."""
    if link.kind != "split":
        return []
    return [other for other in catalog.links
            if other.kind == "split" and other.review != "rejected" and other.new_task != link.new_task
            and (other.old_edition, other.new_edition, other.old_tasks) == (link.old_edition, link.new_edition, link.old_tasks)]


def edition(catalog: Catalog, ident: str) -> Edition:
    for e in catalog.editions:
        if e.id == ident:
            return e
    raise LookupError(f"no edition {ident!r}")


def renames(catalog: Catalog, old: Edition, new: Edition, kept: list[str]) -> list[Succession]:
    """Bodies named by both whose name changed between the two editions' issue dates."""
    found = []
    by_id = {d.id: d for d in catalog.departments}
    for dept_id in kept:
        dept = by_id.get(dept_id)
        for former in dept.former_names if dept else ():
            if former.until is not None and old.issued < former.until <= new.issued:
                found.append(Succession(old=dept_id, new=dept_id, how="renamed", former_name_zh=former.name_zh))
    return found


def wordings(catalog: Catalog, old: Edition, old_tasks: list[Task], new: Edition, new_task: Task,
             siblings: Sequence[Task] = ()) -> tuple[Wording, ...]:
    """Every instrument either side names, the new task's first, in the order the mentions list
    them; but what only the old task named and a sibling of a split names is the sibling's."""
    registry = {i.id: i for i in catalog.instruments}
    old_numbers = {t.number for t in old_tasks}
    old_actions: dict[str, tuple[str, Task]] = {}
    for m in old.mentions:
        if m.task in old_numbers and m.instrument not in old_actions:
            old_actions[m.instrument] = (m.action, old.task(m.task))
    new_actions = {m.instrument: m.action for m in new.mentions if m.task == new_task.number}
    new_words = task_wording(new_task, [registry[i] for i in new_actions if i in registry])
    old_words: dict[str, tuple[str, str | None]] = {}
    for task in old_tasks:
        old_words.update(task_wording(task, [registry[i] for i, (_, t) in old_actions.items() if t.number == task.number and i in registry]))
    elsewhere = {m.instrument for m in new.mentions if m.task in {t.number for t in siblings}}
    only_old = [i for i in old_actions if i not in new_actions and i not in elsewhere]
    found = []
    for ins in [*new_actions, *only_old]:
        old_side, new_side = ins in old_actions, ins in new_actions
        old_en, old_zh = old_words.get(ins, ("", None))
        new_en, new_zh = new_words.get(ins, ("", None))
        found.append(Wording(
            instrument=ins,
            old_words=old_en if old_side else None, new_words=new_en if new_side else None,
            old_words_zh=old_zh if old_side else None, new_words_zh=new_zh if new_side else None,
            old_action=old_actions[ins][0] if old_side else None, new_action=new_actions.get(ins),
        ))
    return tuple(found)


# The task's own words for what it asks of an instrument: English puts the verb before the name
# ("promote the revision of the X Law"); Chinese before, after or both (推进《X》修订, 修订出台X).
CLAUSE_END_EN = re.compile(r"[.;:,(]")
CLAUSE_END_ZH = re.compile(r"[，。；：、,;:（(]")
CONNECTORS = ("and", "or", "also", "then", "as well as", "together with")  # before a verb: not the task's ask
ARTICLES = ("the", "a", "an")
OPENING_QUOTES = " \t“‘\"'《"  # the quote opening a title ("formulate the “Opinions on…”")
MAX_WORDS = 10


def alias_pattern(alias: str) -> re.Pattern[str]:
    """An alias matched in running text: any case, straight or curly quotes, any run of spaces."""
    parts = []
    for ch in alias.translate(QUOTES):
        parts.append(r"['’‘]" if ch == "'" else r"[\"“”]" if ch == '"' else r"\s+" if ch.isspace() else re.escape(ch))
    return re.compile(re.sub(r"(?:\\s\+)+", r"\\s+", "".join(parts)), re.IGNORECASE)


def trimmed(words: list[str]) -> list[str]:
    """A clause's words without a leading connector ("and promote" → "promote") or a trailing
    article ("revision of the" → "revision of")."""
    again = True
    while again and words:
        again = False
        for connector in CONNECTORS:
            parts = connector.split()
            if [w.lower() for w in words[:len(parts)]] == parts:
                words, again = words[len(parts):], True
                break
    while words and words[-1].lower() in ARTICLES:
        words = words[:-1]
    return words


def zh_names(ins: Instrument) -> list[str]:
    name = ins.name_zh.strip("《》")
    short = name.removeprefix("中华人民共和国")
    return [n for n in dict.fromkeys((name, short)) if n]


def spans(text: str, names: dict[str, list[re.Pattern[str]]]) -> list[tuple[int, int, str]]:
    """Where each instrument is first named in a text: (start, end, id), in order of position."""
    found = []
    for ins, patterns in names.items():
        hits = [m for p in patterns if (m := p.search(text))]
        if hits:
            first = min(hits, key=lambda m: (m.start(), -m.end()))
            found.append((first.start(), first.end(), ins))
    return sorted(found)


def task_wording(task: Task, instruments: list[Instrument]) -> dict[str, tuple[str, str | None]]:
    """Instrument id → (English words, Chinese words) the task uses for what it asks of it; the
    Chinese None while the task has no Chinese text. An instrument listed right after another
    ("revise the A and the B") shares its verb."""
    en_spans = spans(task.text_en, {i.id: [alias_pattern(a) for a in (*i.aliases, i.name_en)] for i in instruments})
    english, previous, end = {}, "", 0
    for start, stop, ins in en_spans:
        segment = task.text_en[end:start]
        segment = CLAUSE_END_EN.split(segment)[-1]
        words = trimmed(segment.rstrip(OPENING_QUOTES).split())
        shown = " ".join(words[-MAX_WORDS:])
        if len(words) > MAX_WORDS:
            shown = "… " + shown
        english[ins] = shown or previous
        previous, end = english[ins], stop
    chinese: dict[str, str] = {}
    if task.text_zh:
        zh_spans = spans(task.text_zh, {i.id: [re.compile("《?" + re.escape(n) + "》?") for n in zh_names(i)] for i in instruments})
        befores, afters = [], []
        for k, (start, stop, _) in enumerate(zh_spans):
            before_from = zh_spans[k - 1][1] if k else 0
            after_to = zh_spans[k + 1][0] if k + 1 < len(zh_spans) else len(task.text_zh)
            befores.append(CLAUSE_END_ZH.split(task.text_zh[before_from:start])[-1].strip())
            afters.append(CLAUSE_END_ZH.split(task.text_zh[stop:after_to])[0].strip())
        for k in range(1, len(befores)):  # 修订《A》《B》: B shares A's verb
            befores[k] = befores[k] or befores[k - 1]
        for k in range(len(afters) - 2, -1, -1):  # 《A》《B》修订: A shares B's
            afters[k] = afters[k] or afters[k + 1]
        for (_, _, ins), before, after in zip(zh_spans, befores, afters, strict=True):
            chinese[ins] = f"{before}…{after}" if before or after else ""
    return {i.id: (english.get(i.id, ""), chinese.get(i.id, "") if task.text_zh else None) for i in instruments}


# --- Two editions side by side ------------------------------------------------------------------


def compare_editions(catalog: Catalog, old: Edition, new: Edition) -> dict:
    """The pair as a comparison page shows it, from reviewed (fact) links only. Each list is grouped
    by section ({section number: [...]}, in section order, empty sections left out): those of the
    new edition, but for dropped and pending_old, the old edition's.

        new_tasks     task numbers of `new` named by no fact link and no proposal (a rejected link may)
        carried_over, split, merged, related   Changes of each fact link of that kind
        dropped       task numbers of `old` named by no fact link and no proposal
        pending       task numbers of `new` named only by unreviewed proposals
        pending_old   task numbers of `old` named only by unreviewed proposals
        reviewed, unreviewed   how many links of the pair are facts, and how many await review
        complete      a lineage file exists for the pair and every link in it is reviewed

    A proposal is never shown as fact, so a task named only by one is neither new nor dropped:
    it is pending until a person decides."""
    links = [link for link in catalog.links if link.old_edition == old.id and link.new_edition == new.id]
    facts = [link for link in links if link.is_fact]
    proposals = [link for link in links if link.review == "unreviewed"]
    new_with_fact = {link.new_task for link in facts}
    old_with_fact = {o for link in facts for o in link.old_tasks}
    new_proposed = {link.new_task for link in proposals} - new_with_fact
    old_proposed = {o for link in proposals for o in link.old_tasks} - old_with_fact
    new_sections = {t.number: t.section for t in new.tasks}
    old_sections = {t.number: t.section for t in old.tasks}
    by_kind: dict[str, list[Changes]] = {kind: [] for kind in LINK_KINDS}
    bodies = Bodies.of(catalog)
    for link in sorted(facts, key=lambda link: (link.new_task, link.old_tasks)):
        if link.kind in by_kind:
            by_kind[link.kind].append(changes(catalog, link, bodies))

    def numbers(edition_: Edition, chosen: set[int], sections: dict[int, int]) -> dict[int, list[int]]:
        return by_section(sorted(t.number for t in edition_.tasks if t.number in chosen), sections)

    def changed(kind: str) -> dict[int, list[Changes]]:
        groups: defaultdict[int, list[Changes]] = defaultdict(list)
        for c in by_kind[kind]:
            groups[new_sections.get(c.link.new_task, 0)].append(c)
        return {s: groups[s] for s in sorted(groups)}

    new_numbers, old_numbers = set(new_sections), set(old_sections)
    return {
        "old": old.id,
        "new": new.id,
        "new_tasks": numbers(new, new_numbers - new_with_fact - new_proposed, new_sections),
        "carried_over": changed("carried-over"),
        "split": changed("split"),
        "merged": changed("merged"),
        "related": changed("related"),
        "dropped": numbers(old, old_numbers - old_with_fact - old_proposed, old_sections),
        "pending": numbers(new, new_proposed, new_sections),
        "pending_old": numbers(old, old_proposed, old_sections),
        "reviewed": len(facts),
        "unreviewed": len(proposals),
        "complete": bool(links) and not proposals,
    }


def by_section(numbers: list[int], sections: dict[int, int]) -> dict[int, list[int]]:
    """Task numbers grouped by their section, sections in order."""
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for number in numbers:
        groups[sections.get(number, 0)].append(number)
    return {s: groups[s] for s in sorted(groups)}
