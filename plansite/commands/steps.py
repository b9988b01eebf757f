"""A long build's progress, one line per step, on a terminal: with many editions a build runs for
minutes, and silence would look like a hang. Printed only when standard error is a terminal, so
tests, logs and pipes see none of it."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Steps:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream
        self.start = time.monotonic()

    def __call__(self, text: str) -> None:
        stream = self.stream or sys.stderr  # looked up now: a caller may have redirected it
        if stream.isatty():
            print(f"[{time.monotonic() - self.start:6.1f} s] {text}", file=stream, flush=True)
