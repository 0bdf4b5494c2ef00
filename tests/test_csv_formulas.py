"""CSV output is safe to open in a spreadsheet: no text cell starts a formula (issue 13).

Every CSV inspectkit writes passes its cells through `render._data.neutralise_formula`: a text
cell starting ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``. Numbers
are written as numbers. ``keep_formulas=True`` (``--csv-formulas keep``) writes text exactly.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit.render._data import FORMULA_STARTS, neutralise_formula, records_to_csv

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "riverside-nearly-good.toml"
OFSTED = "ofsted_childrens_centres_2014"
FRAMEWORK = inspectkit.load_framework(OFSTED)
HYPERLINK = '=HYPERLINK("http://x","y")'


def document(unit: str, note: str = "", source: str = "", day: int = 0) -> dict[str, Any]:
    """The Riverside example evidence with its unit, note, source and date replaced."""
    data = tomli.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(unit=unit, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day))
    data.pop("note", None)
    data.pop("source", None)
    if note:
        data["note"] = note
        data["evidence"]["sustained_contact"] = {"value": 0.68, "note": note}
    if source:
        data["source"] = source
        data["evidence"]["take_up_3_4yo"] = {"value": 0.93, "source": source}
    return data


def assessment(unit: str, note: str = "", source: str = "", day: int = 0) -> inspectkit.Assessment:
    """The Riverside example assessed with the given unit name, note and source."""
    text = tomli_w.dumps(document(unit, note, source, day))
    return inspectkit.assess(FRAMEWORK, inspectkit.loads_evidence(text, framework=FRAMEWORK))


def cells(text: str) -> list[str]:
    """Every cell of a CSV text, header included, read back with the csv module."""
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def is_number(cell: str) -> bool:
    """Whether *cell* is a number as inspectkit writes one (an int, or a float's repr)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def every_csv(unit: str, note: str, source: str, *, keep: bool = False) -> dict[str, str]:
    """Every CSV output of the API for evidence with these strings: name -> CSV text."""
    first = assessment(unit, note, source)
    later = assessment(unit, note, source, day=90)
    group = inspectkit.assess_group(FRAMEWORK, [first, assessment(unit + "2", note, source)])
    table = inspectkit.assess_table(
        FRAMEWORK, [{"unit": unit, "sustained_contact": "68%"}, {"unit": note + " (another)"}]
    )
    report = inspectkit.calibrate(
        FRAMEWORK,
        {"case": first.evidence},
        outcomes=[{"id": "case", "overall": "good", "area": note, source + " (column)": unit}],
    )
    results: dict[str, Any] = {
        "assess": first,
        "group": group,
        "compare": inspectkit.compare(first, later),
        "timeline": inspectkit.timeline([first, later]),
        "batch": table,
        "calibrate": report,
    }
    return {name: result.to_csv(keep_formulas=keep) for name, result in results.items()}


HOSTILE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([*FORMULA_STARTS, '"', ",", "'", " ", "\n"]), st.characters()
    ),
    min_size=1,
    max_size=12,
).filter(lambda text: text.strip() and "\x00" not in text)


class TestNeutraliseFormula:
    @pytest.mark.parametrize("start", FORMULA_STARTS)
    def test_formula_start_gets_a_quote(self, start: str) -> None:
        """A text starting with a formula character gets a leading apostrophe."""
        assert neutralise_formula(start + "1+1") == "'" + start + "1+1"

    @pytest.mark.parametrize("text", ["Riverside", "", "'=already quoted", " =1", "1-2"])
    def test_other_text_is_unchanged(self, text: str) -> None:
        """A text that does not start with a formula character is returned as it is."""
        assert neutralise_formula(text) == text


class TestRecordsToCsv:
    def test_negative_numbers_stay_numbers(self) -> None:
        """A number is written as a number however negative; only text is neutralised."""
        text = records_to_csv([{"a": -2.5, "b": -3, "c": "-3 points"}])
        assert text == "a,b,c\n-2.5,-3,'-3 points\n"

    def test_header_cells_are_neutralised(self) -> None:
        """A column name that starts a formula is neutralised like any text cell."""
        assert records_to_csv([{"=x": 1}]).splitlines()[0] == "'=x"

    def test_keep_formulas_writes_text_exactly(self) -> None:
        """With keep_formulas the cells are the records' strings."""
        text = records_to_csv([{"unit": HYPERLINK}], keep_formulas=True)
        assert cells(text) == ["unit", HYPERLINK]

    def test_a_carriage_return_is_quoted(self) -> None:
        """A cell holding a carriage return is quoted, so it reads back as one cell of its row."""
        text = records_to_csv([{"a": "x\ry", "b": "z"}])
        assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["x\ry", "z"]]

    def test_keep_formulas_must_be_a_bool(self) -> None:
        """A keep_formulas that is not a bool is a TypeError naming what it takes."""
        with pytest.raises(TypeError, match="True or False"):
            records_to_csv([], keep_formulas="keep")  # type: ignore[arg-type]


class TestEveryCsvOutput:
    @pytest.mark.parametrize(
        "name", ["assess", "group", "compare", "timeline", "batch", "calibrate"]
    )
    def test_a_hyperlink_unit_is_text(self, name: str) -> None:
        """A unit named =HYPERLINK(...) comes out with a leading apostrophe in every CSV."""
        text = every_csv(HYPERLINK, "@SUM(1)", "+cmd")[name]
        assert "'" + HYPERLINK in cells(text)
        assert HYPERLINK not in cells(text)

    @settings(max_examples=25, deadline=None)
    @given(unit=HOSTILE_TEXT, note=HOSTILE_TEXT, source=HOSTILE_TEXT)
    def test_no_cell_starts_a_formula(self, unit: str, note: str, source: str) -> None:
        """No CSV cell inspectkit writes starts with a formula character, unless it is a number."""
        for name, text in every_csv(unit, note, source).items():
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert {len(row) for row in rows} == {len(rows[0])}, name
            bad = [
                c for row in rows for c in row if c.startswith(FORMULA_STARTS) and not is_number(c)
            ]
            assert bad == [], name

    @settings(max_examples=10, deadline=None)
    @given(unit=HOSTILE_TEXT)
    def test_keep_formulas_keeps_the_unit_name(self, unit: str) -> None:
        """With keep_formulas a unit name is written exactly as the evidence gives it."""
        name = assessment(unit).evidence.unit
        assert name in cells(every_csv(unit, "", "", keep=True)["assess"])
