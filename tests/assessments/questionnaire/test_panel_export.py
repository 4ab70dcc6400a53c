"""The raad panel in exports: the beheerder's JSON command carries every member's answer per
item ("panel": [] without a panel); the web downloads never do."""

import inspect
import json
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from assessments.questionnaire.exports import assessment_json
from assessments.questionnaire.panel import services
from assessments.questionnaire.panel.selectors import raad_codes
from assessments.questionnaire.panel.services import PanelInput
from partnerships.constants import Role
from tests.factories import (
    make_assessment,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db


def _export(pk: int) -> dict:
    out = StringIO()
    call_command("export_assessment", str(pk), "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def raad_with_panel(gids, django_capture_on_commit_callbacks):
    aalstad = make_organisation("Gemeente Aalstad")
    round_ = make_round(make_partnership(participants=[aalstad, "Gemeente Beekdorp"]))
    raad = make_assessment(round_, organisation=aalstad, answers={"A1.1": 2})
    griffier = make_user(Role.GRIFFIER, organisation=aalstad)
    members = []
    for first, email in (("Anna", "anna@a.nl"), ("Bart", "bart@a.nl")):
        with django_capture_on_commit_callbacks(execute=True):
            members.append(
                services.member_invite(
                    assessment=raad,
                    first_name=first,
                    last_name="Lid",
                    email=email,
                    user=griffier,
                    base_url="http://testserver",
                )
            )
    code = raad_codes(raad)[0]
    services.member_answers_save(member=members[0], data={code: PanelInput(3, "PANEL-UITLEG")})
    services.member_answers_save(member=members[1], data={code: PanelInput("weet_niet")})
    return raad, griffier, code


def test_every_answer_carries_the_panel_in_the_command_export(raad_with_panel):
    raad, _, code = raad_with_panel
    data = _export(raad.pk)
    assert all("panel" in answer for answer in data["answers"])
    by_id = {a["id"]: a for a in data["answers"]}
    assert by_id[code]["panel"] == [
        {"member": "Anna Lid", "value": 3, "explanation": "PANEL-UITLEG"},
        {"member": "Bart Lid", "value": "weet_niet", "explanation": ""},
    ]
    other = next(c for c in raad_codes(raad) if c != code)
    assert [m["value"] for m in by_id[other]["panel"]] == [None, None]
    skipped = next(a["id"] for a in data["answers"] if a["id"] not in raad_codes(raad))
    assert by_id[skipped]["panel"] == []  # not one of the raad's questions: nobody was asked


def test_without_a_panel_the_list_is_empty(gids):
    round_ = make_round(make_partnership())
    college = make_assessment(round_, organisation="Gemeente Aalstad", perspective="college")
    data = _export(college.pk)
    assert data["answers"] and all(a["panel"] == [] for a in data["answers"])


def test_web_downloads_never_carry_panel_answers(client, raad_with_panel):
    raad, griffier, _ = raad_with_panel
    client.force_login(griffier)
    csv = client.get(f"/evaluaties/{raad.pk}/export.csv").content.decode("utf-8-sig")
    assert "PANEL-UITLEG" not in csv and "Anna" not in csv
    workbook = load_workbook(BytesIO(client.get(f"/evaluaties/{raad.pk}/export.xlsx").content))
    cells = [str(c.value) for ws in workbook for row in ws.iter_rows() for c in row]
    assert not any("PANEL-UITLEG" in c or "Anna" in c for c in cells)


def test_the_json_export_must_say_whether_it_carries_the_panel(raad_with_panel):
    raad, _, code = raad_with_panel
    assert inspect.signature(assessment_json).parameters["with_panel"].default is (
        inspect.Parameter.empty
    )
    with pytest.raises(TypeError):
        assessment_json(raad)  # type: ignore[call-arg]
    plain = assessment_json(raad, with_panel=False)
    assert all("panel" not in a for a in plain["answers"])
    assert "PANEL-UITLEG" not in json.dumps(plain)
