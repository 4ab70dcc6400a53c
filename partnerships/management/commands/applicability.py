"""`python manage.py applicability PARTNERSHIP [--json]` (DESIGN.md contract)."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerships.commands import partnership_argument
from partnerships.selectors import applicability_for
from principles.models import Framework


class Command(BaseCommand):
    help = "Toont welke thema's en aanbevelingen van de Gids gelden voor een samenwerkingsverband."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("partnership", help="naam of id van het samenwerkingsverband")
        parser.add_argument("--json", action="store_true", help="schrijf het resultaat als JSON")

    def handle(self, *args: object, **options: object) -> None:
        partnership = partnership_argument(options["partnership"])
        framework = Framework.objects.filter(is_current=True).first()
        if framework is None:
            raise CommandError(
                "De Gids is nog niet geladen. Draai eerst: python manage.py load_gids"
            )
        result = applicability_for(partnership, framework)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return

        self.stdout.write(f"{partnership.name} — {partnership.get_legal_form_display()}")
        self.stdout.write(f"Getoetst aan deel {result.part} van {framework}.\n")
        width = max(len(t.code) for t in result.themes) if result.themes else 3
        self.stdout.write(f"{'Thema':<{width}}  {'Geldt':<5}  Aanbevelingen / reden")
        self.stdout.write("-" * 78)
        for theme in result.themes:
            if theme.applies:
                items = ", ".join(theme.items) or "—"
                self.stdout.write(f"{theme.code:<{width}}  {'ja':<5}  {items}")
            else:
                self.stdout.write(f"{theme.code:<{width}}  {'nee':<5}  {theme.reason}")
        if result.excluded_items:
            self.stdout.write("\nAanbevelingen die niet gelden:")
            for item in result.excluded_items:
                self.stdout.write(f"  {item.id} (thema {item.theme}): {item.reason}")
        total = len(result.item_pairs())
        self.stdout.write(
            f"\n{len(result.applicable_themes())} thema's gelden, met samen {total} aanbevelingen."
        )
