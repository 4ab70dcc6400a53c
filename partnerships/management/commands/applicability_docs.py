"""Write docs/applicability.md from the rules table."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerships.applicability_docs import applicability_document

DOC = Path(settings.BASE_DIR) / "docs" / "applicability.md"


class Command(BaseCommand):
    help = "Schrijft docs/applicability.md opnieuw uit de tabel met toepasselijkheidsregels."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="schrijf niets; stop met een fout als het document verouderd is",
        )

    def handle(self, *args: object, **options: object) -> None:
        content = applicability_document()
        if options["check"]:
            current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
            if current != content:
                raise CommandError("docs/applicability.md is verouderd; draai applicability_docs.")
            self.stdout.write("docs/applicability.md is actueel.")
            return
        DOC.write_text(content, encoding="utf-8")
        self.stdout.write("docs/applicability.md geschreven.")
