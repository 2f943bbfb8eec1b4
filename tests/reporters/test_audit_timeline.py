"""The document's timeline in the HTML audit: rows in order, provenance, conflicts, an axis that
one outlier does not squash, static and escaped."""

from __future__ import annotations

import re

import provenance
from provenance.auditing import audit_document, build_audit
from provenance.reporters.audit_html import render_audit_html
from provenance.reporters.audit_markdown import render_audit_markdown
from provenance.reporters.audit_timeline import bulk_range, readable, timeline_chart

CONFLICTING = (
    "Raids on the office\n\n"
    "Police raided the office of the association in August 2004. Just one month earlier, "
    "in September 2004, its staff had received threats by telephone. The next year the "
    "office closed. The association was founded in 1823.\n\n"
    "Her son Kim Chol-ho was born on 15 November 1999. When she reached Seoul on 22 November "
    "2000 she had to leave Kim Chol-ho, only 20 months old at that time, in China.\n\n"
    "In 2005, 29 refugees arrived, including 11 men, 15 women and 4 children.\n"
)


def _chart(text: str) -> str:
    document = provenance.parse(text, "report.txt")
    return timeline_chart(0, audit_document(document, provenance.check(document)))


def _rows(chart: str) -> list[str]:
    return re.findall(r'<li class="ev-row[^"]*">.*?</li>', chart)


def test_rows_in_order_with_labels_values_and_provenance() -> None:
    rows = _rows(_chart(CONFLICTING))
    assert len(rows) == 9
    assert "“1823”" in rows[0] and "“2005”" in rows[-1]
    earlier = next(row for row in rows if "Just one month earlier" in row)
    assert "ev-resolved" in earlier and "24 June 2004 to 7 August 2004" in earlier
    assert "from “August 2004”" in earlier and "written with “September 2004”" in earlier
    inferred = _rows(_chart("Arrests\n\nHe was arrested in May 2002. On 13 June he was freed.\n"))
    assert any("ev-inferred" in row and "13 June 2002" in row for row in inferred)


def test_conflicts_are_marked_with_their_rule() -> None:
    chart = _chart(CONFLICTING)
    conflicting = [row for row in _rows(chart) if "ev-conflict" in row]
    assert len(conflicting) == 2
    assert "relative-date-conflict" in conflicting[1] and "age-date-conflict" in conflicting[0]
    assert "2 in conflict" in chart
    assert "sum-mismatch" in chart  # a figure in conflict, listed under the rows


def test_one_outlier_does_not_squash_the_axis() -> None:
    rows = _rows(_chart(CONFLICTING))
    lefts = {
        re.search(r"“([^”]+)”", row)[1]: float(m[1])  # type: ignore[index]
        for row in rows
        if (m := re.search(r'ev-bar[^"]*" style="left:([\d.]+)%', row))
    }
    # 1823 sits in the gutter beyond a break; 1999 to 2005 spread over the rest of the track.
    assert lefts["1823"] < 10
    assert lefts["2005"] - lefts["15 November 1999"] > 60
    assert "axis broken" in _chart(CONFLICTING)


def test_bulk_range_cuts_far_extremes_only() -> None:
    assert bulk_range([1823.0, 1999.9, 2000.9, 2004.6, 2004.7, 2005.0, 2005.5, 2005.9]) == (
        1999.9,
        2005.9,
    )
    steady = [1948.0, 1960.0, 1967.0, 1980.0, 1991.0, 1995.0]
    assert bulk_range(steady) == (1948.0, 1995.0)
    assert bulk_range([1500.0, 2000.0]) == (1500.0, 2000.0)  # two dates: nothing to tell


def test_readable_values() -> None:
    assert readable("2004-09") == "September 2004"
    assert readable("2004-06-24/2004-08-07") == "24 June 2004 to 7 August 2004"
    assert readable("1999") == "1999"


def test_the_own_date_is_drawn_through_the_rows() -> None:
    text = (
        "Korea: Situation\n\nResponse to Information Request KOR12345.E\n\n"
        "12 March 2002\n\nHe was arrested in May 2001 and freed in June 2001. The next year he "
        "left.\n"
    )
    document = provenance.parse(text, "report.txt")
    audit = audit_document(document, provenance.check(document))
    chart = timeline_chart(0, audit)
    assert audit.date == "2002-03-12"
    assert chart.count('class="ev-own"') == len(_rows(chart)) == 4
    assert "document dated 2002-03-12" in chart


def test_static_escaped_and_linked() -> None:
    hostile = (
        "Title\n\nOn 3 May 2001 <script>alert(1)</script> and two weeks later "
        '"><img src=x onerror=alert(2)> he left.\n'
    )
    document = provenance.parse(hostile, "x.txt")
    page = render_audit_html(build_audit([(document, provenance.check(document))]))
    start = page.index('<figure class="events"')
    chart = page[start : page.index("</figure>", start)]
    assert "<script" not in chart and "<img" not in chart
    for target in re.findall(r'href="#([^"]+)"', chart):
        assert f'id="{target}"' in page


def test_markdown_table_of_the_timeline() -> None:
    document = provenance.parse(CONFLICTING, "report.txt")
    text = render_audit_markdown(build_audit([(document, provenance.check(document))]))
    section = text[text.index("### Timeline of events") : text.index("### Timeline of cited")]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines[0] == "| resolved to | statement | line | how | conflict |"
    assert len(lines) == 2 + 9 + 1
    assert any(
        "“Just one month earlier”" in line and "**relative-date-conflict**" in line
        for line in lines
    )
    assert any("**sum-mismatch**" in line for line in lines)
