"""The Python examples in the documentation run: docs cannot rot.

Every fenced ``python`` block of a Markdown file in ``docs/`` (and the README) runs, in order,
in one namespace per file, with the repository root as the working directory. ``toml`` and
``text`` blocks are not run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted(
    path
    for path in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    if path.is_file() and _BLOCK.search(path.read_text(encoding="utf-8"))
)


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(ROOT)))
def test_python_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Python block of the page runs after the ones before it without error."""
    monkeypatch.chdir(ROOT)
    text = page.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for match in _BLOCK.finditer(text):
        line = text.count("\n", 0, match.start(1)) + 1
        code = compile("\n" * (line - 1) + match.group(1), str(page), "exec")
        exec(code, namespace)  # running our own documentation is the point of the test
