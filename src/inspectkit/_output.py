"""Output methods shared by the result classes, built on their own ``to_*`` methods.

A class mixes in `NotebookOutput` for ``_repr_html_`` (from ``to_html``) and `RecordOutput`
for ``to_json``, ``to_csv`` and ``to_dataframe`` (from ``to_dict`` and ``to_records``). The
render modules are imported inside the methods, so this module sits below every model.
"""

from __future__ import annotations

from typing import Any, Protocol


class _HasHtml(Protocol):
    def to_html(self, *, fragment: bool = False) -> str: ...


class _HasRecords(Protocol):
    def to_dict(self) -> dict[str, Any]: ...

    def to_records(self) -> list[dict[str, Any]]: ...


class NotebookOutput:
    """Gives a class with ``to_html`` a notebook representation."""

    __slots__ = ()

    def _repr_html_(self: _HasHtml) -> str:
        """Show the report in Jupyter and other notebook front ends."""
        return self.to_html(fragment=True)


class RecordOutput(NotebookOutput):
    """Gives a class with ``to_dict`` and ``to_records`` its JSON, CSV and DataFrame forms."""

    __slots__ = ()

    def to_json(self: _HasRecords, *, indent: int | None = 2) -> str:
        """Return `to_dict` as JSON text under the package's one JSON policy (keys sorted)."""
        from inspectkit.render._data import to_json

        return to_json(self.to_dict(), indent=indent)

    def to_csv(self: _HasRecords, *, keep_formulas: bool = False) -> str:
        """Return `to_records` as CSV text.

        Text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
        first) get a leading ``'``; *keep_formulas* writes them exactly.
        """
        from inspectkit.render._data import records_to_csv

        return records_to_csv(self.to_records(), keep_formulas=keep_formulas)

    def to_dataframe(self: _HasRecords) -> Any:
        """Return `to_records` as a pandas DataFrame (needs the ``pandas`` extra).

        Grades are ordered categoricals, best first; dates are datetime64.
        """
        from inspectkit.render._data import records_to_dataframe, result_grades

        return records_to_dataframe(self.to_records(), grades=result_grades(self))
