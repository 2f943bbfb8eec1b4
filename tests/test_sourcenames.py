"""Source names as citations and list entries are compared (provenance.sourcenames)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import sourcenames
from provenance.model import Reference, ReferenceEntry
from provenance.sourcenames import (
    abbreviations_key,
    bare_key,
    entry_keys,
    family_keys,
    first_author_key,
    initials_key,
    iter_key_words,
    joined_alike,
    key_words,
    names_by_body_and_title,
    names_by_title,
    names_match,
    natural_family_keys,
    near_spelling,
    reference_keys,
    source_key,
    title_pairs,
)
from provenance.span import LineIndex


def test_an_acronym_of_two_words_and_an_office_after_the_acronym_are_keys() -> None:
    desa = "United Nations Department of Economic and Social Affairs (UN DESA)"
    assert "un desa" in entry_keys(ReferenceEntry(author=desa))
    labs = entry_keys(
        ReferenceEntry(author="United Nations Development Programme (UNDP) Accelerator Labs")
    )
    assert {"undp", "undp accelerator labs"} <= set(labs)
    assert "undp ethiopia" in entry_keys(
        ReferenceEntry(author="United Nations Development Programme (UNDP), Ethiopia")
    )
    # A bracket of words in lower case is no acronym.
    assert entry_keys(ReferenceEntry(author="Agency (ed.) Reports")) == ["agency ed reports"]


@pytest.mark.parametrize(
    ("cited", "expected"),
    [("aklin et al", "aklin"), ("van der berg et al", "van der berg"), ("aklin", None)],
)
def test_first_author_key(cited: str, expected: str | None) -> None:
    assert first_author_key(cited) == expected
    assert first_author_key("et al") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Korea Post [Seoul]", "korea post"),
        ("the KOREA post.", "korea post"),
        ("Korea Post.", "korea post"),
        ("Oka, Natsuko", "oka natsuko"),
        ("FBIS-NES-90-243", "fbis nes 90 243"),
        ("News from the Korean Central News Agency", "news from the korean central news agency"),
        ("Amnesty International [AI]", "amnesty international"),
        ("U.N. High Commissioner", "u n high commissioner"),
        ("Theatre Review", "theatre review"),
        ("The", ""),
        # An ampersand left HTML-escaped by a web page's conversion is an ampersand.
        ("Sługocki &amp; Sowa", "sługocki sowa"),
        ("Sługocki & Sowa", "sługocki sowa"),
    ],
)
def test_source_key(name: str, expected: str) -> None:
    assert source_key(name) == expected


@given(st.text(alphabet="ab CD\n\t[]&;#x41.,-\u00dfI\u0130\u00a0\u001c\ufb01", max_size=80))
def test_key_words_a_piece_at_a_time_are_the_words_of_the_whole(text: str) -> None:
    # Pieces of a few characters: every cut of the text is tried, brackets and entities across.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sourcenames, "_KEY_WORDS_PIECE", 3)
        assert list(iter_key_words(text)) == key_words(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "B",
                " ",
                "\n",
                "[",
                "]",
                "&amp;",
                "&#91;",
                "&#x5d;",
                "&lsqb;",
                "&rbrack;",
                "amp;",
                "&",
                "x.org",
                "\u00e9",
                "\u0436",
            ]
        ),
        max_size=40,
    ),
    st.integers(0, 50),
)
def test_key_words_from_an_offset_a_piece_at_a_time(parts: list[str], start: int) -> None:
    # Entities that stand for brackets, and pieces cut wherever a space allows.
    text = "".join(parts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sourcenames, "_KEY_WORDS_PIECE", 2)
        assert list(iter_key_words(text, start)) == key_words(text[start:])


def test_key_words_keep_a_leading_the() -> None:
    assert key_words("The Hindu [Madras]") == ["the", "hindu"]


def test_key_words_drop_a_possessive() -> None:
    assert key_words("Johnson's et. al.") == ["johnson", "et", "al"]
    assert key_words("Amnesty International’s report") == ["amnesty", "international", "report"]
    assert (
        list(iter_key_words("Sen's argument")) == key_words("Sen's argument") == ["sen", "argument"]
    )


@pytest.mark.parametrize(
    ("cited", "listed", "expected"),
    [
        ("korea post", "korea post", True),
        ("korea post", "korea post seoul", True),
        ("korea post herald", "korea post", True),
        ("korea", "korea post", True),
        ("korea po", "korea post", False),
        ("korea posts", "korea post", False),
        ("hindu", "hindustan times", False),
        # Connecting words may differ.
        ("global peace index for mexico", "global peace index in mexico", True),
        ("office of high commissioner", "office of the high commissioner for human rights", True),
        ("bank of korea", "korea bank", False),
    ],
)
def test_names_match(cited: str, listed: str, expected: bool) -> None:
    assert names_match(cited, listed) is expected


def test_an_entry_is_known_by_its_author_as_listed_and_as_cited_and_by_its_container() -> None:
    entry = ReferenceEntry(author="Oka, Natsuko, Research Fellow", container="IDE Journal")
    assert entry_keys(entry) == ["oka natsuko research fellow", "natsuko oka", "ide journal"]
    assert entry_keys(ReferenceEntry()) == []
    assert entry_keys(ReferenceEntry(container="IDE Journal")) == ["ide journal"]
    assert entry_keys(ReferenceEntry(container="The Korea Post [Seoul]")) == ["korea post"]
    assert entry_keys(ReferenceEntry(author="The", container="Reuters")) == ["reuters"]
    assert entry_keys(ReferenceEntry(author="Smith, John Paul, Dr")) == [
        "smith john paul dr",
        "john paul smith",
    ]
    assert entry_keys(ReferenceEntry(author="Oka, Natsuko"))[:2] == ["oka natsuko", "natsuko oka"]
    assert entry_keys(ReferenceEntry(author="Smith, John, Jr."))[:2] == [
        "smith john jr",
        "john smith",
    ]
    keys = entry_keys(ReferenceEntry(author="Reuters", container="The Korea Herald"))
    assert keys == ["reuters", "korea herald"]


def test_an_organisation_is_known_by_its_acronym() -> None:
    unhcr = ReferenceEntry(author="United Nations High Commissioner for Refugees (UNHCR)")
    keys = entry_keys(unhcr)
    assert keys == ["united nations high commissioner for refugees unhcr", "unhcr"]
    assert "hrw" in entry_keys(ReferenceEntry(author="Human Rights Watch"))
    # Made initials name a source in a citation, not in running text.
    assert "hrw" not in entry_keys(ReferenceEntry(author="Human Rights Watch"), initials=False)
    assert entry_keys(unhcr, initials=False) == [
        "united nations high commissioner for refugees unhcr",
        "unhcr",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Human Rights Watch", "hrw"),
        ("Amnesty International", "ai"),
        ("The Office of the High Commissioner for Human Rights", "ohchr"),
        ("Organization for Security and Co-operation in Europe", "osce"),
        ("Global Trade & Innovation Policy Alliance", "gtipa"),  # "&" joins as "and" does
        ("Fundación Ideas para la Paz", "fip"),  # Spanish joining words have no initial
        ("Reuters", None),  # one word: no acronym
        ("Smith, John", None),  # a person
        ("Bertelsmann Stiftung's Transformation index", None),  # a lower-case word
    ],
)
def test_initials_key(name: str, expected: str | None) -> None:
    assert initials_key(name) == expected


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("Hong Kong AFP", "afp"),
        ("Tehran IRNA [in English]", "irna"),
        ("Paris AFP", "afp"),
        ("The Korea Herald", None),  # no agency
        ("Human Rights Watch HRW", None),  # three words: a name, not a city
        ("Colombo Sri Lanka Broadcasting", None),  # no agency
    ],
)
def test_a_transmission_is_known_by_the_agency_after_its_city(
    name: str, agency: str | None
) -> None:
    keys = entry_keys(ReferenceEntry(author=name), initials=False)
    assert (agency in keys) if agency else len(keys) == 1


@pytest.mark.parametrize(
    ("cited", "listed", "expected"),
    [
        ("country reports 1992", "country reports on human rights practices for 1992", True),
        ("country reports 1992", "country reports on human rights practices for 1993", False),
        ("country reports 1992", "annual reports on human rights for 1992", False),
        ("1992", "country reports on human rights practices for 1992", False),
    ],
)
def test_a_name_ending_in_a_year_names_that_edition(
    cited: str, listed: str, expected: bool
) -> None:
    assert names_match(cited, listed) is expected


def test_a_work_is_known_by_an_acronym_its_title_gives() -> None:
    entry = ReferenceEntry(
        author="INEGI",
        title="Encuesta Nacional de Seguridad Pública Urbana (ENSU), septiembre 2024",
    )
    assert "ensu" in entry_keys(entry, initials=False)


def test_bare_key_drops_connecting_words() -> None:
    assert bare_key("global peace index for mexico") == "global peace index mexico"
    assert bare_key("of the") == "of the"


def test_a_legend_item_is_known_by_its_short_form() -> None:
    entry = ReferenceEntry(kind="legend", author="Amnesty International", note="AI")
    assert "ai" in entry_keys(entry, initials=False)
    titled = ReferenceEntry(kind="legend", title="Joint submission 2", note="JS2")
    assert entry_keys(titled) == ["js2"]


def test_family_keys_of_a_list_of_inverted_names() -> None:
    assert family_keys("Smith, J. and Doe, A.") == ["smith and doe", "smith doe"]
    assert family_keys("Smith, J. & Doe, A.") == ["smith and doe", "smith doe"]
    assert family_keys("Smith, J. &amp; Doe, A.") == ["smith and doe", "smith doe"]
    assert family_keys("Smith, J., Doe, A. and Roe, B.") == [
        "smith et al",
        "smith doe and roe",
        "smith doe roe",
    ]
    assert family_keys("Baffi, S., & Lannes, J.-P.") == ["baffi and lannes", "baffi lannes"]
    assert family_keys("Taylor, Ann") == ["taylor"]
    # Only the first name inverted (Chicago style).
    assert family_keys("Smith, John, and Jane Doe") == ["smith and doe", "smith doe"]
    assert family_keys("Hein Venter, C., A. Mahendra, and D. Hidalgo") == [
        "hein venter et al",
        "hein venter mahendra and hidalgo",
        "hein venter mahendra hidalgo",
    ]
    # A name in its natural order may end in a family name of two words; an initial is none.
    assert family_keys("Scarfiglieri, Gennaro, and Vincenzo Visco Comandini") == [
        "scarfiglieri and comandini",
        "scarfiglieri comandini",
        "scarfiglieri and visco comandini",
        "scarfiglieri visco comandini",
    ]
    assert family_keys("Kolin, Marshall, and Edward J. Smith") == ["kolin and smith", "kolin smith"]
    # A family name from its lower-case particle on, two names joined by "e" (Portuguese).
    assert family_keys("Büthe, Tim, Solomon Major, and André de Mello e Souza") == [
        "buthe et al",
        "buthe major and de mello e souza",
        "buthe major de mello e souza",
    ]
    # Family names before their initials (Vancouver style).
    assert family_keys("Marczak J, Fernández JL, Wittenberg R") == [
        "marczak et al",
        "marczak fernandez and wittenberg",
        "marczak fernandez wittenberg",
        "marczak j",  # the first author as listed: "Marczak J. (2017) shows"
    ]
    assert family_keys("Courtin E, Le Grand J") == [
        "courtin and le grand",
        "courtin le grand",
        "courtin e",
    ]
    # The same with full stops after the initials, as lists in Russian and Turkish write them,
    # and a capital outside Latin-1 ("İ").
    assert family_keys("İlkkaracan I., Kim K., Kai T.")[0] == "ilkkaracan et al"
    assert family_keys("Brodskaya N.G., Rubanov I.V.")[0] == "brodskaya and rubanov"
    # An organisation, and a name whose second part is no given name, have none.
    assert family_keys("Amnesty International") == []
    assert family_keys("UNDP, UN Women, ILO") == []
    assert family_keys("Korea, Ministry of Unification") == []


def _reference(text: str, entry: ReferenceEntry) -> Reference:
    return Reference(entry, "references", text, LineIndex(text).span(0, len(text)))


def test_an_entry_read_without_a_name_is_known_by_the_words_it_starts_with() -> None:
    text = "Human Rights Watch. World Report 2005."
    assert reference_keys(_reference(text, ReferenceEntry())) == ["human rights watch", "hrw"]
    assert reference_keys(_reference(text, ReferenceEntry()), initials=False) == [
        "human rights watch"
    ]
    # What the grammar read comes first; a title read means the name is known to be missing,
    # and the work is cited by its title.
    read = ReferenceEntry(author="HRW")
    assert reference_keys(_reference(text, read)) == ["hrw"]
    titled = ReferenceEntry(title="World Report")
    assert reference_keys(_reference(text, titled)) == ["world report"]
    assert reference_keys(_reference('"A title" 2003.', ReferenceEntry())) == []


def test_an_editors_mark_does_not_hide_the_names_it_follows() -> None:
    assert "ashe et al" in family_keys("Ashe, S. D., Busher, J., Macklin, G., & Winter, A. (Eds.)")
    assert "starn and kirk" in family_keys("Starn, Orin; Kirk, Robin, eds")


def test_given_names_that_open_with_an_accented_capital_are_given_names() -> None:
    # APA with whole given names: "Surname, Given, Surname, Given, & Surname, Given".
    keys = family_keys("Bilgili, Özge, Loschmann, Craig, Fransen, Sonja, & Siegel, Melissa")
    assert "bilgili et al" in keys
    assert "bilgili loschmann fransen and siegel" in keys
    assert "smith and nowak" in family_keys("Smith, Émile, & Nowak, Łukasz")


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("zubhoff", "zuboff", True),  # one letter added
        ("skocylis", "skoczylis", True),  # one dropped
        ("prichard", "pritchard", True),
        ("mondon", "london", True),  # one changed
        ("smith", "smith", False),  # the same name is no misspelling
        ("smith", "smyth", True),
        ("roe", "rod", False),  # too short to tell
        ("kwet", "ekwet", True),  # four letters and a fifth added
        ("back", "black", True),
        ("chen", "chan", False),  # four letters, one changed: two names
        ("kwet", "kwe", False),
        ("zuboff", "zubhoffs", False),  # two letters
        ("fitzgerlad", "fitzgerald", True),  # two letters side by side swapped
        ("hatnon", "hatton", True),  # one changed
        ("fitzegrald", "fitzgerlad", False),  # two swaps
        ("abcde", "acbed", False),
    ],
)
def test_a_name_misspelt_by_one_letter(a: str, b: str, near: bool) -> None:
    assert near_spelling(a, b) is near
    assert near_spelling(b, a) is near


def test_an_entry_no_style_reads_is_still_cited_by_all_its_authors() -> None:
    # "Duffy, G., Fordyce, R., & Mannell, K. 2024 Digital Child ...": the year stands after the
    # names without a full stop, so no style reads the entry, but its names still lead it.
    text = (
        "Duffy, G., Fordyce, R., & Mannell, K. 2024 Digital Child Working Paper 2024-03, "
        "Analysing Australian news media. ARC Centre, Brisbane."
    )
    reference = Reference(ReferenceEntry(), "references", text, LineIndex(text).span(0, len(text)))
    assert "duffy et al" in reference_keys(reference)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Heltberg, Rasmus, et al", ["heltberg et al"]),
        ("Villarin, Jose Ramon T. et al.", ["villarin et al"]),
        ("John Smith et al.", ["smith et al"]),
    ],
)
def test_an_entry_that_lists_its_first_author_only_is_cited_with_et_al(
    name: str, expected: list[str]
) -> None:
    assert family_keys(name) == expected


def test_container_only_keys_are_the_keys_only_a_container_gives() -> None:
    entry = ReferenceEntry(
        author="Timcke, Scott", container="UN Unite Research Policy Brief", title="Towards"
    )
    reference = _reference("Timcke, Scott. 2023. Towards. UN Unite Research Policy Brief.", entry)
    assert "un unite research policy brief" in sourcenames.container_only_keys(reference)
    assert "timcke" not in sourcenames.container_only_keys(reference)
    alone = _reference("Timcke, Scott. 2023.", ReferenceEntry(author="Timcke, Scott"))
    assert sourcenames.container_only_keys(alone) == frozenset()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Una Dimitrijevic", ["dimitrijevic"]),
        ("John A. Smith.", ["smith"]),
        ("J. Smith and A. Roe", ["smith and roe", "smith roe"]),
        ("Jerome De Henau", ["de henau", "henau"]),
        (
            "Jerome De Henau and Diane Perrons",
            ["de henau and perrons", "de henau perrons", "henau and perrons", "henau perrons"],
        ),
        (
            "Jerome Henau, Susan Himmelweit, Zofia Łapniewska and Diane Perrons",
            [
                "henau et al",
                "henau himmelweit łapniewska and perrons",
                "henau himmelweit łapniewska perrons",
            ],
        ),
        ("World Bank", []),  # an organisation's word
        ("Amnesty International", []),
        ("Freedom House", []),
        ("DLA Piper", []),  # an acronym names an organisation
        ("UN Women", []),
        ("The Hindu", []),
        ("Le Monde", []),
        ("Smith, J.", []),  # inverted: ``family_keys``
        ("Eurostat", []),
        ("Office of the High Commissioner for Human Rights", []),
    ],
)
def test_natural_family_keys_of_people_listed_given_name_first(
    name: str, expected: list[str]
) -> None:
    assert natural_family_keys(name) == expected


def test_a_work_without_an_author_is_known_by_its_title() -> None:
    entry = ReferenceEntry(title="Long-term care homes in Canada: How many and who owns them?")
    assert entry_keys(entry) == ["long term care homes in canada how many and who owns them"]
    assert names_match("long term care homes in canada", entry_keys(entry)[0])
    # An author's or a periodical's work is known by them only.
    assert entry_keys(ReferenceEntry(author="ILO", title="Care work")) == ["ilo"]
    assert entry_keys(ReferenceEntry(container="Le Monde", title="Care work")) == ["le monde"]


def test_a_title_first_entry_is_known_by_its_title_and_its_site() -> None:
    # APA lists a work without an author by its title, the site after the date: it is cited
    # by its title ('("Djibouti," 2019)') and its site still names it.
    entry = ReferenceEntry(kind="title-first", title="Djibouti", container="UNHCR")
    assert entry_keys(entry) == ["unhcr", "djibouti"]


def test_a_domain_name_is_one_word() -> None:
    # A site is named by its whole domain, not by its first label ("ec" is an acronym too).
    assert key_words("ec.europa.eu, accessed 2023") == ["ec_europa_eu", "accessed", "2023"]
    assert source_key("unicef.org") == "unicef_org"
    assert not names_match(source_key("ec.europa.eu"), "ec")
    # Inside an address or an e-mail, and in abbreviations, full stops part words as before.
    assert key_words("https://www.enpf.kz/ru") == ["https", "www", "enpf", "kz", "ru"]
    assert key_words("jane.doe@undp.org") == ["jane", "doe", "undp", "org"]
    assert key_words("U.S. e.g. Statista.com") == ["u", "s", "e", "g", "statista", "com"]
    assert list(iter_key_words("see unicef.org. Then")) == ["see", "unicef_org", "then"]


def test_cyrillic_names_are_keyed_in_latin_letters() -> None:
    # A report in English cites a work listed in Cyrillic by its author's name in Latin letters.
    assert key_words("Селезнева & et al, 2022") == ["selezneva", "et", "al", "2022"]
    assert source_key("Трудовой кодекс") == "trudovoy kodeks"
    assert source_key("Щукин, Юрий; Қазақстан") == "shchukin yuriy qazaqstan"
    assert names_match(source_key("Ivanov"), source_key("Иванов, П."))
    assert list(iter_key_words("Ёлкин и Борщёв")) == ["elkin", "i", "borshchev"]


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        ("U.S. EPA", "uepa"),  # a country's abbreviation, then the agency's acronym
        ("US EPA", "uepa"),
        ("UN DESA", "udesa"),
        ("U.N.", "un"),
        ("EPA", None),  # one plain acronym is its own key
        ("Human Rights Watch", None),
        ("US Census", None),  # not abbreviations only
    ],
)
def test_abbreviations_key(cited: str, expected: str | None) -> None:
    assert abbreviations_key(cited) == expected


@pytest.mark.parametrize(
    ("cited", "listed"),
    [
        ("U.S. EPA", "US Environmental Protection Agency"),
        ("US EPA", "US Environmental Protection Agency"),
        ("UN DESA", "UN Department of Economic and Social Affairs"),
    ],
)
def test_a_name_cited_by_abbreviations_has_the_key_its_entry_makes(cited: str, listed: str) -> None:
    key = abbreviations_key(cited)
    assert key is not None
    assert key in entry_keys(ReferenceEntry(author=listed))


_BODY, _TITLE = "AI Advisory Body Secretariat", "Interim Report: Governing AI"
_UNDP = "United Nations Development Programme"


@pytest.mark.parametrize(
    ("cited", "author", "title", "expected"),
    [
        # The body's name cut short, then the title's first words.
        ("ai advisory body interim report", _BODY, _TITLE, True),
        # The body by its acronym, the title whole.
        ("undp human development report 2020", _UNDP, "Human Development Report 2020", True),
        # Words of the title that do not start it, or a body the entry does not name.
        ("ai advisory body governing ai", _BODY, _TITLE, False),
        ("world bank interim report", _BODY, _TITLE, False),
        # The author's name alone is a plain citation, not this one.
        ("ai advisory body", _BODY, _TITLE, False),
        # Word by word: "inter" is no word of the title.
        ("ai advisory body inter", _BODY, _TITLE, False),
        # A one-word name a letter off, the title's words confirming it ("Eubank's").
        ("eubank automating inequality", "Eubanks, V.", "Automating inequality: How", True),
        ("eubank weapons", "Eubanks, V.", "Automating inequality: How", False),
        ("eubankz automating inequality", "Smith, V.", "Automating inequality: How", False),
    ],
)
def test_a_body_and_the_start_of_its_title_name_its_work(
    cited: str, author: str, title: str, expected: bool
) -> None:
    entry = ReferenceEntry(author=author, title=title)
    assert names_by_body_and_title(cited, entry) is expected
    assert not names_by_body_and_title(cited, ReferenceEntry(author=author))


@pytest.mark.parametrize(
    ("cited", "title", "expected"),
    [
        # Keys have no accents: the title's "Montréal" (composed or not) is "montreal".
        ("montreal declaration", "Montréal Declaration for a Responsible Development of AI", True),
        ("montreal declaration", "Montre\u0301al Declaration for a Responsible AI", True),
        ("toronto declaration", "Toronto Declaration", True),
        # One word is a name, not a title; words of the title that do not start it are neither.
        ("montreal", "Montréal Declaration for a Responsible Development of AI", False),
        ("responsible development", "Montréal Declaration for a Responsible Development", False),
        ("montreal decl", "Montréal Declaration", False),
    ],
)
def test_the_first_words_of_a_title_name_its_work(cited: str, title: str, expected: bool) -> None:
    entry = ReferenceEntry(author="University of Montréal", title=title)
    assert names_by_title(cited, entry) is expected
    assert not names_by_title(cited, ReferenceEntry(author="University of Montréal"))


def test_key_words_join_a_word_a_soft_hyphen_broke_over_lines() -> None:
    text = "In\u00ad\nternal Displacement Monitoring Centre"
    assert key_words(text) == ["internal", "displacement", "monitoring", "centre"]
    assert list(iter_key_words(text)) == key_words(text)


def test_a_name_too_long_to_keep_is_keyed_alike() -> None:
    # Keys of names up to ``_KEPT_KEY_LENGTH`` are kept; a longer name is keyed each time.
    long = "The " + "Korea Post " * (sourcenames._KEPT_KEY_LENGTH // 10)
    assert len(long) > sourcenames._KEPT_KEY_LENGTH
    assert source_key(long) == " ".join(["korea post"] * (sourcenames._KEPT_KEY_LENGTH // 10))
    assert source_key("The Korea Post [Seoul]") == "korea post"


@pytest.mark.parametrize(
    ("cited", "key", "alike"),
    [
        # A hyphen of the family name lost in the citation, a space in the entry's key.
        ("benner and van hoomissen", "ben ner and van hoomissen", True),
        ("bloodgood tremblayboire and prakash", "bloodgood tremblay boire and prakash", True),
        ("ben ner", "ben ner", False),  # the same key: no other form
        ("benner", "ben nerd", False),  # another letter
        ("smith and jones", "smith jones", False),  # another word
    ],
)
def test_keys_alike_but_for_where_their_words_break(cited: str, key: str, alike: bool) -> None:
    assert joined_alike(cited, key) is alike


def test_a_title_s_pairs_of_words_are_read_without_filler_words() -> None:
    pairs = title_pairs("The Distributed Lag Between Air Pollution and Daily Deaths")
    assert ("distributed", "lag") in pairs
    assert ("lag", "air") in pairs  # "between" is filler
    assert ("pollution", "daily") in pairs
    assert title_pairs("the distributed lag model") & pairs == {("distributed", "lag")}
    assert title_pairs("Deaths") == frozenset()


def test_an_entry_no_style_reads_is_cited_by_its_leading_name_after_its_list_number() -> None:
    text = "35 SIC ICWC., 2008. Complex remote sensing of the dried bed. Tashkent, pp. 190."
    reference = Reference(ReferenceEntry(), "references", text, LineIndex(text).span(0, len(text)))
    assert "sic icwc" in reference_keys(reference)


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Department of Justice", "doj"),  # with the "of" it joins
        ("United States Department of State", "usdos"),
        ("Office of the United Nations High Commissioner for Human Rights", "ohchr"),
        ("Food and Agriculture Organization of the United Nations", "fao"),
    ],
)
def test_an_organisation_is_also_cited_by_the_acronyms_it_is_known_by(
    name: str, acronym: str
) -> None:
    assert acronym in entry_keys(ReferenceEntry(author=name))


def test_no_short_or_second_of_acronym_is_made() -> None:
    # A name that starts with "United Nations" keeps it ("UNHCR" is no "HCR"); two "of"s give
    # no acronym with them.
    assert entry_keys(ReferenceEntry(author="United Nations High Commissioner for Refugees")) == [
        "united nations high commissioner for refugees",
        "unhcr",
    ]
    assert "mofaoj" not in entry_keys(ReferenceEntry(author="Ministry of Foreign Affairs of Japan"))
