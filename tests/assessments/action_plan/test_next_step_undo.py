"""A next step can be taken back: opening the form from a gap makes nothing until saving, and
a step can be deleted after a confirmation by whoever may manage it, with a record of it
in the round's history."""

import pytest

from assessments.action_plan.services import NextStepError, next_step_delete
from assessments.constants import Perspective
from assessments.models import NextStep
from partnerships.constants import Role
from tests.factories import make_assessment, make_next_step, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(gids):
    partnership = make_partnership("GR Terugland", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership, period="2026")
    make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD, answers={"A2.1": 0}
    )
    return round_


@pytest.fixture
def griffier(client):
    user = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="griet")
    user.first_name, user.last_name = "Griet", "Griffier"
    user.save()
    client.force_login(user)
    return user


def test_opening_a_step_from_a_gap_and_cancelling_leaves_nothing(client, griffier, round_):
    url = f"/rondes/{round_.pk}/vervolgstappen/nieuw/"
    form = client.get(url, {"aanbeveling": "A2.1"})
    assert form.status_code == 200
    html = form.content.decode()
    assert "wordt pas gemaakt als u op ‘Opslaan’ klikt" in html
    assert f'href="/rondes/{round_.pk}/vervolgstappen/">Annuleren</a>' in html
    # a results page from before still posts its gap: it opens the same form, nothing more
    response = client.post(url, {"from_gap": "A2.1"})
    assert response.status_code == 302 and response["Location"] == f"{url}?aanbeveling=A2.1"
    assert not NextStep.objects.exists()
    plan = client.get(f"/rondes/{round_.pk}/vervolgstappen/").content.decode()
    assert "Er zijn nog geen vervolgstappen" in plan


def test_a_step_is_deleted_after_confirmation_and_the_history_keeps_it(client, griffier, round_):
    step = make_next_step(round_, description="Kaderbrief opstellen.", owner="Griffie")
    edit = client.get(f"/vervolgstappen/{step.pk}/").content.decode()
    assert f'href="/vervolgstappen/{step.pk}/verwijderen/"' in edit

    confirm = client.get(f"/vervolgstappen/{step.pk}/verwijderen/")
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Vervolgstap verwijderen?" in html and "Kaderbrief opstellen." in html
    assert NextStep.objects.filter(pk=step.pk).exists()  # asking deletes nothing

    response = client.post(f"/vervolgstappen/{step.pk}/verwijderen/", follow=True)
    assert response.redirect_chain[-1][0] == f"/rondes/{round_.pk}/vervolgstappen/"
    assert not NextStep.objects.filter(pk=step.pk).exists()
    plan = response.content.decode()
    assert "De vervolgstap is verwijderd." in plan
    history = plan.split('id="stappen-historie-kop"')[1]
    assert "Griet Griffier" in history and "verwijderd" in history
    assert "Kaderbrief opstellen." in history
    csv = client.get(f"/rondes/{round_.pk}/vervolgstappen.csv").content.decode("utf-8")
    assert "Kaderbrief opstellen." not in csv


def test_who_may_not_manage_steps_cannot_delete_one(client, round_):
    step = make_next_step(round_, owner="Griffie")
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    assert client.get(f"/vervolgstappen/{step.pk}/verwijderen/").status_code == 403
    assert client.post(f"/vervolgstappen/{step.pk}/verwijderen/").status_code == 403
    plan = client.get(f"/rondes/{round_.pk}/vervolgstappen/").content.decode()
    assert "/verwijderen/" not in plan

    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Cederveen"))
    assert client.post(f"/vervolgstappen/{step.pk}/verwijderen/").status_code == 404
    assert NextStep.objects.filter(pk=step.pk).exists()


def test_deleting_a_step_that_is_already_gone_is_refused_in_dutch(client, griffier, round_):
    step = make_next_step(round_, owner="Griffie")
    next_step_delete(step=step, user=griffier)
    with pytest.raises(NextStepError, match="bestaat niet meer"):
        next_step_delete(step=step, user=griffier)
    record = NextStep.history.get(id=step.pk, history_type="-")
    assert record.history_user == griffier
