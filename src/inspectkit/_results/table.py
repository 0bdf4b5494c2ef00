"""Many units assessed against one framework.

`AssessmentTable`, built by `inspectkit.assess_table`. Read it from `inspectkit.results`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from inspectkit.results import Assessment
from inspectkit.rubric import Framework

__all__ = ["AssessmentTable"]


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
        from inspectkit.render._data import table_fields

        return table_fields(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one row per unit: its overall grade and range, coverage and judgement grades."""
        from inspectkit.render._data import table_records

        return table_records(self)

    def to_csv(self, *, keep_formulas: bool = False) -> str:
        """Return `to_records` as deterministic CSV text.

        Text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
        first) get a leading ``'``; *keep_formulas* writes them exactly.
        """
        from inspectkit.render._data import records_to_csv

        return records_to_csv(self.to_records(), self.fields, keep_formulas=keep_formulas)

    def to_xlsx(self) -> bytes:
        """Return the table as an Excel workbook's bytes (needs ``inspectkit[excel]``).

        One sheet of predicted grades, a row per unit; one of each unit's gaps to the next
        grade and its lift plan. Grade cells hold the grade in words on the grade's colour.
        Write the bytes to a ``.xlsx`` file.

        Raises:
            MissingExtraError: openpyxl is not installed.
        """
        from inspectkit.render._xlsx import table_to_xlsx

        return table_to_xlsx(self)

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import records_to_dataframe

        # Only judgements on the framework's own scale are categoricals of its grades; one on
        # another scale (safeguarding met / not met) keeps its grade ids as text.
        framework = self.framework
        judgements = [j.id for j in framework.judgements if framework.on_main_scale(j.id)]
        return records_to_dataframe(
            self.to_records(),
            self.fields,
            grades=self.framework.scale.ids,
            grade_columns=judgements,
        )

    def grade_counts(self) -> dict[str, int]:
        """Return how many units are predicted at each overall grade, best grade first."""
        counts = {grade.id: 0 for grade in self.framework.scale}
        for assessment in self.assessments:
            if assessment.grade is not None:
                counts[assessment.grade.id] += 1
        return counts

    def to_markdown(self) -> str:
        """Return the table as Markdown: a row per unit and a count per grade."""
        from inspectkit.render.markdown import render_table_markdown

        return render_table_markdown(self)

    def to_html(self) -> str:
        """Return the table as an HTML fragment with a grade badge per judgement."""
        from inspectkit.render.html import render_table_html

        return render_table_html(self)

    def _repr_html_(self) -> str:
        """Show the table in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the table as Markdown in front ends that prefer it."""
        return self.to_markdown()
