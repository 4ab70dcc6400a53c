"""Write docs/applicability.md from the rules table."""

from partnerships.applicability_docs import applicability_document
from partnerships.generated_docs import GeneratedDocCommand


class Command(GeneratedDocCommand):
    help = "Schrijft docs/applicability.md opnieuw uit de tabel met toepasselijkheidsregels."
    doc = "applicability.md"

    def content(self) -> str:
        return applicability_document()
