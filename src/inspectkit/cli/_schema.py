"""``inspectkit schema NAME``: print a JSON Schema for one of inspectkit's file formats.

The names come from `inspectkit.schema.SCHEMAS`, so a new schema needs only an entry there.
"""

from __future__ import annotations

import argparse
import json

from inspectkit.cli import EXIT_OK, EXIT_USAGE
from inspectkit.cli._output import Inputs, add_output_options, emit, say

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
        metavar="ID_OR_PATH",
        help="for the evidence schema: know this framework's criteria and the values each takes",
    )
    add_output_options(schema, (), None)
    schema.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from inspectkit.schema import SCHEMAS

    if args.framework is not None:
        if args.name != "evidence":
            say("inspectkit: --framework applies only to the evidence schema")
            return EXIT_USAGE
        from inspectkit.cli._assess import load_framework_arg
        from inspectkit.schema import evidence_schema

        inputs = Inputs()
        framework = load_framework_arg(args.framework, inputs)
        emit(json.dumps(evidence_schema(framework), indent=2) + "\n", args.output, inputs=inputs)
        return EXIT_OK
    emit(json.dumps(SCHEMAS[args.name](), indent=2) + "\n", args.output)
    return EXIT_OK
