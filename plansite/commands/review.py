"""`build.py review`: what a person should look at when reading the plan against the registries.
It decides nothing: it lists the tasks with no topic, the instrument-like phrases the instrument
registry does not cover (titled or described), and the topics whose terms match only one task."""

from __future__ import annotations

from plansite.catalog.model import Catalog, Edition
from plansite.catalog.phrases import uncovered
from plansite.catalog.topics import matched, tag
from plansite.view.labels import task_name


def edition_report(catalog: Catalog, edition: Edition) -> list[str]:
    tags = tag(edition, catalog.topics)
    lines = [f"edition {edition.id}: {len(edition.tasks)} tasks"]

    untagged = [t for t in edition.tasks if not tags[t.number]]
    lines.append(
        f"\ntasks with no topic ({len(untagged)}): add a topic's term, or a correction in "
        f"data/editions/{edition.id}/topics.yaml"
    )
    lines += [f"  task {t.number}: {task_name(t)}" for t in untagged]

    missing = uncovered(edition, catalog.instruments, catalog.instrument_ignores)
    lines.append(
        f"\ninstrument-like phrases not in the registry ({len(missing)}): add the instrument "
        "(untitled: true if the task only describes it) or an `ignore` entry with its reason, in data/instruments.yaml"
    )
    lines += [f"  task {number}: {phrase}" for number, phrase in missing]

    by_topic: dict[str, list[int]] = {t.id: [] for t in catalog.topics}
    for task in edition.tasks:
        for topic in matched(task, catalog.topics):
            by_topic[topic].append(task.number)
    single = [(topic, numbers[0]) for topic, numbers in by_topic.items() if len(numbers) == 1]
    lines.append(
        f"\ntopics whose terms match only one task ({len(single)}): are the terms too narrow, or is the topic?"
    )
    lines += [f"  {topic}: task {number}" for topic, number in single]
    return lines


def report(catalog: Catalog) -> str:
    lines: list[str] = []
    for edition in catalog.editions:
        lines += [*edition_report(catalog, edition), ""]
    if catalog.instrument_ignores:
        lines.append(f"ignored phrases ({len(catalog.instrument_ignores)}), with their reasons:")
        lines += [f"  {x.phrase}: {x.why}" for x in catalog.instrument_ignores]
    return "\n".join(lines) + "\n"
