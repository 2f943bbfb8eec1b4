"""The language server, driven as an editor drives it: a real process spoken to over stdio.

The client below frames JSON-RPC messages itself (``Content-Length`` headers), so the test
checks the wire and not a library's view of it. Every wait has a timeout and the process is
killed whatever happens, so a broken server fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

import provenance
from provenance.config import Config, load_config
from provenance.server import Checked, PositionMap, check_text, diagnostics

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "001_57fd68c990b575be.txt"
#: Seconds any one answer may take; generous for a cold start on a busy machine.
TIMEOUT = 60.0

Message = dict[str, Any]


class Client:
    """A minimal LSP client: one server process, a thread reading its messages into a queue."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "provenance", "server", "--debounce", "0.05"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.messages: queue.Queue[Message | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: object, id: int | None = None) -> None:
        message: Message = {"jsonrpc": "2.0", "method": method, "params": params}
        if id is not None:
            message["id"] = id
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def wait_for(self, wanted: Callable[[Message], bool], timeout: float = TIMEOUT) -> Message:
        while True:
            try:
                message = self.messages.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no awaited message within {timeout:g} s") from None
            if message is None:
                raise AssertionError("the server closed its output: " + self.stderr())
            if wanted(message):
                return message

    def request(self, method: str, params: object) -> Any:
        self.next_id += 1
        number = self.next_id
        self.send(method, params, number)
        answer = self.wait_for(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in answer, answer
        return answer.get("result")

    def diagnostics(self, uri: str, version: int | None = None) -> list[Message]:
        def published(message: Message) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return bool(params["uri"] == uri and (version is None or params["version"] == version))

        found: list[Message] = self.wait_for(published)["params"]["diagnostics"]
        return found

    def stderr(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")[-2000:]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def started(folder: Path) -> Iterator[Client]:
    client = Client(folder)
    try:
        result = client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}},
        )
        assert result["serverInfo"]["name"] == "provenance"
        assert result["capabilities"]["textDocumentSync"]["change"] == 1  # whole text
        client.send("initialized", {})
        yield client
    finally:
        client.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    """A server of the test's own, which the test may shut down."""
    yield from started(tmp_path)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """One server for the tests that only open documents (each its own)."""
    yield from started(tmp_path_factory.mktemp("server"))


def expected(text: str, path: Path) -> list[tuple[str, int, int, int, int]]:
    """What ``provenance check`` finds in ``text`` saved at ``path``: rule id and LSP range,
    worked out here independently of the server (UTF-16 code units from the line's start)."""
    document = provenance.parse(text, str(path))
    found = provenance.check(document, load_config(path.parent))
    line_starts = [0] + [i + 1 for i, c in enumerate(document.text) if c == "\n"]

    def position(offset: int) -> tuple[int, int]:
        line = sum(1 for start in line_starts if start <= offset) - 1
        piece = document.text[line_starts[line] : offset]
        return line, len(piece.encode("utf-16-le")) // 2

    return [(f.rule, *position(f.span.start), *position(f.span.end)) for f in found]


def shown(published: list[Message]) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            d["code"],
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["range"]["end"]["line"],
            d["range"]["end"]["character"],
        )
        for d in published
    ]


def open_document(client: Client, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    return uri


def test_diagnostics_are_the_findings_of_check_and_follow_edits(client: Client) -> None:
    text = SEED.read_text(encoding="utf-8")
    uri = open_document(client, SEED, text)
    published = client.diagnostics(uri, version=1)
    assert shown(published) == expected(text, SEED)
    assert len(published) > 10
    assert {d["source"] for d in published} == {"provenance"}
    severities = {d["code"]: d["severity"] for d in published}
    assert severities["footnote-without-marker"] == 1  # error
    assert severities["hedged-claim"] == 3  # information

    # An edit: a character outside the BMP (two UTF-16 code units) before the first finding on
    # its line, and a new paragraph with a claim nobody corroborated.
    first = published[0]["range"]["start"]
    lines = text.split("\n")
    lines[first["line"]] = "𝒜" + lines[first["line"]]
    added = "\n\nThe Research Directorate could not corroborate this information.\n"
    edited = "\n".join(lines) + added
    client.send(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]},
    )
    republished = client.diagnostics(uri, version=2)
    assert shown(republished) == expected(edited, SEED)
    assert republished[0]["range"]["start"]["character"] == first["character"] + 2
    assert len(republished) == len(published) + 1

    client.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []

    assert client.request("shutdown", None) is None
    client.send("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0


def test_settings_and_exclusions_come_from_the_documents_folder(
    shared: Client, tmp_path: Path
) -> None:
    client = shared
    project = tmp_path / "reports"
    project.mkdir()
    (project / ".git").mkdir()  # the settings search stops here
    (project / "pyproject.toml").write_text(
        '[tool.provenance]\nignore = ["hedged-claim"]\n', encoding="utf-8"
    )
    text = SEED.read_text(encoding="utf-8")
    report = project / "report.txt"
    uri = open_document(client, report, text)
    published = client.diagnostics(uri)
    assert shown(published) == expected(text, report)
    assert "hedged-claim" not in {d["code"] for d in published}
    assert "hedged-claim" in {rule for rule, *_ in expected(text, SEED)}

    # README.md is not a report (the default exclusions): it gets no diagnostics.
    readme = open_document(client, project / "README.md", text, "markdown")
    assert client.diagnostics(readme) == []


def test_a_bad_configuration_is_said_on_the_document(shared: Client, tmp_path: Path) -> None:
    client = shared
    (tmp_path / ".git").mkdir()
    (tmp_path / "provenance.toml").write_text('select = ["no-such-rule"]\n', encoding="utf-8")
    uri = open_document(client, tmp_path / "report.txt", "Some text.\n")
    [problem] = client.diagnostics(uri)
    assert "no-such-rule" in problem["message"]
    assert problem["severity"] == 1


def test_hover_explains_the_finding(shared: Client, tmp_path: Path) -> None:
    report = tmp_path / "hover.txt"
    text = SEED.read_text(encoding="utf-8")
    uri = open_document(shared, report, text)
    first = shared.diagnostics(uri)[0]
    hover = shared.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": first["range"]["start"]},
    )
    assert hover["contents"]["kind"] == "markdown"
    assert f"**{first['code']}**" in hover["contents"]["value"]
    nowhere = {"line": 100_000, "character": 0}
    assert (
        shared.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": nowhere})
        is None
    )


def test_quick_edits_never_leave_stale_diagnostics(shared: Client, tmp_path: Path) -> None:
    report = tmp_path / "typed.txt"
    text = SEED.read_text(encoding="utf-8")
    uri = open_document(shared, report, text)
    shared.diagnostics(uri, version=1)
    # Typing: each version adds a sentence the checks report, sent without waiting.
    sentence = "\nThe Research Directorate could not corroborate this information.\n"
    versions = range(2, 8)
    for version in versions:
        change = {"text": text + sentence * (version - 1)}
        shared.send(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
    published = []
    while not published or published[-1] != versions[-1]:
        message = shared.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        published.append(message["params"]["version"])
        final = message["params"]["diagnostics"]
    assert published == sorted(published), "an older version's diagnostics came after a newer's"
    assert shown(final) == expected(text + sentence * 6, report)


# --------------------------------------------------------------------------- in process


def test_positions_count_utf16_code_units() -> None:
    text = "ab𝒜c\n𝒜𝒜x\n"
    offsets = {"c": 3, "x": 7, "end": len(text)}
    utf16 = PositionMap(text).positions(offsets.values())
    assert (utf16[3].line, utf16[3].character) == (0, 4)
    assert (utf16[7].line, utf16[7].character) == (1, 4)
    assert (utf16[len(text)].line, utf16[len(text)].character) == (2, 0)
    utf8 = PositionMap(text, "utf-8").position(7)
    assert (utf8.line, utf8.character) == (1, 8)
    utf32 = PositionMap(text, "utf-32").position(3)
    assert (utf32.line, utf32.character) == (0, 3)


def test_crlf_buffers_and_byte_order_marks_keep_their_positions() -> None:
    # A finding on the first line, where a byte-order mark shifts the characters.
    claim = "The Research Directorate could not corroborate this information.\n\n"
    text = claim + SEED.read_text(encoding="utf-8")
    plain = diagnostics(check_text(text, None, load_config(SEED.parent)), "file:///r.txt")
    windows = "\ufeff" + text.replace("\n", "\r\n")
    checked = check_text(windows, None, load_config(SEED.parent))
    assert checked.shift == 1
    marked = diagnostics(checked, "file:///r.txt")
    for before, after in zip(plain, marked, strict=True):
        for a, b in ((before.range.start, after.range.start), (before.range.end, after.range.end)):
            assert (b.line, b.character) == (a.line, a.character + (a.line == 0))
    # The mark is three bytes for a client that counts UTF-8.
    in_bytes = diagnostics(checked, "file:///r.txt", "utf-8")
    assert any(d.range.start.line == 0 for d in in_bytes)
    for before, after in zip(plain, in_bytes, strict=True):
        if before.range.start.line == 0:
            assert after.range.start.character == before.range.start.character + 3


def test_unreadable_text_is_one_diagnostic() -> None:
    checked = check_text("\x00\x01\x02\x03" * 100, None, Config())
    assert checked.problem is not None
    [problem] = diagnostics(checked, "file:///r.txt")
    assert problem.message.startswith("not checked: ")
    assert diagnostics(Checked("  \n"), "file:///r.txt") == []


def test_without_pygls_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from provenance import cli

    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.delitem(sys.modules, "provenance.server", raising=False)
    monkeypatch.delitem(sys.modules, "pygls.lsp.server", raising=False)
    monkeypatch.delitem(sys.modules, "pygls.uris", raising=False)
    assert cli.main(["server"]) == cli.EXIT_ERROR
    assert "pip install 'provenance[server]'" in capsys.readouterr().err
