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
from inspectkit.scoring._delta import Rescorer, State, _Sums
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


def _apart(sums: _Sums) -> _Sums:
    """*sums* with its three sides kept apart, as they were before `_Sums.one`."""
    twin = _Sums.__new__(_Sums)
    twin.judgement = sums.judgement
    twin.aggregation = sums.aggregation
    twin.position = sums.position
    twin.point = sums.point
    twin.best = sums.best.copy()
    twin.worst = sums.worst.copy()
    twin.one = False
    return twin


class TestOneSide:
    @given(data=st.data(), exclude=st.booleans())
    def test_one_side_grades_as_three(self, data: st.DataObject, exclude: bool) -> None:
        """A state kept on one side (exact evidence) grades as the three sides kept apart."""
        scored = _scored(data, exclude)
        if scored is None:
            return
        compiled, base = scored
        rescorer = Rescorer(compiled, base)
        for j in range(len(compiled.judgements)):
            sums = rescorer.sums(j)
            one, three = State(sums, None), State(_apart(sums), None)
            assert one.triple() == three.triple()
            members = compiled.judgements[j].members
            for _ in range(4):
                i = data.draw(st.sampled_from(members))
                rank = data.draw(st.integers(0, compiled.grades - 1))
                action = data.draw(st.sampled_from(["set", "restore", "put"]))
                for state in (one, three):
                    if action == "set":
                        state.set(i, rank)
                    elif action == "restore":
                        state.restore(i)
                    else:
                        state.put(sums.position[i], (rank, rank, rank))
                assert one.triple() == three.triple()
                assert one.rank(i) == three.rank(i)

    @given(data=st.data())
    def test_a_range_put_on_one_side_splits_it(self, data: st.DataObject) -> None:
        """Giving a member of a one-side state a range grades as the three sides kept apart."""
        scored = _scored(data, False)
        if scored is None:
            return
        compiled, base = scored
        rescorer = Rescorer(compiled, base)
        for j in range(len(compiled.judgements)):
            sums = rescorer.sums(j)
            one, three = State(sums, None), State(_apart(sums), None)
            k = data.draw(st.integers(0, len(sums.position) - 1))
            best = data.draw(st.integers(0, compiled.grades - 1))
            worst = data.draw(st.integers(best, compiled.grades - 1))
            for state in (one, three):
                state.put(k, (best, best, worst))
            assert one.triple() == three.triple()
