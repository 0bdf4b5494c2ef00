"""The grade `Assessment.gaps` aims at by default is the one its docstring says."""

from __future__ import annotations

import inspectkit
from inspectkit import Assessment


def assessed(path: str) -> Assessment:
    """The assessment of an example evidence file under the framework it names."""
    evidence = inspectkit.load_evidence(path)
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


class TestDefaultTarget:
    def test_it_is_one_above_the_overall_grade(self) -> None:
        """A unit predicted Requires improvement overall aims at Good."""
        assessment = assessed("examples/riverside-2026-06.toml")
        assert assessment.grade is not None
        assert assessment.grade.id == "requires_improvement"
        assert assessment.gaps().target.id == "good"

    def test_without_an_overall_grade_it_is_one_above_the_weakest_judgement(self) -> None:
        """A school with no overall grade, urgent improvement somewhere, aims at needs attention."""
        assessment = assessed("examples/hillcrest-academy-2026-03.toml")
        assert assessment.grade is None
        assert assessment.result("curriculum_teaching").grade.id == "urgent_improvement"
        assert assessment.gaps().target.id == "needs_attention"

    def test_a_judgement_on_its_own_scale_at_the_top_aims_at_its_top(self) -> None:
        """Safeguarding met aims at met, the top of its own scale, not at a grade of the five."""
        assessment = assessed("examples/hillcrest-academy-2026-03.toml")
        assert assessment.gaps(judgement="safeguarding").target.id == "met"

    def test_an_ungraded_unit_aims_at_the_worst_grade(self) -> None:
        """A unit with no evidence, absent evidence excluded, aims at the worst grade."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.loads_evidence(
            'framework = "ofsted_childrens_centres_2014"\nunit = "Empty"\n'
        )
        assessment = inspectkit.assess(framework, evidence, missing="exclude")
        assert assessment.grade is None
        assert assessment.gaps().target == framework.scale.worst
