"""inspectkit: mock inspections against inspection frameworks written as TOML rubrics.

Load a framework, load a unit's evidence, assess it::

    import inspectkit

    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    evidence = inspectkit.load_evidence("examples/riverside.toml", framework=framework)
    assessment = inspectkit.assess(framework, evidence)
    print(assessment.overall.grade, assessment.gaps())
"""

# Importing the package runs almost nothing (issue 15: a fast start): every public name is read
# from its module the first time it is used (PEP 562's module ``__getattr__``), so a script that
# only assesses never loads what groups, batches, calibration or what-ifs need, and the command
# line imports only the command it runs. Type checkers and readers see the real imports below.

import sys as _sys

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from types import ModuleType

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

    __version__: str

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

_EXPORTS: dict[str, tuple[str, ...]] = {
    "inspectkit.batch": ("assess_table",),
    "inspectkit.calibration": ("calibrate",),
    "inspectkit.errors": (
        "ComparisonError",
        "EvidenceError",
        "FrameworkError",
        "FrameworkNotFoundError",
        "InspectkitError",
        "Issue",
        "MissingExtraError",
        "UnknownIdError",
    ),
    "inspectkit.evidence": (
        "NOT_APPLICABLE",
        "Counts",
        "Entry",
        "Evidence",
        "Finding",
        "FindingSign",
        "FindingWeight",
        "GivenGrade",
        "GroupEvidence",
        "Interval",
    ),
    "inspectkit.grades": ("Grade", "GradeScale"),
    "inspectkit.groups": ("assess_group",),
    "inspectkit.loading": (
        "FrameworkInfo",
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
    ),
    "inspectkit.progress": ("compare", "timeline"),
    # The models of groups, comparisons, calibrations and tables are `inspectkit.results`'
    # names too, defined in `inspectkit._results` (a plain assessment never loads them).
    "inspectkit.results": (
        "Assessment",
        "Change",
        "CriterionResult",
        "FiredCap",
        "Gap",
        "GapList",
        "JudgementResult",
        "LiftPlan",
        "Movement",
        "Status",
        "WhatIf",
    ),
    "inspectkit._results.calibration": (
        "Agreement",
        "Baseline",
        "CalibrationCase",
        "CalibrationReport",
        "Miss",
    ),
    "inspectkit._results.groups": ("GroupAssessment", "GroupGrade", "Inconsistency"),
    "inspectkit._results.progress": ("Comparison", "FrameworkChange", "Timeline"),
    "inspectkit._results.table": ("AssessmentTable",),
    "inspectkit.rubric": (
        "Criterion",
        "FindingsRule",
        "Framework",
        "GroupMethod",
        "Judgement",
        "MissingPolicy",
    ),
    "inspectkit.scenarios": ("what_if",),
    "inspectkit.scoring": ("assess",),
}
"""The module each public name is read from, the first time it is used."""

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def _registered_unrun(name: str) -> "ModuleType":
    """Return module *name*, put in `sys.modules` now but run only when an attribute is read.

    The old module names below must import the very module object of the new names, which an
    entry in `sys.modules` made at import gives; `importlib.util.LazyLoader` makes that entry
    without running the module (and all it imports) until someone uses it. The module is also
    the package's attribute, as an import would make it.
    """
    import importlib.util

    if name in _sys.modules:
        return _sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # pragma: no cover - the package's own module
        raise ModuleNotFoundError(name, name=name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    _sys.modules[name] = module
    spec.loader.exec_module(module)
    globals()[name.rpartition(".")[2]] = module
    return module


# The calibration module was called ``inspectkit.calibrate`` until the module and the function
# it exports shared a name, which made ``import inspectkit.calibrate as module`` give the function.
# The old name still imports the module (``from inspectkit.calibrate import summarise``).
_sys.modules.setdefault("inspectkit.calibrate", _registered_unrun("inspectkit.calibration"))
# The same for the what-if module, ``inspectkit.what_if`` until this release, now
# ``inspectkit.scenarios`` (``from inspectkit.what_if import assessment_what_if`` still works).
_sys.modules.setdefault("inspectkit.what_if", _registered_unrun("inspectkit.scenarios"))

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """Return the public *name*, importing its module on first use (PEP 562)."""
        module = _MODULE_OF.get(name)
        if module is not None:
            import importlib

            value = getattr(importlib.import_module(module), name)
            globals()[name] = value  # the next read finds it without calling this
            return value
        if name == "__version__":
            from importlib.metadata import version

            return version("inspectkit")
        if not name.startswith("_"):  # a submodule, as `inspectkit.rubric` was once imported
            import importlib

            try:
                return importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{__name__}.{name}":
                    raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        """Return the public names (imported or not), the submodules imported, and dunders.

        The helpers above are private to the import machinery, not the package's namespace.
        """
        shown = (
            name
            for name, value in globals().items()
            if name.startswith("__") or isinstance(value, type(_sys))
        )
        return sorted({*shown, *__all__})
