"""The reminders ``send_reminders`` sends by itself, each once: rules.py decides which are due
on a day (pure), services.py finds them in the database and sends and logs each one, mail.py
holds the texts."""
