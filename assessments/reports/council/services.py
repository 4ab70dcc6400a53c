"""The writes of council documents: generate (or regenerate) a draft, save the griffie's
edits, and store or remove an organisation's own Word template.

Every write runs in one transaction. Regenerating a draft that someone edited raises
`EditsWouldBeLost` unless the caller confirms: the page asks first.
"""

from collections.abc import Mapping
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from assessments.council_models import CouncilDocument, CouncilTemplate
from assessments.models import AssessmentRound
from partnerships.models import Organisation

from .constants import CouncilKind
from .content import Draft, ZienswijzeOptions, build
from .facts import read_facts
from .word_templates import check_template

MAX_SECTION_LENGTH = 20_000


class EditsWouldBeLost(Exception):
    """The draft has edits; regenerating it needs the user's confirmation."""


def draft_for(
    round_: AssessmentRound,
    organisation: Organisation,
    kind: str,
    options: ZienswijzeOptions | None = None,
    *,
    today: date | None = None,
) -> Draft:
    """A freshly generated draft, not stored."""
    return build(kind, read_facts(round_, organisation, today=today), options)


def generate(
    round_: AssessmentRound,
    organisation: Organisation,
    kind: str,
    *,
    user: User | None,
    options: ZienswijzeOptions | None = None,
    overwrite_edits: bool = False,
) -> CouncilDocument:
    """Store a newly generated draft, replacing the previous one (its history is kept)."""
    if kind not in CouncilKind.values:
        raise ValidationError("Deze soort raadsstuk bestaat niet.")
    with transaction.atomic():
        document = (
            CouncilDocument.objects.select_for_update()
            .filter(round=round_, organisation=organisation, kind=kind)
            .first()
        )
        if document is not None and document.is_edited and not overwrite_edits:
            raise EditsWouldBeLost
        draft = draft_for(round_, organisation, kind, options)
        reason = "Opnieuw opgesteld" if document is not None else "Opgesteld"
        if document is None:
            document = CouncilDocument(round=round_, organisation=organisation, kind=kind)
        document.title = draft.title
        document.sections = [
            {"key": s.key, "title": s.title, "text": s.text} for s in draft.sections
        ]
        is_zienswijze = kind == CouncilKind.ZIENSWIJZE and options is not None
        document.subject = options.subject if is_zienswijze and options else ""
        document.received_on = options.received_on if is_zienswijze and options else None
        document.generated_at = timezone.now()
        document.generated_by = user
        document.updated_by = user
        document.is_edited = False
        document._change_reason = reason  # type: ignore[attr-defined]
        document.full_clean()
        document.save()
    return document


def save_edits(
    document: CouncilDocument, *, title: str, texts: Mapping[str, str], user: User | None
) -> bool:
    """Store the edited title and section texts; True when anything changed."""
    sections = document.section_list()
    changed = title != document.title
    for section in sections:
        text = texts.get(section["key"], section["text"])
        if len(text) > MAX_SECTION_LENGTH:
            raise ValidationError(
                f"‘{section['title']}’ is te lang: hoogstens {MAX_SECTION_LENGTH} tekens."
            )
        if text != section["text"]:
            section["text"] = text
            changed = True
    if not changed:
        return False
    with transaction.atomic():
        document.title = title
        document.sections = sections
        document.is_edited = True
        document.updated_by = user
        document._change_reason = "Bewerkt"  # type: ignore[attr-defined]
        document.full_clean()
        document.save()
    return True


def upload_template(
    organisation: Organisation, kind: str, data: bytes, *, original_name: str, user: User | None
) -> CouncilTemplate:
    """Check and store an organisation's own template for `kind` ("" for every kind),
    replacing the one it had; raises ValidationError (Dutch) and stores nothing when the
    template does not fit."""
    check_template(data, kind)
    with transaction.atomic():
        old = (
            CouncilTemplate.objects.select_for_update()
            .filter(organisation=organisation, kind=kind)
            .first()
        )
        if old is not None:
            old.file.delete(save=False)
            old.delete()
        template = CouncilTemplate(
            organisation=organisation,
            kind=kind,
            original_name=original_name[:255],
            uploaded_by=user,
        )
        template.file.save(f"{kind or 'alle'}.docx", ContentFile(data), save=False)
        template.save()
    return template


def remove_template(organisation: Organisation, kind: str) -> bool:
    with transaction.atomic():
        template = CouncilTemplate.objects.filter(organisation=organisation, kind=kind).first()
        if template is None:
            return False
        template.delete()
        transaction.on_commit(lambda: template.file.delete(save=False))
    return True
