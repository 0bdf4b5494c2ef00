"""The floors that let `_rules_cover` skip trials: true floors, and skipping keeps the plan.

A ``rules`` judgement with unknown members is solved once per rule and per bound on the rank the
unknown ones are assumed at (`inspectkit.scoring._lift._Planner._rules_cover`). Each such trial
has a floor on its changes read before it is solved (`_Planner._cover_trials`); trials are solved
in order of their floors, and those whose floor exceeds the fewest changes found are not solved.
These tests check, over seeded evidence of the benchmark's crafted and rules families
(``benchmarks/bench_lift.py``), every judgement graded by rules and every target:

- every floor is at most the changes of the plan `_cover` finds for its trial (the oracle is
  `_cover` itself, solved for every trial);
- the plan kept is the one solving every trial in the order of rules and bounds keeps (with
  `_SHORTCUTS` off, nothing is skipped);
- the floors skip most trials of the crafted family, so the test above is not vacuous.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

import inspectkit
from inspectkit.scoring import _lift
from inspectkit.scoring._compile import RULES
from scripts_for_tests import bench_lift

BENCH = bench_lift()


def _cases(family: str, size: int, count: int) -> Iterator[tuple[_lift._Planner, int, int]]:
    """(planner, rules judgement, target) for *count* seeded evidence sets of *family*."""
    framework = BENCH.make_framework(family, size, seed=size)
    absent = {"crafted": 1 / 3}.get(family, 0.0)
    rng = random.Random(size * 13 + len(family))
    for k in range(count):
        # Every other set with more evidence absent: more unknown members, more bounds.
        evidence = BENCH.make_evidence(framework, rng, absent * (1 + k % 2), 0.3)
        planner = _lift._Planner(inspectkit.assess(framework, evidence))
        for j, judgement in enumerate(planner.compiled.judgements):
            if judgement.aggregation.method != RULES:
                continue
            for target in range(planner.grades):
                yield planner, j, target


def _candidates(planner: _lift._Planner, j: int) -> list[int]:
    """The members of judgement *j* that can change, as `_Planner._local` passes them."""
    return [m for m in planner.compiled.judgements[j].members if planner.options[m]]


FAMILIES = [("crafted", 40), ("crafted", 200), ("rules", 100)]


class TestFloors:
    @pytest.mark.parametrize(("family", "size"), FAMILIES)
    def test_every_floor_is_at_most_its_trial_s_changes(self, family: str, size: int) -> None:
        """No trial's plan has fewer changes than its floor; some floors are above zero."""
        checked = raised = 0
        for planner, j, target in _cases(family, size, 6):
            trials, active = planner._cover_trials(j, target, {})
            movable = set(_candidates(planner, j))
            sides = (planner.base.point, planner.base.best, planner.base.worst)
            cheap = planner._cheapest_row(target)
            for floor, _, demands, ceiling, top in trials:
                plan = planner._cover(
                    target, {}, movable, active, top, demands, ceiling, sides, cheap
                )
                if plan is None:
                    continue
                assert floor <= len(plan), (family, size, j, target, top, floor, plan)
                checked += 1
                raised += floor > 0
        assert checked > 50
        assert raised > checked // 4

    @pytest.mark.parametrize(("family", "size"), FAMILIES)
    def test_skipping_trials_keeps_the_plan(self, family: str, size: int) -> None:
        """`_rules_cover` gives the same changes with the floors as with every trial solved."""
        compared = 0
        for planner, j, target in _cases(family, size, 6):
            candidates = _candidates(planner, j)
            cut = planner._rules_cover(j, target, {}, candidates)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_lift, "_SHORTCUTS", False)
                uncut = planner._rules_cover(j, target, {}, candidates)
            assert cut == uncut, (family, size, j, target)
            compared += isinstance(cut, list) and bool(cut)
        assert compared > 10

    def test_the_floors_skip_most_crafted_trials(self) -> None:
        """Over crafted evidence with unknown members, most trials are never solved."""
        solved = 0
        trials = 0
        cover = _lift._Planner._cover

        def counting(self: _lift._Planner, *arguments: object) -> list[int] | None:
            nonlocal solved
            solved += 1
            return cover(self, *arguments)  # type: ignore[arg-type]

        for planner, j, target in _cases("crafted", 200, 6):
            trials += len(planner._cover_trials(j, target, {})[0])
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_lift._Planner, "_cover", counting)
                planner._rules_cover(j, target, {}, _candidates(planner, j))
        assert trials > 100
        assert solved < trials // 2
