"""The charts of an edition, as `charts.Chart` data built from its index (drawn by `charts.svg`,
tabled by the `chart_figure` macro)."""

from __future__ import annotations

from plansite.catalog.bodies import Department
from plansite.catalog.model import Section, Subsection
from plansite.formats.charts import Bar, Chart
from plansite.view.index import EditionIndex
from plansite.view.labels import english, label_en, status_names

TOP_DEPARTMENTS = 12  # bars in the "most tasks" charts (more when departments tie for the last place)


def section_bar(s: Section | Subsection, value: int, second: int = 0, prefix: str = "") -> Bar:
    """A section's bar: its Chinese heading, and its numeral and English heading beneath."""
    return Bar(prefix + (s.title_zh or s.numeral), value, second, f"{prefix}{s.numeral} {english(s.title_en)}")


def department_bar(d: Department, value: int, second: int = 0) -> Bar:
    return Bar(d.plan_name, value, second, label_en(d))


def edition_charts(view: EditionIndex) -> dict[str, Chart]:
    """The charts page's charts, by name (their file is `urls.chart(edition, name)`)."""
    e = view.edition
    section_bars = tuple(section_bar(s, len(view.by_section[s.number])) for s in e.sections)
    sub_bars = tuple(
        section_bar(x, len(view.by_subsection[(s.number, x.number)]), prefix=s.numeral)
        for s in e.sections
        for x in s.subsections
    )
    leads = view.top("lead", TOP_DEPARTMENTS)
    participants = view.top("participant", TOP_DEPARTMENTS)
    return {
        "sections": Chart("各部分任务数", "Tasks per section", section_bars),
        "subsections": Chart("各分部分任务数", "Tasks per subsection", sub_bars),
        "leads": Chart(
            "牵头或列首位任务最多的部门",
            f"The {len(leads)} departments leading or named first on most tasks (ties included)",
            tuple(department_bar(d, len(view.led_outright(d.id)), len(view.named_first(d.id))) for d in leads),
            ("牵头 · Led", "按职责分工、列首位 · Named first, work shared"),
        ),
        "participants": Chart(
            "参与任务最多的部门",
            f"The {len(participants)} departments taking part in most tasks (ties included)",
            tuple(department_bar(d, len(view.participated(d.id))) for d in participants),
        ),
    }


def department_chart(view: EditionIndex, dept: Department) -> Chart:
    counts = view.counts_by_section(dept.id)
    bars = tuple(section_bar(s, *counts[s.number]) for s in view.edition.sections)
    return Chart(
        f"{dept.plan_name}各部分任务",
        f"{label_en(dept)}: tasks by section",
        bars,
        ("牵头或列首位 · Led or named first", "参与 · Taken part in"),
    )


def progress_chart(view: EditionIndex) -> Chart:
    return Chart(
        "各状态任务数",
        "Tasks by latest status",
        tuple(Bar(status_names(s)[0], n, 0, status_names(s)[1]) for s, n in view.status_counts().items() if n),
    )
