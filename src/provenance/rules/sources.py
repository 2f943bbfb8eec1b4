"""Source rules: citations, notes and list entries that do not lead a reader to a source.

Errors are things a reader cannot follow (a citation with no entry, a note with no text, a
pointer to a section that does not exist); warnings are things that are probably wrong (an
entry nothing cites, a duplicate, a web source without its access date).

Source names are compared the way the assembler links citations: without case, punctuation,
bracketed additions such as ``[Seoul]`` or a leading "The".
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence, Set
from itertools import pairwise

import attrs

from provenance.findings import Related, Severity
from provenance.memo import per_document
from provenance.model import (
    Citation,
    Citations,
    CrossReference,
    DateRange,
    Document,
    Footnote,
    FootnoteBody,
    FootnoteMarker,
    Reference,
    Section,
    Url,
    first_marker,
    marker_starts,
    marker_styles,
)
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.rules.registry import Emit, rule
from provenance.sourcenames import (
    CONNECTORS,
    NamedReferences,
    iter_key_words,
    key_words,
    reference_keys,
    source_key,
)
from provenance.span import Span

_CATEGORY = "sources"

#: Sections an in-text citation may resolve to.
LISTED_SECTIONS: frozenset[Section] = frozenset(
    {"references", "attachment", "additional-sources", "bibliography", "source-list"}
)
#: Sections whose entries count as the sources a citation is supposed to point at.
CITED_SECTIONS: frozenset[Section] = frozenset(
    {"references", "attachment", "bibliography", "source-list"}
)

_SECTION_NAMES: dict[Section, str] = {
    "references": "References",
    "attachment": "Attachment",
    "additional-sources": "Additional Sources Consulted",
    "bibliography": "Bibliography",
    "source-list": "the list of sources",
    "footnote": "the notes",
}


# --------------------------------------------------------------------------- helpers

_NON_WORD = lazy_compile(r"[^\w\s]")


#: Characters of prose made into a key at a time by ``_stretch_key``.
_KEY_PIECE = 1 << 14
_SPACE = lazy_compile(r"\s")


def _stretch_key(text: str, start: int, end: int) -> str:
    """``source_key(text[start:end])``, made a piece at a time: a whole paragraph made into one
    key at once holds a string for each of its words, many times the paragraph's size.

    Pieces end at whitespace (no word is cut) outside square brackets (no bracketed stretch,
    which the key leaves out, is cut)."""
    keys: list[str] = []
    position = start
    while position < end:
        cut = end
        search_from = position + _KEY_PIECE
        while search_from < end:
            space = _SPACE.search(text, search_from, end)
            if space is None:
                break
            candidate = space.start()
            if text.rfind("[", position, candidate) <= text.rfind("]", position, candidate):
                cut = candidate
                break
            closing = text.find("]", candidate, end)
            if closing == -1:
                cut = candidate  # a "[" never closed encloses nothing
                break
            search_from = closing + 1
        words = key_words(text[position:cut])
        if not keys and words and words[0] == "the":
            words = words[1:]
        if words:
            keys.append(" ".join(words))
        position = cut
    return " ".join(keys)


def _quote(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


def _citation_label(citation: Citation) -> str:
    """A citation as a reader sees it: ``"(The Korea Post Feb. 1999)"``.

    A citation's text is what stands inside its parentheses (one member of a group such as
    ``(AI 2003; HRW 2004)`` on its own), so the parentheses are put back.
    """
    text = " ".join(citation.text.split())
    return _quote(text if text.startswith("(") else f"({text})")


def _cited_author(doc: Document, citation: Citation) -> str | None:
    return citation.value.author or citation.resolved_author


def _prose_spans(doc: Document) -> list[Span]:
    return [region.span for region in doc.regions if region.kind == "paragraph"]


def _consulted_only(doc: Document, citation: Citation) -> Reference | None:
    """The Additional Sources entry a citation names, when no cited-section entry names it.

    A citation the assembler resolved to such an entry counts, and so does an unresolved one
    whose source is listed there by name only (a name-only entry has no date to match).
    """
    if citation.kind == "ibid":
        return None
    if citation.reference is not None:
        target = doc.references[citation.reference]
        return target if target.section == "additional-sources" else None
    author = _cited_author(doc, citation)
    if author is None:
        return None
    cited = source_key(author)
    if not cited:
        return None
    consulted: Reference | None = None
    for index in NamedReferences.of(doc).matching(cited):
        reference = doc.references[index]
        if reference.section in CITED_SECTIONS:
            # Listed where it belongs: a wrong date is another rule's business.
            return None
        if reference.section == "additional-sources" and consulted is None:
            consulted = reference
    return consulted


# --------------------------------------------------------------------------- citations


@rule(
    "citation-without-reference",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="An in-text citation that matches no entry in the reference list.",
    doc=(
        "An author-date citation such as `(The Korea Post Feb. 1999)`, or a date-only one such "
        "as `(27 July 1999)` after a sentence naming its source, that resolves to no entry of "
        "the References, Attachment or Bibliography lists: the reader cannot find the source it "
        "stands for. The name or the date of the citation or of the entry is wrong, or the "
        "entry is missing. It is reported only where a source list was read: a document "
        "whose list could not be read gets one `unreadable-source-list` finding instead, and "
        "one where most citations match no entry one `citations-not-linked` warning, except "
        "for the citations naming a source of which the list writes not one word "
        "(`(Shekar, 2021)` where no entry says Shekar): however the list was read, their "
        "entries are not in it, so each is this error. Where most citations match, the "
        "citations of a source the list names under another date are this error too (the "
        "report and its list disagree); one whose source has no dated entry read but whose "
        "name the list writes (an entry cut to its name, run into another, or read under "
        "another form of the name, co-authors in another order) is a `citations-not-linked` "
        "warning instead, however many others matched: the reading may have missed its entry. "
        "A date in brackets that no source named before it ties to anything (`The clashes "
        "resumed (Aug. 2009).`) is not taken for a citation, so it is never reported: nothing "
        "in the text says which source it would stand for. In a report that cites by name "
        "and year in its sentences (`Tate (2015) examines`), a year right after an author's "
        "name that no entry has (`Barbosa and Ciro (2020)`) is a citation, and reported. "
        "Citations of a source listed only as consulted are `cited-only-as-consulted`; "
        "`ibid.` is `ibid-without-antecedent`'s business; when the list has the source under "
        "another date, `citation-date-mismatch` adds the entry it probably means."
    ),
    bad=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists covering the elections were detained for several days "
        "(The Korea Post Feb. 1999). Two of them were charged with defamation "
        "(Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n'
    ),
    good=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists covering the elections were detained for several days "
        "(The Korea Post Feb. 1999). Two of them were charged with defamation "
        "(Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Two Reporters Charged."\n'
    ),
)
def citation_without_reference(doc: Document) -> Iterator[Emit]:
    if not any(reference.section in LISTED_SECTIONS for reference in doc.references):
        return  # nothing to match against: unreadable-source-list says so, once
    reading, unmatched = _citations_read(doc)
    if not reading.confident:
        # citations-not-linked warns of the citations whose source the list may hold unread;
        # one whose source it never names is missing from it.
        errors = [c for c in unmatched if c in reading.unlisted]
    else:
        # Sources the list writes without an entry of theirs read: citations-not-linked.
        errors = [c for c in unmatched if c not in reading.unread]
    for citation in errors:
        named = (
            f" (a date of {citation.resolved_author}, as its sentence says)"
            if citation.kind == "date-only" and citation.resolved_author
            else ""
        )
        yield Emit(
            citation.span,
            f"citation {_citation_label(citation)}{named} matches no entry in the reference list",
        )


def _unmatched_citations(doc: Document) -> Iterator[Citation]:
    """Author-date and date-only citations that resolve to no entry (nor to a source listed
    only as consulted, which has a rule of its own)."""
    for citation in doc.citations:
        if citation.reference is not None or citation.kind not in ("author-date", "date-only"):
            continue
        if _consulted_only(doc, citation) is None:
            yield citation


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _CitationReading:
    """How many of a document's author-date and date-only citations its source list answered;
    where too few did, the unmatched author-date citations naming a source no word of which the
    list has (``unlisted``); where most did, the unmatched citations whose source's name the
    list writes, none of its entries read under another date (``unread``)."""

    citations: int
    unmatched: int
    unlisted: frozenset[Citation] = frozenset()
    unread: frozenset[Citation] = frozenset()

    @property
    def confident(self) -> bool:
        # As for notes: where most citations found their entry, one that did not is the
        # document's fault; where many did not, the reading of the list or of the citations
        # is what failed, and an error a citation would blame the report for it.
        return mostly_linked(
            self.citations, self.citations - self.unmatched, MAX_UNMATCHED_AS_FAULTS
        )


#: Unmatched citations that stay errors whatever the share: a short report citing three
#: sources, two of them missing from its list, is the report's fault.
MAX_UNMATCHED_AS_FAULTS = 2


# Both citation rules ask for it: the unmatched citations are found once per document.
@per_document
def _citations_read(doc: Document) -> tuple[_CitationReading, tuple[Citation, ...]]:
    """How the citations were answered, and the ones that matched nothing."""
    counted = sum(1 for c in doc.citations if c.kind in ("author-date", "date-only"))
    unmatched = tuple(_unmatched_citations(doc))
    reading = _CitationReading(counted, len(unmatched))
    if not unmatched:
        return reading, unmatched
    if reading.confident:
        # However many citations matched, the reading of a name the list writes may be what
        # failed; only an entry of that name read under another date blames the report more.
        unread = frozenset(
            c
            for c in unmatched
            if not _name_unwritten(doc, c) and not _listed_under_other_date(doc, c)
        )
        return attrs.evolve(reading, unread=unread), unmatched
    listed = _listed_words(doc)
    unlisted = frozenset(c for c in unmatched if _names_unlisted_source(c, listed))
    return attrs.evolve(reading, unlisted=unlisted), unmatched


#: Words of a source's name that tell nothing about which source it is.
_NAME_FILLER = CONNECTORS | {"et", "al", "y"}


def _listed_words(doc: Document) -> Set[str]:
    """Every word the source lists may hold: the text from the first entry read to the end of
    the document (entries the reading missed are there, and so is any other list of the back
    matter), the notes, and the keys the entries may be cited by (an acronym an entry never
    writes, such as the initials of its name)."""
    listed = [r for r in doc.references if r.section in LISTED_SECTIONS]
    first = min(reference.span.start for reference in listed)
    words = set(iter_key_words(doc.text, first))
    for note in doc.footnotes:
        if note.body is not None:
            words.update(key_words(note.body.text))
    for reference in listed:
        words.update(key_words(reference.text))
        for key in reference_keys(reference):
            words.update(key.split(" "))
    # Not copied into a frozenset: the two were held at once, as big as the text's words.
    return words


def _listed_under_other_date(doc: Document, citation: Citation) -> bool:
    """Whether dated entries named for a citation's source were read and no entry writes its
    name with its year: the citation matched none of them, so the report and its list disagree
    on the date, which is the report's fault. A source whose name the list writes without such
    an entry (an entry read without its date, run into another or read under another form of
    the name, co-authors in another order), or another work of that name whose entry was read
    without its author or date but writes the name and the year ("İlkkaracan I., Kim K. ...,
    2015." beside a dated "Ilkkaracan, I. (2018)"), may be there unread: the reading, not the
    report, may be at fault."""
    author = _cited_author(doc, citation)
    cited = source_key(author) if author else ""
    if not cited:
        return False
    named = NamedReferences.of(doc).matching(cited)
    if not any(doc.references[index].entry.date is not None for index in named):
        return False
    year = _year_of(citation)
    written = _names_with_years(doc)
    words = _name_words(author or "")
    return year is None or not any(f"{word} {year}" in written for word in words)


def _year_of(citation: Citation) -> int | None:
    date = citation.value.date
    if isinstance(date, DateRange):
        date = date.start
    return None if date is None else date.year


@per_document
def _names_with_years(doc: Document) -> frozenset[str]:
    """Each word of the text of a listed entry read without a date, with each year it writes
    (a four-digit number of the years sources are dated in), as "word year" in source keys'
    spelling: which names such entries write beside which years, whatever their reading made
    of them. Only an entry's
    first ``_YEARS_AN_ENTRY`` years count, so the set grows with the lists' length whatever
    an entry holds (one with more is entries run together, whose later works this misses)."""
    pairs: set[str] = set()
    for reference in doc.references:
        if reference.section not in LISTED_SECTIONS or reference.entry.date is not None:
            continue  # a date read is the entry's: another one is the report's disagreement
        words = _stretch_key(doc.text, reference.span.start, reference.span.end).split()
        years = [word for word in words if len(word) == 4 and word.isdigit() and word[0] in "12"]
        kept = list(dict.fromkeys(years))[:_YEARS_AN_ENTRY]
        pairs.update(f"{word} {year}" for word in words if not word.isdigit() for year in kept)
    return frozenset(pairs)


#: Years of one entry paired with its words: a work's date, an edition's, an access date's.
_YEARS_AN_ENTRY = 3


def _names_unlisted_source(citation: Citation, listed: Set[str]) -> bool:
    """Whether an author-date citation names a source of which the source lists write no word
    at all (``_listed_words``): however badly they were read, its entry is not in them
    ("(Shekar, 2021)" where nothing after the first entry says "Shekar"). A date-only citation
    takes its source from the sentence before it, which is not proof enough of a citation."""
    if citation.kind != "author-date" or citation.value.author is None:
        return False
    words = _name_words(citation.value.author)
    return bool(words) and not any(word in listed for word in words)


def _name_unwritten(doc: Document, citation: Citation) -> bool:
    """Whether the source lists (``_lists_words``: not the prose between lists) write no word
    of the name a citation gives its source (its own, or the one its
    sentence gives a date-only citation), or it names none: nothing says its entry is there
    unread. Where most citations matched, that is proof enough."""
    author = _cited_author(doc, citation)
    listed = _lists_words(doc)
    return not any(word in listed for word in _name_words(author or ""))


@per_document
def _lists_words(doc: Document) -> frozenset[str]:
    """Every word of the source lists (their regions and the entries read), the notes, and
    the keys the entries may be cited by (an acronym an entry never writes, such as the
    initials of its name), as source keys write them; made once per document checked."""
    listed = [r for r in doc.references if r.section in LISTED_SECTIONS]
    spans = [r.span for r in doc.regions if r.kind in LISTED_SECTIONS]
    spans += [r.span for r in listed]
    spans += [note.body.span for note in doc.footnotes if note.body is not None]
    words: set[str] = set()
    for span in spans:
        words.update(_stretch_key(doc.text, span.start, span.end).split())
    for reference in listed:
        for key in reference_keys(reference):
            words.update(key.split(" "))
    return frozenset(words)


def _name_words(name: str) -> list[str]:
    """The words of a source's name that tell which source it is, as keys write them."""
    return [word for word in key_words(name) if word not in _NAME_FILLER and not word.isdigit()]


@rule(
    "citations-not-linked",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="Citations matching no entry where the reading, not the report, may be at fault.",
    doc=(
        "A source list was read, but fewer than four in five of the author-date citations "
        "found their entry in it (and more than two did not): the list or the citations are "
        "laid out in a way not fully read, or the list is a different one from the one the "
        "citations use. `citation-without-reference` would then blame the report for what may "
        "be a reading failure, so each source left without an entry is this warning instead, "
        "once a source and date (at its first citation, the others beside it), with the share "
        "of citations matched: the reader learns which citations to check by hand, and the "
        "reading's doubt lowers only how firmly it is said. Where most citations match, one "
        "that does not is a `citation-without-reference` error when the list has entries of "
        "its source under other dates; when no dated entry of its source was read though the "
        "list writes its name (an entry cut to its name, run into another, or read under "
        "another form of the name), it is this warning, once a source, since the entry may be "
        "there unread: how many other citations matched says nothing of that one. Whatever "
        "the share, a citation naming a source of which the list writes not one word is an "
        "error."
    ),
    bad=(
        "Detentions [ABC12345.E]\n\n"
        "Reporters were held (Yonhap 3 March 1999). Others were charged (KCNA 4 March 1999). "
        "Two fled (Reuters 5 March 1999). The courts were silent (AFP 6 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held." Yonhap [Seoul]. 3 March 1999. '
        '"Reporters Held." KCNA [Pyongyang]. 4 March 1999. "Charges." Reuters. 5 March 1999. '
        '"Two Flee." AFP. 6 March 1999. "Courts Silent."\n'
    ),
    good=(
        "Detentions [ABC12345.E]\n\n"
        "Reporters were held (Yonhap 3 March 1999). Others were charged (KCNA 4 March 1999).\n\n"
        "References\n\n"
        'KCNA [Pyongyang]. 4 March 1999. "Charges."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Reporters Held."\n'
    ),
)
def citations_not_linked(doc: Document) -> Iterator[Emit]:
    if not any(reference.section in LISTED_SECTIONS for reference in doc.references):
        return
    reading, unmatched = _citations_read(doc)
    if reading.confident:
        yield from _by_source(doc, [c for c in unmatched if c in reading.unread], _WRITTEN_UNREAD)
        return
    # Those naming a source the lists never write are citation-without-reference errors.
    doubtful = [c for c in unmatched if c not in reading.unlisted]
    if not doubtful:
        return
    # Each source in doubt is named, so a reader sees which citations to check, not only how
    # many: a list read with low confidence is no reason to keep silent about which source
    # lacks an entry, only to say so less firmly.
    matched = reading.citations - reading.unmatched
    share = (
        f" read, but only {matched} of {reading.citations} citations "
        f"({round(100 * matched / reading.citations)}%) match one: the reading of the list, "
        "not the report, may be at fault; check it by hand"
    )
    yield from _by_source(doc, doubtful, share)


_WRITTEN_UNREAD = (
    ", though the list writes the name of its source (an entry read without its date or under "
    "another form of the name, or laid out in a way not read?): check it by hand"
)


def _by_source(doc: Document, citations: Sequence[Citation], why: str) -> Iterator[Emit]:
    """Once a source (its name and date) among ``citations``: at its first citation, with the
    others of the same name and date beside it; ``why`` ends the message, saying why it is a
    warning and not an error."""
    by_source: dict[tuple[str, str], list[Citation]] = {}
    for citation in citations:
        key = (source_key(_cited_author(doc, citation) or ""), _date_key(citation))
        by_source.setdefault(key, []).append(citation)
    for first, *again in by_source.values():
        yield Emit(
            first.span,
            f"citation {_citation_label(first)} matches no entry in the reference list{why}",
            tuple(Related(c.span, "the same source is cited here") for c in again),
        )


def _date_key(citation: Citation) -> str:
    date = citation.value.date
    return "" if date is None else date.iso()


@rule(
    "unreadable-source-list",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="Citations that name sources, but no list of sources could be read.",
    doc=(
        "The text cites sources author-date style, `(The Korea Post Feb. 1999)`, but no "
        "References, Attachment or Bibliography list, headed or not, could be read: either "
        "the list is missing (lost in conversion, or never written) or it is laid out in a "
        "way `provenance` does not read. Either way nothing was checked against it, so the "
        "report must not pass as one whose sources are all there. One finding, at the first "
        "citation."
    ),
    bad=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists covering the elections were detained for several days "
        "(The Korea Post Feb. 1999).\n"
    ),
    good=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists covering the elections were detained for several days "
        "(The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n'
    ),
)
def unreadable_source_list(doc: Document) -> Iterator[Emit]:
    if any(reference.section in LISTED_SECTIONS for reference in doc.references):
        return
    cited = [c for c in doc.citations if c.kind == "author-date"]
    if not cited:
        return
    yield Emit(
        cited[0].span,
        f"{len(cited)} citation{'s' if len(cited) != 1 else ''} name sources, but no list of "
        "sources could be read: the list is missing or laid out in a way not read, and "
        "nothing was checked against it",
    )


@rule(
    "ibid-without-antecedent",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="An `ibid.` with no earlier citation to repeat.",
    doc=(
        '`ibid.` means "the source cited just before". When no citation comes before it (it '
        "is the first citation of the document, or an earlier citation was edited out), the "
        "reader cannot tell which source it stands for."
    ),
    bad=(
        "Treatment of ethnic Koreans [ABC12345.E]\n\n"
        "Over 4,000 Koreans took part in a gathering in 1997 (ibid.). The president called the "
        "community a bridge to Seoul (The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Closer Cooperation."\n'
    ),
    good=(
        "Treatment of ethnic Koreans [ABC12345.E]\n\n"
        "The president called the community a bridge to Seoul (The Korea Post Feb. 1999). Over "
        "4,000 Koreans took part in a gathering in 1997 (ibid.).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Closer Cooperation."\n'
    ),
)
def ibid_without_antecedent(doc: Document) -> Iterator[Emit]:
    # Only the ibids before the first other citation (by offset, then by order) lack an
    # antecedent: found in two passes, not by sorting every citation, which made each of a
    # document's citations (kept as arrays) an object at once.
    first_other = min(
        (
            (citation.span.start, number)
            for number, citation in enumerate(doc.citations)
            if citation.kind != "ibid"
        ),
        default=None,
    )
    leading = [
        (citation.span.start, number, citation)
        for number, citation in enumerate(doc.citations)
        if citation.kind == "ibid"
        and (first_other is None or (citation.span.start, number) < first_other)
    ]
    for _, _, citation in sorted(leading, key=lambda item: item[:2]):
        yield Emit(
            citation.span,
            f"{_citation_label(citation)} repeats the previous citation, but none comes before it",
        )


@rule(
    "cited-only-as-consulted",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A citation whose source is listed only among the sources consulted.",
    doc=(
        "IRB Responses separate the sources they cite (References) from those they searched "
        "without citing (Additional Sources Consulted). A citation whose source appears only in "
        "the second list either cites something the list says was not used, or lost its "
        "entry in References; either way the reader does not get the details (date, title, "
        "address) needed to find what was cited."
    ),
    bad=(
        "Situation of returnees [ABC12345.E]\n\n"
        "Returnees are routinely questioned at the airport (Amnesty International 1999).\n\n"
        "References\n\n"
        'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n\n'
        "Additional Sources Consulted\n\n"
        "Amnesty International\n\n"
        "Human Rights Watch\n"
    ),
    good=(
        "Situation of returnees [ABC12345.E]\n\n"
        "Returnees are routinely questioned at the airport (Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n\n'
        "Additional Sources Consulted\n\n"
        "Amnesty International\n\n"
        "Human Rights Watch\n"
    ),
)
def cited_only_as_consulted(doc: Document) -> Iterator[Emit]:
    for citation in doc.citations:
        consulted = _consulted_only(doc, citation)
        if consulted is None:
            continue
        yield Emit(
            citation.span,
            f"citation {_citation_label(citation)} names a source listed only under "
            "Additional Sources Consulted, not among the references",
            (Related(consulted.span, "the source is listed here as consulted only"),),
        )


@rule(
    "cited-only-as-attachment",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A citation whose source is listed among the Attachments but not the References.",
    doc=(
        "IRB Responses list every source they cite under References and, under Attachments, "
        "the ones sent with the Response. A citation that finds its source only among the "
        "Attachments, in a Response that has a References list, points at a source whose "
        "References entry is missing: the attachment names it, so the reader can still find "
        "it, but the list of sources relied on is incomplete. A Response with no References "
        "list, whose Attachments are its only list, is not reported."
    ),
    bad=(
        "Protection of police officers [DZA18834.E]\n\n"
        "A representative of IREMAM said the state cannot protect all civil servants "
        "(11 May 1994). An article published in The Herald states that employees were "
        "relocated to Algiers (The Herald 10 Jan. 1994).\n\n"
        "References\n\n"
        "Institut de recherche et d'étude sur le monde arabe et musulman (IREMAM). "
        "11 May 1994. Telephone interview with representative.\n\n"
        "Attachments\n\n"
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."\n'
    ),
    good=(
        "Protection of police officers [DZA18834.E]\n\n"
        "A representative of IREMAM said the state cannot protect all civil servants "
        "(11 May 1994). An article published in The Herald states that employees were "
        "relocated to Algiers (The Herald 10 Jan. 1994).\n\n"
        "References\n\n"
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."\n\n'
        "Institut de recherche et d'étude sur le monde arabe et musulman (IREMAM). "
        "11 May 1994. Telephone interview with representative.\n\n"
        "Attachments\n\n"
        'The Herald [Glasgow]. 10 January 1994. "Europe Is Accused of Inaction."\n'
    ),
)
def cited_only_as_attachment(doc: Document) -> Iterator[Emit]:
    if not any(reference.section == "references" for reference in doc.references):
        return  # the Attachments are the list the citations use
    for citation in doc.citations:
        # An ibid. repeats a citation already reported.
        if citation.kind == "ibid" or citation.reference is None:
            continue
        attached = doc.references[citation.reference]
        if attached.section != "attachment":
            continue
        yield Emit(
            citation.span,
            f"citation {_citation_label(citation)} names a source listed among the Attachments "
            "but not among the References",
            (Related(attached.span, "the source is listed here as attached"),),
        )


# --------------------------------------------------------------------------- footnotes


def _first_marker(note: Footnote) -> FootnoteMarker | None:
    return first_marker(note.markers)


def _number_range(numbers: Sequence[int]) -> str:
    """``1, 2, 3, 5`` -> ``1-3, 5``."""
    parts: list[str] = []
    ordered = sorted(set(numbers))
    start = previous = ordered[0] if ordered else 0
    for number in [*ordered[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def _duplicate_bodies(doc: Document) -> set[int]:
    """Indexes (into ``doc.footnotes``) of second and later bodies carrying one number.

    Numbering that restarts at 1 (notes per chapter) starts a new series, in which a number
    may appear again.
    """
    bodies = sorted(
        (note.body.span.start, index, note.number)
        for index, note in enumerate(doc.footnotes)
        if note.body is not None
    )
    duplicates: set[int] = set()
    seen: set[int] = set()
    previous = 0
    for _start, index, number in bodies:
        if number == 1 and previous > 1:
            seen = set()
        if number in seen:
            duplicates.add(index)
        seen.add(number)
        previous = number
    return duplicates


#: Share of a document's notes (the numbers it calls or writes) that must be linked, called and
#: written, before a note with only one of the two is taken as the document's fault when its
#: calls are plain digits (text that lost its superscripts): below it the reading is what
#: failed, and one warning gives the share linked instead of an error a note.
MIN_LINKED = 0.8


def mostly_linked(total: int, linked: int, tolerated: int) -> bool:
    """Whether a document's notes or citations were read well enough that one left unlinked is
    the document's fault: at least ``MIN_LINKED`` of them linked, or at most ``tolerated`` not."""
    share = linked / total if total else 1.0
    return share >= MIN_LINKED or total - linked <= tolerated


#: Unlinked notes this close in number, with plain-digit calls, are one stretch the reading
#: lost (a table whose calls it did not see, notes run together at a page foot): one warning.
NEAR = 2


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Reading:
    """How well a document's notes were read: numbers seen, numbers linked (called and
    written), and whether the calls are plain digits recovered from text, found partly by
    guess, rather than marked calls (``<sup>``, ``[n]``) read for what they are."""

    notes: int
    linked: int
    plain: bool

    @property
    def share(self) -> float:
        return self.linked / self.notes if self.notes else 1.0

    def percent(self) -> str:
        return f"{self.linked} of {self.notes} notes ({round(100 * self.share)}%)"


def _reading(doc: Document) -> _Reading:
    called = {note.number for note in doc.footnotes if note.markers}
    written = {note.number for note in doc.footnotes if note.body is not None}
    # Read from the calls' arrays, not a list of every call's style.
    styles = (style for note in doc.footnotes for style in marker_styles(note.markers))
    first = next(styles, None)
    plain = first is None or first == "glued" or any(style == "glued" for style in styles)
    return _Reading(len(called | written), len(called & written), plain)


def _confident(reading: _Reading) -> bool:
    """Whether a note found only called or only written is the document's fault, not the
    reading's: marked calls are read for what they are; plain-digit calls only count as read
    when most notes were linked (or a single note is not)."""
    if not reading.plain:
        return True
    return mostly_linked(reading.notes, reading.linked, 1)


def _alone(
    notes: Sequence[Footnote], reading: _Reading
) -> tuple[list[Footnote], list[list[Footnote]]]:
    """``notes`` (unlinked ones, of one kind) split into those reported one by one and the
    stretches of plain-digit notes close in number that the reading lost together."""
    if not reading.plain:
        return list(notes), []
    ordered = sorted(notes, key=lambda note: note.number)
    groups: list[list[Footnote]] = []
    for note in ordered:
        if groups and note.number - groups[-1][-1].number <= NEAR:
            groups[-1].append(note)
        else:
            groups.append([note])
    return [g[0] for g in groups if len(g) == 1], [g for g in groups if len(g) > 1]


def _in_doubt(notes: Sequence[Footnote], reading: _Reading) -> list[list[Footnote]]:
    """``notes`` (unlinked ones, of one kind) that the reading, not the report, may have lost:
    the stretches lost together, and where the notes were not read with confidence each
    note alone too. A reading in doubt lowers how firmly a note is reported, not whether it
    is named: one finding for all would say nothing of which note a reader should check."""
    alone, stretches = _alone(notes, reading)
    if _confident(reading):
        return stretches
    return sorted([[note] for note in alone] + stretches, key=lambda group: group[0].number)


def _notes_named(notes: Sequence[Footnote]) -> str:
    """``note 4`` or ``notes 1-3, 5``."""
    numbers = [note.number for note in notes]
    return f"note {numbers[0]}" if len(numbers) == 1 else f"notes {_number_range(numbers)}"


def _notes_are(notes: Sequence[Footnote]) -> str:
    return f"{_notes_named(notes)} {'is' if len(notes) == 1 else 'are'}"


def _their(notes: Sequence[Footnote]) -> str:
    return "its" if len(notes) == 1 else "their"


def _bodiless(doc: Document) -> list[Footnote]:
    return [note for note in doc.footnotes if note.markers and note.body is None]


def _uncalled(doc: Document) -> list[Footnote]:
    duplicates = _duplicate_bodies(doc)
    return [
        note
        for index, note in enumerate(doc.footnotes)
        if note.body is not None and not note.markers and index not in duplicates
    ]


#: A report whose two notes are each called and written: the good example of the note rules.
_CALLED_NOTES = (
    "Russian Federation: North Korean workers\n\n"
    "Some 2,500 workers are estimated to have remained in Russia.<sup>1</sup> Many left "
    "the logging sites for the cities.<sup>2</sup>\n\n"
    "<sup>1</sup> Interview with a former logger, Seoul, March 1996.\n\n"
    "<sup>2</sup> Interview with a refugee, Moscow, May 1996.\n"
)


@rule(
    "footnote-without-body",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A note number called in the text whose note is missing.",
    doc=(
        "The text calls a note (`<sup>19</sup>`, `[19]`) but the document has no note 19: the "
        "source or explanation the note should give is lost, often in conversion from PDF. "
        "When a document calls notes but no note text at all could be read, that is "
        "`notes-not-found`, once, instead of one finding per note. When the calls are plain "
        "digits (text that lost its superscripts) and the notes were not read with confidence "
        "(fewer than four in five linked to their text), each note whose text is missing is a "
        "`notes-not-found` warning instead of this error; notes close in number whose texts "
        "were lost together are one such warning."
    ),
    bad=(
        "Russian Federation: North Korean workers\n\n"
        "Some 2,500 workers are estimated to have remained in Russia.<sup>1</sup> Many left "
        "the logging sites for the cities.<sup>2</sup>\n\n"
        "<sup>1</sup> Interview with a former logger, Seoul, March 1996.\n"
    ),
    good=_CALLED_NOTES,
)
def footnote_without_body(doc: Document) -> Iterator[Emit]:
    missing = _bodiless(doc)
    if not missing or _no_note_text(doc):
        return
    reading = _reading(doc)
    if not _confident(reading):
        return  # notes-not-found says it once, with the share linked
    alone, _stretches = _alone(missing, reading)
    for note in alone:
        # The first call (``_first_marker``'s: the first of the earliest, as a stable sort
        # puts it) and the others; markers are made when read, so never the same object twice.
        marker, *later = sorted(note.markers, key=lambda m: m.span.start)
        others = tuple(Related(m.span, f"note {note.number} is also called here") for m in later)
        yield Emit(
            marker.span, f"note {note.number} is called here, but the note is missing", others
        )


#: Below this share of its notes read, a document's notes are taken as not read: one
#: notes-not-found finding instead of an error for each note whose text was not found.
MIN_NOTES_READ = 0.5


def _no_note_text(doc: Document) -> bool:
    """Notes are called but (almost) no note text was read: then one finding, not one a note,
    since the missing texts more likely went unread than are missing."""
    if not doc.footnotes:
        return False
    read = sum(1 for note in doc.footnotes if note.body is not None)
    # The notes' span of numbers, not the highest: an excerpt's or a chapter's notes start
    # anywhere ("4", "5"), and the notes before its first were never in the text.
    numbers = [note.number for note in doc.footnotes]
    spanned = max(numbers) - min(numbers) + 1
    return read == 0 or (spanned >= 4 and read < MIN_NOTES_READ * spanned)


@rule(
    "notes-not-found",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="Notes called in the text whose texts could not be read: all, most, or a stretch.",
    doc=(
        "The text calls notes (`<sup>1</sup>`, `[1]`, `[^1]`) but no note text, or the text "
        "of fewer than half of them, could be read: the notes were lost in conversion, were "
        "never written, or are laid out in a way `provenance` does not read. They were not "
        "checked, so the report must not pass as one whose notes are all there. One finding, "
        "at the first call, instead of one `footnote-without-body` error a note. When calls "
        "are plain digits and fewer than four notes in five were linked to their text, each "
        "note whose text was not found is this warning, with the share of notes linked, "
        "instead of that error: the reading, not the report, may be at fault, which lowers "
        "how firmly a note is reported, not whether it is named. A stretch of notes close in "
        "number whose texts were not found is one warning."
    ),
    bad=(
        "Russian Federation: North Korean workers\n\n"
        "Some 2,500 workers are estimated to have remained in Russia.<sup>1</sup> Many left "
        "the logging sites for the cities.<sup>2</sup>\n"
    ),
    good=_CALLED_NOTES,
)
def notes_not_found(doc: Document) -> Iterator[Emit]:
    if not _no_note_text(doc):
        yield from _note_texts_not_read(doc)
        return
    called = [note for note in doc.footnotes if note.markers]
    if not called:
        return
    first = min(called, key=lambda n: min(marker_starts(n.markers)))
    marker = _first_marker(first)
    assert marker is not None
    read = sum(1 for note in doc.footnotes if note.body is not None)
    what = "no note text" if not read else f"the text of only {read} of them"
    yield Emit(
        marker.span,
        f"notes {_number_range([n.number for n in called])} are called in the text, but "
        f"{what} could be read: the notes are missing or laid out in a way not read",
    )


def _note_texts_not_read(doc: Document) -> Iterator[Emit]:
    """Texts of called notes not found where the calls are plain digits and the notes were not
    read with confidence (once a note), or in a stretch of notes lost together (once a
    stretch)."""
    missing = _bodiless(doc)
    if not missing:
        return
    reading = _reading(doc)
    stretches = _in_doubt(missing, reading)
    for stretch in stretches:
        first = min(stretch, key=lambda n: min(marker_starts(n.markers)))
        marker = _first_marker(first)
        assert marker is not None
        yield Emit(
            marker.span,
            f"{_notes_are(stretch)} called in the text, but {_their(stretch)} text could not "
            f"be found; {reading.percent()} were read with both call and text: the notes are "
            "missing or laid out in a way not read",
        )


@rule(
    "footnote-without-marker",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A note whose number is never called in the text.",
    doc=(
        "The document has the text of note 12 but nothing in the report calls note 12, so the "
        "reader cannot tell which statement the note sources. OCR often drops superscript "
        "numbers; the marker has to be restored by hand. A second note text with a number "
        "already used is `footnote-numbering`'s business, and when a document calls none of "
        "its notes one finding says so instead of one per note (`note-calls-not-found`). When "
        "the calls are plain digits and the notes were not read with confidence, each note "
        "never called is a `note-calls-not-found` warning instead of this error, and notes "
        "close in number whose calls were lost together are one. A single note never called "
        "in a report whose other notes are linked is this error, unless a figure near the "
        "calls beside it may hold its call (`1898` for Convention 189 and note 8): then it "
        "is a `note-calls-not-found` warning pointing there."
    ),
    bad=(
        "Russian Federation: North Korean workers\n\n"
        "Some 2,500 workers are estimated to have remained in Russia.<sup>1</sup> Many left "
        "the logging sites for the cities.\n\n"
        "<sup>1</sup> Interview with a former logger, Seoul, March 1996.\n\n"
        "<sup>2</sup> Interview with a refugee, Moscow, May 1996.\n"
    ),
    good=_CALLED_NOTES,
)
def footnote_without_marker(doc: Document) -> Iterator[Emit]:
    unmarked = _uncalled(doc)
    if not unmarked or _calls_not_read(doc):
        return
    reading = _reading(doc)
    if not _confident(reading):
        return  # note-calls-not-found says it once, with the share linked
    alone, _stretches = _alone(unmarked, reading)
    for note in alone:
        assert note.body is not None
        if note.possible_call is not None:
            continue  # note-calls-not-found points to where its call may be
        yield Emit(
            note.body.span,
            f"note {note.number} is never called in the text",
            excerpt=note.body.text,
        )


def _calls_not_read(doc: Document) -> bool:
    """Notes have their texts but (almost) none of their calls were read: then one finding,
    since calls that lost their superscripts more likely went unread than are missing."""
    written = [note for note in doc.footnotes if note.body is not None]
    called = sum(1 for note in written if note.markers)
    if len(written) < 2:
        return False
    return called == 0 or (len(written) >= 4 and called < MIN_NOTES_READ * len(written))


@rule(
    "note-calls-not-found",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="Note texts whose calls could not be read in the text: all, most, or a stretch.",
    doc=(
        "The document has the text of its notes, but no call, or calls for fewer than half of "
        "them, could be read in its text: the calls lost their superscripts in conversion "
        "(a bare digit glued to a word or a figure), or were never there. Which statement "
        "each note sources could not be checked, so the report must not pass as one whose "
        "notes are all called. One finding, at the first note, instead of one "
        "`footnote-without-marker` error a note. When calls are plain digits and fewer than "
        "four notes in five were linked, each note whose call was not found is this warning, "
        "with the share of notes linked, instead of that error; a stretch of notes close in "
        "number whose calls were not found is one warning. So is a note alone whose call "
        "may stand glued to a figure, or set after one, where the calls beside it stand "
        "(`Nos. 169 and 1898`, `$2.35 2 billion`): the finding points to that figure."
    ),
    bad=(
        "Russian Federation: North Korean workers\n\n"
        "Some 2,500 workers are estimated to have remained in Russia. Many left the logging "
        "sites for the cities.\n\n"
        "<sup>1</sup> Interview with a former logger, Seoul, March 1996.\n\n"
        "<sup>2</sup> Interview with a refugee, Moscow, May 1996.\n"
    ),
    good=_CALLED_NOTES,
)
def note_calls_not_found(doc: Document) -> Iterator[Emit]:
    if not _calls_not_read(doc):
        yield from _note_calls_not_read(doc)
        return
    written = [note for note in doc.footnotes if note.body is not None]
    uncalled = [note for note in written if not note.markers]
    first = min(uncalled, key=lambda n: n.body.span.start if n.body else 0)
    assert first.body is not None
    what = (
        "none of them" if len(uncalled) == len(written) else f"only {len(written) - len(uncalled)}"
    )
    yield Emit(
        first.body.span,
        f"the document has the text of notes {_number_range([n.number for n in written])}, "
        f"but calls to {what} could be read in its text",
        excerpt=first.body.text,
    )


def _note_calls_not_read(doc: Document) -> Iterator[Emit]:
    """Calls not found for written notes where the calls are plain digits and the notes were
    not read with confidence (once a note), or for a stretch of notes lost together (once a
    stretch)."""
    uncalled = _uncalled(doc)
    if not uncalled:
        return
    reading = _reading(doc)
    stretches = _in_doubt(uncalled, reading)
    if _confident(reading):
        # A note alone whose call may be glued to a figure: the reading cannot tell, and an
        # error would blame the report for a superscript the conversion flattened.
        alone, _ = _alone(uncalled, reading)
        stretches = sorted(
            [*stretches, *([note] for note in alone if note.possible_call is not None)],
            key=lambda group: group[0].number,
        )
    for stretch in stretches:
        first = min(stretch, key=lambda n: n.body.span.start if n.body else 0)
        assert first.body is not None
        possible = first.possible_call if len(stretch) == 1 else None
        if possible is not None:
            figure = _figure_around(doc.text, possible)
            yield Emit(
                first.body.span,
                f"the document has the text of note {first.number}, but its call could not be "
                f"read in its text; `{figure}` at line {possible.line} may hold it, a "
                "superscript the conversion flattened beside a figure: check it by hand",
                (Related(possible, f"note {first.number}'s call may be here"),),
                excerpt=first.body.text,
            )
            continue
        yield Emit(
            first.body.span,
            f"the document has the text of {_notes_named(stretch)}, but {_their(stretch)} "
            f"{'call' if len(stretch) == 1 else 'calls'} could not be found in its text; "
            f"{reading.percent()} were read with both call and text: the calls are missing or "
            "written in a way not read",
            excerpt=first.body.text,
        )


def _figure_around(text: str, place: Span) -> str:
    """The words of the line around a possible call (``and 1898``, ``$2.35 2 billion``)."""
    start, end = max(0, place.start - 16), place.end + 10
    before = text[start : place.start].rsplit("\n", 1)[-1]
    after = text[place.end : end].split("\n", 1)[0]
    words = f"{before}{text[place.start : place.end]}{after}".split(" ")
    # Words the window cut through are left out.
    if start > 0 and before == text[start : place.start] and not text[start - 1].isspace():
        words = words[1:]
    if after == text[place.end : end] and end < len(text) and not text[end].isspace():
        words = words[:-1]
    return " ".join(word for word in words if word)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Place:
    """Where a note number first appears (a call or, failing that, its text)."""

    span: Span
    what: str


def _first_places(doc: Document) -> dict[int, _Place]:
    places: dict[int, _Place] = {}
    for note in doc.footnotes:
        # The note's first call alone: of its calls, the first that starts earliest would be
        # kept (only an earlier start replaces a place).
        marker = _first_marker(note)
        candidates = [] if marker is None else [_Place(marker.span, "called")]
        if note.body is not None:
            candidates.append(_Place(note.body.span, "written"))
        for place in candidates:
            known = places.get(note.number)
            if known is None or place.span.start < known.span.start:
                places[note.number] = place
    return places


def _longest_increasing(positions: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``positions``."""
    tails: list[int] = []  # position values
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(positions)
    for index, value in enumerate(positions):
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[at] = value
            tail_index[at] = index
        parent[index] = tail_index[at - 1] if at > 0 else -1
    keep: set[int] = set()
    current = tail_index[-1] if tail_index else -1
    while current != -1:
        keep.add(current)
        current = parent[current]
    return keep


@rule(
    "footnote-numbering",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="Note numbers that skip, repeat, or are first called out of order.",
    doc=(
        "Notes are numbered 1, 2, 3 ... in the order the text first calls them. A number that "
        "appears neither as a call nor as a note text between two that do (notes 1-5 and 7-9, "
        "no 6 anywhere) means a note was lost; two note texts with one number mean one of them "
        "is misnumbered and its calls go to the wrong source; a note first called before a "
        "lower-numbered one means calls were moved or mistyped. Calling a note again later is "
        "normal, and notes numbered again from 1 (per chapter) are not repeats. A number with "
        "only a call or only a text is reported by `footnote-without-body` or "
        "`footnote-without-marker` instead. Where calls are plain digits and fewer than four "
        "notes in five were linked, the numbers the reading missed are not numbers the report "
        "skips: `notes-not-found` or `note-calls-not-found` say so, and this rule is silent."
    ),
    bad=(
        "Russian Federation: North Korean workers\n\n"
        "Some 2,500 workers are estimated to have remained in Russia.<sup>1</sup> Many left "
        "the logging sites for the cities.<sup>3</sup>\n\n"
        "<sup>1</sup> Interview with a former logger, Seoul, March 1996.\n\n"
        "<sup>3</sup> Interview with a refugee, Moscow, May 1996.\n"
    ),
    good=_CALLED_NOTES,
)
def footnote_numbering(doc: Document) -> Iterator[Emit]:
    if not _confident(_reading(doc)):
        return  # numbers the reading missed are not numbers the document skips
    yield from _numbering_gaps(doc)
    yield from _repeated_bodies(doc)
    yield from _calls_out_of_order(doc)


def _numbering_gaps(doc: Document) -> Iterator[Emit]:
    places = _first_places(doc)
    numbers = sorted(places)
    for before, after in pairwise(numbers):
        if after == before + 1:
            continue
        lost = (
            f"note {before + 1} is"
            if after == before + 2
            else f"notes {before + 1}-{after - 1} are"
        )
        yield Emit(
            places[after].span,
            f"note numbering jumps from {before} to {after}: {lost} missing from the document",
            (Related(places[before].span, f"note {before} is {places[before].what} here"),),
        )


def _repeated_bodies(doc: Document) -> Iterator[Emit]:
    duplicates = _duplicate_bodies(doc)
    # The earliest note text of each number, found once: looking it up among all the notes for
    # every repeated number would be quadratic in an archive of concatenated reports.
    first_bodies: dict[int, FootnoteBody] = {}
    for other in doc.footnotes:
        known = first_bodies.get(other.number)
        if other.body is not None and (known is None or other.body.span.start < known.span.start):
            first_bodies[other.number] = other.body
    for index in sorted(duplicates, key=lambda i: _body_start(doc.footnotes[i])):
        note = doc.footnotes[index]
        assert note.body is not None
        earliest = first_bodies.get(note.number)
        first = (
            earliest
            if earliest is not None and earliest.span.start < note.body.span.start
            else None
        )
        related = (
            (Related(first.span, f"the first note {note.number} is here"),)
            if first is not None
            else ()
        )
        yield Emit(
            note.body.span,
            f"a second note {note.number}: two note texts carry the same number",
            related,
            excerpt=note.body.text,
        )


def _body_start(note: Footnote) -> int:
    return note.body.span.start if note.body is not None else -1


def _calls_out_of_order(doc: Document) -> Iterator[Emit]:
    firsts: dict[int, FootnoteMarker] = {}
    for note in doc.footnotes:
        marker = _first_marker(note)
        if marker is None:
            continue
        known = firsts.get(note.number)
        if known is None or marker.span.start < known.span.start:
            firsts[note.number] = marker
    numbers = sorted(firsts)
    if _restarts(doc):
        return
    if any(marker.style == "glued" for marker in firsts.values()):
        # Calls recovered from text that lost its superscripts (UN documents) are found partly
        # by their order, and tables are read row by row: their order proves nothing.
        return
    positions = [firsts[n].span.start for n in numbers]
    in_order = _longest_increasing(positions)
    for index, number in enumerate(numbers):
        if index in in_order:
            continue
        marker = firsts[number]
        earlier_higher = [
            n for n in numbers if n > number and firsts[n].span.start < marker.span.start
        ]
        if earlier_higher:
            other = max(earlier_higher)
            message = f"note {number} is first called after note {other}"
        else:
            later_lower = [
                n for n in numbers if n < number and firsts[n].span.start > marker.span.start
            ]
            other = min(later_lower) if later_lower else number
            message = f"note {number} is first called before note {other}"
        yield Emit(
            marker.span,
            f"{message}: notes should be numbered in the order they are called",
            (Related(firsts[other].span, f"note {other} is first called here"),),
        )


def _restarts(doc: Document) -> bool:
    """Whether note texts are numbered again from 1 (then calls repeat numbers legitimately)."""
    numbers = [
        note.number
        for note in sorted(
            (n for n in doc.footnotes if n.body is not None), key=lambda n: _body_start(n)
        )
    ]
    return any(number == 1 and previous > 1 for previous, number in pairwise(numbers))


# --------------------------------------------------------------------------- cross-references

_KIND_WORDS = {
    "section": "section",
    "chapter": "chapter",
    "appendix": "appendix",
    "annex": "annex",
    "paragraph": "paragraph",
    "part": "part",
}


@rule(
    "broken-cross-reference",
    severity=Severity.ERROR,
    category=_CATEGORY,
    summary="A pointer to a section, chapter or appendix the document does not have.",
    doc=(
        "`see Section 3.3.3`, `Chapter Three`, `Appendix 1`: the reader is sent to a part of the "
        "document that no heading carries, because the part was renumbered, removed, or never "
        "written. A table-of-contents line counts as the heading it lists, so a part whose "
        "heading OCR lost in the body is not reported; so does a line that starts with the "
        "label (`2.1 Human movement today` in a contents list without pages). An error only "
        "where the headings numbered like the label were read in full, their numbers running "
        "1, 2, 3 ... without a skip: where they skip, the reader missed some, and the pointer "
        "draws `unchecked-cross-reference` instead. `A/68/40, chapter VI` or `chapters 27 and "
        "29 of the Code` point into another work and are not cross-references."
    ),
    bad=(
        "North Korea: Refugees in Russia\n\n"
        "1. Introduction\n\n"
        "Returned refugees face long prison terms (see Section 3).\n\n"
        "2. The logging sites\n\n"
        "The sites were established in 1967.\n"
    ),
    good=(
        "North Korea: Refugees in Russia\n\n"
        "1. Introduction\n\n"
        "Returned refugees face long prison terms (see Section 2).\n\n"
        "2. The logging sites\n\n"
        "The sites were established in 1967.\n"
    ),
)
def broken_cross_reference(doc: Document) -> Iterator[Emit]:
    for reference in _pointers_not_found(doc):
        if not reference.scheme_read:
            continue  # said, as a warning, by unchecked-cross-reference
        kind = _KIND_WORDS.get(reference.kind, reference.kind)
        carrier = "numbered paragraph" if reference.kind == "paragraph" else "heading"
        yield Emit(
            reference.span,
            f"{_quote(reference.text)} points to {kind} {reference.label}, "
            f"which no {carrier} of the document carries",
        )


@rule(
    "unchecked-cross-reference",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A pointer to a part the reader did not find where it could not read the numbering.",
    doc=(
        "`see Section 2` in a report whose headings were read as 1 and 3: heading 2 may be "
        "missing, or may be there in a shape the reader did not take for a heading (run into "
        "its paragraph, broken by a page, in capitals over two lines). The headings numbered "
        "like the label (the sections 3.1, 3.2 ... for `section 3.4`, the numbered paragraphs "
        "for `para. 12`) were not read in full: none was found, or their numbers skip or "
        "repeat. So the pointer was not checked, and a reader should look for the part. Said "
        "once for each label, with where else it is pointed to; where the numbering was read "
        "in full, a missing part is a `broken-cross-reference`."
    ),
    bad=(
        "North Korea: Refugees in Russia\n\n"
        "1. Introduction\n\n"
        "Returned refugees face long prison terms (see Section 2).\n\n"
        "3. The logging sites\n\n"
        "The sites were established in 1967.\n"
    ),
    good=(
        "North Korea: Refugees in Russia\n\n"
        "1. Introduction\n\n"
        "Returned refugees face long prison terms (see Section 2).\n\n"
        "2. The logging sites\n\n"
        "The sites were established in 1967.\n"
    ),
)
def unchecked_cross_reference(doc: Document) -> Iterator[Emit]:
    pointed: dict[tuple[str, str], list[CrossReference]] = {}
    for reference in _pointers_not_found(doc):
        if reference.scheme_read:
            continue  # a missing part of a numbering read in full: broken-cross-reference
        pointed.setdefault((reference.kind, reference.label), []).append(reference)
    for (kind, label), references in pointed.items():
        first, *others = references
        yield Emit(
            first.span,
            f"{_quote(first.text)} points to {_KIND_WORDS.get(kind, kind)} {label}, which the "
            "reader did not find; the parts numbered like it were not read in full (none was "
            "found, or their numbers skip or repeat), so it was not checked",
            tuple(Related(r.span, f"{_quote(r.text)} points to it here") for r in others),
        )


def _pointers_not_found(doc: Document) -> Iterator[CrossReference]:
    """Cross-references to a part the reader did not find, but for those into a kind of part
    the document leaves out altogether (said once, at info level, by parts-not-included) and
    those that cannot be checked."""
    absent = _absent_parts(doc)
    for reference in doc.cross_references:
        if reference.target is not None or reference.paragraph is not None:
            continue
        if reference.kind in absent or not reference.checkable:
            continue
        yield reference


#: Parts a report may leave out of its text: UN documents issue their annexes separately, and a
#: copy or an excerpt drops its appendices.
_DETACHABLE = ("annex", "appendix")


def _absent_parts(doc: Document) -> set[str]:
    """The detachable kinds of part of which the document has no heading at all."""
    present = {
        kind
        for heading in doc.headings
        for kind in _DETACHABLE
        if heading.text.strip().casefold().startswith(kind)
    }
    return {kind for kind in _DETACHABLE if kind not in present}


@rule(
    "parts-not-included",
    severity=Severity.INFO,
    category=_CATEGORY,
    summary="The text points to annexes or appendices that this copy of it does not hold.",
    doc=(
        "`see annex III`, `Appendix B`: the document has no annex or appendix at all, so the "
        "parts were published separately (UN reports issue their annexes as documents of their "
        "own) or left out of this copy. Said once per kind, with the parts pointed to, so that "
        "a reader knows what was not checked; a document that has annexes but not the one "
        "pointed to draws `broken-cross-reference` instead."
    ),
    bad=(
        "Annual report of the Committee\n\n"
        "The list of States parties is in annex I and the decisions in annex III.\n"
    ),
    good=(
        "Annual report of the Committee\n\n"
        "The list of States parties is in annex I.\n\n"
        "Annex I\n\n"
        "States parties to the Convention\n"
    ),
)
def parts_not_included(doc: Document) -> Iterator[Emit]:
    absent = _absent_parts(doc)
    pointed: dict[str, list[CrossReference]] = {}
    for reference in doc.cross_references:
        if reference.target is None and (reference.kind in absent or not reference.checkable):
            pointed.setdefault(reference.kind, []).append(reference)
    for kind, references in pointed.items():
        written = ", ".join(dict.fromkeys(_quote(reference.text) for reference in references))
        first, *others = references
        if kind in absent:
            why = f"this copy holds no {kind}: what is there was not checked"
        else:
            why = (
                f"this document numbers no {_KIND_WORDS.get(kind, kind)}: they point into "
                "another work or to parts this copy leaves out, and were not checked"
            )
        yield Emit(
            first.span,
            f"the text points to {written}, but {why}",
            tuple(Related(r.span, f"{_quote(r.text)} is pointed to here") for r in others),
        )


# --------------------------------------------------------------------------- list entries

# Prose that says attachments exist ("is attached", "please find the attached", "see
# attachment", "enclosed"): an attachment list is then accounted for without in-text citations.
_ATTACHMENT_WORDS = lazy_compile(r"\b(?:attach(?:ed|ment|ments)|enclos(?:ed|ure|ures))\b", re.I)


@rule(
    "reference-never-cited",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A References or Attachment entry that nothing in the text cites or names.",
    doc=(
        "A document whose text cites its sources lists an entry that no citation resolves to "
        "and whose source the text never names: either a statement lost its citation or the "
        "entry is left over from an earlier version, and the reader cannot tell which claims "
        "it supports. Checked only in documents with in-text citations, and only for "
        "References and Attachment entries: Additional Sources Consulted and bibliographies "
        "list what was searched or read, not what was cited, and note texts are their own "
        "citations. "
        "Attachment entries are not reported when the text says material is attached "
        "(`is attached`, `please find the attached articles`), since attachments are then "
        "offered for reading rather than cited."
    ),
    bad=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists covering the elections were detained for several days "
        "(The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Two Reporters Charged."\n'
    ),
    good=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists covering the elections were detained for several days "
        "(The Korea Post Feb. 1999). Two of them were charged with defamation "
        "(Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. Vol. 12, No. 2. "Reporters Held."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Two Reporters Charged."\n'
    ),
)
def reference_never_cited(doc: Document) -> Iterator[Emit]:
    if not doc.citations:
        return
    # A byte for each entry, not a set of their numbers (an int object and a set's slot a
    # cited entry, the peak of checking a text that cites as many sources as it lists).
    cited = bytearray(len(doc.references))
    numbers = (
        doc.citations.references
        if isinstance(doc.citations, Citations)
        else (-1 if c.reference is None else c.reference for c in doc.citations)
    )
    for number in numbers:
        if 0 <= number < len(cited):
            cited[number] = 1
    prose = " " + " ".join(_stretch_key(doc.text, s.start, s.end) for s in _prose_spans(doc))
    prose += " " + " ".join(
        source_key(note.body.text) for note in doc.footnotes if note.body is not None
    )
    prose += " "
    attachments_mentioned = any(
        _ATTACHMENT_WORDS.search(doc.text, span.start, span.end) for span in _prose_spans(doc)
    )
    for index, reference in enumerate(doc.references):
        if cited[index] or reference.section not in ("references", "attachment"):
            continue
        if reference.section == "attachment" and attachments_mentioned:
            continue
        keys = reference_keys(reference, initials=False)
        if not keys:
            # Nothing to name the source by: an entry the parser could not read is no evidence.
            continue
        if any(len(key) >= 3 and f" {key} " in prose for key in keys):
            continue
        section = _SECTION_NAMES[reference.section]
        yield Emit(
            reference.span,
            f"{section} entry {_quote(reference.text, 60)} is never cited in the text",
        )


def _normal_text(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split()) or None


_URL_SCHEME = lazy_compile(r"^[a-z][a-z0-9+.-]*:/*")


def _normal_url(url: str | None) -> str | None:
    if url is None:
        return None
    url = _URL_SCHEME.sub("", url.strip().casefold())
    url = url.removeprefix("www.")
    return url.rstrip("/.") or None


def _duplicate_key(reference: Reference) -> tuple[object, ...]:
    entry = reference.entry
    fields = (
        source_key(entry.author) if entry.author else None,
        entry.date.iso() if entry.date is not None else None,
        _normal_text(entry.title),
        _normal_url(entry.url),
    )
    if all(field is None for field in fields):
        # An entry the grammar could not split is compared by its whole text.
        return ("text", _normal_text(reference.text))
    return fields


@rule(
    "duplicate-reference",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="The same source listed twice.",
    doc=(
        "Two entries with the same author, date, title and address in one list. Usually one of "
        "them was meant to be another source (a copy-paste left unedited), so something the "
        "text relies on may be missing. Entries of different lists are not compared: a "
        "response lists a source it cites under References and its copy under Attachments, and "
        "a source can be both cited and listed as consulted; nor are note texts (citing a source "
        "in several notes is normal)."
    ),
    bad=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists were detained (The Korea Post Feb. 1999). Two were charged "
        "(Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Two Reporters Charged."\n\n'
        'The Korea Post [Seoul]. February 1999. "Reporters Held."\n'
    ),
    good=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists were detained (The Korea Post Feb. 1999). Two were charged "
        "(Yonhap 3 March 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held."\n\n'
        'Yonhap [Seoul]. 3 March 1999. "Two Reporters Charged."\n'
    ),
)
def duplicate_reference(doc: Document) -> Iterator[Emit]:
    references = doc.references
    # Each entry's key hashed to a place in a table of bits, and the places two entries share;
    # only the entries at those places are compared by their keys. A dict of hashes to entries
    # held an int object for each hash and each entry's number (about 90 bytes an entry), the
    # peak of checking a long list; here a bit and a place in an array.
    size = 16 * len(references) + 64
    taken = bytearray(size // 8 + 1)
    places = array("q")
    shared: set[int] = set()
    for reference in references:
        if reference.section == "footnote":
            places.append(-1)
            continue
        place = hash((reference.section, *_duplicate_key(reference))) % size
        places.append(place)
        byte, bit = divmod(place, 8)
        if taken[byte] >> bit & 1:
            shared.add(place)
        else:
            taken[byte] |= 1 << bit
    del taken
    # The first entry of each key, among those that share a place: the earlier listing.
    first: dict[tuple[object, ...], int] = {}
    for index, place in enumerate(places):
        if place not in shared:
            continue
        reference = references[index]
        earlier = first.setdefault((reference.section, *_duplicate_key(reference)), index)
        if earlier == index:
            continue
        yield Emit(
            reference.span,
            f"entry {_quote(reference.text, 60)} repeats an entry listed earlier in the same list",
            (Related(references[earlier].span, "the first listing of this source"),),
        )


@rule(
    "malformed-url",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A web address written so that it does not work (`http//`, spaces, broken scheme).",
    doc=(
        "A URL that a browser cannot open as written, such as `http//www.example.org` (colon "
        "missing), `htp://` or an address broken by a space. The reader cannot reach the source "
        "without guessing the intended address."
    ),
    bad=(
        "Letter to the Premier\n\n"
        "The full text of the appeal is published at http//www.northkoreanrefugees.com/appeal.htm "
        "by the campaign.\n"
    ),
    good=(
        "Letter to the Premier\n\n"
        "The full text of the appeal is published at "
        "http://www.northkoreanrefugees.com/appeal.htm by the campaign.\n"
    ),
)
def malformed_url(doc: Document) -> Iterator[Emit]:
    for url in doc.urls:
        if url.problem is None:
            continue
        yield Emit(url.span, f"URL {_quote(url.text)} is malformed: {url.problem}")


_ACCESS_SECTIONS: frozenset[Section] = frozenset({"references", "attachment", "footnote"})


@rule(
    "missing-access-date",
    severity=Severity.WARNING,
    category=_CATEGORY,
    summary="A web source cited without the date it was accessed.",
    doc=(
        "Web pages change and disappear; a reference or note that gives a URL without the date "
        "it was read (`[Accessed 15 May 2000]`) does not say which version supports the "
        "claim, and an archived copy cannot be looked up. Checked in References, Attachment "
        "and note texts; Additional Sources Consulted and bibliographies are lists of places "
        "searched or read, not of versions relied on."
    ),
    bad=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists were detained (The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held." '
        "http://www.koreapost.com/1999_02/news.htm\n"
    ),
    good=(
        "Treatment of journalists [ABC12345.E]\n\n"
        "Journalists were detained (The Korea Post Feb. 1999).\n\n"
        "References\n\n"
        'The Korea Post [Seoul]. February 1999. "Reporters Held." '
        "http://www.koreapost.com/1999_02/news.htm [Accessed 15 May 2000]\n"
    ),
)
def missing_access_date(doc: Document) -> Iterator[Emit]:
    for reference in doc.references:
        entry = reference.entry
        if entry.url is None or entry.accessed is not None:
            continue
        if reference.section not in _ACCESS_SECTIONS:
            continue
        url = _url_in(doc, reference.span)
        where = (
            f"note {reference.number}"
            if reference.section == "footnote" and reference.number is not None
            else f"the {_SECTION_NAMES[reference.section]} entry"
        )
        yield Emit(
            url.span if url is not None else reference.span,
            f"{where} gives the address {_quote(entry.url)} without the date it was accessed",
            excerpt=entry.url if url is None else None,
        )


def _url_in(doc: Document, span: Span) -> Url | None:
    for url in doc.urls:
        if span.start <= url.span.start and url.span.end <= span.end:
            return url
    return None


__all__ = [
    "CITED_SECTIONS",
    "LISTED_SECTIONS",
    "broken_cross_reference",
    "citation_without_reference",
    "cited_only_as_consulted",
    "duplicate_reference",
    "footnote_numbering",
    "footnote_without_body",
    "footnote_without_marker",
    "ibid_without_antecedent",
    "malformed_url",
    "missing_access_date",
    "reference_never_cited",
    "unchecked_cross_reference",
]
