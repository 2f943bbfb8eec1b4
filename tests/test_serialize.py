"""The JSON contract of ``provenance parse``: exact fields of hand-built documents, the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.model import (
    AmnestyIndex,
    Citation,
    CitationValue,
    CrossReference,
    Date,
    DateMention,
    DateRange,
    Document,
    Footnote,
    FootnoteBody,
    FootnoteMarker,
    Heading,
    IndexCodeMention,
    IrbCode,
    Metadata,
    Reference,
    ReferenceEntry,
    UnSymbol,
    Update,
    Url,
)
from provenance.serialize import (
    SCHEMA_VERSION,
    document_to_dict,
    document_to_json,
    documents_to_dict,
    documents_to_json,
    load_schema,
)
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"

VALIDATOR = jsonschema.Draft202012Validator(load_schema())

IRB_TEXT = (
    "Update to KKT25532.E of 20 December 1996 [KKT34458.E]\n"
    "Korea: Treatment of returnees\n"
    "On Thursday, 5 August 1999, officials said (The Korea Post Feb. 1999). See Section 2.\n"
    "2. Background\n"
    "Amnesty (AI Index: ASA 24/06/96) and E/CN.4/2004/9 say so.<sup>3</sup> (ibid.)\n"
    "http://www.example.org/x\n"
    "References\n"
    'The Korea Post [Seoul]. February 1999. Vol. 7, No. 2. "Returnees." (NEXIS)\n'
    "3 A footnote body.\n"
)


def find(text: str, needle: str) -> tuple[int, int]:
    start = IRB_TEXT.index(needle)
    return start, start + len(needle)


def irb_document() -> Document:
    """A document built by hand, every kind of item once, placed where its text stands."""
    text = IRB_TEXT
    index = LineIndex(text)

    def span(needle: str) -> Any:
        return index.span(*find(text, needle))

    own = IndexCodeMention(
        IrbCode("KKT", "34458", "E"), "[KKT34458.E]", span("[KKT34458.E]"), "own"
    )
    amnesty = IndexCodeMention(
        AmnestyIndex("ASA", "24", "06", 1996), "ASA 24/06/96", span("ASA 24/06/96")
    )
    un = IndexCodeMention(
        UnSymbol(("E", "CN.4", "2004", "9")), "E/CN.4/2004/9", span("E/CN.4/2004/9")
    )
    reference_line = text[text.index("The Korea Post [Seoul]") :].split("\n")[0]
    reference = Reference(
        ReferenceEntry(
            author="The Korea Post",
            place="Seoul",
            date=Date(1999, 2),
            title="Returnees.",
            volume="7",
            issue="2",
            note="(NEXIS)",
        ),
        "references",
        reference_line,
        span(reference_line),
    )
    note = Reference(
        ReferenceEntry(kind="footnote", title="A footnote body."),
        "footnote",
        "A footnote body.",
        span("A footnote body."),
        number=3,
    )
    cited = Citation(
        CitationValue("The Korea Post", Date(1999, 2)),
        "The Korea Post Feb. 1999",
        span("The Korea Post Feb. 1999"),
        reference=0,
    )
    ibid = Citation(CitationValue(ibid=True), "ibid.", span("ibid."), resolved_author="Amnesty")
    weekday = DateMention(
        Date(1999, 8, 5, weekday=3), "Thursday, 5 August 1999", span("Thursday, 5 August 1999")
    )
    update_date = DateMention(Date(1996, 12, 20), "20 December 1996", span("20 December 1996"))
    feb = DateMention(Date(None, 2), "Feb.", span("Feb."), inferred_year=True)
    marker_start = text.index("<sup>3</sup>")
    marker = FootnoteMarker(3, index.span(marker_start, marker_start + 12), "sup")
    body = FootnoteBody(3, span("3 A footnote body."), "A footnote body.", recovered=False)
    heading = Heading("2. Background", "2", "Background", span("2. Background"))
    xref = CrossReference("section", "2", "Section 2", span("Section 2"), target=0)
    return Document(
        text=text,
        path="irb.txt",
        metadata=Metadata(
            index_code=own,
            date=weekday,
            title="Korea: Treatment of returnees",
            updates=(
                Update(
                    IrbCode("KKT", "25532", "E"),
                    "Update to KKT25532.E of 20 December 1996",
                    span("Update to KKT25532.E of 20 December 1996"),
                    Date(1996, 12, 20),
                ),
            ),
        ),
        headings=(heading,),
        references=(reference, note),
        citations=(cited, ibid),
        footnotes=(Footnote(3, (marker,), body), Footnote(4, (), None)),
        index_codes=(own, amnesty, un),
        dates=(update_date, weekday, feb),
        cross_references=(xref,),
        urls=(Url("http://www.example.org/x", span("http://www.example.org/x")),),
        line_index=index,
        input_notes=("decoded as cp1252: not valid UTF-8 (first bad byte at offset 3)",),
    )


def empty_document(path: str | None = None) -> Document:
    return Document(text="", path=path, metadata=Metadata(), line_index=LineIndex(""))


def with_dates(doc: Document, dates: tuple[DateMention, ...]) -> Document:
    return attrs.evolve(doc, dates=dates)


def with_title(doc: Document, title: str) -> Document:
    return attrs.evolve(doc, metadata=attrs.evolve(doc.metadata, title=title))


def validate(data: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


# --------------------------------------------------------------------------- exact contract


def test_metadata() -> None:
    data = document_to_dict(irb_document())
    assert data["path"] == "irb.txt"
    assert data["input_notes"] == [
        "decoded as cp1252: not valid UTF-8 (first bad byte at offset 3)"
    ]
    assert data["metadata"] == {
        "index_code": "KKT34458.E",
        "date": "1999-08-05",
        "title": "Korea: Treatment of returnees",
        "updates": [
            {
                "code": "KKT25532.E",
                "date": "1996-12-20",
                "text": "Update to KKT25532.E of 20 December 1996",
                "line": 1,
                "column": 1,
            }
        ],
    }


def test_index_codes_are_canonical_text_with_the_written_form_kept() -> None:
    codes = document_to_dict(irb_document())["index_codes"]
    assert [(c["text"], c["written"], c["scheme"], c["role"], c["year"]) for c in codes] == [
        ("KKT34458.E", "[KKT34458.E]", "irb", "own", None),
        ("ASA 24/06/96", "ASA 24/06/96", "amnesty", "cited", 1996),
        ("E/CN.4/2004/9", "E/CN.4/2004/9", "un", "cited", 2004),
    ]
    assert (codes[0]["line"], codes[0]["column"]) == (1, 42)
    assert (codes[1]["line"], codes[1]["column"]) == (5, 20)
    assert (codes[1]["end_line"], codes[1]["end_column"]) == (5, 31)
    assert codes[1]["parts"] == {"region": "ASA", "country": "24", "number": "06", "year": 1996}
    assert codes[0]["parts"] == {"country": "KKT", "number": "34458", "language": "E"}
    assert codes[2]["parts"] == {"parts": ["E", "CN.4", "2004", "9"]}


def test_references() -> None:
    first, note = document_to_dict(irb_document())["references"]
    assert first == {
        "line": 8,
        "column": 1,
        "end_line": 8,
        "end_column": 74,
        "section": "references",
        "author": "The Korea Post",
        "title": "Returnees.",
        "date": "1999-02",
        "accessed": None,
        "url": None,
        "index_code": None,
        "text": 'The Korea Post [Seoul]. February 1999. Vol. 7, No. 2. "Returnees." (NEXIS)',
        "kind": "irb",
        "place": "Seoul",
        "container": None,
        "volume": "7",
        "issue": "2",
        "pages": None,
        "note": "(NEXIS)",
        "number": None,
    }
    assert (note["section"], note["number"], note["kind"], note["line"]) == (
        "footnote",
        3,
        "footnote",
        9,
    )


def test_citations_point_at_the_line_of_their_reference() -> None:
    cited, ibid = document_to_dict(irb_document())["citations"]
    assert cited["text"] == "The Korea Post Feb. 1999"
    assert cited["kind"] == "author-date"
    assert (cited["line"], cited["column"]) == (3, 45)
    assert cited["date"] == "1999-02"
    assert cited["reference_index"] == 0
    assert cited["reference_line"] == 8
    assert ibid["kind"] == "ibid"
    assert ibid["reference_line"] is None and ibid["reference_index"] is None
    assert ibid["resolved_author"] == "Amnesty"


def test_footnotes_with_and_without_a_body() -> None:
    present, absent = document_to_dict(irb_document())["footnotes"]
    assert present == {
        "number": 3,
        "marker_lines": [5],
        "markers": [{"line": 5, "column": 59, "style": "sup"}],
        "body_line": 9,
        "text": "A footnote body.",
        "recovered": False,
    }
    assert absent == {
        "number": 4,
        "marker_lines": [],
        "markers": [],
        "body_line": None,
        "text": None,
        "recovered": False,
    }


def test_dates() -> None:
    update, weekday, feb = document_to_dict(irb_document())["dates"]
    assert weekday == {
        "line": 3,
        "column": 4,
        "end_line": 3,
        "end_column": 26,
        "text": "Thursday, 5 August 1999",
        "value": "1999-08-05",
        "weekday": "Thursday",
        "inferred_year": False,
        "precision": "day",
        "qualifier": None,
    }
    assert update["weekday"] is None and update["value"] == "1996-12-20"
    assert feb["value"] == "--02" and feb["inferred_year"] is True and feb["precision"] == "month"


def test_cross_references_and_headings() -> None:
    data = document_to_dict(irb_document())
    (xref,) = data["cross_references"]
    assert (xref["text"], xref["kind"], xref["label"], xref["line"]) == (
        "Section 2",
        "section",
        "2",
        3,
    )
    assert xref["target_line"] == 4
    (heading,) = data["headings"]
    assert (heading["number"], heading["title"], heading["line"], heading["in_toc"]) == (
        "2",
        "Background",
        4,
        False,
    )


def test_urls() -> None:
    (url,) = document_to_dict(irb_document())["urls"]
    assert url == {
        "line": 6,
        "column": 1,
        "end_line": 6,
        "end_column": 24,
        "text": "http://www.example.org/x",
        "problem": None,
    }


def test_dangling_links_serialize_as_null() -> None:
    # An index past the end is a linking bug elsewhere; the output stays valid rather than crash.
    doc = irb_document()
    broken = attrs.evolve(
        doc,
        citations=(attrs.evolve(doc.citations[0], reference=99),),
        cross_references=(attrs.evolve(doc.cross_references[0], target=5),),
    )
    data = document_to_dict(broken)
    assert data["citations"][0]["reference_line"] is None
    assert data["cross_references"][0]["target_line"] is None
    validate(documents_to_dict([broken]))


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        (Date(1999), "1999", "year"),
        (Date(1999, 2), "1999-02", "month"),
        (Date(None, 2, 15), "--02-15", "day"),
        (Date(None, None, 15), "---15", "none"),  # the model: no month, no year
        (DateRange(Date(2003), Date(2004)), "2003/2004", "range"),
        (DateRange(Date(2002, 5, 24), Date(2002, 5, 26)), "2002-05-24/2002-05-26", "range"),
        (DateRange(Date(None, None, 24), Date(2002, 5, 26)), "---24/2002-05-26", "range"),
        (Date(None), None, "none"),
    ],
)
def test_date_values_in_iso(value: Date | DateRange, iso: str | None, precision: str) -> None:
    text = "x"
    mention = DateMention(value, text, LineIndex(text).span(0, 1))
    doc = with_dates(empty_document("d.txt"), (mention,))
    data = document_to_dict(doc)
    (date,) = data["dates"]
    assert date["value"] == iso
    assert date["precision"] == precision
    validate(documents_to_dict([doc]))


def test_range_weekday_and_qualifier() -> None:
    value = DateRange(Date(2002, 5, 24, weekday=4, qualifier="early"), Date(2002, 5, 26))
    mention = DateMention(value, "x", LineIndex("x").span(0, 1))
    (date,) = document_to_dict(with_dates(empty_document(), (mention,)))["dates"]
    assert date["weekday"] == "Friday"
    assert date["qualifier"] == "early"


# --------------------------------------------------------------------------- JSON text and schema


def test_wrapper_and_errors() -> None:
    data = documents_to_dict([empty_document("a.txt")], [("b.pdf", "binary file (looks like PDF)")])
    assert data["version"] == SCHEMA_VERSION == 1
    assert [d["path"] for d in data["documents"]] == ["a.txt"]
    assert data["errors"] == [{"path": "b.pdf", "reason": "binary file (looks like PDF)"}]
    validate(data)


def test_empty_document() -> None:
    data = document_to_dict(empty_document())
    assert data["path"] is None
    assert data["metadata"] == {"index_code": None, "date": None, "title": None, "updates": []}
    for key in ("index_codes", "references", "citations", "footnotes", "dates"):
        assert data[key] == []
    validate(documents_to_dict([empty_document()]))


def test_full_document_validates() -> None:
    validate(documents_to_dict([irb_document(), empty_document("x.md")]))


def test_key_order_is_the_documented_one() -> None:
    keys = list(document_to_dict(irb_document()))
    assert keys[:3] == ["path", "input_notes", "metadata"]
    assert keys.index("index_codes") < keys.index("references") < keys.index("citations")


def test_json_text_is_stable_unescaped_and_ends_in_newline() -> None:
    doc = with_title(irb_document(), "Genève: “returnees”")
    first, second = document_to_json(doc), document_to_json(doc)
    assert first == second
    assert first.endswith("}\n")
    assert "Genève: “returnees”" in first  # ensure_ascii=False
    assert first.startswith('{\n  "path": "irb.txt",')  # indent 2, contract order
    assert json.loads(first) == document_to_dict(doc)
    wrapped = json.loads(documents_to_json([doc]))
    assert wrapped["documents"] == [document_to_dict(doc)]
    validate(wrapped)


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (["documents", 0, "citations", 0], {"reference_line": "eight"}),
        (["documents", 0, "dates", 0], {"value": "5 August 1999"}),
        (["documents", 0, "references", 0], {"section": "appendix"}),
        (["documents", 0, "index_codes", 0], {"role": "owner"}),
        (["documents", 0, "footnotes", 0], {"body_line": 0}),
    ],
)
def test_schema_rejects_wrong_values(path: list[Any], bad: dict[str, Any]) -> None:
    data = documents_to_dict([irb_document()])
    target: Any = data
    for key in path:
        target = target[key]
    target.update(bad)
    assert not VALIDATOR.is_valid(data)


@pytest.mark.parametrize(
    "key",
    [
        "path",
        "metadata",
        "index_codes",
        "references",
        "citations",
        "footnotes",
        "dates",
        "cross_references",
    ],
)
def test_schema_requires_every_contract_key(key: str) -> None:
    data = documents_to_dict([irb_document()])
    del data["documents"][0][key]
    assert not VALIDATOR.is_valid(data)


def test_schema_allows_added_keys() -> None:
    data = documents_to_dict([irb_document()])
    data["documents"][0]["citations"][0]["future_field"] = 1
    data["documents"][0]["future_list"] = []
    validate(data)


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@settings(max_examples=100)
@given(
    year=st.none() | st.integers(1, 9999),
    month=st.none() | st.integers(1, 12),
    day=st.none() | st.integers(1, 31),
    weekday=st.none() | st.integers(0, 6),
    title=st.none() | st.text(),
    path=st.none() | st.text(),
)
def test_any_date_and_text_stays_valid(
    year: int | None,
    month: int | None,
    day: int | None,
    weekday: int | None,
    title: str | None,
    path: str | None,
) -> None:
    mention = DateMention(Date(year, month, day, weekday=weekday), "x", LineIndex("x").span(0, 1))
    doc = with_title(with_dates(empty_document(path), (mention,)), title or "")
    data = json.loads(documents_to_json([doc]))
    validate(data)


# --------------------------------------------------------------------------- real documents


def real_documents() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted(PRACTICE.glob("*.txt"))


def test_every_seed_and_practice_document_validates() -> None:
    pytest.importorskip("provenance.document")
    from provenance.document import parse_document
    from provenance.source import read_file

    for path in real_documents():
        decoded = read_file(path)
        doc = parse_document(decoded.text, str(path), decoded.notes)
        data = json.loads(documents_to_json([doc]))
        validate(data)
        for citation in data["documents"][0]["citations"]:
            if citation["reference_index"] is not None:
                reference = data["documents"][0]["references"][citation["reference_index"]]
                assert citation["reference_line"] == reference["line"]
