"""Corroboration rules: uncorroborated-claim, hedged-claim, anonymous-source.

Most tests use hand-built documents (paragraphs split at blank lines, citations and note markers
placed by hand), so they do not depend on the assembler; the end-to-end tests at the bottom run
real and hand-written reports through ``parse_document``.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.document import parse_document
from provenance.model import CitationValue, Date, Document, Region, Regions
from provenance.rules.corroboration import (
    MAX_CLAIM_CHARS,
    MAX_CLAIM_SENTENCES,
    PatternError,
    Phrases,
    _anonymous_in,
    _hedge_in,
    _previous_regions,
    _Prose,
    _publishers,
    anonymous_source,
    attributed_unconfirmed,
    compile_phrases,
    hedged_claim,
    phrases,
    uncorroborated_claim,
)
from provenance.rules.registry import Emit
from provenance.sentences import PROSE_KINDS
from provenance.span import LineIndex

from .builders_dates import DocBuilder, prose

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "corroboration"
PRACTICE = ROOT.parent / "shared" / "practice"


def flagged(emits: list[Emit], doc: Document) -> list[str]:
    return [doc.text[e.span.start : e.span.end] for e in emits]


# --------------------------------------------------------------------------- phrase syntax


def matches(pattern: str, text: str, lists: dict[str, list[str]] | None = None) -> list[str]:
    return [m.group() for m in compile_phrases([pattern], lists or {}).finditer(text)]


def test_words_match_across_whitespace_and_case() -> None:
    assert matches("could not be confirmed", "It Could  not\nbe CONFIRMED.") == [
        "Could  not\nbe CONFIRMED"
    ]


def test_whole_words_only() -> None:
    assert matches("no", "Nobody knows; no one") == ["no"]
    assert matches("confirm", "confirmed") == []


def test_star_takes_any_ending() -> None:
    assert matches("corroborat*", "corroborate corroborated corroboration") == [
        "corroborate",
        "corroborated",
        "corroboration",
    ]


def test_groups_alternatives_and_optional_words() -> None:
    pattern = "[has|have] [not|never] [yet|] been [independently|] confirmed"
    assert matches(pattern, "has not been confirmed") == ["has not been confirmed"]
    assert matches(pattern, "have never yet been independently confirmed") == [
        "have never yet been independently confirmed"
    ]
    assert matches(pattern, "has been confirmed") == []


def test_optional_first_word_and_nested_groups() -> None:
    pattern = "[the|] [[very|] reliable|trusted] source"
    assert matches(pattern, "a trusted source") == ["trusted source"]
    assert matches(pattern, "the very reliable source") == ["the very reliable source"]


def test_gap_takes_up_to_six_words() -> None:
    pattern = "no information ... corroborating"
    assert matches(pattern, "no information corroborating it") == ["no information corroborating"]
    assert matches(pattern, "no information at all could be found corroborating it") != []
    assert matches(pattern, "no information one two three four five six seven corroborating") == []


def test_lists_and_apostrophes() -> None:
    lists = {"neg": ["can't", "[could|would] not"]}
    assert matches("<neg> confirm", "we can’t confirm; they would not confirm", lists) == [
        "can’t confirm",
        "would not confirm",
    ]


def test_punctuation_words() -> None:
    assert matches("however ,", "It was, however, unclear") == ["however,"]


@pytest.mark.parametrize(
    ("pattern", "lists"),
    [
        ("[a|b", {}),
        ("a]", {}),
        ("<missing> word", {}),
        ("[a|]", {}),
        ("...", {}),
        ("<loop>", {"loop": ["<loop> x"]}),
    ],
)
def test_bad_patterns_are_reported(pattern: str, lists: dict[str, list[str]]) -> None:
    with pytest.raises(PatternError):
        compile_phrases([pattern], lists)


def test_packaged_phrases_load_and_every_list_compiles() -> None:
    text = resources.files("provenance.rules").joinpath("phrases.toml").read_text("utf-8")
    data = tomllib.loads(text)
    for name, patterns in data["lists"].items():
        compile_phrases([f"<{name}>"], data["lists"])
        assert patterns, name
    assert isinstance(phrases(), Phrases)
    assert phrases() is phrases()


def test_phrases_from_other_toml() -> None:
    text = """
    [lists]
    [uncorroborated]
    triggers = ["doubt", "dubious"]
    statements = ["beyond doubt"]
    qualifiers = ["dubious claim*"]
    claim_follows = ["that"]
    joins_claim = ["but"]
    remark = [", which"]
    view_verbs = ["thought"]
    refers_back = ["this"]
    ignore = ["disclaimer"]
    [hedged]
    triggers = ["maybe"]
    hedges = ["maybe"]
    ignore = ["not maybe"]
    according_to = ["according to"]
    attribution_verbs = ["said"]
    not_after = ["was"]
    adverbs = ["also"]
    [anonymous]
    triggers = ["somebody"]
    phrases = ["somebody said"]
    ignore = ["nobody"]
    """
    loaded = Phrases.from_toml(text)
    assert loaded.hedges.search("Maybe so")
    assert loaded.not_after == frozenset({"was"})


# --------------------------------------------------------------------------- uncorroborated-claim


def test_closing_marker_flags_the_statements_before_it() -> None:
    text = (
        "Title line\n\n"
        "Ethnic minorities are not mistreated. Some feel neglected by the government. "
        "No corroborating information could be found among the sources consulted.\n"
    )
    doc = prose(text)
    emits = list(uncorroborated_claim(doc))
    assert flagged(emits, doc) == [
        "Ethnic minorities are not mistreated. Some feel neglected by the government."
    ]
    assert emits[0].span.line == 3
    assert "No corroborating information could be found" in emits[0].message
    marker = emits[0].related[0].span
    assert text[marker.start : marker.end] == "No corroborating information"


def test_claim_stops_at_a_sentence_citing_another_source() -> None:
    text = (
        "Title line\n\n"
        "The army left the town (The Daily Star 3 May 2000). The mayor said that arrests "
        "followed. He added that three men died (Reuters 4 May 2000). This information could "
        "not be corroborated.\n"
    )
    b = DocBuilder(text)
    b.citation("(The Daily Star 3 May 2000)", CitationValue("The Daily Star", Date(2000, 5, 3)))
    b.citation("(Reuters 4 May 2000)", CitationValue("Reuters", Date(2000, 5, 4)))
    doc = b.build()
    assert flagged(list(uncorroborated_claim(doc)), doc) == [
        "The mayor said that arrests followed. He added that three men died (Reuters 4 May 2000)."
    ]


def test_claim_follows_ibid_back_to_its_source() -> None:
    text = (
        "Title line\n\n"
        "Earlier news (BBC 1 May 2000). The ambassador praised them (The Korea Post Feb. 1999). "
        "Koreans met in 1997 (ibid.). No corroborating information could be found.\n"
    )
    b = DocBuilder(text)
    b.citation("(BBC 1 May 2000)", CitationValue("BBC", Date(2000, 5, 1)))
    b.citation("(The Korea Post Feb. 1999)", CitationValue("The Korea Post", Date(1999, 2)))
    b.citation("(ibid.)", CitationValue(ibid=True))
    doc = b.build()
    assert flagged(list(uncorroborated_claim(doc)), doc) == [
        "The ambassador praised them (The Korea Post Feb. 1999). Koreans met in 1997 (ibid.)."
    ]


def test_uncited_claim_stops_at_a_cited_sentence() -> None:
    text = (
        "Title line\n\n"
        "The army left (BBC 1 May 2000). A witness saw a mass grave. This could not be "
        "independently verified.\n"
    )
    b = DocBuilder(text)
    b.citation("(BBC 1 May 2000)", CitationValue("BBC", Date(2000, 5, 1)))
    doc = b.build()
    assert flagged(list(uncorroborated_claim(doc)), doc) == ["A witness saw a mass grave."]


def test_note_markers_are_sources_too() -> None:
    text = (
        "Title line\n\n"
        "Camps exist.<sup>4</sup> Guards beat prisoners.<sup>5</sup> These reports remain "
        "unconfirmed.\n"
    )
    b = DocBuilder(text)
    b.marker("<sup>4</sup>", 4)
    b.marker("<sup>5</sup>", 5)
    doc = b.build()
    assert flagged(list(uncorroborated_claim(doc)), doc) == ["Guards beat prisoners.<sup>5</sup>"]


def test_claim_stops_at_the_marker_before_it() -> None:
    # The first marker closes the statements it is about; the second claim starts after it.
    text = (
        "Title line\n\n"
        "Returnees are questioned. No corroborating information could be found. Some are "
        "detained for weeks. They are released without charge. This could not be confirmed.\n"
    )
    doc = prose(text)
    assert flagged(list(uncorroborated_claim(doc)), doc) == [
        "Returnees are questioned.",
        "Some are detained for weeks. They are released without charge.",
    ]


def test_adjacent_markers_claim_the_sentence_before_only() -> None:
    text = "Title line\n\nArrests followed. " + "This could not be corroborated. " * 3 + "\n"
    doc = prose(text)
    assert flagged(list(uncorroborated_claim(doc)), doc) == [
        "Arrests followed.",
        "This could not be corroborated.",
        "This could not be corroborated.",
    ]


def test_claim_reaches_back_a_bounded_number_of_sentences() -> None:
    sentences = [f"Statement number {i} was made." for i in range(MAX_CLAIM_SENTENCES + 10)]
    text = "Title line\n\n" + " ".join(sentences) + " This could not be corroborated.\n"
    doc = prose(text)
    [claim] = flagged(list(uncorroborated_claim(doc)), doc)
    assert claim == " ".join(sentences[-MAX_CLAIM_SENTENCES:])


def _emitted(emits: list[Emit]) -> list[tuple[int, int, str, list[tuple[int, int, str]]]]:
    return [
        (
            e.span.start,
            e.span.end,
            e.message,
            [(r.span.start, r.span.end, r.message) for r in e.related],
        )
        for e in emits
    ]


def test_markers_let_go_behind_the_look_back_give_the_same_findings() -> None:
    """uncorroborated-claim drops the markers it found once it is past its look-back: the
    findings are those of a walk that keeps them all (made first by attributed-unconfirmed),
    and what is kept stays bounded however many sentences the paragraph holds."""
    said = [
        "Arrests followed in the north.",
        "This could not be corroborated.",
        "Soldiers entered the village.",
        "The police did not confirm the arrests, which could not be independently verified.",
        "Officials said nothing.",
        "Reuters could not verify the report.",
    ]
    paragraph = " ".join(said[i % len(said)] for i in range(8 * MAX_CLAIM_SENTENCES))
    text = "Title line\n\n" + paragraph + "\n\nthis could not be corroborated either.\n"
    fresh = prose(text)
    released = list(uncorroborated_claim(fresh))
    assert len(_Prose.of(fresh).markers) <= MAX_CLAIM_SENTENCES + 2
    kept = prose(text)
    list(attributed_unconfirmed(kept))
    assert len(_Prose.of(kept).markers) > 4 * MAX_CLAIM_SENTENCES
    assert len(released) > 2 * MAX_CLAIM_SENTENCES
    assert _emitted(released) == _emitted(list(uncorroborated_claim(kept)))


@given(st.lists(st.integers(min_value=0, max_value=2**40), max_size=60))
def test_ascending_sorts_across_runs(values: list[int]) -> None:
    """The note calls sorted in runs held as arrays and merged come in the order a sort of
    them all gives (runs of 7 here, so that most lists span several)."""
    from provenance.rules import corroboration

    saved = corroboration._RUN
    corroboration._RUN = 7
    try:
        assert list(corroboration._ascending(values)) == sorted(values)
    finally:
        corroboration._RUN = saved


def test_claim_reaches_back_a_bounded_number_of_characters() -> None:
    sentence = "A long statement " + "with many words " * 40 + "ends here."
    text = "Title line\n\n" + " ".join([sentence] * 12) + " This could not be corroborated.\n"
    doc = prose(text)
    [claim] = flagged(list(uncorroborated_claim(doc)), doc)
    assert len(sentence) < len(claim) <= MAX_CLAIM_CHARS
    assert claim.endswith(sentence)


def test_marker_alone_in_its_paragraph_flags_the_paragraph_before() -> None:
    text = (
        "Title line\n\n"
        "Returnees are questioned. Some are detained for weeks.\n\n"
        "The Research Directorate was unable to corroborate this information.\n"
    )
    doc = prose(text)
    emits = list(uncorroborated_claim(doc))
    assert flagged(emits, doc) == ["Returnees are questioned. Some are detained for weeks."]
    assert emits[0].span.line == 3


def test_paragraph_before_is_found_past_a_note_body() -> None:
    text = (
        "Title line\n\n"
        "Returnees are questioned.\n\n"
        "<sup>3</sup>A note between.\n\n"
        "These reports could not be confirmed.\n"
    )
    b = DocBuilder(text)
    b.kind("<sup>3</sup>", "footnote")
    doc = b.build()
    assert flagged(list(uncorroborated_claim(doc)), doc) == ["Returnees are questioned."]


def test_marker_after_a_heading_flags_its_own_sentence() -> None:
    text = "# Heading\n\nThis information could not be corroborated.\n"
    b = DocBuilder(text)
    b.kind("# Heading", "heading")
    doc = b.build()
    assert flagged(list(uncorroborated_claim(doc)), doc) == [
        "This information could not be corroborated."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Several sources told the organization that prisoners are executed but the "
        "organization has not been able to confirm these reports.",
        "The organization has, however, not been able to confirm that the picture was taken "
        "after his return.",
        "Reports that soldiers burned three villages in the north in May could not be confirmed.",
        "The camp was closed, although this could not be independently verified.",
    ],
)
def test_claim_in_the_same_sentence(sentence: str) -> None:
    text = f"Title line\n\nAn earlier statement. {sentence}\n"
    doc = prose(text)
    assert flagged(list(uncorroborated_claim(doc)), doc) == [sentence]


@pytest.mark.parametrize(
    "marker",
    [
        "No corroborating information could be found among the sources consulted.",
        "Corroborating information could not be found among the sources consulted.",
        "This information could not be corroborated.",
        "These reports could not be independently verified.",
        "The Research Directorate could not corroborate this information.",
        "The Research Directorate was not able to verify this.",
        "Amnesty International has been unable to confirm these allegations.",
        "However, Amnesty International has not yet been able to confirm these reports.",
        "The report has not been independently verified.",
        "There has been no independent confirmation of these reports.",
        "There has been no official confirmation of these reports.",
        "There is a lack of independent corroboration.",
        "No information could be found to corroborate this statement.",
        "No information corroborating these allegations could be found.",
        "The Research Directorate could not find any information corroborating this.",
        "These allegations remain unconfirmed.",
        "It was impossible to verify these accounts independently.",
        "Its claims cannot be verified.",
        "The organization was not in a position to verify them.",
        "The account could not be independently confirmed.",
    ],
)
def test_marker_variants_flag_the_sentence_before(marker: str) -> None:
    text = f"Title line\n\nPrisoners are held in the mine. {marker}\n"
    doc = prose(text)
    assert flagged(list(uncorroborated_claim(doc)), doc) == ["Prisoners are held in the mine."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Information on the treatment of ethnic Koreans is limited among the sources "
        "consulted by the Research Directorate.",
        "Sources consulted by the DIRB provide little current information on the party.",
        "Information on the above-mentioned subjects is currently unavailable to the IRBDC.",
        "This Response was prepared after researching publicly accessible information "
        "currently available to the Research Directorate within time constraints.",
        "This Response is not, and does not purport to be, conclusive as to the merit of any "
        "particular claim to refugee status or asylum.",
        "A recent incident at the border provides some disturbing corroboration.",
        "Nauru submitted its report, confirming that it possesses no stockpiles.",
        "Further confirmation that a new wave of executions has taken place was received.",
        "The court confirmed the sentence in May.",
        "No information on the party could be found among the sources consulted.",
        "It appeared two of these reports were not credible.",
        "The Supreme Court did not confirm the death sentence.",
        "His death sentence has not yet been confirmed by the Supreme Court.",
        "The court refused to confirm his conviction.",
        "The officials were unable to verify his identity at the border.",
        "He received no confirmation of his registration.",
        "The lack of verification procedures delayed the process.",
        "Normal verification procedures could take up to six months to confirm.",
    ],
)
def test_boilerplate_gaps_and_confirmations_are_not_flagged(sentence: str) -> None:
    doc = prose(f"Title line\n\nA statement. {sentence}\n")
    assert list(uncorroborated_claim(doc)) == []


# --------------------------------------------------------------------------- hedged-claim


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("Detainees were reportedly beaten.", "reportedly"),
        ("Wages are said to be much higher in Russia.", "are said to"),
        ("The leader is said to have fled.", "is said to"),
        ("It is believed that the camp has never held children.", "It is believed"),
        ("Sessions are apparently meant to indoctrinate.", "apparently"),
        ("The governor reportedly told a news conference that a man was shot.", "reportedly"),
        ("He was allegedly tortured in custody.", "allegedly"),
        # A note's call glued on, with no note of that number to source it.
        ("He was allegedly12 tortured in custody.", "allegedly"),
        # A hedge a PDF's text wrote with a ligature.
        ("According to uncon\ufb01rmed reports, 900 people were returned.", "uncon\ufb01rmed"),
        ("The general is rumoured to be ill.", "is rumoured to"),
        ("According to reports, 900 people were returned.", "According to reports"),
        ("Amnesty International was told that executions apparently continue.", "apparently"),
    ],
)
def test_hedged_claims_without_a_source(sentence: str, hedge: str) -> None:
    doc = prose(f"Title\n\n{sentence}\n")
    emits = list(hedged_claim(doc))
    assert flagged(emits, doc) == [sentence]
    assert f'"{hedge}"' in emits[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "According to Human Rights Watch, detainees were reportedly beaten.",
        "Detainees were reportedly beaten, the Ombudsman said.",
        "The Ombudsman reported that detainees were reportedly beaten.",
        "A former worker told Amnesty International that guards reportedly beat him.",
        "AI noted that the targets were reportedly criticised.",
        "Students were arrested for allegedly defaming the army.",
        "Workers sent back for allegedly violating regulations were punished.",
        "The group had a meeting on Friday.",
    ],
)
def test_hedges_with_a_named_source_or_no_hedge_are_not_flagged(sentence: str) -> None:
    assert list(hedged_claim(prose(f"Title\n\n{sentence}\n"))) == []


def test_hedge_with_a_citation_or_note_marker_is_sourced() -> None:
    text = (
        "Title\n\n"
        "Detainees were reportedly beaten (The Daily Star 3 May 2000). Guards were "
        "apparently drunk.<sup>3</sup> Others were reportedly released.\n"
    )
    b = DocBuilder(text)
    b.citation("(The Daily Star 3 May 2000)", CitationValue("The Daily Star", Date(2000, 5, 3)))
    b.marker("<sup>3</sup>", 3)
    doc = b.build()
    assert flagged(list(hedged_claim(doc)), doc) == ["Others were reportedly released."]


def test_hedge_is_left_to_the_stronger_rules() -> None:
    text = (
        "Title\n\n"
        "Detainees were reportedly beaten, government sources said. Guards are reportedly "
        "paid, but this could not be confirmed. Guards reportedly drink.\n"
    )
    doc = prose(text)
    assert flagged(list(hedged_claim(doc)), doc) == ["Guards reportedly drink."]


def test_hedge_in_a_footnote_body_is_checked() -> None:
    text = "Title\n\n<sup>8</sup>Apparently, several families were recognized as refugees.\n"
    b = DocBuilder(text)
    b.kind("<sup>8</sup>", "footnote")
    doc = b.build()
    assert len(list(hedged_claim(doc))) == 1


def test_hedges_in_headings_and_reference_lists_are_not_checked() -> None:
    text = "Reportedly a heading\n\nReportedly published. Reuters. 1 May 2000.\n"
    b = DocBuilder(text)
    b.kind("Reportedly a heading", "heading")
    b.kind("Reportedly published", "references")
    assert list(hedged_claim(b.build())) == []


# --------------------------------------------------------------------------- anonymous-source


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Some defectors attempted to kill themselves, government sources said.",
            "government sources said",
        ),
        ("A reliable source in Russia informed the organization that he died.", "A reliable"),
        ("Several sources have also told the organization that prisoners die.", "Several sources"),
        ("Sources close to the ministry confirmed the plan.", "Sources close to"),
        (
            "Some 10,000 refugees returned, said an official source in Bujumbura.",
            "said an official",
        ),
        ("Western diplomatic sources reported that troops moved.", "Western diplomatic sources"),
        ("A source who asked not to be named said the talks failed.", "who asked not to be named"),
        ("One source told us that the list had 70 names.", "One source told"),
        ("According to one source they sometimes commit murder.", "According to one source"),
        ("The organization received allegations from a number of sources.", "allegations from"),
        ("There were reports from local sources of disappearances.", "reports from local sources"),
        ("An official, speaking on condition of anonymity, said ten died.", "on condition of"),
        ("Media sources reported little progress.", "Media sources reported"),
        ("Multiple sources noted that restrictions impeded education.", "Multiple sources noted"),
        ("Informed sources in Seoul indicated that the deal is done.", "Informed sources"),
        # A trigger word a PDF's text wrote with a ligature.
        (
            "A source who asked not to be identi\ufb01ed said the talks failed.",
            "who asked not to be identi\ufb01ed",
        ),
    ],
)
def test_anonymous_sources(sentence: str, phrase: str) -> None:
    doc = prose(f"Title\n\n{sentence}\n")
    emits = list(anonymous_source(doc))
    assert flagged(emits, doc) == [sentence]
    assert phrase.casefold() in emits[0].message.casefold()


@pytest.mark.parametrize(
    "sentence",
    [
        "LFNKR has attracted attention as a reliable source of information on the refugees.",
        "Information has been gathered from independent sources, including several visits.",
        "Other sources that have shown interest include three newspapers.",
        "The ministry spokesman Kim Hong-jae said the refugees will arrive next week.",
        "The source countries of trafficking include Burma.",
        "Sources consulted by the Research Directorate provide little information.",
        "According to the source, the talks failed.",
    ],
)
def test_not_anonymous_sources(sentence: str) -> None:
    assert list(anonymous_source(prose(f"Title\n\n{sentence}\n"))) == []


def test_one_finding_per_sentence() -> None:
    text = "Title\n\nOne source told us, and several sources said, that a source close to X knew.\n"
    assert len(list(anonymous_source(prose(text)))) == 1


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def parse():  # type: ignore[no-untyped-def]
    document = pytest.importorskip("provenance.document")
    return document.parse_document


def _rule_lines(doc: Document, function) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(e.span.line, e.span.end_line) for e in function(doc)]


def test_seed_irb_closing_marker(parse) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS / "000_a612e7f6db11d10b.txt"
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    emits = list(uncorroborated_claim(doc))
    assert [(e.span.line, e.span.end_line) for e in emits] == [(11, 11)]
    claim = doc.text[emits[0].span.start : emits[0].span.end]
    assert claim.startswith("Ethnic Koreans in Kazakhstan, as a collective")
    assert claim.endswith("received no special treatment.")


def test_seed_amnesty_inline_markers(parse) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS / "001_57fd68c990b575be.txt"
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    assert sorted({e.span.line for e in uncorroborated_claim(doc)}) == [98, 346]


@pytest.mark.parametrize(
    "name",
    ["002_43ecc7cc96973852.txt", "003_1657d4287ccc633e.txt", "004_604fa044de79772a.txt"],
)
def test_other_seeds_have_no_uncorroborated_claims(parse, name: str) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS / name
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    assert list(uncorroborated_claim(doc)) == []


def test_seed_news_anonymous_sources(parse) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS / "002_43ecc7cc96973852.txt"
    text = path.read_text(encoding="utf-8")
    doc = parse(text, str(path))
    lines = {e.span.line for e in anonymous_source(doc)}
    expected = {
        number
        for number, line in enumerate(text.splitlines(), 1)
        if "government sources said" in line
    }
    assert expected and expected <= lines


def _corpus_expectations() -> list[tuple[str, str, list[tuple[str, int]]]]:
    manifest = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    return [
        (name, entry["rule"], [(rule, line) for rule, line in entry["findings"]])
        for name, entry in manifest.items()
    ]


_RULES = {
    "uncorroborated-claim": uncorroborated_claim,
    "hedged-claim": hedged_claim,
    "anonymous-source": anonymous_source,
}


@pytest.mark.parametrize(("name", "rule_id", "expected"), _corpus_expectations())
def test_corpus(parse, name: str, rule_id: str, expected: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    path = CORPUS / name
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    found = [(rule_id, e.span.line) for e in _RULES[rule_id](doc)]
    assert found == [item for item in expected if item[0] == rule_id]


def test_corpus_files_are_all_listed() -> None:
    listed = {name for name, _rule, _expected in _corpus_expectations()}
    assert listed == {path.name for path in CORPUS.glob("*.txt")}


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice files not available")
def test_practice_uncorroborated_claims(parse) -> None:  # type: ignore[no-untyped-def]
    found: dict[str, list[int]] = {}
    for path in sorted(PRACTICE.glob("*.txt")):
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        lines = [e.span.line for e in uncorroborated_claim(doc)]
        if lines:
            found[path.name] = lines
    # Line 35 is villagers who could not corroborate (attributed-unconfirmed), line 185
    # "unconfirmed reports" a hedge: the report itself says nothing could be corroborated.
    assert found == {}


def test_message_quotes_whitespace_normalised() -> None:
    doc = prose("Title\n\nA claim.\nNo corroborating\ninformation could be found.\n")
    (emit,) = uncorroborated_claim(doc)
    assert '"No corroborating information could be found"' in emit.message
    assert not re.search(r"\s{2,}|\n", emit.message)


_WORDS = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        ". ",
        "reportedly",
        "sources said",
        "a reliable source",
        "(ibid.)",
        "could not be corroborated",
        "No corroborating information",
        "these reports",
        "but",
        "According to",
        "Amnesty International",
        "unconfirmed reports that",
        "(",
        ")",
        "Mr.",
        "told",
        "was",
        "apparently",
        "X",
        "it is believed",
        "that",
    ]
)


@settings(max_examples=150)
@given(st.one_of(st.text(), st.lists(_WORDS, max_size=40).map("".join)))
def test_rules_never_raise_and_spans_lie_in_the_text(text: str) -> None:
    doc = prose(text)
    for function in (uncorroborated_claim, hedged_claim, anonymous_source):
        for emit in function(doc):
            assert 0 <= emit.span.start < emit.span.end <= len(text)
            assert emit.message.strip()


def test_a_third_party_who_could_not_confirm_is_not_the_report_saying_so() -> None:
    import provenance

    def rules(text: str) -> list[str]:
        return [f.rule for f in provenance.check(provenance.parse(text + "\n"))]

    assert rules("The Ministry said it could not confirm the report.") == ["attributed-unconfirmed"]
    assert rules("According to the UN, the figures could not be verified.") == [
        "attributed-unconfirmed"
    ]
    # The report's own voice, even after someone else's statement joined by "but".
    assert rules(
        "X stated that two were held, but the Research Directorate could not corroborate this."
    ) == ["uncorroborated-claim"]
    assert rules("Two were held. Corroboration of this account could not be obtained.") == [
        "uncorroborated-claim"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Villagers were unable to corroborate the claim of the government that the men died.",
        "The ministry would not confirm the figures.",
        "The authorities would neither confirm nor deny the reports.",
        "The ministry declined to confirm this.",
        "Police said they could not confirm the report.",
    ],
)
def test_third_parties_who_could_not_or_would_not_confirm(sentence: str) -> None:
    doc = prose(f"Title line\n\nPrisoners are held in the mine. {sentence}\n")
    assert list(uncorroborated_claim(doc)) == []
    assert len(list(attributed_unconfirmed(doc))) == 1


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # A verb of saying in a clause of concession that opens the sentence governs that
        # clause only; the main clause after its comma is the writer's.
        (
            "While witnesses reported 32 civilians were killed, the total could not be verified.",
            True,
        ),
        ("Although police said 12 died, the figure could not be verified.", True),
        # After "but", a statement with no subject of its own goes on with the reported clause.
        ("The inspectorate stated the number was likely higher but could not be confirmed.", False),
        (
            "The report concluded there were systemic problems but did not confirm abuses.",
            False,
        ),
        # With a subject of its own ("this", "these reports"), it is the writer's remark.
        ("The ministry said 300 died, but this could not be verified.", True),
        (
            "Observers reported two attacks, but these reports were not independently confirmed.",
            True,
        ),
        # A name that the writer relays as reporting is a source, not the publisher ...
        (
            "Separately, Reuters reported that two refiners were told of cuts. Reuters could not"
            " independently verify the report.",
            False,
        ),
        ("Reuters reported strikes on three ports; Reuters could not verify the claims.", False),
        (
            "According to the BBC, 20 died. The BBC could not independently verify the figure.",
            False,
        ),
        # ... which names itself as the one who could not check, or as the one told.
        (
            "The minister told Reuters 20 died. Reuters could not independently verify the figure.",
            True,
        ),
        ("Reuters could not independently verify the figure.", True),
    ],
)
def test_who_says_a_claim_is_unchecked_after_a_verb_of_saying(text: str, own: bool) -> None:
    doc = prose(f"Title line\n\nPrisoners are held in the mine. {text}\n")
    assert bool(list(uncorroborated_claim(doc))) == own
    assert bool(list(attributed_unconfirmed(doc))) == (not own)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # A compound broken at its hyphen, as a PDF's lines set it, is still one word ...
        ("The data were self-\nreported and could not be verified.", True),
        ("The data were self-\n   reported and could not be verified.", True),
        ("Income was self- reported and could not be verified.", True),
        ("The cases were police-\nreported and could not be confirmed.", True),
        # ... but a dash with a space before it leaves the verb of saying after it one.
        ("The head of the clinic -\nsaid the deaths could not be confirmed.", False),
        ("Officials in the camp - and police - said they could not confirm the deaths.", False),
    ],
)
def test_a_compound_broken_at_its_hyphen_is_no_verb_of_saying(text: str, own: bool) -> None:
    doc = prose(f"Title line\n\nPrisoners are held in the mine. {text}\n")
    assert bool(list(uncorroborated_claim(doc))) == own
    assert bool(list(attributed_unconfirmed(doc))) == (not own)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("© 2019 Human Rights Watch. All rights reserved.", [("Human", "Rights", "Watch")]),
        ("Copyright © UNDP 2025 All rights reserved.", [("UNDP",)]),
        ("Copyright © 2024 by UNDP Philippines", [("UNDP", "Philippines")]),
        ("© Bank of England 2020", [("Bank", "England")]),
        # Authors are no publisher's name.
        ("© The Author(s) 2023", []),
        ("© 2023 The Authors. Published by Elsevier Ltd.", []),
        ("No copyright line here.", []),
    ],
)
def test_a_copyright_line_names_the_publisher(line: str, names: list[tuple[str, ...]]) -> None:
    assert list(_publishers(f"Title\n\nText.\n\n{line}\n")) == names


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # The publisher says it of itself, by name or initials, and is the report.
        ("Human Rights Watch said the bodies bore marks of torture but could not verify it.", True),
        (
            "HRW said the bodies bore marks of torture but could not verify the cause of death.",
            True,
        ),
        ("Human Rights Watch could not confirm the estimate.", True),
        # Any other name is a party the report names.
        ("UNHCR could not confirm the authorities' estimate for voluntary returns.", False),
        ("Reuters could not independently verify the claim.", False),
        # What is checked is no one's name: the passive stays the report's.
        ("The UNHCR figures could not be verified.", True),
    ],
)
def test_a_name_is_the_reports_own_when_it_is_the_publishers(text: str, own: bool) -> None:
    doc = prose(
        f"Title line\n\nPrisoners are held in the mine. {text}\n\n"
        "© 2019 Human Rights Watch. All rights reserved.\n"
    )
    assert bool(list(uncorroborated_claim(doc))) == own
    assert bool(list(attributed_unconfirmed(doc))) == (not own)
    # Without a copyright line, who publishes is not known: a name reads as the publisher
    # unless the text relays it as reporting (and "said" makes it a party).
    plain = prose(f"Title line\n\nPrisoners are held in the mine. {text}\n")
    assert bool(list(uncorroborated_claim(plain))) == ("said" not in text)


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("There are unconfirmed reports that the camp was closed in May.", "unconfirmed"),
        ("According to unverified reports, the camp was closed in May.", "unverified"),
    ],
)
def test_unconfirmed_reports_are_a_hedge_not_a_statement(sentence: str, hedge: str) -> None:
    doc = prose(f"Title line\n\n{sentence}\n")
    assert list(uncorroborated_claim(doc)) == []
    emits = list(hedged_claim(doc))
    assert flagged(emits, doc) == [sentence]
    assert f'"{hedge}' in emits[0].message


def test_a_long_marker_sentence_opening_with_this_information_is_about_the_ones_before() -> None:
    # Many words before the marker would make the claim its own sentence, but "This
    # information" at the start refers back.
    text = (
        "Title line\n\n"
        "Returnees are detained for weeks. This information, which was given to the Research "
        "Directorate by a single source, could not be corroborated.\n"
    )
    doc = prose(text)
    emits = list(uncorroborated_claim(doc))
    assert flagged(emits, doc) == ["Returnees are detained for weeks."]
    assert emits[0].message == (
        'the document says this could not be corroborated: "could not be corroborated"'
    )
    own = text.replace("This information, which", "A researcher, who")
    doc = prose(own)
    assert flagged(list(uncorroborated_claim(doc)), doc) == [
        "A researcher, who was given to the Research Directorate by a single source, could not "
        "be corroborated."
    ]


def _previous_by_objects(regions: tuple[Region, ...]) -> list[int | None]:
    """What ``_previous_regions`` gave when it kept regions as objects: the oracle."""
    prose_regions = [r for r in regions if r.kind in PROSE_KINDS]
    ordered = sorted(regions, key=lambda r: r.span.start)
    starts = [r.span.start for r in ordered]
    last_any: list[Region | None] = [None]
    last_other: list[Region | None] = [None]
    for region in ordered:
        seen = region.kind != "furniture"
        last_any.append(region if seen else last_any[-1])
        last_other.append(region if seen and region.kind != "footnote" else last_other[-1])
    index_of: dict[Region, int] = {}
    for i, region in enumerate(prose_regions):
        index_of.setdefault(region, i)
    result: list[int | None] = []
    for region in prose_regions:
        k = bisect.bisect_left(starts, region.span.start)
        before = last_any[k] if region.kind == "footnote" else last_other[k]
        result.append(None if before is None or before.kind != region.kind else index_of[before])
    return result


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["paragraph", "footnote", "notes", "furniture", "heading"]),
            st.integers(0, 30),
            st.integers(1, 3),
        ),
        max_size=40,
    )
)
def test_previous_regions_by_numbers_match_the_regions_as_objects(
    given: list[tuple[str, int, int]],
) -> None:
    text = "x" * 40
    index = LineIndex(text)
    regions = tuple(Region(kind, index.span(s, s + n)) for kind, s, n in given)  # type: ignore[arg-type]
    table = Regions.of(regions, index, len(text))
    found = _previous_regions(table, table.kind_codes(PROSE_KINDS))
    assert [None if p < 0 else p for p in found] == _previous_by_objects(regions)


def test_note_calls_are_in_order_of_offset_then_key() -> None:
    """The note calls are sorted as one int each (offset and the key's rank among the keys):
    the order is that of the (offset, key) pairs they replace, whatever order the notes and
    their calls come in, merged with the citations."""
    body = " ".join(
        f"A claim.<sup>{number}</sup> (Org {1990 + number})."
        for number in (3, 1, 12, 2, 3, 1, 12, 2, 10)
    )
    text = "Treatment of returnees\n\n" + body + "\n"
    from provenance.document import parse_document

    document = parse_document(text)
    assert len(document.footnotes) >= 4
    prose = _Prose.of(document)
    calls = [
        (m.span.start, f"note:{note.number}") for note in document.footnotes for m in note.markers
    ]
    cited = [
        (c.span.start, "cited:" + " ".join(c.text.casefold().split())) for c in document.citations
    ]
    assert len(calls) == 9 and cited
    pairs = sorted(calls + cited)
    assert list(zip(prose.mark_offsets, prose.mark_keys, strict=True)) == pairs


def _eager_phrase_in(
    prose: _Prose, start: int, end: int, found: re.Pattern[str], ignore: re.Pattern[str]
) -> tuple[int, int] | None:
    """The first phrase of ``found`` in the span that no phrase of ``ignore`` overlaps, the
    ignored phrases searched for first (as the rules did before searching them lazily)."""
    ignored = [(m.start(), m.end()) for m in ignore.finditer(prose.text, start, end)]
    for match in found.finditer(prose.text, start, end):
        if not any(a < match.end() and match.start() < b for a, b in ignored):
            return match.span()
    return None


@pytest.mark.parametrize(
    "path", sorted(SEEDS.glob("0*.txt")) + sorted(PRACTICE.glob("*.txt")), ids=lambda p: p.name
)
def test_ignored_phrases_searched_lazily_find_what_an_eager_search_finds(
    parse,  # type: ignore[no-untyped-def]
    path: Path,
) -> None:
    """The hedge and anonymous-source phrases found with the ignored phrases searched only
    once a phrase is found are those found with them searched first, in every sentence."""
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    prose = _Prose.of(doc)
    p = phrases()
    for sentence in prose.all_sentences():
        for section, lazy, found, ignore in (
            ("hedged", _hedge_in, p.hedges, p.hedge_ignore),
            ("anonymous", _anonymous_in, p.anonymous, p.anonymous_ignore),
        ):
            match = lazy(prose, sentence)
            expected = (
                _eager_phrase_in(prose, sentence.start, sentence.end, found, ignore)
                if prose.triggered(section, sentence)
                else None
            )
            assert (match.span() if match else None) == expected


@pytest.mark.parametrize(
    ("block", "found"),
    [
        # A slide's or section's title holds a noun of checking, not a clause saying anything.
        ("PesaCheck: Lack of Validation", False),
        ("Lack of Independent Verification of Casualty Figures", False),
        ("No Corroboration", False),
        # A sentence says it: a stop at its end, or words in lower case.
        ("There was no corroboration.", True),
        ("There was a lack of independent verification", True),
        ("No corroboration was found", True),
    ],
)
def test_a_title_holding_a_noun_of_checking_is_no_statement(
    parse,  # type: ignore[no-untyped-def]
    block: str,
    found: bool,
) -> None:
    doc = parse(f"Report\n\nSome respondents described the checks.\n\n{block}\n\nOther text.\n")
    assert bool(list(uncorroborated_claim(doc))) == found


def test_a_trigger_word_a_page_break_split_with_a_hyphen_is_read_whole() -> None:
    para = "The ministry reported the figures to the committee in March of that year."
    pages = [
        f"Title line\n\n{para}\n\n{para}\n\nPage 1 Annual Report on Detention\n\f",
        f"{para} These figures could not be ver-\n\nPage 2 Annual Report on Detention\n\f",
        f"ified by the team. {para}\n\nPage 3 Annual Report on Detention\n\f",
        f"{para}\n\nPage 4 Annual Report on Detention\n",
    ]
    doc = parse_document("".join(pages))
    found = list(uncorroborated_claim(doc))
    assert len(found) == 1 and "could not be ver-" in found[0].message
    # The rest of a word that holds no stem is not read.
    other = "".join(pages).replace("ver-\n", "coll-\n").replace("ified by", "ected by")
    assert list(uncorroborated_claim(parse_document(other))) == []
