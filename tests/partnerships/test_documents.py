"""The document register: what a file is (from its content), size limits, who may see, add,
change and remove documents, and the download that never leaves the rights check."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.constants import DocumentKind, Role
from partnerships.documents import (
    DOC,
    DOCX,
    MAX_DOCUMENT_BYTES,
    ODT,
    PDF,
    XLSX,
    DocumentRefused,
    check_bytes,
    safe_filename,
)
from partnerships.models_year import PartnershipDocument
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def _zip(entries: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            compress = zipfile.ZIP_STORED if stored_first else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def partnership():
    return make_partnership("GR Documenten", participants=["Gemeente Aalstad", "Gemeente Beekdorp"])


# --- What a file is --------------------------------------------------------------------------


def test_a_pdf_word_excel_and_odf_file_are_recognised_by_their_content():
    assert check_bytes(PDF_BYTES, "regeling.pdf").content_type == PDF
    assert check_bytes(docx_bytes(), "x.bin").content_type == DOCX
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert check_bytes(xlsx, "begroting.xlsx").content_type == XLSX
    odt = _zip({"mimetype": ODT.encode(), "content.xml": b"<x/>"}, stored_first=True)
    assert check_bytes(odt, "notitie.odt").content_type == ODT


def test_a_word_97_file_is_accepted_as_word():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le")
    assert check_bytes(ole, "oud.doc").content_type == DOC


def test_a_renamed_program_is_refused_with_a_message_naming_the_pretended_type():
    with pytest.raises(DocumentRefused) as refused:
        check_bytes(EXE_BYTES, "regeling.pdf")
    assert "geen PDF-, Word-, Excel- of ODF-bestand, ook al eindigt de naam op .pdf" in str(
        refused.value.message
    )


@pytest.mark.parametrize(
    "data",
    [
        b"plain text, not a document",
        _zip({"script.js": b"alert(1)"}),  # a zip that is no office document
        _zip({"mimetype": b"application/epub+zip"}, stored_first=True),
        b"PK\x03\x04 broken zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,  # OLE2 without Word or Excel
    ],
)
def test_other_content_is_refused(data):
    with pytest.raises(DocumentRefused):
        check_bytes(data, "stuk.docx")


def test_an_empty_or_too_large_file_is_refused():
    with pytest.raises(DocumentRefused, match="leeg"):
        check_bytes(b"", "leeg.pdf")
    with pytest.raises(DocumentRefused, match="hoogstens 20 MB"):
        check_bytes(PDF_BYTES + b"0" * MAX_DOCUMENT_BYTES, "groot.pdf")


def test_the_download_name_is_cleaned_and_gets_the_detected_extension():
    assert (
        safe_filename("..\\..\\Begroting 2026 <concept>.pdf", PDF) == "Begroting 2026 _concept.pdf"
    )
    assert safe_filename("Jaarstukken ÄÖ.exe", PDF) == "Jaarstukken AO.pdf"
    assert safe_filename("", DOCX) == "document.docx"


# --- The pages -------------------------------------------------------------------------------


def _add(client, partnership, **data):
    payload = {"kind": DocumentKind.REGELING, "title": "Regeling GR", "url": "", **data}
    return client.post(reverse("partnerships:document_add", args=[partnership.pk]), payload)


def test_a_griffier_of_a_participant_uploads_a_pdf_and_downloads_it(client, partnership, media):
    griffier = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    client.force_login(griffier)
    upload = SimpleUploadedFile("Regeling (2024).pdf", PDF_BYTES, content_type="text/html")
    response = _add(client, partnership, file=upload, reference="Gemeenteblad 2024, 12345")
    assert response.status_code == 302
    document = PartnershipDocument.objects.get()
    assert document.content_type == PDF  # from the content, not from what the browser said
    assert document.size == len(PDF_BYTES)
    assert document.original_name == "Regeling (2024).pdf"
    assert document.uploaded_by == griffier
    assert (media / document.file.name).exists()

    page = client.get(reverse("partnerships:documents", args=[partnership.pk]))
    assert "Gemeenteblad 2024, 12345" in page.content.decode()
    download = client.get(reverse("partnerships:document_file", args=[partnership.pk, document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert 'attachment; filename="Regeling (2024).pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_renamed_exe_is_refused_on_the_page_and_nothing_is_stored(client, partnership, media):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    upload = SimpleUploadedFile("regeling.pdf", EXE_BYTES, content_type="application/pdf")
    response = _add(client, partnership, file=upload)
    assert response.status_code == 400
    assert "ook al eindigt de naam op .pdf" in response.content.decode()
    assert not PartnershipDocument.objects.exists()
    assert not any(media.rglob("*.pdf"))


def test_a_25_mb_upload_gets_the_dutch_message_not_an_error_page(client, partnership):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    big = SimpleUploadedFile("jaarstukken.pdf", PDF_BYTES + b"0" * (25 * 1024 * 1024))
    response = _add(client, partnership, kind=DocumentKind.JAARSTUKKEN, file=big)
    assert response.status_code == 400
    assert "Een document mag hoogstens 20 MB zijn" in response.content.decode()
    assert not PartnershipDocument.objects.exists()


def test_a_document_is_a_file_or_a_link_exactly_one(client, partnership):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    neither = _add(client, partnership)
    assert "Kies een bestand of vul een link in" in neither.content.decode()
    both = _add(
        client,
        partnership,
        url="https://lokaleregelgeving.overheid.nl/CVDR1",
        file=SimpleUploadedFile("r.pdf", PDF_BYTES),
    )
    assert "niet allebei" in both.content.decode()
    assert not PartnershipDocument.objects.exists()
    link = _add(client, partnership, url="https://lokaleregelgeving.overheid.nl/CVDR1", year="2024")
    assert link.status_code == 302
    assert PartnershipDocument.objects.get().url == "https://lokaleregelgeving.overheid.nl/CVDR1"


def _link(partnership, user=None, **fields):
    return PartnershipDocument.objects.create(
        partnership=partnership,
        kind=fields.pop("kind", DocumentKind.BEGROTING),
        title=fields.pop("title", "Begroting 2026"),
        url="https://example.org/begroting.pdf",
        uploaded_by=user,
        **fields,
    )


def test_a_raadslid_and_an_outsider_see_nothing(client, partnership):
    document = _link(partnership)
    urls = [
        reverse("partnerships:documents", args=[partnership.pk]),
        reverse("partnerships:document_add", args=[partnership.pk]),
        reverse("partnerships:document_edit", args=[partnership.pk, document.pk]),
        reverse("partnerships:document_delete", args=[partnership.pk, document.pk]),
        reverse("partnerships:document_file", args=[partnership.pk, document.pk]),
    ]
    for user in (
        make_user(Role.RAADSLID, organisation="Gemeente Aalstad"),
        make_user(Role.GRIFFIER, organisation="Gemeente Elders"),
        make_user(Role.DIRECTEUR, partnership=make_partnership("Andere GR")),
    ):
        client.force_login(user)
        assert {client.get(url).status_code for url in urls} == {404}


def test_a_document_of_another_partnership_is_not_found_under_this_one(client, partnership):
    other = make_partnership("Andere GR", participants=["Gemeente Aalstad"])
    document = _link(other)
    client.force_login(make_user(Role.BEHEERDER))
    url = reverse("partnerships:document_file", args=[partnership.pk, document.pk])
    assert client.get(url).status_code == 404


def test_only_the_uploader_and_editors_of_the_partnership_change_a_document(client, partnership):
    griffier = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    secretaris = make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Beekdorp")
    document = _link(partnership, griffier)
    edit = reverse("partnerships:document_edit", args=[partnership.pk, document.pk])
    delete = reverse("partnerships:document_delete", args=[partnership.pk, document.pk])

    client.force_login(secretaris)  # sees it and may add, but did not add this one
    assert client.get(reverse("partnerships:documents", args=[partnership.pk])).status_code == 200
    assert client.get(edit).status_code == 403
    assert client.post(delete).status_code == 403

    client.force_login(griffier)
    response = client.post(
        edit,
        {
            "kind": DocumentKind.BEGROTING,
            "title": "Begroting 2026 (vastgesteld)",
            "url": "https://example.org/begroting-def.pdf",
            "year": "2026",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.year) == ("Begroting 2026 (vastgesteld)", 2026)

    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Beekdorp"))
    assert client.get(edit).status_code == 200  # may edit the partnership


def test_deleting_says_how_many_answers_point_to_it_and_they_keep_their_text(client, partnership):
    document = _link(partnership)
    round_ = make_round(partnership)
    assessment = make_assessment(round_, organisation="Gemeente Aalstad", answers={"A1.1": 3})
    answer = assessment.answers.get()
    answer.evidence_document = document
    answer.evidence_location = "art. 12"
    answer.save()
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    url = reverse("partnerships:document_delete", args=[partnership.pk, document.pk])
    confirm = client.get(url).content.decode()
    assert "1 antwoord in zelfevaluaties verwijzt naar dit document" in confirm
    assert client.post(url).status_code == 302
    answer.refresh_from_db()
    assert answer.evidence_document is None
    assert (answer.evidence_location, answer.explanation) == ("art. 12", "Toelichting.")


def test_deleting_an_uploaded_document_removes_its_file(
    client, partnership, media, django_capture_on_commit_callbacks
):
    client.force_login(make_user(Role.BEHEERDER))
    _add(client, partnership, file=SimpleUploadedFile("r.pdf", PDF_BYTES))
    document = PartnershipDocument.objects.get()
    path = media / document.file.name
    assert path.exists()
    url = reverse("partnerships:document_delete", args=[partnership.pk, document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert not path.exists()


def test_the_partnership_page_shows_the_regeling_with_its_vindplaats(client, partnership):
    _link(
        partnership,
        kind=DocumentKind.REGELING,
        title="GR Documenten 2024",
        reference="Gemeenteblad 2024, 99",
    )
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    page = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert "GR Documenten 2024" in page
    assert "vindplaats: Gemeenteblad 2024, 99" in page
    assert "Gemeenschappelijke regeling: 1" in page


def test_the_demo_has_documents_evidence_and_one_a25_checklist_and_runs_twice(gids, media):
    from django.core.management import call_command

    from assessments.models import Answer, ChecklistAnswer

    call_command("seed_demo", verbosity=0)
    counts = (
        PartnershipDocument.objects.count(),
        Answer.objects.exclude(evidence_document=None).count(),
        ChecklistAnswer.objects.values("answer").distinct().count(),
    )
    call_command("seed_demo", verbosity=0)
    assert (
        PartnershipDocument.objects.count(),
        Answer.objects.exclude(evidence_document=None).count(),
        ChecklistAnswer.objects.values("answer").distinct().count(),
    ) == counts
    assert counts[0] > 0 and counts[1] > 0 and counts[2] == 1
    assert all(d.url for d in PartnershipDocument.objects.filter(kind=DocumentKind.REGELING))
    files = PartnershipDocument.objects.exclude(file="")
    assert files.count() == 2
    for document in files:
        data = (media / document.file.name).read_bytes()
        assert check_bytes(data, document.original_name).content_type == PDF


def test_storage_backend_s3_configures_a_private_s3_compatible_store(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured
    from storages.backends.s3 import S3Storage

    from config.settings.base import default_storage

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "regiespiegel-documenten")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://minio:9000")
    config = default_storage("s3")
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**config["OPTIONS"])
    assert (storage.bucket_name, storage.endpoint_url) == (
        "regiespiegel-documenten",
        "http://minio:9000",
    )
    assert storage.default_acl is None and storage.file_overwrite is False
    assert default_storage("local") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with pytest.raises(ImproperlyConfigured):
        default_storage("ftp")


@pytest.mark.parametrize("role", [Role.GRIFFIER, Role.GEMEENTESECRETARIS, Role.CONTRAMAL])
def test_everyone_who_works_with_the_partnership_may_add_a_document(client, partnership, role):
    client.force_login(make_user(role, organisation="Gemeente Beekdorp"))
    assert (
        client.get(reverse("partnerships:document_add", args=[partnership.pk])).status_code == 200
    )


def test_the_partnerships_directeur_may_add_and_change_any_of_its_documents(client, partnership):
    document = _link(partnership, make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    client.force_login(make_user(Role.DIRECTEUR, partnership=partnership))
    assert (
        client.get(reverse("partnerships:document_add", args=[partnership.pk])).status_code == 200
    )
    edit = reverse("partnerships:document_edit", args=[partnership.pk, document.pk])
    assert client.get(edit).status_code == 200


def test_the_register_page_reads_in_a_fixed_number_of_queries(
    client, partnership, django_assert_max_num_queries
):
    griffier = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    for n in range(12):
        _link(partnership, griffier if n % 2 else None, title=f"Stuk {n}", year=2020 + n % 5)
    client.force_login(griffier)
    url = reverse("partnerships:documents", args=[partnership.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    html = page.content.decode()
    assert html.count(">Wijzigen<") == 6  # the ones the griffier added
