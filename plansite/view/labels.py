"""The shared vocabulary: how a task, a heading, a status and an edition are named in titles,
the navigation, charts, the feed and templates. (A department's labels are properties of
`model.Department`: plan_name, short_en, label_short, label_compact, label_full.)"""

from __future__ import annotations

from plansite.catalog.model import Edition, Section, Subsection, Task
from plansite.catalog.vocab import NO_UPDATE, STATUSES

SHORT_TITLE_MAX = 90


def short_title(text: str) -> str:
    """The task's first clause: its first sentence, cut at a word boundary if long."""
    first = text.split(". ")[0].rstrip(".").strip()
    if len(first) <= SHORT_TITLE_MAX:
        return first
    cut = first[:SHORT_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


SHORT_TITLE_ZH_MAX = 40


def short_title_zh(text: str) -> str:
    """The official text's first clause (up to the first 。or ；), cut if long; "" without the text."""
    first = text.replace("；", "。").split("。")[0].strip()
    return first if len(first) <= SHORT_TITLE_ZH_MAX else first[:SHORT_TITLE_ZH_MAX] + "…"


def task_title(t: Task) -> str:
    return f"任务 {t.number} · Task {t.number}: {short_title(t.text_en)}"


def status_label(status: str) -> str:
    zh, en = STATUSES.get(status, ("未记录进展", NO_UPDATE))
    return f"{zh} · {en}"


def heading(s: Section | Subsection) -> str:
    """Bilingual heading: 一、完善知识产权制度 · I. Improve the intellectual property system."""
    zh = s.title_zh or "（中文标题待补）"
    return f"{zh} · {s.numeral} {s.title_en}"


def edition_name(e: Edition) -> str:
    """The edition's one short name: in the navigation, its overview page's title and the footer."""
    return f"{e.id}年计划 · {e.id} plan"


def shared_duties(t: Task) -> bool:
    """Several departments, each responsible according to its respective duties (按职责分工负责)."""
    return t.respective_duties and len(t.departments) > 1
