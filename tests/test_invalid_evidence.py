"""Golden files: each invalid evidence file gives exactly the issues in its .errors.txt.

Set ``INSPECTKIT_UPDATE_GOLDEN=1`` to rewrite the .errors.txt files after a deliberate change,
then read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden_files import assert_golden
from inspectkit import EvidenceError, loads_evidence
from inspectkit.rubric import Framework

CASES = Path(__file__).parent / "invalid-evidence"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.toml")), ids=lambda path: path.stem)
def test_invalid_evidence(case: Path, example_framework: Framework) -> None:
    """An invalid evidence file raises EvidenceError listing exactly the expected issues."""
    with pytest.raises(EvidenceError) as error:
        loads_evidence(case.read_bytes(), framework=example_framework, name=case.name)
    got = "\n".join(issue.format() for issue in error.value.issues) + "\n"
    assert_golden(case.with_suffix(".errors.txt"), got)
