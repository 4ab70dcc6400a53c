"""Rounds with several respondents: opening, the round page, reminders, access."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.constants import AssessmentStatus, EventKind, Perspective
from assessments.models import Assessment, AssessmentEvent, AssessmentRound
from partnerships.constants import Role
from partnerships.models import Participation
from tests.factories import (
    make_assessment,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db


def _participation(partnership, name):
    return Participation.objects.get(partnership=partnership, organisation__name=name)


def _create_data(partnership, **extra):
    aalstad = _participation(partnership, "Gemeente Aalstad")
    beekdorp = _participation(partnership, "Gemeente Beekdorp")
    today = timezone.localdate()
    data = {
        "period": "2026",
        "opens_on": today.isoformat(),
        "due_on": (today + timedelta(weeks=6)).isoformat(),
        "target": "3",
        f"invite_p{aalstad.pk}-raad": "on",
        f"email_p{aalstad.pk}-raad": "griffie@aalstad.nl",
        f"invite_p{beekdorp.pk}-college": "on",
        "invite_directeur": "on",
        "email_directeur": "directeur@rivierenland.nl",
        # an e-mail address without its box ticked invites nobody
        f"email_p{beekdorp.pk}-raad": "griffie@beekdorp.nl",
    }
    data.update(extra)
    return data


def test_directeur_opens_a_round_with_a_checklist(client, partnership, directeur):
    client.force_login(directeur)
    url = f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<legend" in html and "Gemeente Aalstad" in html and "Samenwerkingsverband" in html
    assert "Dagelijks bestuur" in html and "Contramal" in html

    response = client.post(url, _create_data(partnership))
    round_ = AssessmentRound.objects.get(partnership=partnership, period="2026")
    assert response.status_code == 302 and response["Location"] == f"/rondes/{round_.pk}/"
    invited = {
        (a.participation.organisation.name if a.participation else None, a.perspective): (
            a.respondent_email,
            a.status,
        )
        for a in round_.assessments.select_related("participation__organisation")
    }
    assert invited == {
        ("Gemeente Aalstad", Perspective.RAAD): ("griffie@aalstad.nl", AssessmentStatus.DRAFT),
        ("Gemeente Beekdorp", Perspective.COLLEGE): ("", AssessmentStatus.DRAFT),
        (None, Perspective.DIRECTEUR): ("directeur@rivierenland.nl", AssessmentStatus.DRAFT),
    }
    assert round_.created_by == directeur and round_.target == 3
    page = client.get(response["Location"])
    assert "Ronde 2026 is geopend met 3 respondenten." in page.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no_respondents", "Kies ten minste één respondent om uit te nodigen."),
        ("due_before_open", "De einddatum ligt vóór de begindatum."),
        ("bad_email", "Vul een geldig e-mailadres in of laat het leeg."),
        ("period_taken", "Er is al een ronde met de periode 2026"),
    ],
)
def test_bad_input_saves_nothing(client, partnership, directeur, change, message):
    client.force_login(directeur)
    data = _create_data(partnership)
    if change == "no_respondents":
        data = {k: v for k, v in data.items() if not k.startswith("invite_")}
    elif change == "due_before_open":
        data["due_on"] = (timezone.localdate() - timedelta(days=1)).isoformat()
    elif change == "bad_email":
        data["email_directeur"] = "geen-adres"
    else:
        make_round(partnership, period="2026")
    before = (AssessmentRound.objects.count(), Assessment.objects.count())
    response = client.post(f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (AssessmentRound.objects.count(), Assessment.objects.count()) == before


def test_beheerder_may_open_a_round(client, partnership):
    client.force_login(make_user(Role.BEHEERDER))
    response = client.post(
        f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/", _create_data(partnership)
    )
    assert response.status_code == 302
    assert AssessmentRound.objects.filter(partnership=partnership).count() == 1


def test_griffier_cannot_open_a_round(client, partnership):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    url = f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/"
    assert client.get(url).status_code == 403
    assert client.post(url, _create_data(partnership)).status_code == 403
    assert not AssessmentRound.objects.exists()


def test_directeur_of_another_partnership_cannot_open_a_round(client, partnership):
    other = make_partnership("Regio Elders", participants=["Gemeente Cedam"])
    client.force_login(make_user(Role.DIRECTEUR, partnership=other))
    url = f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/"
    assert client.get(url).status_code == 404


def test_other_organisation_gets_404_on_every_round_page(client, partnership):
    round_ = make_round(partnership)
    a = make_assessment(round_, organisation="Gemeente Aalstad", submitted=True)
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Zuiderzee"))
    for url in (
        f"/rondes/{round_.pk}/",
        f"/rondes/{round_.pk}/naast-elkaar/",
        f"/rondes/{round_.pk}/trend/",
        f"/evaluaties/{a.pk}/trend/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/rondes/{round_.pk}/herinneringen/").status_code == 404
    assert client.post(f"/rondes/{round_.pk}/volgende/").status_code == 404


def test_anonymous_is_sent_to_login(client, partnership):
    round_ = make_round(partnership)
    response = client.get(f"/rondes/{round_.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def overdue_round(partnership):
    today = timezone.localdate()
    round_ = make_round(
        partnership, opens_on=today - timedelta(days=60), due_on=today - timedelta(days=1)
    )
    submitted = make_assessment(
        round_, organisation="Gemeente Aalstad", submitted=True, answers={"A1.1": 3, "A1.2": 2}
    )
    late = make_assessment(
        round_, organisation="Gemeente Beekdorp", answers={"A1.1": 1, "A1.2": "weet_niet"}
    )
    late.respondent_email = "griffie@beekdorp.nl"
    late.save()
    no_email = make_assessment(round_, perspective=Perspective.DB)
    return round_, submitted, late, no_email


def test_round_page_shows_invited_answered_overdue_and_progress(
    client, overdue_round, directeur, every_item_asked
):
    round_, submitted, late, no_email = overdue_round
    client.force_login(directeur)
    html = client.get(f"/rondes/{round_.pk}/").content.decode()
    assert "1 van 3" in html and "2</strong> zijn te laat" in html
    assert "Ingediend" in html and "Te laat" in html
    assert '<progress value="2" max=' in html  # two answers of the late respondent
    # the reminder list: only the late respondent with an address; the DB has none
    reminders = html[html.index('id="herinneringen"') :]
    assert "griffie@beekdorp.nl" in reminders
    assert "Herinneringen versturen (1)" in reminders
    assert "Geen e-mailadres bekend" in reminders and "Dagelijks bestuur" in reminders


def test_participant_sees_round_page_without_addresses_or_reminders(client, overdue_round):
    round_, *_ = overdue_round
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    response = client.get(f"/rondes/{round_.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Te laat" in html
    assert "griffie@beekdorp.nl" not in html and 'id="herinneringen"' not in html


def test_reminders_go_to_late_respondents_with_an_address(client, overdue_round, directeur):
    round_, submitted, late, no_email = overdue_round
    client.force_login(directeur)
    response = client.post(f"/rondes/{round_.pk}/herinneringen/", follow=True)
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["griffie@beekdorp.nl"]]
    message = mail.outbox[0]
    assert "Herinnering" in message.subject and "Regio Rivierenland" in message.subject
    assert f"/evaluaties/{late.pk}/" in message.body
    html = response.content.decode()
    assert "Herinnering verstuurd aan 1 respondent" in html
    assert "Geen e-mailadres bekend, dus geen herinnering voor: Dagelijks bestuur" in html
    late.refresh_from_db()
    submitted.refresh_from_db()
    assert late.last_reminded_at is not None and submitted.last_reminded_at is None
    events = AssessmentEvent.objects.filter(kind=EventKind.REMINDED)
    assert [(e.assessment_id, e.user_id) for e in events] == [(late.pk, directeur.pk)]


def test_reminders_need_post_and_a_manager(client, overdue_round):
    round_, *_ = overdue_round
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    assert client.post(f"/rondes/{round_.pk}/herinneringen/").status_code == 403
    client.force_login(make_user(Role.BEHEERDER))
    assert client.get(f"/rondes/{round_.pk}/herinneringen/").status_code == 405
    assert mail.outbox == []


def _round_with(partnership, respondents: int) -> AssessmentRound:
    """A round with `respondents` assessments (raad and college of five participants), half
    of them submitted."""
    round_ = make_round(partnership, period=f"R{respondents}")
    orgs = [make_organisation(f"Gemeente Q{respondents}-{i}") for i in range(5)]
    for org in orgs:
        Participation.objects.create(partnership=partnership, organisation=org)
    slots = [(org, p) for org in orgs for p in (Perspective.RAAD, Perspective.COLLEGE)]
    for n, (org, perspective) in enumerate(slots[:respondents]):
        make_assessment(
            round_,
            organisation=org,
            perspective=perspective,
            submitted=n % 2 == 0,
            answers={"A1.1": n % 5, "A1.2": "nvt", "A2.1": 4 - n % 5},
        )
    return round_


@pytest.mark.parametrize("page", ["", "naast-elkaar/"])
def test_round_pages_run_a_constant_number_of_queries(
    client, partnership, directeur, django_assert_max_num_queries, page
):
    small, large = _round_with(partnership, 2), _round_with(partnership, 10)
    client.force_login(directeur)
    client.get(f"/rondes/{small.pk}/{page}")  # warm up sessions and caches
    with CaptureQueriesContext(connection) as two:
        assert client.get(f"/rondes/{small.pk}/{page}").status_code == 200
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = client.get(f"/rondes/{large.pk}/{page}")
    assert response.status_code == 200
    assert len(two.captured_queries) <= 20
