"""Regenerate fixtures/gids.json from the text of the Gids (fixtures/source/gids-2021.txt)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from principles.gids_fixture import fixture_objects
from principles.gids_source import GidsParseError, parse_gids
from principles.loading import GIDS_FIXTURE, GIDS_SOURCE, fixture_json


class Command(BaseCommand):
    help = "Maakt fixtures/gids.json opnieuw aan uit de tekst van de Gids."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=Path, default=GIDS_SOURCE, help="tekstbestand")
        parser.add_argument("--output", type=Path, default=GIDS_FIXTURE, help="fixturebestand")
        parser.add_argument(
            "--check",
            action="store_true",
            help="schrijf niets; stop met een fout als het fixturebestand verouderd is",
        )

    def handle(self, *args: object, **options: object) -> None:
        source = Path(str(options["source"]))
        output = Path(str(options["output"]))
        try:
            gids = parse_gids(source.read_text(encoding="utf-8"))
        except (OSError, GidsParseError) as exc:
            raise CommandError(f"De tekst van de Gids kon niet worden gelezen: {exc}") from exc
        content = fixture_json(fixture_objects(gids))
        shown = output.relative_to(settings.BASE_DIR) if output.is_absolute() else output
        if options["check"]:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != content:
                raise CommandError(f"{shown} is verouderd; draai build_gids_fixture.")
            self.stdout.write(f"{shown} is actueel.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")
        recs = sum(len(t.recommendations) for t in gids.themes)
        if int(str(options["verbosity"])) > 0:
            self.stdout.write(
                f"{shown} geschreven: {len(gids.themes)} thema's, {recs} aanbevelingen."
            )
