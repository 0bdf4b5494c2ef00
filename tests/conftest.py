"""Shared fixtures."""

from __future__ import annotations

import pytest

from frameworks_for_tests import example_framework as _example_framework
from inspectkit.rubric import Framework


@pytest.fixture(scope="session")
def example_framework() -> Framework:
    """The small example framework of docs/framework-format.md, built from the model classes."""
    return _example_framework()
