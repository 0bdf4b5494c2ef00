"""The bundled ILACS frameworks: the derived overall rule (2023) and no overall grade (2026)."""

from __future__ import annotations

import functools
import itertools

import pytest

import inspectkit
from inspectkit.evidence import NOT_APPLICABLE, Evidence, GivenGrade
from inspectkit.rubric import Basis, Framework

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
IDS = ("leaders", "help_protection", "children_in_care", "care_leavers")


@functools.cache
def load(framework_id: str) -> Framework:
    """Load a bundled ILACS framework once."""
    return inspectkit.load_framework(framework_id)


def overall(*grades: str) -> str | None:
    """The 2023 overall grade for given judgement grades (``not_applicable`` allowed)."""
    framework = load("ofsted_ilacs_2023")
    given = {
        judgement: GivenGrade(judgement, NOT_APPLICABLE if grade == "not_applicable" else grade)
        for judgement, grade in zip(IDS, grades, strict=True)
    }
    grade = inspectkit.assess(framework, Evidence(framework.id, "LA", judgements=given)).grade
    return None if grade is None else grade.id


class TestDerivedRule:
    def test_marked_derived_with_accuracy(self) -> None:
        """The overall rule is marked derived (not Ofsted's) and carries its accuracy."""
        rule = load("ofsted_ilacs_2023").overall
        assert rule.provenance is not None
        assert rule.provenance.basis is Basis.DERIVED
        assert rule.accuracy is not None
        assert rule.accuracy.within_one == 1.0

    @pytest.mark.parametrize(
        ("grades", "expected"),
        [
            (("outstanding", "outstanding", "good", "outstanding"), "outstanding"),
            (("outstanding", "good", "good", "outstanding"), "good"),
            (("good", "requires_improvement", "good", "good"), "good"),
            (
                ("good", "requires_improvement", "requires_improvement", "good"),
                "requires_improvement",
            ),
            (("good", "good", "good", "inadequate"), "inadequate"),
            (("good", "good", "good", "not_applicable"), "good"),
        ],
    )
    def test_rule_cases(self, grades: tuple[str, ...], expected: str) -> None:
        """The derived rule gives the grades its description states."""
        assert overall(*grades) == expected

    def test_monotone_and_not_applicable_never_lowers(self) -> None:
        """Brute force: a better judgement never worsens overall; not applicable never lowers it."""
        rank = {grade: i for i, grade in enumerate(GRADES)}
        results = {
            combo: overall(*combo)
            for combo in itertools.product(GRADES, GRADES, GRADES, (*GRADES, "not_applicable"))
        }
        for combo, got in results.items():
            assert got is not None
            for position, grade in enumerate(combo):
                if grade in ("outstanding", "not_applicable"):
                    continue
                better = list(combo)
                better[position] = GRADES[rank[grade] - 1]
                assert rank[results[tuple(better)] or "inadequate"] <= rank[got]
            if combo[3] == "not_applicable":
                for grade in GRADES:
                    assert rank[got] <= rank[results[(*combo[:3], grade)] or "inadequate"]


class TestIlacs2026:
    def test_extends_2023(self) -> None:
        """The 2026 framework is a successor of the 2023 one, with the same judgements."""
        framework = load("ofsted_ilacs_2026")
        assert framework.lineage == ("ofsted_ilacs_2023",)
        assert [j.id for j in framework.judgements] == list(IDS)

    def test_gives_no_overall_grade(self) -> None:
        """The 2026 framework gives no overall grade."""
        assert not load("ofsted_ilacs_2026").has_overall
