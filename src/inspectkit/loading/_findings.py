"""Findings: the words for a finding's weight, shared by framework and evidence files.

A framework's ``[findings]`` table names weights (``weakness = "notable"``) and an evidence
file's ``[[findings]]`` give each finding one (``weight = "serious or widespread"``). Both are
read here with one table of words, so a word a framework accepts is a word evidence accepts.

Why aliases at all, and why only these: reports and mock-inspection notes say "serious",
"widespread" or "serious or widespread" where our scale says `MAJOR`, and "exceptional" for a
strength of that weight. Every alias names the heaviest weight, so accepting one can never
make a finding lighter than its words; a word that is not in the table is refused with the
three weights listed, never with a "did you mean" that could name a weight of another meaning.
"""

from __future__ import annotations

from inspectkit.grades import normalise_name
from inspectkit.rubric import FindingWeight

__all__ = ["WEIGHT_HINT", "WEIGHT_WORDS", "finding_weight"]

WEIGHT_WORDS: dict[str, FindingWeight] = {
    "minor": FindingWeight.MINOR,
    "notable": FindingWeight.NOTABLE,
    "major": FindingWeight.MAJOR,
    "serious": FindingWeight.MAJOR,
    "widespread": FindingWeight.MAJOR,
    "serious or widespread": FindingWeight.MAJOR,
    "exceptional": FindingWeight.MAJOR,
}
"""Every accepted spelling of a weight (compared as `normalise_name` does) -> the weight."""

WEIGHT_HINT = (
    'the weights are "minor", "notable" and "major" (also "serious", "widespread", '
    '"serious or widespread" or "exceptional" for major); see docs/recording-findings.md'
)
"""The hint for a word that is not a weight: the three weights, never a guess."""


def finding_weight(text: str) -> FindingWeight | None:
    """Return the weight *text* names, or ``None`` when it names none."""
    return WEIGHT_WORDS.get(normalise_name(text))
