"""The HTML audit page: self-contained, escaped, summary first, and rendered by a real browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import provenance
from provenance.auditing import Mark, TimelinePoint, build_audit
from provenance.reporters.audit_html import (
    COLLAPSE_AFTER,
    FILTER_SCRIPT,
    OPEN_DOCUMENTS,
    render_audit_html,
    rendered_text,
    timeline_svg,
)

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
        self.scripts: list[str] = []
        self.ids: list[str] = []
        self.opened: list[tuple[str, dict[str, str | None]]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self.opened.append((tag, dict(attrs)))
        self.ids.extend(value for name, value in attrs if name == "id" and value)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _elements(page: str) -> _Elements:
    elements = _Elements()
    elements.feed(page)
    return elements


def _page(text: str, path: str = "hostile.txt") -> str:
    document = provenance.parse(text, path)
    return render_audit_html(build_audit([(document, provenance.check(document))]))


def test_report_text_is_escaped_everywhere() -> None:
    elements = _elements(_page(HOSTILE, 'x"><script>alert(5)</script>.txt'))
    # The page's own filter is its only script, exactly as shipped.
    assert elements.tags.count("script") == 1 and elements.scripts == [FILTER_SCRIPT]
    assert "img" not in elements.tags
    assert not [name for name, _ in elements.attributes if name.startswith("on")]
    text = "".join(elements.text)
    assert "<script>alert(1)</script>" in text  # shown, as text
    assert '"><img src=x onerror=alert(2)>' in text


def test_self_contained(seed_results: list) -> None:
    page = render_audit_html(build_audit(seed_results))
    elements = _elements(page)
    assert elements.scripts == [FILTER_SCRIPT] and "link" not in elements.tags
    urls = [value for name, value in elements.attributes if name in ("src", "href") and value]
    assert all(url.startswith("#") for url in urls), urls
    assert elements.tags.count("svg") >= len(seed_results)  # a timeline per document
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    # Nothing loads from anywhere, and only the shipped script may run.
    digest = base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()
    policy = next(a["content"] for t, a in elements.opened if a.get("http-equiv"))
    assert policy == (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "img-src data:"
    )


def test_every_link_lands_on_the_page(seed_results: list) -> None:
    elements = _elements(render_audit_html(build_audit(seed_results)))
    targets = {value[1:] for name, value in elements.attributes if name == "href" and value}
    assert targets and targets <= set(elements.ids)
    assert len(elements.ids) == len(set(elements.ids))  # ids are unique


def test_summary_first_by_rule_and_by_document(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_html(audit)
    assert page.index('id="summary"') < page.index('id="across"') < page.index('id="doc-1"')
    summary = page[page.index('id="summary"') : page.index('id="across"')]
    rows = re.findall(
        r'badge (\w+)">\w+</span></td><td><code>([a-z-]+)</code></td>'
        r'<td class="num">(\d+)</td>',
        summary,
    )
    # Errors first, then warnings, then infos; most frequent first within each.
    severities = [severity for severity, _, _ in rows]
    assert severities == sorted(severities, key=("error", "warning", "info").index)
    assert rows[0] == ("error", "footnote-without-marker", "6")
    assert sum(int(n) for s, _, n in rows if s == "error") == audit.count("error") == 8
    # Documents with errors come first, linked to their section.
    first = re.search(r'<table class="by-document">.*?<a href="#(doc-\d+)">', summary, re.S)
    assert first is not None
    index = int(first.group(1).split("-")[1]) - 1
    assert audit.documents[index].path.endswith("001_57fd68c990b575be.txt")


def test_findings_carry_their_sentence_and_a_link_into_the_text(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_html(audit)
    doc = next(d for d in audit.documents if d.path.endswith("003_1657d4287ccc633e.txt"))
    finding = next(f for f in doc.findings if f.rule == "weekday-mismatch")
    assert finding.context[finding.context_start :].startswith("Thursday, May 29")
    number = audit.documents.index(doc) + 1
    row = re.search(r'<tr data-severity="error" data-rule="weekday-mismatch">.*?</tr>', page, re.S)
    assert row is not None
    assert f'href="#doc-{number}-at-{finding.start}"' in row.group(0)
    assert (
        '<div class="excerpt">They were sent to Kunmin on the morning of <mark>Thursday, '
        "May 29</mark> and to Changchun yesterday.</div>" in row.group(0)
    )
    # In the marked copy, the anchor sits where the finding starts, and the finding's words
    # are highlighted as an error (over the date mark they also carry).
    copy = page[page.index(f'id="doc-{number}-at-{finding.start}"') :][:400]
    assert re.search(r'<mark class="m-error[^"]*m-date" title="weekday-mismatch: ', copy)


def test_marked_copy_highlights_citations_and_note_links(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_html(audit)
    for number, doc in enumerate(audit.documents, 1):
        section = page[page.index(f'id="doc-{number}"') :]
        copy = section[section.index('<div class="text">') :]
        copy = copy[: copy.index("</div>")]
        assert copy.count("m-citation") >= (1 if doc.citations else 0)
        calls = sum(len(n.marker_lines) for n in doc.footnotes)
        assert (copy.count('class="m-note-call') >= 1) == (calls > 0)
        # The copy is the document's text, whole and escaped.
        text = "".join(_elements(copy).text)
        assert text.replace("⚑", "") == doc.text


def test_qualified_claims_are_listed_once(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_html(audit)
    assert 'data-rule="hedged-claim"><td>' not in page  # no findings row of its own
    assert 'data-rule="hedged-claim"><span' in page  # but a claim
    doc = next(d for d in audit.documents if d.path.endswith("001_57fd68c990b575be.txt"))
    both = [c for c in doc.claims if c.line == 98]
    assert len(both) == 1 and both[0].rules == ("uncorroborated-claim", "anonymous-source")
    assert 'data-severity="warning info" data-rule="uncorroborated-claim anonymous-source"' in page


def test_long_lists_start_collapsed(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_html(audit)
    for number, doc in enumerate(audit.documents, 1):
        section = page[page.index(f'id="doc-{number}"') :]
        claims = re.search(r"<details( open)?><summary><h3>Qualified claims", section)
        assert claims is not None
        assert bool(claims.group(1)) == (0 < len(doc.claims) <= COLLAPSE_AFTER)
    assert '<details class="document-text">' in page  # the copies start closed


def test_many_documents_start_collapsed_under_their_counts() -> None:
    def page(count: int) -> str:
        documents = [
            provenance.parse(f"Report {i}\n\nThe police reportedly beat him.\n", f"r{i}.txt")
            for i in range(count)
        ]
        return render_audit_html(build_audit([(d, provenance.check(d)) for d in documents]))

    few, many = page(OPEN_DOCUMENTS), page(OPEN_DOCUMENTS + 1)
    assert re.findall(r'<details id="doc-\d+"( open)?>', few) == [" open"] * OPEN_DOCUMENTS
    assert re.findall(r'<details id="doc-\d+"( open)?>', many) == [""] * (OPEN_DOCUMENTS + 1)
    assert "0 errors, 0 warnings, 1 qualified claim</span></summary>" in many


def test_page_works_without_the_script(seed_results: list) -> None:
    elements = _elements(render_audit_html(build_audit(seed_results)))
    hidden = [(tag, a.get("id")) for tag, a in elements.opened if "hidden" in a]
    # Only the filter, which needs the script, is hidden until the script shows it.
    assert hidden == [("form", "filter")]


def _points(years: list[float]) -> tuple[TimelinePoint, ...]:
    return tuple(
        TimelinePoint(i + 1, str(int(y)), f"{int(y)}", y, False, start=i)
        for i, y in enumerate(years)
    )


def test_timeline_breaks_its_axis_for_a_far_outlier() -> None:
    years = [1823.5] + [2005 + i / 2 for i in range(25)]
    svg = timeline_svg(_points(years), "t", own_date="2017-03", own_position=2017.2, link="doc-1")
    ticks = [int(t) for t in re.findall(r'text-anchor="middle">(\d{4})</text>', svg)]
    # The bulk's axis runs over the 2000s; 1823 is drawn beyond a break, labelled with its year.
    assert min(ticks) >= 2000 and max(ticks) <= 2018
    assert 'class="break"' in svg and 'class="outlier">1823</text>' in svg
    assert "document dated 2017-03</text>" in svg
    assert svg.count("<circle") == len(years) + 2  # each date, and two in the legend
    assert 'href="#doc-1-at-0"' in svg


def test_timeline_without_outliers_keeps_one_axis() -> None:
    svg = timeline_svg(_points([1990 + i for i in range(20)]), "t")
    assert 'class="break"' not in svg and "document dated" not in svg


def test_timeline_counts_overflowing_stacks() -> None:
    svg = timeline_svg(_points([2001.5] * 12 + [1990.5, 2010.5]), "t")
    assert 'class="count">12</text>' in svg


def test_reliance_ranks_by_more_than_one_sentence() -> None:
    short = provenance.parse("A page\n\nThe police reportedly beat him. He left.\n", "short.txt")
    long_text = "A report\n\n" + " ".join(
        "The police reportedly beat him." if i % 4 == 0 else "He was released on bail."
        for i in range(200)
    )
    long = provenance.parse(long_text + "\n", "long.txt")
    audit = build_audit([(d, provenance.check(d)) for d in (short, long)])
    ranked = [r.path for r in audit.reliance]
    assert ranked == ["long.txt", "short.txt"], audit.reliance
    short_row = audit.reliance[1]
    assert short_row.share > audit.reliance[0].share  # the raw share would have put it first
    assert audit.reliance[0].per_thousand_words > 0


# --------------------------------------------------------------------------- in a browser

CHROMIUM = ["chromium", "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run"]

#: Run in the page after the filter script: what a reader sees, written into the body.
PROBE = """
(function () {
  function visible(node) {
    if (!node) { return false; }
    var box = node.getBoundingClientRect();
    return box.width > 0 && box.height > 0 &&
      node.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
  }
  var out = {};
  var summary = document.getElementById("summary");
  out.summaryVisible = visible(summary);
  out.summaryOnFirstScreen = summary.getBoundingClientRect().top < innerHeight;
  out.byRuleVisible = visible(document.querySelector("table.by-rule"));
  out.filterVisible = visible(document.getElementById("filter"));
  out.filterCount = document.querySelector("#filter output").textContent;
  out.firstRowVisible = visible(document.querySelector("table.findings tr[data-severity]"));
  var link = document.querySelector("table.findings a[href^='#']");
  var id = link.getAttribute("href").slice(1);
  var copy = document.getElementById(id).closest("details");
  out.copyOpenAtFirst = copy.open;
  out.target = visible(document.getElementById(id).nextElementSibling);
  location.hash = id;
  window.dispatchEvent(new HashChangeEvent("hashchange"));
  out.copyOpenAfterLink = copy.open;
  out.targetAfterLink = visible(document.getElementById(id).nextElementSibling);
  var form = document.getElementById("filter");
  form.querySelectorAll("input[name=severity]").forEach(function (box) {
    box.checked = box.value === "error";
  });
  form.dispatchEvent(new Event("change"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-severity]"));
  out.visibleAfterFilter = rows.filter(visible).map(function (row) {
    return row.getAttribute("data-severity");
  });
  out.rows = rows.length;
  window.dispatchEvent(new Event("beforeprint"));
  out.openForPrint = Array.prototype.every.call(document.querySelectorAll("details"),
    function (section) { return section.open; });
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
"""


def _with_probe(page: str) -> str:
    digest = base64.b64encode(hashlib.sha256(PROBE.encode()).digest()).decode()
    page = page.replace("script-src '", f"script-src 'sha256-{digest}' '", 1)
    return page.replace("</body>", f"<script>{PROBE}</script>\n</body>", 1)


def _chromium(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*CHROMIUM, "--enable-logging=stderr", "--v=0", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _console(run: subprocess.CompletedProcess[bytes]) -> list[str]:
    return [
        line for line in run.stderr.decode("utf-8", "replace").splitlines() if ":CONSOLE" in line
    ]


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="Debian's chromium is not installed"
)


@pytest.mark.slow
@needs_chromium
def test_renders_in_a_headless_browser(seed_results: list, tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    html = render_audit_html(build_audit(seed_results))
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "audit.png"
    run = _chromium(f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page, not a blank
    assert _console(run) == []
    dom = _chromium("--dump-dom", page.as_uri()).stdout.decode("utf-8")
    assert "Provenance audit" in dom and "<svg" in dom and "ASA 24/06/96" in dom

    probed = tmp_path / "probed.html"
    probed.write_text(_with_probe(html), encoding="utf-8")
    run = _chromium("--window-size=1280,900", "--dump-dom", probed.as_uri())
    # No console message at all: no script error, and no script or resource refused by the
    # page's policy (the filter runs under it: its hash is right).
    assert _console(run) == []
    found = re.search(r'data-probe="([^"]*)"', run.stdout.decode("utf-8"))
    assert found is not None, "the probe did not run"
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    total = probe["rows"]
    assert probe["summaryVisible"] and probe["summaryOnFirstScreen"] and probe["byRuleVisible"]
    assert probe["filterVisible"] and probe["filterCount"] == f"{total} of {total} shown"
    assert probe["firstRowVisible"]
    # A finding's link opens the collapsed copy of the text and shows the marked words.
    assert not probe["copyOpenAtFirst"] and not probe["target"]
    assert probe["copyOpenAfterLink"] and probe["targetAfterLink"]
    # Filtering by severity leaves the errors only.
    assert probe["visibleAfterFilter"] and set(probe["visibleAfterFilter"]) == {"error"}
    # Printing opens every collapsed section.
    assert probe["openForPrint"]


@pytest.mark.slow
@needs_chromium
def test_the_console_check_sees_errors(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>notDefined();</script>", encoding="utf-8")
    lines = _console(_chromium("--dump-dom", page.as_uri()))
    assert any("notDefined" in line for line in lines)


@pytest.mark.slow
@needs_chromium
def test_without_scripts_everything_shows(seed_results: list, tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    html = render_audit_html(build_audit(seed_results))
    # The page's own policy refusing its script is a browser with scripts turned off.
    page.write_text(re.sub(r"script-src '[^']+'", "script-src 'none'", html), encoding="utf-8")
    run = _chromium("--dump-dom", page.as_uri())
    assert any("Content Security Policy" in line for line in _console(run))
    dom = run.stdout.decode("utf-8")
    assert '<form id="filter" class="filter" hidden="">' in dom
    assert re.search(r"<tr data-severity=\"\w+\" data-rule=\"[a-z-]+\" hidden", dom) is None


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.slow
@needs_chromium
def test_the_screenshot_script_shoots_the_pages_the_readme_shows(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    script = root / "docs" / "screenshots.py"
    run = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        timeout=600,
        check=True,
        text=True,
    )
    heights = dict(re.findall(r"the (seeds'|longest seed's) audit page is (\d+) px", run.stdout))
    names = ("audit-top.png", "audit-long.png", "audit-marked.png", "audit-timeline.png")
    sizes = {name: _png_size((tmp_path / name).read_bytes()) for name in names}
    assert sizes["audit-top.png"] == (1200, 1000)
    # The long report is shot whole, and stays a manageable page with its lists collapsed.
    assert sizes["audit-long.png"] == (1200, int(heights["longest seed's"]))
    assert 1500 < int(heights["longest seed's"]) < 5000
    # Each screenshot is shown in the README, from docs/.
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert all(f"](docs/{name})" in readme and (root / "docs" / name).is_file() for name in names)


def test_rendered_text_cuts_overlapping_marks_and_keeps_the_text() -> None:
    text = "He said <b> it (Smith 2001) on 5 May.\n"
    marks = (
        Mark(0, 37, "info", "hedged-claim: said"),
        Mark(15, 27, "citation", "citation: source 1"),
        Mark(31, 36, "date", "date 5 May"),
        Mark(20, 20, "error", "a point"),
    )
    html = rendered_text(0, text, marks)
    elements = _elements(html)
    shown = "".join(elements.text)
    assert shown.replace("⚑", "") == text and shown.index("⚑") == 20
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert re.search(r'<mark class="m-info m-citation" title="hedged-claim: said\ncitation', html)
    assert elements.ids == ["doc-1-at-0", "doc-1-at-15", "doc-1-at-20", "doc-1-at-31"]
    assert '<mark class="m-error point" title="a point">⚑</mark>' in html


def test_sources_and_notes_link_to_their_places(seed_results: list) -> None:
    audit = build_audit(seed_results)
    page = render_audit_html(audit)
    number = next(
        i for i, d in enumerate(audit.documents, 1) if d.path.endswith("001_57fd68c990b575be.txt")
    )
    doc = audit.documents[number - 1]
    note = next(n for n in doc.footnotes if n.marker_starts and n.body_start is not None)
    section = page[page.index(f'id="doc-{number}"') :]
    notes = section[section.index("<h3>Footnotes") :]
    notes = notes[: notes.index("</table>")]
    row = re.search(
        rf'<tr><td class="num">{note.number}</td><td>(.*?)</td><td>(.*?)</td></tr>', notes, re.S
    )
    assert row is not None
    assert f'href="#doc-{number}-at-{note.marker_starts[0]}"' in row.group(1)
    assert f'href="#doc-{number}-at-{note.body_start}"' in row.group(2)
