"""Tagging tasks with topics: registry terms found in the text, then the reviewed per-task corrections."""

from __future__ import annotations

import re

from plansite.catalog.model import Edition, Task, Topic


def pattern(topic: Topic) -> re.Pattern[str]:
    """Any of the topic's terms at the start of a word, ignoring case ("patent" finds "patents")."""
    return re.compile("|".join(rf"\b{re.escape(term)}" for term in topic.terms_en), re.I)


def matched(task: Task, topics: tuple[Topic, ...]) -> list[str]:
    """Topics whose terms appear in the task's text (before corrections)."""
    return [t.id for t in topics if pattern(t).search(task.text_en)]


def tag(edition: Edition, topics: tuple[Topic, ...]) -> dict[int, tuple[str, ...]]:
    """Task number → its topic ids, in registry order."""
    order = [t.id for t in topics]
    patterns = {t.id: pattern(t) for t in topics}
    tags: dict[int, tuple[str, ...]] = {}
    for task in edition.tasks:
        found = {tid for tid, p in patterns.items() if p.search(task.text_en)}
        for o in edition.topic_overrides:
            if o.task == task.number:
                found = (found | set(o.add)) - set(o.remove)
        tags[task.number] = tuple(tid for tid in order if tid in found)
    return tags
