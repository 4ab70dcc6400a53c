"""The paragraaf verbonden partijen (BBV art. 15) of one organisation and year: `content`
builds it as plain data (the BBV facts from partnerships, with each party's latest governance
score and largest gaps), `docx` and `xlsx` write it, `views` serves it."""
