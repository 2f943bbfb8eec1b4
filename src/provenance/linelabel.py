"""A trained line labeller: each non-blank line of a report as running text, a reference entry
(its first line or a continuation) or a note body (first line or continuation).

Segmentation (``segment.py``, ``layout.py``) decides by hand-set rules; this module gives a
second opinion learnt from the annotated train split, with a linear-chain CRF (CRFsuite, through
python-crfsuite), as GROBID and AnyStyle label lines and tokens. Each line is described by what
it shows (indentation and hanging indent, a leading note number and whether it follows the
number above, years, quotes, web addresses, access notes, capitals, length, punctuation,
position, repetition across pages, the heading above it, the reference grammar's reading of it)
and by what its neighbours show; the CRF labels the whole sequence at once and gives each label
of each line its marginal probability.

The features reuse the scans the rules already make (``heading_key``, ``find_furniture``,
``note_start``, ``reference_entry``): syntax stays the grammars' business, and a feature is only
what a scan or a grammar found, never a re-reading of it.

The model (``data/linelabel.crfsuite``, built by ``benchmarks/train_linelabel.py``) is loaded
once per process, lazily, the first time a document is labelled; importing this module loads
neither the model nor CRFsuite.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from provenance.records import shared_methods
from provenance.regex_store import lazy_compile

if TYPE_CHECKING:
    import pycrfsuite

#: What a line is, as the train split's truth marks it. The truth annotates reference entries
#: and note bodies only (FORMAT.md), so headings, page furniture, contents and tables are not
#: told apart from running text: they are all ``other``, and the labeller never guesses them.
REFERENCE = "ref"
REFERENCE_CONTINUED = "ref-cont"
NOTE = "note"
NOTE_CONTINUED = "note-cont"
OTHER = "other"
LABELS = (REFERENCE, REFERENCE_CONTINUED, NOTE, NOTE_CONTINUED, OTHER)

MODEL_RESOURCE = "linelabel.crfsuite"

# Cheap scans: each only says that a construct may be on the line, never what it is.
_YEAR = lazy_compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
_ADDRESS = lazy_compile(r"https?://|www\.", re.IGNORECASE)
_ACCESS_NOTE = lazy_compile(
    r"\b(?:accessed|retrieved|consulted|viewed|visited|last visited|consult[ée]|downloaded)\b",
    re.IGNORECASE,
)
_QUOTE = lazy_compile(r"[\"“”«»„]")
_PUNCTUATION = lazy_compile(r"[.,;:()\[\]\"“”'’/]")
_BULLET = lazy_compile(r"\s*(?:[-*•·–]|\(?[a-z]\)|\d{1,3}[.)])\s")
_IBID = lazy_compile(r"\s*(?:ibid|id\.|op\.? cit|see\b|cf\.)", re.IGNORECASE)
_ENDINGS = frozenset('.,;:)]"”')
_SENTENCE_END = lazy_compile(r"[a-z0-9)][.!?](?:\s+[A-Z]|\s*$)")
#: Words of running text in the languages of the corpus: their share tells prose from a list.
_FUNCTION_WORDS_TEXT = (
    "the and of to in that was were is are for on with by as at from which has have had be been "
    "this it its their they not but or also who would could said de la le les des et en du el "
    "los las que y"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
_WORD = lazy_compile(r"[^\W\d_]+")
#: Longest line read by the reference grammar for a feature: longer is prose.
_GRAMMAR_LENGTH = 400
#: Words of a line's first field (up to its first full stop) for the grammar to be asked, unless
#: few of its words are the function words of running text (an entry written with commas).
_GRAMMAR_FIRST_FIELD = 12


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class LabelledLine:
    """One non-blank line, the label the model gives it and the marginal of each label."""

    start: int
    end: int
    #: 1-based line number in the document.
    line: int
    label: str
    marginals: dict[str, float] = attrs.field(eq=False)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Line:
    start: int
    end: int
    number: int  # 1-based line number
    blank_before: bool
    blank_after: bool


def content_lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text`` (split on ``\\n``), with whether a blank line (or the
    document's edge) stands before and after each."""
    spans: list[tuple[int, int, int]] = []
    position = 0
    number = 0
    while position <= len(text):
        number += 1
        newline = text.find("\n", position)
        end = len(text) if newline == -1 else newline
        spans.append((position, end, number))
        if newline == -1:
            break
        position = newline + 1
    blank = [not text[s:e].strip() for s, e, _ in spans]
    lines: list[_Line] = []
    for index, (start, end, line) in enumerate(spans):
        if blank[index]:
            continue
        before = index == 0 or blank[index - 1]
        after = index + 1 == len(spans) or blank[index + 1]
        lines.append(_Line(start, end, line, before, after))
    return lines


def _bucket(value: float, bounds: Sequence[float]) -> int:
    for index, bound in enumerate(bounds):
        if value <= bound:
            return index
    return len(bounds)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\f"))


def _first_char(stripped: str) -> str:
    char = stripped[0]
    if char.isupper():
        return "upper"
    if char.islower():
        return "lower"
    if char.isdigit():
        return "digit"
    if char in "\"“«„'‘":
        return "quote"
    if char in "([":
        return "bracket"
    return "punct"


def _grammar_kind(stripped: str) -> str | None:
    """The reference grammar's reading of a line that could be an entry (a year, a short first
    field); None for a line not worth reading (prose, no year)."""
    if len(stripped) > _GRAMMAR_LENGTH or not _YEAR.search(stripped):
        return None
    words = stripped.split()
    function = sum(word.casefold() in _FUNCTION_WORDS for word in words)
    if len(stripped.partition(". ")[0].split()) > _GRAMMAR_FIRST_FIELD and function * 5 > len(
        words
    ):
        return None  # a sentence of running text, not the first field of an entry
    from provenance.parsers.references import reference_entry

    # Spaces as the list reader sees them: a no-break space before an address is a space.
    return reference_entry(" ".join(words)).kind


def _own_features(
    text: str,
    line: _Line,
    furniture: bool,
    note_number: int | None,
    note_alone: bool,
    follows_number: bool,
    grammar: bool,
) -> list[str]:
    from provenance.segment import SECTION_HEADINGS, _introduces_attachments, heading_key

    raw = text[line.start : line.end]
    stripped = raw.strip()
    words = stripped.split()
    letters = _WORD.findall(stripped)
    features = [
        f"len={_bucket(len(stripped), (3, 12, 30, 60, 90, 130, 250))}",
        f"words={_bucket(len(words), (1, 3, 6, 12, 20))}",
        f"indent={_bucket(_indent(raw), (0, 2, 5, 10))}",
        f"first={_first_char(stripped)}",
        f"last={stripped[-1] if stripped[-1] in _ENDINGS else 'x'}",
        f"punct={_bucket(len(_PUNCTUATION.findall(stripped)) / len(stripped), (0.02, 0.05, 0.1))}",
    ]
    if words:
        lower = sum(word[:1].islower() for word in words) / len(words)
        function = sum(word.casefold() in _FUNCTION_WORDS for word in words) / len(words)
        features.append(f"lower={_bucket(lower, (0.1, 0.3, 0.5, 0.7))}")
        features.append(f"function={_bucket(function, (0.0, 0.1, 0.2, 0.3))}")
    features.append(f"sentences={min(len(_SENTENCE_END.findall(stripped)), 2)}")
    if line.blank_before:
        features.append("blank_before")
    if line.blank_after:
        features.append("blank_after")
    if letters and all(word.isupper() for word in letters):
        features.append("all_caps")
    if letters:
        capitalised = sum(1 for word in letters if word[0].isupper()) / len(letters)
        features.append(f"caps={_bucket(capitalised, (0.2, 0.5, 0.8))}")
    years = len(_YEAR.findall(stripped))
    if years:
        features.append(f"years={min(years, 3)}")
    if _ADDRESS.search(stripped):
        features.append("address")
    if _ACCESS_NOTE.search(stripped):
        features.append("access_note")
    if _QUOTE.search(stripped):
        features.append("quote")
    if _BULLET.match(raw):
        features.append("bullet")
    if _IBID.match(stripped):
        features.append("ibid")
    if _introduces_attachments(stripped):
        features.append("introduces_list")
    if furniture:
        features.append("furniture")
    if note_number is not None:
        features.append("note_alone" if note_alone else "note_number")
        if follows_number:
            features.append("note_in_sequence")
    key = heading_key(stripped) if len(stripped) <= 80 else ""
    kind = SECTION_HEADINGS.get(key)
    if kind is not None:
        features.append(f"heads={kind}")
    if grammar:
        reading = _grammar_kind(stripped)
        if reading is not None:
            features.append(f"reads={reading}")
    first_word = stripped.split(None, 1)[0].strip(".,:;()[]\"'“”").casefold()
    if first_word.isalpha():
        features.append(f"w0={first_word}")
    return features


#: Features of the neighbours copied onto a line (with their offset as prefix).
_NEIGHBOUR_PREFIXES = (
    "len=",
    "indent=",
    "first=",
    "last=",
    "blank_",
    "years",
    "address",
    "note_",
    "heads=",
    "reads=",
    "furniture",
    "all_caps",
    "lower=",
    "block_place=",
    "introduces_list",
)


def line_features(text: str, grammar: bool = True) -> tuple[list[_Line], list[list[str]]]:
    """The non-blank lines of ``text`` and, for each, its features as CRFsuite attributes.

    ``grammar``: also read each line that could be an entry with the reference grammar (the
    strongest feature of an entry, and the costliest).
    """
    from provenance.layout import note_start
    from provenance.segment import find_furniture, split_blocks, split_lines
    from provenance.span import Intervals

    lines = content_lines(text)
    furniture = Intervals(find_furniture(text, split_blocks(split_lines(text))))
    own: list[list[str]] = []
    last_number: int | None = None
    section = "none"
    from provenance.segment import SECTION_HEADINGS, heading_key

    total = max(len(lines), 1)
    block_of = _blocks(text, lines)
    for index, line in enumerate(lines):
        start = note_start(text, line.start, line.end)
        number = start.number if start is not None else None
        follows = number is not None and last_number is not None and number == last_number + 1
        features = _own_features(
            text,
            line,
            furniture.covers(line.start, line.end),
            number,
            start is not None and start.text_start is None,
            follows,
            grammar,
        )
        if number is not None:
            last_number = number
        stripped = text[line.start : line.end].strip()
        if len(stripped) <= 80:
            kind = SECTION_HEADINGS.get(heading_key(stripped))
            if kind is not None:
                section = kind
        features.append(f"under={section}")
        features.extend(block_of[index])
        features.append(f"position={_bucket((index + 1) / total, (0.25, 0.5, 0.75, 0.9))}")
        own.append(features)
    sequence: list[list[str]] = []
    for index, features in enumerate(own):
        attributes = ["bias", *features]
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < len(own):
                attributes.extend(
                    f"{offset:+d}:{feature}"
                    for feature in own[other]
                    if feature.startswith(_NEIGHBOUR_PREFIXES)
                )
            else:
                attributes.append(f"{offset:+d}:edge")
        if index:
            previous = text[lines[index - 1].start : lines[index - 1].end]
            current = text[lines[index].start : lines[index].end]
            shift = _indent(current) - _indent(previous)
            attributes.append(f"indent_shift={'<' if shift < 0 else '>' if shift > 0 else '='}")
        if index + 1 < len(lines) and not lines[index].blank_after:
            following = text[lines[index + 1].start : lines[index + 1].end]
            current = text[lines[index].start : lines[index].end]
            if _indent(following) > _indent(current):
                attributes.append("hanging")
        sequence.append(attributes)
    return lines, sequence


def _blocks(text: str, lines: Sequence[_Line]) -> list[tuple[str, ...]]:
    """Features of the block (lines between blank lines) each line stands in: its size, the
    line's place in it, and how much of it is lower-case running text."""
    features: list[tuple[str, ...]] = []
    first = 0
    for index, line in enumerate(lines):
        if not line.blank_after and index + 1 < len(lines):
            continue
        block = lines[first : index + 1]
        words = " ".join(text[b.start : b.end] for b in block).split()
        lower = sum(word[:1].islower() for word in words) / max(len(words), 1)
        shared = (
            f"block_lines={_bucket(len(block), (1, 2, 4, 8))}",
            f"block_lower={_bucket(lower, (0.2, 0.4, 0.6, 0.75))}",
        )
        for offset in range(len(block)):
            place = "only" if len(block) == 1 else "first" if offset == 0 else "inner"
            if offset == len(block) - 1 and len(block) > 1:
                place = "last"
            features.append((*shared, f"block_place={place}"))
        first = index + 1
    return features


# --------------------------------------------------------------------------- the model

_lock = threading.Lock()
_tagger: pycrfsuite.Tagger | None = None
#: How many times the model was read from disk in this process (a test reads it).
loads = 0


def _model_tagger() -> pycrfsuite.Tagger:
    """The packaged model, read once per process on first use."""
    global _tagger, loads
    with _lock:
        if _tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            model = resources.files("provenance") / "data" / MODEL_RESOURCE
            with resources.as_file(model) as path:
                tagger.open(str(path))
            _tagger = tagger
            loads += 1
        return _tagger


def model_loaded() -> bool:
    return _tagger is not None


def tag(
    sequence: Sequence[Sequence[str]], tagger: pycrfsuite.Tagger | None = None
) -> tuple[list[str], list[dict[str, float]]]:
    """Labels and per-label marginals of a feature sequence (``line_features``)."""
    if not sequence:
        return [], []
    tagger = tagger or _model_tagger()
    tagger.set([list(features) for features in sequence])
    labels = list(tagger.tag())
    known = tagger.labels()
    marginals = [
        {label: tagger.marginal(label, index) for label in known} for index in range(len(labels))
    ]
    return labels, marginals


def label_lines(text: str) -> list[LabelledLine]:
    """Each non-blank line of ``text`` with its label and the marginal of every label.

    >>> [line.label for line in label_lines("References\\n\\nSmith, J. 2001. A Title. Oxford.\\n")]
    ['other', 'ref']
    """
    lines, sequence = line_features(text)
    labels, marginals = tag(sequence)
    return [
        LabelledLine(line.start, line.end, line.number, label, marginal)
        for line, label, marginal in zip(lines, labels, marginals, strict=True)
    ]


# --------------------------------------------------------------------------- training labels


def truth_labels(
    lines: Sequence[_Line], entry_lines: Iterable[int], note_lines: Iterable[int]
) -> list[str]:
    """Labels of ``lines`` from annotated first lines (1-based) of reference entries and note
    bodies. A continuation is every line after a first line up to the next first line, the next
    blank line or the end (the rule that reads hard-wrapped entries and notes); the rest is
    ``other``. A line that is both (a numbered list of sources) is an entry."""
    entries = set(entry_lines)
    notes = set(note_lines) - entries
    labels: list[str] = []
    current: str | None = None
    for line in lines:
        if line.number in entries:
            current = REFERENCE_CONTINUED
            labels.append(REFERENCE)
        elif line.number in notes:
            current = NOTE_CONTINUED
            labels.append(NOTE)
        elif current is not None and not line.blank_before:
            labels.append(current)
        else:
            current = None
            labels.append(OTHER)
        if line.blank_after:
            current = None
    return labels


#: Training parameters, fixed so that a model is rebuilt byte for byte (chosen by
#: leave-one-document-out on the train split; ``benchmarks/README.md``).
TRAINING = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}


def train(
    sequences: Iterable[tuple[Sequence[Sequence[str]], Sequence[str]]],
    model_path: str,
    parameters: dict[str, Any] | None = None,
) -> None:
    """Train a model on (features, labels) sequences and write it to ``model_path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for features, labels in sequences:
        trainer.append([list(f) for f in features], list(labels))
    trainer.set_params(dict(TRAINING if parameters is None else parameters))
    trainer.train(model_path)


def rule_labels(lines: Sequence[_Line], spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """Labels of ``lines`` from the spans the rules found, each ``(kind, start, end)`` with kind
    ``ref`` or ``note``: the line a span starts on is its first line, the others continue it."""
    starts = [line.start for line in lines]
    labels = [OTHER] * len(lines)
    for kind, start, end in spans:
        first = max(bisect_right(starts, start) - 1, 0)
        index = first
        while index < len(lines) and lines[index].start < end:
            if labels[index] == OTHER and lines[index].end > start:
                labels[index] = kind if index == first else f"{kind}-cont"
            index += 1
    return labels
