"""Remake the screenshots in docs/ with headless Chromium.

Run from the repository's root, with the package installed and a ``chromium`` (or Chrome)
binary on the path or named by ``INSPECTKIT_CHROMIUM``::

    python tools/screenshots.py

It writes:

- ``docs/example-report.png``: the report for ``examples/riverside-nearly-good.toml`` as a
  page in a browser (the top of it, 1200 x 2600: the grades down to the first criteria charts);
- ``docs/notebook-light.png`` and ``docs/notebook-dark.png``: the notebook view of the
  report of ``examples/riverside-2026-06.toml`` in a light notebook cell and on JupyterLab's
  dark theme (``data-jp-theme-light="false"`` on the body, as JupyterLab sets it);
- ``docs/gap-list-dark.png``: the notebook view of that centre's gap list to Good, dark;
- ``docs/timeline-chart.png``: the timeline of the two Riverside quarters, grades and key
  figures over time, with their grade bands and thresholds.

The pages are made by the library itself, so a change to the HTML shows up as a changed PNG
in the diff; nothing here is a test (``tests/test_chromium_contrast.py`` checks contrast).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import inspectkit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

LIGHT = 'style="margin:0;padding:16px;background:#ffffff;color:#111111"'
DARK = 'data-jp-theme-light="false" style="margin:0;padding:16px;background:#111111;color:#e0e0e0"'


def _chromium() -> str:
    named = os.environ.get("INSPECTKIT_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("screenshots: no Chromium found (install it or set INSPECTKIT_CHROMIUM)")


def _cell(fragment: str, body: str) -> str:
    """A notebook-like page around *fragment*: the cell's background and text colour."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>cell</title></head>'
        f"<body {body}>{fragment}</body></html>"
    )


def _shoot(page: str, name: str, size: tuple[int, int], folder: Path) -> None:
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    target = DOCS / f"{name}.png"
    subprocess.run(  # noqa: S603 - our own pages, to the Chromium found on the path
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={size[0]},{size[1]}",
            f"--screenshot={target}",
            path.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    """Write every screenshot listed in the module docstring."""
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    before, after = (
        inspectkit.assess(framework, inspectkit.load_evidence(ROOT / "examples" / name))
        for name in ("riverside-2026-06.toml", "riverside-nearly-good.toml")
    )
    timeline = inspectkit.timeline([before, after])
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        _shoot(after.to_html(), "example-report", (1200, 2600), where)
        _shoot(_cell(before._repr_html_(), LIGHT), "notebook-light", (1000, 2300), where)
        _shoot(_cell(before._repr_html_(), DARK), "notebook-dark", (1000, 2300), where)
        _shoot(_cell(before.gaps("good")._repr_html_(), DARK), "gap-list-dark", (1000, 700), where)
        _shoot(timeline.to_html(), "timeline-chart", (1000, 1500), where)


if __name__ == "__main__":
    main()
