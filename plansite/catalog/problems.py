"""Problems found in the input, reported all at once as `file:line: what — what to do`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansite.catalog.text import escaped

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Origin:
    """Where a record was read from, for error messages."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    hint: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        # A quoted value never reorders or hides the message it is quoted in.
        return escaped(f"{self.file}:{self.line}: {prefix}{self.message} — {self.hint}")


class DataError(Exception):
    """Raised when input has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
