"""Council documents (raadsstukken): a raadsinformatiebrief, a raadsvoorstel and a zienswijze
for one round and one participating organisation, drafted from the round's findings, edited
in the browser and downloaded as Word (.docx) and as a tagged PDF.

- `facts.read_facts(round_, organisation)` makes every read (the same scores as
  `export_round`) and returns a finished `RoundFacts`;
- `content.build(kind, facts, options)` turns those facts into plain-Dutch sections (pure);
- `services` stores a draft per round, organisation and kind, with its history, and the
  organisation's own Word template;
- `word` fills a Word template (docxtpl), `word_templates` checks an uploaded one, `render`
  makes the .docx and the PDF (the web views and the `render_council_document` command
  both call it).
"""
