"""Loading and checking frameworks and evidence: TOML -> structured data -> checked models.

Everything here fails closed: an input either becomes a fully checked model or raises one
`inspectkit.errors.InspectkitError` listing every problem found.
"""

from inspectkit.loading._dump import framework_to_dict
from inspectkit.loading._evidence import (
    evidence_from_values,
    load_evidence,
    loads_evidence,
    parse_cli_value,
    parse_entry,
    parse_evidence,
)
from inspectkit.loading._evidence_schema import evidence_schema
from inspectkit.loading._files import DEFAULT_MAX_BYTES, TABLE_MAX_BYTES, read_limits
from inspectkit.loading._framework import load_framework, loads_framework, parse_framework
from inspectkit.loading._group import load_group, loads_group, parse_group
from inspectkit.loading._issues import CODES, EVIDENCE_CODES
from inspectkit.loading._registry import ENTRY_POINT_GROUP, FrameworkInfo, list_frameworks
from inspectkit.loading._table import load_evidence_table
from inspectkit.loading._template import evidence_template

__all__ = [
    "CODES",
    "DEFAULT_MAX_BYTES",
    "ENTRY_POINT_GROUP",
    "EVIDENCE_CODES",
    "TABLE_MAX_BYTES",
    "FrameworkInfo",
    "evidence_from_values",
    "evidence_schema",
    "evidence_template",
    "framework_to_dict",
    "list_frameworks",
    "load_evidence",
    "load_evidence_table",
    "load_framework",
    "load_group",
    "loads_evidence",
    "loads_framework",
    "loads_group",
    "parse_cli_value",
    "parse_entry",
    "parse_evidence",
    "parse_framework",
    "parse_group",
    "read_limits",
]
