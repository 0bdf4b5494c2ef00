"""Sphinx configuration: the Markdown pages in docs/ (MyST) and API pages from the docstrings.

Why Sphinx with MyST rather than MkDocs: MkDocs itself has had no release since August 2024 and
its best-known theme is in maintenance mode, while Sphinx, MyST-Parser and Furo are maintained
and autodoc reads the package's Google-style docstrings (napoleon) without another plugin. The
pages stay plain Markdown, so GitHub renders them too and tests/test_docs.py runs their code.

Build (warnings are errors, as in .ci/run):

    python -m sphinx -W --keep-going -b html docs build/docs
"""

from __future__ import annotations

import inspectkit

project = "inspectkit"
author = "the inspectkit developers"
copyright = "the inspectkit developers"
release = inspectkit.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "build"]
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Attributes sections become fields of their class, not separate entries that autodoc repeats.
napoleon_use_ivar = True

# Single backticks in docstrings name Python objects and link to them where documented.
default_role = "py:obj"

html_theme = "furo"
html_title = "inspectkit"
