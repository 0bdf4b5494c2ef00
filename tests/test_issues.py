"""Tests for the shared issue-reporting machinery of the loaders."""

from __future__ import annotations

import pytest

from inspectkit.errors import FrameworkError
from inspectkit.loading._issues import IssueCollector, format_path, locate_lines, suggest
from inspectkit.loading._toml import parse_toml

SOURCE = """\
id = "x"

[[judgements]]
id = "a"

[[judgements.criteria]]
id = "c1"

[[judgements.criteria]]
id = "c2"
thresholds = { good = 1 }
description = '''
[[not.a.header]]
'''

[[judgements]]
id = "b"

[[judgements.criteria]]
id = "c3"

[judgements.criteria.thresholds]
good = 0.5
"""


class TestFormatPath:
    def test_keys_and_indices(self) -> None:
        """Keys join with dots and indices sit in brackets."""
        assert format_path(("judgements", 1, "criteria", 0, "thresholds", "good")) == (
            "judgements[1].criteria[0].thresholds.good"
        )

    def test_quotes_keys_that_are_not_bare(self) -> None:
        """A key with spaces is quoted, as TOML would need it."""
        assert format_path(("words", "a large majority")) == 'words."a large majority"'

    def test_empty(self) -> None:
        """The empty path is the whole document."""
        assert format_path(()) == ""


class TestLocateLines:
    def test_arrays_of_tables_are_numbered_per_parent(self) -> None:
        """Each judgement's criteria are numbered from 0 again."""
        lines = locate_lines(SOURCE)
        assert lines[("judgements", 0, "criteria", 1, "id")] == 10
        assert lines[("judgements", 1, "criteria", 0)] == 19
        assert lines[("judgements", 1, "criteria", 0, "thresholds", "good")] == 23

    def test_multiline_strings_are_skipped(self) -> None:
        """A header-like line inside a multi-line string is not a header."""
        assert ("not",) not in {path[:1] for path in locate_lines(SOURCE)}

    def test_collector_falls_back_to_enclosing_key(self) -> None:
        """A key inside an inline table is located at the line of the table's key."""
        collector = IssueCollector("f.toml", SOURCE)
        collector.add(("judgements", 0, "criteria", 1, "thresholds", "good"), "x", "bad")
        assert collector.issues[0].line == 11
        assert collector.issues[0].file == "f.toml"


class TestParseToml:
    def test_syntax_error_has_line_and_column(self) -> None:
        """A TOML syntax error names the file, line and column."""
        collector = IssueCollector("bad.toml")
        with pytest.raises(FrameworkError) as caught:
            parse_toml('id = "x"\ntitle = \n', collector, FrameworkError, "framework")
        (issue,) = caught.value.issues
        assert (issue.file, issue.line, issue.code) == ("bad.toml", 2, "toml-syntax")
        assert issue.column is not None

    def test_bytes_that_are_not_utf8(self) -> None:
        """Bytes that are not UTF-8 are an error naming the problem, not a UnicodeDecodeError."""
        with pytest.raises(FrameworkError) as caught:
            parse_toml(b"id = '\xff'", IssueCollector("b.toml"), FrameworkError, "framework")
        assert caught.value.issues[0].code == "not-utf8"

    def test_valid(self) -> None:
        """Valid TOML parses to a dict."""
        assert parse_toml(b"a = 1", IssueCollector(), FrameworkError, "x") == {"a": 1}


def test_suggest() -> None:
    """A close name is suggested; a distant one is not."""
    assert suggest("treshold", ["thresholds", "title"]) == "did you mean 'thresholds'?"
    assert suggest("zzz", ["thresholds", "title"]) is None


def test_raise_if_any_counts_problems() -> None:
    """The summary counts the problems and the error carries them all."""
    collector = IssueCollector("f.toml")
    collector.raise_if_any(FrameworkError, "framework")
    collector.add(("id",), "wrong-type", "expected a string")
    collector.add(("title",), "missing-key", "title is required")
    with pytest.raises(FrameworkError, match=r"f\.toml: framework has 2 problems") as caught:
        collector.raise_if_any(FrameworkError, "framework")
    assert len(caught.value.issues) == 2
