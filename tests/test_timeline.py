"""The timeline: dated statements resolved against their anchors, ages, spans and figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.folding import caseless_starts
from provenance.model import Date, DateRange
from provenance.serialize import document_to_dict
from provenance.timeline import (
    _CHANGE_WORDS,
    _FIGURE_WORD_STARTS,
    _FIGURE_WORDS,
    Interval,
    Timeline,
    TimelineEntry,
    _matches_in,
    add_months,
    completed_months,
    date_interval,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def timeline(text: str) -> Timeline:
    found = provenance.parse(text).timeline
    assert found is not None
    return found


def entry(found: Timeline, text: str) -> TimelineEntry:
    return next(e for e in found.entries if e.text == text)


def test_intervals() -> None:
    assert date_interval(Date(2004, 9)) == Interval(dt.date(2004, 9, 1), dt.date(2004, 9, 30))
    assert date_interval(Date(2003)) == Interval(dt.date(2003, 1, 1), dt.date(2003, 12, 31))
    assert date_interval(DateRange(Date(2002, 5, 24), Date(2002, 5, 26))) == Interval(
        dt.date(2002, 5, 24), dt.date(2002, 5, 26)
    )
    assert date_interval(Date(None, 5, 29)) is None
    assert Interval(dt.date(2004, 9, 1), dt.date(2004, 9, 30)).iso() == "2004-09"
    assert Interval(dt.date(2004, 1, 1), dt.date(2004, 12, 31)).iso() == "2004"
    assert add_months(dt.date(2004, 1, 31), 1) == dt.date(2004, 2, 29)
    assert completed_months(dt.date(1999, 11, 15), dt.date(2002, 5, 24)) == 30
    assert completed_months(dt.date(1999, 11, 15), dt.date(2000, 11, 14)) == 11


def test_steps_and_offsets_resolve_from_the_statement_before() -> None:
    found = timeline(
        "Arrests\n\nPolice arrested him on 3 March 2001. Two weeks later he was moved. "
        "The next year, on 5 May 2002, he was freed. That day his family waited.\n"
    )
    later = entry(found, "Two weeks later")
    assert later.interval is not None and later.interval.iso() == "2001-03-16/2001-03-18"
    assert later.anchor_text == "3 March 2001" and later.confidence == "high"
    following = entry(found, "The next year")
    assert following.stated is not None and following.stated.text == "5 May 2002"
    assert following.agrees is True
    same = entry(found, "That day")
    assert same.interval is not None and same.interval.iso() == "2002-05-05"


def test_a_relative_date_that_disagrees_with_its_date() -> None:
    found = timeline(
        "Events\n\nThe office was raided in August 2004. Just one month earlier, in September "
        "2004, staff had been warned.\n"
    )
    assert entry(found, "Just one month earlier").agrees is False


def test_several_anchors_the_one_that_agrees_is_taken() -> None:
    found = timeline(
        "Aid\n\nIn May 2003 we gave 300 sets, and 400 more in October 2003. In May 2004, just one "
        "year later, we gave 500 sets.\n"
    )
    later = entry(found, "just one year later")
    assert later.agrees is True and later.anchor_text == "May 2003"
    assert later.confidence == "medium"


def test_a_date_before_the_expression_is_its_anchor_unless_it_opens_the_clause() -> None:
    found = timeline(
        "Events\n\nHe joined the party in 1995. He was arrested in 1998, two years later he "
        "fled. In 1999, one year later, he was tried.\n"
    )
    splice = entry(found, "two years later")
    assert splice.stated is None and splice.anchor_text == "1998"
    opening = entry(found, "one year later")
    assert opening.stated is not None and opening.stated.text == "1999"
    assert opening.agrees is True


def test_an_anchor_from_another_paragraph_is_never_sure() -> None:
    found = timeline(
        "Events\n\nThe office was raided in August 2004.\n\nJust one month earlier, in "
        "September 2004, staff had been warned.\n"
    )
    later = entry(found, "Just one month earlier")
    assert later.confidence == "low" and later.agrees is None


def test_present_anchors_need_the_document_date() -> None:
    found = timeline("Report\n\nLast year the law changed.\n")
    assert entry(found, "Last year").interval is None


def test_seed_003_ages() -> None:
    document = provenance.parse_file(SEEDS / "003_1657d4287ccc633e.txt")
    assert document.timeline is not None
    ages = {a.mention.text: a for a in document.timeline.ages if a.birth is not None}
    thirty = ages["30 months old"]
    assert thirty.birth is not None and thirty.birth.value == Date(1999, 11, 15)
    assert thirty.at_text == "May 24~26, 2002" and thirty.months == (30, 30)
    twelve = ages["only 12 months old"]
    assert twelve.at_text == "November 22, 2000" and twelve.months == (12, 12)
    assert twelve.confidence == "high" and twelve.agrees is True
    # The mother's age is never set against her son's birth.
    assert "31 years old" not in ages
    same = next(e for e in document.timeline.entries if e.text == "the same year")
    assert same.interval is not None and same.interval.iso() == "1999"


def test_seed_004_statements_in_json() -> None:
    document = provenance.parse_file(SEEDS / "004_604fa044de79772a.txt")
    data = json.loads(json.dumps(document_to_dict(document)))["timeline"]
    entries = {e["text"]: e for e in data["entries"]}
    assert entries["The next year"]["value"] == "2004"
    assert entries["The next year"]["anchor"]["text"] == "August 2003"
    earlier = entries["Just one month earlier"]
    assert earlier["stated"]["text"] == "September 2004" and earlier["agrees"] is True
    later = entries["just one year later"]
    assert later["anchor"]["text"] == "May 2003" and later["value"] == "2004-03-31/2004-07-01"
    assert later["agrees"] is True
    (total,) = data["totals"]
    assert total["parts_total"] == 29 and total["agrees"] is True
    (change,) = data["changes"]
    assert change["new"]["text"] == "500 sets"
    assert change["base"]["text"] == "approximately 300 sets"
    assert change["actual"] == pytest.approx(1.6667) and change["agrees"] is True


def test_durations_against_a_range() -> None:
    found = timeline(
        "Detention\n\nHe was held for three weeks, from 1 March to 30 April 2001.\n\n"
        "She was held for two months, from 1 March to 30 April 2001.\n"
    )
    first, second = found.durations
    assert first.agrees is False and first.days == (60, 60)
    assert second.agrees is True


def test_totals() -> None:
    found = timeline(
        "Arrivals\n\nThey were 29 refugees, including 11 men, 15 women and 2 children. "
        "Of 200 detainees, including 3 journalists and 2 lawyers, none was charged. "
        "Of 30 people, including 10 men and 12 women, 8 were children. "
        "Some 11,033 people (4,194 women, 6,839 men and 3,291 youth) were reached.\n"
    )
    first, second, third, fourth = found.breakdowns
    assert first.parts_total == 28 and first.agrees is False
    # Parts that may be only some of the total, or overlap, are not added up.
    assert second.agrees is None and third.agrees is True
    assert fourth.mention.value.total.hedge == "about" and fourth.agrees is None


# ---------------------------------------------------------------- the figure-word test


_FIGURE_PIECES = st.sampled_from(
    ["fold", "Times", "per cent", "PER\tcent", "percent", "including", "Comprising", "made  up",
     "namely", "of whom", "Of which", "among them", "Among whom", "(", ": ", "(3", ": two", "(a",
     "%", "of", "x", " ", "\n", "manifold", "sometimes", "\u017f", "\u0130", "\u00e9", "Fold",
     "TIMES", "Per Cent", "perCENT", "timesx", "pe", "r"]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_FIGURE_PIECES, max_size=16), st.integers(0, 40), st.integers(0, 40))
def test_figure_words_tried_at_their_starts_as_searched(
    pieces: list[str], start: int, length: int
) -> None:
    """The figure words and the change words (whose every match begins where a figure word
    does), tried only where a figure word starts, are found where a search finds them."""
    text = "".join(pieces)
    end = min(len(text), start + length)
    starts = caseless_starts(text, _FIGURE_WORD_STARTS)
    for pattern in (_FIGURE_WORDS, _CHANGE_WORDS):
        searched = pattern.search(text, start, end) is not None
        assert _matches_in(pattern, text, start, end, starts) is searched
        assert _matches_in(pattern, text, start, end, None) is searched
