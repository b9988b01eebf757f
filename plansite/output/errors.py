"""The errors of writing output, and an OSError said in one line."""

from __future__ import annotations

import shutil


class OutputError(Exception):
    """Writing an output failed (disk full, permission denied, a folder that cannot be replaced);
    the message is one line and says what was left as it was."""


def oserror_text(exc: BaseException) -> str:
    """An OSError as one line: what went wrong and on which file."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        first = exc.args[0][0]  # copytree's list of (source, destination, reason)
        more = f" (and {len(exc.args[0]) - 1} more)" if len(exc.args[0]) > 1 else ""
        return f"{first[-1] if isinstance(first, tuple) else first}{more}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({exc.filename})" if exc.filename else exc.strerror
    return " ".join(str(exc).split())[:300] or type(exc).__name__
