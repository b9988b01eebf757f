"""Independent jobs on every core: editions render independently, and a site with many of them
renders in forked worker processes (Python runs one thread at a time, so threads would not help)."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# The jobs of the current call. Forked workers inherit them, so the jobs (closures over the
# catalog and the templates) are never pickled; only their results travel back.
_jobs: list[Callable[[], object]] = []


def _run(index: int) -> object:
    return _jobs[index]()


def run_all(jobs: list[Callable[[], T]]) -> list[T]:
    """Every job's result, in order. In this process when forking is not worth it or not safe:
    one job, one core, no fork on this system, or other threads running (a fork copies their
    locks in whatever state they are, as in `serve`)."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    _jobs[:] = jobs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(jobs)), chunksize=1)  # type: ignore[return-value]
    finally:
        _jobs.clear()
