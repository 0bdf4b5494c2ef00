"""A what-if's second planner takes from the first what it can prove the same.

`inspectkit.scoring._lift._Planner` built with ``like`` (the planner of an assessment whose
evidence differs in a few criteria, as a what-if's) copies the first planner's options where
a criterion's ranks are the same (`_Planner._options_like`) and its judgements' grades before
caps where their inputs are (`_Planner._reaches_now`). These tests hold both, and the plans,
equal to a planner built afresh.
"""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit import Assessment, Entry
from inspectkit.rubric import OVERALL
from inspectkit.scoring import _lift
from scripts_for_tests import bench_lift

BENCH = bench_lift()


def _pairs(family: str, size: int) -> list[tuple[Assessment, Assessment]]:
    """Assessments below Good and, for each, the same with one gap's criterion closed."""
    framework = BENCH.make_framework(family, size, seed=size)
    absent = {"exclude": 0.2, "crafted": 1 / 3}.get(family, 0.0)
    rng = random.Random(size + 11)
    pairs = []
    for _ in range(3):
        before = BENCH.below_good(framework, rng, absent, 0.25)[1]
        for gap in before.gaps("good")[:2]:
            entry = Entry(gap.criterion, gap.target_value)
            after = inspectkit.assess(framework, before.evidence.replace({gap.criterion: entry}))
            pairs.append((before, after))
    return pairs


CASES = [(family, size) for family in BENCH.FAMILIES for size in (10, 100)]


class TestLikePlanner:
    @pytest.mark.parametrize(("family", "size"), CASES)
    def test_options_are_those_worked_out_afresh(self, family: str, size: int) -> None:
        """The second planner's options equal `_all_options` of its own assessment."""
        for before, after in _pairs(family, size):
            planner = _lift._Planner(after, like=_lift._Planner(before))
            assert planner.options == planner._all_options()

    @pytest.mark.parametrize(("family", "size"), CASES)
    def test_plans_are_those_of_a_fresh_planner(self, family: str, size: int) -> None:
        """Plans and grades before caps are the same with and without the first planner."""
        good = BENCH.make_framework(family, size, seed=size).grade("good")
        for before, after in _pairs(family, size):
            first = _lift._Planner(before)
            _lift._decide(first, OVERALL, good)
            like = _lift._Planner(after, like=first)
            fresh = _lift._Planner(after)
            assert (
                _lift._decide(like, OVERALL, good).assign
                == _lift._decide(fresh, OVERALL, good).assign
            )
            for j in range(len(like.compiled.judgements)):
                assert like._reaches_now(j, 1) == fresh._reaches_now(j, 1)
                assert like._now[j] == fresh._now[j]

    def test_options_not_taken_from_another_framework(self) -> None:
        """A planner of another framework lends nothing."""
        before = _pairs("mixed", 10)[0][0]
        other = _pairs("rules", 10)[0][0]
        assert _lift._Planner(before)._options_like(_lift._Planner(other)) is None


class TestDiffering:
    @given(
        st.lists(st.one_of(st.none(), st.integers(0, 3)), max_size=300),
        st.data(),
    )
    def test_positions_are_those_that_differ(
        self, mine: list[int | None], data: st.DataObject
    ) -> None:
        """`_differing` finds exactly the positions where two lists differ."""
        theirs = list(mine)
        for i in data.draw(st.sets(st.integers(0, max(0, len(mine) - 1)), max_size=5)):
            if mine:
                theirs[i] = None if mine[i] is not None else 0
        block = data.draw(st.integers(1, 80))
        expected = {i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b}
        assert _lift._differing(mine, theirs, block) == expected


class TestCountingShared:
    def test_planners_of_a_framework_share_what_it_alone_decides(self) -> None:
        """Two planners of one framework read the same order and caps, worked out once."""
        before, after = _pairs("crafted", 100)[0]
        first, second = _lift._Planner(before), _lift._Planner(after)
        assert first._counting() is second._counting()
        assert first._counting() is not None
        assert first._counting()[0] == first._counting_order()


def _reusable_by_members(planner: _lift._Planner, j: int) -> bool:
    """`_Planner._reusable` as first written: judgement *j*'s inputs compared member by member."""
    like = planner._like
    assert like is not None
    mine, theirs = planner.base, like.base
    return (
        (j in mine.given) == (j in theirs.given)
        and mine.given.get(j) == theirs.given.get(j)
        and mine.weaknesses[j] == theirs.weaknesses[j]
        and mine.strengths[j] == theirs.strengths[j]
        and all(
            mine.point[m] == theirs.point[m]
            and mine.best[m] == theirs.best[m]
            and mine.worst[m] == theirs.worst[m]
            and planner.options[m] == like.options[m]
            for m in planner.compiled.judgements[j].members
        )
    )


class TestPartsLent:
    @pytest.mark.parametrize(("family", "size"), CASES)
    def test_reusable_judgements_are_those_alike_member_by_member(
        self, family: str, size: int
    ) -> None:
        """The judgements found reusable at once are those whose every member is alike."""
        for before, after in _pairs(family, size):
            planner = _lift._Planner(after, like=_lift._Planner(before))
            for j in range(len(planner.compiled.judgements)):
                assert planner._reusable(j) == _reusable_by_members(planner, j)

    def test_a_judgement_given_or_with_findings_unlike_is_not_reusable(self) -> None:
        """A judgement given a grade, or with other findings, than *like*'s is worked out again."""
        before, after = _pairs("many", 100)[0]
        first = _lift._Planner(before)
        alike = _lift._Planner(after, like=first)
        j = next(j for j in range(len(alike.compiled.judgements)) if alike._reusable(j))
        for change in ("given", "weaknesses", "strengths"):
            planner = _lift._Planner(after, like=first)
            base = planner.base = copy.copy(planner.base)
            if change == "given":
                base.given = {**base.given, j: 0}
            else:
                counts = list(getattr(base, change))
                counts[j] = (9, 9, 9)
                setattr(base, change, counts)
            assert not planner._reusable(j)
            assert planner._reusable(j) == _reusable_by_members(planner, j)

    @pytest.mark.parametrize("size", [40, 100, 1000])
    def test_parts_lent_are_those_worked_out_afresh(self, size: int) -> None:
        """A what-if's second search by parts takes the first's options only where they hold."""
        good = BENCH.make_framework("many", size, seed=size).grade("good")
        lent = 0
        for before, after in _pairs("many", size):
            first = _lift._Planner(before)
            _lift._decide(first, OVERALL, good)
            like = _lift._Planner(after, like=first)
            found = _lift._decide(like, OVERALL, good)
            fresh = _lift._Planner(after)
            expected = _lift._decide(fresh, OVERALL, good)
            assert (found.kind, found.assign, found.minimal) == (
                expected.kind,
                expected.assign,
                expected.minimal,
            )
            for key, held in like._parts_held.items():
                assert held == fresh._parts_held[key]
                lent += held is first._parts_held.get(key)
        assert lent > 0

    def test_a_part_found_inexactly_keeps_the_plan_unproven(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Options lent from a search that hit its budget leave the second plan not minimal."""
        # Without the shortcuts, a judgement of a few members is searched set by set, which
        # a budget of one set stops.
        monkeypatch.setattr(_lift, "_SHORTCUTS", False)
        budgets = _lift.SearchBudgets(local=1)
        good = BENCH.make_framework("many", 100, seed=100).grade("good")
        unproven = 0
        for before, after in _pairs("many", 100):
            first = _lift._Planner(before, budgets=budgets)
            _lift._decide(first, OVERALL, good)
            like = _lift._Planner(after, budgets=budgets, like=first)
            fresh = _lift._Planner(after, budgets=budgets)
            found = _lift._decide(like, OVERALL, good)
            expected = _lift._decide(fresh, OVERALL, good)
            assert (found.assign, found.minimal) == (expected.assign, expected.minimal)
            if any(
                not held[1] and held is first._parts_held.get(key)
                for key, held in like._parts_held.items()
            ):
                unproven += 1
                assert not found.minimal
        assert unproven > 0
