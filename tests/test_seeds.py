"""Golden tests on the seed documents: what the parser must show on real text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import provenance
from provenance.model import Document
from provenance.render.index_codes import render_index_code

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@cache
def seed(name: str) -> Document:
    path = SEEDS / name
    return provenance.parse(path.read_text(encoding="utf-8"), str(path))


AMNESTY = "001_57fd68c990b575be.txt"
IRB = "000_a612e7f6db11d10b.txt"
NGO = "003_1657d4287ccc633e.txt"
NEWS = "002_43ecc7cc96973852.txt"


# --------------------------------------------------------------------------- Amnesty report


def test_amnesty_own_code_and_date() -> None:
    doc = seed(AMNESTY)
    assert doc.metadata.index_code is not None
    assert render_index_code(doc.metadata.index_code.value) == "ASA 24/06/96"
    assert doc.metadata.date is not None
    assert doc.metadata.date.value.iso() == "1996-09"


def test_amnesty_all_31_footnotes() -> None:
    doc = seed(AMNESTY)
    assert [note.number for note in doc.footnotes] == list(range(1, 32))


def test_amnesty_markers_only_where_the_text_has_them() -> None:
    doc = seed(AMNESTY)
    unmarked = {note.number for note in doc.footnotes if not note.markers}
    assert unmarked == {1, 9, 12, 15, 16, 18}
    bodiless = {note.number for note in doc.footnotes if note.body is None}
    assert bodiless == {19}
    # Every marker is a real <sup> marker on the line where the text has it.
    lines = {note.number: [m.span.line for m in note.markers] for note in doc.footnotes}
    assert lines[2] == [52]
    assert lines[11] == [142]
    assert lines[13] == [158] and lines[14] == [158]
    assert lines[19] == [196]
    assert lines[24] == [262]
    assert lines[31] == [360]


def test_amnesty_glued_bodies_recovered() -> None:
    doc = seed(AMNESTY)
    bodies = {note.number: note.body for note in doc.footnotes if note.body is not None}
    recovered = {number for number, body in bodies.items() if body.recovered}
    assert recovered == {6, 15, 16, 20, 27}
    assert bodies[6].span.line == 108
    assert bodies[6].text.startswith("Another result of the above-mentioned disclosures")
    assert bodies[15].text.startswith("The Russian Far East")
    assert bodies[27].span.line == 290
    assert bodies[27].text.startswith("AI Index: ASA 24/12/95")
    # Note 26 ends where OCR glued note 27 onto it.
    assert bodies[26].text.endswith("St. Petersburg.")


def test_amnesty_body_text_excludes_running_header() -> None:
    doc = seed(AMNESTY)
    body = next(note.body for note in doc.footnotes if note.number == 2)
    assert body is not None
    assert "Al Index" not in body.text and "September 1996" not in body.text


def test_amnesty_cited_codes_and_headers_not_citations() -> None:
    doc = seed(AMNESTY)
    cited = {render_index_code(m.value) for m in doc.index_codes if m.role == "cited"}
    assert {"ASA 24/12/95", "EUR 46/06/96"} <= cited
    assert "ASA 24/06/96" not in cited
    furniture = [m for m in doc.index_codes if m.role == "furniture"]
    assert len(furniture) == 14  # every running header "Al Index: ASA 24/06/96"
    # No citation and no date is taken from a running header.
    furniture_spans = [r.span for r in doc.regions if r.kind == "furniture"]
    for item in (*doc.citations, *doc.dates):
        assert not any(s.start <= item.span.start < s.end for s in furniture_spans)


def test_amnesty_cross_references_all_resolve() -> None:
    doc = seed(AMNESTY)
    texts = {ref.text for ref in doc.cross_references}
    assert any("3.3.3" in text for text in texts)
    assert any("Chapter Three" in text for text in texts)
    assert any("Appendix 1" in text for text in texts)
    assert all(ref.target is not None for ref in doc.cross_references), [
        (ref.text, ref.span.line) for ref in doc.cross_references if ref.target is None
    ]


def test_amnesty_footnote_references() -> None:
    doc = seed(AMNESTY)
    by_number = {ref.number: ref for ref in doc.references if ref.section == "footnote"}
    assert by_number[28].entry.index_code is not None
    assert render_index_code(by_number[28].entry.index_code) == "EUR 46/06/96"
    assert by_number[28].entry.date is not None and by_number[28].entry.date.iso() == "1996-02"


# --------------------------------------------------------------------------- IRB response


def test_irb_own_code_and_update() -> None:
    doc = seed(IRB)
    assert doc.metadata.index_code is not None
    assert doc.metadata.index_code.text == "KKT34458.E"
    assert [(u.text, u.date.iso() if u.date else None) for u in doc.metadata.updates] == [
        ("KKT25532.E", "1996-12-20")
    ]


def test_irb_sections() -> None:
    doc = seed(IRB)
    sections = [ref.section for ref in doc.references]
    assert sections.count("references") == 3
    assert sections.count("attachment") == 1
    assert sections.count("additional-sources") == 10


def test_irb_reference_fields() -> None:
    doc = seed(IRB)
    post, oka, kcna = (ref for ref in doc.references if ref.section == "references")
    assert post.span.line == 20
    assert post.entry.author == "The Korea Post"
    assert post.entry.place == "Seoul"
    assert post.entry.date is not None and post.entry.date.iso() == "1999-02"
    assert post.entry.volume == "12" and post.entry.issue == "2"
    assert post.entry.url == "http://www.koreapost.com/1999_02/dip&fo_03.htm"
    assert post.entry.accessed is not None and post.entry.accessed.iso() == "2000-05-15"
    assert oka.entry.kind == "correspondence"
    assert oka.entry.date is not None and oka.entry.date.iso() == "2000-05-15"
    assert kcna.entry.place == "Pyongyang"
    attachment = next(ref for ref in doc.references if ref.section == "attachment")
    assert attachment.entry.date is not None
    assert attachment.entry.date.iso() == "1999-09/1999-10"
    extra = [ref for ref in doc.references if ref.section == "additional-sources"]
    assert any(ref.entry.author == "LEXIS/NEXIS" or ref.text == "LEXIS/NEXIS" for ref in extra)


def test_irb_five_citations_resolve_to_the_right_reference() -> None:
    doc = seed(IRB)
    got = [
        (
            c.text,
            c.span.line,
            doc.references[c.reference].span.line if c.reference is not None else None,
        )
        for c in doc.citations
    ]
    assert got == [
        ("The Korea Post Feb. 1999", 5, 20),
        ("ibid.", 5, 20),
        ("27 July 1999", 7, 24),
        ("ibid.", 7, 24),
        ("15 May 2000", 9, 22),
    ]


# --------------------------------------------------------------------------- NGO page and news


def test_ngo_yearless_date_gets_year_from_context() -> None:
    doc = seed(NGO)
    mention = next(d for d in doc.dates if d.text == "Thursday, May 29")
    assert mention.span.line == 68
    assert mention.value.iso() == "2002-05-29"
    assert mention.inferred_year


def test_ngo_malformed_url_found() -> None:
    doc = seed(NGO)
    bad = [url for url in doc.urls if url.problem]
    assert [(url.text, url.span.line) for url in bad] == [("http//www.northkoreanrefugees.com", 53)]


def test_news_byline_date() -> None:
    doc = seed(NEWS)
    assert doc.metadata.date is not None
    assert doc.metadata.date.value.iso() == "2004-07-30"


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_span_lies_inside_the_text(name: str) -> None:
    doc = seed(name)
    items = [
        *doc.citations,
        *doc.dates,
        *doc.index_codes,
        *doc.cross_references,
        *doc.urls,
        *doc.references,
        *doc.headings,
    ]
    for item in items:
        assert 0 <= item.span.start <= item.span.end <= len(doc.text)
