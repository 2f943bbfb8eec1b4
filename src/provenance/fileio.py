"""Reading inputs and writing outputs safely: regular files only, and never half a file.

Reading: ``read_regular_file`` reads only regular files. A named pipe, socket or device is
refused with a reason, and the file is opened without blocking and checked again after the open,
so that a FIFO (which would wait for a writer for ever) can never hang a run, even when a file
is swapped for one between the check and the open.

Writing: ``write_atomic`` writes to a temporary file in the target's own folder (so that the
final rename stays on one file system), flushes it to disk, then renames it over the target in
one step. If anything fails, or the process is interrupted, the target is left as it was and the
temporary file is removed. ``check_output_target`` refuses, before any work is done, a target
that is an input being read, a device, a FIFO or a folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable

from provenance.errors import InputError, ProvenanceError

__all__ = [
    "OutputError",
    "check_output_target",
    "is_standard_output",
    "read_regular_file",
    "special_file_kind",
    "write_atomic",
]

#: Names that mean "standard output" wherever they are given as an output file.
_STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})

# O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; O_NOCTTY keeps
# a terminal device from becoming the process's controlling terminal. Both are POSIX only.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class OutputError(ProvenanceError):
    """An output file that must not or cannot be written; the message names it."""


def special_file_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _refusal(kind: str) -> str:
    if kind == "a directory":
        return "is a directory"
    hint = " (give - to read standard input)" if kind == "a named pipe (FIFO)" else ""
    return f"is {kind}, not a regular file; not read{hint}"


def read_regular_file(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path``.

    Raises ``InputError`` for anything that is not a regular file, and ``OSError`` when the
    file cannot be opened or read. Nothing that is not a regular file is ever read from, and
    opening never blocks.
    """
    kind = special_file_kind(os.stat(path).st_mode)
    if kind is not None:
        # Refused before opening: opening some devices (tapes, terminals) has effects.
        raise InputError(_refusal(kind), path)
    fd = os.open(path, _READ_FLAGS)
    try:
        # Checked again on what was opened: the path may have been swapped in between.
        kind = special_file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise InputError(_refusal(kind), path)
        chunks: list[bytes] = []
        remaining = limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_standard_output(path: str | os.PathLike[str]) -> bool:
    """True for ``-`` and the names systems give standard output (``/dev/stdout`` ...)."""
    return os.fspath(path) in _STDOUT_NAMES


def check_output_target(path: str, inputs: Iterable[str] = ()) -> None:
    """Refuse, before any work, an output ``path`` that must not or cannot be written.

    Raises ``OutputError`` when ``path`` is one of ``inputs`` (the same file under any name),
    a device, a FIFO, a socket or a folder, or when its folder does not exist or cannot be
    written to. Standard output (``-``, ``/dev/stdout``) is always fine.
    """
    if is_standard_output(path):
        return
    try:
        target = os.stat(path)
    except FileNotFoundError:
        target = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None
    if target is not None:
        kind = special_file_kind(target.st_mode)
        if kind is not None:
            raise OutputError(
                f"will not write {path}: it is {kind}; output goes to regular files only "
                "(use - for standard output)"
            )
        for name in inputs:
            with contextlib.suppress(OSError):
                if os.path.samestat(target, os.stat(name)):
                    same = "" if name == path else f" ({name})"
                    raise OutputError(f"will not write {path}: it is an input being read{same}")
    folder = os.path.dirname(os.path.abspath(_resolved(path)))
    if not os.path.isdir(folder):
        raise OutputError(f"cannot write {path}: no such folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: permission denied in {folder}")


def _resolved(name: str) -> str:
    return os.path.realpath(name) if os.path.islink(name) else name


def _reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), atomically.

    ``"-"`` (or ``/dev/stdout``) writes to standard output instead (text as text, bytes to the
    underlying binary stream). An existing target keeps its permission bits; a new one gets the
    usual ones for the process's umask, not the owner-only ones of a temporary file. When
    ``path`` is a symbolic link, the file it points to is replaced and the link is kept.
    An existing target that is not a regular file (a device, a FIFO) is never replaced:
    ``OutputError``. Other failures raise ``OSError`` and leave the target as it was.
    """
    name = os.fspath(path)
    if is_standard_output(name):
        _write_stdout(data)
        return
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _resolved(name)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        kind = special_file_kind(info.st_mode)
        if kind is not None:
            raise OutputError(f"will not write {name}: it is {kind}")
        mode = stat.S_IMODE(info.st_mode)

    import tempfile  # here: reading inputs, which imports this module, never needs it

    fd, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        # Every way out, including Ctrl-C and the SIGTERM the command line turns into an
        # exception, removes the temporary file.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def _write_stdout(data: str | bytes) -> None:
    if isinstance(data, str):
        sys.stdout.write(data)
    else:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            # A text-only stream (some IDE consoles, test doubles): bytes are UTF-8 text here.
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
            buffer.flush()
    sys.stdout.flush()


def _umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable; best effort (Windows cannot open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
