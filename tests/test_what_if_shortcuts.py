"""A what-if's shortcuts give what the full definitions give.

`inspectkit.scenarios` says what moved by reading only the changed criteria and the judgements
whose ranks differ, and which gaps closed from the criteria `inspectkit.scoring.gap_sets`
names (re-planning only the judgements the changes reach). These properties hold both to the
definitions they shortcut: every movement of `inspectkit.progress.grade_movements` that moved,
and the criteria of `inspectkit.gaps.find_gaps` before and after.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit.gaps import find_gaps
from inspectkit.progress import grade_movements
from strategies import evidence_for, frameworks

pytestmark = pytest.mark.property


def _what_if(data: st.DataObject) -> inspectkit.WhatIf | None:
    framework = data.draw(frameworks(max_judgements=3))
    try:
        before = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        other = data.draw(evidence_for(framework))
        inspectkit.assess(framework, other)
    except inspectkit.EvidenceError:
        return None
    ids = [criterion.id for criterion in framework.criteria()]
    chosen = data.draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
    changes = {cid: other.entries.get(cid) for cid in chosen}
    try:
        return before.what_if(changes)
    except inspectkit.EvidenceError:
        return None


class TestWhatIfShortcuts:
    @settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(data=st.data())
    def test_moved_is_every_movement_that_moved(self, data: st.DataObject) -> None:
        """The what-if's movements are exactly the full list's that moved, in its order."""
        result = _what_if(data)
        if result is None:
            return
        full = tuple(
            movement
            for movement in grade_movements(result.before, result.after)
            if movement.before != movement.after or movement.before_range != movement.after_range
        )
        assert result.moved == full

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(data=st.data())
    def test_gaps_closed_and_opened_are_the_gap_lists(self, data: st.DataObject) -> None:
        """Gaps closed and opened are the difference of the two gap lists' criteria."""
        result = _what_if(data)
        if result is None:
            return
        before = {gap.criterion for gap in find_gaps(result.before, result.target)}
        after = {gap.criterion for gap in find_gaps(result.after, result.target)}
        assert set(result.gaps_closed) == before - after
        assert set(result.gaps_opened) == after - before
