"""Load or update De Gids voor Regionale Samenwerking from fixtures/gids.json."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from principles.loading import GIDS_FIXTURE, QUESTIONS_FIXTURE, load_gids


class Command(BaseCommand):
    help = "Laadt of actualiseert De Gids voor Regionale Samenwerking (verwijdert nooit iets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fixture", type=Path, default=GIDS_FIXTURE, help="fixturebestand")
        parser.add_argument(
            "--questions",
            type=Path,
            default=None,
            help="fixture met de vragen (standaard: die bij de Gids, alleen met de standaard-fixture)",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["fixture"]))
        if not path.exists():
            raise CommandError(f"Het bestand {path} bestaat niet. Draai eerst build_gids_fixture.")
        questions = options["questions"]
        if questions is None and path == GIDS_FIXTURE:
            questions = QUESTIONS_FIXTURE
        if questions is not None and not Path(str(questions)).exists():
            raise CommandError(f"Het bestand {questions} bestaat niet.")
        summary = load_gids(path=path, questions=Path(str(questions)) if questions else None)
        if int(str(options["verbosity"])) == 0:
            return
        c = summary.counts
        self.stdout.write(
            f"De Gids ({summary.framework}) is geladen: {c['principles.part']} delen, "
            f"{c['principles.theme']} thema's, {c['principles.recommendation']} aanbevelingen, "
            f"{c['principles.practicalitem']} praktische uitwerkingen, "
            f"{c['principles.actor']} actoren, {c['principles.question']} vragen."
        )
        self.stdout.write(
            f"Nieuw: {summary.created}, gewijzigd: {summary.updated}, "
            f"ongewijzigd: {summary.unchanged}."
        )
        if summary.stale:
            self.stdout.write(
                self.style.WARNING(
                    f"Let op: {summary.stale} "
                    + ("onderdeel staat" if summary.stale == 1 else "onderdelen staan")
                    + " niet in de fixture; bewaard, want er kunnen antwoorden naar verwijzen."
                )
            )
