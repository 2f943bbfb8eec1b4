"""PDF throughput: ``provenance check report.pdf`` beside ``pdftotext`` + ``provenance check``.

For each PDF (the test fixtures by default, or the paths given), both ways are timed end to end
as commands (median of ``--runs``), and what each reads is compared: notes linked to both
their call and their text. Prints a Markdown table. Needs Debian's poppler-utils (pdftotext)
and ``pip install -e '.[pdf]'``.

    python benchmarks/pdf.py [--runs N] [PDF...]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import provenance
from provenance.coverage import coverage

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "formats" / "data").glob("[!e]*.pdf"))  # not encrypted.pdf


def _pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def _timed(commands: list[list[str]], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for command in commands:
            subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext not found: apt-get install poppler-utils")
    check = [sys.executable, "-m", "provenance", "check", "--fail-on", "never"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for pdf in args.pdfs or FIXTURES:
            text = Path(folder) / f"{pdf.stem}.txt"
            direct = _timed([[*check, str(pdf)]], args.runs)
            converted = _timed(
                [["pdftotext", "-layout", str(pdf), str(text)], [*check, str(text)]], args.runs
            )
            read_pdf = coverage(provenance.parse_file(pdf))
            read_text = coverage(provenance.parse_file(text))
            pages = _pages(pdf)
            rows.append(
                f"| {pdf.name} | {pages} | {direct:.2f} s ({pages / direct:.1f} pages/s) "
                f"| {converted:.2f} s ({pages / converted:.1f} pages/s) "
                f"| {read_pdf.notes_linked} of {read_pdf.notes} "
                f"| {read_text.notes_linked} of {read_text.notes} |"
            )
    print(
        "| PDF | pages | `provenance check` on the PDF | `pdftotext -layout` + `provenance "
        "check` | notes linked (PDF) | notes linked (pdftotext) |"
    )
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
