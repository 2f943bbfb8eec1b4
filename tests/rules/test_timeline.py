"""Timeline rules: the examples, the hand-written corpus, the seeds and practice documents, and
generated narratives (consistent ones raise nothing; one planted inconsistency raises one)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance
from provenance.model import Date, Document
from provenance.render.dates import render_date
from provenance.render.relative import render_relative
from provenance.rules import all_rules
from provenance.temporal import Offset, Quantity, Unit
from provenance.timeline import add_months

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "timeline"
PRACTICE = ROOT.parent / "shared" / "practice"

RULES = [rule for rule in all_rules() if rule.category == "timeline"]


def findings(doc: Document) -> list[tuple[str, int]]:
    return sorted((f.rule, f.span.line) for rule in RULES for f in rule.run(doc))


def test_the_rules_are_registered() -> None:
    assert {rule.id for rule in RULES} == {
        "relative-date-conflict",
        "age-date-conflict",
        "duration-conflict",
        "sum-mismatch",
        "ratio-mismatch",
    }


def test_a_document_without_timeline_gives_nothing() -> None:
    doc = provenance.parse(RULES[0].bad)
    assert findings(Document(doc.text, None, doc.metadata, line_index=doc.line_index)) == []


def _corpus() -> list[tuple[str, str, list[tuple[str, int]]]]:
    manifest = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    return [
        (name, entry["rule"], [(rule, line) for rule, line in entry["findings"]])
        for name, entry in manifest.items()
    ]


@pytest.mark.parametrize(("name", "rule_id", "expected"), _corpus())
def test_corpus(name: str, rule_id: str, expected: list[tuple[str, int]]) -> None:
    path = CORPUS / name
    doc = provenance.parse(path.read_text(encoding="utf-8"), str(path))
    assert findings(doc) == sorted(expected)
    assert (not expected) == name.endswith(".good.txt")
    assert all(rule == rule_id for rule, _line in expected)


def test_corpus_files_are_all_listed() -> None:
    assert {name for name, _r, _e in _corpus()} == {p.name for p in CORPUS.glob("*.txt")}
    assert {rule_id for _n, rule_id, _e in _corpus()} == {rule.id for rule in RULES}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seeds_have_no_timeline_findings(path: Path) -> None:
    assert findings(provenance.parse_file(path)) == []


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="practice files not available")
def test_practice_files_have_no_timeline_findings() -> None:
    found = {}
    for path in sorted(PRACTICE.glob("*.txt")):
        result = findings(provenance.parse_file(path))
        if result:
            found[path.name] = result
    assert found == {}


def test_messages_say_what_disagrees() -> None:
    by_id = {rule.id: rule for rule in RULES}
    (age,) = by_id["age-date-conflict"].run(provenance.parse(by_id["age-date-conflict"].bad))
    assert "12 months old on '22 November 2000'" in age.message
    (ratio,) = by_id["ratio-mismatch"].run(provenance.parse(by_id["ratio-mismatch"].bad))
    assert "1.67 times as many" in ratio.message
    (total,) = by_id["sum-mismatch"].run(provenance.parse(by_id["sum-mismatch"].bad))
    assert "11 + 15 + 2 = 28" in total.message


def test_a_share_in_words_is_no_total_its_brackets_add_up_to() -> None:
    by_id = {rule.id: rule for rule in RULES}
    text = (
        "Casualties\n\nWomen accounted for 12 percent of victims and children at eight percent "
        "(46 boys and 47 girls) in the quarter.\n"
    )
    assert list(by_id["sum-mismatch"].run(provenance.parse(text))) == []
    counted = text.replace("eight percent", "eight children")
    assert len(list(by_id["sum-mismatch"].run(provenance.parse(counted)))) == 1


# --------------------------------------------------------------------------- generated reports

_UNITS: list[Unit] = ["day", "week", "month", "year"]
_NOUNS = ["the group", "the court", "the police", "the family", "the lawyer", "the ministry"]
_VERBS = ["was moved", "met", "replied", "was informed", "appealed", "was released"]


def _later(day: dt.date, amount: int, unit: Unit) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(days=7 * amount)
    return add_months(day, amount * (1 if unit == "month" else 12))


def _written(day: dt.date) -> str:
    return render_date(Date(day.year, day.month, day.day), "dmy")


@st.composite
def narratives(draw: st.DrawFn) -> tuple[str, str, str]:
    """A consistent report, the same report with one planted inconsistency, and the rule that
    must find it."""
    start = draw(st.dates(dt.date(1950, 1, 1), dt.date(1999, 12, 31)))
    steps = draw(
        st.lists(st.tuples(st.integers(1, 12), st.sampled_from(_UNITS)), min_size=1, max_size=4)
    )
    day = start
    sentences = [f"On {_written(day)}, {draw(st.sampled_from(_NOUNS))} was arrested."]
    planted_sentences = list(sentences)
    flip = draw(st.integers(0, len(steps) - 1))
    for index, (amount, unit) in enumerate(steps):
        day = _later(day, amount, unit)
        noun, verb = draw(st.sampled_from(_NOUNS)), draw(st.sampled_from(_VERBS))
        quantity = Quantity(amount, amount, unit)
        for direction, out in (("later", sentences), ("earlier", planted_sentences)):
            if direction == "earlier" and index != flip:
                direction = "later"
            relative = render_relative(Offset(quantity, direction), "words")  # type: ignore[arg-type]
            out.append(f"{relative.capitalize()}, on {_written(day)}, {noun} {verb}.")
    born = draw(st.dates(dt.date(1940, 1, 1), dt.date(1990, 12, 31)))
    at = draw(st.dates(born + dt.timedelta(days=400), dt.date(2010, 12, 31)))
    age = (at.year - born.year) - ((at.month, at.day) < (born.month, born.day))
    parts = draw(st.lists(st.integers(1, 40), min_size=3, max_size=3))
    total = sum(parts)
    held = draw(st.dates(dt.date(1950, 1, 1), dt.date(2000, 12, 31)))
    weeks = draw(st.integers(1, 30))
    released = held + dt.timedelta(days=7 * weeks)
    # Below 1600: "1600 blankets" could be a year, which the figures reader leaves alone.
    before = draw(st.integers(10, 700))
    after = before + draw(st.integers(0, 800))
    ratio = round(after / before, 1)

    def report(
        events: list[str], years: int, whole: int, span: int = weeks, fold: float = ratio
    ) -> str:
        return (
            "Chronology of the case\n\n"
            + " ".join(events)
            + f"\n\nKim Ho-sik was born on {_written(born)} in Hoeryong. On {_written(at)}, "
            f"Kim Ho-sik, then {years} years old, was detained.\n\n"
            f"A group of {whole} returnees, comprising {parts[0]} men, {parts[1]} women and "
            f"{parts[2]} children, crossed the border.\n\n"
            f"The lawyer was held for {span} weeks, from {_written(held)} to "
            f"{_written(released)}.\n\n"
            f"In 2003 the shelters gave out {before} blankets. In 2004 they gave out {after} "
            f"blankets, a {fold:.1f}-fold increase.\n"
        )

    consistent = report(sentences, age, total)
    kind = draw(
        st.sampled_from(
            [
                "relative-date-conflict",
                "age-date-conflict",
                "sum-mismatch",
                "duration-conflict",
                "ratio-mismatch",
            ]
        )
    )
    if kind == "duration-conflict":
        planted = report(sentences, age, total, span=weeks + draw(st.integers(3, 20)))
    elif kind == "ratio-mismatch":
        # Two or more off: "N-fold increase" may also mean N times more (the ratio plus one).
        planted = report(sentences, age, total, fold=ratio + draw(st.integers(2, 5)))
    elif kind == "relative-date-conflict":
        planted = report(planted_sentences, age, total)
    elif kind == "age-date-conflict":
        planted = report(sentences, age + draw(st.integers(3, 20)), total)
    else:
        planted = report(sentences, age, total + draw(st.integers(1, 50)))
    return consistent, planted, kind


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(narratives())
def test_generated_reports(case: tuple[str, str, str]) -> None:
    consistent, planted, kind = case
    assert findings(provenance.parse(consistent)) == []
    assert [rule for rule, _line in findings(provenance.parse(planted))] == [kind]
