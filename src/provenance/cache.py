"""The private per-user cache folder: ``$XDG_CACHE_HOME/provenance`` (else ``~/.cache/provenance``).

It holds built parsers (``provenance.grammars``) and compiled regex code
(``provenance.regex_store``), nothing that runs code when read, and the compiled code of the
methods attrs generates (``provenance.generated_code``), which runs as the package's own
bytecode in ``__pycache__`` does: trusted as this user's files are. The folder is opened once,
without following a symlink, and checked on its descriptor (owned by the current user, writable
by no one else); every file is then opened relative to that descriptor, without following
symlinks, and used only if it is a regular file the user owns and no one else can write.
Whoever can write the folder's parent can rename it away, but cannot make this process read
anything but the folder it checked. Files are written to a new temporary file (``O_EXCL``) and
renamed into place, so a concurrent process never reads half a file; after a write, only the
newest ``KEPT_PER_KIND`` files of its kind stay, so the folder does not grow with every grammar
version and configuration edit. ``PROVENANCE_NO_CACHE=1``
turns the cache off; so does a platform without ``dir_fd`` support.
"""

from __future__ import annotations

import binascii
import contextlib
import marshal
import os
import stat
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import mmap

#: A cache file larger than this is not read (the largest parser takes about 400 KB).
MAX_CACHE_BYTES = 16 * 1024 * 1024
#: Files kept of each kind (the part of a name before its first "-"): enough for the start sets
#: of one grammar and a few installed versions or configuration files in use at once.
KEPT_PER_KIND = 8
#: A marshalled file begins with the crc32 of the rest, so a damaged one is never unmarshalled.
CHECKSUM_BYTES = 4


class CacheFolder:
    """The parser cache folder, held open: files are opened relative to it, never by path."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor

    def _opened(self, name: str) -> tuple[int, os.stat_result] | None:
        """``name`` opened for reading, with its status, if it is a private regular file of
        this user no larger than ``MAX_CACHE_BYTES``; None (and nothing left open) otherwise."""
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
        try:
            descriptor = os.open(name, flags, dir_fd=self.descriptor)
        except OSError:
            return None
        try:
            status = os.fstat(descriptor)
        except OSError:
            os.close(descriptor)
            return None
        if not (stat.S_ISREG(status.st_mode) and _private(status)):
            os.close(descriptor)
            return None
        if status.st_size > MAX_CACHE_BYTES:
            os.close(descriptor)
            return None
        return descriptor, status

    def read(self, name: str) -> bytes | None:
        """The bytes of ``name``, or None unless it is a private regular file of this user."""
        opened = self._opened(name)
        if opened is None:
            return None
        descriptor, status = opened
        with open(descriptor, "rb", closefd=True) as stream:
            # Asked for its size (and one byte more, to see it whole), not for the largest size
            # allowed: a read of that many bytes first allocates them, 0.4 ms a file against
            # 0.03 ms, and a check reads up to 16 files.
            return stream.read(status.st_size + 1)

    def mapped(self, name: str) -> bytes | mmap.mmap | None:
        """``name`` as ``read`` gives it, but mapped into memory, read-only, for a file of
        which a few parts are used (a cached parser: a 66 KB check uses a few hundred of the
        10,000 lines of its 15 parsers, 1.9 MB): only the pages used are read, from the
        system's page cache, where ``read`` copied every byte into memory of its own first
        (about 0.9 ms of the 66 KB seed's check, 320 of its 5,600 page faults).

        Slices of the map are bytes, as ``read``'s are. The file is never changed in place
        (``write`` renames a new file over it, and the map keeps the old one), so the map
        holds what was checked here for as long as it is used."""
        opened = self._opened(name)
        if opened is None:
            return None
        descriptor, status = opened
        try:
            if not status.st_size:
                return b""  # an empty file cannot be mapped
            import mmap

            try:
                return mmap.mmap(descriptor, status.st_size, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                return None
        finally:
            os.close(descriptor)

    def write(self, name: str, data: bytes) -> None:
        """Write ``name`` atomically: a new private file, renamed over the old one."""
        import secrets  # only a writer needs it

        temporary = f".tmp-{secrets.token_hex(8)}-{name}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            descriptor = os.open(temporary, flags, 0o600, dir_fd=self.descriptor)
        except OSError:
            return
        try:
            with open(descriptor, "wb", closefd=True) as stream:
                stream.write(data)
            os.replace(temporary, name, src_dir_fd=self.descriptor, dst_dir_fd=self.descriptor)
        except OSError:  # caching is an optimisation: failing to cache is not an error
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.descriptor)
            return
        self._prune(name)

    def _prune(self, written: str) -> None:
        """Remove all but the ``KEPT_PER_KIND`` newest files of ``written``'s kind (the part of
        its name before the first "-": a grammar, "config", "regexes"). Each version of a grammar
        and each edit of a configuration file writes a new name, and the folder only grew. Asked
        only after a write, which only a cache miss makes."""
        kind, dash, _ = written.partition("-")
        if not dash:
            return
        dated: list[tuple[int, str]] = []
        try:
            with os.scandir(self.descriptor) as entries:
                names = [entry.name for entry in entries if entry.name.startswith(kind + "-")]
            for name in names:
                status = os.stat(name, dir_fd=self.descriptor, follow_symlinks=False)
                if stat.S_ISREG(status.st_mode) and _private(status):
                    dated.append((status.st_mtime_ns, name))
        except OSError:
            return
        dated.sort(reverse=True)
        for _, name in dated[KEPT_PER_KIND:]:
            if name != written:
                with contextlib.suppress(OSError):
                    os.unlink(name, dir_fd=self.descriptor)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.descriptor)


def _private(status: os.stat_result) -> bool:
    """Owned by this process's user, and no one else may write to it."""
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def _secure_open_supported() -> bool:
    return (
        hasattr(os, "O_NOFOLLOW")
        and hasattr(os, "O_DIRECTORY")
        and hasattr(os, "geteuid")
        # os.replace takes the same dir_fd arguments as os.rename, which is the one listed.
        and {os.open, os.mkdir, os.rename, os.unlink} <= os.supports_dir_fd
        and os.stat in os.supports_fd
        and os.scandir in os.supports_fd
    )


@cache
def cache_folder() -> CacheFolder | None:
    """The per-user parser cache folder, or None when it is off or not private to this user."""
    if os.environ.get("PROVENANCE_NO_CACHE") or not _secure_open_supported():
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
        parent = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with contextlib.suppress(FileExistsError):
            os.mkdir("provenance", 0o700, dir_fd=parent)
        # O_NOFOLLOW: a symlink in place of the folder is refused, not followed.
        flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
        descriptor = os.open("provenance", flags, dir_fd=parent)
    except OSError:
        return None
    finally:
        os.close(parent)
    folder = CacheFolder(descriptor)
    try:
        status = os.fstat(descriptor)
    except OSError:
        folder.close()
        return None
    if not (stat.S_ISDIR(status.st_mode) and _private(status)):
        folder.close()
        return None
    return folder


def cached_bytes(name: str) -> bytes | None:
    """The bytes of the cache file ``name``; None without a cache folder or such a file."""
    folder = cache_folder()
    return None if folder is None else folder.read(name)


def marshalled(entries: list[Any]) -> bytes:
    """``entries`` as a cache file: marshalled, behind the crc32 of the marshalled bytes."""
    payload = marshal.dumps(entries)
    return binascii.crc32(payload).to_bytes(CHECKSUM_BYTES, "big") + payload


def unmarshalled(data: bytes | None) -> list[Any]:
    """The entries of a file ``marshalled`` wrote; none from no file, or one that is damaged or
    not one (its entries are still for the caller to check one by one)."""
    if data is None or len(data) <= CHECKSUM_BYTES:
        return []
    payload = data[CHECKSUM_BYTES:]
    if binascii.crc32(payload).to_bytes(CHECKSUM_BYTES, "big") != data[:CHECKSUM_BYTES]:
        return []
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return []
    return entries if isinstance(entries, list) else []
