"""Run the command line as ``python -m inspectkit``."""

from inspectkit.cli import run

run()
