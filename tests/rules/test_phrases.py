"""The phrase compiler and phrase file of the corroboration rules, called directly.

``phrases()`` compiles the packaged file once per process; these tests compile their own
patterns and files so that what a pattern matches, and which patterns are refused with which
message, is checked on every call of the compiler.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import folding
from provenance.rules import phrase_file
from provenance.rules.corroboration import (
    LazyPattern,
    PatternError,
    Phrases,
    _marker_quote,
    _PatternCompiler,
    _quote,
    _trigger_offsets,
    compile_phrases,
    compile_triggers,
)


def matches(
    pattern: str | list[str], text: str, lists: dict[str, list[str]] | None = None
) -> list[str]:
    patterns = [pattern] if isinstance(pattern, str) else pattern
    return [m.group() for m in compile_phrases(patterns, lists or {}).finditer(text)]


def refused(
    pattern: str, lists: dict[str, list[str]] | None = None, triggers: tuple[str, ...] = ()
) -> str:
    with pytest.raises(PatternError) as error:
        compile_phrases([pattern], lists or {}, triggers)
    return str(error.value)


# --------------------------------------------------------------------------- word edges


def test_a_word_pattern_does_not_match_inside_a_word() -> None:
    assert matches("no", "casino") == []
    assert matches("x-ray", "an ex-ray") == []
    assert matches("x-ray", "x-rays") == []
    assert matches("x-ray", "an X-ray") == ["X-ray"]


def test_the_last_word_of_a_pattern_is_whole() -> None:
    assert matches("is a", "this is also") == []
    assert matches("is a", "it is a fact") == ["is a"]


def test_a_pattern_opening_with_a_group_or_list_matches_whole_words() -> None:
    assert matches("[a|the] source", "a data source") == []
    assert matches("<art> source", "a data source", {"art": ["a", "the"]}) == []
    assert matches("[a|the] source", "the source") == ["the source"]


def test_a_pattern_closing_with_a_group_or_list_matches_whole_words() -> None:
    assert matches("no [source|sources]", "no sourced claim") == []
    assert matches("no <src>", "no sourced claim", {"src": ["source"]}) == []
    assert matches("no [source|sources]", "no sources") == ["no sources"]


def test_a_star_word_does_not_stop_before_an_apostrophe() -> None:
    assert matches("report*", "the report's author") == []
    assert matches("report*", "the reporters") == ["reporters"]


def test_a_pattern_opening_or_closing_with_punctuation_needs_no_word_edge() -> None:
    assert matches(", however", "It was, however, unclear") == [", however"]
    assert matches("however ,", "however,but") == ["however,"]


# --------------------------------------------------------------------------- words and lists


def test_star_keeps_the_whole_stem() -> None:
    assert matches("work*", "workers of the world") == ["workers"]
    assert matches("s*", "some said it") == ["some", "said"]


def test_a_lone_star_is_a_literal_asterisk() -> None:
    assert matches("note *", "see note * below") == ["note *"]


def test_capitals_in_a_pattern_match_any_case() -> None:
    assert matches("Xinjiang", "in xinjiang") == ["xinjiang"]


def test_words_need_whitespace_between_them() -> None:
    assert matches("no one", "noone saw it") == []
    assert matches("no one", "no  one saw it") == ["no  one"]


def test_several_patterns_are_alternatives() -> None:
    assert matches(["confirmed", "verified"], "it was verified, not confirmed") == [
        "verified",
        "confirmed",
    ]


def test_a_list_used_twice_matches_each_time() -> None:
    lists = {"v": ["confirm", "verify"]}
    assert matches("<v> or <v>", "to verify or confirm it", lists) == ["verify or confirm"]


# --------------------------------------------------------------------------- refused patterns


@pytest.mark.parametrize(
    ("pattern", "lists", "message"),
    [
        ("", {}, "empty phrase pattern ''"),
        ("a]", {}, "unbalanced ']' in phrase pattern 'a]'"),
        ("[a|b", {}, "unclosed '[' in phrase pattern '[a|b'"),
        ("a [b [c", {}, "unclosed '[' in phrase pattern 'a [b [c'"),
        ("a []", {}, "empty group in phrase pattern 'a []'"),
        ("[a|]", {}, "phrase pattern '[a|]' matches nothing but optional words"),
        ("[[a|]] c", {}, "phrase pattern '[[a|]] c' matches nothing but optional words"),
        ("...", {}, "phrase pattern '...' matches nothing but optional words"),
        ("<missing> word", {}, "unknown phrase list <missing>"),
        ("<loop>", {"loop": ["<loop> x"]}, "phrase list <loop> refers to itself"),
        ("<x>", {"x": ["a]"]}, "bad pattern 'a]' in list <x>"),
        ("<x>", {"x": [""]}, "bad pattern '' in list <x>"),
        ("<x>", {"x": ["[a|b"]}, "unclosed '[' in phrase pattern '[a|b'"),
        ("<x>", {"x": ["[a|]"]}, "phrase pattern '[a|]' matches nothing but optional words"),
    ],
)
def test_bad_patterns_are_refused_with_what_is_wrong(
    pattern: str, lists: dict[str, list[str]], message: str
) -> None:
    assert refused(pattern, lists) == message


def test_a_pattern_without_a_trigger_word_is_refused() -> None:
    assert refused("could not be checked", triggers=("confirm", "verif")) == (
        "phrase pattern 'could not be checked' can match without any of the trigger words "
        "['confirm', 'verif']"
    )


@pytest.mark.parametrize(
    ("pattern", "lists"),
    [
        ("[confirm|check] it", {}),
        ("[confirmed|] it", {}),
        ("<v> it", {"v": ["confirm", "check"]}),
        ("it [confirm|] <v>", {"v": []}),
    ],
)
def test_a_pattern_that_can_skip_its_trigger_is_refused(
    pattern: str, lists: dict[str, list[str]]
) -> None:
    assert "can match without any of the trigger words" in refused(pattern, lists, ("confirm",))


@pytest.mark.parametrize(
    ("pattern", "lists"),
    [
        ("[confirmed|confirms] it", {}),
        ("<v> it", {"v": ["confirm", "verify"]}),
        ("[be|] <v>", {"v": ["confirmed", "reconfirmed"]}),
        ("not [[re|] confirmed|confirmable]", {}),
    ],
)
def test_a_pattern_whose_every_reading_has_a_trigger_is_accepted(
    pattern: str, lists: dict[str, list[str]]
) -> None:
    compile_phrases([pattern], lists, ("confirm", "verif"))


# --------------------------------------------------------------------------- triggers


def test_triggers_are_lower_case_stems_found_in_any_case() -> None:
    triggers = compile_triggers(["Confirm", "VERIF"])
    assert triggers.stems == ("confirm", "verif")
    assert triggers.longest == 7
    assert [m.group() for m in triggers.pattern.finditer("CONFIRMED and Verified")] == [
        "CONFIRM",
        "Verif",
    ]


def test_a_section_without_triggers_is_refused() -> None:
    with pytest.raises(PatternError, match=r"^a phrase section needs at least one trigger$"):
        compile_triggers([])


def test_trigger_offsets_are_every_occurrence_of_every_stem() -> None:
    triggers = compile_triggers(["confirm", "firm"])
    assert _trigger_offsets("It CONFIRMED nothing.", triggers) == [3, 6]
    assert _trigger_offsets("oooo", compile_triggers(["oo"])) == [0, 1, 2]


def test_trigger_offsets_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # Long texts are lower-cased a piece at a time; shrink the pieces to test their seams.
    monkeypatch.setattr(folding, "PIECE", 10)
    triggers = compile_triggers(["confirm"])
    text = "12345678 confirm 567 confirm 4567890 confirm"
    expected = [m.start() for m in re.finditer("confirm", text)]
    assert expected == [9, 21, 37]  # one across a seam, one in a later piece, one past two
    assert _trigger_offsets(text, triggers) == expected
    assert _trigger_offsets("0123456789confirm", triggers) == [10]  # right at a seam


def test_trigger_offsets_where_lower_casing_changes_the_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "İ" lower-cases to two characters: such a piece is searched in its original case.
    monkeypatch.setattr(folding, "PIECE", 10)
    triggers = compile_triggers(["confirm"])
    text = "İ confirm 567 CONFIRM"
    assert _trigger_offsets(text, triggers) == [2, 14]
    assert _trigger_offsets("İ 23456789confirm", triggers) == [10]  # at the seam, once
    assert _trigger_offsets("confirm 9İ confirm", triggers) == [0, 11]
    assert _trigger_offsets("confirm 89İ confirm", triggers) == [0, 12]  # İ in the second piece


# --------------------------------------------------------------------------- a phrase file

PHRASE_FILE = """
[lists]
who = ["the ministry", "officials"]
[uncorroborated]
triggers = ["Doubt"]
claim_follows = ["that"]
joins_claim = ["but"]
remark = [", which"]
view_verbs = ["thought"]
refers_back = ["this"]
ignore = ["no doubt"]
[hedged]
triggers = ["maybe"]
hedges = ["maybe so"]
ignore = ["maybe not"]
according_to = ["according to"]
attribution_verbs = ["<who> said"]
not_after = ["Was"]
adverbs = ["Also"]
[anonymous]
triggers = ["somebody"]
phrases = ["somebody [said|told]"]
ignore = ["nobody"]
"""


def found(pattern: re.Pattern[str] | LazyPattern, text: str) -> list[str]:
    return [m.group() for m in pattern.finditer(text)]


def test_a_section_is_compiled_to_a_regex_when_first_searched() -> None:
    p = Phrases.from_toml(PHRASE_FILE)
    assert p.hedges._compiled is None
    assert found(p.hedges, "maybe so, MAYBE SO") == ["maybe so", "MAYBE SO"]
    assert p.hedges._compiled is not None
    assert p.anonymous._compiled is None
    assert p.hedges.source == compile_phrases(["maybe so"], {}).pattern
    assert p.hedges.match("x maybe so", 2) is not None
    assert p.hedges.search("x maybe so", 0, 5) is None
    assert p.hedges.fullmatch("maybe so") is not None


def test_phrase_file_sections_compile_to_their_own_patterns() -> None:
    p = Phrases.from_toml(PHRASE_FILE)
    text = (
        "Beyond doubt, no doubt, doubtful claims that but this maybe so maybe not "
        "according to officials said somebody told nobody"
    )
    assert p.uncorroborated_trigger.stems == ("doubt",)
    assert found(p.claim_follows, text) == ["that"]
    assert found(p.joins_claim, text) == ["but"]
    assert found(p.refers_back, text) == ["this"]
    assert found(p.uncorroborated_ignore, text) == ["no doubt"]
    assert p.hedge_trigger.stems == ("maybe",)
    assert found(p.hedges, text) == ["maybe so"]
    assert found(p.hedge_ignore, text) == ["maybe not"]
    assert found(p.according_to, text) == ["according to"]
    assert found(p.attribution_verbs, text) == ["officials said"]
    assert p.not_after == frozenset({"was"})
    assert p.adverbs == frozenset({"also"})
    assert p.anonymous_trigger.stems == ("somebody",)
    assert found(p.anonymous, text) == ["somebody told"]
    assert found(p.anonymous_ignore, text) == ["nobody"]


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("hedged", "hedges"),
        ("anonymous", "phrases"),
    ],
)
def test_phrase_file_refuses_a_phrase_without_its_sections_trigger(section: str, key: str) -> None:
    lines = PHRASE_FILE.splitlines()
    in_section = False
    for number, line in enumerate(lines):
        if line.startswith("["):
            in_section = line == f"[{section}]"
        elif in_section and line.startswith(f"{key} = "):
            lines[number] = f'{key} = ["plain words"]'
    with pytest.raises(PatternError, match=r"^phrase pattern 'plain words' can match without"):
        Phrases.from_toml("\n".join(lines))


def test_phrase_file_without_lists_refuses_a_list_name() -> None:
    text = PHRASE_FILE.replace('who = ["the ministry", "officials"]\n', "").replace("[lists]\n", "")
    with pytest.raises(PatternError, match=r"^unknown phrase list <who>$"):
        Phrases.from_toml(text)


# --------------------------------------------------------------------------- quotes in messages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("short  and\nflat", "short and flat"),
        ("a" * 90, "a" * 90),
        # Cut at the last space before the limit ...
        ("a" * 50 + " " + "b" * 50 + " c", "a" * 50 + "…"),
        ("a" * 30 + " " + "b" * 30 + " " + "c" * 40 + " d", "a" * 30 + " " + "b" * 30 + "…"),
        # ... without the punctuation before it ...
        ("a" * 40 + " Article IX, " + "b" * 60, "a" * 40 + " Article IX…"),
        ("a" * 40 + " item; " + "b" * 60, "a" * 40 + " item…"),
        # ... unless that space is in the first half: then at the limit.
        ("a" * 40 + " " + "b" * 60, "a" * 40 + " " + "b" * 49 + "…"),
        ("a" * 45 + " " + "b" * 60, "a" * 45 + " " + "b" * 44 + "…"),
        ("a" * 46 + " " + "b" * 60, "a" * 46 + "…"),
        ("a" * 91, "a" * 90 + "…"),
    ],
)
def test_quote_flattens_and_shortens_at_a_word(text: str, expected: str) -> None:
    assert _quote(text) == expected


def test_quote_with_a_shorter_limit() -> None:
    assert _quote("reportedly " * 5, 40) == "reportedly reportedly reportedly…"


def marker_quote(text: str, marker: str, end: int | None = None) -> str:
    match = re.search(re.escape(marker), text)
    assert match is not None
    return _marker_quote(text, match, len(text) if end is None else end)


def test_marker_quote_takes_the_clause_up_to_its_punctuation() -> None:
    text = "Arrests, beatings: could not be confirmed by the UN; a; b."
    assert marker_quote(text, "could not be confirmed") == "could not be confirmed by the UN"


def test_marker_quote_stops_at_the_sentence_end() -> None:
    text = "This could not be confirmed by anyone. Next; x"
    end = text.index(" Next")
    assert marker_quote(text, "could not be confirmed", end) == "could not be confirmed by anyone"


def test_marker_quote_keeps_names_whole() -> None:
    text = "It could not be confirmed with Channel X."
    assert marker_quote(text, "could not be confirmed") == "could not be confirmed with Channel X"


def test_marker_quote_of_a_long_clause_is_the_marker() -> None:
    marker = "could not be confirmed"
    fits = marker + " " + "x" * (80 - len(marker) - 1)
    assert marker_quote(fits + ".", marker) == fits
    too_long = fits + "x"
    assert marker_quote(too_long + ".", marker) == marker


# ------------------------------------------------------------- patterns sharing a word edge


_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _one_edge_each(patterns: list[str], lists: dict[str, list[str]]) -> re.Pattern[str]:
    """The alternation as it was before patterns in a row shared their word-edge test."""
    compiler = _PatternCompiler(lists, ())
    return re.compile("|".join("".join(compiler.compile(p)) for p in patterns), re.IGNORECASE)


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in regex.finditer(text)]


_EDGE_PATTERNS = st.lists(
    st.sampled_from(
        [
            "said",
            "say*",
            "told",
            "refer to",
            "[was|] told",
            ", said",
            "<verbs>",
            "(so)",
            "so",
            "said so",
            "... told",
            "s",
        ]
    ),
    min_size=1,
    max_size=6,
)
_EDGE_TEXT = st.lists(
    st.sampled_from(["said", "Said", "says", "told", "so", "(so)", ",", " ", "x", "'", "’", "s"]),
    max_size=14,
).map("".join)


@settings(max_examples=300)
@given(_EDGE_PATTERNS, _EDGE_TEXT)
def test_patterns_sharing_a_word_edge_match_as_with_one_edge_each(
    patterns: list[str], text: str
) -> None:
    lists = {"verbs": ["said", "told"]}
    shared = compile_phrases(patterns, lists)
    assert _spans(shared, text) == _spans(_one_edge_each(patterns, lists), text)


def test_packaged_phrase_lists_match_as_with_one_edge_each() -> None:
    data = phrase_file.data()
    lists = data.get("lists", {})
    texts = [path.read_text(encoding="utf-8") for path in sorted(_SEEDS.glob("*.txt"))]
    for section, key in [
        ("hedged", "attribution_verbs"),
        ("hedged", "according_to"),
        ("hedged", "ignore"),
        ("uncorroborated", "claim_follows"),
        ("anonymous", "ignore"),
    ]:
        patterns = data[section][key]
        shared = compile_phrases(patterns, lists)
        assert "|".join(patterns) and shared.pattern.count("(?<!") < len(patterns)
        for text in texts:
            assert _spans(shared, text) == _spans(_one_edge_each(patterns, lists), text)
