"""What changed along reviewed lineage links, for pages: a task against its predecessor(s), and two
editions side by side. Only reviewed links (Link.is_fact) count as fact."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from plansite.catalog.model import Catalog, Edition, Instrument, Task
from plansite.catalog.series import Link
from plansite.catalog.vocab import LINK_KINDS
from plansite.lineage.named import alias_pattern, zh_names
from plansite.lineage.profile import Bodies

# --- What changed, for pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Succession:
    """A body the old task names whose line the new task continues under another id or name."""

    old: str  # department id in the old edition
    new: str  # department id in the new (the same id when renamed)
    # "succeeded" (a successor took over) | "renamed" (same body, new name)
    # | "same line" (otherwise related by succession)
    how: str
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
    # Whether that edition records what its tasks name (instruments.yaml): where it does not, a
    # side without the instrument is "not recorded", never "not named".
    old_recorded: bool = True
    new_recorded: bool = True

    @property
    def status(self) -> str:
        """ "both", "added" (only the new task names it), "dropped" (only the old one), or "unknown"
        (one side names it and the other edition records no instruments)."""
        if self.old_action and self.new_action:
            return "both"
        if not (self.old_recorded and self.new_recorded):
            return "unknown"
        return "added" if self.new_action else "dropped"


@dataclass(frozen=True)
class LinkChanges:
    """What changed along one link, old task(s) to new task."""

    link: Link
    added: tuple[str, ...]  # department ids the new task names and the old did not (successors aside)
    removed: tuple[str, ...]  # department ids the old task(s) named and the new does not
    successions: tuple[Succession, ...]
    old_leads: tuple[str, ...]  # the lead of each old task (one, but for a merge)
    new_lead: str | None
    lead_changed: bool  # the new lead is in no old lead's line of succession
    instruments: tuple[Wording, ...]


def changes(catalog: Catalog, link: Link, bodies: Bodies | None = None) -> LinkChanges:
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
    successions = [
        Succession(old=o, new=n, how="succeeded" if (o, n) in bodies.later else "same line")
        for n in new_bodies
        for o in old_bodies
        if n != o and line(n) == line(o) and o not in new_bodies and n not in old_bodies
    ]
    successions += renames(catalog, old, new, [d for d in new_bodies if d in old_bodies])
    old_leads = tuple(dict.fromkeys(t.lead for t in old_tasks if t.lead))
    new_lead = new_task.lead
    return LinkChanges(
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
    return [
        other
        for other in catalog.links
        if other.kind == "split"
        and other.review != "rejected"
        and other.new_task != link.new_task
        and (other.old_edition, other.new_edition, other.old_tasks)
        == (link.old_edition, link.new_edition, link.old_tasks)
    ]


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
            # An edition whose day of issue is unknown is dated by its publication.
            if former.until is not None and (old.issued or old.published) < former.until <= (
                new.issued or new.published
            ):
                found.append(Succession(old=dept_id, new=dept_id, how="renamed", former_name_zh=former.name_zh))
    return found


def wordings(
    catalog: Catalog, old: Edition, old_tasks: list[Task], new: Edition, new_task: Task, siblings: Sequence[Task] = ()
) -> tuple[Wording, ...]:
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
        old_words.update(
            task_wording(
                task, [registry[i] for i, (_, t) in old_actions.items() if t.number == task.number and i in registry]
            )
        )
    elsewhere = {m.instrument for m in new.mentions if m.task in {t.number for t in siblings}}
    only_old = [i for i in old_actions if i not in new_actions and i not in elsewhere]
    found = []
    for ins in [*new_actions, *only_old]:
        old_side, new_side = ins in old_actions, ins in new_actions
        old_en, old_zh = old_words.get(ins, ("", None))
        new_en, new_zh = new_words.get(ins, ("", None))
        found.append(
            Wording(
                instrument=ins,
                old_words=old_en if old_side else None,
                new_words=new_en if new_side else None,
                old_words_zh=old_zh if old_side else None,
                new_words_zh=new_zh if new_side else None,
                old_action=old_actions[ins][0] if old_side else None,
                new_action=new_actions.get(ins),
                old_recorded=bool(old.mentions),
                new_recorded=bool(new.mentions),
            )
        )
    return tuple(found)


# The task's own words for what it asks of an instrument: English puts the verb before the name
# ("promote the revision of the X Law"); Chinese before, after or both (推进《X》修订, 修订出台X).
CLAUSE_END_EN = re.compile(r"[.;:,(]")
CLAUSE_END_ZH = re.compile(r"[，。；：、,;:（(]")
CONNECTORS = ("and", "or", "also", "then", "as well as", "together with")  # before a verb: not the task's ask
ARTICLES = ("the", "a", "an")
OPENING_QUOTES = " \t“‘\"'《"  # the quote opening a title ("formulate the “Opinions on…”")
MAX_WORDS = 10


def trimmed(words: list[str]) -> list[str]:
    """A clause's words without a leading connector ("and promote" → "promote") or a trailing
    article ("revision of the" → "revision of")."""
    again = True
    while again and words:
        again = False
        for connector in CONNECTORS:
            parts = connector.split()
            if [w.lower() for w in words[: len(parts)]] == parts:
                words, again = words[len(parts) :], True
                break
    while words and words[-1].lower() in ARTICLES:
        words = words[:-1]
    return words


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
        zh_spans = spans(
            task.text_zh, {i.id: [re.compile("《?" + re.escape(n) + "》?") for n in zh_names(i)] for i in instruments}
        )
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
        carried_over, split, merged, related   LinkChanges of each fact link of that kind
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
    by_kind: dict[str, list[LinkChanges]] = {kind: [] for kind in LINK_KINDS}
    bodies = Bodies.of(catalog)
    for link in sorted(facts, key=lambda link: (link.new_task, link.old_tasks)):
        if link.kind in by_kind:
            by_kind[link.kind].append(changes(catalog, link, bodies))

    def numbers(edition_: Edition, chosen: set[int], sections: dict[int, int]) -> dict[int, list[int]]:
        return by_section(sorted(t.number for t in edition_.tasks if t.number in chosen), sections)

    def changed(kind: str) -> dict[int, list[LinkChanges]]:
        groups: defaultdict[int, list[LinkChanges]] = defaultdict(list)
        for c in by_kind[kind]:
            groups[new_sections.get(c.link.new_task, 0)].append(c)
        return {s: groups[s] for s in sorted(groups)}

    new_numbers, old_numbers = set(new_sections), set(old_sections)
    kinds = {
        "new_tasks": numbers(new, new_numbers - new_with_fact - new_proposed, new_sections),
        "carried_over": changed("carried-over"),
        "split": changed("split"),
        "merged": changed("merged"),
        "related": changed("related"),
        "dropped": numbers(old, old_numbers - old_with_fact - old_proposed, old_sections),
    }
    return {
        "old": old.id,
        "new": new.id,
        **kinds,
        "totals": {kind: sum(map(len, by_section_.values())) for kind, by_section_ in kinds.items()},
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
