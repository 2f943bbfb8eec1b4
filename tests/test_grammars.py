"""The grammar loader: parsers built once, errors as GrammarError, and the private parser cache."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark.lexer import Scanner
from lark.utils import TextSlice

from provenance import grammars
from provenance.errors import GrammarError
from provenance.parsers import references


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    _forget_cache_folder()
    yield tmp_path / "provenance"
    _forget_cache_folder()


def _forget_cache_folder() -> None:
    """Close the folder the cache holds open, so that the next call opens it again."""
    if grammars._cache_folder.cache_info().currsize:
        folder = grammars._cache_folder()
        if hasattr(folder, "close"):
            folder.close()
    grammars._cache_folder.cache_clear()


def test_every_grammar_file_builds() -> None:
    names = sorted(path.stem for path in grammars.grammar_dir().glob("*.lark"))
    assert {"citation", "crossref", "date", "footnote", "index_code", "reference", "url"} <= set(
        names
    )


def test_parse_full_raises_grammar_error_with_position() -> None:
    with pytest.raises(GrammarError) as raised:
        grammars.parse_full("date", "15 Maybe 2000")
    assert raised.value.position >= 0


def test_grammar_error_names_the_terminals_expected_where_no_terminal_matches() -> None:
    with pytest.raises(GrammarError) as raised:
        grammars.parse_full("date", "15 May %%%")
    assert raised.value.position == len("15 May ")
    assert raised.value.expected


def test_a_failed_parse_builds_no_scanner_of_every_terminal() -> None:
    # Lark's contextual lexer would compile one regex of all the grammar's terminals only to
    # word an error; prose ends most candidates that way.
    from provenance.parsers.references import _STARTS

    for start in _STARTS:
        with pytest.raises(GrammarError):
            grammars.parse_full_start("reference", _STARTS, "%%% not an entry", start)
    lexer = grammars.multi_start_parser("reference", _STARTS).parser.lexer
    assert getattr(lexer.root_lexer, "_scanner", None) is None


def test_parse_prefix_returns_longest_prefix() -> None:
    found = grammars.parse_prefix("date", "15 May 2000 and more", "start")
    assert found is not None
    assert found[1] == len("15 May 2000")


def _longest_prefix_by_copies(name: str, text: str, start: str) -> tuple[Any, int] | None:
    """The plain way: after every token, ask a deep copy of the parser to accept the end."""
    from lark.exceptions import UnexpectedInput

    interactive = grammars.parser(name, start).parse_interactive(text)
    best = None
    try:
        for token in interactive.lexer_thread.lex(interactive.parser_state):
            interactive.feed_token(token)
            try:
                best = (interactive.copy().feed_eof(token), token.end_pos)
            except UnexpectedInput:
                continue
    except UnexpectedInput:
        pass
    return best


_PREFIX_TEXTS = (
    "15 May 2000 and more",
    'Amnesty International. 12 March 1999. "Title of the Report." AI Index: ASA 24/06/96.',
    "Smith, J. (2019). The Title of a Book. Publisher. Retrieved 5 May 2020, from x",
    "Human Rights Watch. 2004. Report, then prose that goes on, (and on) 1999.",
)


@given(
    st.sampled_from(_PREFIX_TEXTS),
    st.integers(min_value=0, max_value=90),
    st.text(alphabet=" .,;:()\"'0123456789ABCabc-/", max_size=20),
)
def test_the_longest_prefix_is_the_one_copies_of_the_parser_accept(
    text: str, cut: int, tail: str
) -> None:
    candidate = text[:cut] + tail
    for name, start in (("date", "start"), ("reference", "author_year"), ("reference", "irb")):
        expected = _longest_prefix_by_copies(name, candidate, start)
        found = grammars.parse_prefix(name, candidate, start)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert (found[0], found[1]) == expected


def test_built_parser_is_cached_and_loads_back(fresh_cache: Path) -> None:
    built = grammars._load_or_build("date", ("start",))
    files = list(fresh_cache.glob("date-*.json"))
    assert len(files) == 1
    assert fresh_cache.stat().st_mode & 0o077 == 0
    assert files[0].stat().st_mode & 0o077 == 0
    # No pickle: the file is plain data, which cannot run code when loaded.
    data = files[0].read_bytes()
    assert not data.startswith(b"\x80")
    # A marshalled header of plain values, then a line of JSON text for each rule and each row
    # of the parse table.
    header, head = grammars._header(data)
    assert header["data"]
    assert _plain(header)
    lines = data[head + 1 :].split(b"\n")
    assert lines and all(isinstance(json.loads(line), list) for line in lines)
    loaded = grammars._load_or_build("date", ("start",))
    assert loaded is not built
    assert loaded.parse("15 May 2000") == built.parse("15 May 2000")


@pytest.mark.parametrize(
    "damage",
    [
        b"not a parser",
        b"",
        b'{"data": {}, "memo": {}}',
        b'{"data": {"\\u0000d": [[[1], 2]]}, "memo": 1}',
        b"[" * 100_000,
        pickle.dumps({"data": {}, "memo": {}}),
    ],
    ids=["garbage", "empty", "wrong-shape", "unhashable-key", "deep", "pickle"],
)
def test_damaged_cache_file_is_rebuilt(fresh_cache: Path, damage: bytes) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    good = cached.read_bytes()
    cached.write_bytes(damage)
    rebuilt = grammars._load_or_build("date", ("start",))
    assert rebuilt.parse("July 30, 2004") is not None
    assert _loads(cached)
    # A truncated file (a writer that died half way) is rebuilt too.
    cached.write_bytes(good[: len(good) // 2])
    assert grammars._load_or_build("date", ("start",)).parse("July 30, 2004") is not None
    assert _loads(cached)


def _plain(value: object) -> bool:
    """Whether ``value`` is made of plain data only (no code object, no class of its own)."""
    if isinstance(value, dict):
        return all(_plain(key) and _plain(item) for key, item in value.items())
    if type(value) in (list, tuple):
        return all(_plain(item) for item in value)  # type: ignore[attr-defined]
    return value is None or type(value) in (str, int, float, bool)


@pytest.mark.parametrize("where", ["length", "crc", "header", "newline"])
def test_cache_file_with_a_damaged_header_is_rebuilt(fresh_cache: Path, where: str) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    data = bytearray(cached.read_bytes())
    _header, head = grammars._header(bytes(data))
    at = {"length": 3, "crc": 12, "header": head // 2, "newline": head}[where]
    data[at] = data[at] ^ 0x01 if where != "length" else ord("f")
    cached.write_bytes(bytes(data))
    with pytest.raises(ValueError):
        grammars._header(bytes(data))
    assert not _loads(cached)
    assert grammars._load_or_build("date", ("start",)).parse("July 30, 2004") is not None
    assert _loads(cached)


def test_format_6_cache_file_is_refused(fresh_cache: Path) -> None:
    # A header written as a line of JSON (format 6) is not read as a format 7 one.
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    data = cached.read_bytes()
    header, head = grammars._header(data)
    cached.write_bytes(json.dumps(grammars._to_json(header)).encode() + data[head:])
    assert not _loads(cached)


def _loads(cached: Path) -> bool:
    """Whether the cache file holds a parser the cache can load."""
    folder = grammars._cache_folder()
    assert folder is not None
    return grammars._load(folder, cached.name) is not None


def test_cache_round_trips_lark_serialisation_exactly() -> None:
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    built = grammars.grammar_parser("reference", ("irb", "footnote", "date"))
    data, memo = built.memo_serialize([TerminalDef, Rule])
    text = json.dumps({"data": grammars._to_json(data), "memo": grammars._to_json(memo)})
    assert json.loads(text, object_hook=grammars._from_json) == {"data": data, "memo": memo}


def _every_parser() -> list[tuple[str, tuple[str, ...]]]:
    """The parsers the readers build: (grammar, start rules)."""
    from provenance.parsers import citations, urls
    from provenance.parsers.references import _STARTS

    single = [
        ("date", "start"),
        ("relative", "start"),
        ("figures", "start"),
        ("citation", citations._START),
        ("crossref", "crossref"),
        ("crossref", "heading"),
        ("footnote", "marker"),
        ("footnote", "body_start"),
        ("index_code", "mention"),
        ("legend", "legend_item"),
        ("legal", "start"),
        ("url", urls._START),
    ]
    return [*((name, (start,)) for name, start in single), ("reference", _STARTS)]


def _terminal(terminal: Any) -> tuple[Any, ...]:
    pattern = terminal.pattern
    return (
        terminal.name,
        terminal.priority,
        type(pattern).__name__,
        pattern.to_regexp(),
        sorted(pattern.flags),
        pattern.min_width,
        pattern.max_width,
    )


def _table(parser: Any) -> dict[int, dict[str, tuple[str, Any]]]:
    states = parser.parser.parser._parse_table.states
    return {
        state: {
            token: (
                action.name,
                (str(arg), arg.alias, vars(arg.options)) if action.name == "Reduce" else arg,
            )
            for token, (action, arg) in row.items()
        }
        for state, row in states.items()
    }


@pytest.mark.parametrize(("name", "starts"), _every_parser())
def test_cached_parser_is_the_parser_built(
    fresh_cache: Path, name: str, starts: tuple[str, ...]
) -> None:
    # The cache is read by a loader of its own (rules and table written compactly, callbacks
    # and lexers made on first use): it must give back the same tables and terminals.
    built = grammars._load_or_build(name, starts)
    loaded = grammars._load_or_build(name, starts)
    assert isinstance(loaded, grammars._LoadedLark)
    assert _table(loaded) == _table(built)
    assert [_terminal(t) for t in loaded.terminals] == [_terminal(t) for t in built.terminals]
    table = loaded.parser.parser._parse_table
    assert (table.start_states, table.end_states) == (
        built.parser.parser._parse_table.start_states,
        built.parser.parser._parse_table.end_states,
    )


def test_terminal_regexes_come_back_from_their_stored_code(fresh_cache: Path) -> None:
    built = grammars._load_or_build("date", ("start",))
    grammars._REGEX_CODES.clear()
    grammars._load_or_build("date", ("start",))
    for terminal in built.terminals:
        pattern = terminal.pattern.to_regexp()
        assert (pattern, 0) in grammars._REGEX_CODES
        restored = grammars._regex_from_code(pattern, 0)
        assert restored is not None
        compiled = re.compile(pattern)
        assert (restored.pattern, restored.flags, restored.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groupindex,
        )
        for text in ("15 May 2000", "1990s", "mid-1995", "between", "Friday, ", "2004-07-30"):
            found, expected = restored.match(text), compiled.match(text)
            assert (found and found.group(0)) == (expected and expected.group(0))


def test_a_stored_regex_code_the_engine_refuses_is_compiled_instead() -> None:
    pattern = r"(?:0?[1-9]|[12]\d|3[01])(?!\w)-a test pattern"
    grammars._REGEX_CODES[(pattern, 0)] = [0, "AAAA", 1, {}]
    try:
        assert grammars._regex_from_code(pattern, 0) is None
        assert grammars._terminal_regex(pattern, 0, re).match("12-a test pattern")
    finally:
        del grammars._REGEX_CODES[(pattern, 0)]
        grammars._TERMINAL_REGEXES.pop((pattern, 0), None)


def test_shared_scanner_takes_the_first_terminal_that_matches_as_lark_does() -> None:
    from lark.lexer import TerminalDef

    shared = _scanner_matching_lark(grammars.grammar_parser("date"))
    assert all(isinstance(t, TerminalDef) for t in shared.terminals)


def test_busy_shared_scanner_matches_by_character_as_lark_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once busy, a state's scanner matches with alternations of the terminals that can begin
    with the character at hand: the same terminal and text as Lark's one alternation at every
    offset, each character's alternation compiled once and shared by the characters and states
    that have the same terminals."""
    monkeypatch.setattr(grammars, "_MATCHES_BEFORE_ALTERNATION", 0)
    shared = _scanner_matching_lark(grammars.grammar_parser("date"))
    assert shared.by_char
    assert len(set(shared.by_char.values())) < len(shared.by_char)  # "1" and "2" share one
    reference = grammars.multi_start_parser("reference", references._STARTS)
    terminals = sorted(
        reference.terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    busy = grammars._SharedScanner(terminals, 0, re)
    lark_scanner = Scanner(terminals, 0, re, False)
    for text in [example.text for style in references.ENTRY_STYLES for example in style.examples]:
        window = TextSlice(text, 0, len(text))
        for position in range(len(text) + 1):
            assert busy.match(window, position) == lark_scanner.match(window, position)
    assert busy.by_char is not None


def test_shared_scanner_tries_only_terminals_that_can_begin_at_a_character(
    fresh_cache: Path,
) -> None:
    kept = dict(grammars._FIRST_BOUNDS)
    try:
        grammars._FIRST_BOUNDS.clear()
        grammars._load_or_build("date", ("start",))  # built: the first characters are kept
        grammars._FIRST_BOUNDS.clear()
        date = grammars._load_or_build("date", ("start",))  # loaded: read back from the file
        _assert_scanner_filters_as_lark_matches(date)
    finally:
        grammars._FIRST_BOUNDS.update(kept)


def _scanner_matching_lark(date: Any) -> Any:
    """The shared scanner of ``date``'s terminals, checked to match as Lark's own at every
    offset of a text of dates."""
    from lark.lexer import Scanner
    from lark.utils import TextSlice

    terminals = sorted(
        date.terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    shared = grammars._SharedScanner(terminals, 0, re)
    lark_scanner = Scanner(terminals, 0, re, False)
    text = "on 15 May 2000 - 2 June, the 1990s; mid-1995 between 24 and 26 May 2002 may 17, 2001"
    for position in range(len(text)):
        window = TextSlice(text, 0, len(text))
        assert shared.match(window, position) == lark_scanner.match(window, position)
    return shared


def _assert_scanner_filters_as_lark_matches(date: Any) -> None:
    terminals = date.terminals
    known = [t for t in terminals if (t.pattern.to_regexp(), 0) in grammars._FIRST_BOUNDS]
    assert len(known) > len(terminals) / 2
    shared = _scanner_matching_lark(date)
    assert len(shared._by_char["1"]) < len(terminals)


def test_lexer_states_are_built_when_the_parser_first_reaches_them(fresh_cache: Path) -> None:
    from provenance.parsers.references import _STARTS

    grammars._load_or_build("reference", _STARTS)
    loaded = grammars._load_or_build("reference", _STARTS)
    lexers = loaded.parser.lexer.lexers
    assert len(lexers) == 0
    loaded.parse("Reuters. 11 November 1994.", start="irb")
    states = len(loaded.parser.parser._parse_table.states)
    assert 0 < len(lexers) < states
    # Each rule's tree builder is made on its own, never through the builder threads share.
    assert 0 < len(loaded._callbacks) < len(loaded.rules)
    assert loaded._parse_tree_builder.rule_builders == []


def test_table_rows_and_rules_are_read_when_the_parser_first_reaches_them(
    fresh_cache: Path,
) -> None:
    from provenance.parsers.references import _STARTS

    built = grammars._load_or_build("reference", _STARTS)
    loaded = grammars._load_or_build("reference", _STARTS)
    table = loaded.parser.parser._parse_table.states
    rules = loaded._rule_memo
    assert dict.__len__(table) == 0 and dict.__len__(rules) == 0
    text = "Reuters. 11 November 1994."
    assert loaded.parse(text, start="irb") == built.parse(text, start="irb")
    made = dict.__len__(table)
    assert 0 < made < len(table) == len(built.parser.parser._parse_table.states)
    assert 0 < dict.__len__(rules) < len(loaded.rules) == len(built.rules)
    # Asked for whole, the lazy table gives every row, as the built one does.
    assert sorted(table) == sorted(built.parser.parser._parse_table.states)
    assert dict.__len__(table) == len(table) > made


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX-only")
def test_cache_folder_that_is_a_symlink_is_not_used(fresh_cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    fresh_cache.symlink_to(elsewhere)
    assert grammars._cache_folder() is None
    grammars._load_or_build("date", ("start",))
    assert not list(elsewhere.iterdir())


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX-only")
def test_cache_file_that_is_a_symlink_is_not_followed(fresh_cache: Path, tmp_path: Path) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    # A parser of another grammar, which would misparse dates if it were read.
    grammars._load_or_build("url", ("url",))
    (other,) = fresh_cache.glob("url-*.json")
    cached.unlink()
    cached.symlink_to(other)
    assert grammars._load_or_build("date", ("start",)).parse("15 May 2000") is not None
    assert not cached.is_symlink()
    assert grammars._header(other.read_bytes())[0]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX-only")
def test_cache_file_others_can_write_is_not_read(fresh_cache: Path) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    grammars._load_or_build("url", ("url",))
    (other,) = fresh_cache.glob("url-*.json")
    cached.write_bytes(other.read_bytes())
    cached.chmod(0o666)
    assert grammars._load_or_build("date", ("start",)).parse("15 May 2000") is not None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX-only")
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_cache_refused_when_others_can_write(fresh_cache: Path, mode: int) -> None:
    fresh_cache.mkdir(mode=0o700)
    fresh_cache.chmod(mode)
    assert grammars._cache_folder() is None
    grammars._load_or_build("date", ("start",))
    assert not list(fresh_cache.iterdir())


def test_cache_can_be_turned_off(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVENANCE_NO_CACHE", "1")
    _forget_cache_folder()
    assert grammars._cache_folder() is None


def test_cache_key_changes_when_any_grammar_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An edit to an imported grammar (common.lark) must not load a parser built from the old one.
    copy = tmp_path / "grammars"
    copy.mkdir()
    for path in grammars.grammar_dir().glob("*.lark"):
        (copy / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(grammars, "_grammar_folder", lambda: str(copy))
    grammars._grammars_digest.cache_clear()
    before = grammars._grammars_digest()
    with (copy / "common.lark").open("a", encoding="utf-8") as stream:
        stream.write("\n// an edit\n")
    grammars._grammars_digest.cache_clear()
    after = grammars._grammars_digest()
    grammars._grammars_digest.cache_clear()
    assert before != after


def test_grammars_ship_inside_an_installed_package() -> None:
    import provenance

    package = Path(provenance.__file__).resolve().parent
    if "site-packages" not in package.parts:
        pytest.skip("source checkout or editable install: the grammars are read from grammars/")
    # A wheel install (as .ci/run does) must find every grammar inside the package itself.
    assert grammars.grammar_dir() == package / "grammars"
    shipped = {path.name for path in (package / "grammars").glob("*.lark")}
    source = {
        path.name for path in (Path(__file__).resolve().parents[1] / "grammars").glob("*.lark")
    }
    assert shipped == source


# --------------------------------------------------------------------------- two users

#: The unprivileged user that plays the attacker (``nobody`` on most systems).
_OTHER_UID = 65534
_as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="needs root, to act as a second user",
)


@pytest.fixture
def shared_parent(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache home whose folder another user (the attacker) owns and can write.

    Made under the system's temporary folder, which that user can reach (pytest's own
    temporary folders are private to root)."""
    parent = Path(tempfile.mkdtemp(prefix="provenance-cache-test-"))
    os.chown(parent, _OTHER_UID, _OTHER_UID)
    monkeypatch.setenv("XDG_CACHE_HOME", str(parent))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    _forget_cache_folder()
    yield parent
    _forget_cache_folder()
    shutil.rmtree(parent)


def _as_other_user(script: str, *args: str) -> None:
    """Run a shell script as the other user (the test's Python may live where they cannot go)."""
    subprocess.run(
        ["/bin/sh", "-eu", "-c", script, "attacker", *args],
        user=_OTHER_UID,
        group=_OTHER_UID,
        extra_groups=[],
        check=True,
        cwd="/",
    )


class _Exploit:
    """A pickle that makes a folder when it is loaded: proof that loading it ran code."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (self.marker,))


_SWAP = """
parent=$1 payload=$2
shift 2
mv "$parent/provenance" "$parent/moved-away"
mkdir -m 755 "$parent/provenance"
for name in "$@"; do cp "$payload" "$parent/provenance/$name"; done
"""


@_as_root
def test_cache_folder_swapped_after_its_check_is_never_read(shared_parent: Path) -> None:
    # The victim (root) checks its cache folder and fills it ...
    assert grammars._cache_folder() is not None
    grammars._load_or_build("date", ("start",))
    names = sorted(os.listdir(shared_parent / "provenance"))
    assert names
    # ... then the owner of the folder's parent swaps in a folder of their own, holding a
    # pickle that runs code, under every name the victim's cache uses.
    marker = shared_parent / "code-ran"
    payload = shared_parent / "payload"
    payload.write_bytes(pickle.dumps(_Exploit(str(marker))))
    payload.chmod(0o644)
    _as_other_user(_SWAP, str(shared_parent), str(payload), *names)
    assert (shared_parent / "provenance").stat().st_uid == _OTHER_UID
    loaded = grammars._load_or_build("date", ("start",))
    assert not marker.exists()
    assert loaded.parse("15 May 2000") is not None
    # Nothing was written into the attacker's folder either.
    assert sorted(os.listdir(shared_parent / "provenance")) == names


@_as_root
def test_cache_folder_planted_by_another_user_is_not_used(shared_parent: Path) -> None:
    _as_other_user('mkdir -m 700 "$1/provenance"', str(shared_parent))
    assert grammars._cache_folder() is None
    grammars._load_or_build("date", ("start",))
    assert not list((shared_parent / "provenance").iterdir())


@_as_root
def test_cache_symlink_planted_by_another_user_is_not_followed(shared_parent: Path) -> None:
    # The attacker points the cache folder at a private folder of the victim's.
    victims = Path(tempfile.mkdtemp(prefix="provenance-victim-"))
    try:
        _as_other_user('ln -s "$2" "$1/provenance"', str(shared_parent), str(victims))
        assert grammars._cache_folder() is None
        grammars._load_or_build("date", ("start",))
        assert not list(victims.iterdir())
    finally:
        shutil.rmtree(victims)


@_as_root
def test_cache_file_owned_by_another_user_is_not_read(fresh_cache: Path) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    grammars._load_or_build("url", ("url",))
    (other,) = fresh_cache.glob("url-*.json")
    cached.write_bytes(other.read_bytes())
    os.chown(cached, _OTHER_UID, _OTHER_UID)
    assert grammars._load_or_build("date", ("start",)).parse("15 May 2000") is not None
    assert cached.stat().st_uid == os.geteuid()


def test_refused_parses_leave_no_garbage_cycles() -> None:
    # A refusal that kept the frames it passed through (Lark binds the error it re-raises) was
    # a cycle holding the parser's stacks: garbage only a full collection frees, half of the
    # memory reading a long reference list.
    from provenance.parsers.references import forget_readings, reference_entry

    def refuse() -> None:
        with contextlib.suppress(GrammarError):
            grammars.parse_full("date", "no date at all")
        for text in ("Not a source, only a sentence.", 'Org1. 1991. "Report 1." Toronto.'):
            reference_entry(text)
        forget_readings()

    refuse()  # grammars built, tables loaded
    gc.collect()
    gc.disable()
    try:
        refuse()
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("grammar", "start"),
    [
        ("crossref", "crossref"),
        ("footnote", ["marker", "body_start"]),
        ("index_code", ["index_code", "mention"]),
        ("legal", "start"),
        ("legend", "legend_item"),
    ],
)
def test_grammar_has_no_lalr_conflicts(
    grammar: str,
    start: str | list[str],
    lalr_conflicts: Callable[[str, str | list[str]], list[str]],
) -> None:
    # The grammars with test modules of their own check this there.
    assert lalr_conflicts(grammar, start) == []


def _token_fields(tree: Any) -> list[tuple[Any, ...]]:
    return [
        (t.type, str(t), t.start_pos, t.line, t.column, t.end_line, t.end_column, t.end_pos)
        for t in tree.scan_values(lambda value: True)
    ]


_CLASS_WORDS = st.sampled_from(
    ["W", "CAP", "MODAL", "NOT", "VERB", "VERBED", "BE", "HAVE", "NO", "INFO", "TO", "UNABLE",
     "ADV", "COMMA", "REF", "THAT", "NOMINAL", "FAIL", "BOUNDARY", "subject", "ZZZ"]
)  # fmt: skip


@given(st.lists(_CLASS_WORDS, max_size=12), st.sampled_from(["statement", "gap", "sought"]))
def test_words_parsed_without_lexing_give_the_lexed_parse(words: list[str], start: str) -> None:
    found = grammars.parse_prefix_words("unconfirmed", words, start)
    expected = grammars.parse_prefix("unconfirmed", " ".join(words), start)
    assert found == expected
    if found is not None and expected is not None:
        assert _token_fields(found[0]) == _token_fields(expected[0])


def test_only_a_grammar_of_one_word_terminals_is_parsed_without_lexing() -> None:
    assert grammars._word_terminals(grammars.parser("unconfirmed", "statement")) is not None
    assert grammars._word_terminals(grammars.parser("date")) is None
    # A word that is not one word is lexed: here the whole text is one date.
    assert grammars.parse_prefix_words("date", ["15 May", "2000"]) == grammars.parse_prefix(
        "date", "15 May 2000"
    )


def test_rows_and_rules_decode_as_json_does() -> None:
    from provenance.grammars import _decoded

    for line in (b"[1,0,5,2,1,7]", b'["rule",[["A",true,false]],0,null]', '["é"]'.encode()):
        assert _decoded(line) == json.loads(line)
    for damaged in (b"[1,2] [3]", b"[1,2", b""):
        with pytest.raises(ValueError):
            _decoded(damaged)


def test_rules_and_regex_code_of_a_cached_parser_are_its_own(fresh_cache: Path) -> None:
    # The rules' order and each terminal's regex code are lines of the file, read when asked.
    built = grammars._load_or_build("date", ("start",))
    grammars._REGEX_CODES.clear()
    loaded = grammars._load_or_build("date", ("start",))
    assert [str(rule) for rule in loaded.rules] == [str(rule) for rule in built.rules]
    stored = dict(grammars._REGEX_CODES)
    assert stored and all(isinstance(code, grammars._StoredLine) for code in stored.values())
    for pattern, flags in stored:
        assert grammars._regex_from_code(pattern, flags) is not None
        assert isinstance(grammars._REGEX_CODES[(pattern, flags)], list)


def test_a_damaged_line_of_regex_code_is_compiled_instead(fresh_cache: Path) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.json")
    data = cached.read_bytes()
    head, end = grammars._header(data)
    lines = grammars._Lines(data, end + 1, head["offsets"])
    last_code = lines[len(lines) - 2]  # the line before the rules' order
    damaged = b"[" + b" " * (len(last_code) - 1)
    cached.write_bytes(data.replace(last_code, damaged))
    grammars._REGEX_CODES.clear()
    grammars._TERMINAL_REGEXES.clear()
    loaded = grammars._load_or_build("date", ("start",))
    assert isinstance(loaded, grammars._LoadedLark)
    assert loaded.parse("July 30, 2004") == grammars.grammar_parser("date").parse("July 30, 2004")
    for pattern, flags in list(grammars._REGEX_CODES):
        grammars._regex_from_code(pattern, flags)
    assert None in grammars._REGEX_CODES.values()


@pytest.mark.parametrize(
    "lines", [[], [b""], [b"[1,2]", b"", b'"\xc3\xa9"'], [b"x" * 300] * 70], ids=len
)
def test_lines_after_the_header_are_found_by_their_offsets(lines: list[bytes]) -> None:
    head = b'{"a":1}'
    data = head + b"".join(b"\n" + line for line in lines)
    found = grammars._Lines(data, len(head) + 1, grammars._offsets(lines))
    assert [found[i] for i in range(len(found))] == lines
    with pytest.raises(IndexError):
        found[len(lines)]
    with pytest.raises(ValueError):
        grammars._Lines(data + b"x", len(head) + 1, grammars._offsets(lines))


def test_keys_of_a_run_of_lines_read_back() -> None:
    for keys in ([], [0, 1, 2], [35, 36], [3, 1, 2], [7]):
        written = json.loads(json.dumps(grammars._key_runs(keys)))
        assert list(grammars._keys(written)) == keys


# --------------------------------------------------------------------------- ReusedTransformer


class _Methods:
    """Methods of a transformer, given to one over Lark's ``Transformer`` and one over
    ``ReusedTransformer``."""

    def pair(self, left: Any, right: Any) -> tuple[Any, Any]:
        return (left, right)

    def NUMBER(self, token: Any) -> int:  # a terminal's callback: named as the terminal
        return int(token)

    def broken(self, value: Any) -> Any:
        raise ValueError(value)

    def dropped(self, *_children: Any) -> Any:
        from lark import Discard

        return Discard


def _transformers(base: type) -> tuple[Any, Any]:
    from lark import Transformer, v_args

    # The methods in each class's own body, as ``v_args`` wraps only those.
    methods = {name: value for name, value in vars(_Methods).items() if not name.startswith("__")}
    plain = v_args(inline=True)(type("Plain", (Transformer,), dict(methods)))
    reused = v_args(inline=True)(type("Reused", (base,), dict(methods)))
    return plain(), reused()


_FASTER_TRANSFORMERS = pytest.mark.parametrize(
    "base", [grammars.ReusedTransformer, grammars.ListTransformer]
)


@_FASTER_TRANSFORMERS
def test_reused_transformer_gives_what_lark_gives(base: type) -> None:
    from lark import Token, Tree

    plain, reused = _transformers(base)
    tree = Tree(
        "root",
        [
            Tree("pair", [Token("NUMBER", "1"), Token("WORD", "x")]),
            Tree("other", [Token("NUMBER", "2")]),
            Tree("dropped", [Token("WORD", "y")]),
        ],
    )
    for _ in range(2):  # the second time from the methods kept
        assert reused.transform(tree) == plain.transform(tree)
        assert reused.transform(tree) == Tree("root", [(1, "x"), Tree("other", [2])])


@_FASTER_TRANSFORMERS
def test_reused_transformer_fails_as_lark_fails(base: type) -> None:
    from lark import Token, Tree
    from lark.exceptions import VisitError

    plain, reused = _transformers(base)
    tree = Tree("broken", [Token("NUMBER", "3")])
    for transformer in (plain, reused, reused):
        with pytest.raises(VisitError) as raised:
            transformer.transform(tree)
        assert raised.value.rule == "broken"
        assert isinstance(raised.value.orig_exc, ValueError)
        assert raised.value.orig_exc.args == (3,)
        assert raised.value.__cause__ is None
        assert isinstance(raised.value.__context__, ValueError)
