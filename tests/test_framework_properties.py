"""Properties of the framework loader: defects are found where they are, nothing else escapes."""

from __future__ import annotations

from typing import Any

import pytest
import tomli_w
from hypothesis import given

import inspectkit
from inspectkit import FrameworkError
from inspectkit.loading import CODES, framework_to_dict
from inspectkit.rubric import Framework
from strategies import (
    Defect,
    corrupted_frameworks,
    frameworks,
    single_defects,
    toml_data,
)

pytestmark = pytest.mark.property


class TestRoundTrip:
    @given(frameworks())
    def test_written_framework_loads_equal(self, framework: Framework) -> None:
        """A framework written out as TOML loads to an equal framework."""
        text = tomli_w.dumps(framework_to_dict(framework))
        assert inspectkit.loads_framework(text) == framework

    def test_bundled_frameworks_round_trip(self) -> None:
        """Every bundled framework survives being written out and loaded again."""
        for info in inspectkit.list_frameworks():
            framework = inspectkit.load_framework(info.id)
            text = tomli_w.dumps(framework_to_dict(framework))
            assert inspectkit.loads_framework(text) == framework


class TestDefects:
    @given(single_defects())
    def test_defect_is_reported_at_its_path(self, defect: Defect) -> None:
        """Every injected defect is reported at its path with its code."""
        raw, path, code = defect
        with pytest.raises(FrameworkError) as caught:
            inspectkit.parse_framework(raw)
        found = {(issue.path, issue.code) for issue in caught.value.issues}
        assert (path, code) in found

    @given(single_defects())
    def test_defect_in_toml_text_has_a_line(self, defect: Defect) -> None:
        """A defect in TOML text is reported with the line it is on, where it has one."""
        raw, path, code = defect
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(tomli_w.dumps(raw))
        matching = [i for i in caught.value.issues if (i.path, i.code) == (path, code)]
        assert matching
        assert matching[0].line is not None

    @given(single_defects())
    def test_codes_are_documented(self, defect: Defect) -> None:
        """Every code the loader reports is listed in CODES."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.parse_framework(defect[0])
        assert {issue.code for issue in caught.value.issues} <= set(CODES)


def _load_only_framework_errors(raw: Any) -> None:
    issues: tuple[Any, ...] = ()
    try:
        inspectkit.parse_framework(raw)
    except FrameworkError as error:
        issues = error.issues or (None,)
    assert all(issue is None or issue.code in CODES for issue in issues)
    assert None not in issues


class TestNothingElseEscapes:
    @given(toml_data)
    def test_arbitrary_data(self, raw: Any) -> None:
        """Arbitrary TOML-shaped data raises FrameworkError and nothing else."""
        _load_only_framework_errors(raw)

    @given(corrupted_frameworks())
    def test_corrupted_framework(self, raw: dict[str, Any]) -> None:
        """A valid framework with any one value replaced by arbitrary data raises only
        FrameworkError (or loads, when the new value happens to be valid)."""
        _load_only_framework_errors(raw)

    def test_deep_nesting(self) -> None:
        """A document nested too deeply to read is a FrameworkError."""
        text = "x = " + "[" * 5000 + "]" * 5000
        with pytest.raises(FrameworkError):
            inspectkit.loads_framework(text)

    def test_deep_mapping(self) -> None:
        """A mapping nested far too deeply is a FrameworkError."""
        raw: dict[str, Any] = {}
        node = raw
        for _ in range(5000):
            node["judgements"] = {}
            node = node["judgements"]
        with pytest.raises(FrameworkError):
            inspectkit.parse_framework(raw)
