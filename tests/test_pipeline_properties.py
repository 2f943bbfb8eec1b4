"""The whole pipeline on any input: parse and check return (or raise only documented errors),
and every span lies inside the text and points at what it claims."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance
from provenance.errors import ProvenanceError
from provenance.model import Document
from provenance.source import read_bytes_as_text
from provenance.span import Span

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
SEED_LINES = [path.read_text(encoding="utf-8").splitlines(keepends=True) for path in SEEDS]


def _spans(document: Document) -> list[tuple[Span, str | None]]:
    """Every located thing in the document, with the text it says it covers (if it says)."""
    found: list[tuple[Span, str | None]] = []
    for group in (document.citations, document.index_codes, document.dates, document.urls):
        found += [(item.span, item.text) for item in group]
    found += [(ref.span, ref.text) for ref in document.cross_references]
    found += [(ref.span, None) for ref in document.references]
    found += [(heading.span, None) for heading in document.headings]
    found += [(region.span, None) for region in document.regions]
    for note in document.footnotes:
        found += [(marker.span, None) for marker in note.markers]
        if note.body is not None:
            found.append((note.body.span, None))
    return found


def _check_document(text: str) -> None:
    document = provenance.parse(text)
    for span, written in _spans(document):
        assert 0 <= span.start <= span.end <= len(text), span
        assert span.line >= 1 and span.column >= 1
        if written is not None:
            assert text[span.start : span.end] == written
    for finding in provenance.check(document):
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        assert finding.message.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _check_document(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary())
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        decoded = read_bytes_as_text(data, "fuzz.txt")
    except ProvenanceError:
        return
    _check_document(decoded.text)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "splice"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(st.text(min_size=1, max_size=20)) + line[cut:]
    return "".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seeds(text: str) -> None:
    _check_document(text)


def test_pathological_inputs_finish() -> None:
    # Each must finish (in time proportional to its size: see benchmarks/ for the figures).
    cases = [
        "x" * 1_000_000,
        "".join(f"Claim.<sup>{n % 999 + 1}</sup> " for n in range(20_000)),
        "(" * 200_000,
        "(ibid.) " * 50_000,
        "[" * 100_000 + "]" * 100_000,
        "\n" * 200_000,
        "15 May 2000, " * 20_000,
        "http://" * 20_000,
    ]
    for text in cases:
        document = provenance.parse(text)
        provenance.check(document)
