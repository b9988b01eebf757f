"""Reading data files while collecting problems instead of stopping at the first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plansite.catalog.migrate import migrate
from plansite.catalog.problems import DataError, Problem
from plansite.catalog.schema import check_fields
from plansite.catalog.yamlio import LineList, LineMap, read_yaml


class Reader:
    """Reads data files under one data folder, collecting problems instead of stopping at the first."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.data_dir.parent))
        except ValueError:
            return str(path)

    def read(self, path: Path) -> Any:
        try:
            data = read_yaml(path, self.shown(path))
        except DataError as exc:
            self.problems.extend(exc.problems)
            return None
        self.problems += migrate(data, path, self.shown(path))
        return data

    def records(self, path: Path, spec: dict, what: str) -> list[LineMap]:
        """A file holding a list of records; returns only the well-formed ones."""
        data = self.read(path)
        if data is None:
            return []
        file = self.shown(path)
        if not isinstance(data, LineList):
            self.problems.append(Problem(file, 1, f"expected a list of {what}s", f"start each {what} with '- id: ...'"))
            return []
        return self.checked(data, spec, file, what)

    def checked(self, records: LineList, spec: dict, file: str, what: str) -> list[LineMap]:
        """The well-formed records of a list (each checked against `spec`); the problems of the
        others are collected, named `what #1`, `what #2`… at their lines."""
        good = []
        for i, record in enumerate(records, 1):
            found = check_fields(record, spec, file, f"{what} #{i}", records.line)
            self.problems.extend(found)
            if not found:
                good.append(record)
        return good
