"""Golden files regenerate with one environment variable, read in one place."""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).parent
# conftest.py reads CI (the hypothesis profile); golden_files.py reads INSPECTKIT_UPDATE_GOLDEN.
READERS = {"conftest.py", "golden_files.py"}


def _reads_environment(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"})
        or (isinstance(node, ast.alias) and node.name in {"environ", "getenv"})
    ]


class TestOneSwitch:
    def test_only_the_switch_modules_read_the_environment(self) -> None:
        """No test module but conftest.py and golden_files.py reads an environment variable."""
        readers = {
            path.name: lines
            for path in sorted(HERE.rglob("*.py"))
            if path.name not in READERS and (lines := _reads_environment(path))
        }
        assert readers == {}

    def test_the_switch_is_inspectkit_update_golden(self) -> None:
        """golden_files.py reads exactly INSPECTKIT_UPDATE_GOLDEN."""
        tree = ast.parse((HERE / "golden_files.py").read_text(encoding="utf-8"))
        names = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and str(node.value).startswith("INSPECTKIT_")
        }
        assert names == {"INSPECTKIT_UPDATE_GOLDEN"}
