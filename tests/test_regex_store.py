"""Regexes compiled once per machine: ``provenance.regex_store``."""

from __future__ import annotations

import binascii
import json
import marshal
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance import grammars, regex_store

PATTERN = r"(?:could not|was unable to)\s+(?:be\s+)?(?:corroborate|confirm)(?:d|ed)?\b"
TEXTS = ["It could not be corroborated.", "was unable to confirm", "could not be seen", ""]


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    grammars._cache_folder.cache_clear()
    monkeypatch.setattr(regex_store, "_STORE", regex_store._Store())
    yield tmp_path / "provenance"
    grammars._cache_folder.cache_clear()


def _same(first: re.Pattern[str], second: re.Pattern[str]) -> bool:
    if (first.pattern, first.flags, first.groupindex) != (
        second.pattern,
        second.flags,
        second.groupindex,
    ):
        return False
    return all(
        [m.span() for m in first.finditer(text)] == [m.span() for m in second.finditer(text)]
        for text in TEXTS
    )


def test_a_pattern_compiled_in_one_process_is_read_back_in_the_next(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = regex_store.compiled(PATTERN, re.IGNORECASE)
    assert _same(first, re.compile(PATTERN, re.IGNORECASE))
    regex_store._write(regex_store._STORE)  # what the process does at exit
    (stored,) = fresh_store.glob("regexes-*.marshal")
    assert stored.stat().st_mode & 0o077 == 0
    assert list(regex_store._stored(stored.read_bytes())) == [(PATTERN, re.IGNORECASE)]

    # The next process: its pattern comes from the stored code, not from the compiler.
    monkeypatch.setattr(regex_store, "_STORE", regex_store._Store())
    monkeypatch.setattr(re, "compile", _refuse)
    again = regex_store.compiled(PATTERN, re.IGNORECASE)
    assert _same(again, first)


def _refuse(*args: object) -> re.Pattern[str]:
    raise AssertionError("compiled again")


def _with_checksum(payload: bytes) -> bytes:
    return binascii.crc32(payload).to_bytes(4, "big") + payload


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal",
        _with_checksum(b"not marshal"),
        _with_checksum(marshal.dumps({})),
        _with_checksum(marshal.dumps([("x", 0, 0, b"AAAA", 1, {})])),
        b'[["x", 0, 0, "AAAA", 1, {}]]',  # format 2 (JSON)
    ],
)
def test_a_damaged_store_is_compiled_around(fresh_store: Path, damage: bytes) -> None:
    regex_store.compiled(PATTERN)
    regex_store._write(regex_store._STORE)
    (stored,) = fresh_store.glob("regexes-*.marshal")
    if b'"x"' in damage:
        damage = damage.replace(b'"x"', json.dumps(PATTERN).encode())
    elif damage.endswith(marshal.dumps([("x", 0, 0, b"AAAA", 1, {})])):
        damage = _with_checksum(marshal.dumps([(PATTERN, 0, 0, b"AAAA", 1, {})]))
    stored.write_bytes(damage)
    regex_store._STORE = regex_store._Store()
    assert _same(regex_store.compiled(PATTERN), re.compile(PATTERN))


def test_nothing_is_written_when_the_cache_is_off(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVENANCE_NO_CACHE", "1")
    grammars._cache_folder.cache_clear()
    assert _same(regex_store.compiled(PATTERN), re.compile(PATTERN))
    regex_store._write(regex_store._STORE)
    assert not fresh_store.exists() or not list(fresh_store.glob("regexes-*"))


def test_processes_writing_the_store_keep_each_others_patterns(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = r"\b(?:reportedly|allegedly)\b"
    regex_store.compiled(PATTERN)
    first = regex_store._STORE
    monkeypatch.setattr(regex_store, "_STORE", regex_store._Store())
    regex_store.compiled(other)  # a second process, which read the store before the first wrote
    second = regex_store._STORE
    regex_store._write(first)
    regex_store._write(second)
    (stored,) = fresh_store.glob("regexes-*.marshal")
    assert {pattern for pattern, _flags in regex_store._stored(stored.read_bytes())} == {
        PATTERN,
        other,
    }


def test_a_lazy_pattern_compiles_nothing_until_first_used(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, int]] = []
    real = regex_store.compiled

    def counted(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append((pattern, flags))
        return real(pattern, flags)

    monkeypatch.setattr(regex_store, "compiled", counted)
    lazy = regex_store.lazy_compile(PATTERN, re.IGNORECASE)
    assert calls == []
    assert _same(lazy, re.compile(PATTERN, re.IGNORECASE))
    assert lazy.sub("X", TEXTS[0]) == re.sub(PATTERN, "X", TEXTS[0], flags=re.IGNORECASE)
    # Compiled once; every attribute read since came from the instance.
    assert calls == [(PATTERN, re.IGNORECASE)]


def test_a_lazy_pattern_answers_what_the_pattern_answers() -> None:
    lazy = regex_store.lazy_compile(r"(?P<year>\d{4})-(\d\d)")
    regex = re.compile(r"(?P<year>\d{4})-(\d\d)")
    text = "from 2001-02 to 2003-04"
    assert lazy.findall(text) == regex.findall(text)
    assert lazy.split(text) == regex.split(text)
    assert lazy.subn(r"\2", text) == regex.subn(r"\2", text)
    assert (lazy.groups, lazy.groupindex, lazy.pattern) == (2, {"year": 1}, regex.pattern)
    fullmatch = lazy.fullmatch("2001-02")
    assert fullmatch is not None and fullmatch.group("year") == "2001"
    with pytest.raises(AttributeError):
        lazy.no_such_attribute  # noqa: B018


def _lazy_patterns(value: object) -> Iterator[object]:
    if isinstance(value, regex_store._LazyRegex):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _lazy_patterns(item)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _lazy_patterns(item)


def test_every_module_level_lazy_pattern_compiles() -> None:
    # Compiled on first use, a pattern with a mistake would fail only when a report needs it.
    import importlib
    import pkgutil

    import provenance

    found = 0
    for module_info in pkgutil.walk_packages(provenance.__path__, "provenance."):
        if module_info.name.endswith(".__main__"):
            continue  # runs the command line
        module = importlib.import_module(module_info.name)
        for value in list(vars(module).values()):
            for lazy in _lazy_patterns(value):
                assert isinstance(lazy.groups, int)  # the first read compiles it
                found += 1
    assert found > 150
