"""Batches streamed a unit at a time: `inspectkit.batch.iter_assessments` and ``batch``'s CSV."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

import inspectkit
from inspectkit.batch import assess_records, iter_assessments
from inspectkit.cli import EXIT_BAD_INPUT, EXIT_OK, main
from inspectkit.cli._batch import STREAM_CHUNK
from inspectkit.cli._output import emit_chunks
from inspectkit.errors import EvidenceError

FRAMEWORK = "ofsted_childrens_centres_2014"
CENTRES = Path("examples/borough-centres.csv")


def many_units(path: Path, units: int) -> Path:
    """Write the example table's rows over and over, renamed, to *path*; return it."""
    with CENTRES.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        header = next(reader)
        rows = list(reader)
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(header)
        for number, row in zip(range(units), itertools.cycle(rows), strict=False):
            writer.writerow([f"Centre {number}", *row[1:]])
    return path


class TestIterAssessments:
    def test_yields_what_assess_table_holds(self) -> None:
        """The assessments yielded equal assess_table's, in table order."""
        table = inspectkit.assess_table(FRAMEWORK, CENTRES)
        assert list(iter_assessments(FRAMEWORK, CENTRES)) == list(table)

    def test_yields_before_the_table_is_done(self) -> None:
        """The first assessment comes before any later unit is assessed."""
        seen: list[int] = []
        stream = iter_assessments(
            FRAMEWORK, CENTRES, progress=lambda done, total: seen.append(done)
        )
        next(stream)
        assert seen == []

    def test_a_bad_row_raises_after_the_good_ones(self) -> None:
        """A row that fails its assessment is reported at the end, after the other units."""
        with CENTRES.open(encoding="utf-8", newline="") as source:
            complete = next(dict(row) for row in csv.DictReader(source) if all(row.values()))
        rows = [{**complete, "unit": unit} for unit in ("A", "B", "C")]
        rows[1]["sustained_contact"] = ""
        got = []
        with pytest.raises(EvidenceError) as raised:
            got.extend(iter_assessments(FRAMEWORK, rows, missing="error"))
        assert [assessment.evidence.unit for assessment in got] == ["A", "C"]
        assert len(raised.value.issues) == 1


class TestStreamedCsv:
    def test_matches_the_whole_table_across_chunks(self, tmp_path: Path) -> None:
        """The streamed CSV of more units than a chunk is the table's to_csv, byte for byte."""
        table_path = many_units(tmp_path / "units.csv", STREAM_CHUNK + 7)
        out = tmp_path / "grades.csv"
        assert main(["batch", str(table_path), "--framework", FRAMEWORK, "-o", str(out)]) == EXIT_OK
        expected = inspectkit.assess_table(FRAMEWORK, table_path).to_csv()
        assert out.read_text(encoding="utf-8") == expected

    def test_a_bad_row_writes_nothing(self, tmp_path: Path) -> None:
        """A table with a problem row leaves the output file unwritten."""
        table_path = tmp_path / "units.csv"
        table_path.write_text("unit,sustained_contact\nA,60%\nB,lots\n", encoding="utf-8")
        out = tmp_path / "grades.csv"
        code = main(["batch", str(table_path), "--framework", FRAMEWORK, "-o", str(out)])
        assert code == EXIT_BAD_INPUT
        assert not out.exists()


class TestStreamedWrite:
    def test_chunks_reach_the_temporary_file_before_the_last_is_made(self, tmp_path: Path) -> None:
        """Each chunk is on disk, beside the target, before the next one is made."""
        out = tmp_path / "grades.csv"
        sizes: list[int] = []

        rows = ["a,b\n" * 50_000, "1,2\n" * 50_000, "3,4\n" * 50_000]  # past any buffer

        def chunks() -> Iterator[str]:
            for text in rows:
                yield text
                sizes.append(sum(p.stat().st_size for p in tmp_path.glob(".grades.csv.*.tmp")))

        emit_chunks(chunks(), str(out))
        assert sizes == [200_000, 400_000, 600_000]
        assert out.read_text(encoding="utf-8") == "".join(rows)
        assert list(tmp_path.iterdir()) == [out]

    def test_a_bad_table_leaves_the_old_output_as_it_was(self, tmp_path: Path) -> None:
        """A problem found after rows were written leaves the old file and no temporary one."""
        table_path = many_units(tmp_path / "units.csv", 12_000)
        with table_path.open("a", encoding="utf-8") as handle:
            handle.write("Last,,lots\n")
        out = tmp_path / "grades.csv"
        out.write_text("old\n", encoding="utf-8")
        code = main(["batch", str(table_path), "--framework", FRAMEWORK, "-o", str(out)])
        assert code == EXIT_BAD_INPUT
        assert out.read_text(encoding="utf-8") == "old\n"
        assert sorted(path.name for path in tmp_path.iterdir()) == ["grades.csv", "units.csv"]

    @pytest.mark.parametrize("target", ["units.csv", "missing/grades.csv"])
    def test_a_bad_tables_problems_come_before_a_refused_output(
        self, tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With a bad table and a refused -o, the table's problems are what is reported."""
        table_path = tmp_path / "units.csv"
        table_path.write_text("unit,sustained_contact\nA,60%\nB,lots\n", encoding="utf-8")
        out = tmp_path / target
        code = main(["batch", str(table_path), "--framework", FRAMEWORK, "-o", str(out)])
        assert code == EXIT_BAD_INPUT
        assert "lots" in capsys.readouterr().err
        assert table_path.read_text(encoding="utf-8").endswith("B,lots\n")

    @pytest.mark.parametrize("target", ["units.csv", "missing/grades.csv"])
    def test_a_good_table_with_a_refused_output_says_why(
        self, tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A clean table with a refused -o reports the output, and writes nothing."""
        table_path = many_units(tmp_path / "units.csv", 3)
        before = table_path.read_bytes()
        out = tmp_path / target
        code = main(["batch", str(table_path), "--framework", FRAMEWORK, "-o", str(out)])
        assert code == EXIT_BAD_INPUT
        assert str(out) in capsys.readouterr().err
        assert table_path.read_bytes() == before

    def test_a_bom_comes_first(self, tmp_path: Path) -> None:
        """--excel-csv puts the byte-order mark before the streamed rows."""
        table_path = many_units(tmp_path / "units.csv", 3)
        out = tmp_path / "grades.csv"
        args = ["batch", str(table_path), "--framework", FRAMEWORK, "-o", str(out)]
        assert main([*args, "--excel-csv"]) == EXIT_OK
        expected = inspectkit.assess_table(FRAMEWORK, table_path).to_csv()
        assert out.read_bytes() == ("\ufeff" + expected).encode("utf-8")


class TestAssessRecords:
    def test_gives_the_table_records(self) -> None:
        """assess_records gives the rows of assess_table's to_records."""
        expected = inspectkit.assess_table(FRAMEWORK, CENTRES).to_records()
        assert assess_records(FRAMEWORK, CENTRES) == expected

    def test_gives_the_table_records_across_chunks(self, tmp_path: Path) -> None:
        """Over more units than a chunk, the rows are still to_records's, in order."""
        table_path = many_units(tmp_path / "units.csv", STREAM_CHUNK + 3)
        expected = inspectkit.assess_table(FRAMEWORK, table_path).to_records()
        assert assess_records(FRAMEWORK, table_path) == expected
