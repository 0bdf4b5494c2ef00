"""Calibration: does a framework predict the grades inspectors actually published?

`calibrate` assesses a set of cases (one evidence file per inspected unit) and compares each
prediction with the published grade, judgement by judgement and overall::

    report = inspectkit.calibrate(
        "ofsted_childrens_centres_2014",
        "tests/calibration/childrens-centres",            # a directory: its *.toml files
        outcomes="tests/calibration/childrens-centres/outcomes.csv",
        missing="exclude",
    )
    report.overall.exact_share, report.overall.baseline_exact_share

The published grades come from an outcomes table (``id, overall, <judgement ids>``, matched to
evidence files by file stem; see `inspectkit.loading._outcomes`) or from the ``[outcome]`` table
of each evidence file. ``[outcome]`` is only ever read here: the assessment never sees it.

Why figures come with a baseline: on a set where most units got one grade, always answering
that grade already scores well. A framework is only worth its rules if it beats that constant,
so every figure is shown next to the commonest-grade baseline scored the same way. Why cases
that cannot be compared are listed, not dropped: a calibration that silently skips the files
it could not match overstates itself; the report names them (`CalibrationReport.no_evidence`,
`CalibrationReport.no_outcome`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from inspectkit.errors import EvidenceError, InspectkitError, Issue
from inspectkit.evidence import Evidence
from inspectkit.grades import Grade
from inspectkit.loading import load_evidence
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector
from inspectkit.loading._outcomes import read_outcome_table
from inspectkit.results import (
    POOLED,
    Agreement,
    Assessment,
    Baseline,
    CalibrationCase,
    CalibrationReport,
    Miss,
    Status,
)
from inspectkit.rubric import OVERALL, Framework, MissingPolicy
from inspectkit.scoring import assess, resolve_policy

__all__ = ["CaseSource", "calibrate", "case_files"]

CaseSource = "str | os.PathLike[str] | Evidence"
"""What one case may be given as: an evidence file's path, or loaded `Evidence`."""

POOLED_TITLE = "Key judgements (pooled)"
"""The title of the pooled agreement over all judgements."""


def case_files(directory: str | os.PathLike[str]) -> list[Path]:
    """Return the evidence files of a case directory: its ``*.toml`` files, sorted by name."""
    return sorted(Path(directory).glob("*.toml"))


def calibrate(
    framework: Framework | str | os.PathLike[str],
    cases: Any,
    *,
    outcomes: Any = None,
    missing: MissingPolicy | str | None = None,
) -> CalibrationReport:
    """Assess every case and compare the predictions with the published grades.

    Args:
        framework: The framework: a `Framework`, a bundled id or a path.
        cases: The cases: a directory (its ``*.toml`` files), an iterable of evidence paths
            or `Evidence` (each case's id is its file's stem), or a mapping of case id ->
            path or `Evidence`.
        outcomes: The published grades: a CSV path, an iterable of row mappings or a pandas
            DataFrame, with columns ``id``, ``overall`` and judgement ids (other columns are
            kept as case attributes; an empty cell means not published). Without it, each
            evidence file's ``[outcome]`` table gives its grades. With both, a grade given in
            both places must agree.
        missing: How absent evidence counts: ``worst``, ``exclude`` or ``error`` (default: the
            framework's policy). For published reports ``exclude`` is usually right: a report's
            silence means "not said", not "not demonstrated".

    Returns:
        The `CalibrationReport`.

    Raises:
        EvidenceError: Every problem at once: an evidence file that does not load, a case
            without an id, an id given twice, an outcomes cell that is not a grade, a grade
            that the table and the file's ``[outcome]`` give differently.
        TypeError: *cases* or *outcomes* is not one of the forms above.
    """
    resolved = resolve_framework(framework)
    policy = resolve_policy(resolved, missing)
    issues = IssueCollector()  # the first MAX_ISSUES listed, every one counted
    loaded = _load_cases(resolved, _case_sources(cases), issues)
    rows = []
    if outcomes is not None:
        try:
            rows = read_outcome_table(outcomes, resolved)
        except EvidenceError as error:
            issues.extend(error.issues or (Issue("", "unreadable", error.summary),))
    table = {row.id: row for row in rows}
    compared: list[CalibrationCase] = []
    no_outcome: list[str] = []
    for case_id, evidence in sorted(loaded.items()):
        row = table.get(case_id)
        published = dict(evidence.outcome)
        if row is not None:
            for target, grade in row.grades.items():
                own = published.get(target)
                if own is not None and own != grade:
                    issues.append(
                        Issue(
                            f"row {row.row}, column {target}",
                            "outcome-conflict",
                            f"the table gives {case_id!r} {grade!r} but its evidence file's "
                            f"[outcome] gives {own!r}",
                            hint="correct one of them",
                            file=os.fspath(outcomes)
                            if isinstance(outcomes, (str, os.PathLike))
                            else None,
                        )
                    )
                published[target] = grade
        if not published:
            no_outcome.append(case_id)
            continue
        compared.append(
            CalibrationCase(
                id=case_id,
                published={target: resolved.grade(grade) for target, grade in published.items()},
                attributes=dict(row.attributes) if row is not None else {},
                assessment=_assess(resolved, evidence, policy, issues),
            )
        )
    if issues:
        noun = "problem" if len(issues) == 1 else "problems"
        raise EvidenceError(f"the calibration cases have {len(issues)} {noun}", issues.listed())
    no_evidence = sorted(row.id for row in rows if row.id not in loaded)
    return summarise(resolved, policy, compared, no_evidence=no_evidence, no_outcome=no_outcome)


def _case_sources(cases: Any) -> list[tuple[str | None, Any]]:
    """The cases as (id or ``None`` to take the file's stem, path or `Evidence`)."""
    if isinstance(cases, (str, os.PathLike)):
        path = Path(cases)
        return [(None, file) for file in case_files(path)] if path.is_dir() else [(None, path)]
    if isinstance(cases, Evidence):
        return [(None, cases)]
    if isinstance(cases, Mapping):
        return [(str(key), value) for key, value in cases.items()]
    if isinstance(cases, bytes) or not isinstance(cases, Iterable):
        raise TypeError(
            "cases must be a directory, an iterable of evidence paths or Evidence, or a "
            f"mapping of case id -> path or Evidence, not {type(cases).__name__}"
        )
    return [(None, case) for case in cases]


def _load_cases(
    framework: Framework, sources: Sequence[tuple[str | None, Any]], issues: IssueCollector
) -> dict[str, Evidence]:
    """Load each case's evidence, keyed by case id; problems go to *issues*."""
    loaded: dict[str, Evidence] = {}
    for given, source in sources:
        if isinstance(source, Evidence):
            evidence = source
            file = source.file
        elif isinstance(source, (str, os.PathLike)):
            file = os.fspath(source)
            try:
                evidence = load_evidence(file, framework=framework)
            except EvidenceError as error:
                issues.extend(error.issues or (Issue("", "unreadable", error.summary, file=file),))
                evidence = None
        else:
            raise TypeError(
                f"a case must be an evidence path or Evidence, not {type(source).__name__}"
            )
        case_id = given if given is not None else (Path(file).stem if file else None)
        if case_id is None:
            issues.append(
                Issue(
                    "",
                    "missing-id",
                    f"the evidence for {source.unit!r} has no file to take a case id from",
                    hint="pass the cases as a mapping of case id -> evidence",
                )
            )
            continue
        if case_id in loaded:
            issues.append(
                Issue(
                    "",
                    "duplicate-id",
                    f"two cases have the id {case_id!r}",
                    hint="give each case its own file name (or key)",
                    file=file,
                )
            )
            continue
        if evidence is not None:
            loaded[case_id] = evidence
    return loaded


def _assess(
    framework: Framework, evidence: Evidence, policy: MissingPolicy, issues: IssueCollector
) -> Assessment:
    try:
        return assess(framework, evidence, missing=policy)
    except InspectkitError as error:  # missing="error" with absent evidence, for one
        issues.extend(
            error.issues or (Issue("", "bad-evidence", error.summary, file=evidence.file),)
        )
        return assess(framework, evidence, missing=MissingPolicy.EXCLUDE)


def summarise(
    framework: Framework,
    missing: MissingPolicy,
    cases: Sequence[CalibrationCase],
    *,
    no_evidence: Sequence[str] = (),
    no_outcome: Sequence[str] = (),
) -> CalibrationReport:
    """Score assessed cases against their published grades (`calibrate` after loading).

    Args:
        framework: The framework the cases were assessed against.
        missing: The missing-evidence policy they were assessed with.
        cases: The cases, each with its assessment and published grades.
        no_evidence: Ids of outcomes that had no evidence.
        no_outcome: Ids of evidence that had no published grade.

    Returns:
        The report, its figures computed from *cases* alone.
    """
    ordered = tuple(sorted(cases, key=lambda case: case.id))
    targets = [OVERALL, *(judgement.id for judgement in framework.judgements)]
    titles = {OVERALL: framework.overall_title}
    titles.update({judgement.id: judgement.title for judgement in framework.judgements})
    pairs = {target: _pairs(ordered, target) for target in targets}
    misses: list[Miss] = []
    ungraded: list[Miss] = []
    for case in ordered:
        for target in targets:
            published = case.published.get(target)
            if published is None:
                continue
            predicted = case.predicted(target)
            if predicted == published:
                continue
            miss = _miss(case, target, published)
            (ungraded if predicted is None else misses).append(miss)
    pooled = [pair for target in targets[1:] for pair in pairs[target]]
    return CalibrationReport(
        framework=framework,
        missing=missing,
        cases=ordered,
        overall=agreement(framework, OVERALL, titles[OVERALL], pairs[OVERALL]),
        judgements={
            target: agreement(framework, target, titles[target], pairs[target])
            for target in targets[1:]
        },
        pooled=agreement(framework, POOLED, POOLED_TITLE, pooled),
        misses=tuple(misses),
        ungraded=tuple(ungraded),
        no_evidence=tuple(no_evidence),
        no_outcome=tuple(no_outcome),
    )


def _pairs(cases: Sequence[CalibrationCase], target: str) -> list[tuple[Grade, Grade | None]]:
    """(published, predicted) for each case that has a published grade for *target*."""
    return [
        (case.published[target], case.predicted(target))
        for case in cases
        if target in case.published
    ]


def _near(a: Grade, b: Grade | None) -> bool:
    return b is not None and abs(a.rank - b.rank) <= 1


def agreement(
    framework: Framework,
    target: str,
    title: str,
    pairs: Sequence[tuple[Grade, Grade | None]],
) -> Agreement:
    """Score (published, predicted) pairs into an `Agreement` with its baseline.

    Args:
        framework: The framework whose scale the grades are on.
        target: The target's name.
        title: The target's title.
        pairs: One (published grade, predicted grade or ``None``) per case.

    Returns:
        The figures, the confusion matrix and the commonest-grade baseline.
    """
    size = len(framework.scale)
    matrix = [[0] * (size + 1) for _ in range(size)]
    for published, predicted in pairs:
        matrix[published.rank][size if predicted is None else predicted.rank] += 1
    totals = [sum(row) for row in matrix]
    commonest = None
    if pairs:
        # max keeps the first of equal counts: the better grade, so the baseline is stable.
        commonest = framework.scale[max(range(size), key=lambda rank: totals[rank])]
    baseline = Baseline(
        grade=commonest,
        exact=sum(1 for published, _ in pairs if published == commonest),
        within_one=sum(1 for published, _ in pairs if commonest and _near(published, commonest)),
    )
    return Agreement(
        target=target,
        title=title,
        n=len(pairs),
        exact=sum(1 for published, predicted in pairs if published == predicted),
        within_one=sum(1 for published, predicted in pairs if _near(published, predicted)),
        ungraded=sum(1 for _, predicted in pairs if predicted is None),
        matrix=tuple(tuple(row) for row in matrix),
        baseline=baseline,
    )


def _miss(case: CalibrationCase, target: str, published: Grade) -> Miss:
    assessment = case.assessment
    framework = assessment.framework
    result = assessment.overall if target == OVERALL else assessment.judgements[target]
    reasons = [result.reason, *(fired.reason for fired in result.caps)]
    if target == OVERALL:
        for member in assessment.judgements.values():
            grade = member.grade.label if member.grade else "not graded"
            reasons.append(f"{member.title}: {grade} ({member.reason})")
    else:
        for criterion_id in result.members:
            found = assessment.criteria[criterion_id]
            if found.status in (Status.ABSENT, Status.NOT_APPLICABLE) or found.grade is None:
                continue
            reasons.append(f"{framework.criterion(criterion_id).title}: {found.reason}")
    return Miss(
        case=case.id,
        target=target,
        published=published,
        predicted=result.grade,
        best=result.best,
        worst=result.worst,
        reasons=tuple(reasons),
    )
