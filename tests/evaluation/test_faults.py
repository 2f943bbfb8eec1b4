"""Planted faults: each change is the one named, made where the truth says, and reproducible."""

from __future__ import annotations

import re
from typing import Any

from provenance.evaluation import faults

TEXT = (
    "Treatment of journalists [ABC12345.E]\n"
    "\n"
    "On Monday, 2 August 2004 two reporters were detained (The Korea Post Feb. 1999).\n"
    "They were later released after questioning by the police at the station.[1]\n"
    "\n"
    "References\n"
    "\n"
    'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n'
    "\n"
    "[1] Letter of 3 May 2004.\n"
)
TRUTH: dict[str, Any] = {
    "references": [{"line": 8, "author": "The Korea Post"}],
    "citations": [{"line": 3, "text": "(The Korea Post Feb. 1999)", "reference_line": 8}],
    "footnotes": [{"number": 1, "marker_line": 4, "body_line": 10}],
}


def test_drop_cited_reference_removes_the_entry() -> None:
    [fault] = faults.drop_cited_reference(TEXT, TRUTH)
    assert "Reporters Held" not in fault.text
    assert "(The Korea Post Feb. 1999)" in fault.text


def test_drop_note_body_and_call() -> None:
    [body] = faults.drop_note_body(TEXT, TRUTH)
    assert "Letter of 3 May" not in body.text and "station.[1]" in body.text
    [call] = faults.drop_note_call(TEXT, TRUTH)
    assert "station.\n" in call.text and "[1] Letter" in call.text


def test_change_weekday_only_changes_a_right_weekday() -> None:
    [fault] = faults.change_weekday(TEXT, TRUTH)  # 2 August 2004 was a Monday
    assert "Wednesday, 2 August 2004" in fault.text
    assert list(faults.change_weekday("On Friday, 2 August 2004.", TRUTH)) == []


def test_impossible_date_and_citation_date() -> None:
    dates = list(faults.impossible_date(TEXT, TRUTH))
    assert [f.line for f in dates] == [3, 10]
    assert re.search(r"On Monday, 31 (April|June|September|November) 2004", dates[0].text)
    [cite] = faults.change_citation_date(TEXT, TRUTH)
    assert "(The Korea Post Feb. 1996)" in cite.text


def test_insert_uncorroborated_adds_one_sentence_to_prose() -> None:
    [fault] = faults.insert_uncorroborated(TEXT, TRUTH)
    assert fault.line == 3
    added = fault.text.split("\n")[2]
    assert added.endswith(faults.UNCORROBORATED_SENTENCES[0])


def test_plant_is_reproducible_and_every_kind_has_rules() -> None:
    assert set(faults.PLANTERS) == set(faults.FAULT_RULES)
    first = faults.plant(TEXT, TRUTH, seed=1)
    assert [f.text for f in first] == [f.text for f in faults.plant(TEXT, TRUTH, seed=1)]
    assert {f.kind for f in first} == set(faults.PLANTERS)


def test_a_dropped_reference_of_a_source_also_consulted_counts_as_found() -> None:
    # The rule that reports it says so: its source is now listed only as consulted.
    import provenance

    text = (
        "Situation of returnees [ABC12345.E]\n\n"
        "Returnees are questioned at the airport (Amnesty International 1999).\n\n"
        "References\n\n"
        "Amnesty International (AI). 1999. Annual Report 1999. London: AI.\n\n"
        "Additional Sources Consulted\n\n"
        "Amnesty International\n\n"
        "Human Rights Watch\n"
    )
    truth = {
        "references": [{"line": 7}, {"line": 11}, {"line": 13}],
        "citations": [{"line": 3, "text": "(Amnesty International 1999)", "reference_line": 7}],
    }
    (fault,) = faults.drop_cited_reference(text, truth)
    found = {f.rule for f in provenance.check(provenance.parse(fault.text))}
    assert found & faults.FAULT_RULES["drop-cited-reference"] == {"cited-only-as-consulted"}


def test_a_dropped_reference_of_a_source_also_attached_counts_as_found() -> None:
    # The rule that reports it says so: its source is now listed only among the Attachments.
    import provenance

    text = (
        "Protection of police officers [DZA18834.E]\n\n"
        "Employees were relocated to Algiers (The Herald 10 Jan. 1994).\n\n"
        "References\n\n"
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n\n'
        "Attachments\n\n"
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."\n'
    )
    truth = {
        "references": [{"line": 7}, {"line": 9}, {"line": 13}],
        "citations": [{"line": 3, "text": "(The Herald 10 Jan. 1994)", "reference_line": 7}],
    }
    (fault,) = faults.drop_cited_reference(text, truth)
    found = {f.rule for f in provenance.check(provenance.parse(fault.text))}
    assert found & faults.FAULT_RULES["drop-cited-reference"] == {"cited-only-as-attachment"}


def test_a_dropped_note_text_whose_call_was_not_read_counts_as_found_by_the_gap() -> None:
    # Note 2's call is not one the reading takes, so its text stands uncalled; once the text
    # goes, nothing of note 2 is left and the numbering says it is missing.
    import provenance

    text = (
        "Russian Federation: North Korean workers\n\n"
        "Some 2,500 workers remained in Russia.<sup>1</sup> Many left the logging sites (2) "
        "for the cities.<sup>3</sup>\n\n"
        "<sup>1</sup> Interview with a former logger, Seoul, March 1996.\n\n"
        "<sup>2</sup> Interview with a refugee, Moscow, May 1996.\n\n"
        "<sup>3</sup> Interview with a driver, Seoul, June 1996.\n"
    )
    truth = {
        "footnotes": [
            {"number": n, "marker_line": 3, "body_line": line}
            for n, line in ((1, 5), (2, 7), (3, 9))
        ]
    }
    (fault,) = [f for f in faults.drop_note_body(text, truth) if "note 2 " in f.description]
    found = [f.rule for f in provenance.check(provenance.parse(fault.text))]
    assert found == ["footnote-numbering"]
    assert "footnote-numbering" in faults.FAULT_RULES["drop-note-body"]


def test_a_dropped_reference_whose_source_the_list_still_writes_counts_as_found() -> None:
    # Cassius is still written in the list (as a co-author), so the citation left without its
    # entry is a citations-not-linked warning (the entry may be there unread), not an error.
    import provenance

    text = (
        "Informal transport\n\n"
        "Drivers earn little (Kumar, 2021). Fares are set by drivers (Raman, 2020). Most rent "
        "their vehicles (Cassius, 2021).\n\n"
        "References\n\n"
        "Cassius, S. (2021). Future of Paratransit and Shared Mobility.\n\n"
        "Kumar, A. (2021). Myths and Realities of Informal Public Transport.\n\n"
        "Raman, A., & Cassius, S. (2020). Informal Transport in South Asia.\n"
    )
    truth = {
        "references": [{"line": 7}, {"line": 9}, {"line": 11}],
        "citations": [{"line": 3, "text": "(Cassius, 2021)", "reference_line": 7}],
    }
    rules = faults.FAULT_RULES["drop-cited-reference"]
    clean = [f.rule for f in provenance.check(provenance.parse(text)) if f.rule in rules]
    (fault,) = faults.drop_cited_reference(text, truth)
    changed = [f.rule for f in provenance.check(provenance.parse(fault.text)) if f.rule in rules]
    assert clean == []
    assert changed == ["citations-not-linked"]


def test_insert_uncorroborated_speaks_in_running_text_only() -> None:
    # The wrapped lines of an entry and of a note end like sentences, but a report never says
    # in its own voice, inside a bibliography entry or a note, that it could not corroborate.
    text = (
        "Treatment of journalists\n"
        "\n"
        "Two reporters were detained at the airport and questioned for several hours (Kim 1999).\n"
        "\n"
        "References\n"
        "Kim, S. (1999). Reporters held at the airport of Seoul after their return from abroad,\n"
        "as the Korea Post reported in its issue of February 1999. Seoul: Korea Post Press.\n"
        "\n"
        "[1] Letter of 3 May 2004 from a professor of law at a university in Seoul to the\n"
        "Research Directorate, describing what happened to the two reporters in March.\n"
        "Notes\n"
        "The following paragraph sums up what the sources consulted say about the reporters.\n"
    )
    truth = {
        "references": [{"line": 6}],
        "citations": [{"line": 3, "text": "(Kim 1999)", "reference_line": 6}],
        "footnotes": [{"number": 1, "marker_line": None, "body_line": 9}],
    }
    lines = text.split("\n")
    assert {i + 1 for i in faults._entry_and_note_lines(lines, truth)} == {6, 7, 9, 10}
    planted = (faults.insert_uncorroborated(text, truth, seed) for seed in range(20))
    places = {fault.line for some in planted for fault in some}
    assert places == {3, 12}


def test_a_double_spaced_list_is_excluded_whole() -> None:
    # A PDF's text with a blank line after each line: an entry's wrapped lines stand apart.
    entry = (
        "Lyon, John. Use of maps, aerial photographs, and other remote sensor data for\n"
        "\n"
        "evaluations of hazardous waste sites. Photogrammetric Engineering and Remote.\n"
        "\n"
    )
    text = (
        "Dumpsites were found from the air in most of the districts surveyed last year.\n"
        "\n"
        "References\n"
        "\n" + entry * 3 + "The end of the report, after the list, which speaks once more.\n"
    )
    truth = {"references": [{"line": 5}, {"line": 9}, {"line": 13}]}
    lines = text.split("\n")
    assert {i + 1 for i in faults._entry_and_note_lines(lines, truth)} == set(range(5, 17))
    planted = (faults.insert_uncorroborated(text, truth, seed) for seed in range(20))
    places = {fault.line for some in planted for fault in some}
    assert places == {1, 17}
    assert faults._entry_and_note_lines(lines, {}) == set()
