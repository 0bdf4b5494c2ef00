"""Properties of the scoring engine over generated frameworks and evidence."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from frameworks_for_tests import four_grade_scale
from inspectkit import assess
from inspectkit.results import Assessment, Status
from inspectkit.rubric import Framework, Method, MissingPolicy
from inspectkit.scoring import combine, grade_overall
from strategies import evidence_for, exact_evidence_for, frameworks, improve

pytestmark = pytest.mark.property

POLICIES = st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE])


def _rank(grade: object) -> int | None:
    return None if grade is None else grade.rank  # type: ignore[attr-defined]


def _results(assessment: Assessment) -> dict[str, tuple[int | None, int | None, int | None]]:
    """Every grade of an assessment as ranks: id -> (point, best, worst)."""
    found = {
        key: (_rank(r.grade), _rank(r.best), _rank(r.worst))
        for key, r in [*assessment.criteria.items(), *assessment.judgements.items()]
    }
    overall = assessment.overall
    found["overall"] = (_rank(overall.grade), _rank(overall.best), _rank(overall.worst))
    return found


def _no_worse(before: int | None, after: int | None) -> bool:
    return before is None or after is None or after <= before


class TestMonotone:
    @given(data=st.data(), policy=POLICIES)
    def test_improving_evidence_never_lowers_a_grade(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Improving one piece of evidence never lowers any grade or either bound."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        _, better = data.draw(improve(framework, evidence))
        before = _results(assess(framework, evidence, missing=policy))
        after = _results(assess(framework, better, missing=policy))
        for key, (point, best, worst) in before.items():
            new_point, new_best, new_worst = after[key]
            assert _no_worse(point, new_point), key
            assert _no_worse(best, new_best), key
            assert _no_worse(worst, new_worst), key

    @given(data=st.data())
    def test_filling_absent_evidence_never_lowers_a_grade_under_worst(
        self, data: st.DataObject
    ) -> None:
        """Under policy worst, giving evidence where there was none never lowers a grade."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        _, better = data.draw(improve(framework, evidence, fill_absent=True))
        before = _results(assess(framework, evidence, missing="worst"))
        after = _results(assess(framework, better, missing="worst"))
        for key, (point, _, _) in before.items():
            assert _no_worse(point, after[key][0]), key

    @given(data=st.data(), policy=POLICIES)
    def test_worst_bound_is_never_above_best_bound(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """The worst bound is never better than the best bound, before or after improving."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        _, better = data.draw(improve(framework, evidence))
        for current in (evidence, better):
            for key, (_, best, worst) in _results(
                assess(framework, current, missing=policy)
            ).items():
                assert (best is None) == (worst is None), key
                assert best is None or worst is None or best <= worst, key


class TestRange:
    @given(data=st.data(), policy=POLICIES)
    def test_point_lies_within_range(self, data: st.DataObject, policy: MissingPolicy) -> None:
        """Every point prediction lies between its best and worst bounds."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        for key, (point, best, worst) in _results(
            assess(framework, evidence, missing=policy)
        ).items():
            if point is not None:
                assert best is not None, key
                assert worst is not None, key
                assert best <= point <= worst, key

    @given(data=st.data(), policy=POLICIES)
    def test_complete_exact_evidence_gives_one_grade(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Complete exact evidence gives a range of one grade everywhere."""
        framework = data.draw(frameworks())
        evidence = data.draw(exact_evidence_for(framework))
        for key, (point, best, worst) in _results(
            assess(framework, evidence, missing=policy)
        ).items():
            assert point == best == worst, key


class TestCoverage:
    @given(data=st.data(), policy=POLICIES)
    def test_coverage_is_one_exactly_when_nothing_is_absent(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Coverage is 1 exactly when no criterion is absent, and lies in 0..1."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        assessment = assess(framework, evidence, missing=policy)
        absent = any(r.status is Status.ABSENT for r in assessment.criteria.values())
        assert 0.0 <= assessment.coverage <= 1.0
        assert (assessment.coverage == 1.0) is (not absent)


class TestDeterminism:
    @given(data=st.data(), policy=POLICIES)
    def test_criterion_order_does_not_matter(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Reordering the criteria of each judgement changes no grade, only the report's order."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        reordered = attrs.evolve(
            framework,
            judgements=[
                attrs.evolve(judgement, criteria=data.draw(st.permutations(judgement.criteria)))
                for judgement in framework.judgements
            ],
        )
        first = assess(framework, evidence, missing=policy)
        second = assess(reordered, evidence, missing=policy)
        assert _results(second) == _results(first)
        assert list(second.criteria) == [criterion.id for criterion in reordered.criteria()]

    @given(data=st.data(), policy=POLICIES)
    def test_reused_results_match_fresh_ones(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Results reused from earlier assessments match those of a freshly compiled plan."""
        framework = data.draw(frameworks())
        earlier = data.draw(evidence_for(framework))
        evidence = data.draw(evidence_for(framework))
        assess(framework, earlier, missing=policy)
        reused = assess(framework, evidence, missing=policy).to_json()
        fresh = assess(attrs.evolve(framework), evidence, missing=policy).to_json()
        assert reused == fresh


class TestCaps:
    @given(data=st.data(), policy=POLICIES)
    def test_every_fired_cap_is_in_the_trace(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Every cap that fires is named in the reason of the grade it limits."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        assessment = assess(framework, evidence, missing=policy)
        for result in [*assessment.judgements.values(), assessment.overall]:
            for fired in result.caps:
                assert fired.cap.limits == result.id
                assert fired.cap.id in result.reason
                assert result.grade is not None
                assert not result.grade.better_than(assessment.framework.grade(fired.cap.to))

    @given(data=st.data(), policy=POLICIES)
    def test_removing_a_cap_never_lowers_a_grade(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Without any one cap, no grade is worse than with it."""
        framework: Framework = data.draw(frameworks())
        if not framework.caps:
            return
        evidence = data.draw(evidence_for(framework))
        dropped = data.draw(st.sampled_from(range(len(framework.caps))))
        loosened = attrs.evolve(
            framework, caps=[cap for k, cap in enumerate(framework.caps) if k != dropped]
        )
        with_cap = _results(assess(framework, evidence, missing=policy))
        without = _results(assess(loosened, evidence, missing=policy))
        for key, ranks in with_cap.items():
            for capped, free in zip(ranks, without[key], strict=True):
                assert _no_worse(capped, free), key


class TestOverallFromGrades:
    @given(data=st.data(), policy=POLICIES)
    def test_own_grades_give_the_same_overall(
        self, data: st.DataObject, policy: MissingPolicy
    ) -> None:
        """Grading an assessment's own judgement and criterion grades overall reproduces it."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        assessment = assess(framework, evidence, missing=policy)
        got = grade_overall(
            framework,
            {key: (r.grade, r.best, r.worst) for key, r in assessment.judgements.items()},
            {key: (r.grade, r.best, r.worst) for key, r in assessment.criteria.items()},
        )
        overall = assessment.overall
        assert got == (overall.grade, overall.best, overall.worst)


_RANKS = st.lists(st.one_of(st.none(), st.integers(0, 3)), max_size=8)


class TestCombine:
    @given(ranks=_RANKS, share=st.sampled_from([0.25, 0.5, 0.6, 2 / 3, 0.75, 1.0]))
    def test_best_fit_is_the_best_rank_a_share_reaches(
        self, ranks: list[int | None], share: float
    ) -> None:
        """Best fit gives the best rank that the share of graded members reach or beat."""
        graded = [rank for rank in ranks if rank is not None]
        expected = next(
            (r for r in range(4) if sum(g <= r for g in graded) >= share * len(graded) - 1e-9),
            None,
        )
        assert combine(four_grade_scale(), Method.BEST_FIT, ranks, share=share) == (
            expected if graded else None
        )

    @given(ranks=_RANKS)
    def test_secure_fit_is_the_worst_graded_rank(self, ranks: list[int | None]) -> None:
        """Secure fit gives the worst graded rank, and no rank when none is graded."""
        graded = [rank for rank in ranks if rank is not None]
        assert combine(four_grade_scale(), Method.SECURE_FIT, ranks) == (
            max(graded) if graded else None
        )
