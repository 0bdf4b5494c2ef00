"""Every result as HTML: a standalone page, or a fragment for a notebook cell.

An assessment, a group, a comparison and a timeline each give a page (or, with
``fragment=True``, a fragment); a table of units gives a fragment. An assessment's page says
what its Markdown report says (`inspectkit.render.markdown`), in the same order; the group,
comparison and timeline pages give the Markdown report's tables and lists in the same words,
without some of its prose (the timeline page is its grade table). Pages are built for people
who print them or read them with a screen reader as much as on screen:

- every grade is written out and carries a dot symbol of its place on the scale, so colour is
  never the only signal;
- every string from a framework or evidence file goes through `html.escape`, so a unit name
  or note containing ``<script>`` shows as text;
- the page is self-contained: inline CSS, no scripts, fonts or images from elsewhere.

`render_html` returns a whole document; ``fragment=True`` returns a ``<div>`` with its own
scoped style, which is what ``_repr_html_`` shows in Jupyter.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
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
    comparison_headline,
    comparison_key_figures,
    comparison_rows,
    consistency_text,
    count_share,
    criterion_grades_text,
    declared_change_text,
    entry_text,
    finding_lines,
    format_date,
    format_value,
    gap_flags,
    gap_needs,
    gap_now,
    grade_phrase,
    grade_short,
    grade_symbol,
    group_absent_text,
    group_findings,
    group_gap_sources,
    headline_results,
    ink,
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
    range_text,
    remark_text,
    result_answer,
    run_label,
    status_lines,
    step_label,
    strength_text,
    strengths,
    unit_noun,
    what_if_changes,
    what_if_gaps,
    what_if_moves,
)
from inspectkit.render._svg import (
    criterion_bullet,
    figure_trend,
    gap_bar,
    grade_trend,
    group_heat_map,
    table_distribution,
)
from inspectkit.results import (
    Agreement,
    Assessment,
    CalibrationReport,
    Comparison,
    CriterionResult,
    Gap,
    GroupAssessment,
    GroupGrade,
    JudgementResult,
    LiftPlan,
    Status,
    Timeline,
    WhatIf,
)
from inspectkit.rubric import OVERALL, Framework, GroupMethod, Measure

if TYPE_CHECKING:
    from inspectkit.results import AssessmentTable

__all__ = [
    "CSS",
    "calibration_to_html",
    "comparison_to_html",
    "criterion_result_to_html",
    "evidence_to_html",
    "framework_to_html",
    "gap_to_html",
    "gaps_to_html",
    "grade_badge",
    "group_to_html",
    "judgement_to_html",
    "plan_to_html",
    "render_html",
    "render_table_html",
    "timeline_to_html",
    "tone",
    "what_if_to_html",
]

# The colours are custom properties set on .ik-report itself, text and background together, so
# the report reads the same whatever page it lands on: a light card on a dark notebook whose
# browser asks for light, a dark card where the browser (prefers-color-scheme), JupyterLab
# (data-jp-theme-light) or VS Code (vscode-dark) is dark, black on white in print. Grade badges
# and chart bands carry their own fills with dark text, so they read in every case.
CSS = """
.ik-report { color-scheme: light; --ik-fg: #1b1b1b; --ik-bg: #ffffff; --ik-muted: #4a4a4a;
  --ik-line: #d8dde3; --ik-rule: #e3e6ea; --ik-head: #f3f5f7; --ik-alert: #8a1c1c;
  color: var(--ik-fg); background: var(--ik-bg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.45; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
@media (prefers-color-scheme: dark) { .ik-report { color-scheme: dark; --ik-fg: #e8eaed;
  --ik-bg: #1e1f22; --ik-muted: #bcc0c6; --ik-line: #4a4f57; --ik-rule: #3a3e45;
  --ik-head: #2b2e33; --ik-alert: #ffa4a4; } }
body[data-jp-theme-light="false"] .ik-report, body.vscode-dark .ik-report,
body.vscode-high-contrast:not(.vscode-high-contrast-light) .ik-report { color-scheme: dark;
  --ik-fg: #e8eaed; --ik-bg: #1e1f22; --ik-muted: #bcc0c6; --ik-line: #4a4f57;
  --ik-rule: #3a3e45; --ik-head: #2b2e33; --ik-alert: #ffa4a4; }
.ik-report h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.ik-report h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--ik-line);
  padding-bottom: .2rem; }
.ik-report h3 { font-size: 1.02rem; margin: 1.1rem 0 .3rem; }
.ik-report .ik-meta { color: var(--ik-muted); margin: 0 0 1rem; }
.ik-report .ik-meta span { margin-right: 1.2rem; display: inline-block; }
.ik-report table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
.ik-report th, .ik-report td { text-align: left; vertical-align: top; padding: .35rem .55rem;
  border-bottom: 1px solid var(--ik-rule); color: inherit; background: transparent; }
.ik-report th { background: var(--ik-head); font-weight: 600; }
.ik-report tr.ik-overall td { font-weight: 600; background: var(--ik-head); }
.ik-report .ik-grade { display: inline-block; padding: .08rem .5rem; border-radius: .3rem;
  border: 1px solid; white-space: nowrap; }
.ik-report .ik-dots { font-size: .8em; letter-spacing: .05em; margin-right: .3rem; }
.ik-report .ik-range { color: var(--ik-muted); font-size: .9em; margin-left: .3rem;
  white-space: nowrap; }
.ik-report .ik-t0 { background: #e3f4ea; border-color: #2e7d4f; color: #14532d; }
.ik-report .ik-t1 { background: #e6f0fa; border-color: #2f6eb5; color: #173d6b; }
.ik-report .ik-t2 { background: #fdf1dc; border-color: #b7791f; color: #6b430b; }
.ik-report .ik-t3 { background: #fbe4e4; border-color: #b83232; color: #6e1616; }
.ik-report .ik-tn { background: #f1f1f1; border-color: #888; color: #333; }
.ik-report .ik-summary { font-size: 1.08rem; }
.ik-report .ik-blocking { font-weight: 600; color: var(--ik-alert); }
.ik-report .ik-note { color: var(--ik-muted); font-size: .92em; }
.ik-report .ik-why { font-size: .92em; }
.ik-report table.ik-provenance th, .ik-report table.ik-provenance td { font-size: .85em;
  padding: .2rem .4rem; }
.ik-report .ik-charts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.ik-report figure { margin: 0 0 .6rem; }
.ik-report figcaption { font-size: .9em; font-weight: 600; max-width: 18rem; }
.ik-report td.ik-why svg.ik-chart { min-width: 14rem; }
.ik-report svg.ik-chart { display: block; max-width: 100%; height: auto; overflow: visible; }
.ik-report footer { margin-top: 2rem; color: var(--ik-muted); font-size: .9em; }
@page { size: A4; margin: 16mm 14mm; }
@media print { .ik-report { color-scheme: light; --ik-fg: #000000; --ik-bg: #ffffff;
  --ik-muted: #333333; --ik-line: #999999; --ik-rule: #bbbbbb; --ik-head: #eeeeee;
  --ik-alert: #6e1616; max-width: none; padding: 0; font-size: 10pt; }
  .ik-report tr, .ik-report li, .ik-report svg, .ik-report .ik-grade { break-inside: avoid; }
  .ik-report thead { display: table-header-group; }
  .ik-report h2, .ik-report h3 { break-after: avoid; } }
""".strip()


def tone(grade: Grade | None, scale: GradeScale) -> str:
    """Return the CSS class of a grade's tone: ``ik-t0`` (best) to ``ik-t3`` (worst).

    Scales of any length are spread over the four tones; no grade gives the neutral ``ik-tn``.
    """
    if grade is None:
        return "ik-tn"
    size = grade.size or len(scale)  # a grade of a second scale: its own scale's size
    if size == 1:
        return "ik-t0"
    return f"ik-t{round(3 * grade.rank / (size - 1))}"


def grade_badge(
    grade: Grade | None,
    scale: GradeScale,
    *,
    best: Grade | None = None,
    worst: Grade | None = None,
    text: str = "",
) -> str:
    """Return a grade as an HTML badge: dots, the grade written out, and the range after it.

    *text*, where given, is written in place of the grade's label (``not graded: no sixth
    form`` for a judgement that does not apply).
    """
    dots = grade_symbol(grade, scale)
    label = escape(text or grade_label(grade))
    style = ""
    if grade is not None and grade.colour is not None:
        # The framework's own colour, with text dark or light enough to read on it; the grade
        # is always written out too, so colour never carries the meaning alone.
        style = f' style="background:{grade.colour.hex};color:{ink(grade.colour.hex)}"'
    badge = (
        f'<span class="ik-grade {tone(grade, scale)}"{style}>'
        f'<span class="ik-dots" aria-hidden="true">{dots}</span>{label}</span>'
    )
    span = range_text(best, worst)
    if span:
        badge += f'<span class="ik-range">(range {escape(span)})</span>'
    return badge


def _page(body: str, title: str, *, fragment: bool) -> str:
    """Return *body* as a whole page titled *title*, or as a fragment with a scoped style.

    A fragment is what notebooks show: a ``<div>`` carrying its own ``<style>``, since a cell
    has no ``<head>``.
    """
    if fragment:
        return f"<div>\n<style>\n{CSS}\n</style>\n{body}\n</div>\n"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


def _heading(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    evidence = assessment.evidence
    unit = escape(evidence.unit) or "unnamed unit"
    meta = [
        f"<span><strong>Framework:</strong> {escape(framework.title)} "
        f"(version {escape(framework.version)})</span>"
    ]
    if evidence.date:
        meta.append(f"<span><strong>Evidence dated:</strong> {format_date(evidence.date)}</span>")
    meta.append(
        f"<span><strong>Missing evidence counted as:</strong> "
        f"{escape(assessment.missing.value)}</span>"
    )
    parts = [f"<h1>Predicted inspection: {unit}</h1>", f'<p class="ik-meta">{"".join(meta)}</p>']
    if evidence.note:
        parts.append(f'<p class="ik-note">{escape(evidence.note)}</p>')
    return parts


def _grade_table(assessment: Assessment) -> list[str]:
    scale = assessment.framework.scale
    rows = []
    for result in headline_results(assessment):
        badge = grade_badge(
            result.grade, scale, best=result.best, worst=result.worst, text=result.absent_text
        )
        css = ' class="ik-overall"' if result.id == OVERALL else ""
        rows.append(
            f'<tr{css}><th scope="row">{escape(result.title)}</th><td>{badge}</td>'
            f"<td>{percent(result.coverage)}</td></tr>"
        )
    key = ", ".join(f"{grade_symbol(grade, scale)} {escape(grade.label)}" for grade in scale)
    return [
        "<h2>Grades</h2>",
        '<table><thead><tr><th scope="col">Judgement</th>'
        '<th scope="col">Predicted grade</th><th scope="col">Evidence coverage</th>'
        "</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        f'<p class="ik-note">Key: {key}. The range runs from the worst to the best grade the '
        "evidence allows.</p>",
    ]


def _statuses(assessment: Assessment | GroupAssessment) -> list[str]:
    lines = status_lines(assessment)
    if not lines:
        return []
    items = "".join(
        f"<li><strong>{escape(title)}</strong>: {escape(text)}</li>" for title, text in lines
    )
    return [f"<h2>{STATUSES_HEADING}</h2>", f'<ul class="ik-statuses">{items}</ul>']


def _summary(assessment: Assessment) -> list[str]:
    note = out_of_force(assessment)
    parts = _plain_summary(assessment)
    if note:
        parts.append(f'<p class="ik-summary"><strong>{escape(note)}</strong></p>')
    return parts


def _plain_summary(assessment: Assessment) -> list[str]:
    if not assessment.framework.has_overall:
        return ["<h2>Summary</h2>", f'<p class="ik-summary">{escape(NO_OVERALL)}</p>']
    overall = assessment.overall
    phrase = grade_phrase(overall.grade)
    sentence = f"{escape(unit_noun(assessment))} is predicted {escape(phrase)}."
    if overall.best is not None and overall.worst is not None and overall.best != overall.worst:
        sentence += (
            f" The evidence allows anything from {escape(grade_label(overall.worst))} to "
            f"{escape(grade_label(overall.best))}."
        )
    parts = ["<h2>Summary</h2>", f'<p class="ik-summary">{sentence}</p>']
    target = next_grade(assessment.framework.scale, assessment.grade)
    gaps = collect_gap_lines(assessment, target)
    if target is not None and gaps:
        parts.append(f"<p>{escape(not_at_phrase(target))} because:</p><ul>")
        for gap in gaps:
            blocking = ' <span class="ik-blocking">(blocking)</span>' if gap.blocking else ""
            parts.append(
                f"<li><strong>{escape(gap.title)}</strong>: {escape(gap.text)}{blocking}</li>"
            )
        parts.append("</ul>")
    return parts


def _strengths(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    found, more = strengths(assessment)
    parts = ["<h2>Strengths</h2>"]
    if not found:
        return [*parts, "<p>No criterion is yet at the next grade on the evidence given.</p>"]
    parts.append("<ul>")
    for result in found:
        criterion = framework.criterion(result.id)
        text = strength_text(result, criterion, framework.scale)
        parts.append(f"<li><strong>{escape(criterion.title)}</strong>: {escape(text)}</li>")
    if more:
        parts.append(
            f"<li>and {more} more {'criterion' if more == 1 else 'criteria'} at that level</li>"
        )
    return [*parts, "</ul>"]


def _plan(assessment: Assessment) -> list[str]:
    target = next_grade(assessment.framework.scale, assessment.grade)
    parts = ["<h2>What to do first</h2>"]
    if not assessment.framework.has_overall:
        # Our own sentence: its one backticked span is code, as the Markdown report shows it.
        before, code, after = NO_OVERALL_PLAN.split("`")
        sentence = f"{escape(before)}<code>{escape(code)}</code>{escape(after)}"
        return [*parts, f"<p>{sentence}</p>"]
    if target is None:
        return [*parts, "<p>Nothing: the prediction is already the best grade on the scale.</p>"]
    plan = collect_plan_lines(assessment, target)
    if not plan.available:
        return [*parts, "<p>No lift plan is available; start with the gaps in the summary.</p>"]
    if not plan.reachable:
        return [*parts, f"<p>{escape(plan.reason)}</p>"]
    if not plan.steps:
        return [*parts, "<p>Nothing needs to change.</p>"]
    parts.append(
        f"<p>The fewest changes predicted to lift the overall grade to "
        f"{escape(target.label)}:</p><ol>"
    )
    for title, step in zip(plan.titles, plan.steps, strict=True):
        rest = step.removeprefix(f"{title}: ")
        parts.append(f"<li><strong>{escape(title)}</strong>: {escape(rest)}</li>")
    parts.append("</ol>")
    if plan.stopped:
        parts.append(f"<p>{escape(plan.stopped)}</p>")
    return parts


def _evidence(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    parts = [
        "<h2>Evidence</h2>",
        f"<p>Evidence covers {percent(assessment.coverage)} of the weighted criteria.</p>",
    ]
    absent = assessment.to_collect()
    not_applicable = [r for r in assessment.criteria.values() if r.status is Status.NOT_APPLICABLE]
    if absent:
        parts.append("<h3>Evidence still to collect</h3><ul>")
        remarks = assessment.evidence.remarks
        for result in absent:
            criterion = framework.criterion(result.id)
            where = f": {escape(criterion.evidence)}" if criterion.evidence else ""
            remark = remarks.get(result.id)
            said = f' <em class="ik-remark">({escape(remark_text(remark))})</em>' if remark else ""
            parts.append(f"<li><strong>{escape(criterion.title)}</strong>{where}{said}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>Every criterion has evidence.</p>")
    others = other_remarks(assessment)
    if others:
        parts.append("<p>Also recorded without evidence:</p><ul>")
        parts += [
            f"<li><strong>{escape(title)}</strong>: {escape(text)}</li>" for title, text in others
        ]
        parts.append("</ul>")
    if not_applicable:
        titles = ", ".join(escape(framework.criterion(r.id).title) for r in not_applicable)
        parts.append(f"<p>Not applicable to this unit, and left out: {titles}.</p>")
    return parts


def _caps(assessment: Assessment) -> list[str]:
    fired = assessment.fired_caps()
    if not fired:
        return []
    items = "".join(f"<li>{escape(cap.reason)}</li>" for cap in fired)
    return ["<h2>Limiting rules that applied</h2>", f"<ul>{items}</ul>"]


def _criteria(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    scale = framework.scale
    parts = ["<h2>Criteria</h2>"]
    for judgement in framework.judgements:
        result = assessment.judgements[judgement.id]
        badge = grade_badge(result.grade, scale, best=result.best, worst=result.worst)
        parts += [
            f"<h3>{escape(judgement.title)}: {badge}</h3>",
            f'<p class="ik-why">{escape(result.reason)}</p>',
            '<table><thead><tr><th scope="col">Criterion</th><th scope="col">Evidence</th>'
            '<th scope="col">Grade</th><th scope="col">Why</th></tr></thead><tbody>',
        ]
        for criterion in judgement.criteria:
            cr = assessment.criteria[criterion.id]
            entry = cr.entry
            value = escape(format_value(entry, criterion, scale))
            if entry is not None and (entry.source or entry.note):
                extra = "; ".join(escape(text) for text in (entry.source, entry.note) if text)
                value += f'<br><span class="ik-note">{extra}</span>'
            answer = check_words(cr, criterion)
            if cr.status is Status.NOT_APPLICABLE:
                grade = "not applicable"
            elif answer is not None:
                grade = f'<span class="ik-check">{answer}</span>'
            else:
                grade = grade_badge(cr.grade, scale, best=cr.best, worst=cr.worst)
            # A measured criterion's chart says what its reason says (in <desc> for a screen
            # reader); the words stay for everything else, and in Markdown.
            chart = criterion_bullet(
                criterion, scale, entry.value if entry else None, cr.grade, cr.reason
            )
            why = chart if chart is not None else escape(cr.reason)
            parts.append(
                f"<tr><td>{escape(criterion.title)}</td><td>{value}</td><td>{grade}</td>"
                f'<td class="ik-why">{why}</td></tr>'
            )
        parts.append("</tbody></table>")
        parts += _findings(result, framework)
    return parts


def _findings(result: JudgementResult, framework: Framework) -> list[str]:
    if not result.findings:
        return []
    items = []
    for line in finding_lines(result, framework):
        detail = f' <span class="ik-note">{escape(line.detail)}</span>' if line.detail else ""
        holds = f" <em>({HOLDS_WORDS})</em>" if line.holds else ""
        items.append(
            f"<li><strong>{escape(line.label)}</strong>: {escape(line.text)}{detail}{holds}</li>"
        )
    parts = [
        "<p>Strengths and weaknesses found:</p>",
        f'<ul class="ik-findings">{"".join(items)}</ul>',
    ]
    if result.findings_result is None:
        parts.append(f'<p class="ik-note">{escape(NO_FINDINGS_RULE)}</p>')
    return parts


def _listed_findings(listed: list[ListedFinding]) -> str:
    """The findings of a group or a comparison as one list, each under its judgements."""
    items = []
    for item in listed:
        members = f' <span class="ik-note">({escape(item.members)})</span>' if item.members else ""
        items.append(
            f"<li>{escape(item.judgements)} — <strong>{escape(item.label)}</strong>: "
            f"{escape(item.text)}{members}</li>"
        )
    return f'<ul class="ik-findings">{"".join(items)}</ul>'


def _provenance(assessment: Assessment) -> list[str]:
    """The unverified rules as one compact table, each source written once in a list below.

    A framework cites a handful of sources for dozens of rules; numbering them keeps each row to
    its rule, its basis and its note instead of a paragraph repeating the source's title.
    """
    found = collect_provenance(assessment)
    parts = [f"<h2>{PROVENANCE_HEADING}</h2>"]
    if not found:
        return [*parts, f"<p>{ALL_VERIFIED}</p>"]
    sources: list[str] = []
    rows = []
    for item in found:
        ref = ""
        if item.source:
            if item.source not in sources:
                sources.append(item.source)
            ref = f"[{sources.index(item.source) + 1}]"
        rows.append(
            f'<tr><th scope="row">{escape(item.subject)}</th><td>{escape(item.kind)}</td>'
            f"<td><em>{BASIS_WORDS[item.basis]}</em></td><td>{ref}</td>"
            f'<td class="ik-note">{escape(item.note)}</td></tr>'
        )
    parts += [
        f"<p>{NOT_ALL_VERIFIED}</p>",
        '<table class="ik-provenance"><thead><tr><th scope="col">Rule</th>'
        '<th scope="col">Kind</th><th scope="col">Basis</th><th scope="col">Source</th>'
        '<th scope="col">Note</th></tr></thead><tbody>',
        *rows,
        "</tbody></table>",
    ]
    if sources:
        items = "".join(f"<li>{escape(source)}</li>" for source in sources)
        parts.append(f'<p class="ik-note">Sources:</p><ol class="ik-note">{items}</ol>')
    return parts


def render_body(
    assessment: Assessment,
    *,
    target: Grade | str | int | None = None,
    what_if: WhatIf | None = None,
) -> str:
    """Return the report as a ``<div class="ik-report">`` without any style.

    Args:
        assessment: The assessment (for a what-if, the re-scored one).
        target: Add the ranked gaps to this grade and the lift plan to it, after the plan.
        what_if: Report *assessment* as this what-if: headed as hypothetical, with the
            changes and what they moved before the grades.
    """
    heading = _heading(assessment)
    footer = (
        "<footer>Predicted by inspectkit. A mock inspection is a guide to preparation, "
        "not an inspection outcome.</footer>"
    )
    if what_if is not None:
        unit = escape(assessment.evidence.unit) or "unnamed unit"
        # An inline style, so the banner needs no rule of the shared style sheet; the border
        # takes the text colour, so it shows on a light page and a dark one alike.
        banner = (
            '<p class="ik-hypothetical" role="note" style="border:2px dashed;'
            f'padding:.5rem .75rem"><strong>{escape(WHAT_IF_NOTE)}</strong></p>'
        )
        heading = [f"<h1>{WHAT_IF_TITLE}: {unit}</h1>", banner, *heading[1:]]
        heading += _what_if_parts(what_if)
        footer = f"<footer><strong>{escape(WHAT_IF_NOTE)}</strong> {footer[8:]}"
    grades = _grade_table(assessment)
    if what_if is not None:
        grades[0] = "<h2>Grades with the what-if changes</h2>"
    parts = [
        '<div class="ik-report">',
        *heading,
        *grades,
        *_summary(assessment),
        *_statuses(assessment),
        *_strengths(assessment),
        *_plan(assessment),
        *(_target_parts(assessment, target) if target is not None else []),
        *_evidence(assessment),
        *_caps(assessment),
        *_criteria(assessment),
        *_provenance(assessment),
        footer,
        "</div>",
    ]
    return "\n".join(parts)


def _what_if_parts(what_if: WhatIf) -> list[str]:
    parts = [
        "<h2>What-if changes</h2>",
        '<table><thead><tr><th scope="col">Criterion</th><th scope="col">Recorded</th>'
        '<th scope="col">What-if</th></tr></thead><tbody>',
    ]
    for title, recorded, changed in what_if_changes(what_if):
        parts.append(
            f'<tr><th scope="row">{escape(title)}</th><td>{escape(recorded)}</td>'
            f"<td>{escape(changed)}</td></tr>"
        )
    parts += ["</tbody></table>", "<h2>What the changes moved</h2>"]
    moves = what_if_moves(what_if)
    if moves:
        parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in moves) + "</ul>")
    else:
        parts.append("<p>No grade moved.</p>")
    parts.append(f"<p>{escape(what_if_gaps(what_if))}</p>")
    return parts


def _target_parts(assessment: Assessment, target: Grade | str | int) -> list[str]:
    """The ranked gaps to *target* and the lift plan to it, as two sections of the report."""
    gaps = assessment.gaps(target)
    goal = gaps.target
    assert goal is not None  # find_gaps always resolves its target
    label = escape(goal.label)
    return [
        f"<h2>Gaps to {label}, most urgent first</h2>",
        *_gaps_parts(gaps, goal)[1:],
        f"<h2>Lift plan to {label}</h2>",
        *_plan_parts(assessment.lift_plan(goal))[1:],
    ]


def render_html(
    assessment: Assessment,
    *,
    fragment: bool = False,
    target: Grade | str | int | None = None,
    what_if: WhatIf | None = None,
) -> str:
    """Return the assessment as a standalone HTML page, or as a notebook fragment.

    Args:
        assessment: The assessment to show.
        fragment: Return a ``<div>`` with a scoped ``<style>`` instead of a whole document.
        target: Add the ranked gaps to this grade and the lift plan to it.
        what_if: Report *assessment* as this what-if (see `render_body`).
    """
    heading = "Predicted inspection" if what_if is None else WHAT_IF_TITLE
    title = f"{heading}: {assessment.evidence.unit}"
    body = render_body(assessment, target=target, what_if=what_if)
    return _page(body, title, fragment=fragment)


def what_if_to_html(
    what_if: WhatIf, *, fragment: bool = False, target: Grade | str | int | None = None
) -> str:
    """Return a what-if as HTML: hypothetical at the top, the changes, then the report."""
    return render_html(what_if.after, fragment=fragment, target=target, what_if=what_if)


def _compact_badge(
    grade: Grade | None, scale: GradeScale, best: Grade | None, worst: Grade | None
) -> str:
    """A grade badge for a wide table: dots and the grade's short name, the range below.

    The short name is an ``<abbr>`` whose title is the full label, so a screen reader and a
    hover still give "Requires improvement" where the cell shows "RI".
    """
    dots = grade_symbol(grade, scale)
    label = grade_label(grade)
    short = grade_short(grade) if grade is not None else label
    word = (
        escape(label) if short == label else f'<abbr title="{escape(label)}">{escape(short)}</abbr>'
    )
    style = ""
    if grade is not None and grade.colour is not None:
        style = f' style="background:{grade.colour.hex};color:{ink(grade.colour.hex)}"'
    badge = (
        f'<span class="ik-grade {tone(grade, scale)}"{style}>'
        f'<span class="ik-dots" aria-hidden="true">{dots}</span>{word}</span>'
    )
    span = range_text(best, worst)
    if span:
        badge += f'<br><span class="ik-range">range {escape(span)}</span>'
    return badge


def render_table_html(table: AssessmentTable) -> str:
    """Return an `AssessmentTable` as an HTML fragment: a row per unit, for notebooks.

    It fits a 1200-pixel page with any number of judgements: grades show as their short names
    (the full label in an ``<abbr>``) with the range on a line of its own, headings wrap, the
    table takes the cell's whole width, and anything wider still scrolls inside its own box
    instead of widening the page.
    """
    framework = table.framework
    scale = framework.scale
    judgements = framework.judgements
    overall = [framework.overall_title] if framework.has_overall else []
    head = ["Unit", "Date", *overall, *(j.title for j in judgements), "Coverage"]
    cells = "".join(f'<th scope="col">{escape(text)}</th>' for text in head)
    rows = []
    for assessment in table.assessments:
        results = [
            *([assessment.overall] if framework.has_overall else []),
            *(assessment.judgements[j.id] for j in judgements),
        ]
        badges = "".join(
            f"<td>{_compact_badge(r.grade, scale, r.best, r.worst)}</td>" for r in results
        )
        rows.append(
            f'<tr><th scope="row">{escape(assessment.evidence.unit)}</th>'
            f'<td style="white-space:nowrap">{format_date(assessment.evidence.date)}</td>{badges}'
            f"<td>{percent(assessment.coverage)}</td></tr>"
        )
    counts = table.grade_counts()
    summary = ", ".join(f"{escape(grade.label)}: {counts[grade.id]}" for grade in scale)
    key = ", ".join(
        f"{escape(grade_short(grade))} = {escape(grade.label)}"
        for grade in scale
        if grade_short(grade) != grade.label
    )
    note = f" Key: {key}." if key else ""
    counted = (
        f"{len(table)} units. Predicted overall: {summary}."
        if framework.has_overall
        else f"{len(table)} units. This framework gives no overall grade."
    )
    body = (
        '<div class="ik-report ik-batch" style="max-width:none">'
        f"<h2>Predicted grades: {escape(framework.title)}</h2>"
        '<div style="overflow-x:auto">'
        f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</div>"
        f'<p class="ik-note">{counted}{note}</p>'
        f"<figure><figcaption>Grade distribution</figcaption>{table_distribution(table)}</figure>"
        "</div>"
    )
    return _page(body, "", fragment=True)


# --- Groups -----------------------------------------------------------------------------------


_HELD = f' <span class="ik-blocking" title="holds the group down">{HOLDING_DOWN}</span>'


def _badge(result: GroupGrade, scale: GradeScale, text: str = "") -> str:
    return grade_badge(result.grade, scale, best=result.best, worst=result.worst, text=text)


def _group_key_figures(group: GroupAssessment) -> list[str]:
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
                text += _HELD
            cells.append(text)
        parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    parts.append("</tbody></table>")
    return parts


def _group_gaps(group: GroupAssessment) -> list[str]:
    target = next_grade(group.framework.scale, group.grade)
    if target is None or not group.framework.has_overall:
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
        # No overall grade: the unit report's sentence, and no overall row, reason or gaps.
        *([] if framework.has_overall else [f'<p class="ik-summary">{escape(NO_OVERALL)}</p>']),
        "<table>",
        "<thead><tr><th></th><th>Group</th>"
        + "".join(f"<th>{escape(name)}</th>" for name in names)
        + "</tr></thead><tbody>",
    ]
    results = [*([group.overall] if framework.has_overall else []), *group.judgements.values()]
    for result in results:
        row = ' class="ik-overall"' if result.id == OVERALL else ""
        cells = [
            f"<td>{escape(result.title)}</td>",
            f"<td>{_badge(result, scale, group_absent_text(group, result.id))}</td>",
        ]
        for name in names:
            member = group.members[name]
            own = member.result(result.id)
            mark = _HELD if name in result.holding_down else ""
            badge = grade_badge(own.grade, scale, text=absent_text(member, result.id))
            cells.append(f"<td>{badge}{mark}</td>")
        parts.append(f"<tr{row}>" + "".join(cells) + "</tr>")
    parts += [
        "</tbody></table>",
        f'<figure class="ik-heat">{group_heat_map(group)}</figure>',
        *_statuses(group),
        "<h2>Why</h2>",
        "<ul>",
    ]
    for result in results:
        parts.append(f"<li><strong>{escape(result.title)}</strong>: {escape(result.reason)}</li>")
    parts += ["</ul>", "<h2>Consistency between members</h2>"]
    if group.inconsistencies:
        parts.append("<ul>")
        parts += [f"<li>{escape(item.reason)}</li>" for item in group.inconsistencies]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{consistency_text(group)}</p>")
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
    parts += _group_key_figures(group)
    parts += _group_gaps(group)
    listed = group_findings(group)
    if listed:
        parts += [f"<h2>{escape(GROUP_FINDINGS_HEADING)}</h2>", _listed_findings(listed)]
    parts += [
        "<h2>Coverage</h2>",
        f"<p>Group: {escape(percent(group.coverage))}</p>",
        "<footer>Predicted by inspectkit. A mock inspection is a guide to preparation, "
        "not an inspection outcome.</footer>",
        "</div>",
    ]
    title = f"Group assessment: {group.unit}"
    return _page("\n".join(parts), title, fragment=fragment)


# --- Comparisons and timelines ----------------------------------------------------------------


def comparison_to_html(comparison: Comparison, *, fragment: bool = False) -> str:
    """Return the comparison as HTML (a whole page, or a fragment); every string is escaped."""
    before, after = comparison.before, comparison.after
    framework = after.framework
    scale = framework.scale
    when_before = format_date(before.evidence.date) or "earlier"
    when_after = format_date(after.evidence.date) or "later"
    parts = [
        '<div class="ik-report">',
        f"<h1>Progress report: {escape(comparison.unit)}</h1>",
        f'<p class="ik-meta"><span>{escape(framework.title)} (version '
        f"{escape(framework.version)})</span><span>Period: {escape(when_before)} to "
        f"{escape(when_after)}</span><span>Measured against: "
        f"{escape(comparison.target.label)}</span></p>",
        f'<p class="ik-summary">{escape(comparison_headline(comparison))} '
        f"{len(comparison.gaps_closed)} gaps closed, {len(comparison.gaps_opened)} opened, "
        f"{len(comparison.gaps_open)} still open.</p>",
    ]
    if comparison.framework_changes or comparison.declared_changes:
        parts.append(
            '<p class="ik-note">The framework changed between the two runs; some movement may '
            "come from the new rules.</p>"
        )
    parts += [
        "<table><thead><tr><th></th>"
        f"<th>{escape(when_before)}</th><th>{escape(when_after)}</th><th>Movement</th>"
        "</tr></thead><tbody>"
    ]
    for movement in comparison_rows(comparison):
        row = ' class="ik-overall"' if movement.kind == "overall" else ""
        old_best, old_worst = movement.before_range
        new_best, new_worst = movement.after_range
        words = f"{MOVEMENT_ARROWS[movement.direction]} {movement_words(movement)}"
        was, now = (absent_text(side, movement.id) for side in (before, after))
        parts.append(
            f"<tr{row}><td>{escape(movement.title)}</td>"
            f"<td>{grade_badge(movement.before, scale, best=old_best, worst=old_worst, text=was)}"
            "</td>"
            f"<td>{grade_badge(movement.after, scale, best=new_best, worst=new_worst, text=now)}"
            "</td>"
            f"<td>{escape(words)}</td></tr>"
        )
    parts.append("</tbody></table>")
    figures = comparison_key_figures(comparison)
    if figures:
        parts += [
            "<h2>Key figures</h2>",
            "<table><thead><tr><th>Measure</th>"
            f"<th>{escape(when_before)}</th><th>{escape(when_after)}</th><th>Change</th>"
            "</tr></thead><tbody>",
        ]
        for movement, criterion in figures:
            change = movement.value_change
            cells = [
                movement.title,
                movement_value_text(comparison, movement, movement.before_value) or "no evidence",
                movement_value_text(comparison, movement, movement.after_value) or "no evidence",
                "" if change is None else change_text(criterion, change),
            ]
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table>")
    for heading, ids in (
        ("Gaps closed", comparison.gaps_closed),
        ("Gaps opened", comparison.gaps_opened),
        ("Still open", comparison.gaps_open),
    ):
        parts.append(f"<h2>{heading}</h2>")
        if ids:
            parts.append("<ul>")
            parts += [f"<li>{escape(comparison.criteria[c].title)}</li>" for c in ids]
            parts.append("</ul>")
        else:
            parts.append("<p>None.</p>")
    for heading, listed in changed_findings(comparison):
        parts += [f"<h2>{heading}</h2>", _listed_findings(listed)]
    if comparison.framework_changes or comparison.declared_changes:
        parts.append("<h2>Framework changes</h2>")
    if comparison.declared_changes:
        parts += ["<p>What the newer framework says it changed:</p>", "<ul>"]
        parts += [
            f"<li><strong>{escape(c.id)}</strong>: {escape(declared_change_text(c))}</li>"
            for c in comparison.declared_changes
        ]
        parts.append("</ul>")
        if comparison.framework_changes:
            parts.append("<p>What differs in the rules:</p>")
    if comparison.framework_changes:
        parts.append("<ul>")
        parts += [f"<li>{escape(c.detail)}</li>" for c in comparison.framework_changes]
        parts.append("</ul>")
    parts.append("</div>")
    title = f"Progress report: {comparison.unit}"
    return _page("\n".join(parts), title, fragment=fragment)


def _timeline_charts(timeline: Timeline, columns: list[str]) -> list[str]:
    """The grades over time as one line chart per judgement, and the key figures over time.

    Each figure's chart draws its thresholds as lines across its grade bands; the table beside
    it gives the figures in words, as the Markdown report does.
    """
    framework = timeline.assessments[-1].framework
    scale = framework.scale
    rows = [(OVERALL, framework.overall_title)] if framework.has_overall else []
    rows += [(j.id, j.title) for j in framework.judgements]
    charts = []
    for ident, title in rows:
        chart = grade_trend(title, timeline.grades(ident), scale, columns)
        if chart is not None:
            charts.append(f"<figure><figcaption>{escape(title)}</figcaption>{chart}</figure>")
    parts = ["<h2>Grades over time</h2>", '<div class="ik-charts">', *charts, "</div>"]
    figures = [
        c
        for c in framework.criteria()
        if c.measure in (Measure.PROPORTION, Measure.QUANTITY)
        and any(v is not None for v in timeline.values(c.id))
    ]
    if not figures:
        return parts
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in columns)
    parts += [
        "<h2>Key figures over time</h2>",
        f'<table><thead><tr><th scope="col">Measure</th>{head}</tr></thead><tbody>',
    ]
    charts = []
    for criterion in figures:
        cells = "".join(
            f"<td>{escape(format_value(a.evidence.entries.get(criterion.id), criterion, scale))}"
            "</td>"
            for a in timeline.assessments
        )
        parts.append(f'<tr><th scope="row">{escape(criterion.title)}</th>{cells}</tr>')
        chart = figure_trend(criterion, scale, timeline.values(criterion.id), columns)
        if chart is not None:
            unit = f" ({escape(criterion.unit)})" if criterion.unit else ""
            charts.append(
                f"<figure><figcaption>{escape(criterion.title)}{unit}</figcaption>{chart}</figure>"
            )
    return [*parts, "</tbody></table>", '<div class="ik-charts">', *charts, "</div>"]


def timeline_to_html(timeline: Timeline, *, fragment: bool = False) -> str:
    """Return the timeline as HTML (a whole page, or a fragment); every string is escaped."""
    latest = timeline.assessments[-1]
    framework = latest.framework
    columns = [run_label(a, i) for i, a in enumerate(timeline.assessments)]
    parts = [
        '<div class="ik-report">',
        f"<h1>Progress over time: {escape(timeline.unit)}</h1>",
        "<table><thead><tr><th></th>"
        + "".join(f"<th>{escape(column)}</th>" for column in columns)
        + "</tr></thead><tbody>",
    ]
    rows = [(OVERALL, framework.overall_title)] if framework.has_overall else []
    rows += [(j.id, j.title) for j in framework.judgements]
    for ident, title in rows:
        cells = "".join(
            f"<td>{grade_badge(grade, framework.scale, text=absent_text(assessment, ident))}</td>"
            for grade, assessment in zip(timeline.grades(ident), timeline.assessments, strict=True)
        )
        parts.append(f"<tr><td>{escape(title)}</td>{cells}</tr>")
    parts.append("</tbody></table>")
    parts += _timeline_charts(timeline, columns)
    for step in timeline.steps:
        for heading, listed in changed_findings(step):
            parts += [
                f"<h2>{heading}, {escape(step_label(step))}</h2>",
                _listed_findings(listed),
            ]
    parts.append("</div>")
    title = f"Progress over time: {timeline.unit}"
    return _page("\n".join(parts), title, fragment=fragment)


# --- Calibration ------------------------------------------------------------------------------


def _agreement_cells(agreement: Agreement, scale: GradeScale) -> str:
    n = agreement.n
    baseline = agreement.baseline
    cells = [
        escape(agreement.title),
        str(n),
        count_share(agreement.exact, n),
        count_share(agreement.within_one, n),
        grade_badge(baseline.grade, scale) if baseline.grade else escape(grade_label(None)),
        count_share(baseline.exact, n),
        count_share(baseline.within_one, n),
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _matrix_html(agreement: Agreement, scale: GradeScale) -> list[str]:
    head = "".join(f'<th scope="col">{escape(grade.label)}</th>' for grade in scale)
    parts = [
        f"<h3>{escape(agreement.title)}</h3>",
        f'<table><thead><tr><th scope="col">Published / predicted</th>{head}'
        '<th scope="col">Not graded</th></tr></thead><tbody>',
    ]
    for grade, row in zip(scale, agreement.matrix, strict=True):
        cells = "".join(
            f"<td><strong>{count}</strong></td>"
            if rank == grade.rank and count
            else f"<td>{count}</td>"
            for rank, count in enumerate(row)
        )
        parts.append(f'<tr><th scope="row">{escape(grade.label)}</th>{cells}</tr>')
    parts.append("</tbody></table>")
    return parts


def calibration_to_html(report: CalibrationReport, *, fragment: bool = False) -> str:
    """Return a calibration report as HTML (a whole page, or a fragment); strings are escaped.

    It says what `inspectkit.render.markdown.calibration_to_markdown` says, in the same order.
    """
    framework = report.framework
    scale = framework.scale
    titles = {item.target: item.title for item in (report.overall, *report.judgements.values())}
    agreements = [report.overall, *report.judgements.values(), report.pooled]
    headings = (
        "",
        "Cases",
        "Exact",
        "Within one",
        "Commonest grade",
        "Baseline exact",
        "Baseline within one",
    )
    parts = [
        '<div class="ik-report">',
        f"<h1>Calibration: {escape(framework.title)}</h1>",
        '<p class="ik-meta">'
        f"<span><strong>Framework:</strong> {escape(framework.id)} "
        f"(version {escape(framework.version)})</span>"
        f"<span><strong>Cases compared:</strong> {len(report.cases)}</span>"
        f"<span><strong>Missing evidence counted as:</strong> {escape(report.missing.value)}"
        "</span></p>",
        "<h2>Agreement</h2>",
        "<table><thead><tr>"
        + "".join(f'<th scope="col">{escape(text)}</th>' for text in headings)
        + "</tr></thead><tbody>",
        *(_agreement_cells(agreement, scale) for agreement in agreements),
        "</tbody></table>",
        '<p class="ik-note">The baseline always answers the grade published most often for that '
        f"row. {escape(UNGRADED_RULE)}</p>",
        "<h2>Confusion matrices</h2>",
        f'<p class="ik-note">{escape(MATRIX_NOTE)}</p>',
    ]
    for agreement in agreements:
        parts += _matrix_html(agreement, scale)
    parts.append("<h2>Misses</h2>")
    if not report.misses:
        parts.append("<p>Every graded prediction is the published grade.</p>")
    for miss in report.misses:
        parts += [
            f"<h3>{escape(miss.case)}</h3>",
            f"<p>{escape(miss_headline(miss, titles[miss.target]))}</p>",
            '<ul class="ik-why">',
            *(f"<li>{escape(reason)}</li>" for reason in miss.reasons),
            "</ul>",
        ]
    if report.ungraded:
        parts += ["<h2>Not graded</h2>", f'<p class="ik-note">{escape(UNGRADED_RULE)}</p>', "<ul>"]
        for miss in report.ungraded:
            reason = f": {miss.reasons[0]}" if miss.reasons else ""
            text = f"{miss.case}: {miss_headline(miss, titles[miss.target])}{reason}"
            parts.append(f"<li>{escape(text)}</li>")
        parts.append("</ul>")
    if report.no_evidence or report.no_outcome:
        parts += ["<h2>Not compared</h2>", "<ul>"]
        if report.no_evidence:
            names = escape(", ".join(report.no_evidence))
            parts.append(f"<li>Published outcomes with no evidence file: {names}</li>")
        if report.no_outcome:
            names = escape(", ".join(report.no_outcome))
            parts.append(f"<li>Evidence files with no published grade: {names}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return _page("\n".join(parts), f"Calibration: {framework.title}", fragment=fragment)


# --- Notebook views of the smaller results ----------------------------------------------------
# The `_repr_html_` of a gap, a gap list, a lift plan, a judgement, a framework and evidence:
# the Markdown module's views in the same words, each a fragment with the report's style.


def _view(body: list[str]) -> str:
    return _page("\n".join(['<div class="ik-report ik-view">', *body, "</div>"]), "", fragment=True)


def _plain_badge(grade: Grade | None) -> str:
    """A grade badge where no scale is at hand: the grade in words, neutral unless coloured."""
    label = escape(grade_label(grade))
    style = ""
    if grade is not None and grade.colour is not None:
        style = f' style="background:{grade.colour.hex};color:{ink(grade.colour.hex)}"'
    return f'<span class="ik-grade ik-tn"{style}>{label}</span>'


def gap_to_html(gap: Gap) -> str:
    """Return one gap as an HTML fragment: title, need, grades and flags; strings escaped."""
    flags = gap_flags(gap)
    marks = f' <span class="ik-blocking">({escape(", ".join(flags))})</span>' if flags else ""
    if gap.target_value is True:  # a check: met or not, in words rather than grades
        where = f"<p>Now {escape(gap_now(gap))}; needs to be {gap_needs(gap)}.</p>"
    else:
        steps = f"{gap.steps} {'grade' if gap.steps == 1 else 'grades'} up"
        where = (
            f"<p>Now {_plain_badge(gap.grade)}; needs {_plain_badge(gap.required)} ({steps}).</p>"
        )
    body = [
        f"<p><strong>{escape(gap.title)}</strong> (<code>{escape(gap.criterion)}</code>): "
        f"{escape(gap.need)}{marks}</p>",
        where,
    ]
    if gap.actions:
        body.append(f'<p class="ik-note">For example: {escape(gap.actions[0])}</p>')
    return _view(body)


def _gap_cell(gap: Gap, *, now: bool) -> str:
    """A gap's grade now or needed as a badge; a check's as the words met / not met."""
    if gap.target_value is True:
        return escape(gap_now(gap) if now else gap_needs(gap))
    return _plain_badge(gap.grade if now else gap.required)


def _gaps_parts(gaps: Sequence[Gap], target: Grade | None) -> list[str]:
    heading = f"Gaps to {escape(target.label)}" if target is not None else "Gaps"
    body = [f"<h3>{heading}, most urgent first</h3>"]
    if not gaps:
        return [*body, "<p>None: the grade already reaches the target.</p>"]
    body.append(
        '<table><thead><tr><th scope="col">#</th><th scope="col">Criterion</th>'
        '<th scope="col">Now</th><th scope="col">What is needed</th>'
        '<th scope="col">Needs</th><th scope="col"></th></tr></thead><tbody>'
    )
    for number, gap in enumerate(gaps, 1):
        flags = escape(", ".join(gap_flags(gap)))
        bar = gap_bar(gap.title, gap.value, gap.target_value, gap.need)
        need = escape(gap.need) + (bar or "")
        body.append(
            f'<tr><td>{number}</td><th scope="row">{escape(gap.title)}</th>'
            f"<td>{_gap_cell(gap, now=True)}</td><td>{need}</td>"
            f'<td>{_gap_cell(gap, now=False)}</td><td class="ik-blocking">{flags}</td></tr>'
        )
    body.append("</tbody></table>")
    return body


def _plan_parts(plan: LiftPlan) -> list[str]:
    scope = escape(plan_scope_title(plan))
    body = [
        f"<h3>Lift plan: {scope} to {escape(plan.target.label)}</h3>",
        f"<p>{escape(plan_summary(plan))}</p>",
    ]
    steps = plan_step_lines(plan) if plan.reachable else []
    if steps:
        body.append("<ol>")
        body += [
            f"<li><strong>{escape(title)}</strong>: {escape(words)}</li>" for title, words in steps
        ]
        body += ["</ol>", f'<p class="ik-note">{escape(plan_verified(plan))}</p>']
    if not plan.minimal:
        body.append(
            '<p class="ik-note">The search stopped at its budget: a smaller plan may exist.</p>'
        )
    return body


def gaps_to_html(gaps: Sequence[Gap], target: Grade | None) -> str:
    """Return gaps as an HTML table fragment, most urgent first; strings escaped."""
    return _view(_gaps_parts(gaps, target))


def plan_to_html(plan: LiftPlan) -> str:
    """Return a lift plan as an HTML fragment: what it does and each step; strings escaped."""
    return _view(_plan_parts(plan))


def criterion_result_to_html(result: CriterionResult) -> str:
    """Return one criterion's result as an HTML fragment: grade or answer and why; escaped."""
    kind = STATUS_WORDS[result.status]
    return _view(
        [
            f"<p><strong>{escape(result.id)}</strong>: {escape(result_answer(result))}"
            f'<span class="ik-note">{kind}</span></p>',
            f'<p class="ik-why">{escape(result.reason)}</p>',
        ]
    )


def judgement_to_html(result: JudgementResult) -> str:
    """Return one judgement's result as an HTML fragment; strings escaped."""
    span = range_text(result.best, result.worst)
    extra = f'<span class="ik-range">(range {escape(span)})</span>' if span else ""
    body = [
        f"<h3>{escape(result.title)}: {_plain_badge(result.grade)}{extra}</h3>",
        f'<p class="ik-note">Evidence coverage {percent(result.coverage)}</p>',
        f'<p class="ik-why">{escape(result.reason)}</p>',
    ]
    if result.caps:
        body.append("<ul>" + "".join(f"<li>{escape(cap.reason)}</li>" for cap in result.caps))
        body.append("</ul>")
    if result.assumed:
        assumed = ", ".join(
            f"{escape(member)} as {escape(grade.label)}" for member, grade in result.assumed.items()
        )
        body.append(f"<p>Assumed in line with the others: {assumed}.</p>")
    if result.findings:
        counts = f"{len(result.strengths)} strengths, {len(result.weaknesses)} weaknesses"
        body.append(f"<p>Findings: {counts}.</p>")
    return _view(body)


def framework_to_html(framework: Framework) -> str:
    """Return a framework as an HTML fragment: scale, judgements, criteria; strings escaped."""
    scale = ", ".join(escape(grade.label) for grade in framework.scale)
    criteria = sum(1 for _ in framework.criteria())
    overall = method_words(framework.overall) if framework.has_overall else "no overall grade"
    body = [
        f"<h2>{escape(framework.title)}</h2>",
        '<p class="ik-meta">'
        f"<span><strong>Id:</strong> <code>{escape(framework.id)}</code></span>"
        f"<span><strong>Version:</strong> {escape(framework.version)} "
        f"({escape(framework.status)})</span>"
        f"<span><strong>Scale, best first:</strong> {scale}</span>"
        f"<span><strong>{escape(framework.overall_title)}:</strong> {escape(overall)}</span></p>",
        f"<p>{len(framework.judgements)} judgements, {criteria} criteria, "
        f"{len(framework.caps)} limiting rules.</p>",
    ]
    for judgement in framework.judgements:
        body += [
            f"<h3>{escape(judgement.title)}</h3>",
            f'<p class="ik-note"><code>{escape(judgement.id)}</code>: '
            f"{escape(method_words(judgement.aggregation))}</p>",
            '<table><thead><tr><th scope="col">Criterion</th><th scope="col">Measure</th>'
            '<th scope="col">Weight</th><th scope="col">How it is graded</th></tr></thead><tbody>',
        ]
        for criterion in judgement.criteria:
            how = escape(criterion_grades_text(framework, judgement, criterion))
            body.append(
                f'<tr><th scope="row">{escape(criterion.title)} '
                f"<code>{escape(criterion.id)}</code></th><td>{criterion.measure.value}</td>"
                f"<td>{criterion.weight:g}</td><td>{how}</td></tr>"
            )
        body.append("</tbody></table>")
    if framework.caps:
        body.append("<h3>Limiting rules</h3><ul>")
        for cap in framework.caps:
            text = cap_words(framework, cap)
            body.append(f"<li><code>{escape(cap.id)}</code>: {escape(text)}</li>")
        body.append("</ul>")
    return _view(body)


def evidence_to_html(evidence: Evidence) -> str:
    """Return evidence as an HTML fragment: unit, date, entries as given, findings; escaped."""
    facts = [f"<span><strong>Framework:</strong> <code>{escape(evidence.framework)}</code></span>"]
    if evidence.date:
        facts.append(f"<span><strong>Dated:</strong> {format_date(evidence.date)}</span>")
    if evidence.kind:
        facts.append(f"<span><strong>Kind:</strong> {escape(evidence.kind)}</span>")
    if evidence.source:
        facts.append(f"<span><strong>Source:</strong> {escape(evidence.source)}</span>")
    body = [
        f"<h2>Evidence: {escape(evidence.unit) or 'unnamed unit'}</h2>",
        f'<p class="ik-meta">{"".join(facts)}</p>',
    ]
    if evidence.note:
        body.append(f'<p class="ik-note">{escape(evidence.note)}</p>')
    body.append(f"<p>{len(evidence.entries)} entries, {len(evidence.findings)} findings.</p>")
    if evidence.entries:
        body.append(
            '<table><thead><tr><th scope="col">Criterion</th><th scope="col">Value</th>'
            '<th scope="col">Source</th><th scope="col">Note</th></tr></thead><tbody>'
        )
        for entry in evidence.entries.values():
            body.append(
                f'<tr><th scope="row"><code>{escape(entry.criterion)}</code></th>'
                f"<td>{escape(entry_text(entry))}</td><td>{escape(entry.source)}</td>"
                f"<td>{escape(entry.note)}</td></tr>"
            )
        body.append("</tbody></table>")
    if evidence.judgements:
        body.append("<p>Judgements given directly:</p><ul>")
        for given in evidence.judgements.values():
            grade = given.grade if isinstance(given.grade, str) else "not applicable"
            body.append(f"<li><code>{escape(given.judgement)}</code>: {escape(grade)}</li>")
        body.append("</ul>")
    if evidence.findings:
        body.append('<p>Findings:</p><ul class="ik-findings">')
        for finding in evidence.findings:
            body.append(
                f"<li><strong>{finding.sign.value.capitalize()} ({finding.weight.value})</strong>, "
                f"{escape(', '.join(finding.judgements))}: {escape(finding.text)}</li>"
            )
        body.append("</ul>")
    return _view(body)
