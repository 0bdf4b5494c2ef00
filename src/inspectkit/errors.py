"""The exceptions inspectkit raises, and the `Issue` records they carry.

This module imports nothing from the rest of the package, so every other module can use it
without creating an import loop.

Every error a caller can see is an `InspectkitError`. Errors about bad input also subclass
`ValueError`, lookups that find nothing also subclass `LookupError`, and a missing optional
dependency also subclasses `ImportError`, so existing ``except ValueError`` blocks keep working.

An error about a file carries *every* problem found in it at once, as a tuple of `Issue`
records, each naming the file, the TOML key path, the line where one is known, a stable code
and a hint::

    frameworks/local.toml:14: judgements[0].criteria[2].thresholds.good: threshold 0.7 is
    below the threshold for requires_improvement (0.8) [thresholds-out-of-order]
      hint: thresholds must get stricter from the worst grade to the best
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ComparisonError",
    "EvidenceError",
    "FrameworkError",
    "FrameworkNotFoundError",
    "InspectkitError",
    "Issue",
    "MissingExtraError",
    "UnknownIdError",
]


@attrs.frozen
class Issue:
    """One problem found in an input, precise enough to act on.

    Attributes:
        path: Where the problem is, in the words of the file: a TOML key path such as
            ``judgements[1].criteria[0].thresholds.good``, a CSV ``row 3, column registration``,
            or ``""`` for the document as a whole.
        code: A stable, kebab-case code (``unknown-key``, ``wrong-type``, ...) that tests
            and tools can match on; the message wording may improve, the code does not change.
        message: What is wrong, in one sentence without a trailing full stop.
        line: The 1-based line in the file, where one is known.
        column: The 1-based column, where one is known.
        hint: How to put it right, where there is something useful to say.
        file: The file the problem is in, where the input came from a file.
    """

    path: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    file: str | None = None

    def format(self) -> str:
        """Return the issue as ``file:line: path: message [code]``, with the hint below it."""
        where = [part for part in (self.file, _line_text(self.line, self.column)) if part]
        head = ":".join(where)
        parts = [head] if head else []
        if self.path:
            parts.append(self.path)
        parts.append(f"{self.message} [{self.code}]")
        text = ": ".join(parts)
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


def _line_text(line: int | None, column: int | None) -> str:
    if line is None:
        return ""
    return f"{line}:{column}" if column is not None else str(line)


class InspectkitError(Exception):
    """The base of every error inspectkit raises.

    Attributes:
        issues: The problems behind the error, in the order they were found; empty for errors
            that are not about the content of an input.
    """

    issues: tuple[Issue, ...]

    def __init__(self, summary: str, issues: Iterable[Issue] = ()) -> None:
        self.issues = tuple(issues)
        self.summary = summary
        super().__init__(summary)

    def __str__(self) -> str:
        if not self.issues:
            return self.summary
        lines = [self.summary]
        lines.extend(issue.format() for issue in self.issues)
        return "\n".join(lines)


class FrameworkError(InspectkitError, ValueError):
    """A framework rubric is not valid: its TOML, its structure, or its meaning."""


class EvidenceError(InspectkitError, ValueError):
    """Evidence does not fit its framework, or cannot be read."""


class ComparisonError(InspectkitError, ValueError):
    """Assessments cannot be compared or grouped, for example across different frameworks."""


class FrameworkNotFoundError(InspectkitError, LookupError):
    """No bundled, installed or file framework has the id or path asked for."""


class UnknownIdError(InspectkitError, LookupError):
    """A criterion, judgement or grade id was asked for that the framework does not have."""


class MissingExtraError(InspectkitError, ImportError):
    """A feature needs an optional dependency (an extra) that is not installed.

    Attributes:
        feature: What was asked for (``reading an .xlsx table``).
        extra: The extra that installs the dependency (``excel``).
        package: The package it needs (``openpyxl``).
    """

    def __init__(self, feature: str, *, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        super().__init__(
            f"{feature} needs {package}, in inspectkit's optional extra {extra!r}: "
            f"pip install {package} (or pip install '.[{extra}]' in a clone of inspectkit)"
        )
