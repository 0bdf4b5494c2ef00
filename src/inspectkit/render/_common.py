"""Building blocks the renderers share: grade words and symbols, values, summaries, provenance.

Every renderer (Markdown, HTML, text, tables) says the same things in the same words; this
module decides those words once. Nothing here escapes or formats for a particular output: the
functions return plain strings and plain data, and each renderer escapes what it prints.

The group and progress reports use the same blocks, plus the ones below the assessment's
(`group_gap_sources`, `key_figure_criteria`, `comparison_headline`...), which their Markdown and
HTML forms share, so a group or a comparison says the same things in both.

The records the renderers pass between them (`GapLine`, `PlanLines`, `ProvenanceLine`,
`FindingLine`, `ListedFinding`) are plain classes with ``__slots__``, not attrs models: each is
built here and only read by the renderers, which need none of attrs' equality, hashing or repr,
and defining an attrs class compiles its generated methods at import, which a plain
``inspectkit assess FILE`` paid for five times before it printed a line (issue 15).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from inspectkit._words import decimal, grade_label, next_grade, percent, points
from inspectkit.errors import InspectkitError
from inspectkit.evidence import (
    NOT_APPLICABLE,
    Entry,
    Finding,
    GradeRange,
    Interval,
    Remark,
    Value,
)
from inspectkit.grades import Grade, GradeScale
from inspectkit.results import (
    Assessment,
    Change,
    CriterionResult,
    Gap,
    JudgementResult,
    LiftPlan,
    Status,
)
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Direction,
    Framework,
    GroupMethod,
    Judgement,
    Measure,
    Method,
    Provenance,
)

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    # Only named in annotations: reading them would load models a plain assessment never uses.
    from inspectkit.results import (
        AssessmentTable,
        Comparison,
        GroupAssessment,
        Miss,
        Movement,
        WhatIf,
    )
    from inspectkit.rubric import Change as FrameworkChangeRecord

__all__ = [
    "GROUP_RULE_WORDS",
    "HOLDING_DOWN",
    "MOVEMENT_ARROWS",
    "PLAN_NOT_PROVEN",
    "STATUSES_HEADING",
    "GapLine",
    "ListedFinding",
    "PlanLines",
    "ProvenanceLine",
    "absent_text",
    "cap_words",
    "change_text",
    "change_words",
    "changed_findings",
    "check_words",
    "collect_gap_lines",
    "collect_plan_lines",
    "collect_provenance",
    "comparison_criterion",
    "comparison_headline",
    "comparison_key_figures",
    "comparison_rows",
    "consistency_text",
    "criterion_grades_text",
    "declared_change_text",
    "entry_text",
    "finding_label",
    "format_amount",
    "format_date",
    "format_value",
    "gap_flags",
    "gap_needs",
    "gap_now",
    "grade_distribution",
    "grade_phrase",
    "grade_short",
    "grade_symbol",
    "grade_with_range",
    "group_absent_text",
    "group_findings",
    "group_gap_sources",
    "ink",
    "is_better",
    "key_figure_criteria",
    "member_value",
    "method_words",
    "movement_value_text",
    "movement_words",
    "not_at_phrase",
    "other_remarks",
    "plan_framework",
    "plan_scope_title",
    "plan_step_lines",
    "plan_steps",
    "plan_summary",
    "plan_verified",
    "provenance_text",
    "range_text",
    "remark_text",
    "result_answer",
    "run_label",
    "status_lines",
    "strength_text",
    "strengths",
    "threshold_words",
    "unit_noun",
    "what_if_changes",
    "what_if_gaps",
    "what_if_moves",
]

FILLED = "●"
EMPTY = "○"
EN_DASH = "\u2013"
STRENGTHS_SHOWN = 8


def grade_symbol(grade: Grade | None, scale: GradeScale, *, ascii_only: bool = False) -> str:
    """Return a symbol that shows a grade's place on its scale without relying on colour.

    The best grade fills every dot, the worst fills one: on a four-grade scale Outstanding is
    ``●●●●``, Good ``●●●○``, Requires improvement ``●●○○`` and Inadequate ``●○○○``. With
    *ascii_only* the dots are ``#`` and ``-``. No grade gives empty dots.
    """
    filled, empty = ("#", "-") if ascii_only else (FILLED, EMPTY)
    # A grade of a second scale (met / not met) shows its place on its own scale.
    size = grade.size if grade is not None and grade.size else len(scale)
    count = 0 if grade is None else size - grade.rank
    return filled * count + empty * (size - count)


def ink(hex_colour: str) -> str:
    """Return black or white, whichever reads better on *hex_colour* (WCAG luminance)."""

    def channel(pair: str) -> float:
        value = int(pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(hex_colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#0b0c0c" if luminance > 0.179 else "#ffffff"


def grade_short(grade: Grade) -> str:
    """Return a short name for a grade in ranges: an alias such as ``RI`` if it has a word one.

    Aliases that are only digits are skipped, so ``Good`` stays ``Good``.
    """
    words = [alias for alias in grade.aliases if alias.isalpha() and len(alias) < len(grade.label)]
    return min(words, key=len) if words else grade.label


def range_text(best: Grade | None, worst: Grade | None) -> str:
    """Return the range as ``RI-Good`` with an en dash (worst first), or ``""`` for one grade."""
    if best is None or worst is None or best == worst:
        return ""
    return f"{grade_short(worst)}{EN_DASH}{grade_short(best)}"


def grade_with_range(
    grade: Grade | None, best: Grade | None = None, worst: Grade | None = None
) -> str:
    """Return ``Good (RI-Good)``: the grade and, when the evidence allows others, the range."""
    text = grade_label(grade)
    span = range_text(best, worst)
    return f"{text} ({span})" if span else text


def grade_phrase(grade: Grade | None) -> str:
    """Return the grade as a predicate: ``to be good``, ``to require improvement``.

    Labels that start with *Requires* or *Needs* become verbs; other one-word labels follow
    "to be"; longer labels are quoted as a grade (``to be graded Expected standard``).
    """
    if grade is None:
        return "to be ungraded: there is not enough evidence to grade it"
    words = grade.label.split()
    head = words[0].casefold()
    verbs = {"requires": "require", "needs": "need", "require": "require", "need": "need"}
    if head in verbs:
        return " ".join(["to", verbs[head], *(word.casefold() for word in words[1:])])
    if len(words) == 1:
        return f"to be {grade.label.casefold()}"
    return f"to be graded {grade.label}"


def not_at_phrase(grade: Grade) -> str:
    """Return the opening of the reasons a unit is not at *grade*: ``It is not good``.

    One-word labels read as adjectives; longer ones are named as a grade
    (``It is not graded Requires improvement``).
    """
    if len(grade.label.split()) == 1:
        return f"It is not {grade.label.casefold()}"
    return f"It is not graded {grade.label}"


WHAT_IF_NOTE = (
    "Hypothetical: this is a what-if, not a prediction from the evidence as recorded. It "
    "re-scores the evidence with the changes listed; do not report it as the unit's grade."
)
"""What every format of a what-if says at its top (JSON carries it as ``what_if.note``)."""

WHAT_IF_TITLE = "What-if (hypothetical)"
"""The heading of a what-if report, where another report says "Predicted inspection"."""


def what_if_changes(what_if: WhatIf) -> list[tuple[str, str, str]]:
    """Return each change of a what-if as (criterion title, recorded value, what-if value)."""
    framework = what_if.before.framework
    scale = framework.scale
    rows = []
    for criterion_id, entry in what_if.changes.items():
        criterion = framework.criterion(criterion_id)
        recorded = what_if.before.evidence.entries.get(criterion_id)
        rows.append(
            (
                criterion.title,
                format_value(recorded, criterion, scale),
                format_value(entry, criterion, scale),
            )
        )
    for finding in what_if.findings_added:
        rows.append((f"{finding.sign.value.capitalize()} found", "", f"added: {finding.text}"))
    for finding in what_if.findings_removed:
        rows.append((f"{finding.sign.value.capitalize()} found", finding.text, "removed"))
    return rows


def what_if_moves(what_if: WhatIf) -> list[str]:
    """Return what a what-if moved, one line each: ``Title: Good → Outstanding (improved)``."""
    framework = what_if.before.framework
    checks = {c.id for c in framework.criteria() if c.measure is Measure.CHECK}
    lines = []
    for move in what_if.moved:
        how = "range only" if move.before == move.after else move.direction
        was, now = grade_label(move.before), grade_label(move.after)
        if move.kind == "criterion" and move.id in checks:
            # A check moves from not met to met, not from one grade to another.
            was, now = (_answer(value) for value in (move.before_value, move.after_value))
        if move.before == move.after:
            span = range_text(*move.after_range) or now
            lines.append(f"{move.title}: {now}, range now {span} ({how})")
        else:
            lines.append(f"{move.title}: {was} \u2192 {now} ({how})")
    for status_id in what_if.statuses_moved:  # a derived status the grades moved
        before, after = what_if.before.statuses[status_id], what_if.after.statuses[status_id]
        lines.append(f"{after.status.title}: {before.text} \u2192 {after.text}")
    return lines


def _answer(value: Value | None) -> str:
    if value is None:
        return "no evidence"
    if isinstance(value, bool):
        return "met" if value else "not met"
    return str(value)


def what_if_gaps(what_if: WhatIf) -> str:
    """Return the gaps a what-if closed and opened, in one sentence, by title."""
    framework = what_if.before.framework

    def titles(ids: tuple[str, ...]) -> str:
        return ", ".join(framework.criterion(cid).title for cid in ids) or "none"

    return (
        f"Gaps to {what_if.target.label} closed: {titles(what_if.gaps_closed)}; "
        f"opened: {titles(what_if.gaps_opened)}."
    )


def absent_text(assessment: Assessment, result_id: str) -> str:
    """Return what the unit report prints for judgement *result_id* where it does not apply.

    That is the judgement's ``absent_text`` (``not graded: no early years provision``); empty
    for a judgement that applies, and for ``overall``.
    """
    result = assessment.judgements.get(result_id)
    return result.absent_text if result is not None else ""


def group_absent_text(group: GroupAssessment, result_id: str) -> str:
    """Return the not-applicable text of a group's judgement *result_id*, or ``""``.

    A judgement that applies to no member shows the first member's text, as each member's
    report does; one that applies to any member is graded from those (or not graded).
    """
    texts = [absent_text(member, result_id) for member in group.members.values()]
    return texts[0] if texts and all(texts) else ""


STATUSES_HEADING = "Statuses"
"""The heading of the derived statuses (category of concern, monitoring) in every report."""


def status_lines(assessment: Assessment | GroupAssessment | WhatIf) -> list[tuple[str, str]]:
    """Return ``(title, text)`` per derived status: the level, its range and its basis.

    For example ``("Category of concern", "Requires significant improvement (could be Not in
    a category of concern); rule: secondary")``. The basis is the level's own provenance (the
    status's for no level), so a modelled status never reads as the regulator's. A group's
    statuses are its own, on the group's grades; a what-if's are those after its changes.
    """
    lines = []
    for result in assessment.statuses.values():
        status = result.status
        provenance = status.provenance
        if result.level is not None and result.level.provenance is not None:
            provenance = result.level.provenance
        lines.append((status.title, f"{result.text}; rule: {provenance.basis.value}"))
    return lines


NO_OVERALL = "This framework gives no overall grade: each judgement stands on its own."
"""What a report says in place of the overall grade, for a framework with ``method = "none"``."""

NO_OVERALL_PLAN = (
    "There is no overall grade to lift. Each judgement's criteria below show what holds it "
    "where it is; in Python, `Assessment.gaps(judgement=ID)` lists what one judgement needs."
)
"""What the plan section says for a framework with no overall grade."""


def out_of_force(assessment: Assessment) -> str:
    """Return a note when the evidence is dated outside the framework's period, else ``""``."""
    framework = assessment.framework
    date = assessment.evidence.date
    if date is None or framework.in_force(date):
        return ""
    start = framework.valid_from.isoformat() if framework.valid_from else "its start"
    end = framework.valid_until.isoformat() if framework.valid_until else "now"
    return (
        f"Out of force: the evidence is dated {date.isoformat()}, but {framework.id} was in "
        f"force from {start} to {end}."
    )


def headline_results(assessment: Assessment) -> list[JudgementResult]:
    """Return the results a report's grade table lists: overall (if graded), then judgements."""
    judgements = list(assessment.judgements.values())
    if not assessment.framework.has_overall:
        return judgements
    return [assessment.overall, *judgements]


def unit_noun(assessment: Assessment) -> str:
    """Return how the summary names the unit: ``This centre``, ``This group``."""
    kind = assessment.evidence.kind.strip().replace("_", " ") or "unit"
    return f"This {kind}"


def format_date(date: datetime.date | None) -> str:
    """Return an ISO date, or ``""``."""
    return date.isoformat() if date else ""


def remark_text(remark: Remark) -> str:
    """Return what the evidence records about a criterion it gives no value, in words.

    ``recorded as not known: the report says no record is kept`` for ``"unknown"``,
    ``recorded without a value: partly done, and the check takes no 'partly'`` for an entry
    with only a note, then the remark's source and date in brackets where given. The evidence
    sections print it beside the criterion in "Evidence still to collect": the remark is why
    the value is missing, which is what an assessor collecting it needs to know.
    """
    head = "recorded as not known" if remark.unknown else "recorded without a value"
    text = f"{head}: {remark.note}" if remark.note else head
    extras = ", ".join(part for part in (remark.source, format_date(remark.date)) if part)
    return f"{text} ({extras})" if extras else text


def other_remarks(assessment: Assessment) -> list[tuple[str, str]]:
    """Return ``(criterion title, remark text)`` for remarks on criteria not still to collect.

    A remark's criterion has no value, so it is nearly always in `Assessment.to_collect`; it is
    not when its judgement's grade is given directly or it does not apply. Those remarks are
    listed after the list, so no remark the evidence records goes unshown.
    """
    listed = {result.id for result in assessment.to_collect()}
    titles = {criterion.id: criterion.title for criterion in assessment.framework.criteria()}
    return [
        (titles[cid], remark_text(remark))
        for cid, remark in assessment.evidence.remarks.items()
        if cid not in listed and cid in titles
    ]


def format_value(entry: Entry | None, criterion: Criterion, scale: GradeScale) -> str:
    """Return the evidence value as a reader expects to see it.

    Proportions are percentages (with their counts, ``412 / 702 (58.7%)``), intervals show the
    word and its bounds, quantities carry their unit, checks read *met* / *not met*, ratings
    give the grade's label. Absent evidence reads ``no evidence``.
    """
    if entry is None:
        return "no evidence"
    value = entry.value
    if value is NOT_APPLICABLE:
        return "not applicable"
    if isinstance(value, Interval):
        bounds = f"{percent(value.low)}{EN_DASH}{percent(value.high)}"
        return f"{value.word} ({bounds})" if value.word else bounds
    if isinstance(value, bool):
        return "met" if value else "not met"
    if isinstance(value, str):
        grade = scale.get(value)
        return grade.label if grade else value
    if isinstance(value, GradeRange):
        return grade_range_text(value, scale, entry.text)
    if criterion.measure is Measure.PROPORTION and entry.counts is not None:
        counts = entry.counts
        return f"{counts.numerator} / {counts.denominator} ({percent(value)})"
    return format_amount(value, criterion)


def grade_range_text(value: GradeRange, scale: GradeScale, text: str | None = None) -> str:
    """Return an assessor's view: ``assessor's view: Good``, or a range with its words."""
    best = scale.get(value.best)
    worst = scale.get(value.worst)
    best_label = best.label if best else value.best
    worst_label = worst.label if worst else value.worst
    if value.is_exact:
        return (
            f"{text} ({best_label})"
            if text and text != value.best
            else (f"assessor's view: {best_label}")
        )
    shown = f"{best_label}{EN_DASH}{worst_label}"
    return f"{text} ({shown})" if text else shown


def strength_text(result: CriterionResult, criterion: Criterion, scale: GradeScale) -> str:
    """Return a strength's evidence and grade: ``75%, Good``, ``rated Good``, ``met``."""
    if criterion.measure is Measure.RATING:
        return f"rated {grade_label(result.grade)}"
    if criterion.measure is Measure.CHECK:
        return format_value(result.entry, criterion, scale)
    return f"{format_value(result.entry, criterion, scale)}, {grade_label(result.grade)}"


def check_words(result: CriterionResult, criterion: Criterion) -> str | None:
    """Return ``met`` or ``not met`` for a check answered yes or no, else ``None``.

    A check's grade is what it counts as in its judgement, not a grade the unit earned on it:
    a met check shown as "Outstanding" reads as praise it is not, so reports give the answer
    in the grade column and leave the counting to the reason beside it.
    """
    if criterion.measure is not Measure.CHECK or result.entry is None:
        return None
    value = result.entry.value
    if not isinstance(value, bool):
        return None
    return "met" if value else "not met"


def result_answer(result: CriterionResult) -> str:
    """Return a criterion result's grade in its own terms, without its framework.

    A check answered yes or no reads *met* / *not met*; anything else its grade and range
    (``Good (RI-Good)``), or *not applicable*.
    """
    if result.status is Status.NOT_APPLICABLE:
        return "not applicable"
    if result.entry is not None and isinstance(result.entry.value, bool):
        return "met" if result.entry.value else "not met"
    return grade_with_range(result.grade, result.best, result.worst)


STATUS_WORDS = {
    Status.EXACT: " (exact evidence)",
    Status.INTERVAL: " (evidence as a range)",
    Status.ABSENT: " (no evidence)",
    Status.NOT_APPLICABLE: "",
}
"""What a criterion's result view says of the evidence it was graded from."""


def format_amount(value: float, criterion: Criterion) -> str:
    """Return a value or threshold in the criterion's terms: a percentage, or a number and unit."""
    if criterion.measure is Measure.PROPORTION:
        return percent(value)
    unit = f" {criterion.unit}" if criterion.unit else ""
    return f"{decimal(value)}{unit}"


def strengths(
    assessment: Assessment, *, limit: int = STRENGTHS_SHOWN
) -> tuple[list[CriterionResult], int]:
    """Return the strongest criteria graded, on evidence, at the target grade or better.

    Those are the criteria already where the unit needs to be: measured and rated criteria
    before checks, best grade first, framework order among equals; at most *limit* of them,
    and how many more there are. A unit at the top of the scale has as strengths the criteria
    at the top grade. Absent evidence is never a strength.
    """
    bar = (
        next_grade(assessment.framework.scale, assessment.grade) or assessment.framework.scale.best
    )
    if not assessment.framework.has_overall:
        bar = assessment.framework.scale.best
    found = [
        result
        for result in assessment.criteria.values()
        if result.status in (Status.EXACT, Status.INTERVAL)
        and result.grade is not None
        and result.grade.at_least(bar)
    ]
    # Measured and rated criteria first: a met check is expected rather than a strength.
    checks = {c.id for c in assessment.framework.criteria() if c.measure is Measure.CHECK}
    found.sort(key=lambda r: (r.id in checks, r.grade.rank if r.grade else 0))
    return found[:limit], max(0, len(found) - limit)


class GapLine:
    """One reason the unit is not at the target grade, ready to print.

    Attributes:
        criterion: The criterion id, or ``""`` for a reason about a cap.
        title: The criterion's (or the cap's) title.
        text: What is wrong and what is needed, in plain words.
        blocking: Whether a cap makes it block the target whatever else improves.
    """

    __slots__ = ("blocking", "criterion", "text", "title")

    def __init__(self, criterion: str, title: str, text: str, blocking: bool = False) -> None:
        self.criterion = criterion
        self.title = title
        self.text = text
        self.blocking = blocking


def _call(assessment: Assessment, method: str, target: Grade) -> Any:
    """Call ``assessment.<method>(target.id)``; ``None`` when the gaps module is not there."""
    bound = getattr(assessment, method, None)
    if bound is None:
        return None
    try:
        return bound(target.id)
    except (NotImplementedError, ImportError, InspectkitError):
        # A report never fails for want of its gap list: it falls back to the results.
        return None


def collect_gap_lines(assessment: Assessment, target: Grade | None) -> list[GapLine]:
    """Return why the unit is not at *target*, drawn from `Assessment.gaps`.

    Each line is a gap's criterion title and what it needs (``58% -> at least 65%``); a gap
    that triggers a cap holding the grade down is marked blocking. Where the gap list cannot be
    had, the lines are read from the criterion results below the target instead, so a report
    never fails for want of it.
    """
    if target is None:
        return []
    gaps = _call(assessment, "gaps", target)
    if gaps is None:
        return _fallback_gap_lines(assessment, target)
    lines = [
        GapLine(
            criterion=str(gap.criterion),
            title=str(gap.title),
            text=str(gap.need).replace(" -> ", " \u2192 "),
            blocking=bool(gap.blocking),
        )
        for gap in gaps
    ]
    # Weaknesses of judgements below the target: the blocking ones first, since no change to
    # the criteria lifts a judgement while they stand.
    found = _call(assessment, "finding_gaps", target) or ()
    titles = {result.id: result.title for result in assessment.judgements.values()}
    weaknesses = [
        GapLine(criterion="", title=titles[gap.judgement], text=gap.need, blocking=gap.blocking)
        for gap in found
    ]
    return [
        *(line for line in weaknesses if line.blocking),
        *lines,
        *(line for line in weaknesses if not line.blocking),
    ]


def _fallback_gap_lines(assessment: Assessment, target: Grade) -> list[GapLine]:
    framework = assessment.framework
    lines = []
    for result in assessment.criteria.values():
        if result.grade is None or result.grade.at_least(target):
            continue
        criterion = framework.criterion(result.id)
        lines.append(GapLine(criterion=result.id, title=criterion.title, text=result.reason))
    for fired in assessment.fired_caps():
        limit = framework.scale.get(fired.cap.to)
        if limit is None or not target.better_than(limit):
            continue
        lines.append(GapLine(criterion="", title="Limiting rule", text=fired.reason, blocking=True))
    return lines


class PlanLines:
    """The lift plan to the next grade, ready to print.

    Attributes:
        available: Whether a lift plan could be computed at all (the gaps module is present).
        reachable: Whether any set of changes reaches the target.
        reason: The planner's sentence: what the plan does, or why the target is out of reach.
        steps: One sentence per change, in the planner's order.
        titles: The title of each step's criterion, parallel to *steps*, for renderers that
            set it in bold; each step starts with its title and ``": "``.
        stopped: `PLAN_NOT_PROVEN` when the search stopped at its work limit before proving
            the plan the smallest (``LiftPlan.minimal`` false), else empty.
    """

    __slots__ = ("available", "reachable", "reason", "steps", "stopped", "titles")

    def __init__(
        self,
        available: bool,
        *,
        reachable: bool = False,
        reason: str = "",
        steps: tuple[str, ...] = (),
        titles: tuple[str, ...] = (),
        stopped: str = "",
    ) -> None:
        self.available = available
        self.reachable = reachable
        self.reason = reason
        self.steps = steps
        self.titles = titles
        self.stopped = stopped


PLAN_NOT_PROVEN = (
    "The search stopped at its work limit: these changes reach the target, but fewer might."
)
"""What every report says under a lift plan not proven to have the fewest changes."""


def change_words(
    change: Change, framework: Framework, now: Entry | None, *, known: bool = True
) -> str:
    """Return what a lift plan's change asks for, in the criterion's terms, and where it stands.

    ``reach at least 65%, Good (61% now)``, ``meet the check (not met now)``, ``an assessor's
    rating of Good (rated Requires improvement now)``: the value to reach, never only the grade
    it counts as (a met check "to Outstanding" reads as if one check made the unit so).

    Args:
        change: The plan's change.
        framework: The framework the plan is on.
        now: The criterion's evidence before the plan (``None``: no evidence).
        known: Whether *now* is known; a plan built by hand does not say where it started.
    """
    criterion = framework.criterion(change.criterion)
    scale = framework.scale
    was = "no evidence now" if now is None else f"{format_value(now, criterion, scale)} now"
    if criterion.measure is Measure.RATING and now is not None:
        was = f"rated {grade_label(change.before)} now"
    tail = f" ({was})" if known else ""
    value = change.value
    if criterion.measure is Measure.CHECK:
        return f"meet the check{tail}"
    if criterion.measure is Measure.RATING:
        return f"an assessor's rating of {change.after.label}{tail}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        bound = "at least" if criterion.direction.value == "higher" else "at most"
        amount = format_amount(float(value), criterion)
        return f"reach {bound} {amount}, {change.after.label}{tail}"
    return f"{format_value(change.entry, criterion, scale)}, {change.after.label}{tail}"


def plan_steps(plan: LiftPlan, framework: Framework) -> list[tuple[str, str]]:
    """Return each change of *plan* as (criterion title, what it asks for), in plan order."""
    base = plan.base
    steps = []
    for change in plan.changes:
        now = None if base is None else base.evidence.entries.get(change.criterion)
        title = framework.criterion(change.criterion).title
        steps.append((title, change_words(change, framework, now, known=base is not None)))
    return steps


def plan_framework(plan: LiftPlan) -> Framework | None:
    """Return the framework a lift plan is on (from its base or result), if it knows it."""
    for assessment in (plan.base, plan.result):
        if assessment is not None:
            return assessment.framework
    return None


def plan_step_lines(plan: LiftPlan) -> list[tuple[str, str]]:
    """Return *plan*'s steps as (title, words); a plan built by hand names ids and grades."""
    framework = plan_framework(plan)
    if framework is not None:
        return plan_steps(plan, framework)
    return [
        (change.criterion, f"to {change.after.label} (from {grade_label(change.before)})")
        for change in plan.changes
    ]


def plan_scope_title(plan: LiftPlan) -> str:
    """Return what a plan lifts, as a title: ``Overall effectiveness``, a judgement's title."""
    framework = plan_framework(plan)
    if framework is None:
        return "the overall grade" if plan.scope == OVERALL else plan.scope
    if plan.scope == OVERALL:
        return framework.overall_title
    return framework.judgement(plan.scope).title


def plan_summary(plan: LiftPlan) -> str:
    """Return what a plan does in one sentence, by titles: the planner's reason otherwise.

    The planner's own reason names criteria by id and the grade each counts as; a reader
    wants the scope by title and the steps, which follow it.
    """
    if not plan.reachable or not plan.changes:
        return plan.reason
    count = len(plan.changes)
    verb = "change lifts" if count == 1 else "changes lift"
    return (
        f"{count} {verb} {plan_scope_title(plan)} from {grade_label(plan.before)} to "
        f"{plan.target.label}:"
    )


def plan_verified(plan: LiftPlan) -> str:
    """Return the sentence that says a plan was checked by re-scoring (``""`` with no steps)."""
    if not plan.reachable or not plan.changes:
        return ""
    return f"Verified by re-scoring: predicted {grade_label(plan.after)}."


def gap_flags(gap: Gap) -> list[str]:
    """Return what marks a gap out: ``blocking``, ``in the plan``, ``closes alone``."""
    flags = [
        ("blocking", gap.blocking),
        ("in the plan", gap.in_plan),
        ("lifts the overall grade alone", gap.lifts_overall),
        ("lifts its judgement alone", gap.lifts_judgement and not gap.lifts_overall),
    ]
    return [flag for flag, on in flags if on]


def criterion_grades_text(framework: Framework, judgement: Judgement, criterion: Criterion) -> str:
    """Return how a criterion is graded, in words: its thresholds, or what a check counts as."""
    scale = framework.scale
    if criterion.measure in (Measure.PROPORTION, Measure.QUANTITY):
        bound = "at least" if criterion.direction.value == "higher" else "at most"
        parts = [
            f"{grade_label(scale.get(t.grade))} {bound} {format_amount(t.value, criterion)}"
            for t in criterion.thresholds
        ]
        return "; ".join(parts) + f"; otherwise {scale.worst.label}"
    if criterion.measure is Measure.CHECK:
        met, not_met = criterion.check_grades(scale, judgement.level_ceiling(scale))
        words = [f"met: {scale.find(met).label}", f"not met: {scale.find(not_met).label}"]
        words += [f"{word}: {scale.find(grade).label}" for word, grade in criterion.values.items()]
        if criterion.level is not None:
            words.append(f"needed for {scale.find(criterion.level).label}")
        return "; ".join(words)
    return "an assessor's rating"


def cap_words(framework: Framework, cap: Cap) -> str:
    """Return a cap in words: its description, or what triggers it and what it limits."""
    if cap.description:
        return cap.description
    scale = framework.scale
    if cap.not_met:
        trigger = "is not met"
    else:
        trigger = f"is {grade_label(scale.get(cap.at_or_below or ''))} or worse"
    limits = framework.overall_title if cap.limits == OVERALL else cap.limits
    return f"when {cap.when} {trigger}, {limits} is at best {grade_label(scale.get(cap.to))}"


def gap_now(gap: Gap) -> str:
    """Return where a gap's criterion stands, in its own terms: ``not met`` for a check."""
    if gap.target_value is True:
        return "no evidence" if gap.absent else "not met"
    return grade_label(gap.grade)


def gap_needs(gap: Gap) -> str:
    """Return what a gap's criterion must reach, in its own terms: ``met`` for a check."""
    return "met" if gap.target_value is True else gap.required.label


def entry_text(entry: Entry) -> str:
    """Return an evidence value as given, without its framework: counts, words, met / not met.

    `format_value` needs the criterion to tell a share from a quantity; evidence on its own
    does not know it, so numbers are shown as written (``0.587``) unless counts say more.
    """
    value = entry.value
    if value is NOT_APPLICABLE:
        return "not applicable"
    if isinstance(value, bool):
        return "met" if value else "not met"
    if isinstance(value, Interval):
        bounds = f"{percent(value.low)}{EN_DASH}{percent(value.high)}"
        return f"{value.word} ({bounds})" if value.word else bounds
    if entry.counts is not None:
        return f"{entry.counts.numerator} / {entry.counts.denominator}"
    if isinstance(value, GradeRange):
        return entry.text or (
            value.best if value.is_exact else f"{value.best}{EN_DASH}{value.worst}"
        )
    if isinstance(value, str):
        return value
    return entry.text or decimal(value)


def collect_plan_lines(
    assessment: Assessment, target: Grade | None, gaps: Sequence[GapLine] | None = None
) -> PlanLines:
    """Return the lift plan to *target* as sentences (see `PlanLines`).

    Each step names the criterion and what it takes (the need the gap list gives for it, or
    the grade to reach), followed by the framework's first action for it, if any. *gaps* are
    the `collect_gap_lines` of the same assessment and target, when the caller has them
    already (finding gaps costs about as much as planning).
    """
    if target is None:
        return PlanLines(available=True, reachable=True)
    plan = _call(assessment, "lift_plan", target)
    if plan is None:
        return PlanLines(available=False)
    if gaps is None:
        gaps = collect_gap_lines(assessment, target)
    needs = {line.criterion: line.text for line in gaps}
    framework = assessment.framework
    steps = []
    titles = []
    for change in plan.changes:
        criterion = framework.criterion(change.criterion)
        need = needs.get(change.criterion)
        if need is None:
            value = format_value(change.entry, criterion, framework.scale)
            need = f"reach {change.after.label} ({value})"
        step = f"{criterion.title}: {need}."
        if criterion.actions:
            step += f" For example: {criterion.actions[0]}"
        steps.append(step)
        titles.append(criterion.title)
    return PlanLines(
        available=True,
        reachable=bool(plan.reachable),
        reason=str(plan.reason),
        steps=tuple(steps),
        titles=tuple(titles),
        stopped="" if plan.minimal or not plan.reachable else PLAN_NOT_PROVEN,
    )


PROVENANCE_HEADING = "What the prediction rests on"
"""The heading of a report's provenance section."""

ALL_VERIFIED = "Every rule this prediction used is stated in regulator text."
"""The provenance section when every rule used is verified."""

NOT_ALL_VERIFIED = (
    "This prediction uses rules that are not stated word for word in regulator text. "
    "Treat it as a model, not a verdict:"
)
"""The lead-in to the list of rules a prediction uses that are not verified."""


class ProvenanceLine:
    """One rule a prediction rests on that is not verified regulator text.

    Attributes:
        kind: ``threshold``, ``aggregation``, ``rule`` or ``cap``.
        subject: What the rule is about (``Sustained contact: Good at 65%``).
        basis: How far it is backed (`Basis`).
        source: The title of the source it cites, or ``""``.
        note: The provenance note.
    """

    __slots__ = ("basis", "kind", "note", "source", "subject")

    def __init__(self, kind: str, subject: str, basis: Basis, source: str, note: str) -> None:
        self.kind = kind
        self.subject = subject
        self.basis = basis
        self.source = source
        self.note = note


def _source_title(framework: Framework, provenance: Provenance) -> str:
    if provenance.source is None:
        return ""
    for source in framework.sources:
        if source.id == provenance.source:
            return source.title
    return provenance.source


def _deciding_thresholds(
    result: CriterionResult, criterion: Criterion, scale: GradeScale
) -> Sequence[tuple[str, Provenance]]:
    """Return the thresholds that decided a criterion's grade: the one reached, the one missed."""
    found: list[tuple[str, Provenance]] = []
    if result.grade is None or not criterion.thresholds:
        return found
    if result.threshold is not None:
        reached = result.threshold
        label = grade_label(scale.get(reached.grade))
        found.append((f"{label} at {format_amount(reached.value, criterion)}", reached.provenance))
    if result.grade.rank > 0:
        missed = criterion.threshold(scale[result.grade.rank - 1].id)
        if missed is not None and result.status is not Status.ABSENT:
            label = grade_label(scale.get(missed.grade))
            found.append(
                (f"{label} at {format_amount(missed.value, criterion)}", missed.provenance)
            )
    return found


def method_words(aggregation: Aggregation) -> str:
    """Return an aggregation method as words: ``best fit (50% share)``, ``secure fit``."""
    words = aggregation.method.value.replace("_", " ")
    if aggregation.method is Method.BEST_FIT and aggregation.share is not None:
        words += f" ({percent(aggregation.share)} share)"
    return words


def collect_provenance(assessment: Assessment) -> list[ProvenanceLine]:
    """Return the unverified rules the prediction rests on, each named once, in report order.

    Counted are the thresholds that decided each criterion's grade (the one reached and the
    next one missed), the aggregation methods of every judgement and of the overall grade, and
    the caps that fired. Rules backed by `Basis.VERIFIED` text are left out.
    """
    framework = assessment.framework
    scale = framework.scale
    lines: list[ProvenanceLine] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, subject: str, provenance: Provenance | None) -> None:
        if provenance is None or provenance.is_verified or (kind, subject) in seen:
            return
        seen.add((kind, subject))
        lines.append(
            ProvenanceLine(
                kind=kind,
                subject=subject,
                basis=provenance.basis,
                source=_source_title(framework, provenance),
                note=provenance.note,
            )
        )

    for result in assessment.criteria.values():
        criterion = framework.criterion(result.id)
        for text, provenance in _deciding_thresholds(result, criterion, scale):
            add("threshold", f"{criterion.title}: {text}", provenance)
        if criterion.measure in (Measure.CHECK, Measure.RATING) and result.grade is not None:
            add("criterion", criterion.title, criterion.provenance)
    for judgement in framework.judgements:
        aggregation = judgement.aggregation
        subject = f"{judgement.title}: {method_words(aggregation)}"
        add("aggregation", subject, aggregation.provenance)
        for rule in aggregation.rules:
            add("rule", f"{judgement.title}: {rule.description or rule.grade}", rule.provenance)
    overall = framework.overall
    subject = f"{framework.overall_title}: {method_words(overall)}"
    accuracy = overall.accuracy
    if accuracy is not None:
        subject += (
            f" (reproduces {accuracy.exact:.1%} of {accuracy.n} published grades exactly, "
            f"{accuracy.within_one:.1%} within one grade)"
        )
    if framework.has_overall:
        add("aggregation", subject, overall.provenance)
    for rule in overall.rules:
        add("rule", f"{framework.overall_title}: {rule.description or rule.grade}", rule.provenance)
    for fired in assessment.fired_caps():
        add("cap", fired.cap.description or fired.cap.id, fired.cap.provenance)
    return lines


BASIS_WORDS = {
    Basis.VERIFIED: "verified",
    Basis.SECONDARY: "secondary source",
    Basis.THIRD_PARTY: "third-party claim",
    Basis.MODELLED: "modelled",
    Basis.DERIVED: "derived rule, not the regulator's",
}
"""How each `Basis` is named in reports."""


# --- Group reports ----------------------------------------------------------------------------

GROUP_RULE_WORDS = {
    GroupMethod.WEAKEST: "weakest member",
    GroupMethod.BEST_FIT: "best fit across members",
    GroupMethod.POOLED: "pooled evidence",
}
"""How each group rule is named in group reports."""

HOLDING_DOWN = "▼"
"""The mark of a member that holds a group grade down."""


def provenance_text(framework: Framework, provenance: Provenance) -> str:
    """Return how far a rule is backed and its source: ``modelled; Ofsted handbook``."""
    text = BASIS_WORDS[provenance.basis]
    if provenance.source:
        try:
            text += f"; {framework.source(provenance.source).title}"
        except LookupError:
            text += f"; {provenance.source}"
    return text


def consistency_text(group: GroupAssessment) -> str:
    """Return what a group report says when no member is inconsistent with the others.

    A framework that sets no spread has nothing to check members against, and a report must
    not claim they are within a spread that does not exist.
    """
    spread = group.rule.spread
    if spread.grades is None and not spread.criteria:
        return "The framework sets no spread, so consistency was not checked."
    return "Members are within the spread the framework allows."


def member_value(group: GroupAssessment, member: Assessment, criterion_id: str) -> str:
    """Return a member's (or the pooled group's) evidence for a criterion, as reports print it."""
    criterion = group.framework.criterion(criterion_id)
    return format_value(member.evidence.entries.get(criterion_id), criterion, group.framework.scale)


def key_figure_criteria(group: GroupAssessment) -> list[Criterion]:
    """Return the measured criteria some member has evidence for: where members differ."""
    return [
        criterion
        for criterion in group.framework.criteria()
        if criterion.measure in (Measure.PROPORTION, Measure.QUANTITY)
        and any(m.evidence.value(criterion.id) is not None for m in group.members.values())
    ]


def threshold_words(criterion: Criterion, scale: GradeScale) -> str:
    """Return a measured criterion's thresholds in words, best grade first.

    ``Outstanding from 90%, Good from 65%`` for a higher-is-better criterion, ``Good up to
    10 points`` for a lower-is-better one; ``""`` where it has none on *scale*.
    """
    word = "from" if criterion.direction is Direction.HIGHER else "up to"
    graded = sorted(
        ((scale.find(t.grade), t.value) for t in criterion.thresholds if t.grade in scale),
        key=lambda pair: pair[0].rank,
    )
    return ", ".join(f"{g.label} {word} {format_amount(v, criterion)}" for g, v in graded)


def grade_distribution(table: AssessmentTable) -> list[tuple[str, dict[str, int], int]]:
    """Return how many units get each grade, for the overall grade and each judgement.

    Each row is a title, the count per grade id (best first) and how many units that row
    leaves ungraded. A judgement graded on a scale of its own (met / not met), which no unit
    has a grade of the framework's scale for, has no row.
    """
    framework = table.framework
    scale = framework.scale
    rows = [(OVERALL, framework.overall_title)] if framework.has_overall else []
    rows += [(j.id, j.title) for j in framework.judgements]
    found = []
    for ident, title in rows:
        counts = dict.fromkeys(scale.ids, 0)
        ungraded = 0
        for assessment in table.assessments:
            grade = assessment.result(ident).grade
            if grade is not None and grade.id in counts and grade.size in (0, len(scale)):
                counts[grade.id] += 1
            else:
                ungraded += 1
        if ungraded < len(table.assessments):
            found.append((title, counts, ungraded))
    return found


def group_gap_sources(group: GroupAssessment) -> dict[str, Assessment]:
    """Return the assessments whose gaps stand between the group and the next grade.

    A pooled group has one assessment of its own; otherwise the gaps are those of the members
    that hold the group down.
    """
    if group.assessment is not None:
        return {group.unit: group.assessment}
    return {name: group.members[name] for name in group.holding_down()}


# --- Comparisons and timelines ----------------------------------------------------------------

MOVEMENT_ARROWS = {"improved": "▲", "declined": "▼", "unchanged": "=", "changed": "~"}
"""The mark of each movement direction."""


def comparison_criterion(comparison: Comparison, criterion_id: str) -> Criterion | None:
    """Return the criterion of either framework version (the later one first), or ``None``."""
    for framework in (comparison.after.framework, comparison.before.framework):
        for criterion in framework.criteria():
            if criterion.id == criterion_id:
                return criterion
    return None


def movement_value_text(comparison: Comparison, movement: Movement, value: Value | None) -> str:
    """Return a value on one side of a movement as reports print it (``""`` when absent)."""
    if value is None:
        return ""
    criterion = comparison_criterion(comparison, movement.id)
    if criterion is None:  # only in a comparison built by hand: every movement has a criterion
        return str(value)
    return format_value(Entry(movement.id, value), criterion, comparison.after.framework.scale)


def change_text(criterion: Criterion, change: float) -> str:
    """Return how far a value moved: ``+6.5 points`` for a share, ``-2 hours`` for a quantity."""
    if change == 0:
        return "no change"
    sign = "+" if change > 0 else "-"
    size = abs(change)
    if criterion.measure is Measure.PROPORTION:
        return f"{sign}{points(size)}"
    unit = f" {criterion.unit}" if criterion.unit else ""
    return f"{sign}{decimal(size)}{unit}"


def is_better(criterion: Criterion, change: float) -> bool:
    """Return whether a value change is an improvement, given the criterion's direction."""
    return (change > 0) == (criterion.direction.value == "higher")


def movement_words(movement: Movement) -> str:
    """Return a grade movement in words: ``up 1 grade``, ``no change``, ``newly graded``."""
    steps = movement.steps
    if steps is None:
        if movement.before is None and movement.after is None:
            return "not graded"
        return "newly graded" if movement.before is None else "no longer graded"
    if steps == 0:
        return "no change"
    noun = "grade" if abs(steps) == 1 else "grades"
    return f"up {steps} {noun}" if steps > 0 else f"down {-steps} {noun}"


def comparison_rows(comparison: Comparison) -> list[Movement]:
    """Return the movements a comparison's grade table shows: overall (if any), judgements."""
    overall = [comparison.overall] if comparison.after.framework.has_overall else []
    return [*overall, *comparison.judgements.values()]


def comparison_headline(comparison: Comparison) -> str:
    """Return the comparison in one sentence: ``Overall effectiveness has improved from ...``.

    With no overall grade (method "none") the sentence counts the judgements that moved.
    """
    if not comparison.after.framework.has_overall:
        moved = [m.direction for m in comparison.judgements.values()]
        up, down = moved.count("improved"), moved.count("declined")
        rest = len(moved) - up - down
        return (
            "This framework gives no overall grade. Of the judgements, "
            f"{up} improved, {down} declined and {rest} did not move."
        )
    overall = comparison.overall
    title = comparison.after.framework.overall_title
    before, after = grade_label(overall.before), grade_label(overall.after)
    if overall.direction == "improved":
        return f"{title} has improved from {before} to {after}."
    if overall.direction == "declined":
        return f"{title} has declined from {before} to {after}."
    if overall.direction == "unchanged":
        return f"{title} is unchanged at {after}."
    return f"{title} was {before} and is now {after}."


def declared_change_text(change: FrameworkChangeRecord) -> str:
    """Return one ``[[changes]]`` entry in words: its summary, what it affects and its basis."""
    affects = f" Affects: {', '.join(change.affects)}." if change.affects else ""
    basis = f" ({change.provenance.basis.value})" if change.provenance is not None else ""
    return f"{change.summary}{affects}{basis}"


def comparison_key_figures(comparison: Comparison) -> list[tuple[Movement, Criterion]]:
    """Return the measured criteria with evidence on either side, with their movements."""
    rows = []
    for movement in comparison.criteria.values():
        criterion = comparison_criterion(comparison, movement.id)
        if criterion is None or criterion.measure not in (Measure.PROPORTION, Measure.QUANTITY):
            continue
        if movement.before_value is None and movement.after_value is None:
            continue
        rows.append((movement, criterion))
    return rows


def run_label(assessment: Assessment, position: int) -> str:
    """Return a timeline column's heading: the evidence date, or ``run N``."""
    return format_date(assessment.evidence.date) or f"run {position + 1}"


# --- Calibration: the words every format shares ----------------------------------------------

UNGRADED_RULE = (
    "A prediction that could not be graded counts as a miss: it is among the cases but is "
    "neither exact nor within one."
)
"""How every calibration report states the counting of ungraded predictions."""

MATRIX_NOTE = "Rows are the published grades, columns the predicted grades."
"""The sentence above every confusion matrix."""


def count_share(count: int, n: int) -> str:
    """Return ``9 (82%)``: a count and its share of *n* (``0`` alone when *n* is 0)."""
    return f"{count} ({percent(count / n)})" if n else str(count)


def miss_words(miss: Miss) -> str:
    """Return how far a miss is off: ``one grade better than published``, ``not graded``."""
    off = miss.grades_off
    if off is None:
        return "not graded"
    size = "one grade" if abs(off) == 1 else f"{abs(off)} grades"
    return f"{size} {'better' if off > 0 else 'worse'} than published"


def miss_headline(miss: Miss, title: str) -> str:
    """Return ``Overall effectiveness: published Good, predicted Outstanding (...)``."""
    if miss.predicted is None:
        return f"{title}: published {miss.published.label}, not graded"
    span = range_text(miss.best, miss.worst)
    predicted = grade_label(miss.predicted) + (f", range {span}" if span else "")
    return f"{title}: published {miss.published.label}, predicted {predicted} ({miss_words(miss)})"


class FindingLine:
    """One finding of a judgement as every report format shows it.

    Attributes:
        label: ``Weakness (notable)`` or ``Strength (major)``.
        text: The finding's words.
        holds: Whether it is one of the weaknesses that hold the judgement at its grade.
        detail: Its criterion, source and note, joined, or ``""``.
    """

    __slots__ = ("detail", "holds", "label", "text")

    def __init__(self, label: str, text: str, holds: bool, detail: str) -> None:
        self.label = label
        self.text = text
        self.holds = holds
        self.detail = detail


HOLDS_WORDS = "holds the grade down"
"""What a report says beside a weakness that holds its judgement at its grade."""

NO_FINDINGS_RULE = "The framework has no findings rules: these findings change no grade."
"""What a report says under findings that the framework does not score."""


def finding_lines(result: JudgementResult, framework: Framework) -> list[FindingLine]:
    """Return the judgement's findings, weaknesses first, heaviest first, each as a line."""
    outcome = result.findings_result
    lightest = (
        outcome.limit.weakness if outcome is not None and outcome.holds and outcome.limit else None
    )
    ordered = sorted(
        result.findings, key=lambda finding: (finding.is_strength, -finding.weight.rank)
    )
    lines = []
    for finding in ordered:
        detail = []
        if finding.criterion:
            detail.append(f"about {framework.criterion(finding.criterion).title}")
        detail += [text for text in (finding.source, finding.note) if text]
        lines.append(
            FindingLine(
                label=f"{finding.sign.value.capitalize()} ({finding.weight.value})",
                text=finding.text,
                holds=finding.is_weakness and lightest is not None and finding.weight >= lightest,
                detail="; ".join(detail),
            )
        )
    return lines


def finding_label(finding: Finding) -> str:
    """Return ``Weakness (notable)``, ``Strength (minor)``...: a finding's sign and weight."""
    return f"{finding.sign.value.capitalize()} ({finding.weight.value})"


class ListedFinding:
    """A finding as the group and progress reports list it, in every format alike.

    Attributes:
        judgements: The titles of the judgements it is filed under, joined by ``;`` (the id
            where the framework has no such judgement, as when a comparison spans two versions).
        label: Its sign and weight (`finding_label`).
        text: The finding's words.
        members: In a group, the members whose evidence gives it, joined; else ``""``.
    """

    __slots__ = ("judgements", "label", "members", "text")

    def __init__(self, judgements: str, label: str, text: str, members: str = "") -> None:
        self.judgements = judgements
        self.label = label
        self.text = text
        self.members = members


def _judgement_titles(framework: Framework, ids: Sequence[str]) -> str:
    titles = {judgement.id: judgement.title for judgement in framework.judgements}
    return "; ".join(titles.get(judgement_id, judgement_id) for judgement_id in ids)


def group_findings(group: GroupAssessment) -> list[ListedFinding]:
    """Return the members' findings pooled, judgement by judgement in the framework's order.

    Within a judgement, weaknesses come first and the heaviest first, as in a unit's report;
    a finding several members give is listed once, with each member that gives it.
    """
    listed = []
    for judgement in group.framework.judgements:
        found = sorted(
            group.findings_for(judgement.id),
            key=lambda finding: (finding.is_strength, -finding.weight.rank),
        )
        for finding in found:
            members = [
                name
                for name, member in group.members.items()
                if finding in member.evidence.findings_for(judgement.id)
            ]
            listed.append(
                ListedFinding(
                    judgement.title, finding_label(finding), finding.text, ", ".join(members)
                )
            )
    return listed


def changed_findings(comparison: Comparison) -> list[tuple[str, list[ListedFinding]]]:
    """Return ("Findings added" / "Findings removed", the findings) for each side that has any."""
    framework = comparison.after.framework
    sides = (
        ("Findings added", comparison.findings_added),
        ("Findings removed", comparison.findings_removed),
    )
    return [
        (
            heading,
            [
                ListedFinding(
                    _judgement_titles(framework, finding.judgements),
                    finding_label(finding),
                    finding.text,
                )
                for finding in found
            ],
        )
        for heading, found in sides
        if found
    ]


GROUP_FINDINGS_HEADING = "Strengths and weaknesses found (all members)"
"""The heading of a group report's pooled findings."""


def step_label(step: Comparison) -> str:
    """Return ``2026-06-30 to 2026-09-30`` (``earlier`` / ``later`` for an undated run)."""
    before = format_date(step.before.evidence.date) or "earlier"
    after = format_date(step.after.evidence.date) or "later"
    return f"{before} to {after}"


def findings_moved(step: Comparison) -> str:
    """Return `` Findings: 1 added, 2 removed.`` for a step whose findings changed, else ``""``."""
    counts = [
        f"{len(found)} {word}"
        for found, word in ((step.findings_added, "added"), (step.findings_removed, "removed"))
        if found
    ]
    return f" Findings: {', '.join(counts)}." if counts else ""
