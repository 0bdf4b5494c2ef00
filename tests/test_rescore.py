"""Re-scoring against per-judgement sums (`inspectkit.scoring._delta`) gives the engine's grades.

The lift-plan search, the gap list and the what-if re-score one assessment with a few criteria
changed many times over; `Rescorer` does it from per-judgement sums instead of grading every
judgement again. These properties hold it to the engine's own `with_ranks` on generated
frameworks and evidence, both for a set of changes made at once and for changes made and undone
one at a time in a `Session`.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.scoring._compile import CompiledFramework, compiled_for
from inspectkit.scoring._delta import Rescorer
from inspectkit.scoring._lift import _Planner
from inspectkit.scoring._ranks import AssessmentRanks, given_ranks, score, with_ranks
from strategies import evidence_for, frameworks

pytestmark = pytest.mark.property


def _scored(data: st.DataObject, exclude: bool) -> tuple[CompiledFramework, AssessmentRanks] | None:
    framework = data.draw(frameworks(max_judgements=4))
    evidence = data.draw(evidence_for(framework))
    try:
        inspectkit.assess(framework, evidence)
    except inspectkit.EvidenceError:
        return None
    compiled = compiled_for(framework)
    base = score(
        compiled,
        evidence.entries,
        exclude,
        evidence.findings,
        given_ranks(compiled, evidence.judgements),
    )
    return compiled, base


def _changes(data: st.DataObject, criteria: int, grades: int) -> dict[int, int]:
    chosen = data.draw(
        st.lists(st.integers(0, criteria - 1), max_size=min(criteria, 5), unique=True)
    )
    return {i: data.draw(st.integers(0, grades - 1)) for i in chosen}


class TestRescorer:
    @given(data=st.data(), exclude=st.booleans())
    def test_rescore_gives_the_engines_grades(self, data: st.DataObject, exclude: bool) -> None:
        """Every judgement's point and the overall grade equal `with_ranks` for any changes."""
        scored = _scored(data, exclude)
        if scored is None:
            return
        compiled, base = scored
        rescorer = Rescorer(compiled, base)
        for _ in range(3):
            changes = _changes(data, len(compiled.criteria), compiled.grades)
            full = with_ranks(compiled, base, changes)
            points, overall = rescorer.rescore(changes)
            assert list(points) == full.judgement_point
            assert overall == full.overall

    @given(data=st.data(), exclude=st.booleans())
    def test_a_session_follows_changes_made_and_undone(
        self, data: st.DataObject, exclude: bool
    ) -> None:
        """A session changed one criterion at a time, and changed back, grades as the engine."""
        scored = _scored(data, exclude)
        if scored is None:
            return
        compiled, base = scored
        rescorer = Rescorer(compiled, base)
        changes = _changes(data, len(compiled.criteria), compiled.grades)
        session = rescorer.session(changes)
        for i, rank in _changes(data, len(compiled.criteria), compiled.grades).items():
            before = changes.get(i)
            session.set(i, rank)
            trial = {**changes, i: rank}
            full = with_ranks(compiled, base, trial)
            points, overall = session.grades()
            assert list(points) == full.judgement_point
            assert overall == full.overall
            if before is not None:
                session.set(i, before)
            else:
                changes[i] = rank
        points, overall = session.grades()
        full = with_ranks(compiled, base, changes)
        assert (list(points), overall) == (full.judgement_point, full.overall)


class TestOneChange:
    @given(data=st.data())
    def test_one_change_gives_the_engines_grades(self, data: st.DataObject) -> None:
        """The planner's shortcut for one change gives `with_ranks`'s judgement and overall."""
        framework = data.draw(frameworks(max_judgements=4))
        try:
            assessment = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        except inspectkit.EvidenceError:
            return
        planner = _Planner(assessment)
        compiled = planner.compiled
        # Several on one planner, so that answers it remembers are asked for again.
        for _ in range(6):
            i = data.draw(st.integers(0, len(compiled.criteria) - 1))
            rank = data.draw(st.integers(0, compiled.grades - 1))
            expected = with_ranks(compiled, planner.base, {i: rank})
            j = compiled.criteria[i].judgement
            assert planner.one_change(i, rank) == (
                expected.judgement_point[j],
                expected.overall[0],
            )
