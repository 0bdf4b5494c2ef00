"""How often the derived ILACS overall rule reproduces councils' published overall grades.

Reads ``tests/calibration/ilacs/outcomes.csv`` (the most recent published ILACS grades of 102
councils; see the README beside it), turns each row into judgement-level evidence for
``ofsted_ilacs_2023`` (its four judgement grades under ``[judgements]``, the published overall
grade under ``[outcome]``) and runs `inspectkit.calibrate`, which prints exact and within-one
agreement for the overall grade beside the commonest-grade baseline::

    python benchmarks/ilacs_calibration.py [--csv PATH] [--misses]

This is a printed figure, not a timed test; ``tests/test_ilacs_calibration.py`` asserts that
the rule reproduces at least 92% exactly and all within one grade (a correctness check on a
derived rule).

The mapping from a row to evidence (``docs/frameworks/ofsted-ilacs.md`` states it too):

- ``local_authority`` -> ``unit`` (title-cased); ``la_code`` and ``inspection_framework``
  (short / standard; ``None`` -> "inspection type not recorded") go into the ``note``.
- Dates are day-first: ``dd/mm/yyyy`` (inspection dates) or ``dd/mm/yy`` (publication dates,
  read as 20yy), or ISO. ``date`` is the inspection end date, else the start date, else the
  publication date (with a note). Anything else is a located message, never a crash.
- Grade words are read by the framework's scale (``requires improvement`` is an alias);
  ``nan``, ``None`` or an empty cell is *no grade* (the judgement is left unknown).
- ``inspection_pre_dates_judgement`` in ``care_leavers_grade`` -> ``not_applicable``: the
  care leavers judgement did not exist (it was introduced in January 2023), so it is left out of
  the overall rule and never lowers anything.
- A care leavers grade for an inspection dated before 1 January 2023 is passed on as it is:
  ``ofsted_ilacs_2023`` says the judgement was ``introduced = 2023-01-01``, so the evidence
  loader ignores the grade with a located ``before-introduced`` warning (printed here as a
  mapping message) and the judgement is not graded (the grade probably comes from the earlier
  combined heading).
- An inspection that began on or after 1 April 2026 is for ``ofsted_ilacs_2026`` (no overall
  grade), and a row with no published overall grade cannot be compared: both are listed, not
  scored.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

import inspectkit
from inspectkit import EvidenceError, Framework

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "tests" / "calibration" / "ilacs" / "outcomes.csv"
FRAMEWORK = "ofsted_ilacs_2023"
NO_OVERALL_FROM = datetime.date(2026, 4, 1)
"""Overall effectiveness was removed from inspections beginning April 2026."""
JUDGEMENT_COLUMNS = {
    "impact_of_leaders_grade": "leaders",
    "help_and_protection_grade": "help_protection",
    "in_care_grade": "children_in_care",
    "care_leavers_grade": "care_leavers",
}
OVERALL_COLUMN = "overall_effectiveness_grade"
DATE_COLUMNS = ("inspection_start_date", "inspection_end_date", "publication_date")
_EMPTY = {"", "nan", "none", "null"}
_DATE_FORMS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")


@attrs.frozen
class Skipped:
    """A row that is not a calibration case, and why."""

    line: int
    unit: str
    reason: str


@attrs.frozen
class IlacsCases:
    """The rows of an ILACS outcomes table, read as evidence.

    Attributes:
        cases: Case id (``line-N-unit``) -> evidence for ``ofsted_ilacs_2023`` with the
            published overall grade under ``outcome``.
        skipped: Rows that are not compared (no published overall, or the 2026 framework).
        messages: Located messages about messy values (``line 70: care_leavers_grade ...``).
    """

    cases: Mapping[str, inspectkit.Evidence]
    skipped: tuple[Skipped, ...]
    messages: tuple[str, ...]


def _blank(text: str | None) -> bool:
    return text is None or text.strip().lower() in _EMPTY


def read_date(text: str | None, where: str, messages: list[str]) -> datetime.date | None:
    """Read a day-first date (``dd/mm/yyyy``, ``dd/mm/yy`` as 20yy, or ISO); ``None`` if blank.

    An unreadable date is recorded in *messages* at *where* and read as blank.
    """
    if _blank(text):
        return None
    assert text is not None
    for form in _DATE_FORMS:
        try:
            return datetime.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    messages.append(f"{where}: unreadable date {text!r} (expected dd/mm/yyyy, dd/mm/yy or ISO)")
    return None


def _unit(row: Mapping[str, str]) -> str:
    name = (row.get("local_authority") or "").strip()
    return name.title() if name else ""


def row_to_document(
    row: Mapping[str, str], line: int, messages: list[str]
) -> tuple[dict[str, Any] | None, str | None]:
    """Turn one row into an evidence document (a mapping), or say why it is not a case.

    Returns:
        ``(document, None)`` for a calibration case; ``(None, reason)`` for a row that is not.
    """
    missing = [c for c in (*JUDGEMENT_COLUMNS, OVERALL_COLUMN, *DATE_COLUMNS) if c not in row]
    if missing:
        return None, "missing columns: " + ", ".join(missing)
    dates = {
        column: read_date(row[column], f"line {line}: {column}", messages)
        for column in DATE_COLUMNS
    }
    start, end, published = (dates[c] for c in DATE_COLUMNS)
    when = end or start or published
    notes = []
    code = (row.get("la_code") or "").strip()
    if code:
        notes.append(f"LA {code}")
    kind = (row.get("inspection_framework") or "").strip()
    notes.append("inspection type not recorded" if _blank(kind) else f"{kind} inspection")
    if when is not None and start is None and end is None:
        notes.append(f"no inspection dates; date taken from publication_date {when.isoformat()}")
        messages.append(
            f"line {line}: no inspection dates; date taken from publication_date {when.isoformat()}"
        )
    if published is not None:
        notes.append(f"published {published.isoformat()}")
    notes.append(f"outcomes.csv line {line}")
    basis = start or published
    if basis is not None and basis >= NO_OVERALL_FROM:
        return None, f"inspected from {basis.isoformat()}: ofsted_ilacs_2026 (no overall grade)"
    if _blank(row[OVERALL_COLUMN]):
        return None, "no published overall grade"
    judgements: dict[str, str] = {}
    for column, judgement in JUDGEMENT_COLUMNS.items():
        value = row[column]
        if _blank(value):
            continue
        text = value.strip()
        if judgement == "care_leavers" and text.lower() == "inspection_pre_dates_judgement":
            text = "not_applicable"
        judgements[judgement] = text
    document: dict[str, Any] = {
        "framework": FRAMEWORK,
        "unit": _unit(row) or f"row {line}",
        "kind": "local_authority",
        "note": "; ".join(notes) + ".",
        "judgements": judgements,
        "outcome": {"overall": row[OVERALL_COLUMN].strip()},
    }
    if when is not None:
        document["date"] = when
    return document, None


def read_ilacs_outcomes(path: str | Path = CSV, framework: Framework | None = None) -> IlacsCases:
    """Read an ILACS outcomes CSV into evidence, one case per comparable row.

    Every messy value becomes a located message or a documented mapping (see the module
    docstring); a value the evidence loader refuses (a grade word not on the scale) skips that
    row with the loader's own message, located at the row's line.
    """
    resolved = framework or inspectkit.load_framework(FRAMEWORK)
    messages: list[str] = []
    cases: dict[str, inspectkit.Evidence] = {}
    skipped: list[Skipped] = []
    with open(path, newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            unit = _unit(row)
            document, reason = row_to_document(row, line, messages)
            if document is None:
                skipped.append(Skipped(line, unit, reason or ""))
                continue
            try:
                evidence = inspectkit.parse_evidence(
                    document, framework=resolved, name=f"line {line}"
                )
            except EvidenceError as error:
                for issue in error.issues:
                    column = _column_of(issue.path)
                    messages.append(f"line {line}: {column}: {issue.message}")
                skipped.append(Skipped(line, unit, "a value the loader refuses"))
                continue
            for warning in evidence.warnings:
                column = _column_of(warning.path)
                messages.append(f"line {line}: {column}: {warning.message}")
            cases[f"line-{line:03d}-{unit.lower().replace(' ', '-')}"] = evidence
    return IlacsCases(cases=cases, skipped=tuple(skipped), messages=tuple(messages))


def _column_of(path: str) -> str:
    key = path.rsplit(".", 1)[-1]
    for column, judgement in JUDGEMENT_COLUMNS.items():
        if key == judgement:
            return column
    return OVERALL_COLUMN if key == "overall" else path


def calibrate_ilacs(path: str | Path = CSV) -> tuple[inspectkit.CalibrationReport, IlacsCases]:
    """Read the table and calibrate ``ofsted_ilacs_2023`` on its comparable rows."""
    framework = inspectkit.load_framework(FRAMEWORK)
    read = read_ilacs_outcomes(path, framework)
    return inspectkit.calibrate(framework, read.cases), read


def main(argv: list[str] | None = None) -> int:
    """Print the overall agreement, the rows not compared and the mapping messages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(CSV), help="the outcomes table")
    parser.add_argument("--misses", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    report, read = calibrate_ilacs(args.csv)
    overall = report.overall
    n = overall.n
    print(f"ofsted_ilacs_2023, derived overall rule, {len(read.cases)} councils compared")
    print(
        f"  overall exact {overall.exact}/{n} = {overall.exact / n:.1%}; "
        f"within one {overall.within_one}/{n} = {overall.within_one / n:.1%}; "
        f"baseline ({overall.baseline.grade.id if overall.baseline.grade else '-'}) "
        f"exact {overall.baseline.exact}/{n} = {overall.baseline.exact / n:.1%}"
    )
    print(f"rows not compared: {len(read.skipped)}")
    for skip in read.skipped:
        print(f"  line {skip.line} {skip.unit}: {skip.reason}")
    print(f"mapping messages: {len(read.messages)}")
    for message in read.messages:
        print(f"  {message}")
    if args.misses:
        for miss in report.misses:
            if miss.target == "overall":
                predicted = miss.predicted.id if miss.predicted else "-"
                print(f"  miss {miss.case}: published {miss.published.id}, derived {predicted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
