"""Properties of findings in scoring: monotone in weaknesses and strengths, order-free, in range."""

from __future__ import annotations

from random import Random

import attrs
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.evidence import Evidence, Finding, FindingSign, FindingWeight
from inspectkit.results import Assessment
from inspectkit.rubric import Framework
from strategies import evidence_for, findings_for, findings_rules, frameworks


@st.composite
def cases(draw: st.DrawFn) -> tuple[Framework, Evidence, list[Finding]]:
    framework = draw(frameworks())
    framework = attrs.evolve(framework, findings=draw(findings_rules(framework.scale)))
    return framework, draw(evidence_for(framework)), draw(findings_for(framework))


def run(framework: Framework, evidence: Evidence, findings: list[Finding]) -> Assessment:
    return inspectkit.assess(
        framework, attrs.evolve(evidence, findings=findings), missing="exclude"
    )


def ranks(assessment: Assessment) -> dict[str, int | None]:
    return {
        j: None if result.grade is None else result.grade.rank
        for j, result in assessment.judgements.items()
    }


def never_better(before: dict[str, int | None], after: dict[str, int | None]) -> bool:
    """No judgement graded both times has a better (lower) rank after than before."""
    return all(
        before[j] is None or after[j] is None or after[j] >= before[j]  # type: ignore[operator]
        for j in before
    )


def weakness(framework: Framework, judgement: int, weight: FindingWeight) -> Finding:
    return Finding(
        framework.judgements[judgement % len(framework.judgements)].id,
        FindingSign.WEAKNESS,
        weight,
        "Added.",
    )


class TestMonotone:
    @given(cases(), st.integers(0, 5), st.sampled_from(list(FindingWeight)))
    def test_a_weakness_never_raises_a_judgement(
        self, case: tuple[Framework, Evidence, list[Finding]], j: int, weight: FindingWeight
    ) -> None:
        """Adding a weakness leaves every graded judgement at its grade or worse."""
        framework, evidence, findings = case
        before = ranks(run(framework, evidence, findings))
        after = ranks(run(framework, evidence, [*findings, weakness(framework, j, weight)]))
        assert never_better(before, after)

    @given(cases())
    def test_a_heavier_weakness_never_raises_a_judgement(
        self, case: tuple[Framework, Evidence, list[Finding]]
    ) -> None:
        """Making every weakness major leaves every graded judgement at its grade or worse."""
        framework, evidence, findings = case
        heavier = [
            attrs.evolve(f, weight=FindingWeight.MAJOR) if f.is_weakness else f for f in findings
        ]
        assert never_better(
            ranks(run(framework, evidence, findings)), ranks(run(framework, evidence, heavier))
        )

    @given(cases(), st.integers(0, 5), st.sampled_from(list(FindingWeight)))
    def test_a_strength_never_lowers_a_judgement(
        self, case: tuple[Framework, Evidence, list[Finding]], j: int, weight: FindingWeight
    ) -> None:
        """Adding a strength leaves every graded judgement at its grade or better."""
        framework, evidence, findings = case
        added = attrs.evolve(weakness(framework, j, weight), sign=FindingSign.STRENGTH)
        before = ranks(run(framework, evidence, findings))
        after = ranks(run(framework, evidence, [*findings, added]))
        assert never_better(after, before)


class TestOrderAndRange:
    @given(cases(), st.randoms(use_true_random=False))
    def test_findings_order_never_matters(
        self, case: tuple[Framework, Evidence, list[Finding]], random: Random
    ) -> None:
        """Shuffling the findings gives the same grades and ranges."""
        framework, evidence, findings = case
        shuffled = list(findings)
        random.shuffle(shuffled)
        a, b = run(framework, evidence, findings), run(framework, evidence, shuffled)
        assert [(r.grade, r.best, r.worst) for r in (a.overall, *a.judgements.values())] == [
            (r.grade, r.best, r.worst) for r in (b.overall, *b.judgements.values())
        ]

    @given(cases())
    def test_point_within_range(self, case: tuple[Framework, Evidence, list[Finding]]) -> None:
        """Every graded judgement's point lies between its best and worst grades."""
        result = run(*case)
        for judgement in (result.overall, *result.judgements.values()):
            if judgement.grade is not None and judgement.best is not None:
                assert judgement.worst is not None
                assert judgement.best.rank <= judgement.grade.rank <= judgement.worst.rank


SUPPORT_BELOW_CEILING = """
id = "support_below_ceiling"
title = "A support that gives less than the ceiling allows"
version = "1"
[[sources]]
id = "model"
title = "A model for the test"
[[grades]]
id = "a"
label = "A"
[[grades]]
id = "b"
label = "B"
[[grades]]
id = "c"
label = "C"
[[judgements]]
id = "j"
title = "J"
aggregation = { method = "secure_fit", provenance = { basis = "modelled", source = "model" } }
[[judgements.criteria]]
id = "view"
title = "View"
measure = "rating"
provenance = { basis = "modelled", source = "model" }
[overall]
method = "secure_fit"
provenance = { basis = "modelled", source = "model" }
[findings]
provenance = { basis = "modelled", source = "model" }
limits = [{ weakness = "minor", count = 1, to = "a" }]
supports = [{ strength = "minor", count = 3, grade = "b" }]
"""


class TestSupportBelowTheCeiling:
    def test_the_third_strength_does_not_lower_the_judgement(self) -> None:
        """With a support worse than the ceiling, strengths short of it already count at it."""
        framework = inspectkit.loads_framework(SUPPORT_BELOW_CEILING)

        def grade(strengths: int) -> str | None:
            findings = [{"judgement": "j", "weakness": "w", "weight": "minor"}] + [
                {"judgement": "j", "strength": f"s{k}", "weight": "minor"} for k in range(strengths)
            ]
            evidence = inspectkit.evidence_from_values(framework, {}, findings=findings)
            result = inspectkit.assess(framework, evidence, missing="exclude").judgements["j"]
            return None if result.grade is None else result.grade.id

        assert grade(2) == grade(3) == "b"
