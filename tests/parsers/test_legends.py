"""Source legends: grammars/legend.lark, its reader and renderer, and legends found in notes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import provenance
from provenance.errors import GrammarError
from provenance.grammars import grammar_parser
from provenance.layout import source_legend
from provenance.parsers.legends import LegendItem, legend_body, parse_legend_item
from provenance.render.legends import render_legend_item


@pytest.mark.parametrize(
    ("line", "short_form", "body", "attached"),
    [
        (
            "        AI                  Amnesty International, London, United Kingdom*;",
            "AI",
            "Amnesty International",
            False,
        ),
        (
            "FMDVEP Fundación Mundial Déjame Vivir en Paz, San José, Costa Rica;",
            "FMDVEP",
            "Fundación Mundial Déjame Vivir en Paz",
            False,
        ),
        (
            "Broken Chalk                  The Broken Chalk, Amsterdam (the Netherlands);",
            "Broken Chalk",
            "The Broken Chalk",
            False,
        ),
        (
            "       PTPR/JS3                       Joint submission 3 submitted by: Members of the",
            "PTPR/JS3",
            "Joint submission 3 submitted by: Members of the",
            False,
        ),
        (
            "(CoE-ECRI) European Commission against Racism and Intolerance’s conclusions",
            "CoE-ECRI",
            "European Commission against Racism and Intolerance’s conclusions",
            True,
        ),
        # A bracketed short form of several words, lower case and digits included.
        (
            "     (CoE-ECRI Conclusions) European Commission against",
            "CoE-ECRI Conclusions",
            "European Commission against",
            True,
        ),
        (
            "(OSCE/ODIHR Elections Report of 2018) Elections Report of",
            "OSCE/ODIHR Elections Report of 2018",
            "Elections Report of",
            True,
        ),
        # A dash between the bracket and the name.
        (
            "(CoE-GRETA) - Group of Experts on Action against",
            "CoE-GRETA",
            "Group of Experts on Action against",
            True,
        ),
    ],
)
def test_items_as_un_legends_write_them(
    line: str, short_form: str, body: str, attached: bool
) -> None:
    item = parse_legend_item(line)
    assert (item.short_form, item.body, item.attached) == (short_form, body, attached)


@pytest.mark.parametrize(
    "line",
    [
        "        Treatment or Punishment",  # a wrapped name
        "Regional Organizations",  # a group label
        "A/HRC/43/15 and the addendum A/HRC/43/15/Add.1, and A/HRC/43/2.",
        "The report was adopted.",
    ],
)
def test_lines_that_are_not_items(line: str) -> None:
    with pytest.raises(GrammarError):
        parse_legend_item(line)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(from_lark(grammar_parser("legend", ("legend_item",)), start="legend_item"))
def test_generated_items_parse_or_are_refused_by_the_one_space_rule(text: str) -> None:
    try:
        item = parse_legend_item(text)
    except GrammarError:
        # The grammar admits one space after any short form; the reader keeps it for capitals.
        short = text.split("(")[-1].split(")")[0] if text.startswith("(") else text.split(" ")[0]
        assert not short.isupper()
        return
    assert parse_legend_item(render_legend_item(item)) == item


_SHORT = st.from_regex(r"[A-Z][A-Z0-9]{1,5}(-[A-Z][A-Za-z]{1,8})?", fullmatch=True)
_NAME = st.from_regex(r"[A-Z][a-z]{2,10}( [A-Za-z]{2,10}){0,5}[,;]?", fullmatch=True)


@given(_SHORT, _NAME, st.booleans())
def test_values_render_to_text_that_reads_back(short: str, name: str, attached: bool) -> None:
    item = LegendItem(short, name, attached)
    assert parse_legend_item(render_legend_item(item)) == item


LEGEND = """\
1
  The stakeholders listed below have contributed information:
  Civil society
        AI                  Amnesty International, London, United Kingdom;
        FMDVEP Fundación Mundial Déjame Vivir en Paz, San José, Costa Rica;
        YHD          Association for the Theory and Culture of Handicap (YHD),
                     Ljubljana, Slovenia.
2
  YHD, p.2.
3
  AI, p.3.
"""


def test_a_legend_in_the_first_note_is_read_item_by_item() -> None:
    entries = source_legend(LEGEND, 0, LEGEND.index("\n2\n"), ["YHD, p.2.", "AI, p.3."])
    assert [e.item.short_form for e in entries] == ["AI", "FMDVEP", "YHD"]
    assert LEGEND[entries[2].start : entries[2].end].endswith("Ljubljana, Slovenia.")


def test_a_legend_nothing_cites_with_pages_is_not_a_source_list() -> None:
    # Treaty abbreviations are cited by article, not as sources.
    assert source_legend(LEGEND, 0, LEGEND.index("\n2\n"), ["ICERD, art. 14."]) == []


def test_legend_items_become_source_list_references() -> None:
    text = "The Ombudsman reported it.1 YHD agreed.2 AI too.3\n\nNotes\n" + LEGEND
    document = provenance.parse(text)
    listed = [r for r in document.references if r.section == "source-list"]
    assert [(r.entry.note, r.entry.author) for r in listed] == [
        ("AI", "Amnesty International"),
        ("FMDVEP", "Fundación Mundial Déjame Vivir en Paz"),
        # The body's name without the short form repeated in brackets after it.
        ("YHD", "Association for the Theory and Culture of Handicap"),
    ]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("AI  Amnesty International, London, United Kingdom*;", "Amnesty International"),
        ("SRI  Sexual Rights Initiative (Joint submission);", "Sexual Rights Initiative"),
        (
            "JS1  Joint submission 1 submitted by: ERA-LGBTI Equal Rights Association;",
            "Joint submission 1",
        ),
        # A name wrapped over lines, joined: the body is the whole name, not its first line.
        (
            "OSCE/ODIHR  Office for Democratic Institutions and Human Rights of the Organisation "
            "for Security and Co-operation in Europe, Warsaw, Poland;",
            "Office for Democratic Institutions and Human Rights of the Organisation for Security "
            "and Co-operation in Europe",
        ),
    ],
)
def test_the_body_is_read_from_the_whole_item(text: str, body: str) -> None:
    item = parse_legend_item(text.split("\n")[0])
    assert legend_body(text, item) == body


WRAPPED = """\
1
  Joint submissions:
        JS1      Joint submission 1 submitted by: The Peace
                 Institute (Slovenia);
  Regional intergovernmental organization(s):
        CoE      The Council of Europe, Strasbourg (France);
                 Attachments:
                 (CoE-Commissioner) Report by Mr. Nils Muižnieks,
                 Commissioner for Human Rights of the Council of Europe,
                 Strasbourg, CommDH (2017) 21;
                 (CoE-GRETA) - Group of Experts on Action against
                 Trafficking in Human Beings, adopted on 24 November 2017;
        CoE-CPT  European Committee for the Prevention of Torture and Inhuman or Degrading
        Treatment or Punishment
        EU-FRA   European Union Agency for Fundamental Rights;
        Joint submissions:
2
  JS1, p. 2. CoE-Commissioner, para. 4. CoE-GRETA, p. 3. EU-FRA, p. 7.
"""


def test_items_wrap_onto_lines_as_deep_as_they_are_while_unfinished() -> None:
    entries = source_legend(WRAPPED, 0, WRAPPED.index("\n2\n"), [WRAPPED.split("\n2\n")[1]])
    assert [e.item.short_form for e in entries] == [
        "JS1",
        "CoE",
        "CoE-Commissioner",
        "CoE-GRETA",
        "CoE-CPT",
        "EU-FRA",
    ]
    texts = [" ".join(WRAPPED[e.start : e.end].split()) for e in entries]
    # An attached document wraps under its own bracket, up to the ";" that ends it.
    assert texts[2].endswith("Council of Europe, Strasbourg, CommDH (2017) 21;")
    assert texts[3].endswith("adopted on 24 November 2017;")
    # A name may wrap back to its item's column while the item is unfinished ...
    assert texts[4].endswith("Treatment or Punishment")
    # ... but a finished item ends, and a group label (":") is no wrapped name.
    assert texts[1] == "CoE The Council of Europe, Strasbourg (France); Attachments:"
    assert texts[5] == "EU-FRA European Union Agency for Fundamental Rights;"
