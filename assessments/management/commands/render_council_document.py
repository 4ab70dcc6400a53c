"""`python manage.py render_council_document ROUND OUT --kind KIND --organisation NAME`: a
council document as .docx or .pdf (by OUT's extension), the same file the web page serves.
It uses the stored draft when there is one, and generates one (without storing it) when
there is none. Writes a temporary file first and renames it, as render_report does.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import AssessmentRound
from assessments.reports.council.constants import CouncilKind
from assessments.reports.council.render import (
    CouncilRenderError,
    render_pdf,
    render_word,
    stored_or_fresh,
)
from assessments.reports.pdf import ReportRenderError, write_file_atomically
from partnerships.models import Organisation

EXTENSIONS = (".docx", ".pdf")


class Command(BaseCommand):
    help = (
        "Maakt een raadsstuk (raadsinformatiebrief, raadsvoorstel of zienswijze) van een ronde "
        "voor één deelnemende organisatie, als Word (.docx) of PDF (.pdf)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", type=int, help="Id van de ronde.")
        parser.add_argument("out", type=Path, help="Pad van het bestand: .docx of .pdf.")
        parser.add_argument(
            "--kind", required=True, help="raadsinformatiebrief, raadsvoorstel of zienswijze."
        )
        parser.add_argument(
            "--organisation", required=True, help="Naam van de deelnemende organisatie."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        kind: str = options["kind"]
        name: str = options["organisation"]
        if kind not in CouncilKind.values:
            raise CommandError(
                f"Onbekende soort ‘{kind}’. Kies uit: {', '.join(CouncilKind.values)}."
            )
        suffix = out.suffix.lower()
        if suffix not in EXTENSIONS:
            raise CommandError(
                f"Het bestand moet eindigen op .docx of .pdf, niet op ‘{out.suffix or '(niets)'}’."
            )
        if not out.parent.is_dir():
            raise CommandError(f"De map {out.parent} bestaat niet.")
        if out.is_dir():
            raise CommandError(f"{out} is een map; geef een bestandsnaam op.")
        round_ = (
            AssessmentRound.objects.select_related("partnership", "framework", "previous")
            .filter(pk=options["round"])
            .first()
        )
        if round_ is None:
            raise CommandError(f"Ronde {options['round']} bestaat niet.")
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            raise CommandError(f"Organisatie ‘{name}’ bestaat niet.")
        if not round_.partnership.participations.filter(organisation=organisation).exists():
            raise CommandError(
                f"{organisation.name} neemt niet deel aan {round_.partnership.name}."
            )
        paper = stored_or_fresh(round_, organisation, kind)
        try:
            data = render_word(paper, organisation.pk) if suffix == ".docx" else render_pdf(paper)
        except (CouncilRenderError, ReportRenderError) as exc:
            raise CommandError(
                f"Het raadsstuk kon niet worden gemaakt ({exc}). Er is geen bestand geschreven."
            ) from exc
        try:
            write_file_atomically(out, data)
        except OSError as exc:
            raise CommandError(f"Kon {out} niet schrijven: {exc.strerror or exc}.") from exc
        self.stdout.write(f"{paper.title}: {len(data)} bytes geschreven naar {out}")
