"""Renderers: one module per output format, each covering every result type.

- `inspectkit.render._data`: plain data. Dicts for JSON (one `SCHEMA_VERSION`, one JSON policy),
  flat records, CSV and pandas DataFrames of assessments, tables of units, groups, comparisons
  and timelines.
- `inspectkit.render.markdown`: Markdown reports of the same results.
- `inspectkit.render.html`: HTML pages and notebook fragments of the same results.
- `inspectkit.render.text`: an assessment as plain text for a terminal.
- `inspectkit.render._common`: what several formats say alike (gap lines, the lift plan as
  sentences, provenance, the words of a group or a comparison); the vocabulary underneath it
  (shares, numbers, grade words, the next grade up) is `inspectkit._words`.

Renderers take result objects and format them: nothing here loads files or scores evidence.
The results reach them through thin methods (``assessment.to_markdown()``, ``group.to_html()``,
``comparison.to_csv()``...) that import the module only when called, so importing inspectkit
stays light. The JSON Schemas of the JSON written here are served by `inspectkit.schema`.
"""
