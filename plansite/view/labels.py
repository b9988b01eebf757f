"""The shared vocabulary: how a task, a heading, a status, a department, its role and an edition
are named in titles, the navigation, charts, citations, the feed and templates (as filters)."""

from __future__ import annotations

from plansite.catalog.model import Department, Edition, Section, Subsection, Task
from plansite.catalog.text import clip
from plansite.catalog.vocab import NO_UPDATE, STATUSES

SHORT_TITLE_MAX = 90


def short_title(text: str) -> str:
    """The task's first clause: its first sentence, cut at a word boundary if long."""
    return clip(text.split(". ")[0].rstrip(".").strip(), SHORT_TITLE_MAX + 1, words=True)


SHORT_TITLE_ZH_MAX = 40


def short_title_zh(text: str) -> str:
    """The official text's first clause (up to the first 。or ；), cut if long; "" without the text."""
    first = text.replace("；", "。").split("。")[0].strip()
    return clip(first, SHORT_TITLE_ZH_MAX + 1)


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


def bilingual(pair: tuple[str, str]) -> str:
    """A (中文, English) vocabulary entry as one label: 进行中 · In progress."""
    return f"{pair[0]} · {pair[1]}"


# A department's name on pages, charts and citations.
def short_en(d: Department) -> str:
    """Its English abbreviation, else its English name: CNIPA (citations' "lead:")."""
    return d.abbr or d.name_en


def label_en(d: Department) -> str:
    """China National Intellectual Property Administration (CNIPA)."""
    return f"{d.name_en} ({d.abbr})" if d.abbr else d.name_en


def label_short(d: Department) -> str:
    """Lists, tables and responsibility lines: 国家知识产权局 · CNIPA."""
    return f"{d.plan_name} · {short_en(d)}"


def label_compact(d: Department) -> str:
    """Where space is short (matrix rows, chart bars): 国家知识产权局 · CNIPA, or only the Chinese
    name when there is no abbreviation."""
    return d.plan_name + (f" · {d.abbr}" if d.abbr else "")


def label_full(d: Department) -> str:
    """Headings and titles: 国家知识产权局 · China National Intellectual Property Administration (CNIPA)."""
    return f"{d.name_zh} · {label_en(d)}"


DEPARTMENT_LABELS = {f.__name__: f for f in (short_en, label_en, label_short, label_compact, label_full)}


def first_role(t: Task) -> str:
    """How the first-named body's role is worded: under 按职责分工负责 it is only named first."""
    return "列首位 · named first" if shared_duties(t) else "牵头 · lead"
