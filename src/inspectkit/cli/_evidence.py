"""The ``inspectkit template`` command: write a commented evidence file for a framework."""

from __future__ import annotations

import argparse
from pathlib import Path

from inspectkit.cli._output import STDIO, Inputs, add_output_options, emit, say

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``template`` command to *commands*."""
    parser = commands.add_parser(
        "template",
        help="write a commented evidence file for a framework, ready to fill in",
        description=(
            "Write an evidence file for a framework: every criterion, judgement by judgement, "
            "with what to collect, the value forms it accepts, its thresholds and an example "
            "line to uncomment."
        ),
    )
    parser.add_argument(
        "framework", metavar="ID_OR_PATH", help="a framework id or a TOML file ('-': stdin)"
    )
    add_output_options(parser, (), None)
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists already")
    parser.set_defaults(handler=_template)


def _template(args: argparse.Namespace) -> int:
    from inspectkit.cli import EXIT_BAD_INPUT, EXIT_OK
    from inspectkit.cli._assess import load_framework_arg
    from inspectkit.loading._template import evidence_template

    inputs = Inputs()
    text = evidence_template(load_framework_arg(args.framework, inputs))
    if args.output not in (None, STDIO) and Path(args.output).exists() and not args.force:
        say(f"inspectkit: {args.output} exists already; use --force to overwrite it")
        return EXIT_BAD_INPUT
    emit(text, args.output, inputs=inputs)
    return EXIT_OK
