"""``phrases.toml``, read once per process and kept, parsed and translated, between runs.

Two readers need the file: the statement reader (its word classes) and the corroboration rules
(their phrase lists, translated from the phrase syntax to regular expressions). Each parsed the
TOML on every check (about 2 ms each) and the phrase lists were translated again (about 3 ms),
for the same answer every time. ``data`` parses the file once per process; ``translations`` and
``store_translations`` keep the translated phrase lists beside the parsed file as JSON in the
private cache folder (``provenance.cache``). The cache file is named by a digest of the phrase
file and of the code that reads and translates it, so an edited file or translator can never be
answered from a stale copy; a missing or unreadable copy is simply made again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from functools import cache
from typing import Any

from provenance import json_read
from provenance.cache import cache_folder

# Strings, not ``Path``s: a check does not import ``pathlib`` (see ``provenance.grammars``).
_HERE = os.path.dirname(os.path.realpath(__file__))
PHRASE_FILE = os.path.join(_HERE, "phrases.toml")
#: The modules whose code shapes what is stored: the readers of the file and this one.
_READERS = ("corroboration.py", "statements.py", "phrase_file.py")
#: Changes when the layout of the stored file does.
_FORMAT = 1


def _bytes_of(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


@cache
def _text() -> bytes:
    return _bytes_of(PHRASE_FILE)


@cache
def _cache_name() -> str:
    digest = hashlib.sha256(f"phrases format {_FORMAT}\0".encode())
    digest.update(_text())
    for name in _READERS:
        digest.update(b"\0" + _bytes_of(os.path.join(_HERE, name)))
    return f"phrases-{digest.hexdigest()[:32]}.json"


@cache
def _stored() -> dict[str, Any] | None:
    """The stored copy, when there is one that reads as what ``_store`` writes."""
    folder = cache_folder()
    if folder is None:
        return None
    raw = folder.read(_cache_name())
    if raw is None:
        return None
    try:
        stored = json_read.loads(raw)
    except ValueError:
        return None
    if not (
        isinstance(stored, dict)
        and isinstance(stored.get("data"), dict)
        and isinstance(stored.get("translations"), dict)
        and all(isinstance(value, str) for value in stored["translations"].values())
    ):
        return None
    return stored


@cache
def data() -> dict[str, Any]:
    """The parsed phrase file (as ``tomllib`` gives it), once per process."""
    stored = _stored()
    if stored is not None:
        return stored["data"]  # type: ignore[no-any-return]
    import tomllib  # only when the stored copy is missing or stale

    return tomllib.loads(_text().decode("utf-8"))


def translations() -> Mapping[str, str]:
    """The stored translations of the phrase lists, by name; empty when none are stored."""
    stored = _stored()
    return {} if stored is None else stored["translations"]


def store_translations(translated: Mapping[str, str]) -> None:
    """Keep ``translated`` (of this phrase file, by this code) with the parsed file."""
    folder = cache_folder()
    if folder is None:
        return
    import json  # only a writer needs it

    parsed = data()
    entry = {"data": parsed, "translations": dict(translated)}
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    # TOML has dates and times, which JSON has not: only a faithful copy is kept.
    if json.loads(text) != entry:
        return
    folder.write(_cache_name(), text.encode("utf-8"))
