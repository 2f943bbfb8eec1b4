"""``input-decoding``: a report read through the fallback encoding says so, once."""

from __future__ import annotations

from pathlib import Path

import provenance


def test_a_cp1252_file_gets_one_warning_on_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "word-export.txt"
    text = "Les \u201cr\u00e9fugi\u00e9s\u201d sont arriv\u00e9s.\nSecond line.\n"
    path.write_bytes(text.encode("cp1252"))
    findings = provenance.check(provenance.parse_file(path))
    findings = [f for f in findings if f.rule == "input-decoding"]
    assert len(findings) == 1
    assert findings[0].severity.name == "WARNING"
    assert findings[0].span.line == 1
    assert "not plain UTF-8" in findings[0].message


def test_utf8_and_utf16_files_are_silent(tmp_path: Path) -> None:
    text = "Les \u201cr\u00e9fugi\u00e9s\u201d sont arriv\u00e9s.\n"
    for name, data in {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": text.encode("utf-8-sig"),
        "utf16.txt": text.encode("utf-16"),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        findings = provenance.check(provenance.parse_file(path))
        assert not [f for f in findings if f.rule == "input-decoding"], name


def test_text_given_directly_is_never_flagged() -> None:
    document = provenance.parse("Les r\u00e9fugi\u00e9s.\n")
    assert not [f for f in provenance.check(document) if f.rule == "input-decoding"]
