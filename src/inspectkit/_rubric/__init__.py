"""The rubric models a plain assessment never builds, read through `inspectkit.rubric`.

Why a package of their own: `inspectkit assess FILE` pays at start-up for every attrs class
defined on its path (attrs writes and compiles each class's ``__init__``), and derived statuses,
provisions, second scales, lineage changes and accuracy records are parts only some frameworks
have. Each is defined here and loaded the first time its name is read from `inspectkit.rubric`
or `inspectkit` (PEP 562), or when a framework that has one is loaded, so the public import
paths stay those of `inspectkit.rubric`, where the reference documents them. Import them from
there, not from here.
"""
