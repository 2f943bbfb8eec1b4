"""Configuration: rule selection, severities, file discovery, and loading from TOML files."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from provenance import config
from provenance.cache import cache_folder
from provenance.config import (
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    Config,
    config_from_mapping,
    find_config_file,
    known_names,
    load_config,
    load_config_file,
)
from provenance.errors import ConfigError
from provenance.findings import Severity
from provenance.rules import all_rules, get_rule

ALL_IDS = {r.id for r in all_rules()}
SOURCES = {r.id for r in all_rules() if r.category == "sources"}


def selected(config: Config) -> set[str]:
    return {r.id for r in config.selected_rules()}


# --------------------------------------------------------------------------- selection


def test_default_selects_every_rule_at_its_own_severity() -> None:
    config = Config()
    assert selected(config) == ALL_IDS
    for r in all_rules():
        assert config.severity_for(r) == r.severity
    assert config.include == DEFAULT_INCLUDE and config.exclude == DEFAULT_EXCLUDE


def test_select_by_rule_and_category() -> None:
    config = Config(select=frozenset({"sources", "impossible-date"}))
    assert selected(config) == SOURCES | {"impossible-date"}


def test_ignore_wins_over_select() -> None:
    config = Config(
        select=frozenset({"sources"}), ignore=frozenset({"footnote-numbering", "dates"})
    )
    assert selected(config) == SOURCES - {"footnote-numbering"}


def test_select_all_and_empty_select() -> None:
    assert selected(Config(select=frozenset({"all"}))) == ALL_IDS
    assert selected(Config(select=frozenset())) == set()
    assert selected(Config(ignore=frozenset({"all"}))) == set()


def test_severity_override_rule_beats_category() -> None:
    config = Config(severity={"sources": Severity.INFO, "reference-never-cited": Severity.ERROR})
    assert config.severity_for(get_rule("reference-never-cited")) == Severity.ERROR
    assert config.severity_for(get_rule("malformed-url")) == Severity.INFO
    assert config.severity_for(get_rule("impossible-date")) == get_rule("impossible-date").severity


def test_unknown_names_are_errors_with_suggestions() -> None:
    with pytest.raises(ConfigError) as caught:
        Config(select=frozenset({"citation-without-refrence"}))
    message = str(caught.value)
    assert "'citation-without-refrence'" in message
    assert "did you mean 'citation-without-reference'" in message
    with pytest.raises(ConfigError, match="did you mean 'sources'"):
        Config(ignore=frozenset({"source"}))
    with pytest.raises(ConfigError, match="unknown rule or category 'zzz'"):
        Config(severity={"zzz": Severity.INFO})


def test_all_unknown_names_listed_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        Config(select=frozenset({"nope-one", "nope-two"}))
    assert "'nope-one'" in str(caught.value) and "'nope-two'" in str(caught.value)


def test_known_names() -> None:
    names = known_names()
    assert set(names) >= ALL_IDS
    assert {"sources", "dates", "corroboration", "all"} <= set(names)


def test_config_is_frozen_and_comparable() -> None:
    a = Config(select=frozenset({"sources"}), severity={"dates": Severity.INFO})
    b = Config(select=frozenset({"sources"}), severity={"dates": Severity.INFO})
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.select = None  # type: ignore[misc]


# --------------------------------------------------------------------------- merged


def test_merged_select_replaces_and_lifts_file_ignores() -> None:
    base = Config(ignore=frozenset({"missing-access-date", "dates"}))
    merged = base.merged(select=["missing-access-date", " malformed-url "])
    assert selected(merged) == {"missing-access-date", "malformed-url"}
    assert merged.ignore == frozenset({"dates"})


def test_merged_ignore_adds() -> None:
    base = Config(select=frozenset({"sources"}), ignore=frozenset({"malformed-url"}))
    merged = base.merged(ignore=["footnote-numbering"])
    assert selected(merged) == SOURCES - {"malformed-url", "footnote-numbering"}
    assert base.ignore == frozenset({"malformed-url"})  # the original is untouched


def test_merged_severity_and_patterns() -> None:
    base = Config(severity={"malformed-url": Severity.ERROR, "dates": Severity.INFO})
    merged = base.merged(severity={"malformed-url": Severity.INFO}, include=["*.text"])
    assert merged.severity == {"malformed-url": Severity.INFO, "dates": Severity.INFO}
    assert merged.include == ("*.text",)
    assert merged.exclude == DEFAULT_EXCLUDE


def test_merged_without_flags_is_equal() -> None:
    base = Config(select=frozenset({"sources"}))
    assert base.merged() == base


def test_merged_rejects_unknown() -> None:
    with pytest.raises(ConfigError, match="did you mean 'malformed-url'"):
        Config().merged(ignore=["malformed-ur"])


# --------------------------------------------------------------------------- file discovery


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("report.txt", True),
        ("sub/report.md", True),
        ("report.pdf", True),
        ("page.htm", True),
        ("data.csv", False),
        (".git/info/exclude.txt", False),
        ("pkg/.venv/lib/LICENSE.txt", False),
        ("a/node_modules/b/readme.md", False),
    ],
)
def test_is_included_defaults(path: str, expected: bool) -> None:
    assert Config().is_included(path) is expected


def test_exclude_patterns_match_paths_and_folders() -> None:
    config = Config(exclude=("drafts", "archive/*.txt", "build/"))
    assert config.is_excluded("drafts")
    assert config.is_excluded("x/drafts/report.txt")
    assert config.is_excluded("archive/old.txt")
    assert config.is_excluded("build/out.txt")
    assert not config.is_excluded("archive.txt")
    assert config.is_included("reports/a.txt")
    assert not config.is_included("drafts/a.txt")


# --------------------------------------------------------------------------- loading


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_load_from_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
[project]
name = "x"

[tool.provenance]
select = ["sources"]
ignore = ["missing-access-date"]
include = ["*.txt"]
extend-exclude = ["drafts"]

[tool.provenance.severity]
reference-never-cited = "error"
dates = "INFO"
""",
    )
    config = load_config(tmp_path)
    assert config.select == frozenset({"sources"})
    assert config.ignore == frozenset({"missing-access-date"})
    assert config.severity == {"reference-never-cited": Severity.ERROR, "dates": Severity.INFO}
    assert config.include == ("*.txt",)
    assert config.exclude == (*DEFAULT_EXCLUDE, "drafts")
    assert config.source == tmp_path / "pyproject.toml"


def test_load_from_provenance_toml_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "provenance.toml", 'ignore = ["dates"]\nexclude = ["old"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(deep)
    assert config.ignore == frozenset({"dates"})
    assert config.exclude == ("old",)
    # A file path starts the search in its folder.
    report = write(deep / "report.txt", "text")
    assert load_config(report) == config


def test_provenance_toml_wins_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.provenance]\nignore = ["sources"]\n')
    write(tmp_path / "provenance.toml", 'ignore = ["dates"]\n')
    assert find_config_file(tmp_path) == tmp_path / "provenance.toml"


def test_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "provenance.toml", 'ignore = ["dates"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.provenance]\nignore = ["sources"]\n')
    assert load_config(tmp_path / "sub").ignore == frozenset({"sources"})


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "provenance.toml", 'ignore = ["dates"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(tmp_path / "sub") == tmp_path / "provenance.toml"


def test_search_stops_at_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "provenance.toml", 'ignore = ["dates"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    assert find_config_file(repo / "docs") is None
    assert load_config(repo / "docs") == Config()
    # The repository root itself is still searched.
    write(repo / "provenance.toml", 'ignore = ["sources"]\n')
    assert find_config_file(repo / "docs") == repo / "provenance.toml"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("selct = ['sources']\n", r"unknown setting 'selct' \(did you mean 'select'\?\)"),
        ("select = 3\n", "'select' must be a list of strings"),
        ("select = ['sources', 3]\n", "'select' must be a list of strings"),
        ("severity = 'error'\n", "'severity' must be a table"),
        ("[severity]\nmalformed-url = 'fatal'\n", "severity of 'malformed-url': unknown severity"),
        ("[severity]\nmalformed-url = 2\n", "severity of 'malformed-url' must be a string"),
        ("select = ['sorces']\n", "did you mean 'sources'"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_invalid_files(tmp_path: Path, text: str, match: str) -> None:
    path = write(tmp_path / "provenance.toml", text)
    with pytest.raises(ConfigError, match=match) as caught:
        load_config(tmp_path)
    assert str(path) in str(caught.value)


def test_tool_provenance_must_be_a_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool]\nprovenance = "yes"\n')
    with pytest.raises(ConfigError, match=r"\[tool.provenance\] must be a table"):
        load_config(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config_file(tmp_path / "missing.toml")


def test_lone_string_taken_as_list() -> None:
    config = config_from_mapping({"select": "sources", "ignore": "malformed-url"})
    assert config.select == frozenset({"sources"})
    assert config.ignore == frozenset({"malformed-url"})


def test_empty_table_is_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.provenance]\n")
    assert load_config(tmp_path) == Config()


# --------------------------------------------------------------------------- hostile files

_DEEP = 5_000


@pytest.mark.parametrize("name", ["pyproject.toml", "provenance.toml"])
@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"[tool.provenance]\nselect = ['caf\xe9']\n", "not UTF-8"),
        (b"\xff\xfe[\x00t\x00o\x00o\x00l\x00]\x00", "not UTF-8"),
        (b"x = " + b"[" * _DEEP + b"]" * _DEEP + b"\n", "nested too deeply"),
        (b"x = " + b"{a = " * _DEEP + b"1" + b"}" * _DEEP + b"\n", "nested too deeply"),
        (b"[tool.provenance]\nselect = [\x00]\n", "not valid TOML"),
    ],
    ids=["latin-1", "utf-16", "deep-arrays", "deep-tables", "nul"],
)
def test_hostile_files_are_config_errors_naming_the_file(
    tmp_path: Path, name: str, content: bytes, match: str
) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=match) as caught:
        load_config(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    "content",
    [
        b"[tool.provenance]\nselect = ['caf\xe9']\n",
        b"x = " + b"[" * _DEEP + b"]" * _DEEP + b"\n",
        b"[tool.provenance]\nselect = [\n",
    ],
    ids=["latin-1", "deep", "invalid"],
)
def test_cli_reports_a_bad_config_file_in_one_line_with_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
) -> None:
    from provenance.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_bytes(content)
    report = tmp_path / "report.txt"
    report.write_text("On Thursday, 30 July 2004 the talks resumed.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in (["check"], ["audit", "-o", str(tmp_path / "a.md")]):
        assert main([*command, str(report)]) == 2
        captured = capsys.readouterr()
        lines = captured.err.splitlines()
        assert len(lines) == 1, captured.err
        assert lines[0].startswith(f"provenance: error: {tmp_path / 'pyproject.toml'}: ")
        assert "Traceback" not in captured.err
    assert not (tmp_path / "a.md").exists()


def test_a_folder_named_like_a_config_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "provenance.toml").mkdir()
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config_file(tmp_path / "provenance.toml")


# --------------------------------------------------------------------------- stored parses


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of this test's own, empty."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PROVENANCE_NO_CACHE", raising=False)
    cache_folder.cache_clear()
    yield tmp_path / "cache" / "provenance"
    cache_folder.cache_clear()


def _unparsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file parsed as TOML from now on (rather than read from its stored parse)."""
    parsed: list[Path] = []
    parse = config._parse_toml

    def recording(path: str, data: bytes) -> dict[str, Any]:
        parsed.append(Path(path))
        return parse(path, data)

    monkeypatch.setattr(config, "_parse_toml", recording)
    return parsed


def test_a_configuration_file_is_parsed_once(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\nversion = 1.5\n\n[tool.provenance]\nignore = ["sources"]\n'
        "[tool.provenance.severity]\nmalformed-url = 'error'\n",
    )
    parsed = _unparsed(monkeypatch)
    first = load_config(tmp_path)
    assert parsed == [path]
    assert list(private_cache.glob("config-*.json"))
    second = load_config(tmp_path)
    assert parsed == [path]  # read from the stored parse
    assert (second.ignore, second.severity, second.source) == (
        first.ignore,
        first.severity,
        first.source,
    )
    assert config._read_toml(str(path)) == tomllib.loads(path.read_text(encoding="utf-8"))
    # An edited file is parsed again, never answered from the copy of the old one.
    write(path, '[tool.provenance]\nignore = ["malformed-url"]\n')
    assert load_config(tmp_path).ignore == frozenset({"malformed-url"})
    assert parsed == [path, path]


@pytest.mark.parametrize(
    "text",
    ["[tool.provenance]\nwhen = 1979-05-27\n", "[tool.provenance]\nx = nan\n"],
    ids=["date", "nan"],
)
def test_a_parse_json_cannot_hold_is_not_stored(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = write(tmp_path / "provenance.toml", text)
    parsed = _unparsed(monkeypatch)
    for _ in range(2):
        with pytest.raises(ConfigError, match="unknown setting"):
            load_config(tmp_path)
    assert parsed == [path, path]
    assert not list(private_cache.glob("config-*.json"))


def test_an_invalid_file_is_refused_on_every_run(tmp_path: Path, private_cache: Path) -> None:
    write(tmp_path / "provenance.toml", "select = [\n")
    for _ in range(2):
        with pytest.raises(ConfigError, match="not valid TOML"):
            load_config(tmp_path)
    assert not list(private_cache.glob("config-*.json"))


def test_a_damaged_stored_parse_is_not_used(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "provenance.toml", 'ignore = ["sources"]\n')
    load_config(tmp_path)
    (stored,) = private_cache.glob("config-*.json")
    for damaged in (b"{", b"[]", b'{"toml": 3}'):
        stored.write_bytes(damaged)
        parsed = _unparsed(monkeypatch)
        assert load_config(tmp_path).ignore == frozenset({"sources"})
        assert parsed == [path]
