"""``provenance server``: the checks as a Language Server Protocol server, for editors.

An editor starts one server process and keeps it: the interpreter, the imports and the built
parsers are paid for once, and each edit of a report costs only its parse and its checks.
The server speaks LSP over standard input and output (``pygls``; ``pip install
'provenance[server]'``) and publishes each open text or Markdown document's findings as
diagnostics, found exactly as ``provenance check`` finds them: the same decoding, parse, rules
and inline ``provenance: ignore[...]`` directives, under the ``[tool.provenance]`` settings that
apply to the document's own path (``provenance.config.load_config``). A document the settings
exclude (``README.md`` by default) is not checked, as with ``check --force-exclude``.

Checks run one at a time in a worker thread, so the server keeps reading messages while a long
report is checked. Edits that arrive while a check runs are not checked one by one: a change
waits ``debounce`` seconds for the next, and a check that a newer version of its document has
overtaken is skipped before it starts or, when it has already run, not published.

Positions: findings carry character offsets into the text; LSP counts a line's characters in
UTF-16 code units unless the client and server agree on UTF-8 or UTF-32 (``PositionMap``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

import attrs
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from provenance import __version__
from provenance.config import Config, load_config
from provenance.errors import ConfigError, InputError
from provenance.findings import Finding, Severity
from provenance.records import shared_methods
from provenance.span import LineIndex

__all__ = [
    "DEFAULT_DEBOUNCE",
    "Checked",
    "PositionMap",
    "ProvenanceServer",
    "check_text",
    "diagnostics",
    "serve",
]

#: Seconds a change waits for the next one before it is checked: typing produces a change per
#: key, and only the text a pause leaves is worth a check.
DEFAULT_DEBOUNCE: Final = 0.1

#: What diagnostics say they come from.
SOURCE: Final = "provenance"

#: Languages the server checks (``languageId`` as clients send it; Neovim sends its filetype).
LANGUAGES: Final = frozenset({"plaintext", "text", "markdown"})
#: File suffixes checked whatever language the client names.
SUFFIXES: Final = (".txt", ".md", ".markdown")

_SEVERITIES: Final = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


# --------------------------------------------------------------------------- positions


class PositionMap:
    """LSP positions (0-based line, character in the client's code units) of offsets in a text.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` in LSP as in the checked text (where the last two
    became ``\\n`` when it was read), so line numbers agree; within a line, a character outside
    the Basic Multilingual Plane (𝒜, most emoji) is one offset but two UTF-16 code units, and
    up to four UTF-8 ones. ``positions`` converts many offsets in one pass over the text, so a
    document with many findings on one long line costs no more than its length.
    """

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self._text = text
        self._index = LineIndex(text)
        self._encoding = str(encoding)

    def units(self, piece: str) -> int:
        """How many code units ``piece`` is in the client's encoding."""
        if self._encoding == types.PositionEncodingKind.Utf32 or piece.isascii():
            return len(piece)
        if self._encoding == types.PositionEncodingKind.Utf8:
            return len(piece.encode("utf-8", "surrogatepass"))
        return len(piece.encode("utf-16-le", "surrogatepass")) // 2

    def positions(self, offsets: Iterable[int]) -> dict[int, types.Position]:
        """Each offset's position (offsets are clamped into the text)."""
        length = len(self._text)
        wanted = {max(0, min(offset, length)) for offset in offsets}
        line_of: dict[int, tuple[int, int]] = {}
        marks: set[int] = set(wanted)
        for offset in wanted:
            line, _ = self._index.line_column(offset)
            start = self._index.line_start(line)
            line_of[offset] = (line - 1, start)
            marks.add(start)
        # Code units from the start of the text to each mark, counted piece by piece in order.
        units_at: dict[int, int] = {}
        previous, total = 0, 0
        for mark in sorted(marks):
            total += self.units(self._text[previous:mark])
            units_at[mark] = total
            previous = mark
        result = {}
        for offset in wanted:
            line, start = line_of[offset]
            result[offset] = types.Position(line, units_at[offset] - units_at[start])
        return result

    def position(self, offset: int) -> types.Position:
        return self.positions([offset])[max(0, min(offset, len(self._text)))]


# --------------------------------------------------------------------------- checking


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Checked:
    """What checking one editor buffer gave: the kept findings of the text that was checked,
    or the reason it was not checked (``problem``; None when it was, or was skipped)."""

    text: str
    findings: tuple[Finding, ...] = ()
    problem: str | None = None
    #: Code points the reader dropped from the start of the buffer (a byte-order mark).
    shift: int = 0


def check_text(text: str, path: str | None, config: Config) -> Checked:
    """Check an editor buffer as ``provenance check`` checks a file holding it.

    The text is taken as the UTF-8 file the editor would save, so it is read exactly as a file
    is (line endings normalised, a byte-order mark dropped) and the findings' offsets refer to
    that text.
    """
    from provenance.batch import check_document
    from provenance.formats import Extracted, document_of
    from provenance.source import read_bytes_as_text

    if not text.strip():
        return Checked(text)
    # A lone surrogate (which JSON can carry) cannot be saved as UTF-8; "?" keeps the offsets.
    data = text.encode("utf-8", "replace")
    try:
        decoded = read_bytes_as_text(data, path)
    except InputError as error:
        return Checked(text, problem=f"not checked: {error.reason}")
    document = document_of(Extracted(decoded.text, "text", decoded.notes), path)
    kept = check_document(document, config).kept
    shift = 1 if text.startswith("\ufeff") and not decoded.text.startswith("\ufeff") else 0
    return Checked(decoded.text, kept, shift=shift)


def settings_for(path: str | None, root: str | None) -> tuple[Config, bool]:
    """The settings that apply to a document, and whether they exclude it.

    A document with no path on disk (an unsaved buffer) takes the settings of the workspace
    root, or of the current folder. Raises ``ConfigError`` for a bad configuration file.
    """
    if path is None:
        return load_config(root or "."), False
    config = load_config(Path(path).parent)
    home = config.source.parent if config.source is not None else Path(path).parent
    try:
        relative = Path(path).resolve().relative_to(home.resolve())
    except ValueError:
        relative = Path(Path(path).name)
    return config, config.is_excluded(relative)


def diagnostics(
    checked: Checked, uri: str, encoding: str = types.PositionEncodingKind.Utf16
) -> list[types.Diagnostic]:
    """The LSP diagnostics of one checked buffer, in reading order."""
    if checked.problem is not None:
        start = types.Position(0, 0)
        return [
            types.Diagnostic(
                range=types.Range(start, start),
                message=checked.problem,
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        ]
    positions = PositionMap(checked.text, encoding)
    offsets = [
        offset
        for finding in checked.findings
        for span in (finding.span, *(related.span for related in finding.related))
        for offset in (span.start, span.end)
    ]
    at = positions.positions(offsets)
    length = len(checked.text)

    # The dropped mark stood before the first line's characters in the buffer.
    shift = positions.units("\ufeff" * checked.shift)

    def place(start: int, end: int) -> types.Range:
        first, last = at[max(0, min(start, length))], at[max(0, min(end, length))]
        if shift:
            first, last = (
                types.Position(p.line, p.character + shift) if p.line == 0 else p
                for p in (first, last)
            )
        return types.Range(first, last)

    result = []
    for finding in checked.findings:
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(uri, place(item.span.start, item.span.end)),
                message=item.message,
            )
            for item in finding.related
        ]
        result.append(
            types.Diagnostic(
                range=place(finding.span.start, finding.span.end),
                message=finding.message,
                severity=_SEVERITIES[finding.severity],
                code=finding.rule,
                source=SOURCE,
                related_information=related or None,
            )
        )
    return result


# --------------------------------------------------------------------------- the server


class ProvenanceServer(LanguageServer):
    """A language server that publishes the findings of open reports as diagnostics."""

    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        # Whole-text sync: a report is a few hundred KB at most, and the server then never
        # applies edits itself (pygls splits lines on more characters than LSP does, such as
        # the form feeds of page breaks, which would misplace incremental edits).
        super().__init__(
            "provenance", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.debounce = debounce
        # One check at a time: the rules and parsers are shared, and a second thread would
        # only contend with the first for the interpreter.
        self._checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="provenance-check")
        self._pending: dict[str, asyncio.Task[None]] = {}
        #: The open documents the server checks.
        self.tracked: set[str] = set()
        # The newest version of each open document, read by the worker to skip stale checks.
        self._latest: dict[str, int | None] = {}
        self._latest_lock = threading.Lock()
        # Checks submitted to the worker and not yet started (the warm-up gives way to them).
        self._waiting = 0
        self._closing = False
        # The diagnostics last published, with their findings, for hovers.
        self._shown: dict[str, list[tuple[types.Diagnostic, Finding]]] = {}

    # ----------------------------------------------------------------- scheduling

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check not yet started."""
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self._pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    def forget(self, uri: str) -> None:
        """A closed document: no more checks, and its diagnostics cleared."""
        if uri not in self.tracked:
            return
        self.tracked.discard(uri)
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        with self._latest_lock:
            self._latest.pop(uri, None)
        self._shown.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def warm_up(self) -> None:
        """Build the parsers and rules in the worker before the first document arrives, one
        rule's example at a time, giving way as soon as a document waits to be checked."""
        self._checker.submit(_warm_up, lambda: self._waiting > 0 or self._closing)

    def shutdown(self) -> None:
        """Leave without finishing the warm-up or checks nobody will see."""
        self._closing = True
        self._checker.shutdown(wait=False, cancel_futures=True)
        super().shutdown()  # type: ignore[no-untyped-call]

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        text, version = document.source, document.version
        path = to_fs_path(uri) if uri.startswith("file:") else None
        root = self.workspace.root_path
        with self._latest_lock:
            self._latest[uri] = version
            self._waiting += 1
        future = self._checker.submit(self._check_if_current, uri, version, text, path, root)
        # A check cancelled before it started no longer waits (one that starts says so).
        future.add_done_callback(self._started_unless_cancelled)
        checked = await asyncio.wrap_future(future)
        if checked is None or uri not in self.workspace.text_documents:
            return
        if self.workspace.text_documents[uri].version != version:
            return  # overtaken while it ran: the newer version's check publishes
        encoding = str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        shown = diagnostics(checked, uri, encoding)
        self._shown[uri] = list(zip(shown, checked.findings, strict=False))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=shown, version=version)
        )

    def _started(self) -> None:
        with self._latest_lock:
            self._waiting -= 1

    def _started_unless_cancelled(self, future: Future[Checked | None]) -> None:
        if future.cancelled():
            self._started()

    def _check_if_current(
        self, uri: str, version: int | None, text: str, path: str | None, root: str | None
    ) -> Checked | None:
        self._started()
        with self._latest_lock:
            if uri not in self._latest or self._latest[uri] != version:
                return None  # a newer version is waiting: this one is not worth checking
        try:
            config, excluded = settings_for(path, root)
        except ConfigError as error:
            return Checked(text, problem=f"not checked: {error}")
        if excluded:
            return Checked(text)
        try:
            return check_text(text, path, config)
        except Exception as error:  # a fault in a rule must not take the server down
            return Checked(text, problem=f"not checked: internal error ({error!r})")

    # ----------------------------------------------------------------- hover

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        """The findings under ``position``: rule, message, what the rule checks, the excerpt."""
        here = (position.line, position.character)
        parts = []
        for diagnostic, finding in self._shown.get(uri, ()):
            start, end = diagnostic.range.start, diagnostic.range.end
            if (start.line, start.character) <= here <= (end.line, end.character):
                parts.append(_describe(finding))
        if not parts:
            return None
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            )
        )


def _describe(finding: Finding) -> str:
    from provenance.rules.registry import get_rule

    lines = [f"**{finding.rule}** ({finding.severity}): {finding.message}"]
    with contextlib.suppress(KeyError):  # a hover never fails over its wording
        lines.append(get_rule(finding.rule).summary)
    excerpt = " ".join(finding.excerpt.split())
    if excerpt:
        lines.append("> " + excerpt.replace("\\", "\\\\").replace("*", "\\*"))
    return "\n\n".join(lines)


def _warm_up(stop: Callable[[], bool]) -> None:
    """Check every rule's bad example once, so that the grammars and rules the pipeline uses
    are built; stop early when ``stop()`` says a document is waiting."""
    from provenance.rules.registry import all_rules

    config = Config()
    for rule in all_rules():
        if stop():
            return
        if rule.example_limits is None:
            check_text(rule.bad, None, config)


def _is_report(document: types.TextDocumentItem, uri: str) -> bool:
    if document.language_id in LANGUAGES:
        return True
    return uri.split("?")[0].split("#")[0].lower().endswith(SUFFIXES)


def build_server(debounce: float = DEFAULT_DEBOUNCE) -> ProvenanceServer:
    """A server with its handlers registered (started by ``serve``, or by a test in-process)."""
    server = ProvenanceServer(debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: ProvenanceServer, params: types.InitializedParams) -> None:
        ls.warm_up()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ProvenanceServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_report(params.text_document, uri):
            ls.tracked.add(uri)
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ProvenanceServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in ls.tracked:
            ls.schedule(uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ProvenanceServer, params: types.DidSaveTextDocumentParams) -> None:
        # Saving changes no text, but the settings beside the file may have changed since.
        uri = params.text_document.uri
        if uri in ls.tracked:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ProvenanceServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ProvenanceServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    return server


def serve(debounce: float = DEFAULT_DEBOUNCE) -> None:
    """Run the server on standard input and output until the client says ``exit``."""
    build_server(debounce).start_io()
