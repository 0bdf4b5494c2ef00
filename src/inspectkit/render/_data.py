r"""Every result as plain data: dicts for JSON, flat records, CSV and pandas DataFrames.

Each result type has a ``*_to_dict`` (the JSON layout, with ``schema_version``) and a
``*_to_records`` (flat rows for spreadsheets and DataFrames, with a ``*_FIELDS`` tuple naming the
columns in order). `records_to_csv` and `records_to_dataframe` turn any of them into CSV text or
a DataFrame, and `to_json` writes any of the dicts.

One JSON policy, for every result (an assessment, a group, a comparison, a timeline):

- keys sorted, so the same result always gives the same bytes whatever order a dict was built
  in (lists keep the framework's order: judgements, criteria, members);
- UTF-8 text as it is (``ensure_ascii=False``): a unit named *Crèche* stays readable;
- indented by two spaces by default; ``indent=None`` gives one line with the `json` module's
  default separators (``", "`` and ``": "``);
- absent values (no grade, no date, no evidence) are ``null``; dates are ISO 8601 strings
  (``"2026-06-30"``); grades are their ids; shares are numbers from 0 to 1;
- NaN and infinities are never written (``allow_nan=False``): the models refuse them on the way
  in, so one here is a bug and raises rather than produce text that is not JSON.

`SCHEMA_VERSION` is the version of every layout here; it is raised when a field changes meaning
or goes. `inspectkit.schema` serves the JSON Schema of each layout (``inspectkit schema result``,
``group``, ``comparison``, ``timeline``).

Records follow the same rules where they overlap with JSON: grades are ids and a missing date is
``None``, in every result's records. CSV is deterministic: ``\n`` line ends, ``None`` as an
empty cell, booleans as ``true`` / ``false``, floats in their shortest round-tripping form.
pandas is imported only inside `records_to_dataframe`.

CSV is made safe to open in a spreadsheet (OWASP's advice on CSV injection): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so
Excel or LibreOffice shows it as text rather than running it as a formula (a unit named
``=HYPERLINK("http://x","y")`` stays a name). Only text is touched: the records hold numbers
as Python numbers, and a number, however negative, is written as it is (``-2.5``), so the
cells a spreadsheet should compute with stay numbers. Text that merely looks like a negative
number (a note reading ``-5``) is text and is neutralised. `neutralise_formula` is the one
rule, for every CSV inspectkit writes; ``keep_formulas=True`` turns it off, for a reader that
wants the exact strings and opens the file with a CSV parser rather than a spreadsheet.
DataFrames are data, not files: `records_to_dataframe` keeps every string exact.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from inspectkit._words import grade_id
from inspectkit.evidence import (
    NOT_APPLICABLE,
    Entry,
    Finding,
    GradeRange,
    Interval,
    NotApplicable,
    Value,
)
from inspectkit.grades import Grade
from inspectkit.render._common import (
    WHAT_IF_NOTE,
    absent_text,
    finding_label,
    format_value,
    member_value,
    movement_value_text,
    plan_framework,
    plan_step_lines,
)
from inspectkit.results import (
    Assessment,
    CriterionResult,
    FindingsResult,
    FiredCap,
    Gap,
    JudgementResult,
    LiftPlan,
)
from inspectkit.rubric import OVERALL, Framework, Provenance, Threshold

if TYPE_CHECKING:
    # Annotations only: the group, progress and calibration models load on first use (see
    # inspectkit.results), so writing one assessment's records does not define them.
    from inspectkit.results import (
        Agreement,
        AssessmentTable,
        CalibrationCase,
        CalibrationReport,
        Comparison,
        GroupAssessment,
        GroupGrade,
        Miss,
        Movement,
        StatusResult,
        Timeline,
        WhatIf,
    )
    from inspectkit.rubric import StatusLevel

__all__ = [
    "BATCH_FIELDS",
    "CALIBRATION_FIELDS",
    "COMPARISON_FIELDS",
    "FORMULA_STARTS",
    "GROUP_FIELDS",
    "RECORD_FIELDS",
    "SCHEMA_VERSION",
    "TARGET_FIELDS",
    "WHAT_IF_FIELDS",
    "WHAT_IF_SCENARIO",
    "assessment_records",
    "assessment_to_dict",
    "calibration_fields",
    "calibration_to_dict",
    "calibration_to_records",
    "comparison_to_dict",
    "comparison_to_records",
    "gap_to_dict",
    "group_to_dict",
    "group_to_records",
    "neutralise_formula",
    "plan_to_dict",
    "record_fields",
    "record_fields_for",
    "records_to_csv",
    "records_to_dataframe",
    "result_grades",
    "table_fields",
    "table_records",
    "target_to_dict",
    "timeline_to_dict",
    "timeline_to_records",
    "to_json",
    "value_to_data",
    "what_if_records",
    "what_if_to_dict",
]

Record = dict[str, Any]

SCHEMA_VERSION = 1
"""The version of every JSON layout here; raised when a field changes meaning or goes."""


def to_json(data: Mapping[str, Any], *, indent: int | None = 2) -> str:
    """Return a result's dict as JSON text under the one policy of the module docstring.

    Args:
        data: What a ``*_to_dict`` function (or a result's ``to_dict``) returned.
        indent: Spaces per level, or ``None`` for one line.

    Raises:
        ValueError: *data* holds a NaN or an infinity (the models never do).
    """
    return json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False, allow_nan=False)


def _date(date: datetime.date | None) -> str | None:
    """A date as data and in records: ISO 8601 text, or ``None`` when there is none."""
    return None if date is None else date.isoformat()


# --- Assessments ------------------------------------------------------------------------------


def value_to_data(value: Value | None) -> Any:
    """Return an evidence value as JSON-able data.

    Numbers, checks and rating grade ids stay as they are; an `Interval` becomes
    ``{"low", "high", "word"}``; not applicable becomes ``"not_applicable"``; absent is
    ``None``.
    """
    if isinstance(value, Interval):
        return {"low": value.low, "high": value.high, "word": value.word}
    if isinstance(value, NotApplicable):
        return value.value
    return value


def _entry(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    data: dict[str, Any] = {"value": value_to_data(entry.value)}
    if entry.counts is not None:
        data["counts"] = {
            "numerator": entry.counts.numerator,
            "denominator": entry.counts.denominator,
        }
    if entry.text is not None:
        data["text"] = entry.text
    if entry.source:
        data["source"] = entry.source
    if entry.date is not None:
        data["date"] = entry.date.isoformat()
    if entry.note:
        data["note"] = entry.note
    return data


def _threshold(threshold: Threshold | None) -> dict[str, Any] | None:
    if threshold is None:
        return None
    return {
        "grade": threshold.grade,
        "value": threshold.value,
        "basis": threshold.provenance.basis.value,
    }


def _cap(fired: FiredCap) -> dict[str, Any]:
    return {
        "id": fired.cap.id,
        "when": fired.cap.when,
        "limits": fired.cap.limits,
        "to": fired.cap.to,
        "trigger": fired.trigger.id,
        "before": fired.before.id,
        "basis": fired.cap.provenance.basis.value,
        "reason": fired.reason,
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """Return one finding as JSON-able data."""
    return {
        "judgements": list(finding.judgements),
        "sign": finding.sign.value,
        "weight": finding.weight.value,
        "text": finding.text,
        "criterion": finding.criterion,
        "source": finding.source,
        "date": _date(finding.date),
        "note": finding.note,
    }


def _findings_result(result: FindingsResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    limit = result.limit
    support = result.supported_by
    return {
        "ceiling": grade_id(result.ceiling),
        "support": grade_id(result.support),
        "criteria": grade_id(result.criteria),
        "limit": None
        if limit is None
        else {
            "weakness": limit.weakness.value,
            "count": limit.count,
            "to": limit.to,
            "basis": limit.provenance.basis.value,
        },
        "supported_by": None
        if support is None
        else {
            "strength": support.strength.value,
            "count": support.count,
            "grade": support.grade,
            "basis": support.provenance.basis.value,
        },
        "holds": result.holds,
        "reason": result.reason,
    }


def _given(result: JudgementResult) -> dict[str, Any]:
    # Written only for a judgement whose grade the evidence gave, so other output is unchanged.
    given = result.given
    if given is None:
        return {}
    return {
        "given": {
            "grade": value_to_data(given.grade),
            "source": given.source,
            "note": given.note,
            "computed": grade_id(result.computed),
        }
    }


def _judgement(result: JudgementResult) -> dict[str, Any]:
    data = _judgement_core(result)
    # Only a judgement that depends on a provision (or a date) has these keys, so other
    # reports are byte for byte what they were.
    if result.absent_text:
        data["not_applicable"] = result.absent_text
    if result.provision_unstated:
        data["provision_not_stated"] = result.provision_unstated
    # Only a judgement with findings has the keys, so reports of evidence without findings are
    # byte for byte what they were before findings existed.
    if result.findings:
        data["findings"] = [finding_to_dict(finding) for finding in result.findings]
        data["findings_result"] = _findings_result(result.findings_result)
    return data


def _judgement_core(result: JudgementResult) -> dict[str, Any]:
    return {
        **_given(result),
        "id": result.id,
        "title": result.title,
        "grade": grade_id(result.grade),
        "best": grade_id(result.best),
        "worst": grade_id(result.worst),
        "uncapped": grade_id(result.uncapped),
        "coverage": result.coverage,
        "members": list(result.members),
        "caps": [_cap(fired) for fired in result.caps],
        "reason": result.reason,
    }


def _criterion(result: CriterionResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "judgement": result.judgement,
        "status": result.status.value,
        "grade": grade_id(result.grade),
        "best": grade_id(result.best),
        "worst": grade_id(result.worst),
        "value": value_to_data(result.entry.value if result.entry else None),
        "evidence": _entry(result.entry),
        "threshold": _threshold(result.threshold),
        "reason": result.reason,
    }


def assessment_to_dict(
    assessment: Assessment, *, target: Grade | str | int | None = None
) -> dict[str, Any]:
    """Return *assessment* as JSON-able data (see the module docstring).

    Args:
        assessment: The assessment.
        target: With a grade, a ``target`` key holds the ranked gaps to it and the lift plan
            (`target_to_dict`); without one the data is as it always was.
    """
    framework = assessment.framework
    evidence = assessment.evidence
    data = {
        "schema_version": SCHEMA_VERSION,
        "framework": {"id": framework.id, "version": framework.version, "title": framework.title},
        "unit": evidence.unit,
        "kind": evidence.kind,
        "date": _date(evidence.date),
        "missing": assessment.missing.value,
        "coverage": assessment.coverage,
        # A framework with no overall grade writes null: no grade, and no reason for one.
        "overall": _judgement(assessment.overall) if framework.has_overall else None,
        "judgements": [_judgement(result) for result in assessment.judgements.values()],
        "criteria": [_criterion(result) for result in assessment.criteria.values()],
    }
    if framework.statuses:
        data["statuses"] = {
            status_id: _status(result) for status_id, result in assessment.statuses.items()
        }
    if evidence.source:
        data["source"] = evidence.source
    # Written only for evidence that states provisions, or had something set aside, so other
    # reports are byte for byte what they were.
    if evidence.provisions:
        data["provision"] = dict(evidence.provisions)
    if evidence.warnings:
        data["warnings"] = [
            {"path": w.path, "code": w.code, "message": w.message, "line": w.line}
            for w in evidence.warnings
        ]
    if target is not None:
        data["target"] = target_to_dict(assessment, target)
    return data


def gap_to_dict(gap: Gap) -> dict[str, Any]:
    """Return one gap as JSON-able data: every field of `inspectkit.Gap`, grades as ids."""
    return {
        "criterion": gap.criterion,
        "title": gap.title,
        "judgement": gap.judgement,
        "grade": grade_id(gap.grade),
        "value": value_to_data(gap.value),
        "required": gap.required.id,
        "need": gap.need,
        "target_value": gap.target_value,
        "distance": gap.distance,
        "more": gap.more,
        "of": gap.of,
        "absent": gap.absent,
        "blocking": gap.blocking,
        "caps": list(gap.caps),
        "in_plan": gap.in_plan,
        "lifts_judgement": gap.lifts_judgement,
        "lifts_overall": gap.lifts_overall,
        "steps": gap.steps,
    }


def plan_to_dict(plan: LiftPlan) -> dict[str, Any]:
    """Return a lift plan as JSON-able data; each change with its title and words."""
    steps = plan_step_lines(plan)
    framework = plan_framework(plan)
    changes = []
    for change, (_, words) in zip(plan.changes, steps, strict=True):
        title = framework.criterion(change.criterion).title if framework else change.criterion
        changes.append(
            {
                "criterion": change.criterion,
                "title": title,
                "judgement": change.judgement,
                "before": grade_id(change.before),
                "after": change.after.id,
                "steps": change.steps,
                "value": change.value,
                "words": words,
            }
        )
    return {
        "scope": plan.scope,
        "target": plan.target.id,
        "before": grade_id(plan.before),
        "after": grade_id(plan.after),
        "reachable": plan.reachable,
        "minimal": plan.minimal,
        "reason": plan.reason,
        "changes": changes,
    }


def target_to_dict(assessment: Assessment, target: Grade | str | int) -> dict[str, Any]:
    """Return the ranked gaps to *target* and the lift plan to it, as JSON-able data."""
    gaps = assessment.gaps(target)
    goal = gaps.target
    assert goal is not None  # find_gaps always resolves its target
    return {
        "grade": goal.id,
        "gaps": [gap_to_dict(gap) for gap in gaps],
        "lift_plan": plan_to_dict(assessment.lift_plan(goal)),
    }


def _base_dict(assessment: Assessment) -> dict[str, Any]:
    overall = assessment.overall
    data: dict[str, Any] = {
        "overall": grade_id(overall.grade) if assessment.framework.has_overall else None,
        "best": grade_id(overall.best),
        "worst": grade_id(overall.worst),
        "coverage": assessment.coverage,
        "judgements": {jid: grade_id(r.grade) for jid, r in assessment.judgements.items()},
    }
    if assessment.framework.statuses:  # the recorded statuses, beside the what-if's own
        data["statuses"] = {
            status_id: _status(result) for status_id, result in assessment.statuses.items()
        }
    return data


def what_if_to_dict(what_if: WhatIf, *, target: Grade | str | int | None = None) -> dict[str, Any]:
    """Return a what-if as JSON-able data: the assessment with the changes, marked as such.

    The data is the re-scored assessment's (`assessment_to_dict`), plus a ``what_if`` key that
    says it is hypothetical and holds the changes (each criterion's recorded and what-if
    evidence), the recorded assessment's grades (``base``), what moved and the gaps closed
    and opened, so no tool can take it for the unit's recorded prediction.
    """
    before = what_if.before
    data = assessment_to_dict(what_if.after, target=target)
    data["what_if"] = {
        "hypothetical": True,
        "note": WHAT_IF_NOTE,
        "changes": [
            {
                "criterion": criterion,
                "before": _entry(before.evidence.entries.get(criterion)),
                "after": _entry(entry),
            }
            for criterion, entry in what_if.changes.items()
        ],
        "findings_added": [finding_to_dict(f) for f in what_if.findings_added],
        "findings_removed": [finding_to_dict(f) for f in what_if.findings_removed],
        "base": _base_dict(before),
        "moved": [_movement_dict(movement) for movement in what_if.moved],
        "target": what_if.target.id,
        "gaps_closed": list(what_if.gaps_closed),
        "gaps_opened": list(what_if.gaps_opened),
    }
    return data


def _status(result: StatusResult) -> dict[str, Any]:
    """A derived status: its level on the point, best and worst predictions (ids, or null)."""

    def ident(level: StatusLevel | None) -> str | None:
        return None if level is None else level.id

    return {
        "title": result.status.title,
        "level": ident(result.level),
        "best": ident(result.best),
        "worst": ident(result.worst),
        "label": result.label,
        "text": result.text,
    }


def _status_columns(assessment: Assessment) -> dict[str, str | None]:
    """A column per derived status: the point level's id (empty for none)."""
    return {
        status_id: None if result.level is None else result.level.id
        for status_id, result in assessment.statuses.items()
    }


RECORD_FIELDS: tuple[str, ...] = (
    "unit",
    "date",
    "framework",
    "framework_version",
    "overall_grade",
    "judgement",
    "judgement_grade",
    "criterion",
    "title",
    "measure",
    "status",
    "value",
    "value_low",
    "value_high",
    "value_text",
    "grade",
    "best",
    "worst",
    "threshold",
    "weight",
    "source",
    "note",
    "reason",
)
"""The columns of `assessment_records`, in order (then one per derived status)."""


_UNIT_FIELDS = ("unit", "date", "framework", "overall_grade", "overall_best", "overall_worst")
BATCH_FIELDS: tuple[str, ...] = (*_UNIT_FIELDS, "coverage", "caps_fired")
"""The fixed columns of `table_records`; one ``<judgement>`` column per judgement follows."""


def _value_columns(entry: Entry | None) -> tuple[Any, float | None, float | None]:
    if entry is None:
        return None, None, None
    value = entry.value
    if value is NOT_APPLICABLE:
        return "not_applicable", None, None
    if isinstance(value, Interval):
        return value.middle, value.low, value.high
    if isinstance(value, (bool, str)):
        return value, None, None
    if isinstance(value, GradeRange):
        return value.point, None, None
    return value, value, value


def assessment_records(
    assessment: Assessment, *, target: Grade | str | int | None = None
) -> list[Record]:
    """Return one flat row per criterion, then one per finding and judgement (`RECORD_FIELDS`).

    Grades are grade ids (``requires_improvement``); ``value`` is the number, check (bool),
    rating grade id or ``not_applicable`` (the midpoint for an interval, whose bounds are in
    ``value_low`` / ``value_high``); ``value_text`` is the value as a report prints it.

    With a *target*, each row also has the `TARGET_FIELDS`: the criterion's place in the ranked
    gaps to it (empty where it is no gap), what it needs, and the value the lift plan gives it.
    """
    framework = assessment.framework
    evidence = assessment.evidence
    rows = []
    for criterion in framework.criteria():
        result = assessment.criteria[criterion.id]
        judgement = assessment.judgements[result.judgement]
        entry = result.entry
        value, low, high = _value_columns(entry)
        rows.append(
            {
                "unit": evidence.unit,
                "date": _date(evidence.date),
                "framework": framework.id,
                "framework_version": framework.version,
                "overall_grade": grade_id(assessment.grade),
                "judgement": result.judgement,
                "judgement_grade": grade_id(judgement.grade),
                "criterion": criterion.id,
                "title": criterion.title,
                "measure": criterion.measure.value,
                "status": result.status.value,
                "value": value,
                "value_low": low,
                "value_high": high,
                "value_text": format_value(entry, criterion, framework.scale),
                "grade": grade_id(result.grade),
                "best": grade_id(result.best),
                "worst": grade_id(result.worst),
                "threshold": result.threshold.value if result.threshold else None,
                "weight": criterion.weight,
                "source": entry.source if entry else "",
                "note": entry.note if entry else "",
                "reason": result.reason,
                **_status_columns(assessment),
            }
        )
    for judgement_result in assessment.judgements.values():
        for finding in judgement_result.findings:
            rows.append(_finding_record(assessment, judgement_result, finding))
    if target is not None:
        _add_target_columns(assessment, target, rows)
    return rows


TARGET_FIELDS: tuple[str, ...] = (
    "target",
    "gap_rank",
    "gap_required",
    "gap_need",
    "gap_blocking",
    "in_plan",
    "plan_value",
)
"""The columns a target adds to `assessment_records`, after `RECORD_FIELDS`."""


def _add_target_columns(
    assessment: Assessment, target: Grade | str | int, rows: list[Record]
) -> None:
    gaps = assessment.gaps(target)
    goal = gaps.target
    assert goal is not None  # find_gaps always resolves its target
    ranked = {gap.criterion: (rank, gap) for rank, gap in enumerate(gaps, 1)}
    planned = {change.criterion: change.value for change in assessment.lift_plan(goal).changes}
    for row in rows:
        found = ranked.get(row["criterion"]) if row["measure"] != "finding" else None
        rank, gap = found if found is not None else (None, None)
        row.update(
            {
                "target": goal.id,
                "gap_rank": rank,
                "gap_required": gap.required.id if gap else None,
                "gap_need": gap.need if gap else "",
                "gap_blocking": gap.blocking if gap else None,
                "in_plan": row["criterion"] in planned if row["measure"] != "finding" else None,
                "plan_value": planned.get(row["criterion"]),
            }
        )


def record_fields_for(
    *, target: bool, what_if: bool = False, framework: Framework | None = None
) -> tuple[str, ...]:
    """Return the columns of an assessment's (or a what-if's) records, in order.

    With *framework*, a column per derived status follows (its level id, empty for none).
    """
    statuses = () if framework is None else tuple(s.id for s in framework.statuses)
    fields = (*RECORD_FIELDS, *(TARGET_FIELDS if target else ()), *statuses)
    if what_if:
        return ("scenario", *fields, *WHAT_IF_FIELDS)
    return fields


WHAT_IF_FIELDS: tuple[str, ...] = ("recorded_value_text", "recorded_grade", "changed")
"""The columns a what-if adds after an assessment's, beside its first column ``scenario``."""

WHAT_IF_SCENARIO = "what-if (hypothetical)"
"""The ``scenario`` cell of every row of a what-if's records: a column, not a comment row.

A leading comment line (``# hypothetical``) is read by Excel as a data row and by
``pandas.read_csv`` as the header, and is lost by any sort or filter; a first column that
says so on every row survives all three, and a copied range keeps it.
"""


def what_if_records(what_if: WhatIf, *, target: Grade | str | int | None = None) -> list[Record]:
    """Return a what-if's rows: ``scenario`` first, the re-scored rows, then the recorded ones.

    ``recorded_value_text`` and ``recorded_grade`` are the criterion's value and grade before
    the changes; ``changed`` says whether the what-if replaced its evidence.
    """
    before = what_if.before
    framework = before.framework
    rows = []
    for row in assessment_records(what_if.after, target=target):
        criterion_id = row["criterion"]
        is_criterion = row["measure"] != "finding"
        recorded = before.criteria.get(criterion_id) if is_criterion else None
        text = ""
        if recorded is not None:
            criterion = framework.criterion(criterion_id)
            text = format_value(recorded.entry, criterion, framework.scale)
        rows.append(
            {
                "scenario": WHAT_IF_SCENARIO,
                **row,
                "recorded_value_text": text,
                "recorded_grade": grade_id(recorded.grade) if recorded is not None else None,
                "changed": criterion_id in what_if.changes if is_criterion else None,
            }
        )
    return rows


def _finding_record(assessment: Assessment, result: JudgementResult, finding: Finding) -> Record:
    """One row per finding and judgement, in the criterion rows' columns.

    ``measure`` is ``finding``, ``status`` its sign, ``value`` its weight and ``value_text`` its
    words; ``criterion`` is the criterion it is about, if any.
    """
    framework = assessment.framework
    evidence = assessment.evidence
    row: Record = dict.fromkeys(RECORD_FIELDS)
    row.update(
        {
            "unit": evidence.unit,
            "date": _date(evidence.date),
            "framework": framework.id,
            "framework_version": framework.version,
            "overall_grade": grade_id(assessment.grade),
            "judgement": result.id,
            "judgement_grade": grade_id(result.grade),
            "criterion": finding.criterion or "",
            "title": "",
            "measure": "finding",
            "status": finding.sign.value,
            "value": finding.weight.value,
            "value_text": finding.text,
            "source": finding.source,
            "note": finding.note,
            "reason": result.findings_result.reason if result.findings_result else "",
            **_status_columns(assessment),
        }
    )
    return row


_OVERALL_FIELDS = ("overall_grade", "overall_best", "overall_worst")


def table_fields(table: AssessmentTable) -> tuple[str, ...]:
    """Return the columns of `table_records`: `BATCH_FIELDS`, one per judgement, one per status.

    A framework with no overall grade (method "none") has no overall columns at all: an
    always-empty column would read as "not graded" in a spreadsheet.
    """
    framework = table.framework
    fixed = BATCH_FIELDS
    if not framework.has_overall:
        fixed = tuple(field for field in BATCH_FIELDS if field not in _OVERALL_FIELDS)
    return (
        *fixed,
        *(judgement.id for judgement in framework.judgements),
        *(status.id for status in framework.statuses),
    )


def table_records(table: AssessmentTable) -> list[Record]:
    """Return one row per unit of a table: overall grade and range, coverage, judgement grades."""
    rows = []
    for assessment in table.assessments:
        overall = assessment.overall
        row: Record = {
            "unit": assessment.evidence.unit,
            "date": _date(assessment.evidence.date),
            "framework": table.framework.id,
            "overall_grade": grade_id(overall.grade),
            "overall_best": grade_id(overall.best),
            "overall_worst": grade_id(overall.worst),
            "coverage": round(assessment.coverage, 4),
            "caps_fired": len(assessment.fired_caps()),
        }
        if not table.framework.has_overall:
            for field in _OVERALL_FIELDS:
                del row[field]
        for judgement_id, result in assessment.judgements.items():
            row[judgement_id] = grade_id(result.grade)
        row.update(_status_columns(assessment))
        rows.append(row)
    return rows


# --- Groups -----------------------------------------------------------------------------------


GROUP_FIELDS = (
    "group",
    "date",
    "framework",
    "rule",
    "unit",
    "role",
    "kind",
    "id",
    "title",
    "grade",
    "best",
    "worst",
    "holding_down",
    "value",
)
"""The columns of `group_to_records`, in order."""


def _provenance_dict(provenance: Provenance) -> dict[str, Any]:
    return {
        "basis": provenance.basis.value,
        "source": provenance.source,
        "note": provenance.note,
    }


def _grade_dict(result: GroupGrade) -> dict[str, Any]:
    return {
        "id": result.id,
        "title": result.title,
        "grade": grade_id(result.grade),
        "best": grade_id(result.best),
        "worst": grade_id(result.worst),
        "members": {name: grade_id(grade) for name, grade in result.members.items()},
        "holding_down": list(result.holding_down),
        "reason": result.reason,
    }


def _member_dict(assessment: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": assessment.evidence.unit,
        "date": _date(assessment.evidence.date),
        "overall": grade_id(assessment.grade),
        "judgements": {jid: grade_id(r.grade) for jid, r in assessment.judgements.items()},
        "coverage": assessment.coverage,
    }
    if assessment.framework.statuses:  # so groups without statuses write what they did
        data["statuses"] = _status_columns(assessment)
    return data


def group_to_dict(group: GroupAssessment) -> dict[str, Any]:
    """Return *group* as plain data for JSON, with a ``schema_version``."""
    rule = group.rule
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "group",
        "framework": {"id": group.framework.id, "version": group.framework.version},
        "unit": group.unit,
        "date": _date(group.date),
        "rule": {
            "rule": rule.rule.value,
            "share": rule.share,
            "provenance": _provenance_dict(rule.provenance),
            "spread": {"grades": rule.spread.grades, "criteria": dict(rule.spread.criteria)},
        },
        "missing": group.missing.value,
        "coverage": group.coverage,
        # As a unit's JSON: a framework with no overall grade writes null.
        "overall": _grade_dict(group.overall) if group.framework.has_overall else None,
        "judgements": [_grade_dict(result) for result in group.judgements.values()],
        "criteria": [_grade_dict(result) for result in group.criteria.values()],
        "holding_down": list(group.holding_down()),
        "inconsistencies": [
            {
                "id": item.id,
                "kind": item.kind,
                "spread": item.spread,
                "allowed": item.allowed,
                "low": list(item.low),
                "high": list(item.high),
                "reason": item.reason,
            }
            for item in group.inconsistencies
        ],
        "pooled": list(group.pooled),
        "weakest_evidence": dict(group.weakest_evidence),
        "members": [_member_dict(member) for member in group.members.values()],
    }
    # Only a group whose members record findings has the key, so the JSON of groups without
    # findings is byte for byte what it was before findings existed.
    found = {
        judgement.id: [finding_to_dict(f) for f in group.findings_for(judgement.id)]
        for judgement in group.framework.judgements
    }
    if any(found.values()):
        data["findings"] = {judgement_id: items for judgement_id, items in found.items() if items}
    if group.framework.statuses:
        data["statuses"] = {
            status_id: _status(result) for status_id, result in group.statuses.items()
        }
    return data


def group_to_records(group: GroupAssessment) -> list[dict[str, Any]]:
    """Return one record per result, for the group and each member, then per member finding.

    A framework with no overall grade (method "none") has no overall rows.

    For a framework with derived statuses a column per status follows, as in a unit's
    records: on the group's rows the group's level id, on a member's rows the member's.
    """
    base = {
        "group": group.unit,
        "date": _date(group.date),
        "framework": group.framework.id,
        "rule": group.rule.rule.value,
    }
    levels = {name: _status_columns(member) for name, member in group.members.items()}
    group_levels = {
        status_id: None if result.level is None else result.level.id
        for status_id, result in group.statuses.items()
    }
    records: list[dict[str, Any]] = []
    results: list[tuple[str, GroupGrade]] = [
        *([("overall", group.overall)] if group.framework.has_overall else []),
        *(("judgement", result) for result in group.judgements.values()),
        *(("criterion", result) for result in group.criteria.values()),
    ]
    pooled = group.assessment
    for kind, result in results:
        value = ""
        if kind == "criterion" and pooled is not None:
            value = member_value(group, pooled, result.id)
        records.append(
            {
                **base,
                "unit": group.unit,
                "role": "group",
                "kind": kind,
                "id": result.id,
                "title": result.title,
                "grade": grade_id(result.grade),
                "best": grade_id(result.best),
                "worst": grade_id(result.worst),
                "holding_down": None,
                "value": value,
            }
        )
        for name, member in group.members.items():
            own = member.result(result.id)
            records.append(
                {
                    **base,
                    "unit": name,
                    "role": "member",
                    "kind": kind,
                    "id": result.id,
                    "title": result.title,
                    "grade": grade_id(own.grade),
                    "best": grade_id(own.best),
                    "worst": grade_id(own.worst),
                    "holding_down": name in result.holding_down,
                    "value": member_value(group, member, result.id) if kind == "criterion" else "",
                }
            )
    # Then one row per member, judgement and finding: kind "finding", id the judgement, title
    # the finding's words, value its sign and weight (no grade: a finding is not graded).
    for name, member in group.members.items():
        for judgement in group.framework.judgements:
            for finding in member.evidence.findings_for(judgement.id):
                records.append(
                    {
                        **base,
                        "unit": name,
                        "role": "member",
                        "kind": "finding",
                        "id": judgement.id,
                        "title": finding.text,
                        "grade": None,
                        "best": None,
                        "worst": None,
                        "holding_down": None,
                        "value": finding_label(finding),
                    }
                )
    if group.framework.statuses:  # so groups without statuses write what they did
        for record in records:
            record.update(group_levels if record["role"] == "group" else levels[record["unit"]])
    return records


# --- Comparisons and timelines ----------------------------------------------------------------


COMPARISON_FIELDS = (
    "unit",
    "framework",
    "before_date",
    "after_date",
    "kind",
    "id",
    "title",
    "before",
    "after",
    "steps",
    "direction",
    "before_value",
    "after_value",
    "value_change",
    "gap",
)
"""The columns of `comparison_to_records`, in order."""


def _movement_dict(movement: Movement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": movement.id,
        "kind": movement.kind,
        "title": movement.title,
        "before": grade_id(movement.before),
        "after": grade_id(movement.after),
        "before_range": [grade_id(g) for g in movement.before_range],
        "after_range": [grade_id(g) for g in movement.after_range],
        "steps": movement.steps,
        "direction": movement.direction,
    }
    if movement.kind == "criterion":
        data.update(
            before_value=value_to_data(movement.before_value),
            after_value=value_to_data(movement.after_value),
            value_change=movement.value_change,
            before_status=movement.before_status,
            after_status=movement.after_status,
        )
    else:
        data.update(
            before_coverage=movement.before_coverage, after_coverage=movement.after_coverage
        )
    return data


def _judgement_movement_dict(comparison: Comparison, movement: Movement) -> dict[str, Any]:
    """A judgement's movement, with the not-applicable text of each side it does not apply on.

    As in a unit's JSON (``not_applicable``), and as the comparison's table shows it; only a
    judgement that depends on a provision (or a date) has the keys, so other comparisons are
    byte for byte what they were.
    """
    data = _movement_dict(movement)
    for side, assessment in (("before", comparison.before), ("after", comparison.after)):
        text = absent_text(assessment, movement.id)
        if text:
            data[f"{side}_not_applicable"] = text
    return data


def _side(assessment: Assessment) -> dict[str, Any]:
    return {
        "date": _date(assessment.evidence.date),
        "framework_version": assessment.framework.version,
        "overall": grade_id(assessment.grade),
        "coverage": assessment.coverage,
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Return *comparison* as plain data for JSON, with a ``schema_version``."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "comparison",
        "framework": comparison.after.framework.id,
        "unit": comparison.unit,
        "target": comparison.target.id,
        "before": _side(comparison.before),
        "after": _side(comparison.after),
        "overall": _movement_dict(comparison.overall)
        if comparison.after.framework.has_overall
        else None,
        "judgements": [
            _judgement_movement_dict(comparison, m) for m in comparison.judgements.values()
        ],
        "criteria": [_movement_dict(m) for m in comparison.criteria.values()],
        "gaps_closed": list(comparison.gaps_closed),
        "gaps_opened": list(comparison.gaps_opened),
        "gaps_open": list(comparison.gaps_open),
        "framework_changes": [
            {"kind": c.kind, "id": c.id, "detail": c.detail} for c in comparison.framework_changes
        ],
    }
    # As for groups: only a comparison whose findings changed has the keys.
    if comparison.findings_added:
        data["findings_added"] = [finding_to_dict(f) for f in comparison.findings_added]
    if comparison.findings_removed:
        data["findings_removed"] = [finding_to_dict(f) for f in comparison.findings_removed]
    # Written only where a successor records changes, so other comparisons are unchanged.
    if comparison.declared_changes:
        data["declared_changes"] = [
            {
                "id": c.id,
                "summary": c.summary,
                "affects": list(c.affects),
                "basis": c.provenance.basis.value if c.provenance is not None else None,
                "source": c.provenance.source if c.provenance is not None else None,
            }
            for c in comparison.declared_changes
        ]
    return data


def _gap_state(comparison: Comparison, criterion_id: str) -> str:
    if criterion_id in comparison.gaps_closed:
        return "closed"
    if criterion_id in comparison.gaps_opened:
        return "opened"
    if criterion_id in comparison.gaps_open:
        return "open"
    return ""


def comparison_to_records(comparison: Comparison) -> list[dict[str, Any]]:
    """Return one record per movement (overall, judgements, criteria), then per finding moved."""
    base = {
        "unit": comparison.unit,
        "framework": comparison.after.framework.id,
        "before_date": _date(comparison.before.evidence.date),
        "after_date": _date(comparison.after.evidence.date),
    }
    records = []
    for movement in comparison.movements():
        is_criterion = movement.kind == "criterion"
        records.append(
            {
                **base,
                "kind": movement.kind,
                "id": movement.id,
                "title": movement.title,
                "before": grade_id(movement.before),
                "after": grade_id(movement.after),
                "steps": movement.steps,
                "direction": movement.direction,
                "before_value": movement_value_text(comparison, movement, movement.before_value)
                if is_criterion
                else "",
                "after_value": movement_value_text(comparison, movement, movement.after_value)
                if is_criterion
                else "",
                "value_change": movement.value_change,
                "gap": _gap_state(comparison, movement.id) if is_criterion else "",
            }
        )
    # Then one row per finding added or removed: id its judgements, title its words, before /
    # after its sign and weight on the side that has it, direction "added" or "removed".
    for found, direction in (
        (comparison.findings_added, "added"),
        (comparison.findings_removed, "removed"),
    ):
        for finding in found:
            label = finding_label(finding)
            records.append(
                {
                    **base,
                    "kind": "finding",
                    "id": ";".join(finding.judgements),
                    "title": finding.text,
                    "before": label if direction == "removed" else None,
                    "after": label if direction == "added" else None,
                    "steps": None,
                    "direction": direction,
                    "before_value": "",
                    "after_value": "",
                    "value_change": None,
                    "gap": "",
                }
            )
    return records


# -- timelines ----------------------------------------------------------------------------


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """Return *timeline* as plain data for JSON, with a ``schema_version``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "timeline",
        "framework": timeline.assessments[-1].framework.id,
        "unit": timeline.unit,
        "target": timeline.target.id,
        "assessments": [_side(a) for a in timeline.assessments],
        "steps": [comparison_to_dict(step) for step in timeline.steps],
    }


def timeline_to_records(timeline: Timeline) -> list[dict[str, Any]]:
    """Return one record per assessment and result (overall, judgements, criteria) and finding.

    A framework with no overall grade (method "none") has no overall rows, as its unit's report
    has no overall row.
    """
    records = []
    for position, assessment in enumerate(timeline.assessments):
        framework = assessment.framework
        results: list[tuple[str, str, str, Any]] = (
            [("overall", "overall", framework.overall_title, assessment.overall)]
            if framework.has_overall
            else []
        )
        results += [
            ("judgement", jid, result.title, result)
            for jid, result in assessment.judgements.items()
        ]
        results += [
            ("criterion", cid, framework.criterion(cid).title, result)
            for cid, result in assessment.criteria.items()
        ]
        for kind, ident, title, result in results:
            value = ""
            if kind == "criterion":
                value = format_value(result.entry, framework.criterion(ident), framework.scale)
            records.append(
                {
                    "unit": assessment.evidence.unit,
                    "position": position,
                    "date": _date(assessment.evidence.date),
                    "framework_version": framework.version,
                    "kind": kind,
                    "id": ident,
                    "title": title,
                    "grade": grade_id(result.grade),
                    "best": grade_id(result.best),
                    "worst": grade_id(result.worst),
                    "value": value,
                }
            )
        # Then the run's findings, one row per judgement and finding (as for groups).
        for judgement in framework.judgements:
            for finding in assessment.evidence.findings_for(judgement.id):
                records.append(
                    {
                        "unit": assessment.evidence.unit,
                        "position": position,
                        "date": _date(assessment.evidence.date),
                        "framework_version": framework.version,
                        "kind": "finding",
                        "id": judgement.id,
                        "title": finding.text,
                        "grade": None,
                        "best": None,
                        "worst": None,
                        "value": finding_label(finding),
                    }
                )
    return records


# --- Calibration ------------------------------------------------------------------------------


CALIBRATION_FIELDS = (
    "case",
    "unit",
    "target",
    "published",
    "predicted",
    "best",
    "worst",
    "exact",
    "within_one",
    "grades_off",
)
"""The columns of `calibration_to_records`; the outcomes table's attributes follow ``unit``."""


def _attribute_names(report: CalibrationReport) -> list[str]:
    names: dict[str, None] = {}
    for case in report.cases:
        names.update(dict.fromkeys(case.attributes))
    return list(names)


def calibration_fields(report: CalibrationReport) -> tuple[str, ...]:
    """Return the columns of `calibration_to_records` for *report*, attributes included."""
    return (*CALIBRATION_FIELDS[:2], *_attribute_names(report), *CALIBRATION_FIELDS[2:])


def _baseline_dict(agreement: Agreement) -> dict[str, Any]:
    baseline = agreement.baseline
    return {
        "grade": grade_id(baseline.grade),
        "exact": baseline.exact,
        "within_one": baseline.within_one,
        "exact_share": agreement.baseline_exact_share,
        "within_one_share": agreement.baseline_within_one_share,
    }


def _agreement_dict(agreement: Agreement, grades: Sequence[str]) -> dict[str, Any]:
    return {
        "target": agreement.target,
        "title": agreement.title,
        "n": agreement.n,
        "exact": agreement.exact,
        "within_one": agreement.within_one,
        "ungraded": agreement.ungraded,
        "exact_share": agreement.exact_share,
        "within_one_share": agreement.within_one_share,
        "matrix": {
            "published": list(grades),
            "predicted": [*grades, None],
            "counts": [list(row) for row in agreement.matrix],
        },
        "baseline": _baseline_dict(agreement),
    }


def _miss_dict(miss: Miss) -> dict[str, Any]:
    return {
        "case": miss.case,
        "target": miss.target,
        "published": miss.published.id,
        "predicted": grade_id(miss.predicted),
        "best": grade_id(miss.best),
        "worst": grade_id(miss.worst),
        "grades_off": miss.grades_off,
        "reasons": list(miss.reasons),
    }


def _case_dict(case: CalibrationCase, targets: Sequence[str]) -> dict[str, Any]:
    assessment = case.assessment
    predicted = {}
    for target in targets:
        result = assessment.result(target)
        predicted[target] = {
            "grade": grade_id(result.grade),
            "best": grade_id(result.best),
            "worst": grade_id(result.worst),
        }
    return {
        "id": case.id,
        "unit": case.unit,
        "file": assessment.evidence.file,
        "attributes": dict(case.attributes),
        "published": {target: grade.id for target, grade in case.published.items()},
        "predicted": predicted,
        "coverage": assessment.coverage,
    }


def calibration_to_dict(report: CalibrationReport) -> dict[str, Any]:
    """Return a calibration report as plain data for JSON, with a ``schema_version``."""
    framework = report.framework
    grades = framework.scale.ids
    targets = [OVERALL, *report.judgements]
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "calibration",
        "framework": {"id": framework.id, "version": framework.version, "title": framework.title},
        "missing": report.missing.value,
        "overall": _agreement_dict(report.overall, grades),
        "judgements": [_agreement_dict(item, grades) for item in report.judgements.values()],
        "pooled": _agreement_dict(report.pooled, grades),
        "misses": [_miss_dict(miss) for miss in report.misses],
        "ungraded": [_miss_dict(miss) for miss in report.ungraded],
        "cases": [_case_dict(case, targets) for case in report.cases],
        "no_evidence": list(report.no_evidence),
        "no_outcome": list(report.no_outcome),
    }


def calibration_to_records(report: CalibrationReport) -> list[Record]:
    """Return one flat record per case and target with a published grade.

    ``exact`` and ``within_one`` are ``false`` for a prediction that could not be graded, and
    ``grades_off`` (how many grades the prediction is above, +, or below, -, the published
    grade) is empty for it.
    """
    attributes = _attribute_names(report)
    records: list[Record] = []
    for case in report.cases:
        for target in (OVERALL, *report.judgements):
            published = case.published.get(target)
            if published is None:
                continue
            result = case.assessment.result(target)
            predicted = result.grade
            off = None if predicted is None else published.rank - predicted.rank
            records.append(
                {
                    "case": case.id,
                    "unit": case.unit,
                    **{name: case.attributes.get(name, "") for name in attributes},
                    "target": target,
                    "published": published.id,
                    "predicted": grade_id(predicted),
                    "best": grade_id(result.best),
                    "worst": grade_id(result.worst),
                    "exact": off == 0,
                    "within_one": off is not None and abs(off) <= 1,
                    "grades_off": off,
                }
            )
    return records


# --- CSV and DataFrames -----------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def neutralise_formula(text: str) -> str:
    """Return *text* with a leading ``'`` if a spreadsheet would read it as a formula.

    A text that starts with one of `FORMULA_STARTS` (``=``, ``+``, ``-``, ``@``, tab, carriage
    return) gets the ``'`` that spreadsheets take as "this cell is text"; any other text is
    returned as it is.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Any, keep_formulas: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value if keep_formulas else neutralise_formula(value)
    # Numbers (ints) and anything else a record holds that is not text: written as it is.
    return str(value)


def record_fields(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the keys of *records*, in the order they first appear."""
    fields: dict[str, None] = {}
    for record in records:
        fields.update(dict.fromkeys(record))
    return list(fields)


def records_to_csv(
    records: Sequence[Mapping[str, Any]],
    fields: Sequence[str] | None = None,
    *,
    keep_formulas: bool = False,
) -> str:
    r"""Return *records* as CSV text with a header row of *fields*.

    The output is deterministic: ``\n`` line ends, ``None`` as an empty cell, booleans as
    ``true`` / ``false``, floats in their shortest round-tripping form. Text cells (the header
    too) that a spreadsheet would run as a formula get a leading ``'`` (`neutralise_formula`);
    numbers are never touched.

    Args:
        records: Flat rows, as the ``*_records`` functions return them.
        fields: The columns, in order; by default every key of the records, in the order they
            first appear.
        keep_formulas: Write text cells exactly, formulas and all (for a CSV parser, not a
            spreadsheet).

    Raises:
        TypeError: *keep_formulas* is not a bool.
    """
    if not isinstance(keep_formulas, bool):
        raise TypeError(f"keep_formulas must be True or False, not {type(keep_formulas).__name__}")
    if fields is None:
        fields = record_fields(records)
    # The csv module quotes a cell only for the characters of its line terminator, so with
    # "\n" a cell holding a carriage return went out bare and split its row when read back.
    # Each row is written with "\r\n" (quoting both) and ends in "\n" instead.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in (fields, *([record.get(field) for field in fields] for record in records)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_cell(cell, keep_formulas) for cell in row])
        lines.append(buffer.getvalue()[:-2])
    return "".join(line + "\n" for line in lines)


GRADE_COLUMNS = frozenset(
    {
        "overall_grade",
        "overall_best",
        "overall_worst",
        "judgement_grade",
        "grade",
        "best",
        "worst",
        "before",
        "after",
        "published",
        "predicted",
        "gap_required",
        "recorded_grade",
    }
)
"""Record columns that hold grade ids: ordered categoricals in a DataFrame."""

DATE_COLUMNS = frozenset({"date", "before_date", "after_date"})
"""Record columns that hold ISO dates: datetime64 in a DataFrame."""


def records_to_dataframe(
    records: Sequence[Mapping[str, Any]],
    fields: Sequence[str] | None = None,
    *,
    grades: Sequence[str] = (),
    grade_columns: Sequence[str] = (),
) -> Any:
    """Return *records* as a pandas DataFrame with the columns *fields* (see `records_to_csv`).

    With *grades* (the scale's ids, best first), every grade column (`GRADE_COLUMNS` and
    *grade_columns*) is an ordered categorical whose order is the scale's, best first: so
    ``frame.sort_values("grade")`` lists the best grades first (not alphabetically),
    ``frame["grade"].min()`` is the best grade, and ``value_counts(sort=False)`` follows the
    scale. Date columns (`DATE_COLUMNS`) are datetime64, missing dates ``NaT``.

    Raises:
        ImportError: pandas is not installed (``pip install 'inspectkit[pandas]'``).
    """
    try:
        import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_dataframe() needs pandas: pip install 'inspectkit[pandas]'"
        ) from error
    columns = record_fields(records) if fields is None else list(fields)
    frame = pd.DataFrame.from_records(list(records), columns=columns)
    if grades:
        dtype = pd.CategoricalDtype(categories=list(grades), ordered=True)
        for column in columns:
            if column in GRADE_COLUMNS or column in grade_columns:
                # A cell that is no grade id (empty, "not_applicable") becomes missing.
                values = [value if value in grades else None for value in frame[column]]
                frame[column] = pd.Series(values, index=frame.index, dtype=dtype)
    for column in columns:
        if column in DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def result_grades(result: Any) -> tuple[str, ...]:
    """Return the grade ids, best first, of the framework a result was made under."""
    from inspectkit.results import Comparison, Timeline, WhatIf

    if isinstance(result, Comparison):
        return result.after.framework.scale.ids
    if isinstance(result, Timeline):
        return result.assessments[-1].framework.scale.ids
    if isinstance(result, WhatIf):
        return result.after.framework.scale.ids
    framework = getattr(result, "framework", None)
    return framework.scale.ids if framework is not None else ()
