"""CSV tables read a row at a time: the same rows, lines and problems as a whole read."""

from __future__ import annotations

import csv
import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit.errors import EvidenceError
from inspectkit.loading._csv_stream import CsvStream
from inspectkit.loading._files import csv_table, read_limits
from inspectkit.loading._table import EvidenceRows

FRAMEWORK = "ofsted_childrens_centres_2014"
CENTRES = Path("examples/borough-centres.csv")
WHAT = "the evidence table"


def whole(data: bytes, file: str, encoding: str | None = None) -> list[tuple[int, list[str]]]:
    """The rows `csv_table` reads from *data*, as (physical line, cells) per row."""
    table = csv_table(data, WHAT, file=file, encoding=encoding)
    return [(table.lines[index + 2], list(row.values())) for index, row in enumerate(table.rows)]


def streamed(path: Path, encoding: str | None = None) -> list[tuple[int, list[str]]]:
    """The rows `CsvStream` reads from *path*, the cells under the header's columns."""
    stream = CsvStream(str(path), WHAT, encoding=encoding)
    header = stream.header
    return [(line, list(dict(zip(header, cells, strict=False)).values())) for line, cells in stream]


def problems(source: object) -> tuple[str, list[str]]:
    """The summary and the issues (as text) that loading a table raises."""
    with pytest.raises(EvidenceError) as raised:
        inspectkit.load_evidence_table(source, FRAMEWORK)
    return raised.value.summary, [str(issue) for issue in raised.value.issues]


def whole_problems(path: Path) -> tuple[str, list[str]]:
    """The problems of *path* read whole first (`csv_table`), as before tables streamed."""
    return problems(csv_table(path.read_bytes(), WHAT, file=str(path)))


cell = st.text(alphabet='ab,;\t"\n\r 1.%', max_size=6)
tables = st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=8)


class TestSameRows:
    @settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        rows=tables,
        delimiter=st.sampled_from([",", ";", "\t"]),
        ending=st.sampled_from(["\n", "\r\n", "\r"]),
        bom=st.booleans(),
        blank=st.booleans(),
    )
    def test_rows_and_lines_match_a_whole_read(
        self,
        tmp_path: Path,
        rows: list[list[str]],
        delimiter: str,
        ending: str,
        bom: bool,
        blank: bool,
    ) -> None:
        """Any CSV text streams into the rows, cells and physical lines a whole read gives."""
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=delimiter, lineterminator=ending)
        writer.writerows(rows)
        text = (ending if blank else "") + out.getvalue()
        data = ("\ufeff" if bom else "").encode() + text.encode()
        path = tmp_path / "t.csv"
        path.write_bytes(data)
        assert streamed(path) == whole(data, str(path))
        assert CsvStream(str(path), WHAT).header == csv_table(data, WHAT, file=str(path)).header

    def test_a_multi_line_cell_keeps_later_lines(self, tmp_path: Path) -> None:
        """A row after a quoted cell spanning lines is placed at its own physical line."""
        path = tmp_path / "t.csv"
        path.write_text('unit,note\nA,"one\ntwo\nthree"\nB,x\n', encoding="utf-8")
        assert [line for line, _ in streamed(path)] == [2, 5]

    def test_cp1252_is_decoded(self, tmp_path: Path) -> None:
        """A table in another encoding streams in that encoding."""
        path = tmp_path / "t.csv"
        path.write_bytes("unit,x\nCafé,1\n".encode("cp1252"))
        assert streamed(path, "cp1252") == [(2, ["Café", "1"])]


class TestSameProblems:
    def test_a_bad_byte_late_in_the_file_is_reported_as_a_whole_read_reports_it(
        self, tmp_path: Path
    ) -> None:
        """A byte that is not UTF-8 after many good rows gives the whole read's line and hint."""
        good = CENTRES.read_bytes()
        path = tmp_path / "t.csv"
        late = "Café,\n".encode("cp1252")
        path.write_bytes(good + good.splitlines(keepends=True)[1] * 3000 + late)
        _, issues = problems(path)
        with pytest.raises(EvidenceError) as raised:
            csv_table(path.read_bytes(), WHAT, file=str(path))
        assert issues == [str(issue) for issue in raised.value.issues]
        assert "cp1252" in issues[0]

    def test_every_row_problem_is_listed_with_its_line(self, tmp_path: Path) -> None:
        """Problems in many rows are listed and capped as a list of the same rows gives them."""
        path = tmp_path / "t.csv"
        rows = "".join(f"C{n},175%\n" for n in range(150))
        path.write_text("unit,registration_under5\n" + rows, encoding="utf-8")
        summary, issues = problems(path)
        assert (summary, issues) == whole_problems(path)
        assert summary.endswith("150 problems")
        assert len(issues) == 101
        assert "and 50 more problems" in issues[-1]
        assert issues[1].startswith(f"{path}:3: row 3,")

    def test_a_row_too_long_is_reported_before_bad_cells(self, tmp_path: Path) -> None:
        """Shape problems come first, then columns, then cells, as a whole read orders them."""
        path = tmp_path / "t.csv"
        path.write_text("unit,registration_under5,nonsense\nA,175%,1\nB,1,2,3\n", encoding="utf-8")
        assert problems(path) == whole_problems(path)
        codes = [issue.split("[")[-1].split("]")[0] for issue in problems(path)[1]]
        assert codes == [
            "extra-cells",
            "unknown-column",
            "out-of-range",
        ]

    def test_a_multi_line_cell_places_later_problems_at_their_lines(self, tmp_path: Path) -> None:
        """A bad cell after a cell spanning lines is at the physical line a whole read gives."""
        path = tmp_path / "t.csv"
        path.write_text('unit,registration_under5\n"A\nB",1\nC,175%\n,2\n', encoding="utf-8")
        assert problems(path) == whole_problems(path)

    def test_a_file_over_the_limit_is_refused(self, tmp_path: Path) -> None:
        """A table over the size limit is refused as too large, as a whole read refuses it."""
        path = tmp_path / "t.csv"
        path.write_bytes(CENTRES.read_bytes() * 4)
        framework = inspectkit.load_framework(FRAMEWORK)
        with read_limits(max_bytes=1000), pytest.raises(EvidenceError) as raised:
            inspectkit.load_evidence_table(path, framework)
        assert raised.value.issues[0].code == "too-large"

    def test_a_missing_file_is_not_found(self, tmp_path: Path) -> None:
        """A table that does not exist is not-found."""
        with pytest.raises(EvidenceError) as raised:
            inspectkit.load_evidence_table(tmp_path / "none.csv", FRAMEWORK)
        assert raised.value.issues[0].code == "not-found"


def write_units(path: Path, units: int) -> Path:
    """Write *units* copies of the example table's rows, renamed, to *path*."""
    lines = CENTRES.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    body = "".join(
        f"Centre {n}," + rows[n % len(rows)].split(",", 1)[1] + "\n" for n in range(units)
    )
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


def peak_bytes(path: Path) -> int:
    """The peak memory allocated while every row of *path* is read into evidence."""
    tracemalloc.start()
    try:
        for _ in EvidenceRows(path, FRAMEWORK):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class TestConstantMemory:
    def test_a_streamed_table_holds_no_rows(self) -> None:
        """Reading a CSV path keeps none of its rows in the table."""
        reader = EvidenceRows(CENTRES, FRAMEWORK)
        assert sum(1 for _ in reader) == 4
        assert reader.table.rows == []

    def test_memory_per_unit_is_one_key(self, tmp_path: Path) -> None:
        """Each unit adds only its (unit, date) key, kept for duplicates: under 400 bytes."""
        small = peak_bytes(write_units(tmp_path / "small.csv", 400))
        large = peak_bytes(write_units(tmp_path / "large.csv", 4000))
        # A whole read holds each row's bytes, text and cells: about 4,400 bytes a unit.
        assert (large - small) / 3600 < 400


def slow_read(framework: object, criterion: object, text: str) -> object:
    """The value reader's entry for a cell, or None where it reports a problem."""
    from inspectkit.loading._issues import IssueCollector
    from inspectkit.loading._values import ValueReader

    return ValueReader(IssueCollector(), python=True).cell(framework, criterion, text, ())


def measured_criteria() -> list[tuple[object, object]]:
    """Every proportion and quantity criterion of every bundled framework, with its framework."""
    found = []
    for path in sorted(Path("frameworks").glob("*.toml")):
        framework = inspectkit.load_framework(path.stem)
        for criterion in framework.criteria():
            if criterion.measure.value in ("proportion", "quantity"):
                found.append((framework, criterion))
    return found


MEASURED = measured_criteria()
digits = st.text(alphabet="0123456789", min_size=1, max_size=17)
number_texts = st.one_of(
    st.builds(lambda a, b: f"{a}.{b}", digits, digits),
    digits,
    st.builds(lambda a: f"-{a}", digits),
    st.builds(lambda a, b: f"{a}.{b}%", digits, digits),
    st.builds(lambda a: f"{a}%", digits),
    st.builds(lambda a, b: f"{a}/{b}", digits, digits),
    st.floats(0, 1).map(lambda x: f"{x:.3f}"),
    st.floats(0, 100).map(lambda x: f"{x:.1f}%"),
    st.builds(lambda n, d: f"{min(n, d)}/{d}", st.integers(0, 999), st.integers(0, 999)),
    st.floats(-120, 120).map(lambda x: f"{x:.2f}"),
    st.text(alphabet="0123456789.%/-e \u0663", max_size=8),
)


class TestPlainNumbers:
    @settings(max_examples=400)
    @given(which=st.integers(0, len(MEASURED) - 1), text=number_texts)
    def test_a_plain_number_reads_as_the_value_reader_reads_it(self, which: int, text: str) -> None:
        """Any number cell taken without the reader gives the reader's very entry."""
        from inspectkit.loading._table import plain_number

        framework, criterion = MEASURED[which]
        fast = plain_number(criterion, text)  # type: ignore[arg-type]
        if fast is None:
            return
        slow = slow_read(framework, criterion, text)
        assert repr(fast) == repr(slow)

    @settings(max_examples=400)
    @given(which=st.integers(0, len(MEASURED) - 1), text=number_texts)
    def test_a_plain_value_is_the_plain_numbers_value(self, which: int, text: str) -> None:
        """The value read without an entry is the plain entry's value, and None with it."""
        from inspectkit.loading._table import plain_number, plain_value

        _, criterion = MEASURED[which]
        entry = plain_number(criterion, text)  # type: ignore[arg-type]
        value = plain_value(criterion, text)  # type: ignore[arg-type]
        assert (value, type(value)) == (
            (None, type(None)) if entry is None else (entry.value, float)
        )

    def test_the_forms_of_the_benchmark_are_taken(self) -> None:
        """Decimals, percentages and counts in range are read without the reader."""
        from inspectkit.loading._table import plain_number

        framework = inspectkit.load_framework(FRAMEWORK)
        criterion = framework.criterion("registration_under5")
        assert all(plain_number(criterion, t) for t in ("0.734", "73.4%", "412/702", "1"))
        refused = ("1.5", "101%", "3/2", "0/0", "-1", "1000%", "0100%", "1.5.%")
        assert not any(plain_number(criterion, t) for t in refused)


class TestColumnsOfAStream:
    def test_a_chunks_cells_are_the_entries_a_row_by_row_read_gives(self, tmp_path: Path) -> None:
        """A streamed CSV read a column at a time gives each row's very entries."""
        text = CENTRES.read_text(encoding="utf-8")
        path = tmp_path / "t.csv"
        path.write_text(text, encoding="utf-8")
        rows = [item for _, _, item in EvidenceRows(path, FRAMEWORK) if item is not None]
        chunks = list(EvidenceRows(path, FRAMEWORK).columns(3))
        assert all(chunk.codes for chunk in chunks)
        read = [
            {key: repr(column[index]) for key, column in chunk.cells.items() if column[index]}
            for chunk in chunks
            for index in range(len(chunk.units))
        ]
        assert read == [{key: repr(e) for key, e in item.entries.items()} for item in rows]
