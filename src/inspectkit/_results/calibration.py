"""How well a framework predicts published grades: the calibration report and its parts.

`CalibrationReport` with its `Agreement`, `Baseline`, `Miss` and `CalibrationCase`, built by
`inspectkit.calibrate`. Read them from `inspectkit.results`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from inspectkit._output import RecordOutput
from inspectkit._repr import attrs_repr  # repr read from the fields, not compiled per class
from inspectkit.errors import UnknownIdError
from inspectkit.grades import Grade
from inspectkit.results import Assessment, _frozen_map
from inspectkit.rubric import OVERALL, Framework, MissingPolicy

__all__ = ["POOLED", "Agreement", "Baseline", "CalibrationCase", "CalibrationReport", "Miss"]


POOLED = "judgements"
"""The target name of `CalibrationReport.pooled`: every judgement of every case together."""


def _share(count: int, n: int) -> float | None:
    return count / n if n else None


@attrs.frozen
class Baseline:
    """The commonest-grade baseline: always answering the grade most often published.

    A prediction is only worth having if it beats this constant. Among grades published equally
    often, the baseline takes the one first on the scale (the better grade), so it is the same
    on every run.

    Attributes:
        grade: The commonest published grade (``None`` when nothing was published).
        exact: How many published grades it matches exactly.
        within_one: How many published grades it is at most one grade from.
    """

    __repr__ = attrs_repr

    grade: Grade | None
    exact: int
    within_one: int


@attrs.frozen
class Agreement:
    """How often predictions matched the published grades, for one target.

    A target is the overall grade, one judgement, or all judgements pooled (``judgements``).
    A prediction that could not be graded is a miss: it counts in *n* but not in *exact* nor in
    *within_one*, and it is counted in *ungraded* (and listed in `CalibrationReport.ungraded`).
    So ``exact <= within_one <= n - ungraded``.

    Attributes:
        target: ``overall``, a judgement id, or ``judgements`` for the pooled figure.
        title: The target's title as reports print it.
        n: How many cases have a published grade for the target.
        exact: How many predictions are the published grade.
        within_one: How many predictions are at most one grade from it (exact ones included).
        ungraded: How many predictions could not be graded.
        matrix: The confusion matrix: one row per published grade, one column per predicted
            grade, both in scale order (best first), and a last column for predictions that
            could not be graded.
        baseline: The commonest-grade baseline, scored the same way.
    """

    target: str
    title: str
    n: int
    exact: int
    within_one: int
    ungraded: int
    matrix: tuple[tuple[int, ...], ...]
    baseline: Baseline

    @property
    def exact_share(self) -> float | None:
        """The share of exact predictions (``None`` when *n* is 0)."""
        return _share(self.exact, self.n)

    @property
    def within_one_share(self) -> float | None:
        """The share of predictions within one grade (``None`` when *n* is 0)."""
        return _share(self.within_one, self.n)

    @property
    def baseline_exact_share(self) -> float | None:
        """The baseline's share of exact answers (``None`` when *n* is 0)."""
        return _share(self.baseline.exact, self.n)

    @property
    def baseline_within_one_share(self) -> float | None:
        """The baseline's share of answers within one grade (``None`` when *n* is 0)."""
        return _share(self.baseline.within_one, self.n)

    def count(self, published: Grade, predicted: Grade | None) -> int:
        """Return how many cases published *published* and were predicted *predicted*.

        Args:
            published: A grade of the framework's scale.
            predicted: A grade, or ``None`` for predictions that could not be graded.
        """
        row = self.matrix[published.rank]
        return row[-1] if predicted is None else row[predicted.rank]

    def __repr__(self) -> str:
        return (
            f"<Agreement {self.target!r} n={self.n} exact={self.exact} "
            f"within_one={self.within_one}>"
        )


@attrs.frozen
class Miss:
    """One prediction that is not the published grade.

    Attributes:
        case: The case id.
        target: ``overall`` or the judgement id.
        published: The published grade.
        predicted: The predicted grade; ``None`` when it could not be graded.
        best: The best grade the evidence allows.
        worst: The worst grade the evidence allows.
        reasons: The assessment's trace for the target: its reason, the caps that fired, then
            the reason of each member that was graded (criteria for a judgement, judgements
            for the overall grade).
    """

    case: str
    target: str
    published: Grade
    predicted: Grade | None
    best: Grade | None
    worst: Grade | None
    reasons: tuple[str, ...]

    @property
    def grades_off(self) -> int | None:
        """How many grades the prediction is above (+) or below (-) the published grade."""
        if self.predicted is None:
            return None
        return self.published.rank - self.predicted.rank

    def __repr__(self) -> str:
        predicted = self.predicted.id if self.predicted else None
        return (
            f"<Miss {self.case!r} {self.target!r} published={self.published.id!r} "
            f"predicted={predicted!r}>"
        )


@attrs.frozen
class CalibrationCase:
    """One case of a calibration: a unit's evidence, its published grades and its prediction.

    Attributes:
        id: The case id (the evidence file's stem, or the key the caller gave).
        published: Target (``overall`` or a judgement id) -> the published grade, for the
            grades that were published.
        attributes: The outcomes table's other columns for this case (``tier`` ...).
        assessment: The assessment of the case's evidence.
    """

    id: str
    published: Mapping[str, Grade] = attrs.field(converter=_frozen_map, hash=False)
    attributes: Mapping[str, str] = attrs.field(converter=_frozen_map, hash=False)
    assessment: Assessment = attrs.field(repr=False)

    @property
    def unit(self) -> str:
        """The unit's name, from its evidence."""
        return self.assessment.evidence.unit

    def predicted(self, target: str) -> Grade | None:
        """Return the predicted grade for *target* (``overall`` or a judgement id)."""
        return (
            self.assessment.overall.grade
            if target == OVERALL
            else self.assessment.judgements[target].grade
        )

    def __repr__(self) -> str:
        return f"<CalibrationCase {self.id!r} published={len(self.published)}>"


@attrs.frozen
class CalibrationReport(RecordOutput):
    """How well a framework predicts published outcomes: agreement, confusion, misses.

    Built by `inspectkit.calibrate`. Every figure is given next to the commonest-grade
    baseline, and every miss with the reasons the assessment gives, so a quality team can see
    both how often the framework is right and why it is wrong where it is.

    Attributes:
        framework: The framework calibrated.
        missing: The missing-evidence policy the cases were assessed with.
        cases: The cases compared (each has evidence and at least one published grade),
            ordered by id.
        overall: Agreement on the overall grade.
        judgements: Judgement id -> agreement on that judgement, in framework order.
        pooled: Agreement on all judgements taken together (target ``judgements``).
        misses: Every graded prediction that is not the published grade, case by case,
            overall first.
        ungraded: Every prediction that could not be graded where a grade was published
            (counted as misses in the figures).
        no_evidence: Ids of outcomes with no evidence file: not compared.
        no_outcome: Ids of evidence files with no published grade: not compared.
    """

    framework: Framework
    missing: MissingPolicy
    cases: tuple[CalibrationCase, ...]
    overall: Agreement
    judgements: Mapping[str, Agreement] = attrs.field(converter=_frozen_map, hash=False)
    pooled: Agreement
    misses: tuple[Miss, ...]
    ungraded: tuple[Miss, ...]
    no_evidence: tuple[str, ...] = ()
    no_outcome: tuple[str, ...] = ()

    def agreement(self, target: str) -> Agreement:
        """Return the agreement for ``overall``, a judgement id, or ``judgements`` (pooled)."""
        if target == OVERALL:
            return self.overall
        if target == POOLED:
            return self.pooled
        if target in self.judgements:
            return self.judgements[target]
        raise UnknownIdError(f"framework {self.framework.id!r} has no judgement {target!r}")

    def case(self, case_id: str) -> CalibrationCase:
        """Return the case with id *case_id*, or raise `UnknownIdError`."""
        for case in self.cases:
            if case.id == case_id:
                return case
        raise UnknownIdError(f"the calibration has no case {case_id!r}")

    def __repr__(self) -> str:
        return (
            f"<CalibrationReport {self.framework.id!r} cases={len(self.cases)} "
            f"overall_exact={self.overall.exact}/{self.overall.n}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-able data, with a ``schema_version``."""
        from inspectkit.render._data import calibration_to_dict

        return calibration_to_dict(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat row per case and target with a published grade."""
        from inspectkit.render._data import calibration_to_records

        return calibration_to_records(self)

    def to_csv(self, *, keep_formulas: bool = False) -> str:
        """Return `to_records` as CSV text (with its header even when there are no rows).

        Text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
        first) get a leading ``'``; *keep_formulas* writes them exactly.
        """
        from inspectkit.render._data import calibration_fields, records_to_csv

        return records_to_csv(
            self.to_records(), calibration_fields(self), keep_formulas=keep_formulas
        )

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import calibration_fields, records_to_dataframe

        return records_to_dataframe(
            self.to_records(), calibration_fields(self), grades=self.framework.scale.ids
        )

    def to_markdown(self) -> str:
        """Return the report as Markdown."""
        from inspectkit.render.markdown import calibration_to_markdown

        return calibration_to_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the report as a standalone HTML page (a ``<div>`` with *fragment*)."""
        from inspectkit.render.html import calibration_to_html

        return calibration_to_html(self, fragment=fragment)

    def to_text(self) -> str:
        """Return the figures as plain text for a terminal."""
        from inspectkit.render.text import calibration_to_text

        return calibration_to_text(self)

    def _repr_markdown_(self) -> str:
        """Show the report as Markdown in front ends that prefer it."""
        return self.to_markdown()
