"""Shared fixtures and test configuration.

Hypothesis profiles: ``default`` keeps the suite fast; ``thorough`` (``--hypothesis-profile
thorough``) runs many more examples when hunting for a bug; ``ci`` (chosen when the ``CI``
environment variable is set, as `.ci/run` does) is ``default`` with a fixed seed.
"""

from __future__ import annotations

import os

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


@pytest.fixture(scope="session")
def example_framework() -> Framework:
    """The small example framework of docs/framework-format.md, built from the model classes."""
    return _example_framework()
