"""URL text: the inverse of ``provenance.parsers.urls.parse_url`` for well-formed URLs.

A URL value is its text (``Url.text`` as written, or the whitespace-free form ``parse_url``
gives). ``render_url`` writes it so that ``parse_url(render_url(url)) == (url, None)``, and
refuses text that is not a well-formed URL rather than write something the parser reads
differently. A URL is written as it stands: no scheme is added and no case is changed, since
either would change the value.
"""

from __future__ import annotations

from typing import Literal

from provenance.errors import GrammarError
from provenance.parsers.urls import parse_url

__all__ = ["URL_STYLES", "UrlStyle", "render_url"]

UrlStyle = Literal["plain"]
URL_STYLES: tuple[UrlStyle, ...] = ("plain",)


def render_url(url: str, style: UrlStyle = "plain") -> str:
    """The text of a well-formed URL; ``ValueError`` for a malformed one or one with spaces."""
    if style not in URL_STYLES:
        raise ValueError(f"unknown URL style {style!r}; expected one of {URL_STYLES}")
    try:
        normalised, problem = parse_url(url)
    except GrammarError as error:
        raise ValueError(f"not a URL: {url!r}") from error
    if problem is not None or normalised != url:
        raise ValueError(f"not a well-formed URL ({problem or 'whitespace inside'}): {url!r}")
    return url
