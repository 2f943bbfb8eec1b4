"""URLs, well-formed and malformed: grammars/url.lark, its transformer, iterator and renderer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Token

from provenance.errors import GrammarError
from provenance.grammars import grammar_parser, parse_full
from provenance.parsers.urls import (
    PROBLEM_BACKSLASHES,
    PROBLEM_EXTRA_SLASH,
    PROBLEM_MISSING_COLON,
    PROBLEM_MISSING_SLASH,
    PROBLEM_MISSING_SLASHES,
    PROBLEM_NO_TLD,
    PROBLEM_SCHEME_MISSPELT,
    PROBLEM_SPACE,
    PROBLEM_WRONG_COLON,
    iter_urls,
    parse_url,
)
from provenance.render.urls import URL_STYLES, render_url
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"


def urls(text: str) -> list[tuple[str, str | None]]:
    return [(url.text, url.problem) for url in iter_urls(text, LineIndex(text))]


# --------------------------------------------------------------------------- shapes


@pytest.mark.parametrize(
    "url",
    [
        "http://www.koreapost.com/1999_02/dip&fo_03.htm",
        "http://www.kcna.co.jp/item/1999/9907/news07/27.htm",
        "https://www.state.gov/trafficking-in-persons-report/",
        "ftp://ftp.example.org/pub/",
        "HTTP://WWW.EXAMPLE.ORG",
        "http://192.168.1.10:8080/a?b=c#d",
        "http://en.wikipedia.org/wiki/Foo_(bar)",
        "http://tbinternet.ohchr.org/Treaties/CEDAW/Shared%20Documents/SVN/INT_CEDAW_FUL_SVN",
        "www.state.gov/j/tip/rls/tiprpt/",
        "www.ohchr.org",
        "www.ohchr.org/EN/HRBodies/SP/Pages/Themes.aspx",
        "www2.example.org/page",
        "www.example.org?id=5",
        "travel.state.gov/content/childabduction/en/legal/compliance.html",
        "treaties.un.org/",
        "example.org:8080/x",
    ],
)
def test_well_formed(url: str) -> None:
    assert parse_url(url) == (url, None)
    assert urls(f"See {url}. Next") == [(url, None)]


@pytest.mark.parametrize(
    ("text", "normalised", "problem"),
    [
        ("http//www.northkoreanrefugees.com", None, PROBLEM_MISSING_COLON),
        ("http:/www.example.org", None, PROBLEM_MISSING_SLASH),
        ("http:///www.example.org", None, PROBLEM_EXTRA_SLASH),
        ("http:www.example.org", None, PROBLEM_MISSING_SLASHES),
        ("http;//www.example.org", None, PROBLEM_WRONG_COLON),
        ("http.//www.example.org", None, PROBLEM_WRONG_COLON),
        ("http:\\\\www.example.org", None, PROBLEM_BACKSLASHES),
        ("htp://www.example.org", None, PROBLEM_SCHEME_MISSPELT),
        ("htttp://www.example.org", None, PROBLEM_SCHEME_MISSPELT),
        ("ttp://www.example.org", None, PROBLEM_SCHEME_MISSPELT),
        ("hhttp://www.example.org", None, PROBLEM_SCHEME_MISSPELT),
        ("htp//www.example.org", None, f"{PROBLEM_SCHEME_MISSPELT}; {PROBLEM_MISSING_COLON}"),
        ("http:// www.example.com", "http://www.example.com", PROBLEM_SPACE),
        ("http://www.example .com/page", "http://www.example.com/page", PROBLEM_SPACE),
        ("http://www.example.com /page", "http://www.example.com/page", PROBLEM_SPACE),
        ("www.example .co.uk/page", "www.example.co.uk/page", PROBLEM_SPACE),
        (
            "https://www.state.gov/trafficking-in-persons-report /",
            "https://www.state.gov/trafficking-in-persons-report/",
            PROBLEM_SPACE,
        ),
        ("www.example", None, PROBLEM_NO_TLD),
    ],
)
def test_malformed(text: str, normalised: str | None, problem: str) -> None:
    assert parse_url(text) == (normalised or text, problem)
    assert urls(f"Contact: {text}. More") == [(text, problem)]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        # A URL that ends a line and its sentence: the next line is no part of it.
        ("see https://www.unhcr.org.\nSmith, J. (2020). Title.", "https://www.unhcr.org"),
        ("see https://www.hrw.org/\nand/or the others", "https://www.hrw.org/"),
        ("see https://doi.org/10.1/x\nnews/2021 was", "https://doi.org/10.1/x"),
    ],
)
def test_a_url_that_ends_its_line_takes_no_prose_from_the_next(text: str, url: str) -> None:
    assert urls(text) == [(url, None)]


def test_a_line_opening_with_markdown_italics_is_no_part_of_the_address_above() -> None:
    # An entry that starts with its title in italics, after an entry ending in an address.
    text = "from https://x.org/previous_countries/djibouti/\n_Djibouti._ (2019). UNHCR."
    assert urls(text) == [("https://x.org/previous_countries/djibouti/", None)]
    text = "from https://x.org/djibouti/\n_Figures at a glance._ (2020, June 18). UNHCR."
    assert urls(text) == [("https://x.org/djibouti/", None)]


def test_www_host_without_top_level_domain_at_sentence_end() -> None:
    assert urls("Visit www.amnesty. Then") == [("www.amnesty", PROBLEM_NO_TLD)]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        # A line break inside a URL is layout: joined, no problem.
        (
            "from\n   http://tbinternet.ohchr.org/Treaties/INT_CEDAW_FUL_SVN\n   _11944_E.pdf. See",
            "http://tbinternet.ohchr.org/Treaties/INT_CEDAW_FUL_SVN\n   _11944_E.pdf",
        ),
        (
            "at http://tbinternet.ohchr.org/Treaties/INT_CERD_FUL_SVN_157\n   06_E.pdf.\n34\n",
            "http://tbinternet.ohchr.org/Treaties/INT_CERD_FUL_SVN_157\n   06_E.pdf",
        ),
        ("see http://www.example.org/reports/\n2004/annual.pdf here", None),
        ("see http://\nwww.example.org/x here", None),
        # Two segments of a path on the next line, and a host cut after one of its dots.
        ("see https://www.hrw.org/\nnews/2021/06/07/bangladesh-rohingya here", None),
        ("see https://doi.\norg/10.1016/j.gloenvcha.2015.03.005 here", None),
        ("see https://reliefweb.\nint/report/bangladesh/one-million here", None),
    ],
)
def test_hard_wrapped(text: str, url: str | None) -> None:
    ((found, problem),) = urls(text)
    expected = url or text[4 : text.index(" here")]
    assert (found, problem) == (expected, None)
    assert parse_url(found) == ("".join(found.split()), None)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("www.state.gov/j/tip/rls/tiprpt/.", "www.state.gov/j/tip/rls/tiprpt/"),
        ("http://treaties.un.org/. Please", "http://treaties.un.org/"),
        ("http://x.org/a.htm [Accessed 15 May 2000]", "http://x.org/a.htm"),
        ('"http://x.org/a"', "http://x.org/a"),
        ("“http://x.org/a”", "http://x.org/a"),
        ("(see http://x.org/a)", "http://x.org/a"),
        ("[http://x.org/a]", "http://x.org/a"),
        ("http://x.org/a, http", "http://x.org/a"),
        ("http://x.org/a; next", "http://x.org/a"),
        ("http://x.org/a: next", "http://x.org/a"),
        ("'http://x.org/a'", "http://x.org/a"),
        ("at\xa0www.who.int/en/\xa0.", "www.who.int/en/"),
        ("www.ohchr.org (one asterisk", "www.ohchr.org"),
        ("http://x.org/a!", "http://x.org/a"),
        ("http://x.org/a?", "http://x.org/a"),
        ("www.example.org/page and/or www", "www.example.org/page"),
        ("www.example.org\nand the rest", "www.example.org"),
        ("www.example.org/x\n12\n", "www.example.org/x"),
        ("http://x.org/a / b", "http://x.org/a"),
    ],
)
def test_trailing_punctuation_and_what_follows_is_not_part(text: str, url: str) -> None:
    assert [found for found, _ in urls(text)] == [url]


@pytest.mark.parametrize(
    "text",
    [
        "and/or",
        "HIV/AIDS",
        "e.g./",
        "A/HRC/WG.6/7/SVN/3",
        "the http protocol",
        "http: the end",
        "www.",
        "mail@www.example.org",
        "see p.2/3",
        "rml/ab.",
        "Note: www",
        "a.m./p.m.",
        "",
    ],
)
def test_not_urls(text: str) -> None:
    assert urls(text) == []
    with pytest.raises(GrammarError):
        parse_url(text)


def test_span_line_and_column() -> None:
    text = "Contact Us\n\nhttp//www.northkoreanrefugees.com\n"
    (url,) = iter_urls(text, LineIndex(text))
    assert (url.span.line, url.span.column, url.span.end_line, url.span.end_column) == (3, 1, 3, 33)
    assert text[url.span.start : url.span.end] == url.text


def test_start_and_end_limit_the_search() -> None:
    text = "www.a.org www.b.org www.c.org"
    found = list(iter_urls(text, LineIndex(text), 5, 20))
    # The search starts inside the first URL: "a.org" is not a URL start without a path.
    assert [url.text for url in found] == ["www.b.org"]


# --------------------------------------------------------------------------- seeds and practice


def test_seed_irb_urls() -> None:
    text = (SEEDS / "000_a612e7f6db11d10b.txt").read_text(encoding="utf-8")
    found = list(iter_urls(text, LineIndex(text)))
    assert [(url.text, url.span.line, url.problem) for url in found] == [
        ("http://www.koreapost.com/1999_02/dip&fo_03.htm", 20, None),
        ("http://www.kcna.co.jp/item/1999/9907/news07/27.htm", 24, None),
    ]


def test_seed_ngo_malformed_url() -> None:
    text = (SEEDS / "003_1657d4287ccc633e.txt").read_text(encoding="utf-8")
    found = list(iter_urls(text, LineIndex(text)))
    assert [(url.text, url.span.line, url.problem) for url in found] == [
        ("http//www.northkoreanrefugees.com", 53, PROBLEM_MISSING_COLON)
    ]


@pytest.mark.parametrize(
    "name", ["001_57fd68c990b575be.txt", "002_43ecc7cc96973852.txt", "004_604fa044de79772a.txt"]
)
def test_seeds_without_urls(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert list(iter_urls(text, LineIndex(text))) == []


def practice(name: str) -> str:
    path = PRACTICE / name
    if not path.is_file():
        pytest.skip("practice corpus not available")
    return path.read_text(encoding="utf-8")


def test_practice_un_compilation_wrapped_urls() -> None:
    text = practice("14_un-upr-compilation_slovenia-2014.txt")
    found = list(iter_urls(text, LineIndex(text)))
    assert all(url.problem is None for url in found)
    joined = [parse_url(url.text)[0] for url in found]
    assert (
        joined.count(
            "http://tbinternet.ohchr.org/Treaties/CEDAW/Shared%20Documents/SVN/INT_CEDAW_FUL_SVN_11944_E.pdf"
        )
        == 3
    )
    assert "http://treaties.un.org/" in joined
    assert len(found) == 8


def test_practice_state_department_urls() -> None:
    text = practice("18_us-dos-country-report_eritrea-2024.txt")
    found = [(url.text, url.problem) for url in iter_urls(text, LineIndex(text))]
    assert ("https://www.state.gov/trafficking-in-persons-report /", PROBLEM_SPACE) in found
    assert [problem for _, problem in found].count(None) == 3
    text = practice("17_us-dos-country-report_burma-2017.txt")
    found = [(url.text, url.problem) for url in iter_urls(text, LineIndex(text))]
    assert ("travel.state.gov/content/childabduction/en/legal/compliance.html", None) in found
    assert ("www.state.gov/j/tip/rls/tiprpt/", None) in found
    assert len(found) == 6


def test_practice_corpus_urls_have_no_problems_but_one() -> None:
    if not PRACTICE.is_dir():
        pytest.skip("practice corpus not available")
    problems = []
    for path in sorted(PRACTICE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        problems += [u.text for u in iter_urls(text, LineIndex(text)) if u.problem]
    assert problems == ["https://www.state.gov/trafficking-in-persons-report /"]


# --------------------------------------------------------------------------- renderer


def test_render_refuses_malformed() -> None:
    for text in ("http//www.x.org", "http://www.x .org/a", "not a url", "www.example"):
        with pytest.raises(ValueError):
            render_url(text)
    with pytest.raises(ValueError):
        render_url("http://x.org/", "fancy")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the grammar itself


def test_grammar_has_no_lalr_conflicts(
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    assert lalr_conflicts("url", "url") == []


_LABEL = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?", fullmatch=True)
_TLD = st.from_regex(r"[a-z]{2,6}", fullmatch=True)
_SEGMENT = st.from_regex(r"[A-Za-z0-9_~%-]{1,8}(?:\.[a-z]{2,4})?", fullmatch=True)
_PATH = st.one_of(
    st.just("/"),
    st.lists(_SEGMENT, min_size=1, max_size=4).map(lambda parts: "/" + "/".join(parts)),
    st.lists(_SEGMENT, min_size=1, max_size=3).map(lambda parts: "/" + "/".join(parts) + "/"),
)
_QUERY = st.from_regex(r"[?#][a-z]{1,5}(?:=[A-Za-z0-9]{1,5})?", fullmatch=True)


@st.composite
def hosts(draw: st.DrawFn, min_labels: int = 1) -> str:
    labels = draw(st.lists(_LABEL, min_size=min_labels, max_size=3))
    return ".".join([*labels, draw(_TLD)])


@st.composite
def well_formed_urls(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["scheme", "www", "bare"]))
    port = draw(st.one_of(st.just(""), st.integers(1, 65535).map(lambda n: f":{n}")))
    if kind == "bare":
        host = draw(hosts())
        return host + port + draw(_PATH) + draw(st.one_of(st.just(""), _QUERY))
    tail = draw(st.one_of(st.just(""), _PATH, _QUERY))
    if kind == "www":
        return "www." + draw(hosts()) + port + tail
    scheme = draw(st.sampled_from(["http", "https", "ftp", "HTTP", "Https"]))
    return f"{scheme}://" + draw(hosts()) + port + tail


@settings(max_examples=200)
@given(well_formed_urls(), st.sampled_from(URL_STYLES))
def test_round_trip(url: str, style: str) -> None:
    text = render_url(url, style)  # type: ignore[arg-type]
    assert parse_url(text) == (url, None)
    prose = f"Available at {text}. Next"
    assert urls(prose) == [(url, None)]
    prose = f"({text}) and “{text}”, [{text}]"
    assert urls(prose) == [(url, None)] * 3


_EXPLICIT = {
    "SCHEME": st.sampled_from(["http", "https", "ftp", "HTTP"]),
    "SCHEME_MISSPELT": st.sampled_from(["htp", "htttp", "ttp", "hhttp", "httpp"]),
    "SEP": st.just("://"),
    "SEP_EXTRA_SLASH": st.sampled_from([":///", "://///"]),
    "SEP_ONE_SLASH": st.just(":/"),
    "SEP_NO_COLON": st.just("//"),
    "SEP_NO_SLASH": st.just(":"),
    "SEP_WRONG_COLON": st.sampled_from([";//", ".//", ",//"]),
    "SEP_BACKSLASH": st.sampled_from([":\\\\", "\\\\", ":\\"]),
    "HOST": hosts(),
    "WWW_HOST": hosts().map(lambda host: "www." + host),
    "WWW_SHORT": _LABEL.map(lambda label: "www." + label),
    "BARE_HOST": hosts(),
    "PORT": st.integers(0, 99999).map(lambda n: f":{n}"),
    "PATH": _PATH,
    "QUERY": _QUERY,
    "GAP": st.sampled_from([" ", "  ", "\t"]),
    "WRAP": st.sampled_from(["\n", " \n   ", "\r\n\t"]),
    "CONT_PATH": _PATH.filter(lambda path: path != "/"),
    "CONT_DOMAIN": st.sampled_from([".com", ".org", ".co.uk", ".gov"]),
    "CONT_CHUNK": st.sampled_from(["_11944_E.pdf", "06_E.pdf", "a%20b", "x=1&y=2", "report.html"]),
    "CONT_SEGMENTS": st.sampled_from(["news/2021/06/07/x", "int/report/a-b", "en/pubs/"]),
    "HOST_HEAD": st.sampled_from(["doi.", "reliefweb.", "www.hrw.", "Example."]),
    "HOST_TAIL": st.one_of(_TLD, hosts()),
}


# Tokens that make a URL malformed (see the grammar's header).
_MALFORMED = {
    "SCHEME_MISSPELT",
    "SEP_EXTRA_SLASH",
    "SEP_ONE_SLASH",
    "SEP_NO_COLON",
    "SEP_NO_SLASH",
    "SEP_WRONG_COLON",
    "SEP_BACKSLASH",
    "GAP",
}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(from_lark(grammar_parser("url", ("url",)), explicit=_EXPLICIT))
def test_grammar_generated_text_parses(text: str) -> None:
    tree = parse_full("url", text, "url")
    types = {token.type for token in tree.scan_values(lambda v: isinstance(v, Token))}
    normalised, problem = parse_url(text)
    assert not any(character.isspace() for character in normalised)
    assert (problem is not None and PROBLEM_SPACE in problem) == ("GAP" in types)
    no_tld = "WWW_SHORT" in types and "CONT_DOMAIN" not in types
    assert (problem is None) == (types.isdisjoint(_MALFORMED) and not no_tld)
    prose = f"See {text} here"
    assert [url.text for url in iter_urls(prose, LineIndex(prose))] == [text]


_ARBITRARY = st.one_of(
    st.text(),
    st.binary().map(lambda b: b.decode("utf-8", "replace")),
    st.text(alphabet="htp:/\\.;wW ex_am-ple.orgcom%?#()[]\n\t\"'", max_size=60),
)


@settings(max_examples=200)
@given(_ARBITRARY)
def test_arbitrary_text_never_breaks_parse(text: str) -> None:
    try:
        normalised, problem = parse_url(text)
    except GrammarError:
        return
    assert normalised and (problem is None or isinstance(problem, str))


@settings(max_examples=200)
@given(_ARBITRARY, st.integers(0, 80), st.one_of(st.none(), st.integers(-5, 80)))
def test_arbitrary_text_never_breaks_iteration(text: str, start: int, end: int | None) -> None:
    for candidate in (text, f"see http://{text}", f"www.{text} and http//x.org/{text}"):
        index = LineIndex(candidate)
        previous_end = 0
        for url in iter_urls(candidate, index, start, end):
            assert 0 <= url.span.start <= url.span.end <= len(candidate)
            assert candidate[url.span.start : url.span.end] == url.text
            assert index.span(url.span.start, url.span.end) == url.span
            assert url.span.start >= previous_end  # URLs never overlap
            previous_end = url.span.end
            parse_url(url.text)  # what the iterator finds, the parser reads in full


def test_a_host_whose_first_label_ends_in_www_is_read_whole() -> None:
    # The "www" inside "0www" is a place to look, not the start of the URL; the "/" that
    # confirms the host lies past that look's window and must still be tried.
    assert urls("Available at 0www.0.aa/. Next") == [("0www.0.aa/", None)]
    assert urls("see awww.example.org/x") == [("awww.example.org/x", None)]
