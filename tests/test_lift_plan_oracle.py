"""Lift plans are minimal, checked against an oracle that knows nothing of the planner.

The oracle takes a small generated framework (at most eight criteria) and its assessment, and
finds by exhaustive search the fewest criteria whose evidence must change for the scope to reach
the target. For each criterion that may change it finds, by scoring candidate values with the
public `inspectkit.assess`, one value for every grade the criterion can take; then it tries
every assignment of those grades to every set of criteria, smallest sets first, re-scoring each
with `inspectkit.assess` alone. It assumes nothing about the engine (not even that better
evidence never lowers a grade) and uses nothing from `inspectkit.gaps` or `inspectkit.scoring`.

The planner's plan (also with the additive shortcut for large judgements forced on, through
`inspectkit.scoring.lift_plan`'s budgets) must be exactly as large as the oracle's minimum,
reachable exactly when the oracle finds an assignment, and sound: its own changes, applied and
re-scored, reach the target.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import (
    MODELLED,
    example_framework,
    four_grade_scale,
    requires_improvement_evidence,
)
from inspectkit import Assessment, Entry, EvidenceError, LiftPlan
from inspectkit.evidence import NOT_APPLICABLE, Value
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Cap,
    Criterion,
    Direction,
    Framework,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Rule,
    Threshold,
)
from inspectkit.scoring import SearchBudgets, lift_plan
from strategies import evidence_for, frameworks

pytestmark = pytest.mark.property

MAX_CRITERIA = 8
# The oracle's search grows as the product of (grades + 1) over the criteria that may change;
# cases above this many assignments are skipped so the module stays fast.
MAX_ASSIGNMENTS = 2_000
_NUDGE = 1e-6


def _candidate_values(criterion: Criterion, framework: Framework) -> list[Value]:
    """Values that between them reach every grade a criterion can take (found by scoring)."""
    if criterion.measure is Measure.CHECK:
        return [True, False]
    if criterion.measure is Measure.RATING:
        return list(framework.scale.ids)
    bounds = [float(threshold.value) for threshold in criterion.thresholds]
    if criterion.measure is Measure.PROPORTION:
        values = {0.0, 1.0}
        values |= {min(1.0, max(0.0, b + d)) for b in bounds for d in (-_NUDGE, 0.0, _NUDGE)}
    else:
        top = max([0.0, *bounds])
        values = {0.0, 2 * top + 1.0}
        values |= {max(0.0, b + d) for b in bounds for d in (-_NUDGE, 0.0, _NUDGE)}
    return sorted(values, reverse=criterion.direction is Direction.HIGHER)


def _rank(assessment: Assessment, scope: str) -> int | None:
    grade = assessment.grade if scope == OVERALL else assessment.judgements[scope].grade
    return None if grade is None else grade.rank


def _reaches(assessment: Assessment, scope: str, target: int) -> bool:
    rank = _rank(assessment, scope)
    return rank is not None and rank <= target


def _rescore(assessment: Assessment, entries: dict[str, Entry]) -> Assessment:
    return inspectkit.assess(
        assessment.framework, assessment.evidence.replace(entries), missing=assessment.missing
    )


def _one_entry_per_grade(assessment: Assessment, criterion: Criterion) -> list[Entry]:
    """One entry for each distinct grade *criterion* can be given, best grade first."""
    by_rank: dict[int, Entry] = {}
    for value in _candidate_values(criterion, assessment.framework):
        entry = Entry(criterion.id, value)
        try:
            grade = _rescore(assessment, {criterion.id: entry}).criteria[criterion.id].grade
        except EvidenceError:  # a value outside the criterion's range: not a candidate
            continue
        if grade is not None:
            by_rank.setdefault(grade.rank, entry)
    return [by_rank[rank] for rank in sorted(by_rank)]


def _movable(assessment: Assessment, fixed: Sequence[str]) -> list[Criterion]:
    """The criteria a plan may change: neither fixed nor declared not applicable."""
    evidence = assessment.evidence
    return [
        criterion
        for criterion in assessment.framework.criteria()
        if criterion.id not in fixed and evidence.value(criterion.id) is not NOT_APPLICABLE
    ]


def fewest_changes(
    assessment: Assessment, scope: str, target: int, fixed: Sequence[str] = ()
) -> int | None:
    """The fewest criteria whose evidence must change to reach *target*, by trying them all.

    Returns ``None`` when no assignment of grades to the criteria that may change reaches it.
    """
    movable = _movable(assessment, fixed)
    options = {criterion.id: _one_entry_per_grade(assessment, criterion) for criterion in movable}
    ids = [criterion.id for criterion in movable]
    for size in range(len(ids) + 1):
        for chosen in itertools.combinations(ids, size):
            for entries in itertools.product(*(options[criterion_id] for criterion_id in chosen)):
                changed = dict(zip(chosen, entries, strict=True))
                if _reaches(_rescore(assessment, changed), scope, target):
                    return size
    return None


def _assignments(assessment: Assessment, fixed: Sequence[str]) -> int:
    """An upper bound on the number of assignments the oracle tries."""
    grades = len(assessment.framework.scale)
    return math.prod(grades + 1 for _ in _movable(assessment, fixed))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Assessment, str, int, tuple[str, ...]]:
    """A small assessment, a scope, a target rank and some criteria held fixed."""
    framework = draw(frameworks(max_judgements=2))
    criteria = [criterion.id for criterion in framework.criteria()]
    assume(len(criteria) <= MAX_CRITERIA)
    evidence = draw(evidence_for(framework))
    try:
        assessment = inspectkit.assess(framework, evidence)
    except EvidenceError:
        assume(False)
        raise
    scopes = [OVERALL, *(judgement.id for judgement in framework.judgements)]
    # Mostly a scope below the best grade and a target better than its grade: an empty plan is
    # the easy case, so it is drawn only now and then.
    below_best = [scope for scope in scopes if _rank(assessment, scope) != 0]
    trivial = not below_best or draw(st.integers(0, 9)) == 9
    scope = draw(st.sampled_from(scopes if trivial else below_best))
    now = _rank(assessment, scope)
    worst = len(framework.scale) - 1
    highest = worst if trivial or now is None else now - 1
    target = draw(st.integers(0, highest))
    fixed = tuple(draw(st.lists(st.sampled_from(criteria), max_size=2, unique=True)))
    assume(_assignments(assessment, fixed) <= MAX_ASSIGNMENTS)
    return assessment, scope, target, fixed


def _plan(assessment: Assessment, scope: str, target: int, fixed: Sequence[str]) -> LiftPlan:
    return assessment.lift_plan(
        target + 1, judgement=None if scope == OVERALL else scope, fixed=fixed
    )


def _riverside_like() -> Assessment:
    """A unit of the documentation's example framework that requires improvement."""
    return inspectkit.assess(example_framework(), requires_improvement_evidence())


class TestOracle:
    """The oracle itself finds what a hand-worked example needs."""

    def test_example_needs_two_changes(self) -> None:
        """The Riverside-like example needs two changes to reach good, and none to stay RI."""
        assessment = _riverside_like()
        good = assessment.framework.grade("good").rank
        ri = assessment.framework.grade("requires_improvement").rank
        assert fewest_changes(assessment, OVERALL, good) == 2
        assert fewest_changes(assessment, OVERALL, ri) == 0

    def test_fixing_the_blocker_makes_the_target_unreachable(self) -> None:
        """With the capped check held fixed, no assignment reaches good."""
        assessment = _riverside_like()
        good = assessment.framework.grade("good").rank
        assert fewest_changes(assessment, OVERALL, good, ["supervision_checks_case_files"]) is None


class TestPlanAgainstOracle:
    @settings(max_examples=100)
    @given(case=cases())
    def test_plan_has_the_fewest_changes(
        self, case: tuple[Assessment, str, int, tuple[str, ...]]
    ) -> None:
        """The plan changes exactly as many criteria as the exhaustive minimum."""
        assessment, scope, target, fixed = case
        plan = _plan(assessment, scope, target, fixed)
        smallest = fewest_changes(assessment, scope, target, fixed)
        event(f"fewest changes: {smallest}")
        assert plan.reachable == (smallest is not None)
        if smallest is not None:
            assert len(plan) == smallest
            assert plan.minimal

    @settings(max_examples=100)
    @given(case=cases())
    def test_plan_is_sound(self, case: tuple[Assessment, str, int, tuple[str, ...]]) -> None:
        """A reachable plan changes only movable criteria, and re-scored it reaches the target."""
        assessment, scope, target, fixed = case
        plan = _plan(assessment, scope, target, fixed)
        assume(plan.reachable)
        changed = [change.criterion for change in plan.changes]
        assert len(set(changed)) == len(changed)
        assert set(changed) <= {criterion.id for criterion in _movable(assessment, fixed)}
        assert _reaches(_rescore(assessment, plan.entries()), scope, target)

    @settings(max_examples=60)
    @given(case=cases())
    def test_additive_shortcut_has_the_fewest_changes(
        self, case: tuple[Assessment, str, int, tuple[str, ...]]
    ) -> None:
        """The shortcut for judgements of many criteria, forced on every judgement, is exact."""
        assessment, scope, target, fixed = case
        plan = lift_plan(
            assessment,
            assessment.framework.scale.grades[target],
            judgement=None if scope == OVERALL else scope,
            fixed=fixed,
            budgets=SearchBudgets(small=0),
        )
        smallest = fewest_changes(assessment, scope, target, fixed)
        assert plan.reachable == (smallest is not None)
        if smallest is not None:
            assert len(plan) == smallest


# --------------------------------------------------------------------------------------------
# The crafted framework's shape, small: a rules overall over judgements that caps link


def _small_criterion(draw: st.DrawFn, criterion_id: str) -> Criterion:
    measure = draw(
        st.sampled_from([Measure.CHECK, Measure.CHECK, Measure.RATING, Measure.QUANTITY])
    )
    if measure is Measure.CHECK:
        return Criterion(
            criterion_id,
            criterion_id,
            measure,
            not_met=draw(st.sampled_from(["requires_improvement", "inadequate"])),
            provenance=MODELLED,
        )
    if measure is Measure.QUANTITY:
        return Criterion(
            criterion_id,
            criterion_id,
            measure,
            direction=Direction.LOWER,
            unit="points",
            thresholds=[
                Threshold("outstanding", 5.0, MODELLED),
                Threshold("good", 12.0, MODELLED),
                Threshold("requires_improvement", 20.0, MODELLED),
            ],
            provenance=MODELLED,
        )
    return Criterion(criterion_id, criterion_id, measure, provenance=MODELLED)


def _count_rules(draw: st.DrawFn, members: list[str]) -> list[Rule]:
    """Rules on counts of grades (with a bound or a named member now and then), best first."""
    n = len(members)
    rules = []
    for grade, at in (("outstanding", "outstanding"), ("good", "good")):
        at_least = {at: draw(st.integers(1, n))} if draw(st.booleans()) else {}
        at_most = {"inadequate": draw(st.integers(0, n - 1))} if draw(st.booleans()) else {}
        none_below = draw(st.none() | st.sampled_from(["good", "requires_improvement"]))
        minimum = {draw(st.sampled_from(members)): at} if draw(st.booleans()) else {}
        if not (at_least or at_most or none_below or minimum):
            at_least = {at: n}
        rules.append(
            Rule(grade, at_least=at_least, at_most=at_most, none_below=none_below, minimum=minimum)
        )
    rules.append(Rule("requires_improvement", at_most={"inadequate": draw(st.integers(0, n))}))
    return rules


@st.composite
def rules_over_caps(draw: st.DrawFn) -> Framework:
    """Three or four judgements of one or two criteria, a rules overall on counts, and caps
    chaining a judgement to the next and checks to another judgement (issue 13's shape)."""
    scale = four_grade_scale()
    built: list[Judgement] = []
    number = 0
    for j in range(draw(st.integers(3, 4))):
        criteria = [
            _small_criterion(draw, f"c{number + k}") for k in range(draw(st.integers(1, 2)))
        ]
        number += len(criteria)
        method = draw(st.sampled_from([Method.RULES, Method.BEST_FIT, Method.SECURE_FIT]))
        if method is Method.RULES:
            aggregation = Aggregation(
                method, rules=_count_rules(draw, [c.id for c in criteria]), provenance=MODELLED
            )
        else:
            aggregation = Aggregation(method, provenance=MODELLED)
        built.append(Judgement(f"j{j}", f"Judgement {j}", criteria, aggregation=aggregation))
    caps = []
    for k in range(len(built) - 1):
        if draw(st.booleans()):
            caps.append(
                Cap(
                    f"chain_{k}",
                    when=built[k].id,
                    at_or_below=draw(st.sampled_from(["requires_improvement", "inadequate"])),
                    limits=built[k + 1].id,
                    to="requires_improvement",
                    provenance=MODELLED,
                )
            )
    checks = [c.id for judgement in built for c in judgement.criteria if c.measure is Measure.CHECK]
    for k, cid in enumerate(checks):
        if draw(st.booleans()):
            limited = draw(st.integers(0, len(built) - 1))
            caps.append(
                Cap(
                    f"check_{k}",
                    when=cid,
                    not_met=True,
                    limits=built[limited].id,
                    to=draw(st.sampled_from(["requires_improvement", "inadequate"])),
                    provenance=MODELLED,
                )
            )
    return Framework(
        "small_crafted",
        "A small framework of the crafted shape",
        "1",
        scale,
        built,
        Aggregation(
            Method.RULES, rules=_count_rules(draw, [j.id for j in built]), provenance=MODELLED
        ),
        caps=caps,
        missing=draw(st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE])),
    )


@st.composite
def crafted_cases(draw: st.DrawFn) -> tuple[Assessment, int]:
    """An assessment of a small crafted-shape framework below its best grade, and a target."""
    framework = draw(rules_over_caps())
    evidence = draw(evidence_for(framework))
    try:
        assessment = inspectkit.assess(framework, evidence)
    except EvidenceError:
        assume(False)
        raise
    now = _rank(assessment, OVERALL)
    assume(now is not None and now > 0)
    assume(_assignments(assessment, ()) <= MAX_ASSIGNMENTS * 4)
    return assessment, draw(st.integers(0, now - 1))


class TestRulesOverCappedJudgements:
    @settings(max_examples=120, deadline=None)
    @given(case=crafted_cases())
    def test_plan_has_the_fewest_changes(self, case: tuple[Assessment, int]) -> None:
        """The plan for a rules overall over cap-linked judgements has the oracle's minimum."""
        assessment, target = case
        plan = _plan(assessment, OVERALL, target, ())
        smallest = fewest_changes(assessment, OVERALL, target)
        event(f"fewest changes: {smallest}")
        assert plan.reachable == (smallest is not None)
        if smallest is not None:
            assert len(plan) == smallest
            assert plan.minimal
            assert _reaches(_rescore(assessment, plan.entries()), OVERALL, target)


# --------------------------------------------------------------------------------------------
# The "many" shape of benchmarks/bench_lift.py, small: a best fit overall over many small
# judgements (best fit, secure fit and rules in turn), caps chaining a judgement to the next,
# caps on a check holding its own judgement, and the last judgement capping the overall grade


@st.composite
def many_judgements(draw: st.DrawFn) -> Framework:
    """Four to six judgements of one or two criteria, at most eight criteria in all."""
    scale = four_grade_scale()
    built: list[Judgement] = []
    number = 0
    count = draw(st.integers(4, 6))
    for j in range(count):
        size = draw(st.integers(1, 2)) if number + (count - j) < MAX_CRITERIA else 1
        criteria = [_small_criterion(draw, f"c{number + k}") for k in range(size)]
        number += size
        kind = j % 3
        if kind == 0:
            aggregation = Aggregation(Method.BEST_FIT, share=0.5, provenance=MODELLED)
        elif kind == 1:
            aggregation = Aggregation(Method.SECURE_FIT, provenance=MODELLED)
        else:
            aggregation = Aggregation(
                Method.RULES,
                rules=_count_rules(draw, [c.id for c in criteria]),
                provenance=MODELLED,
            )
        built.append(Judgement(f"j{j}", f"Judgement {j}", criteria, aggregation=aggregation))
    caps = [
        Cap(
            f"chain_{k}",
            when=built[k].id,
            limits=built[k + 1].id,
            to="requires_improvement",
            at_or_below="inadequate",
            provenance=MODELLED,
        )
        for k in range(count - 1)
        if draw(st.booleans())
    ]
    for judgement in built:
        checks = [c.id for c in judgement.criteria if c.measure is Measure.CHECK]
        if checks and draw(st.booleans()):
            caps.append(
                Cap(
                    f"check_{judgement.id}",
                    when=checks[0],
                    not_met=True,
                    limits=judgement.id,
                    to="requires_improvement",
                    provenance=MODELLED,
                )
            )
    caps.append(
        Cap(
            "last",
            when=built[-1].id,
            limits=OVERALL,
            to="inadequate",
            at_or_below="inadequate",
            provenance=MODELLED,
        )
    )
    return Framework(
        "small_many",
        "A small framework of the many-judgement shape",
        "1",
        scale,
        built,
        Aggregation(Method.BEST_FIT, share=draw(st.sampled_from([0.5, 0.75])), provenance=MODELLED),
        caps=caps,
        missing=draw(st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE])),
    )


@st.composite
def many_cases(draw: st.DrawFn) -> tuple[Assessment, int]:
    """An assessment of a small many-judgement framework below its best grade, and a target."""
    framework = draw(many_judgements())
    evidence = draw(evidence_for(framework))
    try:
        assessment = inspectkit.assess(framework, evidence)
    except EvidenceError:
        assume(False)
        raise
    now = _rank(assessment, OVERALL)
    assume(now is not None and now > 0)
    assume(_assignments(assessment, ()) <= MAX_ASSIGNMENTS * 4)
    return assessment, draw(st.integers(0, now - 1))


class TestBestFitOverManyJudgements:
    @settings(max_examples=120, deadline=None)
    @given(case=many_cases())
    def test_plan_has_the_fewest_changes(self, case: tuple[Assessment, int]) -> None:
        """The plan for a best fit overall over many capped judgements has the oracle's minimum."""
        assessment, target = case
        plan = _plan(assessment, OVERALL, target, ())
        smallest = fewest_changes(assessment, OVERALL, target)
        event(f"fewest changes: {smallest}")
        assert plan.reachable == (smallest is not None)
        if smallest is not None:
            assert len(plan) == smallest
            assert plan.minimal
            assert _reaches(_rescore(assessment, plan.entries()), OVERALL, target)
