"""Run the command line as ``python -m inspectkit``."""

import sys

from inspectkit.cli import main

sys.exit(main())
