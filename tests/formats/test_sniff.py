"""Sniffing a file's kind: the web-page test compiles its pattern only where it can match."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from provenance import formats, source

_PIECES = st.sampled_from(
    [
        b"\xef\xbb\xbf",
        b" ",
        b"\t",
        b"\n",
        b"\r",
        b"\x0b",
        b"\x0c",
        b"\xa0",
        b"<",
        b">",
        b"<html>",
        b"<HEAD ",
        b"<body\n",
        b"<!doctype html>",
        b"<!-- a -->",
        b"<?xml version='1.0'?>",
        b"x",
        b"%PDF-",
    ]
)


@given(st.lists(_PIECES, max_size=8).map(b"".join))
def test_the_shortcut_answers_as_the_pattern(data: bytes) -> None:
    assert formats._starts_as_html(data) == bool(formats._html_start().match(data))


def test_a_text_report_is_sniffed_without_compiling_the_pattern() -> None:
    formats._html_start.cache_clear()
    assert formats.sniff(b"\xef\xbb\xbf  Update to ABC12345.E <sup>1</sup>\n") == "text"
    assert formats._html_start.cache_info().misses == 0
    assert formats.sniff(b"\n<!DOCTYPE html><html><body>x") == "html"


def test_bzip2_is_told_from_text_starting_with_its_letters() -> None:
    assert source._binary_kind(b"BZh91AY&SY" + bytes(20)) is not None
    assert source._binary_kind(b"BZh the letters of a report\n") is None
