"""Bytes to text: decode a report file, or refuse it with a clear ``InputError``.

Reports arrive as whatever their source produced: UTF-8 with or without a byte-order mark,
UTF-16 from Windows tools, cp1252 from old word processors, or files that are not text at all
(a PDF saved as ``.txt``). Decoding never mangles silently: every guess beyond "UTF-8, or
whatever the byte-order mark says" leaves a note in ``DecodedText.notes``.

Decoding, in order:

1. Zero bytes, or more than ``MAX_BYTES``: refused (``"empty file"``, ``"file too large"``).
2. A known binary signature (PDF, PNG, GIF, JPEG, ZIP and the Office formats built on it, OLE2,
   gzip, bzip2, xz, 7z, RAR, ELF): refused as ``"binary file (looks like PDF)"`` etc.
3. A byte-order mark: UTF-32 LE/BE, UTF-16 LE/BE or UTF-8; the mark is stripped. A UTF-16/32
   file must then decode strictly (one that does not is refused, not guessed); a UTF-8 one has
   any invalid bytes read as cp1252, with a note, as in step 6.
4. No mark but a UTF-16 pattern (every other byte NUL in the first few KB): decoded as
   UTF-16 with a note. Any other NUL byte: refused as binary.
5. Strict UTF-8.
6. Not valid UTF-8: if the file also holds valid multi-byte UTF-8 sequences, at least as many
   as invalid bytes or any of three or four bytes (which cp1252 text next to never forms), it is
   UTF-8 with some stray bytes (two sources pasted together), so only those bytes are read as
   cp1252; otherwise the whole file is cp1252; bytes cp1252 leaves undefined
   (0x81, 0x8D, 0x8F, 0x90, 0x9D) make it latin-1. Each case leaves a note naming the first
   bad byte's offset.
7. Decoded text that is mostly control characters: refused as binary.

Line endings are then normalised (``\\r\\n`` and lone ``\\r`` become ``\\n``), so every offset,
line and column the library reports refers to the *normalised* text, not to the raw bytes.

A file holding only whitespace is not an error: it is an empty document, and the checks find
nothing in it. A file holding nothing but a byte-order mark is an empty file.
"""

from __future__ import annotations

import os
import re
import stat
from functools import cache
from typing import Final

import attrs

from provenance import regex_store
from provenance.errors import InputError
from provenance.records import shared_methods
from provenance.regex_store import lazy_compile

__all__ = ["MAX_BYTES", "DecodedText", "read_bytes_as_text", "read_file", "read_raw"]

#: Largest input accepted, in bytes. Reports are at most a few MB; anything near this is a
#: mistake (a log, a dump) that would only exhaust memory. Module-level so callers may change it.
MAX_BYTES: int = 200 * 1024 * 1024


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class DecodedText:
    """Text read from bytes: ``encoding`` is the Python codec name actually used.

    ``notes`` say what was guessed or repaired, in words a reader understands.
    """

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


# Longest marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)

# Inside a ZIP, the first member names tell the document formats built on it apart.
_ZIP_KINDS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"word/", "a Word .docx document"),
    (b"xl/", "an Excel .xlsx workbook"),
    (b"ppt/", "a PowerPoint .pptx presentation"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
    (b"application/epub+zip", "an EPUB book"),
)


@cache
def _bzip2() -> re.Pattern[bytes]:
    """bzip2's "BZh" is three letters a text could start with; the block size digit and the
    block magic that follow are not. Compiled only for a file that starts with "BZh"."""
    return re.compile(rb"BZh[1-9]1AY&SY")


# Bytes cp1252 leaves undefined; Python's strict cp1252 codec rejects them.
_CP1252_UNDEFINED: Final = frozenset(b"\x81\x8d\x8f\x90\x9d")

# surrogateescape turns each undecodable byte into one of these code points.
_ESCAPED: Final = lazy_compile("[\udc80-\udcff]")
_NON_ASCII: Final = lazy_compile("[^\x00-\x7f\udc80-\udcff]")
# A valid three- or four-byte UTF-8 sequence (a curly quote is E2 80 9C) is, read as cp1252, a
# lowercase accented letter followed by two symbols ("â€œ"): real cp1252 text has next to none.
_WIDE: Final = regex_store.compiled("[\u0800-\ud7ff\ue000-\U0010ffff]")
_NEWLINES: Final = lazy_compile("\r\n?")
# Control characters that do not occur in text (tab, newline, form feed, escape... do).
_CONTROL: Final = lazy_compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

_SNIFF: Final = 4096


def read_file(path: str | os.PathLike[str], *, regular_only: bool = False) -> DecodedText:
    """Read and decode the file at ``path`` (see the module doc for how).

    Raises ``InputError`` naming ``path`` when it is missing, a folder, unreadable, too large,
    empty, or not text; with ``regular_only`` (the command line) also when it is a FIFO, a
    socket or a device, which is then never read and never waited on.
    """
    return read_bytes_as_text(read_raw(path, regular_only=regular_only), os.fspath(path))


def read_raw(path: str | os.PathLike[str], *, regular_only: bool = False) -> bytes:
    """The bytes of the file at ``path``, at most ``MAX_BYTES`` + 1 of them (so that a caller
    can tell a file that is too large). Raises ``InputError`` as ``read_file`` does for files
    that cannot be read."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory", name)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
            raise InputError(_too_large(info.st_size), name)
        if regular_only:
            from provenance.fileio import read_regular_file

            return read_regular_file(name, MAX_BYTES + 1)
        # Read one byte past the limit so that pipes and devices, whose size stat cannot
        # tell, are refused too rather than read without end.
        with open(name, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except InputError:
        raise
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a directory", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as error:
        raise InputError(_os_reason(error), name) from None


def read_bytes_as_text(data: bytes, path: str | None = None) -> DecodedText:
    """Decode ``data`` as a report's text; ``path`` only names the input in errors.

    Raises ``InputError`` when the bytes are empty, too many, or not text.
    """
    if not data:
        raise InputError("empty file", path)
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(len(data)), path)
    binary = _binary_kind(data)
    if binary is not None:
        raise InputError(f"binary file (looks like {binary})", path)

    decoded = _decode(data, path)
    if not decoded.text:
        raise InputError("empty file", path)
    sample = decoded.text[:_SNIFF]
    if len(_CONTROL.findall(sample)) * 10 > len(sample) * 3:
        raise InputError("binary file (mostly control characters)", path)
    return attrs.evolve(decoded, text=_NEWLINES.sub("\n", decoded.text))


def _decode(data: bytes, path: str | None) -> DecodedText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _decode_utf8(data, len(bom), marked=True)
            return _decode_marked(data[len(bom) :], encoding, path)

    if b"\x00" in data:
        utf16 = _unmarked_utf16(data)
        if utf16 is not None:
            return utf16
        raise InputError(f"binary file (contains NUL bytes, first at offset {data.index(0)})", path)
    return _decode_utf8(data, 0, marked=False)


def _decode_utf8(data: bytes, skip: int, *, marked: bool) -> DecodedText:
    """UTF-8 from offset ``skip`` (past a mark); otherwise the cp1252 fallbacks of the module doc.

    With a UTF-8 mark the file is UTF-8 whatever the counts say, so only its bad bytes are
    repaired. Offsets in notes count from the first byte of the file, mark included.
    """
    body = data[skip:] if skip else data
    try:
        return DecodedText(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start + skip

    escaped = body.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED.findall(escaped))
    if marked or len(_NON_ASCII.findall(escaped)) >= invalid or _WIDE.search(escaped):
        text = _ESCAPED.sub(lambda m: _single_byte(ord(m.group()) - 0xDC00), escaped)
        note = (
            f"decoded as UTF-8 with {invalid} invalid byte{'s' if invalid != 1 else ''} "
            f"read as cp1252 (first bad byte at offset {first_bad})"
        )
        return DecodedText(text, "utf-8", (note,))
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError as error:
        undefined = body[error.start]
        note = (
            f"decoded as latin-1: not valid UTF-8 (first bad byte at offset {first_bad}) "
            f"nor cp1252 (byte 0x{undefined:02X} at offset {error.start + skip})"
        )
        return DecodedText(body.decode("latin-1"), "latin-1", (note,))
    note = f"decoded as cp1252: not valid UTF-8 (first bad byte at offset {first_bad})"
    return DecodedText(text, "cp1252", (note,))


def _decode_marked(body: bytes, encoding: str, path: str | None) -> DecodedText:
    """Decode what follows a byte-order mark: the mark decides, so nothing is guessed here."""
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        offset = error.start + len(_bom_of(encoding))
        name = _display(encoding)
        raise InputError(
            f"not valid {name} although it starts with a {name} byte-order mark "
            f"(bad bytes at offset {offset})",
            path,
        ) from None
    if "\x00" in text:
        # Binary data that happens to start like a mark decodes to NUL characters.
        raise InputError(f"binary file (NUL characters in its {_display(encoding)} text)", path)
    return DecodedText(text, encoding)


def _bom_of(encoding: str) -> bytes:
    return next(bom for bom, name in _BOMS if name == encoding)


def _display(encoding: str) -> str:
    return encoding.upper().replace("-LE", "LE").replace("-BE", "BE")


def _unmarked_utf16(data: bytes) -> DecodedText | None:
    """UTF-16 written without a byte-order mark, recognised by its NUL bytes.

    Text that is mostly ASCII has a NUL as every high byte: at odd offsets in little-endian,
    even ones in big-endian. Both halves must show it clearly before the bytes are trusted.
    """
    if len(data) % 2:
        return None
    sample = data[:_SNIFF]
    pairs = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.9 * pairs and even_nuls <= 0.1 * pairs:
        encoding = "utf-16-le"
    elif even_nuls >= 0.9 * pairs and odd_nuls <= 0.1 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    note = f"decoded as {_display(encoding)}: no byte-order mark, recognised by its NUL bytes"
    return DecodedText(text, encoding, (note,))


def _binary_kind(data: bytes) -> str | None:
    """What a known binary signature at the start of ``data`` says the file is."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            if signature == b"BZh" and not _bzip2().match(data):
                continue
            if kind == "ZIP archive":
                head = data[:_SNIFF]
                for marker, zip_kind in _ZIP_KINDS:
                    if marker in head:
                        return zip_kind
            return kind
    return None


def _single_byte(value: int) -> str:
    """One byte that is not UTF-8, read as cp1252 (latin-1 where cp1252 leaves it undefined)."""
    if value in _CP1252_UNDEFINED:
        return chr(value)
    return bytes((value,)).decode("cp1252")


def _too_large(size: int) -> str:
    return f"file too large ({_size(size)} > limit of {_size(MAX_BYTES)})"


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count} bytes"


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
