"""Rounds with several respondents: invitations, reminders, side by side, next round, trends.

`services` writes (open a round, remind, start the next round, confirm taken-over answers),
`mail` builds the reminder e-mails, `selectors` and `trends` read (the round page, the side
by side comparison, the trends), `exports` is the `export_round` JSON, and `labels` holds the
Dutch labels and formats they share.
"""
