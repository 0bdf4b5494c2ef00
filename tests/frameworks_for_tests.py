"""Frameworks built from the model classes, for tests that need one before any file is read.

`example_framework` is the complete small example of ``docs/framework-format.md``, built in
Python so that evidence tests do not depend on the framework loader. `four_grade_scale` is the
grade scale it uses, shared with the other hand-built test frameworks.
"""

from __future__ import annotations

from inspectkit.evidence import Counts, Entry, Evidence
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Direction,
    Framework,
    Judgement,
    Measure,
    Method,
    Provenance,
    Quantifier,
    Rule,
    Source,
    Threshold,
    Vocabulary,
)

MODELLED = Provenance(Basis.MODELLED)


def four_grade_scale() -> GradeScale:
    """Return the four Ofsted grades, best first, with their numbers (and ``RI``) as aliases."""
    return GradeScale.from_grades(
        Grade("outstanding", "Outstanding", aliases=("1",)),
        Grade("good", "Good", aliases=("2",)),
        Grade("requires_improvement", "Requires improvement", aliases=("RI", "3")),
        Grade("inadequate", "Inadequate", aliases=("4",)),
    )


def example_framework() -> Framework:
    """Return the small example framework of ``docs/framework-format.md``."""
    scale = four_grade_scale()
    consultancy = Provenance(Basis.THIRD_PARTY, "consultancy", "The 65% reach claim.")
    registration = Criterion(
        id="registration_rate",
        title="Families with under-fives registered",
        measure=Measure.PROPORTION,
        direction=Direction.HIGHER,
        weight=2,
        evidence="Registrations against the reach area's under-five population, from the LA "
        "dataset.",
        actions=("Agree a live-birth data feed with health visitors.",),
        provenance=consultancy,
        thresholds=(
            Threshold("outstanding", 0.9, consultancy),
            Threshold("good", 0.65, consultancy),
            Threshold("requires_improvement", 0.5, MODELLED),
        ),
        descriptors={
            "good": "A large majority of families with young children in the area are registered.",
            "inadequate": "Only a minority of families are registered.",
        },
    )
    gld_gap = Criterion(
        id="gld_gap",
        title="Gap in good level of development (free school meals)",
        measure=Measure.QUANTITY,
        unit="percentage points",
        direction=Direction.LOWER,
        minimum=0,
        provenance=MODELLED,
        thresholds=(
            Threshold("outstanding", 5, MODELLED),
            Threshold("good", 12, MODELLED),
            Threshold("requires_improvement", 20, MODELLED),
        ),
    )
    supervision = Criterion(
        id="supervision_checks_case_files",
        title="Supervision checks case files",
        measure=Measure.CHECK,
        met="outstanding",
        not_met="requires_improvement",
        provenance=Provenance(Basis.VERIFIED, "reports"),
    )
    board = Criterion(
        id="board_challenge",
        title="The advisory board challenges leaders",
        measure=Measure.RATING,
    )
    return Framework(
        id="example_centres",
        title="Example children's centre framework",
        version="1.0",
        status="current",
        description="A small framework used in the documentation.",
        sources=(
            Source(
                "reports", "Published inspection reports, 2013-2015", "https://example.org/reports"
            ),
            Source("consultancy", "A consultancy's reading of inspection reports"),
        ),
        scale=scale,
        vocabulary=Vocabulary(
            quantifiers=(
                Quantifier("only a minority", 0.0, 0.49),
                Quantifier("a large majority", 0.65, 0.8, aliases=("the large majority",)),
            ),
            provenance=Provenance(Basis.MODELLED, note="Our reading of the words used in reports."),
        ),
        judgements=(
            Judgement(
                id="access",
                title="Access to services by young children and families",
                description="How well the centre reaches the families in its area.",
                criteria=(registration, gld_gap),
                aggregation=Aggregation(
                    Method.BEST_FIT,
                    share=0.5,
                    provenance=Provenance(
                        Basis.MODELLED,
                        note="Best fit, as inspectors weighed evidence in 2013-2015.",
                    ),
                ),
            ),
            Judgement(
                id="leadership",
                title="The effectiveness of leadership, governance and management",
                criteria=(supervision, board),
                aggregation=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
            ),
        ),
        overall=Aggregation(
            Method.RULES,
            provenance=Provenance(
                Basis.MODELLED, note="Consistent with every published grade combination."
            ),
            rules=(
                Rule("outstanding", minimum={"leadership": "outstanding"}, none_below="good"),
                Rule("good", none_below="good"),
                Rule("requires_improvement", none_below="requires_improvement"),
            ),
        ),
        caps=(
            Cap(
                id="supervision_limits_leadership",
                when="supervision_checks_case_files",
                not_met=True,
                limits="leadership",
                to="requires_improvement",
                description="Supervision that does not check case files is a safeguarding "
                "weakness.",
                provenance=MODELLED,
            ),
            Cap(
                id="leadership_limits_overall",
                when="leadership",
                at_or_below="inadequate",
                limits=OVERALL,
                to="inadequate",
                provenance=MODELLED,
            ),
        ),
    )


def requires_improvement_evidence() -> Evidence:
    """Evidence for `example_framework` that requires improvement, held down by one cap."""
    return Evidence(
        "example_centres",
        "Example centre",
        {
            "registration_rate": Entry("registration_rate", 406 / 700, counts=Counts(406, 700)),
            "gld_gap": Entry("gld_gap", 15.0),
            "supervision_checks_case_files": Entry("supervision_checks_case_files", False),
            "board_challenge": Entry("board_challenge", "good"),
        },
    )
