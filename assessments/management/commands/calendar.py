"""`python manage.py calendar PARTNERSHIP [--ics] [--year YYYY]` (DESIGN.md contract): the
partnership's P&C moments and the due dates of its open rounds."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from assessments.calendar_feed import calendar_bytes, feed_range
from assessments.calendar_items import items_between
from partnerships.commands import partnership_argument
from partnerships.pc_calendar import (
    MSG_YEAR,
    evaluation_text,
    evaluation_warning,
    long_date,
    year_in_range,
)


class Command(BaseCommand):
    help = (
        "Toont de P&C-kalender van een samenwerkingsverband: de momenten en de einddatums van "
        "open evaluatierondes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("partnership", help="naam of id van het samenwerkingsverband")
        parser.add_argument(
            "--ics", action="store_true", help="schrijf de kalender als iCalendar (.ics)"
        )
        parser.add_argument(
            "--year",
            help="alleen dit jaar (standaard: vorig jaar tot en met over twee jaar)",
        )

    def handle(self, *args: object, **options: object) -> None:
        partnership = partnership_argument(options["partnership"])
        start, end = feed_range(timezone.localdate())
        if options["year"] is not None:
            text = str(options["year"]).strip()
            if not text.isascii() or not text.isdigit() or not year_in_range(int(text)):
                raise CommandError(f"Onbekend jaar '{text}'. {MSG_YEAR}")
            start, end = date(int(text), 1, 1), date(int(text), 12, 31)
        items = items_between([partnership], start, end)
        if options["ics"]:
            body = calendar_bytes(items, name=f"Regiespiegel: {partnership.name}")
            self.stdout.write(body.decode("utf-8"), ending="")
            return
        self.stdout.write(f"P&C-kalender van {partnership.name}, {start.year}–{end.year}")
        self.stdout.write(f"Evaluatie: {evaluation_text(partnership)}.")
        warning = evaluation_warning(partnership)
        if warning:
            self.stdout.write(f"Let op: {warning}")
        self.stdout.write("")
        for item in items:
            self.stdout.write(f"{long_date(item.date):>18}  {item.title}  [{item.source}]")
        if not items:
            self.stdout.write("Geen momenten in deze periode.")
