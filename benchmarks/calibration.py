"""Print how well a framework predicts a calibration corpus, beside the commonest-grade baseline.

This is a printed figure, not a timed test and not an assertion: it is the number issue 11 asks
to watch ("overall exact at least 80% and within one 100%, and at least 25 points above the
baseline"). For a framework and a corpus (a directory of evidence files and an outcomes CSV),
it prints overall exact and within-one agreement, the judgements' exact agreement (pooled),
and the baseline for each, then the same by tier when the outcomes table has a ``tier`` column.

    python benchmarks/calibration.py \\
        [--framework ofsted_childrens_centres_2014] \\
        [--corpus tests/calibration/childrens-centres] [--outcomes CORPUS/outcomes.csv] \\
        [--missing exclude]

Cases are assessed with ``missing="exclude"`` by default: a report's silence means "not said".
"""

from __future__ import annotations

import argparse
from pathlib import Path

import inspectkit
from inspectkit.calibration import summarise
from inspectkit.results import Agreement, CalibrationReport

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "calibration" / "childrens-centres"


def _figure(count: int, n: int) -> str:
    return f"{count}/{n} ({count / n:.0%})" if n else "-"


def _line(label: str, agreement: Agreement) -> str:
    n = agreement.n
    baseline = agreement.baseline
    grade = baseline.grade.id if baseline.grade else "-"
    points = ""
    if n:
        points = f"  ({(agreement.exact - baseline.exact) / n * 100:+.0f} points)"
    return (
        f"  {label:<22} exact {_figure(agreement.exact, n):<14} "
        f"within one {_figure(agreement.within_one, n):<14} "
        f"baseline ({grade}) exact {_figure(baseline.exact, n)}{points}"
    )


def print_report(report: CalibrationReport, heading: str) -> None:
    """Print the three figures of *report* under *heading*."""
    print(heading)
    print(_line("overall", report.overall))
    print(_line("judgements (pooled)", report.pooled))
    for judgement_id, agreement in report.judgements.items():
        print(_line(f"  {judgement_id}", agreement))
    ungraded = report.overall.ungraded + report.pooled.ungraded
    if ungraded:
        print(f"  ({ungraded} predictions not graded, counted as misses)")


def main() -> None:
    """Calibrate and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", default="ofsted_childrens_centres_2014")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--outcomes", type=Path, default=None)
    parser.add_argument("--missing", default="exclude")
    args = parser.parse_args()
    outcomes = args.outcomes or args.corpus / "outcomes.csv"
    report = inspectkit.calibrate(
        args.framework, args.corpus, outcomes=outcomes, missing=args.missing
    )
    framework = report.framework
    print(f"{framework.id} {framework.version} on {args.corpus} ({len(report.cases)} cases)")
    if report.no_evidence:
        print(f"  {len(report.no_evidence)} outcomes have no evidence file yet (not compared)")
    if report.no_outcome:
        print(f"  {len(report.no_outcome)} evidence files have no published grade (not compared)")
    if not report.cases:
        print("  nothing to compare")
        return
    print_report(report, "all cases")
    tiers = sorted({case.attributes.get("tier", "") for case in report.cases} - {""})
    for tier in tiers:
        cases = [case for case in report.cases if case.attributes.get("tier") == tier]
        print_report(summarise(framework, report.missing, cases), f"tier {tier}")


if __name__ == "__main__":
    main()
