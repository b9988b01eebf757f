"""The shared vocabulary: how a task, a heading, a status, a department, its role and an edition
are named in titles, the navigation, charts, citations, the feed and templates (as filters)."""

from __future__ import annotations

from plansite.catalog.bodies import Collective, Department
from plansite.catalog.model import Edition, Section, Subsection, Task
from plansite.catalog.vocab import NO_UPDATE, STATUSES

# The English half of a title or text in an edition with no English translation (built from the
# official Chinese text alone): said, never left blank. One marker for every page kind.
NOT_TRANSLATED = "英文未译 · not translated"


def english(text: str) -> str:
    """An English title or text as pages show it: the marker where there is none."""
    return text or NOT_TRANSLATED


def plan_title(e: Edition) -> str:
    """The plan's title in both languages: 2025年知识产权强国建设推进计划 · 2025 Plan for …"""
    return f"{e.title_zh} · {english(e.title_en)}"


def plan_en(e: Edition) -> str:
    """The plan's name inside an English sentence ("The plan: …, issued …"): its English title, or
    its Chinese title said to be untranslated (the marker stands alone, never mid-sentence)."""
    return e.title_en or f"{e.title_zh} (no English translation)"


def plan_named(e: Edition) -> str:
    """The plan's title in running text and descriptions: both languages, or the Chinese title
    said to be untranslated."""
    return plan_title(e) if e.title_en else plan_en(e)


def cited_title(e: Edition) -> str:
    """The plan's title where one language is given (citations, feeds, structured data): the
    English, or the Chinese where the edition has no translation; never an empty title."""
    return e.title_en if e.translated and e.title_en else e.title_zh


def task_title(t: Task) -> str:
    """A task's heading, tab title and search title: 任务 57 · 专利申请质量 · Task 57: Patent
    application quality, with the editors' title; only the number where the edition has none."""
    if t.title_en:
        return f"任务 {t.number} · {t.title_zh} · Task {t.number}: {t.title_en}"
    return f"任务 {t.number} · Task {t.number}"


def task_name(t: Task) -> str:
    """A task in a list or table: the editors' title in both languages, or else the translation's
    first sentence in full (never cut)."""
    if t.title_en:
        return f"{t.title_zh} · {t.title_en}"
    if not t.text_en:
        return f"{opening(t)} · {NOT_TRANSLATED}"
    return first_sentence(t.text_en)


def opening(t: Task) -> str:
    """A task's first sentence, in English, or in Chinese where it has no translation."""
    return first_sentence(t.text_en) if t.text_en else first_sentence_zh(t.text_zh)


def first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".").strip() + "."


def first_sentence_zh(text: str) -> str:
    """The official text's first sentence, whole: up to its first 。"""
    return text.split("。")[0].strip() + "。"


def status_names(status: str) -> tuple[str, str]:
    """(中文, English) of a status, "no update recorded" included."""
    return STATUSES.get(status, ("未记录进展", NO_UPDATE))


def status_label(status: str) -> str:
    return bilingual(status_names(status))


def heading(s: Section | Subsection) -> str:
    """Bilingual heading: 一、完善知识产权制度 · I. Improve the intellectual property system."""
    zh = s.title_zh or "（中文标题待补）"
    return f"{zh} · {s.numeral} {english(s.title_en)}"


def legend_heading(s: Section | Subsection) -> str:
    """A heading in a list of several (the matrix's legend): as `heading`, but an untranslated one
    is its Chinese title and numeral, not the marker once per heading."""
    return heading(s) if s.title_en else f"{s.title_zh or '（中文标题待补）'} · {s.numeral}"


def edition_name(e: Edition) -> str:
    """The edition's one short name: in the navigation, its overview page's title and the footer."""
    return f"{e.id}年计划 · {e.id} plan"


def issued_on(e: Edition) -> str:
    """The day of issue as pages write it; said to be unknown when it is."""
    return e.issued.isoformat() if e.issued else "日期未记录 · day not recorded"


def shared_duties(t: Task) -> bool:
    """Several bodies, each responsible according to its respective duties (按职责分工负责). A
    collective counts as one ("the competent departments of each project" beside 科技部): the
    named department then shares the work too, and is only named first."""
    return t.respective_duties and len(t.departments) + len(t.collectives) > 1


def counted(n: int, noun: str) -> str:
    """1 task, 2 tasks."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def bilingual(pair: tuple[str, str]) -> str:
    """A (中文, English) vocabulary entry as one label: 进行中 · In progress."""
    return f"{pair[0]} · {pair[1]}"


def collective_label(c: Collective) -> str:
    """A collective as pages show it: 联席会议有关成员单位 · relevant member units of the Joint Conference."""
    return f"{c.name_zh} · {c.name_en}"


# A department's name on pages, charts and citations.
def short_en(d: Department) -> str:
    """Its English abbreviation, else its short English name, else its name: CNIPA (citations' "lead:")."""
    return d.abbr or d.name_en_short or d.name_en


def label_en(d: Department) -> str:
    """China National Intellectual Property Administration (CNIPA)."""
    return f"{d.name_en} ({d.abbr})" if d.abbr else d.name_en


def label_short(d: Department) -> str:
    """Lists, tables and responsibility lines: 国家知识产权局 · CNIPA."""
    return f"{d.plan_name} · {short_en(d)}"


def label_compact(d: Department) -> str:
    """Where space is short (matrix rows, chart bars): 国家知识产权局 · CNIPA; 中央政法委 ·
    Political-Legal Commission where there is no abbreviation."""
    return f"{d.plan_name} · {short_en(d)}"


def label_full(d: Department) -> str:
    """Headings and titles: 国家知识产权局 · China National Intellectual Property Administration (CNIPA)."""
    return f"{d.name_zh} · {label_en(d)}"


DEPARTMENT_LABELS = {f.__name__: f for f in (short_en, label_en, label_short, label_compact, label_full)}


def first_role(t: Task) -> str:
    """How the first-named body's role is worded: under 按职责分工负责 it is only named first."""
    return "列首位 · named first" if shared_duties(t) else "牵头 · lead"
