"""`python manage.py send_reminders [--today YYYY-MM-DD] [--dry-run]` (DESIGN.md contract):
send the reminders that are due, each once. Meant to run daily (docs/operations.md); the
last line is always `N herinneringen verstuurd`."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from assessments.reminders.services import due_reminders, send_reminders

SENT = "{n} herinneringen verstuurd"


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--today '{text}' is geen datum als 2026-03-01.") from exc


class Command(BaseCommand):
    help = "Verstuurt de herinneringen die vandaag aan de beurt zijn, elk één keer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="doe alsof het deze dag is (JJJJ-MM-DD); standaard vandaag",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="laat zien wat verstuurd zou worden, zonder iets te versturen of vast te leggen",
        )

    def handle(self, *args: object, **options: object) -> None:
        today = options["today"] or timezone.localdate()
        assert isinstance(today, datetime.date)
        reminders = due_reminders(today)
        if options["dry_run"]:
            for reminder in reminders:
                self.stdout.write(f"Zou versturen aan {reminder.recipient}: {reminder.line}")
            n = len(reminders)
            self.stdout.write(
                f"{n} herinnering{'' if n == 1 else 'en'} zou{'' if n == 1 else 'den'} "
                "worden verstuurd (proefdraai: er is niets verstuurd of vastgelegd)."
            )
            self.stdout.write(SENT.format(n=0))
            return
        result = send_reminders(reminders, today)
        for reminder in result.sent:
            self.stdout.write(f"Verstuurd aan {reminder.recipient}: {reminder.line}")
        for reminder, error in result.failed:
            self.stderr.write(
                f"Mislukt aan {reminder.recipient}: {reminder.line} — {error}. "
                "De volgende keer wordt het opnieuw geprobeerd."
            )
        self.stdout.write(SENT.format(n=len(result.sent)))
        if result.failed:
            n = len(result.failed)
            raise CommandError(
                f"{n} herinnering{'' if n == 1 else 'en'} kon{'' if n == 1 else 'den'} "
                "niet worden verstuurd.",
                returncode=1,
            )
