"""CSL-JSON export: valid against the official CSL data schema, fields mapped faithfully."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.csl import document_to_csl, documents_to_csl_json, reference_to_csl
from provenance.model import Date, Reference, ReferenceEntry
from provenance.span import LineIndex

PRACTICE = Path(__file__).resolve().parents[2] / "shared" / "practice"

IRB = (
    "Treatment of journalists [ABC12345.E]\n\n"
    "Two reporters were detained (The Korea Post Feb. 1999) and questioned (Yonhap 3 March 1999)."
    "\n\nReferences\n\n"
    'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held." '
    "http://www.koreapost.com/1999_02/a.htm [Accessed 15 May 2000]\n\n"
    'Yonhap [Seoul]. 3 March 1999. "Two Reporters Charged."\n'
)


@pytest.fixture(scope="module")
def validator(schemas: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((schemas / "csl-data.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_fields_of_an_irb_reference_list(validator: jsonschema.protocols.Validator) -> None:
    items = document_to_csl(provenance.parse(IRB, "irb.txt"))
    validator.validate(items)
    first = items[0]
    assert first["author"] == [{"literal": "The Korea Post"}]
    assert first["title"] == "Reporters Held"
    assert first["issued"] == {"date-parts": [[1999, 2]]}
    assert first["accessed"] == {"date-parts": [[2000, 5, 15]]}
    assert first["URL"] == "http://www.koreapost.com/1999_02/a.htm"
    assert first["publisher-place"] == "Seoul"
    assert (first["volume"], first["issue"]) == ("12", "2")
    assert first["type"] == "article-newspaper"
    assert items[1]["issued"] == {"date-parts": [[1999, 3, 3]]}
    assert len({item["id"] for item in items}) == len(items)


def test_ids_are_stable() -> None:
    one = documents_to_csl_json([provenance.parse(IRB, "irb.txt")])
    two = documents_to_csl_json([provenance.parse(IRB, "irb.txt")])
    assert one == two


def test_seed_references_validate(
    validator: jsonschema.protocols.Validator, seed_results: list
) -> None:
    items = json.loads(documents_to_csl_json([document for document, _ in seed_results]))
    assert items
    validator.validate(items)


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice reports not present")
def test_practice_references_validate(validator: jsonschema.protocols.Validator) -> None:
    documents = [provenance.parse_file(path) for path in sorted(PRACTICE.glob("*.txt"))]
    validator.validate(json.loads(documents_to_csl_json(documents)))


_dates = st.builds(
    Date,
    year=st.one_of(st.none(), st.integers(1900, 2030)),
    month=st.one_of(st.none(), st.integers(1, 12)),
    day=st.one_of(st.none(), st.integers(1, 28)),
)
_text = st.one_of(st.none(), st.text(min_size=1, max_size=40))


@settings(max_examples=100, deadline=None)
@given(
    entry=st.builds(
        ReferenceEntry,
        author=_text,
        place=_text,
        date=st.one_of(st.none(), _dates),
        title=_text,
        container=_text,
        volume=_text,
        issue=_text,
        pages=_text,
        url=_text,
        accessed=st.one_of(st.none(), _dates),
        kind=st.sampled_from(["irb", "correspondence", "name-only", "footnote", "unstructured"]),
        note=_text,
    )
)
def test_any_entry_is_valid_csl(
    validator: jsonschema.protocols.Validator, entry: ReferenceEntry
) -> None:
    reference = Reference(entry, "references", "text", LineIndex("text").span(0, 4))
    validator.validate([reference_to_csl(reference, "item-1")])
