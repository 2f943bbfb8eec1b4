"""The grammar loader: parsers built once, errors as GrammarError, and the private parser cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance import grammars
from provenance.errors import GrammarError


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    grammars._cache_folder.cache_clear()
    yield tmp_path / "provenance"
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


def test_parse_prefix_returns_longest_prefix() -> None:
    found = grammars.parse_prefix("date", "15 May 2000 and more", "start")
    assert found is not None
    assert found[1] == len("15 May 2000")


def test_built_parser_is_cached_and_loads_back(fresh_cache: Path) -> None:
    built = grammars._load_or_build("date", ("start",))
    files = list(fresh_cache.glob("date-*.parser"))
    assert len(files) == 1
    assert fresh_cache.stat().st_mode & 0o077 == 0
    loaded = grammars._load_or_build("date", ("start",))
    assert loaded is not built
    assert loaded.parse("15 May 2000") == built.parse("15 May 2000")


def test_damaged_cache_file_is_rebuilt(fresh_cache: Path) -> None:
    grammars._load_or_build("date", ("start",))
    (cached,) = fresh_cache.glob("date-*.parser")
    cached.write_bytes(b"not a parser")
    rebuilt = grammars._load_or_build("date", ("start",))
    assert rebuilt.parse("July 30, 2004") is not None
    assert cached.read_bytes() != b"not a parser"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX-only")
def test_cache_refused_when_others_can_write(fresh_cache: Path) -> None:
    fresh_cache.mkdir(mode=0o700)
    fresh_cache.chmod(0o777)
    grammars._cache_folder.cache_clear()
    assert grammars._cache_folder() is None
    grammars._load_or_build("date", ("start",))
    assert not list(fresh_cache.glob("*.parser"))


def test_cache_can_be_turned_off(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVENANCE_NO_CACHE", "1")
    grammars._cache_folder.cache_clear()
    assert grammars._cache_folder() is None


def test_cache_key_changes_when_any_grammar_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An edit to an imported grammar (common.lark) must not load a parser built from the old one.
    copy = tmp_path / "grammars"
    copy.mkdir()
    for path in grammars.grammar_dir().glob("*.lark"):
        (copy / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(grammars, "grammar_dir", lambda: copy)
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
