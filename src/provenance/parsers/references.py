"""Source entries: reference lists, attachment lists and footnote bodies, in the styles reports use.

``grammars/reference.lark`` has one start rule per style; this module tries the styles of an
entry's section in a fixed order (the first whose grammar accepts the WHOLE entry gives the
section's reading), lets the styles of research reports, encyclopaedias and web copies
(``COMPETING_STYLES``) compete with that reading by ``reading_score`` (the reading that finds the
most fields wins; the ordered style on a tie and unless the competitor finds clearly more), and
reads the tree into a ``ReferenceEntry``. Free-text fields are cut from the entry by the
positions of the grammar's first and last token of that field, with whitespace runs collapsed to
one space, so they are verbatim ("Sri Lanka`s", "(IDE)").

Public API:

``parse_reference(text, section="references")``
    The entry ``text`` is (one entry, lines joined), or ``GrammarError`` when no style fits.
``reference_entry(text, section)``
    The same, but never raises: an entry no style fits is ``ReferenceEntry(kind="unstructured")``
    with no field set (nothing is guessed).
``entry_starts(lines)``
    Which lines of a block without blank lines start an entry (see the function).
``iter_references(text, line_index, start=0, end=None, section="references")``
    Every entry of a source list in ``text[start:end]`` as a located ``Reference``.

Kinds and how fields are assigned (the rules a reader needs to trust the fields):

``irb``
    ``Source [Place]. Date. Vol. n, No. n. Item. "Title." (AI Index: ...) URL [Accessed date]
    (Note)``. The first segment is the author; ``[Place]`` the place. When a second party is
    named (a segment between the source and the date, "The Sri Lanka Monitor. British Refugee
    Council.", or an item author between the date and a quoted title: "Natsuko Oka."), that party
    is the author and the first segment (the periodical) the container; when both are named the
    container is "first. second". An unquoted segment after the date with no quoted title is
    the title. A wire service's cycle ("BC Cycle") is the issue. ``(NEXIS)`` is the note; so is
    the original of a monitored broadcast after the title (``"Title", Colombo International
    Service [Colombo, 14 December 1990].``), an entry having at most one of the two. ``_____.``
    gives the author ``"_____"``: the caller replaces it with the author of the entry above
    (``provenance.document`` does). An unquoted segment after the title, the index code or an
    unquoted item ("London: Amnesty International.") is the imprint, kept as the note. Titles
    lose one trailing ``. , ; :`` written inside the quotes
    (style punctuation, not title); ``?`` and ``!`` stay. An entry that starts with its full
    stop (``. 30 January 1992.``, the underscores lost in a web copy) is a ditto too, read as
    ``"_____"``.
``correspondence``
    ``Oka, Natsuko, Research Fellow, ... . 15 May 2000. Correspondence sent to ...``: the author is
    the inverted name (or the first comma item), the container the rest (affiliation, place), the
    note the description from the correspondence word on. ``Fax from A, B, C to D, E, 11 May
    2000.``: the title is the kind ("Fax"), the author the sender (first item), the container the
    sender's other items, the note the recipient ("to D, E"); a pinpoint and URL may follow.
``irb-attachment``
    ``A, B, C, Date.``: the last item before the date is the publisher, the items before it the
    title (verbatim, commas included). ``Periodical, Date, Title, p. 5.``: everything before the
    date is the publisher, after it the title. The publisher is the author, unless the entry opens
    with an inverted personal name ("Sebastian, Rita, ..."), which is then the author and the
    publisher the container.
``footnote``
    An Amnesty index code, an italic ``*title*`` or a quoted title with a dating verb and date,
    after optional lead-in prose (kept as the note). A lead-in that is a single name followed by a
    comma ("Human Rights Watch/Helsinki,") is the author. The date is the one that follows the
    code or title ("issued in December 1995").
``un-short`` / ``ibid``
    ``Name, [title,] locator[, date].`` (author = name, or title when the name ends in a document
    noun: "Article 7 Report"), ``UN/SYMBOL[, locator].`` (index code), ``Ibid.[, locator].``
    (kind "ibid"). Text after the first source ("See also ...", "and CoE-CoP, para. 13.") is the
    note. Pages: ``p.``/``pp.`` locators keep the numbers only ("14-15"); any other locator keeps
    its label ("para. 400", "Form A").
``author-year``
    ``Author. Year. Title. Container, Day Month. URL (accessed Date)`` or ``Author (Year). Title.
    ...``, perhaps after a bullet or list number (``*``, ``-``, ``•``, ``1.``, ``[1]``, ``(1)``).
    The author runs to the year ("Smith, J. and Doe, A."; ``———.`` repeats the one above, as
    ``_____.`` does); the date is the year (``n.d.``: none), completed by a day and month written
    in the brackets or later ("4 December"); the title is the quoted or italic text, or the words
    up to the full stop; the container is the first segment after the title. The rest is read
    token by token for a web address (wrapped over lines: joined) and an access note ("accessed",
    "Retrieved ... from URL on ..."); whatever else it holds is left unread, never failing the
    entry, so a tail no rule foresaw keeps the fields already found.
``comma-note`` (unquoted title, start rule ``comma_plain``)
    ``[Author, ]Title, [last updated ]Date. [URL] [Accessed: Date]`` as UK Home Office notes
    list sources: with two items or more before the date the first is the author (it must open
    with a capital or a digit: else prose) and the rest, commas and all, the title; one item
    alone is the title (an entry under its author's heading). The date may be "no date", or
    left out before an access note ("Facebook, Alouen, accessed 21 July 2026"). After the date
    only an address and an access note may follow, so entries of the research styles ("UNHCR,
    2019. Title. Geneva.") stay theirs. In an attachment list the attachment style, which reads
    "Title, Publisher, Date." title first, is tried before it (``ATTACHMENT_STYLES``).
``web``
    A bare address, or ``[Publisher.] Title. [Available at:] URL (accessed Date)``.
``title-first``
    ``"Title". Work. Date. [URL] Retrieved Date.``: an entry with no author, as encyclopaedias cite
    news and web pages; the work is the container.
``name-only`` / ``label``
    A bare source name in a list ("LEXIS/NEXIS"): the author. A name ending in ":" ("Internet sites
    including:") heads a list: kind "label", its text in the note, no author.
``unstructured``
    No style fits: explanatory footnotes and prose. No field is set.

Speed: a style is only run on text holding its anchor (a year for the dated styles; an index
label, italic or quote mark for footnote sources), a necessary condition checked by one regex;
the grammar still decides. Warm, the seeds' and practice files' entries parse at about 10,000 a
second.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, cast

import attrs
from lark import Token, Tree
from lark.exceptions import VisitError

from provenance.errors import GrammarError, release
from provenance.first_chars import required_words
from provenance.folding import squeeze_spaces
from provenance.grammars import (
    ListTransformer,
    ReusedTransformer,
    parse_full_start,
    parse_full_start_or_refusal,
    parse_prefix,
    terminal_pattern,
)
from provenance.lalr import Refusal
from provenance.layout import OPEN_WORDS, WORD_BROKEN_AT_END
from provenance.model import (
    Date,
    DateRange,
    DateValue,
    IndexCode,
    Reference,
    ReferenceEntry,
    Section,
)
from provenance.parsers.dates import month_number
from provenance.parsers.index_codes import parse_index_code
from provenance.parsers.urls import iter_urls
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile
from provenance.span import LineIndex

__all__ = [
    "ATTACHMENT_STYLES",
    "COMPETING_STYLES",
    "DITTO_MARK",
    "ENTRY_STYLES",
    "FOOTNOTE_STYLES",
    "LIST_STYLES",
    "MAX_ENTRY_LINES",
    "EntryStyle",
    "StyleExample",
    "classify_reference",
    "ends_with_address",
    "entry_starts",
    "forget_readings",
    "inverted_name",
    "iter_references",
    "join_entry_lines",
    "opens_with_access_note",
    "opens_with_ditto",
    "opens_with_list_mark",
    "parse_reference",
    "parse_reference_date",
    "read_each_once",
    "read_list_entry",
    "reading_score",
    "reference_entry",
    "take_reading",
]

_GRAMMAR = "reference"
_STARTS: tuple[str, ...] = (
    "irb",
    "irb_loose",
    "irb_book",
    "correspondence_a",
    "correspondence_b",
    "attachment",
    "footnote",
    "un_short",
    "name_only",
    "author_year",
    "author_title",
    "author_dateless",
    "comma_note",
    "comma_plain",
    "web",
    "title_first",
    "date",
    "doi_tail",
)

#: Styles tried for an entry of a reference, attachment or additional-sources list, in order.
#: Correspondence comes before IRB because "X. 15 May 2000. Correspondence sent to ..." also fits
#: IRB (as an unquoted title); the loose IRB form and bare names are last resorts.
LIST_STYLES: tuple[str, ...] = (
    "correspondence_a",
    "correspondence_b",
    "irb",
    "irb_book",
    "comma_note",
    "comma_plain",
    "attachment",
    "footnote",
    "irb_loose",
    "name_only",
)
#: An attachment list is an older IRB response's own: its comma-separated entries put the title
#: first and the publisher last ("Title, Publisher, Date."), so there the attachment style is
#: tried before the unquoted comma note, which reads "Publisher, Title, Date." elsewhere.
ATTACHMENT_STYLES: tuple[str, ...] = (
    "correspondence_a",
    "correspondence_b",
    "irb",
    "irb_book",
    "comma_note",
    "attachment",
    "comma_plain",
    "footnote",
    "irb_loose",
    "name_only",
)
#: Styles of research reports, encyclopaedias and web copies, for the same lists. Each competes
#: with the reading ``LIST_STYLES`` gives (the first of them that fits): the reading with the
#: best ``reading_score`` wins, the older styles on a tie, so what those read stays as it was.
COMPETING_STYLES: tuple[str, ...] = (
    "author_year",
    "author_title",
    "web",
    "title_first",
    "author_dateless",
)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class StyleExample:
    """An entry as a list writes it and the fields its style reads (dates as ISO strings)."""

    text: str
    fields: tuple[tuple[str, str], ...]


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class EntryStyle:
    """A reference-entry style as data: its start rule, kind, field template and examples
    (``tests/parsers/test_references.py`` reads every example and checks its fields)."""

    start: str
    kind: str
    template: str
    examples: tuple[StyleExample, ...]


def _example(text: str, **fields: str) -> StyleExample:
    return StyleExample(text, tuple(sorted(fields.items())))


#: The styles of research reports, encyclopaedias and web copies.
ENTRY_STYLES: tuple[EntryStyle, ...] = (
    EntryStyle(
        "author_year",
        "author-year",
        "[mark] {author}. {year}. {title}. [{container}[, {day month}].] [{url}] [{access note}]"
        "  |  [mark] {author} ({year}[, {day month}]). {title}. ...",
        (
            _example(
                "Taylor, John G. (1991). Title of the book. Publisher.",
                author="Taylor, John G.", date="1991", title="Title of the book",
                container="Publisher",
            ),
            _example(
                'Smith, J. and Doe, A. (2003) "Article", Journal 4(2): 1-20.',
                author="Smith, J. and Doe, A.", date="2003", title="Article",
                container="Journal 4(2): 1-20",
            ),
            _example(
                "Human Rights Watch (2010). Title. New York: HRW.",
                author="Human Rights Watch", date="2010", title="Title",
                container="New York: HRW",
            ),
            _example(
                "UNHCR, 2019. Title. Geneva.",
                author="UNHCR", date="2019", title="Title", container="Geneva",
            ),
            _example(
                "Abdul-Zahra, Q. 2019. “Parliament Approves New Election Law.” AP News, "
                "4 December. https:// apnews.com/article/e608aeef311759aeeb7483ad3f9f33d5.",
                author="Abdul-Zahra, Q.", date="2019-12-04",
                title="Parliament Approves New Election Law", container="AP News",
                url="https://apnews.com/article/e608aeef311759aeeb7483ad3f9f33d5",
            ),
            _example(
                "• Amnesty International (n.d.). Title. Retrieved 5 May 2011 from https://x.org/a",
                author="Amnesty International", title="Title", url="https://x.org/a",
                accessed="2011-05-05",
            ),
            _example(
                "Human Rights Watch. (2019, January 23). No room to bargain. "
                "https://www.hrw.org/report/2019/01/23/no-room-bargain",
                author="Human Rights Watch", date="2019-01-23", title="No room to bargain",
                url="https://www.hrw.org/report/2019/01/23/no-room-bargain",
            ),
            _example(
                "Gonzales, M (2018, July 16). Size of the Informal Economy [Presentation]. "
                "Makati City. Retrieved from https://www.ilo.org/manila/WCMS_634914/lang--en/",
                author="Gonzales, M", date="2018-07-16", title="Size of the Informal Economy",
                container="Makati City", url="https://www.ilo.org/manila/WCMS_634914/lang--en/",
            ),
            _example(
                "Brucal A and Grover A (2023). Masters of Disaster. Accessed via https://"
                "openknowledge.worldbank.org/server/api/core/bitstreams/38073af0-24a7-4b2c- "
                "99a5-f77154795438/content",
                author="Brucal A and Grover A", date="2023", title="Masters of Disaster",
                url="https://openknowledge.worldbank.org/server/api/core/bitstreams/"
                "38073af0-24a7-4b2c-99a5-f77154795438/content",
            ),
        ),
    ),
    EntryStyle(
        "author_title",
        "author-title",
        "[mark] {author}. {title}. [{container},] {year}. [{url}] [{access note}]"
        "  |  [mark] {author}: {title}. [{container}] ({year})[. {url} | {access note}]",
        (
            _example(
                "Garcia, J. Neil C. Philippine Gay Culture. Quezon City: UP Press, 2008.",
                author="Garcia, J. Neil C.", date="2008", title="Philippine Gay Culture",
                container="Quezon City: UP Press",
            ),
            _example(
                'Tan, Michael L. "Survival through Pluralism." Journal of Homosexuality 40 '
                "(2001): 117-42.",
                author="Tan, Michael L.", date="2001", title="Survival through Pluralism",
                container="Journal of Homosexuality 40",
            ),
            _example(
                'Human Rights Watch. "World Report 2013: Philippines." New York, 2013. '
                "http://www.hrw.org/world-report/2013",
                author="Human Rights Watch", date="2013", title="World Report 2013: Philippines",
                container="New York", url="http://www.hrw.org/world-report/2013",
            ),
            _example(
                "1. Smith J, Doe AB. Return and reintegration. J Refug Stud. 2019;12(3):45-67.",
                author="Smith J, Doe AB", date="2019", title="Return and reintegration",
                container="J Refug Stud",
            ),
            _example(
                "Lessenski, Martin. Media Literacy Index 2021. Open Society Institute. Sofia: "
                "March 2021. Available at https://osis.bg/wp-content/ uploads/2021/03/MLI.pdf.",
                author="Lessenski, Martin", date="2021-03", title="Media Literacy Index 2021",
                container="Open Society Institute",
                url="https://osis.bg/wp-content/uploads/2021/03/MLI.pdf",
            ),
            _example(
                "Lewkowicz, Jacek & Wozniak, Michal. “Covid 19 and the Erosion of Democracy”, "
                "Economic Modelling 106 (2022) 105682. 2022. DOI: https://doi.org/10.1016/x.",
                author="Lewkowicz, Jacek & Wozniak, Michal", date="2022",
                title="Covid 19 and the Erosion of Democracy", container="Economic Modelling 106",
                url="https://doi.org/10.1016/x",
            ),
            _example(
                "Burr, V.: An Introduction to Social Constructionism. Routledge, London, UK (1995)",
                author="Burr, V.", date="1995", title="An Introduction to Social Constructionism",
                container="Routledge, London, UK",
            ),
            _example(
                "Braun, V., Clarke, V.: Thematic analysis. In: Teo, T. (ed.) Encyclopedia, pp. "
                "1947–1952. Springer, New York (2014)",
                author="Braun, V., Clarke, V.", date="2014", title="Thematic analysis",
                container="In: Teo, T. (ed.) Encyclopedia, pp",
            ),
            _example(
                "Terry, G., Hayfield, N.: Answers to frequently asked questions (2019). Retrieved "
                "from https://cdn.auckland.ac.nz/\u200bfaq.pdf",
                author="Terry, G., Hayfield, N.", date="2019",
                title="Answers to frequently asked questions",
                url="https://cdn.auckland.ac.nz/faq.pdf",
            ),
        ),
    ),
    EntryStyle(
        "author_dateless",
        "author-title",
        "[mark] {author}. {title}. [{container}.] [Available at | Accessed via] [{url}] "
        "[{access note}]",
        (
            _example(
                "Human Rights Watch. World Report 2005.",
                author="Human Rights Watch", title="World Report 2005",
            ),
            _example(
                "United Nations Development Programme. Empowering Municipal Councils. Project "
                "page. Accessed via https://www.undp.org/north-macedonia/projects/empowering-",
                author="United Nations Development Programme",
                title="Empowering Municipal Councils", container="Project page",
                url="https://www.undp.org/north-macedonia/projects/empowering-",
            ),
            _example(
                'Edgell, Amanda B. "Pandemic Backsliding." Social Science and Medicine. '
                "https://doi.org/10.1016/j.socscimed.2021.114244",
                author="Edgell, Amanda B.", title="Pandemic Backsliding",
                container="Social Science and Medicine",
                url="https://doi.org/10.1016/j.socscimed.2021.114244",
            ),
        ),
    ),
    EntryStyle(
        "comma_note",
        "comma-note",
        "[mark] {author}, {title in quotes}[, ...], {date or no date}[.] [{url}] [{access note}]",
        (
            _example(
                "Amnesty International, ‘Ruritania 2023’, 24 April 2024. Last accessed: "
                "5 September 2024",
                author="Amnesty International", title="Ruritania 2023", date="2024-04-24",
                accessed="2024-09-05",
            ),
            _example(
                "US Department of State, ‘2023 Country Reports: Ruritania’ (section 6), "
                "22 April 2024 ↩",
                author="US Department of State", title="2023 Country Reports: Ruritania",
                date="2024-04-22",
            ),
            _example(
                'Human Rights Watch, "World Report 2005," 2005, http://www.hrw.org/wr2k5/.',
                author="Human Rights Watch", title="World Report 2005", date="2005",
                url="http://www.hrw.org/wr2k5/",
            ),
            _example(
                "[1] A. Author and B. Author, “Title of paper,” Journal of Migration, vol. 3, "
                "no. 2, pp. 1–10, 2019.",
                author="A. Author and B. Author", title="Title of paper", date="2019",
            ),
            _example(
                "Carol M. Taylor, *W.E.B DuBois’s Challenge to Scientific Racism*.",
                author="Carol M. Taylor", title="W.E.B DuBois’s Challenge to Scientific Racism",
            ),
        ),
    ),
    EntryStyle(
        "comma_plain",
        "comma-note",
        "[mark] [{author},] {title}, [last updated] {date or no date}[.] [{url}] [{access note}]",
        (
            _example(
                "Human Rights Watch, World Report 2024: Bangladesh, 11 January 2024. Accessed: "
                "19 August 2024",
                author="Human Rights Watch", title="World Report 2024: Bangladesh",
                date="2024-01-11", accessed="2024-08-19",
            ),
            _example(
                "The Business Standard, Quota protest: JU students block Dhaka-Aricha highway for "
                "2 hours, boycott classes, exams, 7 July 2024. Accessed: 24 July 2024",
                author="The Business Standard",
                title="Quota protest: JU students block Dhaka-Aricha highway for 2 hours, boycott "
                "classes, exams",
                date="2024-07-07", accessed="2024-07-24",
            ),
            _example(
                "Cancellation of quota in civil service illegal: HC, 5 June 2024. Accessed: "
                "24 July 2024",
                title="Cancellation of quota in civil service illegal: HC", date="2024-06-05",
                accessed="2024-07-24",
            ),
            _example(
                "University of Mascara, Staff, no date",
                author="University of Mascara", title="Staff",
            ),
            _example("Algeria, last updated 26 June 2026", title="Algeria", date="2026-06-26"),
            _example(
                "Facebook, Alouen, accessed 21 July 2026",
                author="Facebook", title="Alouen", accessed="2026-07-21",
            ),
            _example(
                "Freedom House, Freedom in the World 2024, 29 February 2024, "
                "https://freedomhouse.org/country/chad. Accessed: 5 May 2024",
                author="Freedom House", title="Freedom in the World 2024", date="2024-02-29",
                url="https://freedomhouse.org/country/chad", accessed="2024-05-05",
            ),
        ),
    ),
    EntryStyle(
        "title_first",
        "title-first",
        '[mark] "{title}". {work}[, ...]. [{date}.] [{url}] [{access note}]  |  '
        "[mark] _{title}_ [[translation]]. ({date}). [{work}.] [{url}] [{access note}]",
        (
            _example(
                '"Peru\'s Shining Path Rebels Kill Soldiers". BBC News. 10 April 2009. Retrieved '
                "12 May 2010.",
                title="Peru's Shining Path Rebels Kill Soldiers", container="BBC News",
                date="2009-04-10", accessed="2010-05-12",
            ),
            _example(
                '1. ^ a b "Title", The Guardian, 5 May 2011, https://www.theguardian.com/x '
                "(accessed 6 May 2011)",
                title="Title", container="The Guardian", date="2011-05-05",
                url="https://www.theguardian.com/x", accessed="2011-05-06",
            ),
            _example(
                "_Djibouti._ (2017, October). UNHCR. https://reporting.unhcr.org/djibouti",
                title="Djibouti", container="UNHCR", date="2017-10",
                url="https://reporting.unhcr.org/djibouti",
            ),
            _example(
                "<em>Filipin no iryoujijyou.</em> [Medical situation]. (n.d.). Retrieved "
                "November 16, 2015, from http://www.hcpg.jp/868.html",
                title="Filipin no iryoujijyou", url="http://www.hcpg.jp/868.html",
                accessed="2015-11-16",
            ),
        ),
    ),
    EntryStyle(
        "web",
        "web",
        "[mark] [{author}.] [{title}.] [Available at:] {url} [{access note}]",
        (
            _example(
                "https://www.bbc.co.uk/news/world (accessed 5 May 2020)",
                url="https://www.bbc.co.uk/news/world", accessed="2020-05-05",
            ),
            _example(
                "- BBC News. Peru's Shining Path. http://news.bbc.co.uk/2/hi/1.stm Retrieved "
                "2011-05-05.",
                author="BBC News", title="Peru's Shining Path",
                url="http://news.bbc.co.uk/2/hi/1.stm", accessed="2011-05-05",
            ),
        ),
    ),
)  # fmt: skip

#: Styles tried for a footnote body. No bare names, no comma lists and no loose IRB form here:
#: explanatory notes ("See also Section 3.3.2.", "..., adopted by parliament, 12 May 1996.")
#: would fit those and are not sources.
FOOTNOTE_STYLES: tuple[str, ...] = (
    "un_short",
    "correspondence_b",
    "footnote",
    "correspondence_a",
    "irb",
    "comma_note",
)

#: ``entry_starts`` never lets one entry run over more lines than this.
MAX_ENTRY_LINES = 8

# Punctuation a citation style writes inside the closing quote ("Title." / "Title,").
_TITLE_TRAILING = ".,;:"

#: The author of a ditto entry, however its ditto was written: the caller gives it the source of
#: the entry above.
DITTO_MARK = "_____"
_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“”"}


#: Invisible characters a typesetter puts inside words and addresses as places to break a line:
#: zero-width space, non-joiner and joiner, word joiner and byte-order mark.
_ZERO_WIDTH_SPACES = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
#: The same and the soft hyphen, which in a word's text marks where the page broke it but in
#: an address is nothing.
_ZERO_WIDTH = {**_ZERO_WIDTH_SPACES, ord("\u00ad"): None}


def _address(text: str) -> str:
    """A web address as an entry writes it, without the spaces and line breaks a page put
    inside it, nor the zero-width spaces a PDF sets there as places to break the line
    ("https://\u200bdoi.\u200borg/...")."""
    return squeeze_spaces(text, "").translate(_ZERO_WIDTH)


def _normal(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- dates


class _DateTransformer(ReusedTransformer[Token, DateValue]):
    """The ``date`` start rule's trees (the inside of one DATE token) as ``Date``/``DateRange``."""

    def day_month_year(self, c: list[Token]) -> DateValue:
        return Date(int(c[2]), month_number(c[1]), int(c[0]))

    def month_day_year(self, c: list[Token]) -> DateValue:
        return Date(int(c[2]), month_number(c[0]), int(c[1]))

    def month_year(self, c: list[Token]) -> DateValue:
        return Date(int(c[1]), month_number(c[0]))

    def year(self, c: list[Token]) -> DateValue:
        return Date(int(c[0]))

    def year_range(self, c: list[Token]) -> DateValue:
        return DateRange(Date(int(c[0])), Date(int(c[1])), "range")

    def year_alternative(self, c: list[Token]) -> DateValue:
        return DateRange(Date(int(c[0])), Date(int(c[1])), "alternative")

    def month_range(self, c: list[Token]) -> DateValue:
        year = int(c[2])
        return DateRange(Date(year, month_number(c[0])), Date(year, month_number(c[1])), "range")

    def month_alternative(self, c: list[Token]) -> DateValue:
        year = int(c[2])
        return DateRange(
            Date(year, month_number(c[0])), Date(year, month_number(c[1])), "alternative"
        )

    def day_range(self, c: list[Token]) -> DateValue:
        year, month = int(c[3]), month_number(c[2])
        return DateRange(Date(year, month, int(c[0])), Date(year, month, int(c[1])), "range")

    def iso_date(self, c: list[Token]) -> DateValue:
        return Date(int(c[0]), int(c[1]), int(c[2]))

    def month_day_range(self, c: list[Token]) -> DateValue:
        year, month = int(c[3]), month_number(c[0])
        return DateRange(Date(year, month, int(c[1])), Date(year, month, int(c[2])), "range")


_DATES = _DateTransformer()


def parse_reference_date(text: str) -> DateValue:
    """A date as reference entries write it (``15 May 2000``, ``September/October 1999``,
    ``1999-2000``, ``December 15 1990``); ``GrammarError`` otherwise."""
    known = _DATE_READINGS.get(text)
    if known is None:
        tree = parse_full_start_or_refusal(_GRAMMAR, _STARTS, text, "date")
        if type(tree) is Refusal:
            known = tree
        else:
            known = _DATES.transform(cast("Tree[Token]", tree))
            assert isinstance(known, (Date, DateRange))
        if len(text) <= _KEPT_DATE_LENGTH:
            if len(_DATE_READINGS) >= _KEPT_DATES:
                _DATE_READINGS.clear()
            _DATE_READINGS[text] = known
    if type(known) is Refusal:
        raise GrammarError(_GRAMMAR, text, known.position, known.expected)
    return cast("DateValue", known)


#: Dates read (or refused) by their text: an entry's date is read again each time the entry is
#: tried in another style, and the same dates recur down a list (7,670 of 10,095 readings in a
#: pass over the real reports were repeats). A pure function of the text, whatever the document;
#: at most ``_KEPT_DATES`` kept, all dropped when that many are; texts longer than the longest
#: date (a title tried as one) are not kept.
_DATE_READINGS: dict[str, DateValue | Refusal] = {}
_KEPT_DATES = 4096
_KEPT_DATE_LENGTH = 64


# --------------------------------------------------------------------------- entries


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Frag:
    """A run of tokens of one field; its text is cut from the entry by the tokens' positions."""

    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return _start(self.tokens[0])

    @property
    def end(self) -> int:
        return _end(self.tokens[-1])


def _closing_day_month(frag: _Frag) -> tuple[_Frag, Token | None]:
    """An author-year title without the day and month that close it after a comma, and that
    day and month: "US Department of Defense. 2017a. Briefing by Gen. Townsend via Telephone
    from Baghdad, Iraq, 28 March. Available at ..." dates a transcript with no periodical
    named, where a news item writes its date after the periodical ("Reuters, 9 December")."""
    tokens = frag.tokens
    if len(tokens) >= 3 and tokens[-1].type == "DAY_MONTH" and tokens[-2].type == "COMMA":
        return _Frag(tokens[:-2]), tokens[-1]
    return frag, None


def _start(token: Token) -> int:
    assert token.start_pos is not None
    return token.start_pos


def _end(token: Token) -> int:
    assert token.end_pos is not None
    return token.end_pos


def _tokens(children: Sequence[Any]) -> tuple[Token, ...]:
    out: list[Token] = []
    for child in children:
        if isinstance(child, Token):
            out.append(child)
        elif isinstance(child, _Frag):
            out.extend(child.tokens)
    return tuple(out)


def _items(frag: _Frag) -> list[_Frag]:
    """The comma-separated items of a phrase (commas are COMMA tokens)."""
    items: list[_Frag] = []
    current: list[Token] = []
    for token in frag.tokens:
        if token.type == "COMMA":
            if current:
                items.append(_Frag(tuple(current)))
            current = []
        else:
            current.append(token)
    if current:
        items.append(_Frag(tuple(current)))
    return items


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class _Role:
    """A field found by a sub-rule, handed up to the style's rule."""

    name: str
    value: Any = None
    extra: Any = None


def _fail(text: str, position: int = 0) -> GrammarError:
    return GrammarError(_GRAMMAR, text, position)


_DATED = frozenset({"DATE", "TAIL_DATE"})
# The editors' or compilers' mark that ends a list of names: "(Eds.)", "(Ed)", ", eds.".
_EDITORS_MARK = lazy_compile(
    r"(?:\s*\((?:[Ee]ds?|[Ee]ditors?|[Cc]omps?)\.?\)|,\s*(?:[Ee]ds?|[Ee]ditors?)\.?)$"
)
# A segment that is an author-year head's year ("2002a") or ends with it after a comma ("EPA,
# 2001"): no IRB source is so written.
_AUTHOR_YEAR = lazy_compile(r"(?:^|,\s*)(?:1[6-9]|20)[0-9][0-9][a-z]?$")
#: A periodical's or publisher's name after a title's question mark has at most this many words
#: (a longer capitalised run is the title's subtitle), unless its volume or pages follow.
_SHORT_WORK = 4
# The tags of HTML's italics around a title ("<em>Title.</em>"), the grammar's ITALIC.
_HTML_ITALIC = lazy_compile(r"^<(?:em|i)>|</(?:em|i)>$")
# A name that is all one span of italics ("_Djibouti._", "<em>Health.</em>"): a title, which
# APA sets first in italics for a work without an author; no author is written so.
_ITALIC_NAME = lazy_compile(
    r"(?:_[^_]+_|\*[^*]+\*|<(?:em|i)>.*</(?:em|i)>)(?:\s*\[[^\[\]]*\])?[.,]?"
)
# An italic span that holds a web address alone (the grammar's WEB_URL starts so).
_ITALIC_ADDRESS = lazy_compile(r"[*_]\s*(?:https?://|www\.)\S*[*_]$")
# An edition in brackets after a title: "(1st ed.)", "(2nd edn)", "(Rev. ed.)".
_EDITION = lazy_compile(
    r"\(\s*(?:[0-9]+(?:st|nd|rd|th)|[Rr]ev\.?|[Rr]evised)\s+(?:ed|edn|edition)\.?\s*\)"
)
_INITIAL_END = lazy_compile(r"(?:^|\s)[A-Z]\.$")
#: The letter after the year that ends a whole date ("December 17, 1986a").
_YEAR_LETTER = lazy_compile(r"(?<=[0-9])([a-z])$")


def _is_date(text: str) -> bool:
    """Whether ``text`` is a whole date as the reference grammar reads one."""
    try:
        parse_reference_date(text)
    except GrammarError:
        return False
    return True


def _name_token(token: Token) -> str:
    """The author an AT_NAME, VC_NAMES or DI_NAMES token holds: "Smith, John." loses its full
    stop, "Tan, Michael L." and "Rubanov I.V." keep their initial's, "Smith J, Doe A."
    (initials without stops) loses it."""
    name = _normal(str(token))
    if token.type == "DI_NAMES":
        return name  # it ends in an initial ("I.V.") or "et al.", full stop and all
    if token.type == "AT_NAME" and (_INITIAL_END.search(name) or name.endswith("et al.")):
        return name
    return name.rstrip(".")


def _bracketed_year(token: Token) -> Token:
    """The year of a ``PAREN_YEAR`` ("(2009)", "(2009, 5 May)", "(n.d.)") as an ``AY_YEAR``."""
    inner = _normal(str(token)[1:-1]).partition(",")[0]
    # "(2013 January)": the year, without the month written after it without a comma.
    return Token("AY_YEAR", inner.partition(" ")[0] if inner[:1].isdigit() else inner)


def _after_bracketed_year(token: Token) -> str:
    """The month and day after a ``PAREN_YEAR``'s year: "(2017, October)", "(2013 January)"."""
    inner = _normal(str(token)[1:-1])
    head, comma, rest = inner.partition(",")
    return rest if comma else head.partition(" ")[2]


class _EntryTransformer(ListTransformer[Token, Any]):
    """Trees of the style start rules -> ``ReferenceEntry``. One instance per entry (it slices)."""

    def __init__(self, text: str) -> None:
        # No method takes a token (``tests/parsers/test_references.py`` checks that no terminal
        # is named like an attribute): visited, each token was looked up by name, missed, and
        # handed back as it was, about a quarter of the transform's time.
        super().__init__(visit_tokens=False)
        self._text = text

    # ------------------------------------------------------------ helpers

    def _cut(self, start: int, end: int) -> str:
        return _normal(self._text[start:end])

    def _frag_text(self, frag: _Frag) -> str:
        return self._cut(frag.start, frag.end)

    def _title_text(self, frag: _Frag) -> str:
        """An unquoted title's words, without the medium or edition that APA writes after it
        ("Size of the Informal Economy [Presentation]", "Rapid Assessments (1st ed.)")."""
        tokens = list(frag.tokens)
        while len(tokens) > 1 and (
            tokens[-1].type == "PLACE"
            or (tokens[-1].type == "PAREN" and _EDITION.fullmatch(str(tokens[-1])) is not None)
        ):
            tokens.pop()
        return self._cut(_start(tokens[0]), _end(tokens[-1]))

    def _title_split(self, frag: _Frag) -> tuple[str, str | None]:
        """An unquoted title and the work its question mark ends it before ("Are interviewers
        asking the right questions? Canadian Journal of Behavioural Science, 33(2), 1-10" ->
        the question, then the journal). The words after the mark are the work when they read
        as a name (capitalised, a name's particles aside) and are short or hold the work's
        numbers; an article, a colon or a longer run opens the title's own subtitle ("Safety
        for Whom? Investigating How Platforms Frame ...", "Defy it? A Debate ...")."""
        tokens = frag.tokens
        for i, token in enumerate(tokens[:-1]):
            if token.type == "WORD" and str(token).endswith("?"):
                rest = self._cut(_start(tokens[i + 1]), _end(tokens[-1]))
                words = rest.split()
                if (
                    tokens[i + 1].type == "WORD"
                    and words[0] not in ("A", "An", "The")
                    and _names_an_author(rest)
                    and (len(words) <= _SHORT_WORK or any(c.isdigit() for c in rest))
                ):
                    return self._cut(_start(tokens[0]), _end(token)), rest
                break
        return self._title_text(frag), None

    def _span_text(self, first: _Frag, last: _Frag) -> str:
        return self._cut(first.start, last.end)

    def _date(self, token: Token) -> DateValue:
        text = _normal(str(token))
        if token.type == "TAIL_DATE":
            text = _YEAR_LETTER.sub("", text)  # only this terminal takes a letter after its year
        return parse_reference_date(text)

    def _date_letter(self, token: Token) -> str | None:
        """The letter after a whole date's year ("December 17, 1986a" -> "a"), or None."""
        found = _YEAR_LETTER.search(_normal(str(token)))
        return found.group(1) if found else None

    def _quoted(self, token: Token) -> str:
        raw = str(token)
        inner = raw[1:-1]
        title = _normal(inner)
        if title and title[-1] in _TITLE_TRAILING:
            title = title[:-1].rstrip()
        if not title:
            raise _fail(self._text, _start(token))
        return title

    def _frag_author(self, frag: _Frag) -> str:
        """The author a run of words names; refused when it is a title in italics."""
        author = self._frag_text(frag)
        if _ITALIC_NAME.fullmatch(author):
            raise _fail(self._text, frag.start)
        return author

    def _italic(self, token: Token) -> str:
        raw = str(token)
        return _normal(_HTML_ITALIC.sub("", raw) if raw[:1] == "<" else raw[1:-1])

    def _code(self, token: Token) -> IndexCode:
        return parse_index_code(_normal(str(token)))

    def _person_split(self, frag: _Frag) -> tuple[str, str | None]:
        """Author and affiliation of a correspondent: the inverted name or first comma item."""
        items = _items(frag)
        author = self._frag_text(items[0])
        container = self._span_text(items[1], items[-1]) if len(items) > 1 else None
        return author, container

    # ------------------------------------------------------------ shared rules

    def phrase(self, c: list[Any]) -> _Frag:
        return _Frag(_tokens(c))

    def lead_phrase(self, c: list[Any]) -> _Frag:
        return _Frag(_tokens(c))

    def corr_item(self, c: list[Any]) -> _Frag:
        return _Frag(_tokens(c))

    recipient_item = corr_item
    att_item = corr_item
    fn_lead = corr_item
    un_name = corr_item
    un_title = corr_item

    def pages_locator(self, c: list[Token]) -> _Role:
        return _Role("pages", _normal(str(c[1])))

    def other_locator(self, c: list[Token]) -> _Role:
        return _Role("pages", _normal(str(c[0])))

    def pages(self, c: list[Token]) -> _Role:
        return _Role("pages", _normal(str(c[1])))

    # ------------------------------------------------------------ IRB

    def source_ditto(self, c: list[Token]) -> _Role:
        # However the ditto was written ("_____", "———", or lost to a bare full stop), it is
        # one mark: the caller tells a ditto by it alone.
        return _Role("source", (DITTO_MARK, None, None))

    def source_named(self, c: list[Any]) -> _Role:
        segments: list[_Frag] = [x for x in c if isinstance(x, _Frag)]
        places = [x for x in c if isinstance(x, Token) and x.type == "PLACE"]
        place = _normal(str(places[0])[1:-1]) if places else None
        first = self._frag_text(segments[0])
        if _is_date(first):
            # "December 1992. Sri Lanka: ..." is the wrapped date line of an entry above: an
            # entry names its source before its date, never a date alone.
            raise _fail(self._text, segments[0].start)
        second = self._frag_text(segments[1]) if len(segments) > 1 else None
        if any(_AUTHOR_YEAR.search(segment) for segment in (first, second) if segment):
            # "Greenbaum, D. 2002a. Memorandum. May 30, 2002." and "EPA-SAB-COUNCIL-ADV-01-004,
            # 2001. Review of ...": the year an author-year entry writes after its author, not
            # an IRB source or its second party.
            raise _fail(self._text, segments[0].start)
        return _Role("source", (first, second, place or None))

    def irb_volume(self, c: list[Token]) -> _Role:
        volume = issue = None
        label = None
        for token in c:
            if token.type in ("VOL_LABEL", "NO_LABEL"):
                label = token.type
            elif token.type == "VOL_NUMBER":
                if label == "VOL_LABEL":
                    volume = _normal(str(token))
                else:
                    issue = _normal(str(token))
        return _Role("volume", volume, issue)

    def irb_item(self, c: list[Any]) -> _Role:
        return _Role("item", self._frag_text(c[0]))

    def irb_cycle(self, c: list[Token]) -> _Role:
        return _Role("cycle", _normal(str(c[0])))

    def title_plain(self, c: list[Token]) -> _Role:
        return _Role("title", self._quoted(c[0]))

    def title_pages(self, c: list[Any]) -> _Role:
        pages = next(x for x in c if isinstance(x, _Role))
        return _Role("title", self._quoted(c[0]), ("pages", pages.value))

    def title_container(self, c: list[Any]) -> _Role:
        frag = next(x for x in c if isinstance(x, _Frag))
        last: Token | _Frag = frag
        for x in c:
            if isinstance(x, Token) and x.type == "PLACE":
                last = x
        end = last.end if isinstance(last, _Frag) else _end(last)
        return _Role("title", self._quoted(c[0]), ("note", self._cut(frag.start, end)))

    def irb_code(self, c: list[Token]) -> _Role:
        return _Role("code", self._code(c[1]))

    def irb_url(self, c: list[Token]) -> _Role:
        return _Role("url", str(c[0]))

    def irb_accessed(self, c: list[Token]) -> _Role:
        value = self._date(c[1])
        assert isinstance(value, Date)  # SINGLE_DATE holds no range
        return _Role("accessed", value)

    irb_noted = irb_accessed

    def irb_retrieval(self, c: list[Token]) -> _Role:
        return _Role("note", _normal(str(c[0])[1:-1]))

    def irb_imprint(self, c: list[Any]) -> _Role:
        return _Role("imprint", self._frag_text(c[0]))

    def _irb_fields(self, children: list[Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        first: str | None = None
        second: str | None = None
        item: str | None = None
        imprint: str | None = None
        title_extra: tuple[str, str] | None = None
        for role in children:
            if isinstance(role, Token):
                if role.type == "DATE":
                    fields["date"] = self._date(role)
                elif role.type == "REST":
                    fields["note"] = _normal(str(role))
            elif role.name == "source":
                first, second, fields["place"] = role.value
            elif role.name == "volume":
                fields["volume"], fields["issue"] = role.value, role.extra
            elif role.name == "cycle":
                fields["issue"] = role.value
            elif role.name == "item":
                item = role.value
            elif role.name == "title":
                fields["title"] = role.value
                title_extra = role.extra
            elif role.name == "code":
                fields["index_code"] = role.value
            elif role.name in ("url", "accessed", "note"):
                fields[role.name] = role.value
            elif role.name == "imprint":
                imprint = role.value
        if item is not None and "title" not in fields:
            fields["title"], item = item, None
        party = item if item is not None else second
        if party is not None:
            fields["author"] = party
            fields["container"] = f"{first}. {second}" if item is not None and second else first
        else:
            fields["author"] = first
        if title_extra is not None:
            name, value = title_extra
            fields[name] = value
        if imprint is not None:
            # The publisher is kept with the retrieval note, before it: "London: AI (NEXIS)".
            note = fields.get("note")
            fields["note"] = imprint if note is None else f"{imprint} ({note})"
        return fields

    def irb(self, c: list[Any]) -> ReferenceEntry:
        return ReferenceEntry(kind="irb", **self._irb_fields(c))

    irb_loose = irb
    irb_book = irb

    # ------------------------------------------------------------ correspondence

    def correspondence_a(self, c: list[Any]) -> ReferenceEntry:
        frag: _Frag = c[0]
        author, container = self._person_split(frag)
        place = next(
            (_normal(str(x)[1:-1]) for x in c if isinstance(x, Token) and x.type == "PLACE"), None
        )
        date = next(self._date(x) for x in c if isinstance(x, Token) and x.type == "DATE")
        kind = next(x for x in c if isinstance(x, Token) and x.type == "CORR_KIND")
        end = _end(c[-1])
        return ReferenceEntry(
            kind="correspondence",
            author=author,
            container=container,
            place=place or None,
            date=date,
            note=self._cut(_start(kind), end),
        )

    def parties(self, c: list[Any]) -> _Role:
        senders = [x for x in c if isinstance(x, _Frag)]
        return _Role("parties", senders, None)

    def parties_to(self, c: list[Any]) -> _Role:
        to = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.type == "TO")
        senders = [x for x in c[:to] if isinstance(x, _Frag)]
        recipients = [x for x in c[to:] if isinstance(x, _Frag)]
        return _Role("parties", senders, self._cut(_start(c[to]), recipients[-1].end))

    def no_parties(self, c: list[Any]) -> _Role:
        return _Role("parties", [], None)

    def corr_tail(self, c: list[Any]) -> _Role:
        fields: dict[str, Any] = {}
        for x in c:
            if isinstance(x, _Role):
                fields["pages"] = x.value
            elif x.type == "URL":
                fields["url"] = str(x)
            elif x.type == "REST":
                fields["rest"] = _normal(str(x))
        return _Role("tail", fields)

    def correspondence_b(self, c: list[Any]) -> ReferenceEntry:
        kind: Token = c[0]
        fields: dict[str, Any] = {"title": _normal(str(kind))}
        rest: str | None = None
        for x in c[1:]:
            if isinstance(x, _Role) and x.name == "parties":
                senders: list[_Frag] = x.value
                if senders:
                    fields["author"] = self._frag_text(senders[0])
                    if len(senders) > 1:
                        fields["container"] = self._span_text(senders[1], senders[-1])
                if x.extra is not None:
                    fields["note"] = x.extra
            elif isinstance(x, _Role) and x.name == "tail":
                tail = dict(x.value)
                rest = tail.pop("rest", None)
                fields.update(tail)
            elif isinstance(x, Token) and x.type == "DATE":
                fields["date"] = self._date(x)
        if rest is not None and "note" not in fields:
            fields["note"] = rest
        return ReferenceEntry(kind="correspondence", **fields)

    # ------------------------------------------------------------ attachment order

    def att_before(self, c: list[Any]) -> _Role:
        return _Role("before", [x for x in c if isinstance(x, _Frag)])

    def att_after(self, c: list[Any]) -> _Role:
        items = [x for x in c if isinstance(x, _Frag)]
        pages = next((x.value for x in c if isinstance(x, _Role)), None)
        return _Role("after", items, pages)

    def _item_text(self, first: _Frag, last: _Frag) -> str:
        if first is last and len(first.tokens) == 1 and first.tokens[0].type == "QUOTED":
            return self._quoted(first.tokens[0])
        return self._span_text(first, last)

    def _attachment(self, person: str | None, c: list[Any]) -> ReferenceEntry:
        before: list[_Frag] = []
        after: list[_Frag] = []
        pages: str | None = None
        date: DateValue | None = None
        for x in c:
            if isinstance(x, _Frag):
                before.append(x)
            elif isinstance(x, _Role) and x.name == "before":
                before.extend(x.value)
            elif isinstance(x, _Role) and x.name == "after":
                after, pages = x.value, x.extra
            elif isinstance(x, Token) and x.type == "DATE":
                date = self._date(x)
        publisher: str | None = None
        title: str | None = None
        if after:
            if before:
                publisher = self._span_text(before[0], before[-1])
            title = self._item_text(after[0], after[-1])
        elif before:
            publisher = self._frag_text(before[-1])
            if len(before) > 1:
                title = self._item_text(before[0], before[-2])
        author: str | None
        if person is not None:
            author, container = person, publisher
        else:
            author, container = publisher, None
        return ReferenceEntry(
            kind="irb-attachment",
            author=author,
            container=container,
            title=title,
            date=date,
            pages=pages,
        )

    def att_person(self, c: list[Any]) -> ReferenceEntry:
        return self._attachment(_normal(str(c[0])), c[1:])

    def att_plain(self, c: list[Any]) -> ReferenceEntry:
        return self._attachment(None, c)

    # ------------------------------------------------------------ footnote bodies

    def fn_title(self, c: list[Token]) -> _Role:
        token = c[0]
        return _Role(
            "title", self._italic(token) if token.type == "ITALIC" else self._quoted(token)
        )

    def index_paren(self, c: list[Token]) -> _Role:
        return _Role("code", self._code(c[1]))

    def index_bare(self, c: list[Token]) -> _Role:
        return _Role("code", self._code(c[1]))

    def fn_when(self, c: list[Token]) -> _Role:
        return _Role("date", self._date(c[-1]))

    def after_when(self, c: list[Any]) -> _Role:
        return next(x for x in c if isinstance(x, _Role))

    def after_rest(self, c: list[Any]) -> _Role:
        return _Role("rest")

    def after_stop(self, c: list[Any]) -> _Role:
        return _Role("rest")

    def _lead(self, lead: _Frag, fields: dict[str, Any]) -> None:
        """A lead-in that is one name and a comma is the author; any other lead-in is the note."""
        body = lead.tokens[:-1]
        is_name = (
            lead.tokens[-1].type == "COMMA"
            and bool(body)
            and all(t.type in ("WORD", "ABBREV", "PAREN") for t in body)
        )
        if is_name:
            fields["author"] = self._cut(_start(body[0]), _end(body[-1]))
        else:
            fields["note"] = self._frag_text(lead)

    def _footnote(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        for x in c:
            if isinstance(x, _Frag):
                self._lead(x, fields)
            elif isinstance(x, _Role) and x.name in ("title", "date"):
                fields[x.name] = x.value
            elif isinstance(x, _Role) and x.name == "code":
                fields["index_code"] = x.value
            elif isinstance(x, Token) and x.type == "ITALIC":
                fields["title"] = self._italic(x)
            elif isinstance(x, Token) and x.type == "QUOTED":
                fields["title"] = self._quoted(x)
            elif isinstance(x, Token) and x.type == "DATE":
                fields["date"] = self._date(x)
        return ReferenceEntry(kind="footnote", **fields)

    def fn_indexed(self, c: list[Any]) -> ReferenceEntry:
        return self._footnote(c)

    fn_italic = fn_italic_paren = fn_quoted = fn_quoted_paren = fn_indexed

    # ------------------------------------------------------------ UN short forms

    def rest_text(self, c: list[Token]) -> _Role:
        return _Role("note", _normal(str(c[-1])))

    def rest_stop(self, c: list[Token]) -> _Role:
        return _Role("stop")

    def _short(self, kind: str, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        frags = [x for x in c if isinstance(x, _Frag)]
        if frags:
            name = frags[0]
            if name.tokens[-1].type == "DOC_NOUN":
                fields["title"] = self._frag_text(name)
            else:
                fields["author"] = self._frag_text(name)
            if len(frags) > 1:
                extra = self._frag_text(frags[1])
                fields["title"] = f"{fields['title']}, {extra}" if "title" in fields else extra
        for x in c:
            if isinstance(x, _Role) and x.name in ("pages", "note"):
                fields[x.name] = x.value
            elif isinstance(x, Token) and x.type == "DATE":
                fields["date"] = self._date(x)
            elif isinstance(x, Token) and x.type == "UN_SYMBOL":
                fields["index_code"] = self._code(x)
        return ReferenceEntry(kind=kind, **fields)

    def un_named(self, c: list[Any]) -> ReferenceEntry:
        return self._short("un-short", c)

    def un_symbol(self, c: list[Any]) -> ReferenceEntry:
        return self._short("un-short", c)

    def un_ibid(self, c: list[Any]) -> ReferenceEntry:
        return self._short("ibid", c)

    # ------------------------------------------------------------ author-year and web

    def ay_author(self, c: list[Token]) -> _Frag:
        return _Frag(_tokens(c))

    ay_author_i = ay_author
    ay_words = ay_author
    at_words = ay_author
    sp_words = ay_author
    ad_words = ay_author
    web_words = ay_author

    def ay_quoted(self, c: list[Token]) -> _Role:
        token = c[0]
        return _Role(
            "title", self._italic(token) if token.type == "ITALIC" else self._quoted(token)
        )

    def ay_access(self, c: list[Token]) -> _Role:
        value: DateValue | None = None
        url: str | None = None
        for token in c:
            if token.type == "ACC_DATE":
                value = self._date(token)
            elif token.type == "WEB_URL":
                url = _address(str(token))
        assert value is None or isinstance(value, Date)  # ACC_DATE holds no range
        return _Role("access", value, url)

    def ay_tail(self, c: list[Any]) -> _Role:
        # A year after a name's or title's words ("Tiempo 2016") is one of them.
        return _Role("tail", [y for x in c for y in (x if isinstance(x, list) else [x])])

    def ay_url_tail(self, c: list[Any]) -> _Role:
        return _Role("tail", c)

    ay_note_tail = ay_url_tail

    def web_access(self, c: list[Token]) -> _Role:
        dates = [t for t in c if t.type == "ACC_DATE"]
        value = self._date(dates[0]) if dates else None
        assert value is None or isinstance(value, Date)  # ACC_DATE holds no range
        return _Role("access", value)

    def ay_word_year(self, c: list[Token]) -> list[Token]:
        return [Token.new_borrow_pos("WORD", str(t), t) if t.type == "TAIL_DATE" else t for t in c]

    def _year(self, token: Token) -> Date | None:
        """The year of an AY_YEAR token ("2019a" -> 2019), None for "n.d."."""
        text = str(token).strip()
        return Date(int(text[:4])) if text[:4].isdigit() else None

    def _with_day(self, year: Date | None, day_month: str) -> DateValue | None:
        """The entry's year completed by a day and month written later ("4 December")."""
        if year is None or year.year is None:
            return year
        try:
            return parse_reference_date(f"{_normal(day_month)} {year.year}")
        except GrammarError:
            return year

    def _year_letter(self, token: Token) -> str | None:
        """The letter of an AY_YEAR token ("2019a" -> "a"): which of one author's works of
        that year the entry is."""
        text = str(token).strip()
        return text[4] if len(text) == 5 and text[:4].isdigit() and text[4].islower() else None

    def ay_head(self, c: list[Any]) -> _Role:
        author: str | None = None
        date: DateValue | None = None
        letter: str | None = None
        precise = False
        edited = False
        for x in c:
            if isinstance(x, _Frag):
                # The editors' mark after the names ("Winter, A. (Eds.)", "Shu Y, eds") says
                # what they did, not who they are.
                author = self._frag_author(x)
                names = _EDITORS_MARK.sub("", author)
                edited = bool(names) and names != author
                author = names or author
            elif x.type in ("DITTO", "LOST_DITTO"):
                author = DITTO_MARK
            elif x.type == "AY_YEAR":
                date, letter = self._year(x), self._year_letter(x)
            elif x.type == "COMMA_YEAR":
                year = Token("AY_YEAR", str(x)[1:])
                date, letter = self._year(year), self._year_letter(year)
            elif x.type == "EDS_YEAR":
                edited = True
                year = Token("AY_YEAR", str(x).rpartition(")")[2])
                date, letter = self._year(year), self._year_letter(year)
            elif x.type == "PAREN_DATE":
                date = parse_reference_date(_normal(str(x)[1:-1]))
                precise = True
            elif x.type == "PAREN_YEAR":
                year = _bracketed_year(x)
                date, letter = self._year(year), self._year_letter(year)
                extra = _after_bracketed_year(x)
                if extra.strip() and isinstance(date, Date):
                    date = self._with_day(date, extra)
                    precise = True
        return _Role("head", (author, date, letter, edited), precise)

    def _tail_fields(
        self, tokens: Sequence[Any], fields: dict[str, Any], year: Date | None
    ) -> None:
        """Container, day, address and access date from the tokens after the title."""
        segment: list[Token] = []
        first_segment = True
        for x in tokens:
            if isinstance(x, _Role):  # an access note
                first_segment = False
                if x.value is not None:
                    fields.setdefault("accessed", x.value)
                if x.extra is not None:
                    fields.setdefault("url", x.extra)
                continue
            if x.type in ("WEB_URL", "PAREN_URL") or (
                x.type == "ITALIC" and _ITALIC_ADDRESS.match(str(x)) is not None
            ):
                # An address in brackets or in markdown's italics ("_https://x.org/a_") is
                # one without them.
                address = str(x) if x.type == "WEB_URL" else str(x)[1:-1]
                fields.setdefault("url", _address(address))
                first_segment = False
            elif x.type == "DAY_MONTH":
                if year is not None and fields.get("date") == year:
                    fields["date"] = self._with_day(year, str(x))
                first_segment = False
            elif x.type == "DOT":
                if segment:
                    first_segment = False
            elif first_segment and not (not segment and x.type in ("COMMA", "QUOTE_CHAR")):
                segment.append(x)
            if not first_segment and segment and "container" not in fields:
                while segment and segment[-1].type in ("COMMA", "COLON", "SEMI", "QUOTE_CHAR"):
                    segment.pop()
                if any(t.type == "WORD" for t in segment):
                    fields["container"] = self._cut(_start(segment[0]), _end(segment[-1]))
                segment = []
        if segment and "container" not in fields:
            while segment and segment[-1].type in ("COMMA", "COLON", "SEMI", "QUOTE_CHAR"):
                segment.pop()
            if any(t.type == "WORD" for t in segment):
                fields["container"] = self._cut(_start(segment[0]), _end(segment[-1]))

    def author_year(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        year: Date | None = None
        tail: list[Any] = []
        day_month: Token | None = None
        for x in c:
            if isinstance(x, _Role) and x.name == "head":
                fields["author"], date, letter, edited = x.value
                if edited:
                    fields["edited"] = True
                if letter is not None:
                    fields["year_suffix"] = letter
                if date is not None:
                    fields["date"] = date
                    year = None if x.extra else date
            elif isinstance(x, _Role) and x.name == "title":
                fields["title"] = x.value
            elif isinstance(x, _Frag):
                x, day_month = _closing_day_month(x)
                fields["title"], work = self._title_split(x)
                if work is not None:
                    fields["container"] = work
            elif isinstance(x, _Role) and x.name == "tail":
                tail = x.value
        if day_month is not None and year is not None and fields.get("date") == year:
            fields["date"] = self._with_day(year, str(day_month))
        self._tail_fields(tail, fields, year)
        return ReferenceEntry(kind="author-year", **fields)

    def at_year(self, c: list[Token]) -> _Role:
        """The entry's date, with the letter after its year as ``extra`` ("1986a")."""
        token = c[0]
        if token.type == "TAIL_DATE":
            return _Role("year", self._date(token), self._date_letter(token))
        if token.type == "PAREN_YEAR":
            token = _bracketed_year(token)
        return _Role("year", self._year(token), self._year_letter(token))

    def at_tail(self, c: list[Any]) -> _Role:
        return _Role("tail", c)

    def author_title(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        for x in c:
            if isinstance(x, Token) and x.type in ("AT_NAME", "VC_NAMES", "DI_NAMES"):
                fields["author"] = _name_token(x)
            elif isinstance(x, _Frag) and "author" not in fields:
                fields["author"] = self._frag_author(x)
            elif isinstance(x, _Role) and x.name == "title":
                fields["title"] = x.value
            elif isinstance(x, _Frag):
                fields["title"], work = self._title_split(x)
                if work is not None:
                    fields["container"] = work
            elif isinstance(x, _Role) and x.name == "tail":
                tail = x.value
                # The first year dates the entry; the words before it name the work.
                first = next(
                    i for i, t in enumerate(tail) if isinstance(t, _Role) and t.name == "year"
                )
                if tail[first].value is not None:
                    fields["date"] = tail[first].value
                if tail[first].extra is not None:
                    fields["year_suffix"] = tail[first].extra
                rest = [t for t in tail if not (isinstance(t, _Role) and t.name == "year")]
                # The year ends the segment before it, as its full stop would.
                self._tail_fields([*rest[:first], Token("DOT", "."), *rest[first:]], fields, None)
        title = fields.get("title")
        if (
            title is None
            or _starts_with_date(title)
            or not _names_an_author(fields.get("author", ""))
        ):
            # "Source. 25 February 2000. Title." is an entry dated after its source (IRB);
            # "Others disagree (Guardian 1991). The Monitor. ... 1990.", a sentence before an
            # entry, has no author.
            raise GrammarError(_GRAMMAR, self._text, 0)
        return ReferenceEntry(kind="author-title", **fields)

    def author_dateless(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        tail: list[Any] = []
        for x in c:
            if (
                isinstance(x, Token)
                and x.type in ("AT_NAME", "VC_NAMES", "DI_NAMES")
                and not fields
            ):
                fields["author"] = _name_token(x)
            elif isinstance(x, _Frag) and "author" not in fields:
                fields["author"] = self._frag_author(x)
            elif isinstance(x, _Role) and x.name == "title" and "title" not in fields:
                fields["title"] = x.value
            elif isinstance(x, _Frag) and "title" not in fields:
                fields["title"] = self._title_text(x)
            elif "title" in fields and not (isinstance(x, Token) and x.type == "LIST_MARK"):
                tail.append(x)
        title = fields.get("title")
        if (
            title is None
            or _starts_with_date(title)
            or not _names_an_author(fields.get("author", ""))
        ):
            # "Reuters. 11 November 1994." is dated (IRB); "The report. It was ..." is prose.
            raise GrammarError(_GRAMMAR, self._text, 0)
        self._tail_fields(tail, fields, None)
        return ReferenceEntry(kind="author-title", **fields)

    def cn_author(self, c: list[Token]) -> _Frag:
        return _Frag(_tokens(c[:-1]))  # without the comma that ends it

    cn_title = ay_quoted  # a title in single curly quotes reads as one in double quotes

    def cn_date(self, c: list[Token]) -> _Role:
        return _Role("date", None if c[0].type == "NO_DATE" else self._date(c[0]))

    def comma_note(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        after_date: list[Any] = []
        dated = False
        for x in c:
            if isinstance(x, _Frag):
                fields["author"] = self._frag_text(x)
            elif isinstance(x, _Role) and x.name == "title":
                fields["title"] = x.value
            elif isinstance(x, _Role) and x.name == "date":
                dated = True
                if x.value is not None:
                    fields["date"] = x.value
            elif dated and not (isinstance(x, Token) and x.type == "BACK_LINK"):
                after_date.append(x)
        if not _names_an_author(fields.get("author", "")):
            # 'According to the minister, "we will act", he said in May 1995.': a quotation.
            raise GrammarError(_GRAMMAR, self._text, 0)
        self._tail_fields(after_date, fields, None)
        fields.pop("container", None)
        return ReferenceEntry(kind="comma-note", **fields)

    def cp_items(self, c: list[Token]) -> _Role:
        return _Role("items", _Frag(_tokens(c[:-1])))  # without the comma before the date

    def cp_date(self, c: list[Token]) -> _Role:
        return _Role("date", None if c[-1].type == "NO_DATE" else self._date(c[-1]))

    def comma_plain(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        tail: list[Any] = []
        items: _Frag | None = None
        for x in c:
            if isinstance(x, _Role) and x.name == "items":
                items = x.value
            elif isinstance(x, _Role) and x.name == "date":
                if x.value is not None:
                    fields["date"] = x.value
            elif not (isinstance(x, Token) and x.type in ("LIST_MARK", "BACK_LINK")):
                tail.append(x)
        assert items is not None
        # The first item is the author when another (the title) follows it; an entry under its
        # author's heading has the title alone.
        tokens = items.tokens
        comma = next((i for i, t in enumerate(tokens) if t.type == "COMMA"), None)
        if comma is None:
            fields["title"] = self._frag_text(items)
        else:
            author = self._cut(_start(tokens[0]), _end(tokens[comma - 1]))
            opening = author.lstrip("([")[:1]
            if not opening.isupper() and not opening.isdigit():
                # "and in the north, fighting resumed, 5 May 2020.": prose, not a source.
                raise GrammarError(_GRAMMAR, self._text, 0)
            fields["author"] = author
            fields["title"] = self._cut(_start(tokens[comma + 1]), _end(tokens[-1]))
        self._tail_fields(tail, fields, None)
        fields.pop("container", None)
        return ReferenceEntry(kind="comma-note", **fields)

    tf_title = ay_author

    def title_first(self, c: list[Any]) -> ReferenceEntry:
        # The grammar's alternative is told by what opens the entry: a quoted title, else a
        # title before its year in brackets (a quoted title may come later in that one:
        # '*Report* (2019) "Chapter"').
        opening = next(x for x in c if not (isinstance(x, Token) and x.type == "LIST_MARK"))
        if not (isinstance(opening, Token) and opening.type == "QUOTED"):
            return self._title_year_first(c)
        title = opening
        fields: dict[str, Any] = {"title": self._quoted(title)}
        work = next(x for x in c if isinstance(x, _Frag))
        # The work is the words up to the first comma; a date among the words dates the entry.
        named = list(itertools.takewhile(lambda t: t.type != "COMMA", work.tokens))
        if named and any(t.type == "WORD" for t in named):
            fields["container"] = self._cut(_start(named[0]), _end(named[-1]))
        tail: list[Any] = []
        for x in c[c.index(work) + 1 :]:
            tail.extend(x.value if isinstance(x, _Role) and x.name == "tail" else [x])
        dates = [t for t in (*work.tokens, *tail) if isinstance(t, Token) and t.type in _DATED]
        if dates:
            fields["date"] = self._date(dates[0])
        self._tail_fields([x for x in tail if x not in dates], fields, None)
        return ReferenceEntry(kind="title-first", **fields)

    def _title_year_first(self, c: list[Any]) -> ReferenceEntry:
        """ "Title: Subtitle (2021). Publisher. URL" or "_Title._ (2021). Publisher. URL": the
        title, the year in brackets, then what follows read as an author-year entry's tail."""
        italic = next((x for x in c if isinstance(x, Token) and x.type == "ITALIC"), None)
        if italic is not None:
            title = self._italic(italic).rstrip(_TITLE_TRAILING).rstrip()
        else:
            title = self._title_text(next(x for x in c if isinstance(x, _Frag)))
        fields: dict[str, Any] = {"title": title}
        at = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.type == "PAREN_YEAR")
        year = self._year(_bracketed_year(c[at]))
        if year is not None:
            # The month and day APA writes after the year ("(2017, October)", "(2020, June
            # 18)"), as after an author.
            extra = _after_bracketed_year(c[at])
            fields["date"] = self._with_day(year, extra) if extra.strip() else year
        self._tail_fields(c[at + 1 :], fields, year)
        return ReferenceEntry(kind="title-first", **fields)

    def web_url(self, c: list[Any]) -> ReferenceEntry:
        fields: dict[str, Any] = {}
        self._tail_fields(
            [x for x in c if not (isinstance(x, Token) and x.type == "LIST_MARK")], fields, None
        )
        fields.pop("container", None)
        return ReferenceEntry(kind="web", **fields)

    def web_titled(self, c: list[Any]) -> ReferenceEntry:
        frags = [x for x in c if isinstance(x, _Frag)]
        # The tail starts at the access note ("Retrieved from"), else at the address.
        at = next(
            i
            for i, x in enumerate(c)
            if isinstance(x, _Role)
            or (isinstance(x, Token) and x.type in ("WEB_URL", "PAREN_URL", "AVAILABLE"))
        )
        fields: dict[str, Any] = {"title": self._frag_text(frags[-1])}
        if any(_only_a_date(str(token)) for frag in frags for token in frag.tokens):
            # "MARD. (2020). https://...", "Facebook. 2021. Accessed ...", "Title. (n.d.)
            # Publisher. Retrieved from ...": a web entry's segments hold no date (the
            # author-year, IRB and title-first styles read these).
            raise _fail(self._text, frags[-1].start)
        if len(frags) > 1:
            fields["author"] = self._frag_text(frags[0])
        self._tail_fields(c[at:], fields, None)
        fields.pop("container", None)
        return ReferenceEntry(kind="web", **fields)

    # ------------------------------------------------------------ names

    def name(self, c: list[Token]) -> ReferenceEntry:
        tokens = [t for t in c if t.type != "DOT"]
        return ReferenceEntry(
            kind="name-only", author=self._cut(_start(tokens[0]), _end(tokens[-1]))
        )

    def label(self, c: list[Token]) -> ReferenceEntry:
        return ReferenceEntry(kind="label", note=self._cut(_start(c[0]), _end(c[-1])))


# A necessary condition for a style, checked before its grammar is run: every entry a style
# accepts contains its anchor (a DATE token holds a year; a footnote source has an index label,
# an italic or a quoted title). This skips whole-prose parses; the grammar still decides.
_YEAR = lazy_compile(r"(?:1[6-9]|20)[0-9][0-9]")
_ANCHORS: dict[str, re.Pattern[str]] = {
    "irb": _YEAR,
    "irb_loose": _YEAR,
    "irb_book": _YEAR,
    "correspondence_a": _YEAR,
    "correspondence_b": _YEAR,
    "attachment": _YEAR,
    "footnote": lazy_compile(r"[*\"“”„]|(?i:index)"),
    # A year after a full stop, comma, bracket or initial, ending its segment; a date in
    # brackets; or "n.d.".
    "author_year": lazy_compile(
        r"(?:[.,()]|[A-Z]\.|et al\.?)\s*(?:1[6-9]|20)[0-9][0-9](?:[/–-][0-9]{2,4})?[a-z]?\s*"
        r"(?:[.,:;)]|$)|\([^()]{0,20}(?:1[6-9]|20)[0-9][0-9]\s*\)|[Nn]\.\s?[Dd]"
        r"|\(\s*(?:1[6-9]|20)[0-9][0-9]\s+[A-Za-z]"
        r"|[A-Za-z)]\s+(?:1[6-9]|20)[0-9][0-9][a-z]?,"
        # A work not yet out where the year stands: "Weinstein. Forthcoming.", "(in press)".
        r"|[.(]\s*(?:[Ff]orthcoming|[Ii]n\s+[Pp]ress)\s*[.,)]"
    ),
    # A year ending its segment after the title: ", 2008." or "(2001)" (the author ends in a
    # full stop, or in Springer's style in a colon).
    "author_title": lazy_compile(
        r"[.:]\s.*(?:(?:1[6-9]|20)[0-9][0-9][a-z]?\s*(?:[.,:;)]|$)|\((?:1[6-9]|20)[0-9][0-9]\))"
    ),
    # A full stop that ends the author, then more words.
    "author_dateless": lazy_compile(r"[^\s.]\.\s+\S"),
    # A comma, then an opening quotation mark.
    "comma_note": lazy_compile(r",\s*[‘\"“*]"),
    # A comma with a year after it (a date, an access note) or "no date".
    "comma_plain": lazy_compile(
        r",\s*(?:[^,]*(?:1[6-9]|20)[0-9][0-9]|(?i:no date|n\.\s?d|undated))"
    ),
    "web": lazy_compile(r"(?i:https?:|www\.)"),
    # The title opens the entry, after a bullet or list number at most, quoted or in italics;
    # or a subtitle's colon, then the year (or "n.d.") in brackets.
    "title_first": lazy_compile(
        r"^.{0,12}?(?:[\"“„]|[_*][^\s_*]|<(?:em|i)>)"
        r"|:.*\((?:(?:1[6-9]|20)[0-9][0-9][a-z]?|[Nn]\.\s?[Dd]\.?)\)"
    ),
}


#: Lower-case words that names of organisations and people hold ("Ministry of Foreign Affairs",
#: "van der Berg"); any other lower-case word makes the words before a full stop prose.
_NAME_PARTICLES = frozenset(
    {"of", "on", "the", "and", "for", "in", "at", "to", "de", "du", "des", "del", "della", "la",
     "le", "van", "von", "der", "den", "et", "al", "y", "e", "da", "dos", "das", "bin", "ibn"}
)  # fmt: skip


def _starts_with_date(text: str) -> bool:
    # "(2019)" as a title is the date in brackets that an author-year head lost; so is "(n.d.)"
    # (the grammar's PAREN_YEAR).
    if _whole_terminal("PAREN_YEAR").fullmatch(text.strip()) is not None:
        return True
    head = re.split(r"[.,;:]", text, maxsplit=1)[0].strip("()[] ")
    try:
        parse_reference_date(_normal(head))
    except GrammarError:
        return False
    return True


@functools.cache
def _whole_terminal(terminal: str) -> re.Pattern[str]:
    return terminal_pattern(_GRAMMAR, _STARTS, terminal)


def _only_a_date(text: str) -> bool:
    """Whether a segment read as a title is only the entry's date as the grammar's tokens write
    it: a year or "n.d." in brackets (PAREN_YEAR) or a bare year (AY_YEAR)."""
    text = text.strip()
    return any(
        _whole_terminal(name).fullmatch(text) is not None for name in ("PAREN_YEAR", "AY_YEAR")
    )


def _names_an_author(author: str) -> bool:
    """Whether the words before an author-title entry's first full stop can be its author: no
    lower-case word but a name's particles."""
    words = re.findall(r"[^\s,;()\[\]]+", author)
    if not words:
        return False
    return all(not word[0].islower() or word.rstrip(".") in _NAME_PARTICLES for word in words)


#: Terminals a style cannot read an entry without (the correspondence styles name the kind of
#: exchange, an attachment entry has a comma before its date): their patterns, taken from the
#: grammar, are anchors too. A list of entries that are none of these is read faster.
_REQUIRED_TERMINALS: dict[str, tuple[str, ...]] = {
    "correspondence_a": ("CORR_KIND",),
    "correspondence_b": ("CORR_KIND",),
    "attachment": ("COMMA",),
}


@functools.cache
def _style_anchors(style: str) -> tuple[_Anchor, ...]:
    """Patterns each found somewhere in any entry ``style`` reads (built on first use, when the
    grammar is loaded anyway)."""
    anchors: list[_Anchor] = [_ANCHORS[style]] if style in _ANCHORS else []
    screen = _SCREENS.get(style)
    if screen is _YEAR:
        # The year is an anchor of its own, searched once for the six styles that share it.
        anchors.insert(0, _YEAR)
    elif screen is not None:
        anchors = [_Screened(anchor, screen) for anchor in anchors]
    elif style in _SCREEN_WORDS:
        anchors = [_WordsFirst(anchor, _SCREEN_WORDS[style]) for anchor in anchors]  # type: ignore[arg-type]
    for terminal in _REQUIRED_TERMINALS.get(style, ()):
        anchors.append(_required_terminal(terminal))
    return tuple(anchors)


#: For a style's anchor, a pattern that matches wherever the anchor does and is searched for
#: much faster (its branches open with a literal character, which the regex engine skips to):
#: where it is not found, neither is the anchor. A text without a year searched for the
#: author-year anchor took 50 microseconds for 230 characters, the screen 3; two entries in
#: five have none. Every branch of the author-year anchor holds a year, its "[Nn]\.\s?[Dd]",
#: "forthcoming" or "in press" (their first letter in either case); both branches of the
#: author-title anchor a year.
_SCREENS: dict[str, re.Pattern[str]] = {
    "author_year": lazy_compile(
        r"1[6-9][0-9][0-9]|20[0-9][0-9]|N\.\s?[Dd]|n\.\s?[Dd]|Forthcoming|forthcoming"
        r"|In\s+[Pp]ress|in\s+[Pp]ress"
    ),
    "author_title": _YEAR,
}
#: For a style's anchor, words (lower case) one of which every match of it holds
#: (``_WordsFirst``): the footnote anchor's marks, or "index" in any case, which the engine
#: tried at every character of a text case-blind (18 microseconds a search of 230).
_SCREEN_WORDS: dict[str, tuple[str, ...]] = {"footnote": ("*", '"', "“", "”", "„", "index")}


class _Screened:
    """``pattern.search``, after a search for ``screen``, which matches wherever ``pattern``
    does: where ``screen`` is not found, neither is ``pattern``."""

    # A plain class, as ``_WordsFirst``: an anchor is a key of each entry's answers.
    __slots__ = ("pattern", "screen")

    def __init__(self, pattern: _Anchor, screen: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.screen = screen

    def search(self, text: str, /) -> object:
        if self.screen.search(text) is None:
            return None
        return self.pattern.search(text)


class _Anchor(Protocol):
    def search(self, text: str, /) -> object: ...


@functools.cache
def _required_terminal(terminal: str) -> _Anchor:
    """The anchor of a required terminal: its pattern, behind a test for the words every match
    of it holds where the pattern has such words (one object for the styles that share it)."""
    pattern = terminal_pattern(_GRAMMAR, _STARTS, terminal)
    words = required_words(pattern.pattern)
    if words is None or (len(words) == 1 and re.escape(words[0]) == pattern.pattern):
        return pattern  # no words, or the pattern is its one word (",")
    return _WordsFirst(pattern, words)


#: The characters that a case-blind regex matches to an ASCII character but that do not
#: case-fold to it alone ("ı" is matched by "i"; "İ" folds to "i" and a combining dot).
FOLDS_APART = "ıİ"


class _WordsFirst:
    """``pattern.search`` that first looks for ``words`` (lower case), one of which every match
    holds: where none is in the text's case-folded copy, the pattern, which matches each
    character of them as it is or case-blind, cannot match (every other character a case-blind
    ASCII letter matches folds to that letter: ``tests/parsers/test_references.py``). The
    kind-of-exchange alternation took 55 microseconds a search, case-blind, at each character
    of an entry, and two entries in three are searched for it."""

    # A plain class: an anchor is a key of each entry's answers, one object for the styles that
    # share it, and an attrs class's hash of its fields cost 0.7 microseconds a look-up.
    __slots__ = ("pattern", "words")

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words

    def search(self, text: str, /) -> re.Match[str] | None:
        if not any(char in text for char in FOLDS_APART):
            folded = text.casefold()
            if not any(word in folded for word in self.words):
                return None
        return self.pattern.search(text)


def _style_order(section: str) -> tuple[str, ...]:
    if section == "footnote":
        return FOOTNOTE_STYLES
    return ATTACHMENT_STYLES if section == "attachment" else LIST_STYLES


def _competing(section: str) -> tuple[str, ...]:
    return () if section == "footnote" else COMPETING_STYLES


def _ordered_bonus(section: str) -> int:
    """The lead the section's own styles have over the competing ones. A list headed
    Bibliography (Works cited, Further reading) is a research report's, not an IRB response's
    (whose lists are References and Additional Sources Consulted): there the reading that finds
    the most wins outright ("Freedom House. Nations in Transit. 2017." is an author and a
    title, not a periodical and its publisher)."""
    return 0 if section == "bibliography" else _ORDERED_BONUS


# Weights of the fields a reading found: the fields a reader checks a source by count double.
_MAIN_FIELDS = ("author", "date", "title", "url", "accessed", "index_code")
_MINOR_FIELDS = ("container", "place", "volume", "issue", "pages")


#: Readings of the ordered styles other than these get ``_ORDERED_BONUS`` in a competition.
_LOOSE_STYLES = frozenset({"irb_loose", "irb_book", "name_only"})
_ORDERED_BONUS = 2


def reading_score(style: str, entry: ReferenceEntry) -> int:
    """How much of an entry a reading found: 2 a main field, 1 a minor one, less 1 for the loose
    IRB form (its tail is kept unread) and for the IRB book form (a research style reads the
    same shape as well). Readings of one entry in several styles compete by it."""
    score = sum(2 for name in _MAIN_FIELDS if getattr(entry, name) is not None)
    score += sum(1 for name in _MINOR_FIELDS if getattr(entry, name) is not None)
    if entry.kind == "correspondence" and entry.note is not None:
        score += 2  # its description ("Correspondence sent to ...") says what the source is
    return score - (1 if style in ("irb_loose", "irb_book") else 0)


def _parse_as(text: str, style: str) -> ReferenceEntry:
    """``text`` read whole as an entry of ``style``; ``GrammarError`` when it is not one."""
    found = _kept_reading(text, style)
    if type(found) is Refusal:
        raise GrammarError(_GRAMMAR, text, found.position, found.expected)
    return cast("ReferenceEntry", found)


def _kept_reading(text: str, style: str) -> ReferenceEntry | Refusal:
    """``text`` read whole as an entry of ``style``, or where and why that was refused.

    Splitting a list tries the same runs of lines in the same styles more than once (a run
    read while cutting a block is read again as the entry the cut gives, and the lines of a
    block are tried again when the block's reading is checked), about a third of all reference
    parses on real reports: the latest answers are kept (``_KEPT_PARSES`` of them, the oldest
    dropped first, so that memory stays bounded however long the list). A refusal is kept as
    where the grammar stopped and what it expected (a ``GrammarError`` held its message, the
    text again and itself, about 1 KB a refusal, most of the parses kept)."""
    if len(text) > _CACHED_LENGTH:
        return _reading(text, style)
    key = (text, style)
    known = _PARSES.get(key)
    if known is None:
        if len(_PARSES) >= _KEPT_PARSES:
            oldest = next(iter(_PARSES), key)
            _PARSES.pop(oldest, None)  # None: another thread took it first
        known = _PARSES[key] = _reading(text, style)
    return known


def _reading(text: str, style: str) -> ReferenceEntry | Refusal:
    """``text`` read whole as an entry of ``style``, or the grammar's (or the transformer's
    checks') refusal: returned, not raised, as most texts tried in a style are not in it."""
    tree = parse_full_start_or_refusal(_GRAMMAR, _STARTS, text, style)
    if type(tree) is Refusal:
        return tree
    try:
        entry = _EntryTransformer(text).transform(cast("Tree[Token]", tree))
    except VisitError as error:
        if not isinstance(error.orig_exc, GrammarError):
            raise
        refused = error.orig_exc
        release(error)
        release(refused)
        # The transformer refuses with this grammar and text (``_fail``): only where, and why.
        return Refusal(refused.position, refused.expected)
    assert isinstance(entry, ReferenceEntry)
    return entry


def inverted_name(name: str) -> tuple[str, str] | None:
    """``("Oka", "Natsuko")`` when ``name`` is one inverted personal name as the grammar reads it
    (its ``NAME_INVERTED`` token, "Oka, Natsuko"), else None.

    Correspondence and attachment entries keep such a name whole as their author; this splits
    it into family and given names by the grammar's own definition, not by a second one.
    """
    # The token's lookahead wants what follows a name in an entry: a comma, here.
    match = terminal_pattern(_GRAMMAR, _STARTS, "NAME_INVERTED").match(name + ",")
    if match is None or match.end() != len(name):
        return None
    family, given = name.split(",", 1)
    return family.strip(), given.strip()


def opens_with_ditto(text: str) -> bool:
    """Whether an entry's ``text`` opens as a ditto of the source above, as the grammar reads
    one: its ``DITTO`` mark ("_____", "———", "---") before a full stop, or the bare full stop
    left where a web copy lost the mark (". 30 January 1992.")."""
    opening = text.lstrip()
    if opening.startswith(". "):
        return True
    match = terminal_pattern(_GRAMMAR, _STARTS, "DITTO").match(opening)
    return match is not None and opening[match.end() :].lstrip().startswith(".")


def _list_mark(line: str) -> re.Match[str] | None:
    """The bullet or list number ``line`` opens with, as the grammar's ``LIST_MARK`` reads one."""
    return terminal_pattern(_GRAMMAR, _STARTS, "LIST_MARK").match(line.strip())


def opens_with_list_mark(line: str) -> bool:
    """Whether ``line`` opens with a bullet or a list number as the grammar reads one
    (``LIST_MARK``: "*", "-", "•", "1.", "[1]", "(1)", "^ a b")."""
    return _list_mark(line) is not None


def list_number(line: str) -> int | None:
    """The number of the list mark ``line`` opens with, as the grammar reads one (``LIST_MARK``:
    "12 Spectorman T.Yu.", "3. Smith", "[4]", "(5)"); None for a bullet or no mark."""
    match = _list_mark(line)
    if match is None:
        return None
    digits = "".join(character for character in match.group() if character.isdigit())
    return int(digits) if digits else None


def join_entry_lines(text: str) -> str:
    """An entry's lines as one line, as its styles read it: whitespace runs become one space,
    and a word a page broke with a hyphen at a line's end is whole again ("Poverty Sta-" /
    "tistics" -> "Statistics", "Micro-" / "Sized" -> "Micro-Sized", "2022-" / "2042" ->
    "2022-2042"). A break inside a web address is left to the address's own reading (its
    hyphens are its own: "wp-" / "content"). The zero-width spaces a PDF sets inside an address
    as places to break the line are dropped, so that an address broken after one reads on."""
    text = text.translate(_ZERO_WIDTH_SPACES)
    above, _, last = text.rstrip().rpartition("\n")
    if above.strip() and _address_piece(above, last):
        # ".../file/d/1hmmFQetvcy1" / "F1tm3mKxu2yRWOTuKiCn/view?usp=sharing": the last piece
        # of an address broken between two letters or digits, alone on the entry's last line,
        # is read as part of that address.
        text = f"{above.rstrip()}{last.strip()}"
    return _GLUED_YEAR.sub(". ", _normal(_LINE_END_HYPHEN.sub(_unbreak, text)), count=1)


# A year glued to the full stop ending the names before it, as a PDF's text may give it
# ("Mirko Ebelshaeuser.2021. ..."): the year after a name is a field of its own.
_GLUED_YEAR = lazy_compile(r"(?<=[a-z]{2})\.(?=(?:1[6-9]|20)\d\d[a-z]?\.\s)")


# A hyphen that ends a line between two letters or digits, and the word it ends.
_LINE_END_HYPHEN = lazy_compile(r"(\S*)([A-Za-z0-9])-[ \t]*\r?\n\s*(?=[A-Za-z0-9])")


def _unbreak(match: re.Match[str]) -> str:
    word, last = match.group(1), match.group(2)
    if "/" in word or "www." in word or "%" in word or "_" in word:
        return match.group(0)  # a web address: its reading joins it
    following = match.string[match.end() : match.end() + 1]
    if last.islower() and following.islower():
        return word + last  # a word the page hyphenated: "Sta-" / "tistics"
    return f"{word}{last}-"  # a hyphen of the word's own: "Micro-" / "Sized", "2022-" / "2042"


def ends_with_address(text: str) -> bool:
    """Whether ``text`` (an entry's lines, joined) ends with a whole web address as the grammar
    reads one (``WEB_URL``, wrapped over lines or not): an entry may end so without a full stop
    ("... Accessed via https://x.org/Bill-No.-194-" / "Rasol-Y.-Database.pdf")."""
    joined = _normal(text).rstrip(".,;")
    if not joined:
        return False
    above, _, last = text.rstrip().rpartition("\n")
    if above.strip() and _address_piece(above, last):
        # ".../file/d/1hmmFQetvcy1" / "F1tm3mKxu2yRWOTuKiCn/view?usp=sharing": an address the
        # page broke between two letters or digits, where the grammar cannot see that it goes
        # on; its last piece, alone on the entry's last line, ends the entry all the same.
        return True
    if _ends_with_doi(joined):
        # "... 78(2): 207–13. doi: 10.1111/j.1467-923X.2007.00848.x": a DOI is an address too.
        return True
    pattern = terminal_pattern(_GRAMMAR, _STARTS, "WEB_URL")
    # The address the entry ends with starts at its last "http"/"www." (an address never holds
    # another one: the terminal refuses a chunk that starts a new address).
    start = max(joined.rfind("http://"), joined.rfind("https://"), joined.rfind("www."))
    if start < 0:
        return False
    match = pattern.match(joined, start)
    return (
        match is not None and match.end() == len(joined) and _ADDRESS_GOES_ON.search(joined) is None
    )


def _address_piece(above: str, line: str) -> bool:
    """Whether ``line`` is one unbroken piece of a web address's path ("F1tm3m/view?usp=x",
    as the grammar's ``WEB_URL`` reads it after a host) under ``above``, which ends with a whole
    address as the grammar reads one, on a letter or digit: the rest of that address, broken
    between two letters or digits where it could have ended."""
    piece = line.strip().rstrip(".,;")
    if (
        not piece
        or " " in piece
        or "/" not in piece.rstrip("/")
        or "://" in piece
        or "." in piece.split("/", 1)[0]
    ):
        # A host ("thenationalnews.com/...") starts an address's rest after "https://www."
        # (which the grammar joins itself), not a piece of a path cut inside a word.
        return False
    if not above.rstrip()[-1:].isalnum() or not ends_with_address(above):
        return False
    pattern = terminal_pattern(_GRAMMAR, _STARTS, "WEB_URL")
    probe = f"http://x.org/{piece}"
    match = pattern.match(probe)
    return match is not None and match.end() == len(probe)


def _ends_with_doi(joined: str) -> bool:
    """Whether ``joined`` ends with a DOI as the grammar reads one (``doi_tail``).

    Only the last word can hold the DOI: on its own after a space ("... 207–13. 10.1111/x"),
    after a label word ("doi: 10.1111/x"), or with its label inside the word ("doi:10.1111/x",
    "(doi:10.1177/x)", "https://doi:10.1111/x"). The grammar is asked about those tails only."""
    words = joined.rsplit(None, 2)
    if not words:
        return False
    last = words[-1]
    tails: list[str] = []
    if last.startswith("10.") and len(words) > 1:
        tails += (f"{words[-2]} {last}", last)
    lowered = last.lower()
    at = lowered.find("doi")
    while at >= 0:
        if at == 0 or not (last[at - 1].isalnum() or last[at - 1] == "_"):
            tails.append(last[at:])
        at = lowered.find("doi", at + 1)
    for tail in tails:
        try:
            parse_full_start(_GRAMMAR, _STARTS, tail, "doi_tail")
        except GrammarError:
            continue
        return True
    return False


# An address cut where it cannot end: after "://", "www." or a character that joins its parts
# ("/" ends many addresses: ".../news/").
_ADDRESS_GOES_ON = lazy_compile(r"(?:://|www\.|[\-_=?&%])$")


def classify_reference(text: str, section: str = "references") -> tuple[str, ReferenceEntry]:
    """The style (start rule) ``text`` was read as and its entry; ``GrammarError`` when none fits.

    The styles of ``section`` are tried in order (``FOOTNOTE_STYLES`` for "footnote",
    ``LIST_STYLES`` otherwise); the first that accepts the whole text wins.
    """
    text = text.strip()
    bonus = _ordered_bonus(section)
    if len(text) > _CACHED_LENGTH:
        return _classify(text, _style_order(section), competing=_competing(section), bonus=bonus)
    # By section, then text: a (text, section) pair for each entry of a document was held
    # with its reading.
    readings = _READINGS.get(section)
    if readings is None:
        readings = _READINGS[section] = {}
    once = _READ_ONCE[0]
    reading = readings.pop(text, None) if once else readings.get(text)
    if reading is None:
        if sum(map(len, _READINGS.values())) >= _CACHED_ENTRIES:
            for kept in _READINGS.values():
                kept.clear()
            _SHARED.clear()
        # Entries are immutable, so the second reading is the first.
        style, entry = _classify(
            text, _style_order(section), competing=_competing(section), bonus=bonus
        )
        reading = style, _shared_fields(entry)
        if not once:
            readings[text] = reading
    return reading


def read_each_once() -> None:
    """From now until ``forget_readings``, a kept reading is handed out once and dropped, and
    new ones are not kept: the document reads each entry once after segmentation, and the
    readings of the entries read (their texts and pairs, about 170 bytes an entry) were held
    beside the document's references until the last was made."""
    _READ_ONCE[0] = True
    # Segmentation is done with the parses kept: they were held beside the references made.
    _PARSES.clear()


def take_reading(text: str, section: str = "references") -> ReferenceEntry | None:
    """What ``read_list_entry(text, section)`` gives when a reading of ``text`` is kept, and the
    kept reading dropped; None when none is kept, or when it is no style's (``read_list_entry``
    reads more then). Segmentation hands each entry's reading to its block this way as the
    entry is settled: kept by its text until the document read it, a list's readings were held
    with a copy of each entry's text (about 150 bytes an entry), the peak of reading a list."""
    text = text.strip()
    readings = _READINGS.get(section)
    if readings is None:
        return None
    reading = readings.get(text)
    if reading is None or (reading[1].kind == "unstructured" and section != "footnote"):
        return None
    del readings[text]
    if section == "footnote":
        return reading[1]
    return _with_partial(text, section, *reading)


def forget_readings() -> None:
    """Drop the readings kept so far (``segment`` calls this as it starts a document, and the
    document once its sources are read: readings are kept for one document at a time)."""
    _READINGS.clear()
    _PARSES.clear()
    _PARTIAL_READINGS.clear()
    _SHARED.clear()
    _READ_ONCE[0] = False


#: The fields of an entry that the entries of a list repeat (a publisher's place, a periodical,
#: a year, a city read as a note): equal values read while the readings are kept are one object
#: (``_shared_fields``).
_REPEATED_FIELDS = ("author", "place", "date", "container", "accessed", "note")
_SHARED: dict[object, object] = {}
#: At most this many values are kept for sharing.
_SHARED_VALUES = 4096


def _shared_fields(entry: ReferenceEntry) -> ReferenceEntry:
    """``entry`` with each field of ``_REPEATED_FIELDS`` equal to one read before replaced by
    that one: a document's entries are held together, and a long list had its own copy of
    "Toronto" and of ``Date(1995)`` in every entry."""
    changes: dict[str, Any] = {}
    if len(_SHARED) >= _SHARED_VALUES:
        # A list whose every entry has a name of its own: the names were held here until the
        # document was read. A value repeated is shared again from its next entry on.
        _SHARED.clear()
    for name in _REPEATED_FIELDS:
        value = getattr(entry, name)
        if value is not None:
            known = _SHARED.setdefault(value, value)
            if known is not value:
                changes[name] = known
    return attrs.evolve(entry, **changes) if changes else entry


#: Entries up to this length are kept (``_CACHED_ENTRIES`` of them at most) so that reading one
#: twice (segmentation decides where an entry ends, then the document reads it) is free. All of
#: a document's entries are kept, not the most recent few: the document reads its entries after
#: segmentation has read all of them, so a list longer than a recency cache would be read twice.
_CACHED_LENGTH = 2000
_CACHED_ENTRIES = 1 << 20
_READINGS: dict[str, dict[str, tuple[str, ReferenceEntry]]] = {}
#: Whether a kept reading is dropped once handed out (``read_each_once``).
_READ_ONCE = [False]
#: The latest texts read whole in one style, and what they read as (``_parse_as``). The texts
#: read again are read again soon after: 2,048 kept parse the train documents and seeds with 34
#: more readings than 4,096 (17,206 against 17,172) and hold half as many texts and refusals
#: (about 1 MB of the peak of reading a long list).
_PARSES: dict[tuple[str, str], ReferenceEntry | Refusal] = {}
_KEPT_PARSES = 2048


def _classify(
    text: str,
    styles: Sequence[str],
    dead: set[str] | None = None,
    fatal_before: int = 0,
    competing: Sequence[str] = (),
    bonus: int = 2,
) -> tuple[str, ReferenceEntry]:
    """The best reading of ``text`` (already stripped): the first of ``styles`` that reads it,
    unless one of ``competing`` reads it with a higher ``reading_score`` (the first wins ties).

    With ``dead``: styles in it are not tried, and a style whose grammar stops before offset
    ``fatal_before`` is added to it (``entry_starts`` uses this: text appended after that offset
    cannot make the grammar accept what it already rejected there).
    """
    last: Refusal | None = None
    best: tuple[int, str, ReferenceEntry] | None = None
    # Whether each anchor is in the text: several styles share one (a year; the correspondence
    # styles' kind of exchange, a long case-blind alternation).
    found: dict[_Anchor, bool] = {}
    if text:
        for style in (*styles, *competing):
            if best is not None and style in styles:
                continue  # the ordered styles: the first that reads the text is their reading
            if dead is not None and style in dead:
                continue
            if not _has_anchors(text, style, found):
                continue
            reading = _kept_reading(text, style)
            if type(reading) is Refusal:
                last = reading
                if dead is not None and reading.position < fatal_before:
                    dead.add(style)
                continue
            entry = cast("ReferenceEntry", reading)
            score = reading_score(style, entry)
            if style in styles and style not in _LOOSE_STYLES:
                # A style of the section's own order is taken unless a competing one reads
                # clearly more: one more main field is not enough ("X. 1999. BC Cycle.": the
                # wire cycle, not a title; "X. 1999. Vol. 1.": a volume, not a title).
                score += bonus
            if best is None or score > best[0]:
                best = (score, style, entry)
    if best is not None:
        return best[1], best[2]
    if last is None:
        raise GrammarError(_GRAMMAR, text, 0)
    raise GrammarError(_GRAMMAR, text, last.position, last.expected)


def _has_anchors(text: str, style: str, found: dict[_Anchor, bool]) -> bool:
    """Whether every anchor of ``style`` is in ``text``; ``found`` keeps the answers for it."""
    for anchor in _style_anchors(style):
        present = found.get(anchor)
        if present is None:
            present = found[anchor] = anchor.search(text) is not None
        if not present:
            return False
    return True


def parse_reference(text: str, section: str = "references") -> ReferenceEntry:
    """The entry ``text`` is, in the first style of ``section`` that fits; ``GrammarError`` if none.

    ``text`` is one whole entry; line breaks inside it are whitespace like any other.
    """
    return classify_reference(text, section)[1]


_UNSTRUCTURED = ReferenceEntry(kind="unstructured")


def reference_entry(text: str, section: str = "references") -> ReferenceEntry:
    """``parse_reference`` that never raises: ``ReferenceEntry(kind="unstructured")`` when no
    style fits (explanatory footnotes, prose). Nothing is guessed for such text."""
    try:
        return parse_reference(text, section)
    except GrammarError:
        return _UNSTRUCTURED


def read_list_entry(text: str, section: str = "references") -> ReferenceEntry:
    """``reference_entry`` for an entry of a source list, keeping what can be read of an entry
    no style reads whole: the longest start of it that the research styles (author-year,
    author-title, undated author-title) accept, when that names at least two of author, date,
    title and address ("Bangsamoro Women's Commission. Memorandum Circular No. 007. ..." keeps
    its author and title whatever the rest holds). That start also competes with a whole
    reading, and wins when it finds clearly more (``_with_partial``): never all or nothing.
    Footnote bodies are never read so: an explanatory note is no partial source."""
    try:
        style, entry = classify_reference(text, section)
    except GrammarError as error:
        release(error)
        style, entry = None, _UNSTRUCTURED
    if section == "footnote":
        return entry
    return _with_partial(text, section, style, entry)


def _with_partial(
    text: str, section: str, style: str | None, entry: ReferenceEntry
) -> ReferenceEntry:
    """``entry`` (read whole in ``style``, or by no style when None), or the partial reading of
    ``text`` when that finds clearly more: a research entry whose tail no style reads whole
    ("... Child Abuse & Neglect. https://doi.org/10.1016/j.chiabu ;2017;02" after the
    author, year and title) is read whole by a looser style that takes its co-authors for the
    title; its author-year start keeps them right. The whole reading wins ties, and a reading
    of the section's own order keeps the lead it has in ``_classify``."""
    if style == "author_year":
        return entry  # its own start reads no more than its whole
    found = _kept_partial_reading(_normal(text))
    if found is None:
        return entry
    score, partial = found
    if style is None:
        return partial
    whole = _found_score(style, entry)
    if style in _style_order(section) and style not in _LOOSE_STYLES:
        whole += _ordered_bonus(section)
    return partial if score > whole else entry


#: The styles whose start says what an entry is even when its rest fits no style.
_PARTIAL_STYLES = ("author_year", "author_title", "author_dateless")
#: A partial reading counts when it finds this much (``reading_score``: two main fields).
_PARTIAL_SCORE = 4


def _found_score(style: str, entry: ReferenceEntry) -> int:
    """``reading_score``, where a title that is the year after the author ("Greenbaum, D.
    2002a. Memorandum. May 30, 2002." read with the title "2002a") counts as no title found."""
    score = reading_score(style, entry)
    if entry.title is not None and _AUTHOR_YEAR.fullmatch(entry.title):
        score -= 2
    return score


def _start_read_whole(start: str, style: str) -> ReferenceEntry | None:
    """``start`` read again as a whole entry of ``style``, for its tokens' positions; or, when
    the whole-entry parser stops inside it (its lexer may take a token the prefix parse did
    not: "... Neglect. “Quoted” 2019."), the start up to where it stopped. None when neither
    reads (the style's checks refuse the start: a sentence, a date)."""
    reading = _kept_reading(start, style)
    if type(reading) is not Refusal:
        return cast("ReferenceEntry", reading)
    shorter = start[: reading.position].rstrip()
    if not shorter or len(shorter) >= len(start):
        return None
    reading = _kept_reading(shorter, style)
    return None if type(reading) is Refusal else cast("ReferenceEntry", reading)


def _kept_partial_reading(text: str) -> tuple[int, ReferenceEntry] | None:
    """``_partial_reading(text)``, the latest answers kept (``_KEPT_PARSES`` of them, the oldest
    dropped first): the readers of a list read the same entry again (whether it opens with a
    dated entry, what kind its block is, the document's own reading), each time trying its
    start in the research styles, about a twentieth of a pass over the real reports."""
    if len(text) > _CACHED_LENGTH:
        return _partial_reading(text)
    # Once segmentation is done (``read_each_once``), as the readings are: handed out once and
    # dropped, none kept anew.
    once = _READ_ONCE[0]
    if once:
        known = _PARTIAL_READINGS.pop(text, _NOT_KEPT)
    else:
        known = _PARTIAL_READINGS.get(text, _NOT_KEPT)
    if known is _NOT_KEPT:
        known = _partial_reading(text)
        if not once:
            if len(_PARTIAL_READINGS) >= _KEPT_PARSES:
                oldest = next(iter(_PARTIAL_READINGS), text)
                _PARTIAL_READINGS.pop(oldest, None)  # None: another thread took it first
            _PARTIAL_READINGS[text] = known
    return cast("tuple[int, ReferenceEntry] | None", known)


#: The latest partial readings (``_kept_partial_reading``), by the text read.
_PARTIAL_READINGS: dict[str, tuple[int, ReferenceEntry] | None] = {}
_NOT_KEPT = object()


def _partial_reading(text: str) -> tuple[int, ReferenceEntry] | None:
    """The best reading of the longest start of ``text`` that a research style accepts, with
    its ``reading_score``, when it finds at least ``_PARTIAL_SCORE``."""
    best: tuple[int, ReferenceEntry] | None = None
    for style in _PARTIAL_STYLES:
        if not text or any(anchor.search(text) is None for anchor in _style_anchors(style)):
            continue
        found = parse_prefix(_GRAMMAR, text, style)
        if found is None:
            continue
        entry = _start_read_whole(text[: found[1]].rstrip(), style)
        if entry is None:
            continue
        score = _found_score(style, entry)
        if score >= _PARTIAL_SCORE and (best is None or score > best[0]):
            best = (score, entry)
    return best


# --------------------------------------------------------------------------- splitting lists

# Cost of reading some lines as one entry of a style, for ``entry_starts``. A split that leaves
# text no style fits is worst; the loose IRB form is a fallback; a bare name wrapped over several
# lines is unlikely (lists of names put one per line).

_COST_UNSTRUCTURED = 10
_COST_LOOSE = 1
_COST_NAME_PER_EXTRA_LINE = 1
#: Styles whose entry opens with its author and year: a line read so on its own starts an entry.
_HEAD_STYLES = frozenset({"author_year"})


def _head_reading(text: str) -> ReferenceEntry | None:
    """``text`` read as an entry that opens with its names: an author-year entry ("Smith, J.
    (2003). Title."), or one in Springer's style, whose names end in a colon ("Burr, V.: Title.
    Routledge, London (1995)"); None when it is neither."""
    if _has_anchors(text, "author_year", {}):
        reading = _kept_reading(text, "author_year")
        if type(reading) is not Refusal:
            return cast("ReferenceEntry", reading)
    if ":" in text and _has_anchors(text, "author_title", {}):
        reading = _kept_reading(text, "author_title")
        if type(reading) is Refusal:
            return None
        entry = cast("ReferenceEntry", reading)
        author = entry.author or ""
        at = text.find(author) if author else -1
        if at >= 0 and text[at + len(author) :].lstrip().startswith(":"):
            return entry
    return None


def _names_go_on(line: str) -> bool:
    """Whether ``line`` stops where a list of names goes on: after an initial (the grammar's
    INITIAL), a comma or "and" ("..., E.E. Calle, D." / "Evans, F.E. Speizer, and")."""
    words = line.rsplit(None, 1)
    if not words:
        return False
    last = words[-1]
    return (
        last.endswith(",")
        or last.lower() in ("and", "&")
        or terminal_pattern(_GRAMMAR, _STARTS, "INITIAL").fullmatch(last) is not None
    )


#: The lines an author-year entry's names and year may take ("Pope, C.A., III, M.J. Thun, ...
#: J.S." / "Evans, F.E. Speizer, and" / "C.W. Heath, Jr. 1995. ..."), and the line of its title
#: after a year that ends the third ("Zanobetti A, ..., Touloumi G," / "Atkinson R, ...," /
#: "Michelozzi P, ..., Katsouyanni K. 2002." / "The temporal pattern ..."): names and a year
#: with no title after them do not read as an entry.
_HEAD_LINES = 4


#: A line that holds nothing but a page range and a full stop: "539-50.", "136-40." (not a
#: year alone, "2021.", which may be a date an extraction moved).
_PAGES_ALONE = lazy_compile(r"[1-9][0-9]{0,4}\s*[-–]\s*[0-9]{1,5}\.")


def wrap_width(lengths: Iterable[int]) -> int | None:
    """The width a hard-wrapped text's lines were broken at, from its lines' lengths (blank
    lines left out): the longest line not much longer than nine in ten lines are (a few long
    lines, a table's or an address, do not count; a ragged right margin's longest lines do).
    None for a text too short to tell, or whose lines are paragraphs (a tenth of them longer
    than ``_WRAPPED_TEXT_WIDTH``): no line of it was broken by a page. Too wide a width only
    takes fewer lines for broken by the page, as if the text had not been wrapped."""
    sorted_lengths = sorted(length for length in lengths if length)
    if len(sorted_lengths) < _WRAP_EVIDENCE_LINES:
        return None
    most = sorted_lengths[len(sorted_lengths) * 9 // 10]
    if most > _WRAPPED_TEXT_WIDTH:
        return None
    bound = most * _WRAP_MARGIN
    return max(length for length in sorted_lengths if length <= bound)


#: Fewest non-blank lines a text's wrap width is read from.
_WRAP_EVIDENCE_LINES = 20
#: Widest measure a page's text is wrapped at; longer lines are paragraphs written on one line.
_WRAPPED_TEXT_WIDTH = 200
#: How much longer than nine in ten of a wrapped text's lines its longest wrapped line may be.
_WRAP_MARGIN = 1.15


def _broken_by_the_page(previous: str, line: str, width: int) -> bool:
    """Whether ``previous`` was broken at the page's measure before ``line``: the first word of
    ``line`` would not have fitted after it within ``width``."""
    words = line.split(None, 1)
    return bool(words) and len(previous.rstrip()) + 1 + len(words[0]) > width


def entry_starts(lines: Sequence[str], width: int | None = None) -> list[int]:
    """Indices of the lines that start an entry, for a block of source-list lines with no blank
    line between entries (hard-wrapped entries, or one entry per line).

    How: every way of cutting the block into runs of at most ``MAX_ENTRY_LINES`` lines is scored
    by reading each run (lines joined by spaces) with the list styles, and the cheapest cut wins
    (dynamic programming over line boundaries). A run no style fits costs 10, a run read only by
    the loose IRB form 1, a bare name 1 per line beyond its first, a web or title-first entry
    without a bullet or list number before it 1 (it more likely ends the entry above: an address,
    an IRB entry's quoted title), any other style 0; a run
    that would read over a line opening with a bullet or list number costs 10 more, and one that
    starts without one in a block whose first line has one 1 more, as does one that starts at a
    line opening with a bracket that is no list number. A line the author-year grammar reads
    (with at most three lines after it) as names and a year opens an entry: a run costs 1 more for
    each such line it reads over, and a lone undated line a few lines after one costs 1 more (the
    rest of that entry: "July.", "Pittsburgh."). With the text's wrap ``width`` (``wrap_width``),
    a run that starts after a line the page broke (``_broken_by_the_page``) costs 1 more: "Embassy
    of ..., Ottawa. 8 May 2001." / "Correspondence." is one entry wrapped. Between cuts
    of equal cost the one with MORE entries wins, so a list of names stays one name per line while
    "The Hindu. 15 December 1990." followed by a line holding only its quoted title stays one entry
    (the title line alone fits no style). Always returns ``[0, ...]`` for a non-empty block.
    """
    texts = [_normal(line) for line in lines]
    n = len(texts)
    if n == 0:
        return []
    cache: dict[tuple[int, int], int] = {}
    # Styles whose grammar already failed on the lines from i on, before the last line it saw.
    dead: list[set[str]] = [set() for _ in range(n)]
    # Lines from i on that the loose IRB form read: it reads any longer run too (its tail is REST).
    loose_from: set[int] = set()
    before_loose = frozenset(LIST_STYLES[: LIST_STYLES.index("irb_loose")])
    competing = frozenset(COMPETING_STYLES)
    # Lines that open with a bullet or list number (the grammar's LIST_MARK); not a number after
    # a line that stops at a comma, which goes on there ("Informatics, 9(3)," / "54. https://").
    marked = [
        opens_with_list_mark(t)
        and not (i and texts[i - 1].rstrip().endswith((",", *_RANGE_DASHES)) and t[:1].isdigit())
        for i, t in enumerate(texts)
    ]
    # Where a web address of the line above ends in each line that it runs into ("...
    # https://www.hrw.org/" / "news/2021/06/07/..."): such a line is the rest of that entry,
    # never the start of one, and it ends where an entry may end if the address fills it.
    address_ends = [
        _list_address_run_on(texts[i - 1], t) if i else None for i, t in enumerate(texts)
    ]
    broken = [
        width is not None and i > 0 and _broken_by_the_page(lines[i - 1], lines[i], width)
        for i in range(n)
    ]
    # Lines that open with where an entry's source is or when it was read ("Available at
    # https://...", "Accessed August 2, 2017. http://...", "Retrieved February 18, 2016, from"):
    # the rest of the entry above, which reads as a name and a year but opens none.
    leads = [
        i > 0 and (_OPENS_WITH_ADDRESS.match(t) is not None or opens_with_access_note(t))
        for i, t in enumerate(texts)
    ]

    def stops_mid_entry(k: int) -> bool:
        end = address_ends[k]
        if k > 0 and _URL_BROKEN.search(texts[k - 1]) and " " not in texts[k].strip():
            # One word under an address broken at its line's end: the address's last piece,
            # where the entry may end (an address the URL grammar cannot join, a PDF having
            # set spaces after its hyphens: "... poverty- matters/2014/nov/28/" / "global-
            # slavery-index-walk-free-human-trafficking-anne-gallagher").
            return False
        if k + 1 < n and _path_ends_before(texts[k], texts[k + 1]):
            # ".../international-humanitarian-assistance/" / "Dietrich, S. (2013). ...": the
            # address the line ends with on a slash does not go on into a name.
            return False
        return _stops_mid_entry(texts[k]) and not (
            end is not None and end >= len(texts[k].rstrip())
        )

    def cost(i: int, j: int) -> int:
        key = (i, j)
        if key not in cache:
            head = " ".join(t for t in texts[i : j - 1] if t)
            joined = f"{head} {texts[j - 1]}".strip() if head else texts[j - 1]
            # Whether the run reads as an entry with a date of its own.
            dated = False
            if not joined:
                cache[key] = 0
            elif i in loose_from and before_loose | competing <= dead[i]:
                cache[key] = _COST_LOOSE
            else:
                try:
                    style, entry = _classify(
                        joined, LIST_STYLES, dead[i], len(head), COMPETING_STYLES
                    )
                except GrammarError:
                    cache[key] = _COST_UNSTRUCTURED
                else:
                    dated = entry.date is not None
                    if style == "irb_loose":
                        loose_from.add(i)
                        cache[key] = _COST_LOOSE
                    elif (
                        style in ("web", "title_first", "author_dateless")
                        and not marked[i]
                        and not (style == "title_first" and joined[:1] not in '"“„')
                    ):
                        # A line with an address or a quoted title after an entry is more likely
                        # the rest of it; so are lines that read only as an undated "Name. Words."
                        # (the first lines of an entry whose date is further down). An unquoted
                        # title with its subtitle and year ("Title: Subtitle (2008) London: ...")
                        # opens one, as does a title in italics and its date in brackets
                        # ("<em>Health.</em> (n.d.). Retrieved ...").
                        cache[key] = _COST_LOOSE
                        if style == "author_dateless" and alone.get(j) in _HEAD_STYLES:
                            # "UNDP. Budget Choices ... for North Macedonia." / "SDC / UN Women.
                            # 2021. Available at ...": the undated lines and the dated line
                            # after them are one entry.
                            cache[key] += _COST_LOOSE
                    elif style == "name_only":
                        cache[key] = _COST_NAME_PER_EXTRA_LINE * (j - i - 1)
                        if not joined[:1].isupper() or _PLACE_AND_YEAR.search(joined):
                            # "018.1444607.": the end of a number or address wrapped above;
                            # "Skopje: 2022.": the place and year that end an entry.
                            cache[key] += _COST_LOOSE
                        elif i > 0 and stops_mid_entry(i - 1):
                            # "... Quezon City: Ateneo de" / "Manila University Press.": a
                            # name after a line that stops where no entry ends is its rest.
                            cache[key] += _COST_LOOSE
                    else:
                        cache[key] = 0
                    if (
                        style != "name_only"
                        and i > 0
                        and not marked[i]
                        and stops_mid_entry(i - 1)
                        and not texts[i - 1][-1:].isdigit()
                    ):
                        # "Reaktor, 2020a. Platena ... Diskriminacija I" / "Rabotnicki Prava
                        # ... 2020.": what follows a line that stops on a word, where no entry
                        # ends, is its rest (an entry may end on its year or page).
                        cache[key] += _COST_LOOSE
                    if i > 0 and not marked[i] and _PAGES_ALONE.fullmatch(texts[i]):
                        # "539-50." alone on its line: the page range that ends the entry above,
                        # which no entry opens with.
                        cache[key] += _COST_LOOSE
                    if (
                        i > 0
                        and not marked[i]
                        and _ADDRESS_TAIL_WORD.fullmatch(texts[i].strip())
                        and (
                            "/" in texts[i - 1].rsplit(None, 1)[-1]
                            or _DOI_BROKEN.search(texts[i - 1]) is not None
                        )
                    ):
                        # "pub4" under "doi:10.1002/14651858.MR000008.": the end of a DOI or
                        # address the line above broke, not an entry's first word.
                        cache[key] += _COST_LOOSE
                    if leads[i] and not marked[i]:
                        # "Available at https://..." or a bare address on the line after an
                        # entry: where that entry's source is, not an entry of its own; so is
                        # an access note that starts a line ("Accessed August 2, 2017. http:").
                        cache[key] += _COST_LOOSE
                    if j == i + 1:
                        alone[i] = style
                    else:
                        # A line that is an author-year entry on its own ("Smith, J. (2003).
                        # Title.") starts one, as does one whose names and year the author-year
                        # grammar reads over the next lines ("Pope, C.A., III, ... D." /
                        # "Krewski, K. Ito, and G.D. Thurston. 2002."): a run that reads over
                        # such lines is one entry more for each (else "Pollutants." Journal
                        # 50:238-247." reads as an author and title with the next entry's year).
                        cache[key] += _COST_LOOSE * sum(map(read_over_head, range(i + 1, j)))
                    if (
                        i > 0
                        and _URL_BROKEN.search(texts[i - 1])
                        and not (style == "title_first" and joined[:1] not in '"“„')
                    ):
                        # The line above stops inside a web address: this line goes on with it.
                        # Not a title and its date in brackets ("<em>Health.</em> (n.d.).", after
                        # "... from http://www.gov.ph/"), which opens an entry, as no address's
                        # rest does.
                        cache[key] += _COST_LOOSE
                    if (
                        j < n
                        and not dated
                        and entry.title is not None
                        and style != "name_only"
                        and _ENDS_ON_A_WORD.search(texts[j - 1])
                    ):
                        # "U.S. General Accounting Office. Lands in the LakeChelan" / "National
                        # Recreation Area Should Be Returned": a title with no date yet that
                        # stops on a bare word goes on in the next line; an entry ends on a
                        # stop, a bracket, a year or an address.
                        cache[key] += _COST_LOOSE
            cache[key] += floor(i, j)
            if (
                i > 0
                and j == i + 1
                and not dated
                and joined.endswith(".")
                and not marked[i]
                and not opens_head(i)
                and inside_head_entry(i)
            ):
                # In a list of author-year entries, an undated line the grammar does not read
                # as names and a year, a few lines after one it does, that ends as an entry
                # does, is more likely that entry's rest ("July.", "Pittsburgh.", "Oxford:
                # Basil Blackwell.") than an entry of its own: without this, such a line alone
                # ties with the entry that takes it, and the cut with more entries wins. Lines
                # that end on no full stop (a site's menu under the list, a list of names) are
                # left as they were, and so are longer runs (an entry whose year the grammar
                # cannot read: "Cohen, R. ... 2001 "Title." ...").
                cache[key] += _COST_LOOSE
        return cache[key]

    def floor(i: int, j: int) -> int:
        """What the run of lines ``i`` to ``j`` costs for where it starts and the marks it reads
        over, known before it is read: ``cost(i, j)`` is never less."""
        low = 0
        if marked[0] and not marked[i]:
            # In a list of bullets or numbers, a line without one goes on with the entry.
            low += _COST_LOOSE
        if i > 0 and texts[i].startswith("(") and not marked[i]:
            # No entry opens with a bracket: "(AI Index: ASA 33/03/92). London: ..." or
            # "(Macau: author, 2006)" is the rest of the entry a page wrapped above.
            low += _COST_LOOSE
        if i > 0 and WORD_BROKEN_AT_END.search(texts[i - 1]) and texts[i][:1].islower():
            # "... (2017c), Encues-" / "ta Permanente de Hogares 2017, Asunción.": the rest of a
            # word a page broke at the line's end, never the start of an entry.
            low += _COST_UNSTRUCTURED
        if broken[i] and not marked[i] and not opens_head(i):
            # The page broke the line above: this one more likely goes on with its entry,
            # unless it opens one with its own names and year.
            low += _COST_LOOSE
        if any(marked[i + 1 : j]):
            # A bullet or list number starts an entry: a run never reads over one.
            low += _COST_UNSTRUCTURED
        if address_ends[i] is not None:
            # The rest of a web address the line above broke.
            low += _COST_UNSTRUCTURED
        if i > 0 and _INITIALS_ONLY.fullmatch(texts[i - 1]):
            # "U.S." alone on its line, then "General Accounting Office. Title ...": a body's
            # name broken after its country's initials, which end no entry.
            low += _COST_UNSTRUCTURED
        return low

    # The style each line is read in on its own (lines no style reads are not in it).
    alone: dict[int, str] = {}
    # Whether a run that reads over line k (not as its first) pays for it as a head line.
    over_head: dict[int, bool] = {}

    def read_over_head(k: int) -> bool:
        known = over_head.get(k)
        if known is None:
            known = over_head[k] = (
                (alone.get(k) in _HEAD_STYLES or opens_head(k))
                and not (stops_mid_entry(k - 1) and not texts[k - 1][-1:].isdigit())
                and not journal_line(k)
                # "Retrieved February 18, 2016, from http://...": an access note and its
                # address, which reads as a name and a year but ends the entry above.
                and not leads[k]
            )
        return known

    def journal_line(k: int) -> bool:
        """Whether line ``k`` reads as names and a year only because it opens with a journal
        and its volume ("Quarterly, 24 (1979), 650-59."): the end of the article above."""
        head = head_reading(k)
        return head is not None and _JOURNAL_VOLUME.search(head.author or "") is not None

    def low(i: int, j: int) -> int:
        """``floor(i, j)``, and one more for a run of several lines that reads over a head line:
        whatever the run reads as, it costs that much at least (one for the loose IRB form's
        short cut, one a head line read over for any other reading, ten for none)."""
        bound = floor(i, j)
        if any(read_over_head(k) for k in range(i + 1, j)):
            bound += _COST_LOOSE
        return bound

    # The author-year reading of each line with the fewest next lines that completes one.
    head_reads: dict[int, ReferenceEntry | None] = {}

    def head_reading(k: int) -> ReferenceEntry | None:
        if k not in head_reads:
            head_reads[k] = None
            if not any(c.isalpha() for c in texts[k]):
                # A page's number between the lines of an entry names no one.
                return None
            for m in range(k + 1, min(n, k + _HEAD_LINES) + 1):
                text = " ".join(t for t in texts[k:m] if t)
                head = _head_reading(text) if text else None
                if head is not None:
                    head_reads[k] = head
                    break
        return head_reads[k]

    def inside_head_entry(k: int) -> bool:
        """Whether a line less than ``MAX_ENTRY_LINES`` above line ``k`` opens an author-year
        entry (so that line ``k`` may be its rest)."""
        return any(opens_head(h) for h in range(max(0, k - MAX_ENTRY_LINES + 1), k))

    def opens_head(k: int) -> bool:
        """Whether the author-year grammar reads line ``k`` with at most the next
        ``_HEAD_LINES - 1`` lines as an entry whose names and year open the line, and no line
        above it within that many is a head whose names go on into line ``k`` ("Abbey, D.E.,
        ..., S.F." / "Knutsen, W.L. Beeson, and J.X. Yang. 1999.": one list of names)."""
        if head_reading(k) is None or journal_line(k):
            # "Administrative Science Quarterly, 26" / "(1981b), 58-66.": a journal and its
            # volume, then the year, on the line after an article's title; no one's name.
            return False
        if k == 0 or not _names_go_on(texts[k - 1]):
            return True
        for h in range(max(0, k - _HEAD_LINES + 1), k):
            above = head_reading(h)
            if above is not None and len(above.author or "") > len(" ".join(texts[h:k])) + 1:
                return False
        return True

    # Last line first: a run's cost may look at how the line after it reads alone.
    singles = [cost(i, i + 1) for i in range(n - 1, -1, -1)][::-1]
    if all(single == 0 for single in singles):
        # Every line is a whole entry on its own: the cheapest cut with the most entries.
        return list(range(n))
    # best[i] = (cost, -entries, next cut) for lines[i:]
    best: list[tuple[int, int, int]] = [(0, 0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        last = min(n, i + MAX_ENTRY_LINES)
        chosen = (cost(i, i + 1) + best[i + 1][0], best[i + 1][1] - 1, i + 1)
        for j in range(i + 2, last + 1):  # growing: ``dead`` fills up
            if all(
                (low(i, k) + best[k][0], best[k][1] - 1, k) > chosen for k in range(j, last + 1)
            ):
                # No longer run can be cut more cheaply, whatever it reads as (a run over a
                # bullet costs 10 at least): they are left unread. Only all of them at once, so
                # that ``dead`` and ``loose_from`` fill as they would.
                break
            total, entries, _ = best[j]
            chosen = min(chosen, (cost(i, j) + total, entries - 1, j))
        best[i] = chosen
    starts = [0]
    i = best[0][2]
    while i < n:
        starts.append(i)
        i = best[i][2]
    return starts


# A line that stops inside a web address: after "://", "www.", an escape ("%20") or a character
# an address does not end with.
#: A line at least this long may have been wrapped by the page, not ended by its writer.
_WRAPPED_LINE = 60


def _stops_mid_entry(line: str) -> bool:
    """Whether a line stops where no entry ends: not after a full stop, bracket or quote, nor
    at the end of a web address ("... Quezon City: Ateneo de", "... Manila: Asian"), in a line
    long enough to have been wrapped; or, however short, on a word no entry ends with or on a
    name's initial."""
    stripped = line.rstrip()
    words = stripped.rsplit(None, _OPEN_LINE_WORDS)
    if _NAME_GOES_ON.search(stripped) or (
        len(words) > _OPEN_LINE_WORDS and words[-1].lower() in OPEN_WORDS
    ):
        # "... in Brainard, L., A." / "Jones and N. Purvis (Eds) 2009.": a list of names that
        # stops on an initial after its second comma goes on, however short the line; so does
        # a line that stops on "and the" ("Special National Public Reconstruction Commission
        # and the" / "World Bank (2009). ...").
        return True
    if len(stripped) < _WRAPPED_LINE or stripped[-1] in ".)]\"”'’":
        # A short line ends where its writer ended it ("IRB Databases" in a list of names).
        return False
    # An address ends an entry, also the last piece of one wrapped over lines
    # ("matters/2014/jun/27/humantrafficking-watchlist-report") or a DOI ("doi:10.1111/j.0020-
    # 7985.2005.00309.x").
    return not (
        words[-1].startswith(("http://", "https://", "www."))
        or _ADDRESS_PIECE.fullmatch(words[-1]) is not None
    )


#: A line of one word that no entry opens with (lower case or a digit first): the rest of an
#: address or DOI broken above it.
_ADDRESS_TAIL_WORD = lazy_compile(r"[a-z0-9][^\s]*")

#: A DOI's prefix that a line stops in, spaced as a PDF may set it: "doi:10 ." / "5305/...".
_DOI_BROKEN = lazy_compile(r"(?i)\bdoi:?\s*10(?:\s*\.\s*[0-9]*)?\s*$")

#: The end of a web address or a DOI as the last word of a line: a host's dot before a path,
#: or a path of two slashes or more ("and/or" is a word); not one broken after a slash or a
#: hyphen ("doi:10.1007/" / "s10551-011-1057-9"), which goes on.
_ADDRESS_PIECE = lazy_compile(r"(?:\S*[^\s/.]\.[^\s/]+/\S*|\S*/\S*/\S*)(?<![/\-_=?&%.])")


#: Words a short line has before the word no entry ends with ("at" alone is an address's
#: broken-off word, "Commission and the" a name that goes on).
_OPEN_LINE_WORDS = 3

#: An initial after a name's comma and more text before it ("..., in Brainard, L., A."): a
#: list of names that goes on.
_NAME_GOES_ON = lazy_compile(r",.*,\s+[A-Z]\.$")

#: A place and year as the publication facts at the end of an entry write them.
_PLACE_AND_YEAR = lazy_compile(r":\s*(?:1[6-9]|20)[0-9][0-9]\.?$")

#: A line that opens with an address or with the words that introduce one.
_OPENS_WITH_ADDRESS = lazy_compile(
    r"\s*(?:(?i:(?:available|accessible|published|online)\s+(?:from|at|on|via)|(?:accessed|"
    r"retrieved)(?:\s+(?:on\s+)?(?:[A-Za-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]+\.?),?\s+"
    r"(?:1[6-9]|20)\d\d,?)?\s+(?:via|from))\s*:?\s*)?(?:https?:|www\.)"
)

#: A line that ends on a capitalised word, no stop, bracket or quote after it (a title's word
#: in title case: "... Should Be Returned"); lower-case ends are read by the open words.
_ENDS_ON_A_WORD = lazy_compile(r"(?<![^\s(])[A-Z][^\W\d_]*$")

#: A name read as ending in a comma and a bare number: a journal and its volume
#: ("Harvard Educational Review, 47"), as no person's or body's name ends.
_JOURNAL_VOLUME = lazy_compile(r",\s*\d{1,4}$")

#: A line of capital initials alone: "U.S.", "U.K.", "U.N.".
_INITIALS_ONLY = lazy_compile(r"\s*(?:[A-Z]\.){2,4}\s*")


def opens_with_access_note(line: str) -> bool:
    """Whether ``line`` opens with an access note as the reference grammar reads one
    (``ay_access``), dated or naming its address: "Accessed August 2, 2017. http://...",
    "Retrieved February 18, 2016, from http://...". That is the rest of an entry, the day its
    source was read, and no entry opens with it; a verb alone ("Viewed from Above: ...", a
    title) is no access note."""
    found = parse_prefix(_GRAMMAR, line.lstrip(), "ay_access")
    if found is None:
        return False
    return any(
        token.type in ("ACC_DATE", "WEB_URL")
        for token in found[0].scan_values(lambda value: isinstance(value, Token))
    )


def address_run_on(above: str, line: str) -> int | None:
    """Where in ``line`` a web address that starts on ``above`` ends, when it goes on in
    ``line`` as the URL grammar reads the two lines (``parsers.urls``: a path, the rest of a
    host cut after a dot, ...); None when none does."""
    start = max(above.rfind("://"), above.lower().rfind("www."))
    if start < 0 or not line:
        return None
    # From the word the address starts in (the scheme before "://").
    start = above.rfind(" ", 0, start) + 1
    joined = f"{above}\n{line}"
    for url in iter_urls(joined, LineIndex(joined), start):
        if url.span.start < len(above) < url.span.end - 1:
            return url.span.end - len(above) - 1
    return None


def _path_ends_before(line: str, below: str) -> bool:
    """Whether ``line`` ends with the last piece of a web address that the reference grammar's
    ``WEB_URL`` does not carry on into ``below``: a path on a slash ("resources/report-2020/
    assistance/", two slashes or more, its scheme maybe far above or spaced out of reach:
    "https : / / devinit . org /"), or, in a line whose address has its scheme spaced out,
    its last part on a slash or a file's name ("... against ngos/", "... reversed.html"). An
    address broken there goes on in a path's next part ("news/2021/..."), never in a
    capitalised name ("Dietrich, S. (2013)."), so the entry ended with it."""
    words = line.rsplit(None, 1)
    if not words or not below.strip():
        return False
    last = words[-1]
    if "://" in last:
        return False
    path = last.endswith("/") and last.count("/") >= 2
    # In a line that holds an address whose scheme a PDF spaced out ("https : / / pomed . org
    # / under - threat - ... against ngos/", "... conviction reversed.html"), its last piece:
    # a path's part on a slash or a file's name.
    spaced = _SPACED_SCHEME.search(line) is not None and (
        last.endswith("/") or _FILE_NAME_END.search(last) is not None
    )
    if not (path or spaced):
        return False
    # The path alone as an address, to ask the grammar where it ends across the break.
    probe = f"http://{last.lstrip('(<[')}"
    match = terminal_pattern(_GRAMMAR, _STARTS, "WEB_URL").match(f"{probe} {below.strip()}")
    return match is not None and match.end() <= len(probe)


#: Where a web address starts whose scheme a PDF's text spaced out ("https : / /"); found so,
#: the grammar's ``WEB_URL`` reads where it ends.
_SPACED_SCHEME = lazy_compile(r"\bhttps?\s+:\s*/\s*/")
#: A file's name ending an address ("reversed.html", "report.pdf").
_FILE_NAME_END = lazy_compile(r"\w\.[A-Za-z][A-Za-z0-9]{1,4}$")


#: The characters an address broken at a line's end stops on where it goes on: a path's slash,
#: a hyphen, an underscore, a query's marks.
_ADDRESS_JOINS = ("/", "-", "_", "=", "?", "&", "%")


def _list_address_run_on(above: str, line: str) -> int | None:
    """``address_run_on`` in a source list, where the reference grammar's ``WEB_URL`` also
    reads the address: with the spaces a PDF sets after its hyphens ("https://foreignpolicy.com/"
    / "2016/01/27/the- great- civil- society- choke- out/"), which the URL grammar of running
    text does not join. Whichever reads further into ``line``."""
    found = address_run_on(above, line)
    start = max(above.rfind("http://"), above.rfind("https://"), above.lower().rfind("www."))
    if start < 0 or not line or not above.rstrip().endswith(_ADDRESS_JOINS):
        # Only an address the line broke where it cannot end, or after a slash: after a full
        # stop ("... mnaa029." / "von Uexkull, N., ...") the next entry starts.
        return found
    joined = f"{above} {line}"
    match = terminal_pattern(_GRAMMAR, _STARTS, "WEB_URL").match(joined, start)
    if match is None or match.end() <= len(above) + 1:
        return found
    end = match.end() - len(above) - 1
    return end if found is None else max(found, end)


_URL_BROKEN = lazy_compile(
    r"(?:https?:|www\.|(?<!\S)//)(?:\S|(?<=-)[ \t])*(?:://|www\.|[/\-_=?&%]|%[0-9A-Fa-f]{2})$"
    r"|(?<!\S)https?:/{0,2}$"
)

#: (A PDF's text may set a space after each hyphen of an address it wrapped, "global-
#: development/poverty- matters/", and break it after "http:" or before "//".)
#: A dash that a page range broke a line after ("59(1), 55–" / "70. doi:..."): the number on
#: the next line ends the range, it is no list number.
_RANGE_DASHES = ("-", "–", "—")

_BLANK_LINE = lazy_compile(r"\n[ \t\f\v\r]*\n")


def iter_references(
    text: str,
    line_index: LineIndex,
    start: int = 0,
    end: int | None = None,
    section: Section = "references",
) -> Iterator[Reference]:
    """Every entry of the source list in ``text[start:end]``: entries are separated by blank lines,
    and a block of several lines is cut by ``entry_starts``. Never raises; entries no style fits
    are yielded with kind "unstructured". ``Reference.text`` is exactly ``text[span]``."""
    stop = len(text) if end is None else max(start, min(end, len(text)))
    start = max(0, min(start, stop))
    position = start
    blocks: list[tuple[int, int]] = []
    for match in _BLANK_LINE.finditer(text, start, stop):
        blocks.append((position, match.start()))
        position = match.end()
    blocks.append((position, stop))
    for block_start, block_end in blocks:
        lines: list[tuple[int, int]] = []
        offset = block_start
        for raw in text[block_start:block_end].split("\n"):
            if raw.strip():
                lines.append((offset, offset + len(raw)))
            offset += len(raw) + 1
        if not lines:
            continue
        starts = entry_starts([text[a:b] for a, b in lines])
        bounds = [*starts, len(lines)]
        for first, after in itertools.pairwise(bounds):
            raw_start, raw_end = lines[first][0], lines[after - 1][1]
            raw = text[raw_start:raw_end]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            entry_start, entry_end = raw_start + lead, raw_end - trail
            entry_text = text[entry_start:entry_end]
            yield Reference(
                read_list_entry(join_entry_lines(entry_text), section),
                section,
                entry_text,
                line_index.span(entry_start, entry_end),
            )
