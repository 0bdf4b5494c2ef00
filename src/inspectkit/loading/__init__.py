"""Loading and checking frameworks and evidence: TOML -> structured data -> checked models.

Everything here fails closed: an input either becomes a fully checked model or raises one
`inspectkit.errors.InspectkitError` listing every problem found.
"""

from inspectkit.loading._framework import CODES, loads_framework, parse_framework
from inspectkit.loading._registry import (
    ENTRY_POINT_GROUP,
    FrameworkInfo,
    list_frameworks,
    load_framework,
)

__all__ = [
    "CODES",
    "ENTRY_POINT_GROUP",
    "FrameworkInfo",
    "list_frameworks",
    "load_framework",
    "loads_framework",
    "parse_framework",
]
