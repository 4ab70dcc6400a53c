"""Write docs/questionnaires.md from the question-set tables."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.questionnaire.question_set_docs import questionnaire_document
from principles.loading import GIDS_FIXTURE, QUESTIONS_FIXTURE

DOC = Path(settings.BASE_DIR) / "docs" / "questionnaires.md"


class Command(BaseCommand):
    help = "Schrijft docs/questionnaires.md opnieuw uit de tabellen met vragen per perspectief."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="schrijf niets; stop met een fout als het document verouderd is",
        )

    def handle(self, *args: object, **options: object) -> None:
        content = questionnaire_document(QUESTIONS_FIXTURE, GIDS_FIXTURE)
        if options["check"]:
            current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
            if current != content:
                raise CommandError("docs/questionnaires.md is verouderd; draai questionnaire_docs.")
            self.stdout.write("docs/questionnaires.md is actueel.")
            return
        DOC.write_text(content, encoding="utf-8")
        self.stdout.write("docs/questionnaires.md geschreven.")
