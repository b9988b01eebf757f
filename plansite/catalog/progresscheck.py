"""Checks of the recorded implementation updates: dates, statuses, sources."""

from __future__ import annotations

from datetime import date

from plansite.catalog.model import Edition
from plansite.catalog.problems import Problem
from plansite.catalog.vocab import STATUSES


def update_problems(edition: Edition, today: date) -> list[Problem]:
    problems: list[Problem] = []
    numbers = {t.number for t in edition.tasks}
    first_on: dict[tuple[int, date], str] = {}
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
        if u.date < edition.issued:
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
            if s.url and not s.url.startswith(("https://", "http://")):
                problems.append(
                    Problem(
                        *where,
                        f"update of task {u.task}: source url {s.url!r} is not a web address",
                        "give an http(s) address or null",
                    )
                )
    return problems
