"""Coverage-guided fuzzing of the command line with atheris: random options on random files.

    pip install atheris
    python fuzz/fuzz_cli.py -max_total_time=600 /tmp/fuzz-cli-work fuzz/corpus/

Each input picks a subcommand (check, audit, export, parse), its format, ``--select`` /
``--ignore`` lists (rule ids, categories and typos), ``--fail-on``, ``--include``, an output
file in a temporary folder (sometimes one of the inputs, which must be refused), and one to
three input files: random bytes, or report text from the corpus with random lines spliced in.
``provenance.cli.main`` runs in this process with ``--jobs 1``. The harness fails when:

- an exception escapes ``main`` (argparse's own exit with status 2 is a usage error, fine), or
  anything on standard error looks like a traceback;
- the exit status is not 0, 1 or 2 (the documented set);
- an input file changed, or a file appeared that the command was not asked to write;
- an output that claims to be JSON, SARIF or CSL-JSON does not parse (SARIF: not 2.1.0 with
  one run).

The same function runs without atheris (``python fuzz/fuzz_cli.py --replay FILE...``), which
is how a crash is replayed when atheris is not installed.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

try:
    import atheris
except ImportError:  # replay mode only
    atheris = None


def _import_everything() -> None:
    """Import every module of the package now: the command line imports most of them lazily,
    and a module imported after ``instrument_imports`` would run without coverage feedback."""
    import importlib
    import pkgutil

    import provenance

    for module in pkgutil.walk_packages(provenance.__path__, "provenance."):
        if ".evaluation" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)


if atheris is not None:
    with atheris.instrument_imports():
        _import_everything()
        import provenance.cli
        from provenance.config import known_names
else:
    import provenance.cli
    from provenance.config import known_names

_NAMES = [*known_names(), "sorces", "", " ", "all,", ",", "impossible-date,nope", "é"]
_CHECK_FORMATS = ("text", "json", "sarif", "github")
_AUDIT_SUFFIXES = (".html", ".md", ".json", ".txt", "")
_FAIL_ON = ("error", "warning", "info", "never")
_INCLUDES = ("*.txt", "*.md", "*", "[", "**/*.txt", "")
_SUFFIXES = (".txt", ".md", ".TXT", "", ".json", ".txt\n", ".md;")
_CORPUS = Path(__file__).resolve().parent / "corpus"
#: Set to fuzz past a known bug of ``-o`` naming an input (see benchmarks/README.md, Fuzzing).
_SKIP_OUTPUT_ON_INPUT = bool(os.environ.get("FUZZ_CLI_NO_OUTPUT_ON_INPUT"))


def _near_report(data: atheris.FuzzedDataProvider | _Bytes) -> bytes:
    """A corpus slice with some lines replaced by fuzzed bytes."""
    slices = sorted(_CORPUS.iterdir()) if _CORPUS.is_dir() else []
    if not slices:
        return data.ConsumeBytes(data.ConsumeIntInRange(0, 4000))
    lines = slices[data.ConsumeIntInRange(0, len(slices) - 1)].read_bytes().splitlines(True)
    for _ in range(data.ConsumeIntInRange(0, 6)):
        if not lines:
            break
        where = data.ConsumeIntInRange(0, len(lines) - 1)
        lines[where] = data.ConsumeBytes(data.ConsumeIntInRange(0, 200))
    return b"".join(lines)


class _Bytes:
    """The few FuzzedDataProvider calls used here, over plain bytes (replay without atheris)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def ConsumeIntInRange(self, low: int, high: int) -> int:
        if self.at >= len(self.data):
            return low
        value = self.data[self.at]
        self.at += 1
        return low + value % (high - low + 1)

    def ConsumeBool(self) -> bool:
        return bool(self.ConsumeIntInRange(0, 1))

    def ConsumeBytes(self, count: int) -> bytes:
        chunk = self.data[self.at : self.at + count]
        self.at += len(chunk)
        return chunk

    def ConsumeUnicodeNoSurrogates(self, count: int) -> str:
        return self.ConsumeBytes(count).decode("utf-8", "replace")


def _pick(data: atheris.FuzzedDataProvider | _Bytes, choices: tuple[str, ...]) -> str:
    return choices[data.ConsumeIntInRange(0, len(choices) - 1)]


def _names(data: atheris.FuzzedDataProvider | _Bytes) -> str:
    count = data.ConsumeIntInRange(1, 3)
    return ",".join(_NAMES[data.ConsumeIntInRange(0, len(_NAMES) - 1)] for _ in range(count))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def test_one_input(raw: bytes) -> None:
    data: atheris.FuzzedDataProvider | _Bytes = (
        atheris.FuzzedDataProvider(raw) if atheris is not None else _Bytes(raw)
    )
    work = Path(tempfile.mkdtemp(prefix="provenance-fuzz-cli-"))
    try:
        _run_one(data, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_one(data: atheris.FuzzedDataProvider | _Bytes, work: Path) -> None:
    inputs = work / "in"
    inputs.mkdir()
    (work / "out").mkdir()
    # A config file of the tool's own, sometimes, so that its reading is fuzzed too.
    (work / ".git").mkdir()
    if data.ConsumeIntInRange(0, 7) == 0:
        (work / "provenance.toml").write_bytes(data.ConsumeBytes(data.ConsumeIntInRange(0, 300)))
    paths: list[str] = []
    for number in range(data.ConsumeIntInRange(1, 3)):
        body = data.ConsumeBytes(data.ConsumeIntInRange(0, 3000)) if data.ConsumeBool() else None
        path = inputs / f"r{number}{_pick(data, _SUFFIXES)}"
        path.write_bytes(body if body is not None else _near_report(data))
        paths.append(str(path))
    if data.ConsumeIntInRange(0, 4) == 0:
        paths.append(str(inputs))  # the folder too: files found twice, searched by --include

    command = _pick(data, ("check", "audit", "export", "parse"))
    argv = [command]
    output: Path | None = None
    fmt = "text"
    if command == "check":
        fmt = _pick(data, _CHECK_FORMATS)
        argv += ["--format", fmt, "--fail-on", _pick(data, _FAIL_ON), "--color", "never"]
    elif command == "audit":
        output = work / f"out/audit{_pick(data, _AUDIT_SUFFIXES)}"
        fmt = {".html": "html", ".md": "md", ".json": "json"}.get(output.suffix, "?")
        if data.ConsumeBool():
            fmt = _pick(data, ("html", "md", "json"))
            argv += ["--format", fmt]
    elif command == "export":
        fmt = "csl-json"
    else:
        fmt = _pick(data, ("json", "text"))
        argv += ["--format", fmt]
    if command in ("check", "audit"):
        argv += ["--jobs", "1"]
        for option in ("--select", "--ignore"):
            if data.ConsumeIntInRange(0, 2) == 0:
                argv += [option, _names(data)]
        if data.ConsumeIntInRange(0, 5) == 0:
            argv += ["--include", _pick(data, _INCLUDES)]
    overwrite_input = data.ConsumeIntInRange(0, 9) == 0 and not _SKIP_OUTPUT_ON_INPUT
    if overwrite_input:
        output = Path(paths[0]) if Path(paths[0]).is_file() else Path(paths[-1])
    elif command != "audit" and data.ConsumeBool():
        output = work / "out" / "result"
    if output is not None:
        argv += ["-o", str(output)]
    argv += paths

    before = _snapshot(work)
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stderr = io.StringIO()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = provenance.cli.main(argv)
            except SystemExit as exit_:  # argparse: a usage error
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        os.chdir(cwd)
    stdout.flush()
    printed = stdout.buffer.getvalue()  # type: ignore[attr-defined]
    errors = stderr.getvalue()

    where = f"argv={argv!r}\nstderr={errors[-2000:]!r}"
    if status not in (0, 1, 2):
        raise AssertionError(f"exit status {status}\n{where}")
    if "Traceback (most recent call last)" in errors:
        raise AssertionError(f"traceback on standard error\n{where}")
    after = _snapshot(work)
    for name, content in before.items():
        if after.get(name) != content:
            raise AssertionError(f"input {name!r} changed or vanished\n{where}")
    written = set(after) - set(before)
    allowed = set()
    if output is not None and not overwrite_input:
        allowed.add(str(output.relative_to(work)))
    if written - allowed:
        raise AssertionError(f"unexpected files {sorted(written - allowed)}\n{where}")

    if output is not None and not overwrite_input:
        result = after.get(str(output.relative_to(work)))
    else:
        result = printed
    if result or status != 2:
        # With status 0 or 1 a JSON output must be there; with 2 (a usage error) it may not.
        _check_format(fmt, result or b"", where)


def _check_format(fmt: str, result: bytes, where: str) -> None:
    if fmt not in ("json", "sarif", "csl-json"):
        return
    try:
        value = json.loads(result)
    except ValueError as error:
        raise AssertionError(f"{fmt} output does not parse: {error}\n{where}") from None
    if fmt == "sarif" and not (
        isinstance(value, dict)
        and value.get("version") == "2.1.0"
        and isinstance(value.get("runs"), list)
        and len(value["runs"]) == 1
    ):
        raise AssertionError(f"not SARIF 2.1.0 with one run\n{where}")


def main() -> None:
    if sys.argv[1:2] == ["--replay"]:
        for name in sys.argv[2:]:
            test_one_input(Path(name).read_bytes())
            print(f"{name}: ok")
        return
    if atheris is None:
        raise SystemExit("atheris is not installed: pip install atheris (or use --replay FILE)")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
