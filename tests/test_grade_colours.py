"""Grade colours: ``colour = { name, hex }`` on every grade of a scale, used by HTML reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from inspectkit import FrameworkError
from inspectkit.loading import framework_to_dict

ROOT = Path(__file__).resolve().parents[1]
BASE = (
    (ROOT / "tests" / "invalid-examples" / "accuracy-not-derived.toml")
    .read_text(encoding="utf-8")
    .replace('accuracy = { data = "reports", n = 40, exact = 0.8, within_one = 0.9 }\n', "")
)
COLOURS = {
    'label = "Outstanding"\n': '#1d70b8", name = "blue',
    'label = "Good"\n': '#00703c", name = "dark green',
    'label = "Requires improvement"\n': '#f47738", name = "amber',
    'label = "Inadequate"\n': '#d4351c", name = "red',
}


def _coloured(skip: str = "", hex_override: str = "") -> str:
    text = BASE
    for label, colour in COLOURS.items():
        if label == skip:
            continue
        hex_value, name = colour.split('", name = "')
        hex_value = hex_override or hex_value
        text = text.replace(
            label, f'{label}colour = {{ name = "{name}", hex = "{hex_value}" }}\n', 1
        )
    return text


class TestLoading:
    def test_colours_load(self) -> None:
        """Every grade's colour is read, hex in lower case."""
        framework = inspectkit.loads_framework(_coloured())
        assert [g.colour.hex for g in framework.scale if g.colour] == [
            "#1d70b8",
            "#00703c",
            "#f47738",
            "#d4351c",
        ]

    def test_bad_hex_is_located(self) -> None:
        """A colour that is not #rrggbb is refused at its hex key."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(_coloured(hex_override="orange"))
        assert {(i.path, i.code) for i in caught.value.issues} == {
            (f"grades[{n}].colour.hex", "bad-value") for n in range(4)
        }

    def test_all_or_none(self) -> None:
        """A scale where some grades have colours and one has none is refused at that grade."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(_coloured(skip='label = "Good"\n'))
        assert [(i.path, i.code) for i in caught.value.issues] == [("grades[1]", "missing-key")]

    def test_colours_survive_writing_back(self) -> None:
        """framework_to_dict writes the colours, so a written framework keeps them."""
        framework = inspectkit.loads_framework(_coloured())
        assert framework_to_dict(framework)["grades"][2]["colour"] == {
            "name": "amber",
            "hex": "#f47738",
        }


class TestHtml:
    def test_html_uses_the_colour_and_the_words(self) -> None:
        """The HTML badge uses the grade's hex colour and still writes the grade in words."""
        framework = inspectkit.loads_framework(_coloured())
        assessment = inspectkit.assess(framework, {"registration_rate": 0.3})
        html = assessment.to_html()
        assert "background:#d4351c" in html
        assert "Inadequate" in html
