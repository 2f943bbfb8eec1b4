"""Reading input: encodings, byte-order marks, newlines, and the inputs refused with a reason."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import source
from provenance.errors import InputError
from provenance.source import DecodedText, read_bytes_as_text, read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PRACTICE = ROOT.parent / "shared" / "practice"


def reason(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_bytes_as_text(data, "in.txt")
    assert caught.value.path == "in.txt"
    return caught.value.reason


# --------------------------------------------------------------------------- UTF-8 and marks


def test_plain_utf8_has_no_notes() -> None:
    decoded = read_bytes_as_text("Geneva, 5 août 2004 – “quoted”".encode())
    assert decoded == DecodedText("Geneva, 5 août 2004 – “quoted”", "utf-8", ())


def test_utf8_bom_is_stripped() -> None:
    decoded = read_bytes_as_text(b"\xef\xbb\xbfAI Index: ASA 24/06/96")
    assert decoded.text == "AI Index: ASA 24/06/96"
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ()


@pytest.mark.parametrize(
    ("codec", "encoding"),
    [
        ("utf-16", "utf-16-le"),  # Python writes the little-endian mark
        ("utf-32", "utf-32-le"),
    ],
)
def test_marked_utf16_and_utf32(codec: str, encoding: str) -> None:
    decoded = read_bytes_as_text("Säo Paulo – 1999\r\n".encode(codec))
    assert decoded.text == "Säo Paulo – 1999\n"
    assert decoded.encoding == encoding
    assert decoded.notes == ()


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
    ],
)
def test_every_byte_order_mark(bom: bytes, codec: str) -> None:
    decoded = read_bytes_as_text(bom + "Kürzel ЁЖ 𝄞".encode(codec))
    assert decoded.text == "Kürzel ЁЖ 𝄞"
    assert decoded.encoding == codec


def test_bom_only_is_an_empty_file() -> None:
    assert reason(b"\xef\xbb\xbf") == "empty file"
    assert reason(b"\xff\xfe") == "empty file"


def test_marked_utf16_that_does_not_decode_is_refused() -> None:
    # A lone high surrogate: the mark promises UTF-16 and the bytes break the promise.
    assert "not valid UTF-16LE" in reason(b"\xff\xfeA\x00\x00\xd8")


def test_marked_utf16_with_nul_characters_is_binary() -> None:
    assert "binary file" in reason(b"\xff\xfe" + "a\x00b".encode("utf-16-le"))


def test_unmarked_utf16_is_recognised_by_its_nuls() -> None:
    text = "Update to KKT25532.E of 20 December 1996\n"
    little = read_bytes_as_text(text.encode("utf-16-le"))
    big = read_bytes_as_text(text.encode("utf-16-be"))
    assert little.text == big.text == text
    assert little.encoding == "utf-16-le" and big.encoding == "utf-16-be"
    assert "no byte-order mark" in little.notes[0]


# --------------------------------------------------------------------------- fallbacks


def test_cp1252_fallback_with_note() -> None:
    decoded = read_bytes_as_text(b"caf\xe9 \x93quoted\x94")
    assert decoded.text == "café “quoted”"
    assert decoded.encoding == "cp1252"
    assert decoded.notes == ("decoded as cp1252: not valid UTF-8 (first bad byte at offset 3)",)


def test_cp1252_undefined_bytes_fall_back_to_latin1() -> None:
    decoded = read_bytes_as_text(b"a \x81 b \xe9")
    assert decoded.text == "a \x81 b é"
    assert decoded.encoding == "latin-1"
    (note,) = decoded.notes
    assert note.startswith("decoded as latin-1: not valid UTF-8 (first bad byte at offset 2)")
    assert "0x81" in note


def test_stray_bytes_in_utf8_are_repaired_one_by_one() -> None:
    # Mostly UTF-8 (curly quotes, an accent) with a pasted cp1252 fragment: reading the whole
    # file as cp1252 would turn every UTF-8 character into mojibake.
    data = "“Amnesty” says Jürgen".encode() + b" \x93x\x94"
    decoded = read_bytes_as_text(data)
    assert decoded.text == "“Amnesty” says Jürgen “x”"
    assert decoded.encoding == "utf-8"
    (note,) = decoded.notes
    assert "2 invalid bytes read as cp1252" in note
    assert f"offset {data.index(0x93)}" in note


def test_bad_bytes_after_a_utf8_mark_are_repaired_not_reread() -> None:
    decoded = read_bytes_as_text(b"\xef\xbb\xbfcaf\xe9")
    assert decoded.text == "café"
    assert decoded.encoding == "utf-8"
    assert "offset 6" in decoded.notes[0]  # counted from the first byte, mark included


# --------------------------------------------------------------------------- newlines


@pytest.mark.parametrize(
    "data", [b"one\r\ntwo\r\nthree", b"one\rtwo\rthree", b"one\ntwo\r\nthree", b"one\r\ntwo\rthree"]
)
def test_newlines_are_normalised(data: bytes) -> None:
    assert read_bytes_as_text(data).text == "one\ntwo\nthree"


def test_crlf_in_utf16_is_normalised() -> None:
    assert read_bytes_as_text("a\r\nb\rc".encode("utf-16")).text == "a\nb\nc"


def test_whitespace_only_is_an_empty_document_not_an_error() -> None:
    assert read_bytes_as_text(b"  \r\n\t\n").text == "  \n\t\n"


# --------------------------------------------------------------------------- refused inputs


def test_empty() -> None:
    assert reason(b"") == "empty file"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xmlword/document.xml", "Word .docx"),
        (b"PK\x03\x04\x14\x00\x00\x00data.csv", "ZIP archive"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z archive"),
        (b"Rar!\x1a\x07\x01\x00", "RAR archive"),
        (b"\x7fELF\x02\x01\x01", "ELF executable"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "Microsoft Office"),
        (b"BZh91AY&SY\x00", "bzip2"),
    ],
)
def test_binary_signatures(data: bytes, kind: str) -> None:
    message = reason(data)
    assert message.startswith("binary file (looks like ")
    assert kind in message


def test_text_that_starts_like_bzip2_is_still_text() -> None:
    assert read_bytes_as_text(b"BZh is not an archive").text == "BZh is not an archive"


def test_nul_bytes_without_a_mark_are_binary() -> None:
    assert reason(b"Some text\x00\x01\x02 and \x00 more") == (
        "binary file (contains NUL bytes, first at offset 9)"
    )


def test_mostly_control_characters_are_binary() -> None:
    assert reason(bytes(range(1, 9)) * 20 + b"abc") == "binary file (mostly control characters)"


def test_form_feeds_and_tabs_are_text() -> None:
    # pdftotext separates pages with form feeds.
    assert read_bytes_as_text(b"page 1\f\tpage 2\f").text == "page 1\f\tpage 2\f"


def test_too_large_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 10)
    assert read_bytes_as_text(b"0123456789").text == "0123456789"
    assert reason(b"0123456789A") == "file too large (11 bytes > limit of 10 bytes)"


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    monkeypatch.setattr(source, "MAX_BYTES", 2 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.reason == "file too large (3.0 MB > limit of 2.0 MB)"
    assert caught.value.path == str(path)


def test_default_limit_is_200_mb() -> None:
    assert source.MAX_BYTES == 200 * 1024 * 1024


# --------------------------------------------------------------------------- files


def test_read_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"\xef\xbb\xbfline 1\r\nline 2\r\n")
    assert read_file(path) == DecodedText("line 1\nline 2\n", "utf-8", ())
    assert read_file(str(path)).text == "line 1\nline 2\n"


def file_reason(path: Path | str) -> str:
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.path == str(path)
    return caught.value.reason


def test_missing_file(tmp_path: Path) -> None:
    assert file_reason(tmp_path / "absent.txt") == "no such file"


def test_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    assert file_reason(tmp_path / "file.txt" / "inner.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert file_reason(tmp_path) == "is a directory"


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert file_reason(tmp_path / "empty.txt") == "empty file"


def test_pdf_named_txt(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.7\n")
    assert file_reason(tmp_path / "report.txt") == "binary file (looks like PDF)"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions; covered by the monkeypatched test",
)
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        assert file_reason(path) == "permission denied"
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_permission_denied_when_open_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Works as root too: the OS refusal is simulated where read_file opens the file.
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert file_reason(path) == "permission denied"


def test_other_os_errors_keep_their_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    path.write_text("x")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("builtins.open", fail)
    assert file_reason(path) == "input/output error"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_named_pipe_is_read_like_a_file(tmp_path: Path) -> None:
    # ``provenance parse <(curl ...)`` hands over a pipe; its size is unknown until read.
    path = tmp_path / "pipe"
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "wb") as writer:
            writer.write(b"piped\r\ntext")

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert read_file(path).text == "piped\ntext"
    finally:
        writer.join(timeout=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_endless_pipe_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    path = tmp_path / "pipe"
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "wb") as writer, contextlib.suppress(BrokenPipeError):
            writer.write(b"y" * 5000)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert file_reason(path).startswith("file too large")
    finally:
        writer.join(timeout=10)


def test_every_seed_reads_as_plain_utf8() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        decoded = read_file(path)
        assert decoded.encoding == "utf-8" and decoded.notes == (), path.name
        assert decoded.text == path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def test_every_practice_file_reads_without_notes() -> None:
    files = sorted(PRACTICE.glob("*.txt"))
    if not files:
        pytest.skip("practice documents not present")
    for path in files:
        assert read_file(path).notes == (), path.name


# --------------------------------------------------------------------------- properties


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        decoded = read_bytes_as_text(data)
    except InputError as error:
        assert error.reason
        return
    assert isinstance(decoded, DecodedText)
    assert decoded.text
    assert "\r" not in decoded.text
    assert "\x00" not in decoded.text
    # Never silent: anything but UTF-8 or a marked Unicode encoding says what it guessed.
    if decoded.encoding not in {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}:
        assert decoded.notes


@settings(max_examples=200)
@given(st.text(min_size=1).filter(lambda s: "\x00" not in s and not s.startswith("\ufeff")))
def test_valid_utf8_text_round_trips(text: str) -> None:
    try:
        decoded = read_bytes_as_text(text.encode("utf-8"))
    except InputError as error:
        # Only text made mostly of control characters may be refused, or a signature.
        assert error.reason.startswith("binary file")
        return
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ()
    assert decoded.text == text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="cp1252", exclude_characters="\x00"), min_size=1))
def test_utf16_with_mark_round_trips(text: str) -> None:
    try:
        decoded = read_bytes_as_text(text.encode("utf-16"))
    except InputError as error:
        assert error.reason.startswith("binary file")
        return
    assert decoded.text == text.replace("\r\n", "\n").replace("\r", "\n")
