"""The accuracy corpus as published: each chosen document's text as a web page and as a PDF.

    python benchmarks/formats.py [--cache DIR]     # render the chosen dev documents, list them

Used by ``python benchmarks/accuracy.py --formats``, which scores the renderings against the
truth of the text (``benchmarks/accuracy/README.md``, "PDF and HTML").

The page is made here, simply: every blank-line-separated block of the text is a paragraph,
every line of it ends in ``<br>``, characters are escaped and nothing else is added, so the
page holds exactly the words of the text in its order and line breaks (leading spaces are not
kept: a browser collapses them, as a published page has none). The PDF is that page typeset by
Chromium (``--headless --print-to-pdf``, A4, no header or footer), which breaks lines that are
longer than the measure and pages as a browser does. Renderings are cached by the hash of the
text (``~/.cache/provenance-accuracy/formats`` unless ``--cache`` says otherwise), so the
repository holds only this script.

Lines are scored by the words they hold: ``line_mapper`` aligns the words of the text read from
the rendering with the words of the original text (difflib), so each offset of what was read
gets the line of the original word it stands for.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from pathlib import Path

#: Which documents are rendered, decided before any figure of a rendering was seen: every
#: dev document whose text is under this many bytes (24 of the 30; the larger ones are
#: long UN, government and research reports, slow to typeset and read on every run).
MAX_BYTES = 45_000
#: Bump when the page or the printing changes, so cached renderings are made again.
RENDERING = "1"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / (
    "provenance-accuracy/formats"
)
FORMATS = ("html", "pdf")

_STYLE = "body{font-family:serif;font-size:11pt;line-height:1.3}p{margin:0 0 0.8em}"
_WORD = re.compile(r"\S+")


def chosen(pairs: Iterable[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """The (truth, text) pairs the rule picks."""
    return [(truth, text) for truth, text in pairs if text.stat().st_size < MAX_BYTES]


def page(text: str, title: str) -> str:
    """The text as a web page: a paragraph per block, a ``<br>`` per line break."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(html.escape(line.strip(), quote=False))
        elif blocks[-1]:
            blocks.append([])
    paragraphs = ["<p>" + "<br>\n".join(block) + "</p>" for block in blocks if block]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(paragraphs)
        + "\n</body>\n</html>\n"
    )


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("Chromium not found: apt-get install chromium")


def print_pdf(page_path: Path, pdf_path: Path) -> None:
    """Typeset ``page_path`` with Chromium into ``pdf_path`` (written atomically)."""
    with tempfile.TemporaryDirectory() as profile:
        partial = pdf_path.with_suffix(".pdf.part")
        subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={partial}",
                page_path.resolve().as_uri(),
            ],
            capture_output=True,
            check=True,
            timeout=300,
        )
        if not partial.exists() or not partial.read_bytes().startswith(b"%PDF"):
            raise SystemExit(f"Chromium made no PDF of {page_path}")
        partial.replace(pdf_path)


def renderings(text_path: Path, text: str, cache: Path = CACHE) -> dict[str, Path]:
    """The HTML and PDF renderings of one document, made on first use."""
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(f"{RENDERING}\0{text}".encode()).hexdigest()[:16]
    base = cache / f"{text_path.stem}-{key}"
    html_path, pdf_path = base.with_suffix(".html"), base.with_suffix(".pdf")
    if not html_path.exists():
        partial = html_path.with_suffix(".html.part")
        partial.write_text(page(text, text_path.stem), encoding="utf-8")
        partial.replace(html_path)
    if not pdf_path.exists():
        print_pdf(html_path, pdf_path)
    return {"html": html_path, "pdf": pdf_path}


def line_mapper(original: str, read: str) -> Callable[[int], int]:
    """For an offset of ``read``, the 1-based line of ``original`` that holds the same word.

    The words of both texts are aligned (difflib, on words compared without case); a word of
    ``read`` that the alignment leaves unmatched takes the line of the original word at the
    same place in the differing stretch, so a changed word keeps its neighbours' line.
    """
    newlines = [i for i, ch in enumerate(original) if ch == "\n"]
    o_words = list(_WORD.finditer(original))
    r_words = list(_WORD.finditer(read))
    o_lines = [bisect.bisect_left(newlines, m.start()) + 1 for m in o_words]
    r_starts = [m.start() for m in r_words]
    r_ends = [m.end() for m in r_words]
    matcher = SequenceMatcher(
        None,
        [m.group().casefold() for m in o_words],
        [m.group().casefold() for m in r_words],
        autojunk=False,
    )
    mapped = [1] * len(r_words)
    last = max(len(o_lines) - 1, 0)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            # Equal stretches pair word for word; others pair in order, the surplus of the
            # text read taking the last original word of the stretch.
            i = min(i1 + (j - j1), max(i2 - 1, i1))
            mapped[j] = o_lines[min(i, last)] if o_lines else 1

    def line_of(offset: int) -> int:
        if not mapped:
            return 1
        k = max(bisect.bisect_right(r_starts, offset) - 1, 0)
        if offset >= r_ends[k] and k + 1 < len(mapped):
            k += 1  # in the spaces after a word: the next word's line
        return mapped[k]

    return line_of


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from accuracy import corpus

    from provenance.source import read_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    for _, text_path in chosen(corpus("dev")):
        made = renderings(text_path, read_file(text_path).text, args.cache)
        print(f"{text_path.stem}: {made['html']} {made['pdf']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
