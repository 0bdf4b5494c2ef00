"""The search by counts runs the worst grade's rule first and skips rules its floor rules out.

`inspectkit.scoring._lift._Planner._count_vector` tries each overall rule at or above the
target; with ``_SHORTCUTS`` it runs them from the worst grade's up and skips a rule whose
floor (`_Planner._count_floor`, a proven lower bound on its plan's changes) passes the best
plan so far. These tests hold the plans equal with the shortcut on and off, the floor below
every rule's own cheapest plan, and check that the skip happens where it should.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import inspectkit
from inspectkit import Assessment
from inspectkit.rubric import OVERALL
from inspectkit.scoring import _lift
from scripts_for_tests import bench_lift

BENCH = bench_lift()


def _draws(family: str, size: int, count: int) -> list[Assessment]:
    framework = BENCH.make_framework(family, size, seed=size)
    absent = {"exclude": 0.2, "crafted": 1 / 3}.get(family, 0.0)
    rng = random.Random(size + 3)
    return [BENCH.below_good(framework, rng, absent, 0.25)[1] for _ in range(count)]


def _plan(assessment: Assessment, goal: str) -> tuple[Any, ...]:
    """The decision for *goal* on a fresh assessment of the same evidence (no memo)."""
    fresh = inspectkit.assess(assessment.framework, assessment.evidence)
    planner = _lift._Planner(fresh)
    decision = _lift._decide(planner, OVERALL, fresh.framework.grade(goal))
    return decision.kind, sorted(decision.assign.items()), decision.minimal


CASES = [("crafted", 20), ("crafted", 100), ("crafted", 1000), ("rules", 100), ("mixed", 100)]


class TestSameWithoutShortcut:
    @pytest.mark.parametrize(("family", "size"), CASES)
    def test_plans_are_equal_with_the_shortcut_off(
        self, family: str, size: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Plans to Good and to Outstanding are the same with `_SHORTCUTS` on and off."""
        draws = _draws(family, size, 6)
        on = [_plan(a, goal) for a in draws for goal in ("good", "outstanding")]
        monkeypatch.setattr(_lift, "_SHORTCUTS", False)
        off = [_plan(a, goal) for a in draws for goal in ("good", "outstanding")]
        assert on == off


class TestFloor:
    @pytest.mark.parametrize("size", [20, 100, 1000])
    def test_floor_is_below_each_rules_plan(
        self, size: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each rule's floor is at most the changes of that rule's own cheapest plan."""
        seen: list[tuple[int, int]] = []
        layers = _lift._Planner._count_layers

        def spying(
            self: Any, search: Any, stays: Any, worst: Any, upper: Any, counted: Any, *rest: Any
        ) -> Any:
            found = layers(self, search, stays, worst, upper, counted, rest[0], None)
            if found is not None:
                seen.append((self._count_floor(upper, counted), found[0]))
            return found

        monkeypatch.setattr(_lift, "_SHORTCUTS", False)
        monkeypatch.setattr(_lift._Planner, "_count_layers", spying)
        for assessment in _draws("crafted", size, 6):
            _plan(assessment, "good")
        assert seen
        assert all(floor <= changes for floor, changes in seen)

    def test_a_rule_is_skipped_at_1k(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """At 1k crafted criteria the Outstanding rule is not run for a plan to Good."""
        runs: list[int] = []
        layers = _lift._Planner._count_layers

        def counting(self: Any, *args: Any) -> Any:
            runs.append(1)
            return layers(self, *args)

        monkeypatch.setattr(_lift._Planner, "_count_layers", counting)
        _plan(_draws("crafted", 1000, 1)[0], "good")
        assert len(runs) == 1
