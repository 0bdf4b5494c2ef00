"""Scoring: criterion grades, aggregation, caps, range and coverage, and `assess`.

A framework is compiled once into flat tables (`inspectkit.scoring._compile`); a pure core turns
evidence into grade ranks (`inspectkit.scoring._ranks`); `inspectkit.scoring._reasons` writes the
plain-words reason for every grade, and `assess` (`inspectkit.scoring._assess`) checks the
evidence, runs the core and builds the `inspectkit.Assessment`.
"""

from __future__ import annotations

from inspectkit.scoring._assess import assess

__all__ = ["assess"]
