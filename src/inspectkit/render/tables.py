"""`AssessmentTable`: many units assessed against one framework, one row per unit.

`inspectkit.load_evidence_table` (in `inspectkit.loading`) reads the table and
`inspectkit.assess_table` (in `inspectkit.batch`) assesses it into an `AssessmentTable`.

pandas is imported only inside `to_dataframe`. The table imports its Markdown and HTML
renderers at module level: they name `AssessmentTable` only for type checking, so that is no
import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from inspectkit.render._data import (
    records_to_csv,
    records_to_dataframe,
    table_fields,
    table_records,
)
from inspectkit.render.html import render_table_html
from inspectkit.render.markdown import render_table_markdown
from inspectkit.results import Assessment
from inspectkit.rubric import Framework

__all__ = ["AssessmentTable"]

Record = dict[str, Any]


def _assessment_tuple(items: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(items)


@attrs.frozen
class AssessmentTable:
    """Many units assessed against one framework: one row per unit.

    Attributes:
        framework: The framework every unit was assessed against.
        assessments: The assessments, in the order of the input table.
    """

    framework: Framework
    assessments: tuple[Assessment, ...] = attrs.field(converter=_assessment_tuple)

    def __repr__(self) -> str:
        return f"<AssessmentTable framework={self.framework.id!r} units={len(self.assessments)}>"

    def __len__(self) -> int:
        return len(self.assessments)

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.assessments)

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns of `to_records`: `BATCH_FIELDS` then one per judgement id."""
        return table_fields(self)

    def to_records(self) -> list[Record]:
        """Return one row per unit: its overall grade and range, coverage and judgement grades."""
        return table_records(self)

    def to_csv(self) -> str:
        """Return `to_records` as deterministic CSV text."""
        return records_to_csv(self.to_records(), self.fields)

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        return records_to_dataframe(self.to_records(), self.fields)

    def grade_counts(self) -> dict[str, int]:
        """Return how many units are predicted at each overall grade, best grade first."""
        counts = {grade.id: 0 for grade in self.framework.scale}
        for assessment in self.assessments:
            if assessment.grade is not None:
                counts[assessment.grade.id] += 1
        return counts

    def to_markdown(self) -> str:
        """Return the table as Markdown: a row per unit and a count per grade."""
        return render_table_markdown(self)

    def to_html(self) -> str:
        """Return the table as an HTML fragment with a grade badge per judgement."""
        return render_table_html(self)

    def _repr_html_(self) -> str:
        """Show the table in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the table as Markdown in front ends that prefer it."""
        return self.to_markdown()
