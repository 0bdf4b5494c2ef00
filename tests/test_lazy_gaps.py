"""Lazy gap lists, gap ids and what-if gaps give what the eager ones gave.

`inspectkit.gaps.find_gaps` ranks its gaps from what `inspectkit.scoring.gap_search` works out
at once, and each gap fills in its probe and words when first read (`inspectkit.Gap._later`).
The reference here is the eager definition as it stood before: every probe built in one pass
(`_eager_probes`, the old `gap_probes`), every gap worded, then ranked. Lazy gaps are read in
a drawn order, so no answer may depend on which gap was read first. A comparison's gap ids
(`inspectkit.progress.gap_ids`) are the gap list's criteria, and a what-if's gaps closed and
opened, worked out on first read (`inspectkit.WhatIf._later`), are those of a what-if made at
once.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from typing import Any
from unittest.mock import patch

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import inspectkit
import inspectkit.gaps
from inspectkit import Assessment, EvidenceError, Gap, GapList, WhatIf
from inspectkit._words import grade_label, measured, number, percent, points
from inspectkit.evidence import Entry, Evidence, Interval
from inspectkit.gaps import find_gaps, resolve_target
from inspectkit.grades import Grade, GradeScale
from inspectkit.progress import gap_ids
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Criterion,
    Direction,
    Framework,
    Judgement,
    Measure,
    Method,
    Provenance,
)
from inspectkit.scoring import gap_probes, gap_search, gap_sets
from inspectkit.scoring._compile import MEASURED, RULES, SECURE_FIT
from inspectkit.scoring._lift import (
    _check_scope,
    _numerator_for,
    _Planner,
    _remembered,
    _scope_index,
)
from inspectkit.scoring._probes import (
    GapProbe,
    _better,
    _blocking_caps,
    _scope_criteria,
    _wanted,
)
from inspectkit.scoring._ranks import with_ranks
from scripts_for_tests import bench_lift
from strategies import evidence_for, frameworks
from test_gaps import _riverside_like


def _eager_wanted(
    planner: _Planner, scope: str, goal: Grade, planned: dict[str, int]
) -> dict[int, int]:
    """The old `_wanted`: criterion position -> the rank it is probed for, in one pass."""
    compiled = planner.compiled
    in_scope = _scope_criteria(planner, scope)
    point = planner.base.point
    options = planner.options
    wanted: dict[int, int] = {}
    for c in compiled.criteria:
        i = c.index
        mine = options[i]
        if not mine:
            continue
        planned_rank = planned.get(c.criterion.id)
        if planned_rank is not None:
            wanted[i] = planned_rank
        elif i in in_scope and ((now := point[i]) is None or now > goal.rank):
            at_target = [r for r in mine if r <= goal.rank]
            wanted[i] = at_target[-1] if at_target else mine[0]
    return wanted


def _eager_probes(
    assessment: Assessment, goal: Grade, judgement: str | None, fixed: Iterable[str]
) -> tuple[GapProbe, ...]:
    """The old `gap_probes`: every probe built in one pass, in framework order."""
    framework = assessment.framework
    scope = _check_scope(framework, judgement)
    now = assessment.result(scope).grade
    if now is not None and now.rank <= goal.rank:
        return ()
    fixed = tuple(fixed)
    planner = _Planner(assessment, fixed)
    lift = _remembered(assessment, goal, scope, fixed, None, planner)
    if fixed:
        planner = _Planner(assessment)
    compiled = planner.compiled
    planned = {change.criterion: change.after.rank for change in lift.changes}
    blockers = _blocking_caps(planner, goal.rank)
    base = planner.base
    wanted = _eager_wanted(planner, scope, goal, planned)
    by_position = {compiled.index[criterion]: rank for criterion, rank in planned.items()}
    assert list(_wanted(planner, scope, goal, by_position).items()) == list(wanted.items())
    scope_index = _scope_index(compiled, scope)
    if lift.reachable and not planner.reaches(wanted, scope_index, goal.rank):
        for i in wanted:
            if base.point[i] is None and compiled.criteria[i].criterion.id not in planned:
                wanted[i] = planner.options[i][0]
    scale = compiled.scale
    entries = assessment.evidence.entries
    probes = []
    for i, required in wanted.items():
        c = compiled.criteria[i]
        j = c.judgement
        # (the planner's old one-change shortcut gave what re-scoring the change gives)
        points, overall = planner.rescore({i: required})
        point = points[j]
        entry = entries.get(c.criterion.id)
        target_value = planner.value_for(i, required)
        numerator = None
        if (
            c.kind == MEASURED
            and c.criterion.measure is Measure.PROPORTION
            and entry is not None
            and entry.counts is not None
        ):
            assert isinstance(target_value, float)
            numerator = _numerator_for(target_value, entry.counts.denominator, higher=c.higher)
        now_rank = base.point[i]
        probes.append(
            GapProbe(
                criterion=c.criterion,
                judgement=compiled.judgements[j].id,
                now=None if now_rank is None else scale[now_rank],
                required=scale[required],
                target_value=target_value,
                numerator=numerator,
                steps=planner.steps(i, required),
                caps=tuple(blockers.get(i, ())),
                in_plan=c.criterion.id in planned,
                lifts_judgement=_better(point, base.judgement_point[j]),
                lifts_overall=_better(overall, base.overall[0]),
            )
        )
    return tuple(probes)


def _eager_span(criterion: Criterion) -> float:
    """The old `_span`: the spread of a criterion's thresholds, on which distances compare."""
    if criterion.measure is Measure.PROPORTION:
        return 1.0
    values = [float(threshold.value) for threshold in criterion.thresholds]
    spread = max(values) - min(values) if len(values) > 1 else abs(values[0]) if values else 1.0
    return spread or 1.0


def _eager_distance(
    criterion: Criterion, target: float | bool | str, entry: Entry | None
) -> float | None:
    """The old `_distance`: how far a number must move to reach *target* (positive: better)."""
    if entry is None or criterion.measure not in (Measure.PROPORTION, Measure.QUANTITY):
        return None
    assert isinstance(target, float)
    value = entry.value
    current = value.middle if isinstance(value, Interval) else value
    assert isinstance(current, (int, float))
    current = float(current)
    return target - current if criterion.direction is Direction.HIGHER else current - target


def _eager_fields(assessment: Assessment, probe: GapProbe) -> dict[str, Any]:
    """The old `gap_fields`: the fields of the `Gap` that *probe* becomes."""
    criterion = probe.criterion
    entry = assessment.evidence.entries.get(criterion.id)
    need, distance, more, of = _eager_need(probe, entry)
    if criterion.level is not None and need.startswith("not met -> meet the check"):
        needed = assessment.framework.scale_of(criterion.id).find(criterion.level).label
        need = f"not met -> meet the check (needed for {needed})"
    return {
        "criterion": criterion.id,
        "title": criterion.title,
        "judgement": probe.judgement,
        "grade": probe.now,
        "value": None if entry is None else entry.value,
        "required": probe.required,
        "need": need,
        "target_value": probe.target_value,
        "distance": distance,
        "more": more,
        "of": of,
        "absent": entry is None,
        "blocking": bool(probe.caps),
        "caps": probe.caps,
        "in_plan": probe.in_plan,
        "lifts_judgement": probe.lifts_judgement,
        "lifts_overall": probe.lifts_overall,
        "steps": probe.steps,
        "actions": criterion.actions,
        "evidence": criterion.evidence,
    }


def _eager_need(
    probe: GapProbe, entry: Entry | None
) -> tuple[str, float | None, int | None, int | None]:
    """The old `_describe_need`: the need in words, the distance, and how many more of how many."""
    criterion = probe.criterion
    target = probe.target_value
    grade = probe.required
    is_number = criterion.measure in (Measure.PROPORTION, Measure.QUANTITY)
    higher = criterion.direction is Direction.HIGHER
    bound = "at least" if higher else "at most"
    if entry is None:
        if is_number:
            assert isinstance(target, float)
            what = f"showing {bound} {measured(probe.criterion, target)}"
        elif criterion.measure is Measure.CHECK:
            what = "showing the check is met"
        else:
            what = f"for an assessor's rating of {grade.label}"
        guidance = f" ({criterion.evidence})" if criterion.evidence else ""
        return f"no evidence -> collect evidence {what}{guidance}", None, None, None
    value = entry.value
    if is_number:
        assert isinstance(target, float)
        current = value.middle if isinstance(value, Interval) else value
        assert isinstance(current, (int, float))
        current = float(current)
        distance = _eager_distance(criterion, target, entry)
        assert distance is not None
        sign = "+" if higher else "-"
        if criterion.measure is Measure.PROPORTION:
            text = (
                f"{percent(current)} -> {bound} {percent(target)}: "
                f"{sign}{points(abs(target - current))}"
            )
        else:
            unit = f" {criterion.unit}" if criterion.unit else ""
            text = (
                f"{number(current)}{unit} -> {bound} {number(target)}{unit}: "
                f"{sign}{number(abs(target - current))}{unit}"
            )
        more = of = None
        if entry.counts is not None and probe.numerator is not None:
            of = entry.counts.denominator
            needed = probe.numerator
            more = needed - entry.counts.numerator if higher else entry.counts.numerator - needed
            noun = f" {criterion.unit}" if criterion.unit else ""
            word = "more" if higher else "fewer"
            text += f", about {more} {word}{noun} of {of}"
        return text, distance, more, of
    if criterion.measure is Measure.CHECK:
        # A check is met or not: the grade a met check counts as is the engine's business, and
        # "counts as Outstanding" read as if meeting one check made the unit outstanding.
        return "not met -> meet the check", None, None, None
    rated = probe.now
    return f"rated {grade_label(rated)} -> an assessor's rating of {grade.label}", None, None, None


def _eager_gaps(
    assessment: Assessment, target: int, judgement: str | None, fixed: tuple[str, ...]
) -> list[Gap]:
    """The old `find_gaps`: every gap made and worded, then ranked."""
    scope = OVERALL if judgement is None else judgement
    goal = resolve_target(assessment, target, scope)
    ranked: list[tuple[tuple[Any, ...], Gap]] = []
    for position, probe in enumerate(_eager_probes(assessment, goal, judgement, fixed)):
        gap = Gap(**_eager_fields(assessment, probe))
        distance = (
            abs(gap.distance) / _eager_span(probe.criterion) if gap.distance is not None else 0.0
        )
        key = (not gap.blocking, not gap.in_plan, gap.steps, distance, position)
        ranked.append((key, gap))
    return [gap for _, gap in sorted(ranked, key=lambda pair: pair[0])]


def _waiting(result: object) -> bool:
    """Whether *result* still has fields to build on first read."""
    return getattr(result, "_pending", None) is not None


def _fields(gap: Gap) -> tuple[Any, ...]:
    return tuple(getattr(gap, field.name) for field in attrs.fields(Gap) if field.init)


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Assessment, int, str | None, tuple[str, ...]]:
    framework = draw(frameworks(max_judgements=3))
    try:
        assessment = inspectkit.assess(framework, draw(evidence_for(framework)))
    except EvidenceError:
        assume(False)
        raise
    judgement = draw(st.sampled_from([None, *(j.id for j in framework.judgements)]))
    target = draw(st.integers(1, len(framework.scale)))
    ids = [criterion.id for criterion in framework.criteria()]
    fixed = tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)))
    return assessment, target, judgement, fixed


@pytest.mark.property
class TestLazyGapLists:
    @given(case=_cases(), data=st.data())
    def test_lazy_gaps_are_the_eager_gaps(
        self, case: tuple[Assessment, int, str | None, tuple[str, ...]], data: st.DataObject
    ) -> None:
        """The gap list, read in any order, has the eager list's gaps, fields and order."""
        assessment, target, judgement, fixed = case
        eager = _eager_gaps(assessment, target, judgement, fixed)
        lazy = find_gaps(assessment, target, judgement=judgement, fixed=fixed)
        assert [gap.criterion for gap in lazy] == [gap.criterion for gap in eager]
        order = data.draw(st.permutations(range(len(lazy))))
        for k in order:
            assert _fields(lazy[k]) == _fields(eager[k])
        assert list(lazy) == eager
        assert [hash(gap) for gap in lazy] == [hash(gap) for gap in eager]

    @given(case=_cases(), data=st.data())
    def test_probes_read_in_any_order_are_the_eager_probes(
        self, case: tuple[Assessment, int, str | None, tuple[str, ...]], data: st.DataObject
    ) -> None:
        """A search's probes, built in a drawn order, are the probes built in one pass."""
        assessment, target, judgement, fixed = case
        scope = OVERALL if judgement is None else judgement
        goal = resolve_target(assessment, target, scope)
        eager = _eager_probes(assessment, goal, judgement, fixed)
        search = gap_search(assessment, goal, judgement=judgement, fixed=fixed)
        assert len(search) == len(eager)
        for k in data.draw(st.permutations(range(len(search)))):
            assert search.probe(k) == eager[k]
        assert gap_probes(assessment, goal, judgement=judgement, fixed=fixed) == eager


@pytest.mark.property
class TestGapIds:
    @given(case=_cases())
    def test_gap_ids_are_the_gap_lists_criteria(
        self, case: tuple[Assessment, int, str | None, tuple[str, ...]]
    ) -> None:
        """A comparison's gap ids are the criteria of the overall gap list to that target."""
        assessment, target, _judgement, _fixed = case
        goal = resolve_target(assessment, target, OVERALL)
        listed = {gap.criterion for gap in find_gaps(assessment, goal)}
        assert gap_ids(assessment, goal) == listed


@pytest.mark.property
class TestComparisonGaps:
    @given(data=st.data(), exclude=st.booleans())
    def test_comparison_gaps_are_the_gap_lists(self, data: st.DataObject, exclude: bool) -> None:
        """A comparison's gaps closed, opened and still open are its two gap lists'."""
        framework = data.draw(frameworks(max_judgements=3))
        try:
            before = inspectkit.assess(framework, data.draw(evidence_for(framework)))
            after = inspectkit.assess(
                framework,
                data.draw(evidence_for(framework)),
                missing="exclude" if exclude else None,
            )
        except EvidenceError:
            assume(False)
            raise
        result = inspectkit.compare(before, after, check_unit=False)
        old = {gap.criterion for gap in find_gaps(before, result.target.id)}
        new = {gap.criterion for gap in find_gaps(after, result.target.id)}
        ids = [criterion.id for criterion in framework.criteria()]
        assert result.gaps_closed == tuple(c for c in ids if c in old and c not in new)
        assert result.gaps_opened == tuple(c for c in ids if c in new and c not in old)
        assert result.gaps_open == tuple(c for c in ids if c in old and c in new)


def _what_if_at_once(result: WhatIf) -> WhatIf:
    """The what-if *result* made with its gaps worked out at once, as before."""
    before, after = gap_sets(result.before, result.after, result.target)
    ids = [criterion.id for criterion in result.before.framework.criteria()]
    return WhatIf(
        before=result.before,
        after=result.after,
        changes=result.changes,
        target=result.target,
        moved=result.moved,
        gaps_closed=tuple(cid for cid in ids if cid in before - after),
        gaps_opened=tuple(cid for cid in ids if cid in after - before),
        findings_added=result.findings_added,
        findings_removed=result.findings_removed,
    )


@pytest.mark.property
class TestLazyWhatIf:
    @given(case=_cases(), data=st.data())
    def test_a_lazy_what_if_is_the_what_if_made_at_once(
        self, case: tuple[Assessment, int, str | None, tuple[str, ...]], data: st.DataObject
    ) -> None:
        """A what-if whose gaps are read later equals (and hashes as) one made at once."""
        assessment, target, _judgement, _fixed = case
        ids = [criterion.id for criterion in assessment.framework.criteria()]
        chosen = data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        try:
            result = assessment.what_if(dict.fromkeys(chosen), target=target)
        except EvidenceError:
            assume(False)
            raise
        eager = _what_if_at_once(result)
        first = data.draw(st.sampled_from(["gaps_opened", "gaps_closed"]))
        assert getattr(result, first) == getattr(eager, first)
        assert result == eager
        assert hash(result) == hash(eager)

    @given(case=_cases(), data=st.data())
    def test_a_what_ifs_gaps_are_the_differences_of_the_gap_sets(
        self, case: tuple[Assessment, int, str | None, tuple[str, ...]], data: st.DataObject
    ) -> None:
        """A what-if with new values closes and opens what its two full gap sets differ by."""
        assessment, target, _judgement, _fixed = case
        framework = assessment.framework
        other = data.draw(evidence_for(framework))
        ids = [criterion.id for criterion in framework.criteria()]
        chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        try:
            result = assessment.what_if(
                {cid: other.entries.get(cid) for cid in chosen}, target=target
            )
        except EvidenceError:
            assume(False)
            raise
        before, after = gap_sets(result.before, result.after, result.target)
        assert result.gaps_closed == tuple(cid for cid in ids if cid in before - after)
        assert result.gaps_opened == tuple(cid for cid in ids if cid in after - before)

    def test_its_gaps_wait_for_the_first_read(self) -> None:
        """A what-if works out its gaps closed and opened on the first read of one of them."""
        result = _riverside_like().what_if({"supervision_checks_case_files": True})
        assert _waiting(result)
        assert result.moved[0].id == "leadership"
        assert _waiting(result)
        assert result.gaps_opened == ()
        assert not _waiting(result)
        assert result.gaps_closed == ("supervision_checks_case_files",)

    def test_a_name_that_is_no_field_raises_without_working_out_gaps(self) -> None:
        """A what-if asked for a name that is not a field raises, its gaps still to come."""
        result = _riverside_like().what_if({"supervision_checks_case_files": True})
        assert not hasattr(result, "gaps")
        assert _waiting(result)


def _plan_raises_one_at_the_target() -> Assessment:
    """A unit whose lift plan raises a criterion already at Good, beside one below it.

    Percent bands: ``c0`` at Good (2 points) and ``c1`` at Requires improvement (1) earn 50%,
    Good needs 60%; raising either one grade earns 67%, and ``c1`` costs more effort, so the
    plan raises ``c0`` to Outstanding: a gap only the plan asks for, before ``c1`` in order.
    """
    modelled = Provenance(Basis.MODELLED)
    criteria = (
        Criterion("c0", "Criterion c0", Measure.RATING, provenance=modelled),
        Criterion("c1", "Criterion c1", Measure.RATING, provenance=modelled, effort=2.0),
    )
    bands = Aggregation(
        Method.PERCENT_BANDS,
        points={"outstanding": 3.0, "good": 2.0, "requires_improvement": 1.0},
        bands={"outstanding": 85.0, "good": 60.0, "requires_improvement": 35.0},
        provenance=modelled,
    )
    scale = GradeScale.from_grades(
        Grade("outstanding", "Outstanding"),
        Grade("good", "Good"),
        Grade("requires_improvement", "Requires improvement"),
        Grade("inadequate", "Inadequate"),
    )
    framework = Framework(
        "plan_above",
        "A plan that raises a criterion at the target",
        "1",
        scale,
        (Judgement("j0", "Judgement j0", criteria, aggregation=bands),),
        Aggregation(Method.SECURE_FIT, provenance=modelled),
    )
    evidence = Evidence(
        framework.id,
        "Generated centre",
        {"c0": Entry("c0", "good"), "c1": Entry("c1", "requires_improvement")},
    )
    return inspectkit.assess(framework, evidence)


class TestPlanOnlyGaps:
    def test_a_gap_only_the_plan_asks_for_keeps_framework_order(self) -> None:
        """A criterion at the target that the plan raises is probed in framework order."""
        assessment = _plan_raises_one_at_the_target()
        goal = assessment.framework.grade("good")
        assert [change.criterion for change in assessment.lift_plan("good").changes] == ["c0"]
        search = gap_search(assessment, goal)
        assert search.ids == ["c0", "c1"]
        assert search.in_plan == [True, False]
        assert gap_probes(assessment, goal) == _eager_probes(assessment, goal, None, ())
        assert list(find_gaps(assessment, goal)) == _eager_gaps(assessment, 2, None, ())


class TestLazyGap:
    def test_a_lazy_gap_fills_itself_when_first_read(self) -> None:
        """A gap of a gap list builds its words on first read, equal to the eager gap's."""
        assessment = _riverside_like()
        gap = assessment.gaps()[0]
        assert _waiting(gap)
        assert gap.need
        assert not _waiting(gap)
        assert _fields(gap) == _fields(_eager_gaps(assessment, 2, None, ())[0])

    def test_its_criterion_is_known_without_filling(self) -> None:
        """Reading a lazy gap's criterion id builds nothing."""
        gap = _riverside_like().gaps()[0]
        assert gap.criterion == "supervision_checks_case_files"
        assert _waiting(gap)

    def test_a_name_that_is_no_field_raises_without_filling(self) -> None:
        """A lazy gap asked for a name that is not a field raises AttributeError, unfilled."""
        gap = _riverside_like().gaps()[0]
        with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
            gap.nonsense  # noqa: B018 - the read is the test
        assert _waiting(gap)

    def test_an_eager_gap_raises_for_a_name_that_is_no_field(self) -> None:
        """A gap made at once raises AttributeError for a name that is not a field."""
        gap = Gap(**{field: getattr(_riverside_like().gaps()[0], field) for field in _names()})
        assert not hasattr(gap, "nonsense")

    def test_a_lazy_gap_evolves_into_a_filled_gap(self) -> None:
        """``attrs.evolve`` of a lazy gap gives a gap with every field and the change."""
        gap = _riverside_like().gaps()[0]
        changed = attrs.evolve(gap, need="something else")
        assert changed.need == "something else"
        assert changed.title == gap.title
        assert not _waiting(changed)

    def test_gaps_filled_in_threads_are_the_eager_gaps(self) -> None:
        """Gaps of one list filled from several threads at once equal the eager gaps."""
        assessment = _riverside_like()
        gaps = assessment.gaps()
        eager = _eager_gaps(assessment, 2, None, ())
        threads = [threading.Thread(target=lambda: [gap.need for gap in gaps]) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert list(gaps) == eager

    def test_a_lazy_gap_has_only_the_documented_fields(self) -> None:
        """A gap filled later gives `attrs.asdict` the fields of a gap made at once, no more."""
        gap = _riverside_like().gaps()[0]
        assert set(attrs.asdict(gap, recurse=False)) == set(_names())

    def test_a_gap_list_repr_names_criteria_without_filling(self) -> None:
        """A gap list's repr reads only the criterion ids."""
        gaps = _riverside_like().gaps()
        assert isinstance(gaps, GapList)
        assert "supervision_checks_case_files" in repr(gaps)
        assert all(_waiting(gap) for gap in gaps)


class TestGapBlocks:
    @given(case=_cases(), data=st.data(), block=st.integers(1, 4))
    def test_gaps_filled_in_small_blocks_are_the_eager_gaps(
        self,
        case: tuple[Assessment, int, str | None, tuple[str, ...]],
        data: st.DataObject,
        block: int,
    ) -> None:
        """Gaps filled a few at a time, read in a drawn order, are the eager list's gaps."""
        assessment, target, judgement, fixed = case
        eager = _eager_gaps(assessment, target, judgement, fixed)
        with patch.object(inspectkit.gaps, "_BLOCK", block):
            lazy = find_gaps(assessment, target, judgement=judgement, fixed=fixed)
            for k in data.draw(st.permutations(range(len(lazy)))):
                assert _fields(lazy[k]) == _fields(eager[k])
        assert list(lazy) == eager

    def test_a_first_read_fills_its_block_and_no_other(self) -> None:
        """Reading one gap fills the gaps of its block in the list's order, and no others."""
        gaps = _riverside_like().gaps()
        with patch.object(inspectkit.gaps, "_BLOCK", 2):
            assert gaps[2].need
            assert [_waiting(gap) for gap in gaps] == [True, True, False]
            assert gaps[1].need
            assert [_waiting(gap) for gap in gaps] == [False, False, False]

    def test_a_filled_neighbour_equals_the_eager_gap(self) -> None:
        """A gap filled by its neighbour's first read equals the gap made at once."""
        assessment = _riverside_like()
        gaps = assessment.gaps()
        assert gaps[0].need
        assert not _waiting(gaps[1])
        assert _fields(gaps[1]) == _fields(_eager_gaps(assessment, 2, None, ())[1])


@pytest.mark.property
class TestLifts:
    @given(case=_cases())
    def test_lifts_are_the_one_change_answers(
        self, case: tuple[Assessment, int, str | None, tuple[str, ...]]
    ) -> None:
        """Whether one change lifts a judgement or the overall is what re-scoring it says."""
        assessment, target, _judgement, _fixed = case
        goal = resolve_target(assessment, target, OVERALL)
        search = gap_search(assessment, goal)
        assume(len(search) > 0)
        planner = _Planner(assessment)
        base = planner.base
        for c in planner.compiled.criteria:
            for rank in planner.options[c.index]:
                point, overall = planner.rescore({c.index: rank})
                assert search.lifts(c.index, rank) == (
                    _better(point[c.judgement], base.judgement_point[c.judgement]),
                    _better(overall, base.overall[0]),
                )


class TestSharedLifts:
    @pytest.mark.parametrize(("family", "size"), [("crafted", 40), ("crafted", 100), ("many", 100)])
    def test_members_counted_alike_share_the_engines_answers(self, family: str, size: int) -> None:
        """Gaps of one counted judgement whose weights alone differ get the engine's answers."""
        bench = bench_lift()
        framework = bench.make_framework(family, size, seed=size)
        absent = {"crafted": 1 / 3}.get(family, 0.0)
        rng = random.Random(size)
        goal = framework.grade("good")
        shared = 0
        for _ in range(6):
            assessment = bench.below_good(framework, rng, absent, 0.25)[1]
            search = gap_search(assessment, goal)
            planner = _Planner(assessment)
            compiled, base = planner.compiled, planner.base
            lifted = search.lifts_of(range(len(search)))
            weights: dict[tuple[Any, ...], set[float]] = {}
            for k, (lifts_judgement, lifts_overall) in enumerate(lifted):
                i, rank = search.positions[k], search.ranks[k]
                c = compiled.criteria[i]
                core = with_ranks(compiled, base, {i: rank})
                j = c.judgement
                assert lifts_judgement == _better(core.judgement_point[j], base.judgement_point[j])
                assert lifts_overall == _better(core.overall[0], base.overall[0])
                judgement = compiled.judgements[j]
                if judgement.aggregation.method in (SECURE_FIT, RULES):
                    weight = judgement.weights[judgement.members.index(i)]
                    key = (j, base.point[i], base.best[i], base.worst[i], rank)
                    weights.setdefault(key, set()).add(weight)
            shared += sum(len(found) > 1 for found in weights.values())
        # Members that differ in weight alone were asked, so some answers were shared.
        assert shared > 0


def _names() -> list[str]:
    return [field.name for field in attrs.fields(Gap) if field.init]
