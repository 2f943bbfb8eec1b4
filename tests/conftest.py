"""Shared test helpers: the seed reports, parsed and checked once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import provenance
from provenance.findings import FileResult, Finding
from provenance.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Property tests explore new random inputs on every local run; the "ci" profile replays a fixed
# sequence, so a clean checkout passes or fails reproducibly (HYPOTHESIS_PROFILE=ci). Neither has
# Hypothesis's per-example deadline: it is a timed assertion, and the first example of a test
# builds a parser the cache does not hold yet (after a grammar change, on a clean machine), which
# on a loaded machine took longer than the deadline and failed as "flaky" on the replay.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed_results() -> list[tuple[Document, list[Finding]]]:
    results = []
    for path in sorted(SEEDS.glob("*.txt")):
        document = provenance.parse_file(path)
        results.append((document, provenance.check(document)))
    return results


@pytest.fixture(scope="session")
def seed_file_results(seed_results: list[tuple[Document, list[Finding]]]) -> list[FileResult]:
    return [
        FileResult(str(Path(d.path or "").relative_to(ROOT)), tuple(f)) for d, f in seed_results
    ]


@pytest.fixture(scope="session")
def schemas() -> Path:
    """Folder of the official schemas the output is validated against (see its README)."""
    return SCHEMAS
