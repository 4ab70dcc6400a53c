"""Writes of the document register: add, change, remove. The file goes through Django's
storage API (local files, or an S3-compatible store with STORAGE_BACKEND=s3), under a name
the storage makes unique; the row keeps the original name and the type detected from the
content."""

from collections.abc import Mapping
from typing import IO, Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.files import File
from django.db import transaction

from .documents import DetectedType, safe_filename
from .models import Partnership
from .models_year import PartnershipDocument


def _user(user: User | AnonymousUser | None) -> User | None:
    return user if isinstance(user, User) else None


def document_add(
    *,
    partnership: Partnership,
    data: Mapping[str, Any],
    user: User | AnonymousUser | None,
    upload: IO[bytes] | None = None,
    original_name: str = "",
    size: int | None = None,
    detected: DetectedType | None = None,
) -> PartnershipDocument:
    """A new document: with `upload` (already checked: `detected` is its type) a file,
    otherwise a link (`data["url"]`)."""
    document = PartnershipDocument(
        partnership=partnership,
        kind=data["kind"],
        title=data["title"],
        reference=data.get("reference") or "",
        document_date=data.get("document_date"),
        year=data.get("year"),
        uploaded_by=_user(user),
    )
    if upload is not None and detected is not None:
        name = safe_filename(original_name, detected.content_type)
        document.original_name = original_name.replace("\\", "/").rsplit("/", 1)[-1][:255]
        document.content_type = detected.content_type
        document.size = size
        # Saved to storage first: a failed insert leaves an orphan file, never a row
        # without its file.
        document.file.save(name, File(upload, name=name), save=False)
    else:
        document.url = data.get("url") or ""
    with transaction.atomic():
        document.full_clean(exclude=["file", "uploaded_by", "partnership"])
        document.save()
    return document


def document_update(
    *, document: PartnershipDocument, data: Mapping[str, Any]
) -> PartnershipDocument:
    """Change what is known of a document; its file stays as it is."""
    document.kind = data["kind"]
    document.title = data["title"]
    document.reference = data.get("reference") or ""
    document.document_date = data.get("document_date")
    document.year = data.get("year")
    if not document.file:
        document.url = data.get("url") or document.url
    with transaction.atomic():
        document.full_clean(exclude=["file", "uploaded_by", "partnership"])
        document.save()
    return document


def document_delete(*, document: PartnershipDocument) -> None:
    """Remove the document and its file. Answers that pointed to it keep their text and
    their article; the database clears their link (on_delete=SET_NULL)."""
    file_name = document.file.name if document.file else ""
    storage = document.file.storage
    with transaction.atomic():
        document.delete()
        if file_name:
            # Only once the row is gone for good: a rolled-back delete keeps its file.
            transaction.on_commit(lambda: storage.delete(file_name))
