"""Which files are reports: what a folder search takes, and what it leaves alone.

A folder of reports is usually also a project: it has a README, a CHANGELOG, a LICENSE, notes on
where the documents came from (``SOURCES.md``). Those are written in the same formats as the
reports but are not reports, and checking them buries the real findings under false ones. So
a folder search takes files whose names match ``include`` (by suffix: ``REPORT_SUFFIXES``) and
skips every file or folder that matches ``exclude``: tool and version-control folders and the
project files named in ``PROJECT_FILES``.

A file named on the command line is taken whatever its name, unless ``force_exclude`` is set
(as the pre-commit hook does, since pre-commit names every staged file).

Patterns are shell globs (``fnmatch``) matched without regard to case, against a file's name
and against its path relative to the searched folder (``archive/*.txt``) and each folder on it.
This module imports only the standard library: ``provenance --help`` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, NamedTuple

from provenance.errors import InputError

if TYPE_CHECKING:
    from pathlib import PurePath

#: Suffixes of the files a folder search reads as reports (a new reader adds its suffix here).
REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".pdf", ".html", ".htm")

#: File names a folder search checks unless configured otherwise.
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in REPORT_SUFFIXES)

#: Folders a folder search skips (tool and version-control litter).
LITTER_FOLDERS: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "__pycache__",
    "node_modules",
    "site-packages",
)

#: Files about a project rather than reports of it: its front page, history, licence, how to
#: contribute, and notes on where its documents came from. Matched with any suffix.
PROJECT_FILES: tuple[str, ...] = (
    *(
        f"{stem}.*"
        for stem in (
            "README",
            "CHANGELOG",
            "CHANGES",
            "HISTORY",
            "LICENSE",
            "LICENCE",
            "COPYING",
            "NOTICE",
            "AUTHORS",
            "CONTRIBUTORS",
            "CONTRIBUTING",
            "CODE_OF_CONDUCT",
            "SECURITY",
            "SUPPORT",
            "CITATION",
            "SOURCES",
        )
    ),
    "requirements*.txt",
)

#: What a folder search skips unless configured otherwise (``exclude`` replaces it,
#: ``extend-exclude`` and ``--exclude`` add to it).
DEFAULT_EXCLUDE: tuple[str, ...] = LITTER_FOLDERS + PROJECT_FILES

#: How standard input is named on the command line, and in messages.
STDIN = "-"
STDIN_NAME = "<stdin>"


class InputPath(NamedTuple):
    """One input to read: a file path, or standard input when ``path`` is ``"-"``."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def display(self) -> str:
        return STDIN_NAME if self.is_stdin else self.path

    @property
    def document_path(self) -> str | None:
        """The path a ``Document`` records: None for standard input."""
        return None if self.is_stdin else self.path


def _matches(text: str, pattern: str) -> bool:
    return fnmatchcase(text.casefold(), pattern.casefold())


def is_excluded(path: str | PurePath, exclude: Iterable[str]) -> bool:
    """Whether ``path`` (a file or folder, relative to the searched folder) is excluded."""
    from pathlib import PurePath  # a folder search's: a check of named files does without

    pure = PurePath(path)
    text = pure.as_posix()
    for pattern in exclude:
        pattern = pattern.rstrip("/")
        if _matches(text, pattern) or any(_matches(part, pattern) for part in pure.parts):
            return True
    return False


def is_included(path: str | PurePath, include: Iterable[str], exclude: Iterable[str]) -> bool:
    """Whether a folder search checks ``path`` (relative to the searched folder): its name
    matches an ``include`` pattern and neither it nor a folder on its path is excluded."""
    from pathlib import PurePath

    pure = PurePath(path)
    if not any(_matches(pure.name, pattern) for pattern in include):
        return False
    return not is_excluded(pure, exclude)


#: Called with a path and a note for something a search skipped that is not an error.
NoteHandler = Callable[[str, str], None]


def iter_inputs(
    arguments: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    *,
    force_exclude: bool = False,
    on_note: NoteHandler | None = None,
) -> Iterator[InputPath | InputError]:
    """The inputs the command-line ``arguments`` name, in order.

    A folder is searched recursively, in sorted order, for the files ``include`` names,
    skipping what ``exclude`` names. A file named directly is taken whatever its name, unless
    ``force_exclude`` is set and its name or path is excluded. A folder with no such file yields
    an ``InputError``, so that a mistyped folder is not a silent success. A missing path is
    yielded as it is: reading it reports the error.
    """
    for argument in arguments:
        if argument != STDIN and os.path.isdir(argument):
            found = list(_search_folder(argument, include, exclude, on_note))
            if not found:
                patterns = " or ".join(include)
                yield InputError(f"no {patterns} files in this folder", argument)
            yield from found
        elif force_exclude and argument != STDIN and is_excluded(_as_searched(argument), exclude):
            if on_note is not None:
                on_note(argument, "skipped: excluded (--force-exclude)")
        else:
            yield InputPath(argument)


def _search_folder(
    folder: str, include: Sequence[str], exclude: Sequence[str], on_note: NoteHandler | None
) -> Iterator[InputPath | InputError]:
    """The files a folder search takes, and an ``InputError`` for each folder that could not
    be listed (so that an unreadable subfolder is never skipped in silence). Files that are not
    regular files (FIFOs, sockets, devices) are skipped with a note."""
    from provenance.fileio import special_file_kind

    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        while unlisted:
            yield _folder_error(unlisted.pop(0), root)
        relative_root = os.path.relpath(root, folder)
        dirs[:] = sorted(
            name for name in dirs if not is_excluded(_relative(relative_root, name), exclude)
        )
        for name in sorted(files):
            if not is_included(_relative(relative_root, name), include, exclude):
                continue
            path = os.path.join(root, name)
            try:
                kind = special_file_kind(os.stat(path).st_mode)
            except OSError:
                kind = None  # a broken link and the like: reading it says what is wrong
            if kind is not None and kind != "a directory":
                if on_note is not None:
                    on_note(path, f"skipped: {kind}, not a regular file")
                continue
            yield InputPath(path)
    while unlisted:
        yield _folder_error(unlisted.pop(0), folder)


def _as_searched(path: str) -> str:
    """A path named on the command line as a search from the current folder would see it
    (only its name when it lies outside, so that the folders above it do not count)."""
    relative = os.path.relpath(path)
    return os.path.basename(path) if relative.startswith(os.pardir) else relative


def _folder_error(error: OSError, fallback: str) -> InputError:
    path = error.filename if isinstance(error.filename, str) else fallback
    reason = error.strerror.lower() if error.strerror else str(error)
    return InputError(f"folder not searched: {reason}", path)


def _relative(root: str, name: str) -> str:
    return name if root == os.curdir else os.path.join(root, name)


__all__ = [
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "LITTER_FOLDERS",
    "PROJECT_FILES",
    "REPORT_SUFFIXES",
    "STDIN",
    "STDIN_NAME",
    "InputPath",
    "is_excluded",
    "is_included",
    "iter_inputs",
]
