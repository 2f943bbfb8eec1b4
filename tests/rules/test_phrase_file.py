"""The phrase file read once per process and kept between runs: ``provenance.rules.phrase_file``."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance import grammars
from provenance.rules import corroboration, phrase_file, statements
from provenance.rules.corroboration import Phrases
from provenance.rules.statements import Lexicon

TEXT = Path(phrase_file.PHRASE_FILE).read_text("utf-8")


def _clear() -> None:
    grammars._cache_folder.cache_clear()
    for function in (phrase_file._stored, phrase_file.data, corroboration.phrases):
        function.cache_clear()
    statements.lexicon.cache_clear()


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    _clear()
    yield tmp_path / "provenance"
    _clear()


def _sources(phrases: Phrases) -> dict[str, str]:
    return phrases.translations()


def test_the_next_process_reads_the_same_phrases_without_translating_them(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Phrases.from_toml(TEXT)
    fresh_lexicon = Lexicon.from_toml(TEXT)
    first = corroboration.phrases()
    assert _sources(first) == _sources(fresh)
    assert len(_sources(first)) == 13
    (stored,) = fresh_cache.glob("phrases-*.json")
    assert stored.stat().st_mode & 0o077 == 0
    assert json.loads(stored.read_bytes())["data"] == tomllib.loads(TEXT)

    # The next process: neither the TOML parser nor the phrase translator runs.
    _clear()

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("read again")

    monkeypatch.setattr(tomllib, "loads", refuse)
    monkeypatch.setattr(corroboration, "_phrase_regex", refuse)
    again = corroboration.phrases()
    assert _sources(again) == _sources(fresh)
    assert again.hedge_trigger == fresh.hedge_trigger
    assert again.not_after == fresh.not_after
    assert statements.lexicon() == fresh_lexicon


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[]", b'{"data": {}, "translations": {"a": 1}}', b"\xff"]
)
def test_a_damaged_copy_is_read_from_the_phrase_file_instead(
    fresh_cache: Path, content: bytes
) -> None:
    fresh_cache.mkdir(mode=0o700)
    (fresh_cache / phrase_file._cache_name()).write_bytes(content)
    (fresh_cache / phrase_file._cache_name()).chmod(0o600)
    assert _sources(corroboration.phrases()) == _sources(Phrases.from_toml(TEXT))
    assert statements.lexicon() == Lexicon.from_toml(TEXT)


def test_the_copy_is_named_by_the_phrase_file_and_the_code_that_reads_it(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = phrase_file._cache_name()
    phrase_file._cache_name.cache_clear()
    phrase_file._text.cache_clear()
    monkeypatch.setattr(phrase_file, "_text", lambda: TEXT.encode() + b"\n# edited\n")
    try:
        assert phrase_file._cache_name() != name
    finally:
        phrase_file._cache_name.cache_clear()


def test_without_a_cache_the_file_is_read_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVENANCE_NO_CACHE", "1")
    _clear()
    try:
        assert _sources(corroboration.phrases()) == _sources(Phrases.from_toml(TEXT))
        assert phrase_file.translations() == {}
    finally:
        _clear()
