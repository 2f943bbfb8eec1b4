"""Score a reading of a document against its ground truth, kind by kind, as the field does.

Both sides are dictionaries in the ground-truth format (``shared/accuracy/FORMAT.md``): the truth
is made by reading; the prediction is what a reader (this project, or a peer such as refextract)
produced, converted to the same shape (``provenance.evaluation.predict``). Each kind is matched
one to one and counted as true positives, false positives and false negatives; precision, recall
and F1 follow, and counts add up across documents, so a corpus figure is micro-averaged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from provenance.records import shared_methods
from provenance.regex_store import lazy_compile

Truth = Mapping[str, Any]

#: The kinds scored, in the order the report prints them.
KINDS = (
    "index_codes",
    "references",
    "reference.author",
    "reference.date",
    "reference.title",
    "reference.url",
    "reference.accessed",
    "citations",
    "citations.resolved",
    "notes.body",
    "notes.call",
    "notes.linked",
    "uncorroborated",
    "hedges",
    "date_issues",
)

#: How far (in lines) a predicted statement may stand from the annotated one and still match:
#: an annotation marks where the statement's text starts, a reader may point at its key words.
STATEMENT_SPREAD = 2


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Counts:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def support(self) -> int:
        """How many the truth holds."""
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        found = self.tp + self.fp
        return self.tp / found if found else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def squash(text: str | None) -> str:
    """Lower-cased text with runs of whitespace as one space: what annotations are compared by."""
    return " ".join((text or "").split()).lower()


_EDGE_PUNCT = " \t\n.,;:()[]{}\"'“”‘’«»"


def normal_field(value: Any) -> str:
    """A field's value as compared: squashed, without surrounding punctuation or quotes."""
    if value is None:
        return ""
    return squash(str(value)).strip(_EDGE_PUNCT)


#: Words that lead into a citation without naming its source ("see", "cf.", "qtd. in"): an
#: annotator may keep them in the citation's text, a reader may leave them out.
_SIGNAL = lazy_compile(
    r"^(?:(?:see,? )?e\.g\.,?|cf\.|for example,?|(?:as )?(?:cited|quoted|qtd\.?) in"
    r"|see also|see)\s+"
)


def normal_citation(text: str | None) -> str:
    """Citation text without its brackets or a signal phrase before it, so ``(ibid.)`` and
    ``ibid.``, ``(qtd. in DIRB Dec. 1992, 14)`` and ``DIRB Dec. 1992, 14`` compare equal."""
    return _SIGNAL.sub("", normal_field(text), count=1).strip(_EDGE_PUNCT)


def _match(
    truth: Sequence[Any],
    predicted: Sequence[Any],
    same: Callable[[Any, Any], bool],
) -> list[tuple[int, int]]:
    """Pairs (truth index, predicted index) matched one to one, each truth item taking the first
    unmatched prediction that ``same`` accepts (items are in reading order on both sides)."""
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i, t in enumerate(truth):
        for j, p in enumerate(predicted):
            if j not in taken and same(t, p):
                pairs.append((i, j))
                taken.add(j)
                break
    return pairs


def _counts(truth_n: int, predicted_n: int, matched: int) -> Counts:
    return Counts(tp=matched, fp=predicted_n - matched, fn=truth_n - matched)


def _items(side: Truth, key: str) -> list[Mapping[str, Any]]:
    return list(side.get(key) or [])


def _near(a: int | None, b: int | None, spread: int) -> bool:
    return a is not None and b is not None and abs(a - b) <= spread


def score_document(truth: Truth, predicted: Truth) -> dict[str, Counts]:
    """Counts per kind (``KINDS``) of one document's prediction against its truth."""
    result: dict[str, Counts] = {}

    codes_t, codes_p = _items(truth, "index_codes"), _items(predicted, "index_codes")
    pairs = _match(
        codes_t,
        codes_p,
        lambda t, p: t["line"] == p["line"] and squash(t["text"]) == squash(p["text"]),
    )
    result["index_codes"] = _counts(len(codes_t), len(codes_p), len(pairs))

    refs_t, refs_p = _items(truth, "references"), _items(predicted, "references")
    ref_pairs = _match(refs_t, refs_p, lambda t, p: t["line"] == p["line"])
    result["references"] = _counts(len(refs_t), len(refs_p), len(ref_pairs))
    for field in ("author", "date", "title", "url", "accessed"):
        result[f"reference.{field}"] = _field_counts(refs_t, refs_p, ref_pairs, field)

    cites_t, cites_p = _items(truth, "citations"), _items(predicted, "citations")
    cite_pairs = _match(cites_t, cites_p, _same_citation)
    result["citations"] = _counts(len(cites_t), len(cites_p), len(cite_pairs))
    resolved = sum(
        1
        for i, j in cite_pairs
        if cites_t[i].get("reference_line") == cites_p[j].get("reference_line")
    )
    result["citations.resolved"] = _counts(len(cites_t), len(cites_p), resolved)

    notes_t, notes_p = _items(truth, "footnotes"), _items(predicted, "footnotes")
    for kind, keys in (
        ("notes.body", ("body_line",)),
        ("notes.call", ("marker_line",)),
        ("notes.linked", ("marker_line", "body_line")),
    ):
        # A note the text lacks a part of is scored by the parts it has: a truth note without a
        # body is not a body to find, and a reader that invents one is wrong.
        with_t = [n for n in notes_t if all(n.get(k) is not None for k in keys)]
        with_p = [n for n in notes_p if all(n.get(k) is not None for k in keys)]
        pairs = _match(with_t, with_p, _same_note(keys))
        result[kind] = _counts(len(with_t), len(with_p), len(pairs))

    result["uncorroborated"] = _statement_counts(truth, predicted)

    hedges_t, hedges_p = _items(truth, "hedges"), _items(predicted, "hedges")
    pairs = _match(
        hedges_t,
        hedges_p,
        lambda t, p: t["line"] == p["line"] and squash(t["word"]) == squash(p["word"]),
    )
    result["hedges"] = _counts(len(hedges_t), len(hedges_p), len(pairs))

    issues_t, issues_p = _items(truth, "date_issues"), _items(predicted, "date_issues")
    pairs = _match(
        issues_t,
        issues_p,
        lambda t, p: t["line"] == p["line"] and t.get("kind") == p.get("kind"),
    )
    result["date_issues"] = _counts(len(issues_t), len(issues_p), len(pairs))
    return result


def _same_note(keys: tuple[str, ...]) -> Callable[[Any, Any], bool]:
    def same(t: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
        return bool(t["number"] == p["number"] and all(t.get(k) == p.get(k) for k in keys))

    return same


def _same_citation(t: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    if not _near(t["line"], p["line"], 0):
        return False
    a, b = normal_citation(t["text"]), normal_citation(p["text"])
    return a == b


def _field_counts(
    truth: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    pairs: Iterable[tuple[int, int]],
    field: str,
) -> Counts:
    """GROBID's field-level counting: right when its entry matched and its value agrees."""
    normal = _normal_author if field == "author" else normal_field
    by_truth = dict(pairs)
    tp = 0
    for i, j in by_truth.items():
        value = normal(truth[i].get(field))
        if value and value == normal(predicted[j].get(field)):
            tp += 1
    in_truth = sum(1 for t in truth if normal(t.get(field)))
    in_predicted = sum(1 for p in predicted if normal(p.get(field)))
    return Counts(tp=tp, fp=in_predicted - tp, fn=in_truth - tp)


_BRACKETED = lazy_compile(r"\s*\[[^\]]*\]")


def _normal_author(value: Any) -> str:
    """An author as compared: a place or note in square brackets after the name ("The Herald
    [Glasgow]", "Hong Kong AFP [in English]") is not part of it, whether annotated or not."""
    if value is None:
        return ""
    return normal_field(_BRACKETED.sub("", str(value)))


def _statement_counts(truth: Truth, predicted: Truth) -> Counts:
    """Uncorroborated statements; predictions on an information gap or a third party's
    unconfirmed claim are neutral (a reader may flag those or not)."""
    wanted = _items(truth, "uncorroborated")
    neutral = _items(truth, "information_gaps") + _items(truth, "attributed_unconfirmed")
    found = _items(predicted, "uncorroborated")
    pairs = _match(wanted, found, lambda t, p: _near(t["line"], p["line"], STATEMENT_SPREAD))
    matched = {j for _, j in pairs}
    rest = [p for j, p in enumerate(found) if j not in matched]
    excused = _match(rest, neutral, lambda p, n: _near(p["line"], n["line"], STATEMENT_SPREAD))
    return Counts(
        tp=len(pairs),
        fp=len(rest) - len(excused),
        fn=len(wanted) - len(pairs),
    )


def total(per_document: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    """Counts per kind added over documents (micro-averaging)."""
    sums: dict[str, Counts] = {kind: Counts() for kind in KINDS}
    for counts in per_document:
        for kind, value in counts.items():
            sums[kind] = sums.get(kind, Counts()) + value
    return sums
