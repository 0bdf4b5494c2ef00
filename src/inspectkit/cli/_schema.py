"""``inspectkit schema NAME``: print a JSON Schema for one of inspectkit's file formats.

The names come from `inspectkit.schema.SCHEMAS`, so a new schema needs only an entry there.
"""

from __future__ import annotations

import argparse
import json
import sys

from inspectkit.cli import EXIT_OK, EXIT_USAGE

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command to *commands*."""
    from inspectkit.schema import SCHEMAS

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a file format, for editors and tools"
    )
    schema.add_argument("name", choices=sorted(SCHEMAS), help="which schema")
    schema.add_argument(
        "--framework",
        metavar="ID|PATH",
        help="for the evidence schema: know this framework's criteria and the values each takes",
    )
    schema.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from inspectkit.schema import SCHEMAS

    if args.framework is not None:
        if args.name != "evidence":
            print("inspectkit: --framework applies only to the evidence schema", file=sys.stderr)
            return EXIT_USAGE
        from inspectkit.schema import evidence_schema

        print(json.dumps(evidence_schema(args.framework), indent=2))
        return EXIT_OK
    print(json.dumps(SCHEMAS[args.name](), indent=2))
    return EXIT_OK
