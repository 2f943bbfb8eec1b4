"""The scans for plain-digit note calls find the same places with their leading ``(?=\\d)``
(which only lets the regex engine pass non-digits quickly) as without it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.parsers import footnotes

_PREFIX = r"(?=\d)"
_SCANS = ["_GLUED_CALL", "_YEAR_GLUED_CALL", "_CALL_RUN"]

# Pieces of prose around note calls: words, sentence ends, figures, years, line ends.
_PIECES = [
    "abuse", ".", ",", ";", ")", "”", " ", "\n", "\t", "1", "12", "0", "2013", "1999", "363738",
    "A", "The", "review", "2.", "3.2", "(", "US$24.5", "x",
]  # fmt: skip


@pytest.mark.parametrize("name", _SCANS)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_a_scan_finds_what_it_found_without_its_digit_lookahead(name: str, text: str) -> None:
    scan = getattr(footnotes, name)
    assert scan.pattern.startswith(_PREFIX)
    without = re.compile(scan.pattern[len(_PREFIX) :])
    found = [(m.span(), m.lastindex, m.groups()) for m in scan.finditer(text)]
    assert found == [(m.span(), m.lastindex, m.groups()) for m in without.finditer(text)]
