"""inspectkit: mock inspections against inspection frameworks written as TOML rubrics.

Load a framework, load a unit's evidence, assess it::

    import inspectkit

    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    evidence = inspectkit.load_evidence("examples/riverside.toml", framework=framework)
    assessment = inspectkit.assess(framework, evidence)
    print(assessment.overall.grade, assessment.gaps())
"""

import sys as _sys

from inspectkit import calibration as _calibration
from inspectkit import scenarios as _scenarios
from inspectkit.batch import assess_table
from inspectkit.calibration import calibrate
from inspectkit.errors import (
    ComparisonError,
    EvidenceError,
    FrameworkError,
    FrameworkNotFoundError,
    InspectkitError,
    Issue,
    MissingExtraError,
    UnknownIdError,
)
from inspectkit.evidence import (
    NOT_APPLICABLE,
    Counts,
    Entry,
    Evidence,
    Finding,
    FindingSign,
    FindingWeight,
    GivenGrade,
    GroupEvidence,
    Interval,
)
from inspectkit.grades import Grade, GradeScale
from inspectkit.groups import assess_group
from inspectkit.loading import (
    FrameworkInfo,
    evidence_from_values,
    evidence_schema,
    evidence_template,
    list_frameworks,
    load_evidence,
    load_evidence_table,
    load_framework,
    load_group,
    loads_evidence,
    loads_framework,
    loads_group,
    parse_cli_value,
    parse_entry,
    parse_evidence,
    parse_framework,
    parse_group,
    read_limits,
)
from inspectkit.progress import compare, timeline
from inspectkit.results import (
    Agreement,
    Assessment,
    AssessmentTable,
    Baseline,
    CalibrationCase,
    CalibrationReport,
    Change,
    Comparison,
    CriterionResult,
    FiredCap,
    FrameworkChange,
    Gap,
    GapList,
    GroupAssessment,
    GroupGrade,
    Inconsistency,
    JudgementResult,
    LiftPlan,
    Miss,
    Movement,
    Status,
    Timeline,
    WhatIf,
)
from inspectkit.rubric import (
    Criterion,
    FindingsRule,
    Framework,
    GroupMethod,
    Judgement,
    MissingPolicy,
)
from inspectkit.scenarios import what_if
from inspectkit.scoring import assess

__all__ = [
    "NOT_APPLICABLE",
    "Agreement",
    "Assessment",
    "AssessmentTable",
    "Baseline",
    "CalibrationCase",
    "CalibrationReport",
    "Change",
    "Comparison",
    "ComparisonError",
    "Counts",
    "Criterion",
    "CriterionResult",
    "Entry",
    "Evidence",
    "EvidenceError",
    "Finding",
    "FindingSign",
    "FindingWeight",
    "FindingsRule",
    "FiredCap",
    "Framework",
    "FrameworkChange",
    "FrameworkError",
    "FrameworkInfo",
    "FrameworkNotFoundError",
    "Gap",
    "GapList",
    "GivenGrade",
    "Grade",
    "GradeScale",
    "GroupAssessment",
    "GroupEvidence",
    "GroupGrade",
    "GroupMethod",
    "Inconsistency",
    "InspectkitError",
    "Interval",
    "Issue",
    "Judgement",
    "JudgementResult",
    "LiftPlan",
    "Miss",
    "MissingExtraError",
    "MissingPolicy",
    "Movement",
    "Status",
    "Timeline",
    "UnknownIdError",
    "WhatIf",
    "assess",
    "assess_group",
    "assess_table",
    "calibrate",
    "compare",
    "evidence_from_values",
    "evidence_schema",
    "evidence_template",
    "list_frameworks",
    "load_evidence",
    "load_evidence_table",
    "load_framework",
    "load_group",
    "loads_evidence",
    "loads_framework",
    "loads_group",
    "parse_cli_value",
    "parse_entry",
    "parse_evidence",
    "parse_framework",
    "parse_group",
    "read_limits",
    "timeline",
    "what_if",
]


# The calibration module was called ``inspectkit.calibrate`` until the module and the function
# it exports shared a name, which made ``import inspectkit.calibrate as module`` give the function.
# The old name still imports the module (``from inspectkit.calibrate import summarise``).
_sys.modules.setdefault("inspectkit.calibrate", _calibration)
# The same for the what-if module, ``inspectkit.what_if`` until this release, now
# ``inspectkit.scenarios`` (``from inspectkit.what_if import assessment_what_if`` still works).
_sys.modules.setdefault("inspectkit.what_if", _scenarios)


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("inspectkit")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
