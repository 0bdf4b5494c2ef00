"""Markdown output is inert whatever a framework or evidence file says (issue 13).

Every string from a framework (title, version, judgement and criterion titles, grade labels,
evidence notes, source titles, provenance notes, cap descriptions, vocabulary words) and from
evidence (unit, kind, source, note, entry notes and sources, findings) is planted with a
hostile payload, and every Markdown output (assessment, table, group, comparison, timeline,
calibration, and the notebook views of gaps, lift plans, judgements, frameworks and evidence)
is rendered. No Markdown library is among the test extras, so the check is
structural: the hostile report has exactly the block structure (headings, list items, table
rows and their cells, quotes, paragraphs) and the inline markup (emphasis, code, links,
strikethrough) of the same report with plain text in those places, and holds no ``<`` at all.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

import attrs
import pytest

import inspectkit
from frameworks_for_tests import example_framework, requires_improvement_evidence
from inspectkit import AssessmentTable
from inspectkit.evidence import Entry, Evidence, Finding, FindingSign, FindingWeight
from inspectkit.render.markdown import escape_markdown
from inspectkit.rubric import Framework

TEXT_FIELDS = frozenset(
    {
        "title",
        "label",
        "version",
        "description",
        "note",
        "evidence",
        "unit",
        "word",
        "overall_title",
        "kind",
        "source_title",
        "text",
    }
)
"""The attrs fields that hold words a person wrote (never ids, which have a pattern)."""

EVIDENCE_TEXT_FIELDS = TEXT_FIELDS | {"source"}
"""In evidence, ``source`` is words too (in a framework it is a source id)."""

STRENGTH, WEAKNESS = FindingSign.STRENGTH, FindingSign.WEAKNESS

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "style": "</style><style>body{display:none}",
    "attribute": '"><img src=x onerror=alert(1)>',
    "javascript-link": "[click](javascript:alert(1)) ![i](javascript:x) <javascript:alert(1)>",
    "pipes": "| a | b |",
    "heading": "# Heading",
    "bullet": "- item",
    "plus-bullet": "+ item",
    "ordered": "1. item",
    "quote": "> quote",
    "fence": "```",
    "tilde-fence": "~~~",
    "emphasis": "*bold* _it_ `code` ~~gone~~ **b** __u__",
    "newlines": "one\n# two\n| three |\n\n- four\r\n> five",
    "entity": "&lt;script&gt; &#60;b&#62; &amp;",
    "backslash": "\\| \\* \\",
    "reference": "[x]: javascript:alert(1)",
}


def plant(obj: Any, payload: str, fields: frozenset[str] = TEXT_FIELDS) -> Any:
    """Return *obj* with *payload* put in front of every non-empty text field, recursively."""
    if attrs.has(type(obj)):
        changes = {}
        for field in attrs.fields(type(obj)):
            if not field.init:
                continue
            value = getattr(obj, field.name)
            if isinstance(value, str) and value and field.name in fields:
                changes[field.alias or field.name] = f"{payload} {value}"
            else:
                changes[field.alias or field.name] = plant(value, payload, fields)
        return type(obj)(**changes)
    if isinstance(obj, tuple):
        return tuple(plant(item, payload, fields) for item in obj)
    if isinstance(obj, dict):
        return {key: plant(value, payload, fields) for key, value in obj.items()}
    return obj


def evidence(payload: str, *, unit: str = "Example centre", day: int = 0) -> Evidence:
    """The example evidence with findings, notes and sources, planted with *payload*."""
    base = requires_improvement_evidence()
    entries = dict(base.entries)
    entries["gld_gap"] = Entry("gld_gap", 15.0 - day / 30, source="LA data", note="a note")
    plain = attrs.evolve(
        base,
        unit=unit,
        kind="centre",
        source="the centre's self-evaluation",
        note="Illustrative.",
        date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        entries=entries,
        findings=(
            Finding(("access",), WEAKNESS, FindingWeight.NOTABLE, "few", source="report"),
            Finding(("leadership",), STRENGTH, FindingWeight.MAJOR, "a strong board", note="seen"),
        ),
    )
    return plant(plain, payload, EVIDENCE_TEXT_FIELDS)


@functools.cache
def markdown_outputs(payload: str) -> dict[str, str]:
    """Every Markdown output for a framework and evidence planted with *payload*."""
    framework: Framework = plant(example_framework(), payload)
    later = attrs.evolve(framework, version=f"{payload} 2.0")
    first = inspectkit.assess(framework, evidence(payload))
    second = inspectkit.assess(later, evidence(payload, day=90))
    other = inspectkit.assess(framework, evidence(payload, unit="Other centre"))
    comparison = inspectkit.compare(first, second)
    report = inspectkit.calibrate(
        framework,
        {f"{payload} case": first.evidence, f"{payload} other": other.evidence},
        outcomes=[
            {"id": f"{payload} case", "overall": "good"},
            {"id": f"{payload} other", "overall": "inadequate"},
            {"id": f"{payload} unseen", "overall": "good"},
        ],
    )
    outputs = {
        "assessment": first.to_markdown(),
        "repr": first._repr_markdown_(),
        "table": AssessmentTable(framework, [first, other]).to_markdown(),
        "group": inspectkit.assess_group(
            framework, [first, other], unit=f"{payload} group"
        ).to_markdown(),
        "pooled": inspectkit.assess_group(
            framework, [first, other], rule="pooled", unit=f"{payload} group"
        ).to_markdown(),
        "comparison": comparison.to_markdown(),
        "timeline": inspectkit.timeline([first, second]).to_markdown(),
        "calibration": report.to_markdown(),
        "gap-list": first.gaps("good")._repr_markdown_(),
        "gap": first.gaps("good")[0]._repr_markdown_(),
        "lift-plan": first.lift_plan("good")._repr_markdown_(),
        "judgement": first.judgements["leadership"]._repr_markdown_(),
        "framework": framework._repr_markdown_(),
        "evidence": first.evidence._repr_markdown_(),
    }
    return outputs


PLAIN = markdown_outputs("Plain")

_BLOCK = [
    ("blank", re.compile(r"^\s*$")),
    ("heading", re.compile(r"^#{1,6}(\s|$)")),
    ("rule", re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")),
    ("setext", re.compile(r"^ {0,3}(=+|-+)\s*$")),
    ("fence", re.compile(r"^ {0,3}(`{3,}|~{3,})")),
    ("quote", re.compile(r"^ {0,3}>")),
    ("bullet", re.compile(r"^ {0,3}[-+*](\s|$)")),
    ("ordered", re.compile(r"^ {0,3}\d{1,9}[.)](\s|$)")),
    ("table", re.compile(r"^\|")),
    ("html", re.compile(r"^ {0,3}<")),
]
_INLINE = "|*_`[]~<#"


def unescaped(line: str) -> str:
    """Return the characters of *line* that Markdown reads as markup (not backslash-escaped)."""
    found = []
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char in _INLINE:
            found.append(char)
        index += 1
    return "".join(found)


def structure(text: str) -> list[tuple[str, str]]:
    """Return each line's block kind and the markup characters it holds, in order."""
    shape = []
    for line in text.split("\n"):
        kind = next((name for name, pattern in _BLOCK if pattern.match(line)), "paragraph")
        shape.append((kind, unescaped(line)))
    return shape


class TestHostileMarkdown:
    @pytest.mark.parametrize("output", sorted(PLAIN))
    @pytest.mark.parametrize("payload", sorted(PAYLOADS))
    def test_structure_is_that_of_plain_text(self, payload: str, output: str) -> None:
        """A hostile string anywhere changes no block or inline markup of the report."""
        hostile = markdown_outputs(PAYLOADS[payload])[output]
        assert structure(hostile) == structure(PLAIN[output])

    @pytest.mark.parametrize("output", sorted(PLAIN))
    @pytest.mark.parametrize("payload", ["script", "style", "attribute", "javascript-link"])
    def test_no_tag_or_link_survives(self, payload: str, output: str) -> None:
        """No ``<`` and no link target reaches the Markdown; the words stay, as text."""
        hostile = markdown_outputs(PAYLOADS[payload])[output]
        assert "<" not in hostile
        assert "](" not in hostile.replace("\\](", "")
        assert "&lt;" in hostile or payload == "javascript-link"

    def test_payload_reaches_every_output(self) -> None:
        """The planted text is in every output, so the structure checks are not vacuous."""
        for output, text in markdown_outputs("PLANTED").items():
            assert "PLANTED" in text, output


class TestEscapeMarkdownStarts:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("-", "\\-"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("1. item", "1\\. item"),
            ("12) item", "12\\) item"),
            ("> quote", "\\> quote"),
            ("~~~", "\\~\\~\\~"),
        ],
    )
    def test_a_block_marker_at_the_start_is_escaped(self, text: str, expected: str) -> None:
        """Text that would open a list, a rule, a quote or a fence at a line start is escaped."""
        assert escape_markdown(text) == expected

    @pytest.mark.parametrize(
        "text", ["-3 percentage points", "+6.5 points", "2.5 hours", "Q&A", "a -> b", "1.5"]
    )
    def test_ordinary_text_is_unchanged(self, text: str) -> None:
        """Numbers, signs and arrows that open no block are left as they are."""
        assert escape_markdown(text) == text
