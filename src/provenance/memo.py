"""Work several rules share, done once for the document being checked.

Rules are pure functions of the ``Document``, run one after another on the same document; what
two of them need (an index of the source lists, the prose analysed sentence by sentence) is built
by the first to ask and kept for the others while that document is the one checked.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from provenance.model import Document

T = TypeVar("T")


def per_document(build: Callable[[Document], T]) -> Callable[[Document], T]:
    """``build(doc)``, built once and kept while ``doc`` is the document last asked about.

    Kept by identity (a document's hash reads all of it) and by weak reference, so a checked
    document is not held alive by what was built from it.
    """
    last: list[tuple[weakref.ref[Document], T]] = []

    @functools.wraps(build)
    def cached(doc: Document) -> T:
        held = last[-1] if last else None  # one read: another thread may check another document
        if held is not None and held[0]() is doc:
            return held[1]
        value = build(doc)
        last[:] = [(weakref.ref(doc), value)]
        return value

    return cached
