"""Clauses saying that information could not be corroborated, read by their structure.

A report says in many ways that it could not check a claim: "could not be independently
verified", "we have been unable to substantiate", "No corroborating information could be found
among the sources consulted", "corroborating information ... could not be found". No list of
phrases keeps up with the words a writer puts between the parts, so the clause is read by a
grammar (``grammars/unconfirmed.lark``) over WORD CLASSES: each word of a short window becomes
its class (``[statement.words]`` of ``phrases.toml``), and the grammar decides whether the
classes make a subject, a negation and a verb (or noun) of checking. A cheap scan for the verb
stems finds the candidates; the window around each is bounded, so the work per candidate is
constant and the whole reading linear in the text.

Who says it is read from the parse: a passive or impersonal clause ("could not be verified",
"it was impossible to verify") and a clause whose subject is the report or a named publisher
("The Research Directorate was unable to ...", "Reuters has not been able to ...") are the
report's own voice; a pronoun or a third party as subject ("they could not confirm", "police
could not confirm") and a refusal ("declined to confirm", "would neither confirm nor deny") are
someone else's. A pronoun or a subject left out ("..., which it could not verify", "denied it
but failed to substantiate it") stands for the sentence's first noun phrase, and a passive's
"by" phrase names who did not confirm ("not confirmed by the authorities"). The same grammar
reads information gaps ("No information on the party could be found among the sources
consulted"), which are not claims left unconfirmed.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Literal

import attrs
from lark import Token, Tree

from provenance.grammars import parse_prefix_words
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.rules import phrase_file

GRAMMAR = "unconfirmed"

Voice = Literal["own", "third"]

#: Words of a window: words (with inner apostrophes and hyphens) and the punctuation that ends
#: or splits a clause. A word a page broke with a hyphen at a line's end ("cor-" / "roborated")
#: is one word, read whole by ``_folded``.
_WORD = lazy_compile(
    r"[^\W_](?:[\w'’\u00ad-]*\w)?(?:[-\u00ad][ \t]*\r?\n[ \t]*[^\W_](?:[\w'’\u00ad-]*\w)?)*"
    r"|[,;:()]"
)
#: The break of such a word: its hyphen (or a soft hyphen), the line end and the spaces around
#: it.
_LINE_BREAK = lazy_compile(r"[-\u00ad][ \t]*\r?\n[ \t]*")
_SOFT_HYPHEN = lazy_compile(r"\u00ad(?:[ \t]*\r?\n[ \t]*)?")
# ``_LINE_BREAK`` for each hyphen apart. Led by one literal character, a whole-text scan skips
# to each at once, where the set of two was tried at every character (0.6-0.9 ms of the 66 KB
# seed's check, 0.03 ms this way).
_HYPHEN_BREAK = lazy_compile(r"-[ \t]*\r?\n[ \t]*")
_SOFT_HYPHEN_BREAK = lazy_compile(r"\u00ad[ \t]*\r?\n[ \t]*")
#: How far a line-end hyphen is looked at on either side for the word it breaks.
_BROKEN_REACH = 40
#: Contractions read as two words: "couldn't" is could not, "cannot" can not.
_NOT_SUFFIX = lazy_compile(r"(?i)(\w+)n['’]t")
#: A note's call glued to the end of a word: up to three digits after a letter.
_GLUED_CALL = lazy_compile(r"(?<=[^\W\d_])\d{1,3}$")
#: A subject and its verb in one word, where the contraction stands for one verb only ("'s"
#: and "'d" stand for two).
_VERB_SUFFIXES = {"ve": "have", "re": "are", "m": "am"}
_VERB_SUFFIX = lazy_compile(rf"(\w+)'({'|'.join(_VERB_SUFFIXES)})")
_CONTRACTED = {"cannot": ("can", "not"), "can't": ("can", "not"), "won't": ("will", "not")}

#: Forms whose subject is the thing checked, not who checks: never a third party's unless a
#: verb of saying attributes them.
AGENTLESS = frozenset(
    {
        "passive",
        "elliptic",
        "passivecheck",
        "predicate",
        "no_corroborating",
        "no_corroboration",
        "no_information_corroborating",
        "lack",
        "not_found",
        "impossible",
        "none_could",
        "only_passive",
        "truth_passive",
        "established_passive",
        "no_attempt",
    }
)
#: Forms ending in a noun of checking, which may be the object of another verb or qualify
#: another noun.
_NOMINAL = frozenset(
    {"no_corroboration", "lack", "no_corroborating", "not_received", "received_none"}
)
#: Forms whose noun may be the object of another verb ("provided no evidence corroborating").
_OBJECT_LIKE = _NOMINAL | {"no_information_corroborating"}
#: Forms of finding nothing, and the word classes their core begins with when a subject did the
#: looking ("found no", "could not find"): then the finder is who could not corroborate.
_FOUND = frozenset(
    {"no_corroborating", "no_corroboration", "no_information_corroborating", "not_found"}
)
_FINDER_STARTS = frozenset(
    {"FIND", "HAVE", "MODAL", "BE", "DO", "FAIL", "UNABLE", "IMPOSSIBLE", "NOT"}
)
#: Word classes a statement's core (or a gap's) can begin with, after its subject; and the
#: word classes of a subject (``subject`` in the grammar).
_CORE_STARTS = frozenset(
    {
        "MODAL", "WOULD", "DO", "HAVE", "BE", "REMAIN", "UNABLE", "FAIL", "IMPOSSIBLE", "NOT",
        "NONE", "NO", "LACK", "VERBING", "NOMINAL", "FIND", "REFUSE", "NEITHER", "ATTEMPT",
        "GAPINFO", "PROVIDE", "DISCLOSE", "ONLY", "TRUTH", "NOTHING", "UNVERIFIED",
    }
)  # fmt: skip
_SUBJECT_WORDS = frozenset(
    {
        "W", "CAP", "SELF", "WE", "PRON", "IT", "THIRD", "THERE", "INFO", "REF", "OF", "ABOUT",
        "ADV", "COMMA", "MOD", "TO", "OR", "ESTABLISH", "ESTABLISHED",
    }
)  # fmt: skip

#: What may stand right before "no confirmation", "a lack of corroboration": "there is",
#: "there has been", "however,", "but" ... (any other word makes it the object of a verb).
_BEFORE_NO = frozenset(
    {
        "BE", "HAVE", "THERE", "COMMA", "REF", "ADV", "MOD", "BOUNDARY", "BUT", "THAT", "REMAIN",
        "FIND",
    }
)  # fmt: skip
#: Word classes that end a clause. "but" is a class of its own: the grammar reads an attempt
#: and its failure across it ("tried to verify ... but was unable to"), and nothing else.
_ENDS = frozenset({"BOUNDARY", "BUT"})
#: Word classes a clause read by the ``sought`` start may open with ("Further information to
#: corroborate ... could not be found").
_SOUGHT_STARTS = frozenset({"INFO", "MOD", "ADV", "COMMA"})
_OWN_HEADS = frozenset({"WE", "SELF", "CAP", "INFO", "REF", "THERE"})
_PRONOUNS = frozenset({"PRON", "IT"})
#: Words by which a passive's agent is another source ("by other interviewees", "by any
#: independent source"): the report looked for corroboration and found none.
_OTHER = frozenset({"other", "independent", "further", "additional"})
#: Word classes of the first noun phrase of a sentence ("The Special Rapporteur", "Human
#: Rights Watch", "The Israeli army"), read for the subject a pronoun refers to.
_NOUN_WORDS = frozenset({"CAP", "SELF", "THIRD", "WE", "W", "INFO"})
#: Nouns of information that name informants, who are a party when they could not check.
_SOURCES = frozenset({"source", "sources"})
#: Participles that make sources the report's own ("the sources consulted").
_CONSULTED = frozenset({"consulted", "contacted", "reviewed", "examined"})


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Lexicon:
    """The word classes of ``phrases.toml`` ``[statement]``."""

    classes: Mapping[str, str]
    gap_classes: Mapping[str, str]
    boundaries: frozenset[str]
    gap_triggers: tuple[str, ...]
    lookback: int
    lookahead: int
    conditionals: frozenset[str] = frozenset()

    @classmethod
    def from_toml(cls, text: str) -> Lexicon:
        import tomllib  # runs take the parsed file from ``phrase_file``'s stored copy

        return cls.from_data(tomllib.loads(text))

    @classmethod
    def from_data(cls, parsed: Mapping[str, Any]) -> Lexicon:
        data = parsed["statement"]
        words: Mapping[str, Sequence[str]] = data["words"]
        classes: dict[str, str] = {}
        for name, items in words.items():
            if name in ("BOUNDARY", "GAPINFO"):
                continue
            for word in items:
                classes.setdefault(word.casefold(), name)
        gap_classes = dict(classes)
        for word in words["GAPINFO"]:
            gap_classes[word.casefold()] = "GAPINFO"
        return cls(
            classes,
            gap_classes,
            frozenset(word.casefold() for word in words["BOUNDARY"]),
            tuple(data["gap_triggers"]),
            int(data["lookback"]),
            int(data["lookahead"]),
            frozenset(word.casefold() for word in data.get("conditionals", ())),
        )


@cache
def lexicon() -> Lexicon:
    """The packaged word classes, read once per process."""
    return Lexicon.from_data(phrase_file.data())


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Word:
    start: int
    end: int
    text: str  # case-folded


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Statement:
    """A clause saying information could not be corroborated, or that none could be found."""

    kind: Literal["statement", "gap"]
    #: The grammar's name for the clause's shape: ``could_not``, ``unable``, ``passive``,
    #: ``no_corroborating``, ``refusal`` ...
    form: str
    #: The clause from its negation (or its noun of checking) to its verb: the marker.
    start: int
    end: int
    #: Where the clause's subject starts (``start`` when it has none) and its head word.
    subject_start: int
    head: str | None
    voice: Voice


#: A clause that parses but is not a statement: reading it from a later word would be wrong.
_REJECTED = Statement("statement", "rejected", 0, 0, 0, None, "own")


def _known(word: str) -> bool:
    lex = lexicon()
    return word in lex.classes or word in lex.gap_classes or word in lex.boundaries


def _folded(token: str) -> str:
    """A word's case-folded text, whole again where a hyphen broke it.

    PDF conversions keep the hyphen of a word broken at a line's end ("cor-" / "roborated",
    "indepen-" / "dently") and some writers hyphenate a prefix ("un-verified"): the word read
    without the hyphen is taken when the lexicon knows it and the word with it does not. An
    unknown word broken at a line's end is joined too (a page's hyphen is the likelier one);
    a hyphen of the word's own that the lexicon lists ("cross-" / "checked") is kept.
    """
    folded = token.casefold().replace("’", "'")
    if "\u00ad" in folded:
        folded = _SOFT_HYPHEN.sub("", folded)  # never part of a word
    if folded[-1:].isdigit() and not _known(folded):
        # "could not be verified12": a note's call glued to the word, as a PDF's text sets a
        # superscript; the word without it, where the lexicon knows it ("covid19" stays).
        called = _GLUED_CALL.sub("", folded)
        if called != folded and _known(called):
            return called
    if "-" not in folded:
        return folded
    kept = _LINE_BREAK.sub("-", folded)
    if _known(kept):
        return kept
    joined = kept.replace("-", "")
    if _known(joined):
        return joined
    if kept.startswith("re-") and _known(kept[3:]):
        # "unable to re-verify", "could not be re-confirmed": checking again is checking.
        return kept[3:]
    if "\n" in folded:
        return _LINE_BREAK.sub("", folded)
    return kept


def words_in(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]``, contractions split ("couldn't" -> could, not), words
    broken at a line's end joined."""
    found: list[Word] = []
    for match in _WORD.finditer(text, start, end):
        token = match.group()
        read = _TOKEN_WORDS.get(token)
        if read is None:
            if len(_TOKEN_WORDS) >= _KEPT_TOKENS:
                _TOKEN_WORDS.clear()
            read = _TOKEN_WORDS[token] = _token_words(token)
        at, to = match.span()
        for word in read:
            found.append(Word(at, to, word))
    return found


#: What ``_token_words`` made of the latest tokens read: the windows around the triggers of a
#: report overlap and repeat its words, and each was case-folded and tried against three
#: patterns and the lexicon at every read (about a tenth of a check's processor time).
_TOKEN_WORDS: dict[str, tuple[str, ...]] = {}
#: At most this many tokens are kept (the store is emptied when full).
_KEPT_TOKENS = 8192


def _token_words(token: str) -> tuple[str, ...]:
    """The words one token of ``_WORD`` is read as (``words_in``): a function of the token and
    the packaged lexicon alone."""
    folded = _folded(token)
    if folded in _CONTRACTED:
        return _CONTRACTED[folded]
    contracted = _NOT_SUFFIX.fullmatch(folded)
    if contracted:
        return (contracted.group(1), "not")
    verb = _VERB_SUFFIX.fullmatch(folded)
    if verb:
        # "i've no way of verifying", "we've not been able to": the verb after the subject.
        return (verb.group(1), _VERB_SUFFIXES[verb.group(2)])
    if token[:1].isupper() and not _known(folded):
        # Kept capitalised: a name.
        return (_LINE_BREAK.sub("", token),)
    return (folded,)


def word_class(word: str, gap: bool = False) -> str:
    """The grammar terminal a word stands for."""
    lex = lexicon()
    if word in lex.boundaries:
        return "BOUNDARY"
    found = (lex.gap_classes if gap else lex.classes).get(word)
    if found is not None:
        return found
    if word[:1].isupper():
        return "CAP"
    return "W"


def read_at(
    text: str,
    start: int,
    end: int,
    trigger: int,
    gap: bool = False,
    lead: tuple[int, int] | None = None,
    holes: Sequence[tuple[int, int]] = (),
) -> Statement | None:
    """The statement (or, with ``gap``, the information gap) whose clause holds the word at
    offset ``trigger``, within the sentence ``text[start:end]``; None if there is none.

    ``lead`` is where the sentence began before a page break (``text[lead[0]:lead[1]]``, the
    end of the paragraph the sentence continues): its words are read before the sentence's,
    and what lies between (a page number, a running head) is not.

    ``holes`` are stretches of the sentence that are not its words (sorted, apart): a page's
    running foot and number that a block with no blank lines keeps inside the sentence ("has
    not been able to" / "145" / "Amnesty International Report 2012" / "confirm these reports").

    Only a bounded window around the trigger is read: ``lookback`` words before it and
    ``lookahead`` after, so the cost is the same at every trigger.
    """
    lex = lexicon()
    # A generous character bound first (a word is rarely over 30 characters), then words.
    window_start = max(start, trigger - 30 * lex.lookback)
    window_end = min(end, trigger + 30 * lex.lookahead)
    words = words_in(text, window_start, window_end)
    cut = window_start > start
    if lead is not None and not cut:
        lead_start = max(lead[0], lead[1] - 30 * lex.lookback)
        before = words_in(text, lead_start, lead[1])
        cut = lead_start > lead[0]
        words = _joined_across(text, before, lead[1], words)
    if holes:
        words = _outside(words, holes)
    position = next((i for i, w in enumerate(words) if w.end > trigger), None)
    if position is None:
        return None
    first = max(0, position - lex.lookback)
    if cut and first == 0:
        first = 1  # the first word of a cut window may be cut too
    reaches_start = not cut and first == 0
    words = words[first : position + lex.lookahead + 1]
    position -= first
    classes = [word_class(w.text, gap) for w in words]
    for index in range(1, len(classes)):
        if classes[index - 1] == "OF" and words[index].text in ("which", "whom"):
            # "reports, not all of which could be verified": "which" stands for the reports.
            classes[index] = "REF"
        elif classes[index - 1] == "NO" and words[index].text == "one":
            # "no one has been able to verify it" says what "none" does.
            classes[index - 1] = "NONE"
    _aside_in_verb_group(classes)
    clause = 0
    for index in range(position - 1, -1, -1):
        if classes[index] == "THAT" and index > 0 and classes[index - 1] in ("INFO", "GAPINFO"):
            # "information that would corroborate this": a relative clause of the noun, read
            # with it.
            continue
        if classes[index] in _ENDS or classes[index] == "THAT":
            clause = index + 1
            break
    if _conditional(words, classes, clause, position, lex.conditionals):
        return None
    if (
        reaches_start
        and clause > 0
        and words[clause - 1].text in ("which", "who")
        and not any(w.text[:1].isalpha() for w in words[: clause - 1])
    ):
        # "6. Which facts could not be independently verified": opening the sentence (after a
        # list's number at most), "which" asks a question; it is a relative pronoun only after
        # the noun it stands for.
        return None
    for begin in _starts(classes, clause, position):
        found = _parse(words, classes, begin, position, gap, reaches_start)
        if found is None and not gap and classes[begin] in _SOUGHT_STARTS:
            found = _parse(words, classes, begin, position, gap, reaches_start, "sought")
        if found is _REJECTED:
            return None
        if found is not None:
            if not reaches_start and lead is None:
                return _far_antecedent(text, start, end, found)
            return found
    return None


def _far_antecedent(text: str, start: int, end: int, found: Statement) -> Statement:
    """``found`` with the voice of the sentence's first noun phrase, read apart, when its
    subject is left out (or a pronoun) and the window around the trigger does not reach the
    sentence's start: "Kurdistan Regional Government (KRG) security forces did not have direct
    access to Sinjar and were unable definitively to verify reports" is the forces'. Only a
    report's voice is changed: a left-out subject otherwise reads as the report's."""
    if found.voice != "own" or found.form in AGENTLESS or found.kind != "statement":
        return found
    if found.head is not None and word_class(found.head) not in _PRONOUNS:
        return found
    opening = words_in(text, start, min(end, found.subject_start, start + _OPENING_CHARS))
    classes = [word_class(w.text) for w in opening]
    index = 0
    while index < len(classes) and classes[index] in ("REF", "MOD"):
        index += 1
    last = None
    nouns = 0
    while index < len(classes) and nouns < _ANTECEDENT_WORDS:
        if classes[index] in _NOUN_WORDS:
            last = classes[index]
            nouns += 1
            index += 1
        elif last is not None and _bracketed_name(opening, classes, index, len(classes)):
            index += 3
        else:
            break
    # The sentence opens with a noun phrase whose last word is a party, and a verb follows:
    # "After police dispersed the crowd, ..." opens with no subject ("dispersed" ends it).
    if last == "THIRD" and index < len(classes) and classes[index] in _VERBS:
        return attrs.evolve(found, voice="third")
    return found


#: How far into a sentence its first noun phrase is read for a statement far from its start.
_OPENING_CHARS = 200


def _joined_across(text: str, before: list[Word], lead_end: int, words: list[Word]) -> list[Word]:
    """The words of a sentence's lead (``before``, ending at ``lead_end``) and of the sentence
    (``words``), the word a page break split with a hyphen read whole: "could not be ver-" /
    (a page number, a running head) / "ified by the team"."""
    if not before or not words:
        return before + words
    last, first = before[-1], words[0]
    if broken_across(text, last.end, lead_end, first.start) is None:
        return before + words
    whole = _folded(last.text + first.text)
    if not _known(whole):
        return before + words
    return [*before[:-1], Word(last.start, first.end, whole), *words[1:]]


def broken_across(text: str, hyphen: int, lead_end: int, start: int) -> str | None:
    """The word a page break split, read whole, when ``text[hyphen]`` is a hyphen that ends
    its paragraph (``lead_end``) right after a word and ``text[start:]`` goes on with the rest
    in lower case: "ver-" and "ified" make "verified". None otherwise."""
    if hyphen >= len(text) or text[hyphen] not in "-\u00ad" or text[hyphen + 1 : lead_end].strip():
        return None
    rest = _CONTINUED.match(text, start)
    if rest is None:
        return None
    first = hyphen
    while first > 0 and hyphen - first < _BROKEN_REACH and text[first - 1].isalpha():
        first -= 1
    if first == hyphen:
        return None
    return (text[first:hyphen] + rest.group()).casefold()


#: The lower-case letters that go on with a word a page break split.
_CONTINUED = lazy_compile(r"[a-z]{1,40}")


#: Word classes a verb group is split after and resumes with around an aside between commas.
_ASIDE_AFTER = frozenset({"MODAL", "NOT", "HAVE", "BE"})
_ASIDE_BEFORE = frozenset({"BE", "HAVE", "NOT", "ADV", "VERB", "VERBED", "UNABLE"})
#: Word classes an aside may hold: no verb, negation or clause word of its own.
_ASIDE_WORDS = frozenset({"W", "CAP", "OF", "ABOUT", "MOD", "ADV", "REF", "YET"})
#: Most words an aside holds ("at the time of writing", "despite repeated attempts").
_ASIDE_LENGTH = 6


def _aside_in_verb_group(classes: list[str]) -> None:
    """Read a short aside between commas inside a verb group as an adverb, in place: "could
    not, at the time of writing, be independently verified", "has, despite repeated requests,
    not been able to confirm". A single adverb there ("could not, however, be verified") is
    one already; longer ones are prepositional phrases, which the lexicon has no class for."""
    index = 1
    while index < len(classes):
        if classes[index] == "COMMA" and classes[index - 1] in _ASIDE_AFTER:
            close = index + 1
            while close < len(classes) and classes[close] in _ASIDE_WORDS:
                close += 1
            inside = close - index - 1
            if (
                0 < inside <= _ASIDE_LENGTH
                and close + 1 < len(classes)
                and classes[close] == "COMMA"
                and classes[close + 1] in _ASIDE_BEFORE
            ):
                for aside in range(index, close + 1):
                    classes[aside] = "ADV"
                index = close + 1
                continue
        index += 1


def _outside(words: list[Word], holes: Sequence[tuple[int, int]]) -> list[Word]:
    """``words`` without those that start inside one of ``holes`` (sorted, apart)."""
    return [word for word in words if not in_holes(holes, word.start)]


def in_holes(holes: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls inside one of ``holes`` (sorted, apart)."""
    at = bisect_right(holes, offset, key=lambda hole: hole[0]) - 1
    return at >= 0 and offset < holes[at][1]


def _conditional(
    words: Sequence[Word],
    classes: Sequence[str],
    clause: int,
    trigger: int,
    conditionals: frozenset[str],
) -> bool:
    """Whether the clause holding the trigger is a condition ("If the claim cannot be confirmed,
    the case is closed", "... unless it could not be verified"): it says what is done when
    something is unconfirmed, not that anything is. A comma before the trigger ends the
    condition ("If possible, ...")."""
    for index in range(trigger - 1, max(clause - 2, -1), -1):
        if classes[index] == "COMMA":
            return False
        if words[index].text.casefold() in conditionals:
            return True
    return False


def _starts(classes: Sequence[str], clause: int, trigger: int) -> Iterator[int]:
    """Where a statement holding the word at ``trigger`` may start, in order: the clause's
    start, then each word that can begin the core of one (a modal, "unable", "no" ...), with
    the word before it when that word can be its subject ("officers who were present could
    not confirm": "present" is not, "officers" would have been)."""
    yield clause
    last = clause
    for index in range(clause + 1, trigger + 1):
        if classes[index] not in _CORE_STARTS:
            continue
        if index - 1 > last and classes[index - 1] in _SUBJECT_WORDS:
            yield index - 1
        if index > last:
            yield index
        last = index


def _parse(
    words: Sequence[Word],
    classes: Sequence[str],
    begin: int,
    trigger: int,
    gap: bool,
    reaches_start: bool = False,
    start: str = "statement",
) -> Statement | None:
    """The statement parsed from word ``begin`` (by the grammar's rule ``start``) if it reaches
    the ``trigger`` word; None if none does; ``_REJECTED`` if one does but is not a statement
    (no later start can be one)."""
    stop = _clause_end(classes, begin)
    if stop <= trigger:
        return None
    if stop < len(classes) and classes[stop] == "BUT":
        # The clause after "but" is read too: only an attempt's failure continues across it.
        stop = _clause_end(classes, stop + 1)
    offsets: list[int] = []
    parts: list[str] = []
    length = 0
    for index in range(begin, stop):
        offsets.append(length)
        parts.append(classes[index])
        length += len(classes[index]) + 1
    found = parse_prefix_words(GRAMMAR, parts, "gap" if gap else start)
    if found is None:
        return None
    tree, _size = found
    index_of = {offset: begin + i for i, offset in enumerate(offsets)}
    indices = _word_indices(tree, index_of)
    if not indices or indices[-1] < trigger:
        return None  # the clause ends before the trigger: another clause
    subject = next((c for c in tree.children if isinstance(c, Tree) and c.data == "subject"), None)
    subject_indices = _word_indices(subject, index_of) if subject is not None else []
    in_subject = set(subject_indices)
    core_indices = [i for i in indices if i not in in_subject]
    if not core_indices:
        return None
    core = next((c for c in tree.children if isinstance(c, Tree) and c.data != "subject"), tree)
    form = "gap" if gap else _form(core)
    head = None
    for index in reversed(subject_indices):
        if classes[index] not in ("ADV", "COMMA", "MOD", "OF", "ABOUT", "TO"):
            head = index
            break
    head = _before_relative(words, classes, subject_indices, head)
    first = core_indices[0]
    nominal = form in _OBJECT_LIKE and classes[first] in ("NO", "LACK")
    # "(published) with no independent verification of the figures" says "without" it.
    with_no = classes[first] == "NO" and first > 0 and words[first - 1].text == "with"
    if nominal and first > 0 and classes[first - 1] not in _BEFORE_NO and not with_no:
        # "He received no confirmation of his registration", "The government provided no
        # evidence corroborating the charges": the noun is the object of another verb, not a
        # statement that nothing confirms a claim.
        return _REJECTED
    after = core_indices[-1] + 1
    if form == "no_information_corroborating" and _object_less(classes, core_indices, after):
        # "The card has no figures to confirm", "There were no reports to verify": the noun is
        # what would be checked, and there is nothing to check; "no figures to confirm this"
        # says nothing confirms a claim.
        return _REJECTED
    if form in _NOMINAL and after < len(classes) and classes[after] in ("W", "CAP"):
        # "the lack of verification procedures": the noun qualifies another.
        return _REJECTED
    if (
        form == "predicate"
        and after < len(classes)
        and classes[after] in ("W", "CAP", "INFO")
        and not _predicate_noun(classes, head, after)
        and not _two_word_preposition(classes, after)
    ):
        # "There are unconfirmed reports that ...": a hedge on a claim, not a statement.
        return _REJECTED
    if form == "elliptic" and not _shares_be(words, classes, first, after, reaches_start):
        # "not confirmed" alone is a passive only when it shares the "be" of the clause before
        # "and" ("The data are self-reported and not verified"); "confirmed and not confirmed
        # cases" qualifies a noun.
        return _REJECTED
    if (
        form in _NO_NOUN
        and classes[first] == "NO"
        and not with_no
        and not _has_verb(classes, first, after)
    ):
        # "clinical manifestations of sepsis, ... but no laboratory confirmation of CVC
        # colonization": a noun phrase in a list (a case definition), no clause that says
        # anything was not confirmed; "there was no confirmation", "no confirmation has been
        # published" are.
        return _REJECTED
    if form == "no_information_corroborating" and _in_phrase(classes, core_indices):
        # "the database has no information on confirmatory studies": the participle (or
        # adjective) of checking qualifies the noun of a phrase after the information, which
        # is what the information would be about, not information that corroborates.
        return _REJECTED
    if (
        form == "established_passive"
        and (head is None or classes[head] not in ("INFO", "REF"))
        and not any(words[i].text in _CHECKING_ADVERBS for i in core_indices)
    ):
        # "These figures could not be ascertained", "This could not be established": of
        # information, the report could not check it; "the cause of death could not be
        # established", "the commission had not been established" are facts unknown or things
        # not done, unless an adverb says the establishing was checking ("the number of
        # political prisoners could not be reliably ascertained").
        return _REJECTED
    if (
        form == "refusal"
        and classes[first] == "NEITHER"
        and first > 0
        and classes[first - 1] == "BE"
    ):
        # "The reports were neither confirmed nor denied": a passive naming no one, left
        # unread (the grammar's refusal is someone's active "neither confirmed nor denied").
        return _REJECTED
    whole = [classes[i] for i in core_indices]
    if form == "none_could" and whole[0] == "NOT" and "ALL" in whole and "MODAL" in whole:
        after_all = whole.index("ALL") + 1
        if whole[after_all] != "OF" and "BE" not in whole[whole.index("MODAL") :]:
            # "Not all officials could confirm the figures": without "of", the noun phrase
            # after "all" is who checked, not what was checked ("Not all claims could be
            # cross-checked").
            return _REJECTED
    if form in ("unable", "impossible") and _would_before(classes, first):
        # "A test suite that mocked the transport would be unable to substantiate that claim",
        # "Erasing it would leave the charity unable to substantiate a claim": a hypothetical,
        # as "would not be able to verify" is, not a check that failed.
        return _REJECTED
    noun = next((i for i in core_indices if words[i].text == "inability"), None)
    if noun is not None:
        # "Our inability to verify these accounts is a limitation": the noun's possessor is
        # who could not check ("the ministry's inability to confirm" the ministry); with none
        # ("An inability to verify sources is common"), it is said of no one.
        owner = words[noun - 1].text.casefold() if noun > 0 else ""
        genitive = _GENITIVE.search(owner)
        if owner in _OWN_POSSESSIVES or (
            # "the team's inability", "this report's inability": the report's own.
            genitive and word_class(owner[: genitive.start() + 1]) == "SELF"
        ):
            return Statement(
                "gap" if gap else "statement",
                form,
                words[noun].start,
                words[core_indices[-1]].end,
                words[noun - 1].start,
                owner,
                "own",
            )
        if owner not in _OTHER_POSSESSIVES and not genitive:
            return _REJECTED
        voice: Voice = "third"
    else:
        voice = _voice(form, classes[head] if head is not None else None)
    if (
        voice == "own"
        and head is not None
        and classes[head] == "SELF"
        and (_indefinite(words, head) or _partys(words, head))
    ):
        # "another study failed to confirm these differences", "a later review could not
        # verify it", "the police investigation could not corroborate it": a study the report
        # cites, or a party's, not the report ("this study", "the team").
        voice = "third"
    independent = any(words[i].text == "independently" for i in core_indices)
    if form in AGENTLESS:
        # "was not confirmed by Interpol" is Interpol's silence; "could not be verified by
        # Reuters", "has not been independently verified by CNN" the publisher's own word.
        # Only a plain past: "These reports have not been confirmed by Amnesty International"
        # is the writer's state of knowledge, its own word.
        named_party = form == "passive" and not independent and classes[first] != "HAVE"
        voice = _agent_voice(words, classes, after, named_party) or voice
    elif head is None or classes[head] in _PRONOUNS:
        # "..., which it could not verify", "X denied it but failed to substantiate it": the
        # one who could not check is the sentence's subject.
        statement_start = subject_indices[0] if subject_indices else core_indices[0]
        voice = _antecedent_voice(words, classes, statement_start, reaches_start) or voice
    if (
        form in _FOUND
        and head is not None
        and classes[head] in ("THIRD", "PRON")
        and classes[first] in _FINDER_STARTS
        and any(classes[i] == "FIND" for i in core_indices)
    ):
        # "The police could not find any corroborating evidence", "They found no evidence
        # corroborating his account": who looked is named, and is a party (the report's own
        # search is "could not be found", or has its own name as subject); "they" is whom the
        # sentence opens with.
        voice = "third"
        if classes[head] == "PRON":
            opening = subject_indices[0]
            voice = _antecedent_voice(words, classes, opening, reaches_start) or "third"
    if form == "neither_nor":
        # "neither the FBI nor we have been able to confirm": the report's when it is one of
        # those named.
        named = {classes[i] for i in core_indices} & {"SELF", "WE"}
        form, voice = "none_could", "own" if named else "third"
    if form == "neither_inverted":
        # "In neither case could the information be corroborated" is the report's; "in neither
        # case could the police confirm it" the police's.
        named = {classes[i] for i in core_indices} & {"THIRD", "PRON"}
        form, voice = "none_could", "third" if named else "own"
    if form == "lack_means":
        if words[first].text == "without":
            # "Without the ability to verify information, individuals risk ...": a condition
            # of anyone's, not a statement that someone lacked the means.
            return _REJECTED
        form = "unable"
    if form == "none_able":
        # "none of which we were able to verify" is the report's; "none of which the police
        # were able to confirm" the police's.
        named = {classes[i] for i in core_indices} & {"THIRD", "PRON"}
        form, voice = "none_could", "third" if named else "own"
    if form == "impossible_for":
        # "It was not possible for the research team to verify" is the report's; "... for the
        # reader to verify", "... for the ministry to confirm" someone else's.
        named = {classes[i] for i in core_indices} & {"SELF", "WE", "CAP"}
        form, voice = "impossible", "own" if named else "third"
    if voice == "third" and head is not None and classes[head] == "W" and _this_before(words, head):
        # "This teardown was not able to verify", "this note could not confirm": a noun the
        # writer points at with "this" is the writing itself (a party would be named).
        voice = "own"
    last = core_indices[-1]
    if (
        form in ("truth_active", "truth_passive")
        and classes[last] == "THAT"
        and words[last].text not in ("whether", "if")
    ):
        # "it cannot be established that the respondent ...", "was unable to establish that
        # ...": a finding not proven, a court's or a claimant's burden, not a claim the report
        # could not check.
        return _REJECTED
    if form == "received_none":
        # "The organization has received no confirmation": the report's only when the report
        # is the subject; anyone else's "received no confirmation" is a document not got.
        if head is None or classes[head] not in ("SELF", "WE"):
            return _REJECTED
        form = "not_received"
    if form == "truth_did_not":
        # "We did not assess the reliability of these data": an audit's word for not checking
        # them, read as "did not verify" is.
        form = "did_not"
    if (
        form == "did_not"
        and head is not None
        and classes[head] == "INFO"
        and words[head].text not in _SOURCES
    ):
        # "The data do not confirm these stereotypes", "the evidence did not substantiate the
        # hypothesis": a finding that information fails to support a claim, not someone who
        # could not check it (sources, who could have confirmed, are read below).
        return _REJECTED
    if form == "did_not" and head is not None and classes[head] == "CAP":
        # "Iran did not confirm the executions" is a party's silence; "Reuters has not
        # independently verified" is the publisher's own word.
        voice = "own" if independent else "third"
    if form not in AGENTLESS and head is not None:
        sources = _sources_voice(words, head)
        if sources is not None:
            voice = sources
    if voice == "own" and _titled(classes, subject_indices, head):
        # "Police spokesman Ahmed could not confirm", "Interior Minister Smith was unable to
        # verify": a name after a party's title is that party, not the publisher.
        voice = "third"
    return Statement(
        "gap" if gap else "statement",
        form,
        words[core_indices[0]].start,
        words[core_indices[-1]].end,
        words[subject_indices[0]].start if subject_indices else words[core_indices[0]].start,
        words[head].text if head is not None else None,
        voice,
    )


#: Possessives before "inability" that make it the writer's ("our inability to verify") or
#: someone else's ("their inability to confirm"; a genitive, "the ministry's", is too).
_OWN_POSSESSIVES = frozenset({"our", "my"})
_OTHER_POSSESSIVES = frozenset({"their", "his", "her", "its"})
_GENITIVE = lazy_compile(r"\w['’]s?\Z")
#: Adverbs that make establishing a fact checking a claim: "could not be reliably
#: ascertained", "could not be independently established". ("Mechanisms have not yet been
#: definitively established" is a fact science does not know yet.)
_CHECKING_ADVERBS = frozenset({"independently", "reliably"})
#: How many words before an inability "would" may stand and make it a hypothetical ("would
#: leave the charity unable to").
_WOULD_REACH = 4
#: Forms read from "no" and a noun (or participle) of checking, which say something only in a
#: clause with a verb: "There was no confirmation", "no confirmation has been received".
_NO_NOUN = frozenset({"no_corroboration", "no_corroborating"})
#: Word classes that are (or stand for) the verb of a clause: "be", "have", a modal, "remain",
#: "find", "emerge", "prove".
_VERBS = frozenset({"BE", "HAVE", "MODAL", "WOULD", "DO", "REMAIN", "FIND", "EMERGE", "PROVE"})


#: Relative pronouns that open a clause between commas after the subject they describe.
_RELATIVES = frozenset({"which", "who"})


def _before_relative(
    words: Sequence[Word], classes: Sequence[str], subject: Sequence[int], head: int | None
) -> int | None:
    """The subject's head when the parsed subject is a relative clause set between commas
    after it ("Our team, which visited the camp, could not verify", "The police, who arrived
    later, could not confirm"): the relative pronoun ends the clause before it, so the parse
    starts after it and its last word ("camp") is not who could not check; the noun before
    ", which" is. Otherwise ``head``."""
    if not subject or classes[subject[-1]] != "COMMA":
        return head
    opener = subject[0] - 1
    if opener < 2 or words[opener].text not in _RELATIVES or words[opener - 1].text != ",":
        return head
    antecedent = opener - 2
    return antecedent if classes[antecedent] in _NOUN_WORDS else head


def _would_before(classes: Sequence[str], first: int) -> bool:
    """Whether "would" (or "will") stands a few words before word ``first`` in its clause."""
    for index in range(first - 1, max(-1, first - 1 - _WOULD_REACH), -1):
        if classes[index] in _ENDS or classes[index] == "COMMA":
            return False
        if classes[index] == "WOULD":
            return True
    return False


def _predicate_noun(classes: Sequence[str], head: int | None, noun: int) -> bool:
    """Whether the noun after "be unverified" ends its clause after a subject other than
    "there": "Movement speeds are unverified estimates.", "They are unverified estimates, not
    measurements" say what the subject is; "There are unconfirmed reports that ...", "Among
    them were unconfirmed reports of killings" bring in a claim, hedged."""
    if head is None or classes[head] == "THERE":
        return False
    after = noun + 1
    return after >= len(classes) or classes[after] in _ENDS or classes[after] == "COMMA"


def _two_word_preposition(classes: Sequence[str], after: int) -> bool:
    """Whether the word after "remained unverified" starts a preposition of two words ("due
    to", "owing to", "prior to"): a word and "to" with a noun after, no noun the adjective
    qualifies ("unverified reports")."""
    return (
        classes[after] == "W"
        and after + 2 < len(classes)
        and classes[after + 1] == "TO"
        and classes[after + 2] not in ("VERB", "BE", "HAVE")
    )


def _has_verb(classes: Sequence[str], first: int, after: int) -> bool:
    """Whether the clause of a core from word ``first`` to ``after`` (excluded) has a verb: the
    word before the core (its clause's verb: "there was no", "we found no") or a word after it
    before the clause ends ("no confirmation of this has been published")."""
    if first > 0 and classes[first - 1] in _VERBS:
        return True
    for index in range(after, len(classes)):
        if classes[index] in _ENDS or classes[index] == "COMMA":
            return False
        if classes[index] in _VERBS:
            return True
    return False


def _in_phrase(classes: Sequence[str], core: Sequence[int]) -> bool:
    """Whether the core's participle (or adjective) of checking stands right after a
    preposition: "information on confirmatory studies" qualifies the phrase's noun."""
    last = next((i for i in reversed(core) if classes[i] == "VERBING"), None)
    return last is not None and last > 0 and classes[last - 1] in ("ABOUT", "OF")


def _object_less(classes: Sequence[str], core: Sequence[int], after: int) -> bool:
    """Whether the core ends in "to <verb>" with nothing after the verb in its clause (the
    sentence's end, a comma or a clause's end): the noun before is the verb's object."""
    last = core[-1]
    if classes[last] != "VERB" or len(core) < 2:
        return False
    before = next((i for i in reversed(core[:-1]) if classes[i] != "ADV"), None)
    if before is None or classes[before] != "TO":
        return False
    return after >= len(classes) or classes[after] in _ENDS or classes[after] == "COMMA"


def _clause_end(classes: Sequence[str], begin: int) -> int:
    """The index of the first word from ``begin`` that ends a clause (the length if none)."""
    return next((i for i in range(begin, len(classes)) if classes[i] in _ENDS), len(classes))


def _sources_voice(words: Sequence[Word], head: int) -> Voice | None:
    """Whose are the sources that could not check: "the sources consulted", "our sources" are
    the report's research; "Hospital sources", "military sources" informants, a party."""
    text = words[head].text
    if text in _CONSULTED and head > 0 and words[head - 1].text in _SOURCES:
        return "own"
    if text in _SOURCES:
        return "own" if head > 0 and words[head - 1].text == "our" else "third"
    return None


def _titled(classes: Sequence[str], subject: Sequence[int], head: int | None) -> bool:
    """Whether the subject's head is a name right after a third party's title or office
    ("spokesperson Ahmed", "Police Chief Smith": THIRD then capitalised words)."""
    if head is None or classes[head] != "CAP":
        return False
    index = head - 1
    while index in subject and classes[index] == "CAP":
        index -= 1
    return index in subject and classes[index] == "THIRD"


#: Words before a noun the report calls itself by ("study", "review", "team") that make it
#: another one: "another study", "a later review", "one team".
_INDEFINITE = frozenset(
    {"another", "a", "an", "one", "other", "some", "several", "previous", "earlier", "later",
     "subsequent", "prior", "separate", "second"}
)  # fmt: skip


def _indefinite(words: Sequence[Word], head: int) -> bool:
    """Whether the subject's head word comes after a word making it another one than the
    report (``_INDEFINITE``), with at most one word between ("a later study")."""
    return any(words[i].text in _INDEFINITE for i in range(max(0, head - 2), head))


def _partys(words: Sequence[Word], head: int) -> bool:
    """Whether the subject's head word (a study, an investigation, a report) comes after a
    party's word or its possessive, at most one word between: "the police investigation", "the
    ministry's own review", "the prosecutor's inquiry" are theirs, not the report's."""
    for index in range(max(0, head - 2), head):
        text = words[index].text
        if text.endswith(("'s", "s'")):
            text = text[:-2] if text.endswith("'s") else text[:-1]
        if word_class(text) == "THIRD":
            return True
    return False


def _this_before(words: Sequence[Word], head: int) -> bool:
    """Whether the subject's head word comes right after "this"."""
    return head > 0 and words[head - 1].text == "this"


#: Words that open a clause of concession, which may leave out its subject and "be"
#: ("although not independently verified").
_CONCESSIVE = frozenset({"although", "though", "while"})
#: How many words before "and not verified" the shared "be" may stand ("are self-reported and").
_SHARED_BE_REACH = 4


def _shares_be(
    words: Sequence[Word],
    classes: Sequence[str],
    first: int,
    after: int,
    reaches_start: bool = False,
) -> bool:
    """Whether "not <verbed>" (or "unverified") at word ``first`` follows "and" or "but",
    adverbs between, after a clause whose verb is a form of "be" a few words before (or, after
    "but", ends at a comma), and no noun follows it; or stands alone in brackets, or after a
    semicolon or a comma at the sentence's end; or closes a sentence (or a clause after a
    semicolon) that is only a short noun phrase and it; or, with an adverb of checking, stands
    between commas after a noun phrase."""
    adverb = any(classes[i] == "ADV" for i in range(first, after))
    while first > 0 and classes[first - 1] == "ADV":
        first -= 1  # "self-reported and largely unverified"
    if after == len(words) and _headline_subject(words, classes, first, reaches_start):
        # "Build environment not independently verified.", "...; individual fab ramp dates not
        # independently verified.": a note's or a table's own mark, its "be" left out.
        return True
    if (
        adverb
        and first >= 2
        and words[first - 1].text == ","
        and (classes[first - 2] in _NOUN_WORDS or words[first - 2].text == ")")
        and after < len(words)
        and words[after].text == ","
    ):
        # "The two figures above are self-reported in the repo (its address), not
        # independently verified, and ...": an aside between commas, made sure by its adverb
        # ("the minister, not confirmed in office, ..." has none).
        return True
    if first >= 1 and (
        (words[first - 1].text == "(" and after < len(words) and words[after].text == ")")
        or (words[first - 1].text in (";", ",") and after == len(words))
    ):
        # "... were killed (not independently verified)", "(unverified)"; "Interview, 3 March
        # 2020; not independently verified.", "Source: Ministry of Health, unverified.": the
        # report's own mark on what it follows, alone in brackets or closing the sentence after
        # a semicolon or a comma.
        return True
    if (
        first >= 1
        and words[first - 1].text in _CONCESSIVE
        and (after >= len(classes) or classes[after] not in ("W", "CAP", "INFO"))
    ):
        # "..., although not independently verified by IPHR, and required further
        # investigation": a clause of concession with its subject and "be" left out.
        return True
    if first < 2 or words[first - 1].text not in ("and", "but"):
        return False
    if after < len(classes) and classes[after] in ("W", "CAP", "INFO"):
        return False
    if classes[first - 2] in _ENDS or classes[first - 2] == "COMMA":
        return False
    if words[first - 1].text == "but" and after < len(classes) and classes[after] == "COMMA":
        # "According to Syrian state media but otherwise unconfirmed, ... were released": a
        # verbless adjunct after "but", set off by its comma, says the claim is unconfirmed.
        return True
    before = range(max(0, first - 1 - _SHARED_BE_REACH), first - 1)
    return any(classes[i] in ("BE", "REMAIN") for i in before)


#: How many words the noun phrase of a verbless "Figures not independently verified." may
#: have, and the classes they may be.
_HEADLINE_REACH = 5
_HEADLINE_WORDS = frozenset({"REF", "W", "CAP", "INFO", "MOD", "OF"})


def _headline_subject(
    words: Sequence[Word], classes: Sequence[str], first: int, reaches_start: bool
) -> bool:
    """Whether the words before word ``first`` are a short noun phrase alone: from the
    sentence's start (when the window reaches it) or after a semicolon or colon."""
    index = first
    while index > 0 and first - index < _HEADLINE_REACH and classes[index - 1] in _HEADLINE_WORDS:
        index -= 1
    if index == first or classes[first - 1] not in _NOUN_WORDS:
        return False
    if index == 0:
        return reaches_start
    return words[index - 1].text in (";", ":")


def _agent_voice(
    words: Sequence[Word], classes: Sequence[str], after: int, named_party: bool = False
) -> Voice | None:
    """Who a passive names as the one who did not confirm: "were not confirmed by the
    authorities" is theirs; "by other sources" the report's. With ``named_party`` (a plain
    past "was not confirmed by": no "could", no "has been", no "independently") a name is a
    party too ("not confirmed by Interpol"); otherwise a name is the publisher ("could not be
    verified by Reuters", "have not been confirmed by Amnesty International")."""
    index = after
    while index < len(classes) and classes[index] in ("ADV", "MOD", "COMMA"):
        index += 1
    if index >= len(classes) or words[index].text != "by":
        return None
    index += 1
    while index < len(classes) and classes[index] in ("REF", "MOD", "ADV"):
        if words[index].text in _OTHER:
            return None  # "not confirmed by other interviewees": no other source confirms it
        index += 1
    if index < len(classes) and classes[index] in ("THIRD", "PRON"):
        return "third"
    if named_party and index < len(classes) and classes[index] == "CAP":
        return "third"
    return None


#: How many words of a sentence's first noun phrase are read for whose it is.
_ANTECEDENT_WORDS = 5


def _bracketed_name(words: Sequence[Word], classes: Sequence[str], index: int, stop: int) -> bool:
    """Whether word ``index`` opens a name in brackets, "(KRG)", within a noun phrase."""
    return (
        index + 2 < stop
        and words[index].text == "("
        and classes[index + 1] == "CAP"
        and words[index + 2].text == ")"
    )


def _antecedent_voice(
    words: Sequence[Word], classes: Sequence[str], stop: int, reaches_start: bool
) -> Voice | None:
    """The voice of a sentence's subject, for a statement whose own subject is a pronoun or
    left out: the first noun phrase of the sentence, after an opening phrase ("In March, ...")
    and its determiners, an abbreviation in brackets inside it left out ("Kurdistan Regional
    Government (KRG) security forces"). A third party in it ("The Israeli army") makes it
    theirs; the report or a name ("Amnesty International", "The Special Rapporteur") makes it
    the report's. None when the window does not reach the sentence's start or no noun phrase
    is found."""
    if not reaches_start:
        return None
    index = 0
    if stop > 0 and classes[0] == "ABOUT":
        comma = next((i for i in range(min(stop, 8)) if classes[i] == "COMMA"), None)
        if comma is not None:
            index = comma + 1
    while index < stop and classes[index] in ("REF", "ADV", "MOD", "COMMA"):
        index += 1
    phrase: list[str] = []
    while index < stop and len(phrase) < _ANTECEDENT_WORDS:
        if classes[index] in _NOUN_WORDS:
            phrase.append(classes[index])
            index += 1
        elif phrase and _bracketed_name(words, classes, index, stop):
            index += 3
        else:
            break
    if not phrase:
        return None
    if "THIRD" in phrase:
        return "third"
    if phrase[0] in ("CAP", "SELF", "WE") or "SELF" in phrase:
        return "own"
    return "third"


def _word_indices(tree: Tree[Token], index_of: Mapping[int, int]) -> list[int]:
    """The indices of the words whose classes are the tokens of ``tree``, in order."""
    found = []
    for token in tree.scan_values(lambda value: isinstance(value, Token)):
        position = token.start_pos
        if position is not None and position in index_of:
            found.append(index_of[position])
    return found


def _form(core: Tree[Token]) -> str:
    for node in core.iter_subtrees():
        if node.data == "passivecheck":
            return "passivecheck"
    return str(core.data)


def _voice(form: str, head: str | None) -> Voice:
    if form == "refusal":
        return "third"
    if form in AGENTLESS or head is None or head in _OWN_HEADS:
        return "own"
    return "third"


def iter_triggers(text: str, start: int, end: int, stems: Sequence[str]) -> Iterator[int]:
    """Offsets of the words in ``text[start:end]`` that hold one of ``stems``, in order (a word
    broken at a line's end read whole)."""
    for match in _WORD.finditer(text, start, end):
        word = match.group().casefold()
        if "-" in word or "\u00ad" in word:
            word = _folded(word)
        if any(stem in word for stem in stems):
            yield match.start()


def _line_breaks(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_LINE_BREAK`` in ``text``, in order: those of each hyphen merged (a
    match holds no hyphen past its first character, so none overlaps another)."""
    breaks = _HYPHEN_BREAK.finditer(text)
    if "\u00ad" not in text:
        return breaks
    return heapq.merge(breaks, _SOFT_HYPHEN_BREAK.finditer(text), key=lambda match: match.start())


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the letters around ``text[start:end]`` begin and end, looking at most
    ``_BROKEN_REACH`` characters either side: the word a line break or a ligature is in."""
    first = start
    while first > 0 and start - first < _BROKEN_REACH and text[first - 1].isalpha():
        first -= 1
    stop = end
    while stop < len(text) and stop - end < _BROKEN_REACH and text[stop].isalpha():
        stop += 1
    return first, stop


def broken_triggers(text: str, stems: Sequence[str]) -> Iterator[int]:
    """Offsets of the words of ``text`` broken by a hyphen at a line's end that hold one of
    ``stems`` only when read whole ("ver-" / "ified"), in order: what a scan for the stems
    in the text as written misses. Each break costs a bounded look either side of it."""
    for match in _line_breaks(text):
        first, stop = _word_around(text, match.start(), match.end())
        if first == match.start() or stop == match.end():
            continue
        whole = (text[first : match.start()] + text[match.end() : stop]).casefold()
        if any(stem in whole for stem in stems):
            yield first


#: A typographic ligature ("ﬁ", "ﬂ", "ﬀ", "ﬃ", "ﬄ", "ﬅ", "ﬆ"), as a PDF's text keeps it.
_LIGATURE_CHARACTERS = tuple(map(chr, range(0xFB00, 0xFB07)))
_LIGATURE = lazy_compile("[" + "".join(_LIGATURE_CHARACTERS) + "]")


def ligature_triggers(text: str, stems: Sequence[str]) -> Iterator[int]:
    """Offsets of the words of ``text`` written with a typographic ligature ("veriﬁed",
    "conﬁrm") that hold one of ``stems`` once spelt out (``str.casefold`` spells a ligature
    out, as ``words_in`` reads it), in order: what a scan for the stems in the text as written
    misses. Each ligature costs a bounded look either side of it."""
    if not any(ligature in text for ligature in _LIGATURE_CHARACTERS):
        # Most texts hold none; ``in`` answers at once for a text whose characters are all
        # below them (a Latin-1 text), where the class scan read every character.
        return
    last = -1
    for match in _LIGATURE.finditer(text):
        first, stop = _word_around(text, match.start(), match.end())
        if first == last:
            continue  # a second ligature of the word just read
        whole = text[first:stop].casefold()
        if any(stem in whole for stem in stems):
            last = first
            yield first


__all__ = [
    "AGENTLESS",
    "Lexicon",
    "Statement",
    "broken_triggers",
    "in_holes",
    "iter_triggers",
    "lexicon",
    "ligature_triggers",
    "read_at",
    "word_class",
    "words_in",
]
