"""The model classes' own behaviour: evidence entries, framework look-ups, readable reprs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frameworks_for_tests import example_framework
from inspectkit import UnknownIdError
from inspectkit.evidence import NOT_APPLICABLE, Entry, Evidence

FRAMEWORK = example_framework()
IDS = [criterion.id for criterion in FRAMEWORK.criteria()]


class TestEvidenceEntries:
    @given(order=st.permutations(IDS))
    def test_entries_are_kept_in_id_order(self, order: list[str]) -> None:
        """Entries given in any order are kept sorted by criterion id."""
        evidence = Evidence("f", "u", {key: Entry(key, True) for key in order})
        assert list(evidence.entries) == sorted(IDS)

    def test_entries_cannot_be_changed(self) -> None:
        """The entries mapping is read-only, even when built from a caller's dict."""
        given_entries = {"a": Entry("a", True)}
        evidence = Evidence("f", "u", given_entries)
        given_entries["b"] = Entry("b", False)
        assert list(evidence.entries) == ["a"]
        with pytest.raises(TypeError):
            evidence.entries["c"] = Entry("c", True)  # type: ignore[index]

    def test_replace_adds_changes_and_removes(self) -> None:
        """replace() swaps entries, drops those given as None and leaves the original alone."""
        evidence = Evidence("f", "u", {"a": Entry("a", True), "b": Entry("b", True)})
        changed = evidence.replace({"a": Entry("a", False), "b": None, "c": Entry("c", 0.5)})
        assert {key: entry.value for key, entry in changed.entries.items()} == {
            "a": False,
            "c": 0.5,
        }
        assert evidence.value("a") is True

    @given(order=st.permutations(IDS), cut=st.integers(0, len(IDS)))
    def test_replace_keeps_id_order(self, order: list[str], cut: int) -> None:
        """Entries added by replace() join the others in criterion id order."""
        evidence = Evidence("f", "u", {key: Entry(key, True) for key in order[:cut]})
        changed = evidence.replace({key: Entry(key, False) for key in order[cut:]})
        assert list(changed.entries) == sorted(IDS)

    def test_repr_is_short(self) -> None:
        """The repr names the unit, the framework and how many entries there are."""
        evidence = Evidence("f", "Riverside", {"a": Entry("a", NOT_APPLICABLE)})
        assert repr(evidence) == "<Evidence unit='Riverside' framework='f' entries=1>"
        assert repr(NOT_APPLICABLE) == "NOT_APPLICABLE"


class TestFrameworkLookups:
    def test_judgement_of_a_criterion(self) -> None:
        """judgement_of finds the judgement a criterion belongs to."""
        assert FRAMEWORK.judgement_of("gld_gap").id == "access"
        assert FRAMEWORK.judgement_of("board_challenge").id == "leadership"

    @pytest.mark.parametrize(
        "lookup", ["judgement_of", "criterion", "judgement", "source"], ids=str
    )
    def test_unknown_ids_raise(self, lookup: str) -> None:
        """Every look-up by id raises UnknownIdError, naming the id, for an id it lacks."""
        with pytest.raises(UnknownIdError, match="'nope'"):
            getattr(FRAMEWORK, lookup)("nope")

    def test_repr_is_short(self) -> None:
        """The repr names the framework, its version and how many judgements and criteria."""
        assert (
            repr(FRAMEWORK) == "<Framework 'example_centres' version='1.0' judgements=2 criteria=4>"
        )

    def test_source_by_id(self) -> None:
        """source() returns the declared source with that id."""
        first = FRAMEWORK.sources[0]
        assert FRAMEWORK.source(first.id) is first
