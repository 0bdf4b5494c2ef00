"""An assessment as a Markdown report, laid out the way inspection reports are read.

The report opens with the grade table (overall and each judgement, with the range the evidence
allows), then says in plain words what the prediction is and why the unit is not at the next
grade, its strengths, what to do first, how complete the evidence is and what is still to
collect, the grade of every criterion with its reason, and finally which modelled or
third-party rules the prediction rests on::

    >>> print(assessment.to_markdown())          # doctest: +SKIP
    # Predicted inspection: Riverside Children's Centre
    ...

Every string that comes from a framework or evidence file is escaped, so a unit name with
``|`` or ``<script>`` cannot break the table or inject markup where Markdown is shown as HTML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from inspectkit.render._common import (
    ALL_VERIFIED,
    BASIS_WORDS,
    NOT_ALL_VERIFIED,
    PROVENANCE_HEADING,
    collect_gap_lines,
    collect_plan_lines,
    collect_provenance,
    format_date,
    format_share,
    format_value,
    grade_label,
    grade_phrase,
    grade_symbol,
    grade_with_range,
    not_at_phrase,
    strength_text,
    strengths,
    target_grade,
    unit_noun,
)
from inspectkit.results import Assessment, JudgementResult, Status

if TYPE_CHECKING:
    from inspectkit.render.tables import AssessmentTable

__all__ = ["escape_markdown", "render_markdown", "render_table_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape_markdown(text: str) -> str:
    """Return *text* safe to place in Markdown prose or a table cell.

    ``<`` becomes ``&lt;`` (so Markdown shown as HTML cannot carry a tag or an autolink), an
    ``&`` that would start an entity becomes ``&amp;``, the characters Markdown gives meaning
    to are backslash-escaped (``>`` only at the start, where it would open a quote), and line
    breaks become spaces so a cell stays on its row. Plain ``->`` and ``Q&A`` stay readable.
    """
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return "\\" + text if text.startswith(">") else text


def _cell(text: str) -> str:
    return escape_markdown(text) or " "


def _grade_cell(result: JudgementResult, assessment: Assessment) -> str:
    symbol = grade_symbol(result.grade, assessment.framework.scale)
    return f"{symbol} {escape_markdown(grade_with_range(result))}"


def _heading(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    evidence = assessment.evidence
    unit = escape_markdown(evidence.unit) or "unnamed unit"
    facts = [f"**Framework:** {escape_markdown(framework.title)} (version {framework.version})"]
    if evidence.date:
        facts.append(f"**Evidence dated:** {format_date(evidence.date)}")
    facts.append(f"**Missing evidence counted as:** {assessment.missing.value}")
    lines = [f"# Predicted inspection: {unit}", "", "  \n".join(facts), ""]
    if evidence.note:
        lines += [f"> {escape_markdown(evidence.note)}", ""]
    return lines


def _grade_table(assessment: Assessment) -> list[str]:
    lines = [
        "## Grades",
        "",
        "| Judgement | Predicted grade (range) | Evidence coverage |",
        "|---|---|---|",
    ]
    overall = assessment.overall
    lines.append(
        f"| **{_cell(overall.title)}** | **{_grade_cell(overall, assessment)}** "
        f"| {format_share(overall.coverage)} |"
    )
    for result in assessment.judgements.values():
        lines.append(
            f"| {_cell(result.title)} | {_grade_cell(result, assessment)} "
            f"| {format_share(result.coverage)} |"
        )
    scale = assessment.framework.scale
    key = ", ".join(
        f"{grade_symbol(grade, scale)} {escape_markdown(grade.label)}" for grade in scale
    )
    lines += [
        "",
        f"Key: {key}. The range runs from the worst to the best grade the evidence allows.",
        "",
    ]
    return lines


def _summary(assessment: Assessment) -> list[str]:
    noun = unit_noun(assessment)
    grade = assessment.grade
    sentence = f"{noun} is predicted {grade_phrase(grade)}."
    overall = assessment.overall
    if overall.best is not None and overall.worst is not None and overall.best != overall.worst:
        sentence += (
            f" The evidence allows anything from {grade_label(overall.worst)} to "
            f"{grade_label(overall.best)}."
        )
    lines = ["## Summary", "", sentence]
    target = target_grade(assessment)
    gap_lines = collect_gap_lines(assessment, target)
    if target is not None and gap_lines:
        lines += ["", f"{escape_markdown(not_at_phrase(target))} because:", ""]
        for gap in gap_lines:
            blocking = " *(blocking)*" if gap.blocking else ""
            lines.append(f"- **{_cell(gap.title)}**: {escape_markdown(gap.text)}{blocking}")
    return [*lines, ""]


def _strengths(assessment: Assessment) -> list[str]:
    found, more = strengths(assessment)
    framework = assessment.framework
    lines = ["## Strengths", ""]
    if not found:
        return [*lines, "No criterion is yet at the next grade on the evidence given.", ""]
    for result in found:
        criterion = framework.criterion(result.id)
        text = strength_text(result, criterion, framework.scale)
        lines.append(f"- **{_cell(criterion.title)}**: {escape_markdown(text)}")
    if more:
        lines.append(f"- and {more} more {'criterion' if more == 1 else 'criteria'} at that level")
    return [*lines, ""]


def _plan(assessment: Assessment) -> list[str]:
    target = target_grade(assessment)
    lines = ["## What to do first", ""]
    if target is None:
        return [*lines, "Nothing: the prediction is already the best grade on the scale.", ""]
    plan = collect_plan_lines(assessment, target)
    if not plan.available:
        return [*lines, "No lift plan is available; start with the gaps in the summary.", ""]
    if not plan.reachable:
        return [*lines, escape_markdown(plan.reason), ""]
    if not plan.steps:
        return [*lines, "Nothing needs to change.", ""]
    label = escape_markdown(target.label)
    lines.append(f"The fewest changes predicted to lift the overall grade to {label}:")
    lines.append("")
    for number, (title, step) in enumerate(zip(plan.titles, plan.steps, strict=True), 1):
        rest = step.removeprefix(f"{title}: ")
        lines.append(f"{number}. **{_cell(title)}**: {escape_markdown(rest)}")
    return [*lines, ""]


def _evidence(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    lines = [
        "## Evidence",
        "",
        f"Evidence covers {format_share(assessment.coverage)} of the weighted criteria.",
    ]
    absent = [r for r in assessment.criteria.values() if r.status is Status.ABSENT]
    not_applicable = [r for r in assessment.criteria.values() if r.status is Status.NOT_APPLICABLE]
    if absent:
        lines += ["", "### Evidence still to collect", ""]
        for result in absent:
            criterion = framework.criterion(result.id)
            where = f": {escape_markdown(criterion.evidence)}" if criterion.evidence else ""
            lines.append(f"- **{_cell(criterion.title)}**{where}")
    else:
        lines += ["", "Every criterion has evidence."]
    if not_applicable:
        titles = ", ".join(_cell(framework.criterion(r.id).title) for r in not_applicable)
        lines += ["", f"Not applicable to this unit, and left out: {titles}."]
    return [*lines, ""]


def _caps(assessment: Assessment) -> list[str]:
    fired = assessment.fired_caps()
    if not fired:
        return []
    lines = ["## Limiting rules that applied", ""]
    lines += [f"- {escape_markdown(cap.reason)}" for cap in fired]
    return [*lines, ""]


def _criteria(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    scale = framework.scale
    lines = ["## Criteria", ""]
    for judgement in framework.judgements:
        result = assessment.judgements[judgement.id]
        lines += [
            f"### {escape_markdown(judgement.title)}: {escape_markdown(grade_with_range(result))}",
            "",
            escape_markdown(result.reason),
            "",
            "| Criterion | Evidence | Grade | Why |",
            "|---|---|---|---|",
        ]
        for criterion in judgement.criteria:
            cr = assessment.criteria[criterion.id]
            value = format_value(cr.entry, criterion, scale)
            if cr.status is Status.NOT_APPLICABLE:
                grade = "not applicable"
            else:
                grade = f"{grade_symbol(cr.grade, scale)} {escape_markdown(grade_with_range(cr))}"
            lines.append(
                f"| {_cell(criterion.title)} | {_cell(value)} | {grade} | {_cell(cr.reason)} |"
            )
        lines.append("")
    return lines


def _provenance(assessment: Assessment) -> list[str]:
    found = collect_provenance(assessment)
    lines = [f"## {PROVENANCE_HEADING}", ""]
    if not found:
        return [*lines, ALL_VERIFIED, ""]
    lines += [NOT_ALL_VERIFIED, ""]
    for item in found:
        source = f"; source: {escape_markdown(item.source)}" if item.source else ""
        note = f" — {escape_markdown(item.note)}" if item.note else ""
        lines.append(
            f"- {item.kind} — {escape_markdown(item.subject)} "
            f"(*{BASIS_WORDS[item.basis]}*{source}){note}"
        )
    return [*lines, ""]


def render_markdown(assessment: Assessment) -> str:
    """Return the assessment as a Markdown inspection report (see the module docstring)."""
    parts = [
        *_heading(assessment),
        *_grade_table(assessment),
        *_summary(assessment),
        *_strengths(assessment),
        *_plan(assessment),
        *_evidence(assessment),
        *_caps(assessment),
        *_criteria(assessment),
        *_provenance(assessment),
        "*Predicted by inspectkit. A mock inspection is a guide to preparation, "
        "not an inspection outcome.*",
    ]
    return "\n".join(parts) + "\n"


def render_table_markdown(table: AssessmentTable) -> str:
    """Return an `AssessmentTable` as Markdown: a row per unit, then a count per grade."""
    framework = table.framework
    scale = framework.scale
    judgements = framework.judgements
    head = ["Unit", "Date", framework.overall_title, *(j.title for j in judgements), "Coverage"]
    lines = [
        f"# Predicted grades: {escape_markdown(framework.title)}",
        "",
        "| " + " | ".join(escape_markdown(text) for text in head) + " |",
        "|" + "---|" * len(head),
    ]
    for assessment in table.assessments:
        cells = [
            _cell(assessment.evidence.unit),
            format_date(assessment.evidence.date) or " ",
            _grade_cell(assessment.overall, assessment),
            *(_grade_cell(assessment.judgements[j.id], assessment) for j in judgements),
            format_share(assessment.coverage),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    counts = table.grade_counts()
    summary = ", ".join(f"{escape_markdown(grade.label)}: {counts[grade.id]}" for grade in scale)
    lines += ["", f"{len(table)} units. Predicted overall: {summary}.", ""]
    return "\n".join(lines)
