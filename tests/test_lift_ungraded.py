"""Lift plans over judgements with no grade: the search by counts models them, minimal and bounded.

Under ``missing = "exclude"`` a judgement whose evidence is all absent has no grade, and the
overall rule assumes it in line with the others, within the range a cap may hold. The search
by counts (`inspectkit.scoring._lift._Planner._search_by_counts`) models such a judgement
exactly; before, it handed over to a budgeted branch and bound, and on about one crafted
evidence set in ten at 100 criteria the plan came back ``minimal=False`` (twice after about
5,000 assessments' worth of work). These tests draw many seeded evidence sets of the
benchmark's crafted family (``benchmarks/bench_lift.py``), many of them with a judgement left
ungraded, and check that every plan is minimal, that the search's work stays bounded, and
that no smaller set of changes reaches the target (an exhaustive oracle at small sizes).
"""

from __future__ import annotations

import itertools
import random

import pytest

import inspectkit
from inspectkit import Assessment
from inspectkit.rubric import OVERALL
from inspectkit.scoring import _lift
from scripts_for_tests import bench_lift

BENCH = bench_lift()

# The share of evidence left absent: the benchmark's, and one that leaves judgements ungraded
# in about half the draws.
ABSENT = (1 / 3, 0.6)

# The most nodes (`_Planner.nodes`) one plan's search may visit. The largest seen over these
# draws is about 1,100; before, the branch and bound stopped at its budget of 5,000 vectors,
# and the engine-checked search after it at 20,000 sets.
MOST_NODES = 3_000


def _draws(size: int, count: int, seed: int) -> list[Assessment]:
    """*count* seeded assessments below Good of the crafted family at *size* criteria."""
    framework = BENCH.make_framework("crafted", size, seed=size)
    rng = random.Random(seed)
    return [BENCH.below_good(framework, rng, ABSENT[k % 2], 0.25)[1] for k in range(count)]


def _decided(assessment: Assessment) -> tuple[_lift._Planner, _lift._Decision]:
    planner = _lift._Planner(assessment)
    good = assessment.framework.grade("good")
    return planner, _lift._decide(planner, OVERALL, good)


def _ungraded(assessment: Assessment) -> bool:
    return any(result.grade is None for result in assessment.judgements.values())


def _smaller_plan_exists(planner: _lift._Planner, size: int, target: int) -> bool:
    """Whether any set of fewer than *size* changes reaches *target*, tried exhaustively.

    Every set of criteria that may change, and every grade each can be given, re-scored by
    the engine's own pass over the ranks (`_Planner.ranks_with`), not by the search.
    """
    movable = [i for i, options in enumerate(planner.options) if options]
    for count in range(size):
        for chosen in itertools.combinations(movable, count):
            for ranks in itertools.product(*(planner.options[i] for i in chosen)):
                got = planner.ranks_with(dict(zip(chosen, ranks, strict=True))).overall[0]
                if got is not None and got <= target:
                    return True
    return False


class TestCraftedDraws:
    @pytest.mark.parametrize("size", [10, 20, 50, 100])
    def test_every_plan_is_minimal(self, size: int) -> None:
        """Every plan to Good over seeded crafted evidence sets is proven minimal."""
        found = [_decided(assessment)[1] for assessment in _draws(size, 24, seed=size)]
        assert [decision.minimal for decision in found] == [True] * len(found)

    @pytest.mark.parametrize("size", [20, 100])
    def test_the_search_stays_bounded(self, size: int) -> None:
        """No plan's search visits more than `MOST_NODES` nodes."""
        nodes = [_decided(assessment)[0].nodes for assessment in _draws(size, 24, seed=size)]
        assert max(nodes) <= MOST_NODES

    def test_draws_leave_judgements_ungraded(self) -> None:
        """The draws exercise the case: several leave a judgement with no grade."""
        draws = _draws(100, 24, seed=100)
        assert sum(_ungraded(assessment) for assessment in draws) >= 4


class TestPreviouslyPathological:
    # The four crafted sets at 100 criteria (the benchmark's draws from seed 12345) whose plans
    # came back minimal=False, two of them after about 5,000 assessments' worth of work.
    @pytest.mark.parametrize("index", [5, 9, 13, 34])
    def test_plan_is_minimal_and_cheap(self, index: int) -> None:
        """The set's plan is minimal, found by the search by counts within a few hundred nodes."""
        framework = BENCH.make_framework("crafted", 100, seed=100)
        rng = random.Random(12345)
        for _ in range(index + 1):
            _, assessment = BENCH.below_good(framework, rng, 1 / 3, 0.25)
        assert _ungraded(assessment)
        planner, decision = _decided(assessment)
        assert decision.minimal
        assert planner.nodes <= MOST_NODES


class TestAgainstExhaustiveOracle:
    @pytest.mark.parametrize("size", [8, 12, 16])
    def test_no_smaller_plan_reaches(self, size: int) -> None:
        """No set of fewer changes than the plan's reaches Good, by exhaustive search."""
        for assessment in _draws(size, 10, seed=size + 1):
            planner, decision = _decided(assessment)
            assert decision.reachable
            target = assessment.framework.grade("good").rank
            assert not _smaller_plan_exists(planner, len(decision.assign), target)

    def test_oracle_finds_a_smaller_plan_when_one_exists(self) -> None:
        """The oracle is not vacuous: it finds the plan's own size less one change too few."""
        assessment = next(a for a in _draws(12, 10, seed=13) if len(a.lift_plan("good")) >= 2)
        planner, decision = _decided(assessment)
        target = assessment.framework.grade("good").rank
        assert _smaller_plan_exists(planner, len(decision.assign) + 1, target)


class TestShortcutsOff:
    def test_plans_are_the_same_without_shortcuts(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With `_SHORTCUTS` off, plans over sets with ungraded judgements are the same."""
        draws = [a for a in _draws(50, 24, seed=51) if _ungraded(a)]
        assert draws
        on = [_decided(assessment)[1].assign for assessment in draws]
        monkeypatch.setattr(_lift, "_SHORTCUTS", False)
        off = [_decided(inspectkit.assess(a.framework, a.evidence))[1].assign for a in draws]
        assert on == off
