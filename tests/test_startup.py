"""What `import inspectkit` and a plain assessment load (issue 15: a fast start).

Each check runs in a fresh interpreter, so modules other tests imported cannot hide a regression.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside-2026-06.toml"

# Modules only rare paths need: writing a framework back out (cattrs), looking up frameworks
# installed by other packages or printing the version (importlib.metadata).
RARE = ("cattrs", "importlib.metadata")


def loaded_after(code: str) -> set[str]:
    """Return the names of the modules loaded after running *code* in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


class TestStartup:
    def test_import_loads_no_rare_module(self) -> None:
        """A plain `import inspectkit` loads neither cattrs nor importlib.metadata."""
        assert loaded_after("import inspectkit") & set(RARE) == set()

    def test_assessing_a_bundled_framework_loads_no_rare_module(self) -> None:
        """Assessing evidence against a bundled framework loads neither cattrs nor metadata."""
        code = (
            "import inspectkit\n"
            f"evidence = inspectkit.load_evidence({str(EXAMPLE)!r})\n"
            "framework = inspectkit.load_framework(evidence.framework)\n"
            "print(inspectkit.assess(framework, evidence).to_text())"
        )
        assert loaded_after(code) & set(RARE) == set()

    def test_version_still_reads_the_metadata(self) -> None:
        """`inspectkit.__version__` still comes from the installed package's metadata."""
        assert "importlib.metadata" in loaded_after("import inspectkit; inspectkit.__version__")
