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


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
def test_a_mapped_file_reads_as_the_file_read_whole(
    folder: CacheFolder, tmp_path: Path, size: int
) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    _write(tmp_path / "parser.json", data)
    mapped = folder.mapped("parser.json")
    assert mapped is not None
    assert (
        len(mapped) == size
        and mapped[:] == data
        and mapped[size // 3 : size // 2 + 1] == (data[size // 3 : size // 2 + 1])
    )


def test_a_mapped_file_keeps_what_it_held_when_the_file_is_replaced(
    folder: CacheFolder, tmp_path: Path
) -> None:
    _write(tmp_path / "parser.json", b"old" * 2000)
    mapped = folder.mapped("parser.json")
    folder.write("parser.json", b"new")
    assert mapped is not None and mapped[:] == b"old" * 2000
    assert folder.read("parser.json") == b"new"


def test_only_private_regular_files_are_mapped(folder: CacheFolder, tmp_path: Path) -> None:
    _write(tmp_path / "elsewhere.json", b"x")
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere.json")
    _write(tmp_path / "shared.json", b"x")
    (tmp_path / "shared.json").chmod(0o666)
    (tmp_path / "folder.json").mkdir()
    for name in ("link.json", "shared.json", "folder.json", "absent.json"):
        assert folder.mapped(name) is None


def test_a_file_over_the_bound_is_not_read(
    folder: CacheFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 100)
    _write(tmp_path / "big.json", b"x" * 101)
    _write(tmp_path / "fits.json", b"x" * 100)
    assert folder.read("big.json") is None
    assert folder.read("fits.json") == b"x" * 100
    assert folder.mapped("big.json") is None
    mapped = folder.mapped("fits.json")
    assert mapped is not None and mapped[:] == b"x" * 100


def test_a_missing_file_is_none(folder: CacheFolder) -> None:
    assert folder.read("absent.json") is None


def test_a_write_keeps_only_the_newest_files_of_its_kind(
    folder: CacheFolder, tmp_path: Path
) -> None:
    for age in range(cache.KEPT_PER_KIND + 3):
        path = tmp_path / f"reference-{age:02d}.json"
        _write(path, b"old")
        os.utime(path, ns=(10**9 * (100 - age), 10**9 * (100 - age)))  # 00 is the newest
    _write(tmp_path / "date-00.json", b"other kind")
    _write(tmp_path / ".tmp-1234-reference-99.json", b"another writer's")

    folder.write("reference-new.json", b"new")

    kept = {p.name for p in tmp_path.glob("reference-*")}
    assert kept == {"reference-new.json"} | {
        f"reference-{age:02d}.json" for age in range(cache.KEPT_PER_KIND - 1)
    }
    assert (tmp_path / "date-00.json").exists()
    assert (tmp_path / ".tmp-1234-reference-99.json").exists()


def test_pruning_leaves_links_and_other_users_files_alone(
    folder: CacheFolder, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.json"
    _write(target, b"x")
    for age in range(cache.KEPT_PER_KIND + 2):
        path = tmp_path / f"url-{age:02d}.json"
        _write(path, b"old")
        os.utime(path, ns=(10**9, 10**9))
    (tmp_path / "url-link.json").symlink_to(target)
    shared = tmp_path / "url-shared.json"
    _write(shared, b"writable by others")
    shared.chmod(0o666)

    folder.write("url-new.json", b"new")

    assert (tmp_path / "url-link.json").is_symlink()
    assert shared.exists()
    assert len(list(tmp_path.glob("url-??.json"))) == cache.KEPT_PER_KIND - 1


def test_marshalled_entries_come_back_and_damaged_files_give_none() -> None:
    marshalled, unmarshalled = cache.marshalled, cache.unmarshalled
    entries = [("pattern", 2, b"\x00\x01"), {"a": 1}]
    data = marshalled(entries)
    assert unmarshalled(data) == entries
    assert unmarshalled(None) == [] and unmarshalled(data[:4]) == []
    flipped = bytearray(data)
    flipped[-1] ^= 1
    assert unmarshalled(bytes(flipped)) == []  # the checksum no longer holds
    assert unmarshalled(marshalled({"not": "a list"})) == []  # type: ignore[arg-type]
