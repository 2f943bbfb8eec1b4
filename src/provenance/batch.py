"""Checking many files: in this process or in a pool of worker processes, in input order.

Each worker reads, parses and checks one file and sends back only its findings (or the reason
it could not be read), so little crosses between processes. Results come back in the order the
files were given, whatever order the workers finish in, so output is deterministic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from provenance.config import Config
from provenance.coverage import coverage
from provenance.errors import InputError
from provenance.findings import FileError, FileResult, Finding
from provenance.model import Document

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")

#: Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 4


def default_jobs(count: int) -> int:
    """One process per core for a batch, one for a handful of files."""
    if count < MIN_FILES_FOR_POOL:
        return 1
    return max(1, min(count, os.cpu_count() or 1))


def check_file(path: str, config: Config) -> FileResult | FileError:
    """Read, parse and check one file; an unreadable file becomes a ``FileError``."""
    result = audit_file(path, config)
    if isinstance(result, FileError):
        return result
    document, findings = result
    return FileResult(path, findings, coverage(document))


def audit_file(path: str, config: Config) -> tuple[Document, tuple[Finding, ...]] | FileError:
    """Read, parse and check one file, keeping the document (for audit reports)."""
    from provenance.checking import check
    from provenance.document import parse_document
    from provenance.source import read_file

    try:
        decoded = read_file(path)
    except InputError as error:
        return FileError(path, error.reason)
    document = parse_document(decoded.text, path, decoded.notes)
    return document, tuple(check(document, config))


def run_in_order(
    function: Callable[[str, Config], T], paths: Sequence[str], config: Config, jobs: int
) -> Iterator[T]:
    """``function(path, config)`` for each path, in order, using ``jobs`` processes."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield function(path, config)
        return
    # Imported here: the pool's modules take 30 ms to import, which a one-file run never needs.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Keep a bounded window of work in flight: memory stays flat on huge batches and the
        # first results print while later files are still being checked.
        window = jobs * 4
        pending: list[Future[T]] = []
        position = 0
        while position < len(paths) or pending:
            while position < len(paths) and len(pending) < window:
                pending.append(pool.submit(function, paths[position], config))
                position += 1
            yield pending.pop(0).result()
