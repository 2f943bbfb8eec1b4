"""Speed, scaling and memory of provenance, printed as a Markdown table.

    python benchmarks/run.py            # everything (about 10 minutes; builds a proselint venv)
    python benchmarks/run.py --quick    # smaller inputs, no 100 MB run, no proselint

Measures, in one run on one machine:
- whole-process latency of `provenance check` on one report (the 66 KB seed and a 5 KB one),
  against `python -c "import lark"` and `python -c pass`, with proselint's on the same reports
  beside it (not with ``--quick``);
- in-process throughput (MB/s) of parse and of check on a ~10 MB corpus of seeds and generated
  reports, and proselint's throughput on the same files (in its own virtual environment);
- ``check --jobs 1`` on ~10 MB of real reports, one report per file, per core, against
  proselint on the same files;
- scaling: 1x, 10x and 100x the input, as one large document and as many documents;
- `--jobs 1` against `--jobs 2` on a many-document corpus;
- hostile inputs: a 10 MB line, 100,000 footnote markers, a million opening parentheses;
- peak memory of a child process parsing and checking a 100 MB file, of real report text and
  of generated reports.

``--only SECTION ...`` runs some of them (sections: latency, throughput, real, scaling, jobs,
pathological, memory, proselint; proselint also runs throughput, to compare with).
``--against CHECKOUT`` times another checkout's ``check`` in the latency rounds too (main
beside a branch, measured alike in one run).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BIG_SEED = ROOT / "seeds" / "001_57fd68c990b575be.txt"
SMALL_SEED = ROOT / "seeds" / "002_43ecc7cc96973852.txt"
PROVENANCE = [sys.executable, "-m", "provenance"]


# --------------------------------------------------------------------------- corpus


_ORGS = ["Amnesty International", "Human Rights Watch", "The Korea Post", "Reuters", "Yonhap"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


def generated_report(rng: random.Random, number: int) -> str:
    """A synthetic IRB-style Response: prose with citations, notes and a reference list."""
    year = rng.randint(1990, 2010)
    lines = [f"Treatment of returnees (ABC{number:05d}.E) [ABC{number:05d}.E]", ""]
    cited = rng.sample(_ORGS, 3)
    for paragraph in range(rng.randint(4, 9)):
        org = rng.choice(cited)
        month = rng.choice(_MONTHS)
        lines.append(
            f"On {rng.randint(1, 28)} {month} {year} officials reportedly detained "
            f"{rng.randint(2, 90)} returnees at the airport ({org} {month[:3]}. {year}). "
            f"They were released a week later (ibid.). Sources said the practice continued "
            f"into {year + 1}.<sup>{paragraph + 1}</sup>"
        )
        lines.append("")
    lines += ["References", ""]
    for org in cited:
        month = rng.choice(_MONTHS)
        lines += [
            f'{org}. {rng.randint(1, 28)} {month} {year}. "Returnees Questioned." '
            f"http://www.example.org/{number}/{org.split()[0].lower()}.htm "
            f"[Accessed {rng.randint(1, 28)} May {year + 1}]",
            "",
        ]
    return "\n".join(lines)


def corpus(total_bytes: int, seed: int = 7) -> list[str]:
    """Documents adding up to about ``total_bytes``: the seeds, then generated reports."""
    rng = random.Random(seed)
    documents = [path.read_text(encoding="utf-8") for path in SEEDS]
    size = sum(len(d.encode("utf-8")) for d in documents)
    number = 0
    while size < total_bytes:
        document = generated_report(rng, number)
        documents.append(document)
        size += len(document.encode("utf-8"))
        number += 1
    return documents


def write_corpus(folder: Path, documents: Sequence[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, document in enumerate(documents):
        path = folder / f"report-{index:05d}.txt"
        path.write_text(document, encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- timing


def median_seconds(command: Sequence[str], runs: int, cwd: Path | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _check_all(documents: Sequence[str]) -> None:
    import provenance

    for document in documents:
        provenance.check(provenance.parse(document))


def in_process(function: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(code: str) -> float:
    """Peak resident set size of a fresh child Python process running ``code``, in MB.

    The child reports its own high-water mark. Linux's ``VmHWM`` belongs to the address space
    the child exec'd into; ``ru_maxrss`` would also count the copy of this (large) parent the
    child was forked from, and RUSAGE_CHILDREN the largest child run so far.
    """
    report = (
        "\nimport resource\n"
        "try:\n"
        "    with open('/proc/self/status') as status:\n"
        "        peak = next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
        "except (OSError, StopIteration):\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(peak)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code + report], check=True, capture_output=True, text=True
    )
    return int(result.stdout.split()[-1]) / 1024


# --------------------------------------------------------------------------- benchmarks


def _timed_run(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and processor time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


#: The issue's targets: a whole ``check`` process against ``python -c "import lark"``.
LATENCY_TARGETS = {"5 KB": 2.0, "66 KB": 3.0}


def _against_env(checkout: Path) -> dict[str, str]:
    """The environment that runs another checkout's ``provenance`` (its ``src`` first)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(checkout / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env


def latency(
    rows: list[tuple[str, str]],
    runs: int,
    proselint: list[str] | None = None,
    against: Path | None = None,
) -> dict[str, float]:
    # pip compiles an installed package to bytecode; a source checkout (or an environment with
    # PYTHONDONTWRITEBYTECODE set) would otherwise recompile every module on every start.
    spec = importlib.util.find_spec("provenance")
    assert spec is not None and spec.submodule_search_locations is not None
    package = spec.submodule_search_locations[0]
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    subprocess.run([*PROVENANCE, "check", str(SMALL_SEED)], capture_output=True)  # warm caches
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import lark"': [sys.executable, "-c", "import lark"],
        "provenance check (66 KB seed)": [*PROVENANCE, "check", str(BIG_SEED)],
        "provenance check (5 KB seed)": [*PROVENANCE, "check", str(SMALL_SEED)],
    }
    envs: dict[str, dict[str, str]] = {}
    if against is not None:
        # Another checkout's check (``--against``, main beside a branch), in the same rounds.
        env = _against_env(against)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(against / "src")], check=True)
        subprocess.run([*PROVENANCE, "check", str(SMALL_SEED)], capture_output=True, env=env)
        for size, seed in (("66 KB", BIG_SEED), ("5 KB", SMALL_SEED)):
            name = f"provenance check ({size} seed, against)"
            commands[name] = [*PROVENANCE, "check", str(seed)]
            envs[name] = env
    if proselint is not None:
        # The same reports through proselint, measured in the same rounds, for its ratios.
        commands["proselint (66 KB seed)"] = [*proselint, str(BIG_SEED)]
        commands["proselint (5 KB seed)"] = [*proselint, str(SMALL_SEED)]
        subprocess.run([*proselint, str(SMALL_SEED)], capture_output=True)  # warm its caches
    # Interleaved, so that a change in the machine's load falls on every command alike; the
    # processor time of each child is kept beside its wall time, being far less noisy on a
    # shared machine.
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, cpu = _timed_run(command, envs.get(name))
            walls[name].append(wall)
            cpus[name].append(cpu)
    figures = {name: statistics.median(times) for name, times in walls.items()}
    cpu_figures = {name: statistics.median(times) for name, times in cpus.items()}
    for name, seconds in figures.items():
        rows.append(
            (
                f"latency: {name}",
                f"{seconds * 1000:.0f} ms (processor {cpu_figures[name] * 1000:.0f} ms)",
            )
        )
    lark = figures['python -c "import lark"']
    lark_cpu = cpu_figures['python -c "import lark"']
    for size, target in LATENCY_TARGETS.items():
        name = f"provenance check ({size} seed)"
        rows.append(
            (
                f"latency ratio: check ({size}) / import lark",
                f"{figures[name] / lark:.2f}x, processor {cpu_figures[name] / lark_cpu:.2f}x "
                f"(target <= {target:g}x)",
            )
        )
        name = f"provenance check ({size} seed, against)"
        if name in figures:
            rows.append(
                (
                    f"latency ratio: check ({size}, against {against}) / import lark",
                    f"{figures[name] / lark:.2f}x, processor {cpu_figures[name] / lark_cpu:.2f}x",
                )
            )
        theirs = f"proselint ({size} seed)"
        if theirs in figures:
            rows.append(
                (
                    f"latency ratio: proselint ({size}) / import lark",
                    f"{figures[theirs] / lark:.2f}x, processor "
                    f"{cpu_figures[theirs] / lark_cpu:.2f}x",
                )
            )
    return figures


def throughput(rows: list[tuple[str, str]], documents: Sequence[str]) -> float:
    """Parse, check and parse + check MB/s in process; returns check's (the rules alone)."""
    import provenance

    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    parsed: list[object] = []

    def parse_all() -> None:
        parsed[:] = [provenance.parse(d) for d in documents]

    parse_seconds = in_process(parse_all, runs=1)
    check_seconds = in_process(lambda: [provenance.check(d) for d in parsed], runs=1)  # type: ignore[arg-type]
    rows.append(
        (
            f"throughput: parse ({megabytes:.1f} MB, {len(documents)} docs)",
            f"{megabytes / parse_seconds:.2f} MB/s",
        )
    )
    rows.append(
        (
            "throughput: check (rules only, on parsed documents)",
            f"{megabytes / check_seconds:.2f} MB/s",
        )
    )
    total = megabytes / (parse_seconds + check_seconds)
    rows.append(("throughput: parse + check", f"{total:.2f} MB/s"))
    return megabytes / check_seconds


def scaling(rows: list[tuple[str, str]], base_bytes: int) -> None:
    base = corpus(base_bytes, seed=11)
    base_kb = sum(len(document.encode("utf-8")) for document in base) // 1000
    _check_all(base)  # parsers built and caches warm before anything is timed
    for label, make in (
        ("one large document", lambda n: ["\n\n".join(base * n)]),
        ("many documents", lambda n: base * n),
    ):
        times = {}
        for factor in (1, 10, 100):
            documents = make(factor)
            # The 1x run is short enough for noise to move the ratio: take a median there.
            runs = {1: 5, 10: 3, 100: 1}[factor]
            times[factor] = in_process(partial(_check_all, documents), runs=runs)
        rows.append(
            (
                f"scaling, {label} ({base_kb} KB x 1/10/100)",
                f"{times[1]:.2f} s / {times[10]:.2f} s / {times[100]:.2f} s; "
                f"100x took {times[100] / times[1]:.0f}x (target <= 110x)",
            )
        )


def jobs(rows: list[tuple[str, str]], scratch: Path, documents: Sequence[str]) -> None:
    folder = scratch / "many"
    write_corpus(folder, documents)
    one = median_seconds(
        [*PROVENANCE, "check", "--jobs", "1", "--fail-on", "never", str(folder)], 1
    )
    two = median_seconds(
        [*PROVENANCE, "check", "--jobs", "2", "--fail-on", "never", str(folder)], 1
    )
    rows.append(
        (
            f"--jobs 1 vs --jobs 2 ({len(documents)} files)",
            f"{one:.1f} s vs {two:.1f} s: {one / two:.2f}x (target >= 1.7x)",
        )
    )


def memory(rows: list[tuple[str, str]], scratch: Path, megabytes: int) -> None:
    """Peak memory of one child process parsing and checking one large file, for two inputs:
    real report text (the seeds, repeated) and the generated reports, which are far denser in
    dates, citations and findings than any real report."""
    seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
    seed_text = "\n\n".join(seeds)
    inputs = {
        "the seeds repeated": "\n\n".join(
            [seed_text] * (megabytes * 1_000_000 // len(seed_text) + 1)
        ),
        "generated reports": "\n\n".join(corpus(megabytes * 1_000_000, seed=5)[len(seeds) :]),
    }
    # The constant: interpreter, imports and built parsers, checking one 5 KB report.
    baseline = peak_rss_mb(
        f"import provenance\nprovenance.check(provenance.parse_file({str(SMALL_SEED)!r}))\n"
    )
    for name, text in inputs.items():
        big = scratch / "big.txt"
        big.write_text(text, encoding="utf-8")
        size = big.stat().st_size / 1e6
        code = f"import provenance\nd = provenance.parse_file({str(big)!r})\nprovenance.check(d)\n"
        start = time.perf_counter()
        peak = peak_rss_mb(code)
        seconds = time.perf_counter() - start
        ratio = (peak - baseline) / size
        rows.append(
            (
                f"peak memory, parse + check of one {size:.0f} MB file ({name})",
                f"{peak:.0f} MB = {baseline:.0f} MB for a 5 KB report + {ratio:.1f}x "
                f"the input (target <= 10x); {seconds:.0f} s",
            )
        )
        big.unlink()


def pathological(rows: list[tuple[str, str]], scale: float) -> None:
    """The hostile inputs of the robustness requirements: each must take time linear in size."""

    count = int(1_000_000 * scale)
    cases = {
        f"one {count * 10 // 1_000_000} MB line": "Officials said that " * (count // 2),
        f"{count // 10:,} footnote markers": "".join(
            f"Claim.<sup>{n % 999 + 1}</sup> " for n in range(count // 10)
        ),
        f"{count:,} opening parentheses": "(" * count,
        f"{count // 8:,} (ibid.) citations": "(ibid.) " * (count // 8),
    }
    for name, text in cases.items():
        seconds = in_process(partial(_check_all, [text]), runs=1)
        megabytes = len(text.encode("utf-8")) / 1e6
        rows.append(
            (f"pathological input: {name}", f"{seconds:.1f} s ({megabytes / seconds:.2f} MB/s)")
        )


def proselint(
    rows: list[tuple[str, str]], scratch: Path, documents: Sequence[str], ours: float
) -> None:
    found = _proselint_command(scratch)
    if isinstance(found, str):
        rows.append(("proselint", found))
        return
    folder = scratch / "prose"
    paths = write_corpus(folder, documents)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    command = [*found, *map(str, paths)]
    seconds = median_seconds(command, 1)
    theirs = megabytes / seconds
    # The same files through our own command, one process, start-up and all, as proselint ran.
    mine = megabytes / median_seconds(
        [*PROVENANCE, "check", "--jobs", "1", "--fail-on", "never", str(folder)], 1
    )
    name = f"{len(paths)} files, {megabytes:.1f} MB"
    rows.append((f"proselint command on {name}", f"{theirs:.3f} MB/s"))
    rows.append((f"provenance check --jobs 1 on the same {name}", f"{mine:.3f} MB/s"))
    rows.append(
        (
            "throughput ratio: provenance / proselint",
            f"{mine / theirs:.1f}x command to command; {ours / theirs:.1f}x in-process check "
            "(the rules alone, 10 MB corpus) to the proselint command (target >= 8x)",
        )
    )


def real_reports() -> list[Path]:
    """The real reports at hand: the seeds, the training documents of the accuracy benchmark
    and the practice documents beside the checkout (never the held-out dev documents)."""
    folders = [
        ROOT / "seeds",
        ROOT / "benchmarks" / "accuracy" / "train",
        ROOT.parent / "shared" / "practice",
    ]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.glob("*.txt"))


def _proselint_command(scratch: Path) -> list[str] | str:
    """proselint's command in its own virtual environment, or why it could not be installed."""
    venv = scratch / "proselint-venv"
    if not venv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        installed = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "proselint"], capture_output=True
        )
        if installed.returncode != 0:
            return "could not be installed: " + installed.stderr.decode()[-200:]
    command = [str(venv / "bin" / "proselint")]
    helped = subprocess.run([*command, "--help"], capture_output=True).stdout
    return [*command, "check"] if b"check" in helped else command


def real(rows: list[tuple[str, str]], scratch: Path, megabytes: float) -> None:
    """``check --jobs 1`` on about ``megabytes`` MB of real reports, one report per file (the
    real reports at hand, copied as often as it takes), against proselint on the same files.
    Per core: megabytes over the processor time (user + system) of the command."""
    sources = real_reports()
    folder = scratch / "real"
    folder.mkdir()
    size = 0
    copies = 0
    while size < megabytes * 1e6:
        for source in sources:
            data = source.read_bytes()
            (folder / f"{copies:03d}-{source.name}").write_bytes(data)
            size += len(data)
        copies += 1
    total = size / 1e6
    files = len(sources) * copies
    ours = [*PROVENANCE, "check", "--jobs", "1", "--fail-on", "never", "--quiet", str(folder)]
    wall, cpu = _timed_run(ours)
    rows.append(
        (
            f"real reports: provenance check --jobs 1 ({files} files, {total:.1f} MB; "
            f"{len(sources)} reports x {copies})",
            f"{total / cpu:.2f} MB/s per core (processor {cpu:.1f} s, wall {wall:.1f} s; "
            "target >= 3 MB/s)",
        )
    )
    command = _proselint_command(scratch)
    if isinstance(command, str):
        rows.append(("real reports: proselint", command))
        return
    paths = sorted(str(path) for path in folder.iterdir())
    their_wall, their_cpu = _timed_run([*command, *paths])
    rows.append(
        (
            "real reports: proselint on the same files",
            f"{total / their_cpu:.2f} MB/s per core (processor {their_cpu:.1f} s, "
            f"wall {their_wall:.1f} s)",
        )
    )
    rows.append(
        (
            "real reports: throughput ratio provenance / proselint",
            f"{their_cpu / cpu:.2f}x in processor time, {their_wall / wall:.2f}x in wall time "
            "(target >= 8x)",
        )
    )


_SECTIONS = (
    "latency",
    "throughput",
    "real",
    "scaling",
    "jobs",
    "pathological",
    "memory",
    "proselint",
)


class _ProgressRows(list[tuple[str, str]]):
    """The table's rows, each also shown on standard error as soon as it is measured."""

    def append(self, row: tuple[str, str]) -> None:
        print(f"{row[0]}: {row[1]}", file=sys.stderr, flush=True)
        super().append(row)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, no 100 MB run")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=_SECTIONS,
        default=list(_SECTIONS),
        help="run only these sections (default: all)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="latency: also time this checkout's check (its src first on PYTHONPATH) in the "
        "same rounds, e.g. main beside a branch",
    )
    args = parser.parse_args(argv)
    only = set(args.only)

    import lark

    import provenance

    rows: list[tuple[str, str]] = _ProgressRows()
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        if "latency" in only:
            command = None if args.quick else _proselint_command(scratch)
            if isinstance(command, str):
                rows.append(("latency: proselint", command))
                command = None
            latency(rows, 5 if args.quick else 15, command, args.against)
        ours = None
        if "throughput" in only or "proselint" in only:
            documents = corpus(1_000_000 if args.quick else 10_000_000)
            ours = throughput(rows, documents)
        if "real" in only:
            real(rows, scratch, 1 if args.quick else 10)
        if "scaling" in only:
            scaling(rows, 20_000 if args.quick else 100_000)
        if "jobs" in only:
            jobs(rows, scratch, corpus(500_000 if args.quick else 3_000_000, seed=3))
        if "pathological" in only:
            pathological(rows, 0.1 if args.quick else 1.0)
        if "memory" in only:
            memory(rows, scratch, 10 if args.quick else 100)
        if "proselint" in only and not args.quick and ours is not None:
            proselint(rows, scratch, corpus(2_000_000, seed=9), ours)

    cpu = "unknown CPU"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}; ")
    print(
        f"Python {platform.python_version()}, lark {lark.__version__}, "
        f"provenance {provenance.__version__}\n"
    )
    print("| measure | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
