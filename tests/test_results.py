"""The result models: one Movement, one gap definition, and the package's public names."""

from __future__ import annotations

import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import example_framework
from inspectkit import Assessment, Counts, Entry, Evidence
from strategies import evidence_for, frameworks


def _riverside_like() -> Assessment:
    """A unit of the documentation's example framework that is Requires improvement."""
    framework = example_framework()
    evidence = Evidence(
        framework.id,
        "Example centre",
        {
            "registration_rate": Entry("registration_rate", 406 / 700, counts=Counts(406, 700)),
            "gld_gap": Entry("gld_gap", 15.0),
            "supervision_checks_case_files": Entry("supervision_checks_case_files", False),
            "board_challenge": Entry("board_challenge", "good"),
        },
    )
    return inspectkit.assess(framework, evidence)


class TestWhatIfAgreesWithComparison:
    """A what-if and a comparison of the same two assessments tell one story."""

    def test_lift_to_target_closes_the_same_gaps(self) -> None:
        """Reaching the target closes the same gaps in the what-if and in the comparison."""
        before = _riverside_like()
        result = before.what_if(before.lift_plan().entries())
        assert result.after.grade is not None
        assert result.after.grade.at_least(result.target)
        comparison = inspectkit.compare(before, result.after, target=result.target)
        assert result.gaps_closed != ()
        assert comparison.gaps_closed == result.gaps_closed
        assert comparison.gaps_opened == result.gaps_opened

    def test_a_reached_target_leaves_no_gap_open(self) -> None:
        """Once the unit reaches the target, the comparison counts no gap to it as open."""
        before = _riverside_like()
        after = before.what_if(before.lift_plan("good").entries()).after
        comparison = inspectkit.compare(before, after, target=before.framework.grade("good"))
        assert after.gaps("good") == ()
        assert comparison.gaps_open == ()

    def test_movements_are_the_comparison_s(self) -> None:
        """Every what-if movement is the comparison's movement for the same result."""
        before = _riverside_like()
        result = before.what_if({"supervision_checks_case_files": True})
        comparison = inspectkit.compare(before, result.after)
        by_id = {(m.kind, m.id): m for m in comparison.movements()}
        assert result.moved
        for movement in result.moved:
            assert by_id[movement.kind, movement.id] == movement

    @settings(max_examples=30, deadline=None)
    @given(
        frameworks().flatmap(
            lambda fw: st.tuples(st.just(fw), evidence_for(fw, absent=False), evidence_for(fw))
        )
    )
    def test_any_change_agrees(self, case: tuple[inspectkit.Framework, Evidence, Evidence]) -> None:
        """Any what-if closes and opens the same gaps as the comparison of its two assessments."""
        framework, evidence, other = case
        before = inspectkit.assess(framework, evidence)
        result = before.what_if(dict(other.entries))
        comparison = inspectkit.compare(before, result.after, target=result.target)
        assert (comparison.gaps_closed, comparison.gaps_opened) == (
            result.gaps_closed,
            result.gaps_opened,
        )


class TestMovement:
    """One Movement class, with one set of direction words."""

    def test_what_if_and_progress_share_the_class(self) -> None:
        """`inspectkit.Movement` is what both a what-if and a comparison hold."""
        before = _riverside_like()
        result = before.what_if({"supervision_checks_case_files": True})
        assert all(type(m) is inspectkit.Movement for m in result.moved)
        comparison = inspectkit.compare(before, result.after)
        assert type(comparison.overall) is inspectkit.Movement

    def test_direction_words(self) -> None:
        """A grade that rose is ``improved``; the mirror of it is ``declined``."""
        before = _riverside_like()
        overall = before.what_if(before.lift_plan().entries()).overall
        assert overall is not None
        assert (overall.direction, overall.mirror().direction) == ("improved", "declined")

    def test_str_names_both_grades(self) -> None:
        """A movement prints as ``id: before -> after``."""
        before = _riverside_like()
        overall = before.what_if(before.lift_plan().entries()).overall
        assert str(overall) == "overall: Requires improvement -> Good"


class TestTimeline:
    """A timeline holds its first-to-last comparison."""

    def test_overall_compares_first_with_last(self) -> None:
        """`Timeline.overall()` is the comparison of the first assessment with the last."""
        before = _riverside_like()
        after = before.what_if({"supervision_checks_case_files": True}).after
        line = inspectkit.timeline([before, after])
        overall = line.overall()
        assert overall is not None
        assert overall == inspectkit.compare(before, after, target=line.target)

    def test_one_assessment_has_no_overall(self) -> None:
        """A timeline of one assessment has no first-to-last comparison."""
        assert inspectkit.timeline([_riverside_like()]).overall() is None


class TestPublicNames:
    """The package's namespace is its public API and nothing else."""

    def test_no_stray_names(self) -> None:
        """Every public name of the package is in ``__all__``; the rest are submodules."""
        stray = {
            name
            for name in set(dir(inspectkit)) - set(inspectkit.__all__)
            if not (name.startswith("__") and name.endswith("__"))
            and not isinstance(getattr(inspectkit, name), types.ModuleType)
        }
        assert stray == set()

    def test_all_names_resolve(self) -> None:
        """Every name in ``__all__`` is an attribute of the package."""
        assert [name for name in inspectkit.__all__ if not hasattr(inspectkit, name)] == []

    def test_result_types_are_exported(self) -> None:
        """The result types users meet are importable from the package."""
        for name in (
            "Status",
            "FiredCap",
            "MissingPolicy",
            "GroupMethod",
            "GroupGrade",
            "Inconsistency",
            "FrameworkChange",
            "AssessmentTable",
            "assess_table",
        ):
            assert name in inspectkit.__all__


def _table() -> inspectkit.AssessmentTable:
    """Two units of the example framework, the second with no evidence (so no grade)."""
    return inspectkit.assess_table(
        example_framework(),
        [{"unit": "A", "registration_rate": "70%"}, {"unit": "B"}],
        missing="exclude",
    )


class TestAssessmentTable:
    """`AssessmentTable` is a result model: one row per unit, in input order."""

    def test_lives_with_the_result_models(self) -> None:
        """`assess_table` builds the `AssessmentTable` that `inspectkit.results` gives."""
        table = _table()
        assert type(table) is inspectkit.AssessmentTable
        assert inspectkit.AssessmentTable is inspectkit.results.AssessmentTable
        assert [a.evidence.unit for a in table] == ["A", "B"]

    def test_repr_names_the_framework_and_size(self) -> None:
        """The repr gives the framework id and the number of units."""
        table = _table()
        assert repr(table) == f"<AssessmentTable framework={table.framework.id!r} units=2>"
        assert len(table) == 2

    def test_grade_counts_leave_out_ungraded_units(self) -> None:
        """A unit with no grade is in no count; the counts sum to the graded units."""
        table = _table()
        counts = table.grade_counts()
        assert list(counts) == list(table.framework.scale.ids)
        assert sum(counts.values()) == 1

    def test_notebook_displays_are_the_reports(self) -> None:
        """The notebook displays are `to_markdown` and `to_html`."""
        table = _table()
        assert table._repr_markdown_() == table.to_markdown()
        assert table._repr_html_() == table.to_html()

    def test_csv_has_a_row_per_unit(self) -> None:
        """The CSV has a header of the table's fields and one line per unit."""
        table = _table()
        lines = table.to_csv().splitlines()
        assert lines[0].split(",") == list(table.fields)
        assert len(lines) == 3

    def test_dataframe_matches_the_records(self) -> None:
        """The DataFrame has the table's columns and one row per unit."""
        pytest.importorskip("pandas")
        frame = _table().to_dataframe()
        assert list(frame.columns) == list(_table().fields)
        assert len(frame) == 2

    def test_dataframe_without_pandas_says_what_to_install(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pandas, `to_dataframe` raises an ImportError naming the extra to install."""
        import sys

        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"inspectkit\[pandas\]"):
            _table().to_dataframe()
