"""An ungraded judgement never counts as meeting a rule: it is assumed in line with the others."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit import assess
from inspectkit.evidence import Entry, Evidence
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Cap,
    Criterion,
    Framework,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
)
from strategies import MODELLED, VOCABULARY, rules, scales

FRAMEWORK = """
id = "three_ratings"
title = "Three judgements, each one rating"
version = "1"

[[sources]]
id = "model"
title = "A model for the test"

[[grades]]
id = "outstanding"
label = "Outstanding"
[[grades]]
id = "good"
label = "Good"
[[grades]]
id = "requires_improvement"
label = "Requires improvement"
[[grades]]
id = "inadequate"
label = "Inadequate"

[[judgements]]
id = "access"
title = "Access"
aggregation = { method = "secure_fit", provenance = { basis = "modelled", source = "model" } }
[[judgements.criteria]]
id = "access_view"
title = "Access, as the assessor sees it"
measure = "rating"
provenance = { basis = "modelled", source = "model" }

[[judgements]]
id = "quality"
title = "Quality"
aggregation = { method = "secure_fit", provenance = { basis = "modelled", source = "model" } }
[[judgements.criteria]]
id = "quality_view"
title = "Quality, as the assessor sees it"
measure = "rating"
provenance = { basis = "modelled", source = "model" }

[[judgements]]
id = "leadership"
title = "Leadership"
aggregation = { method = "secure_fit", provenance = { basis = "modelled", source = "model" } }
[[judgements.criteria]]
id = "leadership_view"
title = "Leadership, as the assessor sees it"
measure = "rating"
provenance = { basis = "modelled", source = "model" }

[overall]
method = "rules"
provenance = { basis = "modelled", source = "model" }
[[overall.rules]]
grade = "outstanding"
minimum = { leadership = "outstanding" }
none_below = "good"
[[overall.rules]]
grade = "outstanding"
at_least = { outstanding = 2 }
none_below = "good"
[[overall.rules]]
grade = "good"
none_below = "good"
[[overall.rules]]
grade = "requires_improvement"
none_below = "requires_improvement"
"""


@pytest.fixture(scope="module")
def framework() -> Framework:
    """Three one-rating judgements under the children's centre overall rules."""
    return inspectkit.loads_framework(FRAMEWORK)


class TestAssumedInLine:
    def test_unknown_leadership_does_not_meet_its_rule(self, framework: Framework) -> None:
        """Access outstanding and quality good with leadership unknown is good, not outstanding."""
        assessment = assess(
            framework, {"access_view": "outstanding", "quality_view": "good"}, missing="exclude"
        )
        assert assessment.overall.grade is not None
        assert assessment.overall.grade.id == "good"
        assert {k: g.id for k, g in assessment.overall.assumed.items()} == {"leadership": "good"}

    def test_the_reason_says_what_was_assumed(self, framework: Framework) -> None:
        """The overall reason names the ungraded judgement and the grade assumed for it."""
        assessment = assess(
            framework, {"access_view": "outstanding", "quality_view": "good"}, missing="exclude"
        )
        assert assessment.overall.reason.startswith(
            "Leadership is not graded: assumed in line with the other judgements (Good); "
        )

    def test_known_leadership_decides_as_before(self, framework: Framework) -> None:
        """With leadership outstanding the first rule holds and nothing is assumed."""
        assessment = assess(
            framework,
            {"access_view": "good", "quality_view": "good", "leadership_view": "outstanding"},
        )
        assert assessment.overall.grade is not None
        assert assessment.overall.grade.id == "outstanding"
        assert dict(assessment.overall.assumed) == {}

    def test_nothing_is_assumed_for_a_judgement_that_does_not_apply(
        self, framework: Framework
    ) -> None:
        """A not-applicable judgement is left out, not assumed in line."""
        assessment = assess(
            framework,
            {"access_view": "outstanding", "quality_view": "good", "leadership_view": "N/A"},
            missing="exclude",
        )
        assert dict(assessment.overall.assumed) == {}

    def test_nothing_graded_stays_ungraded(self, framework: Framework) -> None:
        """With no judgement graded there is nothing to be in line with."""
        assessment = assess(framework, {}, missing="exclude")
        assert assessment.overall.grade is None


@st.composite
def rating_frameworks(draw: st.DrawFn) -> Framework:
    """Judgements of one rating each (secure fit), an overall ``rules`` aggregation, and
    caps on the overall grade that watch judgements."""
    scale = draw(scales(min_size=2, max_size=5))
    count = draw(st.integers(2, 4))
    judged = [
        Judgement(
            f"j{k}",
            f"Judgement {k}",
            criteria=[Criterion(f"c{k}", f"Rating {k}", Measure.RATING, provenance=MODELLED)],
            aggregation=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        )
        for k in range(count)
    ]
    ids = [j.id for j in judged]
    overall = Aggregation(
        Method.RULES,
        rules=draw(st.lists(rules(scale, ids), min_size=1, max_size=3)),
        provenance=MODELLED,
    )
    caps = [
        Cap(
            f"cap_{k}",
            when=draw(st.sampled_from(ids)),
            limits=OVERALL,
            to=draw(st.sampled_from(scale.ids[1:])),
            at_or_below=draw(st.sampled_from(scale.ids)),
            provenance=MODELLED,
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    return Framework(
        id="generated",
        title="Generated",
        version="1",
        scale=scale,
        judgements=judged,
        overall=overall,
        caps=caps,
        vocabulary=VOCABULARY,
        missing=MissingPolicy.EXCLUDE,
    )


@st.composite
def partial_ratings(draw: st.DrawFn, framework: Framework) -> dict[str, str]:
    """Ratings for some but not all of *framework*'s judgements (at least one given)."""
    ids = [c.id for c in framework.criteria()]
    given_ids = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids) - 1, unique=True))
    return {c: draw(st.sampled_from(framework.scale.ids)) for c in given_ids}


def _evidence(framework: Framework, ratings: dict[str, str]) -> Evidence:
    return Evidence(framework.id, "Unit", {c: Entry(c, g) for c, g in ratings.items()})


def _rank(framework: Framework, ratings: dict[str, str]) -> int:
    grade = assess(framework, _evidence(framework, ratings), missing="exclude").overall.grade
    assert grade is not None
    return grade.rank


@pytest.mark.property
class TestUnknownProperties:
    @given(data=st.data())
    def test_point_never_better_than_assuming_the_best_graded(self, data: st.DataObject) -> None:
        """The point is never better than with every unknown judgement at the best graded one."""
        framework = data.draw(rating_frameworks())
        ratings = data.draw(partial_ratings(framework))
        best_given = min(framework.scale.get(g).rank for g in ratings.values())  # type: ignore[union-attr]
        filled = {
            c.id: ratings.get(c.id, framework.scale.ids[best_given]) for c in framework.criteria()
        }
        assert _rank(framework, ratings) >= _rank(framework, filled)

    @given(data=st.data())
    def test_evidence_in_line_does_not_move_the_point(self, data: st.DataObject) -> None:
        """Grading each unknown judgement at the grade assumed for it leaves the point as it was."""
        framework = data.draw(rating_frameworks())
        ratings = data.draw(partial_ratings(framework))
        assessment = assess(framework, _evidence(framework, ratings), missing="exclude")
        assumed = assessment.overall.assumed
        assert set(assumed) == {
            j.id for j in framework.judgements if j.criteria[0].id not in ratings
        }
        filled = dict(ratings)
        for judgement_id, grade in assumed.items():
            filled[framework.judgement(judgement_id).criteria[0].id] = grade.id
        assert _rank(framework, filled) == _rank(framework, ratings)

    @given(data=st.data())
    def test_point_within_range(self, data: st.DataObject) -> None:
        """The point lies within the range with unknown judgements assumed."""
        framework = data.draw(rating_frameworks())
        ratings = data.draw(partial_ratings(framework))
        overall = assess(framework, _evidence(framework, ratings), missing="exclude").overall
        assert overall.grade is not None
        assert overall.best is not None
        assert overall.worst is not None
        assert overall.best.rank <= overall.grade.rank <= overall.worst.rank
