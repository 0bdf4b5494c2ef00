"""Golden files: every invalid framework in tests/invalid-examples/ and the exact problems found.

Each ``<case>.toml`` sits next to ``<case>.errors.txt`` holding the expected `Issue.format()`
lines. Regenerate the golden files only deliberately (``INSPECTKIT_UPDATE_GOLDEN=1``), after
reading the new messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit.loading import CODES

CASES = Path(__file__).parent / "invalid-examples"
TOML_FILES = sorted(CASES.glob("*.toml"))
# Codes that need more than one file, bytes or the file system; tested in their own modules.
ELSEWHERE = {
    "not-utf8",
    "too-deep",
    "unreadable",
    "not-a-file",  # the file system: tests/hostile/ and test_file_limits.py
    "too-large",
    "extends-cycle",
    "extends-too-deep",  # a chain of 17 files: tests/hostile/ and test_input_limits.py
    "unknown-drop",
    "id-mismatch",
    "unknown-criterion",  # the group table, covered by the group tests
}


def _reported(path: Path) -> str:
    with pytest.raises(inspectkit.FrameworkError) as caught:
        inspectkit.loads_framework(path.read_bytes(), name=path.name)
    return "\n".join(issue.format() for issue in caught.value.issues) + "\n"


class TestGoldenFiles:
    @pytest.mark.parametrize("path", TOML_FILES, ids=lambda p: p.stem)
    def test_reports_exactly_the_expected_problems(self, path: Path) -> None:
        """Loading the case reports exactly the problems in its .errors.txt file."""
        assert_golden(path.with_suffix(".errors.txt"), _reported(path))

    def test_every_case_has_a_golden_file(self) -> None:
        """Every case file has its expected messages beside it."""
        missing = [p.name for p in TOML_FILES if not p.with_suffix(".errors.txt").exists()]
        assert missing == []

    def test_corpus_covers_every_code(self) -> None:
        """Every issue code the loader reports appears in at least one golden file."""
        seen = set()
        for path in CASES.glob("*.errors.txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.endswith("]") and "[" in line:
                    seen.add(line.rsplit("[", 1)[1][:-1])
        assert set(CODES) - ELSEWHERE - seen == set()


class TestCodesAreDocumented:
    def test_format_docs_list_every_code(self) -> None:
        """The problem-code table of docs/framework-format.md lists exactly the loader's codes."""
        docs = (CASES.parents[1] / "docs" / "framework-format.md").read_text(encoding="utf-8")
        table = docs.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
        listed = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
        assert listed == set(CODES)
