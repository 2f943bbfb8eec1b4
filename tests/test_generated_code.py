"""attrs' generated methods compiled once per machine: ``provenance.generated_code``."""

from __future__ import annotations

import builtins
import linecache
import marshal
import os
import subprocess
import sys
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


def test_a_hash_salt_is_taken_out_of_the_script_it_is_kept_by() -> None:
    name = "<attrs generated methods attr.validators._X>"
    salt = hash("<attrs generated hash attr.validators._X>")
    script = f"def __hash__(self):\n        return hash((\n                {salt},\n        ))\n"
    unsalted, found = generated_code._unsalted(script, name)
    assert found == salt and str(salt) not in unsalted and "\0" in unsalted
    assert generated_code._unsalted("x = 1\n", name) == ("x = 1\n", None)
    code = compile(script, name, "exec")
    resalted = generated_code._resalted(code, salt, 12345)
    namespace: dict[str, Any] = {}
    exec(resalted, namespace)
    assert namespace["__hash__"](None) == hash((12345,))


def test_code_stored_with_another_process_s_salt_hashes_with_this_one_s(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _point()
    expected = hash(first(1, 2))
    _next_process(monkeypatch)
    # As another process would have stored it: string hashes, and so salts, differ by process.
    (stored,) = fresh_store.glob("attrs-*.marshal")
    entries = generated_code._stored(stored.read_bytes())
    salted = {key: entry for key, entry in entries.items() if entry[1] is not None}
    assert any(key[0].endswith("_point.<locals>.Point>") for key in salted)
    for key, (code, salt) in salted.items():
        assert salt is not None
        entries[key] = (generated_code._resalted(code, salt, salt + 1), salt + 1)
    stored.write_bytes(generated_code._encoded(entries))
    monkeypatch.setattr(generated_code, "_STORE", generated_code._Store())

    monkeypatch.setattr(builtins, "compile", _refuse)
    again = _point()
    assert hash(again(1, 2)) == expected and again(1, 2) == again(1, 2)


def _fresh_process(code: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """``code`` run by a fresh interpreter with its cache in ``cache``; it must succeed."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("PROVENANCE_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def test_attrs_own_classes_are_compiled_once_per_machine(tmp_path: Path) -> None:
    # In fresh processes: attrs is imported once per process, after the hook.
    code = (
        "import builtins, sys\n"
        "from provenance import generated_code\n"
        "generated_code.hook_attrs_import()\n"
        "real = builtins.compile\n"
        "def counted(source, filename, *args, **kwargs):\n"
        "    if str(filename).startswith('<attrs generated'):\n"
        "        print('compiled', filename)\n"
        "    return real(source, filename, *args, **kwargs)\n"
        "builtins.compile = counted\n"
        "import attr, attr._make\n"
        "assert attr._make.compile is generated_code._compile\n"
        "v = attr.validators.instance_of(int)\n"
        "assert hash(v) == hash((hash('<attrs generated hash attr.validators."
        "_InstanceOfValidator>'), int))\n"
    )
    first = _fresh_process(code, tmp_path)
    assert first.stdout.count("compiled <attrs generated") >= 10
    again = _fresh_process(code, tmp_path)
    assert "compiled" not in again.stdout


def test_attrs_is_imported_without_platform_and_reads_the_same(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from provenance import generated_code\n"
        "generated_code.hook_attrs_import()\n"
        "import attrs, attr._compat\n"
        "assert 'platform' not in sys.modules\n"
        "import platform\n"
        "assert attr._compat.PYPY == (platform.python_implementation() == 'PyPy')\n"
        "assert attr._compat.platform.python_implementation() == platform.python_implementation()\n"
        "assert attr._compat.platform.system() == platform.system()\n"
        "assert sys.modules['platform'] is platform and platform is not attr._compat.platform\n"
        "assert generated_code._AttrsFinder not in sys.meta_path\n"
    )
    _fresh_process(code, tmp_path)
