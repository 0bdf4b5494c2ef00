"""The evidence models a plain assessment never builds, read through `inspectkit.evidence`.

Why a package of their own: as `inspectkit._rubric` and `inspectkit._results`: a plain
``inspectkit assess FILE`` pays at start-up for every attrs class defined on its path. Import
them from `inspectkit.evidence` (or `inspectkit`), not from here.
"""
