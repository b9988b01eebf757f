"""Tagging tasks with topics: registry terms found in the text, then the reviewed per-task corrections."""

from __future__ import annotations

import re

from plansite.catalog.model import Edition, Task, Topic


def pattern(topic: Topic) -> re.Pattern[str]:
    """Any of the topic's English terms at the start of a word, ignoring case ("patent" finds "patents")."""
    return re.compile("|".join(rf"\b{re.escape(term)}" for term in topic.terms_en), re.I)


def in_text(topic: Topic, task: Task, english: re.Pattern[str]) -> bool:
    """Whether the task's translation holds one of the topic's English terms, or its official Chinese
    text one of its Chinese terms (Chinese has no word breaks: a term anywhere counts)."""
    return bool(english.search(task.text_en)) or any(term in task.text_zh for term in topic.terms_zh)


def matched(task: Task, topics: tuple[Topic, ...]) -> list[str]:
    """Topics whose terms appear in the task's text (before corrections)."""
    return [t.id for t in topics if in_text(t, task, pattern(t))]


def tag(edition: Edition, topics: tuple[Topic, ...]) -> dict[int, tuple[str, ...]]:
    """Task number → its topic ids, in registry order."""
    order = [t.id for t in topics]
    patterns = {t.id: (t, pattern(t)) for t in topics}
    tags: dict[int, tuple[str, ...]] = {}
    for task in edition.tasks:
        found = {tid for tid, (topic, english) in patterns.items() if in_text(topic, task, english)}
        for o in edition.topic_overrides:
            if o.task == task.number:
                found = (found | set(o.add)) - set(o.remove)
        tags[task.number] = tuple(tid for tid in order if tid in found)
    return tags
