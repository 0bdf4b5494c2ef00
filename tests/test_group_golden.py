"""Golden files pin the group report and the progress report of the bundled examples.

A change to a renderer, a framework or an example shows up as a diff against
``tests/golden/groups/<name>.<ext>``. When the change is deliberate, regenerate and review::

    INSPECTKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_group_golden.py
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import inspectkit
from golden_files import assert_golden

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "groups"

RENDERERS: dict[str, Callable[[Any], str]] = {
    "md": lambda result: result.to_markdown(),
    "html": lambda result: result.to_html(),
    "json": lambda result: result.to_json() + "\n",
    "csv": lambda result: result.to_csv(),
}


def _northfield(rule: str) -> Any:
    return inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess(rule=rule)


def _riverside() -> Any:
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    before, after = (
        inspectkit.assess(framework, inspectkit.load_evidence(ROOT / "examples" / name))
        for name in ("riverside-2026-06.toml", "riverside-nearly-good.toml")
    )
    return inspectkit.compare(before, after)


def _hillcrest_runs() -> tuple[Any, Any]:
    """Hillcrest (a framework with no overall grade), and three months on, one weakness met."""
    evidence = inspectkit.load_evidence(ROOT / "examples" / "hillcrest-academy-2026-03.toml")
    framework = inspectkit.load_framework(evidence.framework)
    entries = dict(evidence.entries)
    entries["ct_expectations_not_low"] = attrs.evolve(
        entries["ct_expectations_not_low"], value=True, note=""
    )
    later = attrs.evolve(evidence, entries=entries, date=datetime.date(2026, 6, 15))
    return inspectkit.assess(framework, evidence), inspectkit.assess(framework, later)


def hillcrest_group() -> Any:
    """A group of two schools under a framework with no overall grade."""
    first, second = _hillcrest_runs()
    renamed = attrs.evolve(second.evidence, unit="Hillcrest Upper School (illustrative)")
    return inspectkit.assess_group(
        first.framework, [first, renamed], unit="Hillcrest schools (illustrative)"
    )


def hillcrest_timeline() -> Any:
    """A timeline of two runs under a framework with no overall grade."""
    return inspectkit.timeline(list(_hillcrest_runs()))


RESULTS: dict[str, Callable[[], Any]] = {
    "northfield-weakest": lambda: _northfield("weakest"),
    "northfield-pooled": lambda: _northfield("pooled"),
    "riverside-progress": _riverside,
    "hillcrest-group": hillcrest_group,
    "hillcrest-timeline": hillcrest_timeline,
}


@pytest.mark.parametrize("extension", sorted(RENDERERS))
@pytest.mark.parametrize("name", sorted(RESULTS))
def test_report_matches_golden_file(name: str, extension: str) -> None:
    """The report is byte for byte the reviewed golden file."""
    got = RENDERERS[extension](RESULTS[name]())
    path = GOLDEN / f"{name}.{extension}"
    assert_golden(path, got)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_html_is_balanced(name: str) -> None:
    """Every tag the group and progress pages open is closed, page and fragment alike."""
    from test_render import check_html

    result = RESULTS[name]()
    check_html(result.to_html())
    check_html(result.to_html(fragment=True))
