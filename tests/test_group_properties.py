"""Properties of groups and progress that hold for every framework and every evidence."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.evidence import Counts, Entry, Evidence
from inspectkit.groups import assess_group
from inspectkit.progress import compare
from inspectkit.results import Assessment, GroupAssessment
from inspectkit.rubric import Framework, GroupMethod, Measure, MissingPolicy
from strategies import evidence_for, frameworks, value_for

pytestmark = pytest.mark.property

RULES = st.sampled_from(list(GroupMethod))


@st.composite
def lenient_frameworks(draw: st.DrawFn) -> Framework:
    """A framework whose missing-evidence policy lets absent evidence be assessed."""
    framework = draw(frameworks())
    policy = draw(st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE]))
    return attrs.evolve(framework, missing=policy)


@st.composite
def groups(
    draw: st.DrawFn, *, min_size: int = 1, max_size: int = 4
) -> tuple[Framework, list[Evidence]]:
    """A framework and between *min_size* and *max_size* members with distinct names."""
    framework = draw(lenient_frameworks())
    count = draw(st.integers(min_size, max_size))
    members = [
        attrs.evolve(draw(evidence_for(framework)), unit=f"centre {index}")
        for index in range(count)
    ]
    return framework, members


def _grades(group: GroupAssessment) -> dict[str, object]:
    return {
        "overall": group.overall.grade,
        **{key: value.grade for key, value in group.judgements.items()},
        **{key: value.grade for key, value in group.criteria.items()},
    }


def _assessment_grades(assessment: Assessment) -> dict[str, object]:
    return {
        "overall": assessment.overall.grade,
        **{key: value.grade for key, value in assessment.judgements.items()},
        **{key: value.grade for key, value in assessment.criteria.items()},
    }


class TestGroupProperties:
    @given(data=st.data(), rule=RULES)
    def test_a_group_of_one_is_that_member(self, data: st.DataObject, rule: GroupMethod) -> None:
        """A group of one member has exactly that member's grades and ranges."""
        framework, (member,) = data.draw(groups(max_size=1))
        group = assess_group(framework, [member], rule=rule)
        alone = inspectkit.assess(framework, member)
        assert _grades(group) == _assessment_grades(alone)
        assert (group.overall.best, group.overall.worst) == (
            alone.overall.best,
            alone.overall.worst,
        )
        for jid, result in group.judgements.items():
            own = alone.judgements[jid]
            assert (result.best, result.worst) == (own.best, own.worst)
        assert group.holding_down() == ()

    @given(data=st.data())
    def test_weakest_is_never_better_than_any_member(self, data: st.DataObject) -> None:
        """Under weakest, no group grade is better than any member's grade for it."""
        framework, members = data.draw(groups())
        group = assess_group(framework, members, rule="weakest")
        for result in (group.overall, *group.judgements.values(), *group.criteria.values()):
            for grade in result.members.values():
                if grade is not None:
                    assert result.grade is not None
                    assert not result.grade.better_than(grade)

    @given(data=st.data(), rule=RULES)
    def test_member_order_never_matters(self, data: st.DataObject, rule: GroupMethod) -> None:
        """Shuffling the members gives the same group assessment."""
        framework, members = data.draw(groups(min_size=2))
        shuffled = data.draw(st.permutations(members))
        assert assess_group(framework, members, rule=rule) == assess_group(
            framework, shuffled, rule=rule
        )

    @given(data=st.data())
    def test_best_fit_lies_between_the_members(self, data: st.DataObject) -> None:
        """Under best fit, each judgement lies between the best and worst member's grade."""
        framework, members = data.draw(groups(min_size=2))
        group = assess_group(framework, members, rule="best_fit")
        for result in group.judgements.values():
            graded = [grade.rank for grade in result.members.values() if grade is not None]
            if graded and result.grade is not None:
                assert min(graded) <= result.grade.rank <= max(graded)

    @given(data=st.data())
    def test_pooled_equals_assessing_summed_counts(self, data: st.DataObject) -> None:
        """Pooling members' counts gives the assessment of the summed counts."""
        framework = data.draw(lenient_frameworks())
        shared: dict[str, Entry] = {}
        for criterion in framework.criteria():
            if criterion.measure is not Measure.PROPORTION:
                value = data.draw(value_for(framework, criterion, exact=True))
                shared[criterion.id] = Entry(criterion.id, value)
        counts = st.integers(1, 500).flatmap(
            lambda denominator: st.integers(0, denominator).map(
                lambda numerator: Counts(numerator, denominator)
            )
        )
        members = []
        totals: dict[str, tuple[int, int]] = {}
        for index in range(data.draw(st.integers(1, 4))):
            entries = dict(shared)
            for criterion in framework.criteria():
                if criterion.measure is Measure.PROPORTION:
                    drawn = data.draw(counts)
                    entries[criterion.id] = Entry(criterion.id, drawn.proportion, counts=drawn)
                    numerator, denominator = totals.get(criterion.id, (0, 0))
                    totals[criterion.id] = (
                        numerator + drawn.numerator,
                        denominator + drawn.denominator,
                    )
            members.append(Evidence(framework.id, f"centre {index}", entries))
        summed = dict(shared)
        for criterion_id, (numerator, denominator) in totals.items():
            summed[criterion_id] = Entry(
                criterion_id, numerator / denominator, counts=Counts(numerator, denominator)
            )
        direct = inspectkit.assess(framework, Evidence(framework.id, "Group", summed))
        group = assess_group(framework, members, rule="pooled", unit="Group")
        assert _grades(group) == _assessment_grades(direct)


class TestProgressProperties:
    @given(data=st.data())
    def test_compare_with_itself_shows_no_movement(self, data: st.DataObject) -> None:
        """compare(a, a) moves nothing and closes or opens no gap."""
        framework = data.draw(lenient_frameworks())
        assessment = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        comparison = compare(assessment, assessment)
        assert comparison.moved() == ()
        assert comparison.gaps_closed == ()
        assert comparison.gaps_opened == ()

    @given(data=st.data())
    def test_compare_both_ways_are_mirror_images(self, data: st.DataObject) -> None:
        """compare(b, a) is compare(a, b) seen the other way round."""
        framework = data.draw(lenient_frameworks())
        a = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        b = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        forward = compare(a, b)
        backward = compare(b, a)
        assert backward == forward.mirror()
        for movement in forward.movements():
            steps = backward.criteria.get(movement.id, backward.judgements.get(movement.id))
            if movement.kind == "overall":
                steps = backward.overall
            assert steps is not None
            if movement.steps is not None:
                assert steps.steps == -movement.steps

    @given(data=st.data())
    def test_renderers_never_raise(self, data: st.DataObject) -> None:
        """Every output of a group and a comparison renders for any evidence."""
        framework, members = data.draw(groups())
        group = assess_group(framework, members, rule=data.draw(RULES))
        comparison = compare(
            inspectkit.assess(framework, members[0]),
            inspectkit.assess(framework, members[-1]),
            check_unit=False,
        )
        for result in (group, comparison):
            assert result.to_markdown()
            assert result.to_html()
            assert result.to_json()
            assert result.to_csv()
