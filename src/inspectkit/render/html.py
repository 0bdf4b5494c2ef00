"""An assessment as HTML: a standalone page, or a fragment for a notebook cell.

The page says what the Markdown report says, in the same order. It is built for people who
print it or read it with a screen reader as much as on screen:

- every grade is written out and carries a dot symbol of its place on the scale, so colour is
  never the only signal;
- every string from a framework or evidence file goes through `html.escape`, so a unit name
  or note containing ``<script>`` shows as text;
- the page is self-contained: inline CSS, no scripts, fonts or images from elsewhere.

`render_html` returns a whole document; ``fragment=True`` returns a ``<div>`` with its own
scoped style, which is what ``Assessment._repr_html_`` shows in Jupyter.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from inspectkit.grades import Grade, GradeScale
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
    not_at_phrase,
    range_text,
    strength_text,
    strengths,
    target_grade,
    unit_noun,
)
from inspectkit.results import Assessment, Status

if TYPE_CHECKING:
    from inspectkit.render.tables import AssessmentTable

__all__ = ["CSS", "grade_badge", "render_html", "render_table_html", "tone"]

CSS = """
.ik-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; line-height: 1.45; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
.ik-report h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.ik-report h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #d8dde3;
  padding-bottom: .2rem; }
.ik-report h3 { font-size: 1.02rem; margin: 1.1rem 0 .3rem; }
.ik-report .ik-meta { color: #444; margin: 0 0 1rem; }
.ik-report .ik-meta span { margin-right: 1.2rem; display: inline-block; }
.ik-report table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
.ik-report th, .ik-report td { text-align: left; vertical-align: top; padding: .35rem .55rem;
  border-bottom: 1px solid #e3e6ea; }
.ik-report th { background: #f3f5f7; font-weight: 600; }
.ik-report tr.ik-overall td { font-weight: 600; background: #fafbfc; }
.ik-report .ik-grade { display: inline-block; padding: .08rem .5rem; border-radius: .3rem;
  border: 1px solid; white-space: nowrap; }
.ik-report .ik-dots { font-size: .8em; letter-spacing: .05em; margin-right: .3rem; }
.ik-report .ik-range { color: #555; font-size: .9em; margin-left: .3rem; white-space: nowrap; }
.ik-report .ik-t0 { background: #e3f4ea; border-color: #2e7d4f; color: #14532d; }
.ik-report .ik-t1 { background: #e6f0fa; border-color: #2f6eb5; color: #173d6b; }
.ik-report .ik-t2 { background: #fdf1dc; border-color: #b7791f; color: #6b430b; }
.ik-report .ik-t3 { background: #fbe4e4; border-color: #b83232; color: #6e1616; }
.ik-report .ik-tn { background: #f1f1f1; border-color: #888; color: #333; }
.ik-report .ik-summary { font-size: 1.08rem; }
.ik-report .ik-blocking { font-weight: 600; color: #6e1616; }
.ik-report .ik-note { color: #555; font-size: .92em; }
.ik-report .ik-why { color: #333; font-size: .92em; }
.ik-report footer { margin-top: 2rem; color: #555; font-size: .9em; }
@media print { .ik-report { max-width: none; } .ik-report h2 { break-after: avoid; } }
""".strip()


def tone(grade: Grade | None, scale: GradeScale) -> str:
    """Return the CSS class of a grade's tone: ``ik-t0`` (best) to ``ik-t3`` (worst).

    Scales of any length are spread over the four tones; no grade gives the neutral ``ik-tn``.
    """
    if grade is None:
        return "ik-tn"
    if len(scale) == 1:
        return "ik-t0"
    return f"ik-t{round(3 * grade.rank / (len(scale) - 1))}"


def grade_badge(
    grade: Grade | None,
    scale: GradeScale,
    *,
    best: Grade | None = None,
    worst: Grade | None = None,
) -> str:
    """Return a grade as an HTML badge: dots, the grade written out, and the range after it."""
    dots = grade_symbol(grade, scale)
    label = escape(grade_label(grade))
    badge = (
        f'<span class="ik-grade {tone(grade, scale)}">'
        f'<span class="ik-dots" aria-hidden="true">{dots}</span>{label}</span>'
    )
    span = range_text(best, worst)
    if span:
        badge += f'<span class="ik-range">(range {escape(span)})</span>'
    return badge


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
    results = [assessment.overall, *assessment.judgements.values()]
    for index, result in enumerate(results):
        badge = grade_badge(result.grade, scale, best=result.best, worst=result.worst)
        css = ' class="ik-overall"' if index == 0 else ""
        rows.append(
            f'<tr{css}><th scope="row">{escape(result.title)}</th><td>{badge}</td>'
            f"<td>{format_share(result.coverage)}</td></tr>"
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


def _summary(assessment: Assessment) -> list[str]:
    overall = assessment.overall
    phrase = grade_phrase(overall.grade)
    sentence = f"{escape(unit_noun(assessment))} is predicted {escape(phrase)}."
    if overall.best is not None and overall.worst is not None and overall.best != overall.worst:
        sentence += (
            f" The evidence allows anything from {escape(grade_label(overall.worst))} to "
            f"{escape(grade_label(overall.best))}."
        )
    parts = ["<h2>Summary</h2>", f'<p class="ik-summary">{sentence}</p>']
    target = target_grade(assessment)
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
    target = target_grade(assessment)
    parts = ["<h2>What to do first</h2>"]
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
    return [*parts, "</ol>"]


def _evidence(assessment: Assessment) -> list[str]:
    framework = assessment.framework
    parts = [
        "<h2>Evidence</h2>",
        f"<p>Evidence covers {format_share(assessment.coverage)} of the weighted criteria.</p>",
    ]
    absent = [r for r in assessment.criteria.values() if r.status is Status.ABSENT]
    not_applicable = [r for r in assessment.criteria.values() if r.status is Status.NOT_APPLICABLE]
    if absent:
        parts.append("<h3>Evidence still to collect</h3><ul>")
        for result in absent:
            criterion = framework.criterion(result.id)
            where = f": {escape(criterion.evidence)}" if criterion.evidence else ""
            parts.append(f"<li><strong>{escape(criterion.title)}</strong>{where}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>Every criterion has evidence.</p>")
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
            if cr.status is Status.NOT_APPLICABLE:
                grade = "not applicable"
            else:
                grade = grade_badge(cr.grade, scale, best=cr.best, worst=cr.worst)
            parts.append(
                f"<tr><td>{escape(criterion.title)}</td><td>{value}</td><td>{grade}</td>"
                f'<td class="ik-why">{escape(cr.reason)}</td></tr>'
            )
        parts.append("</tbody></table>")
    return parts


def _provenance(assessment: Assessment) -> list[str]:
    found = collect_provenance(assessment)
    parts = [f"<h2>{PROVENANCE_HEADING}</h2>"]
    if not found:
        return [*parts, f"<p>{ALL_VERIFIED}</p>"]
    parts.append(f"<p>{NOT_ALL_VERIFIED}</p><ul>")
    for item in found:
        source = f"; source: {escape(item.source)}" if item.source else ""
        note = f" — {escape(item.note)}" if item.note else ""
        parts.append(
            f"<li>{escape(item.kind)} — {escape(item.subject)} "
            f"(<em>{BASIS_WORDS[item.basis]}</em>{source}){note}</li>"
        )
    return [*parts, "</ul>"]


def render_body(assessment: Assessment) -> str:
    """Return the report as a ``<div class="ik-report">`` without any style."""
    parts = [
        '<div class="ik-report">',
        *_heading(assessment),
        *_grade_table(assessment),
        *_summary(assessment),
        *_strengths(assessment),
        *_plan(assessment),
        *_evidence(assessment),
        *_caps(assessment),
        *_criteria(assessment),
        *_provenance(assessment),
        "<footer>Predicted by inspectkit. A mock inspection is a guide to preparation, "
        "not an inspection outcome.</footer>",
        "</div>",
    ]
    return "\n".join(parts)


def render_html(assessment: Assessment, *, fragment: bool = False) -> str:
    """Return the assessment as a standalone HTML page, or as a notebook fragment.

    Args:
        assessment: The assessment to show.
        fragment: Return a ``<div>`` with a scoped ``<style>`` instead of a whole document.
    """
    body = render_body(assessment)
    if fragment:
        return f"<div>\n<style>\n{CSS}\n</style>\n{body}\n</div>\n"
    title = escape(f"Predicted inspection: {assessment.evidence.unit}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


def render_table_html(table: AssessmentTable) -> str:
    """Return an `AssessmentTable` as an HTML fragment: a row per unit, for notebooks."""
    framework = table.framework
    scale = framework.scale
    judgements = framework.judgements
    head = ["Unit", "Date", framework.overall_title, *(j.title for j in judgements), "Coverage"]
    cells = "".join(f'<th scope="col">{escape(text)}</th>' for text in head)
    rows = []
    for assessment in table.assessments:
        results = [assessment.overall, *(assessment.judgements[j.id] for j in judgements)]
        badges = "".join(
            f"<td>{grade_badge(r.grade, scale, best=r.best, worst=r.worst)}</td>" for r in results
        )
        rows.append(
            f'<tr><th scope="row">{escape(assessment.evidence.unit)}</th>'
            f"<td>{format_date(assessment.evidence.date)}</td>{badges}"
            f"<td>{format_share(assessment.coverage)}</td></tr>"
        )
    counts = table.grade_counts()
    summary = ", ".join(f"{escape(grade.label)}: {counts[grade.id]}" for grade in scale)
    return (
        f'<div>\n<style>\n{CSS}\n</style>\n<div class="ik-report">'
        f"<h2>Predicted grades: {escape(framework.title)}</h2>"
        f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="ik-note">{len(table)} units. Predicted overall: {summary}.</p>'
        "</div>\n</div>\n"
    )
