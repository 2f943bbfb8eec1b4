"""Which files a folder search takes: reports, not the project files around them."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.selection import (
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    REPORT_SUFFIXES,
    InputPath,
    is_excluded,
    is_included,
    iter_inputs,
)


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "readme.txt",
        "CHANGELOG.md",
        "LICENSE.txt",
        "Licence.md",
        "CONTRIBUTING.md",
        "SOURCES.md",
        "docs/README.md",
        "requirements-dev.txt",
        ".venv/lib/notes.txt",
    ],
)
def test_project_files_are_not_reports(name: str) -> None:
    assert not is_included(name, DEFAULT_INCLUDE, DEFAULT_EXCLUDE)


@pytest.mark.parametrize(
    "name",
    [
        "report.txt",
        "irb/KKT34458.E.txt",
        "REPORT.TXT",
        "11_news_pana-burundi-returnees.txt",
        "sources-of-conflict.md",
        "readme-not/report.md",
        "amnesty/licensed-press.md",
    ],
)
def test_reports_are_taken(name: str) -> None:
    assert is_included(name, DEFAULT_INCLUDE, DEFAULT_EXCLUDE)


def test_include_follows_the_report_suffixes() -> None:
    assert all(any(p.endswith(s) for p in DEFAULT_INCLUDE) for s in REPORT_SUFFIXES)


def test_exclude_matches_a_folder_anywhere_and_a_relative_path() -> None:
    assert is_excluded("x/drafts/report.txt", ["drafts"])
    assert is_excluded("archive/old.txt", ["archive/*.txt"])
    assert not is_excluded("archive.txt", ["archive/*.txt"])


def corpus(tmp_path: Path) -> Path:
    for name in ("README.md", "SOURCES.md", "CHANGELOG.md", "a.txt", "sub/b.md", "sub/c.csv"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n", encoding="utf-8")
    return tmp_path


def test_folder_search_takes_the_reports_only(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    found = [item.path for item in iter_inputs([str(folder)]) if isinstance(item, InputPath)]
    assert found == [str(folder / "a.txt"), str(folder / "sub" / "b.md")]


def test_include_and_exclude_are_applied(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    found = list(iter_inputs([str(folder)], ["*.md"], [*DEFAULT_EXCLUDE, "sub"]))
    assert [(type(e), str(e)) for e in found] == [
        (InputError, f"{folder}: no *.md files in this folder")
    ]


def test_a_file_named_directly_is_taken_unless_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert list(iter_inputs(["README.md", "a.txt"])) == [InputPath("README.md"), InputPath("a.txt")]
    notes: list[tuple[str, str]] = []
    forced = list(
        iter_inputs(
            ["README.md", "a.txt", "-"], force_exclude=True, on_note=lambda *n: notes.append(n)
        )
    )
    assert forced == [InputPath("a.txt"), InputPath("-")]
    assert notes == [("README.md", "skipped: excluded (--force-exclude)")]


def test_forced_exclusion_ignores_the_folders_above_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = tmp_path / "venv" / "work"
    inside.mkdir(parents=True)
    (inside / "a.txt").write_text("text\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "venv")
    assert list(iter_inputs([str(inside / "a.txt")], force_exclude=True)) == [
        InputPath(str(inside / "a.txt"))
    ]
