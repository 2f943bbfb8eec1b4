"""How much of its reading provenance keeps when a report's layout changes but not its words.

The same report reaches users as a web page's text, a PDF's text with or without blank lines,
or a copy wrapped at 80 columns. Each training document (never dev) is read as it is and in
three variants, and what the variant's reading keeps of the original's is counted:

- ``no blank lines``: every blank line removed (a PDF's or a web page's copied text);
- ``blank after every line``: a blank line after every line (a PDF extraction's double spacing);
- ``wrapped at 80``: lines longer than 80 characters wrapped at 80, for documents whose lines
  are paragraphs (``wrap_width`` finds no page width), as a plain-text copy of a web page is.

Reference entries are kept when the variant finds an entry with the same words (whitespace
aside); citations and notes are compared by number. The reading of the documents as they are
is the yardstick, not the truth: ``accuracy.py`` measures that. A variant's entries on a
document whose original has none are counted apart (lists read where none were).

    PYTHONPATH=src python benchmarks/robustness.py [--worst N]
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import provenance
from provenance.parsers.references import wrap_width
from provenance.source import read_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import corpus  # the benchmark's own corpus of documents

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
WRAP = 80


def no_blank_lines(text: str) -> str:
    return _BLANK_LINES.sub("\n", text)


def blank_after_every_line(text: str) -> str:
    return text.replace("\n", "\n\n")


def wrapped(text: str) -> str | None:
    """``text`` wrapped at ``WRAP`` columns, or None when a page already wrapped it."""
    if wrap_width(len(line.rstrip()) for line in text.split("\n")) is not None:
        return None
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) > WRAP:
            lines.extend(textwrap.wrap(line, WRAP, break_long_words=False, break_on_hyphens=False))
        else:
            lines.append(line)
    return "\n".join(lines)


VARIANTS: dict[str, Callable[[str], str | None]] = {
    "no blank lines": no_blank_lines,
    "blank after every line": blank_after_every_line,
    "wrapped at 80": wrapped,
}


def _words(text: str) -> str:
    return " ".join(text.split())


def reading(text: str) -> tuple[set[str], int, int]:
    """The words of each reference entry, and the numbers of citations and notes."""
    document = provenance.parse(text)
    entries = {_words(text[r.span.start : r.span.end]) for r in document.references}
    return entries, len(document.citations), len(document.footnotes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worst", type=int, default=5, help="documents listed per variant")
    options = parser.parse_args(argv)
    originals = []
    for _, text_path in corpus("train"):
        text = read_file(text_path).text
        originals.append((text_path.stem, text, reading(text)))
    print(
        "| variant | documents | reference entries kept | citations | notes | entries where none |"
    )
    print("|---|---|---|---|---|---|")
    losses: dict[str, list[tuple[int, str]]] = {}
    for name, variant in VARIANTS.items():
        documents = kept = entries = citations = citations_then = notes = notes_then = 0
        invented = 0
        for stem, text, (before, cited, noted) in originals:
            changed = variant(text)
            if changed is None:
                continue
            after, cited_after, noted_after = reading(changed)
            documents += 1
            entries += len(before)
            kept += len(before & after)
            citations_then += cited
            citations += min(cited, cited_after)
            notes_then += noted
            notes += min(noted, noted_after)
            if not before:
                invented += len(after)
            lost = len(before - after) + max(0, cited - cited_after) + max(0, noted - noted_after)
            losses.setdefault(name, []).append((lost, stem))
        print(
            f"| {name} | {documents} | {kept}/{entries} ({kept / max(entries, 1):.0%}) "
            f"| {citations}/{citations_then} ({citations / max(citations_then, 1):.0%}) "
            f"| {notes}/{notes_then} ({notes / max(notes_then, 1):.0%}) | {invented} |"
        )
    for name, ranked in losses.items():
        worst = sorted(ranked, reverse=True)[: options.worst]
        print(f"\n{name}, most lost: " + ", ".join(f"{stem[:40]} ({lost})" for lost, stem in worst))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
