"""The cache folder's reads: whole files only, none larger than the bound."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance import cache
from provenance.cache import CacheFolder


@pytest.fixture
def folder(tmp_path: Path) -> CacheFolder:
    tmp_path.chmod(0o700)
    return CacheFolder(os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY))


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.chmod(0o600)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
def test_a_file_is_read_whole(folder: CacheFolder, tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    _write(tmp_path / "parser.json", data)
    assert folder.read("parser.json") == data


def test_a_file_over_the_bound_is_not_read(
    folder: CacheFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 100)
    _write(tmp_path / "big.json", b"x" * 101)
    _write(tmp_path / "fits.json", b"x" * 100)
    assert folder.read("big.json") is None
    assert folder.read("fits.json") == b"x" * 100


def test_a_missing_file_is_none(folder: CacheFolder) -> None:
    assert folder.read("absent.json") is None
