"""`python manage.py export_round ID [--json]`: a round's statistics over its submitted assessments."""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from assessments.models import AssessmentRound
from assessments.rounds.exports import round_export


class Command(BaseCommand):
    help = "Exporteert de uitkomsten van een evaluatieronde (alleen ingediende zelfevaluaties)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("id", type=int, help="Het nummer (id) van de ronde.")
        parser.add_argument("--json", action="store_true", help="Schrijf de uitkomsten als JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            round_ = AssessmentRound.objects.select_related("partnership", "framework").get(
                pk=options["id"]
            )
        except AssessmentRound.DoesNotExist as exc:
            raise CommandError(f"Ronde {options['id']} bestaat niet.") from exc
        data = round_export(round_)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Ronde {data['id']}: {data['partnership']}, periode {data['period']} — "
            f"{len(data['assessments'])} ingediende zelfevaluatie(s)"
        )
        overall = data["overall_pct"]
        self.stdout.write(f"Totaalscore: {'—' if overall is None else f'{overall}%'}")
        for theme in data["themes"]:
            pct = theme["score_pct"]
            self.stdout.write(f"  {theme['code']:<4} {'—' if pct is None else f'{pct}%'}")
        divergent = [i for i in data["items"] if i["divergent"]]
        if divergent:
            self.stdout.write("Verschillen van inzicht (spreiding 2 of meer):")
            # a divergent item always has a spread; `or 0` only tells the type checker
            for item in sorted(divergent, key=lambda i: (-(i["spread"] or 0), i["id"])):
                self.stdout.write(
                    f"  {item['id']:<7} spreiding {item['spread']} "
                    f"(laagste {item['min']}, hoogste {item['max']}, gemiddeld {item['mean']})"
                )
