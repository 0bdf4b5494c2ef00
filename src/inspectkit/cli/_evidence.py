"""The ``inspectkit template`` command: write a commented evidence file for a framework."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    parser.add_argument("framework", metavar="ID|PATH", help="a framework id or a TOML file")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists already")
    parser.set_defaults(handler=_template)


def _template(args: argparse.Namespace) -> int:
    from inspectkit.cli import EXIT_BAD_INPUT, EXIT_OK
    from inspectkit.loading._template import evidence_template

    text = evidence_template(args.framework)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.output)
    if path.exists() and not args.force:
        print(f"inspectkit: {path} exists already; use --force to overwrite it", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"inspectkit: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK
