"""Re-scoring against per-judgement sums (`inspectkit.scoring._delta`) gives the engine's grades.

The lift-plan search, the gap list and the what-if re-score one assessment with a few criteria
changed many times over; `Rescorer` does it from per-judgement sums instead of grading every
judgement again. These properties hold it to the engine's own `with_ranks` on generated
frameworks and evidence, both for a set of changes made at once and for changes made and undone
one at a time in a `Session`.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import MODELLED, four_grade_scale
from inspectkit import Framework
from inspectkit.rubric import (
    Aggregation,
    Criterion,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Rule,
)
from inspectkit.scoring._compile import CompiledFramework, compiled_for
from inspectkit.scoring._delta import Rescorer, State, _Sums
from inspectkit.scoring._ranks import AssessmentRanks, _judge, given_ranks, score, with_ranks
from strategies import evidence_for, frameworks


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


@pytest.mark.property
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


@pytest.mark.property
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


def _assumed_framework() -> Framework:
    """One ``rules`` judgement of four ratings whose grade is a count of the weaker ones.

    Under ``exclude`` an absent member is assumed at the worst graded member's rank. Each
    member more or fewer at requires improvement or worse moves the grade by one, so a member
    counted twice or not at all shows; the best grade also names a member (``minimum``), so
    a member's rank read wrong shows too.
    """
    criteria = tuple(Criterion(id=f"c{k}", title=f"C{k}", measure=Measure.RATING) for k in range(4))
    rules = Aggregation(
        Method.RULES,
        rules=(
            Rule("outstanding", at_most={"requires_improvement": 1}, minimum={"c1": "good"}),
            Rule("good", at_most={"requires_improvement": 2}),
            Rule("requires_improvement", at_most={"requires_improvement": 3}),
        ),
        provenance=MODELLED,
    )
    return Framework(
        id="assumed_members",
        title="Assumed members",
        version="1",
        scale=four_grade_scale(),
        judgements=(Judgement(id="j", title="J", criteria=criteria, aggregation=rules),),
        overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        missing=MissingPolicy.EXCLUDE,
    )


class TestAssumedMembers:
    """A ``rules`` judgement's members assumed in line: every change set, against the engine."""

    @pytest.mark.parametrize(
        "given_grades",
        [
            {"c0": "requires_improvement"},
            {"c0": "good", "c1": "inadequate"},
            {"c2": "outstanding", "c3": "requires_improvement"},
        ],
    )
    def test_every_change_set_grades_as_the_engine(self, given_grades: dict[str, str]) -> None:
        """Each member unchanged, left out or at any rank (6**4 sets), at once and one by one."""
        framework = _assumed_framework()
        entries = {cid: inspectkit.Entry(cid, grade) for cid, grade in given_grades.items()}
        evidence = inspectkit.Evidence(framework.id, "Centre", entries)
        compiled = compiled_for(framework)
        base = score(compiled, evidence.entries, True, (), given_ranks(compiled, {}))
        rescorer = Rescorer(compiled, base)
        judgement = compiled.judgements[0]
        members = judgement.members
        assert any(base.point[m] is None for m in members)  # some members are assumed
        state = rescorer.state(0)
        seen = set()
        choices: list[int | str | None] = [None, OUT, *range(compiled.grades)]
        for picks in itertools.product(choices, repeat=len(members)):
            made = dict(zip(members, picks, strict=True))
            # The oracle: the engine's point, best and worst before the range clamps the
            # point (`_judge`), with each member changed on all three sides.
            sides = [
                [_after(made[m], side[m]) for m in members]
                for side in (base.point, base.best, base.worst)
            ]
            triple = _judge(judgement, *sides)[:3]
            for k, m in enumerate(members):
                pick = made[m]
                if pick is None:
                    state.restore(m)
                elif pick == OUT:
                    state.put(k, (None, None, None))
                else:
                    state.set(m, int(pick))
            assert state.triple() == triple, made
            if OUT not in picks:
                # ... and the engine's grade before caps, for changes made at once.
                changes = {m: int(pick) for m, pick in made.items() if pick is not None}
                assert rescorer.state(0, changes).triple() == triple, changes
                grade = with_ranks(compiled, base, changes).judgement_uncapped[0]
                assert state.grade() == grade, changes
            seen.add(triple[0])
        assert len(seen) >= 3  # the rules give several points over the sets, not one


OUT = "out"
"""A member left out (`State.put` with no ranks), in `TestAssumedMembers`."""


def _after(pick: int | str | None, now: int | None) -> int | None:
    """A member's rank on one side after *pick*: unchanged (``None``), left out, or a rank."""
    if pick is None:
        return now
    return None if pick == OUT else int(pick)
