"""Criterion results built on first read: `inspectkit.results.LazyMap` and `assess`'s use of it."""

from __future__ import annotations

import attrs
import pytest

import inspectkit
from inspectkit.results import LazyMap

EXAMPLE = "examples/riverside-nearly-good.toml"


def counting_map(keys: tuple[str, ...]) -> tuple[LazyMap[str], list[str]]:
    """Return a map whose values are their keys in capitals, and the list of keys built."""
    built: list[str] = []

    def build(key: str) -> str:
        built.append(key)
        return key.upper()

    return LazyMap(keys, build), built


class TestLazyMap:
    def test_reading_builds_the_value(self) -> None:
        """Reading a key gives the value its builder returns."""
        lazy, _ = counting_map(("a", "b"))
        assert lazy["b"] == "B"

    def test_a_value_is_built_once(self) -> None:
        """Reading a key twice builds its value once and gives the same object."""
        lazy, built = counting_map(("a",))
        first = lazy["a"]
        assert lazy["a"] is first
        assert built == ["a"]

    def test_nothing_is_built_before_it_is_read(self) -> None:
        """Membership, length and iteration build no value."""
        lazy, built = counting_map(("a", "b"))
        assert "a" in lazy
        assert "z" not in lazy
        assert len(lazy) == 2
        assert list(lazy) == ["a", "b"]
        assert built == []

    def test_an_unknown_key_raises_key_error(self) -> None:
        """Reading a key the map does not have raises KeyError without calling the builder."""
        lazy, built = counting_map(("a",))
        with pytest.raises(KeyError):
            lazy["z"]
        assert built == []

    def test_equals_a_plain_mapping_of_its_values(self) -> None:
        """The map equals a dict of the same keys and values."""
        lazy, _ = counting_map(("a", "b"))
        assert lazy == {"a": "A", "b": "B"}

    def test_keys_may_be_a_dict(self) -> None:
        """A map over a dict's keys has those keys, in order, and ignores the dict's values."""
        built: list[str] = []
        lazy = LazyMap({"b": 0, "a": 1}, lambda key: built.append(key) or key * 2)
        assert list(lazy) == ["b", "a"]
        assert "a" in lazy
        assert built == []
        assert lazy["a"] == "aa"

    def test_repr_shows_the_values(self) -> None:
        """The repr lists every key and value."""
        lazy, _ = counting_map(("a",))
        assert repr(lazy) == "LazyMap({'a': 'A'})"


class TestLazyAssessment:
    def test_assess_builds_no_criterion_result_until_read(self) -> None:
        """An assessment's grades are there before any criterion result is built."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        assessment = inspectkit.assess(framework, evidence)
        assert assessment.grade is not None
        assert isinstance(assessment.criteria, LazyMap)
        assert assessment.criteria._built == {}

    def test_assess_builds_no_judgement_result_until_read(self) -> None:
        """An assessment's judgement results are built on first read, the overall grade's not."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        assessment = inspectkit.assess(framework, evidence)
        assert isinstance(assessment.judgements, LazyMap)
        assert assessment.judgements._built == {}
        assert assessment.judgements["access"].id == "access"

    def test_a_result_reused_for_another_coverage_says_that_coverage(self) -> None:
        """A result reused for the same grades at another coverage equals one built afresh."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        fewer = evidence.replace({"adult_learning": None})  # no grade moves under exclude
        first = inspectkit.assess(framework, evidence, missing="exclude")
        reused = inspectkit.assess(framework, fewer, missing="exclude")
        fresh = inspectkit.assess(attrs.evolve(framework), fewer, missing="exclude")
        assert reused.coverage < first.coverage
        assert reused.overall == fresh.overall
        assert reused.overall.coverage == reused.coverage

    def test_evolving_an_assessment_keeps_its_results_lazy(self) -> None:
        """An assessment evolved with its own criteria keeps the same lazy mapping."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        assessment = inspectkit.assess(
            framework, inspectkit.load_evidence(EXAMPLE, framework=framework)
        )
        assert attrs.evolve(assessment, coverage=0.5).criteria is assessment.criteria

    def test_criterion_results_equal_a_second_assessment(self) -> None:
        """Criterion results read from two assessments of equal evidence are equal."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        first = inspectkit.assess(framework, evidence)
        second = inspectkit.assess(framework, evidence)
        assert dict(first.criteria) == dict(second.criteria)
        assert first == second
