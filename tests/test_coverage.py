"""What a document lists and links, counted from the model."""

from __future__ import annotations

import provenance
from provenance.coverage import coverage


def test_counts_sources_citations_and_notes_linked() -> None:
    document = provenance.parse(
        "Journalists [ABC12345.E]\n\n"
        "Two were held (The Korea Post Feb. 1999), then freed (ibid.) and fined (Yonhap 1999).\n"
        "They appealed.[1] They lost.[2]\n\n"
        "[1] Letter of 3 May 1999.\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n'
    )
    read = coverage(document)
    assert (read.sources, read.citations, read.citations_linked) == (1, 3, 2)
    assert (read.notes, read.notes_linked) == (2, 1)
    assert not read.complete
    assert read.describe() == "1 source listed, 2 of 3 citations linked, 1 of 2 notes linked"
