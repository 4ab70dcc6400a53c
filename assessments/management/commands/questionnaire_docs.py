"""Write docs/questionnaires.md from the question-set tables."""

from assessments.questionnaire.question_set_docs import questionnaire_document
from partnerships.generated_docs import GeneratedDocCommand
from principles.loading import GIDS_FIXTURE, QUESTIONS_FIXTURE


class Command(GeneratedDocCommand):
    help = "Schrijft docs/questionnaires.md opnieuw uit de tabellen met vragen per perspectief."
    doc = "questionnaires.md"

    def content(self) -> str:
        return questionnaire_document(QUESTIONS_FIXTURE, GIDS_FIXTURE)
