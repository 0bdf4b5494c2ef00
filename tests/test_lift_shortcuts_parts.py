"""Two shortcuts of the gap list and the search by parts give what the long way gives.

- The search by parts answers the vector that keeps every judgement of a part at its grade now
  as the empty plan where `_Planner._stays_free` says that costs nothing; `solve_part` of that
  vector, the long way, must be that empty plan, and plans found with the shortcut (and the
  other proven shortcuts, `_SHORTCUTS`) equal plans found without.
- A gap list whose overall grade is one below the target and whose lift plan is proven minimal
  with two changes or more reads no one change as lifting the overall grade
  (`GapSearch._lone`); the engine's own pass over the ranks (`with_ranks`, no per-judgement
  sums) is the oracle for every criterion and every grade it can reach.
"""

from __future__ import annotations

import copy
import random

import pytest

import inspectkit
from inspectkit import Assessment
from inspectkit.rubric import OVERALL
from inspectkit.scoring import _lift, gap_search
from inspectkit.scoring._probes import _better
from scripts_for_tests import bench_lift

BENCH = bench_lift()


def _below_good(family: str, size: int, count: int, seed: int) -> list[Assessment]:
    """*count* assessments of the benchmark's *family* at *size* criteria, below Good."""
    framework = BENCH.make_framework(family, size, seed=size)
    absent = {"exclude": 0.2, "crafted": 1 / 3}.get(family, 0.0)
    rng = random.Random(seed)
    return [BENCH.below_good(framework, rng, absent, 0.25)[1] for _ in range(count)]


def _taken() -> Assessment:
    """An assessment of the many family whose gap list to Good takes the shortcut."""
    for assessment in _below_good("many", 60, 10, seed=4):
        if gap_search(assessment, assessment.framework.grade("good"))._lone:
            return assessment
    raise AssertionError("no assessment takes the shortcut")  # pragma: no cover


class TestKeptNow:
    @pytest.mark.parametrize("size", [10, 40, 100, 300])
    def test_a_free_part_kept_at_its_grades_solves_to_the_empty_plan(self, size: int) -> None:
        """Where a part stays free, solving its grades now the long way is the empty plan."""
        free = 0
        for assessment in _below_good("many", size, 4, seed=size + 3):
            planner = _lift._Planner(assessment)
            current = planner.base.judgement_point
            engine = {j: k for k, j in enumerate(planner.compiled.order)}
            for part in planner._parts():
                if not planner._stays_free(part):
                    continue
                free += 1
                within = sorted(part, key=engine.__getitem__)
                solved = planner.solve_part({j: current[j] for j in part}, {}, within)
                assert solved == _lift._Local(0, 0.0, {}, exact=True)
        assert free > 0

    def test_a_part_with_a_cap_that_would_fire_is_not_free(self) -> None:
        """A part is not free where a cap worse than a grade now watches a rank past its limit.

        The engine never leaves such a grade (a cap that fires holds the grade at its ``to`` or
        below), so the ranks are set by hand: the guard must not rest on that.
        """
        assessment = _below_good("many", 40, 1, seed=1)[0]
        planner = _lift._Planner(assessment)
        compiled = planner.compiled
        j, cap = next(
            (judgement.index, cap)
            for judgement in compiled.judgements
            for cap in judgement.caps
            if cap.criterion >= 0 and cap.to > 0
        )
        part = next(part for part in planner._parts() if j in part)
        base = planner.base = copy.copy(planner.base)
        base.point = list(base.point)
        base.judgement_point = list(base.judgement_point)
        for k in part:
            base.judgement_point[k] = 0
            planner._now[k] = (0,)
        assert planner._stays_free(part)
        base.point[cap.criterion] = cap.trigger
        assert not planner._stays_free(part)

    @pytest.mark.parametrize("size", [10, 40, 100, 300])
    def test_plans_are_those_found_without_shortcuts(self, size: int) -> None:
        """Plans to Good of the many family are the same with the shortcuts on and off."""
        for assessment in _below_good("many", size, 3, seed=size + 7):
            good = assessment.framework.grade("good")
            cut = _lift._decide(_lift._Planner(assessment), OVERALL, good)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_lift, "_SHORTCUTS", False)
                uncut = _lift._decide(_lift._Planner(assessment), OVERALL, good)
            assert (cut.kind, cut.assign, cut.minimal) == (uncut.kind, uncut.assign, uncut.minimal)


class TestLoneChanges:
    @pytest.mark.parametrize("family", BENCH.FAMILIES)
    def test_one_change_lifts_what_the_engine_says(self, family: str) -> None:
        """With the shortcut taken, every one change's lifts are the engine's own answers."""
        taken = 0
        for assessment in _below_good(family, 60, 3, seed=len(family)):
            good = assessment.framework.grade("good")
            search = gap_search(assessment, good)
            taken += search._lone
            planner = _lift._Planner(assessment)
            base = planner.base
            for c in planner.compiled.criteria:
                j = c.judgement
                for rank in planner.options[c.index]:
                    core = planner.ranks_with({c.index: rank})
                    assert search.lifts(c.index, rank) == (
                        _better(core.judgement_point[j], base.judgement_point[j]),
                        _better(core.overall[0], base.overall[0]),
                    )
        assert taken > 0

    def test_not_taken_two_grades_below(self) -> None:
        """Two grades below the target, a lift of the overall grade need not reach it."""
        for assessment in _below_good("many", 60, 3, seed=2):
            outstanding = assessment.framework.grade("outstanding")
            assert assessment.grade is not None
            assert assessment.grade.rank >= outstanding.rank + 2
            assert not gap_search(assessment, outstanding)._lone

    def test_not_taken_with_fixed_criteria(self) -> None:
        """With criteria the plan may not change, its minimality says nothing of them."""
        assessment = _taken()
        good = assessment.framework.grade("good")
        first = next(iter(assessment.evidence.entries))
        assert not gap_search(assessment, good, fixed=[first])._lone

    def test_not_taken_for_a_judgements_grade(self) -> None:
        """Measured against one judgement, the overall plan's minimality says nothing."""
        assessment = _taken()
        judgement = next(
            result.id
            for result in assessment.judgements.values()
            if result.grade is not None and result.grade.rank > 1
        )
        good = assessment.framework.grade("good")
        assert not gap_search(assessment, good, judgement=judgement)._lone

    def test_gap_lists_read_the_same_with_and_without(self) -> None:
        """A gap list's fields are the same whether or not the shortcut is taken."""
        for assessment in _below_good("crafted", 60, 2, seed=9):
            fresh = inspectkit.assess(assessment.framework, assessment.evidence)
            good = assessment.framework.grade("good")
            search = gap_search(fresh, good)
            assert search._lone
            long_way = gap_search(inspectkit.assess(fresh.framework, fresh.evidence), good)
            long_way._lone = False
            assert [search.row(k) for k in range(len(search))] == [
                long_way.row(k) for k in range(len(long_way))
            ]


class TestCheapestRow:
    @pytest.mark.parametrize("family", BENCH.FAMILIES)
    def test_each_effort_is_worked_out_from_the_criterions_own_options(self, family: str) -> None:
        """The table's effort is the steps to the last option at or above the target, by effort."""
        for assessment in _below_good(family, 60, 2, seed=11):
            planner = _lift._Planner(assessment)
            criteria = planner.compiled.criteria
            for target in range(planner.grades):
                row = planner._cheapest_row(target)
                assert len(row) == len(criteria)
                for m, options in enumerate(planner.options):
                    if not options:
                        continue
                    usable = [r for r in options if r <= target]
                    rank = usable[-1] if usable else options[0]
                    assert row[m] == planner.steps(m, rank) * criteria[m].criterion.effort

    def test_a_criterion_that_cannot_move_has_none(self) -> None:
        """A criterion at its best grade (no option) has no effort in the table."""
        assessment = _below_good("mixed", 60, 1, seed=12)[0]
        planner = _lift._Planner(assessment)
        row = planner._cheapest_row(1)
        rows = planner._option_rows()
        point = planner.base.point
        top = [m for m, now in enumerate(point) if not rows[m][0 if now is None else now + 1]]
        assert top
        assert all(row[m] is None for m in top)
        assert all(not planner.options[m] for m in top)


class TestPointAfter:
    @pytest.mark.parametrize("family", BENCH.FAMILIES)
    def test_a_judgements_point_is_the_engines(self, family: str) -> None:
        """A session's point for a changed criterion's judgement is the engine's own pass's."""
        rng = random.Random(len(family) + 20)
        for assessment in _below_good(family, 60, 2, seed=13):
            planner = _lift._Planner(assessment)
            movable = [i for i, options in enumerate(planner.options) if options]
            for _ in range(40):
                changes = {
                    i: rng.choice(planner.options[i])
                    for i in rng.sample(movable, rng.randint(1, 3))
                }
                session = planner.rescorer.session(changes)
                core = planner.ranks_with(changes)
                for i in changes:
                    j = planner.compiled.criteria[i].judgement
                    assert session.point(j) == core.judgement_point[j]
