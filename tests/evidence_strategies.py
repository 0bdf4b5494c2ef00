"""Hypothesis strategies for evidence documents: raw values with the values they stand for."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from inspectkit import NOT_APPLICABLE, Interval
from inspectkit.rubric import Criterion, Framework, Measure

__all__ = ["defective_documents", "documents", "raw_and_value"]


def _varied_case(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, text.upper(), text.title(), f"  {text} "])


@st.composite
def raw_and_value(draw: st.DrawFn, framework: Framework, criterion: Criterion) -> tuple[Any, Any]:
    """A value as an evidence file may write it, with the value it must resolve to."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["not_applicable", "Not applicable", "N/A"])), NOT_APPLICABLE
    if criterion.measure is Measure.PROPORTION:
        form = draw(st.sampled_from(["number", "percent", "counts", "interval", "word"]))
        if form == "number":
            number = draw(st.floats(0, 1))
            return number, number
        if form == "percent":
            whole = draw(st.integers(0, 100))
            tenths = draw(st.integers(0, 9)) if whole < 100 else 0
            text = f"{whole}.{tenths}%" if tenths else f"{whole}%"
            return text, float(text.rstrip("%")) / 100
        if form == "counts":
            denominator = draw(st.integers(1, 10**6))
            numerator = draw(st.integers(0, denominator))
            raw = {"numerator": numerator, "denominator": denominator}
            return raw, numerator / denominator
        if form == "interval" or not framework.vocabulary.quantifiers:
            low, high = sorted(draw(st.tuples(st.floats(0, 1), st.floats(0, 1))))
            return {"low": low, "high": high}, Interval(low, high)
        quantifier = draw(st.sampled_from(framework.vocabulary.quantifiers))
        name = draw(st.sampled_from([quantifier.word, *quantifier.aliases]))
        word = draw(_varied_case(name))
        return word, Interval(quantifier.low, quantifier.high, quantifier.word)
    if criterion.measure is Measure.QUANTITY:
        low = criterion.minimum if criterion.minimum is not None else -1e9
        high = criterion.maximum if criterion.maximum is not None else 1e9
        number = draw(st.floats(low, high))
        return number, number
    if criterion.measure is Measure.CHECK:
        flag = draw(st.booleans())
        return flag, flag
    grade = draw(st.sampled_from(framework.scale.grades))
    names: list[Any] = [grade.id, grade.label, *grade.aliases, grade.rank + 1]
    return draw(st.sampled_from(names)), grade.id


@st.composite
def documents(draw: st.DrawFn, framework: Framework) -> tuple[dict[str, Any], dict[str, Any]]:
    """An evidence document for *framework*, with the value each entry must resolve to."""
    chosen = draw(st.lists(st.sampled_from(list(framework.criteria())), unique=True))
    raw: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for criterion in chosen:
        value, resolved = draw(raw_and_value(framework, criterion))
        if draw(st.booleans()) and not isinstance(value, dict):
            value = {"value": value, "source": "generated"}
        raw[criterion.id] = value
        expected[criterion.id] = resolved
    document = {"framework": framework.id, "unit": "Generated centre", "evidence": raw}
    return document, expected


_DEFECTS: dict[Measure, list[tuple[Any, str, str]]] = {
    Measure.PROPORTION: [
        (1.5, "", "out-of-range"),
        ("150%", "", "out-of-range"),
        ("0.5", "", "number-as-string"),
        ("72%%", "", "bad-percentage"),
        (float("nan"), "", "not-finite"),
        ("zzz qqq", "", "unknown-quantifier"),
        (True, "", "wrong-form"),
        ({"numerator": 5, "denominator": 4}, "numerator", "numerator-exceeds-denominator"),
        ({"numerator": -1, "denominator": 4}, "numerator", "negative-count"),
        ({"numerator": 1, "denominator": 0}, "denominator", "zero-denominator"),
        ({"numerator": 1.5, "denominator": 4}, "numerator", "non-integer-count"),
        ({"low": 0.8, "high": 0.2}, "low", "interval-reversed"),
    ],
    Measure.QUANTITY: [
        ("3", "", "number-as-string"),
        (float("inf"), "", "not-finite"),
        (True, "", "wrong-form"),
        ({"numerator": 1, "denominator": 2}, "", "wrong-form"),
    ],
    Measure.CHECK: [("yes", "", "wrong-form"), (1, "", "wrong-form")],
    Measure.RATING: [("zzz qqq", "", "unknown-grade"), (2.5, "", "wrong-form")],
}
_ANY_DEFECTS: list[tuple[Any, str, str]] = [
    ({"value": "not_applicable", "numerator": 1, "denominator": 2}, "", "conflicting-forms"),
    ({"source": 3}, "source", "wrong-type"),
    ({}, "", "missing-value"),
    ({"value": "not_applicable", "bogus": 1}, "bogus", "unknown-key"),
    ({"value": "not_applicable", "date": "yesterday"}, "date", "wrong-type"),
]


@st.composite
def defective_documents(
    draw: st.DrawFn, framework: Framework
) -> tuple[dict[str, Any], set[tuple[str, str]]]:
    """A valid document with defects injected, and the (path, code) each must be reported at."""
    document, _ = draw(documents(framework))
    evidence = dict(document["evidence"])
    expected: set[tuple[str, str]] = set()
    targets = draw(
        st.lists(st.sampled_from(list(framework.criteria())), min_size=1, max_size=3, unique=True)
    )
    for criterion in targets:
        raw, key, code = draw(st.sampled_from(_DEFECTS[criterion.measure] + _ANY_DEFECTS))
        evidence[criterion.id] = raw
        path = f"evidence.{criterion.id}" + (f".{key}" if key else "")
        expected.add((path, code))
    if draw(st.booleans()):
        evidence["zz_not_a_criterion"] = 1
        expected.add(("evidence.zz_not_a_criterion", "unknown-criterion"))
    return {**document, "evidence": evidence}, expected
