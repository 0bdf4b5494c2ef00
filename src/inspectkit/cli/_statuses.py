"""``--fail-on-status STATUS[=LEVEL]`` for ``assess`` and ``batch``.

The check is on the point prediction, like ``--fail-under``: a unit predicted in the status at
LEVEL or a more severe level (by default any level) makes the command exit with
`inspectkit.cli.EXIT_IN_STATUS`, after the report has been written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from inspectkit.cli._output import say

if TYPE_CHECKING:
    import argparse

    from inspectkit.results import Assessment
    from inspectkit.rubric import Framework

__all__ = [
    "add_fail_on_status",
    "check_leave_status",
    "fail_on_status",
    "leave_status_text",
    "parse_fail_on_status",
]


def add_fail_on_status(parser: argparse.ArgumentParser) -> None:
    """Add the repeatable ``--fail-on-status`` option to *parser*."""
    parser.add_argument(
        "--fail-on-status",
        metavar="STATUS[=LEVEL]",
        action="append",
        help="exit with code 4 when a unit is predicted in STATUS (a derived status such as "
        "category_of_concern) at LEVEL or more severe; without =LEVEL, at any level "
        "(repeatable)",
    )


def parse_fail_on_status(
    framework: Framework, texts: Sequence[str] | None
) -> list[tuple[str, str | None]] | None:
    """Read the ``--fail-on-status`` values; say why and return ``None`` if one is invalid."""
    wanted: list[tuple[str, str | None]] = []
    known = [status.id for status in framework.statuses]
    for text in texts or ():
        status_id, sep, level_id = (part.strip() for part in text.partition("="))
        if status_id not in known:
            listing = ", ".join(known) if known else "none"
            say(
                f"inspectkit: --fail-on-status {text!r}: {framework.id} has no status "
                f"{status_id!r} (statuses: {listing})"
            )
            return None
        status = framework.derived_status(status_id)
        levels = [level.id for level in status.levels]
        if sep and level_id not in levels:
            say(
                f"inspectkit: --fail-on-status {text!r}: {level_id!r} is not a level of "
                f"{status_id} (levels: {', '.join(levels)})"
            )
            return None
        wanted.append((status_id, level_id if sep else None))
    return wanted


def fail_on_status(
    assessments: Iterable[Assessment], wanted: Sequence[tuple[str, str | None]]
) -> bool:
    """Say which units are in a wanted status; return whether any is."""
    failed = False
    for assessment in assessments:
        for status_id, level_id in wanted:
            result = assessment.statuses[status_id]
            if result.reaches(level_id):
                failed = True
                say(
                    f"inspectkit: {assessment.evidence.unit}: {result.status.title}: "
                    f"predicted {result.label}"
                )
    return failed


def check_leave_status(
    framework: Framework, statuses: Sequence[str] | None, output_format: str
) -> int | None:
    """Return the usage exit code if a ``--leave-status`` value is invalid, else ``None``."""
    from inspectkit.cli import EXIT_USAGE

    if not statuses:
        return None
    if output_format != "text":
        say("inspectkit: --leave-status is shown in the text format only")
        return EXIT_USAGE
    known = [status.id for status in framework.statuses]
    for status_id in statuses:
        if status_id not in known:
            listing = ", ".join(known) if known else "none"
            say(
                f"inspectkit: --leave-status {status_id!r}: {framework.id} has no status "
                f"{status_id!r} (statuses: {listing})"
            )
            return EXIT_USAGE
    return None


def leave_status_text(assessment: Assessment, statuses: Sequence[str] | None) -> str:
    """The smallest plan out of each status in *statuses*, for the text format."""
    lines: list[str] = []
    for status_id in statuses or ():
        plan = assessment.leave_status_plan(status_id)
        title = plan.status.title
        lines += ["", f"To leave {title.lower()} (worst case none):"]
        if not plan.reachable:
            lines.append(f"  not reachable: {plan.reason}")
        elif not plan.changes:
            lines.append(f"  nothing to change: {plan.reason}")
        else:
            for number, change in enumerate(plan.changes, 1):
                before = change.before.label if change.before else "no grade"
                lines.append(f"  {number}. {change.criterion}: {before} -> {change.after.label}")
            assert plan.result is not None
            after = plan.result.statuses[status_id]
            lines.append(f"  verified by re-scoring: {title.lower()}: {after.text}")
    return "\n".join(lines) + "\n" if lines else ""
