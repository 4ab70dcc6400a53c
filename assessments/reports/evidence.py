"""The report's "Bijlage: onderbouwing per antwoord": per answer that has any, the evidence
it points to (the document of the register with its kind, year and vindplaats, the article
or page, a link) and, for A2.5, the check of the regeling. For the assessment report and
the round report alike; a fixed number of queries."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assessments.evidence import evidence_documents
from assessments.models import Answer, ChecklistAnswer
from assessments.questionnaire.checklist import (
    CHECKLIST_CODE,
    ChecklistSummary,
    TopicAnswer,
    checklist_topics,
)


@dataclass(frozen=True)
class EvidenceRow:
    code: str
    respondent: str  # "" in the report on one assessment
    document: str  # "Regeling GR 2024 (Gemeenschappelijke regeling, 2024)"; "" when none
    reference: str  # the document's vindplaats
    location: str  # article or page
    document_url: str  # a link document's address
    evidence_url: str  # the answer's own link
    checklist: str  # "9 van 14 onderwerpen geregeld; ontbreekt: ..." for A2.5


def evidence_rows(
    assessment_ids: Sequence[int],
    labels: Mapping[int, str],
    order: Iterable[str],
    *,
    framework_id: int,
    hidden: Iterable[str] = (),
) -> list[EvidenceRow]:
    """The rows in Gids order (`order`: the applicable codes), per code in the order of
    `assessment_ids`; answers without evidence are left out (three or four queries)."""
    answers = list(
        Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
            "pk",
            "assessment_id",
            "recommendation__code",
            "evidence_document_id",
            "evidence_location",
            "evidence_url",
        )
    )
    documents = evidence_documents(a[3] for a in answers)
    checklists = _checklists(
        [a[0] for a in answers if a[2] == CHECKLIST_CODE], framework_id, hidden
    )
    position = {code: n for n, code in enumerate(dict.fromkeys(order))}
    rank = {pk: n for n, pk in enumerate(assessment_ids)}
    rows: list[tuple[int, int, EvidenceRow]] = []
    for pk, assessment_id, code, document_id, location, url in answers:
        document = documents.get(document_id or 0)
        checklist = checklists.get(pk)
        if code not in position or not (document or location or url or checklist):
            continue
        rows.append(
            (
                position[code],
                rank.get(assessment_id, 0),
                EvidenceRow(
                    code=code,
                    respondent=labels.get(assessment_id, ""),
                    document=document.label if document else "",
                    reference=document.reference if document else "",
                    location=location,
                    document_url=document.url if document else "",
                    evidence_url=url,
                    checklist=checklist.sentence if checklist else "",
                ),
            )
        )
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def _checklists(
    answer_ids: list[int], framework_id: int, hidden: Iterable[str]
) -> dict[int, ChecklistSummary]:
    """{answer id: its A2.5 checklist} for the answers with one filled in."""
    if not answer_ids:
        return {}
    topics = checklist_topics(framework_id, hidden)
    stored: dict[int, dict[int, tuple[str, str]]] = {}
    for answer_id, item_id, status, article in ChecklistAnswer.objects.filter(
        answer_id__in=answer_ids
    ).values_list("answer_id", "item_id", "status", "article"):
        stored.setdefault(answer_id, {})[item_id] = (status, article)
    return {
        answer_id: ChecklistSummary(
            [TopicAnswer(t, *entries.get(t.item_id, ("", ""))) for t in topics]
        )
        for answer_id, entries in stored.items()
    }
