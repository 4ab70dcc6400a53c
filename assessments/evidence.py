"""The documents answers point to as evidence, read once per page, export or report: what
each is called and where it is found. Labels come from here for pages, exports and the
report's appendix alike."""

from collections.abc import Iterable
from dataclasses import dataclass

from partnerships.models import PartnershipDocument


@dataclass(frozen=True)
class EvidenceDocument:
    pk: int
    partnership_id: int
    title: str
    kind_label: str
    year: int | None
    reference: str  # the vindplaats
    url: str  # a link document's address; "" for an uploaded file
    is_file: bool

    @property
    def label(self) -> str:
        """ "Begroting 2026 (Begroting, 2026)": title with kind and year."""
        extra = ", ".join(p for p in (self.kind_label, str(self.year or "")) if p)
        return f"{self.title} ({extra})"


def evidence_documents(ids: Iterable[int | None]) -> dict[int, EvidenceDocument]:
    """{id: EvidenceDocument} for these document ids (one query; none without ids)."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return {}
    return {
        d.pk: EvidenceDocument(
            pk=d.pk,
            partnership_id=d.partnership_id,
            title=d.title,
            kind_label=d.get_kind_display(),
            year=d.year,
            reference=d.reference,
            url=d.url,
            is_file=bool(d.file),
        )
        for d in PartnershipDocument.objects.filter(pk__in=wanted)
    }
