"""The round's action plan: a gap opens the form for a next step, which is made on saving
with an owner, a due date and a status; the list shows them; only who manages next steps
changes them."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from assessments.constants import NextStepStatus, Perspective
from assessments.models import NextStep
from partnerships.constants import BodyKind, Role
from partnerships.models import Body
from principles.models import Recommendation
from tests.factories import make_assessment, make_next_step, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(gids):
    partnership = make_partnership(
        "GR Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    Body.objects.create(partnership=partnership, kind=BodyKind.AB, name="AB Rivierenland")
    return partnership


@pytest.fixture
def round_(partnership):
    return make_round(partnership, period="2026")


@pytest.fixture
def assessment(round_):
    return make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD, answers={"A2.1": 0}
    )


@pytest.fixture
def secretaris(client):
    user = make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad")
    client.force_login(user)
    return user


def test_a_gap_opens_the_form_and_the_step_is_made_on_saving(
    client, secretaris, assessment, round_
):
    url = f"/rondes/{round_.pk}/vervolgstappen/nieuw/"
    form = client.get(url, {"aanbeveling": "A2.1"}).content.decode()
    assert not NextStep.objects.exists()  # nothing is made before saving
    assert "Bij aanbeveling A2.1:" in form
    assert "Werk aanbeveling A2.1 verder uit:" in form  # the description to start from
    assert "AB Rivierenland" in form  # the partnership's bodies can own a step

    ab = Body.objects.get(name="AB Rivierenland")
    response = client.post(
        f"{url}?aanbeveling=A2.1",
        {
            "recommendation": Recommendation.objects.get(
                code="A2.1", theme__part__framework=round_.framework
            ).pk,
            "description": "Werk aanbeveling A2.1 verder uit.",
            "owner_body": ab.pk,
            "owner": "",
            "due_on": "2026-10-01",
            "status": NextStepStatus.OPEN,
        },
    )
    step = NextStep.objects.get(round=round_)
    assert response.status_code == 302
    assert step.recommendation.code == "A2.1"
    assert (step.status, step.created_by) == (NextStepStatus.OPEN, secretaris)

    response = client.post(
        f"/vervolgstappen/{step.pk}/",
        {
            "description": "Kaderbrief opstellen met de raden.",
            "owner_body": ab.pk,
            "owner": "",
            "due_on": "2026-12-31",
            "status": NextStepStatus.BEZIG,
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.description, step.owner_body, step.due_on, step.status) == (
        "Kaderbrief opstellen met de raden.",
        ab,
        date(2026, 12, 31),
        NextStepStatus.BEZIG,
    )

    plan = client.get(f"/rondes/{round_.pk}/vervolgstappen/").content.decode()
    row = plan.split(f'<tr id="stap-{step.pk}">')[1].split("</tr>")[0]
    assert "Kaderbrief opstellen met de raden." in row
    assert "AB Rivierenland" in row and "31 december 2026" in row and "Bezig" in row
    assert "A2.1" in row


def test_marking_a_step_done_records_the_date_and_reopening_clears_it(client, secretaris, round_):
    step = make_next_step(round_, owner="Griffie")
    data = {"description": step.description, "owner": "Griffie", "status": "afgerond"}
    client.post(f"/vervolgstappen/{step.pk}/", data)
    step.refresh_from_db()
    assert step.status == NextStepStatus.AFGEROND and step.completed_on is not None
    client.post(f"/vervolgstappen/{step.pk}/", {**data, "status": "bezig"})
    step.refresh_from_db()
    assert (step.status, step.completed_on) == (NextStepStatus.BEZIG, None)


def test_a_step_needs_a_description_and_an_owner(client, secretaris, round_):
    step = make_next_step(round_, owner="Griffie")
    response = client.post(
        f"/vervolgstappen/{step.pk}/", {"description": "", "owner": "", "status": "open"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Beschrijf de vervolgstap." in html
    assert "Wie trekt deze stap?" in html
    step.refresh_from_db()
    assert step.owner == "Griffie"


def test_a_body_of_another_partnership_cannot_own_a_step(client, secretaris, round_, gids):
    other = make_partnership("GR Elders", participants=["Gemeente Aalstad"])
    foreign = Body.objects.create(partnership=other, kind=BodyKind.AB, name="AB Elders")
    step = make_next_step(round_, owner="Griffie")
    response = client.post(
        f"/vervolgstappen/{step.pk}/",
        {"description": "x", "owner_body": foreign.pk, "owner": "", "status": "open"},
    )
    assert response.status_code == 400
    step.refresh_from_db()
    assert step.owner_body is None and step.description != "x"


def test_a_step_can_be_added_without_a_gap(client, secretaris, round_):
    form = client.get(f"/rondes/{round_.pk}/vervolgstappen/nieuw/?aanbeveling=A3.1")
    assert form.status_code == 200
    assert 'value="' in form.content.decode() and "A3.1 — " in form.content.decode()
    response = client.post(
        f"/rondes/{round_.pk}/vervolgstappen/nieuw/",
        {"description": "Evaluatie plannen.", "owner": "Griffie", "status": "open"},
    )
    assert response.status_code == 302
    step = NextStep.objects.get(round=round_)
    assert (step.description, step.owner, step.recommendation) == (
        "Evaluatie plannen.",
        "Griffie",
        None,
    )


def test_a_gap_that_does_not_apply_is_refused(client, secretaris, round_):
    for code in ("A14.1", "B1.1", "X1.1"):  # A14 only for a centrumregeling; B for networks
        response = client.post(f"/rondes/{round_.pk}/vervolgstappen/nieuw/", {"from_gap": code})
        assert response.status_code == 400
        assert f"Aanbeveling {code} hoort niet bij" in response.content.decode()
    assert not NextStep.objects.exists()


def test_who_may_not_manage_next_steps_can_read_but_not_change(client, round_):
    step = make_next_step(round_, owner="Griffie")
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    plan = client.get(f"/rondes/{round_.pk}/vervolgstappen/").content.decode()
    assert step.description in plan and "Vervolgstap toevoegen" not in plan
    assert (
        client.post(f"/rondes/{round_.pk}/vervolgstappen/nieuw/", {"from_gap": "A2.1"}).status_code
        == 403
    )
    response = client.post(
        f"/vervolgstappen/{step.pk}/", {"description": "x", "owner": "y", "status": "afgerond"}
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.status == NextStepStatus.OPEN and NextStep.objects.count() == 1


def test_another_partnerships_action_plan_is_not_found(client, round_, gids):
    step = make_next_step(round_)
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Cederveen"))
    assert client.get(f"/rondes/{round_.pk}/vervolgstappen/").status_code == 404
    assert client.get(f"/vervolgstappen/{step.pk}/").status_code == 404
    response = client.post(f"/rondes/{round_.pk}/vervolgstappen/nieuw/", {"from_gap": "A2.1"})
    assert response.status_code == 404
    assert NextStep.objects.count() == 1


def test_the_action_plan_downloads_as_csv_and_excel(client, secretaris, round_):
    make_next_step(
        round_,
        description='=HYPERLINK("http://example.org")',
        owner="Griffie",
        due_on=date(2026, 6, 1),
        recommendation="A2.1",
    )
    csv = client.get(f"/rondes/{round_.pk}/vervolgstappen.csv")
    text = csv.content.decode("utf-8")
    assert csv["Content-Type"].startswith("text/csv")
    assert "attachment" in csv["Content-Disposition"]
    assert text.startswith("\ufeffnummer;aanbeveling;omschrijving;eigenaar;gereed op;status")
    assert ";A2.1;\"'=HYPERLINK(" in text and ";Griffie;2026-06-01;Open" in text

    xlsx = client.get(f"/rondes/{round_.pk}/vervolgstappen.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Vervolgstappen"]
    row = [c.value for c in sheet[2]]
    assert row[1:] == [
        "A2.1",
        '\'=HYPERLINK("http://example.org")',
        "Griffie",
        "2026-06-01",
        "Open",
    ]
    assert sheet.cell(2, 3).data_type == "s"  # text, never a formula


def test_the_plan_lists_open_steps_first_then_under_way_then_done(client, secretaris, round_):
    done = make_next_step(round_, description="Klaar.", status=NextStepStatus.AFGEROND)
    busy = make_next_step(round_, description="Bezig.", status=NextStepStatus.BEZIG)
    later = make_next_step(round_, description="Later.", due_on=date(2027, 1, 1))
    soon = make_next_step(round_, description="Eerst.", due_on=date(2026, 2, 1))
    html = client.get(f"/rondes/{round_.pk}/vervolgstappen/").content.decode()
    order = [html.index(f'id="stap-{s.pk}"') for s in (soon, later, busy, done)]
    assert order == sorted(order)


def test_the_griffier_turns_the_raads_gap_into_a_next_step_from_the_results_page(
    client, assessment, round_
):
    griffier = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    client.force_login(griffier)
    results = client.get(f"/evaluaties/{assessment.pk}/resultaten/").content.decode()
    assert f'href="/rondes/{round_.pk}/vervolgstappen/nieuw/?aanbeveling=A2.1"' in results
    response = client.post(
        f"/rondes/{round_.pk}/vervolgstappen/nieuw/",
        {"description": "Kaders opstellen.", "owner": "Griffie", "status": "open"},
    )
    assert response.status_code == 302
    step = NextStep.objects.get(round=round_)
    assert (step.description, step.created_by) == ("Kaders opstellen.", griffier)
