"""Scoring: criterion grades, aggregation, caps, range and coverage, and `assess`.

A framework is compiled once into a flat plan (`inspectkit.scoring._plan`); a pure core turns
evidence into grade ranks (`inspectkit.scoring._core`); `assess` checks the evidence, runs the
core and builds the `inspectkit.Assessment` with a reason for every grade.
"""

from __future__ import annotations

from inspectkit.scoring._assess import assess

__all__ = ["assess"]
