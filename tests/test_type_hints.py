"""Public models' annotations resolve in a fresh process, as cattrs needs.

Some models are defined on first use (issue 15: start-up), and with postponed annotations
``typing.get_type_hints`` reads each name in the defining module's own namespace, which a
module's lazy ``__getattr__`` never sees. So a class that a public model's annotation names must
be bound in that module when the model is: these tests hold it, each module in a process of
its own that has read nothing else first.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

MODULES = [
    "inspectkit",
    "inspectkit.rubric",
    "inspectkit.results",
    "inspectkit.evidence",
    "inspectkit.grades",
    "inspectkit.groups",
    "inspectkit.progress",
    "inspectkit.calibration",
    "inspectkit.errors",
    "inspectkit.gaps",
    "inspectkit.scenarios",
    "inspectkit.batch",
]

# Run in a fresh interpreter: the module's eagerly defined models first (read from its namespace,
# so no lazy name is read before them), then each lazy public name in turn.
_PROGRAM = """
import importlib, json, sys, typing
import attrs

module = importlib.import_module(sys.argv[1])
public = getattr(module, "__all__", [])
failures = []

def check(name, value):
    if isinstance(value, type) and attrs.has(value):
        try:
            typing.get_type_hints(value)
        except Exception as error:
            failures.append([name, f"{type(error).__name__}: {error}"])

eager = [name for name in public if name in vars(module)]
for name in eager:
    check(name, vars(module)[name])
for name in public:
    if name not in eager:
        check(name, getattr(module, name))
print(json.dumps(failures))
"""


class TestFreshProcessHints:
    @pytest.mark.parametrize("module", MODULES)
    def test_every_public_model_s_annotations_resolve(self, module: str) -> None:
        """`typing.get_type_hints` resolves every public attrs model of *module*, read first."""
        result = subprocess.run(
            [sys.executable, "-c", _PROGRAM, module], check=True, capture_output=True, text=True
        )
        assert json.loads(result.stdout) == []


# The public functions' annotations, in a fresh interpreter after every public name of the module
# has been read (so every lazily defined model exists). Two return annotations name result
# models that are defined only for a unit that has them (issue 15: a fast start) and that
# `inspectkit.gaps` imports for the type checker alone: they are the exceptions, by name.
_FUNCTIONS_PROGRAM = """
import importlib, inspect, json, sys, typing

module = importlib.import_module(sys.argv[1])
failures = []
for name in getattr(module, "__all__", []):
    value = getattr(module, name)
    if inspect.isfunction(value) and value.__module__.startswith("inspectkit"):
        try:
            typing.get_type_hints(value)
        except NameError as error:
            failures.append([name, error.name])
print(json.dumps(sorted(failures)))
"""

DEFINED_ON_FIRST_USE = {
    "inspectkit.gaps": [
        ["find_finding_gaps", "FindingGap"],
        ["find_leave_status_plan", "StatusPlan"],
    ]
}


class TestFreshProcessFunctionHints:
    @pytest.mark.parametrize("module", MODULES)
    def test_every_public_function_s_annotations_resolve(self, module: str) -> None:
        """`typing.get_type_hints` resolves every public function of *module* (type aliases too)."""
        result = subprocess.run(
            [sys.executable, "-c", _FUNCTIONS_PROGRAM, module],
            check=True,
            capture_output=True,
            text=True,
        )
        assert json.loads(result.stdout) == DEFINED_ON_FIRST_USE.get(module, [])
