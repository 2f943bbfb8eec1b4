"""The pre-commit hook, run by the real ``pre-commit`` tool in scratch repositories, with the
README's snippets exactly as printed.

The ``repo: local`` snippet runs the ``provenance`` installed here. The tagged-repository
snippet makes pre-commit install the hook from a git copy of this project into its own virtual
environment (from the package index), so that test needs the registry; deselect it with
``-m "not network"``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".mypy_cache", ".ruff_cache",
    ".pytest_cache", ".hypothesis", "build", "dist", "benchmarks", "fuzz",
)  # fmt: skip

BAD = (
    "Returnees [ABC12345.E]\n\n"
    "Returnees are questioned at the airport (Amnesty International 1999).\n\n"
    "References\n\n"
    'Yonhap [Seoul]. 3 March 1999. "Returnees Questioned."\n'
)
GOOD = BAD.replace("(Amnesty International 1999)", "(Yonhap 3 March 1999)")

pytestmark = pytest.mark.slow


def readme_snippets() -> list[str]:
    """The YAML blocks of the README's Pre-commit section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Pre-commit\n") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def _consumer(tmp_path: Path, config: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    if "PRE_COMMIT_HOME" not in os.environ:
        monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path.parent / "pre-commit-home"))
    # The `provenance` installed beside this interpreter, as `pip install` leaves it.
    bin_dir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", bin_dir + os.pathsep + os.environ.get("PATH", ""))
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    _git(repo, "add", ".pre-commit-config.yaml")
    return repo


def _bad_report_refused_clean_one_and_project_files_pass(repo: Path) -> None:
    # The repository's own files are in the same formats but are not reports.
    for name in ("README.md", "CHANGELOG.md", "docs/SOURCES.md"):
        (repo / name).parent.mkdir(exist_ok=True)
        (repo / name).write_text(BAD, encoding="utf-8")
        _git(repo, "add", name)
    project = _git(repo, "commit", "-m", "project files")
    assert project.returncode == 0, project.stdout + project.stderr

    (repo / "zwe.txt").write_text(BAD, encoding="utf-8")
    _git(repo, "add", "zwe.txt")
    refused = _git(repo, "commit", "-m", "add report")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "zwe.txt:3:42: error citation-without-reference" in output
    assert "README" not in output and "SOURCES" not in output

    (repo / "zwe.txt").write_text(GOOD, encoding="utf-8")
    _git(repo, "add", "zwe.txt")
    accepted = _git(repo, "commit", "-m", "add report")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_readme_has_the_local_and_the_tagged_snippets() -> None:
    local, tagged = readme_snippets()
    assert "repo: local" in local
    assert f"rev: v{version()}\n" in tagged


def test_local_snippet_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = readme_snippets()[0]
    _bad_report_refused_clean_one_and_project_files_pass(_consumer(tmp_path, local, monkeypatch))


@pytest.mark.network
def test_tagged_snippet_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    source = tmp_path / "provenance"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    assert _git(source, "init", "-q").returncode == 0
    _git(source, "add", "-A")
    assert _git(source, "commit", "-q", "-m", "hook").returncode == 0
    assert _git(source, "tag", f"v{version()}").returncode == 0
    tagged = readme_snippets()[1]
    # The one line a user must change: where their clone of provenance is.
    config, replaced = re.subn(r"(?m)^(\s*- repo: )\S+.*$", rf"\g<1>{source}", tagged)
    assert replaced == 1
    _bad_report_refused_clean_one_and_project_files_pass(_consumer(tmp_path, config, monkeypatch))


def test_hook_definition_takes_reports_as_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit's own filter (files, exclude, types, types_or on the file's tags) on the hook
    this repository defines: text, Markdown, PDF and HTML reports in, project notes and other
    files out."""
    from pre_commit.clientlib import load_manifest
    from pre_commit.commands.run import Classifier, filter_by_include_exclude

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    fixtures = ROOT / "tests" / "formats" / "data"
    files = {
        "reports/zwe.txt": BAD.encode(),
        "reports/zwe.md": BAD.encode(),
        "reports/svn.pdf": (fixtures / "un-a-hrc-wg6-20-svn-2.pdf").read_bytes(),
        "reports/asa.html": (fixtures / "amnesty-asa240696.html").read_bytes(),
        "reports/asa.htm": (fixtures / "amnesty-asa240696.html").read_bytes(),
        "README.md": BAD.encode(),
        "docs/SOURCES.md": BAD.encode(),
        "reports/map.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "reports/notes.json": b"{}",
        "reports/report.pdf.txt.bak": BAD.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    named = filter_by_include_exclude(files, hook["files"], hook["exclude"])
    chosen = Classifier(files).by_types(
        named, hook["types"], hook["types_or"], hook["exclude_types"]
    )
    assert sorted(chosen) == [
        "reports/asa.htm",
        "reports/asa.html",
        "reports/svn.pdf",
        "reports/zwe.md",
        "reports/zwe.txt",
    ]
    # The readers of PDF and HTML come with the hook's own environment.
    needed = " ".join(hook["additional_dependencies"])
    assert "pdfminer.six" in needed and "lxml" in needed
