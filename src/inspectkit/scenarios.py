"""What-ifs: re-score an assessment with some evidence replaced, and report what moved.

The module is ``inspectkit.scenarios``; until this release it was ``inspectkit.what_if``, the
name of the function it exports, so ``import inspectkit.what_if as module`` gave the function.

*What happens if sustained contact rises to 70%?* `what_if` (and `inspectkit.Assessment.what_if`)
replaces the named evidence, re-scores with the same framework and missing-evidence policy, and
returns a `inspectkit.WhatIf`: both assessments, every grade or range that moved (as the same
`inspectkit.Movement` a comparison uses), and the gaps closed and opened.

Why this module leans on two others rather than restating them: a what-if and a comparison of
the same two assessments must agree on what moved and on which gaps closed, so the movements
come from `inspectkit.progress.grade_movements` and the gaps are the criteria of the probes
`inspectkit.gaps.find_gaps` makes its gaps of (`inspectkit.scoring.gap_moves` compares the
criteria `inspectkit.scoring.gap_probes` probes, the one definition of a gap), both measured
against the one default target (`inspectkit.gaps.resolve_target`, the next grade up). The gaps
need a lift plan before and after the changes, so they are worked out when first read
(`inspectkit.WhatIf._later`), looking again after the changes only at the criteria changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from inspectkit.errors import UnknownIdError
from inspectkit.evidence import Entry, Evidence, Finding
from inspectkit.gaps import resolve_target
from inspectkit.grades import Grade
from inspectkit.loading import load_framework
from inspectkit.loading._evidence import evidence_from_values, parse_entry
from inspectkit.progress import grade_movements
from inspectkit.results import Assessment, Movement, WhatIf
from inspectkit.rubric import OVERALL, Framework, MissingPolicy
from inspectkit.scoring import assess, gap_moves, ranks_of

__all__ = ["assessment_what_if", "what_if"]


def _to_entry(framework: Framework, criterion_id: str, raw: Any) -> Entry | None:
    framework.criterion(criterion_id)  # raises UnknownIdError for an unknown id
    if raw is None:
        return None
    if isinstance(raw, Entry):
        if raw.criterion != criterion_id:
            return attrs.evolve(raw, criterion=criterion_id)
        return raw
    return parse_entry(framework, criterion_id, raw)


def _apply_changes(assessment: Assessment, changes: Mapping[str, Any]) -> dict[str, Entry | None]:
    """Return criterion id -> resolved entry (``None`` to remove) for a what-if's *changes*."""
    if not isinstance(changes, Mapping):
        raise TypeError(
            "what_if() takes its changes as a mapping of criterion id to a value, an Entry or "
            f"None, not {type(changes).__name__}"
        )
    return {
        criterion_id: _to_entry(assessment.framework, criterion_id, raw)
        for criterion_id, raw in changes.items()
    }


def _moved(before: Assessment, after: Assessment, changed: Iterable[str]) -> tuple[Movement, ...]:
    """The movements whose grade or range moved, overall first, then judgements, criteria.

    A criterion's grade and range depend on its own evidence alone (and on the policy and the
    evidence's provisions and given grades, which a what-if keeps), so only the *changed*
    criteria can move; and a judgement's (or the overall) grade and range are its ranks, so
    only those whose ranks differ can. The others' results are not read (nor built: they are
    made on first read), which keeps a what-if's cost in the size of its changes.
    """
    old, new = ranks_of(before), ranks_of(after)
    judgements = [
        judgement.id
        for j, judgement in enumerate(before.framework.judgements)
        if (old.judgement_point[j], old.judgement_best[j], old.judgement_worst[j])
        != (new.judgement_point[j], new.judgement_best[j], new.judgement_worst[j])
    ]
    return tuple(
        movement
        for movement in grade_movements(
            before,
            after,
            criteria=changed,
            judgements=judgements,
            overall=old.overall[:3] != new.overall[:3],
        )
        if movement.before != movement.after or movement.before_range != movement.after_range
    )


def assessment_what_if(
    assessment: Assessment,
    changes: Mapping[str, Any],
    *,
    target: Grade | str | int | None = None,
    add_findings: Iterable[Finding | Mapping[str, Any]] = (),
    remove_findings: Iterable[Finding] = (),
) -> WhatIf:
    """Re-score *assessment* with *changes* applied and report what moved.

    Args:
        assessment: The assessment to start from.
        changes: Criterion id -> an `Entry`, a raw value as an evidence file would give it
            (``"72%"``, ``0.72``, ``{numerator = 50, denominator = 70}``, ``True``, ``"good"``),
            or ``None`` to remove the evidence.
        target: The grade gaps are measured against (default: one better than the overall
            grade before).
        add_findings: Findings to add: `Finding` objects or mappings with the keys of a
            ``[[findings]]`` table, checked as evidence files are.
        remove_findings: Findings of the evidence to remove (each must be one of them).

    Returns:
        The what-if: both assessments, what moved, and the gaps closed and opened.

    Raises:
        TypeError: *assessment* is not an `Assessment`, or *changes* is not a mapping.
        EvidenceError: A finding to add is not valid for the framework.
        UnknownIdError: A finding to remove is not one of the evidence's.
    """
    if not isinstance(assessment, Assessment):
        raise TypeError(
            f"assessment_what_if() takes an Assessment, not {type(assessment).__name__}"
        )
    entries = _apply_changes(assessment, changes)
    added, removed = _finding_changes(assessment, add_findings, remove_findings)
    if entries or added or removed:
        evidence = assessment.evidence.replace(entries)
        if added or removed:
            kept = [f for f in evidence.findings if f not in removed]
            rank = {j.id: i for i, j in enumerate(assessment.framework.judgements)}
            merged = sorted([*kept, *added], key=lambda f: min(rank[j] for j in f.judgements))
            evidence = attrs.evolve(evidence, findings=merged)
        after = assess(assessment.framework, evidence, missing=assessment.missing)
    else:
        after = assessment
    goal = resolve_target(assessment, target, OVERALL)

    def gaps(_: int) -> dict[str, tuple[str, ...]]:
        # `find_gaps` makes one gap of each probe; only which criteria they are is needed
        # here, so neither the probes' re-scoring nor the gaps' words are done, the plan
        # after reuses the plan before wherever the changes did not reach, and only the
        # changed criteria are looked at again (`gap_moves`). Worked out on the first read of
        # the gaps closed or opened (`WhatIf._later`): the two plans cost many times the rest
        # of a what-if.
        closed, opened = gap_moves(assessment, after, goal, entries)
        return {"gaps_closed": closed, "gaps_opened": opened}

    return WhatIf._later(
        gaps,
        before=assessment,
        after=after,
        changes=entries,
        target=goal,
        moved=_moved(assessment, after, entries),
        findings_added=added,
        findings_removed=removed,
    )


def _finding_changes(
    assessment: Assessment,
    add: Iterable[Finding | Mapping[str, Any]],
    remove: Iterable[Finding],
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    added = evidence_from_values(assessment.framework, {}, findings=add).findings if add else ()
    removed = tuple(remove)
    for finding in removed:
        if finding not in assessment.evidence.findings:
            raise UnknownIdError(f"the evidence has no finding {finding!r} to remove")
    return added, removed


def what_if(
    framework: Framework | str,
    evidence: Evidence | Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    missing: MissingPolicy | str | None = None,
    target: Grade | str | int | None = None,
    add_findings: Iterable[Finding | Mapping[str, Any]] = (),
    remove_findings: Iterable[Finding] = (),
) -> WhatIf:
    """Assess *evidence*, re-score it with *changes* applied, and report what moved.

    The function form of `Assessment.what_if`.

    Args:
        framework: The framework (or a bundled id or a path).
        evidence: The evidence, or a plain mapping of criterion id to raw value.
        changes: Criterion id -> an `Entry`, a raw value, or ``None`` to remove the evidence.
        missing: The missing-evidence policy; the framework's own when not given.
        target: The grade gaps are measured against (default: one better than before).
        add_findings: Findings to add (see `assessment_what_if`).
        remove_findings: Findings of the evidence to remove.

    Returns:
        The what-if.

    Raises:
        TypeError: *changes* is not a mapping (checked before any scoring).
    """
    if not isinstance(changes, Mapping):
        raise TypeError(
            "what_if() takes its changes as a mapping of criterion id to a value, an Entry or "
            f"None, not {type(changes).__name__}"
        )
    if not isinstance(framework, Framework):
        framework = load_framework(framework)
    before = assess(framework, evidence, missing=missing)
    return assessment_what_if(
        before, changes, target=target, add_findings=add_findings, remove_findings=remove_findings
    )
