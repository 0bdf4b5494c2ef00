"""An assessment as plain text for a terminal: the grades, why, and what to collect.

The text is short enough to read in a terminal and carries no markup. Grades are written out
with a ``#``/``-`` bar of their place on the scale, so the output reads the same without
colour; with ``color=True`` (the command line passes it only when writing to a terminal) the
grade words are also coloured.
"""

from __future__ import annotations

from collections.abc import Sequence

from inspectkit._words import grade_label, next_grade, percent
from inspectkit.grades import Grade, GradeScale
from inspectkit.render._common import (
    GROUP_RULE_WORDS,
    HOLDING_DOWN,
    HOLDS_WORDS,
    MOVEMENT_ARROWS,
    NO_FINDINGS_RULE,
    NO_OVERALL,
    PLAN_NOT_PROVEN,
    STATUSES_HEADING,
    UNGRADED_RULE,
    WHAT_IF_NOTE,
    absent_text,
    change_text,
    collect_gap_lines,
    collect_plan_lines,
    comparison_headline,
    comparison_key_figures,
    comparison_rows,
    consistency_text,
    count_share,
    declared_change_text,
    finding_lines,
    format_date,
    format_value,
    gap_flags,
    grade_phrase,
    grade_symbol,
    group_absent_text,
    group_gap_sources,
    headline_results,
    is_better,
    miss_headline,
    movement_value_text,
    movement_words,
    not_at_phrase,
    other_remarks,
    out_of_force,
    plan_step_lines,
    plan_steps,
    provenance_text,
    range_text,
    remark_text,
    run_label,
    status_lines,
    unit_noun,
    what_if_changes,
    what_if_gaps,
    what_if_moves,
)
from inspectkit.results import (
    Assessment,
    Gap,
    GapList,
    JudgementResult,
    LiftPlan,
)
from inspectkit.rubric import OVERALL, Framework, Measure

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    # Only named in annotations: reading them would load models a plain assessment never uses.
    from inspectkit.results import (
        CalibrationReport,
        Comparison,
        GroupAssessment,
        Timeline,
        WhatIf,
    )

__all__ = [
    "calibration_to_text",
    "colour_grade",
    "comparison_to_text",
    "gap_list_to_text",
    "gaps_to_text",
    "group_to_text",
    "lift_plan_to_text",
    "plan_to_text",
    "render_text",
    "timeline_to_text",
    "what_if_to_text",
    "wrap_lines",
]

_COLOURS = ("32", "36", "33", "31")  # green, cyan, yellow, red: best to worst
_RESET = "\x1b[0m"
GAPS_SHOWN = 10
"""How many gaps the terminal summary lists before it says how many more there are."""


def colour_grade(text: str, grade: Grade | None, scale: GradeScale, *, color: bool) -> str:
    """Return *text* wrapped in the ANSI colour of *grade*'s tone when *color* is true."""
    if not color or grade is None:
        return text
    position = 0 if len(scale) == 1 else round(3 * grade.rank / (len(scale) - 1))
    return f"\x1b[{_COLOURS[position]}m{text}{_RESET}"


def _grade_line(
    result: JudgementResult, scale: GradeScale, *, width: int, label_width: int, color: bool
) -> str:
    bar = grade_symbol(result.grade, scale, ascii_only=True)
    if result.absent_text:
        return f"  {result.title:<{width}}  [{bar}] {result.absent_text}"
    padded = f"{grade_label(result.grade):<{label_width}}"
    label = colour_grade(padded, result.grade, scale, color=color)
    span = range_text(result.best, result.worst)
    span_text = f"range {span}, " if span else ""
    coverage = percent(result.coverage)
    return f"  {result.title:<{width}}  [{bar}] {label}  ({span_text}coverage {coverage})"


def render_text(
    assessment: Assessment,
    *,
    color: bool = False,
    target: Grade | str | int | None = None,
    width: int | None = None,
    what_if: WhatIf | None = None,
) -> str:
    """Return the assessment as plain text (see the module docstring).

    Args:
        assessment: The assessment (for a what-if, the re-scored one).
        color: Colour the grade words with ANSI codes.
        target: Add the ranked gaps to this grade and the lift plan to it, at the end.
        width: Wrap lines longer than this, keeping their indent (``None`` or 0: no wrapping).
        what_if: Report *assessment* as this what-if: the first line says it is hypothetical,
            and the changes and what they moved follow the report.
    """
    lines = _report_lines(assessment, color=color)
    if what_if is not None:
        lines = [WHAT_IF_NOTE, "", *lines, "", *_what_if_lines(what_if)]
    if target is not None:
        gaps = assessment.gaps(target)
        goal = gaps.target
        assert goal is not None  # find_gaps always resolves its target
        lines += ["", *gaps_to_text(gaps, goal, assessment.grade), ""]
        lines += plan_to_text(assessment.lift_plan(goal), assessment.framework)
    return "\n".join(wrap_lines(lines, width)) + "\n"


def what_if_to_text(
    what_if: WhatIf,
    *,
    color: bool = False,
    target: Grade | str | int | None = None,
    width: int | None = None,
) -> str:
    """Return a what-if as plain text: hypothetical on the first line, then the report."""
    return render_text(what_if.after, color=color, target=target, width=width, what_if=what_if)


def _what_if_lines(what_if: WhatIf) -> list[str]:
    lines = ["What-if changes:"]
    lines += [
        f"  - {title}: {recorded} -> {changed}"
        for title, recorded, changed in what_if_changes(what_if)
    ]
    moves = what_if_moves(what_if)
    lines += ["What the changes moved:", *(f"  - {line}" for line in moves or ["no grade moved"])]
    return [*lines, what_if_gaps(what_if)]


_MARKER = r"^(\s*)((?:[-*]|\d+\.|\.\.\.)\s+)?"
"""A line's indent and list marker (``  - ``, ``  3. ``), if it has one."""


def wrap_lines(lines: Sequence[str], width: int | None) -> list[str]:
    """Return *lines* with each longer than *width* wrapped under its own indent.

    A wrapped list item (``  - text``, ``  3. text``) continues under its text, not its
    marker, so the list still reads as one; another line continues four spaces further in.
    Words are never split; a word longer than the
    width stays whole on its own line. ``None`` or 0 leaves every line as it is.
    """
    if not width:
        return list(lines)
    # Imported here: a report for a pipe or a file is not wrapped, so most runs never need them.
    import re
    import textwrap

    marker_of = re.compile(_MARKER).match
    out: list[str] = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
            continue
        match = marker_of(line)
        lead, marker = (match.group(1), match.group(2)) if match else ("", None)
        # A list item continues under its text; any other line (a grade row) a little in.
        indent = len(lead) + (len(marker) if marker else 4)
        out += textwrap.wrap(
            line,
            width=width,
            subsequent_indent=" " * min(indent, width // 2),
            break_long_words=False,
            break_on_hyphens=False,
        )
    return out


def _report_lines(assessment: Assessment, *, color: bool) -> list[str]:
    framework = assessment.framework
    scale = framework.scale
    evidence = assessment.evidence
    results = headline_results(assessment)
    width = max(len(result.title) for result in results)
    label_width = max(len(grade_label(grade)) for grade in scale)
    dated = f", evidence dated {evidence.date.isoformat()}" if evidence.date else ""
    lines = [
        f"{evidence.unit or 'unnamed unit'} — {framework.title} {framework.version}{dated}",
        "",
        *(
            _grade_line(result, scale, width=width, label_width=label_width, color=color)
            for result in results
        ),
        "",
        f"{unit_noun(assessment)} is predicted {grade_phrase(assessment.grade)}."
        if framework.has_overall
        else NO_OVERALL,
    ]
    statuses = status_lines(assessment)
    if statuses:
        lines += ["", f"{STATUSES_HEADING}:"]
        lines += [f"  {title}: {text}" for title, text in statuses]
    if out_of_force(assessment):
        lines += ["", out_of_force(assessment)]
    target = next_grade(framework.scale, assessment.grade) if framework.has_overall else None
    gaps = collect_gap_lines(assessment, target)
    if target is not None and gaps:
        lines += ["", f"{not_at_phrase(target)} because:"]
        for gap in gaps[:GAPS_SHOWN]:
            blocking = " (blocking)" if gap.blocking else ""
            lines.append(f"  - {gap.title}: {gap.text}{blocking}")
        if len(gaps) > GAPS_SHOWN:
            lines.append(
                f"  ... and {len(gaps) - GAPS_SHOWN} more (the Markdown or HTML report lists all)"
            )
    plan = collect_plan_lines(assessment, target, gaps)  # the gap list once, not twice
    if target is not None and plan.steps:
        lines += ["", f"To reach {target.label}:"]
        lines += [f"  {number}. {step}" for number, step in enumerate(plan.steps, 1)]
        if plan.stopped:
            lines.append(f"  {plan.stopped}")
    absent = assessment.to_collect()
    remarks = assessment.evidence.remarks
    if absent:
        lines += ["", "Evidence still to collect:"]
        lines += [
            f"  - {framework.criterion(r.id).title}"
            + (f" ({remark_text(remarks[r.id])})" if r.id in remarks else "")
            for r in absent
        ]
    others = other_remarks(assessment)
    if others:
        lines += ["", "Also recorded without evidence:"]
        lines += [f"  - {title}: {text}" for title, text in others]
    fired = assessment.fired_caps()
    if fired:
        lines += ["", "Limiting rules that applied:"]
        lines += [f"  - {cap.reason}" for cap in fired]
    for result in assessment.judgements.values():
        if result.findings:
            lines += ["", f"{result.title}: strengths and weaknesses found:"]
            for line in finding_lines(result, framework):
                holds = f" ({HOLDS_WORDS})" if line.holds else ""
                lines.append(f"  - {line.label}: {line.text}{holds}")
            if result.findings_result is None:
                lines.append(f"  {NO_FINDINGS_RULE}")
    return lines


def calibration_to_text(report: CalibrationReport) -> str:
    """Return a calibration's figures as plain text: agreement next to the baseline, and misses."""
    framework = report.framework
    titles = {item.target: item.title for item in (report.overall, *report.judgements.values())}
    agreements = [report.overall, *report.judgements.values(), report.pooled]
    width = max(len(agreement.title) for agreement in agreements)
    lines = [
        f"Calibration — {framework.title} {framework.version}",
        f"{len(report.cases)} cases compared, missing evidence counted as {report.missing.value}",
        "",
        f"  {'':<{width}}  {'n':>3}  {'exact':<11}  {'within one':<11}  baseline (commonest grade)",
    ]
    for agreement in agreements:
        n = agreement.n
        baseline = agreement.baseline
        lines.append(
            f"  {agreement.title:<{width}}  {n:>3}  {count_share(agreement.exact, n):<11}  "
            f"{count_share(agreement.within_one, n):<11}  "
            f"{count_share(baseline.exact, n)} exact, {count_share(baseline.within_one, n)} "
            f"within one ({grade_label(baseline.grade)})"
        )
    lines += ["", UNGRADED_RULE]
    if report.misses:
        lines += ["", f"Misses ({len(report.misses)}):"]
        lines += [
            f"  - {miss.case}: {miss_headline(miss, titles[miss.target])}" for miss in report.misses
        ]
    if report.ungraded:
        lines += ["", f"Not graded ({len(report.ungraded)}):"]
        lines += [
            f"  - {miss.case}: {miss_headline(miss, titles[miss.target])}"
            for miss in report.ungraded
        ]
    if report.no_evidence:
        lines += ["", "Published outcomes with no evidence file: " + ", ".join(report.no_evidence)]
    if report.no_outcome:
        lines += ["", "Evidence files with no published grade: " + ", ".join(report.no_outcome)]
    lines += ["", "The Markdown and HTML reports give each miss with its reasons."]
    return "\n".join(lines) + "\n"


def _grade_words(grade: Grade | None) -> str:
    return "no grade" if grade is None else grade.label


def gaps_to_text(gaps: Sequence[Gap], target: Grade | None, now: Grade | None = None) -> list[str]:
    """Return the ranked gaps to *target* as lines: title, id, need and flags.

    Args:
        gaps: The gaps, most urgent first.
        target: The grade they are measured against (``None``: not known).
        now: The grade of the scope measured, for "none: already Good" (``None``: not known).
    """
    to = f" to {target.label}" if target is not None else ""
    lines = [f"Gaps{to}, most urgent first:"]
    if not gaps:
        lines.append(f"  none: already {_grade_words(now)}" if now is not None else "  none")
    for number, gap in enumerate(gaps, 1):
        flags = gap_flags(gap)
        extra = f" [{', '.join(flags)}]" if flags else ""
        lines.append(f"  {number}. {gap.title} ({gap.criterion}): {gap.need}{extra}")
    return lines


def gap_list_to_text(gaps: GapList) -> str:
    """Return a `GapList` as plain text (its own display, for ``print(gaps.to_text())``)."""
    return "\n".join(gaps_to_text(gaps, gaps.target)) + "\n"


def plan_to_text(plan: LiftPlan, framework: Framework | None = None) -> list[str]:
    """Return a lift plan as lines: each step by criterion title with the value to reach."""
    lines = [f"Lift plan to {plan.target.label}:"]
    if not plan.reachable:
        lines.append(f"  not reachable: {plan.reason}")
    elif not plan.changes:
        lines.append(f"  nothing to change: {plan.reason}")
    else:
        steps = plan_steps(plan, framework) if framework is not None else plan_step_lines(plan)
        for number, (title, words) in enumerate(steps, 1):
            lines.append(f"  {number}. {title}: {words}")
        lines.append(f"  verified by re-scoring: predicted {_grade_words(plan.after)}")
        if not plan.minimal:
            lines.append(f"  {PLAN_NOT_PROVEN}")
    return lines


def lift_plan_to_text(plan: LiftPlan) -> str:
    """Return a `LiftPlan` as plain text (its own display)."""
    return "\n".join(plan_to_text(plan)) + "\n"


# --- Groups, comparisons and timelines --------------------------------------------------------
# The same reports as their Markdown, in plain lines for a terminal: no pipes, no asterisks.


def _table(rows: Sequence[Sequence[str]], width: int | None) -> list[str]:
    """Lay *rows* out in columns two spaces apart (the first row is the heading).

    A table wider than *width* would wrap into a jumble, so it becomes a list instead: each
    row's first cell, then each other cell under its column's heading.
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        ("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))).rstrip()
        for row in rows
    ]
    if not width or max(len(line) for line in lines) <= width:
        return lines
    heading = rows[0]
    listed = [f"{heading[0]}:"] if heading[0] else []
    for row in rows[1:]:
        listed.append(f"  {row[0]}:")
        listed += [f"    - {head}: {cell}" for head, cell in zip(heading[1:], row[1:], strict=True)]
    return listed


def _bar(grade: Grade | None, scale: GradeScale, text: str = "") -> str:
    """The grade's bar and label; *text* in place of the label (a judgement that does not apply)."""
    return f"[{grade_symbol(grade, scale, ascii_only=True)}] {text or grade_label(grade)}"


def group_to_text(group: GroupAssessment, *, width: int | None = None) -> str:
    """Return a group report as plain text: grades by member, why, consistency, gaps."""
    framework = group.framework
    scale = framework.scale
    names = list(group.members)
    rule = group.rule
    dated = f", dated {format_date(group.date)}" if group.date else ""
    summary = f"The group is predicted {grade_phrase(group.grade)}"
    if group.overall.holding_down:
        summary += ", held down by " + ", ".join(group.overall.holding_down)
    # A framework with no overall grade: no overall row, reason or gaps, as a unit's report.
    results = [*([group.overall] if framework.has_overall else []), *group.judgements.values()]
    lines = [
        f"{group.unit} — group of {len(names)}, {framework.title} {framework.version}{dated}",
        f"Group rule: {GROUP_RULE_WORDS[rule.rule]} "
        f"({provenance_text(framework, rule.provenance)})",
        "",
        summary + "." if framework.has_overall else NO_OVERALL,
        "",
    ]
    rows = [["", "Group", *names]]
    for result in results:
        cells = [result.title, _bar(result.grade, scale, group_absent_text(group, result.id))]
        for name in names:
            member = group.members[name]
            mark = f" {HOLDING_DOWN}" if name in result.holding_down else ""
            own = absent_text(member, result.id) or grade_label(member.result(result.id).grade)
            cells.append(own + mark)
        rows.append(cells)
    lines += _table(rows, width)
    lines += ["", f"{HOLDING_DOWN} marks a member that holds the group grade down."]
    statuses = status_lines(group)
    if statuses:
        lines += ["", f"{STATUSES_HEADING}:"]
        lines += [f"  {title}: {text}" for title, text in statuses]
    lines += ["", "Why:"]
    lines += [f"  - {result.title}: {result.reason}" for result in results]
    lines += ["", "Consistency between members:"]
    lines += [f"  - {item.reason}" for item in group.inconsistencies] or [
        f"  {consistency_text(group)}"
    ]
    target = next_grade(scale, group.grade) if framework.has_overall else None
    if target is not None:
        lines += ["", f"What stands between the group and {target.label}:"]
        sources = group_gap_sources(group)
        if not sources:
            lines.append("  No single member holds the group down.")
        for name, assessment in sources.items():
            gap_lines = collect_gap_lines(assessment, target)
            if gap_lines:
                lines.append(f"  {name}:")
                lines += [
                    f"    - {gap.title}{' (blocking)' if gap.blocking else ''}: {gap.text}"
                    for gap in gap_lines
                ]
    coverage = ", ".join(f"{name} {percent(group.members[name].coverage)}" for name in names)
    lines += ["", f"Coverage: group {percent(group.coverage)}; {coverage}."]
    return "\n".join(wrap_lines(lines, width)) + "\n"


def comparison_to_text(comparison: Comparison, *, width: int | None = None) -> str:
    """Return a comparison as a plain-text progress report: grades, key figures, gaps."""
    before, after = comparison.before, comparison.after
    framework = after.framework
    scale = framework.scale
    when_before = format_date(before.evidence.date) or "earlier"
    when_after = format_date(after.evidence.date) or "later"
    closed, opened, still = (
        len(comparison.gaps_closed),
        len(comparison.gaps_opened),
        len(comparison.gaps_open),
    )
    lines = [
        f"Progress: {comparison.unit} — {framework.title} {framework.version}, "
        f"{when_before} to {when_after}, measured against {comparison.target.label}",
        "",
        comparison_headline(comparison),
        f"{closed} {'gap' if closed == 1 else 'gaps'} closed, {opened} opened, {still} still "
        f"open; evidence covers {percent(after.coverage)} (was {percent(before.coverage)}).",
    ]
    if comparison.framework_changes or comparison.declared_changes:
        lines += [
            "",
            f"The framework changed between the runs (version {before.framework.version} to "
            f"{framework.version}): some movement may come from the new rules.",
        ]
    rows = [["", when_before, when_after, "Movement"]]
    for movement in comparison_rows(comparison):
        rows.append(
            [
                movement.title,
                _bar(movement.before, scale, absent_text(before, movement.id)),
                _bar(movement.after, scale, absent_text(after, movement.id)),
                f"{MOVEMENT_ARROWS[movement.direction]} {movement_words(movement)}",
            ]
        )
    lines += ["", *_table(rows, width)]
    figures = comparison_key_figures(comparison)
    if figures:
        lines += ["", "Key figures:"]
        for movement, criterion in figures:
            was = movement_value_text(comparison, movement, movement.before_value)
            now = movement_value_text(comparison, movement, movement.after_value)
            change = movement.value_change
            words = ""
            if change is not None:
                words = f" ({change_text(criterion, change)}"
                if change:
                    words += ", better" if is_better(criterion, change) else ", worse"
                words += ")"
            lines.append(
                f"  - {movement.title}: {was or 'no evidence'} -> {now or 'no evidence'}{words}"
            )
    titles = {m.id: m.title for m in comparison.criteria.values()}
    lines.append("")
    for heading, ids in (
        ("Gaps closed", comparison.gaps_closed),
        ("Gaps opened", comparison.gaps_opened),
        ("Still open", comparison.gaps_open),
    ):
        named = ", ".join(titles[cid] for cid in ids) or "none"
        lines.append(f"{heading}: {named}")
    if comparison.framework_changes or comparison.declared_changes:
        lines += ["", "Framework changes:"]
    if comparison.declared_changes:
        lines.append("  What the newer framework says it changed:")
        lines += [
            f"  - {change.id}: {declared_change_text(change)}"
            for change in comparison.declared_changes
        ]
        if comparison.framework_changes:
            lines.append("  What differs in the rules:")
    if comparison.framework_changes:
        lines += [f"  - {change.detail}" for change in comparison.framework_changes]
    return "\n".join(wrap_lines(lines, width)) + "\n"


def timeline_to_text(timeline: Timeline, *, width: int | None = None) -> str:
    """Return a timeline as plain text: grades and key figures run by run, then each step."""
    latest = timeline.assessments[-1]
    framework = latest.framework
    columns = [run_label(a, i) for i, a in enumerate(timeline.assessments)]
    lines = [
        f"Progress over time: {timeline.unit} — {framework.title}, "
        f"{len(timeline.assessments)} {'run' if len(timeline.assessments) == 1 else 'runs'}, "
        f"measured against {timeline.target.label}",
    ]
    first = timeline.overall()
    if first is not None:
        lines += ["", comparison_headline(first)]
    rows = [["", *columns]]
    results = [(OVERALL, framework.overall_title)] if framework.has_overall else []
    results += [(j.id, j.title) for j in framework.judgements]
    for ident, title in results:
        runs = zip(timeline.grades(ident), timeline.assessments, strict=True)
        rows.append([title, *(absent_text(a, ident) or grade_label(g) for g, a in runs)])
    lines += ["", *_table(rows, width)]
    figures = [
        c
        for c in framework.criteria()
        if c.measure in (Measure.PROPORTION, Measure.QUANTITY)
        and any(v is not None for v in timeline.values(c.id))
    ]
    if figures:
        rows = [["Key figures", *columns]]
        for criterion in figures:
            rows.append(
                [
                    criterion.title,
                    *(
                        format_value(
                            a.evidence.entries.get(criterion.id), criterion, framework.scale
                        )
                        for a in timeline.assessments
                    ),
                ]
            )
        lines += ["", *_table(rows, width)]
    if timeline.steps:
        lines += ["", "Step by step:"]
        for step in timeline.steps:
            lines.append(
                f"  - {format_date(step.before.evidence.date) or 'earlier'} to "
                f"{format_date(step.after.evidence.date) or 'later'}: "
                f"{comparison_headline(step)} {len(step.gaps_closed)} closed, "
                f"{len(step.gaps_opened)} opened, {len(step.gaps_open)} still open."
            )
    return "\n".join(wrap_lines(lines, width)) + "\n"
