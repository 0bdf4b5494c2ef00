"""The search by counts (`inspectkit.scoring._lift._Planner._search_by_counts`) and its moves.

Each judgement's moves are worked out once per distinct request of the undecided judgements
(`_Planner._count_moves`), not once per state; switched off with ``_SHORTCUTS``, they are worked
out for every state again. These tests hold the plans equal both ways on the frameworks the
search by counts is for: rules over judgements that caps chain together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import inspectkit
from inspectkit import Assessment
from inspectkit.grades import Grade
from inspectkit.loading import load_evidence, load_framework
from inspectkit.rubric import OVERALL
from inspectkit.scoring import _lift
from test_lift_plan_oracle import crafted_cases

CRAFTED = Path(__file__).parent / "crafted"


def _plan_words(assessment: Assessment, goal: Grade) -> tuple[Any, ...]:
    """An overall plan searched afresh (no memo), as what a reader sees of it."""
    plan = _lift._plan(_lift._Planner(assessment), OVERALL, goal)
    changes = tuple((c.criterion, c.after.id, c.value) for c in plan.changes)
    return plan.reachable, plan.minimal, plan.reason, changes


def _moves_asked(assessment: Assessment, target: int, *, shared: bool) -> tuple[Any, ...]:
    """How often an overall search asks for a judgement's moves, and the plan it finds."""
    asked: list[int] = []
    moves = _lift._Planner._count_moves

    def counting(self: Any, *args: Any) -> Any:
        asked.append(1)
        return moves(self, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_lift, "_SHORTCUTS", shared)
        patch.setattr(_lift._Planner, "_count_moves", counting)
        plan = _lift._Planner(assessment).search(-1, target)
    assert plan is not None
    return len(asked), plan.assign, plan.exact


class TestMovesOncePerRequest:
    @pytest.mark.property
    @settings(max_examples=80, deadline=None)
    @given(case=crafted_cases())
    def test_moves_worked_out_once_change_no_plan(self, case: tuple[Assessment, int]) -> None:
        """Plans with each judgement's moves shared between states equal those without."""
        assessment, target = case
        goal = assessment.framework.scale[target]
        shared = _plan_words(assessment, goal)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_lift, "_SHORTCUTS", False)
            alone = _plan_words(assessment, goal)
        assert shared == alone

    def test_moves_are_shared_between_states(self) -> None:
        """On the crafted framework, sharing moves asks for far fewer of them, same plan."""
        framework = load_framework(CRAFTED / "crafted-80-criteria-20-caps.toml")
        assessment = inspectkit.assess(
            framework, load_evidence(CRAFTED / "crafted-unit.toml", framework=framework)
        )
        good = framework.grade("good").rank
        found = {shared: _moves_asked(assessment, good, shared=shared) for shared in (True, False)}
        assert found[True][1:] == found[False][1:]
        assert found[True][0] * 4 < found[False][0]
