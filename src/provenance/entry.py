"""The ``provenance`` command as a process: the console script and ``python -m provenance``.

``provenance.cli.main`` is the command line as a function (tests and tools call it in their own
process); ``run`` is what a fresh process runs, and it knows the process ends with the command.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

#: Whether ``run`` turned the cycle collector off for start-up and it is not back on yet.
_collector_held = False
#: Objects made (less those freed) between two young collections once documents are read;
#: the interpreter's default is 700.
_YOUNG_COLLECTION = 20_000


def run() -> NoReturn:
    """Run the command line, then exit with its status without a last garbage collection.

    Start-up (importing lark, attrs and the package, building the classes, the command line
    and the configuration) makes about a hundred thousand objects that live as long as the
    process, and the cycle collector would go through them again and again while they are
    made, to free nothing: about 60 collections and 10-15 ms of a one-report check. So the
    collector is off until ``start_collecting`` says start-up is over.

    At exit the interpreter empties every module and frees the objects that leaves in cycles
    (functions and their globals, classes, built parsers) with its cycle collector: 20 to 70 ms
    after a one-report check, a third of the 66 KB seed's whole run, for memory the operating
    system takes back anyway. Objects frozen with ``gc.freeze`` are left out of that collection.
    """
    global _collector_held
    if gc.isenabled():
        gc.disable()
        _collector_held = True
    from provenance import generated_code

    # Before anything imports attrs: its own classes' code, too, comes from the store.
    generated_code.hook_attrs_import()
    from provenance.cli import main

    status = main()
    gc.freeze()
    raise SystemExit(status)


def run_process() -> NoReturn:
    """``run`` as the whole of a process (``python -m provenance`` and the console script): once
    the command is done, its output flushed and the exit handlers run, the process ends without
    the interpreter's teardown.

    That teardown empties every module one by one and frees what they held (about 1.5 % of a
    one-report check's instructions, 10 M), for memory the system takes back anyway. It is
    skipped only where nothing else is owed to it: no other thread running, no process pool
    (their clean-up runs at thread shutdown, not with the exit handlers), no profiler or tracer
    waiting to report (``python -m cProfile -m provenance``), and standard output and error
    flushed without error. Otherwise the process exits as ``run`` does, the teardown included.
    """
    try:
        run()
    except SystemExit as done:
        status = done.code
        if isinstance(status, int) and _ends_alone():
            _end(status)
        raise


def _ends_alone() -> bool:
    """Whether the interpreter's teardown owes nothing to anyone (see ``run_process``)."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return False
    if "multiprocessing" in sys.modules or "concurrent.futures" in sys.modules:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _end(status: int) -> None:
    """End the process with ``status`` once output is flushed and the exit handlers have run;
    returns (the caller exits as usual) when output cannot be flushed."""
    import atexit

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None or not _flushed():
        return
    run_handlers()
    if _flushed():
        os._exit(status)


def _flushed() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def start_collecting() -> None:
    """End start-up: what it made is frozen (kept out of every later collection, which it would
    only slow down) and the collector that ``run`` turned off is on again, before any document
    is read. Does nothing in a process ``run`` did not start, or once done."""
    global _collector_held
    if _collector_held:
        _collector_held = False
        gc.freeze()
        # Reading a document makes objects by the ten thousand (tokens, trees, mentions) and
        # frees nearly all of them at once by their counts; a young collection every 700 went
        # through those still held again and again: 25 collections, 3.5 ms of the 66 KB seed's
        # check, against 5 and 1 ms at 20,000 (5 KB seed: 1.6 to 0.9 ms). Cycles left as
        # garbage wait for at most that many more objects.
        young, middle, old = gc.get_threshold()
        gc.set_threshold(max(young, _YOUNG_COLLECTION), middle, old)
        gc.enable()
