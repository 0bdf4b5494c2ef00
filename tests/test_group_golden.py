"""Golden files pin the group report and the progress report of the bundled examples.

A change to a renderer, a framework or an example shows up as a diff against
``tests/golden/groups/<name>.<ext>``. When the change is deliberate, regenerate and review::

    INSPECTKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_group_golden.py
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


RESULTS: dict[str, Callable[[], Any]] = {
    "northfield-weakest": lambda: _northfield("weakest"),
    "northfield-pooled": lambda: _northfield("pooled"),
    "riverside-progress": _riverside,
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
