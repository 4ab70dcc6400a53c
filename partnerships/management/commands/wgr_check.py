"""`python manage.py wgr_check PARTNERSHIP [--json]` (DESIGN.md contract): the check of the
regeling against the Wgr's own duties, apart from the Gids."""

import json

from django.core.management.base import BaseCommand, CommandParser

from partnerships.commands import partnership_argument
from partnerships.wgr_services import wgr_check_for


class Command(BaseCommand):
    help = "Toont of de regeling van een samenwerkingsverband heeft wat de Wgr vraagt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("partnership", help="naam of id van het samenwerkingsverband")
        parser.add_argument("--json", action="store_true", help="schrijf het resultaat als JSON")

    def handle(self, *args: object, **options: object) -> None:
        partnership = partnership_argument(options["partnership"])
        check = wgr_check_for(partnership)
        if options["json"]:
            self.stdout.write(json.dumps(check.as_json(), ensure_ascii=False, indent=2))
            return

        self.stdout.write(f"{partnership.name} — {partnership.get_legal_form_display()}")
        self.stdout.write("Wettelijk verplicht (Wgr); telt niet mee in de score van de Gids.\n")
        if not check.applies:
            self.stdout.write(check.summary)
            return
        width = max(len(c.label) for c in check.clauses)
        self.stdout.write(f"{'Onderdeel':<{width}}  {'Staat erin':<10}  Artikel")
        self.stdout.write("-" * (width + 24))
        for clause in check.clauses:
            mark = " (mag, hoeft niet)" if not clause.required else ""
            self.stdout.write(
                f"{clause.label:<{width}}  {clause.status:<10}  {clause.article or '—'}{mark}"
            )
        for rule in check.not_applicable:
            self.stdout.write(f"{rule.label:<{width}}  {'geldt niet':<10}  {rule.reason}")
        self.stdout.write("")
        self.stdout.write(check.summary)
