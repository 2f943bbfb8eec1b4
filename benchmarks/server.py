"""Latency of the language server on the 66 KB seed, printed as a Markdown table.

    python benchmarks/server.py               # 15 edits per server, a few seconds
    python benchmarks/server.py --edits 30

Starts ``provenance server`` as an editor does and speaks LSP to it over stdio, then measures:
- the cold check: from ``didOpen`` of the 66 KB seed (sent right after ``initialized``) to its
  ``publishDiagnostics``, with the parsers not yet built;
- re-checks: from each ``didChange`` (one word changed, the whole text sent, as the server
  asks) to the ``publishDiagnostics`` of that version; medians of ``--edits`` edits, each sent
  once the previous one is published. Once with the default debounce (what an editor sees) and
  once with ``--debounce 0`` (the check alone);
- typing: 20 changes 20 ms apart, then the time from the last one to its diagnostics and how
  many checks were published for the burst;
- for comparison, a whole ``provenance check`` process on the same file (median of 5).

Needs ``pip install -e '.[server]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIG_SEED = ROOT / "seeds" / "001_57fd68c990b575be.txt"
TIMEOUT = 120.0


class Server:
    """``provenance server`` in a child process, with messages read by a thread."""

    def __init__(self, debounce: float | None) -> None:
        command = [sys.executable, "-m", "provenance", "server"]
        if debounce is not None:
            command += ["--debounce", str(debounce)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any]] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                self.inbox.put(None)
                return
            message = json.loads(stream.read(length))
            self.inbox.put((time.perf_counter(), message))

    def send(self, method: str, params: object, id: int | None = None) -> float:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if id is not None:
            message["id"] = id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return sent

    def wait(self, method: str | None = None, id: int | None = None) -> tuple[float, Any]:
        while True:
            item = self.inbox.get(timeout=TIMEOUT)
            if item is None:
                raise RuntimeError("the server stopped")
            at, message = item
            if method is not None and message.get("method") == method:
                return at, message["params"]
            if id is not None and message.get("id") == id and "method" not in message:
                return at, message.get("result")

    def published(self, version: int) -> float:
        while True:
            at, params = self.wait("textDocument/publishDiagnostics")
            if params["version"] == version:
                return at

    def close(self) -> None:
        try:
            self.send("shutdown", None, 999)
            self.wait(id=999)
            self.send("exit", None)
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


def edit(text: str, number: int) -> str:
    """The text with one word changed, in a different paragraph each time."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if len(line) > 40]
    index = candidates[(number * 7) % len(candidates)]
    lines[index] = lines[index].replace(" ", f" edit{number} ", 1)
    return "\n".join(lines)


def session(debounce: float | None, edits: int) -> dict[str, Any]:
    text = BIG_SEED.read_text(encoding="utf-8")
    uri = BIG_SEED.as_uri()
    server = Server(debounce)
    try:
        launched = time.perf_counter()
        server.send(
            "initialize",
            {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}},
            1,
        )
        server.wait(id=1)
        initialized = time.perf_counter()
        server.send("initialized", {})
        item = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
        opened = server.send("textDocument/didOpen", {"textDocument": item})
        cold = server.published(1) - opened
        first = time.perf_counter() - launched
        times = []
        version = 1
        for number in range(edits):
            version += 1
            change = {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edit(text, number)}],
            }
            sent = server.send("textDocument/didChange", change)
            times.append(server.published(version) - sent)
        # A burst of typing: only the last version needs checking.
        burst_start = version + 1
        for number in range(20):
            version += 1
            change = {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edit(text, 1000 + number)}],
            }
            last = server.send("textDocument/didChange", change)
            time.sleep(0.02)
        settled = server.published(version) - last
        published_in_burst = 1
        while True:
            try:
                item_ = server.inbox.get(timeout=0.5)
            except queue.Empty:
                break
            if item_ is not None and item_[1].get("method") == "textDocument/publishDiagnostics":
                published_in_burst += item_[1]["params"]["version"] >= burst_start
        return {
            "initialize": initialized - launched,
            "cold": cold,
            "first": first,
            "median": statistics.median(times),
            "min": min(times),
            "max": max(times),
            "burst": settled,
            "burst_published": published_in_burst,
        }
    finally:
        server.close()


def one_shot(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "provenance", "check", "-q", str(BIG_SEED)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15, help="edits per server (default 15)")
    args = parser.parse_args()
    size = BIG_SEED.stat().st_size
    default = session(None, args.edits)
    undelayed = session(0.0, args.edits)
    whole = one_shot()

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    print(f"The 66 KB seed ({size:,} bytes); {args.edits} edits per server.\n")
    print("| measure | result |")
    print("|---|---|")
    print(f"| server start to `initialize` answered | {ms(default['initialize'])} |")
    print(
        f"| cold check: `didOpen` to diagnostics, parsers not yet built | {ms(default['cold'])} |"
    )
    print(f"| server start to first diagnostics | {ms(default['first'])} |")
    for name, run in (("default debounce 0.1 s", default), ("`--debounce 0`", undelayed)):
        print(
            f"| re-check after an edit, {name}: `didChange` to diagnostics | median "
            f"{ms(run['median'])} (min {ms(run['min'])}, max {ms(run['max'])}) |"
        )
    print(
        f"| typing, 20 changes 20 ms apart: last change to diagnostics | {ms(default['burst'])}"
        f", {default['burst_published']} check(s) published for the burst |"
    )
    print(f"| for comparison: a `provenance check` process on the same file | {ms(whole)} |")


if __name__ == "__main__":
    main()
