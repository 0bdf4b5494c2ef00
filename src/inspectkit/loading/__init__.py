"""Loading and checking frameworks and evidence: TOML -> structured data -> checked models.

Everything here fails closed: an input either becomes a fully checked model or raises one
`inspectkit.errors.InspectkitError` listing every problem found.
"""

# Nothing runs at import: each name below is read from its module on first use (PEP 562), so
# loading one evidence file never imports the group, table, template or schema readers.
TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
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
    from inspectkit.loading._listing import FrameworkInfo, list_frameworks
    from inspectkit.loading._registry import ENTRY_POINT_GROUP
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

_MODULE_OF: dict[str, str] = {
    "framework_to_dict": "inspectkit.loading._dump",
    "evidence_from_values": "inspectkit.loading._evidence",
    "load_evidence": "inspectkit.loading._evidence",
    "loads_evidence": "inspectkit.loading._evidence",
    "parse_cli_value": "inspectkit.loading._evidence",
    "parse_entry": "inspectkit.loading._evidence",
    "parse_evidence": "inspectkit.loading._evidence",
    "evidence_schema": "inspectkit.loading._evidence_schema",
    "DEFAULT_MAX_BYTES": "inspectkit.loading._files",
    "TABLE_MAX_BYTES": "inspectkit.loading._files",
    "read_limits": "inspectkit.loading._files",
    "load_framework": "inspectkit.loading._framework",
    "loads_framework": "inspectkit.loading._framework",
    "parse_framework": "inspectkit.loading._framework",
    "load_group": "inspectkit.loading._group",
    "loads_group": "inspectkit.loading._group",
    "parse_group": "inspectkit.loading._group",
    "CODES": "inspectkit.loading._issues",
    "EVIDENCE_CODES": "inspectkit.loading._issues",
    "ENTRY_POINT_GROUP": "inspectkit.loading._registry",
    "FrameworkInfo": "inspectkit.loading._listing",
    "list_frameworks": "inspectkit.loading._listing",
    "load_evidence_table": "inspectkit.loading._table",
    "evidence_template": "inspectkit.loading._template",
}
"""The module each name is read from, the first time it is used."""

if not TYPE_CHECKING:
    from inspectkit._lazy import lazy_attributes

    __getattr__, __dir__ = lazy_attributes(__name__, _MODULE_OF, globals())
    del lazy_attributes
