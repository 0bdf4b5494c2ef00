"""The fast scoring loop gives the general path's ranks (`inspectkit.scoring._ranks.score`).

`score` grades from a `ScorePlan` (criteria grouped by kind, thresholds unrolled, aggregation
kernels chosen at compile time); `score_general` is the plain reference. These properties hold
every field of the two results equal on generated frameworks, with evidence of every form the
engine takes, including the rare ones the fast loop hands to the general step.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.evidence import Entry, Evidence, GradeRange
from inspectkit.grades import GradeScale
from inspectkit.rubric import Framework, Measure
from inspectkit.scoring._assess import _coverage, _coverage_weights
from inspectkit.scoring._compile import CompiledFramework, compile_framework
from inspectkit.scoring._ranks import AssessmentRanks, score, score_general
from strategies import (
    evidence_for,
    findings_for,
    findings_rules,
    frameworks,
)

pytestmark = pytest.mark.property

BUNDLED = [info.id for info in inspectkit.list_frameworks() if info.origin == "bundled"]


@functools.cache
def _bundled(framework_id: str) -> Framework:
    """A bundled framework, loaded once (not in every example: loading is tested elsewhere)."""
    return inspectkit.load_framework(framework_id)


class _Float(float):
    """A subclass of float, as numpy's float64 is: the fast loop leaves it to the general step."""


def _fields(ranks: AssessmentRanks) -> dict[str, Any]:
    return {name: getattr(ranks, name) for name in AssessmentRanks.__slots__}


@functools.cache  # one strategy per (scale, measure), not one per criterion of every example
@st.composite
def _odd_value(draw: st.DrawFn, scale: GradeScale, measure: Measure) -> Any:
    """A value of a form the fast loop does not grade itself, valid or not."""
    ids = scale.ids
    best, worst = sorted(draw(st.lists(st.integers(0, len(ids) - 1), min_size=2, max_size=2)))
    names = [(*grade.aliases, grade.label)[0] for grade in scale.grades]
    choices = [
        GradeRange(ids[best], ids[worst], ids[draw(st.integers(best, worst))]),
        GradeRange("no_such_grade", ids[worst], ids[worst]),
        names[draw(st.integers(0, len(names) - 1))],  # as st.sampled_from(names) draws
        _Float(draw(st.floats(0.0, 100.0))),
        "no such grade",
        True,
        0.5,
        3,
    ]
    if measure is Measure.RATING:
        choices.append(ids[draw(st.integers(0, len(ids) - 1))])
    return choices[draw(st.integers(0, len(choices) - 1))]  # as st.sampled_from(choices)


@st.composite
def _evidence(draw: st.DrawFn, framework: Framework) -> Evidence:
    """Evidence of ordinary values, with some criteria given odd ones."""
    evidence = draw(evidence_for(framework))
    entries = dict(evidence.entries)
    for criterion in framework.criteria():
        if draw(st.integers(0, 5)) == 0:
            value = draw(_odd_value(framework.scale_of(criterion.id), criterion.measure))
            entries[criterion.id] = Entry(criterion.id, value)
    findings = draw(st.just(()) | findings_for(framework))
    return Evidence(framework.id, "Generated centre", entries, findings=tuple(findings))


def _given(data: st.DataObject, framework: Framework) -> dict[int, int | None]:
    positions = range(len(framework.judgements))
    chosen = data.draw(st.lists(st.sampled_from(positions), unique=True, max_size=2))
    grades = len(framework.scale.grades)
    return {j: data.draw(st.none() | st.integers(0, grades - 1)) for j in chosen}


def _agree(
    compiled: CompiledFramework,
    evidence: Evidence,
    exclude: bool,
    given_ranks: dict[int, int | None] | None = None,
) -> bool:
    """Whether `score` and `score_general` give the same ranks for *evidence*."""
    entries, findings = evidence.entries, evidence.findings
    fast = score(compiled, entries, exclude, findings, given_ranks)
    return _fields(fast) == _fields(
        score_general(compiled, entries, exclude, findings, given_ranks)
    )


class TestFastScore:
    @given(data=st.data(), exclude=st.booleans())
    def test_fast_loop_gives_the_general_ranks(self, data: st.DataObject, exclude: bool) -> None:
        """Every field of `score` equals `score_general` on generated frameworks and evidence."""
        framework = data.draw(frameworks(max_judgements=4))
        if data.draw(st.booleans()):
            framework = attrs.evolve(framework, findings=data.draw(findings_rules(framework.scale)))
        evidence = data.draw(_evidence(framework))
        assert _agree(compile_framework(framework), evidence, exclude)

    @given(data=st.data(), exclude=st.booleans())
    def test_remembered_kernels_give_the_general_ranks(
        self, data: st.DataObject, exclude: bool
    ) -> None:
        """After other evidence has filled the kernels' memos, `score` still equals the general."""
        framework = data.draw(frameworks(max_judgements=4))
        compiled = compile_framework(framework)
        for earlier in data.draw(st.lists(_evidence(framework), min_size=1, max_size=4)):
            score(compiled, earlier.entries, exclude, earlier.findings)
        assert _agree(compiled, data.draw(_evidence(framework)), exclude)

    @pytest.mark.parametrize("framework_id", BUNDLED)
    @given(data=st.data(), exclude=st.booleans())
    def test_bundled_frameworks_give_the_general_ranks(
        self, framework_id: str, data: st.DataObject, exclude: bool
    ) -> None:
        """On every bundled framework (second scales, levels, findings rules), they agree."""
        framework = _bundled(framework_id)
        assert _agree(compile_framework(framework), data.draw(_evidence(framework)), exclude)

    @given(data=st.data(), exclude=st.booleans())
    def test_given_grades_give_the_general_ranks(self, data: st.DataObject, exclude: bool) -> None:
        """With judgement grades given directly, `score` still equals `score_general`."""
        framework = data.draw(frameworks(max_judgements=4))
        evidence = data.draw(evidence_for(framework))
        assert _agree(compile_framework(framework), evidence, exclude, _given(data, framework))

    @given(data=st.data(), exclude=st.booleans())
    def test_many_thresholds_give_the_general_ranks(
        self, data: st.DataObject, exclude: bool
    ) -> None:
        """On scales of six or seven grades (more thresholds than the loop unrolls), they agree."""
        framework = data.draw(frameworks(grades=(6, 7)))
        assert _agree(compile_framework(framework), data.draw(_evidence(framework)), exclude)


class TestFastCoverage:
    @given(data=st.data())
    def test_counted_coverage_gives_the_summed_weights(self, data: st.DataObject) -> None:
        """Coverage weights from counts equal the weights summed member by member."""
        framework = data.draw(frameworks(max_judgements=4))
        evidence = data.draw(_evidence(framework))
        compiled = compile_framework(framework)
        core = score(compiled, evidence.entries, data.draw(st.booleans()))
        summed = [_coverage_weights(judgement, core) for judgement in compiled.judgements]
        assert _coverage(compiled, core, {}) == summed
