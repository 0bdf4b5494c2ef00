"""The package's imports point one way: model -> loading -> scoring -> results -> output -> CLI.

Module-level imports are parsed with `ast` and each module may only import from its own layer
or the layers below it. Imports inside functions are allowed to reach up (that is how
`Assessment.gaps()` reaches `inspectkit.gaps` without a cycle), so only top-level imports count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import inspectkit

PACKAGE = Path(inspectkit.__file__).parent

# Lower numbers are lower layers. A module's layer is found by the longest matching prefix.
LAYERS: dict[str, int] = {
    "errors": 0,
    "_version": 0,
    "_output": 0,
    "grades": 1,
    "rubric": 2,
    "evidence": 2,
    "loading": 3,
    "schema": 3,
    "scoring": 4,
    "results": 5,
    "gaps": 6,
    "groups": 7,
    "progress": 7,
    "render": 8,
    "cli": 9,
    "__main__": 10,
    "__init__": 10,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__") or "__init__"


def _layer(module: str) -> int:
    head = module.split(".", maxsplit=1)[0]
    if head not in LAYERS:
        pytest.fail(f"module {module!r} has no layer: add it to LAYERS in {__file__}")
    return LAYERS[head]


def _top_level_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path}: use absolute imports (from inspectkit... import ...)")
    return [name.removeprefix("inspectkit.") for name in found if name.startswith("inspectkit.")]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_imports_point_down(path: Path) -> None:
    """A module imports only from its own layer or lower ones at module level."""
    module = _module_name(path)
    own = _layer(module)
    upward = [name for name in _top_level_imports(path) if _layer(name) > own]
    assert upward == [], f"{module} (layer {own}) imports upward: {upward}"


def test_errors_imports_nothing_from_the_package() -> None:
    """errors.py is a leaf, so every module can import it without a loop."""
    assert _top_level_imports(PACKAGE / "errors.py") == []


def test_importing_inspectkit_stays_light() -> None:
    """Importing the package does not import the command line or optional heavy modules."""
    import subprocess
    import sys

    code = (
        "import sys, inspectkit; "
        "bad = [m for m in ('pandas', 'inspectkit.cli', 'argparse') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
