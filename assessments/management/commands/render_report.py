"""`python manage.py render_report ID OUT.pdf [--round]`: the same PDF the web page serves."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import Assessment, AssessmentRound
from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.content import Report
from assessments.reports.pdf import ReportRenderError, write_file_atomically
from assessments.reports.render import render_report
from assessments.reports.round_report import build_round_report


class Command(BaseCommand):
    help = (
        "Maakt het PDF-rapport van een zelfevaluatie, of met --round het raadsrapport van een "
        "hele ronde. Schrijft eerst naar een tijdelijk bestand en hernoemt dat daarna."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int, help="Id van de zelfevaluatie (of van de ronde).")
        parser.add_argument("out", type=Path, help="Pad van het PDF-bestand dat wordt gemaakt.")
        parser.add_argument(
            "--round", action="store_true", dest="is_round", help="ID is een ronde."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pk: int = options["id"]
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"De map {out.parent} bestaat niet.")
        if out.is_dir():
            raise CommandError(f"{out} is een map; geef een bestandsnaam op.")
        report: Report
        if options["is_round"]:
            round_ = (
                AssessmentRound.objects.select_related("partnership", "framework", "previous")
                .filter(pk=pk)
                .first()
            )
            if round_ is None:
                raise CommandError(f"Ronde {pk} bestaat niet.")
            report = build_round_report(round_)
        else:
            assessment = (
                Assessment.objects.select_related(
                    "round__partnership", "round__framework", "participation__organisation"
                )
                .filter(pk=pk)
                .first()
            )
            if assessment is None:
                raise CommandError(
                    f"Zelfevaluatie {pk} bestaat niet. Bedoelt u een ronde? Gebruik dan --round."
                )
            report = build_assessment_report(assessment)
        try:
            _html, pdf = render_report(report)
        except ReportRenderError as exc:
            raise CommandError(
                f"Het rapport kon niet worden gemaakt ({exc}). Er is geen bestand geschreven."
            ) from exc
        try:
            write_file_atomically(out, pdf)
        except OSError as exc:
            raise CommandError(f"Kon {out} niet schrijven: {exc.strerror or exc}.") from exc
        self.stdout.write(f"{report.title}: {len(pdf)} bytes geschreven naar {out}")
