from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import provenance
from provenance.excerpts import AFTER, BEFORE, ELLIPSIS, SPAN_SHOWN, context
from provenance.span import LineIndex, Span


def _at(text: str, piece: str) -> Span:
    start = text.index(piece)
    return LineIndex(text).span(start, start + len(piece))


def test_the_context_is_the_sentence_that_holds_the_span() -> None:
    text = "First sentence here. Police beat him (Smith 2001) in May. Third one follows."
    found = context(text, _at(text, "(Smith 2001)"))
    assert found.text == "Police beat him (Smith 2001) in May."
    assert found.text[found.start : found.start + found.length] == "(Smith 2001)"
    assert found.pointer() == " " * 16 + "^" + "~" * 11


def test_a_long_sentence_is_cut_at_words_with_an_ellipsis() -> None:
    words = " ".join(f"word{i}" for i in range(200))
    text = f"{words} (Smith 2001) {words}."
    found = context(text, _at(text, "(Smith 2001)"))
    assert found.text.startswith(ELLIPSIS + "word")
    assert found.text.endswith(ELLIPSIS)
    assert len(found.text) <= BEFORE + len("(Smith 2001)") + AFTER + 2
    assert found.text[found.start : found.start + found.length] == "(Smith 2001)"


def test_line_breaks_and_runs_of_spaces_become_one_space() -> None:
    text = "Title\n\nThe police\n   beat him (Smith\n 2001) there.\n\nNext paragraph."
    found = context(text, _at(text, "(Smith\n 2001)"))
    # The context stays within the span's line before it and after it.
    assert found.text == "beat him (Smith 2001) there."
    assert found.text[found.start : found.start + found.length] == "(Smith 2001)"


def test_a_long_span_is_shortened() -> None:
    text = "x" * 500
    found = context(text, LineIndex(text).span(0, 500))
    assert found.length == SPAN_SHOWN
    assert found.text.startswith("x" * (SPAN_SHOWN - 1) + ELLIPSIS)


def test_findings_carry_their_context() -> None:
    text = "Report title\n\nThe police beat him on 31 February 2003. Others fled.\n"
    findings = provenance.check(provenance.parse(text))
    assert findings
    for finding in findings:
        assert finding.context is not None
        assert "\n" not in finding.context.text


@given(st.text(alphabet="ab .\n", max_size=300), st.data())
def test_the_span_is_always_inside_the_context(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = context(text, LineIndex(text).span(start, end))
    assert "\n" not in found.text
    assert 0 <= found.start <= len(found.text)
    shown = found.text[found.start : found.start + found.length]
    expected = " ".join(text[start:end].split())
    if expected and len(expected) <= SPAN_SHOWN:
        assert shown == expected
    assert len(found.text) <= BEFORE + SPAN_SHOWN + AFTER + 4


def test_a_finding_works_out_its_context_from_the_text_it_holds() -> None:
    import pickle

    from provenance.excerpts import Around
    from provenance.findings import Finding, Severity

    text = "First sentence here. Police beat him (Smith 2001) in May. Third one follows."
    span = _at(text, "(Smith 2001)")
    held = Finding("hedged-claim", Severity.INFO, "m", span, "(Smith 2001)", context=Around(text))
    given_context = Finding("hedged-claim", Severity.INFO, "m", span, "(Smith 2001)", context=None)
    assert held.context == context(text, span)
    assert held == given_context  # the context is no part of a finding's identity
    sent = pickle.loads(pickle.dumps(held))
    assert sent.context == context(text, span)
    assert text not in pickle.dumps(held).decode("latin-1")  # sent without the whole text


def test_findings_of_a_check_share_their_repeated_messages_and_excerpts() -> None:
    text = "Treatment of returnees [ABC12345.E]\n\n" + " ".join(
        ["Detainees were reportedly beaten."] * 5
    )
    findings = [f for f in provenance.check(provenance.parse(text)) if f.rule == "hedged-claim"]
    assert len(findings) == 5
    assert len({id(f.message) for f in findings}) == 1
    assert len({id(f.excerpt) for f in findings}) == 1
    assert all(f.context == context(text, f.span) for f in findings)
