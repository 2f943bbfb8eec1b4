"""Time and memory linear in the input, whatever the text: each construct at n and at 8n.

Wall time is noisy on a shared machine, so these tests count instead: the peak of traced memory
(``tracemalloc``) and the number of Python function calls (``cProfile``, which is deterministic)
of parsing and checking a generated document. A linear stage grows about 8 times from n to 8n;
a quadratic one about 64 times. Each measure has the cost of the smallest document of the same
construct subtracted (interpreter state, caches, the document's fixed parts), and must grow by
less than ``LIMIT``. Benchmarks with real sizes are in ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import cProfile
import gc
import importlib.util
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

import provenance
from provenance import document as document_module
from provenance.limits import Budget, Limits
from provenance.segment import segment
from provenance.span import LineIndex

#: Growth from n to 8n allowed for memory and for calls: 8 is linear, 64 quadratic.
LIMIT = 12.0

_HEAD = "Treatment of returnees [ABC12345.E]\n\n"


def _dates(n: int) -> str:
    return _HEAD + " ".join(f"On {i % 28 + 1} May {1990 + i % 20} they met." for i in range(n))


def _citations(n: int) -> str:
    body = " ".join(f"Officials detained him (Org{i % 7} {1990 + i % 20})." for i in range(n))
    refs = "\n\n".join(f'Org{i}. {1990 + i}. "Report {i}." Toronto.' for i in range(7))
    return _HEAD + body + "\n\nReferences\n\n" + refs + "\n"


def _citations_and_references(n: int) -> str:
    # As many sources as citations, each cited once: the whole pipeline, not only the linking.
    body = " ".join(f"He was detained (Source{i} {1990 + i % 20})." for i in range(n))
    refs = "\n\n".join(f'Source{i}. {1990 + i % 20}. "Report {i}." Toronto.' for i in range(n))
    return _HEAD + body + "\n\nReferences\n\n" + refs + "\n"


def _references(n: int) -> str:
    refs = "\n\n".join(f'Org{i}. {1990 + i % 20}. "Report number {i}." Toronto.' for i in range(n))
    return _HEAD + "Officials detained him (Org1 1991).\n\nReferences\n\n" + refs + "\n"


def _notes(n: int) -> str:
    body = " ".join(f"Claim number {i} was made.{i + 1}" for i in range(n))
    notes = "\n".join(f"{i + 1}. Interview with a source in Seoul, 1999." for i in range(n))
    return _HEAD + body + "\n\nNotes\n\n" + notes + "\n"


def _markers(n: int) -> str:
    return _HEAD + " ".join(f"A claim.<sup>{i % 999 + 1}</sup>" for i in range(n)) + "\n"


def _uncorroborated(n: int) -> str:
    # One paragraph, as a PDF converted without blank lines gives it.
    return _HEAD + " ".join(
        "The police detained a journalist. No corroborating information could be found."
        for _ in range(n)
    )


def _hedges(n: int) -> str:
    return _HEAD + " ".join("Detainees were reportedly beaten." for _ in range(n)) + "\n"


def _cross_references(n: int) -> str:
    # As many headings as references: each reference must not be compared with each heading.
    headings = "\n\n".join(f"{i + 1}. Heading number {i + 1}\n\nText of it." for i in range(n))
    refs = " ".join(f"See section {i + 1} above." for i in range(n))
    return _HEAD + headings + "\n\n" + refs + "\n"


def _urls(n: int) -> str:
    return _HEAD + " ".join(f"See http://www.example.org/page{i}.htm today." for i in range(n))


def _headings(n: int) -> str:
    return _HEAD + "\n\n".join(f"{i + 1}. Heading {i}\n\nSome text here." for i in range(n))


def _index_codes(n: int) -> str:
    return _HEAD + " ".join(
        f"See Response ABC{10000 + i}.E and AI Index: ASA {i % 99:02d}/06/96." for i in range(n)
    )


def _blank_lines(n: int) -> str:
    return "\n" * (20 * n)


def _findings(n: int) -> str:
    # A wrong weekday in each sentence: one finding each.
    return _HEAD + " ".join("On Thursday, 30 July 2004 the talks resumed." for _ in range(n))


CONSTRUCTS: dict[str, tuple[Callable[[int], str], int]] = {
    "dates": (_dates, 40),
    "citations": (_citations, 60),
    "citations x references": (_citations_and_references, 24),
    "references": (_references, 12),
    "notes": (_notes, 30),
    "footnote markers": (_markers, 60),
    "uncorroborated statements": (_uncorroborated, 60),
    "hedges": (_hedges, 60),
    "cross-references": (_cross_references, 40),
    "urls": (_urls, 40),
    "index codes": (_index_codes, 40),
    "headings": (_headings, 30),
    "blank lines": (_blank_lines, 200),
    "many findings": (_findings, 40),
}


#: Each construct ``benchmarks/hostile.py`` times, and the construct here that scales it.
BENCHMARKED = {
    "dates": "dates",
    "citations (one source list of 7)": "citations",
    "citations x references (as many of each)": "citations x references",
    "references": "references",
    "notes and their calls": "notes",
    "footnote markers": "footnote markers",
    "uncorroborated statements (one paragraph)": "uncorroborated statements",
    "hedges": "hedges",
    "cross-references": "cross-references",
    "index codes": "index codes",
    "URLs": "urls",
    "headings": "headings",
    "blank lines": "blank lines",
    "many findings (a wrong weekday each sentence)": "many findings",
}


def test_every_benchmarked_construct_is_scaled_here() -> None:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "hostile.py"
    spec = importlib.util.spec_from_file_location("hostile_benchmark", path)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert set(benchmark.CONSTRUCTS) == set(BENCHMARKED)
    assert set(BENCHMARKED.values()) == set(CONSTRUCTS)


def _cost(function: Callable[[], object]) -> tuple[int, int]:
    """Peak traced memory and number of function calls of ``function()``, each from a run of
    its own: the profiler's tables are traced memory too (about 180 KB, more as it meets more
    callers), which moved the peak of a small input by more than the input's own cost."""
    gc.collect()
    # No collection during the call: whether the collector happens to run in it moved the peak
    # of a small input by more than the input's own cost, which made the ratios noise.
    gc.disable()
    tracemalloc.start()
    try:
        result = function()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        gc.enable()
    del result
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        function()
    finally:
        profiler.disable()
    calls = sum(entry.callcount for entry in profiler.getstats())
    return peak, calls


def _lines_run(function: Callable[[], object]) -> int:
    """Python lines executed by ``function()``: unlike calls, this counts the iterations of a
    loop that compares without calling anything (used on single stages, since it is slow)."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


def _growth(small: int, at_n: int, at_8n: int) -> float:
    return (at_8n - small) / max(1, at_n - small)


def _least_cost(text: str, runs: int = 3) -> tuple[int, int]:
    costs = [_cost(_parse_and_check(text)) for _ in range(runs)]
    return min(peak for peak, _ in costs), min(calls for _, calls in costs)


def _parse_and_check(text: str) -> Callable[[], object]:
    return lambda: provenance.check(provenance.parse(text))


@pytest.mark.parametrize("name", list(CONSTRUCTS))
def test_construct_scales_linearly(name: str) -> None:
    generate, n = CONSTRUCTS[name]
    # Build the parsers, caches and phrase tables the construct needs before measuring, then
    # take the least of three runs at each size: parser states, their lexers and rule callbacks
    # are built when first used (and weakly held ones again after a collection), which can cost
    # a small input more than its own work.
    _cost(_parse_and_check(generate(n)))
    small, at_n, at_8n = (_least_cost(generate(size)) for size in (1, n, 8 * n))
    memory = _growth(small[0], at_n[0], at_8n[0])
    calls = _growth(small[1], at_n[1], at_8n[1])
    assert memory < LIMIT, f"{name}: memory grew {memory:.1f}x from n to 8n"
    assert calls < LIMIT, f"{name}: calls grew {calls:.1f}x from n to 8n"


def _many_references_and_citations(n: int) -> str:
    body = " ".join(f"He was detained (Source{i} {1990 + i % 20})." for i in range(n))
    refs = "\n\n".join(f'Source{i}. {1990 + i % 20}. "Report {i}." Toronto.' for i in range(n))
    return _HEAD + body + "\n\nReferences\n\n" + refs + "\n"


def test_linking_citations_to_references_scales_linearly() -> None:
    """n citations of n listed sources: linking must not compare each with each (measured on
    the linking alone, since reading each entry costs far more than comparing two)."""

    def linking(text: str) -> Callable[[], object]:
        line_index = LineIndex(text)
        seg = segment(text, line_index)
        references = list(document_module._references(text, line_index, seg))
        budget = Budget(Limits(), len(text))
        return lambda: document_module._citations(text, line_index, seg, references, [], budget)

    n = 60
    _cost(linking(_many_references_and_citations(n)))
    small = _cost(linking(_many_references_and_citations(1)))
    at_n = _cost(linking(_many_references_and_citations(n)))
    at_8n = _cost(linking(_many_references_and_citations(8 * n)))
    assert _growth(small[1], at_n[1], at_8n[1]) < LIMIT
    assert _growth(small[0], at_n[0], at_8n[0]) < LIMIT
    lines = [_lines_run(linking(_many_references_and_citations(k))) for k in (1, n, 8 * n)]
    assert _growth(*lines) < LIMIT


def _unresolved_citations_beside_references(n: int) -> str:
    body = " ".join(f"He was detained (Missing{i} {1990 + i % 20})." for i in range(n))
    refs = "\n\n".join(f'Source{i}. {1990 + i % 20}. "Report {i}." Toronto.' for i in range(n))
    return _HEAD + body + "\n\nReferences\n\n" + refs + "\n"


def test_checking_unresolved_citations_beside_many_references_scales_linearly() -> None:
    """n citations that match none of n listed sources: the rules asking whether each was only
    consulted, or names a source some other way, look names up instead of comparing each
    citation with each entry (measured on the rules alone, in executed lines)."""

    def checking(text: str) -> Callable[[], object]:
        document = provenance.parse(text)
        return lambda: provenance.check(document)

    n = 40
    _lines_run(checking(_unresolved_citations_beside_references(n)))
    lines = [
        _lines_run(checking(_unresolved_citations_beside_references(k))) for k in (1, n, 8 * n)
    ]
    assert _growth(*lines) < LIMIT


def test_linking_cross_references_to_headings_scales_linearly() -> None:
    """n references to n numbered headings: each reference finds its heading by lookup."""

    def linking(text: str) -> Callable[[], object]:
        line_index = LineIndex(text)
        seg = segment(text, line_index)
        budget = Budget(Limits(), len(text))
        return lambda: document_module._cross_references(
            text, line_index, seg, seg.headings, budget
        )

    n = 40
    lines = [_lines_run(linking(_cross_references(k))) for k in (1, n, 8 * n)]
    assert _growth(*lines) < LIMIT


def _stacked_un_symbols(n: int) -> str:
    # n pages whose running heads stack the report's symbol over another one, a new one on each
    # page: the report's joint symbols are counted, not compared pairwise.
    pages = "".join(f"A/79/797\nS/2025/{i}\n\nThe mission met officials.\n\f" for i in range(n))
    return "Report of the Secretary-General\n\n" + pages


def test_checking_stacked_un_symbols_scales_linearly() -> None:
    def checking(text: str) -> Callable[[], object]:
        document = provenance.parse(text)
        return lambda: provenance.check(document)

    n = 40
    _cost(checking(_stacked_un_symbols(n)))
    small, at_n, at_8n = (_cost(checking(_stacked_un_symbols(k))) for k in (1, n, 8 * n))
    assert _growth(small[1], at_n[1], at_8n[1]) < LIMIT


def test_uncorroborated_claims_hold_bounded_spans() -> None:
    """Each claim before a marker is at most a few sentences, however long the paragraph:
    the findings' excerpts together stay within a small multiple of the text."""
    text = _uncorroborated(400)
    findings = [
        f for f in provenance.check(provenance.parse(text)) if f.rule == "uncorroborated-claim"
    ]
    assert len(findings) == 400
    assert sum(len(f.excerpt) for f in findings) <= 2 * len(text)


def _flagged_references_with_dates(n: int) -> str:
    # Each entry dated after the report and accessed before it was published: two date rules
    # flag every entry, and each finds the entry's dates among the document's.
    refs = "\n\n".join(
        f'The Daily Star{i} [Dhaka]. 3 March 2000. "Returnees Questioned {i}." '
        "[Accessed 5 January 2000]"
        for i in range(n)
    )
    return (
        _HEAD
        + "1 May 1999\n\nReturnees were questioned (The Daily Star 3 March 2000).\n\n"
        + "References\n\n"
        + refs
        + "\n"
    )


def test_date_rules_on_flagged_references_scale_linearly() -> None:
    """n entries, each with dates the date rules flag: each flagged entry finds its dates among
    the document's by bisection, not by a scan of every date (which made checking quadratic;
    measured on checking alone, in calls and executed lines)."""

    def checking(text: str) -> Callable[[], object]:
        document = provenance.parse(text)
        findings = provenance.check(document)
        assert sum(f.rule == "accessed-before-published" for f in findings) == text.count(
            "[Accessed"
        )
        return lambda: provenance.check(document)

    n = 30
    _cost(checking(_flagged_references_with_dates(n)))
    small, at_n, at_8n = (_cost(checking(_flagged_references_with_dates(k))) for k in (1, n, 8 * n))
    assert _growth(small[1], at_n[1], at_8n[1]) < LIMIT
    assert _growth(small[0], at_n[0], at_8n[0]) < LIMIT
    lines = [_lines_run(checking(_flagged_references_with_dates(k))) for k in (1, n, 8 * n)]
    assert _growth(*lines) < LIMIT


def _pages_with_moved_note_numbers(n: int) -> str:
    # PDF text of n pages, each with its notes at its foot and the numbers of its first notes
    # moved below its last ("3", "4" after note 6's text), as plain pdftotext prints them.
    page = (
        "Gangs control the capital. 1 Forces lack equipment.2\n__________________\n\n"
        "See the first source.\nSee the second source.\n"
        "3\nSee the third source.\n4\nSee the fourth source.\n"
        "5\nSee the fifth source.\n6\nSee the sixth source.\n"
        "1\n2\n\n25-11710\n\n/25\n\n\fA/80/188\n\n"
    )
    return _HEAD + page * n


def test_note_numbers_moved_below_their_pages_notes_scale_linearly() -> None:
    # Each page's moved numbers were taken out of the note starts by a search of the list of
    # them for every start: quadratic in the number of pages (100 MB of reports took 598 s of
    # processor time where 16 MB took 27 s).
    n = 80  # at 40 the quadratic search grew the calls 11.3x, under the limit
    generate = _pages_with_moved_note_numbers
    _cost(_parse_and_check(generate(n)))
    small, at_n, at_8n = (_least_cost(generate(size), runs=1) for size in (1, n, 8 * n))
    assert _growth(small[1], at_n[1], at_8n[1]) < LIMIT
