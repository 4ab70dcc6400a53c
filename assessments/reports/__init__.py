"""The reports: a PDF on one respondent's assessment, and the council report on a round.

Everything a report shows is computed first and fully materialised, then rendered:

- `assessment_report.build_assessment_report(assessment)` and
  `round_report.build_round_report(round_)` run every query (a constant number, whatever
  the size of the round) and return the frozen dataclasses of `content`; the templates in
  templates/assessments/report/ only read attributes, so rendering never touches the
  database.
- `sections` builds the chapters both reports share, `findings` the gaps and differences of
  view, `selectors` makes the reads besides the scores (which come from
  `assessments.scores`, the same numbers as the pages and the exports), and `labels`
  formats numbers and dates in Dutch ("62,5%", "1 februari 2026"), so the page, the PDF and
  the tests see exactly the same text.
- `render.render_report(report)` is the single way to a PDF (through `pdf`, with the charts
  of `charts`); the web views (`views`) and the `render_report` command both call it, so they
  serve the same bytes.
"""
