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

attrs' own classes (its ``Attribute``, validators, version info: 28 scripts, about 2.5 ms of
compiling in every process, a quarter of ``import attrs``) are made while attrs is imported,
most of them before ``install`` could reach ``_compile_and_eval``. ``hook_attrs_import``, called
by the command-line process before anything imports attrs, gives ``attr._make`` a module-level
``compile`` taken from the store before its code runs (its one call of ``compile`` finds that
name first). Most of attrs' own classes hash with a salt, ``hash()`` of a name, which differs
in every process as string hashes do; the script holds it as a literal on a line of its own. It
is kept with the salt taken out, and the stored code's salt constant replaced by this process's
(``_resalted``): the same code the script would compile to. The same hook spares attrs'
``attr._compat`` the import of ``platform``, which it makes for ``python_implementation()``
alone (``_PlatformStandIn``).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, ClassVar

#: Changes when the layout of the file does (2: entries hold the salt their code was made with).
_FORMAT = 2
#: Entries kept: a check makes about 90 classes, and the package defines 112.
_MAX_ENTRIES = 512
#: What the file names attrs gives the package's own classes' scripts hold: "<attrs generated
#: methods provenance.model.Date>".
_KEPT = " provenance."
#: What the names of attrs' own classes' scripts hold: "<attrs generated methods
#: attr.validators._InstanceOfValidator>".
_KEPT_ATTRS = " attr."

#: A script's name and its text, its hash salt (if any) taken out.
_Key = tuple[str, str]
#: Compiled code and the hash salt it holds (None for a script without one).
_Entry = tuple[types.CodeType, "int | None"]


class _Store:
    def __init__(self) -> None:
        self.codes: dict[_Key, _Entry] = {}
        self.read = False
        #: The entries this process compiled (not found in the file).
        self.new: dict[_Key, _Entry] = {}


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


def hook_attrs_import() -> None:
    """Have ``attr._make``, when it is first imported, compile attrs' own classes' scripts
    through the store (see the module's documentation). Nothing once attrs is imported, or
    with the cache off."""
    if "attr._make" in sys.modules or _AttrsFinder in sys.meta_path:
        return
    from provenance.cache import cache_folder

    if cache_folder() is None:
        return
    sys.meta_path.insert(0, _AttrsFinder)


class _AttrsFinder:
    """Finds two of attrs' modules as the finders after it do, and prepares each before its
    code runs: ``attr._compat`` imports ``platform`` (about 1.1 ms: nine regexes compiled, the
    module's own code) for ``python_implementation()`` alone, and is given a stand-in for it
    (``_PlatformStandIn``) while it runs; ``attr._make`` is given its ``compile``. Leaves
    ``sys.meta_path`` once ``attr._make`` is found."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> Any:
        if name == "attr._compat":
            prepared = _without_platform
        elif name == "attr._make":
            prepared = _with_compile
            sys.meta_path.remove(_AttrsFinder)
        else:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = None if find is None or finder is _AttrsFinder else find(name, path, target)
            if spec is not None:
                break
        else:
            return None
        run = getattr(spec.loader, "exec_module", None)
        if run is not None:
            # This module's own loader only.
            spec.loader.exec_module = partial(prepared, run)
        return spec


def _with_compile(run: Callable[[types.ModuleType], None], module: types.ModuleType) -> None:
    # attrs' one call of ``compile`` (in ``_compile_and_eval``) finds this module-level name
    # before the builtin.
    module.compile = _compile  # type: ignore[attr-defined]
    run(module)


def _without_platform(run: Callable[[types.ModuleType], None], module: types.ModuleType) -> None:
    if "platform" in sys.modules:
        run(module)
        return
    stand_in = _PlatformStandIn("platform")
    sys.modules["platform"] = stand_in
    try:
        run(module)
    finally:
        if sys.modules.get("platform") is stand_in:
            del sys.modules["platform"]


class _PlatformStandIn(types.ModuleType):
    """``platform`` as attrs uses it while it is imported: ``python_implementation()`` from
    ``sys.implementation``; any other name from the real module, imported then."""

    _NAMES: ClassVar[dict[str, str]] = {
        "cpython": "CPython",
        "pypy": "PyPy",
        "ironpython": "IronPython",
        "jython": "Jython",
    }

    def python_implementation(self) -> str:
        name = self._NAMES.get(sys.implementation.name)
        return name if name is not None else self.__getattr__("python_implementation")()

    def __getattr__(self, name: str) -> Any:
        import importlib

        if sys.modules.get("platform") is self:
            del sys.modules["platform"]
        return getattr(importlib.import_module("platform"), name)


def _compile(
    source: Any,
    filename: Any,
    mode: str,
    flags: int = 0,
    dont_inherit: bool = False,
    optimize: int = -1,
) -> Any:
    """``compile``, from the store for the scripts of attrs' classes that it keeps."""
    if (
        mode == "exec"
        and (flags, dont_inherit, optimize) == (0, False, -1)
        and type(source) is str
        and type(filename) is str
        and _kept(filename)
    ):
        return code_of(source, filename)
    return compile(source, filename, mode, flags, dont_inherit, optimize)


def code_of(script: str, filename: str) -> types.CodeType:
    """``compile(script, filename, "exec")``, from the store when an earlier process compiled
    the same script under the same name."""
    store = _STORE
    if not store.read:
        _read(store)
    unsalted, salt = _unsalted(script, filename)
    key = (filename, unsalted)
    found = store.codes.get(key)
    if found is not None:
        code, stored_salt = found
        if stored_salt == salt:
            return code
        if stored_salt is not None and salt is not None:
            return _resalted(code, stored_salt, salt)
    code = compile(script, filename, "exec")
    if _kept(filename):
        store.codes[key] = store.new[key] = (code, salt)
        _write_at_exit_once()
    return code


def _kept(filename: str) -> bool:
    """Whether a script of this name is kept: a class of the package or attrs' own, made once
    in its process (attrs names a second class of the same name ``...-1>``, as reloading a
    module or a test does; a name of a module or class holds no "-")."""
    for marker in (_KEPT, _KEPT_ATTRS):
        _, kept, after = filename.partition(marker)
        if kept and "-" not in after:
            return True
    return False


def _unsalted(script: str, filename: str) -> tuple[str, int | None]:
    """``script`` with the hash salt attrs wrote into it taken out, and that salt; the script
    and None when it holds none. attrs salts a class's hash with ``hash()`` of the class's
    name, written as a line of its own in its hash method ("        -8317…,")."""
    name = filename[filename.rfind(" ") + 1 : -1]
    salt = hash(f"<attrs generated hash {name}>")
    line = f" {salt},\n"
    if script.count(line) != 1:
        return script, None
    return script.replace(line, " \0,\n"), salt  # no script attrs writes holds a NUL


def _resalted(code: types.CodeType, old: int, new: int) -> types.CodeType:
    """``code`` (and the functions it defines) with the constant ``old`` replaced by ``new``,
    also inside constant tuples (``hash((salt,))`` of a class without hashed fields is one)."""
    return code.replace(co_consts=tuple(_replaced(const, old, new) for const in code.co_consts))


def _replaced(const: Any, old: int, new: int) -> Any:
    if type(const) is int:
        return new if const == old else const
    if isinstance(const, types.CodeType):
        return _resalted(const, old, new)
    if type(const) is tuple:
        return tuple(_replaced(item, old, new) for item in const)
    return const


def _file_name() -> str:
    return f"attrs-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_FORMAT}.marshal"


def _read(store: _Store) -> None:
    store.read = True
    from provenance.cache import cached_bytes

    store.codes.update(_stored(cached_bytes(_file_name())))


def _stored(data: bytes | None) -> dict[_Key, _Entry]:
    """The entries a store file holds; nothing from a file that is damaged or not one."""
    from provenance.cache import unmarshalled

    codes: dict[_Key, _Entry] = {}
    for entry in unmarshalled(data)[:_MAX_ENTRIES]:
        if (
            isinstance(entry, tuple)
            and len(entry) == 4
            and isinstance(entry[0], str)
            and isinstance(entry[1], str)
            and isinstance(entry[2], types.CodeType)
            and (entry[3] is None or type(entry[3]) is int)
            and entry[2].co_filename == entry[0]
            and _kept(entry[0])
        ):
            codes[(entry[0], entry[1])] = (entry[2], entry[3])
    return codes


def _encoded(codes: Mapping[_Key, _Entry]) -> bytes:
    from provenance.cache import marshalled

    return marshalled(
        [(name, script, code, salt) for (name, script), (code, salt) in codes.items()]
    )


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
