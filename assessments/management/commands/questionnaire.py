"""`python manage.py questionnaire PARTNERSHIP --perspective P [--json]` (DESIGN.md contract):
the applicable items a perspective answers as its questions, and those it may skip."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bodies import perspective_name
from assessments.questionnaire.question_sets import ALL_PERSPECTIVES, question_set
from partnerships.commands import partnership_argument
from partnerships.selectors import applicability_for
from principles.models import Framework
from principles.selectors import question_texts


class Command(BaseCommand):
    help = "Toont de vragen van één perspectief voor een samenwerkingsverband."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("partnership", help="naam of id van het samenwerkingsverband")
        parser.add_argument(
            "--perspective",
            required=True,
            help="perspectief: " + ", ".join(ALL_PERSPECTIVES),
        )
        parser.add_argument("--json", action="store_true", help="schrijf het resultaat als JSON")

    def handle(self, *args: object, **options: object) -> None:
        perspective = str(options["perspective"]).strip().lower()
        if perspective not in ALL_PERSPECTIVES:
            raise CommandError(
                f"Onbekend perspectief '{options['perspective']}'. "
                f"Kies uit: {', '.join(ALL_PERSPECTIVES)}."
            )
        partnership = partnership_argument(options["partnership"])
        framework = Framework.objects.filter(is_current=True).first()
        if framework is None:
            raise CommandError(
                "De Gids is nog niet geladen. Draai eerst: python manage.py load_gids"
            )
        questions = question_texts(framework_id=framework.pk)
        result = question_set(applicability_for(partnership, framework), perspective)

        def rows(codes: tuple[str, ...]) -> list[dict[str, str]]:
            return [{"id": code, "question": questions.get(code, "")} for code in codes]

        if options["json"]:
            data = {
                "partnership": partnership.name,
                "perspective": perspective,
                "items": rows(result.items),
                "optional": rows(result.optional),
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return

        label = perspective_name(perspective)
        self.stdout.write(f"{partnership.name} — vragen voor: {label}\n")
        self.stdout.write(f"Uw vragen ({len(result.items)}):")
        for row in rows(result.items):
            self.stdout.write(f"  {row['id']:<6} {row['question']}")
        if result.optional:
            self.stdout.write(
                f"\nDeze vragen mag u beantwoorden, maar u kunt ze ook overslaan "
                f"({len(result.optional)}):"
            )
            for row in rows(result.optional):
                self.stdout.write(f"  {row['id']:<6} {row['question']}")
