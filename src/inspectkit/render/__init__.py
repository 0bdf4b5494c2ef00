"""Renderers: an `Assessment` as Markdown, HTML, plain text, records, CSV or a DataFrame.

Each output has its own module; `inspectkit.results.Assessment` reaches them through thin
methods (``assessment.to_markdown()``, ``assessment.to_html()``, ``assessment.to_csv()``...)
that import the module only when called, so importing inspectkit stays light.
"""
