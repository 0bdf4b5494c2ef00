"""Every HTML output read in headless Chromium: text contrast on light and dark pages.

Chromium is not a dependency: the tests run where a ``chromium`` (or Chrome) binary is on the
path and skip cleanly elsewhere (CI installs with pip
only). Each output is placed in a harness page whose body carries the page's own background
and text colour (light, dark, JupyterLab's and VS Code's dark-theme markers) and, in the
harness only, an inline script: it walks every element that holds text, takes the computed
text colour and the background it is painted on (the first opaque ancestor's; for SVG text
written in near-black, each chart tint it may sit on), and writes the worst WCAG contrast ratio
per output into the DOM, which ``--dump-dom`` prints. Our outputs themselves never hold a
script: the hostile tests check that.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import inspectkit
from inspectkit.render._svg import INK, TINTS
from inspectkit.results import AssessmentTable

ROOT = Path(__file__).parent.parent
MINIMUM = 4.5
"""WCAG 2 AA for normal text: every word of every output must reach it."""


def chromium() -> str | None:
    """Return a headless-capable Chromium or Chrome binary on the path, or ``None``."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


pytestmark = pytest.mark.skipif(chromium() is None, reason="no Chromium on this machine")

_HEX = [f"[{int(c[1:3], 16)},{int(c[3:5], 16)},{int(c[5:7], 16)}]" for c in TINTS]
_INK = f"[{int(INK[1:3], 16)},{int(INK[3:5], 16)},{int(INK[5:7], 16)}]"

SCRIPT = """
(function () {
  const TINTS = [TINTS_HERE], INK = INK_HERE;
  function rgba(text) {
    const m = /rgba?\\(([^)]+)\\)/.exec(text || "");
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function lum(c) {
    const f = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function ratio(a, b) {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function over(top, under) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]);
  }
  function background(el) {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  }
  const result = {};
  document.querySelectorAll("[data-output]").forEach(box => {
    let worst = [99, "", "", ""];
    box.querySelectorAll("*").forEach(el => {
      const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest("title, desc, style") || !el.getClientRects().length) return;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") return;
      let grounds, colour;
      if (el instanceof SVGElement) {
        colour = rgba(style.fill);
        const ink = colour && colour.slice(0, 3).every((v, i) => Math.abs(v - INK[i]) < 2);
        const page = background(el.closest("svg").parentElement);
        grounds = ink ? TINTS.map(t => t.concat([1])) : [page];
      } else {
        colour = rgba(style.color);
        grounds = [background(el)];
      }
      if (!colour) return;
      grounds.forEach(ground => {
        const r = ratio(over(colour, ground), ground);
        const text = el.textContent.trim().slice(0, 60);
        if (r < worst[0]) worst = [r, text, style.color, String(ground)];
      });
    });
    result[box.dataset.output] = worst;
  });
  const out = document.createElement("pre");
  out.id = "ik-result";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
""".replace("TINTS_HERE", ",".join(_HEX)).replace("INK_HERE", _INK)

BACKGROUNDS = {
    "light": ('style="background:#ffffff;color:#111111"', []),
    "dark": ('style="background:#111111;color:#e0e0e0"', []),
    "jupyterlab-dark": (
        'data-jp-theme-light="false" style="background:#111111;color:#e0e0e0"',
        [],
    ),
    "vscode-dark": ('class="vscode-dark" style="background:#1f1f1f;color:#cccccc"', []),
    "dark-scheme": ('style="background:#111111;color:#e0e0e0"', ["--force-dark-mode"]),
}


@functools.cache
def outputs() -> dict[str, str]:
    """Every HTML output of the examples: reports, notebook views, tables, groups, timelines."""
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    before, after = (
        inspectkit.assess(framework, inspectkit.load_evidence(ROOT / "examples" / name))
        for name in ("riverside-2026-06.toml", "riverside-nearly-good.toml")
    )
    group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess()
    table = inspectkit.assess_table(framework, ROOT / "examples" / "borough-centres.csv")
    what_if = before.what_if({"supervision_checks_case_files": True})
    return {
        "report": before.to_html(target="good"),
        "notebook": before._repr_html_(),
        "what-if": what_if._repr_html_(),
        "table": table.to_html(),
        "group": group.to_html(),
        "comparison": inspectkit.compare(before, after).to_html(),
        "timeline": inspectkit.timeline([before, after]).to_html(),
        "gap-list": before.gaps("good")._repr_html_(),
        "lift-plan": before.lift_plan("good")._repr_html_(),
        "judgement": before.judgements["leadership"]._repr_html_(),
        "framework": framework._repr_html_(),
        "evidence": before.evidence._repr_html_(),
        "batch": AssessmentTable(framework, [before, after]).to_html(),
    }


def _inner(page: str) -> str:
    """A whole page's style and body, as a block to put in the harness; a fragment as is."""
    if not page.lstrip().startswith("<!DOCTYPE"):
        return page
    style = re.search(r"<style>.*?</style>", page, flags=re.S)
    body = re.search(r"<body>(.*)</body>", page, flags=re.S)
    assert style is not None
    assert body is not None
    return style.group(0) + body.group(1)


@functools.cache
def contrast(background: str, tmp: Path) -> dict[str, Any]:
    """Render every output on *background* in Chromium; return each output's worst contrast."""
    body, flags = BACKGROUNDS[background]
    boxes = "".join(
        f'<div data-output="{name}">{_inner(page)}</div>' for name, page in outputs().items()
    )
    harness = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>harness</title>'
        f"</head><body {body}>{boxes}<script>{SCRIPT}</script></body></html>"
    )
    path = tmp / f"harness-{background}.html"
    path.write_text(harness, encoding="utf-8")
    binary = chromium()
    assert binary is not None
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", *flags, "--dump-dom"]
    done = subprocess.run(
        [*command, path.as_uri()], capture_output=True, text=True, timeout=120, check=False
    )
    found = re.search(r'<pre id="ik-result">(.*?)</pre>', done.stdout, flags=re.S)
    assert found is not None, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chromium")


class TestContrast:
    @pytest.mark.parametrize("background", sorted(BACKGROUNDS))
    def test_every_output_reads_on_the_background(self, background: str, folder: Path) -> None:
        """All text of every HTML output reaches 4.5:1 against what it is painted on."""
        found = contrast(background, folder)
        assert sorted(found) == sorted(outputs())
        poor = {name: worst for name, worst in found.items() if worst[0] < MINIMUM}
        assert poor == {}

    def test_a_dark_theme_gives_a_dark_report(self, folder: Path) -> None:
        """On JupyterLab's dark theme the report is light text, not a white card."""
        assert contrast("jupyterlab-dark", folder)["notebook"][0] >= MINIMUM
        page = outputs()["notebook"]
        assert 'body[data-jp-theme-light="false"] .ik-report' in page


class TestHarness:
    def test_the_check_can_fail(self, folder: Path) -> None:
        """Grey text on a grey page is reported, so a pass is not the harness saying nothing."""
        outputs()  # the harness shares the cache; a poor output of its own goes in by hand
        body, _ = BACKGROUNDS["light"]
        poor = '<div data-output="poor"><p style="color:#999;background:#aaa">faint</p></div>'
        path = folder / "poor.html"
        path.write_text(
            f"<!DOCTYPE html><html><body {body}>{poor}<script>{SCRIPT}</script></body></html>",
            encoding="utf-8",
        )
        binary = chromium()
        assert binary is not None
        done = subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        found = re.search(r'<pre id="ik-result">(.*?)</pre>', done.stdout, flags=re.S)
        assert found is not None
        assert json.loads(html.unescape(found.group(1)))["poor"][0] < MINIMUM


class TestPrint:
    def test_the_report_prints_on_a4(self, folder: Path) -> None:
        """Chromium prints the report on A4 pages (595 x 842 points), whatever its default."""
        path = folder / "report.html"
        path.write_text(outputs()["report"], encoding="utf-8")
        pdf = folder / "report.pdf"
        binary = chromium()
        assert binary is not None
        subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                path.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
        assert boxes
        assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}
