"""Precision and recall of the reader of uncorroborated statements on the collected sentences.

Each example of ``tests/corpus/corroboration/unseen.toml``, ``fresh2.toml``, ``fresh3.toml``
and ``fresh4.toml`` (and, with ``--all``, of ``statements.toml``, which the reader was built on) is
read as a short report by the real parser, after the sentence before it where the example gives
one; its predicted class is ``own`` when ``uncorroborated-claim`` is raised, else ``third`` when
``attributed-unconfirmed`` is, else ``gap`` when ``information-gap`` is, else ``none``.
The figures are printed per class for all examples, for those collected before the reader was
changed (without the ``late`` ones), and for the held-out ones apart (every fourth of
unseen.toml, every third of fresh2.toml, fresh3.toml and fresh4.toml, chosen before any
tuning), so that tuning to the others shows as a gap between them.

    PYTHONPATH=src python benchmarks/statements.py [--all] [--misses]
"""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from provenance.document import parse_document
from provenance.rules.corroboration import (
    attributed_unconfirmed,
    information_gap,
    uncorroborated_claim,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "corroboration"
CLASSES = ("own", "third", "gap", "none")


def classify(sentence: str, before: str = "A statement before it.") -> str:
    """The class the rules give ``sentence`` read as the body of a short report, after the
    sentence ``before`` it."""
    doc = parse_document(f"Title line\n\n{before} {sentence}\n")
    if any(True for _ in uncorroborated_claim(doc)):
        return "own"
    if any(True for _ in attributed_unconfirmed(doc)):
        return "third"
    if any(True for _ in information_gap(doc)):
        return "gap"
    return "none"


def load(name: str) -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = tomllib.loads((CORPUS / name).read_text(encoding="utf-8"))[
        "example"
    ]
    return examples


def table(title: str, pairs: Sequence[tuple[str, str]]) -> str:
    """Per-class precision and recall of ``(expected, predicted)`` pairs, as Markdown."""
    lines = [f"{title} ({len(pairs)} examples)", "", "| class | n | P | R |", "|---|---|---|---|"]
    for cls in CLASSES:
        tp = sum(1 for e, p in pairs if e == cls and p == cls)
        predicted = sum(1 for _, p in pairs if p == cls)
        actual = sum(1 for e, _ in pairs if e == cls)
        precision = f"{tp / predicted:.2f}" if predicted else "-"
        recall = f"{tp / actual:.2f}" if actual else "-"
        lines.append(
            f"| {cls} | {actual} | {precision} ({tp}/{predicted}) | {recall} ({tp}/{actual}) |"
        )
    correct = sum(1 for e, p in pairs if e == p)
    lines.append(f"\naccuracy {correct}/{len(pairs)}")
    return "\n".join(lines)


def _split_tables(name: str) -> list[tuple[dict[str, Any], str]]:
    """Print a set's tables (all, tuning part, held out), each example read after the sentence
    it was found after; returns the examples with the class read."""
    results = [
        (e, classify(e["text"], e.get("before", "A statement before it."))) for e in load(name)
    ]
    print(table(f"{name}, all", [(e["expect"], p) for e, p in results]), end="\n\n")
    for part, held_out in (("tuning part", False), ("held out", True)):
        chosen = [(e["expect"], p) for e, p in results if bool(e.get("heldout")) == held_out]
        print(table(f"{name}, {part}", chosen), end="\n\n")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also the tuning corpus")
    parser.add_argument("--misses", action="store_true", help="list the examples read wrong")
    args = parser.parse_args()
    unseen = load("unseen.toml")
    results = [(e, classify(e["text"])) for e in unseen]
    pairs = [(e["expect"], p) for e, p in results]
    held = [(e["expect"], p) for e, p in results if e.get("heldout")]
    tuned = [(e["expect"], p) for e, p in results if not e.get("heldout")]
    early = [(e["expect"], p) for e, p in results if not e.get("late")]
    fresh = [(e["expect"], p) for e, p in results if e.get("fresh")]
    print(table("unseen.toml, all", pairs), end="\n\n")
    print(table("unseen.toml, collected before the reader was changed", early), end="\n\n")
    print(table("unseen.toml, tuning part", tuned), end="\n\n")
    print(table("unseen.toml, held out", held), end="\n\n")
    print(
        table("unseen.toml, fresh (collected after the change, never tuned on)", fresh), end="\n\n"
    )
    second = _split_tables("fresh2.toml")
    third_set = _split_tables("fresh3.toml")
    fourth_set = _split_tables("fresh4.toml")
    if args.all:
        old = load("statements.toml")
        print(table("statements.toml", [(e["expect"], classify(e["text"])) for e in old]))
    if args.misses:
        for e, p in results + second + third_set + fourth_set:
            if e["expect"] != p:
                mark = "H" if e.get("heldout") else " "
                print(f"{mark} {e['expect']:>5} -> {p:<5} {e['text'][:150]}")


if __name__ == "__main__":
    main()
