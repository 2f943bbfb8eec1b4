"""The command line: argument handling, input discovery, error reporting, outputs, start-up cost.

Most tests run ``provenance parse`` with a stand-in ``parse_document`` so that they test the
command line alone; the tests at the end run the real parser when it is importable.
"""

from __future__ import annotations

import ast
import io
import json
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import provenance
from provenance import cli
from provenance.model import (
    Citation,
    CitationValue,
    Date,
    DateMention,
    Document,
    Footnote,
    FootnoteBody,
    IndexCodeMention,
    IrbCode,
    Metadata,
    Update,
)
from provenance.serialize import load_schema
from provenance.span import LineIndex

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
IRB_SEED = SEEDS / "000_a612e7f6db11d10b.txt"
VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def fake_parse_document(
    text: str, path: str | None = None, input_notes: tuple[str, ...] = ()
) -> Document:
    """Stand-in parser: the first line is the title, nothing else is found."""
    title = text.split("\n", 1)[0].strip() or None
    return Document(
        text=text,
        path=path,
        metadata=Metadata(title=title),
        line_index=LineIndex(text),
        input_notes=input_notes,
    )


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    module = types.ModuleType("provenance.document")
    module.parse_document = fake_parse_document  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "provenance.document", module)
    yield


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --------------------------------------------------------------------------- top level


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"provenance {provenance.__version__}\n"


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert status == cli.EXIT_ERROR
    assert out == ""
    assert "usage: provenance" in err and "parse" in err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["frobnicate"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_parse_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["parse"])
    assert caught.value.code == 2


def test_commands_form_a_dispatch_table() -> None:
    assert set(cli.COMMANDS) == {"check", "rules", "audit", "export", "parse", "server"}
    for command in cli.COMMANDS.values():
        assert callable(command.configure) and callable(command.run) and command.help


def test_a_new_command_needs_only_a_table_entry(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def configure(parser: object) -> None:
        parser.add_argument("word")  # type: ignore[attr-defined]

    def execute(args: object) -> int:
        print(f"echo {args.word}")  # type: ignore[attr-defined]
        return 7

    monkeypatch.setitem(cli.COMMANDS, "echo", cli.Command("say a word", configure, execute))
    assert run(capsys, "echo", "hi") == (7, "echo hi\n", "")


# --------------------------------------------------------------------------- parse: JSON


@pytest.mark.usefixtures("fake_parser")
def test_parse_one_file_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"Title line\r\nbody\r\n")
    status, out, err = run(capsys, "parse", str(report))
    assert (status, err) == (0, "")
    data = json.loads(out)
    VALIDATOR.validate(data)
    assert data["version"] == 1
    assert data["errors"] == []
    (document,) = data["documents"]
    assert document["path"] == str(report)
    assert document["metadata"]["title"] == "Title line"
    assert document["input_notes"] == []


@pytest.mark.usefixtures("fake_parser")
def test_json_is_the_default_and_is_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"Gen\xe8ve \x93report\x94\n")  # cp1252
    status, out, _ = run(capsys, "parse", str(report))
    document = json.loads(out)["documents"][0]
    assert document["metadata"]["title"] == "Genève “report”"
    assert "Genève “report”" in out  # not \u-escaped
    assert document["input_notes"] == [
        "decoded as cp1252: not valid UTF-8 (first bad byte at offset 3)"
    ]
    assert status == 0


@pytest.mark.usefixtures("fake_parser")
def test_folder_is_searched_recursively_for_txt_and_md(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep.md").write_text("deep")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c.TXT.bak").write_text("not taken")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("vcs litter")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "README.md").write_text("litter")
    status, out, err = run(capsys, "parse", str(tmp_path))
    assert (status, err) == (0, "")
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "deep.md")]


@pytest.mark.usefixtures("fake_parser")
def test_a_file_named_directly_is_taken_whatever_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.html"
    report.write_text("<p>x</p>")
    status, out, _ = run(capsys, "parse", str(report))
    assert status == 0
    assert json.loads(out)["documents"][0]["path"] == str(report)


@pytest.mark.usefixtures("fake_parser")
def test_folder_without_reports_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data.csv").write_text("a,b")
    status, out, err = run(capsys, "parse", str(tmp_path))
    assert status == cli.EXIT_ERROR
    expected = "no *.txt or *.md or *.pdf or *.html or *.htm files in this folder"
    assert err == f"{tmp_path}: error: {expected}\n"
    assert json.loads(out)["errors"] == [{"path": str(tmp_path), "reason": expected}]


@pytest.mark.usefixtures("fake_parser")
def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin_bytes(monkeypatch, b"\xef\xbb\xbfFrom stdin\r\n")
    status, out, _ = run(capsys, "parse", "-")
    assert status == 0
    (document,) = json.loads(out)["documents"]
    assert document["path"] is None
    assert document["metadata"]["title"] == "From stdin"


@pytest.mark.usefixtures("fake_parser")
def test_empty_stdin_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_bytes(monkeypatch, b"")
    status, out, err = run(capsys, "parse", "-")
    assert status == cli.EXIT_ERROR
    assert err == "<stdin>: error: empty file\n"
    assert json.loads(out)["errors"] == [{"path": None, "reason": "empty file"}]


@pytest.mark.usefixtures("fake_parser")
def test_bad_inputs_are_reported_and_the_rest_still_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good")
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.4\n")
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, out, err = run(capsys, "parse", str(missing), str(pdf), str(good), str(empty))
    assert status == cli.EXIT_ERROR
    assert err.splitlines() == [
        f"{missing}: error: no such file",
        f"{pdf}: error: damaged PDF (no /Root object! - Is this really a PDF?)",
        f"{empty}: error: empty file",
    ]
    data = json.loads(out)
    VALIDATOR.validate(data)
    assert [d["path"] for d in data["documents"]] == [str(good)]
    assert [e["path"] for e in data["errors"]] == [str(missing), str(pdf), str(empty)]


@pytest.mark.usefixtures("fake_parser")
def test_directory_in_a_list_of_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("A")
    status, out, _ = run(capsys, "parse", str(tmp_path), str(tmp_path / "a.txt"))
    assert status == 0
    assert len(json.loads(out)["documents"]) == 2


# --------------------------------------------------------------------------- parse: text, -o


@pytest.mark.usefixtures("fake_parser")
def test_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"A title\n")
    status, out, _ = run(capsys, "parse", "--format", "text", str(report))
    assert status == 0
    assert out.splitlines() == [
        str(report),
        "  title:      A title",
        "  found:      0 references, 0 citations, 0 footnotes, 0 dates, 0 index codes, "
        "0 cross-references, 0 headings, 0 URLs",
    ]


def test_summary_of_a_full_document() -> None:
    text = "Update to ABC1.E [ABC2.E]\nOn 1 May 1999 (ibid.).\nnote\n"
    index = LineIndex(text)
    own = IndexCodeMention(IrbCode("ABC", "2", "E"), "[ABC2.E]", index.span(17, 25), "own")
    date = DateMention(Date(1999, 5, 1), "1 May 1999", index.span(29, 39))
    body = FootnoteBody(1, index.span(48, 52), "note", recovered=True)
    ibid = Citation(CitationValue(ibid=True), "ibid.", index.span(41, 46))
    document = Document(
        text=text,
        path="r.txt",
        metadata=Metadata(
            index_code=own,
            date=date,
            title="Update",
            updates=(Update(IrbCode("ABC", "1", "E"), "Update to ABC1.E", index.span(0, 16)),),
        ),
        citations=(ibid,),
        footnotes=(Footnote(1, (), body),),
        index_codes=(own,),
        dates=(date,),
        line_index=index,
        input_notes=("decoded as cp1252: not valid UTF-8 (first bad byte at offset 3)",),
    )
    assert cli.summarize(document).splitlines() == [
        "r.txt",
        "  title:      Update",
        "  index code: ABC2.E (irb)",
        "  date:       1 May 1999 (1999-05-01)",
        "  updates:    ABC1.E",
        "  found:      0 references, 1 citation (1 unresolved), "
        "1 footnote (1 recovered from OCR damage), 1 date, 1 index code, "
        "0 cross-references, 0 headings, 0 URLs",
        "  note:       decoded as cp1252: not valid UTF-8 (first bad byte at offset 3)",
    ]


@pytest.mark.usefixtures("fake_parser")
def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Title")
    target = tmp_path / "out.json"
    target.write_text("old")
    status, out, err = run(capsys, "parse", "-o", str(target), str(report))
    assert (status, out, err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["path"] == str(report)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "report.txt"]


@pytest.mark.usefixtures("fake_parser")
def test_output_is_written_even_when_inputs_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.txt"
    status, _, err = run(
        capsys, "parse", "--format", "text", "--output", str(target), str(tmp_path / "no.txt")
    )
    assert status == cli.EXIT_ERROR
    assert "no such file" in err
    assert target.read_text() == ""


def test_broken_pipe_exits_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def closed_pipe(args: object) -> int:
        raise BrokenPipeError

    monkeypatch.setitem(cli.COMMANDS, "parse", cli.COMMANDS["parse"]._replace(run=closed_pipe))
    status, _, err = run(capsys, "parse", "x")
    assert status == 141
    assert err == ""


# --------------------------------------------------------------------------- process level


def python(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, env=env, timeout=120
    )


def test_python_dash_m_provenance() -> None:
    result = python("-m", "provenance", "--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"provenance {provenance.__version__}\n"


def test_importing_the_cli_loads_no_parser() -> None:
    code = (
        "import sys, provenance.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'lark' "
        "or m in {'provenance.document', 'provenance.serialize', 'provenance.grammars'}))"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "[]"


def test_help_builds_no_grammar() -> None:
    code = (
        "import sys; from provenance.cli import main\n"
        "try:\n    main(['parse', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('lark' in sys.modules, file=sys.stderr)"
    )
    result = python("-c", code)
    assert result.stderr.decode().strip() == "False"
    assert b"--format" in result.stdout


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_a_parser_built_for_one_command_reads_it_as_the_whole_one_does(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    helps = []
    for parser in (cli.build_parser(), cli.build_parser(name)):
        with pytest.raises(SystemExit):
            parser.parse_args([name, "--help"])
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1] and "usage: provenance " + name in helps[0]
    errors = []
    for parser in (cli.build_parser(), cli.build_parser(name)):
        with pytest.raises(SystemExit):
            parser.parse_args([name, "--no-such-option"])
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1] and "error:" in errors[0]
    if name == "check":
        argv = [name, "--format", "json", "--fail-on", "never", "x.txt"]
        whole, alone = cli.build_parser().parse_args(argv), cli.build_parser(name).parse_args(argv)
        assert vars(whole) == vars(alone)


#: Words a ``check`` command line is made of: its switches, options that take a value (which
#: ``_plain_check`` leaves to the parser), their values, and paths, some of them like options.
_CHECK_WORDS = st.one_of(
    st.sampled_from(
        [
            *cli._CHECK_SWITCHES,
            "--show",
            "--force",
            "-qq",
            "--format",
            "--format=json",
            "json",
            "-j",
            "2",
            "--",
            "-",
            "-x.txt",
            "--help",
            "--version",
            "",
            "check",
        ]
    ),
    st.text(max_size=8),
)


@given(st.lists(_CHECK_WORDS, max_size=6))
def test_a_plain_check_is_read_as_the_parser_reads_it(words: list[str]) -> None:
    argv = ["check", *words]
    plain = cli._plain_check(argv)
    if plain is None:
        return
    assert vars(plain) == vars(cli.build_parser("check").parse_args(argv))
    assert vars(plain) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "a.txt"],
        ["check", "-", "b c.txt", ""],
        ["check", "--force-exclude", "-q", "--show-infos", "a.txt", "b.txt"],
        ["check", "--statistics", "--show-suppressed", "--quiet", "--quiet", "a.txt"],
    ],
)
def test_plain_checks_are_read_without_the_parser(argv: list[str]) -> None:
    plain = cli._plain_check(argv)
    assert plain is not None
    assert vars(plain) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["check", "--quiet"],
        ["check", "--format", "json", "a.txt"],
        ["check", "a.txt", "--quiet"],
        ["check", "a.txt", "-x.txt"],
        ["check", "--", "a.txt"],
        ["check", "--show", "a.txt"],
        ["parse", "a.txt"],
    ],
)
def test_other_command_lines_are_left_to_the_parser(argv: list[str]) -> None:
    assert cli._plain_check(argv) is None


# --------------------------------------------------------------------------- with the real parser


def test_real_parse_of_the_irb_seed(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("provenance.document")
    status, out, err = run(capsys, "parse", str(IRB_SEED))
    assert (status, err) == (0, "")
    data = json.loads(out)
    VALIDATOR.validate(data)
    (document,) = data["documents"]
    assert document["metadata"]["index_code"] == "KKT34458.E"
    assert [u["code"] for u in document["metadata"]["updates"]] == ["KKT25532.E"]
    assert any(c["reference_line"] is not None for c in document["citations"])


def test_real_parse_of_the_seed_folder_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("provenance.document")
    status, out, _ = run(capsys, "parse", "--format", "text", str(SEEDS))
    assert status == 0
    headers = [line for line in out.splitlines() if not line.startswith(" ")]
    # The seeds' README describes the reports; a folder search leaves it alone.
    names = sorted(name for name in os.listdir(SEEDS) if name.endswith(".txt"))
    assert headers == [str(SEEDS / name) for name in names]


def test_real_parse_through_a_closed_pipe() -> None:
    pytest.importorskip("provenance.document")
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.buffer.read(10)"], stdin=subprocess.PIPE
    )
    assert reader.stdin is not None
    result = subprocess.run(
        [sys.executable, "-m", "provenance", "parse", str(SEEDS)],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    reader.stdin.close()
    reader.wait(timeout=30)
    assert b"Traceback" not in result.stderr
    assert result.returncode in (0, 141)


#: What a check of a plain-text report with no configuration file never needs: readers and
#: writers of other formats, the other commands, the tools behind them, and the standard
#: modules only a configuration file, a cache miss or an HTML entity needs (``calendar``: the
#: dates' rules and the timeline take what they need of it from ``provenance.gregorian``;
#: ``pathlib``: folders and the configuration's file are strings until a caller asks for a Path;
#: ``json``: the cache's files are read by ``provenance.json_read``, written only on a miss;
#: ``datetime``: its classes come from ``_datetime``, ``provenance.gregorian.datetime_types``;
#: ``base64``: stored regex code is decoded by ``binascii``; ``argparse``: ``check`` followed by
#: paths is read by ``cli._plain_check``; ``platform``: attrs is imported with a stand-in for it,
#: ``provenance.generated_code``).
_NOT_FOR_PLAIN_TEXT = (
    "argparse",
    "base64",
    "calendar",
    "datetime",
    "difflib",
    "html",
    "json",
    "lxml",
    "multiprocessing",
    "pathlib",
    "platform",
    "provenance.auditing",
    "provenance.baseline",
    "provenance.csl",
    "provenance.evaluation",
    "provenance.formats.html",
    "provenance.formats.pdf",
    "provenance.linelabel",
    "provenance.parsers.legal",
    "provenance.render",
    "provenance.reporters.audit_html",
    "provenance.reporters.audit_markdown",
    "provenance.reporters.audit_timeline",
    "provenance.reporters.github",
    "provenance.reporters.json",
    "provenance.reporters.sarif",
    "provenance.serialize",
    "provenance.server",
    "pygls",
    "tomllib",
)


def test_a_plain_text_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    # Start-up is most of a one-report check; each of these is milliseconds of it.
    report = tmp_path / "report.txt"
    report.write_bytes((SEEDS / "002_43ecc7cc96973852.txt").read_bytes())
    assert b"&" not in report.read_bytes()
    code = (
        "import sys\n"
        "from provenance import entry\n"
        f"sys.argv = ['provenance', 'check', {str(report)!r}]\n"
        "try:\n    entry.run()\nexcept SystemExit:\n    pass\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in "
        f"{sorted({name.split('.')[0] for name in _NOT_FOR_PLAIN_TEXT})!r}), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for _ in range(2):  # the first run may find the caches cold, and write them
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, env=env, timeout=120
        )
    assert b"0 findings" in result.stdout + result.stderr, result.stderr
    loaded = set(ast.literal_eval(result.stderr.decode().strip().splitlines()[-1]))
    assert not {
        name
        for name in loaded
        if any(name == lazy or name.startswith(lazy + ".") for lazy in _NOT_FOR_PLAIN_TEXT)
    }
