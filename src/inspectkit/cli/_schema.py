"""``inspectkit schema NAME``: print a JSON Schema for one of inspectkit's file formats.

The names come from `inspectkit.schema.SCHEMAS`, so a new schema needs only an entry there.
"""

from __future__ import annotations

import argparse
import json

from inspectkit.cli import EXIT_OK

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command to *commands*."""
    from inspectkit.schema import SCHEMAS

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a file format, for editors and tools"
    )
    schema.add_argument("name", choices=sorted(SCHEMAS), help="which schema")
    schema.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from inspectkit.schema import SCHEMAS

    print(json.dumps(SCHEMAS[args.name](), indent=2))
    return EXIT_OK
