"""CSL-JSON export: valid against the official CSL data schema, fields mapped faithfully."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.csl import (
    NOT_SOURCES,
    _assign_ids,
    document_to_csl,
    documents_to_csl_json,
    item_key,
    reference_to_csl,
)
from provenance.model import (
    AmnestyIndex,
    Date,
    DateRange,
    Document,
    IrbCode,
    Reference,
    ReferenceEntry,
    Section,
    UnSymbol,
)
from provenance.render.references import REFERENCE_STYLES
from provenance.span import LineIndex

PRACTICE = Path(__file__).resolve().parents[2] / "shared" / "practice"

# Hand-written reports in the shapes the seeds and practice files use.
IRB = (
    "Returnees to Sri Lanka [XYZ10001.E]\n\n"
    "Returnees were questioned (Daily Mirror 4 May 2001). A researcher confirmed it "
    "(Perera 12 June 2001). The Monitor reported arrests (Refugee Monitor Mar. 2001). "
    "The ministry lists them (Ministry of Defence 2001).\n\n"
    "References\n\n"
    'Daily Mirror [Colombo]. 4 May 2001. "Returnees Held at Airport." '
    "http://www.dailymirror.lk/2001/05/04/a.html [Accessed 20 June 2001]\n\n"
    "Perera, Anil, Lecturer, University of Colombo, Colombo. 12 June 2001. "
    "Correspondence sent to the Research Directorate.\n\n"
    'Refugee Monitor [London]. March 2001. Vol. 9, No. 3. Jane Smith. "Detentions on Arrival," '
    "pp. 4-6.\n\n"
    "Ministry of Defence. 2001. Annual Review. http://www.defence.lk/review.html\n\n"
    "Attachments\n\n"
    "Silva, Ravi, Returnees Face Questioning, Inter Press Service, 3 May 2001.\n\n"
    "Returnees Welcomed, The Island, 2 May 2001, p. 7.\n"
)
NOTES = (
    "SRI LANKA: Returnees at risk\n\n"
    "Amnesty International has documented detentions.<sup>1</sup> The UN committee "
    "agreed.<sup>2</sup> It repeated this.<sup>3</sup> A letter said so.<sup>4</sup>\n\n"
    "<sup>1</sup>Amnesty International described the practice in *Sri Lanka: Detention of "
    "returnees* (AI Index: ASA 37/012/2001), issued in May 2001.\n\n"
    "<sup>2</sup>CAT/C/LKA/CO/2, para. 16. See also CAT/C/LKA/CO/3, para. 4.\n\n"
    "<sup>3</sup>Ibid., para. 18.\n\n"
    "<sup>4</sup>Letter from the Ministry of Justice to the Special Rapporteur, dated "
    "3 March 2002, p. 2.\n"
)


@pytest.fixture(scope="module")
def validator(schemas: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((schemas / "csl-data.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def _without_custom(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key not in ("id", "custom")}


# --------------------------------------------------------------------------- field mapping


def test_fields_of_an_irb_source_list(validator: jsonschema.protocols.Validator) -> None:
    document = provenance.parse(IRB, "reports/irb.txt")
    items = document_to_csl(document)
    validator.validate(items)
    news, letter, article, web, wire, paper = items
    assert _without_custom(news) == {
        "type": "article-newspaper",
        "author": [{"literal": "Daily Mirror"}],
        "title": "Returnees Held at Airport",
        "issued": {"date-parts": [[2001, 5, 4]]},
        "accessed": {"date-parts": [[2001, 6, 20]]},
        "publisher-place": "Colombo",
        "URL": "http://www.dailymirror.lk/2001/05/04/a.html",
    }
    assert _without_custom(letter) == {
        "type": "personal_communication",
        "author": [{"family": "Perera", "given": "Anil"}],
        "issued": {"date-parts": [[2001, 6, 12]]},
        "note": "Lecturer, University of Colombo, Colombo; "
        "Correspondence sent to the Research Directorate.",
    }
    assert _without_custom(article) == {
        "type": "article-journal",
        "author": [{"literal": "Jane Smith"}],  # not split: no sure sign it is "given family"
        "title": "Detentions on Arrival",
        "issued": {"date-parts": [[2001, 3]]},
        "container-title": "Refugee Monitor",
        "volume": "9",
        "issue": "3",
        "publisher-place": "London",
        "page": "4-6",
    }
    assert _without_custom(web) == {
        "type": "webpage",
        "author": [{"literal": "Ministry of Defence"}],
        "title": "Annual Review",
        "issued": {"date-parts": [[2001]]},
        "URL": "http://www.defence.lk/review.html",
    }
    assert _without_custom(wire) == {
        "type": "article-newspaper",
        "author": [{"family": "Silva", "given": "Ravi"}],
        "title": "Returnees Face Questioning",
        "issued": {"date-parts": [[2001, 5, 3]]},
        "container-title": "Inter Press Service",
    }
    # Dated to the day and paged: a newspaper's article, though its name says nothing.
    assert _without_custom(paper) == {
        "type": "article-newspaper",
        "author": [{"literal": "The Island"}],
        "title": "Returnees Welcomed",
        "issued": {"date-parts": [[2001, 5, 2]]},
        "page": "7",
    }
    assert paper["custom"]["provenance"] == {
        "path": "reports/irb.txt",
        "line": IRB.split("\n").index("Returnees Welcomed, The Island, 2 May 2001, p. 7.") + 1,
        "section": "attachment",
        "style": "irb-attachment",
        "text": "Returnees Welcomed, The Island, 2 May 2001, p. 7.",
    }


def test_fields_of_footnote_sources(validator: jsonschema.protocols.Validator) -> None:
    items = document_to_csl(provenance.parse(NOTES, "notes.txt"))
    validator.validate(items)
    # Footnote 3 ("Ibid.") repeats footnote 2's source: it is no item of its own.
    amnesty, un, letter = items
    assert [item["custom"]["provenance"]["footnote"] for item in items] == [1, 2, 4]
    assert _without_custom(amnesty) == {
        "type": "report",
        "author": [{"literal": "Amnesty International"}],  # the body that issues the code
        "title": "Sri Lanka: Detention of returnees",
        "issued": {"date-parts": [[2001, 5]]},
        "number": "ASA 37/012/2001",
        "publisher": "Amnesty International",
        "note": "Amnesty International described the practice in",
    }
    # A footnote's pinpoint belongs to the citation, so it is a note, not the item's pages.
    # A UN document known only by its symbol: by the organ the symbol names, titled by it.
    assert _without_custom(un) == {
        "type": "report",
        "author": [{"literal": "Committee against Torture"}],
        "title": "UN Doc. CAT/C/LKA/CO/2",
        "publisher": "United Nations",
        "note": "See also CAT/C/LKA/CO/3, para. 4. cited at para. 16",
    }
    assert un["custom"]["provenance"]["code"] == "CAT/C/LKA/CO/2"
    assert _without_custom(letter) == {
        "type": "personal_communication",
        "author": [{"literal": "the Ministry of Justice"}],
        "genre": "Letter",
        "issued": {"date-parts": [[2002, 3, 3]]},
        "note": "to the Special Rapporteur; cited at p. 2",
    }


def test_cli_fixture_shape() -> None:
    text = (
        "Returnees [ABC12345.E]\n\nReturnees are questioned (Yonhap 3 March 1999).\n\n"
        'References\n\nYonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n'
    )
    (item,) = document_to_csl(provenance.parse(text, "good.md"))
    assert item["author"] == [{"literal": "Yonhap"}]
    assert item["type"] == "article-newspaper"


# --------------------------------------------------------------------------- ids


def test_ids_are_readable_keys_made_from_the_items() -> None:
    ids = [item["id"] for item in document_to_csl(provenance.parse(IRB, "reports/irb.txt"))]
    assert ids == [
        "daily-mirror-2001-returnees",
        "perera-2001",
        "jane-smith-2001-detentions",
        "ministry-defence-2001-annual",
        "silva-2001-returnees",
        "island-2001-returnees",
    ]
    notes = [item["id"] for item in document_to_csl(provenance.parse(NOTES, "notes.txt"))]
    assert notes == [
        "amnesty-international-2001-sri",
        "committee-against-torture-nd-cat-c-lka-co-2",
        "ministry-justice-2002-letter",
    ]


def test_ids_do_not_change_with_how_the_path_is_typed(tmp_path: Path) -> None:
    report = tmp_path / "seeds" / "irb.txt"
    report.parent.mkdir()
    report.write_text(IRB, encoding="utf-8")
    typed = ["seeds/irb.txt", "./seeds/irb.txt", str(report), "elsewhere/irb.txt"]
    keys = [[item["id"] for item in document_to_csl(provenance.parse(IRB, p))] for p in typed]
    assert all(ids == keys[0] for ids in keys)
    # Nor without a path: the key is the item's own.
    assert [item["id"] for item in document_to_csl(provenance.parse(IRB))] == keys[0]


def test_ids_are_deduplicated_with_suffixes_across_documents() -> None:
    documents = [provenance.parse(NOTES, "a.txt"), provenance.parse(NOTES, "b.txt")]
    items = json.loads(documents_to_csl_json(documents))
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids) == 6
    assert ids[3:] == [f"{item_id}-2" for item_id in ids[:3]]
    assert documents_to_csl_json(documents) == documents_to_csl_json(documents)


def test_a_suffix_never_takes_another_items_own_key() -> None:
    def item(*parts: str) -> dict[str, Any]:
        return _item(ReferenceEntry(kind="footnote", index_code=UnSymbol(parts)))

    # The key of CAT/C/LKA/CO/2 is what a second CAT/C/LKA/CO would get as its suffixed key.
    items = [item("CAT", "C", "LKA", "CO", "2"), item("CAT", "C", "LKA", "CO")]
    items.append(item("CAT", "C", "LKA", "CO"))
    _assign_ids(items)
    stem = "committee-against-torture-nd-cat-c-lka-co"
    assert [i["id"] for i in items] == [f"{stem}-2", stem, f"{stem}-3"]


def test_keys_drop_accents_stop_words_and_fall_back_to_the_body_and_code() -> None:
    assert item_key({"author": [{"literal": "Fundación Déjame Vivir"}], "title": "El Informe"}) == (
        "fundacion-dejame-vivir-nd-informe"
    )
    assert item_key({"publisher": "United Nations", "issued": {"date-parts": [[2004]]}}) == (
        "united-nations-2004"
    )
    assert item_key({"title": "A Report", "URL": "http://x.org/a"}) == "nd-report"
    assert item_key({"title": "S. Korean Authorities"}) == "nd-korean"
    assert item_key({"title": "S."}) == "nd-s"
    assert item_key({"URL": "http://www.hrw.org/x"}) == "nd-hrw-org"
    assert item_key({"URL": "www.amnesty.org"}) == "nd-amnesty-org"


def test_no_references_no_items() -> None:
    assert document_to_csl(provenance.parse("A report with no sources.\n", "x.txt")) == []
    assert documents_to_csl_json([]) == "[]\n"


# --------------------------------------------------------------------------- dates


def _item(entry: ReferenceEntry, section: str = "references") -> dict[str, Any]:
    span = LineIndex("text").span(0, 4)
    return reference_to_csl(Reference(entry, section, "text", span), "item-1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("date", "parts"),
    [
        (Date(1999), [[1999]]),
        (Date(1999, 2), [[1999, 2]]),
        (Date(1999, 2, 15), [[1999, 2, 15]]),
        (Date(1999, 2, 30), [[1999, 2]]),  # no such day: only what the calendar has
        (Date(1999, None, 5), [[1999]]),
        (DateRange(Date(1999, 9), Date(1999, 10), "alternative"), [[1999, 9], [1999, 10]]),
        (DateRange(Date(1999), Date(2000)), [[1999], [2000]]),
        (DateRange(Date(None, 5, 24), Date(2002, 5, 26)), [[2002, 5, 26]]),
        (DateRange(Date(2002, 5, 1), Date(2002, 5, 1)), [[2002, 5, 1]]),
    ],
)
def test_date_parts_hold_only_known_parts(date: Date | DateRange, parts: list[list[int]]) -> None:
    assert _item(ReferenceEntry(date=date))["issued"] == {"date-parts": parts}


def test_dates_without_a_year_are_left_out() -> None:
    item = _item(ReferenceEntry(date=Date(None, 5, 3), accessed=Date(None)))
    assert "issued" not in item and "accessed" not in item


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("entry", "csl_type"),
    [
        (ReferenceEntry(kind="correspondence", author="Oka, Natsuko"), "personal_communication"),
        (ReferenceEntry(kind="footnote", index_code=IrbCode("LKA", "38043", "E")), "report"),
        (ReferenceEntry(kind="un-short", author="UNESCO", pages="para. 4"), "report"),
        (
            ReferenceEntry(author="Xinhua", title="Talks Resume", date=Date(1999, 3)),
            "article-newspaper",
        ),
        (
            ReferenceEntry(author="BBC Monitoring", title="Talks", date=Date(1999)),
            "article-newspaper",
        ),
        (ReferenceEntry(author="Oxford University Press", title="A Book"), "document"),
        (ReferenceEntry(author="UNHCR, The UN Refugee Agency", title="Note"), "document"),
        (ReferenceEntry(author="Post-Conflict Unit", title="Review", date=Date(2001)), "document"),
        (ReferenceEntry(author="Review", title="Essay", volume="3"), "article-journal"),
        (ReferenceEntry(author="HRW", url="http://www.hrw.org/"), "webpage"),
        (ReferenceEntry(kind="name-only", author="LEXIS/NEXIS"), "document"),
    ],
)
def test_type_mapping(entry: ReferenceEntry, csl_type: str) -> None:
    assert _item(entry)["type"] == csl_type


@pytest.mark.parametrize(
    ("kind", "author", "name"),
    [
        ("correspondence", "Oka, Natsuko", {"family": "Oka", "given": "Natsuko"}),
        ("irb-attachment", "De Silva, Dalton", {"family": "De Silva", "given": "Dalton"}),
        ("irb-attachment", "Smith, J.", {"family": "Smith", "given": "J."}),
        # Only the styles whose grammar reads inverted names; never a split on a guess.
        ("irb", "Oka, Natsuko", {"literal": "Oka, Natsuko"}),
        (
            "correspondence",
            "Ministry of Foreign Affairs",
            {"literal": "Ministry of Foreign Affairs"},
        ),
        ("irb-attachment", "Office 2, Geneva", {"literal": "Office 2, Geneva"}),
        ("footnote", "Human Rights Watch/Helsinki", {"literal": "Human Rights Watch/Helsinki"}),
    ],
)
def test_authors(kind: str, author: str, name: dict[str, str]) -> None:
    assert _item(ReferenceEntry(kind=kind, author=author))["author"] == [name]


def test_names_that_edited_the_work_are_its_editors(
    validator: jsonschema.protocols.Validator,
) -> None:
    text = (
        "References\n\n"
        "Ashe, S. D., & Winter, A. (Eds.). (2020). Researching the far right. Routledge.\n\n"
        "Casis, R.J. (2008). Addressing Climate Change. Quezon City.\n"
    )
    edited, written = document_to_csl(provenance.parse(text, "refs.txt"))
    assert "author" not in edited
    assert edited["editor"] == [{"literal": "Ashe, S. D., & Winter, A."}]
    assert edited["id"].startswith("ashe-s-d")
    assert "editor" not in written and written["author"] == [{"literal": "Casis, R.J."}]
    validator.validate([edited, written])


def test_placeholder_author_is_no_author() -> None:
    assert "author" not in _item(ReferenceEntry(author="_____", title="Second Report"))


@pytest.mark.parametrize(
    ("code", "author", "title", "year", "publisher"),
    [
        (
            AmnestyIndex("ASA", "24", "06", 1996),
            "Amnesty International",
            "AI Index: ASA 24/06/96",
            1996,
            "Amnesty International",
        ),
        (
            IrbCode("KKT", "34458", "E"),
            "Immigration and Refugee Board of Canada",
            "KKT34458.E",
            None,
            "Immigration and Refugee Board of Canada",
        ),
        (
            UnSymbol(("A", "HRC", "25", "63")),
            "Human Rights Council",
            "UN Doc. A/HRC/25/63",
            None,
            "United Nations",
        ),
        (
            UnSymbol(("E", "CN.4", "2004", "9")),
            "Commission on Human Rights",
            "UN Doc. E/CN.4/2004/9",
            2004,
            "United Nations",
        ),
        # A resolution number is no year; an unknown series is the UN's own.
        (
            UnSymbol(("S", "RES", "2012")),
            "Security Council",
            "UN Doc. S/RES/2012",
            None,
            "United Nations",
        ),
        (UnSymbol(("ABC", "1")), "United Nations", "UN Doc. ABC/1", None, "United Nations"),
    ],
)
def test_documents_known_by_their_code(
    code: Any, author: str, title: str, year: int | None, publisher: str
) -> None:
    # Such an entry rendered as "n.d. United Nations." in pandoc: no author, title or date.
    item = _item(ReferenceEntry(kind="footnote", index_code=code))
    assert item["type"] == "report"
    assert item["author"] == [{"literal": author}]
    assert item["title"] == title
    assert "number" not in item  # it is the title
    assert item.get("issued") == ({"date-parts": [[year]]} if year else None)
    assert item["publisher"] == publisher


def test_a_titled_coded_document_keeps_its_title_date_and_number() -> None:
    entry = ReferenceEntry(
        kind="footnote",
        title="Annual Report",
        date=Date(2005, 5),
        index_code=AmnestyIndex("POL", "10", "0001", 2005),
    )
    item = _item(entry)
    assert (item["title"], item["number"], item["issued"]) == (
        "Annual Report",
        "POL 10/0001/2005",
        {"date-parts": [[2005, 5]]},
    )


@pytest.mark.parametrize(
    ("kind", "name", "title"),
    [
        ("irb", "Country Reports for Human Rights Practices for 1999", True),
        ("irb", "Amnesty International Country File: Kazakhstan", True),
        ("un-short", "OHCHR Report 2009", True),
        ("irb", "Reporters Without Borders", False),
        ("irb", "Human Rights Watch/Helsinki", False),
        # A legend's names are bodies whatever they hold.
        ("legend", "Joint submission 1 submitted by: The Faculty", False),
    ],
)
def test_a_title_is_not_an_author(kind: str, name: str, title: bool) -> None:
    item = _item(ReferenceEntry(kind=kind, author=name, date=Date(2000)))
    if title:
        assert item["title"] == name and "author" not in item
    else:
        assert item["author"] == [{"literal": name}] and "title" not in item
    # An entry that has a title keeps its author as written.
    both = _item(ReferenceEntry(kind=kind, author=name, title="T"))
    assert both["author"] == [{"literal": name}]


def test_a_url_wrapped_onto_the_next_line_is_whole() -> None:
    text = (
        "CEDAW report\n\nThe committee wrote.<sup>1</sup>\n\n"
        "<sup>1</sup>Letter from CEDAW to the Permanent Mission of Slovenia, dated 8 February "
        "2011, available from\n"
        "http://tbinternet.ohchr.org/Treaties/CEDAW/Shared%20Documents/SVN/INT_CEDAW_FUL_SVN\n"
        "_11944_E.pdf. See also CEDAW/C/SVN/CO/4/Add.1, para. 12.\n"
    )
    (item,) = document_to_csl(provenance.parse(text, "r.txt"))
    assert item["URL"] == (
        "http://tbinternet.ohchr.org/Treaties/CEDAW/Shared%20Documents/SVN/"
        "INT_CEDAW_FUL_SVN_11944_E.pdf"
    )


@pytest.mark.parametrize(
    ("section", "container", "pages", "page", "note"),
    [
        ("references", None, "14-15", "14-15", None),
        ("attachment", None, "5", "5", None),
        ("footnote", "Refugee Survey Quarterly", "14-15", "14-15", None),
        ("footnote", None, "5", None, "cited at p. 5"),
        ("footnote", None, "14-15", None, "cited at pp. 14-15"),
        ("references", None, "para. 400", None, "cited at para. 400"),
    ],
)
def test_pages_or_pinpoints(
    section: str, container: str | None, pages: str, page: str | None, note: str | None
) -> None:
    item = _item(ReferenceEntry(title="T", container=container, pages=pages), section)
    assert item.get("page") == page
    assert item.get("note") == note


# --------------------------------------------------------------------------- corpora


def test_seed_references_validate(
    validator: jsonschema.protocols.Validator, seed_results: list[tuple[Document, Any]]
) -> None:
    documents = [document for document, _ in seed_results]
    items = json.loads(documents_to_csl_json(documents))
    validator.validate(items)
    expected = sum(
        1
        for document in documents
        for reference in document.references
        if reference.entry.kind not in NOT_SOURCES
    )
    assert len(items) == expected > 0
    assert len({item["id"] for item in items}) == len(items)
    # Every item traces back to its entry in the report.
    for item in items:
        where = item["custom"]["provenance"]
        assert where["path"].endswith(".txt") and where["line"] >= 1 and where["text"]


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice reports not present")
def test_practice_references_validate(validator: jsonschema.protocols.Validator) -> None:
    documents = [provenance.parse_file(path) for path in sorted(PRACTICE.glob("*.txt"))]
    items = json.loads(documents_to_csl_json(documents))
    assert items
    validator.validate(items)
    assert len({item["id"] for item in items}) == len(items)


# --------------------------------------------------------------------------- properties

_dates = st.builds(
    Date,
    year=st.one_of(st.none(), st.integers(1, 9999)),
    month=st.one_of(st.none(), st.integers(-1, 14)),
    day=st.one_of(st.none(), st.integers(-1, 40)),
    weekday=st.one_of(st.none(), st.integers(0, 6)),
    qualifier=st.sampled_from([None, "early", "mid", "late"]),
)
_date_values = st.one_of(
    st.none(),
    _dates,
    st.builds(DateRange, _dates, _dates, st.sampled_from(["range", "alternative"])),
)
_text = st.one_of(st.none(), st.text(max_size=40))
_codes = st.one_of(
    st.none(),
    st.builds(
        AmnestyIndex,
        st.text(max_size=4),
        st.text(max_size=3),
        st.text(max_size=4),
        st.integers(1900, 2100),
    ),
    st.builds(
        IrbCode, st.text(max_size=4), st.text(max_size=6), st.one_of(st.none(), st.text(max_size=2))
    ),
    st.builds(UnSymbol, st.lists(st.text(max_size=6), min_size=1, max_size=5).map(tuple)),
)
_entries = st.builds(
    ReferenceEntry,
    author=_text,
    place=_text,
    date=_date_values,
    title=_text,
    container=_text,
    volume=_text,
    issue=_text,
    pages=_text,
    url=_text,
    accessed=st.one_of(st.none(), _dates),
    index_code=_codes,
    kind=st.sampled_from([*REFERENCE_STYLES, "unstructured"]),
    note=_text,
)
_sections = st.sampled_from(get_args(Section))


@settings(max_examples=150, deadline=None)
@given(
    entry=_entries,
    section=_sections,
    number=st.one_of(st.none(), st.integers(1, 500)),
    text=st.text(min_size=1, max_size=60),
)
def test_any_entry_is_valid_csl(
    validator: jsonschema.protocols.Validator,
    entry: ReferenceEntry,
    section: str,
    number: int | None,
    text: str,
) -> None:
    reference = Reference(entry, section, text, LineIndex(text).span(0, len(text)), number)  # type: ignore[arg-type]
    item = reference_to_csl(reference, "item-1", "a.txt")
    validator.validate([item])
    json.loads(json.dumps(item))
    for key in ("issued", "accessed"):
        for parts in item.get(key, {}).get("date-parts", []):
            assert 1 <= len(parts) <= 3
            if len(parts) > 1:
                assert 1 <= parts[1] <= 12
    for key, value in item.items():
        if isinstance(value, str):
            assert value == value.strip() and value, key
