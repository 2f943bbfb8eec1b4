"""Work shared by rules, built once for the document being checked."""

from __future__ import annotations

import gc
import weakref

import provenance
from provenance.memo import per_document
from provenance.model import Document


def test_built_once_per_document_and_again_for_another() -> None:
    calls: list[Document] = []

    @per_document
    def length(doc: Document) -> int:
        calls.append(doc)
        return len(doc.text)

    first = provenance.parse("Report\n\nOne sentence.\n")
    second = provenance.parse("Report\n\nTwo sentences here.\n")
    assert (length(first), length(first)) == (len(first.text), len(first.text))
    assert length(second) == len(second.text)
    assert calls == [first, second]


def test_a_document_is_not_kept_alive_by_what_was_built_from_it() -> None:
    @per_document
    def words(doc: Document) -> int:
        return len(doc.text.split())

    doc = provenance.parse("Report\n\nOne sentence.\n")
    words(doc)
    held = weakref.ref(doc)
    del doc
    gc.collect()
    assert held() is None
