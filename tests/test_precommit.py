"""The pre-commit hook, run by the real ``pre-commit`` tool in a scratch repository.

pre-commit installs the hook from a git repository into its own virtual environment (from
PyPI), so this test needs the package registry; deselect it with ``-m "not network"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
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

pytestmark = [pytest.mark.network, pytest.mark.slow]


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


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    source = tmp_path_factory.mktemp("hook") / "provenance"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    assert _git(source, "init", "-q").returncode == 0
    _git(source, "add", "-A")
    assert _git(source, "commit", "-q", "-m", "hook").returncode == 0
    sha = _git(source, "rev-parse", "HEAD").stdout.strip()
    return source, sha


@pytest.fixture
def consumer(
    tmp_path: Path, hook_repository: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    source, sha = hook_repository
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {sha}\n    hooks:\n      - id: provenance\n",
        encoding="utf-8",
    )
    env_home = tmp_path.parent / "pre-commit-home"
    if "PRE_COMMIT_HOME" not in os.environ:
        monkeypatch.setenv("PRE_COMMIT_HOME", str(env_home))
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    _git(repo, "add", ".pre-commit-config.yaml")
    return repo


def test_bad_report_is_refused_and_clean_one_passes(consumer: Path) -> None:
    (consumer / "zwe.txt").write_text(BAD, encoding="utf-8")
    _git(consumer, "add", "zwe.txt")
    refused = _git(consumer, "commit", "-m", "add report")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "zwe.txt:3:42: error citation-without-reference" in output

    (consumer / "zwe.txt").write_text(GOOD, encoding="utf-8")
    _git(consumer, "add", "zwe.txt")
    accepted = _git(consumer, "commit", "-m", "add report")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
