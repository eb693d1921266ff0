"""Using both cores for the pure, CPU-bound part of a build (rendering pages).

Work is handed to forked processes, which inherit the planned pages and compiled templates
instead of receiving them pickled; only the rendered bytes come back. Small jobs, platforms
without fork, and processes that run other threads (`serve`: forking them is unsafe) stay in
this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
MIN_ITEMS = 300  # below this, starting processes costs more than it saves

# The job of the current map_indices call, inherited by the forked workers (fork copies
# memory; a closure could not be pickled to them). Set and cleared around each call.
_job: Callable[[int], Any] | None = None


def _run_range(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None
    return [_job(i) for i in range(*bounds)]


def worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and worker_count() > 1
    )


def map_indices(job: Callable[[int], T], count: int, fork: bool = True) -> list[T]:
    """[job(0), …, job(count - 1)], computed in forked processes when that pays (and `fork`
    allows it: work that fills this process's caches must stay in it)."""
    global _job
    if not fork or count < MIN_ITEMS or not can_fork():
        return [job(i) for i in range(count)]
    workers = worker_count()
    pieces = workers * 4  # several pieces per worker evens out pages of unequal cost
    bounds = [(count * k // pieces, count * (k + 1) // pieces) for k in range(pieces)]
    _job = job
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = pool.map(_run_range, bounds, chunksize=1)
    finally:
        _job = None
    return [item for chunk in chunks for item in chunk]
