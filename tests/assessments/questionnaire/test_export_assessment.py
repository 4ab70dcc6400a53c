"""`export_assessment ID --json` (DESIGN.md contract) and the CSV/Excel downloads: the same
numbers as the results page."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from assessments.constants import Perspective
from assessments.presentation import fmt_pct
from assessments.scores import round_applicability
from partnerships.constants import LegalForm, Role
from tests.factories import make_assessment, make_next_step, make_partnership, make_round, make_user

# These tests are about other rules than which items a perspective may skip.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]


@pytest.fixture
def assessment(gids):
    partnership = make_partnership(
        "GR Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    round_ = make_round(partnership, period="2026")
    assessment = make_assessment(
        round_,
        organisation="Gemeente Aalstad",
        perspective=Perspective.RAAD,
        answers={
            "A1.1": (4, "Staat in de regeling."),
            "A1.2": 1,
            "A1.3": ("nvt", "Geen eigen taak."),
            "A2.1": "weet_niet",
            "A2.2": (2, "=SUM(A1:A9)"),
            "A5.7": 3,
        },
    )
    make_next_step(
        round_,
        description="Kaders met de raad bespreken.",
        owner="Griffie Aalstad",
        recommendation="A1.2",
        due_on=None,
    )
    return assessment


def export(pk: int) -> dict:
    out = io.StringIO()
    call_command("export_assessment", str(pk), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_follows_the_contract(assessment):
    data = export(assessment.pk)
    assert list(data) == [
        "id",
        "partnership",
        "perspective",
        "status",
        "target",
        "answers",
        "themes",
        "overall_pct",
        "completeness_pct",
        "gaps",
        "next_steps",
    ]
    assert (data["id"], data["partnership"], data["perspective"], data["status"]) == (
        assessment.pk,
        "GR Rivierenland",
        "raad",
        "draft",
    )
    assert data["target"] == 3
    applicable = round_applicability(assessment.round).item_pairs()
    assert [(a["id"], a["theme"]) for a in data["answers"]] == applicable
    by_id = {a["id"]: a for a in data["answers"]}
    assert by_id["A1.1"] == {
        "id": "A1.1",
        "theme": "A1",
        "value": 4,
        "explanation": "Staat in de regeling.",
        "documented": None,
        "evidence": {"document": None, "location": ""},
        "panel": [],
    }
    assert by_id["A1.3"]["value"] == "nvt" and by_id["A2.1"]["value"] == "weet_niet"
    assert by_id["A1.4"] == {
        "id": "A1.4",
        "theme": "A1",
        "value": None,
        "explanation": "",
        "documented": None,
        "evidence": {"document": None, "location": ""},
        "panel": [],
    }
    themes = {t["code"]: t for t in data["themes"]}
    assert set(themes["A1"]) == {"code", "score_pct", "scored", "applicable"}
    assert themes["A1"] == {"code": "A1", "score_pct": 62.5, "scored": 2, "applicable": 4}
    assert themes["A2"]["score_pct"] == 50.0
    assert themes["A3"] == {"code": "A3", "score_pct": None, "scored": 0, "applicable": 3}
    assert "A13" not in themes and "A14" not in themes
    assert data["overall_pct"] == round((62.5 + 50.0 + 75.0) / 3, 1)
    assert data["completeness_pct"] == round(6 / len(applicable) * 100, 1)
    assert data["gaps"] == [
        {"id": "A1.2", "value": 1, "target": 3},
        {"id": "A2.2", "value": 2, "target": 3},
        {"id": "A2.1", "value": "weet_niet", "target": 3},
    ]
    step = assessment.round.next_steps.get()
    assert data["next_steps"] == [
        {
            "id": step.pk,
            "description": "Kaders met de raad bespreken.",
            "owner": "Griffie Aalstad",
            "due": None,
            "status": "open",
        }
    ]


def test_json_matches_the_results_page(client, assessment):
    data = export(assessment.pk)
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = client.get(f"/evaluaties/{assessment.pk}/resultaten/").content.decode()

    def dutch(value: float) -> str:
        # The page shows whole percentages; the JSON keeps the float.
        return fmt_pct(value)

    assert f'id="totaalscore">{dutch(data["overall_pct"])}</p>' in html
    assert f'id="volledigheid">{dutch(data["completeness_pct"])}</p>' in html
    for theme in data["themes"]:
        row = html.split(f'<tr data-theme="{theme["code"]}">')[1].split("</tr>")[0]
        expected = dutch(theme["score_pct"]) if theme["score_pct"] is not None else "geen score"
        assert expected in row
        assert f"{theme['scored']} van {theme['applicable']}" in row
    page_gaps = re.findall(r'id="gap-(\w+)"', html)
    assert page_gaps == [g["id"].replace(".", "_") for g in data["gaps"]]


def test_a_submitted_assessment_and_a_changed_target(assessment):
    assessment.round.target = 2
    assessment.round.save()
    from django.utils import timezone

    assessment.status, assessment.submitted_at = "submitted", timezone.now()
    assessment.save()
    data = export(assessment.pk)
    assert data["status"] == "submitted" and data["target"] == 2
    assert data["gaps"] == [
        {"id": "A1.2", "value": 1, "target": 2},
        {"id": "A2.1", "value": "weet_niet", "target": 2},
    ]


def test_excluded_recommendations_are_left_out(gids):
    centrum = make_partnership(
        "Sociaal Domein Centrum",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    assessment = make_assessment(
        make_round(centrum), organisation="Gemeente Aalstad", answers={"A5.7": 0}
    )
    data = export(assessment.pk)
    assert "A5.7" not in [a["id"] for a in data["answers"]]
    assert data["gaps"] == [] and data["completeness_pct"] == 0.0


def test_unknown_id_is_a_clear_error(gids):
    with pytest.raises(CommandError, match="Zelfevaluatie 999999 bestaat niet."):
        call_command("export_assessment", "999999", "--json")


def test_without_json_prints_a_summary(assessment):
    out = io.StringIO()
    call_command("export_assessment", str(assessment.pk), stdout=out)
    text = out.getvalue()
    assert "GR Rivierenland" in text and "Totaalscore:" in text and "A1.2" in text


def test_csv_download_has_every_applicable_item(client, assessment):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    response = client.get(f"/evaluaties/{assessment.pk}/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="zelfevaluatie-' in response["Content-Disposition"]
    lines = response.content.decode("utf-8").splitlines()
    assert lines[0] == (
        "\ufeffthema;aanbeveling;tekst;waarde;betekenis;toelichting;onderbouwing;vastgelegd;"
        "gewijzigd op;gewijzigd door;document;artikel of pagina"
    )
    assert len(lines) == 1 + len(round_applicability(assessment.round).item_pairs())
    a11 = next(line for line in lines if line.startswith("A1;A1.1;"))
    assert ";4;4 Volledig;Staat in de regeling.;" in a11
    a22 = next(line for line in lines if line.startswith("A2;A2.2;"))
    assert ";'=SUM(A1:A9);" in a22  # a formula stays text
    assert any(line.startswith("A1;A1.4;") and ";;Nog niet beantwoord;" in line for line in lines)


def test_excel_download_has_summary_answers_and_next_steps(client, assessment):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    response = client.get(f"/evaluaties/{assessment.pk}/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Samenvatting", "Antwoorden", "Vervolgstappen"]
    data = export(assessment.pk)
    summary = {row[0]: row[1] for row in book["Samenvatting"].iter_rows(values_only=True) if row[0]}
    assert summary["Totaalscore (%)"] == data["overall_pct"]
    assert summary["Beantwoord (%)"] == data["completeness_pct"]
    answers = {row[1]: row for row in book["Antwoorden"].iter_rows(min_row=2, values_only=True)}
    assert answers["A1.1"][3] == 4 and answers["A1.3"][3] == "nvt"
    assert answers["A2.2"][5] == "'=SUM(A1:A9)"
    steps = list(book["Vervolgstappen"].iter_rows(min_row=2, values_only=True))
    assert [s[2] for s in steps] == ["Kaders met de raad bespreken."]


def test_downloads_are_private(client, assessment):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp"))
    assert client.get(f"/evaluaties/{assessment.pk}/export.csv").status_code == 404
    assert client.get(f"/evaluaties/{assessment.pk}/export.xlsx").status_code == 404
