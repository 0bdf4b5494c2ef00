"""A group assessment as JSON-ready data, records and CSV.

Their Markdown and HTML are in `inspectkit.render.markdown` and `inspectkit.render.html`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from inspectkit.grades import Grade
from inspectkit.render._common import (
    format_date,
    member_value,
)
from inspectkit.render.tables import records_to_csv as _records_to_csv
from inspectkit.rubric import Provenance

if TYPE_CHECKING:
    from inspectkit.groups import GroupAssessment, GroupGrade
    from inspectkit.results import Assessment

__all__ = [
    "GROUP_FIELDS",
    "SCHEMA_VERSION",
    "grade_id",
    "group_to_dict",
    "group_to_records",
    "records_to_csv",
]

SCHEMA_VERSION = 1
"""The version of the JSON layout of group and progress results; raised on breaking changes."""

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


def grade_id(grade: Grade | None) -> str | None:
    """Return a grade's id, or ``None``."""
    return None if grade is None else grade.id


def records_to_csv(records: Sequence[dict[str, Any]]) -> str:
    """Return *records* as CSV, with the columns of the first record (or none)."""
    fields: list[str] = []
    for record in records:
        fields.extend(key for key in record if key not in fields)
    return _records_to_csv(records, fields)


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
    return {
        "unit": assessment.evidence.unit,
        "date": format_date(assessment.evidence.date) or None,
        "overall": grade_id(assessment.grade),
        "judgements": {jid: grade_id(r.grade) for jid, r in assessment.judgements.items()},
        "coverage": assessment.coverage,
    }


def group_to_dict(group: GroupAssessment) -> dict[str, Any]:
    """Return *group* as plain data for JSON, with a ``schema_version``."""
    rule = group.rule
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "group",
        "framework": {"id": group.framework.id, "version": group.framework.version},
        "unit": group.unit,
        "date": format_date(group.date) or None,
        "rule": {
            "rule": rule.rule.value,
            "share": rule.share,
            "provenance": _provenance_dict(rule.provenance),
            "spread": {"grades": rule.spread.grades, "criteria": dict(rule.spread.criteria)},
        },
        "missing": group.missing.value,
        "coverage": group.coverage,
        "overall": _grade_dict(group.overall),
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


def group_to_records(group: GroupAssessment) -> list[dict[str, Any]]:
    """Return one flat record per result, for the group and for each member."""
    base = {
        "group": group.unit,
        "date": format_date(group.date),
        "framework": group.framework.id,
        "rule": group.rule.rule.value,
    }
    records: list[dict[str, Any]] = []
    results: list[tuple[str, GroupGrade]] = [
        ("overall", group.overall),
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
    return records
