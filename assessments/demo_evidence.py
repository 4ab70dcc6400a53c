"""Demo data for evidence: some demo answers point to the documents of the register (with
the article or page), and one A2.5 answer carries the check of the regeling. Idempotent:
an answer that already has a document keeps it, a checklist is filled in once. Runs after
seed_assessments and partnerships.demo_documents.seed_documents."""

from django.db import transaction

from partnerships.constants import CheckStatus, DocumentKind
from partnerships.demo import Region
from partnerships.models import PartnershipDocument

from .models import Answer, Assessment, ChecklistAnswer
from .questionnaire.checklist import CHECKLIST_CODE, checklist_topics

# (recommendation, kind of document, article or page)
EVIDENCE: tuple[tuple[str, str, str], ...] = (
    ("A2.1", DocumentKind.REGELING, "art. 2"),
    ("A2.3", DocumentKind.REGELING, "art. 3 en 4"),
    (CHECKLIST_CODE, DocumentKind.REGELING, "hele regeling"),
    ("A7.1", DocumentKind.INFORMATIEPROTOCOL, "par. 2"),
    ("A9.1", DocumentKind.BEGROTING, "p. 3"),
    ("A9.3", DocumentKind.JAARSTUKKEN, "p. 14"),
)
# The A2.5 check of the Belastingsamenwerking's regeling: 9 of 14 topics laid down.
CHECKLIST: dict[str, tuple[str, str]] = {
    "A2.5-1.1": (CheckStatus.JA, "art. 2"),
    "A2.5-1.2": (CheckStatus.JA, "art. 3"),
    "A2.5-1.3": (CheckStatus.JA, "art. 35-37"),
    "A2.5-1.4": (CheckStatus.JA, "art. 28"),
    "A2.5-1.5": (CheckStatus.JA, "art. 18"),
    "A2.5-1.6": (CheckStatus.NEE, ""),
    "A2.5-1.7": (CheckStatus.NEE, ""),
    "A2.5-1.8": (CheckStatus.JA, "art. 12 lid 4"),
    "A2.5-1.9": (CheckStatus.ONBEKEND, ""),
    "A2.5-1.10": (CheckStatus.JA, "art. 39"),
    "A2.5-1.11": (CheckStatus.JA, "art. 39 lid 2"),
    "A2.5-1.12": (CheckStatus.NEE, ""),
    "A2.5-1.13": (CheckStatus.JA, "art. 40"),
    "A2.5-1.14": (CheckStatus.NEE, ""),
}


@transaction.atomic
def seed_evidence(region: Region) -> None:
    for key, partnership in region.partnerships.items():
        documents: dict[str, PartnershipDocument] = {}
        for document in PartnershipDocument.objects.filter(partnership=partnership).order_by(
            "-year", "pk"
        ):
            documents.setdefault(document.kind, document)
        if not documents:
            continue
        for code, kind, location in EVIDENCE:
            evidence = documents.get(kind)
            if evidence is None:
                continue
            # Not with .update(): each change keeps its line in the answer's history.
            for answer in Answer.objects.filter(
                assessment__round__partnership=partnership,
                recommendation__code=code,
                evidence_document__isnull=True,
            ).exclude(score__isnull=True, special=""):
                answer.evidence_document = evidence
                answer.evidence_location = location
                answer.save(update_fields=["evidence_document", "evidence_location"])
        if key == "bvo":
            _seed_checklist(partnership.pk)


def _seed_checklist(partnership_id: int) -> None:
    """The A2.5 checklist on the first submitted assessment of the partnership."""
    assessment = (
        Assessment.objects.filter(round__partnership_id=partnership_id, status="submitted")
        .select_related("round")
        .order_by("pk")
        .first()
    )
    if assessment is None:
        return
    answer = Answer.objects.filter(
        assessment=assessment, recommendation__code=CHECKLIST_CODE
    ).first()
    if answer is None or ChecklistAnswer.objects.filter(answer=answer).exists():
        return
    topics = {t.code: t for t in checklist_topics(assessment.round.framework_id)}
    ChecklistAnswer.objects.bulk_create(
        ChecklistAnswer(answer=answer, item_id=topics[code].item_id, status=status, article=article)
        for code, (status, article) in CHECKLIST.items()
        if code in topics
    )
