"""Tests for the error tree and issue formatting."""

from __future__ import annotations

import pytest

from inspectkit.errors import (
    EvidenceError,
    FrameworkError,
    FrameworkNotFoundError,
    InspectkitError,
    Issue,
)


class TestIssue:
    def test_full_format(self) -> None:
        """An issue reads as file:line: path: message [code], with the hint below."""
        issue = Issue(
            path="judgements[0].criteria[1].thresholds.good",
            code="thresholds-out-of-order",
            message="0.6 is below the threshold for requires_improvement (0.7)",
            line=14,
            hint="thresholds must get stricter from the worst grade to the best",
            file="local.toml",
        )
        assert issue.format() == (
            "local.toml:14: judgements[0].criteria[1].thresholds.good: 0.6 is below the "
            "threshold for requires_improvement (0.7) [thresholds-out-of-order]\n"
            "  hint: thresholds must get stricter from the worst grade to the best"
        )

    def test_minimal_format(self) -> None:
        """Without file, line, path or hint, only the message and code remain."""
        assert Issue("", "toml-syntax", "bad").format() == "bad [toml-syntax]"

    def test_column(self) -> None:
        """A column follows the line."""
        assert Issue("", "toml-syntax", "bad", line=3, column=7, file="f").format() == (
            "f:3:7: bad [toml-syntax]"
        )


class TestErrors:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (FrameworkError, ValueError),
            (EvidenceError, ValueError),
            (FrameworkNotFoundError, LookupError),
        ],
    )
    def test_builtin_bases(self, error: type[InspectkitError], builtin: type[Exception]) -> None:
        """Errors subclass the builtin they most resemble, and the package's base."""
        assert issubclass(error, builtin)
        assert issubclass(error, InspectkitError)

    def test_message_lists_every_issue(self) -> None:
        """The error's text is the summary followed by every issue."""
        error = FrameworkError(
            "f.toml: 2 problems",
            [Issue("id", "wrong-type", "expected a string"), Issue("title", "missing-key", "x")],
        )
        assert str(error).splitlines() == [
            "f.toml: 2 problems",
            "id: expected a string [wrong-type]",
            "title: x [missing-key]",
        ]
        assert len(error.issues) == 2


class TestIssueText:
    def test_str_is_the_formatted_issue(self) -> None:
        """str() of an issue is its one-line format, hint included."""
        issue = Issue("id", "wrong-type", "expected a string", hint="quote it")
        assert (
            str(issue) == issue.format() == "id: expected a string [wrong-type]\n  hint: quote it"
        )
