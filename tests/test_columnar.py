"""Grading a whole table at once (`grade_table`) gives exactly `assess`'s grades, row by row."""

from __future__ import annotations

import csv
import importlib.util
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import inspectkit
import inspectkit.scoring._columnar as columnar_module
from frameworks_for_tests import MODELLED, four_grade_scale
from inspectkit.batch import TableGrades, UnitGrades, assess_records, grade_table, iter_graded
from inspectkit.errors import EvidenceError
from inspectkit.evidence import NOT_APPLICABLE, Entry, Evidence
from inspectkit.rubric import (
    Aggregation,
    Cap,
    Criterion,
    Framework,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Rule,
)
from strategies import evidence_for, findings_rules, frameworks

ENGINES = ["python", *(["numpy"] if importlib.util.find_spec("numpy") else [])]


@pytest.fixture(scope="class", params=ENGINES, autouse=True)
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """Grade with numpy, and in plain Python as where numpy is not installed."""
    real = columnar_module.available
    if request.param == "python":
        columnar_module.available = lambda: False
    try:
        yield request.param
    finally:
        columnar_module.available = real


CENTRES = Path("examples/borough-centres.csv")
BUNDLED = sorted(path.stem for path in Path("frameworks").glob("*.toml"))


def rows_of(units: list[Evidence]) -> list[dict[str, Any]]:
    """The table rows of *units*: a name each, then each criterion's entry as its cell."""
    return [{"unit": f"Unit {number}", **evidence.entries} for number, evidence in enumerate(units)]


def row_by_row(
    framework: Framework, units: list[Evidence], missing: MissingPolicy | None
) -> list[UnitGrades]:
    """Each unit's grades from `assess` on its own, named as `rows_of` names it."""
    return [
        UnitGrades.of(
            inspectkit.assess(
                framework, attrs.evolve(evidence, unit=f"Unit {number}"), missing=missing
            )
        )
        for number, evidence in enumerate(units)
    ]


def columnar(table: TableGrades) -> list[UnitGrades]:
    """Every unit's grades in *table*."""
    return [table.unit(index) for index in range(len(table))]


policies = st.sampled_from([None, MissingPolicy.WORST, MissingPolicy.EXCLUDE])

# Weights binary floating point cannot hold exactly, so sums in another order differ in their
# last bit and the engine's slack decides: the columns must add in the engine's own order.
inexact = st.sampled_from([0.1, 0.2, 0.3, 0.7, 1.1, 1.0])


@st.composite
def reweighted(draw: st.DrawFn, framework: Framework) -> Framework:
    """*framework* with its criteria and judgements given inexact weights, or as it is."""
    if not draw(st.booleans()):
        return framework
    judgements = [
        attrs.evolve(
            judgement,
            weight=draw(inexact),
            criteria=[attrs.evolve(c, weight=draw(inexact)) for c in judgement.criteria],
        )
        for judgement in framework.judgements
    ]
    return attrs.evolve(framework, judgements=judgements)


class TestSameGradesAsAssess:
    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data(), missing=policies)
    def test_generated_frameworks_and_tables(self, data: st.DataObject, missing: Any) -> None:
        """On any framework and table, every unit's grades equal its own assessment's."""
        framework = data.draw(reweighted(data.draw(frameworks(max_judgements=4))))
        if framework.missing is MissingPolicy.ERROR and missing is None:
            missing = MissingPolicy.WORST
        units = data.draw(st.lists(evidence_for(framework), min_size=1, max_size=12))
        table = grade_table(framework, rows_of(units), missing=missing)
        assert table.fallback == 0
        assert columnar(table) == row_by_row(framework, units, missing)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data(), missing=policies)
    def test_frameworks_with_findings_rules(self, data: st.DataObject, missing: Any) -> None:
        """A findings rule with no findings to count changes no grade here, as in assess."""
        framework = data.draw(frameworks(max_judgements=3))
        rule = data.draw(findings_rules(framework.scale))
        framework = attrs.evolve(framework, findings=rule, missing=MissingPolicy.WORST)
        units = data.draw(st.lists(evidence_for(framework), min_size=1, max_size=6))
        table = grade_table(framework, rows_of(units), missing=missing)
        assert columnar(table) == row_by_row(framework, units, missing)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data(), missing=policies)
    def test_generated_frameworks_and_csv_files(
        self, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, missing: Any
    ) -> None:
        """A CSV file of any framework's units, read by columns, grades as assess_table does."""
        framework = data.draw(reweighted(data.draw(frameworks(max_judgements=4))))
        if framework.missing is MissingPolicy.ERROR and missing is None:
            missing = MissingPolicy.WORST
        units = data.draw(st.lists(evidence_for(framework), min_size=1, max_size=12))
        ids = [criterion.id for criterion in framework.criteria()]
        path = tmp_path_factory.mktemp("csv") / "t.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["unit", *ids])
            for number, evidence in enumerate(units):
                cells = [text_of(evidence.entries.get(key)) for key in ids]
                writer.writerow([f"Unit {number}", *cells])
        expected = inspectkit.assess_table(framework, path, missing=missing)
        table = grade_table(framework, path, missing=missing)
        assert columnar(table) == [UnitGrades.of(assessment) for assessment in expected]
        assert table.to_csv() == expected.to_csv()

    @pytest.mark.parametrize("framework_id", BUNDLED)
    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data(), missing=policies)
    def test_bundled_frameworks(self, framework_id: str, data: st.DataObject, missing: Any) -> None:
        """On every bundled framework (statuses, second scales, caps), the grades are assess's."""
        framework = inspectkit.load_framework(framework_id)
        if framework.missing is MissingPolicy.ERROR and missing is None:
            missing = MissingPolicy.WORST
        units = data.draw(st.lists(evidence_for(framework), min_size=1, max_size=8))
        table = grade_table(framework, rows_of(units), missing=missing)
        assert columnar(table) == row_by_row(framework, units, missing)


def text_of(entry: Entry | None) -> str:
    """An entry written as a table cell: numbers, counts, checks, grades, n/a; else empty."""
    if entry is None:
        return ""
    value = entry.value
    if value is NOT_APPLICABLE:
        return "not_applicable"
    if entry.counts is not None:
        return f"{entry.counts.numerator}/{entry.counts.denominator}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)):
        return str(value)
    return ""  # an interval or an assessor's range: absent here


def text_cell(rng: random.Random, framework: Framework, criterion_id: str) -> str:
    """A random cell as a spreadsheet holds it: numbers, percentages, counts, words, blanks."""
    criterion = framework.criterion(criterion_id)
    roll = rng.random()
    if roll < 0.08:
        return ""
    if roll < 0.12:
        return "n/a"
    if criterion.measure is Measure.PROPORTION:
        share = rng.choice([rng.uniform(0, 1), *(float(t.value) for t in criterion.thresholds)])
        form = rng.randrange(4)
        if form == 0:
            return f"{share:.3f}"
        if form == 1:
            return f"{share * 100:.1f}%"
        if form == 2:
            denominator = rng.randint(1, 900)
            return f"{round(share * denominator)}/{denominator}"
        words = [q.word for q in framework.vocabulary.quantifiers]
        return rng.choice(words) if words else f"{share:.2f}"
    if criterion.measure is Measure.QUANTITY:
        low = criterion.minimum if criterion.minimum is not None else 0.0
        high = criterion.maximum if criterion.maximum is not None else 100.0
        return f"{rng.uniform(max(low, 0.0), min(high, 60.0)):.1f}"
    if criterion.measure is Measure.CHECK:
        return rng.choice(["yes", "no", *criterion.values])
    return rng.choice(framework.scale_of(framework.judgement_of(criterion_id).id).ids)


def write_text_table(path: Path, framework: Framework, units: int, seed: int) -> Path:
    """Write a CSV of *units* random units of *framework*, dated so none pre-dates a judgement."""
    rng = random.Random(seed)
    ids = [criterion.id for criterion in framework.criteria()]
    lines = [",".join(["unit", "date", *ids])]
    for number in range(units):
        cells = [text_cell(rng, framework, criterion_id) for criterion_id in ids]
        lines.append(",".join([f"U{number}", "2030-01-01", *(f'"{c}"' for c in cells)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def small_framework(
    weights: list[float],
    aggregation: Aggregation,
    *,
    checks: int = 0,
    overall: Aggregation,
    caps: tuple[Cap, ...] = (),
) -> Framework:
    """A framework of one judgement of rated criteria (*weights*), then one of checks."""
    rated = [
        Criterion(f"r{k}", f"Rated {k}", Measure.RATING, weight=w, provenance=MODELLED)
        for k, w in enumerate(weights)
    ]
    judged = [Judgement("rated", "Rated", criteria=rated, aggregation=aggregation)]
    if checks:
        checked = [
            Criterion(
                f"k{k}",
                f"Check {k}",
                Measure.CHECK,
                not_met="good",
                provenance=MODELLED,
            )
            for k in range(checks)
        ]
        judged.append(
            Judgement(
                "checked", "Checked", criteria=checked, aggregation=Aggregation(Method.BEST_FIT)
            )
        )
    return Framework(
        id="small",
        title="A small framework",
        version="1",
        scale=four_grade_scale(),
        judgements=judged,
        overall=overall,
        caps=caps,
    )


class TestEdges:
    def test_sums_that_differ_in_their_last_bit_use_the_engines_slack(self) -> None:
        """Weights whose sums round differently by order still give assess's best fit."""
        framework = small_framework(
            [1.0, 1.0, 1.1, 0.2],
            Aggregation(Method.BEST_FIT, share=1.0, provenance=MODELLED),
            overall=Aggregation(Method.BEST_FIT, provenance=MODELLED),
        )
        row = {"unit": "A", "r0": "good", "r1": "good", "r2": "outstanding", "r3": "outstanding"}
        expected = inspectkit.assess_table(framework, [row])
        assert columnar(grade_table(framework, [row])) == [UnitGrades.of(a) for a in expected]

    def test_an_unknown_judgement_is_assumed_within_its_range(self) -> None:
        """An unknown judgement assumed at another's grade is kept within its own worst."""
        # The overall cap sees the assumed grade: good (its worst), not inadequate.
        cap = Cap("c", "checked", "overall", "requires_improvement", MODELLED, "inadequate")
        framework = small_framework(
            [1.0],
            Aggregation(Method.BEST_FIT, provenance=MODELLED),
            checks=2,
            overall=Aggregation(
                Method.RULES,
                rules=[Rule("good", provenance=MODELLED)],
                provenance=MODELLED,
            ),
            caps=(cap,),
        )
        row = {"unit": "A", "r0": "inadequate"}
        expected = inspectkit.assess_table(framework, [row], missing="exclude")
        assert expected.assessments[0].overall.assumed  # the case this test is about
        got = grade_table(framework, [row], missing="exclude")
        assert columnar(got) == [UnitGrades.of(a) for a in expected]


name_parts = ["a", "b", "=", "+1", "-", "@", ",", ";", '"', "\t", "\r", "\n", "\r\n", " "]


class TestTables:
    @pytest.mark.parametrize("framework_id", BUNDLED)
    @pytest.mark.parametrize("missing", [None, "exclude"])
    def test_a_random_csv_gives_assess_tables_csv(
        self, tmp_path: Path, framework_id: str, missing: str | None
    ) -> None:
        """A CSV of 300 random units grades to assess_table's very CSV, in columns."""
        framework = inspectkit.load_framework(framework_id)
        if framework.missing is MissingPolicy.ERROR:
            missing = missing or "worst"
        path = write_text_table(tmp_path / "t.csv", framework, 300, seed=len(framework_id))
        table = grade_table(framework, path, missing=missing)
        expected = inspectkit.assess_table(framework, path, missing=missing)
        assert table.columnar == 300
        assert table.to_csv() == expected.to_csv()
        assert columnar(table) == [UnitGrades.of(a) for a in expected]

    @settings(max_examples=40, deadline=None)
    @given(
        names=st.lists(
            st.lists(st.sampled_from(name_parts), min_size=1, max_size=4).map("".join),
            min_size=1,
            max_size=6,
            unique=True,
        ),
        keep_formulas=st.booleans(),
    )
    def test_any_unit_names_write_assess_tables_csv(
        self, names: list[str], keep_formulas: bool
    ) -> None:
        """Unit names with formulas, quotes, delimiters and line breaks write the same CSV."""
        rows = [{"unit": name, "registration_under5": "0.5"} for name in names]
        framework = "ofsted_childrens_centres_2014"
        try:
            expected = inspectkit.assess_table(framework, rows).to_csv(keep_formulas=keep_formulas)
        except EvidenceError:  # a name blank once stripped, or two the same once stripped
            return
        table = grade_table(framework, rows)
        assert table.to_csv(keep_formulas=keep_formulas) == expected

    def test_the_example_table(self) -> None:
        """The example table's records, counts and DataFrame are assess_table's."""
        table = grade_table("ofsted_childrens_centres_2014", CENTRES)
        expected = inspectkit.assess_table("ofsted_childrens_centres_2014", CENTRES)
        assert table.to_records() == expected.to_records()
        assert table.grade_counts() == expected.grade_counts()
        pd = pytest.importorskip("pandas")
        pd.testing.assert_frame_equal(table.to_dataframe(), expected.to_dataframe())

    def test_a_dataframe_grades_as_its_csv(self) -> None:
        """A DataFrame read from the CSV grades as the CSV does."""
        pd = pytest.importorskip("pandas")
        frame = pd.read_csv(CENTRES)
        expected = inspectkit.assess_table("ofsted_childrens_centres_2014", frame)
        table = grade_table("ofsted_childrens_centres_2014", frame)
        assert table.to_records() == expected.to_records()

    def test_a_mapping_of_columns_is_a_table(self) -> None:
        """Columns given as lists under their names grade as the same rows do."""
        rows = inspectkit.load_evidence_table(CENTRES, "ofsted_childrens_centres_2014")
        columns = {
            "unit": [evidence.unit for evidence in rows],
            "registration_under5": [
                evidence.entries["registration_under5"].value for evidence in rows
            ],
        }
        table = grade_table("ofsted_childrens_centres_2014", columns)
        as_rows = [
            {"unit": unit, "registration_under5": value}
            for unit, value in zip(*columns.values(), strict=True)
        ]
        expected = inspectkit.assess_table("ofsted_childrens_centres_2014", as_rows)
        assert table.to_records() == expected.to_records()

    def test_columns_of_different_lengths_are_refused(self) -> None:
        """Columns of unequal length are a TypeError, not a guess."""
        with pytest.raises(TypeError, match="one length"):
            grade_table("ofsted_childrens_centres_2014", {"unit": ["a", "b"], "gld_rate": [0.5]})

    def test_the_full_assessment_is_one_call_away(self) -> None:
        """A unit's assessment from the table equals its assessment alone."""
        table = grade_table("ofsted_childrens_centres_2014", CENTRES)
        expected = inspectkit.assess_table("ofsted_childrens_centres_2014", CENTRES)
        assert table.assessment(2) == list(expected)[2]


class TestFallback:
    def test_missing_error_lists_what_each_unit_lacks(self) -> None:
        """Under missing='error' the problems are assess_table's, at the same rows."""
        with pytest.raises(EvidenceError) as expected:
            inspectkit.assess_table("ofsted_childrens_centres_2014", CENTRES, missing="error")
        with pytest.raises(EvidenceError) as got:
            grade_table("ofsted_childrens_centres_2014", CENTRES, missing="error")
        assert got.value.summary == expected.value.summary
        assert [str(i) for i in got.value.issues] == [str(i) for i in expected.value.issues]

    def test_a_bad_cell_is_reported_as_assess_table_reports_it(self) -> None:
        """A table with bad cells raises the same problems as assess_table."""
        rows = [{"unit": "A", "registration_under5": "175%"}, {"unit": "", "gld_rate": "x"}]
        with pytest.raises(EvidenceError) as expected:
            inspectkit.assess_table("ofsted_childrens_centres_2014", rows)
        with pytest.raises(EvidenceError) as got:
            grade_table("ofsted_childrens_centres_2014", rows)
        assert [str(i) for i in got.value.issues] == [str(i) for i in expected.value.issues]

    def test_a_unit_before_a_judgement_was_introduced_is_assessed_alone(self) -> None:
        """A date before a judgement existed sends that unit through assess, with its grades."""
        framework = inspectkit.load_framework("ofsted_ilacs_2023")
        assert any(j.introduced for j in framework.judgements)
        rows = [{"unit": "Old", "date": "2000-01-01"}, {"unit": "New", "date": "2099-01-01"}]
        table = grade_table(framework, rows)
        assert table.fallback == 1
        expected = inspectkit.assess_table(framework, rows)
        assert columnar(table) == [UnitGrades.of(a) for a in expected]


class TestAssessRecords:
    def test_records_are_assess_tables(self) -> None:
        """assess_records gives assess_table's records."""
        expected = inspectkit.assess_table("ofsted_childrens_centres_2014", CENTRES)
        got = assess_records("ofsted_childrens_centres_2014", CENTRES)
        assert got == expected.to_records()


bad_cells = st.sampled_from(["", "0.5", "175%", "3/2", "x", "yes", "good", "n/a", "-1", " 7/8 "])
bad_rows = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(["A", "B", "", "C"]),
            "date": st.sampled_from(["", "2026-01-01", "2026-13-01"]),
            "registration_under5": bad_cells,
            "live_birth_data": bad_cells,
            "case_file_quality": bad_cells,
        }
    ),
    min_size=1,
    max_size=12,
)


def outcome(action: Any) -> tuple[str, list[str]] | list[dict[str, Any]]:
    """What *action* gives: its records, or the summary and issues of its EvidenceError."""
    try:
        return action()  # type: ignore[no-any-return]
    except EvidenceError as error:
        return error.summary, [str(issue) for issue in error.issues]


class TestSameProblems:
    @settings(max_examples=60, deadline=None)
    @given(rows=bad_rows, chunk=st.sampled_from([1, 2, 5, None]))
    def test_any_table_reads_as_assess_table_reads_it(
        self, rows: list[dict[str, str]], chunk: int | None
    ) -> None:
        """Read by columns, in chunks or whole, a table gives assess_table's records or problems."""
        framework = "ofsted_childrens_centres_2014"
        expected = outcome(lambda: inspectkit.assess_table(framework, rows).to_records())

        def graded() -> list[dict[str, Any]]:
            parts = iter_graded(framework, rows, chunk=chunk)
            return [record for part in parts for record in part.to_records()]

        assert outcome(graded) == expected

    @settings(max_examples=60, deadline=None)
    @given(
        rows=bad_rows,
        chunk=st.sampled_from([1, 2, 5, None]),
        ragged=st.sets(st.integers(0, 11), max_size=2),
        repeated=st.booleans(),
    )
    def test_any_csv_file_reads_as_assess_table_reads_it(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        rows: list[dict[str, str]],
        chunk: int | None,
        ragged: set[int],
        repeated: bool,
    ) -> None:
        """A CSV file read a column at a time gives assess_table's records or problems."""
        framework = "ofsted_childrens_centres_2014"
        path = tmp_path_factory.mktemp("csv") / "t.csv"
        header = list(rows[0])
        if repeated:  # a column named twice: read as mappings, its last cell counting
            header.append("live_birth_data")
        lines = [header]
        for number, row in enumerate(rows):
            cells = [row[name] for name in rows[0]] + (["yes"] if repeated else [])
            lines.append(cells[:-1] if number in ragged else cells)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(lines)
        expected = outcome(lambda: inspectkit.assess_table(framework, path).to_records())

        def graded() -> list[dict[str, Any]]:
            parts = iter_graded(framework, path, chunk=chunk)
            return [record for part in parts for record in part.to_records()]

        assert outcome(graded) == expected


class TestWithoutNumpy:
    def test_a_table_is_graded_in_columns_in_plain_python(self) -> None:
        """With numpy unimportable, every unit is still graded in columns, to the same CSV."""
        script = (
            "import sys; sys.modules['numpy'] = None\n"
            "import inspectkit\n"
            "from inspectkit.batch import grade_table\n"
            f"table = grade_table('ofsted_childrens_centres_2014', {str(CENTRES)!r})\n"
            "print(table.columnar, table.fallback, sys.modules['numpy'])\n"
            "sys.stdout.write(table.to_csv())\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        counts, _, text = done.stdout.partition("\n")
        expected = inspectkit.assess_table("ofsted_childrens_centres_2014", CENTRES)
        assert counts == f"{len(expected.assessments)} 0 None"
        assert text == expected.to_csv()
