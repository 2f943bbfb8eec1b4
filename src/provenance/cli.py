"""The ``provenance`` command line.

Each subcommand is one entry of ``COMMANDS``: a function that adds its arguments to its
sub-parser and a function that runs it and returns the exit status. Adding a command is adding
an entry; ``main`` and the shared helpers below (finding inputs, reading them, reporting input
errors, writing output) need no change.

Start-up stays cheap: this module imports only the standard library pieces it needs and the
package itself; the parser, the grammars and the serializers load inside the command that
uses them, so ``provenance --help`` never builds a grammar.

Exit status: 0 on success; 1 when a command's findings reach its failure threshold (``check``);
2 for usage errors, for inputs that could not be read or checked (the other inputs are still
processed, and the failures are reported as ``PATH: error: REASON`` on standard error) and for an
output that must not or cannot be written; 130 after Ctrl-C and 143 after SIGTERM (the worker
processes are ended and no partial output file is left).

Only regular files are read: a FIFO, socket or device named on the command line is refused,
and a folder search skips them with a note. Text that reaches the terminal (findings, paths,
messages) has its control characters shown escaped (``\\x1b``), so that a report or a file
name cannot move the cursor, erase earlier lines or retitle the terminal.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, NamedTuple, cast

from provenance import __version__, selection
from provenance.entry import start_collecting
from provenance.errors import ConfigError, InputError
from provenance.fileio import OutputError
from provenance.selection import STDIN, STDIN_NAME, InputPath
from provenance.wording import counted

if TYPE_CHECKING:
    import argparse

    from provenance.auditing import AuditFormat
    from provenance.config import Config
    from provenance.findings import FileError, FileResult, Finding
    from provenance.formats import Extracted
    from provenance.model import Document

__all__ = ["COMMANDS", "EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "Command", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
# What shells report for a process stopped by Ctrl-C (128 + SIGINT), by a closed pipe
# (128 + SIGPIPE) or by SIGTERM (128 + SIGTERM).
_EXIT_INTERRUPTED = 130
_EXIT_BROKEN_PIPE = 141
_EXIT_TERMINATED = 143

#: Seconds one file may take to check before it is given up on (``--timeout``); the same as
#: ``provenance.batch.DEFAULT_TIMEOUT``, repeated here so that ``--help`` imports no checker.
DEFAULT_TIMEOUT = 900.0


class Command(NamedTuple):
    """One subcommand: its help line, how it adds its arguments, and how it runs."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# --------------------------------------------------------------------------- shared helpers


def iter_inputs(
    arguments: Sequence[str], config: Config, force_exclude: bool = False, quiet: bool = False
) -> Iterator[InputPath | InputError]:
    """The inputs the command-line ``arguments`` name, in order (``provenance.selection``):
    a folder is searched for the files ``config`` includes; skipped oddities get a note
    (unless ``quiet``)."""
    return selection.iter_inputs(
        arguments,
        config.include,
        config.exclude,
        force_exclude=force_exclude,
        on_note=None if quiet else report_note,
    )


def read_input(source: InputPath) -> Extracted:
    """Read one input: text, PDF or HTML (see ``provenance.formats``); raises ``InputError``."""
    from provenance import formats
    from provenance import source as _source

    if source.is_stdin:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            data = sys.stdin.read(_source.MAX_BYTES + 1).encode("utf-8")
        else:
            data = stream.read(_source.MAX_BYTES + 1)
        return formats.extract(data, STDIN_NAME)
    return formats.read_report(source.path, regular_only=True)


def report_input_error(error: InputError) -> None:
    """``PATH: error: REASON`` on standard error, the shape compilers and linters use."""
    report_file_error(error.path if error.path is not None else STDIN_NAME, error.reason)


def report_file_error(path: str, reason: str) -> None:
    """``PATH: error: REASON`` on standard error, control characters escaped."""
    from provenance.reporters.text import printable

    print(f"{printable(path)}: error: {printable(reason)}", file=sys.stderr)


def report_note(path: str, message: str) -> None:
    """``PATH: note: MESSAGE`` on standard error: something skipped that is not an error."""
    from provenance.reporters.text import printable

    print(f"{printable(path)}: note: {printable(message)}", file=sys.stderr)


def check_output(destination: str | None, inputs: Sequence[str] = ()) -> None:
    """Refuse, before any work, an output that is an input, a device, a FIFO or a folder, or
    whose folder cannot be written (``OutputError``; ``main`` reports it, exit status 2)."""
    if destination is None:
        return
    from provenance.fileio import check_output_target

    check_output_target(destination, inputs)


def write_output(destination: str, data: str | bytes) -> None:
    """Write a command's output to standard output (``"-"``) or, atomically, to a file."""
    from provenance.fileio import write_atomic

    try:
        write_atomic(destination, data)
    except OSError as error:
        reason = error.strerror.lower() if error.strerror else str(error)
        raise OutputError(f"cannot write {destination}: {reason}") from None


def _add_output_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=STDIN,
        help="write the output to FILE (replaced atomically; never a device, a FIFO or an "
        "input) instead of standard output; - means standard output",
    )


def _add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a report file (text, PDF or HTML), a folder (searched recursively for *.txt, "
        "*.md, *.pdf, *.html and *.htm), or - for standard input",
    )


# --------------------------------------------------------------------------- parse


def _configure_parse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: the documented contract (schemas/document.schema.json), one object "
        '{"version": 1, "documents": [...], "errors": [...]} for all inputs; '
        "text: a short summary per document (default: %(default)s)",
    )
    _add_file_arguments(parser)
    _add_output_argument(parser)
    _add_paths_argument(parser)


def _run_parse(args: argparse.Namespace) -> int:
    from provenance.formats import document_of

    documents: list[Document] = []
    errors: list[InputError] = []
    items = list(iter_inputs(args.paths, _load_settings(args), args.force_exclude))
    check_output(args.output, [i.path for i in items if isinstance(i, InputPath)])
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
            report_input_error(item)
            continue
        try:
            decoded = read_input(item)
        except InputError as error:
            errors.append(error)
            report_input_error(error)
            continue
        documents.append(document_of(decoded, item.document_path))

    if args.format == "json":
        from provenance.serialize import documents_to_json

        failed = [(None if e.path == STDIN_NAME else e.path, e.reason) for e in errors]
        write_output(args.output, documents_to_json(documents, failed).encode("utf-8"))
    else:
        write_output(args.output, "".join(summarize(document) for document in documents))
    return EXIT_ERROR if errors else EXIT_OK


def summarize(document: Document) -> str:
    """A few lines a person can read: what the document is and how much was found in it."""
    from provenance.render.index_codes import render_index_code
    from provenance.reporters.text import printable
    from provenance.serialize import iso_text

    meta = document.metadata
    lines = [document.path if document.path is not None else STDIN_NAME]
    if meta.title:
        lines.append(f"  title:      {meta.title}")
    if meta.index_code is not None:
        code = meta.index_code.value
        lines.append(f"  index code: {render_index_code(code)} ({code.scheme})")
    if meta.date is not None:
        lines.append(f"  date:       {meta.date.text} ({iso_text(meta.date.value)})")
    for update in meta.updates:
        of = f" of {iso_text(update.date)}" if update.date is not None else ""
        lines.append(f"  updates:    {render_index_code(update.code)}{of}")
    unresolved = sum(1 for citation in document.citations if citation.reference is None)
    recovered = sum(1 for f in document.footnotes if f.body is not None and f.body.recovered)
    counts = [
        counted(len(document.references), "reference"),
        counted(len(document.citations), "citation")
        + (f" ({unresolved} unresolved)" if unresolved else ""),
        counted(len(document.footnotes), "footnote")
        + (f" ({recovered} recovered from OCR damage)" if recovered else ""),
        counted(len(document.dates), "date"),
        counted(len(document.index_codes), "index code"),
        counted(len(document.cross_references), "cross-reference"),
        counted(len(document.headings), "heading"),
        counted(len(document.urls), "URL"),
    ]
    lines.append(f"  found:      {', '.join(counts)}")
    for note in document.input_notes:
        lines.append(f"  note:       {note}")
    return "\n".join(printable(line) for line in lines) + "\n"


# --------------------------------------------------------------------------- check

_FORMATS = ("text", "concise", "json", "sarif", "github")
#: The formats meant for a person, which leave infos out unless asked.
_TEXT_FORMATS = ("text", "concise")
_FAIL_LEVELS = ("error", "warning", "info", "never")


def _rule_list(values: Sequence[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select",
        action="append",
        metavar="ID,...",
        help="run only these rules (ids or categories; repeatable)",
    )
    parser.add_argument(
        "--ignore", action="append", metavar="ID,...", help="do not run these rules (repeatable)"
    )
    _add_file_arguments(parser)
    parser.add_argument(
        "-j",
        "--jobs",
        type=_at_least_one,
        metavar="N",
        help="check files in N processes (default: one per core for batches, 1 for a few files)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="give up on a file that takes longer than this to check; it is reported as an "
        "error and the others are still checked (default: %(default)g; 0: no limit)",
    )


def _add_file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="file names a folder search takes, replacing the configured ones "
        "(repeatable; default: *.txt, *.md, *.pdf, *.html and *.htm)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="files or folders a folder search skips, in addition to the configured ones "
        "(repeatable; by default tool folders and project files such as README.*, "
        "CHANGELOG.*, LICENSE.*, CONTRIBUTING.* and SOURCES.* are skipped)",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the exclusions to files named on the command line too (for pre-commit, "
        "which names every staged file)",
    )


def _at_least_one(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _seconds(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or a positive number, not {text}")
    return value


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        "--output-format",
        choices=_FORMATS,
        default="text",
        help="text: path:line:col: severity rule message, then the sentence with the span "
        "marked (default); concise: the first line only; json: the documented contract; "
        "sarif: SARIF 2.1.0; github: GitHub Actions annotations",
    )
    parser.add_argument(
        "--show-infos",
        action="store_true",
        help="list info findings (hedged or anonymously sourced claims) in text output too; "
        "they are counted in the summary either way, and always in json, sarif and github",
    )
    parser.add_argument(
        "--show-suppressed",
        action="store_true",
        help="sarif: also give the findings suppressed by directives in the reports, each "
        "with a suppression of kind inSource and the directive's reason",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule made instead of the findings",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the findings and errors only: no summary, progress or notes on what was read",
    )
    parser.add_argument(
        "--fail-on",
        choices=_FAIL_LEVELS,
        default="error",
        help="lowest severity that makes the exit status 1 (default: %(default)s)",
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE"
    )
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record today's findings in FILE (never an input) and exit 0",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output (auto: only on a terminal, and not when NO_COLOR is set)",
    )
    _add_selection_arguments(parser)
    _add_output_argument(parser)
    _add_paths_argument(parser)


def _load_settings(args: argparse.Namespace) -> Config:
    """The configuration file's settings with the command line's on top."""
    from provenance.config import load_config

    config = load_config(os.getcwd())
    return config.merged(
        select=_rule_list(getattr(args, "select", None)),
        ignore=_rule_list(getattr(args, "ignore", None)),
        include=args.include,
        exclude=None if args.exclude is None else (*config.exclude, *args.exclude),
    )


def _collect_paths(
    args: argparse.Namespace, config: Config
) -> tuple[list[InputPath], list[InputError]]:
    inputs: list[InputPath] = []
    errors: list[InputError] = []
    quiet = getattr(args, "quiet", False)
    for item in iter_inputs(args.paths, config, args.force_exclude, quiet):
        if isinstance(item, InputError):
            errors.append(item)
            report_input_error(item)
        else:
            inputs.append(item)
    return inputs, errors


class _Progress:
    """A one-line progress bar on standard error, only on a terminal and for real batches."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled and total >= 10 and sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} files")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _check_inputs(
    inputs: Sequence[InputPath],
    config: Config,
    jobs: int | None,
    show_progress: bool,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[FileResult | FileError]:
    from provenance import batch
    from provenance.findings import FileError

    if inputs:
        # Every input is read the same way: its modules are loaded now, with the rest of
        # start-up, before the collector comes back on (``provenance.entry``).
        import provenance.checking
        import provenance.document
        import provenance.formats
        import provenance.suppression  # noqa: F401
    start_collecting()
    files = [item.path for item in inputs if not item.is_stdin]
    workers = batch.default_jobs(len(files)) if jobs is None else max(1, jobs)
    progress = _Progress(len(inputs), show_progress)
    from_files = batch.run_in_order(batch.check_file, files, config, workers, timeout)
    try:
        for item in inputs:
            if item.is_stdin:
                try:
                    decoded = read_input(item)
                except InputError as error:
                    yield FileError(STDIN_NAME, error.reason)
                else:
                    from provenance.formats import document_of

                    document = document_of(decoded, None)
                    found = batch.check_document(document, config)
                    yield batch.file_result(STDIN_NAME, document, found)
            else:
                yield next(from_files)
            progress.step()
    finally:
        # Ends the worker processes at once, however this generator is left.
        from_files.close()
        progress.close()


def _use_colour(choice: str, output: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or output != STDIN or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _run_check(args: argparse.Namespace) -> int:
    from provenance.fileio import is_standard_output
    from provenance.findings import FileError, Severity

    human = args.format in _TEXT_FORMATS
    if args.statistics and not human:
        print(
            "provenance check: error: --statistics prints a table: use it with --format text",
            file=sys.stderr,
        )
        return EXIT_ERROR
    config = _load_settings(args)
    inputs, input_errors = _collect_paths(args, config)
    read = [item.path for item in inputs if not item.is_stdin]
    check_output(args.write_baseline, read + ([args.baseline] if args.baseline else []))
    check_output(args.output, read + ([args.baseline] if args.baseline else []))
    if is_standard_output(args.output):
        args.output = STDIN
    errors = [FileError(e.path or STDIN_NAME, e.reason) for e in input_errors]
    results: list[FileResult] = []
    streaming = human and args.output == STDIN and not args.baseline and not args.statistics
    colour = _use_colour(args.color, args.output)
    # Infos are left out of text output unless asked for (or made to fail the run): they are
    # most of what real reports give, and would bury the errors and warnings.
    show_infos = args.show_infos or args.fail_on == "info"
    context = args.format != "concise"
    if streaming:
        from provenance.reporters.text import format_finding, is_shown
    checked = _check_inputs(
        inputs, config, args.jobs, show_progress=not args.quiet, timeout=args.timeout
    )
    for outcome in checked:
        if isinstance(outcome, FileError):
            errors.append(outcome)
            report_file_error(outcome.path, outcome.reason)
            continue
        results.append(outcome)
        if streaming and not args.write_baseline:
            for finding in outcome.findings:
                if is_shown(finding, show_infos):
                    print(format_finding(finding, outcome.path, colour, context))

    if args.write_baseline:
        from provenance.baseline import write_baseline
        from provenance.reporters.text import printable

        try:
            write_baseline(args.write_baseline, results)
        except OSError as error:
            reason = error.strerror.lower() if error.strerror else str(error)
            raise OutputError(f"cannot write {args.write_baseline}: {reason}") from None
        count = sum(len(result.findings) for result in results)
        where = printable(args.write_baseline)
        if not args.quiet:
            print(f"recorded {counted(count, 'finding')} in {where}", file=sys.stderr)
        return EXIT_ERROR if errors else EXIT_OK
    if args.baseline:
        from provenance.baseline import load_baseline

        results = load_baseline(args.baseline).new_findings(results)

    if streaming:
        if not args.quiet:
            _print_summary(results, errors, show_infos)
    elif args.statistics:
        from provenance.reporters.text import statistics, summary_line

        table = statistics(results)
        if not args.quiet:
            # Every finding is counted here, infos included: a count buries nothing.
            table += summary_line(results, errors, show_infos=True) + "\n"
        write_output(args.output, table)
    elif human:
        from provenance.reporters.text import render_text

        # On a terminal the summary goes to standard error, as when streaming; in a file it
        # closes the file.
        to_file = args.output != STDIN
        text = render_text(
            results,
            errors,
            colour,
            show_infos=show_infos,
            context=context,
            quiet=args.quiet or not to_file,
        )
        write_output(args.output, text)
        if not to_file and not args.quiet:
            _print_summary(results, errors, show_infos)
    else:
        write_output(args.output, _render(args.format, results, errors, args.show_suppressed))

    if errors:
        return EXIT_ERROR
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(args.fail_on)
    failing = any(f.severity >= threshold for result in results for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _print_summary(
    results: Sequence[FileResult], errors: Sequence[FileError], show_infos: bool
) -> None:
    """What was not read of each file, and the summary line, on standard error."""
    from provenance.reporters.text import format_coverage, summary_line

    for result in results:
        line = format_coverage(result)
        if line:
            print(line, file=sys.stderr)
    print(summary_line(results, errors, show_infos), file=sys.stderr)


def _render(
    fmt: str,
    results: Sequence[FileResult],
    errors: Sequence[FileError],
    show_suppressed: bool = False,
) -> str:
    if fmt == "json":
        from provenance.reporters.json import render_json

        return render_json(results, errors)
    if fmt == "sarif":
        from provenance.reporters.sarif import render_sarif

        return render_sarif(results, errors, suppressed=show_suppressed)
    from provenance.reporters.github import render_github

    return render_github(results, errors)


# --------------------------------------------------------------------------- rules


def _configure_rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "rule",
        nargs="?",
        metavar="RULE-ID",
        help="show this rule's documentation, or list the rules of this category",
    )


def _run_rules(args: argparse.Namespace) -> int:
    import textwrap

    from provenance.rules.registry import all_rules, get_rule

    rules = all_rules()
    # A category is a name --select takes, so it lists its rules here too.
    listed = [r for r in rules if args.rule in (None, r.category)]
    if listed:
        width = max(len(rule.id) for rule in listed)
        for rule in listed:
            print(f"{rule.id:<{width}}  {rule.severity!s:<7}  {rule.summary}")
        return EXIT_OK
    try:
        rule = get_rule(args.rule)
    except KeyError:
        import difflib

        names = [r.id for r in rules] + sorted({r.category for r in rules})
        close = difflib.get_close_matches(args.rule, names, n=3, cutoff=0.6)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        print(
            f"provenance: error: no rule or category {args.rule!r}{hint} (see `provenance rules`)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print(f"{rule.id} ({rule.severity}, {rule.category})\n")
    print(textwrap.fill(rule.summary, 88) + "\n")
    print(textwrap.fill(rule.doc, 88) + "\n")
    print("Bad:\n" + textwrap.indent(rule.bad.rstrip(), "    ") + "\n")
    print("Good:\n" + textwrap.indent(rule.good.rstrip(), "    "))
    return EXIT_OK


# --------------------------------------------------------------------------- audit


_AUDIT_FORMATS: dict[str, AuditFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".json": "json",
}


def _configure_audit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="report.html, report.md or report.json (written atomically; - for standard output)",
    )
    parser.add_argument(
        "--format",
        choices=("html", "md", "json"),
        help="report format (default: from the output file's suffix)",
    )
    _add_selection_arguments(parser)
    _add_paths_argument(parser)


def _run_audit(args: argparse.Namespace) -> int:
    import contextlib

    from provenance.auditing import write_audit
    from provenance.batch import audit_file, default_jobs, run_in_order
    from provenance.findings import FileError

    fmt: AuditFormat | None = args.format or _AUDIT_FORMATS.get(
        os.path.splitext(args.output)[1].casefold()
    )
    if fmt is None:
        print(
            "provenance audit: error: cannot tell the format from "
            f"{args.output!r}; use .html, .md or .json, or --format",
            file=sys.stderr,
        )
        return EXIT_ERROR
    config = _load_settings(args)
    inputs, input_errors = _collect_paths(args, config)
    errors = [FileError(e.path or STDIN_NAME, e.reason) for e in input_errors]
    files = [item.path for item in inputs if not item.is_stdin]
    check_output(args.output, files)
    jobs = default_jobs(len(files)) if args.jobs is None else max(1, args.jobs)
    audited: list[tuple[Document, Sequence[Finding]]] = []
    progress = _Progress(len(inputs), True)
    with contextlib.closing(run_in_order(audit_file, files, config, jobs, args.timeout)) as runs:
        for item in inputs:
            outcome = _audit_stdin(config) if item.is_stdin else next(runs)
            progress.step()
            if isinstance(outcome, FileError):
                errors.append(outcome)
                report_file_error(outcome.path, outcome.reason)
            else:
                audited.append(outcome)
    progress.close()
    if not audited and not errors:
        # Nothing to report on is not a clean report: say so rather than write an empty one.
        print("provenance audit: error: no report was read", file=sys.stderr)
        return EXIT_ERROR
    write_output(args.output, write_audit(audited, errors, fmt))
    return EXIT_ERROR if errors else EXIT_OK


def _audit_stdin(config: Config) -> tuple[Document, tuple[Finding, ...]] | FileError:
    """Standard input read, parsed and checked in this process (workers cannot read it)."""
    from provenance.batch import check_document
    from provenance.findings import FileError
    from provenance.formats import document_of

    try:
        decoded = read_input(InputPath(STDIN))
    except InputError as error:
        return FileError(STDIN_NAME, error.reason)
    document = document_of(decoded, None)
    return document, check_document(document, config).kept


# --------------------------------------------------------------------------- export


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("csl-json",),
        default="csl-json",
        help="csl-json: CSL-JSON items for Zotero, pandoc and citeproc (default)",
    )
    _add_file_arguments(parser)
    _add_output_argument(parser)
    _add_paths_argument(parser)


def _run_export(args: argparse.Namespace) -> int:
    from provenance.csl import documents_to_csl_json
    from provenance.formats import document_of

    documents: list[Document] = []
    failed = False
    items = list(iter_inputs(args.paths, _load_settings(args), args.force_exclude))
    check_output(args.output, [i.path for i in items if isinstance(i, InputPath)])
    for item in items:
        if isinstance(item, InputError):
            report_input_error(item)
            failed = True
            continue
        try:
            decoded = read_input(item)
        except InputError as error:
            report_input_error(error)
            failed = True
            continue
        documents.append(document_of(decoded, item.document_path))
    write_output(args.output, documents_to_csl_json(documents))
    return EXIT_ERROR if failed else EXIT_OK


# --------------------------------------------------------------------------- server


def _configure_server(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk over standard input and output (the default and only transport; accepted "
        "because editors' clients pass it)",
    )
    parser.add_argument(
        "--debounce",
        type=_seconds,
        default=0.1,
        metavar="SECONDS",
        help="after an edit, wait this long for the next one before checking (default: "
        "%(default)g)",
    )


def _run_server(args: argparse.Namespace) -> int:
    try:
        from provenance.server import serve
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        print(
            "provenance server: error: the language server needs pygls: "
            "pip install 'provenance[server]'",
            file=sys.stderr,
        )
        return EXIT_ERROR
    serve(args.debounce)
    return EXIT_OK


# --------------------------------------------------------------------------- dispatch

#: Subcommands by name, in the order ``--help`` lists them.
COMMANDS: dict[str, Command] = {
    "check": Command(
        help="check reports and print their findings",
        configure=_configure_check,
        run=_run_check,
    ),
    "rules": Command(
        help="list the rules, or show one rule's documentation and examples",
        configure=_configure_rules,
        run=_run_rules,
    ),
    "audit": Command(
        help="write a provenance audit report (HTML, Markdown or JSON)",
        configure=_configure_audit,
        run=_run_audit,
    ),
    "export": Command(
        help="write the parsed references as CSL-JSON",
        configure=_configure_export,
        run=_run_export,
    ),
    "parse": Command(
        help="parse reports and print what was found in them",
        configure=_configure_parse,
        run=_run_parse,
    ),
    "server": Command(
        help="run the language server (LSP, on standard input and output) for editors",
        configure=_configure_server,
        run=_run_server,
    ),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line. Given ``only``, the subcommand the arguments name,
    only that subcommand is added: adding all of them is about 5 ms of a one-report check,
    which reads one, and even unconfigured each is a parser of its own (its help action and
    its translated titles, about 0.1 ms). The arguments name it, so no other can be asked for
    and no message lists the others."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="provenance",
        description="Check the citations and provenance of human-rights and "
        "country-of-origin-information reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        if only in (None, name):
            sub = subparsers.add_parser(name, help=command.help, description=command.help)
            command.configure(sub)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` runs, when its first word is one (the top-level parser has only
    ``--help`` and ``--version``, which take no value); otherwise None."""
    return argv[0] if argv and argv[0] in COMMANDS else None


#: ``check``'s options that take no value and only turn something on, by the attribute each sets.
_CHECK_SWITCHES = {
    "--show-infos": "show_infos",
    "--show-suppressed": "show_suppressed",
    "--statistics": "statistics",
    "-q": "quiet",
    "--quiet": "quiet",
    "--force-exclude": "force_exclude",
}

#: What ``check``'s parser sets when an option is not given (``tests/test_cli.py`` compares these
#: with the parser's, for every command line ``_plain_check`` reads).
_CHECK_DEFAULTS: dict[str, object] = {
    "command": "check",
    "format": "text",
    "show_infos": False,
    "show_suppressed": False,
    "statistics": False,
    "quiet": False,
    "fail_on": "error",
    "baseline": None,
    "write_baseline": None,
    "color": "auto",
    "select": None,
    "ignore": None,
    "include": None,
    "exclude": None,
    "force_exclude": False,
    "jobs": None,
    "timeout": DEFAULT_TIMEOUT,
    "output": STDIN,
}


def _plain_check(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of ``check`` followed by paths only, after any of its on/off switches
    spelt out in full (pre-commit's ``check --force-exclude FILE...``), read as ``argparse``
    reads them; None for any other command line, which the parser reads.

    Importing ``argparse`` (and, on its first message, ``gettext`` and ``locale``) and building
    ``check``'s parser is about 4.5 ms of processor time, a tenth of ``import lark``, for a
    command line with nothing in it to parse. A path here never starts with "-" (except "-"
    itself, standard input, which the parser takes as a path too), so none can be an option."""
    if not argv or argv[0] != "check":
        return None
    values = dict(_CHECK_DEFAULTS)
    position = 1
    while position < len(argv) and argv[position] in _CHECK_SWITCHES:
        values[_CHECK_SWITCHES[argv[position]]] = True
        position += 1
    paths = list(argv[position:])
    if not paths or any(path.startswith("-") and path != "-" for path in paths):
        return None
    values["paths"] = paths
    # The commands only read and set the namespace's attributes, which these are.
    return cast("argparse.Namespace", SimpleNamespace(**values))


class _Terminated(BaseException):
    """SIGTERM, raised where the program is, so that every ``finally`` runs: worker processes
    are ended and temporary output files removed."""


def _on_sigterm(signum: int, frame: object) -> None:
    # A second SIGTERM must not interrupt the clean-up the first one started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _plain_check(arguments)
    if args is None:
        parser = build_parser(_command_named(arguments))
        args = parser.parse_args(arguments)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals to whoever runs us
        previous = None
    if args.command != "check":
        # ``check`` ends start-up itself, once the modules that read a document are loaded.
        start_collecting()
    try:
        return COMMANDS[args.command].run(args)
    except (ConfigError, OutputError) as error:
        from provenance.reporters.text import printable

        print(f"provenance: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    except _Terminated:
        return _EXIT_TERMINATED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep the interpreter from
        # complaining again when it flushes standard output at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # io.UnsupportedOperation: no file descriptor
            pass
        return _EXIT_BROKEN_PIPE
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
