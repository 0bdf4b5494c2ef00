"""Errors gathered from many inputs (rows, cases, members) list 100 problems and count them all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import inspectkit
from inspectkit.batch import iter_assessments
from inspectkit.errors import ComparisonError, EvidenceError, Issue
from inspectkit.loading._issues import MAX_ISSUES, IssueCollector, capped, more_count

OFSTED = "ofsted_childrens_centres_2014"
CENTRES = Path("examples/borough-centres.csv")
HEAD = f'framework = "{OFSTED}"\nunit = "Centre"\n'


def bad_evidence(path: Path, problems: int) -> Path:
    """Write an evidence file with *problems* unknown criteria to *path*; return it."""
    keys = "".join(f"unknown_{n} = 1\n" for n in range(problems))
    path.write_text(HEAD + "[evidence]\n" + keys, encoding="utf-8")
    return path


def the_more(error: EvidenceError | ComparisonError) -> str:
    """The message of the error's last issue, which counts the problems not listed."""
    assert len(error.issues) == MAX_ISSUES + 1
    assert error.issues[-1].code == "too-many-issues"
    return error.issues[-1].message


class TestCollectorExtend:
    def test_a_capped_error_is_counted_whole(self) -> None:
        """Extending with a capped error's issues counts the problems its cap left out."""
        inner = capped([Issue("", "x", f"p{n}") for n in range(150)])
        collector = IssueCollector()
        collector.extend(inner)
        collector.extend(inner)
        assert len(collector) == 300
        assert collector.listed()[-1].message == "and 200 more problems, not listed"

    def test_more_count_reads_what_capped_writes(self) -> None:
        """The too-many-issues issue of capped is read back as the count it gives."""
        (*_, last) = capped([Issue("", "x", "p")] * (MAX_ISSUES + 1))
        assert more_count(last) == 1
        assert more_count(Issue("", "x", "and 5 more problems, not listed")) is None


class TestBatch:
    def test_a_bad_column_in_many_rows_lists_100(self) -> None:
        """150 rows lacking a criterion under missing=error list 100 problems and count 150."""
        with CENTRES.open(encoding="utf-8", newline="") as source:
            complete = next(dict(row) for row in csv.DictReader(source) if all(row.values()))
        rows = [{**complete, "unit": f"U{n}", "sustained_contact": ""} for n in range(150)]
        with pytest.raises(EvidenceError) as raised:
            list(iter_assessments(OFSTED, rows, missing="error"))
        assert the_more(raised.value) == "and 50 more problems, not listed"
        assert "150 problems" in raised.value.summary


class TestCalibrate:
    def test_many_missing_cases_list_100(self, tmp_path: Path) -> None:
        """150 case files that do not exist list 100 problems and count 150."""
        cases = {f"c{n}": tmp_path / f"c{n}.toml" for n in range(150)}
        with pytest.raises(EvidenceError) as raised:
            inspectkit.calibrate(OFSTED, cases)
        assert the_more(raised.value) == "and 50 more problems, not listed"
        assert "150 problems" in raised.value.summary

    def test_capped_case_errors_are_counted_whole(self, tmp_path: Path) -> None:
        """Two case files of 150 problems each count 300, not the 202 issues their errors list."""
        cases = [bad_evidence(tmp_path / f"c{n}.toml", 150) for n in range(2)]
        with pytest.raises(EvidenceError) as raised:
            inspectkit.calibrate(OFSTED, cases)
        assert the_more(raised.value) == "and 200 more problems, not listed"
        assert "300 problems" in raised.value.summary


class TestGroups:
    def test_capped_member_errors_are_counted_whole(self, tmp_path: Path) -> None:
        """A group file whose two members have 150 problems each counts 300."""
        for n in range(2):
            bad_evidence(tmp_path / f"m{n}.toml", 150)
        group = tmp_path / "group.toml"
        group.write_text(
            f'framework = "{OFSTED}"\nunit = "G"\nmembers = ["m0.toml", "m1.toml"]\n',
            encoding="utf-8",
        )
        with pytest.raises(EvidenceError) as raised:
            inspectkit.load_group(group)
        assert the_more(raised.value) == "and 200 more problems, not listed"
        assert "300 problems" in raised.value.summary

    def test_many_members_of_another_framework_list_100(self) -> None:
        """150 members assessed under another framework list 100 problems and count the rest."""
        other = inspectkit.loads_framework(f'extends = "{OFSTED}"\nid = "other"\n')
        members = [
            inspectkit.assess(
                other,
                inspectkit.loads_evidence(f'framework = "other"\nunit = "U{n}"\n', framework=other),
            )
            for n in range(150)
        ]
        with pytest.raises(ComparisonError) as raised:
            inspectkit.assess_group(OFSTED, members)
        assert the_more(raised.value) == "and 50 more problems, not listed"
