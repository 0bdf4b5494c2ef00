"""A group assessment as JSON-ready data, Markdown, HTML, records and CSV.

The group report opens with the grade table (the group and every member side by side), says
which members hold each group grade down, where members differ more than the framework allows,
how pooled evidence was made (for the ``pooled`` rule), and the gaps that stand between the
group and the next grade. It reuses the single-assessment renderers' words and symbols
(`inspectkit.render._common`), so a grade reads the same in every report; every string from a
framework or evidence file is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from inspectkit.grades import Grade, GradeScale
from inspectkit.render._common import (
    GROUP_RULE_WORDS,
    collect_gap_lines,
    format_date,
    format_share,
    group_gap_sources,
    group_target,
    key_figure_criteria,
    member_value,
    provenance_text,
)
from inspectkit.render.html import CSS, grade_badge
from inspectkit.render.tables import records_to_csv as _records_to_csv
from inspectkit.rubric import OVERALL, GroupMethod, Provenance

if TYPE_CHECKING:
    from inspectkit.groups import GroupAssessment, GroupGrade
    from inspectkit.results import Assessment

__all__ = [
    "GROUP_FIELDS",
    "SCHEMA_VERSION",
    "grade_id",
    "group_to_dict",
    "group_to_html",
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


# -- HTML ---------------------------------------------------------------------------------


def _badge(result: Any, scale: GradeScale) -> str:
    return grade_badge(result.grade, scale, best=result.best, worst=result.worst)


def _html_key_figures(group: GroupAssessment) -> list[str]:
    measured = key_figure_criteria(group)
    if not measured:
        return []
    names = list(group.members)
    pooled = group.assessment
    header = ["Measure", *(["Group"] if pooled is not None else []), *names]
    parts = [
        "<h2>Key figures by member</h2>",
        "<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead>",
        "<tbody>",
    ]
    for criterion in measured:
        cells = [escape(criterion.title)]
        if pooled is not None:
            cells.append(escape(member_value(group, pooled, criterion.id)))
        for name in names:
            text = escape(member_value(group, group.members[name], criterion.id))
            if name in group.criteria[criterion.id].holding_down:
                text += ' <span class="ik-blocking" title="holds the group down">▼</span>'
            cells.append(text)
        parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    parts.append("</tbody></table>")
    return parts


def _html_gaps(group: GroupAssessment) -> list[str]:
    target = group_target(group)
    if target is None:
        return []
    parts = [f"<h2>What stands between the group and {escape(target.label)}</h2>"]
    sources = group_gap_sources(group)
    if not sources:
        parts.append("<p>No single member holds the group down.</p>")
    for name, assessment in sources.items():
        gap_lines = collect_gap_lines(assessment, target)
        if not gap_lines:
            continue
        parts += [f"<h3>{escape(name)}</h3>", "<ul>"]
        for gap in gap_lines:
            mark = ' <span class="ik-blocking">(blocking)</span>' if gap.blocking else ""
            parts.append(f"<li><strong>{escape(gap.title)}</strong>{mark}: {escape(gap.text)}</li>")
        parts.append("</ul>")
    return parts


def group_to_html(group: GroupAssessment, *, fragment: bool = False) -> str:
    """Return the group report as HTML: a ``<div>`` fragment, or a whole page.

    Every string from the framework or the evidence is escaped.
    """
    framework = group.framework
    scale = framework.scale
    names = list(group.members)
    rule = group.rule
    parts = [
        '<div class="ik-report">',
        f"<h1>Group assessment: {escape(group.unit)}</h1>",
        '<p class="ik-meta">'
        f"<span>{escape(framework.title)} (version {escape(framework.version)})</span>"
        + (f"<span>Date: {escape(format_date(group.date))}</span>" if group.date else "")
        + f"<span>Members: {len(names)}</span>"
        f"<span>Group rule: {escape(GROUP_RULE_WORDS[rule.rule])} "
        f"({escape(provenance_text(framework, rule.provenance))})</span></p>",
        "<table>",
        "<thead><tr><th></th><th>Group</th>"
        + "".join(f"<th>{escape(name)}</th>" for name in names)
        + "</tr></thead><tbody>",
    ]
    for result in (group.overall, *group.judgements.values()):
        row = ' class="ik-overall"' if result.id == OVERALL else ""
        cells = [f"<td>{escape(result.title)}</td>", f"<td>{_badge(result, scale)}</td>"]
        for name in names:
            own = group.members[name].result(result.id)
            mark = (
                ' <span class="ik-blocking" title="holds the group down">▼</span>'
                if name in result.holding_down
                else ""
            )
            cells.append(f"<td>{grade_badge(own.grade, scale)}{mark}</td>")
        parts.append(f"<tr{row}>" + "".join(cells) + "</tr>")
    parts += ["</tbody></table>", "<h2>Why</h2>", "<ul>"]
    for result in (group.overall, *group.judgements.values()):
        parts.append(f"<li><strong>{escape(result.title)}</strong>: {escape(result.reason)}</li>")
    parts += ["</ul>", "<h2>Consistency between members</h2>"]
    if group.inconsistencies:
        parts.append("<ul>")
        parts += [f"<li>{escape(item.reason)}</li>" for item in group.inconsistencies]
        parts.append("</ul>")
    else:
        parts.append("<p>Members are within the spread the framework allows.</p>")
    if rule.rule is GroupMethod.POOLED:
        pooled = ", ".join(escape(framework.criterion(c).title) for c in group.pooled) or "none"
        parts += ["<h2>Pooled evidence</h2>", f"<p>Pooled from members' counts: {pooled}.</p>"]
        if group.weakest_evidence:
            parts.append("<p>Taken from the weakest member:</p><ul>")
            parts += [
                f"<li>{escape(framework.criterion(cid).title)}: {escape(name)}</li>"
                for cid, name in group.weakest_evidence.items()
            ]
            parts.append("</ul>")
    parts += _html_key_figures(group)
    parts += _html_gaps(group)
    parts += [
        "<h2>Coverage</h2>",
        f"<p>Group: {escape(format_share(group.coverage))}</p>",
        "<footer>Predicted by inspectkit. A mock inspection is a guide to preparation, "
        "not an inspection outcome.</footer>",
        "</div>",
    ]
    body = "\n".join(parts)
    if fragment:
        return f"<div>\n<style>\n{CSS}\n</style>\n{body}\n</div>\n"
    title = escape(f"Group assessment: {group.unit}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )
