"""Hypothesis properties of evidence loading: round trips, closed failure, order independence."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from evidence_strategies import defective_documents, documents
from frameworks_for_tests import example_framework
from inspectkit import (
    EvidenceError,
    Issue,
    evidence_from_values,
    loads_evidence,
    parse_cli_value,
    parse_evidence,
)
from strategies import frameworks

pytestmark = pytest.mark.property

EXAMPLE = example_framework()


class TestRoundTrip:
    @given(data=st.data())
    def test_written_values_read_back(self, data: st.DataObject) -> None:
        """Every value form written to a TOML file reads back as the value it stands for."""
        framework = EXAMPLE
        document, expected = data.draw(documents(framework))
        evidence = loads_evidence(tomli_w.dumps(document), framework=framework)
        assert {key: evidence.value(key) for key in expected} == expected
        assert set(evidence.entries) == set(expected)

    @given(data=st.data())
    def test_generated_frameworks(self, data: st.DataObject) -> None:
        """Value forms round-trip for generated frameworks too, as mappings."""
        framework = data.draw(frameworks())
        document, expected = data.draw(documents(framework))
        evidence = parse_evidence(document, framework=framework)
        assert {key: evidence.value(key) for key in expected} == expected

    @given(data=st.data())
    def test_flat_values(self, data: st.DataObject) -> None:
        """evidence_from_values reads the same raw values to the same evidence."""
        framework = EXAMPLE
        document, expected = data.draw(documents(framework))
        evidence = evidence_from_values(framework, document["evidence"], unit="Generated centre")
        assert {key: evidence.value(key) for key in expected} == expected

    @given(numerator=st.integers(0, 10**5), extra=st.integers(0, 10**5))
    def test_cli_counts(self, numerator: int, extra: int) -> None:
        """Counts typed as N/D keep both numbers and give their proportion."""
        denominator = numerator + extra or 1
        numerator = min(numerator, denominator)
        entry = parse_cli_value(EXAMPLE, "registration_rate", f"{numerator}/{denominator}")
        assert entry.counts is not None
        assert (entry.counts.numerator, entry.counts.denominator) == (numerator, denominator)
        assert entry.value == numerator / denominator


toml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["72%", "0.6", "a large majority", "RI", "not_applicable", "%", "1e999%"]),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
CRITERION_KEYS = st.sampled_from(
    ["registration_rate", "gld_gap", "supervision_checks_case_files", "board_challenge", "x"]
)
ENTRY_KEYS = st.sampled_from(
    ["value", "numerator", "denominator", "low", "high", "source", "date", "note", "other"]
)
entry_values = toml_values | st.dictionaries(ENTRY_KEYS, toml_values, max_size=4)
TOP_KEYS = st.sampled_from(["framework", "framework_version", "unit", "kind", "date", "note"])
shaped_documents = st.fixed_dictionaries(
    {},
    optional={
        "framework": st.just("example_centres") | toml_values,
        "unit": st.just("Riverside") | toml_values,
        "evidence": st.dictionaries(CRITERION_KEYS, entry_values, max_size=5) | toml_values,
    },
).flatmap(
    lambda base: st.dictionaries(TOP_KEYS | st.text(max_size=8), toml_values, max_size=3).map(
        lambda extra: {**extra, **base}
    )
)


def problems(call: Callable[[], object]) -> tuple[Issue, ...] | None:
    """Run *call*; return the issues of the EvidenceError it raises, or None if it succeeds."""
    try:
        call()
    except EvidenceError as error:
        return error.issues
    return None


def well_formed(issues: tuple[Issue, ...] | None) -> bool:
    return issues is None or (len(issues) > 0 and all(i.code and i.message for i in issues))


class TestFailsClosed:
    @given(document=shaped_documents)
    def test_documents(self, document: dict[str, Any]) -> None:
        """Arbitrary TOML-shaped documents give evidence or an EvidenceError, nothing else."""
        assert well_formed(problems(lambda: parse_evidence(document, framework=EXAMPLE)))

    @given(raw=entry_values, criterion=CRITERION_KEYS)
    def test_flat_values(self, raw: Any, criterion: str) -> None:
        """Arbitrary flat values give evidence or an EvidenceError, nothing else."""
        assert well_formed(problems(lambda: evidence_from_values(EXAMPLE, {criterion: raw})))

    @given(text=st.text(max_size=30), criterion=CRITERION_KEYS)
    def test_cli_text(self, text: str, criterion: str) -> None:
        """Arbitrary command-line text gives an entry or an EvidenceError, nothing else."""
        assert well_formed(problems(lambda: parse_cli_value(EXAMPLE, criterion, text)))

    @given(text=st.text(max_size=200) | st.binary(max_size=200))
    def test_text(self, text: str | bytes) -> None:
        """Arbitrary text or bytes give evidence or an EvidenceError, nothing else."""
        assert well_formed(problems(lambda: loads_evidence(text, framework=EXAMPLE)))

    def test_deep_nesting(self) -> None:
        """A document nested far too deeply raises EvidenceError, not RecursionError."""
        with pytest.raises(EvidenceError):
            loads_evidence("x = " + "[" * 100_000 + "]" * 100_000, framework=EXAMPLE)


class TestDefects:
    @given(data=st.data())
    def test_every_injected_defect_is_reported(self, data: st.DataObject) -> None:
        """Each defect injected into a valid document is reported at its path with its code."""
        document, expected = data.draw(defective_documents(EXAMPLE))
        issues = problems(lambda: parse_evidence(document, framework=EXAMPLE))
        assert issues is not None
        assert expected <= {(issue.path, issue.code) for issue in issues}

    @given(data=st.data())
    def test_defects_in_files_carry_lines(self, data: st.DataObject) -> None:
        """Issues about a defect in a TOML file carry the line of the entry."""
        document, _ = data.draw(defective_documents(EXAMPLE))
        issues = problems(lambda: loads_evidence(tomli_w.dumps(document), framework=EXAMPLE))
        assert issues is not None
        assert all(issue.line is not None for issue in issues if issue.path)


def _issue_set(issues: tuple[Issue, ...] | None) -> set[tuple[str, str, str]]:
    return {(issue.path, issue.code, issue.message) for issue in issues or []}


class TestOrder:
    """The loader reads a document the same whatever order its keys are written in.

    `Evidence` stores its entries sorted by criterion id, so comparing the order of entries would
    test only that converter; these properties compare values and problems, which the loader
    alone produces, from TOML text in which the keys really are in the shuffled order.
    """

    @given(data=st.data())
    def test_entry_order_does_not_matter(self, data: st.DataObject) -> None:
        """A file's entries written in any order read as the same values."""
        document, expected = data.draw(documents(EXAMPLE))
        shuffled = dict(data.draw(st.permutations(list(document["evidence"].items()))))
        text = tomli_w.dumps({**document, "evidence": shuffled})
        evidence = loads_evidence(text, framework=EXAMPLE)
        assert evidence == parse_evidence(document, framework=EXAMPLE)
        assert {key: evidence.value(key) for key in expected} == expected

    @given(data=st.data())
    def test_key_order_does_not_matter(self, data: st.DataObject) -> None:
        """A file's top-level keys written in any order read as the same evidence."""
        document, _ = data.draw(documents(EXAMPLE))
        document = {**document, "date": datetime.date(2026, 9, 30), "note": "n"}
        shuffled = dict(data.draw(st.permutations(list(document.items()))))
        assert loads_evidence(tomli_w.dumps(shuffled), framework=EXAMPLE) == parse_evidence(
            document, framework=EXAMPLE
        )

    @given(data=st.data())
    def test_defect_order_does_not_matter(self, data: st.DataObject) -> None:
        """The problems of a defective document are the same whatever order its entries take."""
        document, _ = data.draw(defective_documents(EXAMPLE))
        shuffled = dict(data.draw(st.permutations(list(document["evidence"].items()))))
        first = problems(lambda: parse_evidence(document, framework=EXAMPLE))
        reordered = {**document, "evidence": shuffled}
        second = problems(lambda: parse_evidence(reordered, framework=EXAMPLE))
        assert _issue_set(second) == _issue_set(first)


def test_nan_is_never_a_value() -> None:
    """NaN is refused for every measured criterion."""
    for criterion in ("registration_rate", "gld_gap"):
        with pytest.raises(EvidenceError):
            evidence_from_values(EXAMPLE, {criterion: math.nan})
