"""Reads of the document register: a partnership's documents grouped by kind, and the
choices an answer's evidence offers. A fixed number of queries, whatever the register holds."""

from dataclasses import dataclass

from django.db.models import Count

from .constants import DocumentKind
from .documents import size_label, type_label
from .models import Partnership
from .models_year import PartnershipDocument


@dataclass(frozen=True)
class DocumentRow:
    document: PartnershipDocument
    answers: int  # answers that point to it as evidence

    @property
    def is_file(self) -> bool:
        return bool(self.document.file)

    @property
    def type_label(self) -> str:
        return type_label(self.document.content_type)

    @property
    def size_label(self) -> str:
        return size_label(self.document.size)


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    rows: list[DocumentRow]


def document_groups(partnership: Partnership) -> list[KindGroup]:
    """The partnership's documents per kind, in the order of DocumentKind; kinds without a
    document are left out (one query)."""
    documents = (
        PartnershipDocument.objects.filter(partnership=partnership)
        .annotate(answer_count=Count("answers"))
        .order_by("kind", "-year", "-document_date", "title", "pk")
    )
    by_kind: dict[str, list[DocumentRow]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(DocumentRow(document, document.answer_count))
    return [
        KindGroup(kind.value, kind.label, by_kind[kind.value])
        for kind in DocumentKind
        if kind.value in by_kind
    ]


def document_label(document: PartnershipDocument) -> str:
    """ "Begroting 2026 (Begroting, 2026)": a document as a choice or in the appendix."""
    extra = ", ".join(
        part for part in (document.get_kind_display(), str(document.year or "")) if part
    )
    return f"{document.title} ({extra})"


def document_choices(partnership_id: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """The partnership's documents as grouped choices (kind label, [(id, label)]) for the
    evidence of an answer (one query)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for document in PartnershipDocument.objects.filter(partnership_id=partnership_id).order_by(
        "kind", "-year", "-document_date", "title", "pk"
    ):
        groups.setdefault(document.kind, []).append((document.pk, document_label(document)))
    return [(kind.label, groups[kind.value]) for kind in DocumentKind if kind.value in groups]
