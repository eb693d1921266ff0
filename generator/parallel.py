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
MIN_ITEMS = 300  # below this, starting a process costs more than it saves

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


def forks(count: int, fork: bool = True) -> bool:
    """Whether map_indices(job, count, fork) hands work to other processes."""
    return fork and count >= MIN_ITEMS and can_fork()


def map_indices(job: Callable[[int], T], count: int, fork: bool = True) -> list[T]:
    """[job(0), …, job(count - 1)], computed in forked processes when that pays (and `fork`
    allows it: work that fills this process's caches must stay in it).

    This process works too, beside one forked worker per other core: it would only wait
    otherwise, and its own results need no pickling."""
    global _job
    if not forks(count, fork):
        return [job(i) for i in range(count)]
    pieces = worker_count() * 8  # many small pieces even out pages of unequal cost
    bounds = [(count * k // pieces, count * (k + 1) // pieces) for k in range(pieces)]
    context = multiprocessing.get_context("fork")
    claimed = context.Value("i", 0)
    queue = context.SimpleQueue()
    _job = job
    try:
        workers = [
            context.Process(target=_work, args=(bounds, claimed, queue), daemon=True)
            for _ in range(worker_count() - 1)
        ]
        for worker in workers:
            worker.start()
    finally:
        _job = None
    done: dict[int, list[Any]] = {}
    drain = threading.Thread(target=_collect, args=(queue, len(workers), done), daemon=True)
    drain.start()
    try:
        for k in iter(lambda: _claim(claimed, len(bounds)), None):
            try:
                done[k] = [job(i) for i in range(*bounds[k])]
            except Exception as error:  # raised below, once the workers have stopped
                done[k] = _Failure(error)
                _stop_claims(claimed, len(bounds))
        _wait_for_workers(workers, drain)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        queue.close()  # unblocks the collecting thread if a worker died mid-way
    # The failure of the lowest piece: the one a single process would have met first
    # (pieces are claimed in order, and a piece once claimed is finished).
    failures = [done[k] for k in sorted(done) if isinstance(done[k], _Failure)]
    if failures:
        raise failures[0].error
    if len(done) != len(bounds):
        raise RuntimeError("a build worker process died before finishing its pages")
    return [item for k in range(len(bounds)) for item in done[k]]


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def _claim(claimed: Any, total: int) -> int | None:
    """The next piece nobody has taken yet, or None."""
    with claimed.get_lock():
        k = claimed.value
        if k >= total:
            return None
        claimed.value = k + 1
        return k


def _stop_claims(claimed: Any, total: int) -> None:
    """After a failure: no process takes another piece (the build stops at the error)."""
    with claimed.get_lock():
        claimed.value = total


def _work(bounds: list[tuple[int, int]], claimed: Any, queue: Any) -> None:
    """A forked worker: take pieces until none is left, send each one's results back."""
    for k in iter(lambda: _claim(claimed, len(bounds)), None):
        try:
            queue.put((k, _run_range(bounds[k])))
        except BaseException as error:  # sent back, raised again by the parent
            _stop_claims(claimed, len(bounds))
            try:
                queue.put((k, _Failure(error)))
            except Exception:  # the error itself would not pickle
                queue.put((k, _Failure(RuntimeError(repr(error)))))
            break
    queue.put(None)


def _collect(queue: Any, workers: int, done: dict[int, Any]) -> None:
    """Receive the workers' pieces as they come (a full pipe would stall them), until every
    worker has said it is done."""
    finished = 0
    while finished < workers:
        try:
            message = queue.get()
        except (EOFError, OSError):
            return
        if message is None:
            finished += 1
        else:
            done[message[0]] = message[1]


def _wait_for_workers(workers: list[Any], drain: threading.Thread) -> None:
    """Until the workers are done; a worker killed half-way leaves its piece missing, which
    the caller reports."""
    while drain.is_alive():
        drain.join(timeout=0.05)
        if drain.is_alive() and not any(w.is_alive() for w in workers):
            drain.join(timeout=1.0)  # what they sent may still be in the pipe
            return
