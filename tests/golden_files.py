"""Golden files: one comparison with a reviewed file, and one switch that rewrites them all.

Every test that pins output to a file under ``tests/`` (reports, batch tables, group and
progress pages, ``show`` text, the ``.errors.txt`` of each invalid case) goes through
`assert_golden`. After a deliberate change, regenerate them all and read the diff before
committing it::

    INSPECTKIT_UPDATE_GOLDEN=1 python -m pytest
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("INSPECTKIT_UPDATE_GOLDEN") == "1"


def assert_golden(path: Path, text: str) -> None:
    """Assert that *text* is the content of the golden file *path* (rewrite it first if asked)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing {path}: run with INSPECTKIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
