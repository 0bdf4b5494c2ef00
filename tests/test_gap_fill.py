"""A gap list filled a field at a time, and lifts shared by judgements that move alike.

`inspectkit.gaps._GapFill` fills a block of gaps column by column (each field's values set by
the slot's setter in one C loop) and words the needs from per-criterion tables;
`inspectkit.scoring.GapSearch.lifts` shares the overall answer of judgements that only the
overall grade reads (`inspectkit.scoring._probes._Static.free`). The references are the
eager gap list of ``tests/test_lazy_gaps.py`` and a full re-scoring of each change.
"""

from __future__ import annotations

import threading
from unittest.mock import patch

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import inspectkit
import inspectkit.gaps
from inspectkit import Assessment, EvidenceError
from inspectkit.evidence import Counts, Entry, Evidence
from inspectkit.gaps import find_gaps, resolve_target
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Framework,
    Judgement,
    Measure,
    Method,
    Provenance,
    Threshold,
)
from inspectkit.scoring import gap_search
from inspectkit.scoring._lift import _Planner
from inspectkit.scoring._probes import _better, _static
from strategies import evidence_for, frameworks
from test_lazy_gaps import _eager_gaps, _fields

MODELLED = Provenance(Basis.MODELLED)
SCALE = GradeScale.from_grades(
    Grade("outstanding", "Outstanding"),
    Grade("good", "Good"),
    Grade("requires_improvement", "Requires improvement"),
    Grade("inadequate", "Inadequate"),
)


def _share(criterion_id: str) -> Criterion:
    thresholds = [
        Threshold(grade, value, MODELLED)
        for grade, value in zip(SCALE.ids, (0.9, 0.65, 0.4), strict=False)
    ]
    return Criterion(
        criterion_id,
        f"Criterion {criterion_id}",
        Measure.PROPORTION,
        thresholds=thresholds,
        provenance=MODELLED,
    )


def _many_judgements(
    weights: tuple[float, ...] = (1.0,) * 6,
    *,
    chains: tuple[tuple[int, int], ...] = ((0, 1),),
    share: float = 0.75,
) -> Framework:
    """Six judgements of two proportions each, best fit (*share*) overall, weighted *weights*.

    Per chain ``(a, b)`` a cap holds ``jb`` at Requires improvement while ``ja`` is no better,
    so ``ja`` is read by a cap and is not free; by default ``j0`` holds ``j1``, and the others
    only the overall grade reads.
    """
    judgements = [
        Judgement(
            f"j{j}",
            f"Judgement {j}",
            [_share(f"c{2 * j}"), _share(f"c{2 * j + 1}")],
            aggregation=Aggregation(Method.BEST_FIT, share=0.5, provenance=MODELLED),
            weight=weight,
        )
        for j, weight in enumerate(weights)
    ]
    caps = [
        Cap(
            f"chain_{a}",
            when=f"j{a}",
            at_or_below="requires_improvement",
            limits=f"j{b}",
            to="requires_improvement",
            provenance=MODELLED,
        )
        for a, b in chains
    ]
    return Framework(
        "many_small",
        "Many small judgements",
        "1",
        SCALE,
        judgements,
        Aggregation(Method.BEST_FIT, share=share, provenance=MODELLED),
        caps=caps,
    )


def _assessed(framework: Framework, weak: set[int]) -> Assessment:
    """Each judgement's two criteria at Good (70%), or for those in *weak* at 50%."""
    entries = {
        criterion.id: Entry(criterion.id, 0.5 if int(criterion.id[1:]) // 2 in weak else 0.7)
        for criterion in framework.criteria()
    }
    return inspectkit.assess(framework, Evidence(framework.id, "Centre", entries))


def _weak_everywhere() -> Assessment:
    """Every criterion of `_many_judgements` at Requires improvement, one given as counts."""
    framework = _many_judgements()
    entries = {criterion.id: Entry(criterion.id, 0.5) for criterion in framework.criteria()}
    entries["c3"] = Entry("c3", 35 / 70, counts=Counts(35, 70))
    return inspectkit.assess(framework, Evidence(framework.id, "Centre", entries))


def _all_lifts_rescored(assessment: Assessment) -> None:
    """Assert every criterion's lifts, to each grade it can reach, are the re-scored ones."""
    goal = resolve_target(assessment, None, OVERALL)
    search = gap_search(assessment, goal)
    planner = _Planner(assessment)
    for c in planner.compiled.criteria:
        for rank in planner.options[c.index]:
            assert search.lifts(c.index, rank) == _rescored(assessment, c.index, rank)


def _rescored(assessment: Assessment, i: int, rank: int) -> tuple[bool, bool]:
    """Whether raising criterion *i* alone to *rank* lifts its judgement and the overall."""
    planner = _Planner(assessment)
    base = planner.base
    j = planner.compiled.criteria[i].judgement
    point, overall = planner.rescore({i: rank})
    return _better(point[j], base.judgement_point[j]), _better(overall, base.overall[0])


class TestFreeJudgements:
    def test_only_judgements_no_cap_reads_are_free(self) -> None:
        """A judgement a cap watches is not free; the ones only the overall grade reads are."""
        planner = _Planner(_weak_everywhere())
        assert _static(planner.compiled).free == frozenset(range(1, 6))

    def test_a_judgement_a_cap_reads_has_its_own_answer(self) -> None:
        """Raising ``j0`` releases ``j1`` too and lifts the overall; raising ``j5`` does not."""
        # j0 and j5 at Requires improvement, j1 held there by the cap: 3 of 6 at Good. Raising
        # j5 gives 4 (67%), raising j0 gives 5 (83%, Good needs 75%).
        _all_lifts_rescored(_assessed(_many_judgements(), {0, 5}))

    def test_judgements_caps_read_have_answers_of_their_own(self) -> None:
        """Two judgements caps read, moving alike, do not share: what each holds differs."""
        # j0 holds j1 (Good evidence) and j2 holds j3 (weak evidence); j4 and j5 at Good: 2 of
        # 6 at Good, and Good needs 60%. Raising j0 releases j1 too (4 of 6); raising j2 gives 3.
        framework = _many_judgements(chains=((0, 1), (2, 3)), share=0.6)
        _all_lifts_rescored(_assessed(framework, {0, 2, 3}))

    def test_free_judgements_of_other_weights_have_their_own_answers(self) -> None:
        """Free judgements that move alike but weigh differently overall do not share."""
        # j4 (weight 1) and j5 (weight 3) at Requires improvement: Good has 4 of 8; raising j4
        # gives 5 (62.5%), raising j5 gives 7 (87.5%).
        _all_lifts_rescored(_assessed(_many_judgements((1.0,) * 5 + (3.0,), chains=()), {4, 5}))

    @pytest.mark.property
    @given(data=st.data())
    def test_lifts_on_many_judgements_are_the_rescored_ones(self, data: st.DataObject) -> None:
        """On frameworks of up to six judgements, each lift is what a full re-scoring says."""
        framework = data.draw(frameworks(max_judgements=6))
        try:
            assessment = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        except EvidenceError:
            assume(False)
            raise
        goal = resolve_target(assessment, data.draw(st.integers(1, len(framework.scale))), OVERALL)
        search = gap_search(assessment, goal)
        assume(len(search) > 0)
        planner = _Planner(assessment)
        for c in planner.compiled.criteria:
            for rank in planner.options[c.index]:
                assert search.lifts(c.index, rank) == _rescored(assessment, c.index, rank)


class TestColumnFill:
    def test_a_gap_in_counts_gets_its_more_and_of(self) -> None:
        """A proportion given as counts is filled with how many more of how many it needs."""
        assessment = _weak_everywhere()
        gap = next(gap for gap in find_gaps(assessment, "good") if gap.criterion == "c3")
        assert (gap.more, gap.of) == (11, 70)
        assert gap.need.endswith(", about 11 more of 70")

    def test_the_others_have_no_counts(self) -> None:
        """A gap not given as counts is filled with no ``more`` or ``of``."""
        gaps = find_gaps(_weak_everywhere(), "good")
        assert {(gap.more, gap.of) for gap in gaps if gap.criterion != "c3"} == {(None, None)}

    def test_filled_gaps_are_the_eager_gaps(self) -> None:
        """Every filled gap of the list equals the gap made at once, field by field."""
        assessment = _weak_everywhere()
        eager = _eager_gaps(assessment, 2, None, ())
        lazy = find_gaps(assessment, "good")
        assert [_fields(gap) for gap in lazy] == [_fields(gap) for gap in eager]

    def test_a_block_filled_in_threads_is_filled_once(self) -> None:
        """Gaps of one block read from several threads at once are filled by one of them."""
        gaps = find_gaps(_weak_everywhere(), "good")
        calls = []
        original = inspectkit.gaps._GapFill.fill

        def counted(self: inspectkit.gaps._GapFill, start: int, stop: int) -> None:
            calls.append(start)
            original(self, start, stop)

        with patch.object(inspectkit.gaps._GapFill, "fill", counted):
            threads = [threading.Thread(target=lambda: [g.need for g in gaps]) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert calls == [0]

    def test_a_filled_gap_evolves_like_a_gap_made_at_once(self) -> None:
        """``attrs.evolve`` of a filled gap keeps every other field."""
        gap = find_gaps(_weak_everywhere(), "good")[0]
        changed = attrs.evolve(gap, need="other")
        assert _fields(changed)[:6] == _fields(gap)[:6]
        assert changed.need == "other"
