"""Load the repository's scripts (benchmarks, fuzz targets, fixture generators) in tests.

The scripts are not in a package, so tests load them from their files. `load_script` is the one
way they do; `bench_lift` is the lift benchmark, whose seeded framework and evidence generators
the lift-search tests draw from, loaded once per process.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root folder."""

__all__ = ["ROOT", "bench_lift", "load_script"]


def load_script(path: Path, name: str) -> ModuleType:
    """Return the module of the Python file *path*, run and registered as *name*.

    It is registered in `sys.modules` before it runs, as an import would, so that what it
    defines can find its module (dataclasses and attrs look it up by name).
    """
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@functools.cache
def bench_lift() -> ModuleType:
    """The lift benchmark's module (``benchmarks/bench_lift.py``), for its generators."""
    return load_script(ROOT / "benchmarks" / "bench_lift.py", "bench_lift_for_tests")
