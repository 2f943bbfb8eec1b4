"""Hostile input: time and peak memory per MB of each construct a hostile file can repeat.

Each construct (dates, citations, references, notes, note calls, uncorroborated statements,
hedges, cross-references, URLs, headings, blank lines, many findings) is generated at a
realistic size and parsed and checked in a child process of its own, which reports its wall
time, its processor time (the time per MB compared, since it varies far less with the load of
a shared machine) and its peak resident memory (``VmHWM``); the same is measured for real
report text (the seeds and the practice documents, concatenated). "Constant" is the peak of a
child checking a 5 KB report. Targets: no construct above 10x the time per MB of real report
text, and peak memory at most 10x the input plus the constant.

The 5 KB report loads neither the reference grammar nor the phrase tables, nor whatever else a
construct's first use loads, so a second figure takes each input's own constant: the peak of a
child checking the same input generated at 1/100 of the size (same grammars, same tables), and
gives ``(peak - that) / (size - its size)``, the memory each further MB costs.

    python benchmarks/hostile.py                 # every construct at 1 MB, real text at 1 MB
    python benchmarks/hostile.py --mb 4          # at 4 MB
    python benchmarks/hostile.py --big 100       # also one 100 MB file of real report text
    python benchmarks/hostile.py --only dates hedges
    python benchmarks/hostile.py --only none --big 100   # real text at 1 MB and 100 MB only

Inputs are checked under the library's default per-document limits (``--seconds`` sets a
fixed time limit instead), so an input reported as too complex shows in its row.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PRACTICE = sorted((ROOT.parent / "shared" / "practice").glob("*.txt"))
SMALL_SEED = ROOT / "seeds" / "002_43ecc7cc96973852.txt"

_HEAD = "Treatment of returnees [ABC12345.E]\n\n"


def _repeat(unit: Callable[[int], str], size: int, joiner: str = " ") -> str:
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        part = unit(i)
        parts.append(part)
        total += len(part) + len(joiner)
        i += 1
    return joiner.join(parts)


def _citations_and_references(size: int) -> str:
    half = size // 2
    body = _repeat(lambda i: f"Officials detained him (Source{i} {1990 + i % 20}).", half)
    count = body.count("(Source")
    refs = "\n\n".join(f'Source{i}. {1990 + i % 20}. "Report {i}." Toronto.' for i in range(count))
    return _HEAD + body + "\n\nReferences\n\n" + refs + "\n"


def _notes(size: int) -> str:
    body = _repeat(lambda i: f"Claim number {i} was made.{i % 999 + 1}", size // 2)
    notes = _repeat(lambda i: f"{i % 999 + 1}. Interview with a source, 1999.", size // 2, "\n")
    return _HEAD + body + "\n\nNotes\n\n" + notes + "\n"


CONSTRUCTS: dict[str, Callable[[int], str]] = {
    "dates": lambda n: (
        _HEAD + _repeat(lambda i: f"On {i % 28 + 1} May {1990 + i % 20} they met.", n)
    ),
    "citations (one source list of 7)": lambda n: (
        _HEAD
        + _repeat(lambda i: f"He was detained (Org{i % 7} {1990 + i % 7}).", n)
        + "\n\nReferences\n\n"
        + "\n\n".join(f'Org{i}. {1990 + i}. "Report {i}." Toronto.' for i in range(7))
    ),
    "citations x references (as many of each)": _citations_and_references,
    "references": lambda n: (
        _HEAD
        + "References\n\n"
        + _repeat(lambda i: f'Org{i}. {1990 + i % 20}. "Report number {i}." Toronto.', n, "\n\n")
    ),
    "notes and their calls": _notes,
    "footnote markers": lambda n: _HEAD + _repeat(lambda i: f"A claim.<sup>{i % 999 + 1}</sup>", n),
    "uncorroborated statements (one paragraph)": lambda n: (
        _HEAD
        + _repeat(
            lambda i: (
                "The police detained a journalist. No corroborating information could be found."
            ),
            n,
        )
    ),
    "hedges": lambda n: _HEAD + _repeat(lambda i: "Detainees were reportedly beaten.", n),
    "cross-references": lambda n: (
        _HEAD
        + "\n\n".join(f"{i + 1}. Heading {i + 1}\n\nText." for i in range(50))
        + "\n\n"
        + _repeat(lambda i: f"See section {i % 50 + 1} above.", n)
    ),
    "index codes": lambda n: (
        _HEAD
        + _repeat(
            lambda i: f"See Response ABC{10000 + i}.E and AI Index: ASA {i % 99:02d}/06/96.", n
        )
    ),
    "URLs": lambda n: (
        _HEAD + _repeat(lambda i: f"See http://www.example.org/page{i}.htm today.", n)
    ),
    "headings": lambda n: (
        _HEAD + _repeat(lambda i: f"{i + 1}. Heading {i}\n\nSome text here.", n, "\n\n")
    ),
    "blank lines": lambda n: "\n" * n,
    "many findings (a wrong weekday each sentence)": lambda n: (
        _HEAD + _repeat(lambda i: "On Thursday, 30 July 2004 the talks resumed.", n)
    ),
}


def real_text(size: int) -> str:
    documents = [path.read_text(encoding="utf-8") for path in SEEDS + PRACTICE]
    joined = "\n\n".join(documents)
    return "\n\n".join([joined] * (size // len(joined) + 1))[:size]


_CHILD = """
import json, sys, time
import provenance
from provenance.checking import check
from provenance.document import parse_document
from provenance.limits import Limits
path = sys.argv[1]
limits = Limits() if sys.argv[2] == "default" else Limits(seconds=float(sys.argv[2]))
text = open(path, encoding="utf-8").read()
start, cpu_start = time.perf_counter(), time.process_time()
document = parse_document(text, path, limits=limits)
parsed = time.perf_counter()
findings = check(document, limits=limits)
done, cpu_done = time.perf_counter(), time.process_time()
peak = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) * 1024
print(json.dumps({"parse": parsed - start, "check": done - parsed, "peak": peak,
                  "cpu": cpu_done - cpu_start,
                  "findings": len(findings), "too_complex": document.too_complex}))
"""


#: The per-document time limit the children run under: "default" (``provenance.limits``, which
#: grows with the text) unless ``--seconds`` sets a fixed one.
SECONDS = "default"


def measure(path: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), SECONDS],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"checking {path} failed:\n{result.stderr}")
    measured: dict[str, object] = json.loads(result.stdout)
    return measured


def row(
    name: str, text: str, scratch: Path, constant: float, small: str | None = None
) -> tuple[str, float, float, float | None]:
    path = scratch / "input.txt"
    # The same input at 1/100 of the size: its peak is this input's own constant.
    small_peak = small_size = 0.0
    if small is not None:
        path.write_text(small, encoding="utf-8")
        small_size = path.stat().st_size / 1e6
        small_peak = float(measure(path)["peak"]) / 1e6  # type: ignore[arg-type]
    path.write_text(text, encoding="utf-8")
    megabytes = path.stat().st_size / 1e6
    started = time.perf_counter()
    figures = measure(path)
    wall = time.perf_counter() - started
    seconds = float(figures["parse"]) + float(figures["check"])  # type: ignore[arg-type]
    cpu = float(figures["cpu"])  # type: ignore[arg-type]
    peak = float(figures["peak"]) / 1e6  # type: ignore[arg-type]
    # Compared by processor time: on a shared machine wall time varies with the load far more.
    per_mb = cpu / megabytes
    memory = (peak - constant) / megabytes
    slope = (peak - small_peak) / (megabytes - small_size) if small is not None else None
    marginal = "–" if slope is None else f"{slope:.1f}x ({small_peak:.0f} MB)"
    note = f" (too complex: {figures['too_complex']})" if figures["too_complex"] else ""
    print(
        f"| {name} | {megabytes:.1f} MB | {seconds:.1f} s | {cpu:.1f} s | {per_mb:.2f} s/MB | "
        f"{peak:.0f} MB | {memory:.1f}x | {marginal} | {figures['findings']:,} |{note}",
        flush=True,
    )
    del wall
    path.unlink()
    return name, per_mb, memory, slope


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each construct's input")
    parser.add_argument("--big", type=float, default=0, help="also one file of real text, MB")
    parser.add_argument("--only", nargs="*", default=None, help="constructs (name prefixes)")
    parser.add_argument(
        "--seconds",
        type=float,
        default=None,
        help="a fixed time limit for parsing and for checking each input (default: the "
        "library's, which grows with the text)",
    )
    args = parser.parse_args(argv)
    global SECONDS
    if args.seconds is not None:
        SECONDS = str(args.seconds)
    size = int(args.mb * 1e6)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        constant = float(measure(SMALL_SEED)["peak"]) / 1e6  # type: ignore[arg-type]
        print(f"constant (a 5 KB report): {constant:.0f} MB\n")
        print(
            "| input | size | parse + check (wall) | (processor) | processor time per MB "
            "| peak memory | (peak - constant) / size | (peak - peak at 1/100) / added size "
            "| findings |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        _, real, _, _ = row(
            "real report text (seeds + practice, repeated)",
            real_text(size),
            scratch,
            constant,
            real_text(size // 100),
        )
        results = []
        for name, generate in CONSTRUCTS.items():
            if args.only and not any(name.startswith(prefix) for prefix in args.only):
                continue
            results.append(row(name, generate(size), scratch, constant, generate(size // 100)))
        if args.big:
            row(
                f"{args.big:g} MB of real report text",
                real_text(int(args.big * 1e6)),
                scratch,
                constant,
            )
        print()
        for name, per_mb, memory, slope in results:
            misses = []
            if per_mb > 10 * real:
                misses.append(f"time {per_mb / real:.1f}x real text")
            if memory > 10:
                misses.append(f"memory {memory:.1f}x the input")
            if slope is not None and slope > 10:
                misses.append(f"memory {slope:.1f}x each added MB")
            if misses:
                print(f"target missed: {name}: {', '.join(misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
