"""Golden files: each invalid evidence file gives exactly the issues in its .errors.txt.

Set ``INSPECTKIT_REGENERATE=1`` to rewrite the .errors.txt files after a deliberate change, then
read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspectkit import EvidenceError, loads_evidence
from inspectkit.rubric import Framework

CASES = Path(__file__).parent / "invalid-evidence"
REGENERATE = os.environ.get("INSPECTKIT_REGENERATE") == "1"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.toml")), ids=lambda path: path.stem)
def test_invalid_evidence(case: Path, example_framework: Framework) -> None:
    """An invalid evidence file raises EvidenceError listing exactly the expected issues."""
    with pytest.raises(EvidenceError) as error:
        loads_evidence(case.read_bytes(), framework=example_framework, name=case.name)
    got = "\n".join(issue.format() for issue in error.value.issues) + "\n"
    expected = case.with_suffix(".errors.txt")
    if REGENERATE:
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
