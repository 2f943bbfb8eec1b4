"""Regenerate the audit screenshots in docs/ with headless Chromium (Debian's ``chromium``).

    python docs/screenshots.py [FOLDER]

Writes ``docs/audit-top.png`` (the top of the audit of the five seed reports: what to fix
first), ``docs/audit-long.png`` (the whole page for the longest seed, its long lists collapsed),
``docs/audit-marked.png`` (a finding's link followed into the marked copy of the text) and
``docs/audit-timeline.png`` (a report's timeline of events), and prints each page's height.
Chromium is driven over its DevTools pipe (``--remote-debugging-pipe``) so that a page can be
shot whole, or after following a link, with nothing but the standard library.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LONGEST_SEED = "seeds/001_57fd68c990b575be.txt"
TIMELINE_SEED = "seeds/003_1657d4287ccc633e.txt"
WIDTH = 1200


class Chromium:
    """Headless Chromium, spoken to in DevTools protocol messages over a pipe (fds 3 and 4)."""

    def __init__(self) -> None:
        to_browser, self._writer = os.pipe()
        self._reader, from_browser = os.pipe()

        def fds() -> None:
            # The browser reads commands on fd 3 and writes replies on fd 4.
            inbound, outbound = os.dup(to_browser), os.dup(from_browser)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)

        binary = "/usr/lib/chromium/chromium"
        self._process = subprocess.Popen(
            [
                binary if os.path.exists(binary) else "chromium",
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            close_fds=False,
            preexec_fn=fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if getattr(self, "_session", None):
            message["sessionId"] = self._session
        os.write(self._writer, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._reader, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def open(self, url: str, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", url=url)
        time.sleep(1.5)  # load, run the page's script, follow the link

    def page_height(self) -> int:
        value = self.send("Runtime.evaluate", expression="document.body.scrollHeight")
        return int(value["result"]["value"])

    def shoot(self, png: Path, *, whole: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if whole:
            params["captureBeyondViewport"] = True
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": WIDTH,
                "height": self.page_height(),
                "scale": 1,
            }
        png.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", **params)["data"]))
        print(f"wrote {png}")

    def close(self) -> None:
        self._session = ""
        with contextlib.suppress(RuntimeError):  # it may close the pipe before it replies
            self.send("Browser.close")
        self._process.wait(timeout=30)


def _audit_page(paths: list[str], out: Path) -> str:
    from provenance.auditing import audit_paths, render_audit

    html = render_audit(audit_paths(paths), "html")
    out.write_text(html, encoding="utf-8")
    return html


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]).resolve() if args else DOCS  # another folder, for a test
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("chromium") is None:
        print(
            "screenshots: Debian's chromium is needed (apt-get install chromium)", file=sys.stderr
        )
        return 1
    sys.path.insert(0, str(ROOT / "src"))
    os.chdir(ROOT)  # paths as a user types them, so the pages show no local folders
    seeds = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        all_seeds, longest = Path(folder) / "seeds.html", Path(folder) / "longest.html"
        _audit_page(seeds, all_seeds)
        html = _audit_page([LONGEST_SEED], longest)
        browser = Chromium()
        try:
            browser.open(all_seeds.as_uri(), 1000)
            print(f"the seeds' audit page is {browser.page_height()} px long")
            browser.shoot(out / "audit-top.png")
            browser.open(longest.as_uri(), 1000)
            print(f"the longest seed's audit page is {browser.page_height()} px long")
            browser.shoot(out / "audit-long.png", whole=True)
            # The first finding's link, followed: the copy of the text opens at the finding.
            start = html.index('<table class="findings">')
            anchor = html[html.index('href="#', start) + 7 :].split('"', 1)[0]
            browser.open(f"{longest.as_uri()}#{anchor}", 700)
            browser.shoot(out / "audit-marked.png")
            # The timeline of events of the seed that has ages and relative dates to resolve.
            browser.open(f"{all_seeds.as_uri()}#doc-{seeds.index(TIMELINE_SEED) + 1}-events", 900)
            browser.shoot(out / "audit-timeline.png")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
