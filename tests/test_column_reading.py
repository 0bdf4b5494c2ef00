"""A streamed table's columns read many texts at once: the values and problems of one by one."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit.batch import iter_graded
from inspectkit.errors import EvidenceError
from inspectkit.loading._table import plain_value, plain_values
from inspectkit.rubric import Measure

FRAMEWORK = "ofsted_childrens_centres_2014"


def measured_criteria() -> list[Any]:
    """Every proportion and quantity criterion of every bundled framework."""
    found = []
    for path in sorted(Path("frameworks").glob("*.toml")):
        for criterion in inspectkit.load_framework(path.stem).criteria():
            if criterion.measure in (Measure.PROPORTION, Measure.QUANTITY):
                found.append(criterion)
    return found


MEASURED = measured_criteria()
digits = st.text(alphabet="0123456789", min_size=1, max_size=17)
texts = st.one_of(
    st.floats(0, 1).map(lambda x: f"{x:.3f}"),
    st.floats(0, 100).map(lambda x: f"{x:.1f}%"),
    st.builds(lambda n, d: f"{min(n, d)}/{d}", st.integers(0, 999), st.integers(0, 999)),
    st.builds(lambda a, b: f"{a}/{b}", digits, digits),
    st.builds(lambda a, b: f"{a}.{b}%", digits, digits),
    st.builds(lambda a, b: f"{a}.{b}", digits, digits),
    st.text(alphabet="0123456789.%/-e \n\u0663", max_size=8),
)
# Mostly well-formed texts, in runs long enough to be read together, with now and then a
# text that is not (a word, a count above its denominator, a line break inside a text).
runs = st.lists(texts, max_size=60)


class TestPlainValues:
    @settings(max_examples=300, deadline=None)
    @given(which=st.integers(0, len(MEASURED) - 1), given_texts=runs)
    def test_many_texts_read_as_each_alone(self, which: int, given_texts: list[str]) -> None:
        """Texts read together have the very values (and types) plain_value gives each."""
        criterion = MEASURED[which]
        together = plain_values(criterion, given_texts)
        alone = [plain_value(criterion, text) for text in given_texts]
        assert [(value, type(value)) for value in together] == [
            (value, type(value)) for value in alone
        ]

    def test_a_run_of_good_counts_is_read_at_once(self) -> None:
        """Many counts in range give their quotients, in order."""
        criterion = inspectkit.load_framework(FRAMEWORK).criterion("registration_under5")
        counts = [f"{n}/{n + 7}" for n in range(40)]
        assert plain_values(criterion, counts) == [n / (n + 7) for n in range(40)]

    def test_a_count_of_nothing_out_of_nothing_is_not_read(self) -> None:
        """A run whose only bad count is 0/0 gives None for it, not a division by zero."""
        criterion = inspectkit.load_framework(FRAMEWORK).criterion("registration_under5")
        counts = [f"{n}/{n + 7}" for n in range(20)] + ["0/0"]
        assert plain_values(criterion, counts) == [n / (n + 7) for n in range(20)] + [None]

    def test_a_line_break_inside_a_text_is_read_alone(self) -> None:
        """A text holding a line break cannot pass as two counts of a run."""
        criterion = inspectkit.load_framework(FRAMEWORK).criterion("registration_under5")
        counts = [f"{n}/{n + 7}" for n in range(20)] + ["1/2\n3/4"]
        assert plain_values(criterion, counts)[-1] is None

    def test_one_count_out_of_range_leaves_the_others_read(self) -> None:
        """A count above its denominator is None; the rest of its run keep their values."""
        criterion = inspectkit.load_framework(FRAMEWORK).criterion("registration_under5")
        counts = [f"{n}/{n + 7}" for n in range(20)] + ["9/4", "3/0", "0/0", "150%", "1.5"]
        values = plain_values(criterion, counts)
        assert values[:20] == [n / (n + 7) for n in range(20)]
        assert values[20:] == [None] * 5


def write_table(path: Path, units: int, bad: dict[int, tuple[str, str]]) -> None:
    """A CSV of *units* rows with many distinct counts; *bad* puts cells at (row, column)."""
    framework = inspectkit.load_framework(FRAMEWORK)
    ids = [criterion.id for criterion in framework.criteria()]
    measures = {criterion.id: criterion.measure for criterion in framework.criteria()}
    rng = random.Random(5)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "date", *ids])
        for number in range(units):
            row = {}
            for key in ids:
                if measures[key] is Measure.PROPORTION:
                    denominator = rng.randint(50, 900)
                    row[key] = f"{rng.randint(0, denominator)}/{denominator}"
                elif measures[key] is Measure.QUANTITY:
                    row[key] = f"{rng.uniform(0, 30):.1f}"
                elif measures[key] is Measure.CHECK:
                    row[key] = rng.choice(["yes", "no"])
                else:
                    row[key] = rng.choice(["outstanding", "good"])
            if number in bad:
                column, text = bad[number]
                row[column] = text
            writer.writerow([f"Centre {number}", "2026-09-30", *(row[key] for key in ids)])


def outcome(action: Any) -> Any:
    """What *action* gives: its records, or the summary and issues of its EvidenceError."""
    try:
        return action()
    except EvidenceError as error:
        return error.summary, [str(issue) for issue in error.issues]


class TestManyCounts:
    @pytest.mark.parametrize("chunk", [7, 40, None])
    def test_records_are_assess_tables(self, tmp_path: Path, chunk: int | None) -> None:
        """A table of many distinct counts grades in chunks exactly as assess_table does."""
        path = tmp_path / "t.csv"
        write_table(path, 90, {})
        expected = inspectkit.assess_table(FRAMEWORK, path).to_records()
        parts = iter_graded(FRAMEWORK, path, chunk=chunk)
        assert [record for part in parts for record in part.to_records()] == expected

    @pytest.mark.parametrize("chunk", [7, 40, None])
    def test_bad_counts_are_placed_as_assess_table_places_them(
        self, tmp_path: Path, chunk: int | None
    ) -> None:
        """Bad cells among many counts are reported at their rows and columns, in order."""
        path = tmp_path / "t.csv"
        bad = {
            3: ("registration_under5", "9/4"),
            30: ("sustained_contact", "3/0"),
            31: ("registration_under5", "9/4"),
            60: ("take_up_2yo", "a lot"),
            61: ("registration_under5", "1/2/3"),
        }
        write_table(path, 90, bad)
        expected = outcome(lambda: inspectkit.assess_table(FRAMEWORK, path).to_records())
        assert isinstance(expected, tuple)
        assert len(expected[1]) >= len(bad)

        def graded() -> list[dict[str, Any]]:
            parts = iter_graded(FRAMEWORK, path, chunk=chunk)
            return [record for part in parts for record in part.to_records()]

        assert outcome(graded) == expected


bad_cells = st.sampled_from(["", "0.5", "175%", "3/2", "x", "yes", "good", "n/a", " 7/8 ", "1/4"])
bad_rows = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(["A", "B", "", "C", "D", "E"]),
            "date": st.sampled_from(["", "2026-01-01", "2026-13-01", "2025-02-03"]),
            "registration_under5": bad_cells,
            "live_birth_data": bad_cells,
            "case_file_quality": bad_cells,
        }
    ),
    min_size=1,
    max_size=14,
)


class TestSlicesAsRead:
    @settings(max_examples=80, deadline=None)
    @given(
        rows=bad_rows,
        chunk=st.sampled_from([1, 3, 5, None]),
        slice_=st.sampled_from([1, 2, 4]),
        ragged=st.sets(st.integers(0, 13), max_size=2),
    )
    def test_any_csv_file_coded_in_slices_reads_as_assess_table(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        rows: list[dict[str, str]],
        chunk: int | None,
        slice_: int,
        ragged: set[int],
    ) -> None:
        """Coded a few rows at a time as read, a CSV gives assess_table's records or problems."""
        from inspectkit.loading import _table

        path = tmp_path_factory.mktemp("csv") / "t.csv"
        header = list(rows[0])
        lines = [header]
        for number, row in enumerate(rows):
            cells = [row[name] for name in header]
            lines.append(cells[:-1] if number in ragged else cells)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(lines)
        expected = outcome(lambda: inspectkit.assess_table(FRAMEWORK, path).to_records())

        def graded() -> list[dict[str, Any]]:
            parts = iter_graded(FRAMEWORK, path, chunk=chunk)
            return [record for part in parts for record in part.to_records()]

        saved = _table._SLICE
        _table._SLICE = slice_
        try:
            assert outcome(graded) == expected
        finally:
            _table._SLICE = saved

    @pytest.mark.parametrize("chunk", [300, None])
    def test_a_long_table_with_late_problems(self, tmp_path: Path, chunk: int | None) -> None:
        """Problems after the first slices (a short row, a unit named twice) are placed in order."""
        path = tmp_path / "t.csv"
        write_table(path, 700, {450: ("registration_under5", "9/4")})
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[300] = lines[300].rsplit(",", 1)[0]  # a short row, after the first slice
        lines[520] = lines[12].replace("Centre 11", "Centre 11", 1)  # Centre 11 again
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected = outcome(lambda: inspectkit.assess_table(FRAMEWORK, path).to_records())
        assert isinstance(expected, tuple)
        assert len(expected[1]) == 3

        def graded() -> list[dict[str, Any]]:
            parts = iter_graded(FRAMEWORK, path, chunk=chunk)
            return [record for part in parts for record in part.to_records()]

        assert outcome(graded) == expected


def chunk_peak(path: Path) -> int:
    """The peak memory allocated while *path* is read as one chunk, by columns."""
    import tracemalloc

    tracemalloc.start()
    try:
        for _ in iter_graded_columns(path):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def iter_graded_columns(path: Path) -> Any:
    """The chunks of *path* read by columns, the whole table as one chunk."""
    from inspectkit.loading._table import EvidenceRows

    return EvidenceRows(path, FRAMEWORK).columns(100_000)


class TestRowsLetGo:
    def test_a_chunk_keeps_its_codes_not_its_rows(self, tmp_path: Path) -> None:
        """Read by columns, a chunk of distinct counts holds under 3.1 KB a unit, not its rows."""
        small, large = tmp_path / "small.csv", tmp_path / "large.csv"
        write_table(small, 200, {})
        write_table(large, 2000, {})
        # About 2.4 KB: codes and each column's distinct texts, with every row let go once
        # coded; holding the rows too (as before) took about 4 KB a unit.
        assert (chunk_peak(large) - chunk_peak(small)) / 1800 < 3_100
