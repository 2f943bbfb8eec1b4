"""A web page of the genre as it is published, not one made for the tests: an excerpt of a UK
Home Office country information note as GOV.UK serves it (``data/SOURCES.md`` says where it was
taken from, what was cut and under which licence). Its endnote calls, endnotes, links and
headings are read as a reader of the page sees them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import provenance
from provenance.model import Document

pytest.importorskip("lxml")

PAGE = Path(__file__).parent / "data" / "govuk-cin-bangladesh-documentation-2024-excerpt.html"
DFAT = "https://www.ecoi.net/en/file/local/2086697/country-information-report-bangladesh.pdf"
SMA = "https://coi.euaa.europa.eu/administration/sweden/PLib/231219254.pdf"


@pytest.fixture(scope="module")
def page() -> Document:
    return provenance.parse_file(PAGE)


def test_every_endnote_is_linked_to_its_call(page: Document) -> None:
    assert [note.number for note in page.footnotes] == list(range(1, 19))
    assert all(len(note.markers) == 1 and note.body is not None for note in page.footnotes)
    # The calls stand where the page prints "[footnote N]": after the quotation of 1.1.1, and
    # two in one sentence of 2.2.1 (notes 12 and 13).
    lines = page.text.splitlines()
    first = page.footnotes[0].markers[0].span
    assert lines[first.line - 1].startswith("‘In a little over a decade")
    assert page.footnotes[11].markers[0].span.line == page.footnotes[12].markers[0].span.line
    assert "[footnote" not in page.text


def test_endnotes_keep_their_source_and_address_without_the_link_back(page: Document) -> None:
    bodies = {note.number: note.body.text for note in page.footnotes if note.body is not None}
    assert bodies[4] == (
        f"DFAT, Country Information Report Bangladesh <{DFAT}> (para 5.28) 30 November 2022"
    )
    assert bodies[2] == "Australia RRT, Bangladesh: 1. Is it true that a man in…, 2 March 2007"
    assert SMA in bodies[1] and "(Summary in English), 19 December 2023" in bodies[1]
    assert not any("↩" in body for body in bodies.values())


def test_links_read_as_the_addresses_of_their_text(page: Document) -> None:
    urls = [url.text for url in page.urls]
    # Links to other sites: in the running text and in the endnotes, each where it stands.
    assert urls[:3] == [
        "https://www.gov.uk/government/publications/burma-country-policy-and-information-notes",
        "https://www.gov.uk/government/publications/considering-asylum-claims-and-assessing-"
        "credibility-instruction/assessing-credibility-and-refugee-status-in-asylum-claims-"
        "lodged-on-or-after-28-june-2022-accessible",
        "https://www.gov.uk/government/publications/bangladesh-country-policy-and-information-notes",
    ]
    # DFAT in notes 4, 8, 9, 16, 17, 18; SMA in notes 1, 3, 5, 11, 14, 15; every endnote but
    # note 2 has one address; the image of 2.1.4 is no link.
    assert urls.count(DFAT) == 6 and urls.count(SMA) == 6
    assert len(urls) == 3 + 17
    assert all(url.problem is None for url in page.urls)
    # A link within the page ("see Identification documentation in Bangladesh") is its text.
    assert "(see Identification documentation in Bangladesh)." in page.text
    assert "#ID_docs" not in page.text


def test_headings_and_where_the_lines_come_from(page: Document) -> None:
    headings = [heading.text for heading in page.headings]
    assert "Executive summary" in headings[0]
    assert any(re.search(r"1\.2 Personal names in Bangladesh", text) for text in headings)
    # Each line of the text says which line of the page's source it was read from.
    assert page.places is not None
    first_call = page.footnotes[0].markers[0].span.line
    source = PAGE.read_text(encoding="utf-8").splitlines()
    place = page.places.place(first_call)
    assert place is not None and "[footnote 1]" in source[place.line - 1]


def test_the_page_checks_clean(page: Document) -> None:
    findings = provenance.check(page)
    notes = {"footnote-without-body", "footnote-without-marker", "notes-not-found"}
    assert not [f for f in findings if f.rule in notes or f.severity.name == "ERROR"]
