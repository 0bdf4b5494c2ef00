"""The result models a plain assessment never builds, read through `inspectkit.results`.

Why a package of their own: `inspectkit assess FILE` pays at start-up for every attrs class
defined on its path (attrs writes and compiles each class's methods), and the group, progress,
calibration and table results are about a fifth of them (the what-if, movement, status and
finding-gap results a tenth more). Each lives here in the module of its
use case and is loaded the first time its name is read from `inspectkit.results` or
`inspectkit` (PEP 562), so the public import paths stay those of `inspectkit.results`, where
the reference documents them. Import them from there, not from here.
"""
