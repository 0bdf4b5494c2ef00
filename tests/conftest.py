"""Shared fixtures and test configuration.

Hypothesis profiles: ``default`` keeps the suite fast; ``thorough`` (``--hypothesis-profile
thorough``) runs many more examples when hunting for a bug; ``ci`` (chosen when the ``CI``
environment variable is set, as `.ci/run` does) is ``default`` with a fixed seed.
"""

from __future__ import annotations

import gc
import os
import sys

import pytest
from hypothesis import HealthCheck, settings

from frameworks_for_tests import example_framework as _example_framework
from inspectkit.rubric import Framework

settings.register_profile(
    "default",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
# CI runs the same examples every time, so a landing never depends on the luck of the draw;
# bugs are hunted locally with the random default and `thorough` profiles.
settings.register_profile(
    "ci",
    parent=settings.get_profile("default"),
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_configure(config: pytest.Config) -> None:
    """Start each coverage run afresh, and measure the test processes, not the programs they run.

    Under ``coverage run`` with ``patch = ["subprocess"]`` (pyproject.toml), every Python process
    started with the variable ``COVERAGE_PROCESS_CONFIG`` set is measured and writes a data file
    of its own beside the main one. The suite wants that for its pytest-xdist workers only: the
    programs the tests themselves start (``python -m inspectkit``, the probes that list a fresh
    process's modules) are run as a user runs them, so the variable is dropped once the workers
    exist (in each worker, or at once when pytest does not distribute). And in that parallel
    mode ``coverage run`` erases nothing, while ``coverage report`` combines every data file
    beside the main one, the old combined file too: the controller erases them first, so the
    report (and the models' branch gate) counts this one run only, as it did before.
    """
    worker = hasattr(config, "workerinput")
    if not worker:
        _erase_earlier_coverage()
    if worker or getattr(config.option, "dist", "no") == "no":
        os.environ.pop("COVERAGE_PROCESS_CONFIG", None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep what collection built (modules, strategies, the test items) out of later collections.

    Those objects live to the end of the run, yet every full collection of the cyclic garbage
    collector walks them again. With them frozen (`gc.freeze`, after one collection, so no
    garbage is kept) full collections cost about a third less: 2.4-2.6 s against 1.6-1.8 s CPU
    on nine property-heavy test files under coverage, some 2% of their time. Garbage the tests
    make is collected as before.
    """
    gc.collect()
    gc.freeze()


def _erase_earlier_coverage() -> None:
    """Delete an earlier run's coverage data when this process runs under parallel coverage."""
    coverage = sys.modules.get("coverage")
    current = coverage.Coverage.current() if coverage else None
    if current is not None and current.config.parallel:
        # This run's own files are written only when each process ends, so none exists yet.
        coverage.CoverageData(basename=current.config.data_file).erase(parallel=True)


@pytest.fixture(scope="session")
def example_framework() -> Framework:
    """The small example framework of docs/framework-format.md, built from the model classes."""
    return _example_framework()
