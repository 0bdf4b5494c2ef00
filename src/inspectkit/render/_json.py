"""Assessments as plain data and JSON (``schema_version`` 1).

The layout is stable and deterministic: the same assessment always gives byte-identical JSON.
Grades are written as their ids; proportions as numbers between 0 and 1.
"""

from __future__ import annotations

import json
from typing import Any

from inspectkit.evidence import Entry, Interval, NotApplicable, Value
from inspectkit.grades import Grade
from inspectkit.results import Assessment, CriterionResult, FiredCap, JudgementResult
from inspectkit.rubric import Threshold

__all__ = ["SCHEMA_VERSION", "assessment_to_dict", "assessment_to_json", "value_to_data"]

SCHEMA_VERSION = 1
"""The version of the JSON layout; raised when a field changes meaning or goes."""


def _grade(grade: Grade | None) -> str | None:
    return None if grade is None else grade.id


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


def _judgement(result: JudgementResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "title": result.title,
        "grade": _grade(result.grade),
        "best": _grade(result.best),
        "worst": _grade(result.worst),
        "uncapped": _grade(result.uncapped),
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
        "grade": _grade(result.grade),
        "best": _grade(result.best),
        "worst": _grade(result.worst),
        "value": value_to_data(result.entry.value if result.entry else None),
        "evidence": _entry(result.entry),
        "threshold": _threshold(result.threshold),
        "reason": result.reason,
    }


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """Return *assessment* as JSON-able data (see the module docstring)."""
    framework = assessment.framework
    evidence = assessment.evidence
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": {"id": framework.id, "version": framework.version, "title": framework.title},
        "unit": evidence.unit,
        "kind": evidence.kind,
        "date": evidence.date.isoformat() if evidence.date else None,
        "missing": assessment.missing.value,
        "coverage": assessment.coverage,
        "overall": _judgement(assessment.overall),
        "judgements": [_judgement(result) for result in assessment.judgements.values()],
        "criteria": [_criterion(result) for result in assessment.criteria.values()],
    }


def assessment_to_json(assessment: Assessment, *, indent: int | None = 2) -> str:
    """Return *assessment* as JSON text with sorted keys; the same input gives the same bytes."""
    return json.dumps(
        assessment_to_dict(assessment),
        indent=indent,
        sort_keys=True,
        ensure_ascii=False,
        allow_nan=False,
    )
