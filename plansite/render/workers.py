"""Independent jobs on every core: editions render independently, and a site with many of them
renders in forked worker processes (Python runs one thread at a time, so threads would not help)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")


def _work(jobs: list[Callable[[], object]], todo: Any, done: Connection) -> None:
    """In a forked worker: run the jobs whose numbers arrive on `todo` until None; send back each
    result (or the exception it raised) with its number. A SIGTERM from the parent, or a Ctrl-C to
    the whole process group, ends it quietly: the CLI's handlers (inherited by the fork) would print
    a traceback from whatever it was doing; the parent says in one line what was left."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    for index in iter(todo.get, None):
        try:
            done.send((index, True, jobs[index]()))
        except Exception as exc:  # re-raised in the parent, as if the job had run there
            done.send((index, False, exc))


def run_all(jobs: list[Callable[[], T]]) -> list[T]:
    """Every job's result, in order. In this process when forking is not worth it or not safe:
    one job, one core, no fork on this system, or other threads running (a fork copies their
    locks in whatever state they are, as in `serve`).

    The workers are forked with the jobs as their arguments, so the jobs (closures over the catalog
    and the templates) are inherited, never pickled; only the results travel back."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    context = multiprocessing.get_context("fork")
    todo = context.SimpleQueue()
    pipes = [context.Pipe(duplex=False) for _ in range(workers)]
    processes = [context.Process(target=_work, args=(jobs, todo, sender), daemon=True) for _, sender in pipes]
    for process in processes:
        process.start()
    try:
        for _, sender in pipes:
            sender.close()  # so a worker's pipe ends (EOF) when the worker does
        for index in [*range(len(jobs)), *[None] * workers]:
            todo.put(index)
        results: dict[int, Any] = {}
        readers = [reader for reader, _ in pipes]
        while len(results) < len(jobs):
            if not readers:
                for process in processes:
                    process.join(timeout=5)
                if any(process.exitcode in (-signal.SIGINT, -signal.SIGTERM) for process in processes):
                    raise KeyboardInterrupt  # interrupted: said as for the parent itself
                raise RuntimeError("a render worker ended without finishing its job")
            for reader in wait(readers):
                try:
                    index, ok, value = reader.recv()
                except EOFError:
                    readers.remove(reader)
                    continue
                if not ok:
                    raise value
                results[index] = value
        return [results[i] for i in range(len(jobs))]
    finally:
        for process in processes:
            process.join(timeout=5)  # after the last job each worker reads None and ends by itself
            if process.is_alive():  # an error above left it working: stop it
                process.terminate()
                process.join()
        for reader, _ in pipes:
            reader.close()
