"""`inspectkit.calibrate`: predictions against published grades, and the outcomes table.

Most tests use a framework whose two judgements are each one rating criterion and whose overall
grade is the weaker judgement (secure fit), so the prediction for every case is known in
advance and the figures, the matrix and the baseline can be checked by hand, or by the oracle
below, which counts them with the standard library from the grades written into each case. The
blind-encoded corpus (``tests/calibration/childrens-centres``) checks calibrate against
assessing each case on its own; its published grades are read only through its outcomes file.
"""

from __future__ import annotations

import collections
import csv
import importlib
import json
import types
from pathlib import Path

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import MODELLED, four_grade_scale
from inspectkit import EvidenceError
from inspectkit.calibration import agreement, calibrate
from inspectkit.cli import main
from inspectkit.evidence import Entry, Evidence
from inspectkit.loading._outcomes import read_outcome_table
from inspectkit.results import CalibrationReport
from inspectkit.rubric import Aggregation, Criterion, Framework, Judgement, Measure, Method
from inspectkit.schema import calibration_schema
from schema_check import validate
from test_calibration_corpus import MISSES
from test_render import check_html

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "calibration" / "childrens-centres"
SCALE = four_grade_scale()
IDS = SCALE.ids


def direct_framework() -> Framework:
    """Two judgements, each graded by one rating; overall is the weaker of the two."""
    judgements = [
        Judgement(
            id=name,
            title=f"Judgement {name.upper()}",
            criteria=(
                Criterion(id=f"{name}_grade", title=f"{name} grade", measure=Measure.RATING),
            ),
            aggregation=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        )
        for name in ("a", "b")
    ]
    return Framework(
        id="direct",
        title="Direct grades",
        version="1",
        scale=SCALE,
        judgements=judgements,
        overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
    )


FRAMEWORK = direct_framework()


def case(a: str | None, b: str | None = None, **outcome: str) -> Evidence:
    """Evidence whose judgement grades are *a* and *b* (``None``: no evidence)."""
    entries = {
        f"{name}_grade": Entry(f"{name}_grade", grade)
        for name, grade in (("a", a), ("b", b))
        if grade is not None
    }
    return Evidence(framework="direct", unit="Unit", entries=entries, outcome=outcome)


def evidence_file(a: str | None, b: str | None = None) -> str:
    """The text of an evidence file for the direct framework (``None``: no evidence)."""
    lines = ['framework = "direct"', 'unit = "Unit"', "", "[evidence]"]
    lines += [f'{name}_grade = "{grade}"' for name, grade in (("a", a), ("b", b)) if grade]
    return "\n".join(lines) + "\n"


def run(
    cases: dict[str, Evidence], rows: list[dict[str, str]], **kwargs: object
) -> CalibrationReport:
    return calibrate(FRAMEWORK, cases, outcomes=rows, missing="exclude", **kwargs)  # type: ignore[arg-type]


class TestModuleName:
    def test_module_imports_as_a_module(self) -> None:
        """``import inspectkit.calibration as m`` gives the module, with its helpers."""
        import inspectkit.calibration as module

        assert isinstance(module, types.ModuleType)
        assert module.summarise.__name__ == "summarise"

    def test_package_attribute_is_the_function(self) -> None:
        """``inspectkit.calibrate`` is the calibrate function the module defines."""
        assert inspectkit.calibrate is importlib.import_module("inspectkit.calibration").calibrate

    def test_old_module_name_still_imports_the_module(self) -> None:
        """The module's old name, ``inspectkit.calibrate``, still imports its names."""
        old = importlib.import_module("inspectkit.calibrate")
        assert old is importlib.import_module("inspectkit.calibration")


class TestAgreement:
    def test_known_predictions_give_known_matrix(self) -> None:
        """Each case lands in the cell of its published row and predicted column."""
        report = run(
            {
                "c1": case("good", "good"),
                "c2": case("good", "good"),
                "c3": case("inadequate", "good"),
            },
            [
                {"id": "c1", "overall": "good"},
                {"id": "c2", "overall": "outstanding"},
                {"id": "c3", "overall": "requires_improvement"},
            ],
        )
        matrix = report.overall.matrix
        assert matrix[1] == (0, 1, 0, 0, 0)
        assert matrix[0] == (0, 1, 0, 0, 0)
        assert matrix[2] == (0, 0, 0, 1, 0)

    def test_counts_exact_and_within_one(self) -> None:
        """Exact counts equal grades and within one counts those at most one grade away."""
        report = run(
            {
                "c1": case("good", "good"),
                "c2": case("good", "good"),
                "c3": case("inadequate", "inadequate"),
            },
            [
                {"id": "c1", "overall": "good"},
                {"id": "c2", "overall": "outstanding"},
                {"id": "c3", "overall": "good"},
            ],
        )
        assert (report.overall.n, report.overall.exact, report.overall.within_one) == (3, 1, 2)

    def test_count_reads_a_cell(self) -> None:
        """Agreement.count gives the number of cases in one cell of the matrix."""
        report = run({"c1": case("good", "good")}, [{"id": "c1", "overall": "outstanding"}])
        assert report.overall.count(SCALE.find("outstanding"), SCALE.find("good")) == 1

    def test_baseline_is_the_commonest_published_grade(self) -> None:
        """The baseline answers the grade published most often and is scored the same way."""
        report = run(
            {name: case("good", "good") for name in ("c1", "c2", "c3")},
            [
                {"id": "c1", "overall": "requires_improvement"},
                {"id": "c2", "overall": "requires_improvement"},
                {"id": "c3", "overall": "outstanding"},
            ],
        )
        baseline = report.overall.baseline
        assert baseline.grade == SCALE.find("requires_improvement")
        assert (baseline.exact, baseline.within_one) == (2, 2)

    def test_baseline_tie_goes_to_the_better_grade(self) -> None:
        """Between grades published equally often the baseline takes the better one."""
        pairs = [(SCALE.find("inadequate"), None), (SCALE.find("good"), None)]
        assert agreement(FRAMEWORK, "overall", "Overall", pairs).baseline.grade == SCALE.find(
            "good"
        )

    def test_no_published_grade_gives_no_share(self) -> None:
        """A target nobody published has n 0, no shares and no baseline grade."""
        report = run({"c1": case("good", "good")}, [{"id": "c1", "overall": "good"}])
        assert report.judgements["a"].n == 0
        assert report.judgements["a"].exact_share is None
        assert report.judgements["a"].baseline.grade is None

    def test_pooled_counts_every_judgement(self) -> None:
        """The pooled agreement adds up the judgements' cases."""
        report = run(
            {"c1": case("good", "inadequate"), "c2": case("good", "good")},
            [{"id": "c1", "a": "good", "b": "good"}, {"id": "c2", "a": "good"}],
        )
        assert (report.pooled.n, report.pooled.exact) == (3, 2)
        assert report.agreement("judgements") is report.pooled


class TestMisses:
    def test_miss_names_case_grades_and_range(self) -> None:
        """A miss gives the case id, the published and predicted grades and the range."""
        report = run(
            {"c1": case("good", "requires_improvement")}, [{"id": "c1", "overall": "good"}]
        )
        (miss,) = report.misses
        assert (miss.case, miss.target) == ("c1", "overall")
        assert (miss.published.id, miss.predicted and miss.predicted.id) == (
            "good",
            "requires_improvement",
        )
        assert miss.best == miss.worst == miss.predicted
        assert miss.grades_off == -1

    def test_miss_gives_the_assessments_reasons(self) -> None:
        """A miss carries the judgement's reason and its members' reasons."""
        report = run({"c1": case("good", "good")}, [{"id": "c1", "a": "outstanding"}])
        (miss,) = report.misses
        assessment = report.case("c1").assessment
        assert miss.reasons[0] == assessment.judgements["a"].reason
        assert any(assessment.criteria["a_grade"].reason in reason for reason in miss.reasons)

    def test_ungraded_prediction_is_listed_apart_and_counted_as_a_miss(self) -> None:
        """An ungraded prediction is in n but neither exact nor within one, and listed apart."""
        report = run({"c1": case(None, "good")}, [{"id": "c1", "a": "good"}])
        assert report.misses == ()
        assert [(miss.case, miss.target) for miss in report.ungraded] == [("c1", "a")]
        figures = report.judgements["a"]
        assert (figures.n, figures.exact, figures.within_one, figures.ungraded) == (1, 0, 0, 1)
        assert figures.matrix[1][-1] == 1


class TestMatching:
    def test_outcome_without_evidence_is_reported(self) -> None:
        """An outcomes row with no evidence is listed in no_evidence."""
        report = run(
            {"c1": case("good", "good")},
            [{"id": "c1", "overall": "good"}, {"id": "c9", "overall": "good"}],
        )
        assert report.no_evidence == ("c9",)

    def test_evidence_without_outcome_is_reported(self) -> None:
        """Evidence with no row, or a row of empty cells, is listed in no_outcome."""
        report = run(
            {"c1": case("good", "good"), "c2": case("good"), "c3": case("good")},
            [{"id": "c1", "overall": "good"}, {"id": "c3", "overall": ""}],
        )
        assert report.no_outcome == ("c2", "c3")
        assert [item.id for item in report.cases] == ["c1"]

    def test_outcome_table_in_evidence_gives_grades(self) -> None:
        """Without an outcomes table, each evidence's outcome gives its published grades."""
        report = calibrate(FRAMEWORK, {"c1": case("good", "good", overall="good")})
        assert report.case("c1").published["overall"] == SCALE.find("good")

    def test_table_and_evidence_outcome_must_agree(self) -> None:
        """A grade given differently by the table and the evidence is an outcome-conflict."""
        with pytest.raises(EvidenceError) as raised:
            run(
                {"c1": case("good", "good", overall="good")},
                [{"id": "c1", "overall": "inadequate"}],
            )
        assert [issue.code for issue in raised.value.issues] == ["outcome-conflict"]

    def test_extra_columns_are_case_attributes(self) -> None:
        """Columns other than id and the targets are kept as case attributes."""
        report = run({"c1": case("good", "good")}, [{"id": "c1", "tier": "A", "overall": "good"}])
        assert report.case("c1").attributes == {"tier": "A"}

    def test_directory_cases_take_their_file_stem(self, tmp_path: Path) -> None:
        """A directory's evidence files are matched to outcomes by file stem."""
        (tmp_path / "centre-one.toml").write_text(evidence_file("good", "good"), encoding="utf-8")
        report = calibrate(
            FRAMEWORK, tmp_path, outcomes=[{"id": "centre-one", "overall": "RI"}], missing="exclude"
        )
        assert [item.id for item in report.cases] == ["centre-one"]

    def test_evidence_without_a_file_needs_an_id(self) -> None:
        """Evidence given in a list without a file to name it is a missing-id issue."""
        with pytest.raises(EvidenceError) as raised:
            calibrate(FRAMEWORK, [case("good", "good")], outcomes=[{"id": "x", "overall": "good"}])
        assert [issue.code for issue in raised.value.issues] == ["missing-id"]

    def test_every_problem_is_reported_at_once(self, tmp_path: Path) -> None:
        """A broken evidence file and a bad outcomes cell are raised together."""
        bad = tmp_path / "bad.toml"
        bad.write_text('framework = "direct"\n', encoding="utf-8")
        with pytest.raises(EvidenceError) as raised:
            calibrate(FRAMEWORK, [bad], outcomes=[{"id": "bad", "overall": "superb"}])
        codes = {issue.code for issue in raised.value.issues}
        assert {"missing-key", "unknown-grade"} <= codes

    def test_cases_of_the_wrong_type_are_a_type_error(self) -> None:
        """Cases given as a number raise a TypeError naming what is accepted."""
        with pytest.raises(TypeError, match="cases must be"):
            calibrate(FRAMEWORK, 42)

    def test_missing_policy_is_applied(self) -> None:
        """The missing-evidence policy given is the one the cases are assessed with."""
        report = calibrate(FRAMEWORK, {"c1": case("good", overall="good")}, missing="worst")
        assert report.missing.value == "worst"
        assert report.case("c1").predicted("overall") == SCALE.worst


class TestOutcomeTable:
    def test_grades_are_read_through_the_scale(self) -> None:
        """Cells may give a grade's id, label, alias or position."""
        rows = read_outcome_table([{"id": "c", "overall": "Good", "a": "RI", "b": "4"}], FRAMEWORK)
        assert dict(rows[0].grades) == {
            "overall": "good",
            "a": "requires_improvement",
            "b": "inadequate",
        }

    def test_column_may_be_a_title_in_any_case(self) -> None:
        """A grade column is found by its target's title, in any case."""
        rows = read_outcome_table([{"id": "c", "Overall Effectiveness": "good"}], FRAMEWORK)
        assert dict(rows[0].grades) == {"overall": "good"}

    def test_bad_cell_is_located(self, tmp_path: Path) -> None:
        """A cell that is not a grade is an issue at its file, row and column."""
        table = tmp_path / "outcomes.csv"
        table.write_text("id,overall\nc1,good\nc2,superb\n", encoding="utf-8")
        with pytest.raises(EvidenceError) as raised:
            read_outcome_table(table, FRAMEWORK)
        (issue,) = raised.value.issues
        assert (issue.file, issue.path, issue.code) == (
            str(table),
            "row 3, column overall",
            "unknown-grade",
        )

    def test_every_bad_cell_is_reported(self) -> None:
        """Two bad cells give two issues in one error."""
        with pytest.raises(EvidenceError) as raised:
            read_outcome_table(
                [{"id": "c1", "overall": "x"}, {"id": "c2", "overall": "y"}], FRAMEWORK
            )
        assert [issue.path for issue in raised.value.issues] == [
            "row 2, column overall",
            "row 3, column overall",
        ]

    def test_table_needs_an_id_column(self) -> None:
        """A table without an id column is a missing-column issue."""
        with pytest.raises(EvidenceError) as raised:
            read_outcome_table([{"name": "c1", "overall": "good"}], FRAMEWORK)
        assert [issue.code for issue in raised.value.issues] == ["missing-column"]

    def test_table_needs_a_grade_column(self) -> None:
        """A table with no overall or judgement column is a missing-column issue."""
        with pytest.raises(EvidenceError) as raised:
            read_outcome_table([{"id": "c1", "tier": "A"}], FRAMEWORK)
        assert [issue.code for issue in raised.value.issues] == ["missing-column"]

    def test_repeated_id_is_an_issue(self) -> None:
        """A case id given on two rows is a duplicate-id issue naming the first row."""
        with pytest.raises(EvidenceError) as raised:
            read_outcome_table([{"id": "c1", "overall": "good"}] * 2, FRAMEWORK)
        assert "row 2" in raised.value.issues[0].message

    def test_csv_with_a_byte_order_mark_is_read(self, tmp_path: Path) -> None:
        """A CSV saved with a byte order mark reads its id column."""
        table = tmp_path / "outcomes.csv"
        table.write_bytes("id,overall\nc1,good\n".encode("utf-8-sig"))
        assert read_outcome_table(table, FRAMEWORK)[0].id == "c1"

    def test_unreadable_file_is_an_evidence_error(self, tmp_path: Path) -> None:
        """A table path that does not exist raises EvidenceError."""
        with pytest.raises(EvidenceError, match="does not exist"):
            read_outcome_table(tmp_path / "none.csv", FRAMEWORK)

    def test_a_number_is_not_a_table(self) -> None:
        """Outcomes given as a number raise a TypeError."""
        with pytest.raises(TypeError, match="outcomes must be"):
            read_outcome_table(3, FRAMEWORK)


grades = st.sampled_from(list(SCALE))
pairs = st.lists(st.tuples(grades, st.one_of(st.none(), grades)), max_size=40)


class TestAgreementProperties:
    @given(pairs)
    @settings(max_examples=200)
    def test_exact_within_one_and_n_are_ordered(self, items: list) -> None:
        """Exact never exceeds within one, which never exceeds n less the ungraded."""
        found = agreement(FRAMEWORK, "overall", "Overall", items)
        assert found.exact <= found.within_one <= found.n - found.ungraded <= found.n

    @given(pairs)
    @settings(max_examples=200)
    def test_baseline_exact_is_the_commonest_share(self, items: list) -> None:
        """The baseline's exact count is the count of the commonest published grade."""
        found = agreement(FRAMEWORK, "overall", "Overall", items)
        counts = collections.Counter(published for published, _ in items)
        assert found.baseline.exact == (max(counts.values()) if counts else 0)

    @given(pairs)
    @settings(max_examples=200)
    def test_matrix_rows_count_the_published_grades(self, items: list) -> None:
        """Each matrix row adds up to the number of cases published at that grade."""
        found = agreement(FRAMEWORK, "overall", "Overall", items)
        counts = collections.Counter(published.rank for published, _ in items)
        assert [sum(row) for row in found.matrix] == [counts[rank] for rank in range(len(SCALE))]

    @given(pairs)
    @settings(max_examples=200)
    def test_matrix_diagonal_is_the_exact_count(self, items: list) -> None:
        """The matrix's diagonal adds up to the exact count."""
        found = agreement(FRAMEWORK, "overall", "Overall", items)
        assert sum(found.matrix[rank][rank] for rank in range(len(SCALE))) == found.exact


def oracle_figures(
    items: list[tuple[str | None, str | None, str]],
) -> tuple[int, int, int, collections.Counter[tuple[str, str | None]]]:
    """n, exact, within one and the (published, predicted) cells, counted without inspectkit.

    Each item is (a's grade, b's grade, published overall); the prediction is the weaker of the
    graded judgements (the direct framework's secure fit), none when neither is graded.
    """
    position = {grade: index for index, grade in enumerate(IDS)}
    exact = within = 0
    cells: collections.Counter[tuple[str, str | None]] = collections.Counter()
    for a, b, published in items:
        graded = [grade for grade in (a, b) if grade is not None]
        predicted = max(graded, key=position.__getitem__) if graded else None
        cells[(published, predicted)] += 1
        if predicted is not None:
            exact += predicted == published
            within += abs(position[predicted] - position[published]) <= 1
    return len(items), exact, within, cells


optional_grade = st.one_of(st.none(), st.sampled_from(IDS))
case_lists = st.lists(
    st.tuples(optional_grade, optional_grade, st.sampled_from(IDS)), min_size=1, max_size=12
)


class TestAgainstAnOracle:
    @given(case_lists)
    @settings(max_examples=60, deadline=None)
    def test_figures_and_matrix_match_a_count_by_hand(
        self, items: list[tuple[str | None, str | None, str]]
    ) -> None:
        """calibrate's overall figures and matrix are those counted independently per case."""
        cases = {f"c{index}": case(a, b) for index, (a, b, _) in enumerate(items)}
        rows = [
            {"id": f"c{index}", "overall": published}
            for index, (_, _, published) in enumerate(items)
        ]
        overall = run(cases, rows).overall
        n, exact, within, cells = oracle_figures(items)
        assert (overall.n, overall.exact, overall.within_one) == (n, exact, within)
        columns = [*IDS, None]
        assert {
            (IDS[row], columns[column]): count
            for row, counts in enumerate(overall.matrix)
            for column, count in enumerate(counts)
            if count
        } == dict(cells)

    def test_oracle_counts_a_known_set(self) -> None:
        """The oracle itself gives the hand-checked figures of a three-case set."""
        items = [("good", "good", "good"), ("good", None, "outstanding"), (None, None, "good")]
        n, exact, within, cells = oracle_figures(items)
        assert (n, exact, within) == (3, 1, 2)
        assert cells[("good", None)] == 1


@pytest.fixture(scope="module")
def corpus_report() -> CalibrationReport:
    """The bundled framework on the blind corpus, against its outcomes file."""
    return calibrate(
        "ofsted_childrens_centres_2014", CORPUS, outcomes=CORPUS / "outcomes.csv", missing="exclude"
    )


class TestCalibrationCorpus:
    def test_every_case_is_compared(self, corpus_report: CalibrationReport) -> None:
        """Every blind-encoded file has a published row and every row a file."""
        files = {path.stem for path in CORPUS.glob("*.toml")}
        assert {item.id for item in corpus_report.cases} == files
        assert (corpus_report.no_evidence, corpus_report.no_outcome) == ((), ())

    def test_misses_are_the_cases_assessed_alone_that_differ(
        self, corpus_report: CalibrationReport
    ) -> None:
        """The misses and ungraded predictions are where each case, assessed on its own,
        differs from its row of the outcomes file."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        expected = set()
        with (CORPUS / "outcomes.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                evidence = inspectkit.load_evidence(CORPUS / f"{row['id']}.toml")
                assessment = inspectkit.assess(framework, evidence, missing="exclude")
                for target in ("overall", "access", "quality", "leadership"):
                    grade = assessment.result(target).grade
                    if row[target] and (grade is None or grade.id != row[target]):
                        expected.add((row["id"], target))
        found = {
            (miss.case, miss.target) for miss in (*corpus_report.misses, *corpus_report.ungraded)
        }
        assert found == expected

    def test_overall_misses_are_the_corpus_strict_xfails(
        self, corpus_report: CalibrationReport
    ) -> None:
        """The cases whose overall grade is missed are test_calibration_corpus's strict xfails."""
        found = {
            miss.case
            for miss in (*corpus_report.misses, *corpus_report.ungraded)
            if miss.target == "overall"
        }
        assert found == set(MISSES)


def hostile_report() -> CalibrationReport:
    hostile = "<script>alert(1)</script>|*"
    cases = {hostile: case("good", "requires_improvement")}
    return run(
        cases,
        [
            {"id": hostile, "tier": "A", "overall": "good", "a": "good"},
            {"id": "c9", "overall": "good"},
        ],
    )


class TestRendering:
    def test_markdown_has_the_agreement_table(self) -> None:
        """The Markdown report gives each target's figures next to the baseline."""
        text = hostile_report().to_markdown()
        assert "| Judgement A | 1 | 1 (100%) | 1 (100%) | Good | 1 (100%) | 1 (100%) |" in text

    def test_markdown_escapes_case_ids(self) -> None:
        """A case id with markup is escaped in the Markdown report."""
        text = hostile_report().to_markdown()
        assert "<script" not in text
        assert "&lt;script" in text

    def test_html_page_is_balanced_and_escaped(self) -> None:
        """The HTML page closes every tag in order and shows markup in ids as text."""
        page = hostile_report().to_html()
        check_html(page)
        assert "<script>" not in page

    def test_html_fragment_is_balanced(self) -> None:
        """The notebook fragment closes every tag in order."""
        check_html(hostile_report()._repr_html_())

    def test_json_has_a_schema_version_and_sorted_keys(self) -> None:
        """The JSON carries schema_version and the same report gives the same bytes."""
        text = hostile_report().to_json()
        data = json.loads(text)
        assert data["schema_version"] == 1
        assert data["kind"] == "calibration"
        assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)

    def test_json_matrix_names_its_axes(self) -> None:
        """The JSON matrix lists the published and predicted grades, not graded last."""
        matrix = hostile_report().to_dict()["overall"]["matrix"]
        assert matrix["published"] == list(IDS)
        assert matrix["predicted"] == [*IDS, None]

    def test_records_have_one_row_per_published_grade(self) -> None:
        """Records give one row per case and published target, attributes included."""
        records = hostile_report().to_records()
        assert [(record["target"], record["tier"]) for record in records] == [
            ("overall", "A"),
            ("a", "A"),
        ]

    def test_csv_has_a_header_without_rows(self) -> None:
        """An empty report's CSV still has its header."""
        report = run({"c1": case("good")}, [{"id": "c9", "overall": "good"}])
        assert report.to_csv().splitlines()[0].startswith("case,unit,target,published")

    def test_text_gives_the_figures(self) -> None:
        """The text summary gives the overall figures and the baseline."""
        text = hostile_report().to_text()
        assert "Overall effectiveness" in text
        assert "1 (100%) exact" in text

    def test_dataframe_has_the_record_columns(self) -> None:
        """The DataFrame has the records' columns."""
        pytest.importorskip("pandas")
        frame = hostile_report().to_dataframe()
        assert list(frame.columns)[:3] == ["case", "unit", "tier"]


OUTCOME_FILE = """\
framework = "ofsted_childrens_centres_2014"
unit = "Riverside"

[evidence]
registration_under5 = "most"
sustained_contact_target = "a large majority"

[outcome]
overall = "Good"
access = "RI"
quality = 2
leadership = ""
"""


class TestOutcomeInEvidence:
    def test_grades_are_read_through_the_scale(self) -> None:
        """[outcome] gives grade ids from labels, aliases and positions; empty is left out."""
        evidence = inspectkit.loads_evidence(OUTCOME_FILE)
        assert dict(evidence.outcome) == {
            "overall": "good",
            "access": "requires_improvement",
            "quality": "good",
        }

    def test_unknown_target_is_located_with_a_hint(self) -> None:
        """A key that is not overall or a judgement id is an unknown-key with a suggestion."""
        text = OUTCOME_FILE.replace("access =", "acess =")
        with pytest.raises(EvidenceError) as raised:
            inspectkit.loads_evidence(text)
        (issue,) = raised.value.issues
        assert (issue.path, issue.code, issue.line) == ("outcome.acess", "unknown-key", 10)
        assert issue.hint is not None
        assert "access" in issue.hint

    def test_bad_grade_is_an_issue(self) -> None:
        """A value that is not a grade is an unknown-grade at its key."""
        with pytest.raises(EvidenceError) as raised:
            inspectkit.loads_evidence(OUTCOME_FILE.replace('"Good"', '"superb"'))
        assert [(issue.path, issue.code) for issue in raised.value.issues] == [
            ("outcome.overall", "unknown-grade")
        ]

    def test_outcome_must_be_a_table(self) -> None:
        """An outcome that is not a table is a wrong-type issue."""
        text = OUTCOME_FILE.split("[outcome]", maxsplit=1)[0].replace(
            'unit = "Riverside"', 'unit = "Riverside"\noutcome = "good"'
        )
        with pytest.raises(EvidenceError) as raised:
            inspectkit.loads_evidence(text)
        assert [issue.code for issue in raised.value.issues] == ["wrong-type"]

    def test_outcome_never_feeds_the_assessment(self) -> None:
        """The same evidence with and without [outcome] gets the same grades and reasons."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        with_outcome = inspectkit.loads_evidence(OUTCOME_FILE)
        without = inspectkit.loads_evidence(OUTCOME_FILE.split("[outcome]", maxsplit=1)[0])
        assert (
            inspectkit.assess(framework, with_outcome).to_dict()
            == inspectkit.assess(framework, without).to_dict()
        )

    def test_calibrate_reads_outcome_from_files(self, tmp_path: Path) -> None:
        """Without an outcomes table, calibrate takes the published grades from [outcome]."""
        (tmp_path / "riverside.toml").write_text(OUTCOME_FILE, encoding="utf-8")
        report = calibrate("ofsted_childrens_centres_2014", tmp_path, missing="exclude")
        assert report.case("riverside").published["access"].id == "requires_improvement"
        assert report.overall.n == 1

    def test_schema_accepts_an_outcome(self) -> None:
        """The framework's evidence schema accepts an [outcome] of grade names."""
        document = tomli.loads(OUTCOME_FILE)
        assert validate(document, inspectkit.evidence_schema("ofsted_childrens_centres_2014")) == []

    def test_schema_refuses_an_unknown_outcome_key(self) -> None:
        """The framework's evidence schema refuses an [outcome] key that is not a target."""
        document = tomli.loads(OUTCOME_FILE.replace("access =", "acess ="))
        assert validate(document, inspectkit.evidence_schema("ofsted_childrens_centres_2014")) != []


DIRECT_TOML = """\
id = "direct"
title = "Direct grades"
version = "1"

[[grades]]
id = "outstanding"
label = "Outstanding"

[[grades]]
id = "good"
label = "Good"

[[grades]]
id = "requires_improvement"
label = "Requires improvement"
aliases = ["RI"]

[[grades]]
id = "inadequate"
label = "Inadequate"

[[judgements]]
id = "a"
title = "Judgement A"
aggregation = { method = "secure_fit", provenance = { basis = "modelled" } }
criteria = [{ id = "a_grade", title = "a grade", measure = "rating" }]

[[judgements]]
id = "b"
title = "Judgement B"
aggregation = { method = "secure_fit", provenance = { basis = "modelled" } }
criteria = [{ id = "b_grade", title = "b grade", measure = "rating" }]

[overall]
method = "secure_fit"
provenance = { basis = "modelled" }
"""

# Case one is predicted good (good, good), case two requires improvement (good, RI), so overall
# exact agreement with these published grades is 1 of 2.
CLI_OUTCOMES = """\
id,tier,overall,a,b
one,A,good,good,good
two,A,good,good,requires_improvement
"""


class TestCommandLine:
    @pytest.fixture
    def cases_dir(self, tmp_path: Path) -> Path:
        """A directory of two evidence files for the direct framework, and their outcomes."""
        (tmp_path / "cases").mkdir()
        (tmp_path / "direct.toml").write_text(DIRECT_TOML, encoding="utf-8")
        (tmp_path / "cases" / "one.toml").write_text(evidence_file("good", "good"), "utf-8")
        (tmp_path / "cases" / "two.toml").write_text(evidence_file("good", "RI"), "utf-8")
        (tmp_path / "outcomes.csv").write_text(CLI_OUTCOMES, encoding="utf-8")
        return tmp_path

    def _run(self, cases_dir: Path, *extra: str) -> int:
        return main(
            [
                "calibrate",
                "--framework",
                str(cases_dir / "direct.toml"),
                "--outcomes",
                str(cases_dir / "outcomes.csv"),
                "--missing",
                "exclude",
                str(cases_dir / "cases"),
                *extra,
            ]
        )

    def test_directory_is_calibrated_with_exit_0(
        self, cases_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A directory argument calibrates its files and prints the figures."""
        assert self._run(cases_dir) == 0
        assert "2 cases compared" in capsys.readouterr().out

    def test_json_format_is_the_report_data(
        self, cases_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-f json prints the report's JSON."""
        assert self._run(cases_dir, "-f", "json") == 0
        assert json.loads(capsys.readouterr().out)["overall"]["n"] == 2

    def test_output_file_takes_its_format_from_the_extension(self, cases_dir: Path) -> None:
        """-o report.html writes a balanced HTML page."""
        target = cases_dir / "report.html"
        assert self._run(cases_dir, "-o", str(target)) == 0
        check_html(target.read_text(encoding="utf-8"))

    def test_fail_under_exact_exits_3_below_the_share(self, cases_dir: Path) -> None:
        """Overall exact agreement (1 of 2) below --fail-under-exact exits 3."""
        assert self._run(cases_dir, "--fail-under-exact", "80%") == 3

    def test_fail_under_exact_met_exits_0(self, cases_dir: Path) -> None:
        """Overall exact agreement (1 of 2) at or above --fail-under-exact exits 0."""
        assert self._run(cases_dir, "--fail-under-exact", "0.5") == 0

    def test_bad_share_is_a_usage_error(self, cases_dir: Path) -> None:
        """A --fail-under-exact that is not a share exits 2."""
        assert self._run(cases_dir, "--fail-under-exact", "lots") == 2

    def test_bad_outcome_cell_exits_1_with_its_place(
        self, cases_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An outcomes cell that is not a grade exits 1 naming its row and column."""
        (cases_dir / "outcomes.csv").write_text(
            CLI_OUTCOMES.replace("one,A,good", "one,A,goood"), "utf-8"
        )
        assert self._run(cases_dir) == 1
        assert "row 2, column overall" in capsys.readouterr().err

    def test_standard_input_is_refused_as_evidence(self, cases_dir: Path) -> None:
        """'-' as EVIDENCE is a usage error: a case's id is its file name."""
        assert self._run(cases_dir, "-") == 2


class TestChildrensCentresOutcomes:
    def test_every_cell_is_a_grade_of_the_framework(self) -> None:
        """The corpus outcomes table reads against the Ofsted framework without a problem."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        rows = read_outcome_table(CORPUS / "outcomes.csv", framework)
        assert len(rows) == 32

    def test_every_row_has_a_tier_and_an_overall_grade(self) -> None:
        """Each row is tier A, B or C and gives the overall grade."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        rows = read_outcome_table(CORPUS / "outcomes.csv", framework)
        assert {row.attributes["tier"] for row in rows} == {"A", "B", "C"}
        assert all("overall" in row.grades for row in rows)

    def test_rows_without_evidence_are_listed(self) -> None:
        """Calibrating the corpus lists every row that has no evidence file yet."""
        report = calibrate(
            "ofsted_childrens_centres_2014",
            CORPUS,
            outcomes=CORPUS / "outcomes.csv",
            missing="exclude",
        )
        cases = {item.id for item in report.cases}
        assert len(cases) + len(report.no_evidence) == 32


class TestCalibrationSchema:
    def test_report_json_validates(self, corpus_report: CalibrationReport) -> None:
        """A calibration report's JSON validates against the calibration schema."""
        data = json.loads(corpus_report.to_json())
        assert validate(data, calibration_schema()) == []

    def test_extra_key_is_refused(self) -> None:
        """The schema refuses a key the layout does not have."""
        data = json.loads(hostile_report().to_json())
        data["overall"]["surprise"] = 1
        assert validate(data, calibration_schema()) != []

    def test_schema_pins_the_layout_version(self) -> None:
        """The schema accepts only the schema_version render._data writes."""
        assert calibration_schema()["properties"]["schema_version"] == {"const": 1}

    def test_schema_command_serves_it(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``inspectkit schema calibration`` prints the calibration schema."""
        assert main(["schema", "calibration"]) == 0
        assert json.loads(capsys.readouterr().out) == calibration_schema()
