"""Findings: the words for a finding's weight, and the reader of an evidence file's findings.

A framework's ``[findings]`` table names weights (``weakness = "notable"``) and an evidence
file's ``[[findings]]`` give each finding one (``weight = "serious or widespread"``). Both are
read here with one table of words, so a word a framework accepts is a word evidence accepts.

Why aliases at all, and why only these: reports and mock-inspection notes say "serious",
"widespread" or "serious or widespread" where our scale says `MAJOR`, and "exceptional" for a
strength of that weight. Every alias names the heaviest weight, so accepting one can never
make a finding lighter than its words; a word that is not in the table is refused with the
three weights listed, never with a "did you mean" that could name a weight of another meaning.

`read_findings` reads the ``[[findings]]`` array of an evidence document, recording every
problem at its own key (``findings[3].weight``) in the value reader's collector, so a file's
findings and values are reported together. A finding names its judgement(s) and, optionally,
the criterion it is about. The criterion may belong to another judgement: a report files "the
local authority does not share the area's data" under leadership (the LA is part of
leadership) although the data criterion is access's, and the finding counts where it is
filed. So the criterion is checked to exist, and is kept as what the finding is *about*.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inspectkit.evidence import Finding, FindingSign
from inspectkit.grades import normalise_name
from inspectkit.loading._issues import KeyPath, suggest
from inspectkit.loading._values import ValueReader, describe, lookup_criterion
from inspectkit.rubric import FindingWeight, Framework

__all__ = ["FINDING_KEYS", "WEIGHT_HINT", "WEIGHT_WORDS", "finding_weight", "read_findings"]

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
    '"serious or widespread" or "exceptional" for major); see `inspectkit docs recording-findings`'
)
"""The hint for a word that is not a weight: the three weights, never a guess."""


def finding_weight(text: str) -> FindingWeight | None:
    """Return the weight *text* names, or ``None`` when it names none."""
    return WEIGHT_WORDS.get(normalise_name(text))


# --------------------------------------------------------------------------------------------
# Evidence: the [[findings]] array
# --------------------------------------------------------------------------------------------

FINDING_KEYS = (
    "judgement",
    "strength",
    "weakness",
    "weight",
    "criterion",
    "source",
    "date",
    "note",
)
"""The keys one ``[[findings]]`` table may have."""


def read_findings(
    values: ValueReader, framework: Framework, raw: object, prefix: KeyPath
) -> tuple[Finding, ...]:
    """Read an evidence document's ``findings`` array; every problem goes to *values*' collector.

    With the reader's *python* set, an item may also be a `Finding`, which is checked against
    the framework (judgement and criterion ids) and kept as it is.

    Returns:
        The findings, sorted by the framework's order of their first judgement, then as given
        (a stable order, so a report lists a judgement's findings as they were written).
    """
    if isinstance(raw, (str, bytes)) or not isinstance(raw, (list, tuple)):
        values.add(
            prefix,
            "wrong-type",
            f"findings must be an array of tables, not {describe(raw)}",
            hint="write each finding as a [[findings]] table",
        )
        return ()
    order = {judgement.id: j for j, judgement in enumerate(framework.judgements)}
    found: list[Finding] = []
    for index, item in enumerate(raw):
        finding = _FindingReader(values, framework, (*prefix, index)).read(item)
        if finding is not None:
            found.append(finding)
    found.sort(key=lambda finding: min(order.get(j, len(order)) for j in finding.judgements))
    return tuple(found)


class _FindingReader:
    """Reads one finding at *path*, recording each problem at its own key."""

    def __init__(self, values: ValueReader, framework: Framework, path: KeyPath) -> None:
        self.values = values
        self.framework = framework
        self.path = path

    def add(self, key: str | None, code: str, message: str, hint: str | None = None) -> None:
        path = self.path if key is None else (*self.path, key)
        self.values.add(path, code, message, hint=hint)

    def read(self, item: object) -> Finding | None:
        if self.values.python and isinstance(item, Finding):
            return self.check_object(item)
        if not isinstance(item, Mapping):
            self.add(None, "wrong-type", f"a finding must be a table, not {describe(item)}")
            return None
        before = len(self.values.issues)
        for key in item:
            if not isinstance(key, str) or key not in FINDING_KEYS:
                self.add(
                    str(key),
                    "unknown-key",
                    f"unknown key {str(key)!r} in a finding",
                    hint=suggest(str(key), FINDING_KEYS)
                    or "the keys are: " + ", ".join(FINDING_KEYS),
                )
        judgements = self.judgements(item)
        sign, text = self.sign(item)
        weight = self.weight(item)
        criterion = self.criterion(item.get("criterion")) if "criterion" in item else None
        source = self.text(item, "source")
        note = self.text(item, "note")
        date = self.values.date(item["date"], (*self.path, "date")) if "date" in item else None
        if (
            len(self.values.issues) > before
            or not judgements
            or sign is None
            or text is None
            or weight is None
        ):
            return None
        return Finding(
            judgements,
            sign,
            weight,
            text,
            criterion=criterion,
            source=source,
            date=date,
            note=note,
        )

    def check_object(self, finding: Finding) -> Finding | None:
        before = len(self.values.issues)
        for judgement in finding.judgements:
            self.judgement_id(judgement)
        if finding.criterion is not None:
            self.criterion(finding.criterion)
        return finding if len(self.values.issues) == before else None

    def judgements(self, item: Mapping[str, Any]) -> tuple[str, ...]:
        if "judgement" not in item:
            ids = ", ".join(judgement.id for judgement in self.framework.judgements)
            self.add(
                None,
                "missing-key",
                "the finding has no judgement",
                hint=f"add judgement = one of: {ids}",
            )
            return ()
        raw = item["judgement"]
        names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
        if not names or not all(isinstance(name, str) for name in names):
            self.add(
                "judgement",
                "wrong-type",
                f"judgement must be a judgement id or an array of ids, not {describe(raw)}",
                hint='write judgement = "access" (or a list of ids: ["access", "quality"])',
            )
            return ()
        found = [name for name in dict.fromkeys(names) if self.judgement_id(name)]
        return tuple(found) if len(found) == len(dict.fromkeys(names)) else ()

    def judgement_id(self, name: str) -> bool:
        ids = [judgement.id for judgement in self.framework.judgements]
        if name in ids:
            return True
        self.add(
            "judgement",
            "unknown-judgement",
            f"framework {self.framework.id!r} has no judgement {name!r}",
            hint=suggest(name, ids) or "the judgements are: " + ", ".join(ids),
        )
        return False

    def sign(self, item: Mapping[str, Any]) -> tuple[FindingSign | None, str | None]:
        given = [key for key in ("strength", "weakness") if key in item]
        if len(given) != 1:
            message = (
                "the finding gives both a strength and a weakness"
                if given
                else "the finding has neither a strength nor a weakness"
            )
            self.add(
                None,
                "finding-sign",
                message,
                hint='write strength = "..." or weakness = "...": one finding, one sign '
                "(a point that is both is two findings)",
            )
            return None, None
        key = given[0]
        raw = item[key]
        if not isinstance(raw, str):
            self.add(key, "wrong-type", f"{key} must be the finding's words, not {describe(raw)}")
            return None, None
        if not raw.strip():
            self.add(
                key, "empty", f"the {key} is blank", hint="write the finding in your own words"
            )
            return None, None
        return FindingSign(key), raw.strip()

    def weight(self, item: Mapping[str, Any]) -> FindingWeight | None:
        if "weight" not in item:
            self.add(None, "missing-key", "the finding has no weight", hint=WEIGHT_HINT)
            return None
        raw = item["weight"]
        if not isinstance(raw, str):
            self.add(
                "weight",
                "wrong-type",
                f"weight must be a word, not {describe(raw)}",
                hint=WEIGHT_HINT,
            )
            return None
        weight = finding_weight(raw)
        if weight is None:
            self.add(
                "weight", "unknown-weight", f"{raw!r} is not a finding weight", hint=WEIGHT_HINT
            )
        return weight

    def criterion(self, raw: object) -> str | None:
        criterion = lookup_criterion(
            self.framework, raw, (*self.path, "criterion"), self.values.issues
        )
        if criterion is None:
            return None
        return criterion.id

    def text(self, item: Mapping[str, Any], key: str) -> str:
        raw = item.get(key, "")
        if isinstance(raw, str):
            return raw
        self.add(key, "wrong-type", f"{key} must be a string, not {describe(raw)}")
        return ""
