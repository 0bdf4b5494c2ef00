"""Loading and checking frameworks and evidence: TOML -> structured data -> checked models.

Everything here fails closed: an input either becomes a fully checked model or raises one
`inspectkit.errors.InspectkitError` listing every problem found.
"""
