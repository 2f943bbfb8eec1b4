"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer for Python).

    pip install atheris
    python fuzz/fuzz_pipeline.py -max_total_time=600 fuzz/corpus/

Each input is decoded as a file would be (``provenance.source.read_bytes_as_text``), parsed and
checked. Only the library's documented errors (``provenance.ProvenanceError``) are expected;
anything else, or a span outside the text, is a crash, and libFuzzer saves the input.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    # Everything the pipeline runs is imported here, so that all of it is instrumented
    # (modules imported lazily later would run blind).
    import provenance
    import provenance.checking
    import provenance.document
    from provenance.errors import ProvenanceError
    from provenance.rules.registry import all_rules
    from provenance.source import read_bytes_as_text

    all_rules()


def test_one_input(data: bytes) -> None:
    try:
        decoded = read_bytes_as_text(data, "fuzz.txt")
    except ProvenanceError:
        return
    text = decoded.text
    document = provenance.parse(text)
    for group in (document.citations, document.index_codes, document.dates, document.urls):
        for item in group:
            if text[item.span.start : item.span.end] != item.text:
                raise AssertionError(f"span does not cover its text: {item!r}")
    for note in document.footnotes:
        for marker in note.markers:
            if not 0 <= marker.span.start < marker.span.end <= len(text):
                raise AssertionError(f"marker outside the text: {marker!r}")
    for finding in provenance.check(document):
        if not 0 <= finding.span.start <= finding.span.end <= len(text):
            raise AssertionError(f"finding outside the text: {finding!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
