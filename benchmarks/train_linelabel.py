"""Train the line labeller (``provenance.linelabel``) on the train split, and measure it.

    python benchmarks/train_linelabel.py            # train on train, write the packaged model
    python benchmarks/train_linelabel.py --loo      # leave one train document out, each in turn
    python benchmarks/train_linelabel.py --dev      # the packaged model on dev, in aggregate

Labels come from the truth (``benchmarks/accuracy/train/*.json``): a reference entry's first line
is ``references[].line``, a note's is ``footnotes[].body_line``; the lines after a first line, up
to the next first line or blank line, continue it (``linelabel.truth_labels``); every other
non-blank line is ``other``. The same lines are labelled from what the hand-set rules found (the
parsed ``Document``'s reference entries and note bodies), and both are scored line by line
against the truth. Only aggregate figures are printed for dev: never one dev document.

Training is deterministic (L-BFGS, fixed parameters, documents in name order): two runs write
byte-identical model files.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import corpus

import provenance
from provenance import linelabel
from provenance.source import read_file

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "provenance" / "data" / linelabel.MODEL_RESOURCE

#: Labels scored (``other`` is what is left).
SCORED = (
    linelabel.REFERENCE,
    linelabel.REFERENCE_CONTINUED,
    linelabel.NOTE,
    linelabel.NOTE_CONTINUED,
)


class Example:
    """One document: its lines, features, truth labels and the rules' labels."""

    def __init__(self, truth_path: Path, text_path: Path, rules: bool) -> None:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        self.name = truth_path.stem
        self.text = read_file(text_path).text
        self.lines, self.features = linelabel.line_features(self.text)
        self.truth = linelabel.truth_labels(
            self.lines,
            (r["line"] for r in truth.get("references") or [] if r.get("line")),
            (n["body_line"] for n in truth.get("footnotes") or [] if n.get("body_line")),
        )
        self.rules: list[str] = []
        #: The section of the list each entry the rules found stands in, by its first line.
        self.sections: dict[int, str] = {}
        if rules:
            document = provenance.parse(self.text, str(text_path))
            spans = [
                ("ref", r.span.start, r.span.end)
                for r in document.references
                if r.section != "footnote"
            ] + [
                ("note", f.body.span.start, f.body.span.end)
                for f in document.footnotes
                if f.body is not None
            ]
            self.rules = linelabel.rule_labels(self.lines, spans)
            starts = {r.span.line: r.section for r in document.references}
            self.sections = {
                index: starts[line.number]
                for index, line in enumerate(self.lines)
                if self.rules[index] == linelabel.REFERENCE and line.number in starts
            }


def load(split: str, rules: bool = True) -> list[Example]:
    return [Example(t, p, rules) for t, p in corpus(split)]


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per label over (truth, predicted) label sequences."""
    tally: Counter[tuple[str, str]] = Counter()
    for truth, predicted in pairs:
        for t, p in zip(truth, predicted, strict=True):
            if t == p:
                tally[t, "tp"] += 1
            else:
                tally[p, "fp"] += 1
                tally[t, "fn"] += 1
    return {label: (tally[label, "tp"], tally[label, "fp"], tally[label, "fn"]) for label in SCORED}


def table(title: str, columns: dict[str, dict[str, tuple[int, int, int]]]) -> str:
    out = [f"### {title}", "", "| label | " + " | ".join(f"{c} P / R / F1" for c in columns) + " |"]
    out.append("|---" * (len(columns) + 1) + "|")
    for label in SCORED:
        cells = []
        for counts in columns.values():
            tp, fp, fn = counts[label]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            cells.append(f"{p:.2f} / {r:.2f} / {f:.2f} ({tp + fn} lines)")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def train_on(examples: Sequence[Example], path: Path, parameters: dict[str, Any] | None) -> None:
    linelabel.train(((e.features, e.truth) for e in examples), str(path), parameters)


def tagger_of(path: Path) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def leave_one_out(
    examples: Sequence[Example], parameters: dict[str, Any] | None, scratch: Path
) -> tuple[list[list[str]], list[list[dict[str, float]]]]:
    labels: list[list[str]] = []
    marginals: list[list[dict[str, float]]] = []
    for index, held in enumerate(examples):
        path = scratch / f"loo-{index}.crfsuite"
        train_on([e for e in examples if e is not held], path, parameters)
        predicted, margins = linelabel.tag(held.features, tagger_of(path))
        labels.append(predicted)
        marginals.append(margins)
        path.unlink()
    return labels, marginals


def veto_table(examples: Sequence[Example], marginals: Sequence[Sequence[dict[str, float]]]) -> str:
    """What a CRF veto would do to the rules' entries: an entry the rules start on a line whose
    marginal of ``other`` is at least t is dropped. Counted on first lines of entries."""
    out = [
        "| veto at P(other) >= | entries kept | true entries dropped | false entries dropped |",
        "|---|---|---|---|",
    ]
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99):
        kept = true_dropped = false_dropped = 0
        for example, margins in zip(examples, marginals, strict=True):
            for truth, rule, margin in zip(example.truth, example.rules, margins, strict=True):
                if rule != linelabel.REFERENCE:
                    continue
                if margin.get(linelabel.OTHER, 0.0) >= threshold:
                    if truth == linelabel.REFERENCE:
                        true_dropped += 1
                    else:
                        false_dropped += 1
                else:
                    kept += 1
        out.append(f"| {threshold} | {kept} | {true_dropped} | {false_dropped} |")
    return "\n".join(out)


def veto_by_section(
    examples: Sequence[Example],
    marginals: Sequence[Sequence[dict[str, float]]],
    threshold: float = 0.9,
) -> str:
    """The veto at one threshold, by the kind of list the rules read the entry in."""
    tally: Counter[tuple[str, str]] = Counter()
    for example, margins in zip(examples, marginals, strict=True):
        for index, section in example.sections.items():
            true = example.truth[index] == linelabel.REFERENCE
            vetoed = margins[index].get(linelabel.OTHER, 0.0) >= threshold
            tally[section, f"{'true' if true else 'false'} {'dropped' if vetoed else 'kept'}"] += 1
    columns = ("true kept", "true dropped", "false kept", "false dropped")
    out = [
        f"| list (veto at {threshold}) | " + " | ".join(columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for section in sorted({s for s, _ in tally}):
        out.append(f"| {section} | " + " | ".join(str(tally[section, c]) for c in columns) + " |")
    return "\n".join(out)


def addition_table(
    examples: Sequence[Example],
    marginals: Sequence[Sequence[dict[str, float]]],
    label: str = linelabel.REFERENCE,
) -> str:
    """What the CRF would add to the rules: a first line of ``label`` (an entry, a note) on a
    line the rules left as ``other`` whose marginal of ``label`` is at least t."""
    out = [
        f"| add at P({label}) >= | true added | false added |",
        "|---|---|---|",
    ]
    for threshold in (0.5, 0.7, 0.9, 0.95, 0.99):
        true_added = false_added = 0
        for example, margins in zip(examples, marginals, strict=True):
            for truth, rule, margin in zip(example.truth, example.rules, margins, strict=True):
                if rule == linelabel.OTHER and margin.get(label, 0.0) >= threshold:
                    if truth == label:
                        true_added += 1
                    else:
                        false_added += 1
        out.append(f"| {threshold} | {true_added} | {false_added} |")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loo", action="store_true", help="leave-one-document-out on train")
    parser.add_argument("--dev", action="store_true", help="aggregate figures on dev")
    parser.add_argument("--c1", type=float, default=None)
    parser.add_argument("--c2", type=float, default=None)
    parser.add_argument("--minfreq", type=float, default=None)
    parser.add_argument("--out", type=Path, default=MODEL, help="where to write the model")
    args = parser.parse_args(argv)
    parameters = dict(linelabel.TRAINING)
    for key, value in (("c1", args.c1), ("c2", args.c2), ("feature.minfreq", args.minfreq)):
        if value is not None:
            parameters[key] = value
    started = time.perf_counter()
    train = load("train", rules=args.loo)
    print(f"train: {len(train)} documents, {sum(len(e.lines) for e in train)} lines", flush=True)
    if args.loo:
        scratch = Path(args.out).parent
        labels, marginals = leave_one_out(train, parameters, scratch)
        print(f"parameters: {parameters}\n")
        print(
            table(
                "train, leave one document out",
                {
                    "CRF": score(zip((e.truth for e in train), labels, strict=True)),
                    "rules": score((e.truth, e.rules) for e in train),
                },
            )
        )
        print("\n" + veto_table(train, marginals))
        print("\n" + veto_by_section(train, marginals))
        print("\n" + addition_table(train, marginals))
        print("\n" + addition_table(train, marginals, linelabel.NOTE))
    elif args.dev:
        dev = load("dev")
        path = Path(args.out).with_suffix(".dev.crfsuite")
        train_on(train, path, parameters)
        tagger = tagger_of(path)
        tagged = [linelabel.tag(e.features, tagger) for e in dev]
        path.unlink()
        print(f"parameters: {parameters}\n")
        print(
            table(
                f"dev ({len(dev)} documents, aggregate)",
                {
                    "CRF": score(
                        (e.truth, labels) for e, (labels, _) in zip(dev, tagged, strict=True)
                    ),
                    "rules": score((e.truth, e.rules) for e in dev),
                },
            )
        )
        print("\n" + veto_table(dev, [margins for _, margins in tagged]))
        print("\n" + veto_by_section(dev, [margins for _, margins in tagged]))
        print("\n" + addition_table(dev, [margins for _, margins in tagged]))
        print("\n" + addition_table(dev, [margins for _, margins in tagged], linelabel.NOTE))
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        train_on(train, args.out, parameters)
        print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
