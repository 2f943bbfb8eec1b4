"""Statements that information could not be corroborated: grammar, word classes, real examples."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import provenance
from provenance.document import parse_document
from provenance.grammars import grammar_path
from provenance.rules import statements
from provenance.rules.corroboration import (
    attributed_unconfirmed,
    information_gap,
    phrases,
    uncorroborated_claim,
)
from provenance.rules.statements import (
    _LINE_BREAK,
    Lexicon,
    Statement,
    _line_breaks,
    broken_across,
    broken_triggers,
    iter_triggers,
    lexicon,
    ligature_triggers,
    read_at,
    word_class,
    words_in,
)

from .builders_dates import DocBuilder, prose

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "corpus" / "corroboration" / "statements.toml"
#: Real sentences collected to measure the reader on text it was not built on
#: (benchmarks/statements.py prints their precision and recall).
UNSEEN = ROOT / "tests" / "corpus" / "corroboration" / "unseen.toml"
#: A second such set, some with the sentence before them.
FRESH2 = ROOT / "tests" / "corpus" / "corroboration" / "fresh2.toml"
#: A third, in shapes the first two lack (every third held out likewise).
FRESH3 = ROOT / "tests" / "corpus" / "corroboration" / "fresh3.toml"
#: A fourth: research, audit and news reports' own "could not independently verify", parties
#: that could not confirm, gaps and near misses (every third held out likewise).
FRESH4 = ROOT / "tests" / "corpus" / "corroboration" / "fresh4.toml"
STEMS = (
    "corroborat",
    "confirm",
    "verif",
    "substantiat",
    "check",
    "validat",
    "triangulat",
    "authenticat",
)


def _statements(sentence: str, stems: Sequence[str] = STEMS) -> list[Statement]:
    """The statements read at each trigger word of ``sentence``, in order."""
    found = [
        read_at(sentence, 0, len(sentence), t)
        for t in iter_triggers(sentence, 0, len(sentence), stems)
    ]
    return [f for f in found if f is not None]


def _first_form_and_voice(sentence: str) -> tuple[str, str]:
    """The form and voice of the first statement read in ``sentence`` with the shipped trigger
    stems (it must hold one)."""
    statements = _statements(sentence, phrases().uncorroborated_trigger.stems)
    assert statements, sentence
    return statements[0].form, statements[0].voice


def _examples() -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = tomllib.loads(EXAMPLES.read_text(encoding="utf-8"))["example"]
    return examples


# --------------------------------------------------------------------------- the grammar


@pytest.mark.parametrize("start", ["statement", "sought", "gap"])
def test_grammar_has_no_lalr_conflicts(
    start: str, lalr_conflicts: Callable[[str, str | list[str]], list[str]]
) -> None:
    assert lalr_conflicts("unconfirmed", start) == []


def test_every_word_class_is_a_terminal_of_the_grammar() -> None:
    grammar = grammar_path("unconfirmed").read_text(encoding="utf-8")
    data = tomllib.loads(
        (ROOT / "src" / "provenance" / "rules" / "phrases.toml").read_text(encoding="utf-8")
    )
    for name in data["statement"]["words"]:
        if name != "BOUNDARY":
            assert f"\n{name}: /{name}\\b/" in grammar, name


def _words_of_class() -> dict[str, list[str]]:
    """For each word class, the listed words the reader puts in that class."""
    data = tomllib.loads(
        (ROOT / "src" / "provenance" / "rules" / "phrases.toml").read_text(encoding="utf-8")
    )
    found: dict[str, list[str]] = {}
    for name, words in data["statement"]["words"].items():
        kept = [w for w in words if w.isalpha() and word_class(w, name == "GAPINFO") == name]
        if name == "COMMA":
            kept = [","]
        found[name] = kept
    found["W"] = ["village", "prison", "houses"]
    found["CAP"] = ["Reuters", "Kazakhstan"]
    return found


_WORDS = _words_of_class()


def _render(tags: str, gap: bool) -> str:
    """Words for a string of word classes: a sentence the reader should class the same way."""
    words = []
    for index, tag in enumerate(tags.split()):
        choices = _WORDS[tag]
        word = choices[index % len(choices)]
        if tag == "GAPINFO" or (tag == "INFO" and not gap):
            word = choices[0]
        elif tag == "INFO":
            word = "reports"  # "information" is the gap's own class there
        words.append(word)
    return " ".join(words)


@cache
def _grammar(start: str) -> Lark:
    return Lark.open(
        str(grammar_path("unconfirmed")), parser="lalr", lexer="contextual", start=start
    )


@pytest.mark.parametrize("start", ["statement", "sought", "gap"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_clauses_render_to_words_of_the_same_classes(start: str, data: Any) -> None:
    grammar = _grammar(start)
    # The grammar's terminals are word classes separated by ignored spaces, which
    # Hypothesis does not generate: each class is drawn with its space.
    spaced = {
        t.name: st.just(t.name + " ") for t in grammar.terminals if not t.name.startswith("_")
    }
    tags = data.draw(from_lark(grammar, start=start, explicit=spaced))
    gap = start == "gap"
    text = _render(tags, gap)
    classes = [word_class(word.text, gap) for word in words_in(text, 0, len(text))]
    assert classes == tags.split()


@settings(max_examples=150)
@given(st.lists(st.sampled_from(sorted({w for ws in _WORDS.values() for w in ws})), max_size=40))
def test_reading_never_raises_and_stays_in_its_sentence(words: list[str]) -> None:
    text = " ".join(words)
    for gap in (False, True):
        stems = lexicon().gap_triggers if gap else STEMS
        for trigger in iter_triggers(text, 0, len(text), stems):
            found = read_at(text, 0, len(text), trigger, gap)
            if found is not None:
                assert 0 <= found.subject_start <= found.start < found.end <= len(text)


def test_contractions_are_read_as_two_words() -> None:
    text = "We couldn't verify it and can't confirm it; they cannot check it."
    assert [w.text for w in words_in(text, 0, len(text))][:4] == ["we", "could", "not", "verify"]
    assert "can" in [w.text for w in words_in(text, 0, len(text))]


def test_words_read_from_kept_tokens_are_read_as_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token's words are kept by its text (``_TOKEN_WORDS``): read again, from the store or
    after it was emptied for room, a window gives the same words at the same places."""
    text = (
        "We couldn't verify it; Amnesty International could not cor-\n  roborate "
        "the UN's reports and we've not con\u00adfirmed them, nor could Smith12 (ibid.)."
    )

    def read() -> list[tuple[int, int, str]]:
        return [(w.start, w.end, w.text) for w in words_in(text, 0, len(text))]

    monkeypatch.setattr(statements, "_TOKEN_WORDS", {})
    first = read()
    words = [word for _, _, word in first]
    assert words[1:4] == ["could", "not", "verify"]
    assert "corroborate" in words
    assert read() == first
    monkeypatch.setattr(statements, "_KEPT_TOKENS", 3)
    statements._TOKEN_WORDS.clear()
    assert read() == first
    assert len(statements._TOKEN_WORDS) <= 3


def test_a_word_broken_at_a_line_end_is_read_whole() -> None:
    text = "These figures could not be indepen-\n  dently cor-\nroborated, nor cross-\nchecked."
    words = words_in(text, 0, len(text))
    assert [w.text for w in words][4:] == [
        "be", "independently", "corroborated", ",", "nor", "cross-checked"
    ]  # fmt: skip
    # Offsets still point into the text as written, hyphen and line break included.
    assert text[words[5].start : words[5].end] == "indepen-\n  dently"
    assert [word_class(w.text) for w in words[4:7]] == ["BE", "ADV", "VERBED"]
    # A hyphenated prefix the lexicon knows without it; an unknown hyphenated word is kept.
    assert [w.text for w in words_in("un-verified self-reported", 0, 25)] == [
        "unverified",
        "self-reported",
    ]
    soft = "could not be corrob\u00ador-\nated"
    assert words_in(soft, 0, len(soft))[-1].text == "corroborated"


def test_broken_triggers_find_the_stems_a_line_end_hyphen_splits() -> None:
    text = "It could not be ver-\nified. A well-\nknown verified case. Sub-\n stantiated; x-\n"
    found = list(broken_triggers(text, STEMS))
    assert found == [text.index("ver-"), text.index("Sub-")]
    # Inside a sentence the reader finds them too, at the word's start.
    assert list(iter_triggers(text, 0, 30, STEMS)) == [text.index("ver-")]


@pytest.mark.parametrize(
    "sentence",
    [
        "This information could not be cor-\nroborated by other sources.",
        "These accounts could not be ver-\nified independently.",
        "We have been unable to substan-\ntiate this claim.",
        "These figures could not be indepen-\ndently verified.",
        "These figures remain un-verified.",
        "These figures remain un-\nverified.",
        "These figures have not been\nindependently verified.",
        "The team couldn\u2019t verify these figures.",
        # Words a PDF wrote with ligatures.
        "These figures could not be veri\ufb01ed independently.",
        "The reports remain uncon\ufb01rmed.",
        # The report's own elliptic mark, alone in brackets or closing the sentence after a
        # semicolon or a comma.
        "Twelve people were reportedly killed (not independently verified).",
        "Twelve people were reportedly killed (unverified).",
        "Interview with a resident, 3 March 2020; not independently verified.",
        "Source: Ministry of Health figures, not independently verified.",
        # Verbless: a short noun phrase and the participle, or an aside between commas.
        "Casualty figures not independently verified.",
        "Casualty figures, not independently verified, vary widely.",
        # A note's call glued to the word, as a PDF's text sets a superscript.
        "These figures could not be independently verified12.",
        "These claims remain unverified3.",
    ],
)
def test_a_statement_as_a_pdf_or_an_elliptic_mark_writes_it(sentence: str) -> None:
    doc = prose(f"Title line\n\nThe office reported 300 new cases. {sentence}\n")
    (emit,) = uncorroborated_claim(doc)
    assert emit.span.line == 3


def test_ligature_triggers_find_the_stems_a_pdf_ligature_hides() -> None:
    text = "It could not be veri\ufb01ed. The \ufb01eld. Una\ufb00ected, con\ufb01rmed."
    assert list(ligature_triggers(text, STEMS)) == [text.index("veri"), text.index("con")]


def test_an_information_gap_written_with_a_ligature_is_read() -> None:
    doc = prose(
        "Title line\n\nThe Research Directorate could not \ufb01nd information on this "
        "group among the sources consulted.\n"
    )
    (emit,) = information_gap(doc)
    assert emit.span.line == 3


@pytest.mark.parametrize(
    "sentence",
    [
        # Not at the sentence's end after the semicolon or comma: the sentence goes on.
        "Some were checked; not independently verified ones were left out of the count.",
        "The claims, not verified by anyone, were widely shared.",
        # An aside without an adverb of checking; a headline whose phrase is a sentence's part.
        "The minister, not confirmed in office, resigned.",
        "Cases not confirmed by laboratory tests were excluded.",
        # Digits that are part of a name, not a glued call.
        "The COVID19 figures were published.",
    ],
)
def test_an_elliptic_mark_that_is_part_of_a_phrase_is_not_read(sentence: str) -> None:
    doc = prose(f"Title line\n\nThe office reported 300 new cases. {sentence}\n")
    assert list(uncorroborated_claim(doc)) == []


def test_the_identity_of_someone_the_report_could_not_confirm_is_its_own_statement() -> None:
    doc = prose(
        "Title line\n\nTwelve people were killed in the attack. We were not able to "
        "independently confirm the identity of the victims.\n"
    )
    (emit,) = uncorroborated_claim(doc)
    assert emit.span.line == 3
    # An official's check of someone's papers is checking in another sense.
    for sentence in (
        "We were unable to verify your identity based on the information provided.",
        "The border guards did not verify the identity of the passengers.",
    ):
        assert list(uncorroborated_claim(prose(f"Title line\n\n{sentence}\n"))) == []


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        # The noun "inability" takes its possessor as who could not check ...
        ("Our inability to verify these accounts is a limitation of the study.", "own"),
        ("The team's inability to independently verify the figures is a limitation.", "own"),
        ("The ministry's inability to verify the figures delayed the report.", "third"),
        ("Their inability to confirm the deaths frustrated the families.", "third"),
        # ... and with none it is said of no one.
        ("An inability to verify sources is common in conflict reporting.", None),
        ("The inability to confirm a sender makes such messages dangerous.", None),
    ],
)
def test_a_noun_of_inability_is_its_possessors(sentence: str, voice: str | None) -> None:
    doc = prose(f"Title line\n\nThe office reported 300 new cases. {sentence}\n")
    assert bool(list(uncorroborated_claim(doc))) == (voice == "own")
    assert bool(list(attributed_unconfirmed(doc))) == (voice == "third")


@pytest.mark.parametrize(
    ("sentence", "own"),
    [
        ("Not all claims could be cross-checked.", True),
        ("Not all information from key informants could be triangulated.", True),
        ("Not all of these reports could be verified.", True),
        # Without "of", the noun phrase after "all" in the active is who checked.
        ("Not all officials could confirm the figures.", False),
        ("Not all students could check their results.", False),
    ],
)
def test_not_all_and_a_noun_phrase_in_the_passive_is_the_reports(sentence: str, own: bool) -> None:
    doc = prose(f"Title line\n\nThe office reported 300 new cases. {sentence}\n")
    assert bool(list(uncorroborated_claim(doc))) == own


def test_word_classes_load_from_other_toml() -> None:
    text = """
    [statement]
    gap_triggers = ["data"]
    lookback = 3
    lookahead = 4
    [statement.words]
    VERB = ["Check"]
    INFO = ["data"]
    GAPINFO = ["data"]
    BOUNDARY = ["but"]
    """
    loaded = Lexicon.from_toml(text)
    assert loaded.classes["check"] == "VERB"
    assert loaded.gap_classes["data"] == "GAPINFO"
    assert loaded.boundaries == frozenset({"but"})
    assert (loaded.lookback, loaded.lookahead) == (3, 4)


# --------------------------------------------------------------------------- shapes of clauses


@pytest.mark.parametrize(
    ("sentence", "form", "voice"),
    [
        ("This information could not be corroborated.", "passivecheck", "own"),
        ("The Research Directorate was unable to corroborate this.", "unable", "own"),
        ("We have been unable to substantiate these claims.", "unable", "own"),
        ("No corroborating information could be found.", "no_corroborating", "own"),
        ("Corroborating information on it could not be found.", "not_found", "own"),
        ("Corroboration of this account could not be obtained.", "not_found", "own"),
        ("It has not been possible to verify these figures.", "impossible", "own"),
        ("Attempts to corroborate this information were unsuccessful.", "failed", "own"),
        ("These allegations remain unconfirmed.", "predicate", "own"),
        ("The report has not been independently verified.", "passive", "own"),
        ("The report has yet to be confirmed.", "passive", "own"),
        ("The DIRB has found no corroboration of this.", "no_corroboration", "own"),
        ("None of the sources consulted could corroborate this.", "none_could", "own"),
        ("The figures are not independently verifiable.", "predicate", "own"),
        ("The DIRB has not found any information to corroborate this.", "not_found", "own"),
        ("The DIRB was not able to obtain corroborating information.", "not_found", "own"),
        ("Repeated attempts to confirm these reports have failed.", "failed", "own"),
        ("These figures could not be independently validated.", "passivecheck", "own"),
        ("The numbers could not be cross-checked with other sources.", "passivecheck", "own"),
        ("Independent verification of these figures was not possible.", "impossible", "own"),
        ("Verification was impossible.", "impossible", "own"),
        ("These findings could not be triangulated with other sources.", "passivecheck", "own"),
        ("We have no way of verifying these claims.", "no_way", "own"),
        (
            "It was not possible for the research team to verify these accounts.",
            "impossible",
            "own",
        ),
        ("Neither claim could be independently verified.", "passivecheck", "own"),
        ("Neither of these accounts could be corroborated.", "passivecheck", "own"),
        ("Human Rights Watch has not independently verified these claims.", "did_not", "own"),
        ("The Panel has yet to independently verify this.", "did_not", "own"),
        (
            "Photographs, which Amnesty International has not been able to authenticate, "
            "show the bodies.",
            "unable",
            "own",
        ),
        (
            "Further information corroborating this statement could not be found.",
            "not_found",
            "own",
        ),
        (
            "These figures could not be independently verified by the Commission.",
            "passivecheck",
            "own",
        ),
        ("These figures could not be cross-verified.", "passivecheck", "own"),
        ("The research team did not have the means to verify these claims.", "unable", "own"),
        ("It was beyond the scope of this study to verify these claims.", "impossible", "own"),
        ("Not all of these reports could be verified.", "passivecheck", "own"),
        ("It received 300 reports, not all of which could be verified.", "passivecheck", "own"),
        ("It received 40 reports, some of which could not be verified.", "passivecheck", "own"),
        ("These claims were unable to be verified.", "passivecheck", "own"),
        ("These claims were not able to be independently verified.", "passivecheck", "own"),
        ("This remains to be verified.", "passive", "own"),
        ("This was not confirmed by other interviewees.", "passive", "own"),
        ("It is not possible for the reader to verify these claims.", "impossible", "third"),
        ("It was not possible for Amnesty International to verify this.", "impossible", "own"),
        ("This, which neither the FBI nor we have been able to confirm.", "none_could", "own"),
        ("Neither the police nor the ministry could confirm the report.", "none_could", "third"),
        ("Journalists were unable to verify the claims.", "unable", "third"),
        ("In neither case could the information be corroborated.", "passivecheck", "own"),
        ("In neither case could the police confirm it.", "none_could", "third"),
        ("Neither the CIA nor the FBI was able to corroborate it.", "none_could", "third"),
        ("We did not attempt to verify these figures.", "did_not", "own"),
        ("These figures could not be properly verified.", "passivecheck", "own"),
        ("Only 12 of the 40 cases could be verified.", "only_passive", "own"),
        ("The team was only able to confirm 12 of the 40 deaths.", "only_able", "own"),
        ("We were unable to physically verify the figures.", "unable", "own"),
        ("It was not feasible to verify these figures.", "impossible", "own"),
        ("These figures have not been fact-checked.", "passive", "own"),
        ("The evaluators did not verify these figures.", "did_not", "own"),
        (
            "Verification of these figures was beyond the scope of this report.",
            "impossible",
            "own",
        ),
        ("None of these accounts has been independently verified.", "none_could", "own"),
        ("Information received could not always be verified.", "passivecheck", "own"),
        ("It has not been possible for us to verify these reports.", "impossible", "own"),
        ("It has not been possible for the ministry to verify them.", "impossible", "third"),
        ("We could neither confirm nor refute these reports.", "could_not", "own"),
        ("The ministry could neither confirm nor deny the reports.", "could_not", "third"),
        (
            "No independent evidence has emerged to corroborate this.",
            "no_information_corroborating",
            "own",
        ),
        ("Respondents could not verify what they read online.", "could_not", "third"),
        ("Most reports were not confirmed by the authorities.", "passive", "third"),
        ("The data are self-reported and not independently verified.", "elliptic", "own"),
        ("The data were collected and not verified by the ministry.", "elliptic", "third"),
        ("Iran did not confirm the executions.", "did_not", "third"),
        ("Hamas has not confirmed the deaths.", "did_not", "third"),
        ("Police said they could not confirm the report.", "could_not", "third"),
        ("The ministry declined to confirm this.", "refusal", "third"),
        ("The authorities would neither confirm nor deny the reports.", "refusal", "third"),
    ],
)
def test_clause_shapes(sentence: str, form: str, voice: str) -> None:
    statements = _statements(sentence)
    assert statements, sentence
    assert (statements[0].form, statements[0].voice) == (form, voice)


@pytest.mark.parametrize(
    "sentence",
    [
        "The lack of verification procedures delayed the process.",
        "He received no confirmation of his registration.",
        # Someone's silence, not an inability.
        "The reports were neither confirmed nor denied.",
        "There are unconfirmed reports that the camp was closed.",
        "The court confirmed the sentence in May.",
        "Normal verification procedures could take up to six months to confirm.",
        # A condition says what is done when something is unconfirmed, not that it is.
        "If the information cannot be confirmed the case is closed.",
        "The claim stands unless it could not be verified by the court.",
        "The list gives the confirmed and not confirmed cases.",
        "They arrived and not confirmed cases rose.",
        # "only" without a part left unconfirmed.
        "Only the police could confirm this.",
        "Only claims confirmed by two sources were included.",
    ],
)
def test_not_statements(sentence: str) -> None:
    assert _statements(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "form", "voice"),
    [
        # The truth of a claim left unknown: "veracity", "authenticity", "accuracy" ... with a
        # verb of establishing it, which alone is no verb of checking.
        ("The veracity of these reports could not be established.", "truth_passive", "own"),
        ("The accuracy of these figures could not be ascertained.", "truth_passive", "own"),
        ("We were unable to determine the veracity of the allegations.", "truth_active", "own"),
        ("It was not possible to establish the authenticity of it.", "truth_passive", "own"),
        ("We did not assess the reliability of these data.", "did_not", "own"),
        ("The court was unable to establish the accuracy of X.", "truth_active", "third"),
        # A name that does not say "independently" is a party's silence, as with "verify".
        ("The IJ did not assess the accuracy of the record.", "did_not", "third"),
        # An audit's pair of verbs; an audit office's acronym; a writing pointed at by "this".
        ("We did not audit or otherwise verify the data.", "did_not", "own"),
        ("GAO did not verify the data.", "did_not", "own"),
        ("This teardown was not able to independently verify it.", "unable", "own"),
        # A relative clause of the noun it follows; a gerund subject.
        ("We did not find information that would corroborate this.", "not_found", "own"),
        ("Information corroborating the above could not be found.", "not_found", "own"),
        ("Verifying these claims was not possible.", "impossible", "own"),
        ("It has not been possible to obtain corroboration of it.", "not_found", "own"),
        # A noun of checking among the things no information was found on; news' "immediate".
        (
            "No further information, including corroboration of it, could be found.",
            "no_information_corroborating",
            "own",
        ),
        ("There was no immediate independent confirmation of it.", "no_corroboration", "own"),
        # "sought", "tried", "attempted" with "have not" or "never".
        ("We have not sought to verify these values.", "did_not", "own"),
        ("The police never tried to verify his account.", "did_not", "third"),
        # An attempt and its failure across "but".
        ("The Directorate tried to verify it but was unable to do so.", "failed", "own"),
        ("We attempted to corroborate these reports but could not.", "failed", "own"),
        ("Amnesty International tried to confirm it but has so far been unable.", "failed", "own"),
        ("They tried to verify his identity but failed.", "failed", "third"),
        ("We tried, without success, to corroborate this account.", "failed", "own"),
        ("The station attempted to confirm it without success.", "failed", "third"),
        ("Attempts to obtain corroborating information were unsuccessful.", "failed", "own"),
        ("Efforts to locate any corroboration of it were fruitless.", "failed", "own"),
        # "Information to corroborate" opens the clause (the ``sought`` start).
        ("Information to corroborate this could not be found.", "not_found", "own"),
        ("Further evidence to verify these claims could not be found.", "not_found", "own"),
        ("However, information to corroborate it was not available.", "not_found", "own"),
        ("Information that would corroborate it could not be found.", "not_found", "own"),
        # A party that looked and found nothing: theirs, not the report's.
        ("The police could not find any corroborating evidence.", "not_found", "third"),
        (
            "The court found no evidence corroborating the charges.",
            "no_information_corroborating",
            "third",
        ),
        ("They found no corroborating evidence.", "no_corroborating", "third"),
        ("The researchers came and they found no corroboration.", "no_corroboration", "own"),
        ("We found no corroborating evidence.", "no_corroborating", "own"),
        ("It was impossible to find corroboration of it.", "not_found", "own"),
    ],
)
def test_more_clause_shapes(sentence: str, form: str, voice: str) -> None:
    assert _first_form_and_voice(sentence) == (form, voice)


@pytest.mark.parametrize(
    ("sentence", "form", "voice"),
    [
        # A noun of checking said to have been impossible, with "have" or "prove".
        ("Verification of these claims has not been possible.", "impossible", "own"),
        ("Independent confirmation has proved impossible.", "impossible", "own"),
        ("Verifying the figures has not proved possible.", "impossible", "own"),
        ("These reports proved impossible to verify.", "impossible", "own"),
        ("These claims proved unverifiable.", "predicate", "own"),
        ("He proved unable to confirm it.", "unable", "third"),
        # "none of which" with who was not able named between.
        ("The reports, none of which we were able to verify, spoke of it.", "none_could", "own"),
        ("Claims, none of which we have been able to confirm, spread.", "none_could", "own"),
        ("Claims, none of which the police were able to verify, spread.", "none_could", "third"),
        ("Claims, none of which they were able to confirm, spread.", "none_could", "third"),
        # Nothing found or emerged to corroborate; who looked is who found nothing.
        ("We found nothing to corroborate these accounts.", "no_information_corroborating", "own"),
        ("Nothing has emerged to substantiate the claim.", "no_information_corroborating", "own"),
        (
            "The police found nothing to corroborate his account.",
            "no_information_corroborating",
            "third",
        ),
        # No way, means, ability or possibility: whose is read from the subject.
        ("We lack the means to verify these reports.", "unable", "own"),
        ("The authors lacked the capacity to verify each claim.", "unable", "own"),
        ("The police lacked the capacity to verify each claim.", "unable", "third"),
        ("There is no possibility of verifying these reports.", "no_way", "own"),
        ("It is beyond our ability to verify these figures.", "impossible", "own"),
        ("We had no means of checking these claims.", "no_way", "own"),
        ("We were unable to get independent confirmation of it.", "not_found", "own"),
        # A noun of checking after "no means of".
        ("The team had no independent means of verification.", "no_way", "own"),
        ("We had no opportunity to verify these accounts.", "no_way", "own"),
        # An audit's pair of participles; an adverb of degree.
        ("Data were not independently audited or verified.", "passive", "own"),
        ("The data remain largely unverified.", "predicate", "own"),
        ("These claims remain unproven.", "predicate", "own"),
        # What a report calls itself.
        ("The present chapter could not verify these figures.", "could_not", "own"),
        ("Our desk was unable to verify the claims.", "unable", "own"),
    ],
)
def test_widened_clause_shapes(sentence: str, form: str, voice: str) -> None:
    assert _first_form_and_voice(sentence) == (form, voice)


@pytest.mark.parametrize(
    "sentence",
    [
        # "nothing to corroborate" without a finding is no claim left unchecked.
        "There is nothing to corroborate.",
        "If we found nothing to corroborate it, we said so.",
        # A noun of means qualified, not lacked by anyone; "without" the means is anyone's.
        "The lack of means to verify delayed it.",
        "Without the ability to confirm or verify information, individuals risk harm.",
        # Proving is no checking.
        "The prosecution could not prove the charges.",
        # Not able to do something else "to verify" is no statement: what a procedure lets
        # others do.
        "The procedure might not allow asylum-seekers to substantiate their claims.",
    ],
)
def test_widened_shapes_keep_apart(sentence: str) -> None:
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # Establishing something other than a claim's truth.
        "The commission had not been established by the end of the year.",
        "The court could not establish the cause of death.",
        "The government did not establish an independent investigation.",
        "The reliability of the data was established through testing.",
        "Tests established the accuracy of the measurements.",
        # A witness's credibility is a court's to weigh, not a claim left unchecked.
        "The credibility of the witness was not established.",
    ],
)
def test_establishing_other_things_is_no_statement(sentence: str) -> None:
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


@pytest.mark.parametrize(
    ("sentence", "form", "voice"),
    [
        # Establishing said of information itself (tests/corpus/corroboration has the real
        # ones): a noun of information or a demonstrative as the subject.
        ("These figures could not be ascertained.", "established_passive", "own"),
        ("This could not be established.", "established_passive", "own"),
        # No one named tried: said of the attempt.
        ("No attempt was made to verify the data.", "no_attempt", "own"),
        ("No effort has been made to independently verify these figures.", "no_attempt", "own"),
        # "neither ... nor" around "be", and a party's past silence.
        ("These claims could neither be verified nor refuted.", "passive", "own"),
        ("The authorities have neither confirmed nor denied the reports.", "refusal", "third"),
        ("The ministry neither confirmed nor denied the allegations.", "refusal", "third"),
        # The adjective sharing the "be" of the clause before "and".
        ("The survey data are self-reported and unverified.", "elliptic", "own"),
        ("The figures are estimates and largely unverified.", "elliptic", "own"),
        ("According to state media but otherwise unconfirmed, 40 were freed.", "elliptic", "own"),
        # The adjective before a noun that ends the clause says what the subject is.
        ("These figures are unverified estimates.", "predicate", "own"),
        ("They are unverified estimates, not measurements.", "predicate", "own"),
    ],
)
def test_research_report_shapes(sentence: str, form: str, voice: str) -> None:
    assert _first_form_and_voice(sentence) == (form, voice)


@pytest.mark.parametrize(
    "sentence",
    [
        # A fact unknown, not information unchecked: the subject's head is no noun of
        # information.
        "The cause of death could not be ascertained.",
        "The number of victims could not be established.",
        # A passive "neither ... nor" names no one.
        "The reports were neither confirmed nor denied.",
        # "and unverified" qualifying a noun, or with no "be" to share.
        "There were confirmed and unverified cases.",
        "Reports and unverified accounts circulated.",
        # A hedged claim brought in, not a subject said to be unverified.
        "Among them were unconfirmed reports of killings.",
        "There were unconfirmed reports.",
        # A noun phrase in a list, no clause: a case definition.
        "Possible infection: fever, chills, but no laboratory confirmation of colonization.",
        # Checking qualifies the noun of a phrase after the information.
        "The registry has no information on confirmatory studies.",
        # Information that fails to support a claim is a finding.
        "The data do not confirm these stereotypes.",
        "The evidence did not substantiate the hypothesis.",
    ],
)
def test_research_report_shapes_keep_apart(sentence: str) -> None:
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # A verb of saying after a determiner qualifies the claim: no one says it.
        "The reported numbers could not be verified independently.",
        "Their stated figures could not be independently verified.",
        # The writer's passive remark after the statement is no speaker.
        "Where information could not be verified, this is indicated in the text.",
        # Nor is any passive verb of saying with no "by" after it, or a word ending in one.
        "Where a figure could not be cross-checked, that is stated next to the figure.",
        "We could not verify the hash of this driver, it has not been confirmed.",
        "We could not corroborate the owner's name, so treat it as self-reported.",
    ],
)
def test_a_participle_of_saying_or_a_passive_remark_names_no_speaker(sentence: str) -> None:
    doc = prose(f"Title line\n\n{sentence}\n")
    assert list(uncorroborated_claim(doc))
    assert not list(attributed_unconfirmed(doc))


@pytest.mark.parametrize(
    "sentence",
    [
        # An attempt whose "but" clause is not its failure.
        "We tried to verify the figures, but they were correct.",
        "He tried to confirm his appointment but the office was closed.",
        "The commission tried to verify the results but confirmed them.",
        "He tried to find success without checking.",
        "We attempted to find a confirmation letter but failed.",
        # Something to check with, or a person, not found: no claim left unchecked.
        "He brought documents to verify his identity, but they could not be found.",
        "Documents needed to verify his age could not be found.",
        "The police could not find him.",
        "Information to verify the vote was provided to the commission.",
        "He gave us information that would confirm it, which could not be found.",
        # Evidence a party gave or presented (none): the object of its verb, not a statement.
        "The government provided no evidence corroborating the charges.",
        "The prosecution presented no evidence to corroborate the charges.",
        "He was asked for information to verify it and it could not be found.",
    ],
)
def test_attempts_and_things_to_check_with_are_no_statement(sentence: str) -> None:
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


@pytest.mark.parametrize(
    ("sentence", "own"),
    [
        ("The ministry claimed that 300 people had died, which could not be verified.", True),
        ("The ministry said 300 died, a figure that could not be independently verified.", True),
        ("The reports, which could not be verified, came as the army said it had struck.", True),
        ("The authorities did not confirm the claim, which could not be verified.", True),
        # A relative clause whose subject is the report: its own remark on what a source says.
        (
            "The allegation is cited to a local newspaper, which the team was not able to confirm.",
            True,
        ),
        (
            "The ministry said 300 people had died, which Amnesty International could not verify.",
            True,
        ),
        # Not a remark: the speaker's own clause, or a party as the clause's subject.
        ("The ministry said 300 people had died, which the police could not verify.", False),
        ("The ministry said that the figures could not be verified.", False),
        ("The ministry said the reports, which it could not confirm, were false.", False),
    ],
)
def test_a_relative_clause_after_a_comma_is_the_writers_remark(sentence: str, own: bool) -> None:
    doc = prose(f"Title line\n\nThe office reported 300 cases. {sentence}\n")
    assert bool(list(uncorroborated_claim(doc))) == own
    assert bool(list(attributed_unconfirmed(doc))) == (not own)


def test_a_wrapped_sentence_points_at_its_marker_line() -> None:
    text = (
        "Title line\n\nThe lawyer stated that returnees are held at the airport for two\n"
        "days and questioned, but the Research Directorate could not corroborate this.\n"
    )
    doc = prose(text)
    (emit,) = uncorroborated_claim(doc)
    assert emit.span.line == 3
    assert [related.span.line for related in emit.related] == [4]


def test_checking_in_another_sense_sets_aside_only_its_own_clause() -> None:
    gap_and_claim = (
        "Title line\n\nReturnees are held for weeks. Information on returnees is limited "
        "among the sources consulted, and the Research Directorate could not corroborate this.\n"
    )
    assert len(list(uncorroborated_claim(prose(gap_and_claim)))) == 1
    identity = "Title line\n\nA statement. The officials could not verify his identity.\n"
    assert list(uncorroborated_claim(prose(identity))) == []


def test_a_speaker_after_a_statement_is_in_its_own_sentence() -> None:
    said = "Title line\n\nA statement. Russia is unable to confirm his death, its spy chief said.\n"
    assert list(uncorroborated_claim(prose(said))) == []
    # A sentence the reader ran on past a full stop (into page furniture): the speaker of the
    # next sentence is not this statement's.
    run_on = (
        "Title line\n\nA statement. This information could not be corroborated.\n149\n"
        "In response to a query, the government stated in April that she had died.\n"
    )
    assert len(list(uncorroborated_claim(prose(run_on)))) == 1


@pytest.mark.parametrize(
    ("sentence", "form", "voice"),
    [
        # Whether a claim is true left unknown, said with "whether", "if" or "that".
        (
            "The Research Directorate could not establish whether he was released.",
            "truth_active",
            "own",
        ),
        ("It could not be established whether the man was detained.", "truth_passive", "own"),
        (
            "It was not possible to ascertain whether the reports were accurate.",
            "truth_passive",
            "own",
        ),
        (
            "The court could not establish whether the accused had been tortured.",
            "truth_active",
            "third",
        ),
        # A confirmation not received: whose is the subject's.
        (
            "The Research Directorate has not received confirmation of this information.",
            "not_received",
            "own",
        ),
        ("We did not receive any confirmation of these reports.", "not_received", "own"),
        (
            "The organization has received no confirmation that he has been released.",
            "not_received",
            "own",
        ),
        ("His family did not receive confirmation of his death.", "not_received", "third"),
        # Nothing available to check a claim with.
        ("No data were available to verify these figures.", "no_information_corroborating", "own"),
        (
            "No external sources were available to verify this statement.",
            "no_information_corroborating",
            "own",
        ),
        # A passive's agent: a party's silence, or the publisher's own word.
        ("His arrest was not confirmed by Interpol.", "passive", "third"),
        ("These reports have not been confirmed by Amnesty International.", "passive", "own"),
        ("Amnesty International delegates were unable to confirm these reports.", "unable", "own"),
        ("These claims could be neither confirmed nor refuted.", "passive", "own"),
        ("The claim has not been independently verified by CNN.", "passive", "own"),
        ("The footage could not be verified by Reuters.", "passivecheck", "own"),
        # A name after a party's title is that party.
        ("Spokesperson Ahmed could not confirm the number of dead.", "could_not", "third"),
        ("Interior Minister Smith was unable to verify the figures.", "unable", "third"),
        ("Reuters could not confirm the number of dead.", "could_not", "own"),
        # A capital that is the sentence's, not a name's; informants as a party.
        ("Neighbours could not confirm the arrests.", "could_not", "third"),
        ("Diplomats were unable to verify the report.", "unable", "third"),
        ("Hospital sources could not confirm the report.", "could_not", "third"),
        ("None of the sources consulted could corroborate it.", "none_could", "own"),
        # The report's own sources: consulted by it, or "our".
        ("The sources consulted could not confirm whether he was arrested.", "could_not", "own"),
        ("Our sources could not confirm the report.", "could_not", "own"),
        (
            "The other sources consulted did not provide corroborating information.",
            "not_provided",
            "own",
        ),
        ("The government did not provide corroborating evidence.", "not_provided", "third"),
        # A participle of giving inside the noun phrase before "could not be found".
        (
            "Corroborating information for the statements made by the interviewee could not be"
            " found.",
            "not_found",
            "own",
        ),
    ],
)
def test_truth_receipt_availability_and_named_parties(sentence: str, form: str, voice: str) -> None:
    assert _first_form_and_voice(sentence) == (form, voice)


@pytest.mark.parametrize(
    "sentence",
    [
        # Establishing whether is a law's or a procedure's content, not a check left undone.
        "The law did not establish whether appeals were allowed.",
        # "that": a finding not proven, a court's or a claimant's burden.
        "It cannot be established that the respondent was convicted of a firearms offense.",
        "The respondent was unable to establish that he had been persecuted.",
        # A confirmation that qualifies a noun, or that someone got none of as a document.
        "Test user has not received confirmation emails.",
        "He received no confirmation of his registration.",
        "She has received no confirmation of her registration.",
        # Tools, not information, unavailable.
        "No LaTeX compilation tools were available to verify successful compilation.",
    ],
)
def test_truth_receipt_and_availability_keep_apart(sentence: str) -> None:
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        # A pronoun, or a subject left out after "but", stands for the sentence's subject.
        ("Amnesty International received reports of killings, which it could not verify.", "own"),
        ("The Special Rapporteur received information, which she was unable to verify.", "own"),
        ("The organization received reports but was unable to confirm them.", "own"),
        ("In March, the Commission received reports it could not verify.", "own"),
        ("The Israeli army denied the killings but failed to substantiate its claim.", "third"),
        ("The ministry received the list but was unable to verify it.", "third"),
        ("The journalist received reports which he could not verify.", "third"),
    ],
)
def test_who_a_pronoun_or_a_left_out_subject_stands_for(sentence: str, voice: str) -> None:
    statements = _statements(sentence)
    assert statements and statements[0].voice == voice, sentence


def test_a_condition_ends_at_a_comma() -> None:
    # "If possible, ..." is a condition of its own: the statement after it stands.
    text = "If possible, figures were checked; these could not be verified."
    found = [read_at(text, 0, len(text), t) for t in iter_triggers(text, 0, len(text), STEMS)]
    assert any(f is not None for f in found)
    text = "If possible the figures were checked, these could not be verified."
    found = [read_at(text, 0, len(text), t) for t in iter_triggers(text, 0, len(text), STEMS)]
    assert any(f is not None for f in found)


def test_a_passive_remark_of_the_writer_is_not_an_attribution() -> None:
    text = "Title line\n\nA statement. It should be noted that the map could not be validated.\n"
    assert len(list(uncorroborated_claim(prose(text)))) == 1
    said = "Title line\n\nA statement. The lawyer noted that the map could not be validated.\n"
    assert list(uncorroborated_claim(prose(said))) == []


@pytest.mark.parametrize(
    ("sentence", "own"),
    [
        # A participle in the claim's noun phrase names its source, not who could not check.
        ("The figures reported are unverified.", True),
        ("The numbers cited by respondents could not be verified.", True),
        ("Figures reported by the ministry could not be verified.", True),
        # A verb of saying with its own subject, or after "be", attributes the statement.
        ("The lawyer said the figures could not be verified.", False),
        ("It was reported by the ministry that the figures could not be verified.", False),
        ("Police reported that the figures could not be verified.", False),
    ],
)
def test_a_participle_of_saying_in_the_claim_is_no_attribution(sentence: str, own: bool) -> None:
    doc = prose(f"Title line\n\nThe office reported 300 cases. {sentence}\n")
    assert bool(list(uncorroborated_claim(doc))) == own


@pytest.mark.parametrize("furniture", ["12", "EVALUATION OF THE PROGRAMME"])
def test_a_statement_broken_by_a_page_break_is_read_across_it(furniture: str) -> None:
    # A page number or a running head between "could not be" and "independently verified":
    # the sentence goes on in the paragraph after the page furniture.
    text = (
        "Title line\n\nThe office reported 300 new cases. These figures could not be\n\n"
        f"{furniture}\n\nindependently verified by the team.\n"
    )
    builder = DocBuilder(text)
    builder.kind(furniture, "furniture")
    (emit,) = uncorroborated_claim(builder.build())
    assert [related.span.line for related in emit.related] == [3]


def _with_feet(last_page: str) -> str:
    """An annual report's pages as a PDF extraction gives them: each page's number and running
    foot inside the paragraph they interrupt (no blank lines around them), then ``last_page``
    (``{foot}`` where its foot interrupts it)."""
    foot = "Amnesty International Report 2012"
    pages = "".join(
        f"A paragraph of page {page} that runs to the page's end and\n{page}\n{foot}\n"
        "goes on after it on the next page.\n\n"
        for page in (144, 145, 146)
    )
    return "Title line\n\n" + pages + last_page.format(foot=f"147\n{foot}")


def test_a_statement_is_read_across_a_running_foot_inside_its_paragraph() -> None:
    text = _with_feet(
        "The office reported 300 new cases. Amnesty International has not been\n"
        "{foot}\nable to confirm these reports.\n"
    )
    (emit,) = uncorroborated_claim(provenance.parse(text))
    # The marker runs from the negation to the verb, the foot between them as the text has it.
    quoted = '"has not been 147 Amnesty International Report 2012 able to confirm these reports"'
    assert emit.message.endswith(quoted)


def test_the_words_of_a_running_foot_are_never_the_sentences() -> None:
    # Read with the foot, "were not / Verified Edition ..." would be a passive statement.
    foot = "Verified Edition of the Annual Report 2012"
    pages = "".join(
        f"A paragraph of page {page} that runs to the page's end and\n{foot}\n{page}\n"
        "goes on after it on the next page.\n\n"
        for page in (144, 145, 146, 147)
    )
    text = f"Title line\n\n{pages}The reports were not\n{foot}\n148\nsent by mail.\n"
    assert not list(uncorroborated_claim(provenance.parse(text)))
    # Where the line is no running foot (once only), it is read.
    alone = f"Title line\n\nThe reports were not\n{foot}\n148\nsent by mail.\n"
    assert list(uncorroborated_claim(provenance.parse(alone)))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The paragraph before ends with a stop: a new sentence after the break.
        ("These figures were checked.", "independently verified by the team."),
        # The paragraph after opens a sentence of its own.
        ("These figures could not be", "Independently, the team met officials."),
    ],
)
def test_a_page_break_after_a_whole_sentence_joins_nothing(before: str, after: str) -> None:
    text = f"Title line\n\nThe office reported 300 new cases. {before}\n\n12\n\n{after}\n"
    builder = DocBuilder(text)
    builder.kind("12", "furniture")
    assert list(uncorroborated_claim(builder.build())) == []


def test_a_hyphenated_word_is_not_a_verb_of_saying() -> None:
    # "self-reported" describes the data; nobody is said to have reported anything.
    text = "Title line\n\nA statement. The data were self-reported and were not verified.\n"
    assert len(list(uncorroborated_claim(prose(text)))) == 1
    said = "Title line\n\nA statement. The lawyer reported that it could not be verified.\n"
    assert list(uncorroborated_claim(prose(said))) == []


def test_the_look_back_is_bounded() -> None:
    # Two hundred words of subject: the clause is still found, read from a bounded window.
    sentence = "The " + "very " * 200 + "long report could not be verified."
    trigger = sentence.index("verified")
    found = read_at(sentence, 0, len(sentence), trigger)
    assert found is not None and sentence[found.start : found.end] == "could not be verified"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # Any noun sought and not found to check with: the claim is left unchecked.
        ("No cDNA could be found to verify this segment.", True),
        ("No record has been found to confirm the arrest.", True),
        # Found, or nothing sought to check with: no statement.
        ("A cDNA was found to verify this segment.", False),
        ("No cDNA could be found in the library.", False),
    ],
)
def test_no_noun_found_to_check_with(sentence: str, found: bool) -> None:
    assert bool(_statements(sentence)) == found


def test_with_no_verification_is_without_it() -> None:
    # "with no independent verification of" says what "without" does; after another verb
    # ("provided no confirmation") the noun is that verb's object.
    text = "The vendor published the figures, with no independent verification of the hours."
    found = _statements(text)
    assert found and found[0].form == "no_corroboration" and found[0].voice == "own"
    assert _statements("He provided no confirmation of the hours.") == []


# --------------------------------------------------------------------------- the real examples


@pytest.mark.parametrize(
    "example", _examples(), ids=lambda e: e["text"][:50] if isinstance(e, dict) else str(e)
)
def test_real_examples(example: dict[str, Any]) -> None:
    doc = prose(f"Title line\n\nA statement before it. {example['text']}\n")
    own = list(uncorroborated_claim(doc))
    third = list(attributed_unconfirmed(doc))
    gaps = list(information_gap(doc))
    expect = example["expect"]
    assert bool(own) == (expect == "own"), example["source"]
    if expect == "third":
        assert third, example["source"]
    if expect == "gap":
        assert gaps, example["source"]
    if expect == "none":
        assert not third and not gaps, example["source"]


def test_real_examples_have_sources_and_cover_every_kind() -> None:
    examples = _examples()
    assert all(e["source"].strip() for e in examples)
    kinds = {e["expect"] for e in examples}
    assert kinds == {"own", "third", "gap", "none"}
    assert len(examples) >= 50


def _unseen() -> list[Any]:
    examples: list[dict[str, Any]] = tomllib.loads(UNSEEN.read_text(encoding="utf-8"))["example"]
    return [
        pytest.param(
            e,
            id=e["text"][:50],
            # What the reader still gets wrong is said in the file; strict, so a fix shows.
            marks=[pytest.mark.xfail(strict=True, reason=e["miss"])] if "miss" in e else [],
        )
        for e in examples
    ]


def _class_of(sentence: str, before: str = "A statement before it.") -> str:
    """The class the rules give ``sentence`` as the body of a short report read by the parser,
    after the sentence ``before`` it: own (uncorroborated-claim), else third
    (attributed-unconfirmed), else gap, else none."""
    doc = parse_document(f"Title line\n\n{before} {sentence}\n")
    if list(uncorroborated_claim(doc)):
        return "own"
    if list(attributed_unconfirmed(doc)):
        return "third"
    return "gap" if list(information_gap(doc)) else "none"


@pytest.mark.parametrize("example", _unseen())
def test_unseen_examples(example: dict[str, Any]) -> None:
    assert _class_of(example["text"]) == example["expect"], example["source"]


def test_unseen_examples_hold_out_every_fourth_and_cover_every_kind() -> None:
    examples = tomllib.loads(UNSEEN.read_text(encoding="utf-8"))["example"]
    assert len(examples) >= 150 and all(e["source"].strip() for e in examples)
    assert {e["expect"] for e in examples} == {"own", "third", "gap", "none"}
    held = [i for i, e in enumerate(examples) if e.get("heldout")]
    assert held and all(i % 4 == 3 for i in held)


def _fresh2() -> list[Any]:
    examples: list[dict[str, Any]] = tomllib.loads(FRESH2.read_text(encoding="utf-8"))["example"]
    return [
        pytest.param(
            e,
            id=e["text"][:50],
            marks=[pytest.mark.xfail(strict=True, reason=e["miss"])] if "miss" in e else [],
        )
        for e in examples
    ]


@pytest.mark.parametrize("example", _fresh2())
def test_second_fresh_examples(example: dict[str, Any]) -> None:
    before = example.get("before", "A statement before it.")
    assert _class_of(example["text"], before) == example["expect"], example["source"]


def test_second_fresh_examples_hold_out_every_third_and_cover_every_kind() -> None:
    examples = tomllib.loads(FRESH2.read_text(encoding="utf-8"))["example"]
    assert len(examples) >= 60 and all(e["source"].strip() for e in examples)
    assert {e["expect"] for e in examples} == {"own", "third", "gap", "none"}
    held = [i for i, e in enumerate(examples) if e.get("heldout")]
    assert held == list(range(2, len(examples), 3))


def _fresh3() -> list[Any]:
    examples: list[dict[str, Any]] = tomllib.loads(FRESH3.read_text(encoding="utf-8"))["example"]
    return [
        pytest.param(
            e,
            id=e["text"][:50],
            marks=[pytest.mark.xfail(strict=True, reason=e["miss"])] if "miss" in e else [],
        )
        for e in examples
    ]


@pytest.mark.parametrize("example", _fresh3())
def test_third_fresh_examples(example: dict[str, Any]) -> None:
    before = example.get("before", "A statement before it.")
    assert _class_of(example["text"], before) == example["expect"], example["source"]


def test_third_fresh_examples_hold_out_every_third_and_cover_every_kind() -> None:
    examples = tomllib.loads(FRESH3.read_text(encoding="utf-8"))["example"]
    assert len(examples) >= 100 and all(e["source"].strip() for e in examples)
    assert {e["expect"] for e in examples} == {"own", "third", "gap", "none"}
    held = [i for i, e in enumerate(examples) if e.get("heldout")]
    assert held == list(range(2, len(examples), 3))


def _fresh4() -> list[Any]:
    examples: list[dict[str, Any]] = tomllib.loads(FRESH4.read_text(encoding="utf-8"))["example"]
    return [
        pytest.param(
            e,
            id=e["text"][:50],
            marks=[pytest.mark.xfail(strict=True, reason=e["miss"])] if "miss" in e else [],
        )
        for e in examples
    ]


@pytest.mark.parametrize("example", _fresh4())
def test_fourth_fresh_examples(example: dict[str, Any]) -> None:
    before = example.get("before", "A statement before it.")
    assert _class_of(example["text"], before) == example["expect"], example["source"]


def test_fourth_fresh_examples_hold_out_every_third_and_cover_every_kind() -> None:
    examples = tomllib.loads(FRESH4.read_text(encoding="utf-8"))["example"]
    assert len(examples) >= 80 and all(e["source"].strip() for e in examples)
    assert {e["expect"] for e in examples} == {"own", "third", "gap", "none"}
    held = [i for i, e in enumerate(examples) if e.get("heldout")]
    assert held == list(range(2, len(examples), 3))


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        # An adverb between "possible" and "to".
        ("It was not possible independently to verify these reports.", "own"),
        # A subject and its verb in one word.
        ("I've no way of verifying that he wrote it.", "own"),
        ("We've not been able to confirm the figures.", "own"),
        # Checking again is checking.
        ("We were unable to re-verify the count.", "own"),
        # "no one", "nobody" say what "none" does.
        ("No one has been able to verify the story.", "own"),
        ("Nobody could confirm the figures.", "own"),
        # Who has no way of checking is the subject.
        ("The ministry has no way of verifying the lists.", "third"),
    ],
)
def test_shapes_of_the_third_fresh_set(sentence: str, voice: str) -> None:
    statements = _statements(sentence, phrases().uncorroborated_trigger.stems)
    assert statements and statements[0].voice == voice, sentence


def test_which_opening_a_sentence_asks_a_question() -> None:
    assert _statements("6. Which facts could not be independently verified.") == []
    assert _statements("Which claims could not be confirmed?") == []
    # After the noun it stands for it opens a relative clause, the report's remark.
    found = _statements("He cited figures, which could not be independently verified.")
    assert found and found[0].voice == "own"


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        # A study, an investigation or a review is the report's own ...
        ("The investigation could not corroborate the report.", "own"),
        ("Our investigation could not corroborate the report.", "own"),
        # ... unless a party's word, or its possessive, says whose it is.
        ("The police investigation could not corroborate the report.", "third"),
        ("The ministry's own review was unable to verify the figures.", "third"),
        ("The prosecutor's inquiry could not confirm the claims.", "third"),
    ],
)
def test_a_study_as_subject_is_a_partys_when_its_word_says_so(sentence: str, voice: str) -> None:
    statements = _statements(sentence)
    assert statements and statements[0].voice == voice, sentence


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # "due to", "owing to": a preposition of two words after the adjective, no noun it
        # qualifies.
        ("Reports of abuses remained unverified due to a blackout.", True),
        ("The claims remain unverified owing to the lack of access.", True),
        ("There are unverified reports of abuses.", False),
    ],
)
def test_a_preposition_after_unverified_is_no_noun(sentence: str, found: bool) -> None:
    doc = prose(f"Title line\n\nA statement before it. {sentence}\n")
    assert bool(list(uncorroborated_claim(doc))) == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # A clause of concession with its subject and "be" left out.
        ("Three cases were filmed, although not independently verified, and need inquiry.", True),
        ("The figures were published, though not verified.", True),
        # A participle that qualifies a noun after it.
        ("The list was kept while not verified cases were dropped.", False),
    ],
)
def test_although_not_verified_is_a_clause_with_be_left_out(sentence: str, found: bool) -> None:
    doc = prose(f"Title line\n\nA statement before it. {sentence}\n")
    assert bool(list(uncorroborated_claim(doc))) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "There was no verifiable information available on whether the law was applied.",
        "There was no confirmed information on whether the law was respected.",
        "There was no reliable information regarding the age requirements.",
    ],
)
def test_no_information_with_an_adjective_is_a_gap(sentence: str) -> None:
    doc = prose(f"Title line\n\nA statement before it. {sentence}\n")
    assert len(list(information_gap(doc))) == 1
    assert list(uncorroborated_claim(doc)) == []


_BREAK_PIECES = st.sampled_from(
    ["-", "\u00ad", " ", "\t", "\n", "\r\n", "\r", "cor", "roborated", "x", "--", "\u2019"]
)


@given(st.lists(_BREAK_PIECES, max_size=25))
def test_line_breaks_of_each_hyphen_merged_are_the_scan_of_both(pieces: list[str]) -> None:
    """The breaks found for the hyphen and the soft hyphen apart, merged, are the matches of
    the scan for either."""
    text = "".join(pieces)
    expected = [match.span() for match in _LINE_BREAK.finditer(text)]
    assert [match.span() for match in _line_breaks(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "form", "voice"),
    [
        # Another participle before the verb of checking, joined by "or", after a modal.
        ("The exact number of deaths could not be determined or verified.", "passivecheck", "own"),
        ("The figures could not be collected or verified by the team.", "passivecheck", "own"),
        # "neither ... nor" with a party's name that takes an "of" phrase.
        (
            "Neither the date nor the place of the incident could be confirmed.",
            "passivecheck",
            "own",
        ),
        # A short aside between commas inside the verb group reads as an adverb.
        (
            "These figures could not, at the time of writing, be independently verified.",
            "passivecheck",
            "own",
        ),
        (
            "The team has, despite repeated requests, not been able to confirm the figures.",
            "unable",
            "own",
        ),
        (
            "The police could not, at the time of writing, confirm the arrests.",
            "could_not",
            "third",
        ),
        (
            "The ministry has, despite repeated requests, not confirmed the figures.",
            "did_not",
            "third",
        ),
    ],
)
def test_document_level_research_report_shapes(sentence: str, form: str, voice: str) -> None:
    assert _first_form_and_voice(sentence) == (form, voice)


@pytest.mark.parametrize(
    "sentence",
    [
        # Establishing and estimating a fact: no verb of checking among the participles.
        "The number of victims could not be established or estimated.",
        # An aside that holds a verb of its own is a clause, not an adverb.
        "The figures could not, as we were told, be collected.",
    ],
)
def test_document_level_shapes_keep_apart(sentence: str) -> None:
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


@pytest.mark.parametrize(
    ("sentence", "expect"),
    [
        # What the information is about may hold "to".
        ("No information on detainees' access to a lawyer was available.", "gap"),
        ("Information on access to courts is scarce.", "gap"),
        # "to" and a verb of checking after the noun is what the information is for.
        ("No information to verify the claims was available.", "own"),
        # An armed party as the sentence's subject is whom a left-out subject stands for, an
        # abbreviation in brackets inside its name or not.
        (
            "Kurdistan Regional Administration (KRA) forces had no access and could not verify it.",
            "third",
        ),
        ("Amnesty International (AI) researchers had no access and could not verify it.", "own"),
        ("Security forces could not confirm the report.", "third"),
        # A statement in a clause of concession that opens the sentence is the writer's,
        # whoever speaks in the main clause after it ...
        (
            "Although the attackers remained unconfirmed, witnesses stated soldiers did it.",
            "own",
        ),
        ("Although the figures could not be verified, officials said 300 died.", "own"),
        # ... but a speaker after a statement in the main clause is the speaker's.
        ("Although many died, the figures could not be verified, officials said.", "third"),
    ],
)
def test_gaps_about_something_and_whose_a_clause_is(sentence: str, expect: str) -> None:
    assert _class_of(sentence) == expect


@pytest.mark.parametrize(
    ("sentence", "expect"),
    [
        # A phrase of checking named in quotation marks or code quotes, not said ...
        ("The `could not verify` label is missing.", "none"),
        ('The label "could not be verified" is applied to such figures.', "none"),
        ('The phrase "we could not verify" is missing from the story.', "none"),
        ('The "AP could not verify" caveat is absent from the cited page.', "none"),
        # ... unless someone is said to have said it, or the quotation holds more.
        ('"We cannot confirm", the spokesman said.', "third"),
        ('"We could not confirm it," he said.', "third"),
    ],
)
def test_a_phrase_named_in_quotation_marks_is_no_statement(sentence: str, expect: str) -> None:
    assert _class_of(sentence) == expect


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        # A subject before a relative clause between commas is who could not check, not the
        # clause's last word.
        ("Our team, which visited the camp, could not verify the reports.", "own"),
        ("The police, who arrived later, could not confirm the deaths.", "third"),
    ],
)
def test_a_subject_before_a_relative_clause_between_commas(sentence: str, voice: str) -> None:
    statements = _statements(sentence, phrases().uncorroborated_trigger.stems)
    assert statements and statements[0].voice == voice, sentence


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # An adverb of checking makes establishing a fact checking a claim ...
        ("The number of political prisoners could not be reliably ascertained.", True),
        ("The size of the group could not be independently established.", True),
        # ... without one, a fact is unknown.
        ("The cause of death could not be established.", False),
    ],
)
def test_establishing_a_fact_reliably_is_checking(sentence: str, found: bool) -> None:
    assert bool(_statements(sentence, phrases().uncorroborated_trigger.stems)) == found


def test_a_fact_not_yet_definitively_established_is_no_statement() -> None:
    sentence = "While biological mechanisms have not yet been definitively established, it holds."
    assert _statements(sentence, phrases().uncorroborated_trigger.stems) == []


def test_a_word_split_by_a_page_break_is_read_whole_only_in_lower_case() -> None:
    text = "could not be ver-\n\n12\n\nified by the team"
    hyphen = text.index("-")
    rest = text.index("ified")
    assert broken_across(text, hyphen, hyphen + 1, rest) == "verified"
    assert broken_across(text.replace("ified", "Ified"), hyphen, hyphen + 1, rest) is None
    assert broken_across(text, hyphen - 1, hyphen + 1, rest) is None  # not a hyphen


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # An inability said with "would" is a hypothetical, as "would not be able to" is ...
        ("A test suite that mocked the transport would be unable to substantiate it.", False),
        ("Erasing it would leave the charity unable to substantiate a claim.", False),
        ("Without access, the team would be unable to verify the reports.", False),
        # ... not a "would" in another clause, nor a refusal.
        ("The team was unable to verify the reports, which would have required access.", True),
        ("The police would not confirm the arrests.", True),
    ],
)
def test_an_inability_with_would_is_a_hypothetical(sentence: str, found: bool) -> None:
    assert bool(_statements(sentence, phrases().uncorroborated_trigger.stems)) == found


@pytest.mark.parametrize(
    ("sentence", "expect"),
    [
        # Officials checking people's ages is checking papers ...
        ("Authorities could not always verify the ages of detainees.", "none"),
        ("Officials could not confirm their ages.", "none"),
        # ... the report's own word that it could not check them is not.
        ("We could not verify the ages of the children killed.", "own"),
    ],
)
def test_officials_checking_ages_is_checking_papers(sentence: str, expect: str) -> None:
    assert _class_of(sentence) == expect


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        # Far from the sentence's start, a left-out subject is still the party it opens with ...
        (
            "Kurdistan Regional Government (KRG) security forces did not have direct access to"
            " Sinjar and were unable definitively to verify reports.",
            "third",
        ),
        # ... but not a party in an opening clause, nor the report's own researchers.
        (
            "After police dispersed the crowd in the main square of the capital on Friday, the"
            " Special Rapporteur visited and was unable to verify the reports.",
            "own",
        ),
        (
            "Amnesty International researchers did not have direct access to the region of"
            " Sinjar and were unable definitively to verify reports.",
            "own",
        ),
    ],
)
def test_a_left_out_subject_far_from_the_sentences_start(sentence: str, voice: str) -> None:
    statements = _statements(sentence, phrases().uncorroborated_trigger.stems)
    assert statements and statements[0].voice == voice, sentence
