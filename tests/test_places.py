"""Places in published files: the map from text lines, and how each reporter shows them."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import jsonschema

from provenance.checking import check
from provenance.document import parse_document
from provenance.findings import FileResult, Finding, Related, Severity
from provenance.places import Place, PlaceMap
from provenance.reporters.json import render_json
from provenance.reporters.sarif import render_sarif
from provenance.reporters.text import format_finding
from provenance.span import LineIndex

TEXT = "A claim.¹\n\n¹ A source, 2001.\n"


def _finding(place: Place | None, related_place: Place | None = None) -> Finding:
    index = LineIndex(TEXT)
    related = (Related(index.span(11, 12), "note 1 is written here", related_place),)
    return Finding(
        "footnote-numbering", Severity.WARNING, "m", index.span(8, 9), "¹", related, place=place
    )


def test_labels() -> None:
    assert Place(8, 12).label() == "p12:8"
    assert Place(120).label() == "120"


def test_map_by_text_line() -> None:
    places = PlaceMap([Place(3, 1), None, Place(40, 2)])
    assert [places.place(n) for n in range(0, 5)] == [None, Place(3, 1), None, Place(40, 2), None]
    assert len(places) == 3
    copy = pickle.loads(pickle.dumps(places))
    assert [copy.place(n) for n in range(5)] == [places.place(n) for n in range(5)]


def test_checking_places_findings_and_related_locations() -> None:
    import attrs

    document = parse_document("Report\n\nA claim.¹ Another.³\n\n¹ A source, 2001.\n")
    placed = attrs.evolve(document, places=PlaceMap([Place(n, 7) for n in range(1, 10)]))
    plain = check(document)
    findings = check(placed)
    assert findings and [f.place for f in plain] == [None] * len(plain)
    for finding in findings:
        assert finding.place == Place(finding.span.line, 7)
        assert all(r.place == Place(r.span.line, 7) for r in finding.related)


def test_text_shows_page_and_line() -> None:
    lines = format_finding(_finding(Place(8, 12), Place(30, 12)), "report.pdf").splitlines()
    assert lines[0].startswith("report.pdf:p12:8: warning footnote-numbering")
    assert lines[1].startswith("report.pdf:p12:30: note")
    assert format_finding(_finding(None), "report.txt").startswith("report.txt:1:9: warning")
    assert format_finding(_finding(Place(44)), "page.html").startswith("page.html:44: warning")


def test_json_adds_the_place() -> None:
    results = [FileResult("report.pdf", (_finding(Place(8, 12), Place(30, 12)),))]
    (finding,) = json.loads(render_json(results))["findings"]
    assert finding["place"] == {"page": 12, "line": 8}
    assert finding["related"][0]["place"] == {"page": 12, "line": 30}
    assert finding["line"] == 1  # the line of the extracted text is still there
    (html,) = json.loads(render_json([FileResult("p.html", (_finding(Place(44)),))]))["findings"]
    assert html["place"] == {"source_line": 44}
    (text,) = json.loads(render_json([FileResult("r.txt", (_finding(None),))]))["findings"]
    assert "place" not in text


def test_sarif_region_carries_page_and_snippet(schemas: Path) -> None:
    schema = json.loads((schemas / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(render_sarif([FileResult("report.pdf", (_finding(Place(8, 12)),))]))
    jsonschema.Draft4Validator(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["properties"] == {"page": 12, "lineOnPage": 8}
    assert region["snippet"] == {"text": "¹"}
    plain = json.loads(render_sarif([FileResult("r.txt", (_finding(None),))]))
    region = plain["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # A text file's region has no place; its snippet is the span's text, as for any region.
    assert "properties" not in region and region["snippet"] == {"text": "¹"}
