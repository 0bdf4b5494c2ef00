"""Regression tests for the loaders: group files read their keys as evidence files do, documents
nested too deeply are clean located errors everywhere, and every door reads values one way."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit import EvidenceError, FrameworkError
from inspectkit.cli import EXIT_BAD_INPUT, main
from inspectkit.rubric import Framework

ROOT = Path(__file__).parent.parent
OFSTED = "ofsted_childrens_centres_2014"
OFSTED_FRAMEWORK = inspectkit.load_framework(OFSTED)
DEPTH = 5000


def _group(framework: Framework, header: str) -> str:
    return (
        f'framework = "{framework.id}"\nunit = "Cluster"\n{header}\n'
        '[[members]]\nunit = "North"\n[members.evidence]\nregistration_rate = 0.7\n'
    )


def _codes(error: pytest.ExceptionInfo[EvidenceError]) -> list[tuple[str, str]]:
    return [(issue.path, issue.code) for issue in error.value.issues]


class TestGroupFileKeys:
    def test_kind_of_the_wrong_type_is_refused(self, example_framework: Framework) -> None:
        """A group file with ``kind = 42`` raises a wrong-type issue at ``kind``."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(
                _group(example_framework, "kind = 42"), framework=example_framework
            )
        assert _codes(error) == [("kind", "wrong-type")]

    def test_framework_version_array_is_refused(self, example_framework: Framework) -> None:
        """A group file with an array for ``framework_version`` raises a wrong-type issue."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(
                _group(example_framework, "framework_version = [1]"), framework=example_framework
            )
        assert _codes(error) == [("framework_version", "wrong-type")]

    def test_refused_keys_are_located(self, example_framework: Framework) -> None:
        """The issue for a refused group key carries the line of that key."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(
                _group(example_framework, "kind = 42"), framework=example_framework
            )
        assert [issue.line for issue in error.value.issues] == [3]

    def test_valid_keys_are_kept(self, example_framework: Framework) -> None:
        """A group file's ``kind`` and ``framework_version`` are kept on the GroupEvidence."""
        group = inspectkit.loads_group(
            _group(example_framework, 'kind = "cluster"\nframework_version = "2014"'),
            framework=example_framework,
        )
        assert (group.kind, group.framework_version) == ("cluster", "2014")

    def test_member_tables_are_read_as_evidence_files(self, example_framework: Framework) -> None:
        """A member table's ``kind`` is read as an evidence file's, at its path in the group."""
        text = _group(example_framework, "").replace('unit = "North"', 'unit = "North"\nkind = 1')
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(text, framework=example_framework)
        assert _codes(error) == [("members[0].kind", "wrong-type")]

    def test_parse_group_refuses_the_same_keys(self, example_framework: Framework) -> None:
        """parse_group refuses a mapping's ``kind = 42`` as loads_group refuses the file's."""
        mapping = {
            "framework": example_framework.id,
            "unit": "Cluster",
            "kind": 42,
            "members": [{"unit": "North", "evidence": {}}],
        }
        with pytest.raises(EvidenceError) as error:
            inspectkit.parse_group(mapping, framework=example_framework)
        assert _codes(error) == [("kind", "wrong-type")]


def _deep_file(tmp_path: Path, name: str, *, group: bool = False) -> Path:
    tail = 'members = ["a.toml"]\n' if group else ""
    path = tmp_path / name
    path.write_text(
        f'framework = "{OFSTED}"\nunit = "Deep"\n{tail}x = ' + "[" * DEPTH + "]" * DEPTH + "\n",
        encoding="utf-8",
    )
    return path


class TestDeepNestingApi:
    def test_load_evidence_reports_too_deep_at_its_line(self, tmp_path: Path) -> None:
        """load_evidence on a file nested 5,000 levels raises too-deep at the deep line."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence(_deep_file(tmp_path, "deep.toml"))
        assert [(issue.code, issue.line) for issue in error.value.issues] == [("too-deep", 3)]

    def test_load_group_reports_too_deep_at_its_line(self, tmp_path: Path) -> None:
        """load_group on a group file nested 5,000 levels raises too-deep at the deep line."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_group(_deep_file(tmp_path, "deep.toml", group=True))
        assert [(issue.code, issue.line) for issue in error.value.issues] == [("too-deep", 4)]

    def test_framework_files_report_too_deep_at_its_line(self) -> None:
        """loads_framework on text nested 5,000 levels raises too-deep at the deep line."""
        with pytest.raises(FrameworkError) as error:
            inspectkit.loads_framework('id = "x"\nx = ' + "{a = " * DEPTH + "1" + "}" * DEPTH)
        assert [(issue.code, issue.line) for issue in error.value.issues] == [("too-deep", 2)]

    def test_dotted_keys_report_too_deep(self) -> None:
        """A key of 5,000 dotted parts is a too-deep issue at its line, not a RecursionError."""
        text = f'framework = "{OFSTED}"\nunit = "x"\n[evidence.' + ".".join(["a"] * DEPTH) + "]\n"
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_evidence(text)
        assert [(issue.code, issue.line) for issue in error.value.issues] == [("too-deep", 3)]


class TestDeepNestingCli:
    @pytest.mark.parametrize("command", ["assess", "group", "compare", "timeline"])
    def test_commands_exit_1_with_a_located_error(
        self, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each evidence command on a file nested 5,000 levels exits 1 naming file and line."""
        path = str(_deep_file(tmp_path, "deep.toml"))
        args = [command, path, path] if command == "compare" else [command, path]
        assert main(args) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert f"{path}:3: tables or arrays nest more than 32 levels deep [too-deep]" in err

    def test_assess_prints_no_traceback(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``inspectkit assess`` on a deep file prints no RecursionError traceback."""
        main(["assess", str(_deep_file(tmp_path, "deep.toml"))])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out


def _golden_codes(folder: str) -> set[str]:
    codes = set()
    for path in (ROOT / "tests" / folder).glob("*.errors.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.endswith("]") and " [" in line:
                codes.add(line.rsplit("[", 1)[1][:-1])
    return codes


class TestEvidenceCodes:
    def test_docs_list_exactly_the_codes(self) -> None:
        """The table of docs/evidence-format.md lists exactly the codes of EVIDENCE_CODES."""
        docs = (ROOT / "docs" / "evidence-format.md").read_text(encoding="utf-8")
        table = docs.split("## What is refused", 1)[1].split("\n## ", 1)[0]
        listed = {
            code.strip("` ")
            for line in table.splitlines()
            if line.startswith("| `")
            for code in line.split("|")[1].split(",")
        }
        assert listed == set(inspectkit.loading.EVIDENCE_CODES)

    @pytest.mark.parametrize(
        "folder",
        ["invalid-evidence", "invalid-groups", "invalid-evidence-bundled", "invalid-tables"],
    )
    def test_golden_codes_are_listed(self, folder: str) -> None:
        """Every code in the evidence, group and table golden files is one of EVIDENCE_CODES."""
        assert _golden_codes(folder) - set(inspectkit.loading.EVIDENCE_CODES) == set()

    def test_one_code_for_a_number_that_is_not_finite(self) -> None:
        """Framework and evidence loaders both call NaN and infinity ``not-finite``."""
        assert "not-finite" in inspectkit.loading.CODES
        assert "not-finite" in inspectkit.loading.EVIDENCE_CODES
        assert "non-finite" not in {*inspectkit.loading.CODES, *inspectkit.loading.EVIDENCE_CODES}


class TestOneValueReader:
    @pytest.mark.parametrize(
        ("criterion", "text"),
        [
            ("registration_under5", "72%"),
            ("registration_under5", "412/702"),
            ("registration_under5", "0.6..0.7"),
            ("registration_under5", "n/a"),
        ],
    )
    def test_cells_read_as_set_text(self, criterion: str, text: str) -> None:
        """A table cell gives the entry ``--set`` gives for the same text."""
        framework = inspectkit.load_framework(OFSTED)
        (evidence,) = inspectkit.load_evidence_table([{"unit": "A", criterion: text}], framework)
        assert evidence.entries[criterion] == inspectkit.parse_cli_value(framework, criterion, text)

    def test_cells_refuse_what_set_refuses(self) -> None:
        """A cell refused as text is refused with the code ``--set`` reports for it."""
        framework = inspectkit.load_framework(OFSTED)
        with pytest.raises(EvidenceError) as by_set:
            inspectkit.parse_cli_value(framework, "registration_under5", "175%")
        with pytest.raises(EvidenceError) as by_cell:
            inspectkit.load_evidence_table(
                [{"unit": "A", "registration_under5": "175%"}], framework
            )
        assert [i.code for i in by_cell.value.issues] == [i.code for i in by_set.value.issues]

    @given(
        criterion=st.sampled_from(
            ["registration_under5", "gld_gap_fsm", "advisory_board_challenge", "live_birth_data"]
        ),
        text=st.text(alphabet="0123456789./%-anyesgodRI ", min_size=1, max_size=8),
    )
    def test_any_cell_reads_as_its_set_text(self, criterion: str, text: str) -> None:
        """Any cell text gives the entry, or the issue codes, that ``--set`` gives for it."""
        framework = OFSTED_FRAMEWORK
        try:
            expected: object = inspectkit.parse_cli_value(framework, criterion, text.strip())
        except EvidenceError as error:
            expected = [issue.code for issue in error.issues]
        try:
            (evidence,) = inspectkit.load_evidence_table(
                [{"unit": "A", criterion: text}], framework
            )
            got: object = evidence.entries.get(criterion)
        except EvidenceError as error:
            got = [issue.code for issue in error.issues]
        if not text.strip():
            assert got is None  # an empty cell is absent
        else:
            assert got == expected

    @pytest.mark.parametrize("text", ["20260930", "2026-W40-3", "30/09/2026"])
    def test_table_dates_are_iso_dates_only(self, text: str) -> None:
        """A ``date`` cell that is not ``YYYY-MM-DD`` is a bad-date, as in evidence files."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table([{"unit": "A", "date": text}], OFSTED)
        assert [(i.path, i.code) for i in error.value.issues] == [
            ("row 2, column date", "bad-date")
        ]

    def test_unreadable_table_is_an_issue(self, tmp_path: Path) -> None:
        """A table path that is a directory gives an ``unreadable`` issue naming the file."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table(tmp_path, OFSTED)
        assert [(i.code, i.file) for i in error.value.issues] == [("unreadable", str(tmp_path))]


class TestByteOrderMark:
    def test_framework_with_a_bom_loads(self, tmp_path: Path) -> None:
        """A framework file saved with a UTF-8 byte-order mark loads like one without."""
        source = (ROOT / "frameworks" / f"{OFSTED}.toml").read_bytes()
        path = tmp_path / f"{OFSTED}.toml"
        path.write_bytes(b"\xef\xbb\xbf" + source)
        assert inspectkit.load_framework(path) == inspectkit.load_framework(OFSTED)

    def test_framework_text_with_a_bom_loads(self) -> None:
        """loads_framework accepts text that starts with a byte-order mark."""
        source = (ROOT / "frameworks" / f"{OFSTED}.toml").read_text(encoding="utf-8")
        assert inspectkit.loads_framework("\ufeff" + source).id == OFSTED


class TestGroupRefusals:
    @pytest.mark.parametrize(
        ("members", "expected"),
        [
            ('members = "north.toml"', [("members", "wrong-type")]),
            ("members = []", [("members", "too-few")]),
            ("members = [42]", [("members[0]", "wrong-type")]),
        ],
    )
    def test_members_of_the_wrong_shape(
        self, example_framework: Framework, members: str, expected: list[tuple[str, str]]
    ) -> None:
        """A ``members`` that is not a non-empty array of paths or tables is located."""
        text = f'framework = "{example_framework.id}"\nunit = "Cluster"\n{members}\n'
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(text, framework=example_framework)
        assert _codes(error) == expected

    def test_a_rule_that_is_not_a_string(self, example_framework: Framework) -> None:
        """A ``rule`` that is not a string is a wrong-type issue at ``rule``."""
        text = _group(example_framework, "rule = 1")
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(text, framework=example_framework)
        assert _codes(error) == [("rule", "wrong-type")]

    def test_members_with_one_unit_name(self, example_framework: Framework) -> None:
        """Two member tables with the same ``unit`` are a duplicate-member at the second."""
        member = '[[members]]\nunit = "North"\n[members.evidence]\nregistration_rate = 0.7\n'
        text = _group(example_framework, "") + member
        with pytest.raises(EvidenceError) as error:
            inspectkit.loads_group(text, framework=example_framework)
        assert _codes(error) == [("members[1].unit", "duplicate-member")]

    def test_a_mapping_that_is_not_a_table(self, example_framework: Framework) -> None:
        """parse_group given a list raises a wrong-type EvidenceError, not an AttributeError."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.parse_group([1, 2], framework=example_framework)  # type: ignore[arg-type]
        assert _codes(error) == [("", "wrong-type")]


class TestTableDates:
    @pytest.mark.parametrize(
        "given",
        [datetime.date(2026, 9, 30), datetime.datetime(2026, 9, 30), " 2026-09-30 "],
        ids=["date", "midnight-timestamp", "text"],
    )
    def test_dates_read_from_cells(self, given: object) -> None:
        """A date cell may be a date, a DataFrame's midnight timestamp or ISO text."""
        (evidence,) = inspectkit.load_evidence_table([{"unit": "A", "date": given}], OFSTED)
        assert evidence.date == datetime.date(2026, 9, 30)

    def test_an_impossible_date_is_refused(self) -> None:
        """A cell shaped like an ISO date that names no day (2026-02-30) is a bad-date."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table([{"unit": "A", "date": "2026-02-30"}], OFSTED)
        assert [issue.code for issue in error.value.issues] == ["bad-date"]

    def test_a_table_that_is_not_utf8(self, tmp_path: Path) -> None:
        """A CSV file that is not UTF-8 gives a not-utf8 issue naming the file."""
        path = tmp_path / "centres.csv"
        path.write_bytes(b"unit\nCaf\xe9\n")
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table(path, OFSTED)
        assert [(i.code, i.file) for i in error.value.issues] == [("not-utf8", str(path))]


class TestWrongTypes:
    @pytest.mark.parametrize(
        "function", [inspectkit.loads_evidence, inspectkit.loads_framework, inspectkit.loads_group]
    )
    def test_text_loaders_name_what_they_take(self, function: object) -> None:
        """A number in place of TOML text is a TypeError naming the function and str or bytes."""
        name = getattr(function, "__name__", "")
        with pytest.raises(
            TypeError, match=rf"{name}\(\) takes TOML text \(str or bytes\), not int"
        ):
            function(42)  # type: ignore[operator]

    @pytest.mark.parametrize("function", [inspectkit.load_evidence, inspectkit.load_group])
    def test_file_loaders_name_what_they_take(self, function: object) -> None:
        """``None`` in place of a path is a TypeError naming the function and what it takes."""
        name = getattr(function, "__name__", "")
        with pytest.raises(TypeError, match=rf"{name}\(\) takes the path of a file"):
            function(None)  # type: ignore[operator]

    def test_a_table_that_is_a_number(self) -> None:
        """load_evidence_table given a number is a TypeError naming the forms a table takes."""
        with pytest.raises(TypeError, match="the table must be a CSV path"):
            inspectkit.load_evidence_table(42, OFSTED)

    def test_a_row_that_is_not_a_mapping(self) -> None:
        """A row that is not a mapping is a TypeError, not an error from inside dict()."""
        with pytest.raises(TypeError, match="each row of the table must be a mapping, not int"):
            inspectkit.load_evidence_table([1], OFSTED)
