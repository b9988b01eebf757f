"""Which instruments of the registry a task's text names, found by their names (an English alias
or name, a Chinese name with or without 中华人民共和国): what the linker compares for an edition whose
instrument data (instruments.yaml) is not yet written, and what `import` proposes for review. Only
titled instruments: a described one ("guiding opinions on …") needs a reader. A name inside a
longer name counts once, as the longer ("Copyright Law" inside "Regulations on the
Implementation of the Copyright Law" is not the law)."""

from __future__ import annotations

import re

from plansite.catalog.model import Instrument, Task
from plansite.lineage.similarity import QUOTES


def alias_pattern(alias: str) -> re.Pattern[str]:
    """An alias matched in running text: any case, straight or curly quotes, any run of spaces."""
    parts = []
    for ch in alias.translate(QUOTES):
        parts.append(r"['’‘]" if ch == "'" else r"[\"“”]" if ch == '"' else r"\s+" if ch.isspace() else re.escape(ch))
    return re.compile(re.sub(r"(?:\\s\+)+", r"\\s+", "".join(parts)), re.IGNORECASE)


def zh_names(ins: Instrument) -> list[str]:
    name = ins.name_zh.strip("《》")
    short = name.removeprefix("中华人民共和国")
    return [n for n in dict.fromkeys((name, short)) if n]


Names = tuple[tuple[str, re.Pattern[str]], ...]  # (instrument id, its name in text), longest name first


def name_patterns(instruments: tuple[Instrument, ...]) -> tuple[Names, Names]:
    """The titled instruments' English and Chinese names, made once per run."""
    titled = [i for i in instruments if not i.untitled]
    english = {(a, i.id) for i in titled for a in (*i.aliases, i.name_en) if a}
    chinese = {(n, i.id) for i in titled for n in zh_names(i)}
    return (
        tuple((ident, alias_pattern(a)) for a, ident in sorted(english, key=lambda x: (-len(x[0]), x))),
        tuple((ident, re.compile(re.escape(n))) for n, ident in sorted(chinese, key=lambda x: (-len(x[0]), x))),
    )


def named(task: Task, names: tuple[Names, Names]) -> frozenset[str]:
    """The ids of the titled instruments the task's English or Chinese text names."""
    found: set[str] = set()
    for text, patterns in zip((task.text_en, task.text_zh), names, strict=True):
        taken: list[tuple[int, int]] = []  # spans already named by a longer name
        for ident, pattern in patterns if text else ():
            for m in pattern.finditer(text):
                if not any(m.start() < end and m.end() > start for start, end in taken):
                    taken.append((m.start(), m.end()))
                    found.add(ident)
    return frozenset(found)
