"""The frameworks that load by id, as `list_frameworks` shows them: `FrameworkInfo`.

Kept apart from `inspectkit.loading._registry`, which finds the files: every assessment finds
its framework's file there, and only a listing needs this record, so a plain assessment never
defines it (issue 15: a fast start).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import tomli

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.loading import _registry
from inspectkit.loading._files import read_bytes

__all__ = ["FrameworkInfo", "list_frameworks"]


@attrs.frozen
class FrameworkInfo:
    """A framework that can be loaded by id, as `list_frameworks` reports it.

    Attributes:
        id: The id to pass to `load_framework` (the file name without ``.toml``).
        title: The framework's title, or ``""`` if the file could not be read.
        version: Its version string, or ``""``.
        status: ``current``, ``historical``, or ``invalid`` when the file is not valid TOML.
        origin: ``bundled`` (shipped with inspectkit) or ``installed`` (an entry point).
        path: The file.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    version: str
    status: str
    origin: str
    path: Path


def _info(framework_id: str, origin: str, path: Path) -> FrameworkInfo:
    try:
        data: dict[str, Any] = tomli.loads(read_bytes(path).decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # ValueError: Unicode, TOML, long integers
        return FrameworkInfo(framework_id, "", "", "invalid", origin, path)

    def text(key: str, default: str = "") -> str:
        value = data.get(key, default)
        return value if isinstance(value, str) else default

    return FrameworkInfo(
        framework_id, text("title"), text("version"), text("status", "current"), origin, path
    )


def list_frameworks() -> list[FrameworkInfo]:
    """Return every framework that loads by id, bundled and installed, sorted by id.

    Only each file's title, version and status are read; a file is fully checked when it is
    loaded (or by ``inspectkit check``).
    """
    return [
        _info(framework_id, origin, path)
        for framework_id, (origin, path) in sorted(_registry._all_files().items())
    ]
