"""The HTML audit page: self-contained, escaped, and rendered by a real browser."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import provenance
from provenance.auditing import build_audit
from provenance.reporters.audit_html import render_audit_html

HOSTILE = (
    '<script>alert(1)</script> Report "><img src=x onerror=alert(2)>\n\n'
    "It could not be corroborated that the <script>alert(3)</script> officers "
    '"><img src=x onerror=alert(4)> beat him (see Section 9).\n'
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(text: str, path: str = "hostile.txt") -> str:
    document = provenance.parse(text, path)
    return render_audit_html(build_audit([(document, provenance.check(document))]))


def test_report_text_is_escaped_everywhere() -> None:
    elements = _Elements()
    elements.feed(_page(HOSTILE, 'x"><script>alert(5)</script>.txt'))
    assert "script" not in elements.tags
    assert "img" not in elements.tags
    assert not [name for name, _ in elements.attributes if name.startswith("on")]
    text = "".join(elements.text)
    assert "<script>alert(1)</script>" in text  # shown, as text
    assert '"><img src=x onerror=alert(2)>' in text


def test_self_contained(seed_results: list) -> None:
    page = render_audit_html(build_audit(seed_results))
    elements = _Elements()
    elements.feed(page)
    assert "script" not in elements.tags and "link" not in elements.tags
    urls = [value for name, value in elements.attributes if name in ("src", "href") and value]
    assert all(url.startswith("#") for url in urls), urls
    assert elements.tags.count("svg") >= len(seed_results)  # a timeline per document
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_renders_in_a_headless_browser(seed_results: list, tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    page.write_text(render_audit_html(build_audit(seed_results)), encoding="utf-8")
    shot = tmp_path / "audit.png"
    common = ["chromium", "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run"]
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page, not a blank
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    assert "Provenance audit" in dom and "<svg" in dom and "ASA 24/06/96" in dom
