"""Configuration: which rules run, at what severity, and which files a folder search takes.

Read from ``[tool.provenance]`` in a ``pyproject.toml`` or from the top level of a
``provenance.toml``, whichever is nearest walking up from the checked folder::

    [tool.provenance]
    select = ["sources", "impossible-date"]   # rule ids or categories; default: every rule
    ignore = ["missing-access-date"]          # always wins over select
    include = ["*.txt", "*.md"]               # file names a folder search takes
    exclude = ["drafts", "archive/*.txt"]     # replaces the default exclude list
    extend-exclude = ["old"]                  # adds to it

    [tool.provenance.severity]
    reference-never-cited = "error"           # a rule id or a whole category

Unknown keys, rule ids and severities are ``ConfigError``s naming the file and the close matches,
so that a typo never silently switches a rule off.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from provenance.errors import ConfigError, InputError
from provenance.fileio import read_regular_file
from provenance.findings import Severity
from provenance.records import shared_methods
from provenance.rules.registry import Rule, all_rules
from provenance.selection import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from provenance.selection import is_excluded as _is_excluded
from provenance.selection import is_included as _is_included

if TYPE_CHECKING:
    from pathlib import Path, PurePath

#: Names that stand for every rule in ``select``/``ignore``.
_ALL = "all"

_KEYS = ("select", "ignore", "severity", "include", "exclude", "extend-exclude")


def _severity_map(value: Mapping[str, Severity]) -> dict[str, Severity]:
    return dict(value)


def _path_text(value: str | os.PathLike[str] | None) -> str | None:
    return None if value is None else os.fspath(value)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Config:
    """Rule selection and file discovery settings.

    ``select``: rule ids or category names to run (None: every rule); ``ignore``: ids or
    categories never to run, whatever ``select`` says; ``severity``: overrides by rule id or
    category (a rule id wins over its category). Names are checked against the registry when
    the ``Config`` is made, so a ``Config`` in hand is always valid.
    """

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = attrs.field(factory=dict, converter=_severity_map, hash=False)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    #: The file the settings came from (``source``), kept as a string: a check does not import
    #: ``pathlib`` (about 2 % of a short check's start-up), which the ``Path`` would need.
    _source: str | None = attrs.field(default=None, eq=False, converter=_path_text)

    def __attrs_post_init__(self) -> None:
        names = set(self.select or ()) | set(self.ignore) | set(self.severity)
        if names:
            _check_names(names, self._source)

    @property
    def source(self) -> Path | None:
        """The file the settings came from, for messages (None: defaults or built in code)."""
        from pathlib import Path

        return None if self._source is None else Path(self._source)

    # ----------------------------------------------------------------- rule selection

    def selected_rules(self) -> tuple[Rule, ...]:
        """The rules to run, in registry order."""
        return tuple(r for r in all_rules() if self.is_selected(r))

    def is_selected(self, rule: Rule) -> bool:
        names = {rule.id, rule.category, _ALL}
        if names & self.ignore:
            return False
        return self.select is None or bool(names & self.select)

    def severity_for(self, rule: Rule) -> Severity:
        """The severity findings of ``rule`` are reported at."""
        for name in (rule.id, rule.category):
            if name in self.severity:
                return self.severity[name]
        return rule.severity

    # ----------------------------------------------------------------- file discovery

    def is_included(self, path: str | PurePath) -> bool:
        """Whether a folder search checks ``path`` (relative to the searched folder); see
        ``provenance.selection``. Files named on the command line are the caller's business."""
        return _is_included(path, self.include, self.exclude)

    def is_excluded(self, path: str | PurePath) -> bool:
        """Whether ``path`` (a file or folder, relative to the searched folder) is excluded."""
        return _is_excluded(path, self.exclude)

    # ----------------------------------------------------------------- command line

    def merged(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        severity: Mapping[str, Severity] | None = None,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
    ) -> Config:
        """These settings with command-line flags on top; the flags win.

        ``select`` replaces the selection and lifts the file's ignores of exactly the names it
        selects (``--select missing-access-date`` runs that rule even if the file ignores it);
        ``ignore`` adds to the ignores; ``severity`` entries replace those for the same name;
        ``include``/``exclude`` replace the patterns. Raises ``ConfigError`` on unknown names.
        """
        # Names typed on the command line are checked here, so that a typo in them is blamed
        # on the command line and not on the configuration file.
        typed = [*(select or ()), *(ignore or ()), *(severity or {})]
        _check_names(_clean_names(typed), "command line")
        new_select = self.select
        new_ignore = set(self.ignore)
        if select is not None:
            new_select = frozenset(_clean_names(select))
            new_ignore -= new_select
        if ignore is not None:
            new_ignore |= set(_clean_names(ignore))
        new_severity = dict(self.severity)
        if severity is not None:
            new_severity.update({name.strip(): level for name, level in severity.items()})
        return Config(
            select=new_select,
            ignore=frozenset(new_ignore),
            severity=new_severity,
            include=self.include if include is None else tuple(include),
            exclude=self.exclude if exclude is None else tuple(exclude),
            source=self._source,
        )


# --------------------------------------------------------------------------- loading


def find_config_file(start_dir: str | os.PathLike[str]) -> Path | None:
    """The nearest ``provenance.toml``, or ``pyproject.toml`` with a ``[tool.provenance]`` table.

    Searched from ``start_dir`` (or the folder of a file) upwards; in one folder
    ``provenance.toml`` wins. The search stops after the first folder holding ``.git``, so the
    settings of an enclosing project never leak into a repository that has none.
    """
    found = _find_config(start_dir)
    if found is None:
        return None
    from pathlib import Path

    return Path(found[0])


def _find_config(start_dir: str | os.PathLike[str]) -> tuple[str, dict[str, Any] | None] | None:
    """``find_config_file``'s file, with its parsed contents when the search had to parse it
    (a ``pyproject.toml``), so that loading it does not parse it again. Folders as strings, as
    ``Path.resolve`` and ``Path.parents`` would give them."""
    directory = os.path.realpath(start_dir)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    folder = directory
    while True:
        candidate = os.path.join(folder, "provenance.toml")
        if os.path.isfile(candidate):
            return candidate, None
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject):
            parsed = _read_toml(pyproject)
            if _tool_table(pyproject, parsed) is not None:
                return pyproject, parsed
        if os.path.exists(os.path.join(folder, ".git")):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return None


def load_config(start_dir: str | os.PathLike[str] = ".") -> Config:
    """The settings that apply to ``start_dir``: the nearest config file's, else the defaults."""
    found = _find_config(start_dir)
    if found is None:
        return Config()
    return _config_of_file(*found)


def load_config_file(path: str | os.PathLike[str]) -> Config:
    """Settings from one file (a ``pyproject.toml`` is read from its ``[tool.provenance]``)."""
    from pathlib import Path  # a file named by the caller: written in messages as before

    return _config_of_file(str(Path(path)), None)


def _config_of_file(file: str, parsed: dict[str, Any] | None) -> Config:
    data = _read_toml(file) if parsed is None else parsed
    if os.path.basename(file) == "pyproject.toml":
        table = _tool_table(file, data)
        data = {} if table is None else table
    return config_from_mapping(data, source=file)


def config_from_mapping(
    data: Mapping[str, Any], source: str | os.PathLike[str] | None = None
) -> Config:
    """Settings from a parsed TOML table, validated key by key."""
    where = f"{source}: " if source is not None else ""
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"{where}unknown setting {key!r}{_suggest(key, _KEYS)}")
    select = data.get("select")
    exclude = tuple(_strings(data, "exclude", where)) if "exclude" in data else DEFAULT_EXCLUDE
    exclude += tuple(_strings(data, "extend-exclude", where))
    include = tuple(_strings(data, "include", where)) if "include" in data else DEFAULT_INCLUDE
    return Config(
        select=None if select is None else frozenset(_clean_names(_strings(data, "select", where))),
        ignore=frozenset(_clean_names(_strings(data, "ignore", where))),
        severity=_severities(data.get("severity", {}), where),
        include=include,
        exclude=exclude,
        source=source,
    )


#: Largest configuration file read.
_MAX_CONFIG_BYTES = 16 * 2**20


def _read_toml(path: str) -> dict[str, Any]:
    """The parsed file, or one ``ConfigError`` line naming it, whatever its bytes are."""
    try:
        # A regular file only: a named pipe given as the configuration would wait for a writer.
        data = read_regular_file(str(path), _MAX_CONFIG_BYTES + 1)
    except InputError as error:
        # The reason without the hint for inputs ("give - to read standard input").
        raise ConfigError(f"{path}: cannot be read: {error.reason.split(';')[0]}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    if len(data) > _MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: over {_MAX_CONFIG_BYTES // 2**20} MiB, not read")
    stored = _stored_toml(data)
    if stored is not None:
        return stored
    parsed = _parse_toml(path, data)
    _store_toml(data, parsed)
    return parsed


def _parse_toml(path: str, data: bytes) -> dict[str, Any]:
    import tomllib  # only for a file not parsed before (importing it is about 2 ms)

    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except UnicodeDecodeError as error:
        # TOML is UTF-8 by definition; tomllib decodes the whole file before parsing it.
        raise ConfigError(
            f"{path}: not valid TOML: not UTF-8 (byte {error.object[error.start]:#04x} at "
            f"offset {error.start})"
        ) from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables by recursion.
        raise ConfigError(f"{path}: not valid TOML: arrays or tables nested too deeply") from None


# A check in a project with a configuration file parsed that file on every run: importing
# ``tomllib`` and parsing a ``pyproject.toml`` of 3 KB took 17 M instructions, 3 % of a 5 KB
# check. The parsed file is kept as JSON in the private cache folder (``provenance.cache``),
# named by a digest of the file's bytes, so that an edited file is never answered from a stale
# copy; only a file that parsed, and whose JSON reads back equal (TOML dates and times have no
# JSON form), is kept. A file that does not parse is parsed, and refused, on every run.

#: Changes when the layout of the stored copies does.
_TOML_FORMAT = 1


def _toml_cache_name(data: bytes) -> str:
    import hashlib

    digest = hashlib.sha256(f"config toml format {_TOML_FORMAT}\0".encode())
    digest.update(data)
    return f"config-{digest.hexdigest()[:32]}.json"


def _stored_toml(data: bytes) -> dict[str, Any] | None:
    """The stored parse of a file of these bytes, when there is one that reads as stored."""
    from provenance.cache import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    raw = folder.read(_toml_cache_name(data))
    if raw is None:
        return None
    from provenance import json_read

    try:
        stored = json_read.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not (isinstance(stored, dict) and isinstance(stored.get("toml"), dict)):
        return None
    return stored["toml"]  # type: ignore[no-any-return]


def _store_toml(data: bytes, parsed: dict[str, Any]) -> None:
    from provenance.cache import cache_folder

    folder = cache_folder()
    if folder is None:
        return
    import json

    entry = {"toml": parsed}
    try:
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != entry:  # NaN, which is not equal to itself
            return
    except (TypeError, ValueError, RecursionError):  # dates and times; nesting JSON refuses
        return
    folder.write(_toml_cache_name(data), text.encode("utf-8"))


def _tool_table(path: str, data: Mapping[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool")
    if not isinstance(tool, dict) or "provenance" not in tool:
        return None
    table = tool["provenance"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.provenance] must be a table")
    return table


def _strings(data: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        # A lone string is what people write for a one-item list; take it as one.
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}{key!r} must be a list of strings")
    return value


def _severities(value: object, where: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}'severity' must be a table of rule = \"error|warning|info\"")
    result: dict[str, Severity] = {}
    for name, level in value.items():
        if not isinstance(level, str):
            raise ConfigError(f"{where}severity of {name!r} must be a string")
        try:
            result[name.strip()] = Severity.parse(level)
        except ValueError as error:
            raise ConfigError(f"{where}severity of {name!r}: {error}") from None
    return result


def _clean_names(names: Iterable[str]) -> list[str]:
    return [name.strip() for name in names if name.strip()]


# --------------------------------------------------------------------------- validation


def known_names() -> tuple[str, ...]:
    """Every name ``select``/``ignore``/``severity`` accept: rule ids, categories and ``all``."""
    rules = all_rules()
    return (*(r.id for r in rules), *sorted({r.category for r in rules}), _ALL)


def _check_names(names: Iterable[str], source: str | os.PathLike[str] | None) -> None:
    """Raise a ``ConfigError`` for unknown names; ``source`` is the file they came from or
    a description such as ``"command line"`` (None: built in code)."""
    known = set(known_names())
    unknown = sorted(name for name in names if name not in known)
    if not unknown:
        return
    where = f"{source}: " if source is not None else ""
    problems = "; ".join(
        f"unknown rule or category {name!r}{_suggest(name, known)}" for name in unknown
    )
    raise ConfigError(f"{where}{problems} (`provenance rules` lists them all)")


def _suggest(name: str, choices: Iterable[str]) -> str:
    import difflib  # only to word an error: its import compiles regexes on every run

    close = difflib.get_close_matches(name, sorted(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


__all__ = [
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "Config",
    "config_from_mapping",
    "find_config_file",
    "known_names",
    "load_config",
    "load_config_file",
]
