"""The ``provenance`` command line.

Each subcommand is one entry of ``COMMANDS``: a function that adds its arguments to its
sub-parser and a function that runs it and returns the exit status. Adding a command is adding
an entry; ``main`` and the shared helpers below (finding inputs, reading them, reporting input
errors, writing output) need no change.

Start-up stays cheap: this module imports only the standard library pieces it needs and the
package itself; the parser, the grammars and the serializers load inside the command that
uses them, so ``provenance --help`` never builds a grammar.

Exit status: 0 on success; 1 when a command's findings reach its failure threshold (``check``);
2 for usage errors and for inputs that could not be read (the other inputs are still
processed, and the failures are reported as ``PATH: error: REASON`` on standard error).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from provenance import __version__
from provenance.errors import InputError

if TYPE_CHECKING:
    from provenance.config import Config
    from provenance.model import Document
    from provenance.source import DecodedText

__all__ = ["COMMANDS", "EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "Command", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
# What shells report for a process stopped by Ctrl-C (128 + SIGINT) or by a closed pipe
# (128 + SIGPIPE).
_EXIT_INTERRUPTED = 130
_EXIT_BROKEN_PIPE = 141

#: How standard input is named on the command line, and in messages.
STDIN = "-"
STDIN_NAME = "<stdin>"


class Command(NamedTuple):
    """One subcommand: its help line, how it adds its arguments, and how it runs."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# --------------------------------------------------------------------------- shared helpers


class InputPath(NamedTuple):
    """One input to read: a file path, or standard input when ``path`` is ``"-"``."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def display(self) -> str:
        return STDIN_NAME if self.is_stdin else self.path

    @property
    def document_path(self) -> str | None:
        """The path a ``Document`` records: None for standard input."""
        return None if self.is_stdin else self.path


def iter_inputs(arguments: Sequence[str], config: Config) -> Iterator[InputPath | InputError]:
    """The inputs the command-line ``arguments`` name, in order.

    A folder is searched recursively, in sorted order, for the files ``config`` includes
    (``*.txt`` and ``*.md`` by default), skipping the folders it excludes. A file named
    directly is taken whatever its name. A folder with no such file yields an ``InputError``,
    so that a mistyped folder is not a silent success. A missing path is yielded as it is: reading
    it reports the error.
    """
    for argument in arguments:
        if argument != STDIN and os.path.isdir(argument):
            found = list(_search_folder(argument, config))
            if not found:
                patterns = " or ".join(config.include)
                yield InputError(f"no {patterns} files in this folder", argument)
            yield from found
        else:
            yield InputPath(argument)


def _search_folder(folder: str, config: Config) -> Iterator[InputPath]:
    for root, dirs, files in os.walk(folder):
        relative_root = os.path.relpath(root, folder)
        dirs[:] = sorted(
            name for name in dirs if not config.is_excluded(_relative(relative_root, name))
        )
        for name in sorted(files):
            if config.is_included(_relative(relative_root, name)):
                yield InputPath(os.path.join(root, name))


def _relative(root: str, name: str) -> str:
    return name if root == os.curdir else os.path.join(root, name)


def read_input(source: InputPath) -> DecodedText:
    """Decode one input (see ``provenance.source``); raises ``InputError``."""
    from provenance import source as _source

    if source.is_stdin:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            data = sys.stdin.read(_source.MAX_BYTES + 1).encode("utf-8")
        else:
            data = stream.read(_source.MAX_BYTES + 1)
        return _source.read_bytes_as_text(data, STDIN_NAME)
    return _source.read_file(source.path)


def report_input_error(error: InputError) -> None:
    """``PATH: error: REASON`` on standard error, the shape compilers and linters use."""
    where = error.path if error.path is not None else STDIN_NAME
    print(f"{where}: error: {error.reason}", file=sys.stderr)


def write_output(destination: str, data: str | bytes) -> None:
    """Write a command's output to standard output (``"-"``) or, atomically, to a file."""
    from provenance.fileio import write_atomic

    write_atomic(destination, data)


def _add_output_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=STDIN,
        help="write the output to FILE (replaced atomically) instead of standard output",
    )


def _add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a report file, a folder (searched recursively for *.txt and *.md), "
        "or - for standard input",
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
    _add_output_argument(parser)
    _add_paths_argument(parser)


def _run_parse(args: argparse.Namespace) -> int:
    from provenance.config import Config
    from provenance.document import parse_document

    documents: list[Document] = []
    errors: list[InputError] = []
    for item in iter_inputs(args.paths, Config()):
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
        documents.append(parse_document(decoded.text, item.document_path, decoded.notes))

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
        _count(len(document.references), "reference"),
        _count(len(document.citations), "citation")
        + (f" ({unresolved} unresolved)" if unresolved else ""),
        _count(len(document.footnotes), "footnote")
        + (f" ({recovered} recovered from OCR damage)" if recovered else ""),
        _count(len(document.dates), "date"),
        _count(len(document.index_codes), "index code"),
        _count(len(document.cross_references), "cross-reference"),
        _count(len(document.headings), "heading"),
        _count(len(document.urls), "URL"),
    ]
    lines.append(f"  found:      {', '.join(counts)}")
    for note in document.input_notes:
        lines.append(f"  note:       {note}")
    return "\n".join(lines) + "\n"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# --------------------------------------------------------------------------- dispatch

#: Subcommands by name, in the order ``--help`` lists them.
COMMANDS: dict[str, Command] = {
    "parse": Command(
        help="parse reports and print what was found in them",
        configure=_configure_parse,
        run=_run_parse,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="provenance",
        description="Check the citations and provenance of human-rights and "
        "country-of-origin-information reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.help)
        command.configure(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return COMMANDS[args.command].run(args)
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep the interpreter from
        # complaining again when it flushes standard output at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # io.UnsupportedOperation: no file descriptor
            pass
        return _EXIT_BROKEN_PIPE
