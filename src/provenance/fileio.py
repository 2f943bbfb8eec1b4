"""Writing output files so that a reader never sees half of one.

``write_atomic`` writes to a temporary file in the target's own folder (so that the final
rename stays on one file system), flushes it to disk, then renames it over the target in one
step. If anything fails, the target is left as it was and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), atomically.

    ``"-"`` writes to standard output instead (text as text, bytes to the underlying binary
    stream). An existing target keeps its permission bits; a new one gets the usual ones for
    the process's umask, not the owner-only ones of a temporary file. When ``path`` is a
    symbolic link, the file it points to is replaced and the link is kept.
    """
    name = os.fspath(path)
    if name == "-":
        _write_stdout(data)
        return
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = os.path.realpath(name) if os.path.islink(name) else name
    folder = os.path.dirname(os.path.abspath(target))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()

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
