"""The ``timeline`` object of ``parse --format json``."""

from __future__ import annotations

import json

import provenance
from provenance.serialize import document_to_dict, load_schema
from provenance.serialize_timeline import timeline_to_dict

KEYS = ["entries", "ages", "durations", "totals", "changes"]


def test_no_timeline_gives_empty_lists() -> None:
    assert timeline_to_dict(None) == {key: [] for key in KEYS}


def test_every_statement_says_what_it_was_compared_with() -> None:
    doc = provenance.parse(
        "Chronology\n\nLee Song-min was born on 15 November 1999. On 22 November 2000, "
        "Lee Song-min, then 12 months old, was left in China. Two weeks later, on "
        "6 December 2000, his mother reached Seoul. He was held for three weeks, from 1 March "
        "to 22 March 2001. A group of 6 people, comprising 2 men, 3 women and 1 child, fled. "
        "In 2001 we gave 300 blankets; in 2002 we gave 450 blankets, a 50% increase.\n"
    )
    data = json.loads(json.dumps(document_to_dict(doc)))["timeline"]
    assert list(data) == KEYS
    (later,) = [e for e in data["entries"] if e["kind"] == "offset"]
    assert (
        later["value"] == "2000-12-05/2000-12-07" and later["anchor"]["text"] == "22 November 2000"
    )
    assert later["expression"]["quantity"] == {
        "low": 2.0,
        "high": 2.0,
        "unit": "week",
        "hedge": None,
    }
    assert later["agrees"] is True and later["provenance"] == "resolved"
    (age,) = data["ages"]
    assert age["birth"]["value"] == "1999-11-15" and age["months"] == [12, 12]
    assert age["at"]["text"] == "22 November 2000" and age["agrees"] is True
    (span,) = data["durations"]
    assert span["days"] == [21, 21] and span["agrees"] is True
    (total,) = data["totals"]
    assert total["parts_total"] == 6 and total["agrees"] is True
    (change,) = data["changes"]
    assert change["actual"] == 1.5 and change["agrees"] is True


def test_schema_lists_the_timeline() -> None:
    schema = load_schema()
    assert "timeline" in schema["$defs"]["document"]["required"]
    assert schema["$defs"]["timeline"]["required"] == KEYS
