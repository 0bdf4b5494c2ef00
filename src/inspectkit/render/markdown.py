"""Every result as Markdown: an assessment, a table of units, a group, a comparison, a timeline.

An assessment's report is laid out the way inspection reports are read.

The report opens with the grade table (overall and each judgement, with the range the evidence
allows), then says in plain words what the prediction is and why the unit is not at the next
grade, its strengths, what to do first, how complete the evidence is and what is still to
collect, the grade of every criterion with its reason, and finally which modelled or
third-party rules the prediction rests on::

    >>> print(assessment.to_markdown())          # doctest: +SKIP
    # Predicted inspection: Riverside Children's Centre
    ...

The group report opens with the grade table (the group and every member side by side), says
which members hold each group grade down, where members differ more than the framework allows,
how pooled evidence was made (for the ``pooled`` rule), and the gaps that stand between the
group and the next grade.

The comparison reads as a quarterly progress report to a cabinet member: where the unit stands
now against where it stood, in one sentence; the grade table before and after; the key figures
(registration, sustained contact, take-up...) with how far each moved; the gaps closed, opened
and still open; and any change in the framework between the two runs, since a grade that moved
because the rules changed is not progress. A timeline gives the grades and key figures run by
run, and one line per step.

Every string that comes from a framework or evidence file is escaped, so a unit name with
``|`` or ``<script>`` cannot break the table or inject markup where Markdown is shown as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from inspectkit._words import grade_label, next_grade, percent
from inspectkit.evidence import Evidence
from inspectkit.grades import Grade, GradeScale
from inspectkit.render._common import (
    ALL_VERIFIED,
    BASIS_WORDS,
    GROUP_FINDINGS_HEADING,
    GROUP_RULE_WORDS,
    HOLDING_DOWN,
    HOLDS_WORDS,
    MATRIX_NOTE,
    MOVEMENT_ARROWS,
    NO_FINDINGS_RULE,
    NO_OVERALL,
    NO_OVERALL_PLAN,
    NOT_ALL_VERIFIED,
    PROVENANCE_HEADING,
    STATUS_WORDS,
    STATUSES_HEADING,
    UNGRADED_RULE,
    WHAT_IF_NOTE,
    WHAT_IF_TITLE,
    ListedFinding,
    absent_text,
    cap_words,
    change_text,
    changed_findings,
    check_words,
    collect_gap_lines,
    collect_plan_lines,
    collect_provenance,
    comparison_criterion,
    comparison_headline,
    comparison_key_figures,
    comparison_rows,
    consistency_text,
    count_share,
    criterion_grades_text,
    declared_change_text,
    entry_text,
    finding_lines,
    findings_moved,
    format_date,
    format_value,
    gap_flags,
    gap_needs,
    gap_now,
    grade_distribution,
    grade_phrase,
    grade_symbol,
    grade_with_range,
    group_absent_text,
    group_findings,
    group_gap_sources,
    is_better,
    key_figure_criteria,
    member_value,
    method_words,
    miss_headline,
    movement_value_text,
    movement_words,
    not_at_phrase,
    other_remarks,
    out_of_force,
    plan_scope_title,
    plan_step_lines,
    plan_summary,
    plan_verified,
    provenance_text,
    remark_text,
    result_answer,
    run_label,
    status_lines,
    step_label,
    strength_text,
    strengths,
    threshold_words,
    unit_noun,
    what_if_changes,
    what_if_gaps,
    what_if_moves,
)
from inspectkit.results import (
    Agreement,
    Assessment,
    CalibrationReport,
    Comparison,
    CriterionResult,
    Gap,
    GroupAssessment,
    JudgementResult,
    LiftPlan,
    Movement,
    Status,
    Timeline,
    WhatIf,
)
from inspectkit.rubric import OVERALL, Framework, GroupMethod, Measure

if TYPE_CHECKING:
    from inspectkit.results import AssessmentTable

__all__ = [
    "calibration_to_markdown",
    "comparison_to_markdown",
    "criterion_result_to_markdown",
    "escape_markdown",
    "evidence_to_markdown",
    "framework_to_markdown",
    "gap_to_markdown",
    "gaps_to_markdown",
    "group_to_markdown",
    "judgement_to_markdown",
    "plan_to_markdown",
    "render_markdown",
    "render_table_markdown",
    "timeline_to_markdown",
    "what_if_to_markdown",
]

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What opens a block when it starts a line: a bullet (``-`` or ``+`` and a space), an ordered
# list item (``1.`` or ``1)`` and a space), a thematic break or setext underline (a run of
# ``-`` or ``=``), a quote (``>``). ``*``, ``#`` and fences are escaped wherever they are.
_BULLET_OR_RULE = re.compile(r"[-+](?:\s|$)|[-=]+$")
_ORDERED = re.compile(r"(\d{1,9})[.)](?:\s|$)")


def escape_markdown(text: str) -> str:
    r"""Return *text* safe to place in Markdown prose, a heading or a table cell.

    The one escaping rule of every Markdown output: whatever a framework or an evidence file
    says, it can add no markup and change no structure of the report.

    - ``<`` becomes ``&lt;``, so Markdown shown as HTML cannot carry a tag (``<script>``,
      ``"><img onerror=...>``) or an autolink (``<javascript:...>``); an ``&`` that would start
      an entity becomes ``&amp;``. ``>`` and other ``&`` are left: without ``<`` they open no
      tag, so ``->`` and ``Q&A`` stay as written.
    - The characters Markdown gives meaning to inline are backslash-escaped: ``\``,
      backticks, ``*``, ``_``, ``[``, ``]`` (so no link, image or reference definition, and no
      ``javascript:`` target), ``|`` (a cell stays a cell), ``#`` and ``~``.
    - Line breaks and runs of white space become one space, so a cell stays on its row and a
      line cannot start a heading, a list or a fence of its own.
    - What would open a block at the start of a line is escaped there only: ``>``, a bullet
      (``- `` / ``+ ``), an ordered item (``1. ``), a run of ``-`` or ``=``. Text such as
      ``-3 points`` or ``+6.5 points`` is left as it is.
    """
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if text.startswith(">") or _BULLET_OR_RULE.match(text):
        return "\\" + text
    ordered = _ORDERED.match(text)
    if ordered:
        return ordered.group(1) + "\\" + text[ordered.end(1) :]
    return text


def _cell(text: str) -> str:
    return escape_markdown(text) or " "


def _grade_cell(
    grade: Grade | None,
    scale: GradeScale,
    best: Grade | None = None,
    worst: Grade | None = None,
    *,
    text: str = "",
) -> str:
    """Return a grade as a table cell: its dots, its label and, if it has one, its range.

    *text*, where given, is written in place of the label (``not graded: no sixth form`` for a
    judgement that does not apply), as the unit report writes it.
    """
    label = text or grade_with_range(grade, best, worst)
    return f"{grade_symbol(grade, scale)} {escape_markdown(label)}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _heading(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    evidence = assessment.evidence
    unit = escape_markdown(evidence.unit) or "unnamed unit"
    version = escape_markdown(framework.version)
    facts = [f"**Framework:** {escape_markdown(framework.title)} (version {version})"]
    if evidence.date:
        facts.append(f"**Evidence dated:** {format_date(evidence.date)}")
    if evidence.source:
        facts.append(f"**Source:** {escape_markdown(evidence.source)}")
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
    scale = assessment.framework.scale
    overall = assessment.overall
    if assessment.framework.has_overall:
        grade = _grade_cell(overall.grade, scale, overall.best, overall.worst)
        lines.append(f"| **{_cell(overall.title)}** | **{grade}** | {percent(overall.coverage)} |")
    for result in assessment.judgements.values():
        grade = _grade_cell(result.grade, scale, result.best, result.worst)
        if result.absent_text:
            grade = f"{grade_symbol(None, scale)} {escape_markdown(result.absent_text)}"
        lines.append(f"| {_cell(result.title)} | {grade} | {percent(result.coverage)} |")
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
    note = out_of_force(assessment)
    if note:
        return [*_plain_summary(assessment)[:-1], "", f"**{escape_markdown(note)}**", ""]
    return _plain_summary(assessment)


def _plain_summary(assessment: Assessment) -> list[str]:
    if not assessment.framework.has_overall:
        return ["## Summary", "", escape_markdown(NO_OVERALL), ""]
    noun = unit_noun(assessment)
    grade = assessment.grade
    sentence = f"{noun} is predicted {grade_phrase(grade)}."
    overall = assessment.overall
    if overall.best is not None and overall.worst is not None and overall.best != overall.worst:
        sentence += (
            f" The evidence allows anything from {grade_label(overall.worst)} to "
            f"{grade_label(overall.best)}."
        )
    # The kind of unit and the grade labels are the framework's and the evidence's words.
    lines = ["## Summary", "", escape_markdown(sentence)]
    target = next_grade(assessment.framework.scale, assessment.grade)
    gap_lines = collect_gap_lines(assessment, target)
    if target is not None and gap_lines:
        lines += ["", f"{escape_markdown(not_at_phrase(target))} because:", ""]
        for gap in gap_lines:
            blocking = " *(blocking)*" if gap.blocking else ""
            lines.append(f"- **{_cell(gap.title)}**: {escape_markdown(gap.text)}{blocking}")
    return [*lines, ""]


def _statuses(assessment: Assessment | GroupAssessment) -> list[str]:
    lines = status_lines(assessment)
    if not lines:
        return []
    items = [f"- **{_cell(title)}**: {escape_markdown(text)}" for title, text in lines]
    return [f"## {STATUSES_HEADING}", "", *items, ""]


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
    target = next_grade(assessment.framework.scale, assessment.grade)
    lines = ["## What to do first", ""]
    if not assessment.framework.has_overall:
        # Our own sentence, not user text: its backticks are meant as a code span.
        return [*lines, NO_OVERALL_PLAN, ""]
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
    if plan.stopped:
        lines += ["", escape_markdown(plan.stopped)]
    return [*lines, ""]


def _evidence(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    lines = [
        "## Evidence",
        "",
        f"Evidence covers {percent(assessment.coverage)} of the weighted criteria.",
    ]
    absent = assessment.to_collect()
    not_applicable = [r for r in assessment.criteria.values() if r.status is Status.NOT_APPLICABLE]
    if absent:
        lines += ["", "### Evidence still to collect", ""]
        remarks = assessment.evidence.remarks
        for result in absent:
            criterion = framework.criterion(result.id)
            where = f": {escape_markdown(criterion.evidence)}" if criterion.evidence else ""
            remark = remarks.get(result.id)
            said = f" *({escape_markdown(remark_text(remark))})*" if remark else ""
            lines.append(f"- **{_cell(criterion.title)}**{where}{said}")
    else:
        lines += ["", "Every criterion has evidence."]
    others = other_remarks(assessment)
    if others:
        lines += ["", "Also recorded without evidence:", ""]
        lines += [f"- **{_cell(title)}**: {escape_markdown(text)}" for title, text in others]
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
        grade = grade_with_range(result.grade, result.best, result.worst)
        lines += [
            f"### {escape_markdown(judgement.title)}: {escape_markdown(grade)}",
            "",
            escape_markdown(result.reason),
            "",
            "| Criterion | Evidence | Grade | Why |",
            "|---|---|---|---|",
        ]
        for criterion in judgement.criteria:
            cr = assessment.criteria[criterion.id]
            value = format_value(cr.entry, criterion, scale)
            answer = check_words(cr, criterion)
            if cr.status is Status.NOT_APPLICABLE:
                grade = "not applicable"
            elif answer is not None:
                grade = answer
            else:
                grade = _grade_cell(cr.grade, scale, cr.best, cr.worst)
            lines.append(
                f"| {_cell(criterion.title)} | {_cell(value)} | {grade} | {_cell(cr.reason)} |"
            )
        lines.append("")
        lines += _findings(result, framework)
    return lines


def _findings(result: JudgementResult, framework: Framework) -> list[str]:
    if not result.findings:
        return []
    lines = ["**Strengths and weaknesses found:**", ""]
    for line in finding_lines(result, framework):
        holds = f" *({HOLDS_WORDS})*" if line.holds else ""
        detail = f" ({escape_markdown(line.detail)})" if line.detail else ""
        lines.append(f"- **{line.label}**: {escape_markdown(line.text)}{detail}{holds}")
    if result.findings_result is None:
        lines += ["", f"*{NO_FINDINGS_RULE}*"]
    return [*lines, ""]


def _provenance(assessment: Assessment) -> list[str]:
    """The unverified rules as one compact table, each source written once in a list below.

    As in the HTML report: a framework cites a handful of sources for dozens of rules, so each
    row carries its source's number instead of repeating the source's title.
    """
    found = collect_provenance(assessment)
    lines = [f"## {PROVENANCE_HEADING}", ""]
    if not found:
        return [*lines, ALL_VERIFIED, ""]
    sources: list[str] = []
    rows = []
    for item in found:
        ref = ""
        if item.source:
            if item.source not in sources:
                sources.append(item.source)
            ref = f"[{sources.index(item.source) + 1}]"
        basis = f"*{escape_markdown(BASIS_WORDS[item.basis])}*"
        cells = [_cell(item.subject), _cell(item.kind), basis, _cell(ref), _cell(item.note)]
        rows.append(_row(cells))
    lines += [
        NOT_ALL_VERIFIED,
        "",
        "| Rule | Kind | Basis | Source | Note |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]
    if sources:
        lines += ["Sources:", ""]
        lines += [f"{number}. {_cell(source)}" for number, source in enumerate(sources, 1)]
        lines.append("")
    return lines


def render_markdown(
    assessment: Assessment,
    *,
    target: Grade | str | int | None = None,
    what_if: WhatIf | None = None,
) -> str:
    """Return the assessment as a Markdown inspection report (see the module docstring).

    Args:
        assessment: The assessment (for a what-if, the re-scored one).
        target: Add the ranked gaps to this grade and the lift plan to it, after the plan.
        what_if: Report *assessment* as this what-if: headed as hypothetical, with the
            changes and what they moved before the grades.
    """
    heading = _heading(assessment)
    footer = (
        "*Predicted by inspectkit. A mock inspection is a guide to preparation, "
        "not an inspection outcome.*"
    )
    if what_if is not None:
        unit = escape_markdown(assessment.evidence.unit) or "unnamed unit"
        heading = [
            f"# {WHAT_IF_TITLE}: {unit}",
            "",
            f"> **{escape_markdown(WHAT_IF_NOTE)}**",
            "",
            *heading[2:],
            *_what_if_section(what_if),
        ]
        footer = f"*{escape_markdown(WHAT_IF_NOTE)}*\n\n{footer}"
    grades = _grade_table(assessment)
    if what_if is not None:
        grades[0] = "## Grades with the what-if changes"
    parts = [
        *heading,
        *grades,
        *_summary(assessment),
        *_statuses(assessment),
        *_strengths(assessment),
        *_plan(assessment),
        *(_target_section(assessment, target) if target is not None else []),
        *_evidence(assessment),
        *_caps(assessment),
        *_criteria(assessment),
        *_provenance(assessment),
        footer,
    ]
    return "\n".join(parts) + "\n"


def _what_if_section(what_if: WhatIf) -> list[str]:
    lines = ["## What-if changes", "", "| Criterion | Recorded | What-if |", "|---|---|---|"]
    for title, recorded, changed in what_if_changes(what_if):
        lines.append(_row([_cell(title), _cell(recorded), _cell(changed)]))
    lines += ["", "## What the changes moved", ""]
    moves = what_if_moves(what_if)
    lines += [f"- {escape_markdown(line)}" for line in moves] or ["No grade moved."]
    return [*lines, "", escape_markdown(what_if_gaps(what_if)), ""]


def _target_section(assessment: Assessment, target: Grade | str | int) -> list[str]:
    """The ranked gaps to *target* and the lift plan to it, as two sections of the report."""
    gaps = assessment.gaps(target)
    goal = gaps.target
    assert goal is not None  # find_gaps always resolves its target
    plan = assessment.lift_plan(goal)
    label = escape_markdown(goal.label)
    gap_table = gaps_to_markdown(gaps, goal).splitlines()[2:]
    plan_lines = plan_to_markdown(plan).splitlines()[2:]
    return [
        f"## Gaps to {label}, most urgent first",
        "",
        *gap_table,
        "",
        f"## Lift plan to {label}",
        "",
        *plan_lines,
        "",
    ]


def what_if_to_markdown(what_if: WhatIf, *, target: Grade | str | int | None = None) -> str:
    """Return a what-if as a Markdown report: hypothetical at the top, then the changes."""
    return render_markdown(what_if.after, target=target, what_if=what_if)


def render_table_markdown(table: AssessmentTable) -> str:
    """Return an `AssessmentTable` as Markdown: a row per unit, then a count per grade."""
    framework = table.framework
    scale = framework.scale
    judgements = framework.judgements
    overall = [framework.overall_title] if framework.has_overall else []
    head = ["Unit", "Date", *overall, *(j.title for j in judgements), "Coverage"]
    lines = [
        f"# Predicted grades: {escape_markdown(framework.title)}",
        "",
        "| " + " | ".join(escape_markdown(text) for text in head) + " |",
        "|" + "---|" * len(head),
    ]
    for assessment in table.assessments:
        results = [
            *([assessment.overall] if framework.has_overall else []),
            *(assessment.judgements[j.id] for j in judgements),
        ]
        cells = [
            _cell(assessment.evidence.unit),
            format_date(assessment.evidence.date) or " ",
            *(_grade_cell(r.grade, scale, r.best, r.worst) for r in results),
            percent(assessment.coverage),
        ]
        lines.append(_row(cells))
    counts = table.grade_counts()
    summary = ", ".join(f"{escape_markdown(grade.label)}: {counts[grade.id]}" for grade in scale)
    if framework.has_overall:
        lines += ["", f"{len(table)} units. Predicted overall: {summary}.", ""]
    else:
        lines += ["", f"{len(table)} units. This framework gives no overall grade.", ""]
    rows = grade_distribution(table)
    if rows:  # the HTML table's distribution chart, in words
        head = ["Grade distribution", *(grade.label for grade in scale), "Not graded"]
        lines += ["| " + " | ".join(escape_markdown(text) for text in head) + " |"]
        lines.append("|" + "---|" * len(head))
        for title, counts, ungraded in rows:
            lines.append(_row([escape_markdown(title), *map(str, counts.values()), str(ungraded)]))
        lines.append("")
    return "\n".join(lines)


# --- Groups -----------------------------------------------------------------------------------


def group_to_markdown(group: GroupAssessment) -> str:  # noqa: PLR0915 - one report, in order
    """Return the group report as Markdown (see the module docstring)."""
    framework = group.framework
    scale = framework.scale
    names = list(group.members)
    rule = group.rule
    lines = [f"# Group assessment: {escape_markdown(group.unit)}", ""]
    meta = [
        f"Framework: {escape_markdown(framework.title)} "
        f"(version {escape_markdown(framework.version)})",
        f"Members: {len(names)}",
        f"Group rule: {GROUP_RULE_WORDS[rule.rule]} "
        f"({escape_markdown(provenance_text(framework, rule.provenance))})",
    ]
    if group.date:
        meta.insert(1, f"Date: {format_date(group.date)}")
    lines += [line + "  " for line in meta[:-1]] + [meta[-1], ""]
    held = group.overall.holding_down
    summary = f"The group is predicted to be **{escape_markdown(grade_label(group.grade))}**"
    if held:
        summary += ", held down by " + ", ".join(escape_markdown(name) for name in held)
    # With no overall grade: the unit report's sentence, and no overall row, reason or gaps.
    lines += [summary + "." if framework.has_overall else escape_markdown(NO_OVERALL), ""]
    if rule.provenance.note:
        lines += [f"> {escape_markdown(rule.provenance.note)}", ""]

    lines += ["## Grades", ""]
    header = ["", "Group", *(escape_markdown(name) or " " for name in names)]
    lines.append(_row(header))
    lines.append("|" + "---|" * len(header))
    rows = [*([group.overall] if framework.has_overall else []), *group.judgements.values()]
    for result in rows:
        cells = [
            f"**{escape_markdown(result.title)}**"
            if result.id == OVERALL
            else escape_markdown(result.title),
            _grade_cell(
                result.grade,
                scale,
                result.best,
                result.worst,
                text=group_absent_text(group, result.id),
            ),
        ]
        for name in names:
            member = group.members[name]
            own = member.result(result.id)
            mark = f" {HOLDING_DOWN}" if name in result.holding_down else ""
            text = absent_text(member, result.id)
            cells.append(_grade_cell(own.grade, scale, text=text) + mark)
        lines.append(_row(cells))
    lines += ["", f"{HOLDING_DOWN} marks a member that holds the group grade down.", ""]
    lines += _statuses(group)

    lines += ["## Why", ""]
    for result in rows:
        lines.append(f"- **{escape_markdown(result.title)}**: {escape_markdown(result.reason)}")
    lines.append("")

    lines += _group_key_figures(group)
    lines += ["## Consistency between members", ""]
    if group.inconsistencies:
        for item in group.inconsistencies:
            lines.append(f"- {escape_markdown(item.reason)}")
    else:
        lines.append(consistency_text(group))
    lines.append("")

    if rule.rule is GroupMethod.POOLED:
        lines += ["## Pooled evidence", ""]
        pooled = ", ".join(escape_markdown(framework.criterion(c).title) for c in group.pooled)
        lines.append(f"Pooled from members' counts: {pooled or 'none'}.")
        if group.weakest_evidence:
            lines += ["", "Taken from the weakest member, since they cannot be summed:", ""]
            for cid, name in group.weakest_evidence.items():
                lines.append(
                    f"- {escape_markdown(framework.criterion(cid).title)}: {escape_markdown(name)}"
                )
        lines.append("")

    target = next_grade(group.framework.scale, group.grade) if framework.has_overall else None
    if target is not None:
        lines += [f"## What stands between the group and {escape_markdown(target.label)}", ""]
        sources = group_gap_sources(group)
        if not sources:
            lines.append("No single member holds the group down.")
        for name, assessment in sources.items():
            gap_lines = collect_gap_lines(assessment, target)
            if not gap_lines:
                continue
            lines += [f"### {escape_markdown(name)}", ""]
            for gap in gap_lines:
                mark = " (blocking)" if gap.blocking else ""
                lines.append(f"- {escape_markdown(gap.title)}{mark}: {escape_markdown(gap.text)}")
            lines.append("")
        if lines[-1] != "":
            lines.append("")

    listed = group_findings(group)
    if listed:
        lines += [f"## {GROUP_FINDINGS_HEADING}", ""]
        lines += _listed_findings(listed)
        lines.append("")

    lines += ["## Coverage", ""]
    lines.append(f"Group: {percent(group.coverage)}.")
    for name in names:
        lines.append(f"- {escape_markdown(name)}: {percent(group.members[name].coverage)}")
    lines.append("")
    return "\n".join(lines)


def _listed_findings(listed: list[ListedFinding]) -> list[str]:
    """The findings of a group or a comparison, one line each under its judgements."""
    lines = []
    for finding in listed:
        members = f" ({escape_markdown(finding.members)})" if finding.members else ""
        lines.append(
            f"- {escape_markdown(finding.judgements)} — **{finding.label}**: "
            f"{escape_markdown(finding.text)}{members}"
        )
    return lines


def _group_key_figures(group: GroupAssessment) -> list[str]:
    """The measured criteria, member by member: where differences between centres show."""
    measured = key_figure_criteria(group)
    if not measured:
        return []
    names = list(group.members)
    pooled = group.assessment
    header = ["Measure", *(["Group"] if pooled is not None else []), *names]
    lines = ["## Key figures by member", ""]
    lines.append(_row([escape_markdown(cell) or " " for cell in header]))
    lines.append("|" + "---|" * len(header))
    for criterion in measured:
        cells = [criterion.title]
        if pooled is not None:
            cells.append(member_value(group, pooled, criterion.id))
        for name in names:
            text = member_value(group, group.members[name], criterion.id)
            if name in group.criteria[criterion.id].holding_down:
                text += f" {HOLDING_DOWN}"
            cells.append(text)
        lines.append(_row([escape_markdown(cell) or " " for cell in cells]))
    lines.append("")
    return lines


# --- Comparisons and timelines ----------------------------------------------------------------


def _movement_cell(
    comparison: Comparison, movement: Movement, scale: GradeScale, *, after: bool
) -> str:
    grade = movement.after if after else movement.before
    best, worst = movement.after_range if after else movement.before_range
    assessment = comparison.after if after else comparison.before
    return _grade_cell(grade, scale, best, worst, text=absent_text(assessment, movement.id))


def _gap_lines(comparison: Comparison, ids: tuple[str, ...]) -> list[str]:
    lines = []
    for criterion_id in ids:
        movement = comparison.criteria[criterion_id]
        before = movement_value_text(comparison, movement, movement.before_value) or "no evidence"
        after = movement_value_text(comparison, movement, movement.after_value) or "no evidence"
        criterion = comparison_criterion(comparison, criterion_id)
        if criterion is not None and criterion.measure in (Measure.PROPORTION, Measure.QUANTITY):
            before += f" ({grade_label(movement.before)})"
            after += f" ({grade_label(movement.after)})"
        text = before if before == after else f"{before} → {after}"
        lines.append(f"- {escape_markdown(movement.title)}: {escape_markdown(text)}")
    return lines


def comparison_to_markdown(comparison: Comparison) -> str:  # noqa: PLR0915 - one report, in order
    """Return the comparison as a Markdown progress report (see the module docstring)."""
    before, after = comparison.before, comparison.after
    framework = after.framework
    scale = framework.scale
    when_before = format_date(before.evidence.date) or "earlier"
    when_after = format_date(after.evidence.date) or "later"
    lines = [f"# Progress report: {escape_markdown(comparison.unit)}", ""]
    lines += [
        f"Framework: {escape_markdown(framework.title)} "
        f"(version {escape_markdown(framework.version)})  ",
        f"Period: {when_before} to {when_after}  ",
        f"Measured against: {escape_markdown(comparison.target.label)}",
        "",
    ]
    closed, opened, still = (
        len(comparison.gaps_closed),
        len(comparison.gaps_opened),
        len(comparison.gaps_open),
    )
    summary = [
        escape_markdown(comparison_headline(comparison)),
        f"Since {when_before}, {closed} {'gap' if closed == 1 else 'gaps'} to "
        f"{escape_markdown(comparison.target.label)} closed, {opened} opened and "
        f"{still} {'remains' if still == 1 else 'remain'} open.",
        f"Evidence covers {percent(after.coverage)} of the framework "
        f"(was {percent(before.coverage)}).",
    ]
    lines += ["## Summary", "", " ".join(summary), ""]
    if comparison.framework_changes or comparison.declared_changes:
        lines += [
            "> The framework changed between the two runs (version "
            f"{escape_markdown(before.framework.version)} to "
            f"{escape_markdown(framework.version)}); some movement may come from the new "
            "rules rather than from the work done. See *Framework changes* below.",
            "",
        ]

    lines += ["## Grades", ""]
    lines.append(f"| | {when_before} | {when_after} | Movement |")
    lines.append("|---|---|---|---|")
    for movement in comparison_rows(comparison):
        title = escape_markdown(movement.title)
        if movement.kind == "overall":
            title = f"**{title}**"
        lines.append(
            f"| {title} | {_movement_cell(comparison, movement, scale, after=False)} | "
            f"{_movement_cell(comparison, movement, scale, after=True)} | "
            f"{MOVEMENT_ARROWS[movement.direction]} {movement_words(movement)} |"
        )
    lines.append("")

    figures = comparison_key_figures(comparison)
    if figures:
        lines += ["## Key figures", ""]
        lines.append(f"| Measure | {when_before} | {when_after} | Change | Grade |")
        lines.append("|---|---|---|---|---|")
        for movement, criterion in figures:
            change = movement.value_change
            words = "" if change is None else change_text(criterion, change)
            if change and is_better(criterion, change):
                words += " (better)"
            elif change:
                words += " (worse)"
            grade_text = grade_label(movement.before)
            if movement.before != movement.after:
                grade_text += f" → {grade_label(movement.after)}"
            cells = [
                movement.title,
                movement_value_text(comparison, movement, movement.before_value) or "no evidence",
                movement_value_text(comparison, movement, movement.after_value) or "no evidence",
                words,
                grade_text,
            ]
            lines.append(_row([escape_markdown(c) or " " for c in cells]))
        lines.append("")

    others = [
        m
        for m in comparison.criteria.values()
        if m.before != m.after and all(m is not row for row, _ in figures)
    ]
    if others:
        lines += ["## Other criteria that moved", ""]
        for movement in others:
            moved = f"{grade_label(movement.before)} → {grade_label(movement.after)}"
            lines.append(f"- {escape_markdown(movement.title)}: {escape_markdown(moved)}")
        lines.append("")

    for heading, ids, empty in (
        ("Gaps closed", comparison.gaps_closed, "None this period."),
        ("Gaps opened", comparison.gaps_opened, "None."),
        ("Still open", comparison.gaps_open, "None: every criterion reaches the target."),
    ):
        lines += [f"## {heading}", ""]
        lines += _gap_lines(comparison, ids) or [empty]
        lines.append("")

    for heading, listed in changed_findings(comparison):
        lines += [f"## {heading}", ""]
        lines += _listed_findings(listed)
        lines.append("")

    if comparison.framework_changes or comparison.declared_changes:
        lines += ["## Framework changes", ""]
    if comparison.declared_changes:
        lines += ["What the newer framework says it changed:", ""]
        lines += [
            f"- **{escape_markdown(change.id)}**: {escape_markdown(declared_change_text(change))}"
            for change in comparison.declared_changes
        ]
        lines.append("")
        if comparison.framework_changes:
            lines += ["What differs in the rules:", ""]
    if comparison.framework_changes:
        lines += [f"- {escape_markdown(change.detail)}" for change in comparison.framework_changes]
        lines.append("")
    return "\n".join(lines)


def timeline_to_markdown(timeline: Timeline) -> str:
    """Return the timeline as a Markdown progress report: grades and key figures over time."""
    latest = timeline.assessments[-1]
    framework = latest.framework
    columns = [run_label(a, i) for i, a in enumerate(timeline.assessments)]
    lines = [f"# Progress over time: {escape_markdown(timeline.unit)}", ""]
    lines += [
        f"Framework: {escape_markdown(framework.title)}  ",
        f"Runs: {len(timeline.assessments)}  ",
        f"Measured against: {escape_markdown(timeline.target.label)}",
        "",
    ]
    first = timeline.overall()
    if first is not None:
        lines += ["## Summary", "", escape_markdown(comparison_headline(first)), ""]
    lines += ["## Grades", "", "| | " + " | ".join(columns) + " |"]
    lines.append("|---|" + "---|" * len(columns))
    rows = [(OVERALL, framework.overall_title)] if framework.has_overall else []
    rows += [(j.id, j.title) for j in framework.judgements]
    for ident, title in rows:
        runs = zip(timeline.grades(ident), timeline.assessments, strict=True)
        cells = [
            _grade_cell(grade, framework.scale, text=absent_text(assessment, ident))
            for grade, assessment in runs
        ]
        lines.append(f"| {escape_markdown(title)} | " + " | ".join(cells) + " |")
    lines.append("")
    figures = [
        c for c in framework.criteria() if c.measure in (Measure.PROPORTION, Measure.QUANTITY)
    ]
    figures = [c for c in figures if any(v is not None for v in timeline.values(c.id))]
    if figures:
        lines += ["## Key figures", "", "| Measure | " + " | ".join(columns) + " | Thresholds |"]
        lines.append("|---|" + "---|" * (len(columns) + 1))
        for criterion in figures:
            cells = []
            for assessment in timeline.assessments:
                entry = assessment.evidence.entries.get(criterion.id)
                cells.append(escape_markdown(format_value(entry, criterion, framework.scale)))
            # The thresholds the HTML chart draws as lines, in words.
            cells.append(escape_markdown(threshold_words(criterion, framework.scale)) or " ")
            lines.append(f"| {escape_markdown(criterion.title)} | " + " | ".join(cells) + " |")
        lines.append("")
    if timeline.steps:
        lines += ["## Quarter by quarter", ""]
        for step in timeline.steps:
            lines.append(
                f"- {step_label(step)}: {escape_markdown(comparison_headline(step))} "
                f"{len(step.gaps_closed)} closed, {len(step.gaps_opened)} opened, "
                f"{len(step.gaps_open)} still open." + findings_moved(step)
            )
        lines.append("")
        for step in timeline.steps:
            for heading, listed in changed_findings(step):
                lines += [f"### {heading}, {escape_markdown(step_label(step))}", ""]
                lines += _listed_findings(listed)
                lines.append("")
    return "\n".join(lines)


# --- Calibration ------------------------------------------------------------------------------


def _agreement_row(agreement: Agreement) -> str:
    n = agreement.n
    baseline = agreement.baseline
    return _row(
        [
            escape_markdown(agreement.title),
            str(n),
            count_share(agreement.exact, n),
            count_share(agreement.within_one, n),
            escape_markdown(grade_label(baseline.grade)),
            count_share(baseline.exact, n),
            count_share(baseline.within_one, n),
        ]
    )


def _matrix(agreement: Agreement, scale: GradeScale) -> list[str]:
    labels = [escape_markdown(grade.label) for grade in scale]
    lines = [
        f"### {escape_markdown(agreement.title)}",
        "",
        _row(["Published / predicted", *labels, "Not graded"]),
        "|---|" + "---|" * (len(labels) + 1),
    ]
    for grade, row in zip(scale, agreement.matrix, strict=True):
        lines.append(_row([escape_markdown(grade.label), *(str(count) for count in row)]))
    return [*lines, ""]


def calibration_to_markdown(report: CalibrationReport) -> str:
    """Return a calibration report as Markdown: agreement, confusion matrices, misses."""
    framework = report.framework
    titles = {item.target: item.title for item in (report.overall, *report.judgements.values())}
    agreements = [report.overall, *report.judgements.values(), report.pooled]
    lines = [f"# Calibration: {escape_markdown(framework.title)}", ""]
    lines += [
        f"Framework: {escape_markdown(framework.id)} {escape_markdown(framework.version)}  ",
        f"Cases compared: {len(report.cases)}  ",
        f"Missing evidence: {report.missing.value}",
        "",
        "## Agreement",
        "",
        _row(
            [
                " ",
                "Cases",
                "Exact",
                "Within one",
                "Commonest grade",
                "Baseline exact",
                "Baseline within one",
            ]
        ),
        "|---|---|---|---|---|---|---|",
        *(_agreement_row(agreement) for agreement in agreements),
        "",
        "The baseline always answers the grade published most often for that row. " + UNGRADED_RULE,
        "",
        "## Confusion matrices",
        "",
        MATRIX_NOTE,
        "",
    ]
    for agreement in agreements:
        lines += _matrix(agreement, framework.scale)
    lines += ["## Misses", ""]
    if not report.misses:
        lines += ["Every graded prediction is the published grade.", ""]
    for miss in report.misses:
        lines += [
            f"### {escape_markdown(miss.case)}",
            "",
            escape_markdown(miss_headline(miss, titles[miss.target])),
            "",
            *(f"- {escape_markdown(reason)}" for reason in miss.reasons),
            "",
        ]
    if report.ungraded:
        lines += ["## Not graded", "", UNGRADED_RULE, ""]
        for miss in report.ungraded:
            headline = miss_headline(miss, titles[miss.target])
            reason = f": {miss.reasons[0]}" if miss.reasons else ""
            lines.append(f"- {escape_markdown(miss.case)}: {escape_markdown(headline + reason)}")
        lines.append("")
    if report.no_evidence or report.no_outcome:
        lines += ["## Not compared", ""]
        if report.no_evidence:
            names = ", ".join(escape_markdown(name) for name in report.no_evidence)
            lines.append(f"- Published outcomes with no evidence file: {names}")
        if report.no_outcome:
            names = ", ".join(escape_markdown(name) for name in report.no_outcome)
            lines.append(f"- Evidence files with no published grade: {names}")
        lines.append("")
    return "\n".join(lines)


# --- Notebook views of the smaller results ----------------------------------------------------
# What a gap, a gap list, a lift plan, a judgement, a framework and evidence show in a notebook
# cell (their `_repr_markdown_`); the HTML module has the same views, in the same words.


def _steps_up(gap: Gap) -> str:
    """`` (2 grades up)`` for a graded measure; a check is met or not, so nothing."""
    if gap.target_value is True:
        return ""
    return f" ({gap.steps} {'grade' if gap.steps == 1 else 'grades'} up)"


def gap_to_markdown(gap: Gap) -> str:
    """Return one gap as Markdown: its title, what it needs, its grades and its flags."""
    flags = gap_flags(gap)
    marks = f" *({', '.join(flags)})*" if flags else ""
    lines = [
        f"**{_cell(gap.title)}** ({escape_markdown(gap.criterion)}): "
        f"{escape_markdown(gap.need)}{marks}",
        "",
        f"Now {escape_markdown(gap_now(gap))}; needs "
        f"{'to be ' if gap.target_value is True else ''}{escape_markdown(gap_needs(gap))}"
        f"{_steps_up(gap)}.",
    ]
    if gap.actions:
        lines += ["", f"For example: {escape_markdown(gap.actions[0])}"]
    return "\n".join(lines) + "\n"


def gaps_to_markdown(gaps: Sequence[Gap], target: Grade | None) -> str:
    """Return gaps as a Markdown table, most urgent first (a `GapList`'s display)."""
    heading = f"Gaps to {escape_markdown(target.label)}" if target is not None else "Gaps"
    lines = [f"**{heading}, most urgent first**", ""]
    if not gaps:
        return "\n".join([*lines, "None: the grade already reaches the target."]) + "\n"
    lines += ["| # | Criterion | Now | What is needed | Needs | |", "|---|---|---|---|---|---|"]
    for number, gap in enumerate(gaps, 1):
        cells = [
            str(number),
            _cell(gap.title),
            _cell(gap_now(gap)),
            _cell(gap.need),
            _cell(gap_needs(gap)),
            _cell(", ".join(gap_flags(gap))),
        ]
        lines.append(_row(cells))
    return "\n".join(lines) + "\n"


def plan_to_markdown(plan: LiftPlan) -> str:
    """Return a lift plan as Markdown: what it does, each step by title, how it was checked."""
    scope = escape_markdown(plan_scope_title(plan))
    lines = [f"**Lift plan: {scope} to {escape_markdown(plan.target.label)}**", ""]
    steps = plan_step_lines(plan) if plan.reachable else []
    lines.append(escape_markdown(plan_summary(plan)))
    if steps:
        lines.append("")
        for number, (title, words) in enumerate(steps, 1):
            lines.append(f"{number}. **{_cell(title)}**: {escape_markdown(words)}")
        lines += ["", escape_markdown(plan_verified(plan))]
    if not plan.minimal:
        lines += ["", "*The search stopped at its budget: a smaller plan may exist.*"]
    return "\n".join(lines) + "\n"


def criterion_result_to_markdown(result: CriterionResult) -> str:
    """Return one criterion's result as Markdown: id, grade or answer, the evidence's kind, why."""
    return (
        f"**{escape_markdown(result.id)}**: {escape_markdown(result_answer(result))}"
        f"{STATUS_WORDS[result.status]}\n\n{escape_markdown(result.reason)}\n"
    )


def judgement_to_markdown(result: JudgementResult) -> str:
    """Return one judgement's result as Markdown: grade and range, coverage, why, caps."""
    grade = escape_markdown(grade_with_range(result.grade, result.best, result.worst))
    lines = [
        f"**{_cell(result.title)}**: {grade} (evidence coverage {percent(result.coverage)})",
        "",
        escape_markdown(result.reason),
    ]
    if result.caps:
        lines += ["", *(f"- {escape_markdown(cap.reason)}" for cap in result.caps)]
    if result.assumed:
        assumed = ", ".join(
            f"{escape_markdown(member)} as {escape_markdown(grade.label)}"
            for member, grade in result.assumed.items()
        )
        lines += ["", f"Assumed in line with the others: {assumed}."]
    if result.findings:
        counts = f"{len(result.strengths)} strengths, {len(result.weaknesses)} weaknesses"
        lines += ["", f"Findings: {counts}."]
    return "\n".join(lines) + "\n"


def framework_to_markdown(framework: Framework) -> str:
    """Return a framework as Markdown: its scale, then each judgement's criteria and grading."""
    scale = ", ".join(escape_markdown(grade.label) for grade in framework.scale)
    criteria = sum(1 for _ in framework.criteria())
    overall = method_words(framework.overall) if framework.has_overall else "no overall grade"
    lines = [
        f"# {escape_markdown(framework.title)}",
        "",
        f"**Id:** {escape_markdown(framework.id)}  ",
        f"**Version:** {escape_markdown(framework.version)} "
        f"({escape_markdown(framework.status)})  ",
        f"**Scale, best first:** {scale}  ",
        f"**{escape_markdown(framework.overall_title)}:** {escape_markdown(overall)}",
        "",
        f"{len(framework.judgements)} judgements, {criteria} criteria, "
        f"{len(framework.caps)} limiting rules.",
        "",
    ]
    for judgement in framework.judgements:
        lines += [
            f"## {escape_markdown(judgement.title)}",
            "",
            f"{escape_markdown(judgement.id)}: "
            f"{escape_markdown(method_words(judgement.aggregation))}",
            "",
            "| Criterion | Measure | Weight | How it is graded |",
            "|---|---|---|---|",
        ]
        for criterion in judgement.criteria:
            cells = [
                f"{_cell(criterion.title)} ({escape_markdown(criterion.id)})",
                criterion.measure.value,
                f"{criterion.weight:g}",
                _cell(criterion_grades_text(framework, judgement, criterion)),
            ]
            lines.append(_row(cells))
        lines.append("")
    if framework.caps:
        lines += ["## Limiting rules", ""]
        for cap in framework.caps:
            text = cap_words(framework, cap)
            lines.append(f"- {escape_markdown(cap.id)}: {escape_markdown(text)}")
        lines.append("")
    return "\n".join(lines)


def evidence_to_markdown(evidence: Evidence) -> str:
    """Return evidence as Markdown: its unit and date, then each entry as given, and findings."""
    lines = [f"# Evidence: {escape_markdown(evidence.unit) or 'unnamed unit'}", ""]
    facts = [f"**Framework:** {escape_markdown(evidence.framework)}"]
    if evidence.date:
        facts.append(f"**Dated:** {format_date(evidence.date)}")
    if evidence.kind:
        facts.append(f"**Kind:** {escape_markdown(evidence.kind)}")
    if evidence.source:
        facts.append(f"**Source:** {escape_markdown(evidence.source)}")
    lines += ["  \n".join(facts), ""]
    if evidence.note:
        lines += [f"> {escape_markdown(evidence.note)}", ""]
    lines += [f"{len(evidence.entries)} entries, {len(evidence.findings)} findings.", ""]
    if evidence.entries:
        lines += ["| Criterion | Value | Source | Note |", "|---|---|---|---|"]
        for entry in evidence.entries.values():
            cells = [
                f"{escape_markdown(entry.criterion)}",
                _cell(entry_text(entry)),
                _cell(entry.source),
                _cell(entry.note),
            ]
            lines.append(_row(cells))
        lines.append("")
    if evidence.judgements:
        lines += ["Judgements given directly:", ""]
        for given in evidence.judgements.values():
            grade = given.grade if isinstance(given.grade, str) else "not applicable"
            lines.append(f"- {escape_markdown(given.judgement)}: {escape_markdown(grade)}")
        lines.append("")
    if evidence.findings:
        lines += ["Findings:", ""]
        for finding in evidence.findings:
            lines.append(
                f"- **{finding.sign.value.capitalize()} ({finding.weight.value})**, "
                f"{escape_markdown(', '.join(finding.judgements))}: {escape_markdown(finding.text)}"
            )
        lines.append("")
    return "\n".join(lines)
