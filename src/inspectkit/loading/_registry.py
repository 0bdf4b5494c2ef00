"""Where frameworks come from: bundled files, installed packages, and paths.

This module only *finds* framework files; `inspectkit.loading._listing` reads the title, version
and status that `list_frameworks` shows, and `inspectkit.loading._framework` reads and checks
them.

**Bundled** frameworks are the ``frameworks/*.toml`` files of the repository. The wheel ships
them as ``inspectkit/frameworks/``; in a source or editable checkout, where that directory does
not exist inside the package, the repository's own ``frameworks/`` is used. A file's id is its
name without ``.toml``.

**Installed** frameworks come from other distributions through the entry-point group
``inspectkit.frameworks``. The contract: an entry point's *value* names a package and,
optionally, a resource inside it, ``"package.sub:resource"``; the resource is a directory of
``*.toml`` files or one ``.toml`` file (``resource`` may contain ``/``). For example, in the
plug-in's ``pyproject.toml``::

    [project.entry-points."inspectkit.frameworks"]
    my_council = "my_council_rubrics:frameworks"

Loading never runs a plug-in's code. The entry point is *not* loaded (``EntryPoint.load()``
would import the plug-in's modules and run them); instead its value is parsed, the top-level
package is located with `importlib.util.find_spec` (which finds a top-level package without
importing it), and the resource path is resolved below the package's directory. The entry
point's *name* is only a label; frameworks are known by their file names. Where a bundled and
an installed framework share an id, the bundled one wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ENTRY_POINT_GROUP",
    "bundled_dir",
    "find_framework_file",
    "is_path_reference",
    "known_ids",
]

ENTRY_POINT_GROUP = "inspectkit.frameworks"
"""The entry-point group through which installed packages offer frameworks."""


def bundled_dir() -> Path:
    """Return the directory of bundled framework files (inside the wheel or the checkout)."""
    from pathlib import Path

    return Path(_bundled_folder())


def _bundled_folder() -> str:
    """`bundled_dir` as a string, found without pathlib (a plain assessment never imports it)."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    shipped = os.path.join(package, "frameworks")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(package)), "frameworks")


def _toml_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.iterdir() if p.suffix == ".toml" and p.is_file())
    except OSError:
        return []


def _installed_files() -> Iterator[Path]:
    # Imported here: importlib.metadata costs a plain `import inspectkit` more than a bundled
    # framework's whole load, and only a lookup that reaches installed packages needs it
    # (importlib.util too: the installed `inspectkit` command never imports it otherwise).
    import importlib.util
    from importlib.metadata import entry_points
    from pathlib import Path

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        module, _, resource = entry.value.partition(":")
        parts = [part.strip() for part in module.strip().split(".") if part.strip()]
        if not parts:
            continue
        try:
            spec = importlib.util.find_spec(parts[0])
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            target = Path(location, *parts[1:], *resource.strip().split("/"))
            if target.is_dir():
                yield from _toml_files(target)
            elif target.suffix == ".toml" and target.is_file():
                yield target


def _all_files() -> dict[str, tuple[str, Path]]:
    found: dict[str, tuple[str, Path]] = {}
    for path in _installed_files():
        found.setdefault(path.stem, ("installed", path))
    for path in _toml_files(bundled_dir()):
        found[path.stem] = ("bundled", path)
    return found


def is_path_reference(text: str) -> bool:
    """Return whether an ``extends`` value or a CLI argument names a file rather than an id."""
    return text.endswith(".toml") or "/" in text or "\\" in text


def find_framework_file(framework_id: str) -> str | Path | None:
    """Return the file of the bundled or installed framework *framework_id*, if any.

    A bundled file is returned as a string path: finding it needs no pathlib, which a plain
    assessment then never imports (about 4% of ``inspectkit assess FILE``'s instructions).
    """
    bundled = os.path.join(_bundled_folder(), f"{framework_id}.toml")
    if os.path.isfile(bundled):
        return bundled
    entry = _all_files().get(framework_id)
    return entry[1] if entry else None


def known_ids() -> list[str]:
    """Return the ids of every bundled and installed framework, sorted."""
    return sorted(_all_files())
