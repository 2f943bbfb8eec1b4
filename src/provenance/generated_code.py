"""attrs' generated methods compiled once per machine, not once per process.

attrs writes each class's ``__init__`` (and any other method it generates) as Python source
and compiles it when the class is made: about 50 µs a class, 4-5 ms of every check for the 88
classes it builds, the largest part of making them after ``provenance.records`` took over the
other methods. The compiled code does not change while the source does not, so it is kept
(marshalled, as Python keeps a module's in ``__pycache__``) in one file of the private cache
folder (``provenance.cache``), read once per process when the first class is made and written
back at exit when a class's source was new. Entries are keyed by the script and the file name
attrs gives it, so an edited class never runs stale code; the file is named by the Python
version (its bytecode changes only between versions), and begins with a checksum of the rest,
so a damaged file is never unmarshalled. Only the package's own classes are kept (a test suite
or a program using the package makes others by the thousand, which would make the file slower
to read than compiling), and only those made once in their process. ``PROVENANCE_NO_CACHE=1``
compiles everything, as attrs does.

``install`` puts the store in front of attrs' private ``_compile_and_eval`` (the one place
attrs compiles); an attrs version without it, or with another signature, is left alone.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from typing import Any

#: Changes when the layout of the file does.
_FORMAT = 1
#: Entries kept: a check makes about 90 classes, and the package defines 112.
_MAX_ENTRIES = 512
#: What the file names attrs gives the package's own classes' scripts hold: "<attrs generated
#: methods provenance.model.Date>".
_KEPT = " provenance."

_Key = tuple[str, str]


class _Store:
    def __init__(self) -> None:
        self.codes: dict[_Key, types.CodeType] = {}
        self.read = False
        #: The entries this process compiled (not found in the file).
        self.new: dict[_Key, types.CodeType] = {}


_STORE = _Store()
_exit_registered = False


def install() -> bool:
    """Make attrs take its compiled code from the store; whether it now does."""
    try:
        from attr import _make
    except ImportError:  # pragma: no cover - attrs is a dependency
        return False
    original = getattr(_make, "_compile_and_eval", None)
    if original is None:
        return False
    if getattr(original, "__module__", None) == __name__:
        return True
    code = getattr(original, "__code__", None)
    if code is None or code.co_varnames[:4] != ("script", "globs", "locs", "filename"):
        return False

    def _compile_and_eval(
        script: str,
        globs: dict[str, Any] | None,
        locs: Mapping[str, object] | None = None,
        filename: str = "",
    ) -> None:
        if globs is None:  # eval would take this function's globals: attrs' own call does not
            original(script, globs, locs, filename)
            return
        eval(code_of(script, filename), globs, locs)

    _make._compile_and_eval = _compile_and_eval
    return True


def code_of(script: str, filename: str) -> types.CodeType:
    """``compile(script, filename, "exec")``, from the store when an earlier process compiled
    the same script under the same name."""
    store = _STORE
    if not store.read:
        _read(store)
    key = (filename, script)
    code = store.codes.get(key)
    if code is None:
        code = compile(script, filename, "exec")
        if _kept(filename):
            store.codes[key] = code
            store.new[key] = code
            _write_at_exit_once()
    return code


def _kept(filename: str) -> bool:
    """Whether a script of this name is kept: a class of the package, made once in its process
    (attrs names a second class of the same name ``...-1>``, as reloading a module or a test
    does; a name of a module or class holds no "-")."""
    _, kept, after = filename.partition(_KEPT)
    return bool(kept) and "-" not in after


def _file_name() -> str:
    return f"attrs-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_FORMAT}.marshal"


def _read(store: _Store) -> None:
    store.read = True
    from provenance.cache import cached_bytes

    store.codes.update(_stored(cached_bytes(_file_name())))


def _stored(data: bytes | None) -> dict[_Key, types.CodeType]:
    """The entries a store file holds; nothing from a file that is damaged or not one."""
    from provenance.cache import unmarshalled

    codes = {}
    for entry in unmarshalled(data)[:_MAX_ENTRIES]:
        if (
            isinstance(entry, tuple)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and isinstance(entry[1], str)
            and isinstance(entry[2], types.CodeType)
            and entry[2].co_filename == entry[0]
            and _kept(entry[0])
        ):
            codes[(entry[0], entry[1])] = entry[2]
    return codes


def _encoded(codes: Mapping[_Key, types.CodeType]) -> bytes:
    from provenance.cache import marshalled

    return marshalled([(name, script, code) for (name, script), code in codes.items()])


def _write_at_exit_once() -> None:
    global _exit_registered
    if not _exit_registered:
        _exit_registered = True
        import atexit

        atexit.register(_write_at_exit)


def _write_at_exit() -> None:
    if _STORE.new:
        _write(_STORE)


def _write(store: _Store) -> None:
    """Write the entries this process used or made, with those another process wrote since this
    one read; an older script of a class this process made again is dropped."""
    from provenance.cache import cache_folder

    folder = cache_folder()
    if folder is None:
        return
    made = {name for name, _ in store.new}
    codes = {
        key: code for key, code in _stored(folder.read(_file_name())).items() if key[0] not in made
    }
    codes.update(store.codes)
    for key in [key for key in codes if key[0] in made and key not in store.new]:
        del codes[key]
    if len(codes) > _MAX_ENTRIES:
        codes = dict(store.codes)
    folder.write(_file_name(), _encoded(dict(list(codes.items())[:_MAX_ENTRIES])))
    store.new.clear()
