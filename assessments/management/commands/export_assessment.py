"""`python manage.py export_assessment ID [--json]`: one assessment's answers, scores, gaps and
next steps (DESIGN.md contract; the same numbers as the results page)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import Assessment
from assessments.presentation import term, value_label
from assessments.questionnaire.exports import assessment_json


class Command(BaseCommand):
    help = "Exporteert één zelfevaluatie: antwoorden, scores, verbeterpunten en vervolgstappen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int, help="Het nummer (id) van de zelfevaluatie.")
        parser.add_argument("--json", action="store_true", help="Schrijf de export als JSON.")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            assessment = Assessment.objects.select_related(
                "round__partnership", "round__framework", "participation__organisation"
            ).get(pk=options["id"])
        except Assessment.DoesNotExist as exc:
            raise CommandError(f"Zelfevaluatie {options['id']} bestaat niet.") from exc
        # A beheerder's command: the raad panel's answers go with it (DESIGN.md contract).
        data = assessment_json(assessment, with_panel=True)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return

        def pct(value: float | None) -> str:
            return "—" if value is None else f"{value}%"

        self.stdout.write(
            f"Zelfevaluatie {data['id']}: {data['partnership']}, {assessment.perspective_label} "
            f"({assessment.get_status_display().lower()})"
        )
        self.stdout.write(
            f"{term('total')}: {pct(data['overall_pct'])} · {term('answered').lower()}: "
            f"{pct(data['completeness_pct'])} · {term('target').lower()}: {data['target']}"
        )
        for theme in data["themes"]:
            self.stdout.write(
                f"  {theme['code']:<4} {pct(theme['score_pct']):>7}  "
                f"({theme['scored']} van {theme['applicable']} {term('scored').lower()})"
            )
        if data["gaps"]:
            self.stdout.write("Verbeterpunten:")
            for gap in data["gaps"]:
                self.stdout.write(f"  {gap['id']:<7} {value_label(gap['value'])}")
        if data["next_steps"]:
            self.stdout.write("Vervolgstappen:")
            for step in data["next_steps"]:
                self.stdout.write(
                    f"  [{step['status']}] {step['description'][:70]} — "
                    f"{step['owner'] or 'geen eigenaar'}, {step['due'] or 'geen datum'}"
                )
