"""Public functions given the wrong type raise a TypeError that names what they take."""

from __future__ import annotations

import pytest

import inspectkit
from frameworks_for_tests import example_framework
from inspectkit import Assessment, Entry, Evidence
from inspectkit.gaps import find_gaps, find_lift_plan
from inspectkit.scenarios import assessment_what_if


def _assessment() -> Assessment:
    """An assessment of the documentation's example framework with one entry."""
    framework = example_framework()
    evidence = Evidence(framework.id, "Example centre", {"gld_gap": Entry("gld_gap", 15.0)})
    return inspectkit.assess(framework, evidence, missing="exclude")


class TestAssess:
    """`assess` takes a framework object."""

    def test_a_framework_id_is_refused(self) -> None:
        """A framework id where the framework goes is a TypeError saying to load it."""
        with pytest.raises(TypeError, match=r"assess\(\) takes a Framework.*load_framework"):
            inspectkit.assess("ofsted_childrens_centres_2014", {})  # type: ignore[arg-type]


class TestCompare:
    """`compare` takes two assessments and a grade target."""

    def test_evidence_is_refused(self) -> None:
        """Evidence in place of an assessment is a TypeError that says to assess it first."""
        evidence = _assessment().evidence
        with pytest.raises(TypeError, match=r"compare\(\) takes Assessments.*inspectkit.assess"):
            inspectkit.compare(evidence, evidence)  # type: ignore[arg-type]

    def test_a_number_after_is_refused(self) -> None:
        """A number as the later assessment is a TypeError naming the argument."""
        with pytest.raises(TypeError, match="after is int"):
            inspectkit.compare(_assessment(), 1)  # type: ignore[arg-type]

    def test_a_number_target_is_refused(self) -> None:
        """A number as the target is a TypeError naming the forms a target takes."""
        assessment = _assessment()
        with pytest.raises(TypeError, match="target as a Grade or a grade id"):
            inspectkit.compare(assessment, assessment, target=3)  # type: ignore[arg-type]


class TestTimeline:
    """`timeline` takes an iterable of assessments."""

    def test_numbers_are_refused(self) -> None:
        """A list of numbers is a TypeError naming the first bad position."""
        with pytest.raises(TypeError, match=r"timeline\(\) takes Assessments.*assessments\[0\]"):
            inspectkit.timeline([1, 2])  # type: ignore[list-item]

    def test_a_single_assessment_is_refused(self) -> None:
        """One assessment not in a list is a TypeError asking for an iterable."""
        with pytest.raises(TypeError, match="iterable of Assessments"):
            inspectkit.timeline(_assessment())  # type: ignore[arg-type]

    def test_a_number_target_is_refused(self) -> None:
        """A number as the target is a TypeError, even for a timeline of one."""
        with pytest.raises(TypeError, match="target as a Grade"):
            inspectkit.timeline([_assessment()], target=3)  # type: ignore[arg-type]


class TestWhatIf:
    """`what_if` takes its changes as a mapping."""

    def test_a_number_of_changes_is_refused(self) -> None:
        """A number as the changes is a TypeError naming the mapping it takes."""
        assessment = _assessment()
        with pytest.raises(TypeError, match="changes as a mapping"):
            inspectkit.what_if(assessment.framework, assessment.evidence, 42)  # type: ignore[arg-type]

    def test_the_method_refuses_a_list(self) -> None:
        """`Assessment.what_if` given a list is the same TypeError."""
        with pytest.raises(TypeError, match="changes as a mapping"):
            _assessment().what_if(["gld_gap"])  # type: ignore[arg-type]

    def test_evidence_in_place_of_an_assessment_is_refused(self) -> None:
        """`assessment_what_if` given evidence is a TypeError naming Assessment."""
        with pytest.raises(TypeError, match="takes an Assessment"):
            assessment_what_if(_assessment().evidence, {})  # type: ignore[arg-type]


class TestAssessGroup:
    """`assess_group` takes a list of members."""

    def test_a_single_string_is_refused(self) -> None:
        """One path not in a list is a TypeError that says to put it in a list."""
        with pytest.raises(TypeError, match="put it in a list"):
            inspectkit.assess_group(example_framework(), "centre.toml")  # type: ignore[arg-type]

    def test_a_mapping_is_refused(self) -> None:
        """A mapping of names to evidence is a TypeError naming what members may be."""
        with pytest.raises(TypeError, match="list of Evidence, Assessments or evidence file"):
            inspectkit.assess_group(example_framework(), {"a": 1})  # type: ignore[arg-type]

    def test_a_number_member_is_refused(self) -> None:
        """A number among the members is a TypeError naming what a member may be."""
        with pytest.raises(TypeError, match="a group member must be"):
            inspectkit.assess_group(example_framework(), [42])  # type: ignore[list-item]


class TestGapsAndPlans:
    """Gaps and lift plans take an assessment, a grade target and criterion ids."""

    def test_gaps_refuse_an_object_target(self) -> None:
        """A target that is no grade or name is a TypeError listing the forms it takes."""
        with pytest.raises(TypeError, match="target must be a Grade"):
            _assessment().gaps(object())  # type: ignore[arg-type]

    def test_lift_plan_refuses_a_float_target(self) -> None:
        """A float target is a TypeError, not an AttributeError from the scale."""
        with pytest.raises(TypeError, match="target must be a Grade"):
            _assessment().lift_plan(3.5)  # type: ignore[arg-type]

    def test_find_gaps_refuses_evidence(self) -> None:
        """`find_gaps` given evidence is a TypeError naming Assessment."""
        with pytest.raises(TypeError, match=r"find_gaps\(\) takes an Assessment"):
            find_gaps(_assessment().evidence)  # type: ignore[arg-type]

    def test_fixed_as_one_string_is_refused(self) -> None:
        """`fixed` given one id as a string is a TypeError asking for a list."""
        with pytest.raises(TypeError, match="fixed as a list or tuple"):
            find_lift_plan(_assessment(), fixed="gld_gap")
