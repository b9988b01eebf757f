"""Checks of the recorded implementation updates: dates, statuses, sources."""

from __future__ import annotations

from datetime import date

from plansite.catalog.model import Edition
from plansite.catalog.notes import markup_problems
from plansite.catalog.problems import Problem
from plansite.catalog.vocab import STATUSES


def update_problems(edition: Edition, today: date) -> list[Problem]:
    problems: list[Problem] = []
    numbers = {t.number for t in edition.tasks}
    first_on: dict[tuple[int, date], str] = {}
    search_dates = {s.task: s.searched for s in edition.searches}
    for u in edition.updates:
        where = (u.origin.file, u.origin.line)
        # One update per task and date: two would make the latest status depend on the order of
        # the file, and give two feed entries one id.
        other = first_on.setdefault((u.task, u.date), str(u.origin))
        if other != str(u.origin):
            problems.append(
                Problem(
                    *where,
                    f"task {u.task} has a second update dated {u.date} (the first at {other})",
                    "make them one update (its note can say both things, with both sources), or correct the date",
                )
            )
        if u.task not in numbers:
            problems.append(Problem(*where, f"update for task {u.task}, which does not exist", "fix the task number"))
        if u.status not in STATUSES:
            problems.append(
                Problem(
                    *where,
                    f"update of task {u.task}: unknown status '{u.status}'",
                    f"use one of: {', '.join(STATUSES)}",
                )
            )
        if edition.issued and u.date < edition.issued:
            problems.append(
                Problem(
                    *where,
                    f"update of task {u.task} is dated {u.date}, before the plan was issued ({edition.issued})",
                    "check the date",
                )
            )
        if u.date > today:
            problems.append(
                Problem(
                    *where, f"update of task {u.task} is dated {u.date}, in the future", "record only what has happened"
                )
            )
        if not u.sources:
            problems.append(
                Problem(
                    *where,
                    f"update of task {u.task} has no source",
                    "add at least one source (title, publisher, date, url): no update without a source",
                )
            )
        for s in u.sources:
            if s.date is not None and s.date > today:
                problems.append(
                    Problem(
                        *where,
                        f"update of task {u.task}: a source ({s.publisher}) is dated {s.date}, in the future",
                        "give the date the source was published",
                    )
                )
            if s.url and not s.url.startswith(("https://", "http://")):
                problems.append(
                    Problem(
                        *where,
                        f"update of task {u.task}: source url {s.url!r} is not a web address",
                        "give an http(s) address, or null with a url_note saying why there is none",
                    )
                )
            if not s.url and not s.url_note.strip():
                problems.append(
                    Problem(
                        *where,
                        f"update of task {u.task}: a source ({s.publisher}) has no address and no url_note",
                        "give its address as the search returned it, or say in url_note why there is none",
                    )
                )
        if (searched := search_dates.get(u.task)) and u.date > searched:
            problems.append(
                Problem(
                    *where,
                    f"update of task {u.task} is dated {u.date}, after the task was last searched ({searched})",
                    "correct the date, or the search date in searches.yaml",
                )
            )
        for field, note in (("note_en", u.note_en), ("note_zh", u.note_zh)):
            for markup in markup_problems(note):
                problems.append(
                    Problem(
                        *where,
                        f"update of task {u.task}: {field} uses {markup}, which shows as text",
                        "notes may use only *emphasis*, **strong** and [links](https://…); write the rest plainly",
                    )
                )
    return problems + search_problems(edition, today)


def search_problems(edition: Edition, today: date) -> list[Problem]:
    """Once an edition records its searches, every task has one: searched no later than today, no
    earlier than the plan, with the queries used."""
    if edition.searched is None and not edition.searches:
        return []
    problems: list[Problem] = []
    numbers = {t.number for t in edition.tasks}
    seen: set[int] = set()
    for search in edition.searches:
        where = (search.origin.file, search.origin.line) if search.origin else ("searches.yaml", 0)
        if search.task not in numbers:
            problems.append(
                Problem(
                    *where,
                    f"search for task {search.task}, which does not exist",
                    "fix the number, or remove the entry",
                    "warning",
                )
            )
        if search.task in seen:
            problems.append(Problem(*where, f"task {search.task} is searched twice", "keep one entry per task"))
        seen.add(search.task)
        issued = edition.issued or edition.published  # an unknown day of issue is before publication
        if not issued <= search.searched <= today:
            problems.append(
                Problem(
                    *where,
                    f"task {search.task} was searched on {search.searched}, "
                    f"{'before the plan was issued' if search.searched < issued else 'in the future'}",
                    "give the date the search was made",
                )
            )
        if not [q for q in search.queries if q.strip()]:
            problems.append(
                Problem(*where, f"the search for task {search.task} lists no query", "list every query sent")
            )
    if missing := sorted(numbers - seen):
        file = edition.searches[0].origin.file if edition.searches and edition.searches[0].origin else "searches.yaml"
        problems.append(
            Problem(
                file,
                1,
                f"task{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} "
                f"{'have' if len(missing) > 1 else 'has'} no search recorded",
                "search every task, and record its date and queries (a task with nothing found keeps its entry)",
            )
        )
    return problems
