"""`python manage.py import_partnerships FILE.csv [--dry-run]` (DESIGN.md "CSV import"): all or
nothing; `--dry-run` prints every change the import would make and saves nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerships.csv_parse import ImportFailed
from partnerships.import_preview import preview_import
from partnerships.importer import import_partnerships


class Command(BaseCommand):
    help = "Importeert samenwerkingsverbanden uit een CSV-bestand (alles of niets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV-bestand (UTF-8, ; of ,)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="toont wat de import zou wijzigen en slaat niets op",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {path} niet lezen: {exc.strerror}.") from None
        try:
            if options["dry_run"]:
                for line in preview_import(data):
                    self.stdout.write(line)
                return
            result = import_partnerships(data)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Import afgebroken: {len(exc.errors)} fout(en) in {path.name}. "
                "Er is niets opgeslagen."
            ) from None
        if not result.has_changes:
            self.stdout.write(self.style.SUCCESS("Import gelukt: geen wijzigingen."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Import gelukt: {len(result.created)} nieuw, {len(result.updated)} bijgewerkt, "
                f"{len(result.unchanged)} ongewijzigd, "
                f"{len(result.organisations_created)} nieuwe organisaties."
            )
        )
        for name in result.created:
            self.stdout.write(f"  nieuw: {name}")
        for name in result.updated:
            self.stdout.write(f"  bijgewerkt: {name}")
