"""Regular expressions compiled once per machine, not once per process.

Python's regex compiler is itself Python code, and a check compiles some large patterns every
run: the phrase lists of the corroboration rules (about 30 ms on a long report) and a few large
scans at import (the input decoder's, the candidates of dates and figures). What the compiler
produces is a list of integers, which ``_sre.compile`` checks and turns back into the same
pattern object in microseconds. ``compiled`` keeps that list for each pattern it compiles in one
file (marshalled, behind a crc32: the codes as raw bytes, no base64 to decode) of the private
cache folder (``provenance.cache``), read once per process when first needed
and written back at exit when new patterns were compiled, merged with what other processes wrote
meanwhile. The file is keyed by the Python version and the regex engine's version; it holds only
pattern texts and their code, and a code the engine refuses is compiled again from the pattern.
``PROVENANCE_NO_CACHE=1`` keeps everything in memory.

``lazy_compile`` is what modules use for their module-level patterns: the pattern is taken from
the store on its first use, so importing a module compiles nothing and a report that never needs
a scan never pays for it.
"""

from __future__ import annotations

import array
import binascii
import re
import sys
from typing import Any, cast

#: At most this many patterns are kept (the phrase lists and scans come to a few dozen).
_MAX_PATTERNS = 4096
#: Changes when the layout of the file does.
_FORMAT = 3


class _Store:
    def __init__(self) -> None:
        self.codes: dict[tuple[str, int], list[Any]] = {}
        self.read = False
        self.changed = False


_STORE = _Store()
_exit_registered = False


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code stored by an earlier process if there is
    one. The pattern object is the same either way."""
    store = _STORE
    if not store.read:
        _read(store)
    stored = store.codes.get((pattern, flags))
    if stored is not None:
        restored = regex_from_code(pattern, stored)
        if restored is not None:
            return restored
    regex = re.compile(pattern, flags)
    if len(store.codes) < _MAX_PATTERNS:
        code = regex_code(pattern, flags)
        if code is not None:
            store.codes[(pattern, flags)] = code
            store.changed = True
            _write_at_exit_once()
    return regex


class _LazyRegex:
    """Stands in for the compiled pattern of ``pattern`` and ``flags`` until it is first used.

    The first attribute read (``match``, ``finditer``, ``pattern``, ...) compiles the pattern
    through the store and keeps that attribute of the compiled pattern on the instance, so later
    reads find it there and never reach ``__getattr__`` again: a use costs what it costs on the
    pattern itself (the bound method is even made only once).
    """

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._regex: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "_source" not in self.__dict__:
            # Special names are looked up on the type, and a copy being built has no source yet.
            raise AttributeError(name)
        regex = self._regex
        if regex is None:
            regex = self._regex = compiled(*self._source)
        value = getattr(regex, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a module-level pattern, compiled on its first use.

    The object returned answers every attribute and method of the pattern ``compiled`` gives
    (it is typed as that pattern for its users); it is not an ``re.Pattern`` instance, so it is
    used through its methods, never handed to the ``re`` module's functions.
    """
    return cast("re.Pattern[str]", _LazyRegex(pattern, flags))


def _write_at_exit_once() -> None:
    global _exit_registered
    if not _exit_registered:
        _exit_registered = True
        import atexit

        atexit.register(_write_at_exit)


def regex_code(pattern: str, flags: int) -> list[Any] | None:
    """What ``re`` compiles ``pattern`` to, as JSON: ``[flags, code, groups, groupindex]``."""
    try:
        import base64  # only a writer needs it: a reader decodes with ``binascii`` alone
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = array.array("I", _compiler._code(parsed, flags))
        if code.itemsize != 4:  # pragma: no cover - every platform Python supports
            return None
        return [
            flags | parsed.state.flags,
            base64.b64encode(code.tobytes()).decode("ascii"),
            parsed.state.groups,
            dict(parsed.state.groupdict),
        ]
    except Exception:  # pragma: no cover - a Python whose regex internals differ: no shortcut
        return None


def regex_from_code(pattern: str, stored: list[Any]) -> re.Pattern[str] | None:
    """The pattern object ``stored`` (from ``regex_code``, or with the code as raw bytes, as
    the store file keeps it) describes, or None if the regex engine refuses it."""
    try:
        import _sre  # type: ignore[import-not-found]

        pattern_flags, encoded, groups, groupindex = stored
        code = array.array("I")
        # ``base64.b64decode`` of a string is this, less the import of ``base64`` (0.3 ms).
        code.frombytes(encoded if type(encoded) is bytes else binascii.a2b_base64(encoded))
        indexgroup: list[str | None] = [None] * groups
        for group_name, index in groupindex.items():
            indexgroup[index] = group_name
        return _sre.compile(  # type: ignore[no-any-return]
            pattern, pattern_flags, code.tolist(), groups - 1, groupindex, tuple(indexgroup)
        )
    except Exception:  # a code the engine refuses: compile the pattern instead
        return None


def _file_name() -> str:
    import hashlib

    engine = getattr(getattr(re, "_constants", None), "MAGIC", None)
    key = f"python {sys.version_info} re {engine} format {_FORMAT}"
    return f"regexes-{hashlib.sha256(key.encode()).hexdigest()[:32]}.marshal"


def _read(store: _Store) -> None:
    store.read = True
    from provenance.cache import cached_bytes

    store.codes.update(_stored(cached_bytes(_file_name())))


def _stored(data: bytes | None) -> dict[tuple[str, int], list[Any]]:
    """The codes a store file holds; nothing from a file that is damaged or not one."""
    from provenance.cache import unmarshalled

    codes = {}
    for entry in unmarshalled(data)[:_MAX_PATTERNS]:
        if (
            type(entry) is tuple
            and len(entry) == 6
            and type(entry[0]) is str
            and type(entry[1]) is int
            and type(entry[3]) is bytes
        ):
            codes[(entry[0], entry[1])] = list(entry[2:])
    return codes


def _encoded(codes: dict[tuple[str, int], list[Any]]) -> bytes:
    """The store file of ``codes``: each code as raw bytes (``regex_code`` gives base64)."""
    entries = [
        (
            str(pattern),
            int(flags),  # an ``re.RegexFlag`` is an ``int`` of its own class: marshal refuses it
            int(pattern_flags),
            code if type(code) is bytes else binascii.a2b_base64(code),
            int(groups),
            {str(name): int(index) for name, index in groupindex.items()},
        )
        for (pattern, flags), (pattern_flags, code, groups, groupindex) in codes.items()
    ]
    from provenance.cache import marshalled

    return marshalled(entries[:_MAX_PATTERNS])


def _write_at_exit() -> None:
    if _STORE.changed:
        _write(_STORE)


def _write(store: _Store) -> None:
    """Write the codes of ``store`` with those another process wrote since this one read."""
    from provenance.cache import cache_folder

    folder = cache_folder()
    if folder is None:
        return
    codes = _stored(folder.read(_file_name()))
    codes.update(store.codes)
    folder.write(_file_name(), _encoded(codes))
    store.changed = False
