"""Source names as citations and list entries compare them: one implementation for all uses.

A citation names its source briefly (``The Korea Post``, ``Smith and Doe``, ``HRW``, ``AI``); the
list entry names it in full (``The Korea Post [Seoul]``, ``Smith, J. & Doe, A.``, ``Human Rights
Watch``, a legend's ``AI  Amnesty International``). Both sides are reduced to keys: no case,
bracketed additions, punctuation, HTML-escaped ampersands or leading "The"; an entry has one key
for each name it may be cited by. Two keys match when they are equal or one adds whole words at the
end of the other (``korea post`` and ``korea post herald``).

The document assembler resolves citations with these keys, and every rule that compares a cited
name with a listed one uses them too, so a citation the assembler could not link is never reported
as linkable by a rule, or the other way round.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence

import attrs

from provenance.folding import join_soft_breaks
from provenance.grammars import terminal_pattern
from provenance.memo import per_document
from provenance.model import Document, Reference, ReferenceEntry
from provenance.regex_store import lazy_compile

__all__ = [
    "CONNECTORS",
    "abbreviations_key",
    "bare_key",
    "compound_family",
    "container_only_keys",
    "edition_stem",
    "entry_keys",
    "family_keys",
    "first_author_key",
    "initials_key",
    "iter_key_words",
    "joined_alike",
    "key_words",
    "leading_name",
    "names_by_body_and_title",
    "names_by_title",
    "names_match",
    "natural_family_keys",
    "near_spelling",
    "reference_keys",
    "source_key",
    "title_pairs",
]

_BRACKETED = lazy_compile(r"\[[^\]]*\]")
_NON_WORD = lazy_compile(r"[^\w\s]")


def source_key(name: str) -> str:
    """A source name as compared: no case, brackets, punctuation or leading "The".

    ``source_key("The Korea Post [Seoul]") == "korea post"``; ``Smith &amp; Doe`` (an ampersand
    left HTML-escaped by a web page's conversion) is ``smith doe`` like ``Smith & Doe``.
    """
    if len(name) > _KEPT_KEY_LENGTH:
        return _source_key(name)
    return _kept_source_key(name)


#: Names up to this long have their keys kept (``_KEPT_KEYS`` of them, the least recently used
#: dropped first): the rules and the citations' resolution key the same few names of a document
#: (its sources' authors, the names cited) tens of thousands of times a megabyte.
_KEPT_KEY_LENGTH = 300
_KEPT_KEYS = 4096


def _source_key(name: str) -> str:
    words = key_words(name)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


_kept_source_key = functools.lru_cache(maxsize=_KEPT_KEYS)(_source_key)


def _unescaped(text: str) -> str:
    """``html.unescape(text)``; the module (its table of 2,200 entities, about 1.5 ms to import)
    is loaded only for a text with an ampersand."""
    import html

    return html.unescape(text)


def key_words(text: str) -> list[str]:
    """The words of ``text`` as keys compare them (``source_key`` without dropping "The").

    A possessive "'s" is no word of the name it ends: "Johnson's et al. (2025)" names
    Johnson et al., "Sen's (1999) argument" Sen."""
    if "&" in text:
        text = _unescaped(text)
    text = _POSSESSIVE.sub("", _BRACKETED.sub(" ", join_soft_breaks(text)))
    return _NON_WORD.sub(" ", _unaccented(_domains_joined(text).casefold())).split()


_POSSESSIVE = lazy_compile(r"(?<=\w)['’]s(?!\w)")


def _domains_joined(text: str) -> str:
    """``text`` with each domain name one word ("ec_europa_eu"): a site is named by its whole
    domain, not by its first label ("ec" is the European Commission's acronym)."""
    if "." not in text:
        return text
    # citation.lark's DOMAIN: the grammar says what a domain is, here as in a citation.
    domain = terminal_pattern("citation", ("group",), "DOMAIN")
    return domain.sub(lambda match: match.group().replace(".", "_"), text)


def _unaccented(text: str) -> str:
    """``text`` (case-folded) without the accents on its letters, and in Latin letters: a
    citation often drops those its entry has ("Borras and Edquist" for "Borrás, S., & Edquist,
    C."), and a report in English cites a work listed in Cyrillic by its author's name in Latin
    letters ("Selezneva & et al, 2022" for "Селезнева & et al, 2022")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_CYRILLIC_LATIN))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


#: Cyrillic lower-case letters in Latin letters, as English text most often writes Russian,
#: Ukrainian and Kazakh names (BGN/PCGN, without its marks).
_CYRILLIC_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфы", "abvgdeziyklmnoprstufy", strict=True)),
        **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": ""},
        **{"ё": "e", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"},
        **dict(zip("әғқңөұүһ", "agqnouuh", strict=True)),
    }
)


def iter_key_words(text: str, start: int = 0) -> Iterator[str]:
    """``key_words(text[start:])`` one piece of ``text`` at a time, for a text as long as a
    document: a list of every word of the back matter of a long file held a string object a
    word, ten times the text, and the text sliced, unescaped and without brackets was three
    whole copies of it. Pieces are cut at a space outside brackets (a bracket may run over
    lines; no entity holds a space), so the words are the same."""
    escaped = _bracket_entities(text, start)
    if escaped:
        # An entity that unescapes to a bracket would move where brackets start and end: the
        # text unescaped whole, as ``key_words`` reads it (a rare text).
        text, start = _unescaped(text[start:]), 0
    for position, cut in _cuts(text, start):
        piece = text[position:cut]
        if not escaped and "&" in piece:
            piece = _unescaped(piece)
        piece = _domains_joined(_POSSESSIVE.sub("", _BRACKETED.sub(" ", join_soft_breaks(piece))))
        yield from _NON_WORD.sub(" ", _unaccented(piece.casefold())).split()


def _cuts(text: str, start: int) -> Iterator[tuple[int, int]]:
    """``text[start:]`` as pieces of about ``_KEY_WORDS_PIECE`` characters, each cut at a space
    that no bracketed stretch (as ``_BRACKETED`` finds them) runs over."""
    position, end = start, len(text)
    while position < end:
        cut = end
        search_from = position + _KEY_WORDS_PIECE
        while search_from < end:
            space = text.find(" ", search_from, end)
            if space < 0:
                break
            if text.rfind("[", position, space) <= text.rfind("]", position, space):
                cut = space  # every "[" before it is closed before it
                break
            closing = text.find("]", space, end)
            if closing < 0:
                cut = space  # a "[" never closed encloses nothing
                break
            search_from = closing + 1
        yield position, cut
        position = cut


def _bracket_entities(text: str, start: int) -> bool:
    """Whether ``text[start:]`` may hold an HTML entity that stands for a square bracket."""
    return any(text.find(mark, start) >= 0 for mark in ("&#", "sqb;", "brack;"))


#: A piece is read as a few copies of itself (case-folded, unaccented: one string object a
#: character while its accents are dropped), so it is kept short; 64 KB pieces were about
#: 0.6 MB of the peak of checking a long text that is not all ASCII.
_KEY_WORDS_PIECE = 1 << 12


def names_match(cited: str, listed: str) -> bool:
    """Whether a cited key names a listed one; either may add words ("korea post herald"), and
    connecting words may differ ("global peace index for mexico", "... in mexico"). A cited
    name ending in a year names the edition of that year of a title that starts with its words
    and ends with the year ("country reports 1992" and "country reports on human rights
    practices for 1992")."""
    return (
        _prefix_match(cited, listed)
        or _prefix_match(bare_key(cited), bare_key(listed))
        or _edition_match(cited, listed)
    )


def names_by_body_and_title(cited: str, entry: ReferenceEntry) -> bool:
    """Whether a cited key names an entry by the first words of its author's name and then the
    first words of its title, as reports cite a body's publication ("AI Advisory Body Interim
    Report" for "AI Advisory Body Secretariat. 2023. “Interim Report: ...”", "UNDP Human
    Development Report" for "UNDP. 2020. Human Development Report 2020"). The author's part may
    be any form the author is cited by (its acronym too); both parts are whole words. With the
    title's words to confirm it, a one-word name may be misspelt by a letter ("Eubank's
    Automating Inequality" for "Eubanks, V. (2018). Automating inequality: ...")."""
    if not entry.author or not entry.title:
        return False
    title = source_key(entry.title)
    words = cited.split(" ")
    if not title or len(words) < 2:
        return False
    bodies = entry_keys(ReferenceEntry(author=entry.author))
    for count in range(1, len(words)):
        rest = " ".join(words[count:])
        if not (title == rest or title.startswith(rest + " ")):
            continue
        body = " ".join(words[:count])
        if any(key == body or key.startswith(body + " ") for key in bodies):
            return True
        if count == 1 and any(near_spelling(key.split(" ")[0], body) for key in bodies):
            return True
    return False


def names_by_title(cited: str, entry: ReferenceEntry) -> bool:
    """Whether a cited key names an entry by the first words of its title alone, as a writer
    cites a declaration or a report by its name ("Montréal Declaration" for "University of
    Montréal. (2018). Montréal Declaration for a Responsible Development of ..."): two words
    at least, whole words, the title's start."""
    if not entry.title or " " not in cited:
        return False
    title = source_key(entry.title)
    return title == cited or title.startswith(cited + " ")


def edition_stem(cited: str) -> str | None:
    """A cited key without the edition year it ends in ("country reports 1992" -> "country
    reports"), or None when it ends in none or is the year alone."""
    stem, _, year = cited.rpartition(" ")
    return stem if stem and _EDITION_YEAR.fullmatch(year) else None


_EDITION_YEAR = lazy_compile(r"(?:1[6-9]|20)\d\d")


def _edition_match(cited: str, listed: str) -> bool:
    stem = edition_stem(cited)
    if stem is None:
        return False
    year = cited[len(stem) + 1 :]
    return listed.startswith(stem + " ") and listed.endswith(" " + year)


def first_author_key(cited: str) -> str | None:
    """The family name a citation of several authors by the first of them names ("aklin et al"
    -> "aklin"), or None for any other key."""
    family, _, rest = cited.rpartition(" ")
    if rest != "al" or not family.endswith(" et"):
        return None
    return family[: -len(" et")] or None


def _prefix_match(cited: str, listed: str) -> bool:
    return cited == listed or listed.startswith(cited + " ") or cited.startswith(listed + " ")


#: Words that join the words of a name and that a citation may give differently ("Office of the
#: High Commissioner" and "Office of High Commissioner"; "Index for Mexico", "Index in Mexico").
#: Words that join the words of a name and tell nothing about which source it is.
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in", "to", "de", "du", "des", "la", "le"})


#: Lower-case words that join the capitalised words of an organisation's name in the languages
#: reports cite ("Fundación Ideas para la Paz" is cited "FIP"): an acronym takes the initials
#: of the capitalised words only.
_NAME_JOINERS = CONNECTORS | frozenset(
    {"para", "por", "y", "e", "el", "los", "las", "del", "en", "da", "do", "dos", "das", "di"}
    | {"della", "et", "pour", "sur", "aux", "au", "und", "für", "von", "van", "der", "den"}
)


#: Words a title's phrases are read without: "Distributed Lag Between Air Pollution" and "the
#: distributed lag of air pollution" give the same pairs.
_TITLE_FILLER = _NAME_JOINERS | frozenset(
    {"a", "an", "at", "by", "with", "from", "as", "or", "into", "its", "their", "is", "are"}
    | {"be", "was", "were", "this", "that", "between", "among", "about", "over", "under"}
)


def title_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Each two words side by side in ``text`` once its filler words are dropped (as keys
    compare words): a sentence that holds one of a title's pairs speaks of that work."""
    words = [word for word in key_words(text) if word not in _TITLE_FILLER]
    return frozenset(itertools.pairwise(words))


def bare_key(key: str) -> str:
    """A key without its connecting words: "global peace index for mexico" ->
    "global peace index mexico". A key of connecting words only is kept as it is."""
    words = [word for word in key.split(" ") if word not in CONNECTORS]
    return " ".join(words) if words else key


def entry_keys(entry: ReferenceEntry, *, initials: bool = True) -> list[str]:
    """The keys of the names an entry may be cited by, the name as listed first.

    For its author and its container: the name as listed; "Given Family" for an inverted name
    ("Oka, Natsuko" is cited in prose as "Natsuko Oka"); the family names of a list of inverted
    names (``family_keys``); an acronym given in brackets and, for the author unless
    ``initials`` is False, the one made of the initials of an organisation's name
    (``initials_key``); a news agency after the city it filed from by the agency ("Hong Kong
    AFP" as "AFP"). A legend item is also cited by its short form, and a work by an acronym
    its title gives in brackets. Made initials are short and may be common words ("in", "it"):
    they name a source in a citation, but are no evidence when searched for in running text.
    """
    keys: list[str] = []
    for name in (entry.author, entry.container):
        if not name:
            continue
        # A periodical is cited by its name, an organisation also by its acronym.
        with_initials = initials and name is entry.author
        if len(name) > _KEPT_KEY_LENGTH:
            keys.extend(_name_keys(name, with_initials))
        else:
            keys.extend(_kept_name_keys(name, with_initials))
    if entry.kind == "legend" and entry.note:
        keys.append(source_key(entry.note))
    # A survey or report named by an acronym its title gives: "Encuesta Nacional ... (ENSU)".
    keys.extend(source_key(found) for found in _BRACKETED_ACRONYM.findall(entry.title or ""))
    if (
        entry.title
        and not entry.author
        and (not entry.container or entry.kind == "title-first")
        and entry.kind != "legend"
    ):
        # A work with no author is cited by its title ("Long-term care homes in Canada, 2021"),
        # a page by its site's name ("enpf.kz, 2023" for "enpf.kz, 2023. https://..."). A
        # title-first entry is cited by its title even where a site or publisher follows it
        # (APA's '("Djibouti," 2019)' for "Djibouti. (2019). UNHCR.").
        keys.append(source_key(entry.title))
    return [key for key in dict.fromkeys(keys) if key]


def _name_keys(name: str, initials: bool) -> tuple[str, ...]:
    """The keys ``entry_keys`` gives for one name of an entry (its author or container)."""
    keys = [source_key(name)]
    if "," in name:
        family, _, given = name.partition(",")
        keys.append(source_key(f"{given.split(',')[0]} {family}"))
    keys.extend(family_keys(name))
    keys.extend(_particle_family_key(name))
    keys.extend(_acronym_keys(name, initials))
    keys.extend(_dateline_agency_key(name))
    return tuple(keys)


#: The keys of the names met, kept as ``source_key``'s are: the document's resolution of its
#: citations and the rules key each entry's names again and again (1,645 of 6,679 entries
#: keyed in reading the real reports were keyed before, more in checking them).
_kept_name_keys = functools.lru_cache(maxsize=_KEPT_KEYS)(_name_keys)


def container_only_keys(reference: Reference) -> frozenset[str]:
    """The keys of an entry that only its container gives (a periodical, a series, a book the
    work is in), with and without their connecting words: a citation names a container whole,
    never by its first words ("(UN 2023)" is no citation of a brief in "UN Unite Research
    Policy Brief"), while an author's name may be cited shorter."""
    entry = reference.entry
    if not entry.container:
        return frozenset()
    own = set(reference_keys(attrs.evolve(reference, entry=attrs.evolve(entry, container=None))))
    only = {key for key in reference_keys(reference) if key not in own}
    return frozenset(only | {bare_key(key) for key in only} - own)


def reference_keys(reference: Reference, *, initials: bool = True) -> list[str]:
    """The keys a list entry may be cited by: ``entry_keys`` of what the reference grammar read,
    or, for an entry it read no name from, the words its text starts with up to the first stop,
    bracket, quote or number ("Human Rights Watch. World Report 2005." -> "human rights
    watch"): an entry the grammar could not split still names its source first."""
    keys = entry_keys(reference.entry, initials=initials)
    if keys or reference.entry.title is not None:
        return keys
    # "35 SIC ICWC., 2008. Complex remote sensing ...": a numbered list's number is no name.
    lead = _LEADING_NAME.match(_LIST_NUMBER.sub("", reference.text.strip(), count=1))
    if lead is None:
        return []
    name = lead.group(0)
    return entry_keys(ReferenceEntry(author=name), initials=initials)


def leading_name(reference: Reference) -> str | None:
    """The name the entry's text starts with, of its author and container: the source a ditto
    line below it repeats, and what a reader calls the entry's author ("The Herald [Glasgow].
    10 January 1994. Roy Towers. ..." starts with its periodical, which the entry holds as the
    container of Roy Towers's article). The author when neither starts the text (a ditto entry,
    a title-first one)."""
    from provenance.parsers.references import opens_with_ditto  # read only with a source list

    entry = reference.entry
    if opens_with_ditto(reference.text):
        # The ditto stands for the source above, held as the author or, before a writer's
        # name, as the container.
        return entry.container or entry.author
    opening = key_words(reference.text[:_LEAD_CHARS])
    for name in (entry.container, entry.author):
        words = key_words(name or "")
        if words and opening[: len(words)] == words:
            return name
    return entry.author


#: How much of an entry's text ``leading_name`` compares with its names (a name is shorter).
_LEAD_CHARS = 400


#: The number an entry of a numbered list starts with: "35 ", "12. ", "[4] ".
_LIST_NUMBER = lazy_compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)]?)\s+")


# The name an entry starts with: capitalised words (with connectors, initials and inverted
# commas, the last name after "&" or "and") up to the first ". " or "(" or quote or digit.
_LEADING_NAME = lazy_compile(
    r"[A-Z][\w'’&-]*(?:\.(?=[\w,]))?(?:,?\s+(?:(?:of|the|for|and|on|in|de|du|la|le|&)\s+)*"
    r"[A-Z][\w'’&-]*(?:\.(?=[\s,]+(?:(?:&|and)\s+)?[A-Z][\w'’-]*[,.]))?)*"
)


_NAME_LIST_SEPARATOR = lazy_compile(r"\s*(?:,|;|&(?:amp;)?|\band\b)\s*")
#: A given name or initials after an inverted family name: "J.", "John G.", "J. Neil C.", "J.-P.",
#: also one that starts with an accented or other Latin capital ("Özge", "Łukasz", "Émile").
_GIVEN = lazy_compile(r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*\.?)(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*\.?){0,3}")


# A name in its natural order: given names or initials, then a capitalised family name.
_NATURAL = lazy_compile(r"(?:[A-Z][\w'’.-]*\.?\s+){1,3}[A-Z][\w'’-]+")


# "... and Jane Doe", "... & D. Hidalgo": a list of authors ends with "and" before the last one
# ("Oka, Natsuko, Research Fellow" does not).
_LAST_JOINED = lazy_compile(r"(?:\band|&(?:amp;)?)\s+[^,;&]+$")


# A name in its natural order whose family name starts with a lower-case particle and may join
# two names by "e" or "y" (Portuguese and Spanish): "André de Mello e Souza", "Ana de la Cruz".
_NATURAL_PARTICLE = lazy_compile(
    r"(?:[A-Z][\w'’.-]*\.?\s+){1,3}((?:van|von|de|da|do|dos|das|del|della|der|den|du|le|la|ter"
    r"|ten)(?:\s+(?:der|den|de|la|le))?\s+[A-Z][\w'’-]+(?:\s+(?:e|y|de|da|do|dos)\s+[A-Z][\w'’-]+)*)"
)


def _natural(part: str) -> bool:
    return _NATURAL.fullmatch(part) is not None or _NATURAL_PARTICLE.fullmatch(part) is not None


def _natural_family(part: str) -> str:
    """The family name of a name in its natural order: its last word, or all from a lower-case
    particle on ("André de Mello e Souza" -> "de Mello e Souza")."""
    match = _NATURAL_PARTICLE.fullmatch(part)
    return match.group(1) if match else part.split()[-1]


# An inverted family name of two words, by a space or a hyphen, then given names or initials:
# "Garcia Rincón, M.F.", "Bayudan-Dacuycuy, C.".
_COMPOUND_FAMILY = lazy_compile(r"([A-Z][\w'’]+)[ -]([A-Z][\w'’]+),\s*([^,;&]+)")


def compound_family(author: str) -> tuple[str, str] | None:
    """The keys of the two words of an author's inverted family name of two words, when the
    entry starts with one ("Garcia Rincón, M.F. and ..." -> ("garcia", "rincon")), or None. A
    writer may cite such a person by the second word alone ("Rincon et al 2008")."""
    match = _COMPOUND_FAMILY.match(author)
    if match is None or _GIVEN.fullmatch(match.group(3).split(" and ")[0].strip()) is None:
        return None
    return source_key(match.group(1)), source_key(match.group(2))


#: Words that make a name of capitalised words an organisation's or a periodical's, not a
#: person's ("World Bank", "Amnesty International", "BBC News", "Freedom House").
_ORGANISATION_WORDS = frozenset(
    {
        *("bank", "fund", "international", "internacional", "watch", "news", "times", "post"),
        *("press", "tribune", "herald", "journal", "review", "monitor", "weekly", "daily"),
        *("institute", "foundation", "organization", "organisation", "association", "society"),
        *("commission", "committee", "council", "office", "ministry", "department", "agency"),
        *("authority", "bureau", "board", "secretariat", "government", "union", "nations"),
        *("centre", "center", "network", "group", "alliance", "coalition", "federation", "forum"),
        *("university", "college", "school", "programme", "program", "project", "initiative"),
        *("trust", "house", "service", "services", "radio", "television", "broadcasting"),
        *("company", "corporation", "inc", "ltd", "rights", "development", "report", "index"),
    }
)
#: Articles a periodical's name starts with ("The Hindu", "Le Monde", "El Nacional").
_LEADING_ARTICLES = frozenset({"the", "el", "la", "le", "les", "los", "las", "il", "die", "der"})
#: Words of a name written given name first: one to three given names, then the family name.
_GIVEN_FIRST_WORDS = range(2, 5)


def _given_name_first(part: str) -> bool:
    """Whether ``part`` may be one person named given name first: capitalised words with
    lower-case letters or initials ("Una Dimitrijevic", "John A. Smith", "Zofia Łapniewska"),
    the last a word; an acronym ("DLA Piper", "UN Women"), a leading article ("Le Monde") or
    a word such as "Bank" or "News" names an organisation or a periodical."""
    words = part.split()
    if len(words) not in _GIVEN_FIRST_WORDS or words[0].casefold() in _LEADING_ARTICLES:
        return False
    if any(word.casefold().strip(".") in _ORGANISATION_WORDS for word in words):
        return False
    *given, family = words
    return _name_word(family) and all(
        _name_word(word) or (len(word) <= 3 and word[0].isupper() and word.endswith("."))
        for word in given
    )


def _name_word(word: str) -> bool:
    return word[0].isupper() and any(char.islower() for char in word[1:])


def natural_family_keys(name: str) -> list[str]:
    """The keys by which author-date citations name people an entry lists given name first
    ("Una Dimitrijevic. 2023." is cited "(Dimitrijevic, 2023)"; "Jerome De Henau, Susan
    Himmelweit and Diane Perrons" "(De Henau et al., 2016)" or "(Henau et al., 2016)"), as
    ``family_keys`` gives them for inverted names; none for any other name. An organisation's
    name may have the same shape ("World Bank", "Amnesty International"): the keys are
    evidence only for a citation that names an entry by no other key, with the entry's date to
    confirm it."""
    name = _EDITORS.sub("", name).strip().rstrip(".")
    parts = [part for part in _NAME_LIST_SEPARATOR.split(name) if part]
    if not parts or not all(_given_name_first(part) for part in parts):
        return []
    families = [source_key(part.split()[-1]) for part in parts]
    keys = _cited_forms(families)
    first = parts[0].split()
    if len(first) >= 3 and first[-2].casefold() in _CAPITAL_PARTICLES:
        # A family name after a particle written with a capital ("Jerome De Henau") is cited
        # with the particle or without it.
        keys = _cited_forms([source_key(" ".join(first[-2:])), *families[1:]]) + keys
    return keys


#: Particles a family name may start with, as a name written given name first capitalises them.
_CAPITAL_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "dos", "das", "du", "van", "von", "der", "le", "la", "ter"}
)


# One person named given name first, whose family name starts with a particle: "Delphine van
# Solinge", "Ludwig von Mises"; the particle shows where the family name starts.
_PARTICLE_NAME = lazy_compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,3}((?:van|von|de|da|del|della|der|den|du|le|la|ter|ten)"
    r"(?:\s+(?:der|den|de|la|le))?\s+[A-Z][\w'’-]+)"
)


def _particle_family_key(name: str) -> list[str]:
    """ "Delphine van Solinge" is cited "(van Solinge, 2019)": the family name with its particle."""
    match = _PARTICLE_NAME.fullmatch(name.strip().rstrip("."))
    return [source_key(match.group(1))] if match else []


# The editors' mark after a list of names ("Ashe, S. D., ... & Winter, A. (Eds.)"): the names
# are cited without it ("Ashe et al. 2020").
_EDITORS = lazy_compile(r"[\s,]*\(?\b(?:eds?|editors?)\b\.?\)?[\s.]*$", re.IGNORECASE)


def joined_alike(cited: str, key: str) -> bool:
    """Whether two keys have the same letters and differ only in where their words break: a
    hyphen of a family name that a PDF's text lost in the citation ("BenNer and Van Hoomissen"
    for "Ben-Ner, A., & Van Hoomissen, T.", "TremblayBoire" for "Tremblay-Boire"), which the
    key of the entry writes as a space."""
    return cited != key and cited.replace(" ", "") == key.replace(" ", "")


def near_spelling(a: str, b: str) -> bool:
    """Whether two words of five letters or more differ by one letter added, dropped or
    changed ("zubhoff" and "zuboff", "skocylis" and "skoczylis") or by two letters side by side
    swapped ("fitzgerlad" and "fitzgerald"), or a word of four and one of five by a letter added
    ("kwet" and "ekwet", "back" and "black"): a name misspelt in a citation. Two words of four
    letters that differ by one ("chen" and "chan", "wang" and "wong") are two names more often
    than one misspelt."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    shortest = min(len(a), len(b))
    if shortest < _NEAR_SPELLING_LETTERS and not (
        shortest == _NEAR_SPELLING_LETTERS - 1 and len(a) != len(b)
    ):
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


# An entry's list of authors cut short after the first: "Heltberg, Rasmus, et al", "Jones et al.".
_ET_AL_END = lazy_compile(r"[\s,]+et\.?\s+al\b\.?$", re.IGNORECASE)


#: Shortest word whose misspelling is still taken for it (shorter names differ by a letter).
_NEAR_SPELLING_LETTERS = 5


def family_keys(name: str) -> list[str]:
    """How author-date citations name a list of inverted personal names.

    "Smith, J. and Doe, A." is cited "(Smith and Doe 2003)" or "(Smith & Doe 2003)", and
    "Smith, J., Doe, A. and Roe, B." "(Smith et al. 2005)" or "(Smith, Doe and Roe 2005)";
    "Smith, John, and Jane Doe" (only the first name inverted) "(Smith and Doe 2003)".
    Names that are not such a list (an organisation) give none; one person gives the family
    name, which a sentence names before a bracketed year.
    """
    name = _EDITORS.sub("", name)
    first_only = _ET_AL_END.sub("", name.strip())
    if first_only != name.strip() and first_only:
        # "Heltberg, Rasmus, et al" lists its first author only, cited "(Heltberg et al, 2008)".
        family = first_only.partition(",")[0] if "," in first_only else first_only.split()[-1]
        return [f"{source_key(family)} et al"]
    parts = [part for part in _NAME_LIST_SEPARATOR.split(name.strip().rstrip(".")) if part]
    if len(parts) >= 2 and all(_VANCOUVER.fullmatch(part) for part in parts):
        # Family names before their initials (Vancouver style): "Marczak J, Fernández JL,
        # Wittenberg R" is cited "(Marczak et al., 2017)".
        families = [part.rpartition(" ")[0] for part in parts]
        # The first author as listed too, as a sentence names the work ("Weinsberg I.G. (1972)
        # obtained" for "Weinsberg I.G., Ulst V.G., Roze V.K. ... 1972").
        return [*_cited_forms([source_key(family) for family in families]), source_key(parts[0])]
    if len(parts) < 2:
        return []
    if (
        len(parts) >= 3
        and _GIVEN.fullmatch(parts[1])
        and all(map(_natural, parts[2:]))
        and _LAST_JOINED.search(name.strip().rstrip(".")) is not None
    ):
        # Only the first name inverted: "Smith, John, and Jane Doe", "Venter, C., A. Mahendra".
        families = [parts[0]] + [_natural_family(part) for part in parts[2:]]
        # A name in its natural order does not show where its family name starts: "Vincenzo
        # Visco Comandini" is cited "(Scarfiglieri and Visco Comandini 2000)". Two last whole
        # words are a family name too, as a key beside the last word alone.
        longer = [parts[0]] + [_two_word_family(part) for part in parts[2:]]
        if longer != families:
            plain = _cited_forms([source_key(family) for family in families])
            return list(dict.fromkeys([*plain, *_cited_forms([source_key(f) for f in longer])]))
    elif len(parts) % 2 == 0 and all(_GIVEN.fullmatch(given) for given in parts[1::2]):
        families = parts[0::2]
    else:
        return []
    return _cited_forms([source_key(family) for family in families])


def _two_word_family(name: str) -> str:
    """The last two words of a name in its natural order when both are whole capitalised words
    after a given name ("Vincenzo Visco Comandini" -> "Visco Comandini"), else the last word
    ("Edward J. Smith" -> "Smith": an initial is no part of a family name); a family name
    with a particle whole ("de Mello e Souza")."""
    if _NATURAL_PARTICLE.fullmatch(name):
        return _natural_family(name)
    words = name.split()
    if len(words) >= 3 and all(
        len(word) > 1 and word[0].isupper() and not word.endswith(".") for word in words[-2:]
    ):
        return " ".join(words[-2:])
    return words[-1]


def _cited_forms(families: list[str]) -> list[str]:
    """The keys a list of family names is cited by: alone, two joined, or the first et al."""
    if len(families) == 1:
        # "Taylor (1991) argues": the family name alone, for the sentence that names it.
        return families
    if len(families) == 2:
        return [f"{families[0]} and {families[1]}", f"{families[0]} {families[1]}"]
    listed = " ".join(families[:-1])
    return [f"{families[0]} et al", f"{listed} and {families[-1]}", f"{listed} {families[-1]}"]


# A family name of one or two capitalised words, then up to three capital initials without
# full stops ("Marczak J", "Fernández JL", "Le Grand J") or each with its stop ("İlkkaracan I.",
# "Brodskaya N.G.", "Kovalenko T.Yu.", as lists in Russian and Turkish write them).
_VANCOUVER = lazy_compile(
    r"[A-ZÀ-ÖØ-ÞĀ-ſЀ-Я][\w'’-]+(?: [A-ZÀ-ÖØ-ÞĀ-ſЀ-Я][\w'’-]+)? "
    r"(?:[A-ZЀ-Я]{1,3}|(?:[A-ZЀ-Я][a-zа-я]?\.){1,3}|(?:[A-ZЀ-Я][a-zа-я]?\.){1,2}[A-ZЀ-Я][a-zа-я]?)"
)


# An acronym in brackets after a name: "United Nations High Commissioner for Refugees (UNHCR)".
# Two such words too: "United Nations Department of Economic and Social Affairs (UN DESA)".
_BRACKETED_ACRONYM = lazy_compile(
    r"[(\[]([A-Z][A-Za-z&.-]*[A-Z]\.?(?: [A-Z][A-Za-z&.-]*[A-Z]\.?)?)[)\]]"
)
# A word of an organisation's name that gives its initial (connectors such as "of" do not).
_CAPITALISED = lazy_compile(r"[A-Z][\w'’-]*")


# A news agency after the city it filed from, as monitoring services (FBIS, BBC Monitoring)
# name a transmission: "Hong Kong AFP", "Tehran IRNA", "Paris AFP" [in English]; reports cite
# the agency alone ("AFP 30 Jan. 1992").
_DATELINE_AGENCY = lazy_compile(r"(?:[A-Z][a-z][\w'’-]*\s+){1,2}([A-Z]{2,6})")


def _dateline_agency_key(name: str) -> list[str]:
    match = _DATELINE_AGENCY.fullmatch(" ".join(_BRACKETED.sub(" ", name).split()))
    return [match.group(1).casefold()] if match else []


# An acronym in brackets with words after it: "United Nations Development Programme (UNDP)
# Accelerator Labs", "... (UNDP), Ethiopia": a part or an office of the body, cited with its
# acronym ("UNDP Accelerator Labs", "UNDP Ethiopia").
_ACRONYM_THEN_WORDS = lazy_compile(
    r"[(\[]([A-Z][A-Za-z&.-]*[A-Z]\.?(?: [A-Z][A-Za-z&.-]*[A-Z]\.?)?)[)\]],?\s+([A-Z][^()\[\]]*)$"
)


def _acronym_keys(name: str, initials: bool) -> list[str]:
    keys = [source_key(found) for found in _BRACKETED_ACRONYM.findall(name)]
    office = _ACRONYM_THEN_WORDS.search(name.strip().rstrip("."))
    if office is not None:
        keys.append(source_key(f"{office.group(1)} {office.group(2)}"))
    made = initials_key(name) if initials else None
    if made:
        keys.append(made)
        keys.extend(_other_initials(name, made))
    return keys


def _other_initials(name: str, made: str) -> list[str]:
    """The acronyms an organisation is also known by, beside the initials of its capitalised
    words (``made``): with the one "of" they join ("Department of Justice" -> "doj", "United
    States Department of State" -> "usdos"), and without the "United Nations" inside or at
    the end of a UN body's name ("Office of the United Nations High Commissioner for Human
    Rights" -> "ohchr", "Food and Agriculture Organization of the United Nations" -> "fao").
    Each of three letters or more."""
    words = _organisation_words(name)
    found: list[str] = []
    if words.count("of") == 1:
        found.append(
            "".join(
                word[0]
                for word in words
                if word == "of" or (word.casefold() not in _NAME_JOINERS and word != "&")
            ).casefold()
        )
    plain = " ".join(words)
    if plain.endswith(" of the United Nations"):
        found.append(initials_key(plain.removesuffix(" of the United Nations")) or "")
    elif " United Nations " in plain:
        # Not a name it starts: "United Nations High Commissioner for Refugees" is no "HCR".
        found.append(initials_key(plain.replace("United Nations", " ")) or "")
    return [key for key in dict.fromkeys(found) if len(key) >= 3 and key != made]


def abbreviations_key(name: str) -> str | None:
    """The key ``initials_key`` makes of the name a citation gives as abbreviations only: one
    letter for each abbreviation before the last (a country's: each stands for one word of the
    name) and the last whole (the body's acronym: the initials of the rest). "U.S. EPA" and
    "US EPA" -> "uepa", as "US Environmental Protection Agency" -> "uepa"; "U.N." -> "un".
    None for any other name, and for one plain acronym ("EPA": its key is itself)."""
    words = [word.replace(".", "") for word in name.split()]
    if not words or not all(word.isalpha() and word.isupper() for word in words):
        return None
    if len(words) == 1:
        return words[0].casefold() if "." in name.rstrip(".") else None
    return "".join(word[0] for word in words[:-1]).casefold() + words[-1].casefold()


def _organisation_words(name: str) -> list[str]:
    """The words an organisation's acronyms are made of: without what brackets hold, full
    stops or a leading "The"."""
    words = _BRACKETED_ACRONYM.sub(" ", _BRACKETED.sub(" ", name)).replace(".", " ").split()
    return words[1:] if words and words[0].casefold() == "the" else words


def initials_key(name: str) -> str | None:
    """The key of the acronym an organisation's name is cited by: "Human Rights Watch" -> "hrw".

    Only for names of two to eight capitalised words with nothing else but connectors ("of",
    "for", "&", ...) between them: a personal name ("Smith, J.") or a title has none. An
    ampersand joins words as "and" does: "Global Trade & Innovation Policy Alliance" -> "gtipa".
    """
    if "," in name:
        return None
    words = _organisation_words(name)
    capitalised = [word for word in words if word.casefold() not in _NAME_JOINERS and word != "&"]
    if not 2 <= len(capitalised) <= 8:
        return None
    if not all(_CAPITALISED.fullmatch(word) for word in capitalised):
        return None
    return "".join(word[0] for word in capitalised).casefold()


class NamedReferences:
    """The references whose keys a cited key names (``names_match``), found through tables of
    the keys built once per document: comparing each unresolved citation with every entry made
    checking a long file of reports grow with citations times entries. For the rules, which
    ask it of the document they check (``NamedReferences.of``)."""

    def __init__(self, references: Sequence[Reference]) -> None:
        # For plain keys and for keys without their connecting words (``bare_key``): each key,
        # and each of its proper word-prefixes, to the entries that have it.
        self.whole: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        self.started: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        self.keys = [reference_keys(reference) for reference in references]
        for index, keys in enumerate(self.keys):
            for key in keys:
                for form, listed in enumerate((key, bare_key(key))):
                    self.whole[form].setdefault(listed, set()).add(index)
                    words = listed.split(" ")
                    for count in range(1, len(words)):
                        self.started[form].setdefault(" ".join(words[:count]), set()).add(index)

    @staticmethod
    def of(doc: Document) -> NamedReferences:
        """The tables of ``doc``, built on first use and kept while it is the document checked."""
        return _named_references(doc)

    def matching(self, cited: str) -> list[int]:
        """The entries with a key that ``cited`` names, in order."""
        found: set[int] = set()
        for form, key in enumerate((cited, bare_key(cited))):
            whole, started = self.whole[form], self.started[form]
            found |= whole.get(key, set())  # the same name
            found |= started.get(key, set())  # the entry's name adds words
            words = key.split(" ")
            for count in range(1, len(words)):  # the citation's name adds words
                found |= whole.get(" ".join(words[:count]), set())
        stem = edition_stem(cited)
        if stem is not None:
            # "country reports 1992" names "country reports on human rights practices for
            # 1992": an entry whose key starts with the stem, confirmed by its year.
            found |= {
                index
                for index in self.started[0].get(stem, ())
                if any(_edition_match(cited, key) for key in self.keys[index])
            }
        return sorted(found)


@per_document
def _named_references(doc: Document) -> NamedReferences:
    return NamedReferences(doc.references)
