"""Checking many files: in this process or in worker processes, in input order, fault-proof.

Each worker reads, parses and checks one file at a time and sends back only its findings (or
the reason it could not be read), so little crosses between processes. Results come back in the
order the files were given, whatever order the workers finish in, so output is deterministic.

A file can cost only itself: when checking it raises, runs out of memory, takes longer than the
per-file timeout, or kills the worker process outright, the file gets a ``FileError`` saying so,
the worker is replaced, and the rest of the batch is checked. The workers are ended whenever
the batch ends: normally, on an exception, or when the caller stops iterating (the command line
turns SIGTERM and Ctrl-C into exceptions), and each worker also leaves on its own if the parent
process disappears.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from provenance.config import Config
from provenance.coverage import coverage
from provenance.errors import InputError
from provenance.findings import FileError, FileResult, Finding
from provenance.model import Document

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from provenance.suppression import Suppressed

T = TypeVar("T")

#: Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 4

#: Seconds one file may take before its worker is stopped. A backstop for what nothing else
#: stops (a hang in C code, a stuck read): it lies above the per-document limits of
#: ``provenance.limits`` (parsing, then checking) of files up to about 15 MB, so that such a
#: document gets their input-too-complex finding rather than this error (those limits grow with
#: the text; a larger file needs a larger ``--timeout``). Real reports take well under a
#: second each.
DEFAULT_TIMEOUT = 900.0

# How often an idle worker checks that its parent is still there, in seconds.
_PARENT_CHECK = 1.0
# How long a worker asked to leave is given before it is killed, in seconds.
_GRACE = 1.0


def default_jobs(count: int) -> int:
    """One process per core for a batch, one for a handful of files."""
    if count < MIN_FILES_FOR_POOL:
        return 1
    return max(1, min(count, os.cpu_count() or 1))


def check_file(path: str, config: Config) -> FileResult | FileError:
    """Read, parse and check one file; an unreadable file becomes a ``FileError``."""
    result = _read_and_check(path, config)
    if isinstance(result, FileError):
        return result
    document, findings = result
    return file_result(path, document, findings)


def file_result(path: str, document: Document, findings: Suppressed) -> FileResult:
    """The result of one checked file: its findings, what of it was read, what was suppressed."""
    from provenance.findings import SuppressedFinding

    taken_out = tuple(
        SuppressedFinding(finding, reason)
        for finding, reason in zip(findings.suppressed, findings.reasons, strict=True)
    )
    return FileResult(path, findings.kept, coverage(document), len(findings.suppressed), taken_out)


def audit_file(path: str, config: Config) -> tuple[Document, tuple[Finding, ...]] | FileError:
    """Read, parse and check one file, keeping the document (for audit reports)."""
    result = _read_and_check(path, config)
    if isinstance(result, FileError):
        return result
    document, findings = result
    return document, findings.kept


def check_document(document: Document, config: Config) -> Suppressed:
    """The rules' findings on ``document``, less those its suppression directives cover."""
    from provenance.checking import check
    from provenance.suppression import apply

    return apply(document.text, check(document, config))


def _read_and_check(path: str, config: Config) -> tuple[Document, Suppressed] | FileError:
    from provenance.formats import document_of, read_report

    try:
        extracted = read_report(path, regular_only=True)
    except InputError as error:
        return FileError(path, error.reason)
    document = document_of(extracted, path)
    return document, check_document(document, config)


def run_in_order(
    function: Callable[[str, Config], T],
    paths: Sequence[str],
    config: Config,
    jobs: int,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Generator[T | FileError, None, None]:
    """``function(path, config)`` for each path, in order, using ``jobs`` processes.

    A path whose call fails in any way (an exception, memory exhausted, longer than ``timeout``
    seconds, its worker process killed) yields a ``FileError`` naming it instead. ``timeout``
    None or 0 means no limit. With one process the timeout is kept by a timer signal, which
    needs the main thread of a POSIX system; worker processes are always held to it.
    """
    limit = timeout if timeout else None
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield _call_with_alarm(function, path, config, limit)
        return
    yield from _run_in_workers(function, paths, config, min(jobs, len(paths)), limit)


# --------------------------------------------------------------------------- one file


class _TimedOut(BaseException):
    """Raised by the timer signal; a BaseException so that no ``except Exception`` eats it."""


def _timeout_reason(timeout: float) -> str:
    return f"not checked: took longer than {timeout:g} seconds (see --timeout)"


def _guarded(function: Callable[[str, Config], T], path: str, config: Config) -> T | FileError:
    """``function(path, config)``, or a ``FileError`` saying why it failed."""
    try:
        return function(path, config)
    except MemoryError:
        return FileError(path, "not checked: ran out of memory")
    except RecursionError:
        return FileError(path, "not checked: nested too deeply")
    except Exception as error:  # a fault in the checker must cost this file, not the batch
        return FileError(path, f"not checked: internal error ({type(error).__name__}: {error})")


def _call_with_alarm(
    function: Callable[[str, Config], T], path: str, config: Config, timeout: float | None
) -> T | FileError:
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timeout is None or not usable:
        return _guarded(function, path, config)

    def expire(signum: int, frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return _guarded(function, path, config)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _TimedOut:
        return FileError(path, _timeout_reason(timeout))
    finally:
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------- worker processes


def _worker_main(
    function: Callable[[str, Config], Any],
    config: Config,
    connection: Connection,
    parent_end: Connection,
    parent_pid: int,
) -> None:
    """A worker's life: take (index, path), send (index, result, leave) back, until told to stop."""
    # Ctrl-C reaches the whole process group; the parent alone decides what stops. A forked
    # worker would also inherit the parent's SIGTERM handler: it must simply die.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent around the fork
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    parent_end.close()
    while True:
        while not connection.poll(_PARENT_CHECK):
            if os.getppid() != parent_pid:
                return  # the parent is gone (killed outright): nobody wants the results
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        result = _guarded(function, path, config)
        # After a MemoryError the heap may be in a poor state: a fresh process takes over.
        leave = isinstance(result, FileError) and result.reason.endswith("ran out of memory")
        try:
            connection.send((index, result, leave))
        except (BrokenPipeError, EOFError, ConnectionError):
            return
        except Exception as error:  # the result could not be pickled
            reason = f"not checked: internal error (result not sent: {error})"
            connection.send((index, FileError(path, reason), False))
        if leave:
            return


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _Worker:
    """One worker process, its end of the pipe, and what it is working on."""

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection
        self.task: tuple[int, str] | None = None
        self.deadline = float("inf")

    def give(self, index: int, path: str, timeout: float | None) -> None:
        self.connection.send((index, path))
        self.task = (index, path)
        self.deadline = time.monotonic() + timeout if timeout is not None else float("inf")

    def stop(self, gently: bool) -> None:
        if gently and self.task is None and self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.connection.send(None)
        else:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                self.process.terminate()

    def reap(self) -> None:
        self.process.join(_GRACE)
        if self.process.is_alive():
            with contextlib.suppress(OSError, ValueError, AttributeError):
                self.process.kill()
            self.process.join(_GRACE)
        self.connection.close()


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"killed by {name}" + (", perhaps for lack of memory" if name == "SIGKILL" else "")
    else:
        how = f"exit status {exitcode}"
    return f"not checked: the worker process checking it died ({how})"


def _died(worker: _Worker, path: str) -> FileError:
    worker.process.join(_GRACE)
    return FileError(path, _death_reason(worker.process.exitcode))


def _run_in_workers(
    function: Callable[[str, Config], T],
    paths: Sequence[str],
    config: Config,
    jobs: int,
    timeout: float | None,
) -> Iterator[T | FileError]:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context()

    def start() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=_worker_main,
            args=(function, config, child_end, parent_end, os.getpid()),
            name="provenance-worker",
            daemon=True,
        )
        # Until the worker has set its own signal handlers it would run the parent's (which
        # raise), so SIGTERM and SIGINT wait, in both processes, until the fork is done.
        with _signals_held():
            process.start()
        child_end.close()
        return _Worker(process, parent_end)

    # A bounded window of work ahead of the next result to print: memory stays flat on huge
    # batches, and the first results print while later files are still being checked.
    window = jobs * 4
    results: dict[int, T | FileError] = {}
    workers: list[_Worker] = []
    next_task = 0
    next_out = 0
    finished = False
    try:
        workers = [start() for _ in range(jobs)]
        while next_out < len(paths):
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
            if next_out >= len(paths):
                break
            for worker in workers:
                if worker.task is None and next_task < min(len(paths), next_out + window):
                    worker.give(next_task, paths[next_task], timeout)
                    next_task += 1
            busy = [worker for worker in workers if worker.task is not None]
            wait_for = min(worker.deadline for worker in busy) - time.monotonic()
            wait(
                [w.connection for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, wait_for) if wait_for != float("inf") else None,
            )
            for position, worker in enumerate(workers):
                if worker.task is None:
                    continue
                index, path = worker.task
                outcome: T | FileError | None = None
                replace = False
                if worker.connection.poll():
                    try:
                        _, received, leave = worker.connection.recv()
                    except (EOFError, OSError):
                        outcome, replace = _died(worker, path), True
                    else:
                        outcome, replace = received, leave
                elif not worker.process.is_alive():
                    outcome, replace = _died(worker, path), True
                elif time.monotonic() >= worker.deadline:
                    assert timeout is not None
                    outcome, replace = FileError(path, _timeout_reason(timeout)), True
                    worker.process.kill()
                if outcome is None:
                    continue
                results[index] = outcome
                worker.task = None
                if replace:
                    worker.stop(gently=False)
                    worker.reap()
                    workers[position] = start()
        finished = True
    finally:
        for worker in workers:
            worker.stop(gently=finished)
        for worker in workers:
            worker.reap()
