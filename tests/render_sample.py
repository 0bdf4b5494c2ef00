"""A small framework and a hand-built assessment for renderer tests that do not need the engine.

The assessment is built field by field, so renderer tests pin what the renderers do with a known
result, whatever the scoring engine decides.
"""

from __future__ import annotations

import datetime

from frameworks_for_tests import four_grade_scale
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry, Evidence, Interval
from inspectkit.results import Assessment, CriterionResult, FiredCap, JudgementResult, Status
from inspectkit.rubric import (
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Direction,
    Framework,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Provenance,
    Quantifier,
    Source,
    Threshold,
    Vocabulary,
)

MODELLED = Provenance(Basis.MODELLED, note="our inference")
THIRD = Provenance(Basis.THIRD_PARTY, source="consultancy", note="the 65% reach claim")
VERIFIED = Provenance(Basis.VERIFIED, source="handbook")

SCALE = four_grade_scale()


def _thresholds(outstanding: float, good: float, ri: float) -> tuple[Threshold, ...]:
    return (
        Threshold("outstanding", outstanding, MODELLED),
        Threshold("good", good, THIRD),
        Threshold("requires_improvement", ri, MODELLED),
    )


def make_framework(title_suffix: str = "") -> Framework:
    """Return a two-judgement framework with one criterion of each measure and a cap."""
    access = Judgement(
        id="access",
        title="Access to services" + title_suffix,
        criteria=(
            Criterion(
                id="registration_rate",
                title="Registration of young children",
                measure=Measure.PROPORTION,
                thresholds=_thresholds(0.9, 0.8, 0.6),
                evidence="Centre database: registered under-fives / under-fives in the area.",
            ),
            Criterion(
                id="sustained_contact",
                title="Sustained contact of target families",
                measure=Measure.PROPORTION,
                thresholds=_thresholds(0.8, 0.65, 0.4),
                actions=("Follow up every registered target family within a month.",),
            ),
            Criterion(
                id="gld_gap",
                title="Gap in good level of development",
                measure=Measure.QUANTITY,
                direction=Direction.LOWER,
                unit="percentage points",
                thresholds=_thresholds(5, 10, 15),
                evidence="EYFS profile results for the reach area.",
            ),
        ),
        aggregation=Aggregation(Method.BEST_FIT, share=0.5, provenance=MODELLED),
    )
    leadership = Judgement(
        id="leadership",
        title="Leadership and management",
        criteria=(
            Criterion(
                id="supervision_checks",
                title="Supervision checks case files",
                measure=Measure.CHECK,
                met="good",
                not_met="requires_improvement",
                provenance=VERIFIED,
            ),
            Criterion(
                id="board_challenge",
                title="Advisory board challenges the centre",
                measure=Measure.RATING,
                provenance=MODELLED,
            ),
            Criterion(
                id="data_use",
                title="Use of data",
                measure=Measure.RATING,
            ),
        ),
        aggregation=Aggregation(Method.SECURE_FIT, provenance=VERIFIED),
    )
    return Framework(
        id="sample",
        title="Sample children's centres framework",
        version="1.0",
        scale=SCALE,
        judgements=(access, leadership),
        overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        caps=(
            Cap(
                id="supervision_limits_leadership",
                when="supervision_checks",
                not_met=True,
                limits="leadership",
                to="requires_improvement",
                provenance=Provenance(Basis.SECONDARY, note="reported in a published letter"),
                description="Supervision that does not check case files limits leadership to RI",
            ),
        ),
        vocabulary=Vocabulary((Quantifier("a majority", 0.5, 0.8),), provenance=MODELLED),
        sources=(
            Source("handbook", "Inspection handbook"),
            Source("consultancy", "A consultancy's guide"),
        ),
    )


def make_assessment(unit: str = "Riverside Children's Centre", note: str = "") -> Assessment:
    """Return a hand-built assessment of `make_framework` predicting Requires improvement."""
    framework = make_framework()
    g = SCALE.find
    date = datetime.date(2026, 9, 30)
    entries = {
        "registration_rate": Entry("registration_rate", 0.84, source="LA data", note=note),
        "sustained_contact": Entry(
            "sustained_contact", 412 / 702, counts=Counts(412, 702), source="Centre database"
        ),
        "gld_gap": Entry("gld_gap", 12.5),
        "supervision_checks": Entry("supervision_checks", False),
        "board_challenge": Entry("board_challenge", Interval(0.5, 0.7, "a majority")),
        "data_use": Entry("data_use", NOT_APPLICABLE),
    }
    entries["board_challenge"] = Entry("board_challenge", "requires_improvement", text="RI")
    entries.pop("gld_gap")
    evidence = Evidence(framework="sample", unit=unit, entries=entries, date=date)
    fw = framework
    thr = fw.criterion("registration_rate").threshold("good")
    sc_thr = fw.criterion("sustained_contact").threshold("requires_improvement")
    criteria = {
        "registration_rate": CriterionResult(
            "registration_rate",
            "access",
            Status.EXACT,
            g("good"),
            g("good"),
            g("good"),
            entries["registration_rate"],
            thr,
            "registration 84% >= 80% needed for Good",
        ),
        "sustained_contact": CriterionResult(
            "sustained_contact",
            "access",
            Status.EXACT,
            g("RI"),
            g("RI"),
            g("RI"),
            entries["sustained_contact"],
            sc_thr,
            "sustained contact 58.7% < 65% needed for Good",
        ),
        "gld_gap": CriterionResult(
            "gld_gap",
            "access",
            Status.ABSENT,
            g("inadequate"),
            g("outstanding"),
            g("inadequate"),
            None,
            None,
            "no evidence: counted as Inadequate",
        ),
        "supervision_checks": CriterionResult(
            "supervision_checks",
            "leadership",
            Status.EXACT,
            g("RI"),
            g("RI"),
            g("RI"),
            entries["supervision_checks"],
            None,
            "check not met: Requires improvement",
        ),
        "board_challenge": CriterionResult(
            "board_challenge",
            "leadership",
            Status.EXACT,
            g("RI"),
            g("RI"),
            g("RI"),
            entries["board_challenge"],
            None,
            "rated Requires improvement",
        ),
        "data_use": CriterionResult(
            "data_use",
            "leadership",
            Status.NOT_APPLICABLE,
            None,
            None,
            None,
            entries["data_use"],
            None,
            "not applicable",
        ),
    }
    cap = fw.caps[0]
    fired = FiredCap(cap, g("RI"), g("good"), "supervision not met: leadership limited to RI")
    access = JudgementResult(
        "access",
        fw.judgements[0].title,
        g("good"),
        g("good"),
        g("RI"),
        g("good"),
        2 / 3,
        (),
        ("registration_rate", "sustained_contact", "gld_gap"),
        "best fit: half at Good or better",
    )
    leadership = JudgementResult(
        "leadership",
        fw.judgements[1].title,
        g("RI"),
        g("RI"),
        g("RI"),
        g("RI"),
        1.0,
        (fired,),
        ("supervision_checks", "board_challenge"),
        "secure fit: weakest is RI",
    )
    overall = JudgementResult(
        "overall",
        fw.overall_title,
        g("RI"),
        g("good"),
        g("RI"),
        g("RI"),
        0.8,
        (),
        ("access", "leadership"),
        "secure fit: weakest judgement is RI",
    )
    return Assessment(
        framework=fw,
        evidence=evidence,
        missing=MissingPolicy.WORST,
        overall=overall,
        judgements={"access": access, "leadership": leadership},
        criteria=criteria,
        coverage=0.8,
    )
