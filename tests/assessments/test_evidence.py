"""An answer's evidence in the document register: choosing a document and the article or page
on the theme page, the rule that it belongs to the same partnership, and where it shows
(results, exports, the next round)."""

import json

import pytest
from django.core.management import call_command

from assessments.constants import Perspective
from assessments.models import Answer
from assessments.questionnaire import services
from assessments.questionnaire.exports import answers_csv, assessment_json
from partnerships.constants import DocumentKind, Role
from partnerships.models_year import PartnershipDocument
from tests.assessments.questionnaire.test_assessment_form import load_form, theme_url
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]


@pytest.fixture
def partnership(gids):
    return make_partnership("GR Bewijs", participants=["Gemeente Aalstad", "Gemeente Beekdorp"])


@pytest.fixture
def regeling(partnership):
    return PartnershipDocument.objects.create(
        partnership=partnership,
        kind=DocumentKind.REGELING,
        title="Regeling GR Bewijs 2024",
        url="https://lokaleregelgeving.overheid.nl/CVDR700001",
        reference="Gemeenteblad 2024, 12345",
        year=2024,
    )


@pytest.fixture
def assessment(partnership):
    return make_assessment(
        make_round(partnership), organisation="Gemeente Aalstad", perspective=Perspective.RAAD
    )


@pytest.fixture
def signed_in(client):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    return client


def _save(client, assessment, code, **fields):
    slug = code.replace(".", "_")
    data = load_form(client, assessment, code.split(".")[0])
    data.update({f"{slug}-{name}": value for name, value in fields.items()})
    return client.post(
        f"/evaluaties/{assessment.pk}/antwoord/{code}/", data, HTTP_HX_REQUEST="true"
    )


def test_the_theme_page_offers_the_partnerships_documents_grouped_by_kind(
    signed_in, assessment, regeling
):
    other = make_partnership("Andere GR", participants=["Gemeente Aalstad"])
    PartnershipDocument.objects.create(
        partnership=other,
        kind=DocumentKind.REGELING,
        title="Regeling van een ander",
        url="https://x.nl",
    )
    html = signed_in.get(theme_url(assessment, "A2")).content.decode()
    assert '<optgroup label="Gemeenschappelijke regeling">' in html
    assert "Regeling GR Bewijs 2024 (Gemeenschappelijke regeling, 2024)" in html
    assert "Regeling van een ander" not in html
    assert 'for="id_A2_3-evidence_location">Artikel of pagina</label>' in html


def test_saving_a_document_and_article_as_you_go_stores_them(signed_in, assessment, regeling):
    response = _save(
        signed_in,
        assessment,
        "A2.3",
        value="3",
        evidence_document=str(regeling.pk),
        evidence_location="art. 12 lid 3",
    )
    assert response.status_code == 200
    answer = Answer.objects.get(assessment=assessment)
    assert (answer.evidence_document, answer.evidence_location) == (regeling, "art. 12 lid 3")
    assert answer.history.first().evidence_location == "art. 12 lid 3"

    # Only the article changes: that is a change (a new version), not "unchanged".
    response = _save(
        signed_in,
        assessment,
        "A2.3",
        value="3",
        evidence_document=str(regeling.pk),
        evidence_location="art. 14",
    )
    answer.refresh_from_db()
    assert (answer.version, answer.evidence_location) == (2, "art. 14")


def test_a_document_of_another_partnership_is_refused(signed_in, assessment):
    other = make_partnership("Andere GR", participants=["Gemeente Aalstad"])
    foreign = PartnershipDocument.objects.create(
        partnership=other, kind=DocumentKind.REGELING, title="Andere regeling", url="https://x.nl"
    )
    response = _save(signed_in, assessment, "A2.3", value="3", evidence_document=str(foreign.pk))
    assert response.status_code == 400
    assert "register van dit samenwerkingsverband" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()

    # The service refuses it too, whatever form sent it.
    with pytest.raises(services.AnswerInvalid):
        services.answer_save(
            assessment=assessment,
            code="A2.3",
            data=services.AnswerInput(value=3, evidence_document=foreign.pk),
            user=None,
        )


def test_a_change_of_document_by_someone_else_is_a_conflict(signed_in, assessment, regeling):
    data = load_form(signed_in, assessment, "A2")
    services.answer_save(
        assessment=assessment,
        code="A2.3",
        data=services.AnswerInput(value=3, evidence_document=regeling.pk),
        user=None,
    )
    data["A2_3-value"] = "2"
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/A2.3/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409


def test_evidence_shows_in_results_exports_and_the_json(signed_in, assessment, regeling):
    services.answer_save(
        assessment=assessment,
        code="A2.3",
        data=services.AnswerInput(value=3, evidence_document=regeling.pk, evidence_location="p. 4"),
        user=None,
    )
    csv = answers_csv(assessment)
    assert csv.splitlines()[0].endswith("document;artikel of pagina") or csv.splitlines()[
        0
    ].endswith("document,artikel of pagina")
    assert "Regeling GR Bewijs 2024 (Gemeenschappelijke regeling, 2024)" in csv
    data = assessment_json(assessment, with_panel=False)
    a23 = next(a for a in data["answers"] if a["id"] == "A2.3")
    assert a23["evidence"] == {
        "document": "Regeling GR Bewijs 2024 (Gemeenschappelijke regeling, 2024)",
        "location": "p. 4",
    }
    # existing keys stay as they were
    assert {"id", "theme", "value", "explanation", "documented"} <= set(a23)
    results = signed_in.get(f"/evaluaties/{assessment.pk}/resultaten/").content.decode()
    assert "Regeling GR Bewijs 2024" in results and "p. 4" in results


def test_export_assessment_json_carries_the_evidence(assessment, regeling, capsys):
    services.answer_save(
        assessment=assessment,
        code="A2.3",
        data=services.AnswerInput(value=3, evidence_document=regeling.pk, evidence_location="p. 4"),
        user=None,
    )
    call_command("export_assessment", str(assessment.pk), "--json")
    answers = json.loads(capsys.readouterr().out)["answers"]
    assert next(a for a in answers if a["id"] == "A2.3")["evidence"]["location"] == "p. 4"
    assert next(a for a in answers if a["id"] == "A2.4")["evidence"] == {
        "document": None,
        "location": "",
    }


def test_the_next_round_carries_the_evidence_over(assessment, regeling):
    import datetime

    from assessments.rounds.services import round_start_next

    services.answer_save(
        assessment=assessment,
        code="A2.3",
        data=services.AnswerInput(value=3, evidence_document=regeling.pk, evidence_location="p. 4"),
        user=None,
    )
    previous = assessment.round
    following = round_start_next(
        previous,
        period="2027",
        opens_on=previous.opens_on + datetime.timedelta(days=1),
        due_on=previous.opens_on + datetime.timedelta(days=60),
    )
    copy = Answer.objects.get(assessment__round=following, recommendation__code="A2.3")
    assert (copy.evidence_document, copy.evidence_location, copy.is_taken_over) == (
        regeling,
        "p. 4",
        True,
    )


def test_the_report_appendix_lists_the_evidence_per_answer(assessment, regeling):
    from django.utils import timezone

    from assessments.constants import AssessmentStatus
    from assessments.questionnaire.checklist import checklist_save, checklist_topics
    from assessments.reports.assessment_report import build_assessment_report
    from assessments.reports.render import render_report_html
    from assessments.reports.round_report import build_round_report

    services.answer_save(
        assessment=assessment,
        code="A2.3",
        data=services.AnswerInput(
            value=3,
            evidence_document=regeling.pk,
            evidence_location="art. 12 lid 3",
            evidence_url="https://example.org/verslag",
        ),
        user=None,
    )
    topics = checklist_topics(assessment.round.framework_id)
    checklist_save(
        assessment=assessment,
        entries={t.item_id: ("ja", f"art. {n}") for n, t in enumerate(topics[:9], start=1)}
        | {topics[12].item_id: ("nee", "")},
        user=None,
    )
    html = render_report_html(build_assessment_report(assessment))
    appendix = html[html.index('id="bijlage-onderbouwing"') :]
    assert "Bijlage: onderbouwing per antwoord" in appendix
    assert "Regeling GR Bewijs 2024 (Gemeenschappelijke regeling, 2024)" in appendix
    assert "art. 12 lid 3" in appendix and "Gemeenteblad 2024, 12345" in appendix
    assert "https://lokaleregelgeving.overheid.nl/CVDR700001" in appendix
    assert "https://example.org/verslag" in appendix
    assert "9 van 14 onderwerpen geregeld; ontbreekt: Periodieke evaluaties;" in appendix
    assert "A2.4" not in appendix  # no evidence, no row

    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save()
    round_html = render_report_html(build_round_report(assessment.round))
    round_appendix = round_html[round_html.index('id="bijlage-onderbouwing"') :]
    assert "art. 12 lid 3" in round_appendix
    assert "Gemeente Aalstad" in round_appendix or "R1" in round_appendix


def test_a_document_title_or_article_that_looks_like_a_formula_stays_text(assessment, partnership):
    import io

    from openpyxl import load_workbook

    from assessments.questionnaire.exports import assessment_xlsx

    document = PartnershipDocument.objects.create(
        partnership=partnership,
        kind=DocumentKind.OVERIG,
        title='=HYPERLINK("https://evil.example")',
        url="https://example.org/x",
    )
    services.answer_save(
        assessment=assessment,
        code="A2.3",
        data=services.AnswerInput(
            value=3, evidence_document=document.pk, evidence_location="+art. 1"
        ),
        user=None,
    )
    csv = answers_csv(assessment)
    assert "'=HYPERLINK" in csv and "'+art. 1" in csv
    book = load_workbook(io.BytesIO(assessment_xlsx(assessment)))
    cells = [c for row in book["Antwoorden"].iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(str(c.value).endswith('=HYPERLINK("https://evil.example") (Overig)') for c in cells)
