"""attrs' generated methods compiled once per machine: ``provenance.generated_code``."""

from __future__ import annotations

import builtins
import linecache
import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from attr import _make

import provenance.records  # noqa: F401 - installs the store
from provenance import cache, generated_code


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    cache.cache_folder.cache_clear()
    monkeypatch.setattr(generated_code, "_STORE", generated_code._Store())
    monkeypatch.setattr(generated_code, "_KEPT", " test")  # these tests' classes are kept too
    yield tmp_path / "provenance"
    cache.cache_folder.cache_clear()


def _point(edited: bool = False) -> type:
    if edited:  # the same class with a field added: another script under the same name

        @attrs.frozen(slots=True)
        class Point:
            x: int
            y: int = 0
            z: int = 0

        return Point

    @attrs.frozen(slots=True)
    class Point:  # type: ignore[no-redef]
        x: int
        y: int = 0

    return Point


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("compiled again")


def _next_process(monkeypatch: pytest.MonkeyPatch) -> None:
    generated_code._write(generated_code._STORE)  # what the process does at exit
    monkeypatch.setattr(generated_code, "_STORE", generated_code._Store())
    # A new process has no line cache: attrs names a class's script as it did the first time.
    for name in [name for name in linecache.cache if name.startswith("<attrs generated")]:
        monkeypatch.delitem(linecache.cache, name)


def test_importing_the_package_s_records_puts_the_store_in_front_of_attrs() -> None:
    assert _make._compile_and_eval.__module__ == "provenance.generated_code"
    assert generated_code.install()  # a second call changes nothing


def test_a_class_made_in_one_process_takes_its_code_from_the_store_in_the_next(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _point()
    assert first(1, 2) == first(x=1, y=2) and first(3).y == 0
    _next_process(monkeypatch)
    (stored,) = fresh_store.glob("attrs-*.marshal")
    assert stored.stat().st_mode & 0o077 == 0

    monkeypatch.setattr(builtins, "compile", _refuse)
    again = _point()
    assert again(1, 2).x == 1 and again(3).y == 0
    with pytest.raises(TypeError):
        again()
    init: Any = again.__init__
    assert marshal.dumps(init.__code__) == marshal.dumps(first.__init__.__code__)


def test_a_damaged_file_is_not_unmarshalled(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point()
    _next_process(monkeypatch)
    (stored,) = fresh_store.glob("attrs-*.marshal")
    data = bytearray(stored.read_bytes())
    data[-5] ^= 0xFF
    stored.write_bytes(bytes(data))
    assert generated_code._stored(bytes(data)) == {}
    monkeypatch.setattr(marshal, "loads", _refuse)
    assert _point()(4).x == 4  # compiled, as attrs does


def test_a_class_whose_source_changed_replaces_its_old_entry(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point()
    _next_process(monkeypatch)
    assert _point(edited=True)(1, 2, 3).z == 3
    _next_process(monkeypatch)
    (stored,) = fresh_store.glob("attrs-*.marshal")
    entries = generated_code._stored(stored.read_bytes())
    scripts = [script for name, script in entries if name.endswith("_point.<locals>.Point>")]
    assert len(scripts) == 1 and "z" in scripts[0]


def test_without_the_cache_everything_is_compiled(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVENANCE_NO_CACHE", "1")
    cache.cache_folder.cache_clear()
    _point()
    _next_process(monkeypatch)
    assert not list(fresh_store.glob("attrs-*.marshal"))


def test_only_the_package_s_own_classes_are_kept(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generated_code, "_KEPT", " provenance.")
    _point()
    assert not generated_code._STORE.new
    generated_code.code_of("x = 1\n", "<attrs generated methods provenance.x.Y>")
    generated_code.code_of("x = 2\n", "<attrs generated methods provenance.x.Y-1>")  # made twice
    assert list(generated_code._STORE.new) == [
        ("<attrs generated methods provenance.x.Y>", "x = 1\n")
    ]
