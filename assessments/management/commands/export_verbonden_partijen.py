"""`python manage.py export_verbonden_partijen ORGANISATION YEAR OUT`: the paragraaf
verbonden partijen of an organisation as .docx or .xlsx (by OUT's extension)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.reports.pdf import write_file_atomically
from assessments.reports.verbonden_partijen.content import build_paragraaf
from assessments.reports.verbonden_partijen.docx import paragraaf_docx
from assessments.reports.verbonden_partijen.xlsx import paragraaf_xlsx
from partnerships.bbv import MSG_YEAR, parse_year
from partnerships.models import Organisation

WRITERS = {".docx": paragraaf_docx, ".xlsx": paragraaf_xlsx}


def find_organisation(text: str) -> Organisation:
    """An organisation by id or by its exact name (case does not matter)."""
    found = None
    if text.strip().isdigit():
        found = Organisation.objects.filter(pk=int(text)).first()
    if found is None:
        found = Organisation.objects.filter(name__iexact=text.strip()).first()
    if found is None:
        raise CommandError(
            f"Organisatie {text!r} bestaat niet. Geef de naam (bijvoorbeeld "
            "'Gemeente Aalstad') of het nummer van de organisatie."
        )
    return found


class Command(BaseCommand):
    help = (
        "Schrijft de paragraaf verbonden partijen (BBV) van een organisatie over een jaar als "
        "Word- (.docx) of Excel-bestand (.xlsx). Schrijft eerst naar een tijdelijk bestand en "
        "hernoemt dat daarna."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="Naam of nummer van de organisatie.")
        parser.add_argument("year", help="Het jaar, bijvoorbeeld 2026.")
        parser.add_argument("out", type=Path, help="Pad van het bestand: .docx of .xlsx.")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        writer = WRITERS.get(out.suffix.lower())
        if writer is None:
            raise CommandError(
                f"Onbekende bestandsoort {out.suffix or '(geen)'!s}: kies .docx of .xlsx."
            )
        year = parse_year(str(options["year"]))
        if year is None:
            raise CommandError(f"Onbekend jaar {options['year']!r}. {MSG_YEAR}")
        if not out.parent.is_dir():
            raise CommandError(f"De map {out.parent} bestaat niet.")
        if out.is_dir():
            raise CommandError(f"{out} is een map; geef een bestandsnaam op.")
        organisation = find_organisation(str(options["organisation"]))
        paragraaf = build_paragraaf(organisation, year)
        data = writer(paragraaf)
        try:
            write_file_atomically(out, data)
        except OSError as exc:
            raise CommandError(f"Kon {out} niet schrijven: {exc.strerror or exc}.") from exc
        parties = len(paragraaf.parties)
        self.stdout.write(
            f"{paragraaf.title} van {organisation.name}: {parties} verbonden "
            f"{'partij' if parties == 1 else 'partijen'}, {len(paragraaf.left_out)} niet "
            f"opgenomen; {len(data)} bytes geschreven naar {out}"
        )
